/*
 * repo_observations.c - point-in-time observations (see repo_observations.h).
 *
 * The writer's fast path: a row whose obs_date is later than every obs_date of its series that
 * was stored before the writer started, and than every one the writer has written since,
 * cannot collide with anything, so it goes straight into the store's bulk load (a prepared
 * INSERT in SQLite, COPY in PostgreSQL). Other rows (revisions, reloads) end the bulk load and
 * first read the vintages of their (series, obs_date): one indexed lookup.
 */
#include "store/repo_observations.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <uthash.h>

#include "core/alloc.h"
#include "store/store_int.h"

/* One stored vintage, as the writer's window holds it. */
typedef struct vintage_row {
    mf_date obs_date, available_at;
    double value;
} vintage_row;

/* What the writer knows of one series. */
typedef struct series_state {
    int64_t series_id;
    mf_date stored_max;    /* last obs_date stored before the writer met the series */
    mf_date written_max;   /* last obs_date this writer wrote */
    mf_date written_avail; /* the latest available_at it wrote for written_max */
    /* The stored vintages dated win_from..win_to (at most stored_max), sorted by date and
       availability, plus what this writer added there: reloads and revisions are checked
       against memory with one query per window instead of one per row. */
    mf_date win_from, win_to;
    vintage_row *win;
    size_t win_n, win_cap;
    UT_hash_handle hh;
} series_state;

/* Days of history a window loads at once. */
#define WINDOW_DAYS 366

#define YEAR_BITS 10000

struct mf_obs_writer {
    mf_store *st;
    int64_t ingested_at;
    mf_stmt *insert; /* prepared once: rows only bind and step */
    mf_stmt *vintages;
    mf_date year_first, year_last;      /* the last year whose partition was ensured */
    series_state *states;               /* uthash table */
    series_state *last;                 /* rows come grouped by series: the last one used */
    unsigned char years[YEAR_BITS / 8]; /* partitions known to exist */
};

static const char sql_insert[] = "INSERT INTO observations (series_id, obs_date, available_at, "
                                 "value, ingested_at) VALUES (?, ?, ?, ?, ?)";
static const char sql_vintages[] = "SELECT available_at, value FROM observations "
                                   "WHERE series_id = ? AND obs_date = ?";
/* Every vintage of a series' dates in a range: the writer's windows and the vintages read. */
static const char sql_range[] = "SELECT obs_date, available_at, value FROM observations "
                                "WHERE series_id = ? AND obs_date >= ? AND obs_date <= ? "
                                "ORDER BY obs_date, available_at";
static const char sql_max[] = "SELECT MAX(obs_date) FROM observations WHERE series_id = ?";

mf_obs_writer *mf_obs_writer_new(mf_store *st, int64_t ingested_at)
{
    mf_obs_writer *w = mf_calloc(1, sizeof *w);
    w->st = st;
    w->ingested_at = ingested_at;
    w->year_first = 1; /* an empty range: no year ensured yet */
    w->year_last = 0;
    return w;
}

void mf_obs_writer_free(mf_obs_writer *w)
{
    if (w == NULL)
        return;
    mf_obs_writer_flush(w, NULL);
    series_state *s, *tmp;
    HASH_ITER(hh, w->states, s, tmp)
    {
        HASH_DEL(w->states, s);
        mf_free(s->win);
        mf_free(s);
    }
    mf_free(w);
}

int mf_repo_obs_last_date(mf_store *st, int64_t series_id, mf_date *last, bool *found,
                          mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql_max, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, series_id);
    if ((rc = mf_stmt_step(s, err)) != MF_STORE_ROW)
        return rc < 0 ? rc : mf_error_set(err, MF_ESTATE, "no result for the last obs_date");
    *found = !mf_stmt_is_null(s, 0);
    if (*found)
        *last = mf_stmt_date(s, 0);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}

