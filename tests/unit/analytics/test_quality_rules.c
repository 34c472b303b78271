/*
 * test_quality_rules.c - the thresholds of the quality checks (catalog/quality.csv and
 * catalog/quality_pairs.csv): the shipped files parse and each pair names catalogued series;
 * the most specific rule wins (code, unit, category, frequency, default); bad lines are
 * refused naming file, line and field; and the score formula of docs/quality.md on a
 * hand-worked set of results.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "analytics/quality.h"
#include "core/alloc.h"
#include "data/catalog.h"
#include "data/connector.h"
#include "sim/connector.h"

static mf_series_info series(const char *code, char freq, const char *unit, const char *category)
{
    mf_series_info s = {.frequency = freq};
    snprintf(s.code, sizeof s.code, "%s", code);
    snprintf(s.unit, sizeof s.unit, "%s", unit);
    snprintf(s.category, sizeof s.category, "%s", category);
    return s;
}

static void the_shipped_rules_parse_and_the_most_specific_wins(void **state)
{
    (void)state;
    mf_quality_rules r;
    mf_error err;
    if (mf_quality_rules_builtin(&r, &err) != 0)
        fail_msg("%s", err.msg);
    assert_true(r.n_rules > 20);
    assert_true(r.n_pairs >= 5);
    /* default staleness 2/5, monthly 1/2, FX flows by code 6/12 */
    mf_series_info d = series("SIM.BR.CDI_PCT", 'D', "% a year BUS/252", "rates");
    mf_quality_threshold t = mf_quality_threshold_for(&r, MF_QC_STALENESS, &d);
    assert_true(t.enabled && t.warning == 2 && t.critical == 5);
    mf_series_info m = series("SIM.BR.IPCA_MOM_PCT", 'M', "% a month", "inflation");
    t = mf_quality_threshold_for(&r, MF_QC_STALENESS, &m);
    assert_true(t.warning == 1 && t.critical == 2);
    mf_series_info f = series("SIM.BR.FX_FLOW_COMMERCIAL_USD_MN", 'D', "USD mn a day", "external");
    t = mf_quality_threshold_for(&r, MF_QC_STALENESS, &f);
    assert_true(t.warning == 6 && t.critical == 12);
    /* range by unit: '% a year*' matches the BUS/252 unit; none for 'contracts' */
    t = mf_quality_threshold_for(&r, MF_QC_RANGE, &d);
    assert_true(t.enabled && t.min == -5 && t.max == 60 && isnan(t.warning) && t.critical == 0);
    mf_series_info c = series("SIM.US.CFTC_BRL_NET_CONTRACTS", 'W', "contracts", "positioning");
    assert_false(mf_quality_threshold_for(&r, MF_QC_RANGE, &c).enabled);
    /* flatline: off by default, on for fx, off again for a rating by code */
    assert_false(mf_quality_threshold_for(&r, MF_QC_FLATLINE, &d).enabled);
    mf_series_info fx = series("PTAX.USD.SELL", 'D', "BRL per USD", "fx");
    t = mf_quality_threshold_for(&r, MF_QC_FLATLINE, &fx);
    assert_true(t.enabled && t.warning == 5);
    mf_series_info rating = series("SIM.BR.RATING_SP", 'D', "notch 1..21", "credit");
    assert_false(mf_quality_threshold_for(&r, MF_QC_FLATLINE, &rating).enabled);
    assert_true(
        mf_quality_threshold_for(
            &r, MF_QC_FLATLINE, &(mf_series_info){.code = "SIM.BR.CDS_5Y_BP", .category = "credit"})
            .enabled);
    /* the real cross-source pairs of the brief */
    bool ptax = false, selic = false, ust = false;
    for (size_t i = 0; i < r.n_pairs; i++) {
        const mf_quality_pair *p = &r.pairs[i];
        ptax |= strcmp(p->left, "PTAX.USD.SELL") == 0 && strcmp(p->right, "YF.USDBRL.CLOSE") == 0 &&
                p->relative && p->warning == 1;
        selic |= strcmp(p->left, "SGS.432") == 0 && strcmp(p->right, "SGS.4389") == 0 &&
                 !p->relative && p->warning == 0.15;
        ust |= strcmp(p->left, "UST.PAR.10Y") == 0 && strcmp(p->right, "FRED.DGS10") == 0;
    }
    assert_true(ptax && selic && ust);
    mf_quality_rules_free(&r);
}

/* Both sides of every shipped pair are catalogued series (a typo would leave a pair unchecked). */
static void every_pair_names_catalogued_series(void **state)
{
    (void)state;
    mf_error err;
    mf_quality_rules r;
    mf_catalog cat;
    if (mf_connector_add(&mf_conn_simulated, &err) != 0 || /* the CLI adds it */
        mf_quality_rules_builtin(&r, &err) != 0 || mf_catalog_builtin(&cat, &err) != 0)
        fail_msg("%s", err.msg);
    assert_true(r.n_pairs >= 5);
    for (size_t i = 0; i < r.n_pairs; i++) {
        const char *side[2] = {r.pairs[i].left, r.pairs[i].right};
        for (int k = 0; k < 2; k++) {
            bool found = false;
            for (size_t j = 0; j < cat.n_series && !found; j++)
                found = strcmp(cat.series[j].code, side[k]) == 0;
            if (!found)
                fail_msg("catalog/quality_pairs.csv: '%s' is not a catalogued series", side[k]);
        }
    }
    mf_catalog_free(&cat);
    mf_quality_rules_free(&r);
}

