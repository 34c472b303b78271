/*
 * solve.c - one-dimensional root finding: Brent's method (solve.h).
 *
 * Written from the description in R. P. Brent, "Algorithms for Minimization without
 * Derivatives" (1973), chapter 4, and Numerical Recipes section 9.3. Names: b is the current
 * best estimate, a the previous one, c the other end of the bracket [b, c] (f(b) and f(c) of
 * opposite signs, |f(b)| <= |f(c)|); d is the last step and e the one before it.
 */
#include "analytics/solve.h"

#include <float.h>
#include <math.h>

static int eval(mf_solve_fn f, void *ctx, double x, double *fx, mf_error *err)
{
    double y = f(x, ctx);
    if (!isfinite(y))
        return mf_error_set(err, MF_ERANGE, "root finder: f(%.17g) is not finite (%g)", x, y);
    *fx = y;
    return 0;
}

int mf_solve_brent(mf_solve_fn f, void *ctx, double lo, double hi, double xtol, int max_iter,
                   double *root, int *iters, mf_error *err)
{
    if (f == NULL || root == NULL)
        return mf_error_set(err, MF_EINVAL, "root finder: f and root must not be NULL");
    if (!isfinite(lo) || !isfinite(hi) || lo == hi)
        return mf_error_set(err, MF_EINVAL, "root finder: bracket [%g, %g] is not an interval", lo,
                            hi);
    if (!(xtol > 0.0) || max_iter < 1)
        return mf_error_set(err, MF_EINVAL,
                            "root finder: tolerance %g must be positive and the iteration cap "
                            "%d at least 1",
                            xtol, max_iter);
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    double a = lo, b = hi, fa = 0.0, fb = 0.0;
    int rc = eval(f, ctx, a, &fa, err);
    if (rc == 0)
        rc = eval(f, ctx, b, &fb, err);
    if (rc != 0)
        return rc;
    if (fa == 0.0 || fb == 0.0) {
        *root = fa == 0.0 ? a : b;
        if (iters)
            *iters = 0;
        return 0;
    }
    if ((fa > 0.0) == (fb > 0.0))
        return mf_error_set(err, MF_EINVAL,
                            "root finder: the target is outside the attainable range on the "
                            "bracket [%.17g, %.17g] (f = %.17g and %.17g, same sign)",
                            lo, hi, fa, fb);

    double c = a, fc = fa, d = b - a, e = d;
    for (int i = 1; i <= max_iter; i++) {
        if ((fb > 0.0) == (fc > 0.0)) { /* keep the sign change between b and c */
            c = a;
            fc = fa;
            d = e = b - a;
        }
        if (fabs(fc) < fabs(fb)) { /* b is the better estimate */
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        double tol = 2.0 * DBL_EPSILON * fabs(b) + 0.5 * xtol;
        double m = 0.5 * (c - b);
        if (fabs(m) <= tol) {
            *root = b;
            if (iters)
                *iters = i - 1;
            return 0;
        }
        if (fabs(e) >= tol && fabs(fa) > fabs(fb)) {
            /* Interpolate: the secant through a and b when a == c, else inverse quadratic
             * through a, b, c. The step is p / q. */
            double s = fb / fa, p, q;
            if (a == c) {
                p = 2.0 * m * s;
                q = 1.0 - s;
            } else {
                double qa = fa / fc, r = fb / fc;
                p = s * (2.0 * m * qa * (qa - r) - (b - a) * (r - 1.0));
                q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if (p > 0.0)
                q = -q;
            else
                p = -p;
            /* Accept it only when it falls inside the bracket (3/4 of the way to c at most)
             * and is less than half the step before last, so the bracket keeps shrinking. */
            double lim1 = 3.0 * m * q - fabs(tol * q), lim2 = fabs(e * q);
            if (2.0 * p < (lim1 < lim2 ? lim1 : lim2)) {
                e = d;
                d = p / q;
            } else {
                d = m; /* bisection */
                e = d;
            }
        } else {
            d = m;
            e = d;
        }
        a = b;
        fa = fb;
        b += fabs(d) > tol ? d : copysign(tol, m); /* never a step below the tolerance */
        rc = eval(f, ctx, b, &fb, err);
        if (rc != 0)
            return rc;
        if (fb == 0.0) {
            *root = b;
            if (iters)
                *iters = i;
            return 0;
        }
    }
    return mf_error_set(err, MF_EMAXITER,
                        "root finder: no root within %g after %d iterations (bracket [%.17g, "
                        "%.17g])",
                        xtol, max_iter, b < c ? b : c, b < c ? c : b);
}
