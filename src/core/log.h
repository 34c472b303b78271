/*
 * log.h - structured logging: one JSON object per line, to stderr or appended to a file.
 *
 * Exports: mf_log (an opaque logger handle), mf_log_level with mf_log_level_parse() and
 * mf_log_level_name(), mf_log_open() / mf_log_close(), mf_log_enabled(), mf_log_write(),
 * mf_log_writev(), mf_log_write_kv() with the mf_log_kv constructors MF_LOG_STR(),
 * MF_LOG_INT(), MF_LOG_NUM(), MF_LOG_BOOL(), the per-level shorthands mf_log_debug(),
 * mf_log_info(), mf_log_warn(), mf_log_error(), and mf_log_set_clock() for tests.
 *
 * A record is one line of compact JSON, keys in this order:
 *
 *   {"ts":"2026-11-24T10:15:02.123Z","level":"info","module":"store","msg":"opened store",
 *    "path":"mf.db","rows":"12"}
 *
 * ts is UTC with milliseconds (truncated, not rounded). Strings are escaped by jansson;
 * bytes that are not valid UTF-8 are replaced by U+FFFD so a record is always valid JSON.
 * The keys ts, level, module and msg are reserved: a key/value pair that reuses one of them,
 * or repeats an earlier pair's key, is written under the key prefixed with '_' (as many times
 * as needed to make it unique), so nothing is lost or overwritten.
 *
 * Every logging call accepts a NULL logger and then does nothing, so library code can be
 * handed NULL. Records below the logger's level are dropped before anything is formatted.
 * Each record is written with one fwrite() and flushed; a failed write is reported by the
 * return code of mf_log_write*() and never stops the program. A logger may be shared by
 * threads (stdio locks the stream around each record); it holds no global state. Choosing the
 * level (config file, MF_LOG_LEVEL) is the config layer's business: the logger is given it.
 */
#ifndef MF_CORE_LOG_H
#define MF_CORE_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/error.h"

/* Severity, least severe first; a logger at level L writes records of level >= L. */
typedef enum mf_log_level { MF_LOG_DEBUG = 0, MF_LOG_INFO, MF_LOG_WARN, MF_LOG_ERROR } mf_log_level;

/* Number of levels: valid levels are 0 .. MF_LOG_LEVEL_COUNT - 1. */
#define MF_LOG_LEVEL_COUNT 4

/* Largest record written (bytes of JSON, without the newline); longer ones get MF_ERANGE. */
#define MF_LOG_RECORD_MAX ((size_t)1 << 20)

typedef struct mf_log mf_log;

/*
 * Parses a level name: exactly one of "debug", "info", "warn", "error" (lowercase).
 * MF_EINVAL otherwise, with the message "unknown log level 'loud': expected one of debug,
 * info, warn, error". *out is written only on success.
 */
int mf_log_level_parse(const char *name, mf_log_level *out, mf_error *err);

/* The name of level ("info"); "unknown" for a value outside the enum. Static string. */
const char *mf_log_level_name(mf_log_level level);

/*
 * Opens a logger writing records of level >= level. path NULL or "" means stderr; otherwise
 * the file is created if needed (mode 0666 before umask) and appended to. Fails with
 * MF_EINVAL for a level outside the enum and MF_EIO when the file cannot be opened ("cannot
 * open log file 'x': Permission denied"). *out is written only on success.
 * Caller owns the result; free with mf_log_close().
 */
int mf_log_open(const char *path, mf_log_level level, mf_log **out, mf_error *err);

/* Flushes and closes the logger (never closes stderr); NULL is allowed. */
void mf_log_close(mf_log *log);

/* True when a record at level would be written (false for a NULL logger). */
bool mf_log_enabled(const mf_log *log, mf_log_level level);

/*
 * The clock records are stamped with: fills *now with the current UTC time and returns 0, or
 * returns non-zero when there is no time to give (the record is then stamped with the epoch).
 */
