/*
 * cftc.c - the CFTC Commitments of Traders connector (Socrata API of
 * publicreporting.cftc.gov): the parsers of cftc.h, the release rule and mf_conn_cftc.
 *
 * fetch GETs {base}/{DATASET}.json?$where=cftc_contract_market_code='CODE' AND
 * report_date_as_yyyy_mm_dd between 'FROM' and 'TO'&$order=report_date_as_yyyy_mm_dd
 * &$limit=50000&$offset=N (SoQL values percent-encoded, '$' literal), page after page while a
 * page comes back full.
 */
#include "data/connectors/cftc.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "data/connectors/us_util_int.h"
#include "data/connectors_int.h"

#define CFTC_PAGE_LIMIT 50000
#define DISAGG_FIELDS   191

int mf_cftc_release_date(mf_date report, const mf_calendar *us, mf_date *out, mf_error *err)
{
    int wd = (int)mf_date_weekday(report);
    if (wd > (int)MF_FRIDAY)
        return mf_error_set(err, MF_EINVAL, "cftc: report date falls on a weekend");
    mf_date friday = report + ((int)MF_FRIDAY - wd);
    bool delayed = false;
    for (mf_date d = report + 1; d <= friday && !delayed; d++) {
        const char *h = mf_calendar_holiday_name(us, d);
        int m = mf_date_month(d + 1), dd = mf_date_day(d + 1);
        /* federal holidays falling on a Saturday are observed on the Friday; the bond-market
           calendar does not close for New Year's Day and Veterans Day in that case */
        bool sat_observed = d == friday && ((m == 1 && dd == 1) || (m == 11 && dd == 11));
        delayed = (h && strcmp(h, "Good Friday") != 0) || sat_observed;
    }
    if (!delayed) {
        *out = friday;
        return 0;
    }
    return mf_calendar_advance(us, friday, 1, out, err);
}

/* Fields that are identifiers or dates, not quantities, although their text is a number. */
static bool id_field(const char *name)
{
    static const char *const ids[] = {"id",
                                      "yyyy_report_week_ww",
                                      "as_of_date_in_form_yymmdd",
                                      "report_date_as_yyyy_mm_dd",
                                      "futonly_or_combined",
                                      "contract_units"};
    if (strncmp(name, "cftc_", 5) == 0)
        return true;
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (strcmp(name, ids[i]) == 0)
            return true;
    return false;
}

/* Fields that hold a quantity by their name: their text must be a number. */
static bool numeric_field(const char *name)
{
    static const char *const parts[] = {"positions", "open_interest", "traders_",
                                        "pct_of_",   "change_in_",    "conc_"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (strstr(name, parts[i]))
            return true;
    return false;
}

static int parse_report_date(const char *s, size_t n, mf_date *out)
{
    /* "2026-09-29T00:00:00.000" (Socrata floating timestamp) or "2026-09-29" */
    if (n < 10 || (n > 10 && s[10] != 'T'))
        return -1;
    return mf_date_parse_iso_n(s, 10, out, NULL) == 0 ? 0 : -1;
}

int mf_cftc_parse_socrata(const char *body, size_t len, const char *dataset, const char *code,
                          const mf_calendar *us, mf_conn_rows *out, size_t *records, mf_error *err)
{
    char who[96];
    (void)snprintf(who, sizeof who, "cftc %s:%s", dataset, code);
    json_t *root;
    int rc = mf_us_json_load(who, body, len, &root, err);
    if (rc != 0)
        return rc;
    size_t before = out->n;
    if (json_is_object(root)) {
        const char *msg = json_string_value(json_object_get(root, "message"));
        rc = mf_error_set(err, MF_EIO, "%s: Socrata error: %s", who,
                          msg ? msg : "(an object, not the array of records)");
        goto done;
    }
    if (!json_is_array(root)) {
        rc = mf_error_set(err, MF_EPARSE, "%s: body is not a JSON array of records", who);
        goto done;
    }
    size_t n = json_array_size(root);
    for (size_t i = 0; i < n; i++) {
        json_t *rec = json_array_get(root, i);
        const json_t *jd = json_object_get(rec, "report_date_as_yyyy_mm_dd");
        const json_t *jc = json_object_get(rec, "cftc_contract_market_code");
        mf_date d = 0, avail = 0;
        if (!json_is_object(rec) || !json_is_string(jd) ||
            parse_report_date(json_string_value(jd), json_string_length(jd), &d) != 0) {
            rc = mf_error_set(err, MF_EPARSE,
                              "%s: record %zu has no report_date_as_yyyy_mm_dd like "
                              "'2026-09-29T00:00:00.000'",
                              who, i);
            goto done;
        }
        if (!json_is_string(jc) || strcmp(json_string_value(jc), code) != 0) {
            rc = mf_error_set(err, MF_EPARSE, "%s: record %zu is for contract '%s'", who, i,
                              json_is_string(jc) ? json_string_value(jc) : "(none)");
            goto done;
        }
        rc = mf_cftc_release_date(d, us, &avail, err);
        if (rc != 0)
            goto done;
        const char *field;
        json_t *v;
        json_object_foreach(rec, field, v)
        {
            if (!json_is_string(v) || id_field(field))
                continue;
            const char *s = json_string_value(v);
            size_t sl = json_string_length(v);
            mf_conn_row row;
            char key[MF_CONN_KEY_MAX];
            int w = snprintf(key, sizeof key, "%s:%s:%s", dataset, code, field);
            if (w < 0 || (size_t)w >= sizeof key)
                continue; /* no catalogue key can be this long */
            row = mf_conn_row_init(MF_CONN_OBS, key);
            mf_error e = {0};
            if (sl == 1 && s[0] == '.') {
                /* a suppressed trader count: published as missing */
            } else if (mf_conn_parse_number(s, sl, false, false, &row.value, &e) != 0) {
                if (!numeric_field(field))
                    continue; /* a text field */
                rc = mf_error_set(err, MF_EPARSE, "%s: record %zu (%.10s) field %s: %s", who, i,
                                  json_string_value(jd), field, e.msg);
                goto done;
            }
            row.date = d;
            row.available_at = avail;
            mf_conn_rows_push(out, &row, err);
        }
    }
    if (records)
        *records = n;
done:
    if (rc != 0)
        out->n = before;
    json_decref(root);
    return rc;
}

/* ---- f_disagg.txt --------------------------------------------------------------------------- */

/* Socrata names of the flat file's fields 8..23 (1-based), in order. */
static const char *const disagg_fields[] = {
    "open_interest_all",           "prod_merc_positions_long",    "prod_merc_positions_short",
    "swap_positions_long_all",     "swap__positions_short_all",   "swap__positions_spread_all",
    "m_money_positions_long_all",  "m_money_positions_short_all", "m_money_positions_spread",
    "other_rept_positions_long",   "other_rept_positions_short",  "other_rept_positions_spread",
    "tot_rept_positions_long_all", "tot_rept_positions_short",    "nonrept_positions_long_all",
    "nonrept_positions_short_all"};

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '"'))
        (*s)++, (*n)--;
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '"'))
        (*n)--;
}

