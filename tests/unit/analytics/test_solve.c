/*
 * test_solve.c - src/analytics/solve.c: Brent's method on textbook functions with known roots,
 * and every error path.
 *
 * Reference roots: x^3 - 2x - 5 = 0 (Wallis's equation, the example of Numerical Recipes and
 * of Brent 1973) at 2.0945514815423265; cos x = x (the Dottie number) at 0.7390851332151607.
 * Tolerance: the solver is asked for 1e-14 absolute and checked to 1e-13.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "analytics/solve.h"

static double wallis(double x, void *ctx)
{
    (void)ctx;
    return (x * x - 2.0) * x - 5.0;
}

static double dottie(double x, void *ctx)
{
    (void)ctx;
    return cos(x) - x;
}

/* x - target, counting calls; ctx is a struct with both. */
typedef struct counted {
    double target;
    int calls;
} counted;

static double shifted(double x, void *ctx)
{
    counted *c = ctx;
    c->calls++;
    return x - c->target;
}

static double always_nan(double x, void *ctx)
{
    (void)ctx;
    return x > 0.5 ? NAN : -1.0;
}

static void finds_the_root_of_wallis_cubic(void **state)
{
    (void)state;
    double x = -999.0;
    int iters = -1;
    assert_int_equal(mf_solve_brent(wallis, NULL, 2.0, 3.0, 1e-14, 100, &x, &iters, NULL), 0);
    assert_true(fabs(x - 2.0945514815423265) <= 1e-13);
    assert_in_range(iters, 1, 20);
    /* Reversed bracket ends are accepted. */
    assert_int_equal(mf_solve_brent(wallis, NULL, 3.0, 1.0, 1e-14, 100, &x, NULL, NULL), 0);
    assert_true(fabs(x - 2.0945514815423265) <= 1e-13);
}

static void finds_the_fixed_point_of_cosine(void **state)
{
    (void)state;
    double x = -999.0;
    assert_int_equal(mf_solve_brent(dottie, NULL, 0.0, 1.0, 1e-14, 100, &x, NULL, NULL), 0);
    assert_true(fabs(x - 0.7390851332151607) <= 1e-13);
}

static void a_root_at_an_end_is_returned_at_once(void **state)
{
    (void)state;
    counted c = {2.385, 0};
    double x = -999.0;
    int iters = -1;
    assert_int_equal(mf_solve_brent(shifted, &c, 2.385, 7.0, 1e-12, 50, &x, &iters, NULL), 0);
    assert_true(x == 2.385);
    assert_int_equal(iters, 0);
    assert_int_equal(c.calls, 2);
}

static void a_linear_function_takes_one_secant_step(void **state)
{
    (void)state;
    counted c = {2.385, 0};
    double x = -999.0;
    assert_int_equal(mf_solve_brent(shifted, &c, -10.0, 10.0, 1e-12, 50, &x, NULL, NULL), 0);
    assert_true(fabs(x - 2.385) <= 1e-12);
    assert_true(c.calls <= 6);
}

static void same_signs_at_both_ends_say_the_target_is_unattainable(void **state)
{
    (void)state;
    double x = -999.0;
    mf_error err;
    assert_int_equal(mf_solve_brent(wallis, NULL, 3.0, 4.0, 1e-12, 100, &x, NULL, &err), MF_EINVAL);
    assert_int_equal(err.code, MF_EINVAL);
    assert_non_null(strstr(err.msg, "outside the attainable range"));
    assert_true(x == -999.0);
}

static void bad_arguments_are_refused(void **state)
{
    (void)state;
    double x = -999.0;
    mf_error err;
    assert_int_equal(mf_solve_brent(wallis, NULL, 2.0, 2.0, 1e-12, 100, &x, NULL, &err), MF_EINVAL);
    assert_int_equal(mf_solve_brent(wallis, NULL, NAN, 3.0, 1e-12, 100, &x, NULL, &err), MF_EINVAL);
    assert_int_equal(mf_solve_brent(wallis, NULL, 2.0, 3.0, 0.0, 100, &x, NULL, &err), MF_EINVAL);
    assert_int_equal(mf_solve_brent(wallis, NULL, 2.0, 3.0, 1e-12, 0, &x, NULL, &err), MF_EINVAL);
    assert_int_equal(mf_solve_brent(NULL, NULL, 2.0, 3.0, 1e-12, 10, &x, NULL, &err), MF_EINVAL);
    assert_true(x == -999.0);
}

static void a_non_finite_value_is_a_range_error(void **state)
{
    (void)state;
    double x = -999.0;
    mf_error err;
    assert_int_equal(mf_solve_brent(always_nan, NULL, 0.0, 1.0, 1e-12, 100, &x, NULL, &err),
                     MF_ERANGE);
    assert_non_null(strstr(err.msg, "not finite"));
    assert_true(x == -999.0);
}

static void the_iteration_cap_gives_maxiter(void **state)
{
    (void)state;
    double x = -999.0;
    mf_error err;
    assert_int_equal(mf_solve_brent(dottie, NULL, 0.0, 1.0, 1e-15, 2, &x, NULL, &err), MF_EMAXITER);
    assert_int_equal(err.code, MF_EMAXITER);
    assert_non_null(strstr(err.msg, "after 2 iterations"));
    assert_true(x == -999.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_the_root_of_wallis_cubic),
        cmocka_unit_test(finds_the_fixed_point_of_cosine),
        cmocka_unit_test(a_root_at_an_end_is_returned_at_once),
        cmocka_unit_test(a_linear_function_takes_one_secant_step),
        cmocka_unit_test(same_signs_at_both_ends_say_the_target_is_unattainable),
        cmocka_unit_test(bad_arguments_are_refused),
        cmocka_unit_test(a_non_finite_value_is_a_range_error),
        cmocka_unit_test(the_iteration_cap_gives_maxiter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
