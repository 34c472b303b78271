/*
 * numfmt.c - shortest round-trip formatting of doubles (see numfmt.h).
 */
#include "core/numfmt.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The fast path of mf_format_double(): x (1e-4 <= |x| < 1e15) as the decimal with the fewest
 * fraction digits k whose value rounds back to x, when it has at most 15 significant digits -
 * which is exactly what "%.15g" prints then (fixed notation, no trailing zeros), without
 * printf's multi-precision arithmetic. N = |x| 10^k rounded is the only candidate (its
 * error is far below one half), and N / 10^k, an exact division of exact doubles, rounds as
 * strtod() reads the decimal. Returns the length, or 0 when it does not apply: the slow path
 * decides.
 */
static size_t format_short(double x, char *buf)
{
    static const double p10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    double ax = fabs(x);
    if (!(ax >= 1e-4 && ax < 1e15))
        return 0;
    for (int k = 0; k < 16; k++) {
        double scaled = ax * p10[k];
        if (scaled >= 1e15) /* more than 15 significant digits */
            return 0;
        /* the nearest integer (scaled + 0.5 is exact below 2^52; a tie is no candidate), by
           a cast: nearbyint() is a library call on baseline x86-64 */
        double n = (double)(uint64_t)(scaled + 0.5);
        if (n / p10[k] != ax)
            continue;
        uint64_t units = (uint64_t)n, pow10 = (uint64_t)p10[k];
        uint64_t whole = units / pow10, frac = units % pow10;
        char digits[16];
        int nd = 0, len = 0;
        do { /* the whole part, least significant digit first */
            digits[nd++] = (char)('0' + whole % 10);
            whole /= 10;
        } while (whole > 0);
        if (x < 0)
            buf[len++] = '-';
        while (nd > 0)
            buf[len++] = digits[--nd];
        if (k > 0) {
            buf[len++] = '.';
            for (int i = k - 1; i >= 0; i--, frac /= 10)
                buf[len + i] = (char)('0' + frac % 10);
            len += k;
        }
        buf[len] = '\0';
        return (size_t)len;
    }
    return 0;
}

size_t mf_format_double_len(double x, char buf[MF_DOUBLE_TEXT_SIZE])
{
    size_t len = format_short(x, buf);
    if (len > 0)
        return len;
    /* 17 significant digits always round-trip an IEEE double; most values need 15. */
    int n = 0;
    for (int digits = 15; digits <= 17; digits++) {
        n = snprintf(buf, MF_DOUBLE_TEXT_SIZE, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return n > 0 ? (size_t)n : 0;
}

char *mf_format_double(double x, char buf[MF_DOUBLE_TEXT_SIZE])
{
    mf_format_double_len(x, buf);
    return buf;
}

char *mf_format_fixed(double x, int decimals, char buf[MF_DOUBLE_TEXT_SIZE])
{
    static const double scale[] = {1e0, 1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,
                                   1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17};
    if (decimals < 0)
        decimals = 0;
    if (decimals > 17)
        decimals = 17;
    double ax = fabs(x), scaled = ax * scale[decimals];
    if (!(scaled < 4503599627370496.0)) { /* 2^52: the units no longer fit exactly; NaN */
        int w = snprintf(buf, MF_DOUBLE_TEXT_SIZE, "%.*f", decimals, x);
        return w < MF_DOUBLE_TEXT_SIZE ? buf : mf_format_double(x, buf); /* too long: 1e+30 */
    }
    /* Round |x| 10^decimals exactly as printf does, from x's exact binary value: the powers
       of ten are exact, so |x| 10^decimals = scaled + err with err = fma(...) exactly (at most
       a quarter below 2^52), and below, the sign of (frac - 0.5) + err picks the side. */
    double err = fma(ax, scale[decimals], -scaled);
    double whole = floor(scaled), frac = scaled - whole;
    uint64_t units = (uint64_t)whole;
    if (frac >= 0.25) {                   /* frac - 0.5 is exact here; below, frac + err < 0.5 */
        double side = (frac - 0.5) + err; /* rounding keeps the sign of a sum */
        if (side > 0.0 || (side == 0.0 && (units & 1u)))
            units++;
    }
    bool negative = x < 0 && units > 0; /* no "-0.000" */
    char digits[24];
    int n = 0;
    do { /* at least decimals + 1 digits: a leading zero before the point */
        digits[n++] = (char)('0' + units % 10);
        units /= 10;
    } while (units > 0 || n <= decimals);
    char *p = buf;
    if (negative)
        *p++ = '-';
    for (int i = n - 1; i >= 0; i--) {
        *p++ = digits[i];
        if (i == decimals && decimals > 0)
            *p++ = '.';
    }
    *p = '\0';
    return buf;
}

/* Exact powers of ten: every 10^k for k <= 22 is a double without rounding. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int bad_number(const char *s, size_t len, mf_error *err)
{
    return mf_error_set(err, MF_EPARSE, "invalid number '%.*s'", (int)(len > 40 ? 40 : len), s);
}

int mf_parse_decimal(const char *s, size_t len, double *out, mf_error *err)
{
    /* Validate the grammar, and collect up to 19 significant digits for the fast path. */
    size_t i = 0;
    bool negative = false;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    uint64_t mantissa = 0;
    int digits = 0, frac_digits = 0, mant_digits = 0;
    bool dot = false;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits++;
            if (mantissa != 0 || c != '0')
                mant_digits++;
            if (mant_digits <= 19)
                mantissa = mantissa * 10 + (uint64_t)(c - '0');
            frac_digits += dot;
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            break;
        }
    }
    if (digits == 0)
        return bad_number(s, len, err);
    bool has_exp = i < len;
    if (has_exp) {
        size_t j = i + 1;
        if (s[i] != 'e' && s[i] != 'E')
            return bad_number(s, len, err);
        if (j < len && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j == len)
            return bad_number(s, len, err);
        for (; j < len; j++)
            if (s[j] < '0' || s[j] > '9')
                return bad_number(s, len, err);
    }
    /* Clinger's fast path: an integer below 2^53 divided by an exact power of ten is
       correctly rounded by one IEEE division. */
    if (!has_exp && mant_digits <= 15 && frac_digits <= 22) {
        double v = (double)mantissa / pow10_exact[frac_digits];
        *out = negative ? -v : v;
        return 0;
    }
    char buf[512];
    if (len >= sizeof buf)
        return bad_number(s, len, err);
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end;
    double v = strtod(buf, &end); /* subnormal and underflowing values are kept, as strtod gives */
    if (end != buf + len || !isfinite(v))
        return bad_number(s, len, err);
    *out = v;
    return 0;
}
