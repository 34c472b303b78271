/*
 * cmd_curve_int.h - the subcommands of `mf curve` (private to src/cli/cmd_curve*.c). Each
 * runs with argv[0] its last word ("di1" of `mf curve build di1`), its options after it.
 * Adding one is a file with its run function and one line in subcommands[] (cmd_curve.c).
 */
#ifndef MF_CLI_CMD_CURVE_INT_H
#define MF_CLI_CMD_CURVE_INT_H

#include <stdbool.h>

#include "analytics/curve_store.h"
#include "cli/cli.h"

int curve_run_build_di1(mf_cli *cli, int argc, char **argv);
int curve_run_build_real(mf_cli *cli, int argc, char **argv);
int curve_run_build_cupom(mf_cli *cli, int argc, char **argv);
int curve_run_build_ust(mf_cli *cli, int argc, char **argv);
int curve_run_build_tips(mf_cli *cli, int argc, char **argv);

/* cmd_curve_store.c: curves in the store. `build di1` goes there when its options ask for the
   store (--date, --from, --to, ...: curve_build_di1_wants_store()). */
bool curve_build_di1_wants_store(int argc, char **argv);
int curve_run_build_di1_store(mf_cli *cli, int argc, char **argv);
int curve_run_show(mf_cli *cli, int argc, char **argv);
/* cmd_curve_real_store.c: `build real` from the store (--date, --from, --to, ...:
   curve_build_real_wants_store()). */
bool curve_build_real_wants_store(int argc, char **argv);
int curve_run_build_real_store(mf_cli *cli, int argc, char **argv);
int curve_run_history(mf_cli *cli, int argc, char **argv);

/* The dates and namespace of a build from the store (di1, real): --date D or --from D --to D,
   --as-of D (what is known on D, for curve dates before it) and --ticker-prefix P. */
typedef struct curve_store_dates {
    mf_date date, from, to, as_of; /* as_of 0: each curve date's own */
    bool has_date, has_from, has_to;
    const char *ticker_prefix; /* NULL: none */
} curve_store_dates;

/* Takes getopt's option c (one of 'd' --date, 'f' --from, 't' --to, 'a' --as-of,
   'p' --ticker-prefix) with its value: 0 taken, MF_EXIT_USAGE after a usage error. */
int curve_store_dates_option(mf_cli *cli, int c, const char *arg, curve_store_dates *d);
/* After the options: their combination is one of the two forms (a usage error otherwise:
   MF_EXIT_USAGE). */
int curve_store_dates_check(mf_cli *cli, curve_store_dates *d);

/* Prints usage and returns true when --help or -h is anywhere in argv: help wins, even as
   the value of an option. */
bool curve_store_help(mf_cli *cli, int argc, char **argv, const char *usage);

/* cmd_curve_rate.c: a stored curve's discount factor and zero or forward rate by date. */
int curve_run_rate(mf_cli *cli, int argc, char **argv);
/* cmd_curve_keyrate.c: a Brazilian bond's PV and key-rate DV01 on a stored curve. */
int curve_run_keyrate(mf_cli *cli, int argc, char **argv);

/*
 * cmd_curve_store.c: --store of the file builds (di1, real, cupom, ust, tips). Every curve of
 * one file goes in one transaction: a build that fails stores nothing. A file build sets up
 * one slot per code it stores (curve_file_store_add), opens the store (curve_file_store_open),
 * stores each date's bootstrap nodes (curve_file_store_put) and ends with
 * curve_file_store_close, which commits (rc 0) or rolls back and prints one line per code.
 */
#define CURVE_FILE_STORE_CODES 2

typedef struct curve_file_store_code {
    mf_curve_head head; /* code, day_count, compounding, source; date set per curve */
    size_t curves, vertices;
    mf_date first, last;
} curve_file_store_code;

typedef struct curve_file_store {
    bool on; /* --store given */
    struct mf_store *st;
    curve_file_store_code codes[CURVE_FILE_STORE_CODES];
    size_t ncodes;
    mf_date *mat;          /* the nodes of a date while they are stored: maturities, */
    double *df;            /* discount factors (curve_file_store_reserve) */
    mf_curve_vertex *work; /* and their vertices; all grow to the most nodes of a date */
    size_t cap;
} curve_file_store;

/* Adds the slot of a code (the first added is slot 0). */
void curve_file_store_add(curve_file_store *fs, const char *code, const char *day_count,
                          const char *compounding, const char *source);
/* Makes fs->mat and fs->df hold n nodes (grows only). */
void curve_file_store_reserve(curve_file_store *fs, size_t n);
/* Opens the --db store and begins the transaction (no-op without --store). */
int curve_file_store_open(mf_cli *cli, curve_file_store *fs);
/*
 * Stores slot's curve of date from its n nodes (mf_curve_store_nodes(), tenor_bd on cal);
 * prints "mf curve: PATH: ..." and returns MF_EXIT_FAILURE on failure. No-op without --store.
 */
int curve_file_store_put(mf_cli *cli, curve_file_store *fs, size_t slot, const mf_calendar *cal,
                         mf_date date, const mf_date *maturity, const double *df, size_t n,
                         const char *path);
/* Commits (rc MF_EXIT_OK) or rolls back, prints the summary when summary, and releases. */
int curve_file_store_close(mf_cli *cli, curve_file_store *fs, int rc, bool summary);

#endif
