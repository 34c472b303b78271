/*
 * test_config.c - src/core/config.c: defaults, the precedence default < file < env < flag,
 * origins, typed getters, iteration, the exact text of every error, the all-or-nothing rule,
 * and that mf.ini.example and docs/configuration.md cover every key.
 */
#include "support/test.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/config.h"

/* A table with one key of each type, for the paths the built-in keys do not have yet. */
static const mf_config_key test_keys[] = {
    {"server.port", MF_CONFIG_INT, "8080", 1, 65535, NULL, "TCP port"},
    {"server.tls", MF_CONFIG_BOOL, "false", 0, 0, NULL, "serve HTTPS"},
    {"server.mode", MF_CONFIG_ENUM, "fast", 0, 0, "fast|safe|paranoid", "how careful"},
    {"server.name", MF_CONFIG_STRING, "mf", 1, 8, NULL, "short name"},
    {"log.level", MF_CONFIG_LOG_LEVEL, "info", 0, 0, NULL, "log level"},
};

static mf_config *builtin(void)
{
    mf_config *cfg = NULL;
    mf_error err;
    if (mf_config_new(&cfg, &err) != 0)
        fail_msg("built-in key table rejected: %s", err.msg);
    return cfg;
}

static mf_config *with_test_keys(void)
{
    mf_config *cfg = NULL;
    mf_error err;
    if (mf_config_new_with_keys(test_keys, sizeof test_keys / sizeof test_keys[0], &cfg, &err) != 0)
        fail_msg("test key table rejected: %s", err.msg);
    return cfg;
}

/* The origin of key name, formatted ("default", "mf.ini:2", "env MF_LOG_LEVEL", ...). */
static const char *origin_of(const mf_config *cfg, const char *name, char *buf, size_t size)
{
    mf_config_entry e;
    assert_int_equal(mf_config_find(cfg, name, &e, NULL), 0);
    return mf_config_origin_format(&e.origin, buf, size);
}

/* Loads text and expects it to fail with code and exactly the message want. */
static void expect_load_error(mf_config *cfg, const char *text, int code, const char *want)
{
    mf_error err;
    mf_error_clear(&err);
    int rc = mf_config_load_string(cfg, text, "mf.ini", &err);
    if (rc != code)
        fail_msg("expected %s, got %s (%s) for:\n%s", mf_errname(code), mf_errname(rc), err.msg,
                 text);
    assert_int_equal(err.code, code);
    assert_string_equal(err.msg, want);
}

/* Writes text (len bytes) to a new temporary file whose path goes into path. */
static void temp_file(char *path, size_t size, const char *text, size_t len)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, size, "%s/mf-test-config-XXXXXX", dir != NULL ? dir : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
}

/* Everything a listing shows, joined, to compare whole configurations. */
static void snapshot(const mf_config *cfg, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < mf_config_count(cfg) && o < size; i++) {
        mf_config_entry e;
        assert_int_equal(mf_config_entry_at(cfg, i, &e, NULL), 0);
        char origin[128];
        o += (size_t)snprintf(buf + o, size - o, "%s=%s@%s;", e.name, e.value,
                              mf_config_origin_format(&e.origin, origin, sizeof origin));
    }
}

static void builtin_keys_start_at_their_documented_defaults(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    assert_true(mf_config_count(cfg) >= 3); /* the first three are the store's and the log's */
    assert_string_equal(mf_config_get_string(cfg, "store.url"), "sqlite:mf.db");
    assert_string_equal(mf_config_get_string(cfg, "log.level"), "info");
    assert_string_equal(mf_config_get_string(cfg, "log.file"), "");
    mf_log_level level = MF_LOG_ERROR;
    assert_int_equal(mf_config_get_log_level(cfg, "log.level", &level, NULL), 0);
    assert_int_equal(level, MF_LOG_INFO);

    const char *names[] = {"store.url", "log.level", "log.file"};
    const char *envs[] = {"MF_STORE_URL", "MF_LOG_LEVEL", "MF_LOG_FILE"};
    for (size_t i = 0; i < 3; i++) {
        mf_config_entry e;
        assert_int_equal(mf_config_entry_at(cfg, i, &e, NULL), 0);
        assert_string_equal(e.name, names[i]);
        assert_string_equal(e.env, envs[i]);
        assert_string_equal(e.value, e.def);
        assert_true(strlen(e.doc) > 10);
        assert_int_equal(e.origin.kind, MF_CONFIG_FROM_DEFAULT);
        assert_null(e.origin.source);
        char buf[64];
        assert_string_equal(mf_config_origin_format(&e.origin, buf, sizeof buf), "default");
    }
    mf_config_free(cfg);
    mf_config_free(NULL);
}

