/*
 * quality_run.c - a quality run (quality.h): selects the series, reads each as known on the
 * as-of date, runs the enabled checks with the thresholds of the rules, adds the cross-source
 * pairs and the curves, scores everything and stores the run in one transaction.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analytics/quality_int.h"
#include "core/alloc.h"
#include "core/series.h"

/* The data of one series, owned. */
typedef struct loaded {
    mf_series *obs;
    mf_obs_vintage *vint;
    size_t nv_all;
} loaded;

static void loaded_free(loaded *l)
{
    mf_series_free(l->obs);
    mf_free(l->vint);
    memset(l, 0, sizeof *l);
}

/* Reads info's series as known on as_of into *l and describes it in *s. */
static int load(mf_store *st, const mf_series_info *info, const mf_calendar *br,
                const mf_calendar *us, const mf_quality_options *o, loaded *l, q_series *s,
                mf_error *err)
{
    memset(l, 0, sizeof *l);
    memset(s, 0, sizeof *s);
    mf_date from = o->as_of - (mf_date)o->window_days + 1;
    int rc = mf_repo_obs_asof(st, info->id, MF_DATE_MIN, o->as_of, o->as_of, &l->obs, err);
    if (rc == 0)
        rc = mf_repo_obs_vintages(st, info->id, from, o->as_of, &l->vint, &l->nv_all, err);
    if (rc != 0) {
        loaded_free(l);
        return rc;
    }
    /* keep the vintages known on as_of (in order: obs_date, then available_at) */
    size_t nv = 0;
    for (size_t i = 0; i < l->nv_all; i++)
        if (l->vint[i].available_at <= o->as_of)
            l->vint[nv++] = l->vint[i];
    s->info = info;
    s->cal = strcmp(info->country, "BR") == 0 ? br : strcmp(info->country, "US") == 0 ? us : NULL;
    s->as_of = o->as_of;
    s->from = from;
    s->d = mf_series_dates(l->obs);
    s->v = mf_series_values(l->obs);
    s->n = mf_series_len(l->obs);
    s->w0 = mf_series_lower_bound(mf_series_as_view(l->obs), from);
    s->vint = l->vint;
    s->nv = nv;
    return 0;
}

/* Every check of one series. */
static void check_series(const mf_quality_rules *rules, const mf_quality_options *o,
                         const q_series *s, q_sink *k)
{
    const mf_series_info *info = s->info;
    if (s->n == 0) {
        char a[MF_DATE_ISO_SIZE];
        q_emit_as(k, info->code, info->source, MF_QC_STALENESS, MF_QUALITY_INFO, MF_QUALITY_FAIL,
                  NAN, NAN, NULL, "%s: never loaded: no observation as of %s (not scored)",
                  info->code, q_iso(o->as_of, a));
        return;
    }
    mf_quality_threshold t[MF_QC_COUNT];
    for (int c = 0; c < MF_QC_COUNT; c++) {
        t[c] = mf_quality_threshold_for(rules, (mf_quality_check)c, info);
        t[c].enabled = t[c].enabled && !o->disabled[c];
    }
    if (t[MF_QC_STALENESS].enabled)
        q_staleness(s, &t[MF_QC_STALENESS], k);
    if (t[MF_QC_GAPS].enabled)
        q_gaps(s, &t[MF_QC_GAPS], k);
    if (t[MF_QC_DUPLICATES].enabled)
        q_duplicates(s, &t[MF_QC_DUPLICATES], k);
    if (t[MF_QC_OUTLIERS].enabled)
        q_outliers(s, &t[MF_QC_OUTLIERS], &t[MF_QC_RANGE], k);
    if (t[MF_QC_RANGE].enabled)
        q_range(s, &t[MF_QC_RANGE], k);
    if (t[MF_QC_REVISIONS].enabled)
        q_revisions(s, &t[MF_QC_REVISIONS], k);
    if (t[MF_QC_FLATLINE].enabled)
        q_flatline(s, &t[MF_QC_FLATLINE], k);
}

/* True when code is one of the run's selection. */
static bool selected(const mf_series_info *all, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i].code, code) == 0)
            return true;
    return false;
}

