/*
 * connectors.c - the registry of connectors (data/connector.h): one line per source. A new
 * source adds its mf_connector (defined in its own src/data/conn_<name>.c) here.
 */
#include <string.h>

#include "data/connector.h"
#include "data/connectors_int.h"

static const mf_connector *const registry[] = {
    NULL, /* keeps the array non-empty; not counted */
};

const mf_connector *const *mf_connectors(size_t *n)
{
    *n = sizeof registry / sizeof registry[0] - 1;
    return registry;
}

const mf_connector *mf_connector_find(const char *name)
{
    size_t n;
    const mf_connector *const *all = mf_connectors(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}
