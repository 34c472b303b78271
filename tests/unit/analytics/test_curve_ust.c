/*
 * test_curve_ust.c - src/analytics/curve_ust.c: Treasury tenors, the zero-curve bootstrap
 * against QuantLib (tests/fixtures/curve_ust.csv: nodes, discount factors between them and
 * TIPS breakevens), the repricing of every par instrument to 100 on every day of the
 * Treasury files in shared/reference (read at test time), the bill conventions by hand, and
 * every error.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/curve_ust.h"

/* Zero rates (decimals) against QuantLib, and par values per 100 against 100. */
#define RATE_TOL  1e-10
#define PAR_TOL   1e-10
#define MAX_DATES 16

static void tenors_parse_and_print_as_the_treasury_labels_them(void **state)
{
    (void)state;
    static const struct {
        const char *label;
        int months, weeks;
        const char *printed;
    } ok[] = {
        {"1 Mo", 1, 0, "1 Mo"},     {"\"4 Mo\"", 4, 0, "4 Mo"},   {" 6 Mo ", 6, 0, "6 Mo"},
        {"1.5 Mo", 0, 6, "1.5 Mo"}, {"1 Yr", 12, 0, "1 Yr"},      {"\"30 Yr\"", 360, 0, "30 Yr"},
        {"5 YR", 60, 0, "5 Yr"},    {"10 Year", 120, 0, "10 Yr"}, {"2 Month", 2, 0, "2 Mo"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        mf_ust_tenor t = {-1, -1};
        mf_error err;
        if (mf_ust_tenor_parse(ok[i].label, strlen(ok[i].label), &t, &err) != 0)
            fail_msg("'%s': %s", ok[i].label, err.msg);
        assert_int_equal(t.months, ok[i].months);
        assert_int_equal(t.weeks, ok[i].weeks);
        char buf[MF_UST_TENOR_LABEL_SIZE];
        assert_string_equal(mf_ust_tenor_format(t, buf), ok[i].printed);
    }
    static const char *const bad[] = {"13 Mo", "2.5 Yr", "Yr",   "1 Day", "",
                                      "31 Yr", "0 Mo",   "10Yr", "Date",  "1.5 Yr"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_ust_tenor t = {-1, -1};
        mf_error err;
        assert_int_equal(mf_ust_tenor_parse(bad[i], strlen(bad[i]), &t, &err), MF_EINVAL);
        assert_non_null(strstr(err.msg, "is not a Treasury tenor"));
        assert_int_equal(t.months, -1);
    }
    mf_error err;
    mf_ust_tenor t;
    assert_int_equal(mf_ust_tenor_parse("7 Yrs", 5, &t, &err), MF_EINVAL);
    assert_string_equal(err.msg, "tenor '7 Yrs' is not a Treasury tenor ('1 Mo' .. '12 Mo', "
                                 "'1.5 Mo', '1 Yr' .. '30 Yr')");
    /* maturities: calendar months, the day clamped; the 6-week bill is 42 days */
    mf_date m;
    assert_int_equal(
        mf_ust_tenor_maturity((mf_ust_tenor){1, 0}, mf_test_date("2023-01-31"), &m, NULL), 0);
    assert_int_equal(m, mf_test_date("2023-02-28"));
    assert_int_equal(
        mf_ust_tenor_maturity((mf_ust_tenor){0, 6}, mf_test_date("2025-03-03"), &m, NULL), 0);
    assert_int_equal(m, mf_test_date("2025-04-14"));
}

/* Reads MM/DD/YYYY. */
static bool parse_us_date(const char *s, mf_date *out)
{
    int mo, d, y;
    char tail;
    if (sscanf(s, "%2d/%2d/%4d%c", &mo, &d, &y, &tail) != 3)
        return false;
    return mf_date_from_ymd(y, mo, d, out, NULL) == 0;
}

static double field_yield(const char *s)
{
    return *s == '\0' ? NAN : strtod(s, NULL);
}

typedef struct dated_curve {
    mf_date date;
    mf_curve *curve;
} dated_curve;

/* What the fixture reader carries from row to row. */
typedef struct fixture_state {
    char key[64]; /* "kind,date" of the quotes being gathered */
    mf_date date;
    mf_ust_par_quote quotes[MF_UST_CURVE_MAX_QUOTES];
    size_t nq;
    bool built;
    mf_curve *curve;
    mf_ust_zero_node nodes[MF_UST_CURVE_MAX_QUOTES];
    size_t nn, next_node;
    dated_curve nominal[MAX_DATES];
    size_t n_nominal;
    mf_ust_breakeven be[MF_UST_CURVE_MAX_QUOTES];
    size_t next_be;
    double worst_zero, worst_query, worst_be, worst_par;
    int nodes_checked, queries, breakevens;
} fixture_state;

static void build_group(fixture_state *s, bool nominal)
{
    mf_error err;
    if (mf_ust_zero_bootstrap(s->date, s->quotes, s->nq, s->curve, s->nodes, &s->nn, &err) != 0)
        fail_msg("%s: %s", s->key, err.msg);
    for (size_t i = 0; i < s->nq; i++) {
        if (isnan(s->quotes[i].yield_pct))
            continue;
        double v;
        assert_int_equal(mf_ust_par_value(s->curve, s->date, &s->quotes[i], &v, NULL), 0);
        s->worst_par = fmax(s->worst_par, fabs(v - 100.0));
        if (fabs(v - 100.0) > PAR_TOL)
            fail_msg("%s: tenor %zu reprices to %.15f", s->key, i, v);
    }
    if (nominal) {
        assert_true(s->n_nominal < MAX_DATES);
        dated_curve *d = &s->nominal[s->n_nominal++];
        d->date = s->date;
        d->curve = mf_curve_new();
        assert_int_equal(mf_curve_set(d->curve, (double[]){1.0}, (double[]){0.9}, 1,
                                      MF_INTERP_FLAT_FORWARD, NULL),
                         0);
        /* a copy of the nodes: the reader's curve is reused by the next date */
        double t[MF_UST_CURVE_MAX_QUOTES], df[MF_UST_CURVE_MAX_QUOTES];
        for (size_t i = 0; i < s->nn; i++) {
            t[i] = s->nodes[i].t_years;
            df[i] = s->nodes[i].df;
        }
        assert_int_equal(mf_curve_set(d->curve, t, df, s->nn, MF_INTERP_FLAT_FORWARD, NULL), 0);
    } else {
        const mf_curve *nom = NULL;
        for (size_t i = 0; i < s->n_nominal; i++)
            if (s->nominal[i].date == s->date)
                nom = s->nominal[i].curve;
        assert_non_null(nom);
        mf_ust_breakevens(nom, s->nodes, s->nn, s->be);
    }
    s->built = true;
    s->next_node = s->next_be = 0;
}

static void check_close(double got, double want, double tol, double *worst, const char *what,
                        const char *key)
{
    *worst = fmax(*worst, fabs(got - want));
    if (!(fabs(got - want) <= tol))
        fail_msg("%s %s: got %.17g, QuantLib %.17g", key, what, got, want);
}

static void zero_curves_match_quantlib(void **state)
{
    (void)state;
    FILE *f = mf_test_fixture_open("curve_ust.csv");
    fixture_state *s = calloc(1, sizeof *s);
    s->curve = mf_curve_new();
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "kind,", 5) == 0)
            continue;
        char *v[9];
        assert_int_equal(mf_test_split(line, ',', v, 9), 9);
        char key[64];
        snprintf(key, sizeof key, "%s,%s", v[1], v[2]);
        if (strcmp(v[0], "quote") == 0) {
            if (strcmp(key, s->key) != 0) {
                snprintf(s->key, sizeof s->key, "%s", key);
                s->date = mf_test_date(v[2]);
                s->nq = 0;
                s->built = false;
            }
            assert_int_equal(mf_ust_tenor_parse(v[3], strlen(v[3]), &s->quotes[s->nq].tenor, NULL),
                             0);
            s->quotes[s->nq++].yield_pct = field_yield(v[4]);
            continue;
        }
        assert_string_equal(key, s->key);
        if (!s->built)
            build_group(s, strcmp(v[1], "nominal") == 0);
        if (strcmp(v[0], "node") == 0) {
            assert_true(s->next_node < s->nn);
            const mf_ust_zero_node *n = &s->nodes[s->next_node++];
            char label[MF_UST_TENOR_LABEL_SIZE];
            assert_string_equal(mf_ust_tenor_format(n->tenor, label), v[3]);
            assert_int_equal(n->maturity, mf_test_date(v[4]));
            assert_true(fabs(n->t_years - strtod(v[5], NULL)) < 1e-15);
            assert_true(fabs(n->df / strtod(v[6], NULL) - 1.0) < 1e-12);
            check_close(n->zero_cc, strtod(v[7], NULL), RATE_TOL, &s->worst_zero, "zero_cc", key);
            check_close(n->zero_sa, strtod(v[8], NULL), RATE_TOL, &s->worst_zero, "zero_sa", key);
            s->nodes_checked++;
        } else if (strcmp(v[0], "query") == 0) {
            /* between and beyond the nodes: compared as the zero rate to that date */
            double t = strtod(v[5], NULL), want = strtod(v[6], NULL);
            check_close(-log(mf_curve_df(s->curve, t)) / t, -log(want) / t, RATE_TOL,
                        &s->worst_query, "query", key);
            s->queries++;
        } else {
            assert_string_equal(v[0], "breakeven");
            assert_true(s->next_be < s->nn);
            const mf_ust_breakeven *b = &s->be[s->next_be++];
            assert_true(fabs(b->t_years - strtod(v[4], NULL)) < 1e-15);
            check_close(b->nominal_zero_sa, strtod(v[5], NULL), RATE_TOL, &s->worst_be, "n", key);
            check_close(b->real_zero_sa, strtod(v[6], NULL), RATE_TOL, &s->worst_be, "r", key);
            check_close(b->breakeven_sa, strtod(v[7], NULL), RATE_TOL, &s->worst_be, "be_sa", key);
            check_close(b->breakeven_cc, strtod(v[8], NULL), RATE_TOL, &s->worst_be, "be_cc", key);
            s->breakevens++;
        }
    }
    fclose(f);
    print_message("curve_ust vs QuantLib: %d nodes (largest zero-rate gap %.3g), %d queries "
                  "(%.3g), %d breakevens (%.3g); par values within %.3g of 100\n",
                  s->nodes_checked, s->worst_zero, s->queries, s->worst_query, s->breakevens,
                  s->worst_be, s->worst_par);
    assert_true(s->nodes_checked > 120 && s->queries > 1500 && s->breakevens == 10);
    for (size_t i = 0; i < s->n_nominal; i++)
        mf_curve_free(s->nominal[i].curve);
    mf_curve_free(s->curve);
    free(s);
}

