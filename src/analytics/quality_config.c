/*
 * quality_config.c - the thresholds of the quality checks and the cross-source pairs:
 * parsing catalog/quality.csv and catalog/quality_pairs.csv (embedded at build time) and
 * looking up the rule that applies to a series (see quality.h, docs/quality.md).
 */
#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/quality.h"
#include "analytics/quality_pairs_csv.h" /* generated: mf__quality_pairs_csv */
#include "analytics/quality_rules_csv.h" /* generated: mf__quality_rules_csv */
#include "core/alloc.h"
#include "core/csv.h"

enum { LINE_MAX_BYTES = 1024, MAX_FIELDS = 8 };

/* Parses a threshold field: "" is NaN (no such level); else a finite number. */
static int parse_number(const char *text, const char *what, double *out, mf_error *err)
{
    if (text[0] == '\0') {
        *out = NAN;
        return 0;
    }
    char *end;
    double v = strtod(text, &end);
    if (*end != '\0' || !isfinite(v))
        return mf_error_set(err, MF_EINVAL, "%s '%s' is not a number", what, text);
    *out = v;
    return 0;
}

static int parse_rule(char **f, mf_quality_rule *r, mf_error *err)
{
    static const struct {
        const char *name;
        char scope;
    } scopes[] = {
        {"code", 'c'}, {"unit", 'u'}, {"category", 'k'}, {"frequency", 'f'}, {"default", 'd'}};
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
        if (strcmp(f[0], scopes[i].name) == 0)
            r->scope = scopes[i].scope;
    if (r->scope == 0)
        return mf_error_set(err, MF_EINVAL,
                            "scope '%s': expected code, unit, category, frequency or default",
                            f[0]);
    size_t len = strlen(f[1]);
    if (len == 0 || len >= sizeof r->match)
        return mf_error_set(err, MF_EINVAL, "match '%s' must be 1 to %zu bytes", f[1],
                            sizeof r->match - 1);
    memcpy(r->match, f[1], len + 1);
    int rc = mf_quality_check_parse(f[2], &r->check, err);
    if (rc != 0)
        return rc;
    r->t.enabled = strcmp(f[3], "off") != 0;
    if (!r->t.enabled) {
        r->t.warning = r->t.critical = r->t.min = r->t.max = NAN;
        return 0;
    }
    if ((rc = parse_number(f[3], "warning", &r->t.warning, err)) != 0 ||
        (rc = parse_number(f[4], "critical", &r->t.critical, err)) != 0 ||
        (rc = parse_number(f[5], "min", &r->t.min, err)) != 0 ||
        (rc = parse_number(f[6], "max", &r->t.max, err)) != 0)
        return rc;
    if (isnan(r->t.warning) && isnan(r->t.critical))
        return mf_error_set(err, MF_EINVAL,
                            "%s: a warning or a critical threshold is needed "
                            "(or 'off' to switch it off)",
                            f[2]);
    if (!isnan(r->t.warning) && !isnan(r->t.critical) && r->t.critical < r->t.warning)
        return mf_error_set(err, MF_EINVAL, "%s: critical %s is below warning %s", f[2], f[4],
                            f[3]);
    bool needs_bounds = r->check == MF_QC_RANGE || r->check == MF_QC_CURVE_SANITY;
    if (needs_bounds && (isnan(r->t.min) || isnan(r->t.max) || r->t.min >= r->t.max))
        return mf_error_set(err, MF_EINVAL, "%s needs min < max", f[2]);
    if (r->scope == 'f' && (strlen(r->match) != 1 || !strchr("DWMQA", r->match[0])))
        return mf_error_set(err, MF_EINVAL, "frequency '%s': expected D, W, M, Q or A", r->match);
    return 0;
}

static int parse_pair(char **f, mf_quality_pair *p, mf_error *err)
{
    memset(p, 0, sizeof *p);
    int rc;
    if ((rc = mf_series_code_check(f[0], err)) != 0 || (rc = mf_series_code_check(f[1], err)) != 0)
        return rc;
    if (strcmp(f[0], f[1]) == 0)
        return mf_error_set(err, MF_EINVAL, "pair '%s' with itself", f[0]);
    memcpy(p->left, f[0], strlen(f[0]) + 1);
    memcpy(p->right, f[1], strlen(f[1]) + 1);
    if (strcmp(f[2], "rel_pct") == 0)
        p->relative = true;
    else if (strcmp(f[2], "abs") != 0)
        return mf_error_set(err, MF_EINVAL, "measure '%s': expected abs or rel_pct", f[2]);
    if ((rc = parse_number(f[3], "warning", &p->warning, err)) != 0 ||
        (rc = parse_number(f[4], "critical", &p->critical, err)) != 0)
        return rc;
    if (isnan(p->warning) && isnan(p->critical))
        return mf_error_set(err, MF_EINVAL,
                            "pair %s,%s: a warning or a critical tolerance "
                            "is needed",
                            f[0], f[1]);
    return 0;
}

