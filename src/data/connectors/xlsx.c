/*
 * xlsx.c - the cells of one worksheet of an in-memory XLSX workbook (see xlsx_int.h).
 *
 * The package (ECMA-376): xl/workbook.xml lists the sheets (<sheet name r:id>), the relationship
 * part xl/_rels/workbook.xml.rels maps each r:id to the sheet's part (Target relative to xl/,
 * or absolute from the package root), xl/sharedStrings.xml holds the strings cells refer to by
 * index (<si> with <t> or rich-text runs <r><t>), and the sheet's <sheetData> holds
 * <row r><c r t><v>|<is><t></c>.
 */
#include "data/connectors/xlsx_int.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connector.h"
#include "data/connectors/zipmem_int.h"

enum { PART_MAX_BYTES = 256 << 20 };

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A growable byte buffer (amortised growth). */
typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static size_t buf_add(buf *b, const char *s, size_t len)
{
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + len + 1)
            cap *= 2;
        b->p = mf_realloc(b->p, cap);
        b->cap = cap;
    }
    size_t at = b->n;
    memcpy(b->p + at, s, len);
    b->n += len;
    b->p[b->n] = '\0';
    return at;
}

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

/* Appends every text node under n, skipping phonetic runs (<rPh>). */
static void text_into(const xmlNode *n, buf *b)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                buf_add(b, (const char *)c->content, strlen((const char *)c->content));
        } else if (c->type == XML_ELEMENT_NODE && !named(c, "rPh")) {
            text_into(c, b);
        }
    }
}

static int read_xml(const mf_zipmem *z, const char *part, const char *what, bool required,
                    xmlDoc **doc, mf_error *err)
{
    *doc = NULL;
    long i = mf_zipmem_find(z, part);
    if (i < 0)
        return required
                   ? mf_error_set(err, MF_EPARSE, "%s: the workbook has no part '%s'", what, part)
                   : 0;
    char *xml = NULL;
    size_t len = 0;
    int rc = mf_zipmem_read(z, (size_t)i, PART_MAX_BYTES, &xml, &len, err);
    if (rc != 0)
        return rc;
    if (len > INT_MAX) {
        mf_free(xml);
        return mf_error_set(err, MF_ERANGE, "%s: part '%s' is too large", what, part);
    }
    *doc = xmlReadMemory(xml, (int)len, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                             XML_PARSE_COMPACT);
    mf_free(xml);
    if (!*doc) {
        xmlResetLastError();
        return mf_error_set(err, MF_EPARSE, "%s: part '%s' is not well-formed XML", what, part);
    }
    return 0;
}

/* The shared strings, one NUL-terminated string each, at offs[i] in b. */
static int shared_strings(const mf_zipmem *z, const char *what, buf *b, size_t **offs, size_t *n,
                          mf_error *err)
{
    xmlDoc *doc;
    int rc = read_xml(z, "xl/sharedStrings.xml", what, false, &doc, err);
    *offs = NULL;
    *n = 0;
    if (rc != 0 || !doc)
        return rc;
    size_t cap = 0;
    const xmlNode *root = xmlDocGetRootElement(doc);
    for (const xmlNode *si = root ? root->children : NULL; si; si = si->next) {
        if (!named(si, "si"))
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 256;
            *offs = mf_reallocarray(*offs, cap, sizeof **offs);
        }
        size_t at = b->n;
        text_into(si, b);
        buf_add(b, "", 0);
        b->n++; /* keep the NUL: the next string starts after it */
        (*offs)[(*n)++] = at;
    }
    xmlFreeDoc(doc);
    return 0;
}