static void file_overrides_default_env_overrides_file_flag_overrides_env(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    mf_error err;
    char buf[128];

    assert_int_equal(mf_config_load_string(cfg,
                                           "; the fund's settings\n"
                                           "[log]\n"
                                           "level = warn\n"
                                           "file = /var/log/mf.log\n",
                                           "mf.ini", &err),
                     0);
    assert_string_equal(mf_config_get_string(cfg, "log.level"), "warn");
    assert_string_equal(origin_of(cfg, "log.level", buf, sizeof buf), "mf.ini:3");
    assert_string_equal(origin_of(cfg, "log.file", buf, sizeof buf), "mf.ini:4");
    assert_string_equal(origin_of(cfg, "store.url", buf, sizeof buf), "default");

    const char *env[] = {"PATH=/bin",           "MF_LOG_LEVEL=error",     "MF_STORE_URLX=ignored",
                         "MF_STORE_UR=ignored", "MF_UNKNOWN_KEY=ignored", NULL};
    assert_int_equal(mf_config_load_env(cfg, mf_config_env_envp, (void *)env, &err), 0);
    assert_string_equal(mf_config_get_string(cfg, "log.level"), "error");
    assert_string_equal(origin_of(cfg, "log.level", buf, sizeof buf), "env MF_LOG_LEVEL");
    assert_string_equal(origin_of(cfg, "log.file", buf, sizeof buf), "mf.ini:4");
    assert_string_equal(mf_config_get_string(cfg, "store.url"), "sqlite:mf.db");

    assert_int_equal(mf_config_set(cfg, "log.level", "debug", "--log-level", &err), 0);
    mf_log_level level = MF_LOG_ERROR;
    assert_int_equal(mf_config_get_log_level(cfg, "log.level", &level, &err), 0);
    assert_int_equal(level, MF_LOG_DEBUG);
    assert_string_equal(origin_of(cfg, "log.level", buf, sizeof buf), "flag --log-level");

    assert_int_equal(mf_config_set(cfg, "store.url", "postgresql://mf@db/mf", NULL, &err), 0);
    assert_string_equal(origin_of(cfg, "store.url", buf, sizeof buf), "flag");

    mf_config_entry e;
    assert_int_equal(mf_config_find(cfg, "log.file", &e, &err), 0);
    assert_string_equal(e.value, "/var/log/mf.log");
    assert_int_equal(e.origin.kind, MF_CONFIG_FROM_FILE);
    assert_string_equal(e.origin.source, "mf.ini");
    assert_int_equal(e.origin.line, 4);
    mf_config_free(cfg);
}

static void a_later_file_overrides_an_earlier_one_key_by_key(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    char buf[128];
    assert_int_equal(
        mf_config_load_string(cfg, "[log]\nlevel = warn\nfile = a.log\n", "/etc/mf.ini", NULL), 0);
    assert_int_equal(mf_config_load_string(cfg, "[log]\nfile = b.log\n", "local.ini", NULL), 0);
    assert_string_equal(mf_config_get_string(cfg, "log.level"), "warn");
    assert_string_equal(origin_of(cfg, "log.level", buf, sizeof buf), "/etc/mf.ini:2");
    assert_string_equal(mf_config_get_string(cfg, "log.file"), "b.log");
    assert_string_equal(origin_of(cfg, "log.file", buf, sizeof buf), "local.ini:2");
    mf_config_free(cfg);
}

static void an_empty_environment_value_sets_the_key(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    char buf[64];
    assert_int_equal(mf_config_set(cfg, "log.file", "x.log", "--log-file", NULL), 0);
    const char *env[] = {"MF_LOG_FILE=", NULL};
    assert_int_equal(mf_config_load_env(cfg, mf_config_env_envp, (void *)env, NULL), 0);
    assert_string_equal(mf_config_get_string(cfg, "log.file"), "");
    assert_string_equal(origin_of(cfg, "log.file", buf, sizeof buf), "env MF_LOG_FILE");
    mf_config_free(cfg);
}

static const char *fake_getenv(const char *name, void *ctx)
{
    int *calls = ctx;
    (*calls)++;
    return strcmp(name, "MF_STORE_URL") == 0 ? "sqlite:/data/fund.db" : NULL;
}

