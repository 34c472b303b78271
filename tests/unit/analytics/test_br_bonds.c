/*
 * test_br_bonds.c - src/analytics/br_bonds.c against ANBIMA's own published prices: the
 * secondary-market file of 2026-02-06 (../shared/reference/connectors/b3_tesouro/
 * anbima_tpf_20260206.txt, read at test time, never copied), every LTN and NTN-F row priced
 * from its indicative yield to the exact published PU; NTN-B and LFT with one VNA derived from
 * the file; yield-from-price round trips; the VNA projection on hand examples; duration and
 * convexity against closed forms (LTN, LFT) and QuantLib (NTN-F, NTN-B: tests/fixtures/
 * br_risk.csv); every error path.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/br_bonds.h"
#include "core/calendar.h"

/* ---- the ANBIMA file ------------------------------------------------------------------------ */

#define ANBIMA_REL "connectors/b3_tesouro/anbima_tpf_20260206.txt"
#define MAX_ROWS   128

typedef struct row {
    char title[16];
    mf_date ref, maturity;
    double yield_pct; /* Tx. Indicativas */
    double pu_brl;    /* PU */
    int lineno;
} row;

static row rows[MAX_ROWS];
static size_t nrows;
static mf_calendar *br;

static double parse_decimal_comma(char *s, int lineno)
{
    for (char *p = s; *p; p++)
        if (*p == ',')
            *p = '.';
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || *end != '\0')
        fail_msg("%s:%d: bad number '%s'", ANBIMA_REL, lineno, s);
    return v;
}

static mf_date parse_yyyymmdd(const char *s, int lineno)
{
    int y = 0, m = 0, d = 0;
    mf_date out = 0;
    if (strlen(s) != 8 || sscanf(s, "%4d%2d%2d", &y, &m, &d) != 3 ||
        mf_date_from_ymd(y, m, d, &out, NULL) != 0)
        fail_msg("%s:%d: bad date '%s'", ANBIMA_REL, lineno, s);
    return out;
}

/* Reads every data row; fails the test if the shared file is missing or malformed. */
static int load_anbima(void **state)
{
    (void)state;
    char path[1024], line[1024];
    if (!mf_test_shared_reference_path(path, sizeof path, ANBIMA_REL))
        fail_msg("missing shared reference '%s': the shared tree must sit beside the repository",
                 path);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open ANBIMA file '%s'", path);
    int lineno = 0;
    nrows = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *fields[20];
        int n = mf_test_split(line, '@', fields, 20);
        if (n < 9 || strcmp(fields[0], "Titulo") == 0)
            continue; /* title, blank line, header */
        if (nrows == MAX_ROWS)
            fail_msg("%s: more than %d rows", ANBIMA_REL, MAX_ROWS);
        row *r = &rows[nrows++];
        snprintf(r->title, sizeof r->title, "%s", fields[0]);
        r->ref = parse_yyyymmdd(fields[1], lineno);
        r->maturity = parse_yyyymmdd(fields[4], lineno);
        r->yield_pct = parse_decimal_comma(fields[7], lineno);
        r->pu_brl = parse_decimal_comma(fields[8], lineno);
        r->lineno = lineno;
    }
    fclose(f);
    assert_int_equal(nrows, 52); /* README: LFT 17, LTN 13, NTN-B 15, NTN-C 1, NTN-F 6 */
    assert_int_equal(mf_calendar_new("br", &br, NULL), 0);
    return 0;
}

static int unload(void **state)
{
    (void)state;
    mf_calendar_free(br);
    br = NULL;
    return 0;
}

static size_t count_title(const char *title)
{
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++)
        n += strcmp(rows[i].title, title) == 0;
    return n;
}

static void expect_exact(const row *r, double got)
{
    if (got != r->pu_brl)
        fail_msg("%s:%d %s %d: PU %.6f, ANBIMA publishes %.6f", ANBIMA_REL, r->lineno, r->title,
                 mf_date_year(r->maturity), got, r->pu_brl);
}

