/*
 * stn.c - the STN connector (source "stn"): central-government fiscal data of the Tesouro
 * Nacional (data-sources.md §8). The request "RTN" resolves the current Resultado do Tesouro
 * Nacional workbook through CKAN ({base}/resource_show?id=527ccdb1-...), downloads it and
 * reads the monthly lines of sheet 1.1-A by their row labels (stn.h).
 *
 * Exports: mf_conn_stn, and what stn.h declares.
 */
#include "data/connectors/stn.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connectors/xlsx_int.h"
#include "data/connectors_int.h"

#define WHAT "stn RTN"

/* Labels as the RTN writes them (Tesouro's own code, data-sources.md §8), normalised. The
   five totals are required; the components are read when the sheet has them. */
static const mf_stn_line lines[] = {
    {"RTN.RECEITA_TOTAL", {"receita total"}, true},
    {"RTN.TRANSF_REPARTICAO_RECEITA",
     {"transf. por reparticao de receita", "transferencias por reparticao de receita"},
     true},
    {"RTN.RECEITA_LIQUIDA", {"receita liquida"}, true},
    {"RTN.DESPESA_TOTAL", {"despesa total"}, true},
    {"RTN.RESULTADO_PRIMARIO_GOVERNO_CENTRAL",
     {"resultado primario do governo central", "resultado primario governo central",
      "primario governo central", "resultado primario"},
     true},
    {"RTN.RECEITA_ADMINISTRADA_RFB",
     {"receita administrada pela rfb, exceto rgps", "receita administrada pela rfb"},
     false},
    {"RTN.IMPOSTO_IMPORTACAO", {"imposto de importacao"}, false},
    {"RTN.IPI", {"ipi"}, false},
    {"RTN.IMPOSTO_RENDA", {"imposto sobre a renda", "imposto de renda"}, false},
    {"RTN.IOF", {"iof"}, false},
    {"RTN.COFINS", {"cofins"}, false},
    {"RTN.PIS_PASEP", {"pis/pasep"}, false},
    {"RTN.CSLL", {"csll"}, false},
    {"RTN.INCENTIVOS_FISCAIS", {"incentivos fiscais"}, false},
    {"RTN.ARRECADACAO_LIQUIDA_RGPS", {"arrecadacao liquida para o rgps"}, false},
    {"RTN.RECEITAS_NAO_ADMINISTRADAS_RFB", {"receitas nao administradas pela rfb"}, false},
    {"RTN.CONCESSOES_PERMISSOES", {"concessoes e permissoes"}, false},
    {"RTN.DIVIDENDOS_PARTICIPACOES", {"dividendos e participacoes"}, false},
    {"RTN.FPM_FPE_IPI_EE", {"fpm / fpe / ipi-ee"}, false},
    {"RTN.BENEFICIOS_PREVIDENCIARIOS", {"beneficios previdenciarios"}, false},
    {"RTN.PESSOAL_ENCARGOS_SOCIAIS", {"pessoal e encargos sociais"}, false},
    {"RTN.OUTRAS_DESPESAS_OBRIGATORIAS", {"outras despesas obrigatorias"}, false},
    {"RTN.ABONO_SEGURO_DESEMPREGO", {"abono e seguro desemprego"}, false},
    {"RTN.BPC_LOAS_RMV", {"beneficios de prestacao continuada da loas/rmv"}, false},
    {"RTN.SUBSIDIOS_SUBVENCOES_PROAGRO", {"subsidios, subvencoes e proagro"}, false},
    {"RTN.DESPESAS_PODER_EXECUTIVO_PROG_FINANCEIRA",
     {"despesas do poder executivo sujeitas a programacao financeira"},
     false},
    {"RTN.OBRIGATORIAS_CONTROLE_FLUXO", {"obrigatorias com controle de fluxo"}, false},
    {"RTN.DISCRICIONARIAS", {"discricionarias"}, false},
};
enum { N_LINES = sizeof lines / sizeof lines[0] };

const mf_stn_line *mf_stn_lines(size_t *n)
{
    *n = N_LINES;
    return lines;
}

const mf_stn_line *mf_stn_line_of_key(const char *key)
{
    for (size_t i = 0; i < N_LINES; i++)
        if (strcmp(lines[i].key, key) == 0)
            return &lines[i];
    return NULL;
}

/* ---- labels -------------------------------------------------------------------------------- */

static bool is_roman(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr("ivxlc", s[i]))
            return false;
    return n > 0;
}

