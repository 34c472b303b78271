/*
 * cmd_init.c - `mf init`: creates the store named by --db / store.url, or brings its schema
 * up to date (opening a store applies its pending migrations in one transaction).
 */
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

int mf_cli_init(mf_cli *cli, int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs("usage: mf [--db URL] init\n"
              "\n"
              "Creates the store at URL (default store.url, sqlite:mf.db) or applies the\n"
              "migrations it lacks, in one transaction; prints the backend and schema version.\n",
              cli->out);
        return MF_EXIT_OK;
    }
    if (argc > 1)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[1]);
    mf_store *st;
    int rc = mf_cli_open_store(cli, &st);
    if (rc != 0)
        return rc;
    int version = 0;
    mf_error err;
    if (mf_store_schema_version(st, &version, &err) != 0)
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    else
        fprintf(cli->out, "store %s ready: %s, schema version %d\n",
                mf_config_get_string(cli->cfg, "store.url"), mf_store_backend(st), version);
    mf_store_close(st);
    return rc;
}
