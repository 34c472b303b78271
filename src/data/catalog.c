/*
 * catalog.c - parses, checks and stores the embedded catalogue (data/catalog.h).
 */
#include "data/catalog.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/csv.h"
#include "core/names.h"
#include "data/connector.h"

typedef struct mf__catalog_file {
    const char *path;
    const char *text;
    size_t len;
} mf__catalog_file;

#include "data/catalog_files.h"

/* The categories a series may have (docs/catalog.md). */
static const char *const categories[] = {
    "rates",  "inflation", "activity", "labour",       "fiscal",      "external",   "fx",
    "equity", "commodity", "credit",   "expectations", "positioning", "volatility", "money"};

enum { MAX_FIELDS = 12 };

/* Copies src into a fixed field of size bytes; MF_EINVAL naming the column when too long. */
static int copy_field(char *dst, size_t size, const char *src, const char *column, mf_error *err)
{
    size_t n = strlen(src);
    if (n >= size)
        return mf_error_set(err, MF_EINVAL, "%s is %zu bytes long, longer than %zu", column, n,
                            size - 1);
    memcpy(dst, src, n + 1);
    return 0;
}

static int parse_series(const char *source, char **f, mf_series_info *s, mf_error *err)
{
    memset(s, 0, sizeof *s);
    int rc = 0;
    if ((rc = copy_field(s->code, sizeof s->code, f[0], "code", err)) != 0 ||
        (rc = mf_series_code_check(s->code, err)) != 0 ||
        (rc = copy_field(s->source, sizeof s->source, source, "source", err)) != 0 ||
        (rc = copy_field(s->source_key, sizeof s->source_key, f[1], "source_key", err)) != 0 ||
        (rc = copy_field(s->name, sizeof s->name, f[2], "name", err)) != 0 ||
        (rc = copy_field(s->unit, sizeof s->unit, f[4], "unit", err)) != 0 ||
        (rc = copy_field(s->country, sizeof s->country, f[5], "country", err)) != 0 ||
        (rc = copy_field(s->category, sizeof s->category, f[6], "category", err)) != 0 ||
        (rc = copy_field(s->description, sizeof s->description, f[8], "description", err)) != 0)
        return rc;
    if (s->source_key[0] == '\0' || s->name[0] == '\0')
        return mf_error_set(err, MF_EINVAL, "series '%s' needs a source_key and a name", s->code);
    if (strlen(f[3]) != 1 || strchr("DWMQA", f[3][0]) == NULL)
        return mf_error_set(err, MF_EINVAL, "frequency '%s': expected D, W, M, Q or A", f[3]);
    s->frequency = f[3][0];
    if (mf_names_find(categories, sizeof categories / sizeof categories[0], s->category) < 0)
        return mf_error_set(err, MF_EINVAL, "unknown category '%s'", s->category);
    char *end;
    errno = 0;
    long lag = strtol(f[7], &end, 10);
    if (f[7][0] < '0' || f[7][0] > '9' || *end != '\0' || errno != 0 || lag > 3660)
        return mf_error_set(err, MF_EINVAL, "release_lag_days '%s': expected 0..3660 days", f[7]);
    s->release_lag_days = (int)lag;
    s->simulated = strcmp(source, "simulated") == 0;
    return 0;
}

