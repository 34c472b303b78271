/*
 * b3.c - the B3 connector (source "b3"): DI1 futures settlement rates from B3's simplified
 * price report, one zip per trade date (data-sources.md §6a), and the parsers of b3.h.
 *
 * Exports: mf_conn_b3, and the parsers declared in b3.h.
 *
 * The request is the contract family "DI1" (a standing request: contracts become instruments
 * as they are listed). fetch GETs {base}?filelist=SPRDyymmdd.zip for each ANBIMA business day
 * of the range; a 404 or a body under 1 KiB is a day without a report (B3 closed, or not
 * published yet): 0 rows.
 */
#include "data/connectors/b3.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connectors/zipmem_int.h"
#include "data/connectors_int.h"

enum { XML_MAX_BYTES = 128 << 20 };

bool mf_b3_is_di1_ticker(const char *s, size_t len)
{
    return len == 6 && memcmp(s, "DI1", 3) == 0 && s[3] != '\0' &&
           strchr("FGHJKMNQUVXZ", s[3]) != NULL && s[4] >= '0' && s[4] <= '9' && s[5] >= '0' &&
           s[5] <= '9';
}

/* ---- the report XML ------------------------------------------------------------------------ */

static bool named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (named(c, name))
            return c;
    return NULL;
}

/* The element's text, trimmed, in (s, len) (no allocation); false when it has element
   children or no text. */
static bool text_of(const xmlNode *n, const char **s, size_t *len)
{
    const xmlNode *t = NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE || (c->type == XML_TEXT_NODE && t))
            return false;
        if (c->type == XML_TEXT_NODE)
            t = c;
    }
    if (!t || !t->content)
        return false;
    const char *p = (const char *)t->content;
    size_t k = strlen(p);
    while (k && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++, k--;
    while (k && (p[k - 1] == ' ' || p[k - 1] == '\n' || p[k - 1] == '\r' || p[k - 1] == '\t'))
        k--;
    *s = p;
    *len = k;
    return k > 0;
}

/* The number in element name of attrs (NaN when B3 left it out). */
static int attr_number(const xmlNode *attrs, const char *name, const char *what, const char *ticker,
                       double *out, mf_error *err)
{
    *out = NAN;
    const xmlNode *e = child(attrs, name);
    if (!e)
        return 0;
    const char *s;
    size_t len;
    if (!text_of(e, &s, &len))
        return mf_error_set(err, MF_EPARSE, "%s: %s: <%s> has no number", what, ticker, name);
    mf_error e2 = {0};
    if (mf_conn_parse_number(s, len, false, false, out, &e2) != 0)
        return mf_error_set(err, MF_EPARSE, "%s: %s: <%s> %s", what, ticker, name, e2.msg);
    if (!isfinite(*out) || *out < 0)
        return mf_error_set(err, MF_EPARSE, "%s: %s: <%s> '%.*s' is not a non-negative number",
                            what, ticker, name, (int)len, s);
    return 0;
}