static void the_environment_is_read_through_the_given_lookup(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    int calls = 0;
    assert_int_equal(mf_config_load_env(cfg, fake_getenv, &calls, NULL), 0);
    assert_int_equal(calls, (int)mf_config_count(cfg)); /* one lookup per key */
    assert_string_equal(mf_config_get_string(cfg, "store.url"), "sqlite:/data/fund.db");

    /* The process environment, whatever it holds, is at least readable. */
    assert_true(mf_config_env_process("PATH", NULL) == getenv("PATH"));
    assert_null(mf_config_env_envp("MF_LOG_LEVEL", NULL));
    mf_config_free(cfg);
}

static void files_are_read_from_disk_and_named_in_origins(void **state)
{
    (void)state;
    const char *text = "[store]\r\nurl = sqlite:/srv/mf.db\r\n";
    char path[256];
    temp_file(path, sizeof path, text, strlen(text));
    mf_config *cfg = builtin();
    mf_error err;
    assert_int_equal(mf_config_load_file(cfg, path, &err), 0);
    assert_string_equal(mf_config_get_string(cfg, "store.url"), "sqlite:/srv/mf.db");
    char buf[512], want[512];
    snprintf(want, sizeof want, "%s:2", path);
    assert_string_equal(origin_of(cfg, "store.url", buf, sizeof buf), want);
    unlink(path);
    mf_config_free(cfg);
}

static void comments_whitespace_and_semicolons_in_values(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    mf_error err;
    assert_int_equal(mf_config_load_string(cfg,
                                           "\xEF\xBB\xBF# a comment\n"
                                           "; another\n"
                                           "\n"
                                           "  [store]   \n"
                                           "url=postgresql://mf:p;w@db/mf?sslmode=require\n"
                                           "[log]\n"
                                           "   level   =   debug   ; inline comment\n"
                                           "[store]\n",
                                           "mf.ini", &err),
                     0);
    assert_string_equal(mf_config_get_string(cfg, "store.url"),
                        "postgresql://mf:p;w@db/mf?sslmode=require");
    assert_string_equal(mf_config_get_string(cfg, "log.level"), "debug");
    assert_int_equal(mf_config_load_string(cfg, "", "empty.ini", &err), 0);
    mf_config_free(cfg);
}

static void unknown_keys_and_sections_are_named_with_their_place(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    expect_load_error(cfg, "[log]\n\n; comment\n\n\n\nlevle = debug\n", MF_ECONFIG,
                      "unknown key 'levle' in section [log] at mf.ini:7");
    expect_load_error(cfg, "[store]\nurl = x\n[lgo]\nlevel = debug\n", MF_ECONFIG,
                      "unknown section [lgo] at mf.ini:3");
    expect_load_error(cfg, "[store]\nurl = x\n[nothing_inside]\n", MF_ECONFIG,
                      "unknown section [nothing_inside] at mf.ini:3");
    expect_load_error(cfg, "[store.url]\nx = 1\n", MF_ECONFIG,
                      "unknown section [store.url] at mf.ini:1");
    expect_load_error(cfg, "[Log]\nlevel = info\n", MF_ECONFIG,
                      "unknown section [Log] at mf.ini:1");
    expect_load_error(cfg, "level = debug\n", MF_ECONFIG,
                      "key 'level' outside any section at mf.ini:1: expected a [section] header "
                      "first");
    mf_config_free(cfg);
}

static void malformed_lines_are_quoted_with_their_line_number(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    expect_load_error(cfg, "[log]\n   indented garbage\t\n", MF_ECONFIG,
                      "malformed line 'indented garbage' at mf.ini:2: expected '[section]' or "
                      "'key = value'");
    expect_load_error(cfg, "[log]\nlevel = info\ngarbage here  \n", MF_ECONFIG,
                      "malformed line 'garbage here' at mf.ini:3: expected '[section]' or 'key = "
                      "value'");
    expect_load_error(cfg, "[log\nlevel = info\n", MF_ECONFIG,
                      "malformed line '[log' at mf.ini:1: expected '[section]' or 'key = value'");
    expect_load_error(cfg, "[log]\nlevel = info\nlevel = warn\n", MF_ECONFIG,
                      "duplicate key 'level' in section [log] at mf.ini:3: first set at line 2");
    expect_load_error(cfg, "[log]\nfile = a.log\n  b.log\n", MF_ECONFIG,
                      "unexpected indented line at mf.ini:3: a value cannot continue on the next "
                      "line");

    char text[512];
    snprintf(text, sizeof text, "[store]\nurl = sqlite:%0300d\n", 7);
    mf_error err;
    assert_int_equal(mf_config_load_string(cfg, text, "mf.ini", &err), MF_ECONFIG);
    assert_string_equal(err.msg, "line too long at mf.ini:2: at most 199 bytes per line");
    mf_config_free(cfg);
}

