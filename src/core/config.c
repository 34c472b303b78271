/*
 * config.c - the configuration: the key table checked once, values parsed into a staging copy
 * and committed only when a whole source is valid, INI text read through inih.
 *
 * inih is driven through ini_parse_stream() with a reader of our own that hands it one line at
 * a time from memory. That reader is what knows the line number (the packaged inih calls
 * handlers without one), sees section headers (so an unknown section is reported at its header
 * even when it holds no keys), and refuses NUL bytes and lines longer than inih's buffer
 * instead of letting inih split them.
 */
#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

/* A key's effective (or staged) value. text NULL: not set (only in a staging copy). */
struct value {
    char *text;  /* canonical text; owned */
    int64_t num; /* int value, bool 0/1, enum index or log level */
    mf_config_origin_kind kind;
    char *source; /* owned; NULL for defaults and unlabelled flags */
    int line;
};

struct mf_config {
    const mf_config_key *keys; /* borrowed */
    size_t count;
    char **env;           /* MF_<SECTION>_<KEY> of each key; owned */
    struct value *values; /* count effective values; owned */
};

static const mf_config_key builtin_keys[] = {
#define MF__CONFIG_KEY(name, type, def, min, max, choices, doc)                                    \
    {(name), (type), (def), (min), (max), (choices), (doc)},
    MF_CONFIG_KEYS(MF__CONFIG_KEY)
#undef MF__CONFIG_KEY
};

/* ---- values ------------------------------------------------------------------------------- */

static void value_clear(struct value *v)
{
    mf_free(v->text);
    mf_free(v->source);
    *v = (struct value){0};
}

static void values_free(struct value *values, size_t count)
{
    if (values == NULL)
        return;
    for (size_t i = 0; i < count; i++)
        value_clear(&values[i]);
    mf_free(values);
}

/* Writes "a, b, c" for the choices "a|b|c" into buf. */
static void choices_list(const char *choices, char *buf, size_t size)
{
    size_t o = 0;
    for (const char *p = choices; *p != '\0' && o + 3 < size; p++) {
        if (*p == '|') {
            buf[o++] = ',';
            buf[o++] = ' ';
        } else {
            buf[o++] = *p;
        }
    }
    buf[o] = '\0';
}

/* Index of text among the '|'-separated choices, or -1. */
static int choice_index(const char *choices, const char *text)
{
    size_t len = strlen(text);
    int i = 0;
    for (const char *p = choices;; i++) {
        const char *bar = strchr(p, '|');
        size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, text, n) == 0)
            return i;
        if (bar == NULL)
            return -1;
        p = bar + 1;
    }
}

/* Strict decimal integer: optional sign, digits, nothing else, no overflow. */
static bool parse_int64(const char *text, int64_t *out)
{
    if (text[0] == '\0' || isspace((unsigned char)text[0]))
        return false;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0')
        return false;
    *out = (int64_t)v;
    return true;
}

/*
 * Checks text against key k. On success returns 0 with the canonical text in *canon (caller
 * owns; free with mf_free()) and the parsed value in *num; otherwise returns -1 and writes what
 * was expected into why.
 */
