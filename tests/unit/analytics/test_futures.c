/*
 * test_futures.c - src/analytics/futures.c: every spec against its exchange's published
 * contract specification, positions and P&L worked by hand, the carry formulas against values
 * computed to 30 digits (Python decimal/mpmath), symbol lookup and every error path.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "analytics/futures.h"

static const mf_future_spec *spec(const char *symbol)
{
    const mf_future_spec *s = NULL;
    mf_error err;
    if (mf_future_spec_find(symbol, &s, &err) != 0)
        fail_msg("%s", err.msg);
    return s;
}

/*
 * Point value and tick from each exchange's contract specification page (2025), and the tick
 * value they imply (tick x point value), as the exchanges state it:
 *   B3 "Contrato Futuro de Ibovespa": index x BRL 1.00, tick 5 points = BRL 5.00
 *   B3 "Contrato Futuro Mini de Ibovespa": index x BRL 0.20, tick 5 points = BRL 1.00
 *   CME E-mini S&P 500: USD 50 x index, 0.25 point = USD 12.50
 *   CME Micro E-mini S&P 500: USD 5 x index, 0.25 point = USD 1.25
 *   CME E-mini Nasdaq-100: USD 20 x index, 0.25 point = USD 5.00
 *   CME Micro E-mini Nasdaq-100: USD 2 x index, 0.25 point = USD 0.50
 *   CBOT E-mini Dow ($5): USD 5 x index, 1.0 point = USD 5.00
 *   CME E-mini Russell 2000: USD 50 x index, 0.10 point = USD 5.00
 *   NYMEX Light Sweet Crude Oil: 1,000 barrels, USD 0.01 a barrel = USD 10.00
 *   NYMEX Micro WTI: 100 barrels, USD 0.01 = USD 1.00
 *   ICE Brent Crude: 1,000 barrels, USD 0.01 = USD 10.00
 *   NYMEX Henry Hub Natural Gas: 10,000 MMBtu, USD 0.001 = USD 10.00
 *   COMEX Gold: 100 troy ounces, USD 0.10 = USD 10.00
 *   COMEX Micro Gold: 10 troy ounces, USD 0.10 = USD 1.00
 *   COMEX Silver: 5,000 troy ounces, USD 0.005 = USD 25.00
 *   COMEX Copper: 25,000 pounds, USD 0.0005 = USD 12.50
 */
static void specs_match_the_exchanges(void **state)
{
    (void)state;
    struct {
        const char *root, *currency;
        double multiplier, tick, tick_value;
    } want[] = {
        {"IND", "BRL", 1.0, 5.0, 5.0},      {"WIN", "BRL", 0.2, 5.0, 1.0},
        {"ES", "USD", 50.0, 0.25, 12.5},    {"MES", "USD", 5.0, 0.25, 1.25},
        {"NQ", "USD", 20.0, 0.25, 5.0},     {"MNQ", "USD", 2.0, 0.25, 0.5},
        {"YM", "USD", 5.0, 1.0, 5.0},       {"RTY", "USD", 50.0, 0.1, 5.0},
        {"CL", "USD", 1000.0, 0.01, 10.0},  {"MCL", "USD", 100.0, 0.01, 1.0},
        {"BRN", "USD", 1000.0, 0.01, 10.0}, {"NG", "USD", 10000.0, 0.001, 10.0},
        {"GC", "USD", 100.0, 0.1, 10.0},    {"MGC", "USD", 10.0, 0.1, 1.0},
        {"SI", "USD", 5000.0, 0.005, 25.0}, {"HG", "USD", 25000.0, 0.0005, 12.5},
    };
    size_t n = sizeof want / sizeof want[0];
    assert_int_equal(mf_future_spec_count(), n);
    for (size_t i = 0; i < n; i++) {
        const mf_future_spec *s = spec(want[i].root);
        assert_string_equal(s->root, want[i].root);
        assert_string_equal(s->currency, want[i].currency);
        assert_true(s->multiplier == want[i].multiplier);
        assert_true(s->tick_size == want[i].tick);
        mf_future_position p;
        assert_int_equal(mf_future_position_of(s, 100.0, 1.0, &p, NULL), 0);
        if (fabs(p.tick_value - want[i].tick_value) > 1e-12)
            fail_msg("%s tick value %.17g, expected %g", want[i].root, p.tick_value,
                     want[i].tick_value);
        assert_ptr_equal(mf_future_spec_at(i), s);
    }
    assert_null(mf_future_spec_at(n));
}

