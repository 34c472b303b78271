/*
 * bcb_focus.c - the BCB Focus connector (bcb_focus.h): the parser of the Olinda Expectativas
 * entity sets and `mf_conn_bcb_focus`.
 *
 * Request of "Anuais:IPCA" over from..to, paged by 1000 rows:
 *   {base}/ExpectativasMercadoAnuais?$filter=Indicador eq 'IPCA' and baseCalculo eq 0 and
 *   Data ge 'YYYY-MM-DD' and Data le 'YYYY-MM-DD'&$orderby=Data asc&$top=1000&$skip=K
 *   &$format=json
 * with the option values percent-encoded ($ kept literal). Pages are read until one is short;
 * all pages are parsed together, since the Selic meeting rank needs every row of a date.
 */
#include "data/connectors/bcb_focus.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connectors/bcb_common_int.h"
#include "data/connectors_int.h"

enum { FOCUS_PAGE = 1000, FOCUS_MAX_PAGES = 1000 };

typedef enum focus_set {
    SET_ANUAIS,
    SET_MENSAIS,
    SET_TRIMESTRAIS,
    SET_INFL12,
    SET_SELIC,
    SET_N
} focus_set;

static const char *const set_names[SET_N] = {"Anuais", "Mensais", "Trimestrais", "Inflacao12Meses",
                                             "Selic"};
static const char *const set_entities[SET_N] = {
    "ExpectativasMercadoAnuais", "ExpectativaMercadoMensais", "ExpectativasMercadoTrimestrais",
    "ExpectativasMercadoInflacao12Meses", "ExpectativasMercadoSelic"};

static const char *const stat_names[6] = {"median", "mean", "sd", "min", "max", "n"};
static const char *const stat_fields[6] = {"Mediana", "Media",  "DesvioPadrao",
                                           "Minimo",  "Maximo", "numeroRespondentes"};

static int set_of(const char *s, size_t len)
{
    for (int i = 0; i < SET_N; i++)
        if (strlen(set_names[i]) == len && memcmp(set_names[i], s, len) == 0)
            return i;
    return -1;
}

/* Parses "NN/YYYY" or "N/YYYY" (a month or quarter number and a year); -1 if not. */
static int num_slash_year(const char *s, size_t len, int *num, int *year)
{
    const char *sl = memchr(s, '/', len);
    if (!sl || sl == s || sl - s > 2 || len - (size_t)(sl - s) != 5 ||
        !mf_bcb_is_digits(s, (size_t)(sl - s)) || !mf_bcb_is_digits(sl + 1, 4))
        return -1;
    *num = 0;
    for (const char *p = s; p < sl; p++)
        *num = *num * 10 + (*p - '0');
    *year = 0;
    for (int i = 1; i <= 4; i++)
        *year = *year * 10 + (sl[i] - '0');
    return 0;
}

/* A Selic row's meeting "R4/2028" -> 2028 * 100 + 4; -1 if not that form. */
static long meeting_of(const char *s, size_t len)
{
    int num, year;
    if (len < 2 || s[0] != 'R' || num_slash_year(s + 1, len - 1, &num, &year) != 0 || num < 1)
        return -1;
    return (long)year * 100 + num;
}

/* One usable element: its survey date, the Selic meeting (or 0) and its index. */
typedef struct focus_rec {
    mf_date date;
    long meeting;
    size_t index;
} focus_rec;

static int rec_cmp(const void *a, const void *b)
{
    const focus_rec *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->meeting != y->meeting)
        return x->meeting < y->meeting ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index ? 1 : 0;
}

/* The reference part of the key of element o (set s, survey date d) into buf; -1 when the
 * element's reference field is malformed. */
