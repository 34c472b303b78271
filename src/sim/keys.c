/*
 * keys.c - the world's keys: the variable table (MF_SIM_VARS expanded), the key listing, the
 * key check (world keys, DI1 tickers, bond keys) and the request a key belongs to
 * (sim/world.h).
 */
#include <string.h>

#include "sim/world_int.h"

#define SIM_INFO(id, key, kind, cal) {key, kind, cal},
const sim_var_info sim_vars[SIM_V_COUNT] = {MF_SIM_VARS(SIM_INFO)};
#undef SIM_INFO

size_t mf_sim_key_count(void)
{
    return SIM_V_COUNT;
}

const char *mf_sim_key_at(size_t i)
{
    return i < SIM_V_COUNT ? sim_vars[i].key : NULL;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return s[n] == '\0';
}

static bool is_di1(const char *key)
{
    return strncmp(key, "DI1", 3) == 0 && key[3] != '\0' && strchr("FGHJKMNQUVXZ", key[3]) &&
           all_digits(key + 4, 2);
}

static bool is_bond(const char *key)
{
    static const char *const prefixes[] = {"LTN-", "NTNF-", "NTNB-"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(key, prefixes[i], n) == 0 && all_digits(key + n, 8))
            return true;
    }
    return false;
}

int mf_sim_key_check(const char *key, mf_error *err)
{
    for (size_t i = 0; i < SIM_V_COUNT; i++)
        if (strcmp(sim_vars[i].key, key) == 0)
            return 0;
    if (is_di1(key) || is_bond(key))
        return 0;
    return mf_error_set(err, MF_EINVAL,
                        "simulated: '%s' is not a key of the simulated world (see "
                        "docs/simulated-market.md)",
                        key);
}

void mf_sim_key_request(const char *key, char *buf, size_t size)
{
    const char *req = is_di1(key) ? MF_SIM_REQUEST_DI1 : is_bond(key) ? MF_SIM_REQUEST_BONDS : key;
    if (size == 0)
        return;
    size_t n = strlen(req);
    if (n >= size)
        n = size - 1;
    memcpy(buf, req, n);
    buf[n] = '\0';
}