/* One <PricRpt>: appends its row when it is a DI1 contract. */
static int price_report(const xmlNode *rpt, const char *what, size_t first, mf_conn_rows *out,
                        mf_error *err)
{
    const xmlNode *sym = child(child(rpt, "SctyId"), "TckrSymb");
    const char *s;
    size_t len;
    if (!sym || !text_of(sym, &s, &len))
        return mf_error_set(err, MF_EPARSE, "%s: a <PricRpt> has no SctyId/TckrSymb", what);
    if (!mf_b3_is_di1_ticker(s, len))
        return 0; /* another contract: not this request's */
    char ticker[8];
    memcpy(ticker, s, 6);
    ticker[6] = '\0';
    const xmlNode *dt = child(child(rpt, "TradDt"), "Dt");
    mf_date day;
    if (!dt || !text_of(dt, &s, &len))
        return mf_error_set(err, MF_EPARSE, "%s: %s: no TradDt/Dt", what, ticker);
    mf_error e2 = {0};
    if (mf_date_parse_iso_n(s, len, &day, &e2) != 0)
        return mf_error_set(err, MF_EPARSE, "%s: %s: TradDt '%.*s' is not an ISO date", what,
                            ticker, (int)(len < 40 ? len : 40), s);
    for (size_t i = first; i < out->n; i++)
        if (strcmp(out->v[i].key, ticker) == 0 && out->v[i].date == day)
            return mf_error_set(err, MF_EPARSE, "%s: %s appears twice", what, ticker);
    const xmlNode *a = child(rpt, "FinInstrmAttrbts");
    mf_conn_row row = mf_conn_row_init(MF_CONN_PRICE, ticker);
    row.date = day;
    row.available_at = day; /* published ~19:30 Brasília on the trade date */
    int rc;
    if ((rc = attr_number(a, "AdjstdQtTax", what, ticker, &row.settle, err)) != 0 ||
        (rc = attr_number(a, "FrstPric", what, ticker, &row.open, err)) != 0 ||
        (rc = attr_number(a, "MaxPric", what, ticker, &row.high, err)) != 0 ||
        (rc = attr_number(a, "MinPric", what, ticker, &row.low, err)) != 0 ||
        (rc = attr_number(a, "LastPric", what, ticker, &row.close, err)) != 0 ||
        (rc = attr_number(a, "OpnIntrst", what, ticker, &row.open_interest, err)) != 0 ||
        (rc = attr_number(a, "FinInstrmQty", what, ticker, &row.volume, err)) != 0)
        return rc;
    if (isnan(row.settle) && isnan(row.open) && isnan(row.high) && isnan(row.low) &&
        isnan(row.close) && isnan(row.open_interest) && isnan(row.volume))
        return 0; /* listed with nothing to report */
    return mf_conn_rows_push(out, &row, err);
}

int mf_b3_parse_sprd_xml(const char *xml, size_t len, const char *what, mf_conn_rows *out,
                         mf_error *err)
{
    if (len > INT_MAX)
        return mf_error_set(err, MF_ERANGE, "%s: XML of %zu bytes is too large", what, len);
    /* No network, no entity substitution, no DTD loading: the parser reads only these bytes. */
    xmlDoc *doc = xmlReadMemory(xml, (int)len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_NOBLANKS | XML_PARSE_COMPACT);
    if (!doc) {
        const xmlError *xe = xmlGetLastError();
        int rc = mf_error_set(err, MF_EPARSE, "%s: the report is not well-formed XML%s%.*s", what,
                              xe && xe->message ? ": " : "",
                              xe && xe->message ? (int)strcspn(xe->message, "\n") : 0,
                              xe && xe->message ? xe->message : "");
        xmlResetLastError();
        return rc;
    }
    size_t first = out->n, reports = 0;
    int rc = 0;
    /* Depth-first over the elements, without recursion. */
    const xmlNode *n = xmlDocGetRootElement(doc);
    while (n) {
        if (named(n, "PricRpt")) {
            reports++;
            if ((rc = price_report(n, what, first, out, err)) != 0)
                goto out;
        } else if (n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
        if (n)
            n = n->next;
    }
    if (reports == 0)
        rc = mf_error_set(err, MF_EPARSE, "%s: no <PricRpt> in the XML: not a B3 price report",
                          what);
out:
    if (rc != 0)
        out->n = first;
    xmlFreeDoc(doc);
    return rc;
}

/* ---- the zip ------------------------------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = s[n - k + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return false;
    }
    return true;
}

/* Index of the last member (by name) ending in suffix, or -1. */
static long last_member(const mf_zipmem *z, const char *suffix)
{
    long best = -1;
    for (size_t i = 0; i < mf_zipmem_count(z); i++) {
        const char *name = mf_zipmem_name(z, i);
        if (name && ends_with(name, suffix) &&
            (best < 0 || strcmp(name, mf_zipmem_name(z, (size_t)best)) > 0))
            best = (long)i;
    }
    return best;
}

int mf_b3_parse_sprd(const char *body, size_t len, const char *what, mf_conn_rows *out,
                     mf_error *err)
{
    if (len < MF_B3_MIN_ZIP_BYTES)
        return 0; /* B3's placeholder for a day without a report */
    if (!mf_zipmem_is_zip(body, len)) {
        size_t k = 0;
        while (k < len && k < 40 && body[k] >= ' ' && body[k] < 127)
            k++;
        return mf_error_set(err, MF_EPARSE, "%s: body is not a zip archive: '%.*s'", what, (int)k,
                            body);
    }
    mf_zipmem *outer = NULL, *inner = NULL;
    char *inner_buf = NULL, *xml = NULL;
    size_t inner_len = 0, xml_len = 0;
    int rc = mf_zipmem_open(body, len, what, &outer, err);
    if (rc != 0)
        goto out;
    const mf_zipmem *z = outer;
    long i = last_member(outer, ".xml");
    if (i < 0) { /* the live site: a zip inside the zip */
        long k = last_member(outer, ".zip");
        if (k < 0) {
            rc = mf_error_set(err, MF_EPARSE, "%s: the zip holds neither an .xml nor a .zip", what);
            goto out;
        }
        if ((rc = mf_zipmem_read(outer, (size_t)k, XML_MAX_BYTES, &inner_buf, &inner_len, err)) !=
                0 ||
            (rc = mf_zipmem_open(inner_buf, inner_len, what, &inner, err)) != 0)
            goto out;
        z = inner;
        if ((i = last_member(inner, ".xml")) < 0) {
            rc = mf_error_set(err, MF_EPARSE, "%s: the inner zip '%s' holds no .xml", what,
                              mf_zipmem_name(outer, (size_t)k));
            goto out;
        }
    }
    if ((rc = mf_zipmem_read(z, (size_t)i, XML_MAX_BYTES, &xml, &xml_len, err)) != 0)
        goto out;
    rc = mf_b3_parse_sprd_xml(xml, xml_len, what, out, err);
out:
    mf_free(xml);
    mf_zipmem_close(inner);
    mf_free(inner_buf);
    mf_zipmem_close(outer);
    return rc;
}

/* ---- the intraday JSON --------------------------------------------------------------------- */

/* obj.name as a number (NaN when absent); MF_EPARSE when present and not a number. */
static int json_number(const json_t *obj, const char *name, const char *what, const char *symb,
                       double *out, mf_error *err)
{
    *out = NAN;
    const json_t *v = json_is_object(obj) ? json_object_get(obj, name) : NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_number(v))
        return mf_error_set(err, MF_EPARSE, "%s: %s: '%s' is not a number", what, symb, name);
    *out = json_number_value(v);
    if (!isfinite(*out) || *out < 0)
        return mf_error_set(err, MF_EPARSE, "%s: %s: '%s' %g is not a non-negative number", what,
                            symb, name, *out);
    return 0;
}