static int parse_value(const mf_config_key *k, const char *text, char **canon, int64_t *num,
                       char *why, size_t why_size)
{
    size_t len = strnlen(text, MF_CONFIG_VALUE_MAX + 1);
    if (len > MF_CONFIG_VALUE_MAX) {
        snprintf(why, why_size, "expected at most %d bytes", MF_CONFIG_VALUE_MAX);
        return -1;
    }
    switch (k->type) {
    case MF_CONFIG_STRING: {
        int64_t max = k->max > 0 ? k->max : MF_CONFIG_VALUE_MAX;
        if ((int64_t)len < k->min) {
            if (k->min == 1)
                snprintf(why, why_size, "expected a non-empty value");
            else
                snprintf(why, why_size, "expected at least %lld bytes", (long long)k->min);
            return -1;
        }
        if ((int64_t)len > max) {
            snprintf(why, why_size, "expected at most %lld bytes", (long long)max);
            return -1;
        }
        *canon = mf_strdup(text);
        *num = 0;
        return 0;
    }
    case MF_CONFIG_INT: {
        int64_t v;
        if (!parse_int64(text, &v) || v < k->min || v > k->max) {
            snprintf(why, why_size, "expected an integer in %lld..%lld", (long long)k->min,
                     (long long)k->max);
            return -1;
        }
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)v);
        *canon = mf_strdup(buf);
        *num = v;
        return 0;
    }
    case MF_CONFIG_BOOL: {
        int i = choice_index("false|true|no|yes|off|on|0|1", text);
        if (i < 0) {
            snprintf(why, why_size, "expected true, false, yes, no, on, off, 1 or 0");
            return -1;
        }
        *canon = mf_strdup(i % 2 ? "true" : "false");
        *num = i % 2;
        return 0;
    }
    case MF_CONFIG_ENUM: {
        int i = choice_index(k->choices, text);
        if (i < 0) {
            char list[200];
            choices_list(k->choices, list, sizeof list);
            snprintf(why, why_size, "expected one of %s", list);
            return -1;
        }
        *canon = mf_strdup(text);
        *num = i;
        return 0;
    }
    case MF_CONFIG_LOG_LEVEL: {
        mf_log_level level;
        if (mf_log_level_parse(text, &level, NULL) != 0) {
            size_t o = (size_t)snprintf(why, why_size, "expected one of");
            for (int i = 0; i < MF_LOG_LEVEL_COUNT && o < why_size; i++)
                o += (size_t)snprintf(why + o, why_size - o, "%s %s", i ? "," : "",
                                      mf_log_level_name((mf_log_level)i));
            return -1;
        }
        *canon = mf_strdup(mf_log_level_name(level));
        *num = level;
        return 0;
    }
    }
    snprintf(why, why_size, "key has an unknown type");
    return -1;
}

/*
 * Parses text for key idx into *slot with the given origin (source copied). On failure returns
 * MF_ECONFIG (MF_EINVAL for a default) with a message naming the value, the key and the
 * place, and leaves *slot unchanged.
 */
static int stage(const mf_config *cfg, struct value *slot, size_t idx, const char *text,
                 mf_config_origin_kind kind, const char *source, int line, mf_error *err)
{
    const mf_config_key *k = &cfg->keys[idx];
    char why[256];
    char *canon = NULL;
    int64_t num = 0;
    if (parse_value(k, text, &canon, &num, why, sizeof why) != 0) {
        switch (kind) {
        case MF_CONFIG_FROM_DEFAULT:
            return mf_error_set(err, MF_EINVAL, "invalid default '%.100s' for %s: %s", text,
                                k->name, why);
        case MF_CONFIG_FROM_FILE:
            return mf_error_set(err, MF_ECONFIG, "invalid value '%.100s' for %s at %s:%d: %s", text,
                                k->name, source, line, why);
        case MF_CONFIG_FROM_ENV:
        case MF_CONFIG_FROM_FLAG:
            return mf_error_set(err, MF_ECONFIG, "invalid value '%.100s' for %s: %s", text,
                                source != NULL ? source : k->name, why);
        }
        return mf_error_set(err, MF_EINVAL, "invalid value '%.100s' for %s: %s", text, k->name,
                            why);
    }
    value_clear(slot);
    slot->text = canon;
    slot->num = num;
    slot->kind = kind;
    slot->source = source != NULL ? mf_strdup(source) : NULL;
    slot->line = line;
    return 0;
}

/* A staging copy: count unset values. Caller owns; free with values_free(). */
static struct value *staging_new(const mf_config *cfg)
{
    return mf_calloc(cfg->count, sizeof(struct value));
}

/* Moves every set value of staged into cfg, then frees staged. */
static void staging_commit(mf_config *cfg, struct value *staged)
{
    for (size_t i = 0; i < cfg->count; i++) {
        if (staged[i].text == NULL)
            continue;
        value_clear(&cfg->values[i]);
        cfg->values[i] = staged[i];
        staged[i] = (struct value){0};
    }
    values_free(staged, cfg->count);
}

/* ---- the key table ------------------------------------------------------------------------ */

