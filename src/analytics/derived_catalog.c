/*
 * derived_catalog.c - the derived-series definitions: parse, check, run (see
 * derived_catalog.h).
 */
#include "analytics/derived_catalog.h"

#include <stdio.h>
#include <string.h>

#include "analytics/transform.h"
#include "core/alloc.h"

#include "analytics/derived_csv.h" /* generated: mf__derived_csv, mf__derived_csv_len */

#define LINE_MAX_BYTES 4096
#define N_FIELDS       10

/*
 * Splits line[0..len) at commas with RFC 4180 quotes into buf (len + 1 bytes); fields[i]
 * point into buf. The number of fields, or -1 for a malformed quote or too many fields.
 */
static int split(const char *line, size_t len, char *buf, char **fields)
{
    int nf = 0;
    size_t i = 0, o = 0;
    for (;;) {
        if (nf == N_FIELDS)
            return -1;
        fields[nf++] = buf + o;
        if (i < len && line[i] == '"') {
            for (i++;; i++) {
                if (i >= len)
                    return -1;
                if (line[i] == '"') {
                    if (i + 1 < len && line[i + 1] == '"') {
                        buf[o++] = '"';
                        i++;
                        continue;
                    }
                    i++;
                    break;
                }
                buf[o++] = line[i];
            }
            if (i < len && line[i] != ',')
                return -1;
        } else {
            while (i < len && line[i] != ',')
                buf[o++] = line[i++];
        }
        buf[o++] = '\0';
        if (i >= len)
            return nf;
        i++; /* the comma */
    }
}

static int copy(char *dst, size_t size, const char *src, const char *what, mf_error *err)
{
    size_t n = strlen(src);
    if (n >= size)
        return mf_error_set(err, MF_EINVAL, "%s longer than %zu characters", what, size - 1);
    memcpy(dst, src, n + 1);
    return 0;
}

static const mf_derived_entry *find(const mf_derived_entry *e, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(e[i].info.code, code) == 0)
            return &e[i];
    return NULL;
}

/* One data line into *e; the entries above it are e[-before .. -1]. */
static int parse_line(char **f, const mf_derived_entry *above, size_t n_above, mf_derived_entry *e,
                      mf_error *err)
{
    int rc;
    memset(e, 0, sizeof *e);
    if ((rc = mf_series_code_check(f[0], err)) != 0)
        return rc;
    if (find(above, n_above, f[0]) != NULL)
        return mf_error_set(err, MF_EINVAL, "code '%s' defined twice", f[0]);
    mf_series_info *s = &e->info;
    memcpy(s->code, f[0], strlen(f[0]) + 1);
    memcpy(s->source, "derived", sizeof "derived");
    s->release_lag_days = -1;
    const mf_transform *t = mf_transform_find(f[1]);
    if (t == NULL)
        return mf_error_set(err, MF_EINVAL,
                            "unknown transform '%s' (see mf transform list "
                            "--transforms)",
                            f[1]);
    memcpy(e->transform, t->name, strlen(t->name) + 1);
    for (char *p = f[2], *next; p != NULL; p = next) {
        next = strchr(p, ';');
        if (next != NULL)
            *next++ = '\0';
        if (e->n_inputs == MF_DERIVED_MAX_INPUTS)
            return mf_error_set(err, MF_EINVAL, "more than %d inputs", MF_DERIVED_MAX_INPUTS);
        if ((rc = mf_series_code_check(p, err)) != 0) {
            mf_error_prefix(err, "input %zu: ", e->n_inputs + 1);
            return rc;
        }
        if (strcmp(p, s->code) == 0)
            return mf_error_set(err, MF_EINVAL, "'%s' is its own input", p);
        memcpy(e->inputs[e->n_inputs++], p, strlen(p) + 1);
    }
    mf_tf_params params;
    if ((rc = mf_tf_params_canonical(f[3], e->params, sizeof e->params, err)) != 0 ||
        (rc = mf_tf_params_parse(t, e->params, e->n_inputs, &params, err)) != 0)
        return rc;
    if ((rc = copy(s->name, sizeof s->name, f[4], "name", err)) != 0)
        return rc;
    if (f[4][0] == '\0')
        return mf_error_set(err, MF_EINVAL, "empty name");
    if (strlen(f[5]) > 1 || (f[5][0] && !strchr("DWMQA", f[5][0])))
        return mf_error_set(err, MF_EINVAL, "frequency '%s': expected D, W, M, Q or A", f[5]);
    s->frequency = f[5][0];
    if ((rc = copy(s->unit, sizeof s->unit, f[6], "unit", err)) != 0 ||
        (rc = copy(s->country, sizeof s->country, f[7], "country", err)) != 0 ||
        (rc = copy(s->category, sizeof s->category, f[8], "category", err)) != 0 ||
        (rc = copy(s->description, sizeof s->description, f[9], "description", err)) != 0)
        return rc;
    if (s->country[0] && strlen(s->country) != 2)
        return mf_error_set(err, MF_EINVAL, "country '%s': expected an ISO 3166-1 alpha-2 code",
                            s->country);
    return 0;
}