int mf_b3_parse_intraday(const char *body, size_t len, const char *what, mf_conn_rows *out,
                         mf_error *err)
{
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        size_t k = 0;
        while (k < len && k < 40 && body[k] >= ' ' && body[k] < 127)
            k++;
        return mf_error_set(err, MF_EPARSE, "%s: body is not JSON (%s): '%.*s'", what, je.text,
                            (int)k, body);
    }
    size_t first = out->n;
    int rc = 0;
    const json_t *cd = json_object_get(json_object_get(root, "BizSts"), "cd");
    const char *dttm = json_string_value(json_object_get(json_object_get(root, "Msg"), "dtTm"));
    const json_t *items = json_object_get(root, "Scty");
    if (!json_is_string(cd) || strcmp(json_string_value(cd), "OK") != 0) {
        rc = mf_error_set(err, MF_EPARSE, "%s: BizSts.cd is %s%s%s, not \"OK\"", what,
                          json_is_string(cd) ? "\"" : "",
                          json_is_string(cd) ? json_string_value(cd) : "missing",
                          json_is_string(cd) ? "\"" : "");
        goto out;
    }
    mf_date day;
    mf_error e2 = {0};
    if (!dttm || strlen(dttm) < 10 || mf_date_parse_iso_n(dttm, 10, &day, &e2) != 0) {
        rc = mf_error_set(err, MF_EPARSE, "%s: Msg.dtTm is missing or not 'yyyy-mm-dd HH:MM:SS'",
                          what);
        goto out;
    }
    if (!json_is_array(items)) {
        rc = mf_error_set(err, MF_EPARSE, "%s: Scty is not an array", what);
        goto out;
    }
    size_t i;
    const json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *symb = json_string_value(json_object_get(it, "symb"));
        if (!symb) {
            rc = mf_error_set(err, MF_EPARSE, "%s: Scty[%zu] has no string 'symb'", what, i);
            goto out;
        }
        if (!mf_b3_is_di1_ticker(symb, strlen(symb)))
            continue; /* the spot "DI1D" and other families */
        const json_t *q = json_object_get(it, "SctyQtn");
        const json_t *sum = json_object_get(json_object_get(it, "asset"), "AsstSummry");
        mf_conn_row row = mf_conn_row_init(MF_CONN_PRICE, symb);
        row.date = day;
        row.available_at = day;
        if ((rc = json_number(q, "opngPric", what, symb, &row.open, err)) != 0 ||
            (rc = json_number(q, "maxPric", what, symb, &row.high, err)) != 0 ||
            (rc = json_number(q, "minPric", what, symb, &row.low, err)) != 0 ||
            (rc = json_number(q, "curPrc", what, symb, &row.close, err)) != 0 ||
            (rc = json_number(sum, "opnCtrcts", what, symb, &row.open_interest, err)) != 0 ||
            (rc = json_number(sum, "traddCtrctsQty", what, symb, &row.volume, err)) != 0)
            goto out;
        if (isnan(row.open) && isnan(row.high) && isnan(row.low) && isnan(row.close) &&
            isnan(row.open_interest) && isnan(row.volume))
            continue;
        if ((rc = mf_conn_rows_push(out, &row, err)) != 0)
            goto out;
    }
