/*
 * test_transform.c - the transform registry against pandas / numpy / scipy / statsmodels
 * (tests/fixtures/transforms.csv from gen_transforms.py), edge cases (missing values, short
 * and constant series, empty input) and the parameter parser.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/transform.h"
#include "core/alloc.h"

#define MAX_INPUT 4096
#define MAX_NAMES 32

typedef struct input {
    char name[8];
    size_t n;
    mf_date dates[MAX_INPUT];
    double values[MAX_INPUT];
} input;

static input *inputs;
static size_t n_inputs;

static double parse_value(const char *s)
{
    return strcmp(s, "nan") == 0 ? NAN : strtod(s, NULL);
}

static void load_inputs(void)
{
    inputs = mf_calloc(MAX_NAMES, sizeof *inputs);
    n_inputs = 0;
    FILE *f = mf_test_fixture_open("transforms_input.csv");
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "name,", 5) == 0)
            continue;
        char *col[3];
        assert_int_equal(mf_test_split(line, ',', col, 3), 3);
        input *in = NULL;
        for (size_t i = 0; i < n_inputs; i++)
            if (strcmp(inputs[i].name, col[0]) == 0)
                in = &inputs[i];
        if (in == NULL) {
            assert_true(n_inputs < MAX_NAMES);
            in = &inputs[n_inputs++];
            snprintf(in->name, sizeof in->name, "%s", col[0]);
        }
        assert_true(in->n < MAX_INPUT);
        in->dates[in->n] = mf_test_date(col[1]);
        in->values[in->n++] = parse_value(col[2]);
    }
    fclose(f);
}

static const input *find_input(const char *name)
{
    for (size_t i = 0; i < n_inputs; i++)
        if (strcmp(inputs[i].name, name) == 0)
            return &inputs[i];
    fail_msg("no input '%s' in transforms_input.csv", name);
    return &inputs[0]; /* not reached */
}

/* One fixture case: its rows collected, then checked. */
typedef struct fcase {
    char id[16], transform[32], names[128], params[256];
    size_t n;
    mf_date dates[MAX_INPUT];
    double want[MAX_INPUT];
} fcase;

/* The largest relative difference to the oracle per transform, printed at the end. */
static double worst[64];

static void check_case(const fcase *c, size_t *defined)
{
    const mf_transform *t = mf_transform_find(c->transform);
    if (t == NULL)
        fail_msg("case %s: unknown transform '%s'", c->id, c->transform);
    char names[128];
    snprintf(names, sizeof names, "%s", c->names);
    char *col[MF_TF_MAX_INPUTS];
    size_t k = (size_t)mf_test_split(names, ';', col, MF_TF_MAX_INPUTS);
    double *x = mf_malloc(k * c->n * sizeof *x), *out = mf_malloc(c->n * sizeof *out);
    for (size_t j = 0; j < k; j++) {
        const input *in = find_input(col[j]);
        assert_int_equal(in->n, c->n);
        for (size_t i = 0; i < c->n; i++) {
            assert_int_equal(in->dates[i], c->dates[i]);
            x[j * c->n + i] = in->values[i];
        }
    }
    mf_tf_params p;
    mf_error err;
    if (mf_tf_params_parse(t, c->params, k, &p, &err) != 0)
        fail_msg("case %s: %s", c->id, err.msg);
    for (size_t i = 0; i < c->n; i++)
        out[i] = -12345.0; /* a sentinel the transform must overwrite */
    mf_tf_input in = {c->n, k, c->dates, x};
    if (t->run(&in, &p, out, &err) != 0)
        fail_msg("case %s: %s", c->id, err.msg);
    /* eigenvectors and the seasonal factors go through more arithmetic: 1e-9 */
    double tol = strcmp(t->name, "fci_pc1") == 0 ? 1e-9 : 1e-10;
    for (size_t i = 0; i < c->n; i++) {
        double want = c->want[i], got = out[i];
        char d[MF_DATE_ISO_SIZE];
        mf_date_format_iso(c->dates[i], d);
        if (isnan(want) != isnan(got) ||
            (!isnan(want) && fabs(got - want) > tol * fmax(1.0, fabs(want))))
            fail_msg("case %s %s(%s) %s at %s: got %.17g, want %.17g", c->id, c->transform,
                     c->params, c->names, d, got, want);
        if (!isnan(want)) {
            (*defined)++;
            size_t ti = 0;
            while (mf_transform_at(ti) != t)
                ti++;
            worst[ti] = fmax(worst[ti], fabs(got - want) / fmax(1.0, fabs(want)));
        }
    }
    mf_free(x);
    mf_free(out);
}

