/*
 * test_numfmt.c - src/core/numfmt.c: shortest round-trip formatting and strict decimal
 * parsing, checked against the C library's strtod() as the reference (bit for bit).
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"

static double parse_ok(const char *s)
{
    double v = -999.0;
    mf_error err;
    if (mf_parse_decimal(s, strlen(s), &v, &err) != 0)
        fail_msg("rejected '%s': %s", s, err.msg);
    return v;
}

static void decimals_parse_exactly_as_strtod_does(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "0",
        "-0",
        "1",
        "2.385",
        "0.1",
        "0.3",
        "4521.65",
        "-17.5",
        "+3.25",
        "1.",
        ".5",
        "0.000123",
        "100000000000000",
        "999999999999999",
        "123456789012345.6",
        "9007199254740993",
        "0.1000000000000000055511151231257827",
        "1e5",
        "1E-7",
        "-2.5e+10",
        "1.7976931348623157e308",
        "4.9e-324",
        "12345678901234567890",
        "3.14159265358979323846",
        "1.0000000000000000000000",
        "0.00000000000000000000001",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double want = strtod(cases[i], NULL), got = parse_ok(cases[i]);
        if (memcmp(&want, &got, sizeof got) != 0)
            fail_msg("'%s': got %.17g, strtod %.17g", cases[i], got, want);
    }
}

/* What mf_format_double() printed before its fast path: the first of %.15g, %.16g, %.17g
   that reads back. */
static void printf_shortest(double x, char *buf, size_t size)
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

static void the_fast_path_prints_what_printf_prints(void **state)
{
    (void)state;
    char got[MF_DOUBLE_TEXT_SIZE], want[64];
    unsigned long long x = 0x2545F4914F6CDD1DULL;
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        switch (i % 4) {
        case 0: /* prices and rates with few decimals, as sources publish them */
            v = (double)(long long)(x % 100000000000ULL) / pow(10, (double)((x >> 40) % 10));
            break;
        case 1: /* any double of a wide range of magnitudes */
            v = (double)(x >> 11) * 0x1p-53 * pow(10, (double)((int)((x >> 3) % 40) - 20));
            break;
        case 2: /* integers, and halves near 2^53 */
            v = (double)(x % 2000000000000000ULL) / ((x >> 62) ? 2.0 : 1.0);
            break;
        default: /* raw bit patterns */
            memcpy(&v, &x, sizeof v);
            if (!isfinite(v))
                continue;
        }
        if ((x >> 61) & 1)
            v = -v;
        printf_shortest(v, want, sizeof want);
        size_t len = mf_format_double_len(v, got);
        if (strcmp(got, want) != 0 || len != strlen(want))
            fail_msg("%.17g: '%s' (length %zu), printf path '%s'", v, got, len, want);
    }
    const double edges[] = {0.0, -0.0, 1e-4, 9.99999e-5, 1e15, 999999999999999.0, 0.1, 1e14 + 0.5};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        printf_shortest(edges[i], want, sizeof want);
        assert_string_equal(mf_format_double(edges[i], got), want);
    }
    /* each decade's first value and its neighbours, where the digit count changes */
    for (int j = -5; j <= 16; j++) {
        double p = pow(10, j),
               near[] = {p, nextafter(p, 0), nextafter(p, INFINITY), p * 0.99999, p * 9.5};
        for (size_t i = 0; i < sizeof near / sizeof near[0]; i++) {
            printf_shortest(near[i], want, sizeof want);
            assert_string_equal(mf_format_double(near[i], got), want);
        }
    }
}

static void random_decimals_match_strtod_bit_for_bit(void **state)
{
    (void)state;
    unsigned long long x = 0x9E3779B97F4A7C15ULL; /* xorshift: a fixed, portable sequence */
    char buf[64];
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int intdigits = (int)(x % 9), fracdigits = (int)((x >> 8) % 12);
        unsigned long long a = (x >> 16) % 1000000000ULL, b = (x >> 20) % 1000000000000ULL;
        snprintf(buf, sizeof buf, "%s%.*llu.%0*llu", (x >> 60) & 1 ? "-" : "", intdigits + 1,
                 a % 1000000000ULL, fracdigits, b % 1000000000000ULL);
        double want = strtod(buf, NULL), got = parse_ok(buf);
        if (memcmp(&want, &got, sizeof got) != 0)
            fail_msg("'%s': got %.17g, strtod %.17g", buf, got, want);
    }
}

