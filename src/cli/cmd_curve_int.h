/*
 * cmd_curve_int.h - the subcommands of `mf curve` (private to src/cli/cmd_curve*.c). Each
 * runs with argv[0] its last word ("di1" of `mf curve build di1`), its options after it.
 * Adding one is a file with its run function and one line in subcommands[] (cmd_curve.c).
 */
#ifndef MF_CLI_CMD_CURVE_INT_H
#define MF_CLI_CMD_CURVE_INT_H

#include <stdbool.h>

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
int curve_run_history(mf_cli *cli, int argc, char **argv);

#endif