/* |got - want| <= tol, with both values in the failure message. */
#define assert_close(got, want, tol)                                                               \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        if (!(fabs(g_ - w_) <= (tol)))                                                             \
            fail_msg("%s = %.10f, expected %.10f within %g", #got, g_, w_, (double)(tol));         \
    } while (0)

static mf_date settlement(void)
{
    return mf_test_date("2026-02-06");
}

/* ---- prices from the indicative yield -------------------------------------------------------- */

static void ltn_reproduces_every_anbima_pu_exactly(void **state)
{
    (void)state;
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (strcmp(rows[i].title, "LTN") != 0)
            continue;
        assert_int_equal(rows[i].ref, settlement());
        double pu = -1.0;
        mf_error err;
        assert_int_equal(
            mf_br_ltn_pu(br, rows[i].ref, rows[i].maturity, rows[i].yield_pct, &pu, &err), 0);
        expect_exact(&rows[i], pu);
        n++;
    }
    assert_int_equal(n, 13);
}

static void ntnf_reproduces_every_anbima_pu_exactly(void **state)
{
    (void)state;
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (strcmp(rows[i].title, "NTN-F") != 0)
            continue;
        double pu = -1.0;
        assert_int_equal(
            mf_br_ntnf_pu(br, rows[i].ref, rows[i].maturity, rows[i].yield_pct, &pu, NULL), 0);
        expect_exact(&rows[i], pu);
        n++;
    }
    assert_int_equal(n, 6);
}

/*
 * The file publishes no VNA, so it is derived from the file itself: from the FIRST row of the
 * title, cotação is recomputed from the yield and VNA = PU / cotação * 100. PU was truncated
 * to 6 decimals, so the true VNA (6 decimals) is the smallest 6-decimal value at or above that
 * quotient. That ONE VNA must then reproduce EVERY other row of the title exactly: this checks
 * the cash flows, du counts and truncations independently of where a VNA comes from (it is not
 * a check of a VNA source, and the first row only checks that the derivation is consistent).
 */
typedef int (*cotacao_fn)(const mf_calendar *, mf_date, mf_date, double, double *, mf_error *);
typedef int (*indexed_pu_fn)(const mf_calendar *, mf_date, mf_date, double, double, double *,
                             mf_error *);

static double one_vna_reproduces_every_row(const char *title, cotacao_fn cot_of,
                                           indexed_pu_fn pu_of, size_t expected)
{
    double vna = 0.0;
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++) {
        const row *r = &rows[i];
        if (strcmp(r->title, title) != 0)
            continue;
        if (n == 0) {
            double cot = 0.0;
            assert_int_equal(cot_of(br, r->ref, r->maturity, r->yield_pct, &cot, NULL), 0);
            vna = ceil(r->pu_brl / cot * 100.0 * 1e6 - 1e-6) / 1e6;
        }
        double pu = -1.0;
        assert_int_equal(pu_of(br, r->ref, r->maturity, r->yield_pct, vna, &pu, NULL), 0);
        expect_exact(r, pu);
        n++;
    }
    assert_int_equal(n, expected);
    return vna;
}

static void ntnb_one_derived_vna_reproduces_every_anbima_pu(void **state)
{
    (void)state;
    double vna = one_vna_reproduces_every_row("NTN-B", mf_br_ntnb_cotacao, mf_br_ntnb_pu, 15);
    assert_close(vna, 4596.158793, 1e-9); /* the VNA the NTN-B rows of 2026-02-06 imply */
}

static void lft_one_derived_vna_reproduces_every_anbima_pu(void **state)
{
    (void)state;
    double vna = one_vna_reproduces_every_row("LFT", mf_br_lft_cotacao, mf_br_lft_pu, 17);
    assert_close(vna, 18346.789005, 1e-9);
}

static void file_has_the_titles_the_readme_lists(void **state)
{
    (void)state;
    assert_int_equal(count_title("LTN"), 13);
    assert_int_equal(count_title("NTN-F"), 6);
    assert_int_equal(count_title("NTN-B"), 15);
    assert_int_equal(count_title("LFT"), 17);
}

