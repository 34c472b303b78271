/*
 * ust.c - the US Treasury connector (home.treasury.gov daily interest-rate data): the
 * parsers of ust.h and mf_conn_ust.
 *
 * fetch GETs, for every calendar year the range touches,
 * {base}/daily-treasury-rates.csv/{YEAR}/all?type=TYPE&field_tdr_date_value={YEAR}&page
 * &_format=csv and parses it (a year's file holds every tenor of TYPE). available_at is the
 * curve date itself: Treasury publishes the curve the same afternoon (docs/connectors/ust.md).
 */
#include "data/connectors/ust.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "data/connectors/us_util_int.h"
#include "data/connectors_int.h"

enum { MAX_COLS = 40, NAME_MAX_LEN = 24 };

static bool known_type(const char *type, size_t n)
{
    return (n == strlen(MF_UST_PAR) && memcmp(type, MF_UST_PAR, n) == 0) ||
           (n == strlen(MF_UST_REAL) && memcmp(type, MF_UST_REAL, n) == 0);
}

/* "MM/DD/YYYY" -> date. */
static int parse_us_date(const char *s, size_t n, mf_date *out)
{
    if (n != 10 || s[2] != '/' || s[5] != '/')
        return -1;
    int v[3] = {0, 0, 0};
    const int at[3] = {0, 3, 6}, w[3] = {2, 2, 4};
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < w[k]; i++) {
            char ch = s[at[k] + i];
            if (ch < '0' || ch > '9')
                return -1;
            v[k] = v[k] * 10 + (ch - '0');
        }
    return mf_date_from_ymd(v[2], v[0], v[1], out, NULL) == 0 ? 0 : -1;
}

/* Splits line[0..n) at commas into fields (surrounding double quotes removed). Returns the
 * count, or -1 past max. */
static int split_csv(const char *line, size_t n, const char **f, size_t *flen, int max)
{
    int k = 0;
    size_t i = 0;
    for (;;) {
        if (k == max)
            return -1;
        size_t start = i;
        while (i < n && line[i] != ',')
            i++;
        const char *s = line + start;
        size_t len = i - start;
        if (len >= 2 && s[0] == '"' && s[len - 1] == '"')
            s++, len -= 2;
        f[k] = s, flen[k] = len, k++;
        if (i >= n)
            return k;
        i++; /* the comma */
    }
}

static void make_key(char *buf, size_t size, const char *type, const char *col, size_t n)
{
    (void)snprintf(buf, size, "%s:%.*s", type, (int)n, col);
}

int mf_ust_parse_csv(const char *body, size_t len, const char *type, mf_conn_rows *out,
                     mf_error *err)
{
    size_t before = out->n, pos = 0, line_no = 0;
    int ncols = 0;
    char keys[MAX_COLS][MF_CONN_KEY_MAX];
    if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        const char *line = body + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        line_no++;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        bool blank = true;
        for (size_t i = 0; i < n && blank; i++)
            blank = line[i] == ',' || line[i] == ' ';
        if (blank)
            continue;
        const char *f[MAX_COLS];
        size_t fl[MAX_COLS];
        int k = split_csv(line, n, f, fl, MAX_COLS);
        if (ncols == 0) { /* the header */
            char snip[80];
            mf_us_snippet(line, n, snip, sizeof snip);
            if (k < 2 || fl[0] != 4 || memcmp(f[0], "Date", 4) != 0) {
                out->n = before;
                return mf_error_set(err, MF_EPARSE,
                                    "ust %s: line %zu: body is not the Treasury CSV (expected a "
                                    "header 'Date,\"1 Mo\",...'): '%s'",
                                    type, line_no, snip);
            }
            for (int c = 1; c < k; c++) {
                if (fl[c] == 0 || fl[c] > NAME_MAX_LEN) {
                    out->n = before;
                    return mf_error_set(err, MF_EPARSE,
                                        "ust %s: header column %d is empty or too long: '%s'", type,
                                        c + 1, snip);
                }
                make_key(keys[c], sizeof keys[c], type, f[c], fl[c]);
            }
            ncols = k;
            continue;
        }
        if (k != ncols) {
            out->n = before;
            return mf_error_set(err, MF_EPARSE, "ust %s: line %zu has %d fields, the header %d",
                                type, line_no, k < 0 ? MAX_COLS : k, ncols);
        }
        mf_date d;
        if (parse_us_date(f[0], fl[0], &d) != 0) {
            out->n = before;
            return mf_error_set(err, MF_EPARSE, "ust %s: line %zu: date '%.*s' is not MM/DD/YYYY",
                                type, line_no, (int)(fl[0] < 20 ? fl[0] : 20), f[0]);
        }
        for (int c = 1; c < k; c++) {
            if (fl[c] == 0)
                continue; /* no value for this tenor that day */
            mf_conn_row row = mf_conn_row_init(MF_CONN_OBS, keys[c]);
            row.date = d;
            row.available_at = d;
            mf_error e = {0};
            if (mf_conn_parse_number(f[c], fl[c], false, false, &row.value, &e) != 0) {
                out->n = before;
                return mf_error_set(err, MF_EPARSE, "ust %s: line %zu (%.10s) column '%s': %s",
                                    type, line_no, f[0], keys[c] + strlen(type) + 1, e.msg);
            }
            mf_conn_rows_push(out, &row, err);
        }
    }
    if (ncols == 0)
        return mf_error_set(err, MF_EPARSE, "ust %s: body is empty (expected the CSV header)",
                            type);
    return 0;
}