int mf_cftc_parse_disagg_txt(const char *body, size_t len, const mf_calendar *us, mf_conn_rows *out,
                             mf_error *err)
{
    size_t before = out->n, pos = 0, line_no = 0;
    while (pos < len) {
        const char *line = body + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        line_no++;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (n == 0)
            continue;
        const char *f[DISAGG_FIELDS];
        size_t fl[DISAGG_FIELDS];
        int k = 0;
        bool quoted = false, too_many = false;
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && line[i] == '"')
                quoted = !quoted;
            if (i == n || (line[i] == ',' && !quoted)) {
                if (k == DISAGG_FIELDS) {
                    too_many = true;
                    break;
                }
                f[k] = line + start, fl[k] = i - start, k++;
                start = i + 1;
            }
        }
        if (too_many || k != DISAGG_FIELDS) {
            out->n = before;
            return mf_error_set(err, MF_EPARSE,
                                "cftc f_disagg.txt line %zu: %s fields, expected %d (is this the "
                                "disaggregated file?)",
                                line_no, too_many ? "more than 191" : "fewer than 191",
                                DISAGG_FIELDS);
        }
        for (int c = 0; c < k; c++)
            trim(&f[c], &fl[c]);
        mf_date d = 0, avail = 0;
        if (mf_date_parse_iso_n(f[2], fl[2], &d, NULL) != 0 || fl[3] != 6) {
            out->n = before;
            return mf_error_set(err, MF_EPARSE,
                                "cftc f_disagg.txt line %zu: field 3 '%.*s' is not a date or "
                                "field 4 '%.*s' not a 6-character contract code",
                                line_no, (int)(fl[2] < 20 ? fl[2] : 20), f[2],
                                (int)(fl[3] < 20 ? fl[3] : 20), f[3]);
        }
        const char *kind = f[DISAGG_FIELDS - 1];
        size_t kl = fl[DISAGG_FIELDS - 1];
        const char *dataset = kl == 7 && memcmp(kind, "FutOnly", 7) == 0 ? MF_CFTC_DISAGG_FUT
                              : kl == 8 && memcmp(kind, "Combined", 8) == 0
                                  ? MF_CFTC_DISAGG_COMBINED
                                  : NULL;
        if (!dataset) {
            out->n = before;
            return mf_error_set(err, MF_EPARSE,
                                "cftc f_disagg.txt line %zu: last field '%.*s' is neither "
                                "FutOnly nor Combined",
                                line_no, (int)(kl < 20 ? kl : 20), kind);
        }
        int rc = mf_cftc_release_date(d, us, &avail, err);
        if (rc != 0) {
            out->n = before;
            return rc;
        }
        for (size_t c = 0; c < sizeof disagg_fields / sizeof disagg_fields[0]; c++) {
            char key[MF_CONN_KEY_MAX];
            (void)snprintf(key, sizeof key, "%s:%.6s:%s", dataset, f[3], disagg_fields[c]);
            mf_conn_row row = mf_conn_row_init(MF_CONN_OBS, key);
            row.date = d;
            row.available_at = avail;
            mf_error e = {0};
            if (mf_conn_parse_number(f[7 + c], fl[7 + c], false, false, &row.value, &e) != 0) {
                out->n = before;
                return mf_error_set(err, MF_EPARSE, "cftc f_disagg.txt line %zu field %zu (%s): %s",
                                    line_no, 8 + c, disagg_fields[c], e.msg);
            }
            mf_conn_rows_push(out, &row, err);
        }
    }
    return 0;
}

