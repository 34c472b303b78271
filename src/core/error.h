/*
 * error.h - error codes and the error report every fallible call may fill.
 *
 * Exports: the MF_E* codes (one X-macro list gives code, name and message),
 * struct mf_error, mf_error_set(), mf_error_prefix(), mf_strerror(), mf_errname().
 *
 * Fallible functions return 0 on success or a negative MF_E* code, and take an optional
 * `mf_error *err` as their last argument. When err is non-NULL it receives the code and a
 * message that names the problem first, quotes the subject and says where
 * ("invalid date '2023-02-30' in --from"). Passing NULL is always allowed.
 */
#ifndef MF_CORE_ERROR_H
#define MF_CORE_ERROR_H

#include <stddef.h>

/* X(name, value, message): the single source of codes, names and messages. */
#define MF_ERROR_LIST(X)                                                                           \
    X(MF_OK, 0, "success")                                                                         \
    X(MF_EINVAL, -1, "invalid argument")                                                           \
    X(MF_ENOMEM, -2, "out of memory")                                                              \
    X(MF_ERANGE, -3, "value out of range")                                                         \
    X(MF_EPARSE, -4, "malformed input")                                                            \
    X(MF_ENOTFOUND, -5, "not found")                                                               \
    X(MF_EIO, -6, "input/output error")                                                            \
    X(MF_ECONFIG, -7, "invalid configuration")                                                     \
    X(MF_EMAXITER, -8, "iteration limit reached")                                                  \
    X(MF_EUNSUPPORTED, -9, "not supported")                                                        \
    X(MF_ESTATE, -10, "invalid state")

enum {
#define MF__ERROR_ENUM(name, value, message) name = (value),
    MF_ERROR_LIST(MF__ERROR_ENUM)
#undef MF__ERROR_ENUM
};

#define MF_ERROR_MSG_MAX 512

/* An error report: the code and a human-readable message (always NUL-terminated). */
typedef struct mf_error {
    int code;
    char msg[MF_ERROR_MSG_MAX];
} mf_error;

/* Resets err (may be NULL) to MF_OK with an empty message. */
void mf_error_clear(mf_error *err);

/*
 * Records code and a printf-style message in err (may be NULL) and returns code, so a caller
 * can write `return mf_error_set(err, MF_EINVAL, "unknown calendar '%s'", name);`.
 * Messages longer than MF_ERROR_MSG_MAX - 1 bytes are truncated.
 */
int mf_error_set(mf_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Prepends context to the message already in err ("--from: " + "invalid date ..."), keeping
 * the code. Returns err->code (or MF_EINVAL when err is NULL, as the caller had no report).
 */
int mf_error_prefix(mf_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The fixed message for a code ("invalid argument"); "unknown error" for other values. */
const char *mf_strerror(int code);

/* The symbolic name of a code ("MF_EINVAL"); "MF_E?" for other values. */
const char *mf_errname(int code);

#endif