static void the_first_error_by_line_is_the_one_reported(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    expect_load_error(cfg, "[log]\nlevel = loud\ngarbage\nnope = 1\n", MF_ECONFIG,
                      "invalid value 'loud' for log.level at mf.ini:2: expected one of debug, "
                      "info, warn, error");
    expect_load_error(cfg, "[log]\ngarbage\nlevel = loud\n", MF_ECONFIG,
                      "malformed line 'garbage' at mf.ini:2: expected '[section]' or 'key = "
                      "value'");
    expect_load_error(cfg, "[log]\nnope = 1\ngarbage\n", MF_ECONFIG,
                      "unknown key 'nope' in section [log] at mf.ini:2");
    mf_config_free(cfg);
}

static void bad_values_name_the_value_the_key_and_the_source(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    mf_error err;
    expect_load_error(cfg, "[log]\n\nlevel = loud\n", MF_ECONFIG,
                      "invalid value 'loud' for log.level at mf.ini:3: expected one of debug, "
                      "info, warn, error");
    expect_load_error(cfg, "[store]\nurl =\n", MF_ECONFIG,
                      "invalid value '' for store.url at mf.ini:2: expected a non-empty value");

    const char *env[] = {"MF_LOG_LEVEL=x", NULL};
    assert_int_equal(mf_config_load_env(cfg, mf_config_env_envp, (void *)env, &err), MF_ECONFIG);
    assert_string_equal(err.msg, "invalid value 'x' for MF_LOG_LEVEL: expected one of debug, "
                                 "info, warn, error");

    assert_int_equal(mf_config_set(cfg, "log.level", "Debug", "--log-level", &err), MF_ECONFIG);
    assert_string_equal(err.msg, "invalid value 'Debug' for --log-level: expected one of debug, "
                                 "info, warn, error");
    assert_int_equal(mf_config_set(cfg, "store.url", "", NULL, &err), MF_ECONFIG);
    assert_string_equal(err.msg, "invalid value '' for store.url: expected a non-empty value");

    assert_int_equal(mf_config_set(cfg, "log.levle", "debug", "--set", &err), MF_ECONFIG);
    assert_string_equal(err.msg, "unknown config key 'log.levle' in --set");
    assert_int_equal(mf_config_set(cfg, "levle", "debug", NULL, &err), MF_ECONFIG);
    assert_string_equal(err.msg, "unknown config key 'levle'");

    char *long_value = mf_malloc(MF_CONFIG_VALUE_MAX + 2);
    memset(long_value, 'a', MF_CONFIG_VALUE_MAX + 1);
    long_value[MF_CONFIG_VALUE_MAX + 1] = '\0';
    assert_int_equal(mf_config_set(cfg, "log.file", long_value, "--log-file", &err), MF_ECONFIG);
    assert_non_null(strstr(err.msg, "for --log-file: expected at most 4096 bytes"));
    long_value[MF_CONFIG_VALUE_MAX] = '\0';
    assert_int_equal(mf_config_set(cfg, "log.file", long_value, "--log-file", &err), 0);
    mf_free(long_value);
    mf_config_free(cfg);
}