static int parse_instrument(const char *source, char **f, mf_instrument *in, mf_error *err)
{
    memset(in, 0, sizeof *in);
    in->active = true;
    int rc = 0;
    if ((rc = copy_field(in->ticker, sizeof in->ticker, f[0], "ticker", err)) != 0 ||
        (rc = copy_field(in->source_key, sizeof in->source_key, f[1], "source_key", err)) != 0 ||
        (rc = copy_field(in->name, sizeof in->name, f[2], "name", err)) != 0 ||
        (rc = copy_field(in->asset_class, sizeof in->asset_class, f[3], "asset_class", err)) != 0 ||
        (rc = copy_field(in->instrument_type, sizeof in->instrument_type, f[4], "instrument_type",
                         err)) != 0 ||
        (rc = copy_field(in->currency, sizeof in->currency, f[5], "currency", err)) != 0 ||
        (rc = copy_field(in->country, sizeof in->country, f[6], "country", err)) != 0 ||
        (rc = copy_field(in->exchange, sizeof in->exchange, f[7], "exchange", err)) != 0 ||
        (rc = copy_field(in->source, sizeof in->source, source, "source", err)) != 0)
        return rc;
    if (in->source_key[0] == '\0')
        return mf_error_set(err, MF_EINVAL, "instrument '%s' needs a source_key", in->ticker);
    return mf_series_code_check(in->ticker, err); /* tickers follow the rules of codes */
}

/* "series/fred.csv" -> kind "series", source "fred". MF_EINVAL for any other shape. */
static int split_path(const char *path, bool *is_series, char *source, size_t size, mf_error *err)
{
    const char *slash = strchr(path, '/');
    const char *dot = strrchr(path, '.');
    if (!slash || !dot || dot < slash || strcmp(dot, ".csv") != 0 ||
        (size_t)(dot - slash - 1) >= size || dot == slash + 1)
        return mf_error_set(err, MF_EINVAL,
                            "catalog/%s: expected series/SOURCE.csv or "
                            "instruments/SOURCE.csv",
                            path);
    size_t kind = (size_t)(slash - path);
    if (kind == 6 && strncmp(path, "series", 6) == 0)
        *is_series = true;
    else if (kind == 11 && strncmp(path, "instruments", 11) == 0)
        *is_series = false;
    else
        return mf_error_set(err, MF_EINVAL, "catalog/%s: expected series/ or instruments/", path);
    memcpy(source, slash + 1, (size_t)(dot - slash - 1));
    source[dot - slash - 1] = '\0';
    return 0;
}

/* MF_EINVAL when code (a series code or, for instruments, a ticker) is already in cat, or
   source's key is: two rows with one key would receive the same data. */
static int check_unique(const mf_catalog *cat, bool is_series, const char *code, const char *source,
                        const char *key, mf_error *err)
{
    size_t n = is_series ? cat->n_series : cat->n_instruments;
    for (size_t i = 0; i < n; i++) {
        const char *other = is_series ? cat->series[i].code : cat->instruments[i].ticker;
        const char *other_source = is_series ? cat->series[i].source : cat->instruments[i].source;
        const char *other_key =
            is_series ? cat->series[i].source_key : cat->instruments[i].source_key;
        if (strcmp(other, code) == 0)
            return mf_error_set(err, MF_EINVAL, "%s '%s' is listed twice",
                                is_series ? "series code" : "ticker", code);
        if (strcmp(other_source, source) == 0 && strcmp(other_key, key) == 0)
            return mf_error_set(err, MF_EINVAL, "source key '%s' is listed twice (%s and %s)", key,
                                other, code);
    }
    return 0;
}