static void symbols_are_roots_or_contract_codes(void **state)
{
    (void)state;
    assert_string_equal(spec("ESZ6")->root, "ES");
    assert_string_equal(spec("esz25")->root, "ES");
    assert_string_equal(spec("MESH6")->root, "MES");
    assert_string_equal(spec("INDG26")->root, "IND");
    assert_string_equal(spec("WINZ25")->root, "WIN");
    assert_string_equal(spec("CLF27")->root, "CL");
    assert_string_equal(spec("SIZ5")->root, "SI");
    assert_string_equal(spec("MGCQ26")->root, "MGC");
    static const mf_future_spec sentinel = {0};
    const mf_future_spec *s = &sentinel;
    mf_error err;
    const char *bad[] = {"", "E", "ESZ", "ESZ123", "ESA6", "ESZ6X", "XX", "BOVA11"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(mf_future_spec_find(bad[i], &s, &err), MF_ENOTFOUND);
        assert_non_null(strstr(err.msg, "unknown futures contract"));
        assert_non_null(strstr(err.msg, "known roots: IND, WIN, ES"));
    }
    assert_ptr_equal(s, &sentinel); /* untouched on failure */
}

/*
 * By hand: short 3 ES at 6012.25: notional -3 x 50 x 6012.25 = USD -901,837.50; a point up
 * costs USD 150, 1% up USD 9,018.375, a tick USD 37.50. Long 1 WIN at 128,455: BRL 25,691.00,
 * BRL 256.91 per 1%, BRL 1.00 a tick (25,691 ticks on the grid).
 */
static void positions_follow_the_multiplier(void **state)
{
    (void)state;
    mf_future_position p;
    assert_int_equal(mf_future_position_of(spec("ES"), 6012.25, -3.0, &p, NULL), 0);
    assert_true(p.notional == -901837.5);
    assert_true(p.delta_per_point == -150.0);
    assert_true(fabs(p.delta_per_pct - (-9018.375)) < 1e-9);
    assert_true(p.tick_value == 12.5 && p.position_tick_value == -37.5);
    assert_true(p.ticks == 24049.0);
    assert_int_equal(mf_future_position_of(spec("WIN"), 128455.0, 1.0, &p, NULL), 0);
    assert_true(fabs(p.notional - 25691.0) < 1e-9);
    assert_true(fabs(p.delta_per_pct - 256.91) < 1e-9);
    assert_true(fabs(p.tick_value - 1.0) < 1e-12);
    assert_true(p.ticks == 25691.0);
}

/*
 * P&L: long 2 CL from 71.23 to 70.48: -0.75 x 1,000 x 2 = USD -1,500. WTI's May 2020 contract
 * settled at USD 18.27 on 2020-04-17 and USD -37.63 on 2020-04-20 (NYMEX settlements): one
 * long contract lost USD 55,900. Long 10 IND from 128,000 to 129,250: BRL 12,500.
 */
static void pnl_is_price_change_times_point_value(void **state)
{
    (void)state;
    double pnl = 0.0;
    assert_int_equal(mf_future_pnl(spec("CL"), 71.23, 70.48, 2.0, &pnl, NULL), 0);
    assert_true(fabs(pnl - (-1500.0)) < 1e-9);
    assert_int_equal(mf_future_pnl(spec("CLK20"), 18.27, -37.63, 1.0, &pnl, NULL), 0);
    assert_true(fabs(pnl - (-55900.0)) < 1e-9);
    assert_int_equal(mf_future_pnl(spec("IND"), 128000.0, 129250.0, 10.0, &pnl, NULL), 0);
    assert_true(pnl == 12500.0);
}

