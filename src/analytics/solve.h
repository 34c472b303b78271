/*
 * solve.h - one-dimensional root finding.
 *
 * Exports: mf_solve_fn (the function whose root is sought) and mf_solve_brent(), Brent's
 * method on a bracketing interval with an absolute tolerance and an iteration cap.
 *
 * Nothing here allocates or keeps state: every function may run on many threads at once
 * (provided the callback may).
 */
#ifndef MF_ANALYTICS_SOLVE_H
#define MF_ANALYTICS_SOLVE_H

#include "core/error.h"

/* The function whose root is sought, f(x); ctx is passed through untouched. */
typedef double (*mf_solve_fn)(double x, void *ctx);

/*
 * Finds x in [lo, hi] with f(x) = 0 by Brent's method (R. P. Brent, "Algorithms for
 * Minimization without Derivatives", 1973, chapter 4; the Numerical Recipes description):
 * inverse quadratic interpolation or the secant step when they stay well inside the bracket,
 * bisection otherwise, so the bracket always holds a sign change and shrinks at least as fast
 * as bisection every few steps.
 *
 * Inputs: lo < hi (either order is accepted and swapped), f(lo) and f(hi) of opposite signs
 * (or one of them exactly 0); xtol > 0, the absolute tolerance on x (the method also stops at
 * the resolution of a double near the root); max_iter >= 1, the cap on evaluations of f after
 * the two at the ends. ctx is borrowed for the call.
 *
 * Output: *root (and *iters, the evaluations used after the two at the ends, when iters is
 * not NULL), written only on success.
 *
 * Errors: MF_EINVAL when lo or hi is not finite, xtol <= 0, max_iter < 1, or f(lo) and
 * f(hi) have the same sign (message: the target is outside the attainable range on the
 * bracket); MF_ERANGE when f returns NaN or an infinity; MF_EMAXITER when max_iter evaluations
 * did not bring the bracket within xtol.
 */
int mf_solve_brent(mf_solve_fn f, void *ctx, double lo, double hi, double xtol, int max_iter,
                   double *root, int *iters, mf_error *err);

#endif