int mf_catalog_parse(mf_catalog *cat, const char *path, const char *text, size_t len, mf_error *err)
{
    bool is_series = false;
    char source[32];
    int rc = split_path(path, &is_series, source, sizeof source, err);
    if (rc != 0)
        return rc;
    const mf_connector *conn = mf_connector_find(source);
    if (!conn)
        return mf_error_set(err, MF_EINVAL, "catalog/%s: no connector serves source '%s'", path,
                            source);
    const char *header = is_series ? MF_CATALOG_SERIES_HEADER : MF_CATALOG_INSTRUMENTS_HEADER;
    const int want = is_series ? 9 : 8;
    size_t n_series = cat->n_series, n_instruments = cat->n_instruments; /* to roll back */
    char *buf = mf_malloc(len + 1);
    char *fields[MAX_FIELDS];
    int line_no = 0;
    rc = 0;
    for (size_t pos = 0; pos < len && rc == 0;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl != NULL);
        line_no++;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (line_no == 1) {
            if (n != strlen(header) || memcmp(line, header, n) != 0)
                rc = mf_error_set(err, MF_EINVAL, "catalog/%s:1: expected the header '%s'", path,
                                  header);
            continue;
        }
        if (n == 0)
            continue;
        memcpy(buf, line, n);
        buf[n] = '\0';
        int nf = mf_csv_split(buf, fields, MAX_FIELDS);
        if (nf != want) {
            rc = nf < 0 ? mf_error_set(err, MF_EINVAL, "malformed quotes")
                        : mf_error_set(err, MF_EINVAL, "%d fields, expected %d", nf, want);
        } else if (is_series) {
            mf_series_info s;
            if ((rc = parse_series(source, fields, &s, err)) == 0 &&
                (rc = conn->check_key(s.source_key, err)) == 0) {
                if ((rc = check_unique(cat, true, s.code, source, s.source_key, err)) == 0) {
                    cat->series = mf_reallocarray(cat->series, cat->n_series + 1, sizeof s);
                    cat->series[cat->n_series++] = s;
                }
            }
        } else {
            mf_instrument in;
            if ((rc = parse_instrument(source, fields, &in, err)) == 0 &&
                (rc = conn->check_key(in.source_key, err)) == 0) {
                if ((rc = check_unique(cat, false, in.ticker, source, in.source_key, err)) == 0) {
                    cat->instruments =
                        mf_reallocarray(cat->instruments, cat->n_instruments + 1, sizeof in);
                    cat->instruments[cat->n_instruments++] = in;
                }
            }
        }
        if (rc != 0) {
            mf_error_prefix(err, "catalog/%s:%d: ", path, line_no);
        }
    }
    if (rc == 0 && line_no == 0)
        rc = mf_error_set(err, MF_EINVAL, "catalog/%s: empty file", path);
    mf_free(buf);
    if (rc != 0) {
        cat->n_series = n_series;
        cat->n_instruments = n_instruments;
    }
    return rc;
}

int mf_catalog_builtin(mf_catalog *out, mf_error *err)
{
    *out = (mf_catalog){0};
    for (const mf__catalog_file *f = mf__catalog_files; f->path; f++) {
        int rc = mf_catalog_parse(out, f->path, f->text, f->len, err);
        if (rc != 0) {
            mf_catalog_free(out);
            return rc;
        }
    }
    return 0;
}

void mf_catalog_free(mf_catalog *cat)
{
    if (!cat)
        return;
    mf_free(cat->series);
    mf_free(cat->instruments);
    *cat = (mf_catalog){0};
}

/* "<source>:<key>" into key (size bytes) and source := "simulated". */
static int stand_in_key(char *source, size_t source_size, char *key, size_t size, const char *code,
                        mf_error *err)
{
    char buf[160];
    int n = snprintf(buf, sizeof buf, "%s:%s", source, key);
    if (n < 0 || (size_t)n >= size)
        return mf_error_set(err, MF_EINVAL, "stand-in of '%s': key '%s:%s' longer than %zu bytes",
                            code, source, key, size - 1);
    memcpy(key, buf, (size_t)n + 1);
    snprintf(source, source_size, "%s", MF_CATALOG_STAND_IN_SOURCE);
    return 0;
}

