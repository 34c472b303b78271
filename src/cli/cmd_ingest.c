/*
 * cmd_ingest.c - `mf backfill` and `mf ingest`: fetch the catalogued series and instruments
 * from their sources into the store (src/data/ingest.h), with a progress bar on a terminal,
 * a log line per request otherwise, and a summary at the end.
 */
#include <getopt.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analytics/curve_di1_store.h"
#include "cli/cli.h"
#include "core/alloc.h"
#include "core/calendar.h"
#include "data/connectors/tesouro_direto.h"
#include "data/ingest.h"
#include "store/store.h"

static const char usage_backfill[] =
    "usage: mf [--db URL] backfill [--source S] [--series CODE[,CODE...]]... --from DATE\n"
    "                              [--to DATE] [--concurrency N] [--today DATE]\n"
    "\n"
    "Fetches the catalogued series and instruments (of source S, or the codes given) from\n"
    "DATE to --to (default today) into the store. Requests are split to each source's limits\n"
    "and each chunk is committed on its own: run the same command again after an\n"
    "interruption and it resumes after the last committed chunk.\n";

static const char usage_ingest[] =
    "usage: mf [--db URL] ingest [--source S] [--series CODE[,CODE...]]... [--from DATE]\n"
    "                            [--concurrency N] [--today DATE]\n"
    "\n"
    "Fetches what is new since each series' last observation, re-reading a source-specific\n"
    "overlap to catch revisions (stored as new vintages, never overwrites). A series with\n"
    "nothing stored starts at --from (default 2010-01-01).\n";

static const char usage_options[] =
    "\n"
    "  --source S         only this source: bcb_sgs, fred, ... (mf series list shows them)\n"
    "  --series CODES     only these series codes or instrument tickers (repeatable)\n"
    "  --concurrency N    sources fetched at once (default ingest.concurrency)\n"
    "  --today DATE       the fetch date (default: today, UTC)\n"
    "\n"
    "Exit status 1 when any request failed (the summary lists each with its reason).\n"
    "Then the quality checks run on the series fetched, as known on the last date fetched\n"
    "(quality.after_ingest; one summary line, 'mf quality report' for the detail).\n";

/* What the callbacks print to. */
typedef struct run_view {
    mf_cli *cli;
    bool tty;        /* draw a progress bar on stderr */
    bool bar_drawn;  /* a bar is on the current line */
    size_t n_failed; /* failures kept below */
    char failed[64][MF_ERROR_MSG_MAX + 96];
} run_view;

static const char *base_url(void *ctx, const char *source)
{
    run_view *v = ctx;
    char key[64];
    snprintf(key, sizeof key, "sources.%s", source);
    return mf_config_get_string(v->cli->cfg, key);
}

static void clear_bar(run_view *v)
{
    if (v->bar_drawn) {
        fputs("\r\033[K", v->cli->err);
        v->bar_drawn = false;
    }
}

static void on_item(void *ctx, const mf_ingest_item_report *r)
{
    run_view *v = ctx;
    if (r->failed && v->n_failed < sizeof v->failed / sizeof v->failed[0])
        snprintf(v->failed[v->n_failed++], sizeof v->failed[0], "%s %s: %s", r->source, r->request,
                 r->error);
    if (v->tty)
        return;
    char from[MF_DATE_ISO_SIZE], to[MF_DATE_ISO_SIZE];
    if (r->failed)
        fprintf(v->cli->err, "%s %s: failed: %s\n", r->source, r->request, r->error);
    else if (r->from > r->to)
        fprintf(v->cli->err, "%s %s: up to date\n", r->source, r->request);
    else
        fprintf(v->cli->err, "%s %s: %s..%s: %lld new, %lld unchanged, %lld revised\n", r->source,
                r->request, mf_date_format_iso(r->from, from), mf_date_format_iso(r->to, to),
                (long long)r->rows_new, (long long)r->rows_unchanged, (long long)r->rows_revised);
}

