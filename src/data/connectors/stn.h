/*
 * stn.h - the STN connector's pure parsers: the CKAN resource_show answer that names the
 * current file of a Tesouro Transparente resource, and the monthly lines of the Resultado do
 * Tesouro Nacional (RTN) workbook, found by their row labels. No I/O.
 *
 * Exports: mf_stn_line, mf_stn_lines(), mf_stn_line_of_key(), mf_stn_normalise_label(),
 * mf_stn_parse_ckan_url(), mf_stn_parse_rtn(), MF_STN_RTN_SHEET, MF_STN_RTN_RESOURCE.
 */
#ifndef MF_DATA_CONNECTORS_STN_H
#define MF_DATA_CONNECTORS_STN_H

#include <stdbool.h>
#include <stddef.h>

#include "data/connector.h"

/* The CKAN resource of the RTN workbook and the sheet of monthly values at current prices. */
#define MF_STN_RTN_RESOURCE "527ccdb1-3059-42f3-bf23-b5e3ab4c6dc6"
#define MF_STN_RTN_SHEET    "1.1-A"

/* A line of the RTN table: its source key and the labels it may carry (normalised). */
typedef struct mf_stn_line {
    const char *key;       /* "RTN.RECEITA_TOTAL" */
    const char *labels[4]; /* normalised labels, NULL-terminated: "receita total" */
    bool required;         /* the parse fails when the sheet lacks it */
} mf_stn_line;

/* The lines the connector knows; *n receives their number. */
const mf_stn_line *mf_stn_lines(size_t *n);

/* The line of a source key, or NULL. */
const mf_stn_line *mf_stn_line_of_key(const char *key);

/*
 * Writes label normalised into buf: lower-case ASCII (accents dropped), leading item numbers
 * ("I.", "IV.", "1.", "1.2", "4.1.") and trailing footnote marks (superscripts, "2/", digits)
 * and formulas in parentheses ("(I-II)") removed, spaces collapsed: "II. TRANSF. POR
 * REPARTIÇÃO DE RECEITA ²" -> "transf. por reparticao de receita".
 */
void mf_stn_normalise_label(const char *label, char *buf, size_t size);

/*
 * The download URL in a CKAN resource_show answer ({"success": true, "result": {"url": ...}}),
 * resolved against base_url when it is a path ("/ckan/...": same scheme and host). MF_EPARSE
 * "stn RESOURCE: ..." when the body is not that JSON or success is not true.
 */
int mf_stn_parse_ckan_url(const char *body, size_t len, const char *resource, const char *base_url,
                          char *url, size_t size, mf_error *err);

/*
 * Parses the RTN workbook: sheet MF_STN_RTN_SHEET, the month header row (the first row whose
 * cells right of column A are all Excel serial dates, origin 1899-12-30, at least two), the
 * rows of every known line found by its label in column A. Appends MF_CONN_OBS rows, R$
 * million, obs_date the 1st of the month, available_at MF_CONN_AVAILABLE_FROM_LAG; cells
 * empty or "-" give no row. MF_EPARSE naming the sheet, row and column for a value that is not
 * a number, a required line missing, a line matched by two rows, no month header.
 */
int mf_stn_parse_rtn(const char *body, size_t len, mf_conn_rows *out, mf_error *err);

#endif