static int reference_of(focus_set s, json_t *o, mf_date d, char *buf, size_t size)
{
    int y, m, dd;
    mf_date_to_ymd(d, &y, &m, &dd);
    json_t *ref = json_object_get(o, s == SET_INFL12 ? "Suavizada" : "DataReferencia");
    if (!json_is_string(ref))
        return -1;
    const char *r = json_string_value(ref);
    size_t rl = json_string_length(ref);
    int num, year;
    switch (s) {
    case SET_ANUAIS:
        if (rl != 4 || !mf_bcb_is_digits(r, 4))
            return -1;
        year = (r[0] - '0') * 1000 + (r[1] - '0') * 100 + (r[2] - '0') * 10 + (r[3] - '0');
        snprintf(buf, size, "Y%d", year - y);
        return 0;
    case SET_MENSAIS:
        if (num_slash_year(r, rl, &num, &year) != 0 || num < 1 || num > 12)
            return -1;
        snprintf(buf, size, "M%d", (year * 12 + num) - (y * 12 + m));
        return 0;
    case SET_TRIMESTRAIS:
        if (num_slash_year(r, rl, &num, &year) != 0 || num < 1 || num > 4)
            return -1;
        snprintf(buf, size, "Q%d", (year * 4 + num) - (y * 4 + (m - 1) / 3 + 1));
        return 0;
    case SET_INFL12:
        if (rl != 1 || (r[0] != 'S' && r[0] != 'N'))
            return -1;
        snprintf(buf, size, "%c", r[0]);
        return 0;
    default: return -1;
    }
}

