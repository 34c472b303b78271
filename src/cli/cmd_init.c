/*
 * cmd_init.c - `mf init`: creates the store named by --db / store.url, or brings its schema
 * up to date (opening a store applies its pending migrations in one transaction), then loads
 * the catalogue of series and instruments shipped with mf (src/data/catalog.h); with
 * --simulated, the stand-in catalogue: every real series and instrument served by the
 * simulated market (mf_catalog_stand_in(), docs/simulated-market.md).
 */
#include <stdbool.h>
#include <string.h>

#include "cli/cli.h"
#include "data/catalog.h"
#include "store/store.h"

int mf_cli_init(mf_cli *cli, int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs("usage: mf [--db URL] init [--no-catalog | --simulated]\n"
              "\n"
              "Creates the store at URL (default store.url, sqlite:mf.db) or applies the\n"
              "migrations it lacks, in one transaction; prints the backend and schema version.\n"
              "Then loads the catalogue of series and instruments shipped with mf (new ones\n"
              "created, changed ones updated; observations and prices are never touched).\n"
              "  --no-catalog  the schema only: a store for your own series\n"
              "  --simulated   a stand-in store: every catalogued series and instrument keeps\n"
              "                its code and name but is served by the simulated market\n"
              "                (source 'simulated', source_key 'SOURCE:KEY', flagged simulated).\n"
              "                A store made one way refuses the other kind of init.\n",
              cli->out);
        return MF_EXIT_OK;
    }
    bool with_catalog = true, stand_in = false;
    if (argc > 1 && strcmp(argv[1], "--no-catalog") == 0)
        with_catalog = false, argc--, argv++;
    else if (argc > 1 && strcmp(argv[1], "--simulated") == 0)
        stand_in = true, argc--, argv++;
    if (argc > 1)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[1]);
    mf_store *st;
    int rc = mf_cli_open_store(cli, &st);
    if (rc != 0)
        return rc;
    int version = 0;
    mf_error err;
    mf_catalog cat = {0};
    mf_catalog_report rep = {0};
    if (mf_store_schema_version(st, &version, &err) != 0 ||
        (with_catalog && (mf_catalog_builtin(&cat, &err) != 0 ||
                          (stand_in && mf_catalog_stand_in(&cat, &err) != 0) ||
                          mf_catalog_store(st, &cat, &rep, &err) != 0))) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    } else {
        fprintf(cli->out, "store %s ready: %s, schema version %d\n",
                mf_config_get_string(cli->cfg, "store.url"), mf_store_backend(st), version);
        if (with_catalog)
            fprintf(cli->out,
                    "catalogue%s: %zu series (%zu new, %zu updated), %zu instruments (%zu new, "
                    "%zu updated)\n",
                    stand_in ? " (stand-ins: every series SIMULATED)" : "", cat.n_series,
                    rep.series_created, rep.series_updated, cat.n_instruments,
                    rep.instruments_created, rep.instruments_updated);
    }
    mf_catalog_free(&cat);
    mf_store_close(st);
    return rc;
}