static void every_transform_matches_its_oracle(void **state)
{
    (void)state;
    load_inputs();
    FILE *f = mf_test_fixture_open("transforms.csv");
    fcase *c = mf_calloc(1, sizeof *c);
    char line[512];
    size_t cases = 0, defined = 0;
    bool seen[64] = {0};
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "case,", 5) == 0)
            continue;
        char *col[6];
        /* the params are the rest of the line: split the first five commas only */
        char *p = line;
        for (int i = 0; i < 5; i++) {
            col[i] = p;
            p = strchr(p, ',');
            assert_non_null(p);
            *p++ = '\0';
        }
        col[5] = p;
        col[5][strcspn(col[5], "\r\n")] = '\0';
        if (strcmp(col[0], c->id) != 0) {
            if (c->n > 0)
                check_case(c, &defined), cases++;
            memset(c, 0, sizeof *c);
            snprintf(c->id, sizeof c->id, "%s", col[0]);
            snprintf(c->transform, sizeof c->transform, "%s", col[1]);
            snprintf(c->names, sizeof c->names, "%s", col[2]);
            snprintf(c->params, sizeof c->params, "%s", col[5]);
        }
        c->dates[c->n] = mf_test_date(col[3]);
        c->want[c->n++] = parse_value(col[4]);
    }
    check_case(c, &defined), cases++;
    fclose(f);
    /* every registered transform has at least one oracle case */
    f = mf_test_fixture_open("transforms.csv");
    while (fgets(line, sizeof line, f)) {
        const mf_transform *t;
        for (size_t i = 0; (t = mf_transform_at(i)) != NULL; i++) {
            char key[48];
            snprintf(key, sizeof key, ",%s,", t->name);
            if (strstr(line, key) != NULL)
                seen[i] = true;
        }
    }
    fclose(f);
    const mf_transform *t;
    for (size_t i = 0; (t = mf_transform_at(i)) != NULL; i++)
        if (!seen[i])
            fail_msg("transform '%s' has no case in transforms.csv", t->name);
    for (size_t i = 0; (t = mf_transform_at(i)) != NULL; i++)
        print_message("%-16s largest difference to the oracle %.2g\n", t->name, worst[i]);
    assert_int_equal(cases, 66);
    assert_true(defined > 10000);
    mf_free(c);
    mf_free(inputs);
}

static void run_one(const char *name, const char *params, const double *x, size_t n, size_t k,
                    double *out)
{
    const mf_transform *t = mf_transform_find(name);
    assert_non_null(t);
    mf_date dates[64];
    assert_true(n <= 64);
    for (size_t i = 0; i < n; i++)
        dates[i] = mf_test_date("2024-01-31") + (mf_date)(31 * i);
    mf_tf_params p;
    mf_error err;
    if (mf_tf_params_parse(t, params, k, &p, &err) != 0)
        fail_msg("%s: %s", name, err.msg);
    mf_tf_input in = {n, k, dates, x};
    if (t->run(&in, &p, out, &err) != 0)
        fail_msg("%s: %s", name, err.msg);
}

static void constant_short_and_empty_series(void **state)
{
    (void)state;
    double c[20], out[20];
    for (size_t i = 0; i < 20; i++)
        c[i] = 7.385;
    run_one("zscore_rolling", "{\"window\":5,\"min_periods\":3}", c, 20, 1, out);
    for (size_t i = 0; i < 20; i++)
        assert_true(isnan(out[i])); /* std 0: undefined, not infinite */
    run_one("zscore_expanding", "{\"min_periods\":2}", c, 20, 1, out);
    assert_true(isnan(out[19]));
    run_one("vol_rolling", "{\"window\":5,\"min_periods\":5}", c, 20, 1, out);
    assert_true(isnan(out[4]));
    assert_true(out[5] == 0.0);
    run_one("vol_ewma", "", c, 20, 1, out);
    assert_true(isnan(out[0]) && out[1] == 0.0 && out[19] == 0.0);
    run_one("pct_rank", "{\"window\":5,\"min_periods\":1}", c, 20, 1, out);
    assert_true(out[0] == 1.0 && out[1] == 0.75 && out[19] == 0.6); /* all tied: (n+1)/2n */
    run_one("drawdown", "", c, 20, 1, out);
    assert_true(out[19] == 0.0);
    run_one("mom_pct", "", c, 20, 1, out);
    assert_true(isnan(out[0]) && out[1] == 0.0);
    /* a series shorter than the window: nothing is defined */
    run_one("vol_rolling", "{\"window\":10,\"min_periods\":10}", c, 5, 1, out);
    for (size_t i = 0; i < 5; i++)
        assert_true(isnan(out[i]));
    run_one("accum_pct", "", c, 11, 1, out);
    assert_true(isnan(out[10]));
    run_one("seasonal_adjust", "", c, 12, 1, out); /* no complete centred MA: no factors */
    assert_true(isnan(out[0]));
    run_one("zscore_rolling", "", c, 0, 1, out); /* empty input */
    /* a missing value inside the accumulation window */
    double v[16] = {0.5, 0.4, 0.3, NAN, 0.2,  0.1, 0.6,  0.5,
                    0.4, 0.3, 0.2, 0.1, 0.25, 0.3, 0.35, 0.45};
    run_one("accum_pct", "", v, 16, 1, out);
    assert_true(isnan(out[11]) && isnan(out[14])); /* windows 0..11 .. 3..14 hold the NaN */
    double prod = 1.0;
    for (size_t i = 4; i < 16; i++)
        prod *= 1.0 + v[i] / 100.0;
    assert_true(fabs(out[15] - (prod - 1.0) * 100.0) < 1e-12);
    /* a trimmed mean of one present value: cut floor(0.2) = 0 */
    double tm[3] = {NAN, 2.5, NAN};
    run_one("trimmed_mean", "", tm, 1, 3, out);
    assert_true(out[0] == 2.5);
}