/* Parses one rules line after the header; the error code (message in err). */
static int parse_rule(const char *line, mf_error *err)
{
    char text[512];
    snprintf(text, sizeof text, "%s\n%s\n", MF_QUALITY_RULES_HEADER, line);
    mf_quality_rules r = {0};
    int rc = mf_quality_rules_parse(&r, "q.csv", text, strlen(text), err);
    mf_quality_rules_free(&r);
    return rc;
}

static void bad_lines_are_refused_naming_them(void **state)
{
    (void)state;
    mf_error err;
    assert_int_equal(parse_rule("code,X.*,gaps,1,,,,", &err), 0);
    static const struct {
        const char *line, *want;
    } bad[] = {
        {"planet,X,gaps,1,2,,,", "q.csv:2: scope 'planet'"},
        {"code,X,gapz,1,2,,,", "q.csv:2: check 'gapz'"},
        {"code,X,gaps,,,,,", "a warning or a critical threshold is needed"},
        {"code,X,gaps,5,2,,,", "critical 2 is below warning 5"},
        {"code,X,gaps,x,2,,,", "warning 'x' is not a number"},
        {"unit,%,range,,0,10,5,", "range needs min < max"},
        {"frequency,X,gaps,1,2,,,", "frequency 'X'"},
        {"code,X,gaps,1,2,,", "q.csv:2: expected 8 fields"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse_rule(bad[i].line, &err), MF_EINVAL);
        if (strstr(err.msg, bad[i].want) == NULL)
            fail_msg("'%s': got '%s', want '%s'", bad[i].line, err.msg, bad[i].want);
    }
    mf_quality_rules r = {0};
    const char *pairs = MF_QUALITY_PAIRS_HEADER "\nA.B,A.B,abs,1,,\n";
    assert_int_equal(mf_quality_pairs_parse(&r, "p.csv", pairs, strlen(pairs), &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "p.csv:2: pair 'A.B' with itself"));
    pairs = MF_QUALITY_PAIRS_HEADER "\nA.B,C.D,ratio,1,,\n";
    assert_int_equal(mf_quality_pairs_parse(&r, "p.csv", pairs, strlen(pairs), &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "measure 'ratio'"));
    assert_int_equal(mf_quality_rules_parse(&r, "q.csv", "code,x\n", 7, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "q.csv:1: expected the header"));
    assert_int_equal(r.n_rules + r.n_pairs, 0);
    mf_quality_rules_free(&r); /* a refused line leaves the array grown for it */
}

static mf_quality_result res(const char *code, const char *source, mf_quality_severity sev,
                             mf_quality_status status)
{
    mf_quality_result r = {.severity = sev, .status = status};
    snprintf(r.code, sizeof r.code, "%s", code);
    snprintf(r.source, sizeof r.source, "%s", source);
    return r;
}

static void scores_follow_the_formula(void **state)
{
    (void)state;
    const mf_quality_severity I = MF_QUALITY_INFO, W = MF_QUALITY_WARNING, C = MF_QUALITY_CRITICAL;
    const mf_quality_status P = MF_QUALITY_PASS, F = MF_QUALITY_FAIL;
    /* A: 4 checks, one warning: 100 (1 - 0.5/4) = 87.5; B: 2 checks, one critical: 50;
       E: never loaded (an info failure): not scored; Z (another source): 2 passes: 100 */
    const mf_quality_result r[] = {
        res("A", "s1", I, P), res("A", "s1", W, F), res("A", "s1", I, P),
        res("A", "s1", I, P), res("B", "s1", C, F), res("B", "s1", I, P),
        res("E", "s1", I, F), res("Z", "s2", I, P), res("Z", "s2", I, P)};
    mf_quality_score *codes, *sources, all;
    size_t nc, ns;
    mf_quality_scores(r, sizeof r / sizeof r[0], &codes, &nc, &sources, &ns, &all);
    assert_int_equal(nc, 4);
    assert_true(codes[0].score == 87.5 && codes[0].checks == 4 && codes[0].failing == 1);
    assert_int_equal(codes[0].worst, W);
    assert_true(codes[1].score == 50 && codes[1].critical == 1);
    assert_true(isnan(codes[2].score) && codes[2].checks == 0 && codes[2].any_failed);
    assert_int_equal(codes[2].worst, I);
    assert_true(codes[3].score == 100 && !codes[3].any_failed);
    assert_int_equal(ns, 2);
    assert_string_equal(sources[0].key, "s1");
    assert_true(sources[0].score == (87.5 + 50) / 2 && sources[0].series == 2);
    assert_int_equal(sources[0].failing, 2);
    assert_true(sources[1].score == 100);
    assert_true(all.score == (87.5 + 50 + 100) / 3);
    assert_int_equal(all.checks, 8);
    assert_int_equal(all.failing, 2);
    assert_int_equal(all.critical, 1);
    mf_free(codes);
    mf_free(sources);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_shipped_rules_parse_and_the_most_specific_wins),
        cmocka_unit_test(every_pair_names_catalogued_series),
        cmocka_unit_test(bad_lines_are_refused_naming_them),
        cmocka_unit_test(scores_follow_the_formula),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
