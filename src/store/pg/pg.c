/*
 * pg.c - the PostgreSQL adapter of the storage port: "postgresql://" and "postgres://" URLs,
 * over libpq. Exports mf__store_pg (store_int.h).
 *
 * A connection runs with TimeZone UTC and DateStyle ISO, so timestamps read back as
 * "YYYY-MM-DD HH:MM:SS+00" and dates as "YYYY-MM-DD" whatever the server's defaults; server
 * notices are dropped (a library does not print). Statements are prepared on the server under
 * a name unique on the connection, with the port's `?` placeholders rewritten to $1..$n; values
 * travel as text in buffers each statement keeps for its parameters, so running a statement
 * again allocates nothing once its buffers have grown to fit. step() executes on its first
 * call and then walks the rows of the result.
 *
 * One difference from SQLite the port does not hide: an error inside a transaction aborts the
 * whole transaction on PostgreSQL, so after a failed statement the caller must roll back
 * (which the goto-out pattern does anyway).
 *
 * observations and market_prices are partitioned by year (migrations/pg/0001_schema_v1.sql);
 * pg_ensure_partitions() creates the yearly partitions a write needs and remembers them.
 */
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "store/store_int.h"

#include "store/migrations_pg.h"

/* Seconds libpq waits for a server that does not answer, unless the URL says otherwise. */
#define CONNECT_TIMEOUT "5"
/* Longest text value a statement accepts (PostgreSQL's own limit for a field is 1 GB). */
#define MAX_TEXT_BIND ((size_t)256 << 20)
/* Longest partitioned table name: leaves room for "_yYYYY" in a 63-byte identifier. */
#define MAX_TABLE_NAME 48
/* Partitions remembered per connection; beyond this they are still created, just not cached. */
#define MAX_ENSURED     4096
#define SECONDS_PER_DAY 86400

/* A yearly partition this connection has made sure of. */
typedef struct ensured {
    char table[MAX_TABLE_NAME + 1];
    int year;
    /* Created outside a transaction (or found so): durable. A partition created inside a
       transaction may vanish with a rollback, so it is made sure of again next time. */
    bool durable;
} ensured;

typedef struct conn {
    PGconn *pg;
    char *copybuf; /* COPY rows not yet sent; owned */
    size_t copylen, copycap;
    bool copying;
    char *display;      /* the URL with the password masked; owned */
    unsigned next_name; /* suffix of the next prepared statement's name */
    ensured *ensured;   /* owned, nensured used of capensured */
    size_t nensured, capensured;
} conn;

/* One parameter's text, kept between executions. */
typedef struct param {
    char *buf;  /* owned; grows to the longest value bound so far */
    size_t cap; /* bytes allocated in buf */
    bool set;   /* false: NULL */
} param;

typedef struct stmt {
    conn *c;
    const char *sql; /* borrowed from the port (lives as long as the store) */
    char name[24];   /* the server-side prepared statement */
    int nparams;
    param *params;       /* owned, nparams */
    const char **values; /* owned, nparams: what PQexecPrepared reads */
    int bind_error;      /* parameter index of a bad bind (reported by step), 0 if none */
    const char *bind_why;
    PGresult *res; /* owned: the rows being walked, NULL before execution */
    int row, nrows;
    int64_t changes;
} stmt;

/* ---- messages ------------------------------------------------------------------------------- */

/*
 * Copies msg into buf on one line: a line break becomes "; " (a space after punctuation), other
 * runs of whitespace one space, and a final period goes (messages end without one).
 */
static void one_line(const char *msg, char *buf, size_t size)
{
    size_t n = 0;
    int gap = 0; /* 0 none, 1 space, 2 line break */
    for (const char *p = msg; *p && n + 3 < size; p++) {
        if (*p == '\n' || *p == '\r') {
            gap = n > 0 ? 2 : 0;
            continue;
        }
        if (*p == ' ' || *p == '\t') {
            gap = gap == 2 ? 2 : n > 0;
            continue;
        }
        if (gap == 2 && strchr(".?:;!", buf[n - 1]) == NULL)
            buf[n++] = ';';
        if (gap != 0)
            buf[n++] = ' ';
        gap = 0;
        buf[n++] = *p;
    }
    if (n > 0 && buf[n - 1] == '.')
        n--;
    buf[n] = '\0';
}