/* "section.key" with both parts made of [a-z0-9_] and not empty. */
static bool name_is_valid(const char *name)
{
    const char *dot = strchr(name, '.');
    if (dot == NULL || dot == name || dot[1] == '\0')
        return false;
    for (const char *p = name; *p != '\0'; p++) {
        if (p == dot)
            continue;
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    }
    return true;
}

static char *env_name(const char *name)
{
    size_t len = strlen(name);
    char *env = mf_malloc(len + 4);
    env[0] = 'M', env[1] = 'F', env[2] = '_';
    for (size_t i = 0; i <= len; i++)
        env[3 + i] = name[i] == '.' ? '_' : (char)toupper((unsigned char)name[i]);
    return env;
}

static int check_key(const mf_config_key *k, mf_error *err)
{
    if (k->name == NULL || !name_is_valid(k->name))
        return mf_error_set(err, MF_EINVAL,
                            "invalid config key name '%s': expected 'section.key' in lowercase "
                            "letters, digits and '_'",
                            k->name != NULL ? k->name : "(null)");
    if (k->def == NULL || k->doc == NULL)
        return mf_error_set(err, MF_EINVAL, "config key '%s' has no default or no doc", k->name);
    switch (k->type) {
    case MF_CONFIG_STRING:
        if (k->min < 0 || k->max < 0 || k->max > MF_CONFIG_VALUE_MAX ||
            (k->max > 0 && k->min > k->max))
            return mf_error_set(err, MF_EINVAL, "invalid length bounds %lld..%lld for '%s'",
                                (long long)k->min, (long long)k->max, k->name);
        return 0;
    case MF_CONFIG_INT:
        if (k->min > k->max)
            return mf_error_set(err, MF_EINVAL, "invalid bounds %lld..%lld for '%s'",
                                (long long)k->min, (long long)k->max, k->name);
        return 0;
    case MF_CONFIG_ENUM:
        if (k->choices == NULL || k->choices[0] == '\0' || strstr(k->choices, "||") != NULL ||
            k->choices[0] == '|' || k->choices[strlen(k->choices) - 1] == '|')
            return mf_error_set(err, MF_EINVAL, "invalid choices for '%s'", k->name);
        return 0;
    case MF_CONFIG_BOOL:
    case MF_CONFIG_LOG_LEVEL: return 0;
    }
    return mf_error_set(err, MF_EINVAL, "unknown type %d for '%s'", (int)k->type, k->name);
}

int mf_config_new_with_keys(const mf_config_key *keys, size_t count, mf_config **out, mf_error *err)
{
    mf_config *cfg = NULL;
    int rc = 0;

    if (keys == NULL && count > 0) {
        rc = mf_error_set(err, MF_EINVAL, "missing config key table");
        goto out;
    }
    for (size_t i = 0; i < count; i++) {
        rc = check_key(&keys[i], err);
        if (rc != 0)
            goto out;
    }

    cfg = mf_calloc(1, sizeof *cfg);
    cfg->keys = keys;
    cfg->count = count;
    cfg->env = mf_calloc(count, sizeof(char *));
    cfg->values = mf_calloc(count, sizeof(struct value));
    for (size_t i = 0; i < count; i++) {
        cfg->env[i] = env_name(keys[i].name);
        for (size_t j = 0; j < i; j++) {
            if (strcmp(keys[i].name, keys[j].name) == 0 || strcmp(cfg->env[i], cfg->env[j]) == 0) {
                rc = mf_error_set(err, MF_EINVAL, "config key '%s' clashes with '%s'", keys[i].name,
                                  keys[j].name);
                goto out;
            }
        }
        rc = stage(cfg, &cfg->values[i], i, keys[i].def, MF_CONFIG_FROM_DEFAULT, NULL, 0, err);
        if (rc != 0)
            goto out;
    }
    *out = cfg;
    cfg = NULL;
out:
    mf_config_free(cfg);
    return rc;
}

int mf_config_new(mf_config **out, mf_error *err)
{
    return mf_config_new_with_keys(builtin_keys, sizeof builtin_keys / sizeof builtin_keys[0], out,
                                   err);
}

