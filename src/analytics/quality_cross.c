/*
 * quality_cross.c - cross-source consistency (quality_int.h, docs/quality.md): two series
 * that measure one thing (catalog/quality_pairs.csv) compared on every date both have in the
 * window; the measure is the largest |left - right| (abs) or |left / right - 1| x 100
 * (rel_pct).
 */
#include <math.h>

#include "analytics/quality_int.h"

void q_cross(const mf_quality_pair *p, const q_series *a, const q_series *b, q_sink *k)
{
    size_t i = a->w0, j = 0;
    while (j < b->n && b->d[j] < a->from)
        j++;
    double worst = -1, va = NAN, vb = NAN;
    mf_date wd = 0;
    size_t common = 0;
    while (i < a->n && j < b->n) {
        if (a->d[i] < b->d[j]) {
            i++;
        } else if (b->d[j] < a->d[i]) {
            j++;
        } else {
            double x = a->v[i], y = b->v[j];
            if (!isnan(x) && !isnan(y) && (!p->relative || y != 0)) {
                double diff = p->relative ? fabs(x / y - 1) * 100 : fabs(x - y);
                common++;
                if (diff > worst)
                    worst = diff, va = x, vb = y, wd = a->d[i];
            }
            i++, j++;
        }
    }
    if (common == 0)
        return; /* no date in common: staleness or gaps of one side say why */
    mf_quality_threshold t = {true, p->warning, p->critical, NAN, NAN};
    char x[MF_DATE_ISO_SIZE], y[MF_DATE_ISO_SIZE];
    q_emit(k, p->left, a->info->source, MF_QC_CROSS_SOURCE, worst, &t, &wd,
           "%s vs %s: largest difference %.4g%s over %zu common dates since %s: %.10g vs %.10g "
           "on %s",
           p->left, p->right, worst, p->relative ? " %" : "", common, q_iso(a->from, x), va, vb,
           q_iso(wd, y));
}
