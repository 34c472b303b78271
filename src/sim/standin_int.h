/*
 * standin_int.h - inside the stand-ins (private to src/sim): a parsed line of
 * catalog/sim_map.csv and the generic generator.
 *
 * Exports: standin_xform, standin_map_row, standin_map_find(), standin_calendar(),
 * standin_generic_rows().
 */
#ifndef MF_SIM_STANDIN_INT_H
#define MF_SIM_STANDIN_INT_H

#include "data/connector.h"
#include "sim/world.h"
#include "store/repo_instruments.h"
#include "store/repo_series.h"

typedef enum standin_xform {
    XF_LIN,          /* scale * world + scale2 * world2 + offset */
    XF_FIXING,       /* the same on the day's fixing of a world instrument (PTAX) */
    XF_DAILY_FACTOR, /* the same as a daily factor: ((1 + x/100)^(1/252) - 1) * 100, % a day */
    XF_MONTH_MEAN,   /* the month's mean of the daily values */
    XF_MONTH_ACCUM,  /* the month's BUS/252 accumulation of a daily rate, % in the month */
    XF_GENERIC       /* the generic generator, seeded by the seed name, at the given level */
} standin_xform;

typedef struct standin_map_row {
    char key[96]; /* "bcb_sgs:432" */
    int v1, v2;   /* world variables (v2 -1: none; both -1 for generic) */
    double s1, s2, off;
    standin_xform x;
    char seed[32]; /* generic: the seed name shared by coherent keys (the PTAX buy and sell) */
} standin_map_row;

/* The map row of key, or NULL. The map must be loaded. */
const standin_map_row *standin_map_find(const char *key);

/* The world calendar (sim_cal) a series of country follows: BR, US, else weekdays. */
int standin_calendar(const char *country);

/* The generic rows of key (s: its series row, or in: its instrument row; m: its generic map
 * row with seed and level, or NULL). */
int standin_generic_rows(const mf_sim_world *w, const char *key, const mf_series_info *s,
                         const mf_instrument *in, const standin_map_row *m, mf_date from,
                         mf_date to, mf_conn_rows *out, mf_error *err);

#endif
