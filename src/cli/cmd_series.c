/*
 * cmd_series.c - `mf series list` and `mf series show CODE`: the series catalogue.
 */
#include <getopt.h>
#include <jansson.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "store/rows_json.h"

static const char usage[] = "usage: mf [--db URL] series list [filters] [--format text|csv|json]\n"
                            "       mf [--db URL] series show CODE [--format text|json]\n"
                            "\n"
                            "The series catalogue. Filters of 'list':\n"
                            "  --source S       bcb_sgs, fred, ..., simulated, user\n"
                            "  --country C      ISO code: BR, US\n"
                            "  --category C     rates, inflation, ...\n"
                            "  --frequency F    D, W, M, Q or A\n"
                            "  --simulated      only simulated series (--real: only real ones)\n"
                            "  --prefix P       codes starting with P\n"
                            "  --format F       text (default), csv or json\n";

static void print_json(mf_cli *cli, json_t *j)
{
    json_dumpf(j, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', cli->out);
    json_decref(j);
}

/* CSV field: quoted when it holds a comma, quote or line end. */
static void csv_field(FILE *f, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
    } else {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    }
    fputc(last ? '\n' : ',', f);
}

static int cmd_list(mf_cli *cli, mf_store *st, const mf_series_filter *filter, mf_cli_format fmt)
{
    mf_series_info *rows;
    size_t n;
    mf_error err;
    if (mf_repo_series_list(st, filter, &rows, &n, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    if (fmt == MF_CLI_JSON) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, mf_series_info_json(&rows[i]));
        print_json(cli, a);
    } else if (fmt == MF_CLI_CSV) {
        fputs("code,source,frequency,country,category,simulated,name\n", cli->out);
        for (size_t i = 0; i < n; i++) {
            const mf_series_info *s = &rows[i];
            char freq[2] = {s->frequency, '\0'};
            csv_field(cli->out, s->code, false);
            csv_field(cli->out, s->source, false);
            csv_field(cli->out, freq, false);
            csv_field(cli->out, s->country, false);
            csv_field(cli->out, s->category, false);
            csv_field(cli->out, s->simulated ? "1" : "0", false);
            csv_field(cli->out, s->name, true);
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            const mf_series_info *s = &rows[i];
            fprintf(cli->out, "%-24s %-10s %c %-2s %s%s\n", s->code, s->source,
                    s->frequency ? s->frequency : '-', s->country[0] ? s->country : "--", s->name,
                    s->simulated ? " [SIMULATED]" : "");
        }
    }
    mf_free(rows);
    return MF_EXIT_OK;
}

static int cmd_show(mf_cli *cli, mf_store *st, const char *code, mf_cli_format fmt)
{
    mf_series_info s;
    mf_error err;
    if (mf_repo_series_get(st, code, &s, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    mf_date last = 0;
    bool found = false;
    if (mf_repo_obs_last_date(st, s.id, &last, &found, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    char day[MF_DATE_ISO_SIZE] = "";
    if (found)
        mf_date_format_iso(last, day);
    if (fmt == MF_CLI_JSON) {
        json_t *o = mf_series_info_json(&s);
        json_object_set_new(o, "last_obs_date", found ? json_string(day) : json_null());
        print_json(cli, o);
        return MF_EXIT_OK;
    }
    char freq[2] = {s.frequency ? s.frequency : '-', '\0'};
    fprintf(cli->out,
            "code            %s%s\nname            %s\nsource          %s%s%s\n"
            "frequency       %s\nunit            %s\ncountry         %s\ncategory        %s\n",
            s.code, s.simulated ? " [SIMULATED]" : "", s.name, s.source, s.source_key[0] ? " " : "",
            s.source_key, freq, s.unit, s.country, s.category);
    if (s.release_lag_days >= 0)
        fprintf(cli->out, "release lag     %d days\n", s.release_lag_days);
    fprintf(cli->out, "last obs_date   %s\n", found ? day : "none");
    if (s.description[0])
        fprintf(cli->out, "description     %s\n", s.description);
    return MF_EXIT_OK;
}

int mf_cli_series(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"source", required_argument, NULL, 's'},   {"country", required_argument, NULL, 'c'},
        {"category", required_argument, NULL, 'g'}, {"frequency", required_argument, NULL, 'f'},
        {"simulated", no_argument, NULL, 'S'},      {"real", no_argument, NULL, 'R'},
        {"prefix", required_argument, NULL, 'p'},   {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
    };
    if (argc < 2)
        return mf_cli_usage_error(cli, "missing subcommand: expected list or show");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, cli->out);
        return MF_EXIT_OK;
    }
    const char *sub = argv[1];
    bool list = strcmp(sub, "list") == 0;
    if (!list && strcmp(sub, "show") != 0)
        return mf_cli_usage_error(cli, "unknown subcommand '%s'", sub);
    mf_series_filter filter = MF_SERIES_FILTER_ALL;
    mf_cli_format fmt = MF_CLI_TEXT;
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc - 1, argv + 1, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 's': filter.source = optarg; break;
        case 'c': filter.country = optarg; break;
        case 'g': filter.category = optarg; break;
        case 'f':
            if (strlen(optarg) != 1 || strchr("DWMQA", optarg[0]) == NULL)
                return mf_cli_usage_error(cli, "--frequency: expected D, W, M, Q or A, got '%s'",
                                          optarg);
            filter.frequency = optarg[0];
            break;
        case 'S': filter.simulated = 1; break;
        case 'R': filter.simulated = 0; break;
        case 'p': filter.code_prefix = optarg; break;
        case 'F':
            if (mf_cli_parse_format(cli, optarg, list ? 7u : 5u, &fmt) != 0)
                return MF_EXIT_USAGE;
            break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    int npos = argc - 1 - optind, want = list ? 0 : 1;
    if (npos != want)
        return npos < want
                   ? mf_cli_usage_error(cli, "show needs a series CODE")
                   : mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1 + want]);
    mf_store *st;
    int rc = mf_cli_open_store(cli, &st);
    if (rc != 0)
        return rc;
    rc = list ? cmd_list(cli, st, &filter, fmt) : cmd_show(cli, st, argv[optind + 1], fmt);
    mf_store_close(st);
    return rc;
}