static void integers_booleans_enums_and_strings_are_checked_against_their_bounds(void **state)
{
    (void)state;
    mf_config *cfg = with_test_keys();
    mf_error err;
    expect_load_error(cfg, "[server]\nport = 70000\n", MF_ECONFIG,
                      "invalid value '70000' for server.port at mf.ini:2: expected an integer in "
                      "1..65535");
    expect_load_error(cfg, "[server]\nport = 0\n", MF_ECONFIG,
                      "invalid value '0' for server.port at mf.ini:2: expected an integer in "
                      "1..65535");
    const char *not_ints[] = {"12x", "", " 1", "1.5", "0x10", "99999999999999999999999"};
    for (size_t i = 0; i < sizeof not_ints / sizeof not_ints[0]; i++) {
        assert_int_equal(mf_config_set(cfg, "server.port", not_ints[i], "--port", &err),
                         MF_ECONFIG);
        char want[256];
        snprintf(want, sizeof want,
                 "invalid value '%s' for --port: expected an integer in 1..65535", not_ints[i]);
        assert_string_equal(err.msg, want);
    }
    const char *env[] = {"MF_SERVER_PORT=65536", NULL};
    assert_int_equal(mf_config_load_env(cfg, mf_config_env_envp, (void *)env, &err), MF_ECONFIG);
    assert_string_equal(
        err.msg, "invalid value '65536' for MF_SERVER_PORT: expected an integer in 1..65535");

    expect_load_error(cfg, "[server]\ntls = maybe\n", MF_ECONFIG,
                      "invalid value 'maybe' for server.tls at mf.ini:2: expected true, false, "
                      "yes, no, on, off, 1 or 0");
    expect_load_error(cfg, "[server]\nmode = reckless\n", MF_ECONFIG,
                      "invalid value 'reckless' for server.mode at mf.ini:2: expected one of "
                      "fast, safe, paranoid");
    expect_load_error(cfg, "[server]\nname = muchtoolong\n", MF_ECONFIG,
                      "invalid value 'muchtoolong' for server.name at mf.ini:2: expected at most "
                      "8 bytes");
    mf_config_free(cfg);
}

static void typed_getters_return_parsed_values(void **state)
{
    (void)state;
    mf_config *cfg = with_test_keys();
    mf_error err;
    assert_int_equal(mf_config_load_string(cfg,
                                           "[server]\nport = +0443\ntls = yes\nmode = paranoid\n"
                                           "[log]\nlevel = error\n",
                                           "t.ini", &err),
                     0);
    int64_t port = 0;
    assert_int_equal(mf_config_get_int(cfg, "server.port", &port, &err), 0);
    assert_int_equal(port, 443);
    assert_string_equal(mf_config_get_string(cfg, "server.port"), "443"); /* canonical */
    bool tls = false;
    assert_int_equal(mf_config_get_bool(cfg, "server.tls", &tls, &err), 0);
    assert_true(tls);
    assert_string_equal(mf_config_get_string(cfg, "server.tls"), "true");
    int mode = -1;
    assert_int_equal(mf_config_get_enum(cfg, "server.mode", &mode, &err), 0);
    assert_int_equal(mode, 2);
    mf_log_level level = MF_LOG_DEBUG;
    assert_int_equal(mf_config_get_log_level(cfg, "log.level", &level, &err), 0);
    assert_int_equal(level, MF_LOG_ERROR);

    const char *falses[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(mf_config_set(cfg, "server.tls", falses[i], NULL, &err), 0);
        assert_int_equal(mf_config_get_bool(cfg, "server.tls", &tls, &err), 0);
        assert_false(tls);
    }
    assert_int_equal(mf_config_set(cfg, "server.port", "65535", NULL, &err), 0);
    assert_int_equal(mf_config_get_int(cfg, "server.port", &port, &err), 0);
    assert_int_equal(port, 65535);
    mf_config_free(cfg);
}

static void getters_refuse_unknown_keys_and_other_types_without_writing(void **state)
{
    (void)state;
    mf_config *cfg = with_test_keys();
    mf_error err;
    int64_t n = 42;
    assert_int_equal(mf_config_get_int(cfg, "server.tls", &n, &err), MF_EINVAL);
    assert_string_equal(err.msg, "config key 'server.tls' is a boolean, not an integer");
    assert_int_equal(n, 42);
    assert_int_equal(mf_config_get_int(cfg, "server.prot", &n, &err), MF_ENOTFOUND);
    assert_string_equal(err.msg, "unknown config key 'server.prot'");
    assert_int_equal(mf_config_get_int(cfg, "server.prot", &n, NULL), MF_ENOTFOUND);
    assert_int_equal(n, 42);
    bool b = true;
    assert_int_equal(mf_config_get_bool(cfg, "server.port", &b, &err), MF_EINVAL);
    assert_string_equal(err.msg, "config key 'server.port' is an integer, not a boolean");
    assert_true(b);
    int e = 7;
    assert_int_equal(mf_config_get_enum(cfg, "server.name", &e, &err), MF_EINVAL);
    assert_string_equal(err.msg, "config key 'server.name' is a string, not an enum");
    assert_int_equal(e, 7);
    mf_log_level level = MF_LOG_WARN;
    assert_int_equal(mf_config_get_log_level(cfg, "server.mode", &level, &err), MF_EINVAL);
    assert_string_equal(err.msg, "config key 'server.mode' is an enum, not a log level");
    assert_int_equal(level, MF_LOG_WARN);
    assert_null(mf_config_get_string(cfg, "nope.nope"));
    mf_config_entry entry = {.name = "sentinel"};
    assert_int_equal(mf_config_find(cfg, "nope.nope", &entry, &err), MF_ENOTFOUND);
    assert_string_equal(entry.name, "sentinel");
    mf_config_free(cfg);
}