/* ---- Atom XML -------------------------------------------------------------------------------- */

static bool is_named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* "BC_10YEAR" -> "10 Yr" (par) / "TC_10YEAR" -> "10 YR" (real), "BC_1_5MONTH" -> "1.5 Month".
 * False for anything else (Id, NEW_DATE, *DISPLAY). */
static bool xml_column(const char *el, char *buf, size_t size)
{
    bool real = strncmp(el, "TC_", 3) == 0;
    if (!real && strncmp(el, "BC_", 3) != 0)
        return false;
    const char *p = el + 3;
    if (strcmp(p, "1_5MONTH") == 0) {
        (void)snprintf(buf, size, "1.5 Month");
        return true;
    }
    size_t digits = strspn(p, "0123456789");
    if (digits == 0 || digits > 2)
        return false;
    const char *unit = p + digits;
    if (strcmp(unit, "MONTH") == 0)
        (void)snprintf(buf, size, "%.*s Mo", (int)digits, p);
    else if (strcmp(unit, "YEAR") == 0)
        (void)snprintf(buf, size, "%.*s %s", (int)digits, p, real ? "YR" : "Yr");
    else
        return false;
    return true;
}

static int xml_properties(const xmlNode *props, size_t entry, const char *type, mf_conn_rows *out,
                          mf_error *err)
{
    mf_date d = 0;
    bool have_date = false;
    for (const xmlNode *c = props->children; c; c = c->next)
        if (is_named(c, "NEW_DATE") || is_named(c, "QUOTE_DATE")) {
            xmlChar *t = xmlNodeGetContent(c);
            size_t n = t ? strlen((const char *)t) : 0;
            have_date = n >= 10 && mf_date_parse_iso_n((const char *)t, 10, &d, NULL) == 0 &&
                        (n == 10 || ((const char *)t)[10] == 'T');
            if (!have_date) {
                int rc = mf_error_set(err, MF_EPARSE,
                                      "ust %s: XML entry %zu: date '%.30s' is "
                                      "not YYYY-MM-DDThh:mm:ss",
                                      type, entry, t ? (const char *)t : "");
                xmlFree(t);
                return rc;
            }
            xmlFree(t);
        }
    if (!have_date)
        return mf_error_set(err, MF_EPARSE, "ust %s: XML entry %zu has no d:NEW_DATE", type, entry);
    for (const xmlNode *c = props->children; c; c = c->next) {
        char col[NAME_MAX_LEN + 1], key[MF_CONN_KEY_MAX];
        if (c->type != XML_ELEMENT_NODE || !xml_column((const char *)c->name, col, sizeof col))
            continue;
        xmlChar *null = xmlGetProp(c, (const xmlChar *)"null");
        bool is_null = null && strcmp((const char *)null, "true") == 0;
        xmlFree(null);
        xmlChar *t = xmlNodeGetContent(c);
        size_t n = t ? strlen((const char *)t) : 0;
        if (is_null || n == 0) {
            xmlFree(t);
            continue;
        }
        make_key(key, sizeof key, type, col, strlen(col));
        mf_conn_row row = mf_conn_row_init(MF_CONN_OBS, key);
        row.date = d;
        row.available_at = d;
        mf_error e = {0};
        int rc = mf_conn_parse_number((const char *)t, n, false, false, &row.value, &e);
        xmlFree(t);
        if (rc != 0)
            return mf_error_set(err, MF_EPARSE, "ust %s: XML entry %zu d:%s: %s", type, entry,
                                (const char *)c->name, e.msg);
        mf_conn_rows_push(out, &row, err);
    }
    return 0;
}