void mf_config_free(mf_config *cfg)
{
    if (cfg == NULL)
        return;
    if (cfg->env != NULL) {
        for (size_t i = 0; i < cfg->count; i++)
            mf_free(cfg->env[i]);
        mf_free(cfg->env);
    }
    values_free(cfg->values, cfg->count);
    mf_free(cfg);
}

/* Index of key name, or -1. */
static long key_index(const mf_config *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->count; i++) {
        if (strcmp(cfg->keys[i].name, name) == 0)
            return (long)i;
    }
    return -1;
}

/* Index of the key `name` under [section], or -1. */
static long key_index_in(const mf_config *cfg, const char *section, size_t section_len,
                         const char *name)
{
    for (size_t i = 0; i < cfg->count; i++) {
        const char *k = cfg->keys[i].name;
        if (strncmp(k, section, section_len) == 0 && k[section_len] == '.' &&
            (name == NULL || strcmp(k + section_len + 1, name) == 0))
            return (long)i;
    }
    return -1;
}

/* ---- INI ---------------------------------------------------------------------------------- */

struct ini_ctx {
    mf_config *cfg;
    struct value *staged;
    const char *source;
    const char *text, *next, *end; /* the whole text and the unread part */
    const char *cur;               /* the line inih is on, for messages */
    size_t cur_len;
    int line;     /* number of the line inih is on */
    int err_line; /* line of the first error found, 0 if none */
    mf_error err;
};

/* Records the first error (lines are visited in order, so the first is the earliest). */
static void ini_fail(struct ini_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void ini_fail(struct ini_ctx *c, const char *fmt, ...)
{
    if (c->err_line != 0)
        return;
    c->err_line = c->line;
    c->err.code = MF_ECONFIG;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err.msg, sizeof c->err.msg, fmt, ap);
    va_end(ap);
}

/* Trims spaces, tabs and line ends from both sides of [*s, *s + *len). */
static void trim(const char **s, size_t *len)
{
    while (*len > 0 && isspace((unsigned char)(*s)[0])) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && isspace((unsigned char)(*s)[*len - 1]))
        (*len)--;
}

/* Checks a "[section]" header line against the table. */
static void ini_check_header(struct ini_ctx *c, const char *s, size_t len)
{
    trim(&s, &len);
    if (len == 0 || s[0] != '[')
        return;
    const char *close = memchr(s, ']', len);
    if (close == NULL)
        return; /* inih reports it as malformed */
    size_t name_len = (size_t)(close - s - 1);
    if (key_index_in(c->cfg, s + 1, name_len, NULL) < 0)
        ini_fail(c, "unknown section [%.*s] at %s:%d", (int)(name_len > 100 ? 100 : name_len),
                 s + 1, c->source, c->line);
}

/* inih's reader: copies the next line into buf (size num), or NULL at the end or on error. */
static char *ini_read_line(char *buf, int num, void *stream)
{
    struct ini_ctx *c = stream;
    if (c->next >= c->end || c->err_line != 0)
        return NULL;
    const char *nl = memchr(c->next, '\n', (size_t)(c->end - c->next));
    size_t len = nl != NULL ? (size_t)(nl - c->next) : (size_t)(c->end - c->next);
    c->cur = c->next;
    c->cur_len = len;
    c->line++;
    c->next += len + (nl != NULL);
    if (memchr(c->cur, '\0', len) != NULL) {
        ini_fail(c, "unexpected NUL byte at %s:%d", c->source, c->line);
        return NULL;
    }
    if (num < 2 || len > (size_t)num - 1) {
        /* inih would read the rest of the line as another line */
        ini_fail(c, "line too long at %s:%d: at most %d bytes per line", c->source, c->line,
                 num - 1);
        return NULL;
    }
    memcpy(buf, c->cur, len);
    buf[len] = '\0';
    ini_check_header(c, c->cur, len);
    return buf;
}

