/*
 * log.c - the JSON-lines logger: builds each record with jansson, stamps it in UTC with
 * milliseconds and writes it as one flushed line.
 */
#include "core/log.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/names.h"

struct mf_log {
    FILE *fp;
    bool owns_fp; /* false for stderr */
    mf_log_level level;
    mf_log_clock_fn clock;
    void *clock_ctx;
};

static const char *const level_names[MF_LOG_LEVEL_COUNT] = {"debug", "info", "warn", "error"};

static bool level_is_valid(mf_log_level level)
{
    return (int)level >= 0 && (int)level < MF_LOG_LEVEL_COUNT;
}

int mf_log_level_parse(const char *name, mf_log_level *out, mf_error *err)
{
    char known[64];
    mf_names_join(level_names, MF_LOG_LEVEL_COUNT, known, sizeof known);
    if (name == NULL)
        return mf_error_set(err, MF_EINVAL, "missing log level: expected one of %s", known);
    int found = mf_names_find(level_names, MF_LOG_LEVEL_COUNT, name);
    if (found < 0)
        return mf_error_set(err, MF_EINVAL, "unknown log level '%.100s': expected one of %s", name,
                            known);
    *out = (mf_log_level)found;
    return 0;
}

const char *mf_log_level_name(mf_log_level level)
{
    return level_is_valid(level) ? level_names[level] : "unknown";
}

int mf_log_open(const char *path, mf_log_level level, mf_log **out, mf_error *err)
{
    FILE *fp = NULL;
    bool owns = false;
    int rc = 0;

    if (!level_is_valid(level)) {
        rc = mf_error_set(err, MF_EINVAL, "invalid log level %d", (int)level);
        goto out;
    }
    if (path == NULL || path[0] == '\0') {
        fp = stderr;
    } else {
        /* open(2) rather than fopen(): O_APPEND keeps concurrent writers' lines whole and
         * O_CLOEXEC keeps the descriptor out of child processes. */
        int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0) {
            char why[128];
            if (strerror_r(errno, why, sizeof why) != 0)
                snprintf(why, sizeof why, "error %d", errno);
            rc = mf_error_set(err, MF_EIO, "cannot open log file '%s': %s", path, why);
            goto out;
        }
        fp = fdopen(fd, "a");
        if (fp == NULL) {
            close(fd);
            rc = mf_error_set(err, MF_EIO, "cannot open log file '%s': fdopen failed", path);
            goto out;
        }
        owns = true;
    }

    mf_log *log = mf_calloc(1, sizeof *log);
    log->fp = fp;
    log->owns_fp = owns;
    log->level = level;
    *out = log;
out:
    return rc;
}

void mf_log_close(mf_log *log)
{
    if (log == NULL)
        return;
    if (log->owns_fp)
        fclose(log->fp);
    else
        fflush(log->fp);
    mf_free(log);
}

bool mf_log_enabled(const mf_log *log, mf_log_level level)
{
    return log != NULL && level_is_valid(level) && level >= log->level;
}

void mf_log_set_clock(mf_log *log, mf_log_clock_fn fn, void *ctx)
{
    if (log == NULL)
        return;
    log->clock = fn;
    log->clock_ctx = fn != NULL ? ctx : NULL;
}

/* ---- UTF-8 ---------------------------------------------------------------------------------- */

/*
 * Length of the well-formed UTF-8 sequence at p (Unicode 15, table 3-7), 0 when the bytes at
 * p do not start one. Reads past p[0] only while the bytes so far are valid, so the NUL at the
 * end of the string stops it.
 */
static size_t utf8_sequence_length(const unsigned char *p)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80; /* no overlong forms */
        unsigned hi = c == 0xED ? 0x9F : 0xBF; /* no surrogates */
        return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80;
        unsigned hi = c == 0xF4 ? 0x8F : 0xBF; /* nothing above U+10FFFF */
        return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