void mf_stn_normalise_label(const char *label, char *buf, size_t size)
{
    /* 1. lower-case ASCII: U+00C0..U+00FF without accents, other non-ASCII (superscripts,
       ordinal marks) dropped, runs of spaces collapsed. */
    static const char base[] = "aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
    size_t k = 0;
    if (size == 0)
        return;
    for (const unsigned char *p = (const unsigned char *)label; *p && k + 1 < size; p++) {
        char c;
        if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
            c = base[p[1] & 0x3F]; /* C3 80.. is U+00C0.. */
            p++;
        } else if (*p >= 0x80) {
            while ((p[1] & 0xC0) == 0x80)
                p++;
            continue;
        } else if (*p == '\t' || *p == '\n' || *p == '\r' || *p == 0xA0) {
            c = ' ';
        } else {
            c = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        }
        if (c == ' ' && (k == 0 || buf[k - 1] == ' '))
            continue;
        buf[k++] = c;
    }
    buf[k] = '\0';
    /* 2. the leading item number: "iv. ", "1. ", "1.2 ", "4.1.3. " */
    size_t t = strcspn(buf, " ");
    if (buf[t] == ' ' && t > 0) {
        bool num = strspn(buf, "0123456789.") == t && buf[0] != '.';
        bool rom = buf[t - 1] == '.' && is_roman(buf, t - 1);
        if (num || rom)
            memmove(buf, buf + t + 1, strlen(buf + t + 1) + 1);
    }
    /* 3. trailing spaces, footnotes ("2/", "1"), formulas in parentheses, repeatedly. */
    for (bool changed = true; changed;) {
        changed = false;
        size_t n = strlen(buf);
        while (n && buf[n - 1] == ' ')
            buf[--n] = '\0', changed = true;
        if (n && buf[n - 1] == ')') {
            char *open = strrchr(buf, '(');
            if (open && open > buf) {
                *open = '\0';
                changed = true;
                continue;
            }
        }
        size_t d = n;
        while (d && buf[d - 1] >= '0' && buf[d - 1] <= '9')
            d--;
        if (n && buf[n - 1] == '/' && n >= 2 && buf[n - 2] >= '0' && buf[n - 2] <= '9') {
            d = n - 1;
            while (d && buf[d - 1] >= '0' && buf[d - 1] <= '9')
                d--;
        }
        if (d < n && d > 0 && buf[d - 1] == ' ' && n - d <= 3) {
            buf[d] = '\0';
            changed = true;
        }
    }
}

/* ---- CKAN ---------------------------------------------------------------------------------- */

int mf_stn_parse_ckan_url(const char *body, size_t len, const char *resource, const char *base_url,
                          char *url, size_t size, mf_error *err)
{
    json_error_t je;
    json_t *root = json_loadb(body, len, 0, &je);
    if (!root) {
        size_t k = 0;
        while (k < len && k < 40 && body[k] >= ' ' && body[k] < 127)
            k++;
        return mf_error_set(err, MF_EPARSE, "stn %s: resource_show body is not JSON (%s): '%.*s'",
                            resource, je.text, (int)k, body);
    }
    int rc = 0;
    const json_t *ok = json_object_get(root, "success");
    const char *u = json_string_value(json_object_get(json_object_get(root, "result"), "url"));
    if (!json_is_true(ok)) {
        const char *msg =
            json_string_value(json_object_get(json_object_get(root, "error"), "message"));
        rc = mf_error_set(err, MF_EPARSE, "stn %s: resource_show says success is not true%s%s",
                          resource, msg ? ": " : "", msg ? msg : "");
    } else if (!u || !*u) {
        rc = mf_error_set(err, MF_EPARSE, "stn %s: resource_show has no result.url", resource);
    } else if (strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0) {
        if ((size_t)snprintf(url, size, "%s", u) >= size)
            rc = mf_error_set(err, MF_ERANGE, "stn %s: result.url is too long", resource);
    } else if (u[0] == '/') {
        /* A path: the same scheme and host as the API. */
        const char *host = strstr(base_url, "://");
        const char *path = host ? strchr(host + 3, '/') : NULL;
        int authority = (int)(path ? (size_t)(path - base_url) : strlen(base_url));
        if (!host || (size_t)snprintf(url, size, "%.*s%s", authority, base_url, u) >= size)
            rc = mf_error_set(err, MF_ERANGE, "stn %s: cannot resolve result.url '%.80s'", resource,
                              u);
    } else {
        rc = mf_error_set(err, MF_EPARSE, "stn %s: result.url '%.80s' is not an http(s) URL",
                          resource, u);
    }
    json_decref(root);
    return rc;
}

