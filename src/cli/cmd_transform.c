/*
 * cmd_transform.c - `mf transform list` (the derived-series definitions, or the transforms)
 * and `mf transform run` (materialise the derived series in the store, incrementally).
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "analytics/derived_catalog.h"
#include "analytics/transform.h"
#include "cli/cli.h"
#include "core/alloc.h"
#include "core/log.h"

static const char usage[] =
    "usage: mf transform list [--transforms] [--catalog FILE] [--format text|json]\n"
    "       mf [--db URL] transform run [--series CODE] [--catalog FILE]\n"
    "\n"
    "Derived series: transforms of stored series (returns, volatilities, z-scores, macro\n"
    "changes, spreads, indicators), defined in catalog/derived.csv (embedded) or --catalog FILE.\n"
    "'list' prints the definitions (--transforms: the transforms and their parameters); 'run'\n"
    "creates each derived series (source 'derived') with its lineage and computes its vintages\n"
    "point in time, incrementally: only what changed since its inputs were last seen. A\n"
    "definition whose inputs are not in the store is skipped with a message.\n"
    "  --series CODE    run only this definition (its derived inputs must be up to date)\n"
    "  --catalog FILE   definitions from FILE (header " MF_DERIVED_CSV_HEADER ")\n"
    "  --transforms     list the transforms instead of the definitions\n"
    "  --format F       text (default) or json\n";

/* Reads path whole into a buffer (caller frees with mf_free), capped at 16 MiB. */
static int read_file(mf_cli *cli, const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(cli->err, "mf %s: cannot open '%s': %s\n", cli->cmd, path, strerror(errno));
        return MF_EXIT_FAILURE;
    }
    size_t cap = 1 << 16, n = 0, got;
    char *buf = mf_malloc(cap);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            if (cap >= (16u << 20)) {
                fclose(f);
                mf_free(buf);
                fprintf(cli->err, "mf %s: '%s' is larger than 16 MiB\n", cli->cmd, path);
                return MF_EXIT_FAILURE;
            }
            cap *= 2;
            buf = mf_realloc(buf, cap);
        }
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad) {
        mf_free(buf);
        fprintf(cli->err, "mf %s: cannot read '%s'\n", cli->cmd, path);
        return MF_EXIT_FAILURE;
    }
    *out = buf;
    *len = n;
    return MF_EXIT_OK;
}

static int load(mf_cli *cli, const char *path, mf_derived_catalog *c)
{
    mf_error err;
    if (path == NULL) {
        if (mf_derived_catalog_builtin(c, &err) != 0)
            return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        return MF_EXIT_OK;
    }
    char *text;
    size_t len;
    int rc = read_file(cli, path, &text, &len);
    if (rc != MF_EXIT_OK)
        return rc;
    rc = mf_derived_catalog_parse(path, text, len, c, &err);
    mf_free(text);
    return rc != 0 ? mf_cli_fail(cli, &err, MF_EXIT_FAILURE) : MF_EXIT_OK;
}