/* Bootstraps every row of a Treasury CSV and checks each par instrument is worth 100. */
static int reprice_file(const char *relative, int *rows_out, int *empty_out, int *negative_forwards,
                        double *worst)
{
    char path[1024];
    if (!mf_test_shared_reference_path(path, sizeof path, relative))
        return -1;
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    char *v[32];
    mf_ust_tenor tenors[32];
    assert_non_null(fgets(line, sizeof line, f));
    int nc = mf_test_split(line, ',', v, 32);
    assert_string_equal(v[0], "Date");
    for (int i = 1; i < nc; i++)
        assert_int_equal(mf_ust_tenor_parse(v[i], strlen(v[i]), &tenors[i], NULL), 0);
    mf_curve *curve = mf_curve_new();
    mf_ust_par_quote q[32];
    mf_ust_zero_node nodes[32];
    int rows = 0, empty = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '\n' || line[0] == '\0')
            continue;
        int n = mf_test_split(line, ',', v, 32);
        assert_int_equal(n, nc);
        mf_date d;
        assert_true(parse_us_date(v[0], &d));
        size_t given = 0;
        for (int i = 1; i < nc; i++) {
            q[i - 1] = (mf_ust_par_quote){tenors[i], field_yield(v[i])};
            given += isnan(q[i - 1].yield_pct) ? 0u : 1u;
        }
        if (given == 0) { /* 10/11/2010: a row with every tenor blank */
            empty++;
            continue;
        }
        size_t nn;
        mf_error err;
        if (mf_ust_zero_bootstrap(d, q, (size_t)(nc - 1), curve, nodes, &nn, &err) != 0)
            fail_msg("%s %s: %s", relative, v[0], err.msg);
        assert_int_equal(nn, given);
        for (int i = 0; i < nc - 1; i++) {
            if (isnan(q[i].yield_pct))
                continue;
            double value;
            assert_int_equal(mf_ust_par_value(curve, d, &q[i], &value, NULL), 0);
            *worst = fmax(*worst, fabs(value - 100.0));
            if (fabs(value - 100.0) > PAR_TOL)
                fail_msg("%s %s: tenor %d reprices to %.15f", relative, v[0], i + 1, value);
        }
        for (size_t i = 0; i < nn; i++)
            assert_true(nodes[i].df > 0.0 && nodes[i].zero_cc > -0.01 && nodes[i].zero_cc < 0.2);
        if (mf_ust_check_forwards(d, nodes, nn, NULL) != 0)
            (*negative_forwards)++;
        rows++;
    }
    fclose(f);
    mf_curve_free(curve);
    *rows_out = rows;
    *empty_out = empty;
    return 0;
}

