/*
 * world.h - the simulated market: a seeded, deterministic joint simulation of the US, Brazil,
 * six emerging-market peers and global risk regimes from 2005-01-03 to an end date, daily on
 * each country's business days, with monthly, quarterly and weekly releases, revisions and
 * survey vintages, DI1 futures and Brazilian government bonds priced through the pricing
 * layer (analytics/di1.h, analytics/br_bonds.h). Everything it produces is SIMULATED.
 *
 * Exports: MF_SIM_DEFAULT_SEED, mf_sim_world (opaque), mf_sim_world_new(),
 * mf_sim_world_free(), mf_sim_world_rows(), mf_sim_key_count(), mf_sim_key_at(),
 * mf_sim_key_check(), mf_sim_key_request(), MF_SIM_REQUEST_DI1, MF_SIM_REQUEST_BONDS.
 *
 * The world keys (source_keys of catalog/series/simulated.csv and
 * catalog/instruments/simulated.csv), their units, conventions and release rules are listed
 * in docs/simulated-market.md. A world is immutable once built: any number of threads may
 * read one.
 */
#ifndef MF_SIM_WORLD_H
#define MF_SIM_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"
#include "data/connector.h"

/* The seed used when sim.seed is not set (the first business day of the simulation). */
#define MF_SIM_DEFAULT_SEED 20050103u

/* The request of every DI1 contract (keys "DI1F27": B3 tickers) and of every bond. */
#define MF_SIM_REQUEST_DI1   "DI1"
#define MF_SIM_REQUEST_BONDS "BONDS"

typedef struct mf_sim_world mf_sim_world;

/*
 * Builds the world of seed from 2005-01-03 to end (inclusive; end >= 2005-02-01 and at most
 * 2085-12-31, so eleven years of future meetings and DI1 maturities fit the calendars). br and
 * us are the "br" (ANBIMA) and "us-gov" calendars, read during the call only.
 * The same (seed, end) gives the same world, byte for byte. Errors: MF_EINVAL naming "end" or
 * a calendar of the wrong name; MF_ERANGE from the calendars. Caller owns the result; free
 * with mf_sim_world_free().
 */
int mf_sim_world_new(uint64_t seed, mf_date end, const mf_calendar *br, const mf_calendar *us,
                     mf_sim_world **out, mf_error *err);

/* Releases w; NULL is allowed. */
void mf_sim_world_free(mf_sim_world *w);

/*
 * Appends to out the rows of request (a world key, MF_SIM_REQUEST_DI1 or
 * MF_SIM_REQUEST_BONDS) whose obs_date / price date lies in from..to: MF_CONN_OBS rows for
 * series (available_at set: the same day for daily data, the release rule for the rest; a
 * revision is a second row with a later available_at), MF_CONN_PRICE rows for instruments
 * (OHLC; DI1: settle = rate % a year BUS/252 and open_interest; bonds: close = PU in BRL and
 * yield_pct). Rows come in key order then date order. MF_EINVAL naming the request when it is
 * not one of the world's; MF_ENOMEM only otherwise.
 */
int mf_sim_world_rows(const mf_sim_world *w, const char *request, mf_date from, mf_date to,
                      mf_conn_rows *out, mf_error *err);

/* The world's series and instrument keys (DI1 and bond keys not included), for listings. */
size_t mf_sim_key_count(void);
const char *mf_sim_key_at(size_t i);

/* 0 when key is a world key, a DI1 ticker ("DI1" + month code + two digits) or a bond key
 * ("LTN-YYYYMMDD", "NTNF-YYYYMMDD", "NTNB-YYYYMMDD"); MF_EINVAL naming the key otherwise. */
int mf_sim_key_check(const char *key, mf_error *err);

/* The request of key: MF_SIM_REQUEST_DI1 for DI1 tickers, MF_SIM_REQUEST_BONDS for bond
 * keys, the key itself otherwise; written into buf (NUL-terminated, truncated). */
void mf_sim_key_request(const char *key, char *buf, size_t size);

#endif