/* The part name of sheet sheet_name, into part; MF_ENOTFOUND listing the sheets. */
static int sheet_part(const mf_zipmem *z, const char *what, const char *sheet_name, char *part,
                      size_t size, char *names, size_t names_size, mf_error *err)
{
    xmlDoc *wb = NULL, *rels = NULL;
    int rc = read_xml(z, "xl/workbook.xml", what, true, &wb, err);
    if (rc != 0)
        return rc;
    char *rid = NULL;
    size_t k = 0;
    names[0] = '\0';
    const xmlNode *sheets = child(xmlDocGetRootElement(wb), "sheets");
    for (const xmlNode *s = sheets ? sheets->children : NULL; s; s = s->next) {
        if (!named(s, "sheet"))
            continue;
        xmlChar *name = xmlGetProp(s, (const xmlChar *)"name");
        if (name) {
            int w = snprintf(names + k, names_size - k, "%s'%s'", k ? ", " : "", (char *)name);
            if (w > 0 && (size_t)w < names_size - k)
                k += (size_t)w;
            if (!rid && strcmp((char *)name, sheet_name) == 0)
                rid = (char *)xmlGetNsProp(s, (const xmlChar *)"id", (const xmlChar *)REL_NS);
            xmlFree(name);
        }
    }
    xmlFreeDoc(wb);
    if (!rid)
        return mf_error_set(err, MF_ENOTFOUND, "%s: no sheet '%s' (sheets: %s)", what, sheet_name,
                            names[0] ? names : "none");
    if ((rc = read_xml(z, "xl/_rels/workbook.xml.rels", what, true, &rels, err)) != 0)
        goto out;
    rc = mf_error_set(err, MF_EPARSE, "%s: sheet '%s' (%s) has no relationship", what, sheet_name,
                      rid);
    const xmlNode *root = xmlDocGetRootElement(rels);
    for (const xmlNode *r = root ? root->children : NULL; r; r = r->next) {
        if (!named(r, "Relationship"))
            continue;
        xmlChar *id = xmlGetProp(r, (const xmlChar *)"Id");
        xmlChar *target = xmlGetProp(r, (const xmlChar *)"Target");
        if (id && target && strcmp((char *)id, rid) == 0) {
            const char *t = (const char *)target;
            if (t[0] == '/')
                snprintf(part, size, "%s", t + 1);
            else
                snprintf(part, size, "xl/%s", t);
            rc = 0;
        }
        xmlFree(id);
        xmlFree(target);
    }
out:
    xmlFreeDoc(rels);
    xmlFree(rid);
    return rc;
}

/* Parses "B5" into col 2, row 5; false when it is not a cell reference. */
static bool cell_ref(const char *r, uint32_t *col, uint32_t *row)
{
    uint32_t c = 0, w = 0;
    const char *p = r;
    for (; *p >= 'A' && *p <= 'Z'; p++)
        if ((c = c * 26 + (uint32_t)(*p - 'A' + 1)) > 16384)
            return false;
    if (p == r || !*p)
        return false;
    for (; *p >= '0' && *p <= '9'; p++)
        if ((w = w * 10 + (uint32_t)(*p - '0')) > 1048576)
            return false;
    if (*p || w == 0)
        return false;
    *col = c;
    *row = w;
    return true;
}