/*
 * s when it is valid UTF-8; otherwise a copy with every byte that starts no valid sequence
 * replaced by U+FFFD, stored in *heap for the caller to free with mf_free().
 */
static const char *utf8_clean(const char *s, char **heap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = 0, bad = 0;
    while (p[len] != '\0') {
        size_t n = utf8_sequence_length(p + len);
        if (n == 0) {
            bad++;
            n = 1;
        }
        len += n;
    }
    *heap = NULL;
    if (bad == 0)
        return s;

    char *copy = mf_malloc(len + 2 * bad + 1); /* each bad byte grows to three */
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_sequence_length(p + i);
        if (n == 0) {
            memcpy(copy + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(copy + o, p + i, n);
            o += n;
            i += n;
        }
    }
    copy[o] = '\0';
    *heap = copy;
    return copy;
}

/* A JSON string of s (NULL gives null), invalid UTF-8 replaced; NULL when out of memory. */
static json_t *json_text(const char *s)
{
    if (s == NULL)
        return json_null();
    char *heap;
    json_t *j = json_string(utf8_clean(s, &heap));
    mf_free(heap);
    return j;
}

/* ---- records -------------------------------------------------------------------------------- */

/* Writes "YYYY-MM-DDTHH:MM:SS.mmmZ" for the logger's clock into buf. */
static void format_timestamp(const mf_log *log, char *buf, size_t size)
{
    struct timespec now = {0, 0};
    int failed =
        log->clock != NULL ? log->clock(&now, log->clock_ctx) : clock_gettime(CLOCK_REALTIME, &now);
    if (failed != 0 || now.tv_nsec < 0 || now.tv_nsec > 999999999)
        now = (struct timespec){0, 0};
    time_t secs = now.tv_sec;
    struct tm tm;
    if (gmtime_r(&secs, &tm) == NULL) {
        secs = 0;
        gmtime_r(&secs, &tm);
    }
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(now.tv_nsec / 1000000));
}

/* Sets value (stolen, even on failure) under key in rec, renaming a taken key to "_key". */
static int record_add(json_t *rec, const char *key, json_t *value)
{
    if (value == NULL)
        return MF_ENOMEM;
    char *heap;
    const char *clean = utf8_clean(key, &heap);
    size_t len = strlen(clean);
    char *name = mf_malloc(len + 1);
    memcpy(name, clean, len + 1);
    mf_free(heap);
    while (json_object_get(rec, name) != NULL) {
        char *longer = mf_malloc(len + 2);
        longer[0] = '_';
        memcpy(longer + 1, name, len + 1);
        mf_free(name);
        name = longer;
        len++;
    }
    int rc = json_object_set_new(rec, name, value) == 0 ? 0 : MF_ENOMEM;
    mf_free(name);
    return rc;
}

/* A new record holding ts, level, module and msg; NULL when jansson runs out of memory. */
static json_t *record_new(const mf_log *log, mf_log_level level, const char *module,
                          const char *msg)
{
    char ts[64];
    format_timestamp(log, ts, sizeof ts);
    json_t *rec = json_object();
    if (rec == NULL)
        return NULL;
    if (record_add(rec, "ts", json_string(ts)) != 0 ||
        record_add(rec, "level", json_string(level_names[level])) != 0 ||
        record_add(rec, "module", json_text(module)) != 0 ||
        record_add(rec, "msg", json_text(msg)) != 0) {
        json_decref(rec);
        return NULL;
    }
    return rec;
}