int mf_ust_parse_xml(const char *body, size_t len, const char *type, mf_conn_rows *out,
                     mf_error *err)
{
    if (len > (size_t)0x7fffffff)
        return mf_error_set(err, MF_ERANGE, "ust %s: XML body too large", type);
    xmlDoc *doc = xmlReadMemory(body, (int)len, "ust.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        char snip[80];
        mf_us_snippet(body, len, snip, sizeof snip);
        return mf_error_set(err, MF_EPARSE, "ust %s: body is not XML: '%s'", type, snip);
    }
    const xmlNode *feed = xmlDocGetRootElement(doc);
    size_t before = out->n, entry = 0;
    int rc = 0;
    if (!feed || !is_named(feed, "feed")) {
        rc = mf_error_set(err, MF_EPARSE, "ust %s: XML root is not an Atom <feed>", type);
        goto done;
    }
    for (const xmlNode *e = feed->children; e && rc == 0; e = e->next) {
        if (!is_named(e, "entry"))
            continue;
        entry++;
        const xmlNode *props = NULL;
        for (const xmlNode *c = e->children; c && !props; c = c->next)
            if (is_named(c, "content"))
                for (const xmlNode *p = c->children; p; p = p->next)
                    if (is_named(p, "properties")) {
                        props = p;
                        break;
                    }
        if (!props) {
            rc = mf_error_set(err, MF_EPARSE,
                              "ust %s: XML entry %zu has no <content><m:properties>", type, entry);
            break;
        }
        rc = xml_properties(props, entry, type, out, err);
    }
done:
    if (rc != 0)
        out->n = before;
    xmlFreeDoc(doc);
    return rc;
}

/* ---- the connector --------------------------------------------------------------------------- */

static int ust_check_key(const char *key, mf_error *err)
{
    const char *colon = strchr(key, ':');
    if (!colon || !known_type(key, (size_t)(colon - key)) || colon[1] == '\0' ||
        strlen(colon + 1) > NAME_MAX_LEN || strchr(colon + 1, ',') || strchr(colon + 1, '"'))
        return mf_error_set(err, MF_EINVAL,
                            "ust: key '%s' is not TYPE:COLUMN with TYPE %s or %s and COLUMN a "
                            "CSV header such as '10 Yr'",
                            key, MF_UST_PAR, MF_UST_REAL);
    return 0;
}

static void ust_request_of(const char *key, char *buf, size_t size)
{
    const char *colon = strchr(key, ':');
    size_t n = colon ? (size_t)(colon - key) : strlen(key);
    (void)snprintf(buf, size, "%.*s", (int)n, key);
}

static int ust_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                     mf_conn_rows *out, mf_error *err)
{
    if (!known_type(request, strlen(request)))
        return mf_error_set(err, MF_EINVAL, "ust: unknown request '%s' (expected %s or %s)",
                            request, MF_UST_PAR, MF_UST_REAL);
    size_t before = out->n;
    for (int year = mf_date_year(from); year <= mf_date_year(to); year++) {
        char url[1024], who[96];
        (void)snprintf(url, sizeof url,
                       "%s/daily-treasury-rates.csv/%d/all?type=%s&field_tdr_date_value=%d&page"
                       "&_format=csv",
                       env->base_url, year, request, year);
        (void)snprintf(who, sizeof who, "ust %s %d", request, year);
        const char *body;
        size_t len;
        int rc = mf_us_get(env, who, url, &body, &len, NULL, 0, err);
        if (rc == 0) {
            rc = mf_ust_parse_csv(body, len, request, out, err);
            if (rc != 0)
                mf_error_prefix(err, "year %d: ", year);
        }
        if (rc != 0) {
            out->n = before;
            return rc;
        }
    }
    return 0;
}

const mf_connector mf_conn_ust = {
    .name = "ust",
    .summary = "US Treasury daily par and real (TIPS) yield curves (home.treasury.gov CSV)",
    .max_days = 0,
    .overlap_days = 7,
    .check_key = ust_check_key,
    .request_of = ust_request_of,
    .fetch = ust_fetch,
    .standing_requests = NULL,
};