int mf_derived_catalog_parse(const char *name, const char *text, size_t len,
                             mf_derived_catalog *out, mf_error *err)
{
    mf_derived_catalog c = {0};
    size_t cap = 0, line = 0;
    char buf[LINE_MAX_BYTES + 1];
    char *f[N_FIELDS];
    int rc = 0;
    bool header = false;
    for (size_t i = 0; i < len;) {
        const char *start = text + i, *nl = memchr(start, '\n', len - i);
        size_t n = nl ? (size_t)(nl - start) : len - i;
        i += n + (nl != NULL);
        line++;
        if (n > 0 && start[n - 1] == '\r')
            n--;
        if (n == 0)
            continue;
        if (n > LINE_MAX_BYTES) {
            rc = mf_error_set(err, MF_EINVAL, "%s:%zu: line longer than %d bytes", name, line,
                              LINE_MAX_BYTES);
            break;
        }
        if (!header) {
            if (n != strlen(MF_DERIVED_CSV_HEADER) ||
                memcmp(start, MF_DERIVED_CSV_HEADER, n) != 0) {
                rc = mf_error_set(err, MF_EINVAL, "%s:%zu: expected the header '%s'", name, line,
                                  MF_DERIVED_CSV_HEADER);
                break;
            }
            header = true;
            continue;
        }
        int nf = split(start, n, buf, f);
        if (nf != N_FIELDS) {
            rc = mf_error_set(err, MF_EINVAL, "%s:%zu: expected %d fields%s", name, line, N_FIELDS,
                              nf < 0 ? " (malformed quotes)" : "");
            break;
        }
        if (c.n == cap) {
            cap = cap ? 2 * cap : 64;
            c.entries = mf_reallocarray(c.entries, cap, sizeof *c.entries);
        }
        if ((rc = parse_line(f, c.entries, c.n, &c.entries[c.n], err)) != 0) {
            mf_error_prefix(err, "%s:%zu: ", name, line);
            break;
        }
        c.entries[c.n++].line = line;
    }
    if (rc == 0 && !header)
        rc = mf_error_set(err, MF_EINVAL, "%s: empty: expected the header '%s'", name,
                          MF_DERIVED_CSV_HEADER);
    /* an input that is a derived series must be defined above its user */
    for (size_t i = 0; rc == 0 && i < c.n; i++)
        for (size_t j = 0; j < c.entries[i].n_inputs; j++) {
            const mf_derived_entry *d = find(c.entries, c.n, c.entries[i].inputs[j]);
            if (d != NULL && d > &c.entries[i]) {
                rc = mf_error_set(err, MF_EINVAL,
                                  "%s:%zu: input '%s' is defined below, on line "
                                  "%zu: define it first",
                                  name, c.entries[i].line, d->info.code, d->line);
                break;
            }
        }
    if (rc != 0) {
        mf_free(c.entries);
        return rc;
    }
    *out = c;
    return 0;
}

int mf_derived_catalog_builtin(mf_derived_catalog *out, mf_error *err)
{
    return mf_derived_catalog_parse("catalog/derived.csv", mf__derived_csv, mf__derived_csv_len,
                                    out, err);
}

