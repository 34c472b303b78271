/*
 * repo_market_prices.c - point-in-time instrument prices (see repo_market_prices.h).
 *
 * The writer reads the stored vintages of a row's (instrument, price_date) with one indexed
 * lookup (the primary key leads with both) and inserts when the row is new or a revision. A
 * day of a futures curve is tens of rows and a history a few hundred thousand, so a lookup per
 * row costs little next to the insert; both statements are prepared once.
 */
#include "store/repo_market_prices.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "store/store_int.h"

/* The row's values in column order, with their names, for comparisons and messages. */
#define NVALUES 8
static const char *const value_names[NVALUES] = {"open",   "high",   "low",           "close",
                                                 "settle", "volume", "open_interest", "yield_pct"};

struct mf_price_writer {
    mf_store *st;
    mf_stmt *lookup, *insert;      /* prepared once */
    mf_date year_first, year_last; /* the year whose partition was last made sure of */
};

static const char sql_lookup[] =
    "SELECT available_at, open, high, low, close, settle, volume, open_interest, yield_pct "
    "FROM market_prices WHERE instrument_id = ? AND price_date = ?";
static const char sql_insert[] =
    "INSERT INTO market_prices (instrument_id, price_date, available_at, open, high, low, "
    "close, settle, volume, open_interest, yield_pct) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

mf_price_writer *mf_price_writer_new(mf_store *st)
{
    mf_price_writer *w = mf_calloc(1, sizeof *w);
    w->st = st;
    w->year_first = 1; /* an empty range: no year made sure of yet */
    w->year_last = 0;
    return w;
}

void mf_price_writer_free(mf_price_writer *w)
{
    mf_free(w);
}

static void values_of(const mf_market_price *row, double v[NVALUES])
{
    v[0] = row->open, v[1] = row->high, v[2] = row->low, v[3] = row->close;
    v[4] = row->settle, v[5] = row->volume, v[6] = row->open_interest, v[7] = row->yield_pct;
}

static void format_value(double v, char *buf, size_t size)
{
    if (isnan(v))
        snprintf(buf, size, "none");
    else
        snprintf(buf, size, "%.15g", v);
}

int mf_market_price_check(const mf_market_price *row, mf_error *err)
{
    double v[NVALUES];
    values_of(row, v);
    char day[MF_DATE_ISO_SIZE], known[MF_DATE_ISO_SIZE];
    if (row->available_at < row->price_date)
        return mf_error_set(err, MF_EINVAL, "available_at %s is before price_date %s",
                            mf_date_format_iso(row->available_at, known),
                            mf_date_format_iso(row->price_date, day));
    bool any = false;
    for (int i = 0; i < NVALUES; i++) {
        if (isinf(v[i]))
            return mf_error_set(err, MF_EINVAL, "%s is infinite", value_names[i]);
        any = any || !isnan(v[i]);
    }
    if (!any)
        return mf_error_set(err, MF_EINVAL, "prices of %s: no price, volume or open interest",
                            mf_date_format_iso(row->price_date, day));
    if (row->volume < 0) /* NaN compares false: not published is fine */
        return mf_error_set(err, MF_EINVAL, "volume %.15g is negative", row->volume);
    if (row->open_interest < 0)
        return mf_error_set(err, MF_EINVAL, "open_interest %.15g is negative", row->open_interest);
    return 0;
}