/* Appends the six statistic rows of element o under prefix "set:indicator:ref". */
static int emit_stats(json_t *o, const char *prefix, mf_date d, size_t row, const char *what,
                      mf_conn_rows *out, mf_error *err)
{
    char key[MF_CONN_KEY_MAX];
    for (int k = 0; k < 6; k++) {
        json_t *v = json_object_get(o, stat_fields[k]);
        double x;
        if (json_is_number(v))
            x = json_number_value(v);
        else if (!v || json_is_null(v))
            x = (double)NAN; /* not computed (e.g. one respondent: no dispersion) */
        else
            return mf_error_set(err, MF_EPARSE, "%s: row %zu: %s is not a JSON number", what, row,
                                stat_fields[k]);
        int n = snprintf(key, sizeof key, "%s:%s", prefix, stat_names[k]);
        if (n < 0 || (size_t)n >= sizeof key)
            return mf_error_set(err, MF_ERANGE, "%s: row %zu: key '%s:...' too long", what, row,
                                prefix);
        mf_conn_row r = mf_conn_row_init(MF_CONN_OBS, key);
        r.date = d;
        r.available_at = d;
        r.value = x;
        int rc = mf_conn_rows_push(out, &r, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Emits the rows of values (the "value" elements of every page). */
static int focus_emit(json_t *values, focus_set set, const char *indicator, const char *what,
                      mf_conn_rows *out, mf_error *err)
{
    size_t n = json_array_size(values);
    focus_rec *recs = n ? mf_calloc(n, sizeof *recs) : NULL;
    size_t nr = 0;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(values, i);
        if (!json_is_object(o)) {
            rc = mf_error_set(err, MF_EPARSE, "%s: row %zu is not a JSON object", what, i + 1);
            break;
        }
        json_t *ind = json_object_get(o, "Indicador"), *base = json_object_get(o, "baseCalculo");
        if (!json_is_string(ind)) {
            rc =
                mf_error_set(err, MF_EPARSE, "%s: row %zu: Indicador is not a string", what, i + 1);
            break;
        }
        if (strcmp(json_string_value(ind), indicator) != 0)
            continue;
        if (base && !json_is_integer(base)) {
            rc = mf_error_set(err, MF_EPARSE, "%s: row %zu: baseCalculo is not an integer", what,
                              i + 1);
            break;
        }
        if (base && json_integer_value(base) != 0)
            continue; /* base 1: answers of the last 5 business days; not read */
        json_t *data = json_object_get(o, "Data");
        focus_rec r = {.index = i};
        if (!json_is_string(data) ||
            mf_date_parse_iso_n(json_string_value(data), json_string_length(data), &r.date, NULL) !=
                0) {
            rc = mf_error_set(err, MF_EPARSE, "%s: row %zu: Data is not 'yyyy-mm-dd'", what, i + 1);
            break;
        }
        if (set == SET_SELIC) {
            json_t *m = json_object_get(o, "Reuniao");
            r.meeting =
                json_is_string(m) ? meeting_of(json_string_value(m), json_string_length(m)) : -1;
            if (r.meeting < 0) {
                rc = mf_error_set(err, MF_EPARSE, "%s: row %zu: Reuniao is not 'R<n>/<year>'", what,
                                  i + 1);
                break;
            }
        }
        recs[nr++] = r;
    }
    if (rc == 0 && nr > 1)
        qsort(recs, nr, sizeof *recs, rec_cmp);
    char prefix[MF_CONN_KEY_MAX], ref[16];
    int rank = 0;
    for (size_t i = 0; i < nr && rc == 0; i++) {
        json_t *o = json_array_get(values, recs[i].index);
        if (set == SET_SELIC) {
            bool same_date = i > 0 && recs[i - 1].date == recs[i].date;
            if (same_date && recs[i - 1].meeting == recs[i].meeting) {
                rc = mf_error_set(err, MF_EPARSE, "%s: row %zu: meeting listed twice for a date",
                                  what, recs[i].index + 1);
                break;
            }
            rank = same_date ? rank + 1 : 1;
            snprintf(ref, sizeof ref, "R%d", rank);
        } else if (reference_of(set, o, recs[i].date, ref, sizeof ref) != 0) {
            rc = mf_error_set(err, MF_EPARSE, "%s: row %zu: %s is not in the form of %s", what,
                              recs[i].index + 1, set == SET_INFL12 ? "Suavizada" : "DataReferencia",
                              set_names[set]);
            break;
        }
        snprintf(prefix, sizeof prefix, "%s:%s:%s", set_names[set], indicator, ref);
        rc = emit_stats(o, prefix, recs[i].date, recs[i].index + 1, what, out, err);
    }
    mf_free(recs);
    return rc;
}

int mf_bcb_focus_parse(const char *body, size_t len, const char *set, const char *indicator,
                       const char *what, mf_conn_rows *out, mf_error *err)
{
    int s = set_of(set, strlen(set));
    if (s < 0)
        return mf_error_set(err, MF_EINVAL, "%s: unknown Focus entity set '%s'", what, set);
    json_t *root, *values;
    int rc = mf_bcb_olinda_values(body, len, what, &root, &values, err);
    if (rc != 0)
        return rc;
    rc = focus_emit(values, (focus_set)s, indicator, what, out, err);
    json_decref(root);
    return rc;
}

int mf_bcb_focus_check_key(const char *key, mf_error *err)
{
    const char *c1 = strchr(key, ':');
    const char *c3 = strrchr(key, ':');
    const char *c2 = c3 && c3 > key ? c3 - 1 : NULL;
    while (c2 && c2 > key && *c2 != ':')
        c2--;
    bool ok = c1 && c2 && c1 < c2 && c2 < c3 && strlen(key) < MF_CONN_KEY_MAX;
    int s = ok ? set_of(key, (size_t)(c1 - key)) : -1;
    ok = s >= 0 && c2 - c1 > 1 && !memchr(c1 + 1, ':', (size_t)(c2 - c1 - 1));
    if (ok) {
        const char *r = c2 + 1;
        size_t rl = (size_t)(c3 - r);
        char p = r[0];
        const char *num = r + 1;
        size_t nl = rl - 1;
        if (nl > 0 && *num == '-' && (s == SET_MENSAIS || s == SET_TRIMESTRAIS))
            num++, nl--;
        switch (s) {
        case SET_ANUAIS: ok = p == 'Y' && nl == 1 && mf_bcb_is_digits(num, 1); break;
        case SET_MENSAIS:
        case SET_TRIMESTRAIS:
            ok = p == (s == SET_MENSAIS ? 'M' : 'Q') && nl >= 1 && nl <= 2 &&
                 mf_bcb_is_digits(num, nl);
            break;
        case SET_INFL12: ok = rl == 1 && (p == 'S' || p == 'N'); break;
        default: ok = p == 'R' && nl == 1 && mf_bcb_is_digits(num, 1) && *num != '0'; break;
        }
    }
    if (ok) {
        ok = false;
        for (int k = 0; k < 6; k++)
            ok = ok || strcmp(c3 + 1, stat_names[k]) == 0;
    }
    if (!ok)
        return mf_error_set(err, MF_EINVAL,
                            "bcb_focus key '%s': expected SET:INDICATOR:REF:STAT with SET "
                            "Anuais|Mensais|Trimestrais|Inflacao12Meses|Selic, REF Y0..Y9, "
                            "M-1..M99, Q-1..Q99, S|N or R1..R9 by set, STAT "
                            "median|mean|sd|min|max|n",
                            key);
    return 0;
}

static int focus_check_key(const char *source_key, mf_error *err)
{
    return mf_bcb_focus_check_key(source_key, err);
}

/* "Anuais:IPCA:Y0:median" -> "Anuais:IPCA" (the set and the indicator). */
static void focus_request_of(const char *source_key, char *buf, size_t size)
{
    const char *c3 = strrchr(source_key, ':');
    const char *c2 = c3;
    while (c2 && c2 > source_key && *--c2 != ':')
        ;
    size_t n = c2 && c2 > source_key ? (size_t)(c2 - source_key) : strlen(source_key);
    snprintf(buf, size, "%.*s", (int)n, source_key);
}

static int focus_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                       mf_conn_rows *out, mf_error *err)
{
    char what[MF_CONN_KEY_MAX + 16], url[2048], filter[512], d0[MF_DATE_ISO_SIZE],
        d1[MF_DATE_ISO_SIZE];
    snprintf(what, sizeof what, "bcb_focus %s", request);
    const char *colon = strchr(request, ':');
    int s = colon ? set_of(request, (size_t)(colon - request)) : -1;
    if (s < 0 || colon[1] == '\0' || strchr(colon + 1, '\'') || strchr(colon + 1, ':'))
        return mf_error_set(err, MF_EINVAL,
                            "bcb_focus: request '%s' is not SET:INDICATOR with a known set",
                            request);
    const char *indicator = colon + 1;
    if (from > to)
        return mf_error_set(err, MF_EINVAL, "%s: range starts after it ends", what);
    snprintf(filter, sizeof filter,
             "Indicador eq '%s' and baseCalculo eq 0 and Data ge '%s' and Data le '%s'", indicator,
             mf_date_format_iso(from, d0), mf_date_format_iso(to, d1));
    json_t *all = json_array();
    int rc = 0;
    for (int page = 0; page < FOCUS_MAX_PAGES; page++) {
        int n = snprintf(url, sizeof url, "%s/%s?$filter=", env->base_url, set_entities[s]);
        size_t used = n < 0 ? sizeof url : (size_t)n;
        if (used >= sizeof url || mf_bcb_pct_encode(filter, url, sizeof url, &used, err) != 0) {
            rc = mf_error_set(err, MF_ERANGE, "%s: URL too long", what);
            break;
        }
        n = snprintf(url + used, sizeof url - used,
                     "&$orderby=Data%%20asc&$top=%d&$skip=%d&$format=json", FOCUS_PAGE,
                     page * FOCUS_PAGE);
        if (n < 0 || (size_t)n >= sizeof url - used) {
            rc = mf_error_set(err, MF_ERANGE, "%s: URL too long", what);
            break;
        }
        const char *body;
        size_t len;
        rc = mf_conn_get(env, url, &body, &len, err);
        if (rc != 0) {
            if (err && strstr(err->msg, ": HTTP 4") && !strstr(err->msg, "attempts")) {
                char quote[200], msg[MF_ERROR_MSG_MAX];
                snprintf(msg, sizeof msg, "%s", err->msg);
                mf_bcb_error_body(env, url, quote, sizeof quote);
                rc = mf_error_set(err, rc, "%s: %s: '%s'", what, msg, quote);
            } else {
                mf_error_prefix(err, "%s: ", what);
            }
            break;
        }
        json_t *root, *values;
        if ((rc = mf_bcb_olinda_values(body, len, what, &root, &values, err)) != 0)
            break;
        size_t got = json_array_size(values);
        json_array_extend(all, values);
        json_decref(root);
        if (got < FOCUS_PAGE)
            break;
        if (page + 1 == FOCUS_MAX_PAGES)
            rc = mf_error_set(err, MF_ERANGE, "%s: more than %d pages: narrow the range", what,
                              FOCUS_MAX_PAGES);
    }
    if (rc == 0)
        rc = focus_emit(all, (focus_set)s, indicator, what, out, err);
    json_decref(all);
    return rc;
}

const mf_connector mf_conn_bcb_focus = {
    .name = "bcb_focus",
    .summary = "BCB Focus market expectations (Olinda OData): annual, monthly, quarterly, "
               "12-month inflation and Copom-meeting Selic statistics by survey date",
    .max_days = 366,   /* about 5 pages of an annual indicator; pages are read in turn */
    .overlap_days = 7, /* the statistics of a date are not revised; a week catches late days */
    .check_key = focus_check_key,
    .request_of = focus_request_of,
    .fetch = focus_fetch,
    .standing_requests = NULL,
};