static void coupon_constants_follow_from_their_definition(void **state)
{
    (void)state;
    assert_true(round(1000.0 * (sqrt(1.10) - 1.0) * 1e5) / 1e5 == MF_BR_NTNF_COUPON_BRL);
    assert_true(round(100.0 * (sqrt(1.06) - 1.0) * 1e6) / 1e6 == MF_BR_NTNB_COUPON_PCT);
}

/* ---- yield from price ------------------------------------------------------------------------ */

/*
 * LTN and NTN-F: the solved yield reprices to the published PU exactly and rounds (4 decimals,
 * as ANBIMA publishes it) to the published indicative yield. NTN-B and LFT: the PU grid is
 * coarse (cotação has 4 decimals), so only exact repricing and closeness are asserted.
 */
static void yield_from_every_anbima_pu_reprices_exactly(void **state)
{
    (void)state;
    const double vna_ntnb = 4596.158793, vna_lft = 18346.789005;
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++) {
        const row *r = &rows[i];
        double y = NAN, pu = -1.0, tol = 0.0;
        mf_error err;
        int rc = 0;
        if (strcmp(r->title, "LTN") == 0) {
            rc = mf_br_ltn_yield(br, r->ref, r->maturity, r->pu_brl, &y, &err);
            assert_int_equal(mf_br_ltn_pu(br, r->ref, r->maturity, y, &pu, NULL), 0);
            tol = 1e-6;
        } else if (strcmp(r->title, "NTN-F") == 0) {
            rc = mf_br_ntnf_yield(br, r->ref, r->maturity, r->pu_brl, &y, &err);
            assert_int_equal(mf_br_ntnf_pu(br, r->ref, r->maturity, y, &pu, NULL), 0);
            tol = 1e-6;
        } else if (strcmp(r->title, "NTN-B") == 0) {
            rc = mf_br_ntnb_yield(br, r->ref, r->maturity, r->pu_brl, vna_ntnb, &y, &err);
            assert_int_equal(mf_br_ntnb_pu(br, r->ref, r->maturity, y, vna_ntnb, &pu, NULL), 0);
            tol = 5e-4; /* a 0.0001 cotação step spans up to ~4e-4 % on the shortest bond */
        } else if (strcmp(r->title, "LFT") == 0) {
            rc = mf_br_lft_yield(br, r->ref, r->maturity, r->pu_brl, vna_lft, &y, &err);
            assert_int_equal(mf_br_lft_pu(br, r->ref, r->maturity, y, vna_lft, &pu, NULL), 0);
            tol = 5e-3; /* the 1-month LFT: one cotação step is ~0.005 % of yield */
        } else {
            continue;
        }
        assert_int_equal(rc, 0);
        expect_exact(r, pu);
        if (fabs(y - r->yield_pct) > tol)
            fail_msg("%s:%d %s: solved yield %.8f, published %.4f", ANBIMA_REL, r->lineno, r->title,
                     y, r->yield_pct);
        if (tol < 1e-5)
            assert_close(round(y * 1e4) / 1e4, r->yield_pct, 1e-12);
        n++;
    }
    assert_int_equal(n, 51);
}

static void yield_for_a_price_off_the_grid_is_where_the_price_steps(void **state)
{
    (void)state;
    /* An NTN-B PU between two cotação steps: the yield found prices on either side of it. */
    mf_date s = settlement(), m = mf_test_date("2035-05-15");
    double vna = 4596.158793, y = NAN, below = 0.0, above = 0.0;
    assert_int_equal(mf_br_ntnb_yield(br, s, m, 4209.3695, vna, &y, NULL), 0);
    assert_int_equal(mf_br_ntnb_pu(br, s, m, y - 1e-9, vna, &above, NULL), 0);
    assert_int_equal(mf_br_ntnb_pu(br, s, m, y + 1e-9, vna, &below, NULL), 0);
    assert_true(above >= 4209.3695 && below <= 4209.3695);
    assert_close(y, 7.5841, 1e-3);
}

/* ---- du edge cases ----------------------------------------------------------------------------
 */