static bool same_value(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

static int ensure_year(mf_price_writer *w, mf_date d, mf_error *err)
{
    if (d >= w->year_first && d <= w->year_last)
        return 0;
    int y = mf_date_year(d);
    int rc = mf__store_ensure_partitions(w->st, "market_prices", y, y, err);
    if (rc != 0)
        return rc;
    w->year_first = mf_date_ymd(y, 1, 1);
    w->year_last = mf_date_ymd(y, 12, 31);
    return 0;
}

int mf_price_writer_add(mf_price_writer *w, const mf_market_price *row, mf_price_outcome *outcome,
                        mf_error *err)
{
    double v[NVALUES];
    values_of(row, v);
    int rc = mf_market_price_check(row, err);
    if (rc != 0)
        return rc;
    if (w->lookup == NULL && (rc = mf_store_prepare(w->st, sql_lookup, &w->lookup, err)) != 0)
        return rc;
    mf_stmt *s = w->lookup;
    mf_stmt_bind_int64(s, 1, row->instrument_id);
    mf_stmt_bind_date(s, 2, row->price_date);
    bool any = false, same_key = false;
    double stored[NVALUES];
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        any = true;
        if (mf_stmt_date(s, 0) != row->available_at)
            continue;
        same_key = true;
        for (int i = 0; i < NVALUES; i++)
            stored[i] = mf_stmt_double(s, i + 1);
    }
    if (rc < 0)
        return rc;
    if (same_key) {
        for (int i = 0; i < NVALUES; i++) {
            if (same_value(stored[i], v[i]))
                continue;
            char day[MF_DATE_ISO_SIZE], known[MF_DATE_ISO_SIZE], was[32], now[32];
            format_value(stored[i], was, sizeof was);
            format_value(v[i], now, sizeof now);
            return mf_error_set(err, MF_EINVAL,
                                "prices of %s available %s are already stored with %s %s, "
                                "not %s: a revision needs a later available_at",
                                mf_date_format_iso(row->price_date, day),
                                mf_date_format_iso(row->available_at, known), value_names[i], was,
                                now);
        }
        *outcome = MF_PRICE_UNCHANGED;
        return 0;
    }
    if ((rc = ensure_year(w, row->price_date, err)) != 0)
        return rc;
    if (w->insert == NULL && (rc = mf_store_prepare(w->st, sql_insert, &w->insert, err)) != 0)
        return rc;
    s = w->insert;
    mf_stmt_bind_int64(s, 1, row->instrument_id);
    mf_stmt_bind_date(s, 2, row->price_date);
    mf_stmt_bind_date(s, 3, row->available_at);
    for (int i = 0; i < NVALUES; i++)
        mf_stmt_bind_double(s, 4 + i, v[i]);
    if ((rc = mf_stmt_step(s, err)) < 0)
        return rc;
    *outcome = any ? MF_PRICE_REVISED : MF_PRICE_NEW;
    return 0;
}

/* Binds the filter's five parameters from index i: the type twice, the prefix three times. */
static void bind_filter(mf_stmt *s, int i, const mf_price_filter *filter)
{
    const char *type = filter && filter->instrument_type ? filter->instrument_type : "";
    const char *prefix = filter && filter->ticker_prefix ? filter->ticker_prefix : "";
    mf_stmt_bind_text(s, i, type);
    mf_stmt_bind_text(s, i + 1, type);
    mf_stmt_bind_text(s, i + 2, prefix);
    mf_stmt_bind_text(s, i + 3, prefix);
    mf_stmt_bind_text(s, i + 4, prefix);
}

/* The filter's condition on instruments i (CAST: PostgreSQL must know the parameters' type). */
#define FILTER_SQL                                                                                 \
    "(CAST(? AS TEXT) = '' OR i.instrument_type = ?) AND (CAST(? AS TEXT) = '' OR "                \
    "substr(i.ticker, 1, length(CAST(? AS TEXT))) = ?)"

int mf_repo_price_settles(mf_store *st, const mf_price_filter *filter, mf_date price_date,
                          mf_date as_of, mf_settle **out, size_t *n, mf_error *err)
{
    static const char sql[] =
        "SELECT i.id, i.ticker, p.available_at, p.settle, p.yield_pct FROM instruments i "
        "JOIN market_prices p ON p.instrument_id = i.id "
        "WHERE p.price_date = ? AND p.available_at <= ? AND " FILTER_SQL
        " ORDER BY i.ticker, p.available_at";
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_date(s, 1, price_date);
    mf_stmt_bind_date(s, 2, as_of);
    bind_filter(s, 3, filter);
    mf_settle *rows = NULL;
    size_t count = 0, cap = 0;
    /* Vintages come in order: the last row of each instrument is the one known on as_of. */
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        int64_t id = mf_stmt_int64(s, 0);
        if (count == 0 || rows[count - 1].instrument_id != id) {
            if (count == cap) {
                cap = cap ? 2 * cap : 64;
                rows = mf_reallocarray(rows, cap, sizeof *rows);
            }
            count++;
            rows[count - 1].instrument_id = id;
            mf_stmt_text_copy(s, 1, rows[count - 1].ticker, sizeof rows[count - 1].ticker);
        }
        rows[count - 1].available_at = mf_stmt_date(s, 2);
        rows[count - 1].settle = mf_stmt_double(s, 3);
        rows[count - 1].yield_pct = mf_stmt_double(s, 4);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}