static void on_progress(void *ctx, const mf_ingest_progress *p)
{
    run_view *v = ctx;
    if (!v->tty)
        return;
    enum { WIDTH = 24 };
    int filled = p->items_total ? (int)(WIDTH * p->items_done / p->items_total) : WIDTH;
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = '\0';
    double rate = p->elapsed_s > 0 ? (double)p->rows_written / p->elapsed_s : 0;
    double eta = p->items_done ? p->elapsed_s * (double)(p->items_total - p->items_done) /
                                     (double)p->items_done
                               : 0;
    fprintf(v->cli->err, "\r\033[K[%s] %zu/%zu requests  %lld rows  %.0f rows/s  ETA %d:%02d", bar,
            p->items_done, p->items_total, (long long)p->rows_written, rate, (int)eta / 60,
            (int)eta % 60);
    fflush(v->cli->err);
    v->bar_drawn = true;
}

/* Creates the instrument of a ticker a standing request produced (B3 DI1 contracts). */
static int make_instrument(void *ctx, const char *ticker, mf_instrument *out, mf_error *err)
{
    if (strncmp(ticker, "DI1", 3) == 0)
        return mf_di1_instrument(ctx, ticker, out, err);
    if (strncmp(ticker, "TD.", 3) == 0) /* Tesouro Direto bonds */
        return mf_td_instrument(ticker, out, err);
    return MF_ENOTFOUND;
}