static void settlement_on_a_holiday_is_refused_naming_the_holiday(void **state)
{
    (void)state;
    double pu = -1.0;
    mf_error err;
    assert_int_equal(
        mf_br_ltn_pu(br, mf_test_date("2026-02-16"), mf_test_date("2027-01-01"), 13.0, &pu, &err),
        MF_EINVAL);
    assert_non_null(strstr(err.msg, "settlement '2026-02-16'"));
    assert_non_null(strstr(err.msg, "Carnival Monday"));
    assert_int_equal(
        mf_br_ntnf_pu(br, mf_test_date("2026-02-07"), mf_test_date("2027-01-01"), 13.0, &pu, &err),
        MF_EINVAL);
    assert_non_null(strstr(err.msg, "weekend"));
    assert_true(pu == -1.0); /* output untouched on failure */
}

static void du_counts_to_maturity_and_a_holiday_maturity_is_fine(void **state)
{
    (void)state;
    int32_t du = -1;
    /* The last business day before a 1 January maturity: one business day. */
    assert_int_equal(
        mf_br_du(br, mf_test_date("2026-12-31"), mf_test_date("2027-01-01"), &du, NULL), 0);
    assert_int_equal(du, 1);
    double pu = 0.0;
    assert_int_equal(
        mf_br_ltn_pu(br, mf_test_date("2026-12-31"), mf_test_date("2027-01-01"), 15.0, &pu, NULL),
        0);
    /* 1000 / 1.15^(1/252) = 999.445... truncated */
    assert_close(pu, floor(1000.0 / pow(1.15, round(1e14 / 252.0) / 1e14) * 1e6) / 1e6, 0.0);
    assert_int_equal(mf_br_du(br, settlement(), mf_test_date("2026-04-01"), &du, NULL), 0);
    assert_int_equal(du, 36);
}

static void maturity_on_or_before_settlement_is_an_error(void **state)
{
    (void)state;
    int32_t du = -7;
    mf_error err;
    assert_int_equal(mf_br_du(br, settlement(), settlement(), &du, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "maturity '2026-02-06' is not after settlement"));
    assert_int_equal(mf_br_du(br, settlement(), mf_test_date("2025-01-01"), &du, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "maturity '2025-01-01'"));
    assert_int_equal(du, -7);
    assert_int_equal(mf_br_du(br, settlement(), mf_test_date("2100-01-01"), &du, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "maturity"));
}

/* ---- bad input ---------------------------------------------------------------------------------
 */

static void bad_yields_and_amounts_are_errors_naming_the_field(void **state)
{
    (void)state;
    mf_date s = settlement(), ltn = mf_test_date("2027-04-01"), b = mf_test_date("2035-05-15");
    double out = -1.0;
    mf_error err;
    assert_int_equal(mf_br_ltn_pu(br, s, ltn, NAN, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "yield_pct is not a finite number"));
    assert_int_equal(mf_br_ltn_pu(br, s, ltn, INFINITY, &out, &err), MF_EINVAL);
    assert_int_equal(mf_br_ltn_pu(br, s, ltn, 1300.0, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "yield_pct 1300"));
    assert_int_equal(mf_br_lft_cotacao(br, s, ltn, -99.0, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "yield_pct -99"));
    assert_int_equal(mf_br_ntnb_pu(br, s, b, 7.5, -4596.0, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "vna_brl -4596"));
    assert_int_equal(mf_br_lft_pu(br, s, ltn, 0.05, NAN, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "vna_brl"));
    assert_int_equal(mf_br_ltn_yield(br, s, ltn, 0.0, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "pu_brl 0"));
    assert_int_equal(mf_br_ltn_yield(br, s, ltn, NAN, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "pu_brl"));
    /* Above par by more than any yield >= -50 % allows, and a PU near zero. */
    assert_int_equal(mf_br_ltn_yield(br, s, ltn, 5000.0, &out, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "pu_brl 5000.000000 needs a yield outside"));
    assert_int_equal(mf_br_ntnf_yield(br, s, mf_test_date("2027-01-01"), 1.0, &out, &err),
                     MF_ERANGE);
    assert_true(out == -1.0);
    assert_int_equal(mf_br_ltn_pu(br, s, ltn, 13.0, NULL, &err), MF_EINVAL);
    assert_int_equal(mf_br_ltn_pu(NULL, s, ltn, 13.0, &out, &err), MF_EINVAL);
}

