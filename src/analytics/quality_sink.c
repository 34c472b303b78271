/*
 * quality_sink.c - collecting the results of a quality run (quality_int.h): the severity a
 * measure earns against its thresholds, and the message that states both.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "analytics/quality_int.h"
#include "core/alloc.h"
#include "core/numfmt.h"

const char *q_iso(mf_date d, char *buf)
{
    return mf_date_format_iso(d, buf);
}

static mf_quality_result *push(q_sink *k, const char *code, const char *source,
                               mf_quality_check check, const mf_date *date)
{
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 256;
        k->r = mf_reallocarray(k->r, k->cap, sizeof *k->r);
    }
    mf_quality_result *r = &k->r[k->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->code, sizeof r->code, "%s", code);
    snprintf(r->source, sizeof r->source, "%s", source);
    r->check = check;
    r->has_date = date != NULL;
    r->obs_date = date ? *date : 0;
    r->checked_at = k->now;
    return r;
}

void q_emit_as(q_sink *k, const char *code, const char *source, mf_quality_check check,
               mf_quality_severity sev, mf_quality_status status, double value, double threshold,
               const mf_date *date, const char *fmt, ...)
{
    mf_quality_result *r = push(k, code, source, check, date);
    r->severity = sev;
    r->status = status;
    r->value = isfinite(value) ? value : NAN;
    r->threshold = isfinite(threshold) ? threshold : NAN;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
}

/* Appends " (warning above W, critical above C)" to message. */
static void add_thresholds(char *message, size_t size, const mf_quality_threshold *t)
{
    size_t used = strlen(message);
    char w[MF_DOUBLE_TEXT_SIZE], c[MF_DOUBLE_TEXT_SIZE];
    mf_format_double(t->warning, w);
    mf_format_double(t->critical, c);
    if (!isnan(t->warning) && !isnan(t->critical))
        snprintf(message + used, size - used, " (warning above %s, critical above %s)", w, c);
    else if (!isnan(t->warning))
        snprintf(message + used, size - used, " (warning above %s)", w);
    else
        snprintf(message + used, size - used, " (critical above %s)", c);
}

void q_emit(q_sink *k, const char *code, const char *source, mf_quality_check check, double value,
            const mf_quality_threshold *t, const mf_date *date, const char *fmt, ...)
{
    mf_quality_result *r = push(k, code, source, check, date);
    r->value = isfinite(value) ? value : NAN;
    if (!isnan(t->critical) && value > t->critical) {
        r->severity = MF_QUALITY_CRITICAL;
        r->status = MF_QUALITY_FAIL;
        r->threshold = t->critical;
    } else if (!isnan(t->warning) && value > t->warning) {
        r->severity = MF_QUALITY_WARNING;
        r->status = MF_QUALITY_FAIL;
        r->threshold = t->warning;
    } else {
        r->severity = MF_QUALITY_INFO;
        r->status = MF_QUALITY_PASS;
        r->threshold = isnan(t->warning) ? t->critical : t->warning;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    add_thresholds(r->message, sizeof r->message, t);
}