void mf_derived_catalog_release(mf_derived_catalog *c)
{
    if (c == NULL)
        return;
    mf_free(c->entries);
    c->entries = NULL;
    c->n = 0;
}

/* Creates or updates e's series and lineage; *missing set (and nothing done) when an input
   is not in the store. */
static int define(mf_store *st, const mf_derived_entry *e, int64_t *id, mf_derived_result *r,
                  mf_error *err)
{
    mf_derived_def def = {.n_inputs = e->n_inputs};
    mf_series_info info = e->info;
    for (size_t j = 0; j < e->n_inputs; j++) {
        mf_series_info in;
        mf_error e2;
        int rc = mf_repo_series_get(st, e->inputs[j], &in, &e2);
        if (rc == MF_ENOTFOUND) {
            r->status = MF_DERIVED_SKIPPED_INPUTS;
            memcpy(r->missing, e->inputs[j], strlen(e->inputs[j]) + 1);
            return 0;
        }
        if (rc != 0) {
            if (err)
                *err = e2;
            return rc;
        }
        def.inputs[j] = in.id;
        info.simulated = info.simulated || in.simulated;
    }
    mf_series_info old;
    mf_error e3;
    int rc = mf_repo_series_get(st, e->info.code, &old, &e3);
    if (rc == 0 && strcmp(old.source, "derived") != 0)
        return mf_error_set(err, MF_ESTATE,
                            "derived series '%s': the store has a series of that code from "
                            "source '%s': choose another code",
                            e->info.code, old.source);
    if (rc != 0 && rc != MF_ENOTFOUND) {
        if (err)
            *err = e3;
        return rc;
    }
    mf_put_outcome outcome;
    rc = mf_repo_series_put(st, &info, id, &outcome, err);
    if (rc != 0) {
        mf_error_prefix(err, "derived series '%s': ", e->info.code);
        return rc;
    }
    def.series_id = *id;
    memcpy(def.transform, e->transform, sizeof def.transform);
    memcpy(def.params, e->params, sizeof def.params);
    if ((rc = mf_repo_derived_put(st, &def, &outcome, err)) != 0)
        mf_error_prefix(err, "derived series '%s': ", e->info.code);
    return rc;
}

int mf_derived_catalog_run(mf_store *st, const mf_derived_catalog *c, const char *only,
                           int64_t ingested_at,
                           void (*on_result)(void *ctx, const mf_derived_result *r), void *ctx,
                           mf_error *err)
{
    if (only != NULL && find(c->entries, c->n, only) == NULL)
        return mf_error_set(err, MF_ENOTFOUND, "no derived series '%s' in the definitions", only);
    /* One transaction for the run (a commit per series would cost a sync each); each series
       in a savepoint, so an error keeps what was done before it. */
    mf_derive_cache *cache = mf_derive_cache_new();
    int rc = mf_store_begin(st, err);
    for (size_t i = 0; rc == 0 && i < c->n; i++) {
        const mf_derived_entry *e = &c->entries[i];
        if (only != NULL && strcmp(e->info.code, only) != 0)
            continue;
        mf_derived_result r = {.entry = e, .status = MF_DERIVED_COMPUTED};
        int64_t id = 0;
        if ((rc = mf_store_begin(st, err)) != 0)
            break;
        rc = define(st, e, &id, &r, err);
        if (rc == 0 && r.status == MF_DERIVED_COMPUTED)
            rc = mf_derive_series(st, id, ingested_at, cache, &r.report, err);
        if (rc != 0) {
            mf_store_rollback(st, NULL);
            break;
        }
        if ((rc = mf_store_commit(st, err)) != 0)
            break;
        if (r.report.missing_inputs)
            r.status = MF_DERIVED_SKIPPED_INPUTS;
        else if (r.report.up_to_date)
            r.status = MF_DERIVED_UP_TO_DATE;
        if (on_result)
            on_result(ctx, &r);
    }
    mf_derive_cache_free(cache);
    if (mf_store_depth(st) > 0) {
        mf_error e2;
        int crc = mf_store_commit(st, &e2);
        if (rc == 0 && crc != 0) {
            rc = crc;
            if (err)
                *err = e2;
        }
    }
    return rc;
}