/* Parses text line by line: the header, then n_fields fields a line, each handed to one_line
   (rules or pairs). */
static int parse_file(mf_quality_rules *r, bool pairs, const char *path, const char *text,
                      size_t len, mf_error *err)
{
    const char *header = pairs ? MF_QUALITY_PAIRS_HEADER : MF_QUALITY_RULES_HEADER;
    int n_fields = pairs ? 6 : 8;
    size_t n0 = pairs ? r->n_pairs : r->n_rules, line = 0;
    size_t cap = n0;
    char buf[LINE_MAX_BYTES + 1];
    char *f[MAX_FIELDS];
    int rc = 0;
    bool have_header = false;
    for (size_t i = 0; i < len && rc == 0;) {
        const char *start = text + i, *nl = memchr(start, '\n', len - i);
        size_t n = nl ? (size_t)(nl - start) : len - i;
        i += n + 1;
        line++;
        if (n > 0 && start[n - 1] == '\r')
            n--;
        if (n > LINE_MAX_BYTES) {
            rc = mf_error_set(err, MF_EINVAL, "%s:%zu: line longer than %d bytes", path, line,
                              LINE_MAX_BYTES);
            break;
        }
        if (!have_header) {
            if (n != strlen(header) || memcmp(start, header, n) != 0)
                rc = mf_error_set(err, MF_EINVAL, "%s:%zu: expected the header '%s'", path, line,
                                  header);
            have_header = true;
            continue;
        }
        if (n == 0)
            continue;
        memcpy(buf, start, n);
        buf[n] = '\0';
        int nf = mf_csv_split(buf, f, MAX_FIELDS);
        if (nf != n_fields) {
            rc = mf_error_set(err, MF_EINVAL, "%s:%zu: expected %d fields%s", path, line, n_fields,
                              nf < 0 ? " (malformed quotes)" : "");
            break;
        }
        size_t *count = pairs ? &r->n_pairs : &r->n_rules;
        if (*count == cap) {
            cap = cap ? 2 * cap : 32;
            if (pairs)
                r->pairs = mf_reallocarray(r->pairs, cap, sizeof *r->pairs);
            else
                r->rules = mf_reallocarray(r->rules, cap, sizeof *r->rules);
        }
        rc = pairs ? parse_pair(f, &r->pairs[*count], err) : parse_rule(f, &r->rules[*count], err);
        if (rc != 0)
            mf_error_prefix(err, "%s:%zu: ", path, line);
        else
            (*count)++;
    }
    if (rc == 0 && !have_header)
        rc = mf_error_set(err, MF_EINVAL, "%s: empty: expected the header '%s'", path, header);
    if (rc != 0)
        *(pairs ? &r->n_pairs : &r->n_rules) = n0;
    return rc;
}

int mf_quality_rules_parse(mf_quality_rules *r, const char *path, const char *text, size_t len,
                           mf_error *err)
{
    return parse_file(r, false, path, text, len, err);
}

int mf_quality_pairs_parse(mf_quality_rules *r, const char *path, const char *text, size_t len,
                           mf_error *err)
{
    return parse_file(r, true, path, text, len, err);
}

int mf_quality_rules_builtin(mf_quality_rules *out, mf_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = mf_quality_rules_parse(out, "catalog/quality.csv", mf__quality_rules_csv,
                                    mf__quality_rules_csv_len, err);
    if (rc == 0)
        rc = mf_quality_pairs_parse(out, "catalog/quality_pairs.csv", mf__quality_pairs_csv,
                                    mf__quality_pairs_csv_len, err);
    if (rc != 0)
        mf_quality_rules_free(out);
    return rc;
}

void mf_quality_rules_free(mf_quality_rules *r)
{
    if (r == NULL)
        return;
    mf_free(r->rules);
    mf_free(r->pairs);
    memset(r, 0, sizeof *r);
}

/* True when rule matches the series info. */
static bool matches(const mf_quality_rule *rule, const mf_series_info *info)
{
    switch (rule->scope) {
    case 'c': return fnmatch(rule->match, info->code, 0) == 0;
    case 'u': return info->unit[0] != '\0' && fnmatch(rule->match, info->unit, 0) == 0;
    case 'k': return strcmp(rule->match, info->category) == 0;
    case 'f': return info->frequency != 0 && rule->match[0] == info->frequency;
    default: return true;
    }
}

mf_quality_threshold mf_quality_threshold_for(const mf_quality_rules *r, mf_quality_check check,
                                              const mf_series_info *info)
{
    static const char order[] = "cukfd";
    for (const char *scope = order; *scope; scope++)
        for (size_t i = 0; i < r->n_rules; i++) {
            const mf_quality_rule *rule = &r->rules[i];
            if (rule->check == check && rule->scope == *scope && matches(rule, info))
                return rule->t;
        }
    return (mf_quality_threshold){false, NAN, NAN, NAN, NAN};
}
