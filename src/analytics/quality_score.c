/*
 * quality_score.c - quality scores (quality.h, docs/quality.md). A result counts when it
 * passed or failed as warning or critical (an info failure - a series never loaded - is a
 * note, not scored). A code's score is 100 x (1 - (0.5 x warnings + criticals) / counted);
 * a source's and the overall score are the means of the scores of their codes that have one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/quality.h"
#include "core/alloc.h"

typedef struct tally {
    double cost, sum_scores;
    int64_t counted, failing, critical, scored;
} tally;

static void finish_code(mf_quality_score *s, const tally *t)
{
    s->checks = t->counted;
    s->failing = t->failing;
    s->critical = t->critical;
    s->score = t->counted ? 100.0 * (1.0 - t->cost / (double)t->counted) : NAN;
}

/* Adds result r to the tally t of its code. */
static void add(tally *t, mf_quality_score *s, const mf_quality_result *r)
{
    if (r->status == MF_QUALITY_FAIL) {
        if (!s->any_failed || r->severity > s->worst)
            s->worst = r->severity;
        s->any_failed = true;
    }
    if (r->status == MF_QUALITY_FAIL && r->severity == MF_QUALITY_INFO)
        return; /* a note */
    t->counted++;
    if (r->status == MF_QUALITY_FAIL) {
        t->failing++;
        t->critical += r->severity == MF_QUALITY_CRITICAL;
        t->cost += r->severity == MF_QUALITY_CRITICAL ? 1.0 : 0.5;
    }
}

/* The entry of source in src[0..*n), added when missing. */
static mf_quality_score *source_entry(mf_quality_score **src, tally **tallies, size_t *n,
                                      size_t *cap, const char *source)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*src)[i].key, source) == 0)
            return &(*src)[i];
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        *src = mf_reallocarray(*src, *cap, sizeof **src);
        *tallies = mf_reallocarray(*tallies, *cap, sizeof **tallies);
    }
    mf_quality_score *s = &(*src)[*n];
    memset(s, 0, sizeof *s);
    memset(&(*tallies)[*n], 0, sizeof **tallies);
    snprintf(s->key, sizeof s->key, "%s", source);
    snprintf(s->source, sizeof s->source, "%s", source);
    (*n)++;
    return s;
}

/* Adds a scored code to an aggregate (a source, or everything). */
static void aggregate(mf_quality_score *agg, tally *t, const mf_quality_score *code)
{
    agg->checks += code->checks;
    agg->failing += code->failing;
    agg->critical += code->critical;
    if (code->any_failed && (!agg->any_failed || code->worst > agg->worst))
        agg->worst = code->worst;
    agg->any_failed = agg->any_failed || code->any_failed;
    if (!isnan(code->score)) {
        t->sum_scores += code->score;
        t->scored++;
    }
    agg->series = t->scored;
    agg->score = t->scored ? t->sum_scores / (double)t->scored : NAN;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const mf_quality_score *)a)->key, ((const mf_quality_score *)b)->key);
}

void mf_quality_scores(const mf_quality_result *results, size_t n, mf_quality_score **per_code,
                       size_t *n_code, mf_quality_score **per_source, size_t *n_source,
                       mf_quality_score *overall)
{
    mf_quality_score *codes = NULL, *src = NULL;
    tally *src_tally = NULL, all = {0};
    size_t nc = 0, cap_c = 0, ns = 0, cap_s = 0;
    memset(overall, 0, sizeof *overall);
    snprintf(overall->key, sizeof overall->key, "overall");
    overall->score = NAN;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        if (nc == cap_c) {
            cap_c = cap_c ? 2 * cap_c : 64;
            codes = mf_reallocarray(codes, cap_c, sizeof *codes);
        }
        mf_quality_score *s = &codes[nc++];
        memset(s, 0, sizeof *s);
        snprintf(s->key, sizeof s->key, "%s", results[i].code);
        snprintf(s->source, sizeof s->source, "%s", results[i].source);
        tally t = {0};
        for (; j < n && strcmp(results[j].code, results[i].code) == 0; j++)
            add(&t, s, &results[j]);
        finish_code(s, &t);
        mf_quality_score *agg = source_entry(&src, &src_tally, &ns, &cap_s, s->source);
        aggregate(agg, &src_tally[agg - src], s);
        aggregate(overall, &all, s);
        i = j;
    }
    if (ns > 1)
        qsort(src, ns, sizeof *src, by_key);
    mf_free(src_tally);
    *per_code = codes;
    *n_code = nc;
    *per_source = src;
    *n_source = ns;
}