static void a_failed_load_leaves_the_configuration_unchanged(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    mf_error err;
    assert_int_equal(mf_config_load_string(cfg, "[log]\nfile = a.log\n", "first.ini", &err), 0);
    char before[2048], after[2048];
    snapshot(cfg, before, sizeof before);

    /* Valid lines before the error are not applied either. */
    expect_load_error(cfg,
                      "[store]\nurl = sqlite:other.db\n[log]\nlevel = debug\nfile = b\nlevel "
                      "= warn\n",
                      MF_ECONFIG,
                      "duplicate key 'level' in section [log] at mf.ini:6: first set at "
                      "line 4");
    snapshot(cfg, after, sizeof after);
    assert_string_equal(before, after);
    expect_load_error(cfg, "[store]\nurl = sqlite:other.db\n[log]\nlevel = x\n", MF_ECONFIG,
                      "invalid value 'x' for log.level at mf.ini:4: expected one of debug, info, "
                      "warn, error");
    snapshot(cfg, after, sizeof after);
    assert_string_equal(before, after);

    const char *bad_env[] = {"MF_STORE_URL=sqlite:env.db", "MF_LOG_LEVEL=verbose", NULL};
    assert_int_equal(mf_config_load_env(cfg, mf_config_env_envp, (void *)bad_env, &err),
                     MF_ECONFIG);
    snapshot(cfg, after, sizeof after);
    assert_string_equal(before, after);

    assert_int_equal(mf_config_set(cfg, "log.level", "verbose", "--log-level", &err), MF_ECONFIG);
    snapshot(cfg, after, sizeof after);
    assert_string_equal(before, after);

    char path[256];
    temp_file(path, sizeof path, "[log]\nlevel = debug\n\0\n", 22);
    assert_int_equal(mf_config_load_file(cfg, path, &err), MF_ECONFIG);
    char want[512];
    snprintf(want, sizeof want, "unexpected NUL byte at %s:3", path);
    assert_string_equal(err.msg, want);
    snapshot(cfg, after, sizeof after);
    assert_string_equal(before, after);
    unlink(path);
    mf_config_free(cfg);
}

static void missing_and_unreadable_files_report_the_system_reason(void **state)
{
    (void)state;
    mf_config *cfg = builtin();
    mf_error err;
    char want[256];
    assert_int_equal(mf_config_load_file(cfg, "/nonexistent-mf/mf.ini", &err), MF_ENOTFOUND);
    snprintf(want, sizeof want, "cannot open config file '/nonexistent-mf/mf.ini': %s",
             strerror(ENOENT));
    assert_string_equal(err.msg, want);

    assert_int_equal(mf_config_load_file(cfg, "/", &err), MF_EIO);
    snprintf(want, sizeof want, "cannot read config file '/': %s", strerror(EISDIR));
    assert_string_equal(err.msg, want);

    char before[1024], after[1024];
    mf_config *fresh = builtin();
    snapshot(fresh, before, sizeof before);
    snapshot(cfg, after, sizeof after);
    assert_string_equal(before, after);
    mf_config_free(fresh);
    mf_config_free(cfg);
}

static void oversized_files_are_refused(void **state)
{
    (void)state;
    size_t len = MF_CONFIG_FILE_MAX + 1;
    char *text = mf_malloc(len);
    memset(text, '\n', len);
    char path[256];
    temp_file(path, sizeof path, text, len);
    mf_free(text);
    mf_config *cfg = builtin();
    mf_error err;
    assert_int_equal(mf_config_load_file(cfg, path, &err), MF_ECONFIG);
    char want[512];
    snprintf(want, sizeof want, "config file '%s' is larger than %zu bytes", path,
             MF_CONFIG_FILE_MAX);
    assert_string_equal(err.msg, want);
    unlink(path);
    mf_config_free(cfg);
}

