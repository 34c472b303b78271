/*
 * repo_instruments.c - the instruments (see repo_instruments.h).
 */
#include "store/repo_instruments.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/names.h"
#include "store/repo_series.h"

static const char *const asset_classes[] = {"rates",  "inflation", "fx",
                                            "credit", "equity",    "commodity"};
static const char *const instrument_types[] = {
    "future", "bond", "fx_spot", "fx_forward", "index", "swap", "cds", "equity_index", "commodity"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool capitals(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

static int validate(const mf_instrument *in, mf_error *err)
{
    char list[160];
    int rc = mf_series_code_check(in->ticker, err); /* tickers follow the rules of codes */
    if (rc != 0)
        return mf_error_prefix(err, "ticker: ");
    if (in->name[0] == '\0')
        return mf_error_set(err, MF_EINVAL, "instrument '%s' needs a name", in->ticker);
    if (mf_names_find(asset_classes, COUNT(asset_classes), in->asset_class) < 0)
        return mf_error_set(err, MF_EINVAL,
                            "instrument '%s': unknown asset class '%s': expected "
                            "one of %s",
                            in->ticker, in->asset_class,
                            mf_names_join(asset_classes, COUNT(asset_classes), list, sizeof list));
    if (mf_names_find(instrument_types, COUNT(instrument_types), in->instrument_type) < 0)
        return mf_error_set(
            err, MF_EINVAL,
            "instrument '%s': unknown instrument type '%s': "
            "expected one of %s",
            in->ticker, in->instrument_type,
            mf_names_join(instrument_types, COUNT(instrument_types), list, sizeof list));
    if (!capitals(in->currency, 3))
        return mf_error_set(err, MF_EINVAL,
                            "instrument '%s': invalid currency '%s': expected "
                            "an ISO 4217 code such as BRL",
                            in->ticker, in->currency);
    if (in->country[0] != '\0' && !capitals(in->country, 2))
        return mf_error_set(err, MF_EINVAL,
                            "instrument '%s': invalid country '%s': expected "
                            "an ISO 3166 code such as BR",
                            in->ticker, in->country);
    if (in->contract_spec[0] != '\0') {
        json_error_t jerr;
        json_t *spec = json_loads(in->contract_spec, JSON_REJECT_DUPLICATES, &jerr);
        bool object = spec != NULL && json_is_object(spec);
        json_decref(spec);
        if (!object)
            return mf_error_set(err, MF_EINVAL,
                                "instrument '%s': contract_spec is not a JSON "
                                "object%s%s",
                                in->ticker, spec ? "" : ": ", spec ? "" : jerr.text);
    }
    return 0;
}

static void read_row(mf_stmt *s, mf_instrument *out)
{
    memset(out, 0, sizeof *out);
    out->id = mf_stmt_int64(s, 0);
    mf_stmt_text_copy(s, 1, out->ticker, sizeof out->ticker);
    mf_stmt_text_copy(s, 2, out->name, sizeof out->name);
    mf_stmt_text_copy(s, 3, out->asset_class, sizeof out->asset_class);
    mf_stmt_text_copy(s, 4, out->instrument_type, sizeof out->instrument_type);
    mf_stmt_text_copy(s, 5, out->currency, sizeof out->currency);
    mf_stmt_text_copy(s, 6, out->country, sizeof out->country);
    mf_stmt_text_copy(s, 7, out->exchange, sizeof out->exchange);
    mf_stmt_text_copy(s, 8, out->contract_spec, sizeof out->contract_spec);
    out->active = mf_stmt_bool(s, 9);
    mf_stmt_text_copy(s, 10, out->source, sizeof out->source);
    mf_stmt_text_copy(s, 11, out->source_key, sizeof out->source_key);
}

static void bind_opt(mf_stmt *s, int i, const char *v)
{
    mf_stmt_bind_text(s, i, v && v[0] ? v : NULL);
}

int mf_repo_instrument_create(mf_store *st, const mf_instrument *in, int64_t *id, mf_error *err)
{
    int rc = validate(in, err);
    if (rc != 0)
        return rc;
    mf_instrument existing;
    if (mf_repo_instrument_get(st, in->ticker, &existing, NULL) == 0)
        return mf_error_set(err, MF_EINVAL, "instrument '%s' already exists", in->ticker);
    mf_stmt *s;
    rc = mf_store_prepare(st,
                          "INSERT INTO instruments (ticker, name, asset_class, instrument_type, "
                          "currency, country, exchange, contract_spec, active, source, source_key) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, in->ticker);
    mf_stmt_bind_text(s, 2, in->name);
    mf_stmt_bind_text(s, 3, in->asset_class);
    mf_stmt_bind_text(s, 4, in->instrument_type);
    mf_stmt_bind_text(s, 5, in->currency);
    bind_opt(s, 6, in->country);
    bind_opt(s, 7, in->exchange);
    bind_opt(s, 8, in->contract_spec);
    mf_stmt_bind_bool(s, 9, in->active);
    bind_opt(s, 10, in->source);
    bind_opt(s, 11, in->source_key);
    if ((rc = mf_stmt_step(s, err)) != MF_STORE_ROW)
        return rc < 0 ? rc
                      : mf_error_set(err, MF_ESTATE, "instrument '%s' was not created", in->ticker);
    *id = mf_stmt_int64(s, 0);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}

static bool same_instrument(const mf_instrument *a, const mf_instrument *b)
{
    /* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): the fields are arrays */
    return strcmp(a->name, b->name) == 0 && strcmp(a->asset_class, b->asset_class) == 0 &&
           strcmp(a->instrument_type, b->instrument_type) == 0 &&
           strcmp(a->currency, b->currency) == 0 && strcmp(a->country, b->country) == 0 &&
           strcmp(a->exchange, b->exchange) == 0 &&
           strcmp(a->contract_spec, b->contract_spec) == 0 && a->active == b->active &&
           strcmp(a->source, b->source) == 0 && strcmp(a->source_key, b->source_key) == 0;
}

int mf_repo_instrument_put(mf_store *st, const mf_instrument *in, int64_t *id,
                           mf_put_outcome *outcome, mf_error *err)
{
    int rc = validate(in, err);
    if (rc != 0)
        return rc;
    mf_instrument old = {0};
    rc = mf_repo_instrument_get(st, in->ticker, &old, err);
    if (rc == MF_ENOTFOUND) {
        *outcome = MF_PUT_CREATED;
        return mf_repo_instrument_create(st, in, id, err);
    }
    if (rc != 0)
        return rc;
    *id = old.id;
    if (same_instrument(&old, in)) {
        *outcome = MF_PUT_UNCHANGED;
        return 0;
    }
    mf_stmt *s;
    rc = mf_store_prepare(st,
                          "UPDATE instruments SET name = ?, asset_class = ?, instrument_type = ?, "
                          "currency = ?, country = ?, exchange = ?, contract_spec = ?, "
                          "active = ?, source = ?, source_key = ? WHERE id = ?",
                          &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, in->name);
    mf_stmt_bind_text(s, 2, in->asset_class);
    mf_stmt_bind_text(s, 3, in->instrument_type);
    mf_stmt_bind_text(s, 4, in->currency);
    bind_opt(s, 5, in->country);
    bind_opt(s, 6, in->exchange);
    bind_opt(s, 7, in->contract_spec);
    mf_stmt_bind_bool(s, 8, in->active);
    bind_opt(s, 9, in->source);
    bind_opt(s, 10, in->source_key);
    mf_stmt_bind_int64(s, 11, old.id);
    rc = mf_stmt_step(s, err);
    *outcome = MF_PUT_UPDATED;
    return rc < 0 ? rc : 0;
}

int mf_repo_instrument_get(mf_store *st, const char *ticker, mf_instrument *out, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "SELECT id, ticker, name, asset_class, instrument_type, currency, "
                              "country, exchange, contract_spec, active, source, source_key "
                              "FROM instruments WHERE ticker = ?",
                              &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, ticker);
    rc = mf_stmt_step(s, err);
    if (rc == MF_STORE_DONE)
        return mf_error_set(err, MF_ENOTFOUND, "unknown instrument '%.80s'", ticker ? ticker : "");
    if (rc < 0)
        return rc;
    read_row(s, out);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}

int mf_repo_instrument_list(mf_store *st, const mf_instrument_filter *filter, mf_instrument **out,
                            size_t *n, mf_error *err)
{
    static const char sql[] =
        "SELECT id, ticker, name, asset_class, instrument_type, currency, country, exchange, "
        "contract_spec, active, source, source_key FROM instruments "
        "WHERE (? = '' OR asset_class = ?) AND (? = '' OR instrument_type = ?) "
        "AND (? = '' OR currency = ?) AND (? = '' OR country = ?) "
        "AND (? < 0 OR active = ?) ORDER BY ticker";
    mf_instrument_filter f = filter ? *filter : MF_INSTRUMENT_FILTER_ALL;
    const char *text[4] = {f.asset_class, f.instrument_type, f.currency, f.country};
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    for (int i = 0; i < 4; i++) {
        mf_stmt_bind_text(s, 2 * i + 1, text[i] ? text[i] : "");
        mf_stmt_bind_text(s, 2 * i + 2, text[i] ? text[i] : "");
    }
    mf_stmt_bind_int64(s, 9, f.active);
    mf_stmt_bind_int64(s, 10, f.active);
    mf_instrument *rows = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 32;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        read_row(s, &rows[count++]);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}
