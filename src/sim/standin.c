/*
 * standin.c - the stand-ins of the real catalogue (sim/standin.h): the map
 * (catalog/sim_map.csv, embedded) and the embedded catalogue, parsed once per process under a
 * mutex; mapped rows cut from the world with their conversion; generic rows from a seeded
 * generator chosen by frequency, unit and category (standin_generic.c).
 */
#include "sim/standin.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/csv.h"
#include "data/catalog.h"
#include "sim/standin_int.h"
#include "sim/world_int.h"

#include "sim/sim_map_csv.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool loaded;
static standin_map_row *map_rows;
static size_t n_map;
static mf_catalog cat;

static const struct {
    const char *name;
    standin_xform x;
} xforms[] = {{"lin", XF_LIN},
              {"fixing", XF_FIXING},
              {"daily_factor", XF_DAILY_FACTOR},
              {"month_mean", XF_MONTH_MEAN},
              {"month_accum", XF_MONTH_ACCUM},
              {"generic", XF_GENERIC}};

static int var_of(const char *key)
{
    for (int v = 0; v < SIM_V_COUNT; v++)
        if (strcmp(sim_vars[v].key, key) == 0)
            return v;
    return -1;
}

static int parse_number(const char *s, double *out)
{
    char *end;
    *out = strtod(s, &end);
    return (s[0] == '\0' || *end != '\0' || !isfinite(*out)) ? -1 : 0;
}

/* One line of catalog/sim_map.csv into r; MF_EINVAL naming the bad field. */
static int parse_map_line(char **f, standin_map_row *r, mf_error *err)
{
    memset(r, 0, sizeof *r);
    r->v1 = r->v2 = -1;
    size_t ns = strlen(f[0]), nk = strlen(f[1]);
    if (ns == 0 || nk == 0 || ns + 1 + nk >= sizeof r->key)
        return mf_error_set(err, MF_EINVAL, "source '%s' / source_key '%s': empty or too long",
                            f[0], f[1]);
    memcpy(r->key, f[0], ns);
    r->key[ns] = ':';
    memcpy(r->key + ns + 1, f[1], nk + 1);
    r->x = (standin_xform)-1;
    for (size_t i = 0; i < sizeof xforms / sizeof xforms[0]; i++)
        if (strcmp(xforms[i].name, f[7]) == 0)
            r->x = xforms[i].x;
    if ((int)r->x < 0)
        return mf_error_set(err, MF_EINVAL,
                            "transform '%s' is not one of lin, fixing, "
                            "daily_factor, month_mean, month_accum, generic",
                            f[7]);
    if (parse_number(f[3], &r->s1) != 0 || parse_number(f[5], &r->s2) != 0 ||
        parse_number(f[6], &r->off) != 0)
        return mf_error_set(err, MF_EINVAL, "scale, scale2 and offset must be numbers");
    if (r->x == XF_GENERIC) {
        if (strlen(f[2]) == 0 || strlen(f[2]) >= sizeof r->seed || !(r->s1 > 0.0))
            return mf_error_set(err, MF_EINVAL, "generic '%s': needs a seed name and a level > 0",
                                f[2]);
        memcpy(r->seed, f[2], strlen(f[2]) + 1);
        return 0;
    }
    if ((r->v1 = var_of(f[2])) < 0)
        return mf_error_set(err, MF_EINVAL, "'%s' is not a world variable", f[2]);
    if (f[4][0] != '\0' && (r->v2 = var_of(f[4])) < 0)
        return mf_error_set(err, MF_EINVAL, "'%s' is not a world variable", f[4]);
    if (r->v2 >= 0 && sim_vars[r->v2].kind != sim_vars[r->v1].kind)
        return mf_error_set(err, MF_EINVAL, "'%s' and '%s' are of different kinds", f[2], f[4]);
    if (r->x == XF_FIXING && sim_vars[r->v1].kind != SIM_PRICE)
        return mf_error_set(err, MF_EINVAL, "a fixing needs an instrument, not '%s'", f[2]);
    if (r->x != XF_LIN && sim_vars[r->v1].kind == SIM_REL)
        return mf_error_set(err, MF_EINVAL, "'%s' is a release: only lin applies", f[2]);
    return 0;
}