static int ini_on_pair(void *user, const char *section, const char *name, const char *value)
{
    struct ini_ctx *c = user;
    if (c->err_line != 0)
        return 1; /* keep only the first error; the return value would only repeat it */

    if (section[0] == '\0') {
        ini_fail(c, "key '%.100s' outside any section at %s:%d: expected a [section] header first",
                 name, c->source, c->line);
        return 1;
    }
    size_t section_len = strlen(section);
    if (key_index_in(c->cfg, section, section_len, NULL) < 0) {
        ini_fail(c, "unknown section [%.100s] at %s:%d", section, c->source, c->line);
        return 1;
    }
    long idx = key_index_in(c->cfg, section, section_len, name);
    if (idx < 0) {
        ini_fail(c, "unknown key '%.100s' in section [%s] at %s:%d", name, section, c->source,
                 c->line);
        return 1;
    }
    struct value *slot = &c->staged[idx];
    if (slot->text != NULL) {
        if (c->cur_len > 0 && isspace((unsigned char)c->cur[0]))
            ini_fail(c,
                     "unexpected indented line at %s:%d: a value cannot continue on the next "
                     "line",
                     c->source, c->line);
        else
            ini_fail(c, "duplicate key '%s' in section [%s] at %s:%d: first set at line %d", name,
                     section, c->source, c->line, slot->line);
        return 1;
    }
    mf_error verr;
    if (stage(c->cfg, slot, (size_t)idx, value, MF_CONFIG_FROM_FILE, c->source, c->line, &verr) !=
        0)
        ini_fail(c, "%s", verr.msg);
    return 1;
}

/* Text of line number line (1-based) of c's text, trimmed, for a message. */
static void ini_line_text(const struct ini_ctx *c, int line, const char **s, size_t *len)
{
    const char *p = c->text;
    for (int i = 1; i < line && p < c->end; i++) {
        const char *nl = memchr(p, '\n', (size_t)(c->end - p));
        p = nl != NULL ? nl + 1 : c->end;
    }
    const char *nl = memchr(p, '\n', (size_t)(c->end - p));
    *s = p;
    *len = nl != NULL ? (size_t)(nl - p) : (size_t)(c->end - p);
    trim(s, len);
}

static int load_text(mf_config *cfg, const char *text, size_t len, const char *source,
                     mf_error *err)
{
    struct ini_ctx c = {
        .cfg = cfg, .source = source, .text = text, .next = text, .end = text + len};
    int rc = 0;
    c.staged = staging_new(cfg);

    int parsed = ini_parse_stream(ini_read_line, &c, ini_on_pair, &c);
    if (parsed > 0 && (c.err_line == 0 || parsed < c.err_line)) {
        const char *s;
        size_t n;
        ini_line_text(&c, parsed, &s, &n);
        rc = mf_error_set(err, MF_ECONFIG,
                          "malformed line '%.*s' at %s:%d: expected '[section]' or 'key = value'",
                          (int)(n > 100 ? 100 : n), s, source, parsed);
        goto out;
    }
    if (c.err_line != 0) {
        rc = mf_error_set(err, c.err.code, "%s", c.err.msg);
        goto out;
    }
    if (parsed < 0) {
        rc = mf_error_set(err, MF_ENOMEM, "cannot parse %s: inih failed with %d", source, parsed);
        goto out;
    }
    staging_commit(cfg, c.staged);
    c.staged = NULL;
out:
    values_free(c.staged, cfg->count);
    return rc;
}

int mf_config_load_string(mf_config *cfg, const char *text, const char *source, mf_error *err)
{
    if (cfg == NULL || text == NULL)
        return mf_error_set(err, MF_EINVAL, "missing configuration or text");
    return load_text(cfg, text, strlen(text), source != NULL ? source : "(string)", err);
}

static void errno_text(int errnum, char *buf, size_t size)
{
    if (strerror_r(errnum, buf, size) != 0)
        snprintf(buf, size, "error %d", errnum);
}