/* The first line of sql, to say which statement failed. */
static void describe(const char *sql, char *buf, size_t size)
{
    size_t n = strcspn(sql, "\n");
    snprintf(buf, size, "running '%.*s'", (int)(n > 60 ? 60 : n), sql);
}

/*
 * Reports a failed command: MF_EINVAL for data the schema refuses (SQLSTATE classes 22, data
 * exceptions, and 23, integrity constraint violations), MF_EIO for everything else, with the
 * store, the server's message (and detail) and what was being done.
 */
static int fail(conn *c, const PGresult *res, const char *what, mf_error *err)
{
    char why[320];
    if (PQstatus(c->pg) == CONNECTION_BAD) {
        one_line(PQerrorMessage(c->pg), why, sizeof why);
        return mf_error_set(err, MF_EIO, "store '%s': connection lost (%s) while %s", c->display,
                            why, what);
    }
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
    if (primary != NULL && detail != NULL) {
        char buf[sizeof why];
        snprintf(buf, sizeof buf, "%s: %s", primary, detail);
        one_line(buf, why, sizeof why);
    } else {
        one_line(primary ? primary : PQerrorMessage(c->pg), why, sizeof why);
    }
    int code = MF_EIO;
    if (state != NULL && (strncmp(state, "22", 2) == 0 || strncmp(state, "23", 2) == 0))
        code = MF_EINVAL;
    return mf_error_set(err, code, "store '%s': %s while %s", c->display, why, what);
}

/* libpq would print server notices ("relation ... already exists, skipping") to stderr. */
static void drop_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* ---- connections ---------------------------------------------------------------------------- */

/* The password in url's "scheme://user:password@", to keep it out of libpq's parse errors. */
static bool mentions_password(const char *msg, const char *url)
{
    const char *scheme = strstr(url, "://");
    if (scheme == NULL)
        return false;
    const char *user = scheme + 3;
    const char *at = strchr(user, '@');
    if (at == NULL)
        return false;
    const char *colon = memchr(user, ':', (size_t)(at - user));
    if (colon == NULL || colon + 1 == at)
        return false;
    size_t len = (size_t)(at - colon - 1);
    for (const char *p = msg; *p; p++)
        if (strncmp(p, colon + 1, len) == 0)
            return true;
    return false;
}

static int pg_connect(const char *url, const char *display, void **out, mf_error *err)
{
    char *parse_error = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &parse_error);
    if (opts == NULL) {
        char why[256] = "libpq cannot parse it";
        if (parse_error != NULL && !mentions_password(parse_error, url))
            one_line(parse_error, why, sizeof why);
        PQfreemem(parse_error);
        return mf_error_set(err, MF_EINVAL, "invalid store URL '%s': %s", display, why);
    }
    PQconninfoFree(opts);

    /* Keywords are applied in order and the URL (expanded from dbname) comes after the
       timeout, so a connect_timeout in the URL wins over ours. */
    const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *const values[] = {CONNECT_TIMEOUT, "mf", url, NULL};
    int rc = 0;
    char why[320];
    conn *c = mf_calloc(1, sizeof *c);
    c->display = mf_strdup(display);
    c->pg = PQconnectdbParams(keys, values, 1);
    if (c->pg == NULL || PQstatus(c->pg) != CONNECTION_OK) {
        one_line(c->pg ? PQerrorMessage(c->pg) : "out of memory", why, sizeof why);
        rc = mf_error_set(err, MF_EIO, "cannot connect to store '%s': %s", display, why);
        goto out;
    }
    PQsetNoticeProcessor(c->pg, drop_notice, NULL);
    /* A fixed text format for what the getters parse, whatever the server's defaults;
       extra_float_digits=3 makes doubles round-trip exactly on every server version. */
    PGresult *res = PQexec(c->pg, "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD';"
                                  " SET client_encoding = 'UTF8'; SET extra_float_digits = 3;"
                                  " SET client_min_messages = warning");
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = fail(c, res, "setting up the connection", err);
    PQclear(res);