static void iteration_lists_every_key_in_table_order(void **state)
{
    (void)state;
    mf_config *cfg = with_test_keys();
    mf_error err;
    assert_int_equal(mf_config_count(cfg), 5);
    assert_int_equal(mf_config_set(cfg, "server.port", "9000", "--port", &err), 0);
    for (size_t i = 0; i < 5; i++) {
        mf_config_entry e;
        assert_int_equal(mf_config_entry_at(cfg, i, &e, &err), 0);
        assert_string_equal(e.name, test_keys[i].name);
        assert_string_equal(e.doc, test_keys[i].doc);
        assert_string_equal(e.def, test_keys[i].def);
        assert_int_equal(e.type, test_keys[i].type);
    }
    mf_config_entry e = {.name = "sentinel"};
    assert_int_equal(mf_config_entry_at(cfg, 5, &e, &err), MF_ERANGE);
    assert_string_equal(err.msg, "config key index 5 past the last key (5 keys)");
    assert_string_equal(e.name, "sentinel");
    assert_int_equal(mf_config_entry_at(cfg, 0, &e, &err), 0);
    assert_string_equal(e.value, "9000");
    assert_string_equal(e.env, "MF_SERVER_PORT");

    char small[6];
    assert_string_equal(mf_config_origin_format(&e.origin, small, sizeof small), "flag ");
    mf_config_free(cfg);
}

static void malformed_key_tables_are_rejected_naming_the_key(void **state)
{
    (void)state;
    struct {
        mf_config_key keys[2];
        size_t n;
        const char *want;
    } cases[] = {
        {{{"Log.Level", MF_CONFIG_STRING, "", 0, 0, NULL, "d"}},
         1,
         "invalid config key name 'Log.Level': expected 'section.key' in lowercase letters, "
         "digits and '_'"},
        {{{"nodot", MF_CONFIG_STRING, "", 0, 0, NULL, "d"}},
         1,
         "invalid config key name 'nodot': expected 'section.key' in lowercase letters, digits "
         "and '_'"},
        {{{"a.b.c", MF_CONFIG_STRING, "", 0, 0, NULL, "d"}},
         1,
         "invalid config key name 'a.b.c': expected 'section.key' in lowercase letters, digits "
         "and '_'"},
        {{{"a.b", MF_CONFIG_STRING, "", 0, 0, NULL, "d"},
          {"a.b", MF_CONFIG_STRING, "", 0, 0, NULL, "d"}},
         2,
         "config key 'a.b' clashes with 'a.b'"},
        {{{"a_b.c", MF_CONFIG_STRING, "", 0, 0, NULL, "d"},
          {"a.b_c", MF_CONFIG_STRING, "", 0, 0, NULL, "d"}},
         2,
         "config key 'a.b_c' clashes with 'a_b.c'"},
        {{{"a.n", MF_CONFIG_INT, "0", 5, 1, NULL, "d"}}, 1, "invalid bounds 5..1 for 'a.n'"},
        {{{"a.n", MF_CONFIG_INT, "9", 1, 5, NULL, "d"}},
         1,
         "invalid default '9' for a.n: expected an integer in 1..5"},
        {{{"a.e", MF_CONFIG_ENUM, "x", 0, 0, NULL, "d"}}, 1, "invalid choices for 'a.e'"},
        {{{"a.e", MF_CONFIG_ENUM, "x", 0, 0, "x||y", "d"}}, 1, "invalid choices for 'a.e'"},
        {{{"a.s", MF_CONFIG_STRING, NULL, 0, 0, NULL, "d"}},
         1,
         "config key 'a.s' has no default or no doc"},
        {{{"a.s", MF_CONFIG_STRING, "", 3, 2, NULL, "d"}},
         1,
         "invalid length bounds 3..2 for 'a.s'"},
        {{{"a.t", (mf_config_type)99, "", 0, 0, NULL, "d"}}, 1, "unknown type 99 for 'a.t'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_config *sentinel = (mf_config *)(uintptr_t)0x1;
        mf_config *cfg = sentinel;
        mf_error err;
        assert_int_equal(mf_config_new_with_keys(cases[i].keys, cases[i].n, &cfg, &err), MF_EINVAL);
        assert_string_equal(err.msg, cases[i].want);
        assert_ptr_equal(cfg, sentinel);
    }
}

/* Path of a file at the repository root (tests/fixtures/../../name). */
static void root_path(char *buf, size_t size, const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "../../%s", name);
    mf_test_fixture_path(buf, size, rel);
}