static int parse_map(mf_error *err)
{
    const char *text = mf__sim_map_csv;
    size_t len = mf__sim_map_csv_len;
    char *buf = mf_malloc(len + 1);
    char *f[10];
    int rc = 0, line_no = 0;
    for (size_t pos = 0; pos < len && rc == 0;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl != NULL);
        if (++line_no == 1 || n == 0)
            continue;
        memcpy(buf, line, n);
        buf[n] = '\0';
        if (mf_csv_split(buf, f, 10) != 8) {
            rc = mf_error_set(err, MF_EINVAL, "expected 8 fields");
        } else {
            map_rows = mf_reallocarray(map_rows, n_map + 1, sizeof *map_rows);
            if ((rc = parse_map_line(f, &map_rows[n_map], err)) == 0) {
                for (size_t i = 0; i < n_map && rc == 0; i++)
                    if (strcmp(map_rows[i].key, map_rows[n_map].key) == 0)
                        rc = mf_error_set(err, MF_EINVAL, "'%s' is listed twice", map_rows[i].key);
                n_map += rc == 0;
            }
        }
        if (rc != 0)
            mf_error_prefix(err, "catalog/sim_map.csv:%d: ", line_no);
    }
    mf_free(buf);
    return rc;
}

static int find_row(const char *key, const mf_series_info **s, const mf_instrument **in,
                    mf_error *err);

/* Every key of the map is a catalogued row's stand-in. */
static int check_map(mf_error *err)
{
    for (size_t i = 0; i < n_map; i++) {
        const mf_series_info *s;
        const mf_instrument *in;
        int rc = find_row(map_rows[i].key, &s, &in, err);
        if (rc != 0) {
            mf_error_prefix(err, "catalog/sim_map.csv: ");
            return rc;
        }
    }
    return 0;
}