int mf_config_load_file(mf_config *cfg, const char *path, mf_error *err)
{
    FILE *f = NULL;
    char *buf = NULL;
    char why[128];
    int rc = 0;

    if (cfg == NULL || path == NULL) {
        rc = mf_error_set(err, MF_EINVAL, "missing configuration or path");
        goto out;
    }
    f = fopen(path, "r");
    if (f == NULL) {
        int e = errno;
        errno_text(e, why, sizeof why);
        rc = mf_error_set(err, e == ENOENT ? MF_ENOTFOUND : MF_EIO,
                          "cannot open config file '%s': %s", path, why);
        goto out;
    }
    size_t cap = 4096, len = 0;
    buf = mf_malloc(cap);
    for (;;) {
        if (len == cap) {
            if (cap > MF_CONFIG_FILE_MAX) {
                rc = mf_error_set(err, MF_ECONFIG, "config file '%s' is larger than %zu bytes",
                                  path, MF_CONFIG_FILE_MAX);
                goto out;
            }
            cap *= 2;
            buf = mf_realloc(buf, cap);
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                errno_text(errno, why, sizeof why);
                rc = mf_error_set(err, MF_EIO, "cannot read config file '%s': %s", path, why);
                goto out;
            }
            break;
        }
    }
    if (len > MF_CONFIG_FILE_MAX) {
        rc = mf_error_set(err, MF_ECONFIG, "config file '%s' is larger than %zu bytes", path,
                          MF_CONFIG_FILE_MAX);
        goto out;
    }
    rc = load_text(cfg, buf, len, path, err);
out:
    if (f != NULL)
        fclose(f);
    mf_free(buf);
    return rc;
}

/* ---- environment and flags ---------------------------------------------------------------- */

const char *mf_config_env_process(const char *name, void *ctx)
{
    (void)ctx;
    return getenv(name);
}

const char *mf_config_env_envp(const char *name, void *ctx)
{
    char *const *envp = ctx;
    size_t len = strlen(name);
    for (; envp != NULL && *envp != NULL; envp++) {
        if (strncmp(*envp, name, len) == 0 && (*envp)[len] == '=')
            return *envp + len + 1;
    }
    return NULL;
}

int mf_config_load_env(mf_config *cfg, mf_config_env_fn lookup, void *ctx, mf_error *err)
{
    if (cfg == NULL || lookup == NULL)
        return mf_error_set(err, MF_EINVAL, "missing configuration or environment");
    struct value *staged = staging_new(cfg);
    int rc = 0;
    for (size_t i = 0; i < cfg->count; i++) {
        const char *v = lookup(cfg->env[i], ctx);
        if (v == NULL)
            continue;
        rc = stage(cfg, &staged[i], i, v, MF_CONFIG_FROM_ENV, cfg->env[i], 0, err);
        if (rc != 0)
            goto out;
    }
    staging_commit(cfg, staged);
    staged = NULL;
out:
    values_free(staged, cfg->count);
    return rc;
}

int mf_config_set(mf_config *cfg, const char *name, const char *value, const char *source,
                  mf_error *err)
{
    if (cfg == NULL || name == NULL || value == NULL)
        return mf_error_set(err, MF_EINVAL, "missing configuration, key or value");
    long idx = key_index(cfg, name);
    if (idx < 0) {
        if (source != NULL)
            return mf_error_set(err, MF_ECONFIG, "unknown config key '%.100s' in %s", name, source);
        return mf_error_set(err, MF_ECONFIG, "unknown config key '%.100s'", name);
    }
    struct value v = {0};
    int rc = stage(cfg, &v, (size_t)idx, value, MF_CONFIG_FROM_FLAG, source, 0, err);
    if (rc != 0)
        return rc;
    value_clear(&cfg->values[idx]);
    cfg->values[idx] = v;
    return 0;
}

/* ---- getters ------------------------------------------------------------------------------ */

const char *mf_config_get_string(const mf_config *cfg, const char *name)
{
    long idx = cfg != NULL && name != NULL ? key_index(cfg, name) : -1;
    return idx >= 0 ? cfg->values[idx].text : NULL;
}

static const char *type_phrase(mf_config_type type)
{
    switch (type) {
    case MF_CONFIG_STRING: return "a string";
    case MF_CONFIG_INT: return "an integer";
    case MF_CONFIG_BOOL: return "a boolean";
    case MF_CONFIG_ENUM: return "an enum";
    case MF_CONFIG_LOG_LEVEL: return "a log level";
    }
    return "of unknown type";
}