typedef int (*mf_log_clock_fn)(struct timespec *now, void *ctx);

/*
 * Replaces the logger's clock (by default clock_gettime(CLOCK_REALTIME)); fn NULL restores
 * the default. For tests that need a fixed timestamp. ctx is borrowed: it must outlive the
 * logger or the next call. NULL log is allowed.
 */
void mf_log_set_clock(mf_log *log, mf_log_clock_fn fn, void *ctx);

/*
 * Writes one record. After msg come key/value pairs of strings, ended by a NULL key:
 *
 *   mf_log_write(log, MF_LOG_INFO, "store", "opened store", "path", path, "rows", "12", NULL);
 *
 * A NULL value is written as JSON null. module and msg must not be NULL (MF_EINVAL).
 * Returns 0 when the record was written or dropped (NULL logger, level below the logger's),
 * MF_EINVAL for a level outside the enum, MF_ERANGE for a record over MF_LOG_RECORD_MAX and
 * MF_EIO when writing or flushing failed (the stream's error flag is cleared so the next
 * record may succeed). Arguments are only read.
 */
int mf_log_write(mf_log *log, mf_log_level level, const char *module, const char *msg, ...)
    __attribute__((sentinel));

/* As mf_log_write() with the key/value pairs (ended by a NULL key) in ap. */
int mf_log_writev(mf_log *log, mf_log_level level, const char *module, const char *msg, va_list ap);

/* Type of the value of a typed key/value pair. */
typedef enum mf_log_kv_type {
    MF_LOG_KV_STR, /* s: a string, NULL written as null */
    MF_LOG_KV_INT, /* i: a JSON integer */
    MF_LOG_KV_NUM, /* n: a JSON number; NaN and infinities are written as null */
    MF_LOG_KV_BOOL /* b: true or false */
} mf_log_kv_type;

/* A typed key/value pair; build it with the MF_LOG_* constructors below. */
typedef struct mf_log_kv {
    const char *key;
    mf_log_kv_type type;
    union {
        const char *s;
        int64_t i;
        double n;
        bool b;
    } v;
} mf_log_kv;

#define MF_LOG_STR(k, x)  ((mf_log_kv){.key = (k), .type = MF_LOG_KV_STR, .v.s = (x)})
#define MF_LOG_INT(k, x)  ((mf_log_kv){.key = (k), .type = MF_LOG_KV_INT, .v.i = (int64_t)(x)})
#define MF_LOG_NUM(k, x)  ((mf_log_kv){.key = (k), .type = MF_LOG_KV_NUM, .v.n = (double)(x)})
#define MF_LOG_BOOL(k, x) ((mf_log_kv){.key = (k), .type = MF_LOG_KV_BOOL, .v.b = (x)})

/*
 * As mf_log_write() with n typed pairs, for numbers and booleans:
 *
 *   const mf_log_kv kv[] = {MF_LOG_STR("path", path), MF_LOG_INT("rows", rows)};
 *   mf_log_write_kv(log, MF_LOG_INFO, "store", "opened store", kv, 2);
 *
 * kv may be NULL when n is 0. A pair with a NULL key or an unknown type is MF_EINVAL and
 * nothing is written.
 */
int mf_log_write_kv(mf_log *log, mf_log_level level, const char *module, const char *msg,
                    const mf_log_kv *kv, size_t n);

/*
 * mf_log_write() at a fixed level, for call sites that do not look at the result:
 * mf_log_info(log, "calendar", "loaded holidays", "calendar", "anbima", NULL).
 */
void mf_log_debug(mf_log *log, const char *module, const char *msg, ...) __attribute__((sentinel));
void mf_log_info(mf_log *log, const char *module, const char *msg, ...) __attribute__((sentinel));
void mf_log_warn(mf_log *log, const char *module, const char *msg, ...) __attribute__((sentinel));
void mf_log_error(mf_log *log, const char *module, const char *msg, ...) __attribute__((sentinel));

#endif