/*
 * Every transform of the registry, with its default parameters and its fewest inputs, on the
 * issue's edge cases: empty input, a single observation, inputs all missing (every output
 * missing), a constant series and a series shorter than the window (outputs missing or
 * finite - never infinite; a zero variance is undefined, not a division by zero).
 */
static void every_transform_on_edge_cases(void **state)
{
    (void)state;
    enum { N = 40 };
    double x[MF_TF_MAX_INPUTS * N], out[N];
    mf_date dates[N];
    for (size_t i = 0; i < N; i++)
        dates[i] = mf_test_date("2020-01-31") + (mf_date)(31 * i);
    const mf_transform *t;
    for (size_t ti = 0; (t = mf_transform_at(ti)) != NULL; ti++) {
        size_t k = t->min_inputs;
        mf_tf_params p;
        mf_error err;
        if (mf_tf_params_parse(t, "", k, &p, &err) != 0)
            fail_msg("%s: %s", t->name, err.msg);
        for (int kind = 0; kind < 4; kind++) {
            size_t n = kind == 0 ? 0 : kind == 1 ? 1 : N;
            for (size_t i = 0; i < k * N; i++)
                x[i] = kind == 2 ? NAN : 7.385 + (double)(i / N); /* constant per input */
            for (size_t i = 0; i < N; i++)
                out[i] = -12345.0;
            mf_tf_input in = {n, k, dates, x};
            if (t->run(&in, &p, out, &err) != 0)
                fail_msg("%s on edge case %d: %s", t->name, kind, err.msg);
            for (size_t i = 0; i < n; i++) {
                if (out[i] == -12345.0)
                    fail_msg("%s on edge case %d: output %zu not written", t->name, kind, i);
                if (kind == 2 && !isnan(out[i]))
                    fail_msg("%s on missing inputs: %g at %zu", t->name, out[i], i);
                if (isinf(out[i]))
                    fail_msg("%s on edge case %d: infinite at %zu", t->name, kind, i);
            }
        }
    }
}

static void fiscal_and_naive_surprise_edge_cases(void **state)
{
    (void)state;
    double x[2 * 24], out[24];
    /* flow_ratio_pct: a GDP of zero is undefined; 11 months are not a year */
    for (size_t i = 0; i < 24; i++)
        x[i] = 100.0, x[24 + i] = i < 12 ? 0.0 : 3600.0;
    run_one("flow_ratio_pct", "", x, 24, 2, out);
    assert_true(isnan(out[10]) && isnan(out[11]));
    assert_true(fabs(out[22] - 100.0 * 3.0 * 1200.0 / (11.0 * 3600.0)) < 1e-12);
    assert_true(fabs(out[23] - 100.0 * 3.0 * 1200.0 / (12.0 * 3600.0)) < 1e-12);
    /* diff: nothing before lag */
    run_one("diff", "{\"lag\":12}", x + 24, 13, 1, out);
    assert_true(isnan(out[11]) && out[12] == 3600.0);
    /* surprise_naive: a constant growth has no surprise and no dispersion: undefined */
    for (size_t i = 0; i < 24; i++)
        x[i] = 100.0 * pow(1.01, (double)i);
    run_one("surprise_naive", "{\"naive_window\":3,\"window\":5,\"min_periods\":3}", x, 24, 1, out);
    for (size_t i = 0; i < 24; i++)
        assert_true(isnan(out[i]));
    /* one surprise of +1 sd after the dispersion is known, then nothing: decays, stays 1 */
    for (size_t i = 0; i < 24; i++)
        x[i] = 100.0 + (double)(i % 2); /* growth alternates +1 % / -0.99 % */
    run_one("surprise_naive", "{\"naive_window\":2,\"window\":4,\"min_periods\":4}", x, 24, 1, out);
    assert_true(isnan(out[6]) && !isnan(out[7]));
}