/* Points *out at the value of key name when it has type type. */
static int typed_value(const mf_config *cfg, const char *name, mf_config_type type,
                       const struct value **out, mf_error *err)
{
    long idx = cfg != NULL && name != NULL ? key_index(cfg, name) : -1;
    if (idx < 0) {
        mf_error_set(err, MF_ENOTFOUND, "unknown config key '%.100s'",
                     name != NULL ? name : "(null)");
        return MF_ENOTFOUND;
    }
    if (cfg->keys[idx].type != type) {
        mf_error_set(err, MF_EINVAL, "config key '%s' is %s, not %s", name,
                     type_phrase(cfg->keys[idx].type), type_phrase(type));
        return MF_EINVAL;
    }
    *out = &cfg->values[idx];
    return 0;
}

int mf_config_get_int(const mf_config *cfg, const char *name, int64_t *out, mf_error *err)
{
    const struct value *v;
    int rc = typed_value(cfg, name, MF_CONFIG_INT, &v, err);
    if (rc == 0)
        *out = v->num;
    return rc;
}

int mf_config_get_bool(const mf_config *cfg, const char *name, bool *out, mf_error *err)
{
    const struct value *v;
    int rc = typed_value(cfg, name, MF_CONFIG_BOOL, &v, err);
    if (rc == 0)
        *out = v->num != 0;
    return rc;
}

int mf_config_get_enum(const mf_config *cfg, const char *name, int *out, mf_error *err)
{
    const struct value *v;
    int rc = typed_value(cfg, name, MF_CONFIG_ENUM, &v, err);
    if (rc == 0)
        *out = (int)v->num;
    return rc;
}

int mf_config_get_log_level(const mf_config *cfg, const char *name, mf_log_level *out,
                            mf_error *err)
{
    const struct value *v;
    int rc = typed_value(cfg, name, MF_CONFIG_LOG_LEVEL, &v, err);
    if (rc == 0)
        *out = (mf_log_level)v->num;
    return rc;
}

/* ---- iteration ---------------------------------------------------------------------------- */

size_t mf_config_count(const mf_config *cfg)
{
    return cfg != NULL ? cfg->count : 0;
}

int mf_config_entry_at(const mf_config *cfg, size_t index, mf_config_entry *out, mf_error *err)
{
    if (cfg == NULL || index >= cfg->count)
        return mf_error_set(err, MF_ERANGE, "config key index %zu past the last key (%zu keys)",
                            index, mf_config_count(cfg));
    const mf_config_key *k = &cfg->keys[index];
    const struct value *v = &cfg->values[index];
    *out = (mf_config_entry){
        .name = k->name,
        .env = cfg->env[index],
        .type = k->type,
        .value = v->text,
        .def = k->def,
        .doc = k->doc,
        .origin = {.kind = v->kind, .source = v->source, .line = v->line},
    };
    return 0;
}

int mf_config_find(const mf_config *cfg, const char *name, mf_config_entry *out, mf_error *err)
{
    long idx = cfg != NULL && name != NULL ? key_index(cfg, name) : -1;
    if (idx < 0)
        return mf_error_set(err, MF_ENOTFOUND, "unknown config key '%.100s'",
                            name != NULL ? name : "(null)");
    return mf_config_entry_at(cfg, (size_t)idx, out, err);
}

char *mf_config_origin_format(const mf_config_origin *origin, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    switch (origin->kind) {
    case MF_CONFIG_FROM_DEFAULT: snprintf(buf, size, "default"); break;
    case MF_CONFIG_FROM_FILE:
        snprintf(buf, size, "%s:%d", origin->source != NULL ? origin->source : "(file)",
                 origin->line);
        break;
    case MF_CONFIG_FROM_ENV:
        snprintf(buf, size, "env %s", origin->source != NULL ? origin->source : "");
        break;
    case MF_CONFIG_FROM_FLAG:
        if (origin->source != NULL)
            snprintf(buf, size, "flag %s", origin->source);
        else
            snprintf(buf, size, "flag");
        break;
    default: snprintf(buf, size, "unknown"); break;
    }
    return buf;
}