static void maturities_off_the_coupon_calendar_are_errors(void **state)
{
    (void)state;
    double out = -1.0;
    mf_error err;
    assert_int_equal(mf_br_ntnf_pu(br, settlement(), mf_test_date("2027-04-01"), 13.0, &out, &err),
                     MF_EINVAL);
    assert_non_null(strstr(err.msg, "maturity '2027-04-01' of an NTN-F"));
    assert_int_equal(
        mf_br_ntnb_cotacao(br, settlement(), mf_test_date("2035-05-16"), 7.0, &out, &err),
        MF_EINVAL);
    assert_non_null(strstr(err.msg, "maturity '2035-05-16' of an NTN-B"));
    assert_true(out == -1.0);
}

/* ---- VNA projection ----------------------------------------------------------------------------
 */

/*
 * Hand examples, computed with 50-digit decimal arithmetic (Python decimal):
 *  1. settlement 2026-02-06: last 15th 2026-01-15, next 2026-02-15; dc = 22, dct = 31,
 *     x = round14(22/31) = 0.70967741935484; 4570.123456 * 1.0033^x = 4580.82127049988...
 *     -> truncated 4580.821270.
 *  2. settlement 2026-02-20: last 15th 2026-02-15, next 2026-03-15; dc = 5, dct = 28,
 *     x = 0.17857142857143; 4600.5 * 1.005^x = 4604.59917957469... -> 4604.599179.
 *  3. on a 15th x = 0: the VNA is the last one.
 */
static void vna_projection_matches_hand_examples(void **state)
{
    (void)state;
    double v = 0.0;
    assert_int_equal(
        mf_br_ntnb_vna_project(4570.123456, 0.33, mf_test_date("2026-02-06"), &v, NULL), 0);
    assert_close(v, 4580.821270, 1e-9);
    assert_int_equal(mf_br_ntnb_vna_project(4600.5, 0.5, mf_test_date("2026-02-20"), &v, NULL), 0);
    assert_close(v, 4604.599179, 1e-9);
    assert_int_equal(mf_br_ntnb_vna_project(4600.5, 0.5, mf_test_date("2026-03-15"), &v, NULL), 0);
    assert_close(v, 4600.5, 1e-9);
}

static void vna_projection_rejects_bad_inputs(void **state)
{
    (void)state;
    double v = -1.0;
    mf_error err;
    assert_int_equal(mf_br_ntnb_vna_project(NAN, 0.3, settlement(), &v, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "vna_last_brl"));
    assert_int_equal(mf_br_ntnb_vna_project(4600.0, 150.0, settlement(), &v, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "ipca_proj_pct 150"));
    assert_int_equal(mf_br_ntnb_vna_project(4600.0, NAN, settlement(), &v, &err), MF_EINVAL);
    assert_true(v == -1.0);
}

static void pricing_by_kind_is_pricing_by_bond(void **state)
{
    (void)state;
    mf_date s = mf_test_date("2026-02-06");
    double a = 0, b = 0, ya = 0, yb = 0, ca = 0, cb = 0;
    assert_int_equal(mf_br_ltn_pu(br, s, mf_test_date("2026-04-01"), 14.714, &a, NULL), 0);
    assert_int_equal(mf_br_pu(MF_BR_LTN, br, s, mf_test_date("2026-04-01"), 14.714, 99.0, &b, NULL),
                     0);
    assert_true(a == b); /* the VNA argument is ignored by bonds without one */
    assert_int_equal(mf_br_ntnb_pu(br, s, mf_test_date("2035-05-15"), 7.5, 4596.158793, &a, NULL),
                     0);
    assert_int_equal(
        mf_br_pu(MF_BR_NTNB, br, s, mf_test_date("2035-05-15"), 7.5, 4596.158793, &b, NULL), 0);
    assert_true(a == b);
    assert_int_equal(mf_br_ntnb_yield(br, s, mf_test_date("2035-05-15"), a, 4596.158793, &ya, NULL),
                     0);
    assert_int_equal(
        mf_br_yield(MF_BR_NTNB, br, s, mf_test_date("2035-05-15"), a, 4596.158793, &yb, NULL), 0);
    assert_true(ya == yb);
    assert_int_equal(mf_br_lft_cotacao(br, s, mf_test_date("2029-03-01"), 0.05, &ca, NULL), 0);
    assert_int_equal(mf_br_cotacao(MF_BR_LFT, br, s, mf_test_date("2029-03-01"), 0.05, &cb, NULL),
                     0);
    assert_true(ca == cb);
    assert_true(mf_br_bond_has_vna(MF_BR_LFT) && !mf_br_bond_has_vna(MF_BR_NTNF));
    mf_error err;
    assert_int_equal(mf_br_pu((mf_br_bond)9, br, s, s + 30, 10.0, 0.0, &a, &err), MF_EINVAL);
    assert_string_equal(err.msg, "unknown Brazilian bond kind 9");
    assert_int_equal(mf_br_cotacao(MF_BR_LTN, br, s, s + 30, 10.0, &ca, &err), MF_EINVAL);
}