static void every_recorded_treasury_day_reprices_its_par_instruments(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        int rows, empty, negative_forwards;
    } files[] = {
        {"connectors/ust_yields/daily-treasury-rates_2000.csv", 251, 0, 0},
        {"connectors/ust_yields/daily-treasury-rates_2023_ytd_to_2023-09-01.csv", 169, 0, 0},
        /* the zero-bound days of 2011-2015 and 2020-2021 (mf_ust_check_forwards) */
        {"series/ust_par_yield_curve_daily_1990-01-02_to_2022-03-31.csv", 8069, 1, 65},
    };
    int done = 0;
    double worst = 0.0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        int rows = 0, empty = 0, negative_forwards = 0;
        if (reprice_file(files[i].file, &rows, &empty, &negative_forwards, &worst) != 0)
            continue;
        assert_int_equal(rows, files[i].rows);
        assert_int_equal(negative_forwards, files[i].negative_forwards);
        assert_int_equal(empty, files[i].empty);
        done += rows;
    }
    if (done == 0)
        skip();
    print_message("%d recorded Treasury curves: every par instrument within %.3g of 100\n", done,
                  worst);
}

static void a_negative_forward_is_named_by_its_tenors(void **state)
{
    (void)state;
    /* A debt-ceiling hump: 1 Mo 0.09 % above 2 Mo 0.04 % (simple ACT/365F: 1 Mo matures
     * 2022-01-01, 31 days; 2 Mo 2022-02-01, 62 days): DF(2 Mo) = 1/(1 + 0.0004 * 62/365) is
     * above DF(1 Mo) = 1/(1 + 0.0009 * 31/365), a forward of about -0.0100 % a year. */
    mf_date d = mf_test_date("2021-12-01");
    mf_ust_par_quote q[] = {{{1, 0}, 0.09}, {{2, 0}, 0.04}, {{3, 0}, 0.05}};
    mf_ust_zero_node nodes[3];
    size_t nn = 0;
    mf_curve *c = mf_curve_new();
    assert_int_equal(mf_ust_zero_bootstrap(d, q, 3, c, nodes, &nn, NULL), 0);
    mf_error err;
    assert_int_equal(mf_ust_check_forwards(d, nodes, nn, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "tenor \"2 Mo\" on 2021-12-01: par yield 0.04%"));
    assert_non_null(strstr(err.msg, "of tenor \"1 Mo\" (par yield 0.09%)"));
    double df1 = 1.0 / (1.0 + 0.0009 * 31.0 / 365.0), df2 = 1.0 / (1.0 + 0.0004 * 62.0 / 365.0);
    char want[64];
    snprintf(want, sizeof want, "forward rate of %.4f%%", log(df1 / df2) / (31.0 / 365.0) * 100);
    if (strstr(err.msg, want) == NULL)
        fail_msg("%s: no '%s'", err.msg, want);
    assert_int_equal(mf_ust_check_forwards(d, nodes, 1, NULL), 0);     /* one node: nothing */
    assert_int_equal(mf_ust_check_forwards(d, nodes + 1, 2, NULL), 0); /* 2 Mo -> 3 Mo rises */
    mf_curve_free(c);
}

