/*
 * cmd_price_int.h - what the kinds of `mf price` share (private to src/cli/cmd_price*.c):
 * the parsed options, the output fields, and the kinds table.
 *
 * A kind is a name, the options it accepts and a run function that reads them and fills the
 * output fields; cmd_price.c parses the command line, refuses options the kind does not
 * take, and prints the fields as text or JSON. Adding a kind is a file with its run function
 * and one line in kinds[] (cmd_price.c).
 */
#ifndef MF_CLI_CMD_PRICE_INT_H
#define MF_CLI_CMD_PRICE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"

#define PRICE_MAX_OPTIONS 16
#define PRICE_MAX_FIELDS  24

/* The options of one call: --name value pairs, in command-line order. */
typedef struct price_args {
    const char *kind_name; /* "ntnb", for messages */
    size_t n;
    char name[PRICE_MAX_OPTIONS][32]; /* without the leading "--" */
    const char *value[PRICE_MAX_OPTIONS];
} price_args;

/* One output line: its name and value. */
typedef struct price_field {
    const char *name;
    double value;
    int decimals; /* in text output; JSON gives the shortest exact form */
} price_field;

/* Fills fields[0..*n) (at most PRICE_MAX_FIELDS); returns an MF_EXIT_* code. */
typedef int (*price_run)(mf_cli *cli, const void *kind, const price_args *a, price_field *fields,
                         size_t *n);

typedef struct price_kind {
    const char *name;
    const char *summary; /* one line for the usage text */
    const char *options; /* the options it takes, space-separated, without "--" */
    price_run run;
    const void *kind; /* what run needs to know of the kind (a br_bond), or NULL */
} price_kind;

/* The value of --name, or NULL when absent. */
const char *price_opt(const price_args *a, const char *name);

/* --name as a decimal number into *out; a usage error when absent or not a number. */
int price_number(mf_cli *cli, const price_args *a, const char *name, double *out);

/* Like price_number(), but leaves *out alone (and returns 0) when --name is absent. */
int price_number_opt(mf_cli *cli, const price_args *a, const char *name, double *out);

/* --name as an ISO date into *out; a usage error when absent or not a date. */
int price_date(mf_cli *cli, const price_args *a, const char *name, mf_date *out);

/*
 * Exactly one of --first and --second: returns 1 or 2 for the one given, or prints
 * "needs exactly one of --first and --second" and returns 0.
 */
int price_one_of(mf_cli *cli, const price_args *a, const char *first, const char *second);

/* Copies the n fields of out into f and sets *n. */
void price_set_fields(price_field *f, size_t *n, const price_field *out, size_t count);

/* The run functions, by file. */
int price_run_ust(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n);
int price_run_tbill(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n);
int price_run_di1(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n);
int price_run_br_bond(mf_cli *cli, const void *kind, const price_args *a, price_field *f,
                      size_t *n);
int price_run_fxfwd(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n);
int price_run_ndf(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n);
int price_run_fx_future(mf_cli *cli, const void *kind, const price_args *a, price_field *f,
                        size_t *n);
int price_run_cds(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n);
int price_run_future(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n);

#endif