/* Splits "A,B" arguments of --series into codes[] (pointers into the argument strings). */
static int add_codes(mf_cli *cli, char *arg, const char ***codes, size_t *n, size_t *cap)
{
    for (char *save = NULL, *c = strtok_r(arg, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
        if (*n + 2 > *cap) {
            *cap = *cap ? 2 * *cap : 8;
            *codes = mf_reallocarray(*codes, *cap, sizeof **codes);
        }
        (*codes)[(*n)++] = c;
        (*codes)[*n] = NULL;
    }
    if (*n == 0)
        return mf_cli_usage_error(cli, "--series: expected CODE[,CODE...]");
    return 0;
}

static int options_from_config(mf_cli *cli, mf_ingest_options *o)
{
    mf_error err;
    int64_t v[8];
    const char *keys[] = {"http.connect_timeout_ms", "http.total_timeout_ms",
                          "http.max_retries",        "http.backoff_base_ms",
                          "http.backoff_max_ms",     "http.min_interval_ms",
                          "http.max_body_mib",       "ingest.concurrency"};
    for (int i = 0; i < 8; i++)
        if (mf_config_get_int(cli->cfg, keys[i], &v[i], &err) != 0)
            return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    mf_http_options_default(&o->http);
    o->http.connect_timeout_ms = (long)v[0];
    o->http.total_timeout_ms = (long)v[1];
    o->http.max_retries = (int)v[2];
    o->http.backoff_base_ms = (long)v[3];
    o->http.backoff_max_ms = (long)v[4];
    o->http.min_interval_ms = (long)v[5];
    o->http.max_body_bytes = (size_t)v[6] << 20;
    const char *ua = mf_config_get_string(cli->cfg, "http.user_agent");
    o->http.user_agent = ua && ua[0] ? ua : NULL;
    o->concurrency = (int)v[7];
    o->api_key = mf_config_get_string(cli->cfg, "fred.api_key");
    return 0;
}

static void print_summary(run_view *v, const char *what, const mf_ingest_summary *s, double seconds)
{
    clear_bar(v);
    fprintf(v->cli->out,
            "%s: %zu requests from %zu sources in %.1f s: %lld new, %lld unchanged, %lld "
            "revised, %zu failed\n",
            what, s->items, s->sources, seconds, (long long)s->rows_new,
            (long long)s->rows_unchanged, (long long)s->rows_revised, s->items_failed);
    for (size_t i = 0; i < v->n_failed; i++)
        fprintf(v->cli->out, "  failed %s\n", v->failed[i]);
    if (s->items_failed > v->n_failed)
        fprintf(v->cli->out, "  ... and %zu more failures\n", s->items_failed - v->n_failed);
}

int mf_cli_ingest(mf_cli *cli, int argc, char **argv)
{
    bool backfill = strcmp(argv[0], "backfill") == 0;
    static const struct option longopts[] = {{"source", required_argument, NULL, 's'},
                                             {"series", required_argument, NULL, 'c'},
                                             {"from", required_argument, NULL, 'f'},
                                             {"to", required_argument, NULL, 't'},
                                             {"concurrency", required_argument, NULL, 'n'},
                                             {"today", required_argument, NULL, 'd'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    mf_ingest_options o = {.mode = backfill ? MF_INGEST_BACKFILL : MF_INGEST_INCREMENTAL,
                           .from = mf_date_ymd(2010, 1, 1),
                           .today = (mf_date)(time(NULL) / 86400),
                           .now = (int64_t)time(NULL)};
    if (options_from_config(cli, &o) != 0)
        return MF_EXIT_USAGE;
    const char **codes = NULL;
    size_t n_codes = 0, cap_codes = 0;
    bool have_from = false, have_to = false;
    mf_date to = 0;
    int started = 0, c, rc = 0;
    long n;
    while (rc == 0 && (c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 's': o.source = optarg; break;
        case 'c': rc = add_codes(cli, optarg, &codes, &n_codes, &cap_codes); break;
        case 'f':
            rc = mf_cli_parse_date(cli, "--from", optarg, &o.from);
            have_from = true;
            break;
        case 't':
            rc = backfill ? mf_cli_parse_date(cli, "--to", optarg, &to)
                          : mf_cli_usage_error(cli, "--to is for backfill; ingest runs to today");
            have_to = true;
            break;
        case 'n':
            rc = mf_cli_parse_int(cli, "--concurrency", optarg, 1, 16, &n);
            o.concurrency = (int)n;
            break;
        case 'd': rc = mf_cli_parse_date(cli, "--today", optarg, &o.today); break;
        case 'h':
            fputs(backfill ? usage_backfill : usage_ingest, cli->out);
            fputs(usage_options, cli->out);
            mf_free(codes);
            return MF_EXIT_OK;
        default: rc = MF_EXIT_USAGE; break;
        }
    }
    if (rc == 0 && optind < argc)
        rc = mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (rc == 0 && backfill && !have_from)
        rc = mf_cli_usage_error(cli, "--from is required: the first date to fetch");
    o.to = have_to ? to : o.today;
    if (rc == 0 && backfill && o.to < o.from)
        rc = mf_cli_usage_error(cli, "--to is before --from");
    if (rc != 0) {
        mf_free(codes);
        return MF_EXIT_USAGE;
    }
    o.codes = codes;
    run_view *view = mf_calloc(1, sizeof *view);
    view->cli = cli;
    view->tty = isatty(fileno(cli->err)) == 1;
    o.base_url = base_url;
    o.on_item = on_item;
    o.on_progress = on_progress;
    o.ctx = view;
    mf_error err;
    mf_calendar *br = NULL;
    mf_store *st = NULL;
    if (mf_calendar_new("br", &br, &err) != 0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    } else if ((rc = mf_cli_open_store(cli, &st)) == 0) {
        o.make_instrument = make_instrument;
        o.make_ctx = br;
        mf_ingest_summary sum;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (mf_ingest_run(st, &o, &sum, &err) != 0) {
            rc = mf_cli_fail(cli, &err, err.code == MF_EINVAL ? MF_EXIT_USAGE : MF_EXIT_FAILURE);
        } else {
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
            print_summary(view, backfill ? "backfill" : "ingest", &sum, s);
            rc = sum.items_failed ? MF_EXIT_FAILURE : MF_EXIT_OK;
            /* the quality checks of what was fetched (quality.after_ingest); their verdict
               is printed, the exit status stays the ingestion's */
            if (mf_cli_quality_after_ingest(cli, st, o.source, o.codes, o.to) == MF_EXIT_USAGE)
                rc = MF_EXIT_USAGE;
        }
        mf_store_close(st);
    }
    mf_calendar_free(br);
    mf_free(view);
    mf_free(codes);
    return rc;
}