int mf_repo_price_dates(mf_store *st, const mf_price_filter *filter, mf_date from, mf_date to,
                        mf_date as_of, mf_date **out, size_t *n, mf_error *err)
{
    static const char sql[] = "SELECT DISTINCT p.price_date FROM instruments i "
                              "JOIN market_prices p ON p.instrument_id = i.id "
                              "WHERE p.price_date >= ? AND p.price_date <= ? "
                              "AND p.available_at <= ? AND " FILTER_SQL " ORDER BY 1";
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_date(s, 1, from);
    mf_stmt_bind_date(s, 2, to);
    mf_stmt_bind_date(s, 3, as_of);
    bind_filter(s, 4, filter);
    mf_date *dates = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 64;
            dates = mf_reallocarray(dates, cap, sizeof *dates);
        }
        dates[count++] = mf_stmt_date(s, 0);
    }
    if (rc < 0) {
        mf_free(dates);
        return rc;
    }
    *out = dates;
    *n = count;
    return 0;
}

/* The one MAX(price_date) of a prepared query whose parameter 1 is bound; *found false when
   NULL (no rows). */
static int read_last_date(mf_stmt *s, mf_date *last, bool *found, mf_error *err)
{
    int rc = mf_stmt_step(s, err);
    if (rc != MF_STORE_ROW)
        return rc < 0 ? rc : mf_error_set(err, MF_ESTATE, "no result for the last price_date");
    *found = !mf_stmt_is_null(s, 0);
    if (*found)
        *last = mf_stmt_date(s, 0);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}

int mf_repo_price_last_date_of_source(mf_store *st, const char *source, mf_date *last, bool *found,
                                      mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "SELECT MAX(p.price_date) FROM market_prices p JOIN instruments i "
                              "ON i.id = p.instrument_id WHERE i.source = ?",
                              &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, source);
    return read_last_date(s, last, found, err);
}

int mf_repo_price_last_date(mf_store *st, int64_t instrument_id, mf_date *last, bool *found,
                            mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(
        st, "SELECT MAX(price_date) FROM market_prices WHERE instrument_id = ?", &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, instrument_id);
    return read_last_date(s, last, found, err);
}

int mf_repo_price_history(mf_store *st, int64_t instrument_id, mf_date from, mf_date to,
                          mf_date as_of, bool vintages, mf_market_price **out, size_t *n,
                          mf_error *err)
{
    static const char sql[] =
        "SELECT price_date, available_at, open, high, low, close, settle, volume, open_interest, "
        "yield_pct FROM market_prices WHERE instrument_id = ? AND price_date >= ? "
        "AND price_date <= ? AND available_at <= ? ORDER BY price_date, available_at";
    *out = NULL;
    *n = 0;
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, instrument_id);
    mf_stmt_bind_date(s, 2, from);
    mf_stmt_bind_date(s, 3, to);
    mf_stmt_bind_date(s, 4, vintages ? MF_DATE_MAX : as_of);
    mf_market_price *rows = NULL;
    size_t count = 0, cap = 0;
    /* Vintages come in order: without vintages, a date's later row replaces its earlier. */
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        mf_date day = mf_stmt_date(s, 0);
        if (vintages || count == 0 || rows[count - 1].price_date != day) {
            if (count == cap) {
                cap = cap ? 2 * cap : 64;
                rows = mf_reallocarray(rows, cap, sizeof *rows);
            }
            count++;
        }
        mf_market_price *r = &rows[count - 1];
        r->instrument_id = instrument_id;
        r->price_date = day;
        r->available_at = mf_stmt_date(s, 1);
        double *v[NVALUES] = {&r->open,   &r->high,   &r->low,           &r->close,
                              &r->settle, &r->volume, &r->open_interest, &r->yield_pct};
        for (int i = 0; i < NVALUES; i++)
            *v[i] = mf_stmt_double(s, 2 + i);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}
