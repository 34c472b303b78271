/*
 * main.c - entry point of mf: global options, configuration in layers, the logger, and
 * dispatch to the command table of cli.c.
 *
 *   mf [--db URL] [--config FILE] [--log-level LEVEL] COMMAND [ARGS]
 *   mf --help | --version | help [COMMAND]
 */
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/version_gen.h"
#include "sim/connector.h"

static void print_usage(FILE *f)
{
    fputs("usage: mf [--db URL] [--config FILE] [--log-level LEVEL] COMMAND [ARGS]\n"
          "\n"
          "The Macro Fund System command line.\n"
          "\n"
          "commands:\n",
          f);
    for (size_t i = 0; i < mf_cli_command_count; i++)
        fprintf(f, "  %-10s %s\n", mf_cli_commands[i].name, mf_cli_commands[i].summary);
    fputs("\n"
          "global options (before COMMAND):\n"
          "  --db URL           the store: sqlite:PATH or postgresql://... (store.url)\n"
          "  --config FILE      an INI configuration file (default: $MF_CONFIG if set)\n"
          "  --log-level LEVEL  debug, info, warn or error (log.level)\n"
          "  -h, --help         this text; 'mf COMMAND --help' explains a command\n"
          "  -V, --version      the version\n"
          "\n"
          "Settings: defaults < config file < MF_* environment < flags; see 'mf config show'.\n"
          "Exit codes: 0 success, 1 runtime failure, 2 usage error.\n",
          f);
}

static const mf_cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < mf_cli_command_count; i++)
        if (strcmp(mf_cli_commands[i].name, name) == 0)
            return &mf_cli_commands[i];
    return NULL;
}

/* The global flags, as given. */
typedef struct global_args {
    const char *db, *config, *log_level;
    bool help, version;
} global_args;

static int parse_globals(mf_cli *cli, int argc, char **argv, global_args *g)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},        {"config", required_argument, NULL, 'c'},
        {"log-level", required_argument, NULL, 'l'}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},         {NULL, 0, NULL, 0},
    };
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, "+:hV", longopts, &started)) != -1) {
        switch (c) {
        case 'd': g->db = optarg; break;
        case 'c': g->config = optarg; break;
        case 'l': g->log_level = optarg; break;
        case 'h': g->help = true; break;
        case 'V': g->version = true; break;
        default: return MF_EXIT_USAGE;
        }
    }
    return 0;
}

/* Defaults < file < environment < flags. Any error is the user's to fix: a usage error. */
static int load_config(mf_cli *cli, const global_args *g, mf_error *err)
{
    const char *file = g->config ? g->config : mf_config_env_process("MF_CONFIG", NULL);
    if (file != NULL && file[0] != '\0' && mf_config_load_file(cli->cfg, file, err) != 0)
        return err->code;
    if (mf_config_load_env(cli->cfg, mf_config_env_process, NULL, err) != 0)
        return err->code;
    if (g->db && mf_config_set(cli->cfg, "store.url", g->db, "--db", err) != 0)
        return err->code;
    if (g->log_level && mf_config_set(cli->cfg, "log.level", g->log_level, "--log-level", err))
        return err->code;
    return 0;
}

static int open_log(mf_cli *cli, mf_error *err)
{
    mf_log_level level;
    int rc = mf_config_get_log_level(cli->cfg, "log.level", &level, err);
    if (rc != 0)
        return rc;
    const char *file = mf_config_get_string(cli->cfg, "log.file");
    return mf_log_open(file && file[0] ? file : NULL, level, &cli->log, err);
}

int main(int argc, char **argv)
{
    mf_cli cli = {.out = stdout, .err = stderr, .cmd = "", .cfg = NULL, .log = NULL};
    global_args g = {0};
    mf_error err;
    int rc = parse_globals(&cli, argc, argv, &g);
    if (rc != 0)
        return rc;
    if (g.version) {
        printf("mf %s\n", MF_VERSION_STRING);
        return MF_EXIT_OK;
    }
    argc -= optind;
    argv += optind;
    if (g.help || argc == 0) {
        print_usage(argc == 0 && !g.help ? stderr : stdout);
        return argc == 0 && !g.help ? MF_EXIT_USAGE : MF_EXIT_OK;
    }

    /* `mf help CMD` is `mf CMD --help`. */
    char *help_argv[] = {NULL, "--help", NULL};
    if (strcmp(argv[0], "help") == 0) {
        if (argc == 1) {
            print_usage(stdout);
            return MF_EXIT_OK;
        }
        help_argv[0] = argv[1];
        argv = help_argv;
        argc = 2;
    }
    const mf_cli_command *cmd = find_command(argv[0]);
    if (cmd == NULL) {
        fprintf(stderr, "mf: unknown command '%s'; see 'mf --help'\n", argv[0]);
        return MF_EXIT_USAGE;
    }
    cli.cmd = cmd->name;

    if (mf_config_new(&cli.cfg, &err) != 0 || load_config(&cli, &g, &err) != 0 ||
        open_log(&cli, &err) != 0) {
        rc = mf_cli_fail(&cli, &err, err.code == MF_EIO ? MF_EXIT_FAILURE : MF_EXIT_USAGE);
        goto out;
    }
    /* The simulated market prices through analytics, so the data layer cannot list it: add it
       here, before any command runs, with the seed of sim.seed (docs/simulated-market.md). */
    int64_t seed = MF_SIM_DEFAULT_SEED;
    if (mf_config_get_int(cli.cfg, "sim.seed", &seed, &err) != 0 ||
        mf_connector_add(&mf_conn_simulated, &err) != 0) {
        rc = mf_cli_fail(&cli, &err, MF_EXIT_FAILURE);
        goto out;
    }
    mf_sim_set_seed((uint64_t)seed);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = cmd->run(&cli, argc, argv);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    mf_log_write_kv(
        cli.log, MF_LOG_DEBUG, "cli", "command finished",
        (const mf_log_kv[]){MF_LOG_STR("command", cmd->name), MF_LOG_INT("exit_code", rc),
                            MF_LOG_NUM("seconds", (double)(t1.tv_sec - t0.tv_sec) +
                                                      (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9)},
        3);
out:
    mf_sim_cache_clear();
    mf_log_close(cli.log);
    mf_config_free(cli.cfg);
    return rc;
}