static void bills_follow_the_investment_rate_conventions(void **state)
{
    (void)state;
    /* 2023-09-01 (Treasury): 3 Mo 5.53, 1 Yr 5.36. The 3-month bill matures 2023-12-01, 91
     * days: simple interest on ACT/365F. The 1-year matures 2024-09-01, 366 days:
     * 100 / ((1 + y/2)(1 + (t - 1/2) y)). */
    mf_date d = mf_test_date("2023-09-01");
    mf_ust_par_quote q[] = {{{3, 0}, 5.53}, {{12, 0}, 5.36}};
    mf_ust_zero_node nodes[2];
    size_t nn = 0;
    mf_curve *c = mf_curve_new();
    assert_int_equal(mf_ust_zero_bootstrap(d, q, 2, c, nodes, &nn, NULL), 0);
    assert_int_equal(nn, 2);
    assert_int_equal(nodes[0].maturity, mf_test_date("2023-12-01"));
    assert_true(fabs(nodes[0].df - 1.0 / (1.0 + 0.0553 * 91.0 / 365.0)) < 1e-15);
    double t = 366.0 / 365.0;
    assert_true(fabs(nodes[1].df - 1.0 / ((1.0 + 0.0268) * (1.0 + (t - 0.5) * 0.0536))) < 1e-15);
    assert_true(fabs(nodes[1].zero_cc + log(nodes[1].df) / t) < 1e-15);
    /* a 0.00 yield (12/10/2008 1 Mo) is a zero rate of exactly 0, a blank is skipped */
    mf_ust_par_quote z[] = {{{1, 0}, 0.0}, {{2, 0}, NAN}, {{6, 0}, 0.21}};
    assert_int_equal(mf_ust_zero_bootstrap(mf_test_date("2008-12-10"), z, 3, c, nodes, &nn, NULL),
                     0);
    assert_int_equal(nn, 2);
    assert_true(nodes[0].df == 1.0 && nodes[0].zero_cc == 0.0);
    mf_curve_free(c);
}