static char *read_text(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        fail_msg("cannot open '%s'", path);
    char *buf = mf_malloc(65536);
    size_t n = fread(buf, 1, 65535, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void the_example_file_loads_and_sets_every_key_once_uncommented(void **state)
{
    (void)state;
    char path[1024];
    root_path(path, sizeof path, "mf.ini.example");
    mf_config *cfg = builtin();
    mf_error err;
    if (mf_config_load_file(cfg, path, &err) != 0)
        fail_msg("%s", err.msg);

    /* Uncomment the settings (";key = value" lines) and load again: each key comes from it. */
    char *text = read_text(path);
    char *out = mf_malloc(strlen(text) + 1);
    size_t o = 0;
    for (const char *p = text; *p != '\0';) {
        const char *nl = strchr(p, '\n');
        size_t len = nl != NULL ? (size_t)(nl - p) + 1 : strlen(p);
        bool setting = p[0] == ';' && p[1] >= 'a' && p[1] <= 'z';
        memcpy(out + o, p + setting, len - setting);
        o += len - setting;
        p += len;
    }
    out[o] = '\0';
    if (mf_config_load_string(cfg, out, "mf.ini.example", &err) != 0)
        fail_msg("%s", err.msg);
    mf_config *defaults = builtin();
    for (size_t i = 0; i < mf_config_count(cfg); i++) {
        mf_config_entry e, d;
        assert_int_equal(mf_config_entry_at(cfg, i, &e, NULL), 0);
        assert_int_equal(mf_config_entry_at(defaults, i, &d, NULL), 0);
        if (e.origin.kind != MF_CONFIG_FROM_FILE)
            fail_msg("mf.ini.example has no setting for %s", e.name);
        if (strcmp(e.value, d.value) != 0)
            fail_msg("mf.ini.example shows %s = %s, the default is %s", e.name, e.value, d.value);
    }
    mf_config_free(defaults);
    mf_free(out);
    mf_free(text);
    mf_config_free(cfg);
}

static void the_configuration_page_documents_every_key(void **state)
{
    (void)state;
    char path[1024];
    root_path(path, sizeof path, "docs/configuration.md");
    char *text = read_text(path);
    mf_config *cfg = builtin();
    for (size_t i = 0; i < mf_config_count(cfg); i++) {
        mf_config_entry e;
        assert_int_equal(mf_config_entry_at(cfg, i, &e, NULL), 0);
        char needle[128];
        snprintf(needle, sizeof needle, "`%s`", e.name);
        if (strstr(text, needle) == NULL)
            fail_msg("docs/configuration.md does not document %s", e.name);
        snprintf(needle, sizeof needle, "`%s`", e.env);
        if (strstr(text, needle) == NULL)
            fail_msg("docs/configuration.md does not name %s", e.env);
    }
    mf_config_free(cfg);
    mf_free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_keys_start_at_their_documented_defaults),
        cmocka_unit_test(file_overrides_default_env_overrides_file_flag_overrides_env),
        cmocka_unit_test(a_later_file_overrides_an_earlier_one_key_by_key),
        cmocka_unit_test(an_empty_environment_value_sets_the_key),
        cmocka_unit_test(the_environment_is_read_through_the_given_lookup),
        cmocka_unit_test(files_are_read_from_disk_and_named_in_origins),
        cmocka_unit_test(comments_whitespace_and_semicolons_in_values),
        cmocka_unit_test(unknown_keys_and_sections_are_named_with_their_place),
        cmocka_unit_test(malformed_lines_are_quoted_with_their_line_number),
        cmocka_unit_test(the_first_error_by_line_is_the_one_reported),
        cmocka_unit_test(bad_values_name_the_value_the_key_and_the_source),
        cmocka_unit_test(integers_booleans_enums_and_strings_are_checked_against_their_bounds),
        cmocka_unit_test(typed_getters_return_parsed_values),
        cmocka_unit_test(getters_refuse_unknown_keys_and_other_types_without_writing),
        cmocka_unit_test(a_failed_load_leaves_the_configuration_unchanged),
        cmocka_unit_test(missing_and_unreadable_files_report_the_system_reason),
        cmocka_unit_test(oversized_files_are_refused),
        cmocka_unit_test(iteration_lists_every_key_in_table_order),
        cmocka_unit_test(malformed_key_tables_are_rejected_naming_the_key),
        cmocka_unit_test(the_example_file_loads_and_sets_every_key_once_uncommented),
        cmocka_unit_test(the_configuration_page_documents_every_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