/* Parses the map and the catalogue once. */
static int load(mf_error *err)
{
    int rc = 0;
    pthread_mutex_lock(&lock);
    if (!loaded) {
        if ((rc = parse_map(err)) == 0 && (rc = mf_catalog_builtin(&cat, err)) == 0)
            rc = check_map(err);
        loaded = rc == 0;
        if (rc != 0) {
            mf_catalog_free(&cat);
            mf_free(map_rows);
            map_rows = NULL;
            n_map = 0;
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void mf_sim_standin_clear(void)
{
    pthread_mutex_lock(&lock);
    mf_free(map_rows);
    map_rows = NULL;
    n_map = 0;
    mf_catalog_free(&cat);
    loaded = false;
    pthread_mutex_unlock(&lock);
}

bool mf_sim_standin_is_key(const char *key)
{
    const char *colon = strchr(key, ':');
    return colon && colon != key && !(colon - key == 9 && strncmp(key, "simulated", 9) == 0);
}

const standin_map_row *standin_map_find(const char *key)
{
    for (size_t i = 0; i < n_map; i++)
        if (strcmp(map_rows[i].key, key) == 0)
            return &map_rows[i];
    return NULL;
}

/* The catalogue row of key: *s (series) or *in (instrument), the other NULL. */
static int find_row(const char *key, const mf_series_info **s, const mf_instrument **in,
                    mf_error *err)
{
    *s = NULL;
    *in = NULL;
    const char *colon = strchr(key, ':');
    if (colon && mf_sim_standin_is_key(key)) {
        size_t ns = (size_t)(colon - key);
        for (size_t i = 0; i < cat.n_series && !*s; i++)
            if (strlen(cat.series[i].source) == ns && strncmp(cat.series[i].source, key, ns) == 0 &&
                strcmp(cat.series[i].source_key, colon + 1) == 0)
                *s = &cat.series[i];
        for (size_t i = 0; i < cat.n_instruments && !*s && !*in; i++)
            if (strlen(cat.instruments[i].source) == ns &&
                strncmp(cat.instruments[i].source, key, ns) == 0 &&
                strcmp(cat.instruments[i].source_key, colon + 1) == 0)
                *in = &cat.instruments[i];
    }
    if (*s || *in)
        return 0;
    mf_error_set(err, MF_EINVAL,
                 "simulated: '%s' is not the stand-in of a catalogued series or instrument "
                 "(expected SOURCE:SOURCE_KEY, see docs/simulated-market.md)",
                 key);
    return MF_EINVAL; /* said here: the callers then know a row was found on 0 */
}

int mf_sim_standin_check(const char *key, mf_error *err)
{
    const mf_series_info *s;
    const mf_instrument *in;
    int rc = load(err);
    return rc != 0 ? rc : find_row(key, &s, &in, err);
}

const char *mf_sim_standin_mapped(const char *key)
{
    mf_error err;
    if (load(&err) != 0)
        return NULL;
    const standin_map_row *m = standin_map_find(key);
    return m && m->x != XF_GENERIC ? sim_vars[m->v1].key : NULL;
}

/* The PTAX-like fixing of day t: the close moved 40% of the way back to the open (the fixing
   is taken near 13:00, between the two), clamped to 0.8% of the close. */
static double fixing(const mf_sim_world *w, int v, int32_t t)
{
    double c = w->v[v][t], o = w->open_px[v][t];
    double d = sim_clamp(0.4 * (o - c) / c, -0.008, 0.008);
    return c * (1.0 + d);
}

static double combine(const standin_map_row *m, const mf_sim_world *w, int32_t t)
{
    double x = m->x == XF_FIXING ? fixing(w, m->v1, t) : w->v[m->v1][t];
    double y = m->v2 >= 0 ? w->v[m->v2][t] : 0.0;
    return m->s1 * x + m->s2 * y + m->off;
}

static int push_obs(mf_conn_rows *out, const char *key, mf_date d, mf_date avail, double value,
                    mf_error *err)
{
    mf_conn_row r = mf_conn_row_init(MF_CONN_OBS, key);
    r.date = d;
    r.available_at = avail;
    r.value = value;
    return mf_conn_rows_push(out, &r, err);
}

/* A daily variable on the series' own calendar (cal): an open day of the series on which the
   world variable's market is closed (FRED's H.10 USD/BRL on a Brazilian holiday) repeats the
   last value. */
static int mapped_daily(const mf_sim_world *w, const standin_map_row *m, const char *key, int cal,
                        int lag, mf_date from, mf_date to, mf_conn_rows *out, mf_error *err)
{
    double last = NAN;
    for (int32_t t = 0; t < w->nd && w->day[t] <= to; t++) {
        if (!isnan(w->v[m->v1][t]) && (m->v2 < 0 || !isnan(w->v[m->v2][t]))) {
            last = combine(m, w, t);
            if (m->x == XF_FIXING)
                last = sim_round_to(last, 0.0001);
            else if (m->x == XF_DAILY_FACTOR)
                last = sim_round_to(100.0 * (pow(1.0 + last / 100.0, 1.0 / 252.0) - 1.0), 1e-6);
        }
        if (!w->open[cal][t] || isnan(last) || w->day[t] < from)
            continue;
        mf_date avail = w->day[t] + lag;
        if (avail > w->end)
            break;
        int rc = push_obs(out, key, w->day[t], avail, last, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* A daily series of a weekly survey (Focus medians "as of the day"): each open day of cal the
   latest survey public by then, available that day plus lag. The surveys' publication dates
   rise with their survey dates, so one pass suffices. */
static int release_daily(const mf_sim_world *w, const standin_map_row *m, const char *key, int cal,
                         int lag, mf_date from, mf_date to, mf_conn_rows *out, mf_error *err)
{
    size_t i = w->rel_first[m->v1], end = w->rel_first[m->v1 + 1];
    double last = NAN;
    for (int32_t t = sim_grid_lower(w, from); t < w->nd && w->day[t] <= to; t++) {
        for (; i < end && w->rel[i].avail <= w->day[t]; i++)
            last = m->s1 * w->rel[i].value + m->off;
        mf_date avail = w->day[t] + lag;
        if (avail > w->end)
            break;
        if (!w->open[cal][t] || isnan(last))
            continue;
        int rc = push_obs(out, key, w->day[t], avail, last, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Monthly mean (% a year) or accumulation (% in the month, BUS/252 compounding of each open
   day's rate) of a daily rate, dated the month's first day, public lag days after its end. */
static int mapped_month(const mf_sim_world *w, const standin_map_row *m, const char *key, int lag,
                        mf_date from, mf_date to, mf_conn_rows *out, mf_error *err)
{
    double sum = 0.0, factor = 1.0;
    int n = 0;
    for (int32_t t = 0; t < w->nd; t++) {
        if (!isnan(w->v[m->v1][t])) {
            double x = combine(m, w, t);
            sum += x;
            factor *= pow(1.0 + x / 100.0, 1.0 / 252.0);
            n++;
        }
        bool last = t + 1 == w->nd || w->month_of[t + 1] != w->month_of[t];
        if (!last)
            continue;
        mf_date obs = mf_date_month_start(w->day[t]);
        mf_date avail = mf_date_month_end(w->day[t]) + (lag > 0 ? lag : 1);
        if (n > 0 && obs >= from && obs <= to && avail <= w->end) {
            double x = m->x == XF_MONTH_MEAN ? sim_round_to(sum / n, 0.01)
                                             : sim_round_to(100.0 * (factor - 1.0), 0.0001);
            int rc = push_obs(out, key, obs, avail, x, err);
            if (rc != 0)
                return rc;
        }
        sum = 0.0, factor = 1.0, n = 0;
    }
    return 0;
}

static int mapped_release(const mf_sim_world *w, const standin_map_row *m, const char *key,
                          mf_date from, mf_date to, mf_conn_rows *out, mf_error *err)
{
    size_t j = m->v2 >= 0 ? w->rel_first[m->v2] : 0;
    for (size_t i = w->rel_first[m->v1]; i < w->rel_first[m->v1 + 1]; i++) {
        const sim_rel *x = &w->rel[i];
        double y = 0.0;
        if (m->v2 >= 0) { /* the row of the second variable with the same obs and vintage */
            while (
                j < w->rel_first[m->v2 + 1] &&
                (w->rel[j].obs < x->obs || (w->rel[j].obs == x->obs && w->rel[j].avail < x->avail)))
                j++;
            if (j == w->rel_first[m->v2 + 1] || w->rel[j].obs != x->obs ||
                w->rel[j].avail != x->avail)
                continue;
            y = w->rel[j].value;
        }
        if (x->obs < from || x->obs > to)
            continue;
        int rc = push_obs(out, key, x->obs, x->avail, m->s1 * x->value + m->s2 * y + m->off, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* An instrument from a world instrument (OHLC scaled) or a daily variable (every price the
   value). */
static int mapped_prices(const mf_sim_world *w, const standin_map_row *m, const char *key,
                         mf_date from, mf_date to, mf_conn_rows *out, mf_error *err)
{
    bool ohlc = sim_vars[m->v1].kind == SIM_PRICE && m->v2 < 0;
    for (int32_t t = sim_grid_lower(w, from); t < w->nd && w->day[t] <= to; t++) {
        if (isnan(w->v[m->v1][t]) || (m->v2 >= 0 && isnan(w->v[m->v2][t])))
            continue;
        mf_conn_row r = mf_conn_row_init(MF_CONN_PRICE, key);
        r.date = r.available_at = w->day[t];
        r.close = combine(m, w, t);
        if (ohlc) {
            r.open = m->s1 * w->open_px[m->v1][t] + m->off;
            r.high = m->s1 * w->high_px[m->v1][t] + m->off;
            r.low = m->s1 * w->low_px[m->v1][t] + m->off;
        } else {
            r.open = r.high = r.low = r.close;
        }
        int rc = mf_conn_rows_push(out, &r, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int mf_sim_standin_rows(const mf_sim_world *w, const char *key, mf_date from, mf_date to,
                        mf_conn_rows *out, mf_error *err)
{
    const mf_series_info *s;
    const mf_instrument *in;
    int rc = load(err);
    if (rc != 0 || (rc = find_row(key, &s, &in, err)) != 0)
        return rc;
    const standin_map_row *m = standin_map_find(key);
    if (!m || m->x == XF_GENERIC)
        return standin_generic_rows(w, key, s, in, m, from, to, out, err);
    if (in)
        return mapped_prices(w, m, key, from, to, out, err);
    int lag = s->release_lag_days > 0 ? s->release_lag_days : 0;
    int cal = standin_calendar(s->country);
    if (sim_vars[m->v1].kind == SIM_REL && s->frequency == 'D' && m->v2 < 0)
        return release_daily(w, m, key, cal, lag, from, to, out, err);
    if (sim_vars[m->v1].kind == SIM_REL)
        return mapped_release(w, m, key, from, to, out, err);
    if (m->x == XF_MONTH_MEAN || m->x == XF_MONTH_ACCUM)
        return mapped_month(w, m, key, lag, from, to, out, err);
    return mapped_daily(w, m, key, cal, lag, from, to, out, err);
}