/* ---- the RTN workbook ---------------------------------------------------------------------- */

enum { SERIAL_MIN = 32874, SERIAL_MAX = 73050 }; /* 1990-01-01 .. 2099-12-31 */
#define SERIAL_EPOCH 25569                       /* 1970-01-01 as an Excel serial date */

static bool is_month_serial(const mf_xlsx_cell *c)
{
    return c->type == MF_XLSX_NUMBER && c->num >= SERIAL_MIN && c->num <= SERIAL_MAX &&
           c->num == floor(c->num);
}

static void col_name(uint32_t col, char *buf, size_t size)
{
    char tmp[8];
    int k = 0;
    while (col > 0 && k < 7) {
        col--;
        tmp[k++] = (char)('A' + col % 26);
        col /= 26;
    }
    size_t j = 0;
    while (k > 0 && j + 1 < size)
        buf[j++] = tmp[--k];
    buf[j] = '\0';
}

int mf_stn_parse_rtn(const char *body, size_t len, mf_conn_rows *out, mf_error *err)
{
    mf_xlsx_sheet sh;
    int rc = mf_xlsx_read_sheet(body, len, WHAT, MF_STN_RTN_SHEET, &sh, err);
    if (rc != 0)
        return rc;
    size_t first = out->n;
    mf_date *month = NULL; /* by column: the month of the header, or 0 (none) */
    uint32_t max_col = 0, header_row = 0;
    size_t row_of[N_LINES];
    uint32_t row_no[N_LINES];
    for (size_t i = 0; i < N_LINES; i++)
        row_of[i] = SIZE_MAX, row_no[i] = 0;
    for (size_t i = 0; i < sh.n; i++)
        if (sh.cells[i].col > max_col)
            max_col = sh.cells[i].col;
    month = mf_calloc((size_t)max_col + 1, sizeof *month);
    /* The month header: the first row with at least two serial dates right of column A. */
    for (size_t i = 0; i < sh.n && !header_row;) {
        size_t j = i, dates = 0;
        while (j < sh.n && sh.cells[j].row == sh.cells[i].row)
            dates += sh.cells[j].col > 1 && is_month_serial(&sh.cells[j]) ? 1u : 0u, j++;
        if (dates >= 2) {
            header_row = sh.cells[i].row;
            mf_date last = MF_DATE_MIN;
            for (size_t k = i; k < j; k++) {
                if (sh.cells[k].col <= 1 || !is_month_serial(&sh.cells[k]))
                    continue;
                mf_date m = mf_date_month_start((mf_date)sh.cells[k].num - SERIAL_EPOCH);
                if (m <= last) {
                    char cn[8];
                    col_name(sh.cells[k].col, cn, sizeof cn);
                    rc = mf_error_set(err, MF_EPARSE,
                                      WHAT ": sheet '%s' row %u: the months do not increase at "
                                           "column %s",
                                      MF_STN_RTN_SHEET, header_row, cn);
                    goto out;
                }
                month[sh.cells[k].col] = last = m;
            }
        }
        i = j;
    }
    if (!header_row) {
        rc = mf_error_set(err, MF_EPARSE,
                          WHAT ": sheet '%s' has no row of months (Excel serial dates)",
                          MF_STN_RTN_SHEET);
        goto out;
    }
    /* The rows of the lines, by their labels in column A (below the header). */
    for (size_t i = 0; i < sh.n; i++) {
        const mf_xlsx_cell *c = &sh.cells[i];
        if (c->col != 1 || c->type != MF_XLSX_TEXT || c->row <= header_row)
            continue;
        char label[256];
        mf_stn_normalise_label(c->str, label, sizeof label);
        for (size_t l = 0; l < N_LINES; l++)
            for (size_t a = 0; a < 4 && lines[l].labels[a]; a++)
                if (strcmp(label, lines[l].labels[a]) == 0) {
                    if (row_of[l] != SIZE_MAX && row_no[l] != c->row) {
                        if (lines[l].required) {
                            rc = mf_error_set(err, MF_EPARSE,
                                              WHAT ": sheet '%s': rows %u and %u both read as "
                                                   "'%s' (%s)",
                                              MF_STN_RTN_SHEET, row_no[l], c->row, label,
                                              lines[l].key);
                            goto out;
                        }
                        row_no[l] = UINT32_MAX; /* ambiguous: left out */
                    } else if (row_of[l] == SIZE_MAX) {
                        row_of[l] = i;
                        row_no[l] = c->row;
                    }
                }
    }
    for (size_t l = 0; l < N_LINES; l++)
        if (lines[l].required && row_of[l] == SIZE_MAX) {
            rc = mf_error_set(err, MF_EPARSE,
                              WHAT ": sheet '%s' has no row labelled '%s' (%s): the layout "
                                   "changed",
                              MF_STN_RTN_SHEET, lines[l].labels[0], lines[l].key);
            goto out;
        }
    for (size_t l = 0; l < N_LINES; l++) {
        if (row_of[l] == SIZE_MAX || row_no[l] == UINT32_MAX)
            continue;
        for (size_t i = row_of[l]; i < sh.n && sh.cells[i].row == row_no[l]; i++) {
            const mf_xlsx_cell *c = &sh.cells[i];
            if (c->col > max_col || month[c->col] == 0)
                continue; /* column A, or a column without a month */
            char cn[8];
            col_name(c->col, cn, sizeof cn);
            if (c->type == MF_XLSX_TEXT) {
                size_t n = strlen(c->str), s = 0;
                while (s < n && c->str[s] == ' ')
                    s++;
                while (n > s && c->str[n - 1] == ' ')
                    n--;
                if (n == s || (n - s == 1 && c->str[s] == '-') ||
                    (n - s == 3 && memcmp(c->str + s, "...", 3) == 0))
                    continue; /* not published */
                rc = mf_error_set(err, MF_EPARSE,
                                  WHAT ": sheet '%s' cell %s%u (%s): '%.40s' is not a number",
                                  MF_STN_RTN_SHEET, cn, c->row, lines[l].key, c->str);
                goto out;
            }
            if (c->type != MF_XLSX_NUMBER || !isfinite(c->num)) {
                rc =
                    mf_error_set(err, MF_EPARSE, WHAT ": sheet '%s' cell %s%u (%s) is not a number",
                                 MF_STN_RTN_SHEET, cn, c->row, lines[l].key);
                goto out;
            }
            mf_conn_row row = mf_conn_row_init(MF_CONN_OBS, lines[l].key);
            row.date = month[c->col];
            row.value = c->num; /* R$ million */
            if ((rc = mf_conn_rows_push(out, &row, err)) != 0)
                goto out;
        }
    }
out:
    if (rc != 0)
        out->n = first;
    mf_free(month);
    mf_xlsx_sheet_free(&sh);
    return rc;
}