static void bad_par_yields_are_named_and_leave_the_curve_as_it_was(void **state)
{
    (void)state;
    mf_date d = mf_test_date("2023-09-01");
    mf_curve *c = mf_curve_new();
    mf_ust_zero_node nodes[MF_UST_CURVE_MAX_QUOTES + 1];
    size_t nn = 99;
    mf_ust_par_quote good[] = {{{6, 0}, 5.47}};
    assert_int_equal(mf_ust_zero_bootstrap(d, good, 1, c, nodes, &nn, NULL), 0);
    double df_before = mf_curve_df(c, 0.3);
    static const struct {
        mf_ust_par_quote q[2];
        size_t n;
        int code;
        const char *message;
    } bad[] = {
        {{{{120, 0}, 60.0}},
         1,
         MF_ERANGE,
         "tenor \"10 Yr\" on 2023-09-01: par yield 60% outside the plausible range -5..50%"},
        {{{{120, 0}, INFINITY}}, 1, MF_ERANGE, "tenor \"10 Yr\" on 2023-09-01: par yield inf%"},
        {{{{120, 0}, 4.18}, {{120, 0}, 4.2}},
         2,
         MF_EINVAL,
         "tenor \"10 Yr\" on 2023-09-01: given twice (as \"10 Yr\")"},
        {{{{120, 0}, NAN}, {{1, 0}, NAN}}, 2, MF_EINVAL, "no par yield on 2023-09-01"},
        {{{{240, 0}, 0.5}, {{360, 0}, 45.0}},
         2,
         MF_EINVAL,
         "tenor \"30 Yr\" on 2023-09-01: par yield 45% implies a non-positive discount factor"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_error err;
        size_t n_out = 99;
        int rc = mf_ust_zero_bootstrap(d, bad[i].q, bad[i].n, c, nodes, &n_out, &err);
        if (rc != bad[i].code || strstr(err.msg, bad[i].message) == NULL)
            fail_msg("case %zu: %d '%s'", i, rc, err.msg);
        assert_int_equal(n_out, 99);
        assert_true(mf_curve_df(c, 0.3) == df_before);
    }
    mf_ust_par_quote many[MF_UST_CURVE_MAX_QUOTES + 1];
    for (size_t i = 0; i < MF_UST_CURVE_MAX_QUOTES + 1; i++)
        many[i] = (mf_ust_par_quote){{1, 0}, NAN};
    mf_error err;
    assert_int_equal(
        mf_ust_zero_bootstrap(d, many, MF_UST_CURVE_MAX_QUOTES + 1, c, nodes, &nn, &err),
        MF_EINVAL);
    assert_string_equal(err.msg, "33 par yields on 2023-09-01: at most 32");
    /* without an error report the codes are the same */
    assert_int_equal(mf_ust_zero_bootstrap(d, bad[0].q, 1, c, nodes, &nn, NULL), MF_ERANGE);
    double v;
    mf_ust_par_quote none = {{24, 0}, NAN};
    assert_int_equal(mf_ust_par_value(c, d, &none, &v, &err), MF_EINVAL);
    assert_string_equal(err.msg, "tenor \"2 Yr\": no yield");
    mf_curve_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tenors_parse_and_print_as_the_treasury_labels_them),
        cmocka_unit_test(zero_curves_match_quantlib),
        cmocka_unit_test(every_recorded_treasury_day_reprices_its_par_instruments),
        cmocka_unit_test(bills_follow_the_investment_rate_conventions),
        cmocka_unit_test(a_negative_forward_is_named_by_its_tenors),
        cmocka_unit_test(bad_par_yields_are_named_and_leave_the_curve_as_it_was),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