out:
    if (rc != 0)
        out->n = first;
    json_decref(root);
    return rc;
}

/* ---- the connector ------------------------------------------------------------------------- */

static int b3_check_key(const char *key, mf_error *err)
{
    if (strcmp(key, "DI1") == 0 || mf_b3_is_di1_ticker(key, strlen(key)))
        return 0;
    return mf_error_set(err, MF_EINVAL,
                        "b3: key '%s' is neither \"DI1\" nor a DI1 ticker (DI1 + month code + "
                        "two-digit year, e.g. DI1F27)",
                        key);
}

static void b3_request_of(const char *key, char *buf, size_t size)
{
    (void)key; /* every DI1 contract is in the same daily report */
    snprintf(buf, size, "DI1");
}

static int b3_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                    mf_conn_rows *out, mf_error *err)
{
    if (strcmp(request, "DI1") != 0)
        return mf_error_set(err, MF_EINVAL, "b3: unknown request '%s' (only \"DI1\")", request);
    size_t first = out->n;
    int rc = 0;
    for (mf_date d = from; d <= to; d++) {
        bool open = !mf_date_is_weekend(d);
        if (open && env->br && (rc = mf_calendar_is_business_day(env->br, d, &open, err)) != 0)
            break;
        if (!open)
            continue; /* no session on an ANBIMA holiday */
        int y, m, dd;
        mf_date_to_ymd(d, &y, &m, &dd);
        char file[32], url[1024], what[64];
        snprintf(file, sizeof file, "SPRD%02d%02d%02d.zip", y % 100, m, dd);
        snprintf(url, sizeof url, "%s?filelist=%s", env->base_url, file);
        snprintf(what, sizeof what, "b3 DI1 %s", file);
        const char *body;
        size_t len;
        rc = mf_conn_get(env, url, &body, &len, err);
        if (rc == MF_ENOTFOUND) {
            rc = 0; /* no report that day */
            continue;
        }
        if (rc != 0) {
            mf_error_prefix(err, "b3 DI1 %s: ", file);
            break;
        }
        if ((rc = mf_b3_parse_sprd(body, len, what, out, err)) != 0)
            break;
    }
    if (rc != 0)
        out->n = first;
    return rc;
}

static const char *const b3_standing[] = {"DI1", NULL};

const mf_connector mf_conn_b3 = {
    .name = "b3",
    .summary = "B3 DI1 futures settlement rates (simplified price report, one zip a day)",
    .max_days = 1,
    .overlap_days = 5,
    .check_key = b3_check_key,
    .request_of = b3_request_of,
    .fetch = b3_fetch,
    .standing_requests = b3_standing,
};