static void anything_else_is_rejected_with_the_text_quoted(void **state)
{
    (void)state;
    static const char *const bad[] = {"",    "-",   "+",     ".",   "1.2.3", "1e",
                                      "1e+", "e5",  "1,5",   " 1",  "1 ",    "0x10",
                                      "inf", "nan", "1e999", "--1", "1e5.5", "١"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = 42.0;
        mf_error err;
        if (mf_parse_decimal(bad[i], strlen(bad[i]), &v, &err) != MF_EPARSE)
            fail_msg("accepted '%s'", bad[i]);
        assert_true(v == 42.0);
        assert_non_null(strstr(err.msg, "invalid number '"));
    }
}

static void formatting_is_shortest_and_round_trips(void **state)
{
    (void)state;
    char buf[MF_DOUBLE_TEXT_SIZE];
    assert_string_equal(mf_format_double(4521.65, buf), "4521.65");
    assert_string_equal(mf_format_double(0.1, buf), "0.1");
    assert_string_equal(mf_format_double(2.385, buf), "2.385");
    assert_string_equal(mf_format_double(0.49772438056740775, buf), "0.49772438056740775");
    assert_string_equal(mf_format_double(1e-300, buf), "1e-300");
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 100000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        memcpy(&v, &x, sizeof v);
        if (!isfinite(v))
            continue;
        if (strtod(mf_format_double(v, buf), NULL) != v)
            fail_msg("%.17g formatted as '%s' does not read back", v, buf);
    }
}

static void fixed_formatting_rounds_to_the_stated_decimals(void **state)
{
    (void)state;
    char buf[MF_DOUBLE_TEXT_SIZE];
    assert_string_equal(mf_format_fixed(8.650000000001178, 12, buf), "8.650000000001");
    assert_string_equal(mf_format_fixed(0.41086984719690606, 15, buf), "0.410869847196906");
    assert_string_equal(mf_format_fixed(2.385, 0, buf), "2");
    assert_string_equal(mf_format_fixed(-0.0004, 3, buf), "0.000");
    assert_string_equal(mf_format_fixed(-1.25, 1, buf), "-1.2"); /* an exact tie: to even */
    assert_string_equal(mf_format_fixed(-1.35, 1, buf), "-1.4"); /* 1.350000000000000089 */
    assert_string_equal(mf_format_fixed(0.125, 2, buf), "0.12"); /* exact ties, as printf */
    assert_string_equal(mf_format_fixed(0.375, 2, buf), "0.38");
    assert_string_equal(mf_format_fixed(2.5, 0, buf), "2");
    assert_string_equal(mf_format_fixed(4503599627370495.5, 0, buf), "4503599627370496");
    /* x 10^15 rounds up to ...243.5 in double arithmetic; x itself is below the boundary */
    assert_string_equal(mf_format_fixed(0.879211025339243446, 15, buf), "0.879211025339243");
    assert_string_equal(mf_format_fixed(-0.0005, 3, buf), "-0.001"); /* 0.000500000000000000010 */
    assert_string_equal(mf_format_fixed(-0.00049999999999999, 3, buf), "0.000");
    assert_string_equal(mf_format_fixed(1e13, 2, buf), "10000000000000.00");
    assert_string_equal(mf_format_fixed(1e30, 2, buf), "1e+30"); /* too long for fixed */
    unsigned long long x = 0x2385;
    char ref[64];
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v = ((double)(x % 2000000001ULL) - 1e9) / 1e7; /* -100 .. 100 */
        int dec = (int)(x >> 40) % 18;
        if ((x >> 20) % 4 == 0) /* near 1 with many decimals: where double products round */
            v = 1.0 + v / 1e3;
        mf_format_fixed(v, dec, buf);
        snprintf(ref, sizeof ref, "%.*f", dec, v);
        if (strcmp(buf, ref) != 0 &&
            !(ref[0] == '-' && strcmp(buf, ref + 1) == 0 && strtod(buf, NULL) == 0.0))
            fail_msg("%.17g to %d decimals: '%s', snprintf '%s'", v, dec, buf, ref);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decimals_parse_exactly_as_strtod_does),
        cmocka_unit_test(random_decimals_match_strtod_bit_for_bit),
        cmocka_unit_test(anything_else_is_rejected_with_the_text_quoted),
        cmocka_unit_test(formatting_is_shortest_and_round_trips),
        cmocka_unit_test(the_fast_path_prints_what_printf_prints),
        cmocka_unit_test(fixed_formatting_rounds_to_the_stated_decimals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
