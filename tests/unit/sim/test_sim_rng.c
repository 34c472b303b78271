/*
 * test_sim_rng.c - the simulation's building blocks: the xoshiro256** generator and its
 * splitmix64 seeding against the published test vectors, the distributions' moments, GARCH(1,1)
 * variance and clustering, the regime chain's stationary share, and the meeting calendars
 * against the committees' published 2024 calendars.
 */
#include "support/test.h"

#include <math.h>

#include "core/calendar.h"
#include "sim/meetings.h"
#include "sim/rng.h"
#include "sim/shocks.h"

/* xoshiro256** from state {1, 2, 3, 4}: the first ten outputs of the reference C code
   (prng.di.unimi.it/xoshiro256starstar.c), as in the rand_xoshiro crate's test, and
   recomputed here by an independent Python transcription. */
static void xoshiro_matches_the_reference_vector(void **state)
{
    (void)state;
    static const uint64_t want[10] = {11520u,
                                      0u,
                                      1509978240u,
                                      1215971899390074240u,
                                      1216172134540287360u,
                                      607988272756665600u,
                                      16172922978634559625u,
                                      8476171486693032832u,
                                      10595114339597558777u,
                                      2904607092377533576u};
    mf_sim_rng r = {{1, 2, 3, 4}};
    for (int i = 0; i < 10; i++)
        assert_true(mf_sim_rng_u64(&r) == want[i]);
}

/* splitmix64 seeded with 0 first gives 0xe220a8397b1dcdaf (prng.di.unimi.it/splitmix64.c). */
static void seeding_is_splitmix64(void **state)
{
    (void)state;
    mf_sim_rng r, a, b;
    mf_sim_rng_init(&r, 0, 0);
    assert_true(r.s[0] == 0xe220a8397b1dcdafu);
    mf_sim_rng_init(&a, 7, 1);
    mf_sim_rng_init(&b, 7, 2);
    assert_true(a.s[0] != b.s[0]); /* streams differ */
}

static void draws_have_their_moments(void **state)
{
    (void)state;
    mf_sim_rng r;
    mf_sim_rng_init(&r, 20050103, 9);
    enum { N = 200000 };
    double su = 0, sn = 0, sn2 = 0, st = 0, st2 = 0, st4 = 0, umin = 1, umax = 0;
    for (int i = 0; i < N; i++) {
        double u = mf_sim_rng_uniform(&r), z = mf_sim_rng_normal(&r);
        double t = mf_sim_rng_student_t(&r, 5);
        su += u;
        umin = fmin(umin, u);
        umax = fmax(umax, u);
        sn += z;
        sn2 += z * z;
        st += t;
        st2 += t * t;
        st4 += t * t * t * t;
    }
    assert_true(umin > 0.0 && umax < 1.0);
    assert_true(fabs(su / N - 0.5) < 0.003);  /* sd of the mean 0.0006 */
    assert_true(fabs(sn / N) < 0.01);         /* sd 0.0022 */
    assert_true(fabs(sn2 / N - 1.0) < 0.015); /* sd 0.0032 */
    assert_true(fabs(st / N) < 0.01);         /* unit variance */
    assert_true(fabs(st2 / N - 1.0) < 0.04);  /* sd about 0.007 */
    double kurt = (st4 / N) / ((st2 / N) * (st2 / N));
    assert_true(kurt > 5.0); /* Student-t(5): 9 in theory; normal: 3 */
}

static void garch_has_its_long_run_variance_and_clusters(void **state)
{
    (void)state;
    mf_sim_rng r;
    mf_sim_rng_init(&r, 42, 3);
    mf_sim_garch g;
    mf_sim_garch_init(&g, 0.01, 0.08, 0.90);
    enum { N = 400000 };
    double s2 = 0, s4 = 0, lag = 0, prev = 0;
    for (int i = 0; i < N; i++) {
        double e = mf_sim_garch_step(&g, mf_sim_rng_normal(&r), 1.0);
        s2 += e * e;
        s4 += e * e * e * e;
        lag += e * e * prev;
        prev = e * e;
    }
    double var = s2 / N, m4 = s4 / N, cov = lag / (N - 1) - var * var;
    assert_true(fabs(var / 1e-4 - 1.0) < 0.1);
    assert_true(m4 / (var * var) > 3.3);       /* fat tails from normal shocks */
    assert_true(cov / (m4 - var * var) > 0.1); /* squared returns autocorrelated */
}

static void the_regime_chain_spends_its_stationary_share_in_stress(void **state)
{
    (void)state;
    mf_sim_rng r;
    mf_sim_rng_init(&r, 1, 1);
    mf_sim_regime g;
    mf_sim_regime_init(&g, 1.0 / 300.0, 1.0 / 60.0);
    enum { N = 2000000 };
    long stressed = 0, spells = 0;
    int prev = 0;
    for (int i = 0; i < N; i++) {
        int s = mf_sim_regime_step(&g, mf_sim_rng_uniform(&r));
        stressed += s;
        spells += s && !prev;
        prev = s;
    }
    double share = (double)stressed / N, want = (1.0 / 300) / (1.0 / 300 + 1.0 / 60);
    assert_true(fabs(share - want) < 0.015);
    assert_true(fabs((double)stressed / (double)spells - 60.0) <
                6.0); /* mean stress spell 1/p_leave */
}

/* The committees' published 2024 decision days (federalreserve.gov FOMC calendar; bcb.gov.br
   Copom calendar). The FOMC met on Thursday 7 November 2024 because of the election: the rule
   gives Wednesday the 6th. */
static void meetings_follow_the_2024_calendars(void **state)
{
    (void)state;
    mf_error err;
    mf_calendar *br, *us;
    assert_int_equal(mf_calendar_new("br", &br, &err), 0);
    assert_int_equal(mf_calendar_new("us-gov", &us, &err), 0);
    static const char *const copom[8] = {"2024-01-31", "2024-03-20", "2024-05-08", "2024-06-19",
                                         "2024-07-31", "2024-09-18", "2024-11-06", "2024-12-11"};
    static const char *const fomc[8] = {"2024-01-31", "2024-03-20", "2024-05-01", "2024-06-12",
                                        "2024-07-31", "2024-09-18", "2024-11-06", "2024-12-18"};
    mf_date d[MF_SIM_MEETINGS_PER_YEAR];
    assert_int_equal(mf_sim_meetings(MF_SIM_COPOM, 2024, br, d, &err), 0);
    for (int i = 0; i < 8; i++)
        assert_int_equal(d[i], mf_test_date(copom[i]));
    assert_int_equal(mf_sim_meetings(MF_SIM_FOMC, 2024, us, d, &err), 0);
    for (int i = 0; i < 8; i++)
        assert_int_equal(d[i], mf_test_date(fomc[i]));
    assert_int_equal(mf_sim_meetings(MF_SIM_FOMC, 2100, us, d, &err), MF_ERANGE);
    mf_calendar_free(br);
    mf_calendar_free(us);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(xoshiro_matches_the_reference_vector),
        cmocka_unit_test(seeding_is_splitmix64),
        cmocka_unit_test(draws_have_their_moments),
        cmocka_unit_test(garch_has_its_long_run_variance_and_clusters),
        cmocka_unit_test(the_regime_chain_spends_its_stationary_share_in_stress),
        cmocka_unit_test(meetings_follow_the_2024_calendars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
