/*
 * connectors.c - the registry of connectors (data/connector.h): one line per public source
 * (each defined in its own src/data/connectors/<name>.c), plus those a higher layer adds at
 * start-up with mf_connector_add() (the simulated market, which prices through analytics).
 */
#include <string.h>

#include "data/connector.h"
#include "data/connectors_int.h"

static const mf_connector *const registry[] = {
    /* clang-format off */
    &mf_conn_bcb_sgs,
    &mf_conn_bcb_ptax,
    &mf_conn_bcb_focus,
    &mf_conn_bcb_fx_flow,
    &mf_conn_ibge_sidra,
    &mf_conn_fred,
    &mf_conn_yahoo,
    &mf_conn_cftc,
    &mf_conn_ust,
    &mf_conn_b3,
    &mf_conn_tesouro_direto,
    &mf_conn_stn,
    /* clang-format on */
    NULL, /* keeps the array non-empty; not counted */
};

enum { BUILT_IN = sizeof registry / sizeof registry[0] - 1, MAX_ADDED = 8 };

/* The built-in connectors then the added ones; written only by mf_connector_add(), which
   runs at start-up before any thread. */
static const mf_connector *all[BUILT_IN + MAX_ADDED];
static size_t count;

const mf_connector *const *mf_connectors(size_t *n)
{
    if (count == 0)
        for (const mf_connector *const *r = registry; *r; r++)
            all[count++] = *r;
    *n = count;
    return all;
}

const mf_connector *mf_connector_find(const char *name)
{
    size_t n;
    const mf_connector *const *v = mf_connectors(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i]->name, name) == 0)
            return v[i];
    return NULL;
}

int mf_connector_add(const mf_connector *c, mf_error *err)
{
    size_t n;
    mf_connectors(&n);
    if (mf_connector_find(c->name))
        return 0; /* already there: adding twice is harmless */
    if (n == BUILT_IN + MAX_ADDED)
        return mf_error_set(err, MF_ERANGE, "cannot add connector '%s': %d already added", c->name,
                            MAX_ADDED);
    all[count++] = c;
    return 0;
}