/* Serialises rec as one line and writes it with a single fwrite(), then flushes. */
static int record_write(mf_log *log, const json_t *rec)
{
    const size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER;
    char stack[2048];
    char *heap = NULL;
    char *line = stack;
    int rc = 0;

    size_t n = json_dumpb(rec, stack, sizeof stack - 1, flags);
    if (n == 0) {
        rc = MF_ENOMEM;
        goto out;
    }
    if (n > MF_LOG_RECORD_MAX) {
        rc = MF_ERANGE;
        goto out;
    }
    if (n > sizeof stack - 1) {
        heap = mf_malloc(n + 1);
        if (json_dumpb(rec, heap, n, flags) != n) {
            rc = MF_ENOMEM;
            goto out;
        }
        line = heap;
    }
    line[n] = '\n';
    if (fwrite(line, 1, n + 1, log->fp) != n + 1 || fflush(log->fp) != 0) {
        clearerr(log->fp);
        rc = MF_EIO;
    }
out:
    mf_free(heap);
    return rc;
}

int mf_log_writev(mf_log *log, mf_log_level level, const char *module, const char *msg, va_list ap)
{
    if (!level_is_valid(level))
        return MF_EINVAL;
    if (log == NULL || level < log->level)
        return 0;
    if (module == NULL || msg == NULL)
        return MF_EINVAL;

    int rc = 0;
    json_t *rec = record_new(log, level, module, msg);
    if (rec == NULL) {
        rc = MF_ENOMEM;
        goto out;
    }
    for (;;) {
        const char *key = va_arg(ap, const char *);
        if (key == NULL)
            break;
        const char *value = va_arg(ap, const char *);
        rc = record_add(rec, key, json_text(value));
        if (rc != 0)
            goto out;
    }
    rc = record_write(log, rec);
out:
    json_decref(rec);
    return rc;
}

int mf_log_write(mf_log *log, mf_log_level level, const char *module, const char *msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    int rc = mf_log_writev(log, level, module, msg, ap);
    va_end(ap);
    return rc;
}

/* The JSON value of a typed pair; NULL for an unknown type or when out of memory. */
static json_t *kv_value(const mf_log_kv *kv)
{
    switch (kv->type) {
    case MF_LOG_KV_STR: return json_text(kv->v.s);
    case MF_LOG_KV_INT: return json_integer((json_int_t)kv->v.i);
    case MF_LOG_KV_NUM: return isfinite(kv->v.n) ? json_real(kv->v.n) : json_null();
    case MF_LOG_KV_BOOL: return json_boolean(kv->v.b);
    }
    return NULL;
}

int mf_log_write_kv(mf_log *log, mf_log_level level, const char *module, const char *msg,
                    const mf_log_kv *kv, size_t n)
{
    if (!level_is_valid(level))
        return MF_EINVAL;
    if (log == NULL || level < log->level)
        return 0;
    if (module == NULL || msg == NULL || (kv == NULL && n > 0))
        return MF_EINVAL;
    for (size_t i = 0; i < n; i++) {
        if (kv[i].key == NULL || (unsigned)kv[i].type > (unsigned)MF_LOG_KV_BOOL)
            return MF_EINVAL;
    }

    int rc = 0;
    json_t *rec = record_new(log, level, module, msg);
    if (rec == NULL) {
        rc = MF_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        rc = record_add(rec, kv[i].key, kv_value(&kv[i]));
        if (rc != 0)
            goto out;
    }
    rc = record_write(log, rec);
out:
    json_decref(rec);
    return rc;
}

#define MF__LOG_SHORTHAND(fn, lvl)                                                                 \
    void fn(mf_log *log, const char *module, const char *msg, ...)                                 \
    {                                                                                              \
        if (log == NULL || (lvl) < log->level)                                                     \
            return;                                                                                \
        va_list ap;                                                                                \
        va_start(ap, msg);                                                                         \
        (void)mf_log_writev(log, (lvl), module, msg, ap);                                          \
        va_end(ap);                                                                                \
    }

MF__LOG_SHORTHAND(mf_log_debug, MF_LOG_DEBUG)
MF__LOG_SHORTHAND(mf_log_info, MF_LOG_INFO)
MF__LOG_SHORTHAND(mf_log_warn, MF_LOG_WARN)
MF__LOG_SHORTHAND(mf_log_error, MF_LOG_ERROR)