out:
    if (rc != 0) {
        PQfinish(c->pg);
        mf_free(c->display);
        mf_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

static void pg_disconnect(void *p)
{
    conn *c = p;
    PQfinish(c->pg);
    mf_free(c->copybuf);
    mf_free(c->ensured);
    mf_free(c->display);
    mf_free(c);
}

static int pg_exec(void *p, const char *sql, mf_error *err)
{
    conn *c = p;
    PGresult *res = PQexec(c->pg, sql);
    ExecStatusType status = PQresultStatus(res);
    int rc = 0;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        char what[96];
        describe(sql, what, sizeof what);
        rc = fail(c, res, what, err);
    }
    PQclear(res);
    return rc;
}

/* ---- statements ----------------------------------------------------------------------------- */

/*
 * Rewrites the port's `?` placeholders as $1..$n, leaving alone a '?' inside a string literal
 * ('...', E'...' with backslash escapes), a quoted identifier ("..."), a dollar-quoted string
 * ($tag$...$tag$) or a comment (-- and block comments). The jsonb operators ?, ?| and ?&
 * therefore cannot be written in a statement: use jsonb_exists() and friends.
 * Caller owns the result; free with mf_free(). *nparams receives n.
 */
static char *translate_placeholders(const char *sql, int *nparams)
{
    size_t len = strlen(sql), marks = 0;
    for (size_t i = 0; i < len; i++)
        marks += sql[i] == '?';
    /* Each '?' becomes '$' and at most 10 digits. */
    size_t size = len + marks * 10 + 1;
    char *out = mf_malloc(size);
    size_t n = 0;
    int count = 0;
    const char *p = sql;
    while (*p) {
        if (*p == '\'' || *p == '"') {
            char quote = *p;
            bool backslash = quote == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e');
            out[n++] = *p++;
            while (*p && *p != quote) {
                if (backslash && *p == '\\' && p[1])
                    out[n++] = *p++;
                out[n++] = *p++;
            }
            if (*p) /* the closing quote; a doubled quote reopens on the next turn */
                out[n++] = *p++;
        } else if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                out[n++] = *p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            size_t k = end ? (size_t)(end + 2 - p) : strlen(p);
            memcpy(out + n, p, k);
            n += k;
            p += k;
        } else if (*p == '$' && (p[1] == '$' || p[1] == '_' || (p[1] >= 'a' && p[1] <= 'z') ||
                                 (p[1] >= 'A' && p[1] <= 'Z'))) {
            /* $tag$ ... $tag$, if this really is a tag (not a $1 parameter or an identifier) */
            size_t tag = 1 + strspn(p + 1, "abcdefghijklmnopqrstuvwxyz"
                                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
            if (p[tag] != '$') {
                out[n++] = *p++;
                continue;
            }
            tag++;
            const char *body = p + tag, *end = body;
            while (*end && strncmp(end, p, tag) != 0)
                end++;
            size_t k = *end ? (size_t)(end + tag - p) : strlen(p);
            memcpy(out + n, p, k);
            n += k;
            p += k;
        } else if (*p == '?') {
            n += (size_t)snprintf(out + n, size - n, "$%d", ++count);
            p++;
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    *nparams = count;
    return out;
}

static int pg_prepare(void *p, const char *sql, void **out, mf_error *err)
{
    conn *c = p;
    int nparams = 0;
    char *text = translate_placeholders(sql, &nparams);
    stmt *s = mf_calloc(1, sizeof *s);
    *s = (stmt){.c = c, .sql = sql, .nparams = nparams, .row = -1};
    snprintf(s->name, sizeof s->name, "mf_s%u", c->next_name++);
    /* No declared types: the server infers each parameter's type from where it is used. */
    PGresult *res = PQprepare(c->pg, s->name, text, 0, NULL);
    int rc = 0;
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        char what[96];
        describe(sql, what, sizeof what);
        rc = fail(c, res, what, err);
    }
    PQclear(res);
    mf_free(text);
    if (rc != 0) {
        mf_free(s);
        return rc;
    }
    if (nparams > 0) {
        s->params = mf_calloc((size_t)nparams, sizeof *s->params);
        s->values = mf_calloc((size_t)nparams, sizeof *s->values);
    }
    *out = s;
    return 0;
}

/* Forgets the current result; the next step executes again. */
static void clear_result(stmt *s)
{
    PQclear(s->res);
    s->res = NULL;
    s->row = -1;
    s->nrows = 0;
}

static void pg_finalize(void *p)
{
    stmt *s = p;
    clear_result(s);
    /* The server's prepared statement goes with the session: the port finalises statements
       only when it closes the store. */
    for (int i = 0; i < s->nparams; i++)
        mf_free(s->params[i].buf);
    mf_free(s->params);
    mf_free(s->values);
    mf_free(s);
}

static void pg_reset(void *p)
{
    stmt *s = p;
    clear_result(s);
    for (int i = 0; i < s->nparams; i++)
        s->params[i].set = false;
    s->bind_error = 0;
    s->bind_why = NULL;
}

/* Parameter i (1-based) with room for size bytes, or NULL (a bind error kept for step). */
static param *slot(stmt *s, int i, size_t size)
{
    if (i < 1 || i > s->nparams) {
        s->bind_error = i;
        s->bind_why = "out of range";
        return NULL;
    }
    if (size > MAX_TEXT_BIND) {
        s->bind_error = i;
        s->bind_why = "longer than 256 MiB";
        return NULL;
    }
    param *pa = &s->params[i - 1];
    if (pa->cap < size) {
        size_t cap = pa->cap ? pa->cap : 32;
        while (cap < size)
            cap *= 2;
        pa->buf = mf_realloc(pa->buf, cap);
        pa->cap = cap;
    }
    pa->set = true;
    return pa;
}

static void pg_bind_null(void *p, int i)
{
    stmt *s = p;
    if (i < 1 || i > s->nparams) {
        s->bind_error = i;
        s->bind_why = "out of range";
        return;
    }
    s->params[i - 1].set = false;
}

static void pg_bind_int64(void *p, int i, int64_t v)
{
    param *pa = slot(p, i, 24);
    if (pa)
        snprintf(pa->buf, pa->cap, "%lld", (long long)v);
}

static void pg_bind_double(void *p, int i, double v)
{
    param *pa = slot(p, i, 32);
    if (pa == NULL)
        return;
    if (isinf(v))
        snprintf(pa->buf, pa->cap, "%s", v > 0 ? "Infinity" : "-Infinity");
    else
        snprintf(pa->buf, pa->cap, "%.17g", v);
}

static void pg_bind_text(void *p, int i, const char *v)
{
    size_t len = strlen(v);
    param *pa = slot(p, i, len + 1);
    if (pa)
        memcpy(pa->buf, v, len + 1);
}

static void pg_bind_date(void *p, int i, mf_date v)
{
    stmt *s = p;
    if (v < MF_DATE_MIN || v > MF_DATE_MAX) {
        s->bind_error = i;
        s->bind_why = "a date outside 0001-01-01..9999-12-31";
        return;
    }
    param *pa = slot(s, i, MF_DATE_ISO_SIZE);
    if (pa)
        mf_date_format_iso(v, pa->buf);
}

/* A UTC timestamp as ISO 8601: "2025-11-24T16:00:00Z". */
static void pg_bind_time(void *p, int i, int64_t v)
{
    stmt *s = p;
    int64_t days = v / SECONDS_PER_DAY, secs = v % SECONDS_PER_DAY;
    if (secs < 0) {
        secs += SECONDS_PER_DAY;
        days--;
    }
    if (days < MF_DATE_MIN || days > MF_DATE_MAX) {
        s->bind_error = i;
        s->bind_why = "a timestamp outside years 1..9999";
        return;
    }
    param *pa = slot(s, i, 32);
    if (pa == NULL)
        return;
    char date[MF_DATE_ISO_SIZE];
    mf_date_format_iso((mf_date)days, date);
    snprintf(pa->buf, pa->cap, "%sT%02d:%02d:%02dZ", date, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
}

static int pg_step(void *p, mf_error *err)
{
    stmt *s = p;
    char what[96];
    if (s->res != NULL) { /* walking the rows of an executed statement */
        if (++s->row < s->nrows)
            return MF_STORE_ROW;
        clear_result(s);
        return MF_STORE_DONE;
    }
    if (s->bind_error != 0) {
        describe(s->sql, what, sizeof what);
        int rc = mf_error_set(err, MF_EINVAL, "store '%s': parameter %d is %s (of %d) while %s",
                              s->c->display, s->bind_error, s->bind_why, s->nparams, what);
        s->bind_error = 0;
        return rc;
    }
    for (int i = 0; i < s->nparams; i++)
        s->values[i] = s->params[i].set ? s->params[i].buf : NULL;
    PGresult *res = PQexecPrepared(s->c->pg, s->name, s->nparams, s->values, NULL, NULL, 0);
    ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        describe(s->sql, what, sizeof what);
        int rc = fail(s->c, res, what, err);
        PQclear(res);
        return rc;
    }
    const char *tuples = PQcmdTuples(res);
    s->changes = tuples[0] ? strtoll(tuples, NULL, 10) : 0;
    if (status == PGRES_COMMAND_OK || PQntuples(res) == 0) {
        PQclear(res);
        return MF_STORE_DONE;
    }
    s->res = res;
    s->nrows = PQntuples(res);
    s->row = 0;
    return MF_STORE_ROW;
}

static int64_t pg_changes(void *p)
{
    return ((stmt *)p)->changes;
}

/* The text of column col in the current row, or NULL for SQL NULL or no such column. */
static const char *value(const stmt *s, int col)
{
    if (s->res == NULL || s->row < 0 || s->row >= s->nrows || col < 0 || col >= PQnfields(s->res) ||
        PQgetisnull(s->res, s->row, col))
        return NULL;
    return PQgetvalue(s->res, s->row, col);
}

static bool pg_is_null(void *p, int col)
{
    return value(p, col) == NULL;
}

static int64_t pg_col_int64(void *p, int col)
{
    const char *v = value(p, col);
    if (v == NULL)
        return 0;
    if (v[0] == 't' || v[0] == 'f') /* a boolean */
        return v[0] == 't';
    return strtoll(v, NULL, 10);
}

static double pg_col_double(void *p, int col)
{
    const char *v = value(p, col);
    return v ? strtod(v, NULL) : (double)NAN;
}

static const char *pg_col_text(void *p, int col)
{
    return value(p, col);
}

static mf_date pg_col_date(void *p, int col)
{
    const char *v = value(p, col);
    mf_date d = 0;
    if (v != NULL && mf_date_parse_iso_n(v, strnlen(v, 10), &d, NULL) != 0)
        d = 0;
    return d;
}

/* Two decimal digits at s, or -1. */
static int two_digits(const char *s)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * Unix seconds of a timestamp as PostgreSQL writes it under DateStyle ISO ("2025-11-24
 * 16:00:00.25+00", an offset of +HH[:MM[:SS]]), also accepting ISO 8601's 'T' and 'Z', and a
 * plain number of seconds. Fractions of a second are dropped; 0 when unreadable.
 */
static int64_t parse_time(const char *v)
{
    mf_date d;
    if (strlen(v) < 10 || v[4] != '-')
        return strtoll(v, NULL, 10);
    if (mf_date_parse_iso_n(v, 10, &d, NULL) != 0)
        return 0;
    int64_t t = (int64_t)d * SECONDS_PER_DAY;
    const char *p = v + 10;
    if (*p != ' ' && *p != 'T')
        return t;
    int hh = two_digits(p + 1);
    int mm = hh < 0 || p[3] != ':' ? -1 : two_digits(p + 4);
    int ss = mm < 0 || p[6] != ':' ? -1 : two_digits(p + 7);
    if (ss < 0)
        return 0;
    t += hh * 3600 + mm * 60 + ss;
    p += 9;
    if (*p == '.')
        p += 1 + strspn(p + 1, "0123456789");
    if (*p == '+' || *p == '-') {
        int sign = *p == '+' ? 1 : -1, offset = 0, unit = 3600;
        for (p++; unit >= 1; unit /= 60) {
            int part = two_digits(p);
            if (part < 0)
                break;
            offset += part * unit;
            p += 2;
            if (*p != ':')
                break;
            p++;
        }
        t -= (int64_t)sign * offset;
    }
    return t;
}

static int64_t pg_col_time(void *p, int col)
{
    const char *v = value(p, col);
    return v ? parse_time(v) : 0;
}

/* ---- partitions ----------------------------------------------------------------------------- */

static ensured *find_ensured(conn *c, const char *table, int year)
{
    for (size_t i = 0; i < c->nensured; i++)
        if (c->ensured[i].year == year && strcmp(c->ensured[i].table, table) == 0)
            return &c->ensured[i];
    return NULL;
}

static void remember(conn *c, const char *table, int year, bool durable)
{
    ensured *e = find_ensured(c, table, year);
    if (e == NULL) {
        if (c->nensured == MAX_ENSURED)
            return;
        if (c->nensured == c->capensured) {
            c->capensured = c->capensured ? 2 * c->capensured : 32;
            c->ensured = mf_reallocarray(c->ensured, c->capensured, sizeof *c->ensured);
        }
        e = &c->ensured[c->nensured++];
        snprintf(e->table, sizeof e->table, "%s", table);
        e->year = year;
    }
    e->durable = durable;
}

/*
 * Creates the missing yearly partitions <table>_yYYYY of table for years from..to, each
 * holding [YYYY-01-01, YYYY+1-01-01). Partitions already made sure of (and durable) cost
 * nothing; the others are created with one round trip for the whole range.
 */
static int pg_ensure_partitions(void *p, const char *table, int year_from, int year_to,
                                mf_error *err)
{
    conn *c = p;
    size_t len = strlen(table);
    if (len == 0 || len > MAX_TABLE_NAME ||
        strspn(table, "abcdefghijklmnopqrstuvwxyz_0123456789") != len ||
        (table[0] >= '0' && table[0] <= '9'))
        return mf_error_set(err, MF_EINVAL,
                            "invalid partitioned table name '%.80s' on store '%s': expected "
                            "lowercase letters, digits and '_', at most %d",
                            table, c->display, MAX_TABLE_NAME);
    if (year_from < 1 || year_to > 9998 || year_from > year_to)
        return mf_error_set(err, MF_EINVAL,
                            "invalid year range %d..%d for partitions of '%s' on store '%s': "
                            "expected 1 <= from <= to <= 9998",
                            year_from, year_to, table, c->display);
    /* One CREATE per missing year, all sent at once. */
    size_t per = 2 * MAX_TABLE_NAME + 128, size = 0, n = 0;
    char *sql = NULL;
    for (int y = year_from; y <= year_to; y++) {
        const ensured *e = find_ensured(c, table, y);
        if (e != NULL && e->durable)
            continue;
        if (size - n < per) {
            size = size ? 2 * size : 8 * per;
            sql = mf_realloc(sql, size);
        }
        n += (size_t)snprintf(sql + n, size - n,
                              "CREATE TABLE IF NOT EXISTS %s_y%04d PARTITION OF %s FOR VALUES "
                              "FROM ('%04d-01-01') TO ('%04d-01-01');\n",
                              table, y, table, y, y + 1);
    }
    int rc = 0;
    if (sql == NULL)
        goto out;
    PGresult *res = PQexec(c->pg, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        char what[160];
        snprintf(what, sizeof what, "creating partitions of '%s' for %d..%d", table, year_from,
                 year_to);
        rc = fail(c, res, what, err);
    }
    PQclear(res);
    if (rc != 0)
        goto out;
    bool durable = PQtransactionStatus(c->pg) == PQTRANS_IDLE;
    for (int y = year_from; y <= year_to; y++)
        remember(c, table, y, durable);
out:
    mf_free(sql);
    return rc;
}

/* ---- bulk loading: COPY FROM STDIN in text format -------------------------------------------- */

/* Rows are sent in chunks of about this size. */
#define COPY_CHUNK ((size_t)256 << 10)

static int copy_fail(conn *c, const char *what, mf_error *err)
{
    char why[512];
    one_line(PQerrorMessage(c->pg), why, sizeof why);
    return mf_error_set(err, MF_EIO, "store '%s': %s while %s", c->display, why, what);
}

static int pg_copy_begin(void *p, const char *table, const char *columns, int ncols, mf_error *err)
{
    (void)ncols;
    conn *c = p;
    char sql[512];
    snprintf(sql, sizeof sql, "COPY %s (%s) FROM STDIN", table, columns);
    PGresult *res = PQexec(c->pg, sql);
    int rc = 0;
    if (PQresultStatus(res) != PGRES_COPY_IN) {
        char what[96];
        describe(sql, what, sizeof what);
        rc = fail(c, res, what, err);
    } else {
        c->copying = true;
        c->copylen = 0;
    }
    PQclear(res);
    return rc;
}

static int copy_flush(conn *c, mf_error *err)
{
    if (c->copylen > 0 && PQputCopyData(c->pg, c->copybuf, (int)c->copylen) != 1)
        return copy_fail(c, "sending rows", err);
    c->copylen = 0;
    return 0;
}

/* One field in COPY's text format: \N for NULL; values here never need escapes. */
static int pg_copy_row(void *p, const mf__value *values, int ncols, mf_error *err)
{
    conn *c = p;
    size_t need = (size_t)ncols * 40 + 1;
    if (c->copycap - c->copylen < need) {
        int rc = copy_flush(c, err);
        if (rc != 0)
            return rc;
        if (c->copycap < need + COPY_CHUNK) {
            c->copycap = need + COPY_CHUNK;
            c->copybuf = mf_realloc(c->copybuf, c->copycap);
        }
    }
    char *out = c->copybuf + c->copylen;
    for (int i = 0; i < ncols; i++) {
        const mf__value *v = &values[i];
        if (i > 0)
            *out++ = '\t';
        switch (v->type) {
        case MF__VALUE_NULL: memcpy(out, "\\N", 2), out += 2; break;
        case MF__VALUE_INT64: out += snprintf(out, 24, "%lld", (long long)v->v.i); break;
        case MF__VALUE_DOUBLE:
            if (v->v.d != v->v.d)
                memcpy(out, "\\N", 2), out += 2;
            else
                out += snprintf(out, 32, "%.17g", v->v.d);
            break;
        case MF__VALUE_DATE:
            if (v->v.date < MF_DATE_MIN || v->v.date > MF_DATE_MAX)
                return mf_error_set(err, MF_EINVAL,
                                    "bulk load: date serial %d outside years "
                                    "1..9999",
                                    (int)v->v.date);
            mf_date_format_iso(v->v.date, out);
            out += MF_DATE_ISO_SIZE - 1;
            break;
        case MF__VALUE_TIME: {
            int64_t days = v->v.i / SECONDS_PER_DAY, secs = v->v.i % SECONDS_PER_DAY;
            if (secs < 0)
                secs += SECONDS_PER_DAY, days--;
            if (days < MF_DATE_MIN || days > MF_DATE_MAX)
                return mf_error_set(err, MF_EINVAL, "bulk load: timestamp outside years 1..9999");
            char date[MF_DATE_ISO_SIZE];
            mf_date_format_iso((mf_date)days, date);
            out += snprintf(out, 32, "%s %02d:%02d:%02d+00", date, (int)(secs / 3600),
                            (int)(secs / 60 % 60), (int)(secs % 60));
            break;
        }
        }
    }
    *out++ = '\n';
    c->copylen = (size_t)(out - c->copybuf);
    return 0;
}

static int pg_copy_end(void *p, mf_error *err)
{
    conn *c = p;
    if (!c->copying)
        return 0;
    c->copying = false;
    int rc = copy_flush(c, err);
    if (PQputCopyEnd(c->pg, rc == 0 ? NULL : "aborted by mf") != 1 && rc == 0)
        rc = copy_fail(c, "ending the bulk load", err);
    PGresult *res;
    while ((res = PQgetResult(c->pg)) != NULL) {
        if (rc == 0 && PQresultStatus(res) != PGRES_COMMAND_OK)
            rc = fail(c, res, "loading rows in bulk (COPY)", err);
        PQclear(res);
    }
    return rc;
}

/* ---- the adapter ---------------------------------------------------------------------------- */

static const char *const prefixes[] = {"postgresql://", "postgres://", NULL};

const mf__store_ops mf__store_pg = {
    .name = "postgresql",
    .url_prefixes = prefixes,
    .migrations = mf__migrations_pg,
    .nmigrations = sizeof mf__migrations_pg / sizeof mf__migrations_pg[0],
    .begin_sql = "BEGIN",
    .version_table_sql = "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE 1 "
                         "END",
    .connect = pg_connect,
    .disconnect = pg_disconnect,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .reset = pg_reset,
    .bind_null = pg_bind_null,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_date = pg_bind_date,
    .bind_time = pg_bind_time,
    .step = pg_step,
    .changes = pg_changes,
    .is_null = pg_is_null,
    .col_int64 = pg_col_int64,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_date = pg_col_date,
    .col_time = pg_col_time,
    .copy_begin = pg_copy_begin,
    .copy_row = pg_copy_row,
    .copy_end = pg_copy_end,
    .ensure_partitions = pg_ensure_partitions,
};
