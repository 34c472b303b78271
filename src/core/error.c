/*
 * error.c - error reports and the code tables generated from MF_ERROR_LIST.
 */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void mf_error_clear(mf_error *err)
{
    if (err == NULL)
        return;
    err->code = MF_OK;
    err->msg[0] = '\0';
}

int mf_error_set(mf_error *err, int code, const char *fmt, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

int mf_error_prefix(mf_error *err, const char *fmt, ...)
{
    if (err == NULL)
        return MF_EINVAL;
    char joined[MF_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(joined, sizeof joined, fmt, ap);
    va_end(ap);
    size_t used = n < 0 ? 0 : (size_t)n >= sizeof joined ? sizeof joined - 1 : (size_t)n;
    size_t room = sizeof joined - 1 - used;
    size_t len = strnlen(err->msg, sizeof err->msg);
    size_t take = len < room ? len : room; /* the tail of a too-long message is dropped */
    memcpy(joined + used, err->msg, take);
    joined[used + take] = '\0';
    memcpy(err->msg, joined, sizeof joined);
    return err->code;
}

const char *mf_strerror(int code)
{
    switch (code) {
#define MF__ERROR_MSG(name, value, message)                                                        \
    case name: return message;
        MF_ERROR_LIST(MF__ERROR_MSG)
#undef MF__ERROR_MSG
    }
    return "unknown error";
}

const char *mf_errname(int code)
{
    switch (code) {
#define MF__ERROR_NAME(name, value, message)                                                       \
    case name: return #name;
        MF_ERROR_LIST(MF__ERROR_NAME)
#undef MF__ERROR_NAME
    }
    return "MF_E?";
}