/* ---- duration and convexity ------------------------------------------------------------------ */

static mf_br_bond bond_named(const char *kind)
{
    return strcmp(kind, "ntnf") == 0 ? MF_BR_NTNF : MF_BR_NTNB;
}

/*
 * QuantLib's CashFlows.duration (Macaulay, Modified) and CashFlows.convexity of the same flows
 * at the same yield, Business252 on the ANBIMA calendar: agreement to 1e-12 relative (the same
 * sums; QuantLib forms each time as a year fraction of its own).
 */
static void ntnf_and_ntnb_risk_measures_match_quantlib(void **state)
{
    (void)state;
    FILE *f = mf_test_fixture_open("br_risk.csv");
    char line[512];
    int rows_seen = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "kind,", 5) == 0)
            continue;
        char *c[7];
        assert_int_equal(mf_test_split(line, ',', c, 7), 7);
        mf_br_risk r;
        mf_error err;
        if (mf_br_risk_measures(bond_named(c[0]), br, mf_test_date(c[1]), mf_test_date(c[2]),
                                strtod(c[3], NULL), &r, &err) != 0)
            fail_msg("%s %s: %s", c[0], c[2], err.msg);
        const double got[3] = {r.macaulay_years, r.modified_years, r.convexity_years2};
        for (int k = 0; k < 3; k++) {
            double want = strtod(c[4 + k], NULL);
            if (!(fabs(got[k] - want) <= 1e-12 * want))
                fail_msg("%s %s settle %s measure %d: %.17g, QuantLib %.17g", c[0], c[2], c[1], k,
                         got[k], want);
        }
        rows_seen++;
    }
    fclose(f);
    assert_int_equal(rows_seen, 27);
}

/*
 * Closed forms for one flow at tau = du/252 at yield y: Macaulay = tau, modified =
 * tau / (1 + y), convexity = tau (tau + 1) / (1 + y)^2, for LTN and LFT alike; and an NTN-F
 * whose last coupon is its only flow (settled after 1 July 2026, maturing 1 January 2027) is
 * the same. 2026-02-06 to 2029-01-01 is 725 business days.
 */
static void ltn_and_lft_durations_are_their_closed_forms(void **state)
{
    (void)state;
    mf_date s = mf_test_date("2026-02-06"), m = mf_test_date("2029-01-01");
    int32_t du = 0;
    assert_int_equal(mf_br_du(br, s, m, &du, NULL), 0);
    double tau = du / 252.0, y = 0.13567;
    const mf_br_bond bonds[] = {MF_BR_LTN, MF_BR_LFT};
    for (size_t i = 0; i < 2; i++) {
        mf_br_risk r = {-1, -1, -1};
        assert_int_equal(mf_br_risk_measures(bonds[i], br, s, m, 13.567, &r, NULL), 0);
        assert_true(fabs(r.macaulay_years - tau) <= 4e-16 * tau);
        assert_true(fabs(r.modified_years - tau / (1.0 + y)) <= 1e-15 * tau);
        assert_true(fabs(r.convexity_years2 - tau * (tau + 1.0) / ((1.0 + y) * (1.0 + y))) <=
                    1e-14 * tau * tau);
    }
    mf_br_risk r;
    mf_date s2 = mf_test_date("2026-07-02"), m2 = mf_test_date("2027-01-01");
    assert_int_equal(mf_br_du(br, s2, m2, &du, NULL), 0);
    assert_int_equal(mf_br_risk_measures(MF_BR_NTNF, br, s2, m2, 10.0, &r, NULL), 0);
    assert_true(fabs(r.macaulay_years - du / 252.0) <= 1e-15);
    /* with coupons before maturity the Macaulay duration falls below the maturity */
    assert_int_equal(
        mf_br_risk_measures(MF_BR_NTNF, br, s, mf_test_date("2035-01-01"), 13.5, &r, NULL), 0);
    assert_int_equal(mf_br_du(br, s, mf_test_date("2035-01-01"), &du, NULL), 0);
    assert_true(r.macaulay_years < du / 252.0);
}