int mf_catalog_stand_in(mf_catalog *cat, mf_error *err)
{
    static const char prefix[] = "SIMULATED stand-in: ";
    for (size_t i = 0; i < cat->n_series; i++) {
        mf_series_info *s = &cat->series[i];
        if (strcmp(s->source, MF_CATALOG_STAND_IN_SOURCE) == 0)
            continue;
        int rc = stand_in_key(s->source, sizeof s->source, s->source_key, sizeof s->source_key,
                              s->code, err);
        if (rc != 0)
            return rc;
        s->simulated = true;
        size_t n = strlen(s->description), p = sizeof prefix - 1;
        if (n + p >= sizeof s->description)
            n = sizeof s->description - p - 1;
        memmove(s->description + p, s->description, n);
        memcpy(s->description, prefix, p);
        s->description[p + n] = '\0';
    }
    for (size_t i = 0; i < cat->n_instruments; i++) {
        mf_instrument *in = &cat->instruments[i];
        if (strcmp(in->source, MF_CATALOG_STAND_IN_SOURCE) == 0)
            continue;
        int rc = stand_in_key(in->source, sizeof in->source, in->source_key, sizeof in->source_key,
                              in->ticker, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static void count(mf_put_outcome o, size_t *created, size_t *updated, size_t *unchanged)
{
    *(o == MF_PUT_CREATED ? created : o == MF_PUT_UPDATED ? updated : unchanged) += 1;
}

/* MF_EINVAL when code is in the store from one of the sources "simulated" and the catalogue's
   source is the other kind: a stand-in store and a store of real data never mix. */
static int check_mix(const char *what, const char *code, const char *have, const char *want,
                     mf_error *err)
{
    bool have_sim = strcmp(have, MF_CATALOG_STAND_IN_SOURCE) == 0;
    bool want_sim = strcmp(want, MF_CATALOG_STAND_IN_SOURCE) == 0;
    if (have_sim == want_sim)
        return 0;
    return mf_error_set(
        err, MF_EINVAL,
        "the store holds %s '%s' from source '%s', the catalogue loaded now gives it source '%s': "
        "%s; stand-ins and real data are never mixed in one store (use another --db, or the "
        "same kind of init as before)",
        what, code, have, want,
        have_sim ? "this store was made by `mf init --simulated` (every real series served by "
                   "the simulated market), run `mf init --simulated` on it"
                 : "this store holds real sources, `mf init --simulated` needs a new store");
}

static int check_no_mix(mf_store *st, const mf_catalog *cat, mf_error *err)
{
    mf_series_info *rows = NULL;
    mf_instrument *ins = NULL;
    size_t n = 0, n_in = 0;
    int rc = mf_repo_series_list(st, NULL, &rows, &n, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        for (size_t j = 0; j < cat->n_series && rc == 0; j++)
            if (strcmp(rows[i].code, cat->series[j].code) == 0)
                rc = check_mix("series", rows[i].code, rows[i].source, cat->series[j].source, err);
    if (rc == 0)
        rc = mf_repo_instrument_list(st, NULL, &ins, &n_in, err);
    for (size_t i = 0; i < n_in && rc == 0; i++)
        for (size_t j = 0; j < cat->n_instruments && rc == 0; j++)
            if (strcmp(ins[i].ticker, cat->instruments[j].ticker) == 0)
                rc = check_mix("instrument", ins[i].ticker, ins[i].source,
                               cat->instruments[j].source, err);
    mf_free(rows);
    mf_free(ins);
    return rc;
}

int mf_catalog_store(mf_store *st, const mf_catalog *cat, mf_catalog_report *rep, mf_error *err)
{
    *rep = (mf_catalog_report){0};
    int rc = check_no_mix(st, cat, err);
    if (rc != 0 || (rc = mf_store_begin(st, err)) != 0)
        return rc;
    for (size_t i = 0; i < cat->n_series && rc == 0; i++) {
        int64_t id;
        mf_put_outcome o;
        if ((rc = mf_repo_series_put(st, &cat->series[i], &id, &o, err)) == 0)
            count(o, &rep->series_created, &rep->series_updated, &rep->series_unchanged);
    }
    for (size_t i = 0; i < cat->n_instruments && rc == 0; i++) {
        int64_t id;
        mf_put_outcome o;
        if ((rc = mf_repo_instrument_put(st, &cat->instruments[i], &id, &o, err)) == 0)
            count(o, &rep->instruments_created, &rep->instruments_updated,
                  &rep->instruments_unchanged);
    }
    if (rc != 0) {
        mf_store_rollback(st, NULL);
        *rep = (mf_catalog_report){0};
        return rc;
    }
    return mf_store_commit(st, err);
}