/*
 * Carry (values to 30 digits with Python's mpmath): S = 5985, r = 4.3%, q = 1.3%, 25 days:
 * F = 5985 e^(0.03 x 25/365) = 5997.31058873916206618; the carry implied by a price of 6012.25
 * is ln(6012.25/5985) x 365/25 = 0.0663236465319817929. Ibovespa 128,455 at 14.15%, no
 * dividend yield, 63 days: 131630.918739041478040.
 */
static void fair_value_is_cost_of_carry(void **state)
{
    (void)state;
    double f = 0.0, c = 0.0;
    assert_int_equal(mf_future_fair_price(5985.0, 0.043, 0.013, 25, &f, NULL), 0);
    assert_true(fabs(f - 5997.31058873916206618) < 1e-9);
    assert_int_equal(mf_future_implied_carry(6012.25, 5985.0, 25, &c, NULL), 0);
    assert_true(fabs(c - 0.0663236465319817929) < 1e-14);
    assert_int_equal(mf_future_fair_price(128455.0, 0.1415, 0.0, 63, &f, NULL), 0);
    assert_true(fabs(f - 131630.918739041478040) < 1e-8);
    /* Round trip: the carry implied by the fair price is r - q. */
    assert_int_equal(mf_future_fair_price(5985.0, 0.043, 0.013, 25, &f, NULL), 0);
    assert_int_equal(mf_future_implied_carry(f, 5985.0, 25, &c, NULL), 0);
    assert_true(fabs(c - 0.03) < 1e-13);
    /* Zero days: the future is the spot. */
    assert_int_equal(mf_future_fair_price(5985.0, 0.043, 0.013, 0, &f, NULL), 0);
    assert_true(f == 5985.0);
}

static void bad_input_names_the_field(void **state)
{
    (void)state;
    const mf_future_spec *es = spec("ES");
    mf_future_position p;
    p.notional = -1.0;
    mf_error err;
    assert_int_equal(mf_future_position_of(es, 0.0, 1.0, &p, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "price 0 of 'ES' outside"));
    assert_int_equal(mf_future_position_of(es, NAN, 1.0, &p, &err), MF_EINVAL);
    assert_int_equal(mf_future_position_of(es, 5000.0, 0.0, &p, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "contracts 0: must be non-zero"));
    assert_int_equal(mf_future_position_of(es, 5000.0, 2e7, &p, &err), MF_EINVAL);
    assert_true(p.notional == -1.0);
    double x = -1.0;
    assert_int_equal(mf_future_pnl(es, INFINITY, 1.0, 1.0, &x, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "entry price"));
    assert_int_equal(mf_future_pnl(es, 1.0, NAN, 1.0, &x, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "exit price"));
    assert_int_equal(mf_future_pnl(es, 1.0, 2.0, NAN, &x, &err), MF_EINVAL);
    assert_int_equal(mf_future_fair_price(-1.0, 0.04, 0.0, 10, &x, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "spot -1"));
    assert_int_equal(mf_future_fair_price(100.0, 4.0, 0.0, 10, &x, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "rate 4 outside"));
    assert_int_equal(mf_future_fair_price(100.0, 0.04, -2.0, 10, &x, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "yield -2 outside"));
    assert_int_equal(mf_future_fair_price(100.0, 0.04, 0.0, -1, &x, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "days -1"));
    assert_int_equal(mf_future_implied_carry(100.0, 99.0, 0, &x, &err), MF_EINVAL);
    assert_int_equal(mf_future_implied_carry(0.0, 99.0, 10, &x, &err), MF_EINVAL);
    assert_int_equal(mf_future_implied_carry(100.0, 0.0, 10, &x, &err), MF_EINVAL);
    assert_true(x == -1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(specs_match_the_exchanges),
        cmocka_unit_test(symbols_are_roots_or_contract_codes),
        cmocka_unit_test(positions_follow_the_multiplier),
        cmocka_unit_test(pnl_is_price_change_times_point_value),
        cmocka_unit_test(fair_value_is_cost_of_carry),
        cmocka_unit_test(bad_input_names_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