static void risk_measures_refuse_what_pricing_refuses(void **state)
{
    (void)state;
    mf_date s = mf_test_date("2026-02-06");
    mf_br_risk r = {-1, -1, -1};
    mf_error err;
    assert_int_equal(
        mf_br_risk_measures(MF_BR_LTN, br, s, mf_test_date("2029-01-01"), NAN, &r, &err),
        MF_EINVAL);
    assert_string_equal(err.msg, "yield_pct is not a finite number");
    assert_int_equal(
        mf_br_risk_measures(MF_BR_NTNF, br, s, mf_test_date("2029-02-01"), 10.0, &r, &err),
        MF_EINVAL);
    assert_non_null(strstr(err.msg, "is not a 1 January or 1 July"));
    assert_int_equal(
        mf_br_risk_measures(MF_BR_NTNB, br, s, mf_test_date("2025-05-15"), 6.0, &r, &err),
        MF_EINVAL);
    assert_non_null(strstr(err.msg, "is not after settlement"));
    assert_int_equal(mf_br_risk_measures((mf_br_bond)7, br, s, s + 30, 6.0, &r, &err), MF_EINVAL);
    assert_string_equal(err.msg, "unknown Brazilian bond kind 7");
    assert_int_equal(mf_br_risk_measures(MF_BR_LTN, br, s, s + 30, 6.0, NULL, &err), MF_EINVAL);
    assert_true(r.macaulay_years == -1 && r.modified_years == -1 && r.convexity_years2 == -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(file_has_the_titles_the_readme_lists),
        cmocka_unit_test(pricing_by_kind_is_pricing_by_bond),
        cmocka_unit_test(ltn_reproduces_every_anbima_pu_exactly),
        cmocka_unit_test(ntnf_reproduces_every_anbima_pu_exactly),
        cmocka_unit_test(ntnb_one_derived_vna_reproduces_every_anbima_pu),
        cmocka_unit_test(lft_one_derived_vna_reproduces_every_anbima_pu),
        cmocka_unit_test(coupon_constants_follow_from_their_definition),
        cmocka_unit_test(yield_from_every_anbima_pu_reprices_exactly),
        cmocka_unit_test(yield_for_a_price_off_the_grid_is_where_the_price_steps),
        cmocka_unit_test(settlement_on_a_holiday_is_refused_naming_the_holiday),
        cmocka_unit_test(du_counts_to_maturity_and_a_holiday_maturity_is_fine),
        cmocka_unit_test(maturity_on_or_before_settlement_is_an_error),
        cmocka_unit_test(bad_yields_and_amounts_are_errors_naming_the_field),
        cmocka_unit_test(maturities_off_the_coupon_calendar_are_errors),
        cmocka_unit_test(vna_projection_matches_hand_examples),
        cmocka_unit_test(vna_projection_rejects_bad_inputs),
        cmocka_unit_test(ntnf_and_ntnb_risk_measures_match_quantlib),
        cmocka_unit_test(ltn_and_lft_durations_are_their_closed_forms),
        cmocka_unit_test(risk_measures_refuse_what_pricing_refuses),
    };
    return cmocka_run_group_tests(tests, load_anbima, unload);
}