static void parameters_are_checked(void **state)
{
    (void)state;
    mf_tf_params p;
    mf_error err;
    const mf_transform *t = mf_transform_find("vol_rolling");
    assert_int_equal(mf_tf_params_parse(t, "{\"windw\":5}", 1, &p, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "unknown parameter 'windw'"));
    assert_int_equal(mf_tf_params_parse(t, "{\"window\":0}", 1, &p, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "'window' must be an integer"));
    assert_int_equal(mf_tf_params_parse(t, "{\"window\":5,\"min_periods\":6}", 1, &p, &err),
                     MF_EINVAL);
    assert_int_equal(mf_tf_params_parse(t, "[1]", 1, &p, &err), MF_EINVAL);
    assert_int_equal(mf_tf_params_parse(t, "", 2, &p, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "takes 1..1 inputs, not 2"));
    t = mf_transform_find("vol_ewma");
    assert_int_equal(mf_tf_params_parse(t, "{\"lambda\":1}", 1, &p, &err), MF_EINVAL);
    assert_int_equal(mf_tf_params_parse(t, "", 1, &p, &err), 0);
    assert_true(p.lambda == 0.94 && p.ann == 252.0);
    t = mf_transform_find("composite");
    assert_int_equal(mf_tf_params_parse(t, "{\"signs\":[1]}", 2, &p, &err), MF_EINVAL);
    assert_int_equal(mf_tf_params_parse(t, "{\"signs\":[1,2]}", 2, &p, &err), MF_EINVAL);
    assert_int_equal(mf_tf_params_parse(t, "{\"signs\":[1,-1]}", 2, &p, &err), 0);
    assert_true(p.signs[1] == -1.0);
    char buf[64];
    assert_int_equal(
        mf_tf_params_canonical("{ \"window\": 5, \"ann\": 12 }", buf, sizeof buf, &err), 0);
    assert_string_equal(buf, "{\"ann\":12,\"window\":5}");
    assert_int_equal(mf_tf_params_canonical("", buf, sizeof buf, &err), 0);
    assert_string_equal(buf, "{}");
    assert_int_equal(mf_tf_params_canonical("{\"a\":", buf, sizeof buf, &err), MF_EINVAL);
}

static void registry_names_are_unique_and_spans_known(void **state)
{
    (void)state;
    const mf_transform *t, *u;
    size_t count = 0;
    for (size_t i = 0; (t = mf_transform_at(i)) != NULL; i++, count++)
        for (size_t j = i + 1; (u = mf_transform_at(j)) != NULL; j++)
            assert_true(strcmp(t->name, u->name) != 0);
    assert_int_equal(count, 29);
    mf_tf_params p;
    assert_int_equal(
        mf_tf_params_parse(mf_transform_find("vol_rolling"), "{\"window\":21}", 1, &p, NULL), 0);
    assert_int_equal(mf_transform_find("vol_rolling")->lookback(&p), 21);
    assert_int_equal(
        mf_tf_params_parse(mf_transform_find("zscore_rolling"), "{\"window\":21}", 1, &p, NULL), 0);
    assert_int_equal(mf_transform_find("zscore_rolling")->lookback(&p), 20);
    assert_true(mf_transform_find("seasonal_adjust")->two_sided);
    t = mf_transform_find("surprise_naive");
    assert_int_equal(mf_tf_params_parse(t, "{\"half_life\":0}", 1, &p, NULL), MF_EINVAL);
    assert_int_equal(mf_tf_params_parse(t, "{\"naive_window\":0}", 1, &p, NULL), MF_EINVAL);
    assert_int_equal(mf_tf_params_parse(t, "{\"den_periods\":3}", 1, &p, NULL), MF_EINVAL);
    assert_int_equal(mf_tf_params_parse(t, "", 1, &p, NULL), 0);
    assert_true(p.half_life == 3.0 && p.naive_window == 12 && p.window == 36);
    assert_int_equal(t->lookback(&p), MF_TF_ALL);
    t = mf_transform_find("flow_ratio_pct");
    assert_int_equal(mf_tf_params_parse(t, "{\"window\":12,\"den_periods\":3}", 2, &p, NULL), 0);
    assert_int_equal(t->lookback(&p), 11);
    assert_null(mf_transform_find("nope"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_transform_matches_its_oracle),
        cmocka_unit_test(constant_short_and_empty_series),
        cmocka_unit_test(every_transform_on_edge_cases),
        cmocka_unit_test(fiscal_and_naive_surprise_edge_cases),
        cmocka_unit_test(parameters_are_checked),
        cmocka_unit_test(registry_names_are_unique_and_spans_known),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