static int state_of(mf_obs_writer *w, int64_t series_id, series_state **out, mf_error *err)
{
    if (w->last && w->last->series_id == series_id) {
        *out = w->last;
        return 0;
    }
    series_state *s;
    HASH_FIND(hh, w->states, &series_id, sizeof series_id, s);
    if (s == NULL) {
        mf_date last = MF_DATE_MIN;
        bool found = false;
        int rc = mf_obs_writer_flush(w, err);
        if (rc == 0)
            rc = mf_repo_obs_last_date(w->st, series_id, &last, &found, err);
        if (rc != 0)
            return rc;
        s = mf_calloc(1, sizeof *s);
        s->series_id = series_id;
        s->stored_max = found ? last : MF_DATE_MIN - 1;
        s->written_max = MF_DATE_MIN - 1;
        s->win_from = 1, s->win_to = 0; /* empty */
        HASH_ADD(hh, w->states, series_id, sizeof s->series_id, s);
    }
    if (w->last != NULL && w->last != s) { /* rows come grouped: the old window is done */
        mf_free(w->last->win);
        w->last->win = NULL;
        w->last->win_n = w->last->win_cap = 0;
        w->last->win_from = 1, w->last->win_to = 0;
    }
    *out = w->last = s;
    return 0;
}

static void window_push(series_state *ss, size_t at, vintage_row row)
{
    if (ss->win_n == ss->win_cap) {
        ss->win_cap = ss->win_cap ? 2 * ss->win_cap : 512;
        ss->win = mf_reallocarray(ss->win, ss->win_cap, sizeof *ss->win);
    }
    memmove(ss->win + at + 1, ss->win + at, (ss->win_n - at) * sizeof *ss->win);
    ss->win[at] = row;
    ss->win_n++;
}

/* Loads the stored vintages of obs_date .. obs_date + WINDOW_DAYS (capped at stored_max). */
static int window_load(mf_obs_writer *w, series_state *ss, mf_date obs_date, mf_error *err)
{
    mf_date to = obs_date + WINDOW_DAYS > ss->stored_max ? ss->stored_max : obs_date + WINDOW_DAYS;
    mf_stmt *s;
    int rc = mf_obs_writer_flush(w, err);
    if (rc == 0)
        rc = mf_store_prepare(w->st, sql_range, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, ss->series_id);
    mf_stmt_bind_date(s, 2, obs_date);
    mf_stmt_bind_date(s, 3, to);
    ss->win_n = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW)
        window_push(ss, ss->win_n,
                    (vintage_row){mf_stmt_date(s, 0), mf_stmt_date(s, 1), mf_stmt_double(s, 2)});
    if (rc < 0) {
        ss->win_from = 1, ss->win_to = 0;
        return rc;
    }
    ss->win_from = obs_date;
    ss->win_to = to;
    return 0;
}

/* First index of the window dated on or after d. */
static size_t window_find(const series_state *ss, mf_date d)
{
    size_t lo = 0, hi = ss->win_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ss->win[mid].obs_date < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* What is stored of (series, obs_date): any vintage, and the value of the one available_at. */
typedef struct stored_vintages {
    bool any, same_key;
    double value; /* of the same_key vintage */
} stored_vintages;

static int read_stored(mf_obs_writer *w, series_state *ss, mf_date obs_date, mf_date available_at,
                       stored_vintages *out, mf_error *err)
{
    *out = (stored_vintages){.value = NAN};
    int rc;
    if (obs_date <= ss->stored_max) {
        if ((obs_date < ss->win_from || obs_date > ss->win_to) &&
            (rc = window_load(w, ss, obs_date, err)) != 0)
            return rc;
        for (size_t i = window_find(ss, obs_date); i < ss->win_n && ss->win[i].obs_date == obs_date;
             i++) {
            out->any = true;
            if (ss->win[i].available_at == available_at) {
                out->same_key = true;
                out->value = ss->win[i].value;
            }
        }
        return 0;
    }
    /* Dated after everything stored before: only this writer's rows can be there. */
    if ((rc = mf_obs_writer_flush(w, err)) != 0)
        return rc;
    if (w->vintages == NULL && (rc = mf_store_prepare(w->st, sql_vintages, &w->vintages, err)))
        return rc;
    mf_stmt *s = w->vintages;
    mf_stmt_bind_int64(s, 1, ss->series_id);
    mf_stmt_bind_date(s, 2, obs_date);
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        out->any = true;
        if (mf_stmt_date(s, 0) == available_at) {
            out->same_key = true;
            out->value = mf_stmt_double(s, 1);
        }
    }
    return rc < 0 ? rc : 0;
}