/* ---- the connector -------------------------------------------------------------------------- */

static bool dataset_ok(const char *s, size_t n)
{
    /* a Socrata id: 4x4 lower-case letters and digits, "72hh-3qpy" */
    if (n != 9 || s[4] != '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (i != 4 && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
            return false;
    return true;
}

static bool code_ok(const char *s, size_t n)
{
    if (n != 6)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '+'))
            return false;
    return true;
}

/* Splits "DATASET:CODE[:FIELD]"; false when it is not that shape. */
static bool split_key(const char *key, bool want_field, const char **code, const char **field)
{
    const char *c1 = strchr(key, ':');
    if (!c1 || !dataset_ok(key, (size_t)(c1 - key)))
        return false;
    const char *c2 = strchr(c1 + 1, ':');
    size_t clen = c2 ? (size_t)(c2 - c1 - 1) : strlen(c1 + 1);
    if (!code_ok(c1 + 1, clen) || (c2 != NULL) != want_field)
        return false;
    *code = c1 + 1;
    *field = c2 ? c2 + 1 : NULL;
    if (want_field) {
        size_t fl = strlen(*field);
        if (fl == 0)
            return false;
        for (size_t i = 0; i < fl; i++) {
            char ch = (*field)[i];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
                return false;
        }
    }
    return true;
}

static int cftc_check_key(const char *key, mf_error *err)
{
    const char *code, *field;
    if (!split_key(key, true, &code, &field))
        return mf_error_set(err, MF_EINVAL,
                            "cftc: key '%s' is not DATASET:CODE:FIELD (e.g. "
                            "'gpe5-46if:102741:lev_money_positions_long')",
                            key);
    return 0;
}

static void cftc_request_of(const char *key, char *buf, size_t size)
{
    const char *c1 = strchr(key, ':');
    const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    size_t n = c2 ? (size_t)(c2 - key) : strlen(key);
    (void)snprintf(buf, size, "%.*s", (int)n, key);
}

static int cftc_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                      mf_conn_rows *out, mf_error *err)
{
    const char *code, *field;
    if (!split_key(request, false, &code, &field))
        return mf_error_set(err, MF_EINVAL, "cftc: request '%s' is not DATASET:CODE", request);
    char dataset[16], codebuf[8], f[MF_DATE_ISO_SIZE], t[MF_DATE_ISO_SIZE], who[96], url[1024];
    (void)snprintf(dataset, sizeof dataset, "%.*s", (int)(code - 1 - request), request);
    (void)snprintf(codebuf, sizeof codebuf, "%s", code);
    mf_date_format_iso(from, f);
    mf_date_format_iso(to, t);
    (void)snprintf(who, sizeof who, "cftc %s", request);
    size_t before = out->n;
    for (long offset = 0;; offset += CFTC_PAGE_LIMIT) {
        (void)snprintf(url, sizeof url,
                       "%s/%s.json?$where=cftc_contract_market_code%%3D%%27%s%%27%%20AND%%20"
                       "report_date_as_yyyy_mm_dd%%20between%%20%%27%sT00:00:00.000%%27%%20and"
                       "%%20%%27%sT00:00:00.000%%27&$order=report_date_as_yyyy_mm_dd"
                       "&$limit=%d&$offset=%ld",
                       env->base_url, dataset, codebuf, f, t, CFTC_PAGE_LIMIT, offset);
        const char *body;
        size_t len, records = 0;
        int rc = mf_us_get(env, who, url, &body, &len, NULL, 0, err);
        if (rc == 0)
            rc = mf_cftc_parse_socrata(body, len, dataset, codebuf, env->us, out, &records, err);
        if (rc != 0) {
            out->n = before;
            return rc;
        }
        if (records < CFTC_PAGE_LIMIT)
            return 0;
    }
}

const mf_connector mf_conn_cftc = {
    .name = "cftc",
    .summary = "CFTC Commitments of Traders (TFF, disaggregated): weekly positions by trader type",
    .max_days = 0,
    .overlap_days = 21,
    .check_key = cftc_check_key,
    .request_of = cftc_request_of,
    .fetch = cftc_fetch,
    .standing_requests = NULL,
};