/* ---- the connector ------------------------------------------------------------------------- */

static int stn_check_key(const char *key, mf_error *err)
{
    if (mf_stn_line_of_key(key))
        return 0;
    return mf_error_set(err, MF_EINVAL,
                        "stn: key '%s' is not a line of the RTN this connector reads (see "
                        "docs/connectors/stn.md)",
                        key);
}

static void stn_request_of(const char *key, char *buf, size_t size)
{
    (void)key; /* every line is in the one workbook */
    snprintf(buf, size, "RTN");
}

static int stn_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                     mf_conn_rows *out, mf_error *err)
{
    (void)from, (void)to; /* the workbook holds the whole history */
    if (strcmp(request, "RTN") != 0)
        return mf_error_set(err, MF_EINVAL, "stn: unknown request '%s' (only \"RTN\")", request);
    char url[2048], file_url[2048];
    snprintf(url, sizeof url, "%s/resource_show?id=%s", env->base_url, MF_STN_RTN_RESOURCE);
    const char *body;
    size_t len;
    int rc = mf_conn_get(env, url, &body, &len, err);
    if (rc != 0) {
        mf_error_prefix(err, WHAT " resource_show: ");
        return rc;
    }
    if ((rc = mf_stn_parse_ckan_url(body, len, MF_STN_RTN_RESOURCE, env->base_url, file_url,
                                    sizeof file_url, err)) != 0)
        return rc;
    if ((rc = mf_conn_get(env, file_url, &body, &len, err)) != 0) {
        mf_error_prefix(err, WHAT " workbook: ");
        return rc;
    }
    return mf_stn_parse_rtn(body, len, out, err);
}

const mf_connector mf_conn_stn = {
    .name = "stn",
    .summary = "Tesouro Nacional: monthly central-government primary result (RTN workbook via "
               "CKAN)",
    .max_days = 0,
    .overlap_days = 366, /* the RTN revises the past year in place */
    .check_key = stn_check_key,
    .request_of = stn_request_of,
    .fetch = stn_fetch,
    .standing_requests = NULL,
};