static int ensure_year(mf_obs_writer *w, mf_date d, mf_error *err)
{
    if (d >= w->year_first && d <= w->year_last)
        return 0;
    int y = mf_date_year(d);
    unsigned bit = (unsigned)y % YEAR_BITS;
    if (w->years[bit / 8] & (1u << (bit % 8))) {
        w->year_first = mf_date_ymd(y, 1, 1);
        w->year_last = mf_date_ymd(y, 12, 31);
        return 0;
    }
    int rc = mf__store_ensure_partitions(w->st, "observations", y, y, err);
    if (rc != 0)
        return rc;
    w->years[bit / 8] |= (unsigned char)(1u << (bit % 8));
    w->year_first = mf_date_ymd(y, 1, 1);
    w->year_last = mf_date_ymd(y, 12, 31);
    return 0;
}

static int insert(mf_obs_writer *w, int64_t series_id, mf_date obs_date, mf_date available_at,
                  double value, mf_error *err)
{
    int rc = ensure_year(w, obs_date, err);
    if (rc == 0 && w->insert == NULL)
        rc = mf_store_prepare(w->st, sql_insert, &w->insert, err);
    if (rc != 0)
        return rc;
    mf_stmt *s = w->insert;
    mf_stmt_bind_int64(s, 1, series_id);
    mf_stmt_bind_date(s, 2, obs_date);
    mf_stmt_bind_date(s, 3, available_at);
    mf_stmt_bind_double(s, 4, value);
    mf_stmt_bind_time(s, 5, w->ingested_at);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}

int mf_obs_writer_flush(mf_obs_writer *w, mf_error *err)
{
    return mf__store_copying(w->st) ? mf__store_copy_end(w->st, err) : 0;
}

/* A row known to be new, through the store's bulk load. */
static int copy(mf_obs_writer *w, int64_t series_id, mf_date obs_date, mf_date available_at,
                double value, mf_error *err)
{
    int rc = 0;
    if (mf__store_partitioned(w->st) && (obs_date < w->year_first || obs_date > w->year_last)) {
        /* A partition may have to be made: that is a query, so the bulk load ends first. */
        if ((rc = mf_obs_writer_flush(w, err)) != 0 || (rc = ensure_year(w, obs_date, err)))
            return rc;
    }
    if (!mf__store_copying(w->st))
        rc = mf__store_copy_begin(w->st, "observations",
                                  "series_id, obs_date, available_at, value, ingested_at", 5, err);
    if (rc != 0)
        return rc;
    const mf__value row[5] = {
        {.type = MF__VALUE_INT64, .v.i = series_id},
        {.type = MF__VALUE_DATE, .v.date = obs_date},
        {.type = MF__VALUE_DATE, .v.date = available_at},
        {.type = MF__VALUE_DOUBLE, .v.d = value},
        {.type = MF__VALUE_TIME, .v.i = w->ingested_at},
    };
    return mf__store_copy_row(w->st, row, err);
}

