/*
 * cmd_config.c - `mf config show [SECTION...]`: every configuration key (or those of the named
 * sections) with its effective value, where that value came from (default, file:line,
 * environment variable or flag) and what it does.
 */
#include <stdbool.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] = "usage: mf config show [SECTION...]\n"
                            "\n"
                            "Prints every configuration key (or only those of the named sections,\n"
                            "e.g. 'http sources'): its effective value, where the value\n"
                            "came from (default, FILE:LINE, environment variable, flag), and its\n"
                            "documentation. Precedence: default < file < environment < flags.\n";

/* Whether key "section.name" is in one of the n sections (every key when n is 0). */
static bool in_sections(const char *key, int n, char **sections)
{
    const char *dot = strchr(key, '.');
    size_t len = dot ? (size_t)(dot - key) : strlen(key);
    for (int i = 0; i < n; i++)
        if (strlen(sections[i]) == len && strncmp(key, sections[i], len) == 0)
            return true;
    return n == 0;
}

int mf_cli_config(mf_cli *cli, int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, cli->out);
        return MF_EXIT_OK;
    }
    if (argc < 2 || strcmp(argv[1], "show") != 0) {
        if (argc < 2)
            return mf_cli_usage_error(cli, "missing subcommand: expected 'show'");
        return mf_cli_usage_error(cli, "unknown subcommand '%s'", argv[1]);
    }
    for (size_t i = 0; i < mf_config_count(cli->cfg); i++) {
        mf_config_entry e;
        mf_error err;
        if (mf_config_entry_at(cli->cfg, i, &e, &err) != 0)
            return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        if (!in_sections(e.name, argc - 2, argv + 2))
            continue;
        char origin[256];
        fprintf(cli->out, "%s = %s  (from %s)\n    %s [env %s, default '%s']\n", e.name, e.value,
                mf_config_origin_format(&e.origin, origin, sizeof origin), e.doc, e.env, e.def);
    }
    return MF_EXIT_OK;
}
