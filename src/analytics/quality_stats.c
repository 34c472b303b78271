/*
 * quality_stats.c - the robust checks (quality_int.h, docs/quality.md): outliers (spikes: with
 * z = (c - median(c)) / (1.4826 MAD(c)) the robust z-score of each change c in the window - log
 * returns of positive price-like series, differences otherwise - a value scores
 * min(|z in|, |z out|) when its changes in and out have opposite signs, the latest value
 * |z in|; the measure is the largest score) and revisions (the largest
 * move between consecutive vintages of one date, in units of 1.4826 MAD of the series'
 * period-to-period differences).
 */
#include <math.h>
#include <string.h>

#include "analytics/quality_int.h"
#include "analytics/stats.h"
#include "core/alloc.h"

enum { MIN_CHANGES = 12 }; /* fewer changes give no robust scale */

/* Log returns suit series quoted as a positive price or index level. */
static bool price_like(const mf_series_info *info)
{
    static const char *const categories[] = {"fx", "equity", "commodities"};
    for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
        if (strcmp(info->category, categories[i]) == 0)
            return true;
    return strncmp(info->unit, "index", 5) == 0;
}

static bool in_range(const mf_quality_threshold *range, double v)
{
    return !range->enabled || (v >= range->min && v <= range->max);
}

void q_outliers(const q_series *s, const mf_quality_threshold *t, const mf_quality_threshold *range,
                q_sink *k)
{
    if (s->w0 >= s->n)
        return;
    size_t i0 = s->w0 > 0 ? s->w0 - 1 : 0; /* the value before the window starts the changes */
    size_t m = s->n - i0;
    double *c = mf_malloc(3 * m * sizeof *c), *work = c + m;
    size_t *at = mf_malloc(2 * m * sizeof *at), *from = at + m; /* the values of each change */
    bool logs = price_like(s->info);
    for (size_t i = i0; i < s->n && logs; i++) /* log returns only when every value is > 0 */
        if (!isnan(s->v[i]) && in_range(range, s->v[i]) && !(s->v[i] > 0))
            logs = false;
    size_t nc = 0, prev = s->n;
    for (size_t i = i0; i < s->n; i++) {
        if (isnan(s->v[i]) || !in_range(range, s->v[i]))
            continue;
        if (prev < s->n) {
            c[nc] = logs ? log(s->v[i] / s->v[prev]) : s->v[i] - s->v[prev];
            from[nc] = prev;
            at[nc++] = i;
        }
        prev = i;
    }
    if (nc >= MIN_CHANGES) {
        double med = mf_stats_median(c, nc, work);
        double scale = MF_STATS_MAD_NORMAL * mf_stats_mad(c, nc, work);
        char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE], e[MF_DATE_ISO_SIZE];
        if (!(scale > 0)) {
            q_emit(k, s->info->code, s->info->source, MF_QC_OUTLIERS, 0, t, NULL,
                   "%s: %zu changes since %s, most of them equal (MAD 0): no robust scale, no "
                   "outlier measured",
                   s->info->code, nc, q_iso(s->from, a));
        } else {
            /* a spike: the change into a value and the change out of it both large and of
               opposite signs (a level that moves and stays is no data error); the latest
               value has no change out yet and is measured by its change in */
            double worst = -1;
            size_t wi = 0;
            for (size_t j = 0; j < nc; j++) {
                double z_in = (c[j] - med) / scale, score;
                if (j + 1 < nc && from[j + 1] == at[j]) {
                    double z_out = (c[j + 1] - med) / scale;
                    score = z_in * z_out < 0 ? fmin(fabs(z_in), fabs(z_out)) : 0;
                } else {
                    score = at[j] == s->n - 1 ? fabs(z_in) : 0;
                }
                if (score > worst)
                    worst = score, wi = j;
            }
            size_t i = at[wi], before = from[wi];
            mf_date d = s->d[i];
            q_emit(k, s->info->code, s->info->source, MF_QC_OUTLIERS, worst, t, &d,
                   "%s: largest spike, robust z-score %.2f of the %s into and out of a value "
                   "(%zu since %s): %.10g on %s after %.10g on %s",
                   s->info->code, worst, logs ? "log returns" : "changes", nc, q_iso(s->from, b),
                   s->v[i], q_iso(d, a), s->v[before], q_iso(s->d[before], e));
        }
    }
    mf_free(at);
    mf_free(c);
}

void q_revisions(const q_series *s, const mf_quality_threshold *t, q_sink *k)
{
    /* the scale: period-to-period differences over the whole history known on as_of */
    double *c = mf_malloc((2 * s->n + 1) * sizeof *c), *work = c + s->n;
    size_t nc = 0, prev = s->n;
    for (size_t i = 0; i < s->n; i++) {
        if (isnan(s->v[i]))
            continue;
        if (prev < s->n)
            c[nc++] = s->v[i] - s->v[prev];
        prev = i;
    }
    double scale = nc >= MIN_CHANGES ? MF_STATS_MAD_NORMAL * mf_stats_mad(c, nc, work) : 0;
    if (!(scale > 0)) { /* mostly flat or short: the mean size of the moves */
        double sum = 0;
        size_t moves = 0;
        for (size_t j = 0; j < nc; j++)
            if (c[j] != 0)
                sum += fabs(c[j]), moves++;
        scale = moves ? sum / (double)moves : 0;
    }
    mf_free(c);
    double worst = 0, from_v = NAN, to_v = NAN;
    mf_date wd = 0;
    size_t revised = 0;
    for (size_t i = 1; i < s->nv; i++) {
        const mf_obs_vintage *a = &s->vint[i - 1], *b = &s->vint[i];
        if (a->obs_date != b->obs_date || isnan(a->value) || isnan(b->value))
            continue;
        revised++;
        double size = fabs(b->value - a->value);
        double z = scale > 0 ? size / scale : (size > 0 ? INFINITY : 0);
        if (z > worst || revised == 1) {
            worst = z;
            from_v = a->value;
            to_v = b->value;
            wd = b->obs_date;
        }
    }
    char x[MF_DATE_ISO_SIZE], y[MF_DATE_ISO_SIZE];
    if (revised == 0) {
        q_emit(k, s->info->code, s->info->source, MF_QC_REVISIONS, 0, t, NULL,
               "%s: no revision of a value dated since %s", s->info->code, q_iso(s->from, x));
        return;
    }
    if (isinf(worst)) /* a revision of a series that never moved */
        worst = 1e9;
    q_emit(k, s->info->code, s->info->source, MF_QC_REVISIONS, worst, t, &wd,
           "%s: %zu revisions of values dated since %s; the largest %.10g -> %.10g on %s, %.2f "
           "times the typical move (1.4826 MAD of the differences, %.6g)",
           s->info->code, revised, q_iso(s->from, x), from_v, to_v, q_iso(wd, y), worst, scale);
}