static void print_json(mf_cli *cli, json_t *j)
{
    json_dumpf(j, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', cli->out);
    json_decref(j);
}

static int list_transforms(mf_cli *cli, mf_cli_format fmt)
{
    const mf_transform *t;
    json_t *a = fmt == MF_CLI_JSON ? json_array() : NULL;
    for (size_t i = 0; (t = mf_transform_at(i)) != NULL; i++) {
        char inputs[32];
        if (t->min_inputs == t->max_inputs)
            snprintf(inputs, sizeof inputs, "%zu", t->min_inputs);
        else
            snprintf(inputs, sizeof inputs, "%zu..%zu", t->min_inputs, t->max_inputs);
        if (a != NULL) {
            json_t *o = json_object();
            json_object_set_new(o, "name", json_string(t->name));
            json_object_set_new(o, "inputs", json_string(inputs));
            json_object_set_new(o, "params", json_string(t->keys));
            json_object_set_new(o, "summary", json_string(t->summary));
            json_array_append_new(a, o);
        } else {
            fprintf(cli->out, "%-16s %-6s %-22s %s\n", t->name, inputs, t->keys[0] ? t->keys : "-",
                    t->summary);
        }
    }
    if (a != NULL)
        print_json(cli, a);
    return MF_EXIT_OK;
}

static int cmd_list(mf_cli *cli, const char *path, bool transforms, mf_cli_format fmt)
{
    if (transforms)
        return list_transforms(cli, fmt);
    mf_derived_catalog c = {0};
    int rc = load(cli, path, &c);
    if (rc != MF_EXIT_OK)
        return rc;
    json_t *a = fmt == MF_CLI_JSON ? json_array() : NULL;
    for (size_t i = 0; i < c.n; i++) {
        const mf_derived_entry *e = &c.entries[i];
        char inputs[MF_DERIVED_MAX_INPUTS * MF_SERIES_CODE_MAX] = "";
        size_t len = 0;
        for (size_t j = 0; j < e->n_inputs; j++)
            len += (size_t)snprintf(inputs + len, sizeof inputs - len, "%s%s", j ? ";" : "",
                                    e->inputs[j]);
        if (a != NULL) {
            json_t *o = json_object(), *in = json_array();
            json_object_set_new(o, "code", json_string(e->info.code));
            json_object_set_new(o, "transform", json_string(e->transform));
            for (size_t j = 0; j < e->n_inputs; j++)
                json_array_append_new(in, json_string(e->inputs[j]));
            json_object_set_new(o, "inputs", in);
            json_object_set_new(o, "params", json_loads(e->params, 0, NULL));
            json_object_set_new(o, "name", json_string(e->info.name));
            json_array_append_new(a, o);
        } else {
            fprintf(cli->out, "%-24s %-16s %s %s\n", e->info.code, e->transform, inputs,
                    strcmp(e->params, "{}") ? e->params : "");
        }
    }
    if (a != NULL)
        print_json(cli, a);
    mf_derived_catalog_release(&c);
    return MF_EXIT_OK;
}

typedef struct run_counts {
    mf_cli *cli;
    size_t computed, up_to_date, skipped;
    size_t rows_new, rows_revised, input_rows;
    double read_s, compute_s, write_s;
} run_counts;

static void on_result(void *ctx, const mf_derived_result *r)
{
    run_counts *c = ctx;
    FILE *out = c->cli->out;
    const char *code = r->entry->info.code;
    if (r->status == MF_DERIVED_SKIPPED_INPUTS) {
        c->skipped++;
        if (r->missing[0])
            fprintf(out, "%s skipped: input '%s' is not in the store\n", code, r->missing);
        else
            fprintf(out, "%s skipped: an input has no observations\n", code);
        return;
    }
    if (r->status == MF_DERIVED_UP_TO_DATE) {
        c->up_to_date++;
        fprintf(out, "%s up to date\n", code);
        return;
    }
    const mf_derive_report *p = &r->report;
    c->computed++;
    c->input_rows += p->input_rows;
    c->read_s += p->read_seconds;
    c->compute_s += p->compute_seconds;
    c->write_s += p->write_seconds;
    c->rows_new += p->rows_new;
    c->rows_revised += p->rows_revised;
    char from[MF_DATE_ISO_SIZE] = "the start";
    if (p->first_changed != MF_DATE_MIN && p->first_changed != MF_DATE_MAX)
        mf_date_format_iso(p->first_changed, from);
    fprintf(out, "%s computed from %s: %zu new, %zu revised, %zu unchanged vintages", code, from,
            p->rows_new, p->rows_revised, p->rows_unchanged);
    if (p->conflicts)
        fprintf(out, " (%zu dated the run's day: their input vintages arrived late)", p->conflicts);
    fputc('\n', out);
}

static int cmd_run(mf_cli *cli, const char *path, const char *only)
{
    mf_derived_catalog c = {0};
    int rc = load(cli, path, &c);
    if (rc != MF_EXIT_OK)
        return rc;
    mf_store *st = NULL;
    if ((rc = mf_cli_open_store(cli, &st)) != MF_EXIT_OK) {
        mf_derived_catalog_release(&c);
        return rc;
    }
    run_counts counts = {.cli = cli};
    mf_error err;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = mf_derived_catalog_run(st, &c, only, (int64_t)time(NULL), on_result, &counts, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc == 0) {
        const mf_log_kv kv[] = {
            MF_LOG_NUM("seconds",
                       (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec)),
            MF_LOG_NUM("read_seconds", counts.read_s),
            MF_LOG_NUM("compute_seconds", counts.compute_s),
            MF_LOG_NUM("write_seconds", counts.write_s),
            MF_LOG_INT("computed", counts.computed),
            MF_LOG_INT("input_rows", counts.input_rows),
            MF_LOG_INT("rows_new", counts.rows_new),
            MF_LOG_INT("rows_revised", counts.rows_revised),
        };
        mf_log_write_kv(cli->log, MF_LOG_DEBUG, "transform", "transform run", kv,
                        sizeof kv / sizeof kv[0]);
    }
    mf_store_close(st);
    mf_derived_catalog_release(&c);
    if (rc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    fprintf(cli->out,
            "transform: %zu computed (%zu new, %zu revised vintages), %zu up to date, "
            "%zu skipped\n",
            counts.computed, counts.rows_new, counts.rows_revised, counts.up_to_date,
            counts.skipped);
    return MF_EXIT_OK;
}

int mf_cli_transform(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"series", required_argument, NULL, 's'}, {"catalog", required_argument, NULL, 'c'},
        {"transforms", no_argument, NULL, 't'},   {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, cli->out);
        return MF_EXIT_OK;
    }
    if (argc < 2)
        return mf_cli_usage_error(cli, "missing subcommand: expected list or run");
    const char *sub = argv[1], *series = NULL, *catalog = NULL;
    bool transforms = false, is_run = strcmp(sub, "run") == 0;
    if (!is_run && strcmp(sub, "list") != 0)
        return mf_cli_usage_error(cli, "unknown subcommand '%s': expected list or run", sub);
    mf_cli_format fmt = MF_CLI_TEXT;
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc - 1, argv + 1, ":", longopts, &started)) != -1) {
        switch (c) {
        case 's':
            if (!is_run)
                return mf_cli_usage_error(cli, "--series is an option of 'run'");
            series = optarg;
            break;
        case 'c': catalog = optarg; break;
        case 't':
            if (is_run)
                return mf_cli_usage_error(cli, "--transforms is an option of 'list'");
            transforms = true;
            break;
        case 'F':
            if (is_run)
                return mf_cli_usage_error(cli, "--format is an option of 'list'");
            if (mf_cli_parse_format(cli, optarg, 1u << MF_CLI_TEXT | 1u << MF_CLI_JSON, &fmt))
                return MF_EXIT_USAGE;
            break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (optind < argc - 1)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
    return is_run ? cmd_run(cli, catalog, series) : cmd_list(cli, catalog, transforms, fmt);
}