/* The cross-source pairs that touch the selection, both sides loaded. */
static int check_pairs(mf_store *st, const mf_quality_rules *rules, const mf_quality_options *o,
                       const mf_series_info *sel, size_t n_sel, const mf_calendar *br,
                       const mf_calendar *us, q_sink *k, mf_error *err)
{
    if (o->disabled[MF_QC_CROSS_SOURCE])
        return 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < rules->n_pairs; i++) {
        const mf_quality_pair *p = &rules->pairs[i];
        if (!selected(sel, n_sel, p->left) && !selected(sel, n_sel, p->right))
            continue;
        mf_series_info a, b;
        mf_error ignore;
        if (mf_repo_series_get(st, p->left, &a, &ignore) != 0 ||
            mf_repo_series_get(st, p->right, &b, &ignore) != 0)
            continue; /* not catalogued in this store */
        loaded la, lb;
        q_series sa, sb;
        if ((rc = load(st, &a, br, us, o, &la, &sa, err)) != 0)
            break;
        if ((rc = load(st, &b, br, us, o, &lb, &sb, err)) == 0) {
            if (sa.n > 0 && sb.n > 0)
                q_cross(p, &sa, &sb, k);
            loaded_free(&lb);
        }
        loaded_free(&la);
    }
    return rc;
}

static int by_code_check(const void *x, const void *y)
{
    const mf_quality_result *a = x, *b = y;
    int c = strcmp(a->code, b->code);
    return c ? c : (int)a->check - (int)b->check;
}

/* The series of the run: the codes given, or every series (of the source). */
static int select_series(mf_store *st, const mf_quality_options *o, mf_series_info **out, size_t *n,
                         mf_error *err)
{
    if (o->codes == NULL) {
        mf_series_filter f = MF_SERIES_FILTER_ALL;
        f.source = o->source;
        return mf_repo_series_list(st, &f, out, n, err);
    }
    size_t count = 0;
    while (o->codes[count])
        count++;
    mf_series_info *sel = mf_calloc(count ? count : 1, sizeof *sel);
    for (size_t i = 0; i < count; i++) {
        int rc = mf_repo_series_get(st, o->codes[i], &sel[i], err);
        if (rc != 0) {
            mf_free(sel);
            return rc;
        }
    }
    *out = sel;
    *n = count;
    return 0;
}

static void describe_scope(const mf_quality_options *o, char *buf, size_t size)
{
    size_t used = (size_t)snprintf(buf, size, "%s", o->source || o->codes ? "" : "all");
    if (o->source && used < size)
        used += (size_t)snprintf(buf + used, size - used, "source %s", o->source);
    for (size_t i = 0; o->codes && o->codes[i] && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 i      ? ","
                                 : used ? "; series "
                                        : "series ",
                                 o->codes[i]);
}

int mf_quality_run_checks(mf_store *st, const mf_quality_rules *rules, const mf_quality_options *o,
                          mf_quality_run *run, mf_error *err)
{
    if (o->window_days <= 0)
        return mf_error_set(err, MF_EINVAL, "quality window of %d days: must be positive",
                            o->window_days);
    mf_calendar *br = NULL, *us = NULL;
    int rc = mf_calendar_new("br", &br, err);
    if (rc == 0)
        rc = mf_calendar_new("us-gov", &us, err);
    mf_series_info *sel = NULL;
    size_t n_sel = 0;
    if (rc == 0)
        rc = select_series(st, o, &sel, &n_sel, err);
    q_sink k = {.now = o->now};
    for (size_t i = 0; rc == 0 && i < n_sel; i++) {
        loaded l;
        q_series s;
        if ((rc = load(st, &sel[i], br, us, o, &l, &s, err)) != 0)
            break;
        check_series(rules, o, &s, &k);
        loaded_free(&l);
    }
    if (rc == 0)
        rc = check_pairs(st, rules, o, sel, n_sel, br, us, &k, err);
    if (rc == 0 && o->curves && !o->codes && !o->disabled[MF_QC_CURVE_SANITY])
        rc = q_curves(st, rules, o->source, o->as_of - (mf_date)o->window_days + 1, o->as_of, &k,
                      err);
    if (rc == 0) {
        if (k.n > 1)
            qsort(k.r, k.n, sizeof *k.r, by_code_check);
        mf_quality_score *codes, *sources, all;
        size_t nc, ns;
        mf_quality_scores(k.r, k.n, &codes, &nc, &sources, &ns, &all);
        mf_free(codes);
        mf_free(sources);
        memset(run, 0, sizeof *run);
        run->started_at = o->now;
        int64_t wall = (int64_t)time(NULL);
        run->finished_at = wall > o->now ? wall : o->now;
        run->as_of = o->as_of;
        describe_scope(o, run->scope, sizeof run->scope);
        run->score = all.score;
        run->checks = all.checks;
        run->failing = all.failing;
        run->critical = all.critical;
        rc = mf_repo_quality_save(st, run, k.r, k.n, err);
    }
    mf_free(k.r);
    mf_free(sel);
    mf_calendar_free(us);
    mf_calendar_free(br);
    return rc;
}