static bool same_value(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

static void format_value(double v, char *buf, size_t size)
{
    if (isnan(v))
        snprintf(buf, size, "missing");
    else
        snprintf(buf, size, "%.15g", v);
}

int mf_obs_writer_add(mf_obs_writer *w, int64_t series_id, mf_date obs_date, mf_date available_at,
                      double value, mf_obs_outcome *outcome, mf_error *err)
{
    series_state *ss;
    int rc = state_of(w, series_id, &ss, err);
    if (rc != 0)
        return rc;
    /* A later vintage of the date last written, dated after everything stored before: only
       this writer's earlier vintages of that date exist, so it is a revision that cannot
       collide - it stays in the bulk load too (derived series write their vintages so). */
    bool next_vintage = obs_date > ss->stored_max && obs_date == ss->written_max &&
                        available_at > ss->written_avail;
    if ((obs_date > ss->stored_max && obs_date > ss->written_max) || next_vintage) {
        rc = copy(w, series_id, obs_date, available_at, value, err);
        if (rc == 0) {
            ss->written_max = obs_date;
            ss->written_avail = available_at;
            *outcome = next_vintage ? MF_OBS_REVISED : MF_OBS_NEW;
        }
        return rc;
    }

    /* Something of this (series, obs_date) may exist: look at what is stored. */
    stored_vintages sv;
    if ((rc = read_stored(w, ss, obs_date, available_at, &sv, err)) != 0)
        return rc;
    if (sv.same_key) {
        if (same_value(sv.value, value)) {
            *outcome = MF_OBS_UNCHANGED;
            return 0;
        }
        char d[MF_DATE_ISO_SIZE], a[MF_DATE_ISO_SIZE], was[32], now[32];
        format_value(sv.value, was, sizeof was);
        format_value(value, now, sizeof now);
        return mf_error_set(err, MF_EINVAL,
                            "observation of %s available %s is already stored with value %s, "
                            "not %s: a revision needs a later available_at",
                            mf_date_format_iso(obs_date, d), mf_date_format_iso(available_at, a),
                            was, now);
    }
    if ((rc = mf_obs_writer_flush(w, err)) != 0 ||
        (rc = insert(w, ss->series_id, obs_date, available_at, value, err)) != 0)
        return rc;
    if (obs_date >= ss->win_from && obs_date <= ss->win_to) { /* keep the window true */
        size_t at = window_find(ss, obs_date);
        while (at < ss->win_n && ss->win[at].obs_date == obs_date &&
               ss->win[at].available_at < available_at)
            at++;
        window_push(ss, at, (vintage_row){obs_date, available_at, value});
    }
    if (obs_date > ss->written_max)
        ss->written_max = obs_date, ss->written_avail = available_at;
    else if (obs_date == ss->written_max && available_at > ss->written_avail)
        ss->written_avail = available_at;
    *outcome = sv.any ? MF_OBS_REVISED : MF_OBS_NEW;
    return 0;
}

int mf_repo_obs_asof_each(mf_store *st, int64_t series_id, mf_date from, mf_date to, mf_date as_of,
                          mf_obs_fn fn, void *ctx, mf_error *err)
{
    /* Known now is every vintage: without the filter a row is two columns, not three. */
    static const char sql_now[] = "SELECT obs_date, value FROM observations "
                                  "WHERE series_id = ? AND obs_date >= ? AND obs_date <= ? "
                                  "ORDER BY obs_date, available_at";
    static const char sql_asof[] = "SELECT obs_date, value FROM observations "
                                   "WHERE series_id = ? AND obs_date >= ? AND obs_date <= ? "
                                   "AND available_at <= ? ORDER BY obs_date, available_at";
    bool now = as_of == MF_DATE_MAX;
    mf_stmt *s;
    int rc = mf_store_prepare(st, now ? sql_now : sql_asof, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, series_id);
    mf_stmt_bind_date(s, 2, from);
    mf_stmt_bind_date(s, 3, to);
    if (!now)
        mf_stmt_bind_date(s, 4, as_of);
    /* Rows come by date, vintages in order: the last row of each date is the one known, so a
       date is passed on when the next one starts. */
    mf_date held = MF_DATE_MIN;
    double held_value = 0;
    bool holding = false;
    int failed = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        mf_date d = mf_stmt_date(s, 0);
        if (holding && d != held && !failed)
            failed = fn(ctx, held, held_value, err); /* then stepped to the end all the same */
        held = d, held_value = mf_stmt_double(s, 1), holding = true;
    }
    if (rc == MF_STORE_DONE && holding && !failed)
        failed = fn(ctx, held, held_value, err);
    return rc < 0 ? rc : failed;
}

static int append_to_series(void *series, mf_date obs_date, double value, mf_error *err)
{
    return mf_series_append(series, obs_date, value, err);
}

int mf_repo_obs_asof(mf_store *st, int64_t series_id, mf_date from, mf_date to, mf_date as_of,
                     mf_series **out, mf_error *err)
{
    mf_series *series = mf_series_new(256);
    int rc = mf_repo_obs_asof_each(st, series_id, from, to, as_of, append_to_series, series, err);
    if (rc != 0) {
        mf_series_free(series);
        return rc;
    }
    *out = series;
    return 0;
}

int mf_repo_obs_vintages(mf_store *st, int64_t series_id, mf_date from, mf_date to,
                         mf_obs_vintage **out, size_t *n, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql_range, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, series_id);
    mf_stmt_bind_date(s, 2, from);
    mf_stmt_bind_date(s, 3, to);
    mf_obs_vintage *rows = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 64;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        rows[count++] =
            (mf_obs_vintage){mf_stmt_date(s, 0), mf_stmt_date(s, 1), mf_stmt_double(s, 2)};
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}
