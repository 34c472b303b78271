/*
 * bcb_fx_flow.c - the BCB FX flow connector (source "bcb_fx_flow"): the contracted FX flow
 * (fluxo cambial: commercial, financial, total; US$ million) that the BCB publishes weekly
 * and monthly. The series are read as SGS series (same API and format as bcb_sgs, through
 * mf_bcb_sgs_fetch_code()); what differs is the release timing and the revisions: monthly
 * figures become final in the third week of the following month and the BCB has revised a
 * whole year at once (January 2023), so mf ingest re-reads 400 days.
 *
 * Exports: mf_conn_bcb_fx_flow (declared in connectors_int.h).
 *
 * No SGS code of these series could be confirmed from the source's documentation or a
 * recording (public code disagrees and several claimed codes are provably other series), so
 * the catalogue lists none: see docs/connectors/bcb_fx_flow.md.
 */
#include <stdio.h>

#include "data/connectors/bcb_sgs.h"
#include "data/connectors_int.h"

static int fx_check_key(const char *source_key, mf_error *err)
{
    return mf_bcb_sgs_check_code("bcb_fx_flow", source_key, err);
}

static void fx_request_of(const char *source_key, char *buf, size_t size)
{
    snprintf(buf, size, "%s", source_key);
}

static int fx_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                    mf_conn_rows *out, mf_error *err)
{
    return mf_bcb_sgs_fetch_code(env, "bcb_fx_flow", request, from, to, out, err);
}

const mf_connector mf_conn_bcb_fx_flow = {
    .name = "bcb_fx_flow",
    .summary = "BCB contracted FX flow (SGS format, weekly/monthly, US$ million; revised)",
    .max_days = 3650,
    .overlap_days = 400, /* monthly figures final ~3 weeks after the month; whole-year revisions */
    .check_key = fx_check_key,
    .request_of = fx_request_of,
    .fetch = fx_fetch,
    .standing_requests = NULL,
};