int mf_xlsx_read_sheet(const char *data, size_t len, const char *what, const char *sheet_name,
                       mf_xlsx_sheet *out, mf_error *err)
{
    memset(out, 0, sizeof *out);
    if (!mf_zipmem_is_zip(data, len)) {
        size_t k = 0;
        while (k < len && k < 40 && data[k] >= ' ' && data[k] < 127)
            k++;
        return mf_error_set(err, MF_EPARSE, "%s: body is not an XLSX (zip) file: '%.*s'", what,
                            (int)k, data);
    }
    mf_zipmem *z = NULL;
    xmlDoc *doc = NULL;
    buf sst = {0}, text = {0};
    size_t *offs = NULL, n_sst = 0, cap = 0;
    char part[256];
    int rc = mf_zipmem_open(data, len, what, &z, err);
    if (rc != 0 ||
        (rc = sheet_part(z, what, sheet_name, part, sizeof part, out->names, sizeof out->names,
                         err)) != 0 ||
        (rc = shared_strings(z, what, &sst, &offs, &n_sst, err)) != 0 ||
        (rc = read_xml(z, part, what, true, &doc, err)) != 0)
        goto out;
    const xmlNode *data_node = child(xmlDocGetRootElement(doc), "sheetData");
    uint32_t row_no = 0;
    for (const xmlNode *row = data_node ? data_node->children : NULL; row; row = row->next) {
        if (!named(row, "row"))
            continue;
        xmlChar *rr = xmlGetProp(row, (const xmlChar *)"r");
        row_no = rr ? (uint32_t)strtoul((char *)rr, NULL, 10) : row_no + 1;
        xmlFree(rr);
        uint32_t col_no = 0;
        for (const xmlNode *c = row->children; c; c = c->next) {
            if (!named(c, "c"))
                continue;
            xmlChar *r = xmlGetProp(c, (const xmlChar *)"r");
            xmlChar *t = xmlGetProp(c, (const xmlChar *)"t");
            mf_xlsx_cell cell = {.row = row_no, .col = col_no + 1, .type = MF_XLSX_NUMBER};
            bool ok = !r || cell_ref((char *)r, &cell.col, &cell.row);
            char type[16], ref[16];
            snprintf(type, sizeof type, "%s", t ? (char *)t : "n");
            snprintf(ref, sizeof ref, "%s", r ? (char *)r : "?");
            xmlFree(r);
            xmlFree(t);
            if (!ok) {
                rc = mf_error_set(err, MF_EPARSE, "%s: sheet '%s': '%s' is not a cell reference",
                                  what, sheet_name, ref);
                goto out;
            }
            col_no = cell.col;
            const xmlNode *v = child(c, "v");
            size_t at = text.n;
            if (strcmp(type, "inlineStr") == 0) {
                const xmlNode *is = child(c, "is");
                if (!is)
                    continue;
                text_into(is, &text);
                cell.type = MF_XLSX_TEXT;
            } else if (!v) {
                continue; /* a styled empty cell */
            } else if (strcmp(type, "str") == 0 || strcmp(type, "e") == 0) {
                text_into(v, &text);
                cell.type = MF_XLSX_TEXT;
            } else {
                buf tmp = {0};
                text_into(v, &tmp);
                const char *s = tmp.p ? tmp.p : "";
                if (strcmp(type, "s") == 0) {
                    char *end;
                    unsigned long i = strtoul(s, &end, 10);
                    if (!*s || *end || i >= n_sst) {
                        rc = mf_error_set(err, MF_EPARSE,
                                          "%s: sheet '%s': cell %s: shared string '%.20s' out of "
                                          "range (%zu strings)",
                                          what, sheet_name, ref, s, n_sst);
                        mf_free(tmp.p);
                        goto out;
                    }
                    const char *str = sst.p + offs[i];
                    buf_add(&text, str, strlen(str));
                    cell.type = MF_XLSX_TEXT;
                } else if (strcmp(type, "n") == 0 || strcmp(type, "b") == 0) {
                    mf_error e2 = {0};
                    if (mf_conn_parse_number(s, strlen(s), false, true, &cell.num, &e2) != 0) {
                        rc = mf_error_set(err, MF_EPARSE, "%s: sheet '%s': cell %s: %s", what,
                                          sheet_name, ref, e2.msg);
                        mf_free(tmp.p);
                        goto out;
                    }
                    cell.type = type[0] == 'b' ? MF_XLSX_BOOL : MF_XLSX_NUMBER;
                } else {
                    rc = mf_error_set(err, MF_EPARSE, "%s: sheet '%s': cell %s: unknown type '%s'",
                                      what, sheet_name, ref, type);
                    mf_free(tmp.p);
                    goto out;
                }
                mf_free(tmp.p);
            }
            if (cell.type == MF_XLSX_TEXT) {
                buf_add(&text, "", 0);
                text.n++;
                cell.str_at = at; /* str is set once text stops moving */
            }
            if (out->n == cap) {
                cap = cap ? 2 * cap : 1024;
                out->cells = mf_reallocarray(out->cells, cap, sizeof *out->cells);
            }
            out->cells[out->n++] = cell;
        }
    }
    out->text = text.p;
    text.p = NULL;
    for (size_t i = 0; i < out->n; i++)
        if (out->cells[i].type == MF_XLSX_TEXT)
            out->cells[i].str = out->text + out->cells[i].str_at;
out:
    xmlFreeDoc(doc);
    mf_zipmem_close(z);
    mf_free(sst.p);
    mf_free(text.p);
    mf_free(offs);
    if (rc != 0)
        mf_xlsx_sheet_free(out);
    return rc;
}

void mf_xlsx_sheet_free(mf_xlsx_sheet *s)
{
    if (!s)
        return;
    mf_free(s->cells);
    mf_free(s->text);
    s->cells = NULL;
    s->text = NULL;
    s->n = 0;
}
