/*
 * cli.h - what the subcommands of `mf` share: the run context, the command table, exit codes
 * and the helpers that print the one-line messages.
 *
 * Only src/cli/ parses user input into domain calls and only it may exit; each command
 * returns an exit code to main().
 */
#ifndef MF_CLI_CLI_H
#define MF_CLI_CLI_H

#include <stdio.h>

#include "core/config.h"
#include "core/date.h"
#include "core/error.h"
#include "core/log.h"

/* Exit codes of mf. */
enum { MF_EXIT_OK = 0, MF_EXIT_FAILURE = 1, MF_EXIT_USAGE = 2 };

/* The context every command runs in. Borrowed by the command for the duration of the call. */
typedef struct mf_cli {
    FILE *out;       /* results */
    FILE *err;       /* the one-line failure messages */
    mf_config *cfg;  /* effective configuration (defaults < file < environment < flags) */
    mf_log *log;     /* structured log, per log.level and log.file */
    const char *cmd; /* "calendar", for messages */
} mf_cli;

typedef int (*mf_cli_run)(mf_cli *cli, int argc, char **argv);

/* One subcommand: `mf NAME ...`. argv[0] is the command name. */
typedef struct mf_cli_command {
    const char *name;
    const char *summary; /* one line for `mf --help` */
    mf_cli_run run;
} mf_cli_command;

/* The command table (cli.c): every subcommand is one line there. */
extern const mf_cli_command mf_cli_commands[];
extern const size_t mf_cli_command_count;

int mf_cli_calendar(mf_cli *cli, int argc, char **argv);
int mf_cli_daycount(mf_cli *cli, int argc, char **argv);
int mf_cli_price(mf_cli *cli, int argc, char **argv);
int mf_cli_config(mf_cli *cli, int argc, char **argv);
int mf_cli_init(mf_cli *cli, int argc, char **argv);
int mf_cli_import(mf_cli *cli, int argc, char **argv);
int mf_cli_series(mf_cli *cli, int argc, char **argv);
int mf_cli_obs(mf_cli *cli, int argc, char **argv);
int mf_cli_curve(mf_cli *cli, int argc, char **argv);
int mf_cli_ingest(mf_cli *cli, int argc, char **argv); /* backfill and ingest */
int mf_cli_serve(mf_cli *cli, int argc, char **argv);
int mf_cli_metrics(mf_cli *cli, int argc, char **argv);
int mf_cli_transform(mf_cli *cli, int argc, char **argv);
int mf_cli_quality(mf_cli *cli, int argc, char **argv);

/* The quality run after mf ingest / mf backfill (cmd_quality.c): when quality.after_ingest,
   checks the series of source (or the series among codes) as known on as_of and prints one
   line; the exit code of the run (3: critical failures). */
struct mf_store;
int mf_cli_quality_after_ingest(mf_cli *cli, struct mf_store *st, const char *source,
                                const char *const *codes, mf_date as_of);

/* Prints "mf CMD: <message>; see 'mf CMD --help'" to cli->err and returns MF_EXIT_USAGE. */
int mf_cli_usage_error(mf_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "mf CMD: <err->msg>" to cli->err and returns exit_code. */
int mf_cli_fail(mf_cli *cli, const mf_error *err, int exit_code);

/*
 * Runs getopt_long over argv for a command: returns the option character, -1 at the end of
 * the options, or '?' after printing a usage error for an unknown option or a missing
 * argument (the caller returns MF_EXIT_USAGE). shortopts must start with ":" (options and
 * arguments in any order) or "+:" (options first, so that a negative number such as -5 after
 * them stays an argument).
 * Resets getopt state on the first call of each command (when *started is 0).
 */
struct option;
int mf_cli_getopt(mf_cli *cli, int argc, char **argv, const char *shortopts,
                  const struct option *longopts, int *started);

/* Parses an ISO date argument; on failure prints a usage error naming what (e.g. "--from"). */
int mf_cli_parse_date(mf_cli *cli, const char *what, const char *text, mf_date *out);

/* Parses a whole decimal integer in [min, max]; on failure prints a usage error naming what. */
int mf_cli_parse_int(mf_cli *cli, const char *what, const char *text, long min, long max,
                     long *out);

/*
 * Opens the store named by the configuration (store.url, --db): on failure prints the reason
 * and returns MF_EXIT_FAILURE. Caller owns *st; close with mf_store_close().
 */
struct mf_store;
int mf_cli_open_store(mf_cli *cli, struct mf_store **st);

/* Output formats of commands that print tables. */
typedef enum mf_cli_format { MF_CLI_TEXT, MF_CLI_CSV, MF_CLI_JSON } mf_cli_format;

/* Parses --format text|csv|json (only the formats in allowed, a bit set of 1 << format). */
int mf_cli_parse_format(mf_cli *cli, const char *text, unsigned allowed, mf_cli_format *out);

/*
 * Where a command writes a result that must appear whole or not at all: path's sibling
 * "path.part", renamed to path when the command succeeds, or for path NULL a temporary file
 * copied to cli->out at the end. A failed command writes nothing.
 */
typedef struct mf_cli_output {
    FILE *f; /* write here between open and close */
    const char *path;
    char tmp[4096];
} mf_cli_output;

/* Opens o for path (NULL: cli->out); on failure prints why and returns MF_EXIT_FAILURE. */
int mf_cli_output_open(mf_cli *cli, mf_cli_output *o, const char *path);

/*
 * Closes o after the command ended with exit code rc: publishes the output when rc is
 * MF_EXIT_OK (printing why and returning MF_EXIT_FAILURE if that fails), discards it
 * otherwise. Returns the final exit code. A no-op on an o that never opened.
 */
int mf_cli_output_close(mf_cli *cli, mf_cli_output *o, int rc);

/* Prints x with the fewest significant digits (up to 17) that read back to exactly x. */
void mf_cli_print_double(FILE *f, double x);

#endif
