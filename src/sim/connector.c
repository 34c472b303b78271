/*
 * connector.c - the connector "simulated" (sim/connector.h): the world cache keyed by
 * (seed, end date), and fetch as a slice of the cached world (world keys) or as its stand-ins
 * of real catalogue keys ("bcb_sgs:432", sim/standin.h).
 */
#include "sim/connector.h"

#include <pthread.h>

#include "sim/standin.h"
#include "sim/world.h"

enum { CACHE_MAX = 8 };

typedef struct cached_world {
    uint64_t seed;
    mf_date end;
    mf_sim_world *world;
} cached_world;

/* Process-wide by design: the world is built once per process and shared by every fetch
   (issue 6); the mutex makes the first build single. */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static cached_world cache[CACHE_MAX];
static size_t cache_n;
static uint64_t current_seed = MF_SIM_DEFAULT_SEED;

void mf_sim_set_seed(uint64_t seed)
{
    current_seed = seed;
}

uint64_t mf_sim_seed(void)
{
    return current_seed;
}

void mf_sim_cache_clear(void)
{
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < cache_n; i++)
        mf_sim_world_free(cache[i].world);
    cache_n = 0;
    pthread_mutex_unlock(&cache_lock);
    mf_sim_standin_clear();
}

/* The world of (current seed, env->today), built on first use. Borrowed: valid until
   mf_sim_cache_clear(). */
static int world_of(const mf_conn_env *env, const mf_sim_world **out, mf_error *err)
{
    int rc = 0;
    uint64_t seed = current_seed;
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < cache_n; i++)
        if (cache[i].seed == seed && cache[i].end == env->today) {
            *out = cache[i].world;
            goto out;
        }
    if (cache_n == CACHE_MAX) {
        rc = mf_error_set(err, MF_ERANGE, "simulated: more than %d worlds in one process",
                          CACHE_MAX);
        goto out;
    }
    mf_sim_world *w = NULL;
    if ((rc = mf_sim_world_new(seed, env->today, env->br, env->us, &w, err)) != 0)
        goto out;
    cache[cache_n++] = (cached_world){.seed = seed, .end = env->today, .world = w};
    *out = w;
out:
    pthread_mutex_unlock(&cache_lock);
    return rc;
}

static int sim_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                     mf_conn_rows *out, mf_error *err)
{
    const mf_sim_world *w = NULL;
    int rc = world_of(env, &w, err);
    if (rc != 0)
        return rc;
    if (mf_sim_standin_is_key(request))
        return mf_sim_standin_rows(w, request, from, to, out, err);
    return mf_sim_world_rows(w, request, from, to, out, err);
}

/* World keys, DI1 tickers and bond keys, or the stand-ins "SOURCE:SOURCE_KEY". */
static int sim_check_key(const char *key, mf_error *err)
{
    return mf_sim_standin_is_key(key) ? mf_sim_standin_check(key, err) : mf_sim_key_check(key, err);
}

static const char *const standing[] = {MF_SIM_REQUEST_DI1, MF_SIM_REQUEST_BONDS, NULL};

const mf_connector mf_conn_simulated = {
    .name = "simulated",
    .summary = "the simulated market: a seeded world of US, Brazil and EM data (SIMULATED)",
    .max_days = 0,
    .overlap_days = 120,
    .check_key = sim_check_key,
    .request_of = mf_sim_key_request,
    .fetch = sim_fetch,
    .standing_requests = standing,
    .offline = true,
};
