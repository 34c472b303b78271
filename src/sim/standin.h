/*
 * standin.h - the stand-ins: every real catalogue series and instrument (bcb_sgs, fred,
 * yahoo, ...) served by the simulated connector in a store made with `mf init --simulated`.
 * A stand-in's key is "<source>:<source_key>" ("bcb_sgs:432", "fred:DGS10", "yahoo:BRL=X").
 * Keys listed in catalog/sim_map.csv take their values from a world variable with a linear
 * conversion (a fixing, a daily factor, a monthly mean or accumulation where the map says);
 * every other key gets a generic generator chosen from the series' frequency, unit and
 * category, seeded from (world seed, key), on the series' calendar with its release lag and,
 * for revised categories, a second vintage. Everything it produces is SIMULATED.
 *
 * Exports: mf_sim_standin_is_key(), mf_sim_standin_check(), mf_sim_standin_rows(),
 * mf_sim_standin_mapped(), mf_sim_standin_clear().
 */
#ifndef MF_SIM_STANDIN_H
#define MF_SIM_STANDIN_H

#include <stdbool.h>

#include "core/date.h"
#include "core/error.h"
#include "data/connector.h"
#include "sim/world.h"

/* True when key has the shape of a stand-in key ("<source>:..." with a source other than
 * "simulated" before the first ':'). World keys never contain ':'. */
bool mf_sim_standin_is_key(const char *key);

/* 0 when key is the stand-in of a row of the embedded catalogue; MF_EINVAL naming it
 * otherwise (or naming a malformed catalog/sim_map.csv line). */
int mf_sim_standin_check(const char *key, mf_error *err);

/*
 * Appends the rows of stand-in key whose obs_date / price date lies in from..to and whose
 * available_at is at most the world's end (point in time: nothing before its release).
 * Series give MF_CONN_OBS rows (a revision is a second row with a later available_at),
 * instruments MF_CONN_PRICE rows. MF_EINVAL naming the key when it is not a stand-in key.
 */
int mf_sim_standin_rows(const mf_sim_world *w, const char *key, mf_date from, mf_date to,
                        mf_conn_rows *out, mf_error *err);

/* The world variable key stands for ("BR.SELIC_TARGET_PCT"), or NULL for a generic one. */
const char *mf_sim_standin_mapped(const char *key);

/* Frees the parsed map and catalogue (at exit or in tests; no fetch may be running). */
void mf_sim_standin_clear(void);

#endif
