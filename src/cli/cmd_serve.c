/*
 * cmd_serve.c - `mf serve`: runs the HTTP API (src/api/server.h) on the configured store
 * until SIGTERM or SIGINT, then finishes the requests in flight and exits.
 */
#include <getopt.h>
#include <signal.h>
#include <string.h>

#include "api/server.h"
#include "cli/cli.h"
#include "store/store.h"

static const char usage[] =
    "usage: mf [--db URL] serve [--host ADDR] [--port N] [--threads N]\n"
    "\n"
    "Serves the API under /api (docs/api.md; the document at /api/openapi.json) on\n"
    "ADDR:N (default server.host 127.0.0.1, server.port 8080; --port 0 takes a free port)\n"
    "and prints the URL. SIGTERM or SIGINT stop it after the requests in flight finish.\n";

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

int mf_cli_serve(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {{"host", required_argument, NULL, 'H'},
                                             {"port", required_argument, NULL, 'p'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    mf_api_options o;
    mf_api_options_default(&o);
    mf_error err;
    int64_t v[7];
    const char *keys[] = {"server.port",           "server.threads",     "server.max_body_kib",
                          "server.timeout_s",      "server.sse_poll_ms", "server.sse_heartbeat_s",
                          "server.sse_max_streams"};
    for (int i = 0; i < 7; i++)
        if (mf_config_get_int(cli->cfg, keys[i], &v[i], &err) != 0)
            return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    o.port = (int)v[0];
    o.threads = (int)v[1];
    o.max_body_bytes = (size_t)v[2] << 10;
    o.timeout_s = (int)v[3];
    o.sse_poll_ms = (int)v[4];
    o.sse_heartbeat_s = (int)v[5];
    o.sse_max_streams = (int)v[6];
    o.host = mf_config_get_string(cli->cfg, "server.host");
    o.cors_origins = mf_config_get_string(cli->cfg, "server.cors_origins");
    o.web_root = mf_config_get_string(cli->cfg, "server.web_root");
    o.store_url = mf_config_get_string(cli->cfg, "store.url");
    o.log = cli->log;
    int started = 0, c;
    long n;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'H': o.host = optarg; break;
        case 'p':
            if (mf_cli_parse_int(cli, "--port", optarg, 0, 65535, &n) != 0)
                return MF_EXIT_USAGE;
            o.port = (int)n;
            break;
        case 't':
            if (mf_cli_parse_int(cli, "--threads", optarg, 1, 32, &n) != 0)
                return MF_EXIT_USAGE;
            o.threads = (int)n;
            break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    /* The store must open (and be migrated) before the server says it is ready. */
    struct mf_store *st;
    int rc = mf_cli_open_store(cli, &st);
    if (rc != 0)
        return rc;
    mf_store_close(st);
    mf_api_server *server;
    if (mf_api_start(&o, &server, &err) != 0)
        return mf_cli_fail(cli, &err, err.code == MF_EINVAL ? MF_EXIT_USAGE : MF_EXIT_FAILURE);
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    fprintf(cli->out, "serving http://%s:%d/api/v1/health\n", o.host, mf_api_port(server));
    fflush(cli->out);
    sigset_t none;
    sigemptyset(&none);
    while (!stop_requested)
        sigsuspend(&none);
    mf_api_stop(server);
    fprintf(cli->out, "stopped\n");
    return MF_EXIT_OK;
}
