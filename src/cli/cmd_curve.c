/*
 * cmd_curve.c - `mf curve`: builds, stores and shows term structures. Dispatches to the
 * subcommands of cmd_curve_*.c.
 *
 *   mf curve build di1 --input FILE [--output FILE]
 *   mf curve build real --input FILE [--pre FILE] [--output FILE]
 *   mf curve build cupom --input FILE [--output FILE]
 *   mf curve build ust --input FILE [--output FILE] [--fit nss]
 *   mf curve build tips --input FILE [--nominal FILE] [--output FILE]
 *   mf curve build di1 (--date D | --from D --to D) [...]   (from the store: cmd_curve_store.c)
 *   mf curve build real (--date D | --from D --to D) [...]  (cmd_curve_real_store.c)
 *   mf curve show CODE --date D
 *   mf curve history CODE (--tenor BD | --tenor-days CD)
 *   mf curve rate CODE --date D --to D2 [--from D1]   (cmd_curve_rate.c)
 *   mf curve keyrate CODE --date D --bond ltn|ntnf --maturity M   (cmd_curve_keyrate.c)
 */
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_curve_int.h"

typedef struct curve_subcommand {
    const char *verb;     /* "build" */
    const char *target;   /* "di1", or NULL when the verb stands alone */
    const char *synopsis; /* its arguments, for `mf curve --help` */
    const char *summary;  /* what it does, one line */
    mf_cli_run run;
} curve_subcommand;

static const curve_subcommand subcommands[] = {
    {"build", "di1", "build di1 --input FILE [--output FILE] [--store [--code C]]",
     "BRL pre (DI) curves from a CDI + DI1 file", curve_run_build_di1},
    {"build", "di1", "build di1 (--date D | --from D --to D) [--code C]",
     "the same from the store's CDI and DI1 settles, stored by vertex", curve_run_build_di1},
    {"build", "real", "build real --input FILE [--pre FILE] [--output FILE] [--store]",
     "BRL real curves from NTN-B yields (breakeven inflation with --pre)", curve_run_build_real},
    {"build", "real", "build real (--date D | --from D --to D) [--ticker-prefix P] [--breakeven]",
     "the same from the store's NTN-B yields, stored by vertex", curve_run_build_real},
    {"build", "cupom", "build cupom --input FILE [--output FILE] [--store]",
     "cupom cambial curves from DI, USD/BRL spot and forwards", curve_run_build_cupom},
    {"build", "ust",
     "build ust --input FILE [--output FILE] [--fit nss] [--store] [--allow-negative-forwards]",
     "US Treasury zero curves from par yields (Nelson-Siegel-Svensson fit)", curve_run_build_ust},
    {"build", "tips", "build tips --input FILE [--nominal FILE] [--output FILE] [--store]",
     "TIPS real zero curves (US breakevens with --nominal)", curve_run_build_tips},
    {"show", NULL, "show CODE --date D", "a stored curve's vertices", curve_run_show},
    {"history", NULL, "history CODE (--tenor BD | --tenor-days CD) [--from D] [--to D]",
     "a tenor's zero rate on each stored date", curve_run_history},
    {"rate", NULL, "rate CODE --date D --to D2 [--from D1] [--convention NAME] [--json]",
     "a stored curve's discount factor and zero or forward rate by date", curve_run_rate},
    {"keyrate", NULL, "keyrate CODE --date D --bond ltn|ntnf --maturity M [--quantity N] [--json]",
     "a Brazilian bond's PV and key-rate DV01 by vertex on a stored curve", curve_run_keyrate},
};

#define SUBCOMMAND_COUNT (sizeof subcommands / sizeof subcommands[0])

static void print_usage(FILE *out)
{
    fputs("usage: mf curve SUBCOMMAND [options]   (mf curve SUBCOMMAND --help for each)\n\n", out);
    for (size_t i = 0; i < SUBCOMMAND_COUNT; i++)
        fprintf(out, "  mf curve %s\n      %s\n", subcommands[i].synopsis, subcommands[i].summary);
}

int mf_cli_curve(mf_cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_usage(argc < 2 ? cli->err : cli->out);
        return argc < 2 ? MF_EXIT_USAGE : MF_EXIT_OK;
    }
    bool verb_known = false;
    for (size_t i = 0; i < SUBCOMMAND_COUNT; i++) {
        const curve_subcommand *s = &subcommands[i];
        if (strcmp(s->verb, argv[1]) != 0)
            continue;
        verb_known = true;
        if (s->target == NULL)
            return s->run(cli, argc - 1, argv + 1);
        if (argc >= 3 && strcmp(s->target, argv[2]) == 0)
            return s->run(cli, argc - 2, argv + 2);
    }
    if (!verb_known)
        return mf_cli_usage_error(cli, "unknown subcommand '%s'", argv[1]);
    char targets[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < SUBCOMMAND_COUNT && used < sizeof targets; i++) {
        const char *target = subcommands[i].target, *before = i ? subcommands[i - 1].target : NULL;
        if (strcmp(subcommands[i].verb, argv[1]) == 0 && target &&
            !(before && strcmp(before, target) == 0)) /* build di1 has two lines */
            used += (size_t)snprintf(targets + used, sizeof targets - used, "%s'%s'",
                                     used ? ", " : "", target);
    }
    return mf_cli_usage_error(cli, "%s what? expected %s", argv[1], targets);
}
