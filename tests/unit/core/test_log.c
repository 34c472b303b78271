/*
 * test_log.c - src/core/log.c: records written to a temporary file are read back with jansson
 * and checked field by field (order, timestamp, escaping, UTF-8 repair, typed values), plus
 * level filtering, the NULL logger, level names and every failure path.
 */
#include "support/test.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/log.h"

/* A temporary log file per test, removed by teardown. */
typedef struct fixture {
    char path[256];
} fixture;

static int setup(void **state)
{
    fixture *f = mf_calloc(1, sizeof *f);
    const char *dir = getenv("TMPDIR");
    snprintf(f->path, sizeof f->path, "%s/mf-test-log-XXXXXX", dir != NULL ? dir : "/tmp");
    int fd = mkstemp(f->path);
    if (fd < 0)
        return -1;
    close(fd);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    unlink(f->path);
    mf_free(f);
    return 0;
}

static mf_log *open_log(const fixture *f, mf_log_level level)
{
    mf_log *log = NULL;
    mf_error err;
    if (mf_log_open(f->path, level, &log, &err) != 0)
        fail_msg("cannot open log: %s", err.msg);
    return log;
}

/* Reads the whole file; caller frees with mf_free(). */
static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = mf_malloc(4 * 1024 * 1024);
    size_t n = fread(buf, 1, 4 * 1024 * 1024 - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static int count_lines(const char *text)
{
    int n = 0;
    for (const char *p = text; *p != '\0'; p++)
        n += *p == '\n';
    return n;
}

/* Parses line number index (0-based) of the file as a JSON object. Caller decrefs. */
static json_t *read_record(const char *path, int index)
{
    char *text = slurp(path);
    char *p = text;
    for (int i = 0; i < index; i++) {
        p = strchr(p, '\n');
        assert_non_null(p);
        p++;
    }
    char *nl = strchr(p, '\n');
    assert_non_null(nl); /* every record ends with a newline */
    json_error_t jerr;
    json_t *rec = json_loadb(p, (size_t)(nl - p), 0, &jerr);
    if (rec == NULL)
        fail_msg("line %d is not JSON: %s", index + 1, jerr.text);
    assert_true(json_is_object(rec));
    mf_free(text);
    return rec;
}

static const char *field(const json_t *rec, const char *key)
{
    const json_t *v = json_object_get(rec, key);
    if (!json_is_string(v))
        fail_msg("field '%s' missing or not a string", key);
    return json_string_value(v);
}

/* A fixed clock: 2026-11-24T10:15:02.123987654Z. */
static int fixed_clock(struct timespec *now, void *ctx)
{
    (void)ctx;
    now->tv_sec = (time_t)mf_date_ymd(2026, 11, 24) * 86400 + 10 * 3600 + 15 * 60 + 2;
    now->tv_nsec = 123987654;
    return 0;
}

static int broken_clock(struct timespec *now, void *ctx)
{
    (void)now;
    (void)ctx;
    return -1;
}

static void a_record_is_one_compact_json_line_with_fields_in_order(void **state)
{
    fixture *f = *state;
    mf_log *log = open_log(f, MF_LOG_DEBUG);
    mf_log_set_clock(log, fixed_clock, NULL);
    const char *path = "mf.db";
    assert_int_equal(
        mf_log_write(log, MF_LOG_INFO, "store", "opened store", "path", path, "rows", "12", NULL),
        0);
    mf_log_close(log);

    char *text = slurp(f->path);
    assert_string_equal(text, "{\"ts\":\"2026-11-24T10:15:02.123Z\",\"level\":\"info\",\"module\":"
                              "\"store\",\"msg\":\"opened store\",\"path\":\"mf.db\",\"rows\":"
                              "\"12\"}\n");
    mf_free(text);
}

static void default_clock_stamps_utc_with_milliseconds(void **state)
{
    fixture *f = *state;
    struct timespec before;
    clock_gettime(CLOCK_REALTIME, &before);
    mf_log *log = open_log(f, MF_LOG_DEBUG);
    mf_log_info(log, "calendar", "loaded", NULL);
    mf_log_close(log);

    json_t *rec = read_record(f->path, 0);
    const char *ts = field(rec, "ts");
    assert_int_equal(strlen(ts), 24);
    int y, mo, d, h, mi, s, ms;
    char z = 0;
    assert_int_equal(sscanf(ts, "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &y, &mo, &d, &h, &mi, &s, &ms, &z),
                     8);
    assert_int_equal(z, 'Z');
    assert_true(mf_date_ymd_is_valid(y, mo, d));
    long long stamped = (long long)mf_date_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    assert_true(llabs(stamped - (long long)before.tv_sec) <= 5); /* UTC, not local time */
    assert_true(ms >= 0 && ms <= 999);
    json_decref(rec);
}

static void a_failing_clock_stamps_the_epoch(void **state)
{
    fixture *f = *state;
    mf_log *log = open_log(f, MF_LOG_DEBUG);
    mf_log_set_clock(log, broken_clock, NULL);
    mf_log_warn(log, "m", "no time", NULL);
    mf_log_set_clock(log, NULL, NULL); /* back to the real clock */
    mf_log_warn(log, "m", "real time", NULL);
    mf_log_close(log);

    json_t *rec = read_record(f->path, 0);
    assert_string_equal(field(rec, "ts"), "1970-01-01T00:00:00.000Z");
    json_decref(rec);
    rec = read_record(f->path, 1);
    assert_string_not_equal(field(rec, "ts"), "1970-01-01T00:00:00.000Z");
    json_decref(rec);
}

static void quotes_newlines_control_characters_and_utf8_round_trip(void **state)
{
    fixture *f = *state;
    const char *msg = "say \"hi\"\\ then\nnew line\ttab\r\x01\x1f end";
    const char *utf8 = "cotação 5,23 € — 日本 🚀";
    mf_log *log = open_log(f, MF_LOG_DEBUG);
    assert_int_equal(mf_log_write(log, MF_LOG_ERROR, "fx", msg, "pair", utf8, "q\"k\ney", "v",
                                  "slash", "a/b", NULL),
                     0);
    mf_log_close(log);

    char *text = slurp(f->path);
    assert_int_equal(count_lines(text), 1); /* the newline inside the message is escaped */
    assert_non_null(strstr(text, "\\n"));
    assert_non_null(strstr(text, "\\u0001"));
    assert_non_null(strstr(text, "\\u001F"));
    assert_non_null(strstr(text, "\\\"hi\\\""));
    assert_non_null(strstr(text, "cotação")); /* UTF-8 is kept as is, not \u-escaped */
    mf_free(text);

    json_t *rec = read_record(f->path, 0);
    assert_string_equal(field(rec, "level"), "error");
    assert_string_equal(field(rec, "module"), "fx");
    assert_string_equal(field(rec, "msg"), msg);
    assert_string_equal(field(rec, "pair"), utf8);
    assert_string_equal(field(rec, "q\"k\ney"), "v");
    assert_string_equal(field(rec, "slash"), "a/b");
    json_decref(rec);
}

static void invalid_utf8_is_replaced_so_the_line_stays_json(void **state)
{
    fixture *f = *state;
    mf_log *log = open_log(f, MF_LOG_DEBUG);
    assert_int_equal(mf_log_write(log, MF_LOG_INFO, "m",
                                  "a\xff"
                                  "b",
                                  "overlong", "\xc0\xaf", "surrogate", "\xed\xa0\x80", "truncated",
                                  "x\xe2\x82", "k\xfe", "bad key", NULL),
                     0);
    mf_log_close(log);

    json_t *rec = read_record(f->path, 0);
    assert_string_equal(field(rec, "msg"), "a\xef\xbf\xbd"
                                           "b");
    assert_string_equal(field(rec, "overlong"), "\xef\xbf\xbd\xef\xbf\xbd");
    assert_string_equal(field(rec, "surrogate"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    assert_string_equal(field(rec, "truncated"), "x\xef\xbf\xbd\xef\xbf\xbd");
    assert_string_equal(field(rec, "k\xef\xbf\xbd"), "bad key");
    json_decref(rec);
}

static void typed_pairs_keep_their_json_types(void **state)
{
    fixture *f = *state;
    mf_log *log = open_log(f, MF_LOG_DEBUG);
    const mf_log_kv kv[] = {
        MF_LOG_INT("rows", -9007199254740993LL),
        MF_LOG_NUM("rate_252", 0.1075),
        MF_LOG_BOOL("simulated", true),
        MF_LOG_STR("none", NULL),
        MF_LOG_NUM("nan", NAN),
        MF_LOG_STR("code", "BZ_SELIC"),
    };
    assert_int_equal(
        mf_log_write_kv(log, MF_LOG_INFO, "ingest", "done", kv, sizeof kv / sizeof kv[0]), 0);
    assert_int_equal(mf_log_write_kv(log, MF_LOG_INFO, "ingest", "no pairs", NULL, 0), 0);
    mf_log_close(log);

    json_t *rec = read_record(f->path, 0);
    assert_true(json_is_integer(json_object_get(rec, "rows")));
    assert_true(json_integer_value(json_object_get(rec, "rows")) == -9007199254740993LL);
    assert_true(json_is_real(json_object_get(rec, "rate_252")));
    assert_true(json_real_value(json_object_get(rec, "rate_252")) == 0.1075);
    assert_true(json_is_true(json_object_get(rec, "simulated")));
    assert_true(json_is_null(json_object_get(rec, "none")));
    assert_true(json_is_null(json_object_get(rec, "nan")));
    assert_string_equal(field(rec, "code"), "BZ_SELIC");
    json_decref(rec);
    rec = read_record(f->path, 1);
    assert_int_equal(json_object_size(rec), 4);
    json_decref(rec);
}

static void reserved_and_repeated_keys_are_renamed_not_lost(void **state)
{
    fixture *f = *state;
    mf_log *log = open_log(f, MF_LOG_DEBUG);
    mf_log_set_clock(log, fixed_clock, NULL);
    mf_log_info(log, "m", "text", "msg", "mine", "ts", "yesterday", "path", "a", "path", "b",
                "_path", "c", "v", NULL, NULL);
    mf_log_close(log);

    json_t *rec = read_record(f->path, 0);
    assert_string_equal(field(rec, "msg"), "text");
    assert_string_equal(field(rec, "_msg"), "mine");
    assert_string_equal(field(rec, "ts"), "2026-11-24T10:15:02.123Z");
    assert_string_equal(field(rec, "_ts"), "yesterday");
    assert_string_equal(field(rec, "path"), "a");
    assert_string_equal(field(rec, "_path"), "b");
    assert_string_equal(field(rec, "__path"), "c");
    assert_true(json_is_null(json_object_get(rec, "v")));
    json_decref(rec);
}

static void records_below_the_level_are_dropped(void **state)
{
    fixture *f = *state;
    mf_log *log = open_log(f, MF_LOG_WARN);
    assert_false(mf_log_enabled(log, MF_LOG_DEBUG));
    assert_false(mf_log_enabled(log, MF_LOG_INFO));
    assert_true(mf_log_enabled(log, MF_LOG_WARN));
    assert_true(mf_log_enabled(log, MF_LOG_ERROR));
    assert_int_equal(mf_log_write(log, MF_LOG_DEBUG, "m", "d", NULL), 0);
    mf_log_debug(log, "m", "d", NULL);
    mf_log_info(log, "m", "i", NULL);
    mf_log_warn(log, "m", "w", NULL);
    mf_log_error(log, "m", "e", NULL);
    assert_int_equal(mf_log_write_kv(log, MF_LOG_INFO, "m", "i2", NULL, 0), 0);
    mf_log_close(log);

    char *text = slurp(f->path);
    assert_int_equal(count_lines(text), 2);
    mf_free(text);
    json_t *rec = read_record(f->path, 0);
    assert_string_equal(field(rec, "level"), "warn");
    assert_string_equal(field(rec, "msg"), "w");
    json_decref(rec);
    rec = read_record(f->path, 1);
    assert_string_equal(field(rec, "level"), "error");
    json_decref(rec);
}

static void each_shorthand_writes_at_its_level(void **state)
{
    fixture *f = *state;
    mf_log *log = open_log(f, MF_LOG_DEBUG);
    mf_log_debug(log, "m", "x", "k", "v", NULL);
    mf_log_info(log, "m", "x", NULL);
    mf_log_warn(log, "m", "x", NULL);
    mf_log_error(log, "m", "x", NULL);
    mf_log_close(log);
    const char *want[] = {"debug", "info", "warn", "error"};
    for (int i = 0; i < 4; i++) {
        json_t *rec = read_record(f->path, i);
        assert_string_equal(field(rec, "level"), want[i]);
        json_decref(rec);
    }
}

static void a_null_logger_drops_everything(void **state)
{
    (void)state;
    mf_log *log = NULL;
    assert_false(mf_log_enabled(log, MF_LOG_ERROR));
    assert_int_equal(mf_log_write(log, MF_LOG_ERROR, "m", "x", "k", "v", NULL), 0);
    const mf_log_kv kv[] = {MF_LOG_INT("n", 1)};
    assert_int_equal(mf_log_write_kv(log, MF_LOG_ERROR, "m", "x", kv, 1), 0);
    mf_log_debug(log, "m", "x", NULL);
    mf_log_info(log, "m", "x", NULL);
    mf_log_warn(log, "m", "x", NULL);
    mf_log_error(log, "m", "x", NULL);
    mf_log_set_clock(log, fixed_clock, NULL);
    mf_log_close(log);
}

static void the_file_is_appended_to_not_truncated(void **state)
{
    fixture *f = *state;
    mf_log *log = open_log(f, MF_LOG_INFO);
    mf_log_info(log, "m", "first", NULL);
    mf_log_close(log);
    log = open_log(f, MF_LOG_INFO);
    mf_log_info(log, "m", "second", NULL);
    mf_log_close(log);

    json_t *rec = read_record(f->path, 0);
    assert_string_equal(field(rec, "msg"), "first");
    json_decref(rec);
    rec = read_record(f->path, 1);
    assert_string_equal(field(rec, "msg"), "second");
    json_decref(rec);
}

static void an_empty_or_null_path_logs_to_stderr(void **state)
{
    (void)state;
    mf_log *log = NULL;
    assert_int_equal(mf_log_open(NULL, MF_LOG_ERROR, &log, NULL), 0);
    assert_non_null(log);
    mf_log_close(log); /* must not close stderr */
    log = NULL;
    assert_int_equal(mf_log_open("", MF_LOG_ERROR, &log, NULL), 0);
    assert_non_null(log);
    mf_log_close(log);
    assert_true(fflush(stderr) == 0 && fileno(stderr) == 2);
}

static void open_failure_names_the_file_and_the_reason(void **state)
{
    (void)state;
    mf_log *sentinel = (mf_log *)(uintptr_t)0x1;
    mf_log *log = sentinel;
    mf_error err;
    assert_int_equal(mf_log_open("/nonexistent-mf-dir/x.log", MF_LOG_INFO, &log, &err), MF_EIO);
    assert_int_equal(err.code, MF_EIO);
    char want[256];
    snprintf(want, sizeof want, "cannot open log file '/nonexistent-mf-dir/x.log': %s",
             strerror(ENOENT));
    assert_string_equal(err.msg, want);
    assert_ptr_equal(log, sentinel);

    assert_int_equal(mf_log_open(NULL, (mf_log_level)7, &log, &err), MF_EINVAL);
    assert_string_equal(err.msg, "invalid log level 7");
    assert_ptr_equal(log, sentinel);
}

static void misuse_is_an_error_and_writes_nothing(void **state)
{
    fixture *f = *state;
    mf_log *log = open_log(f, MF_LOG_DEBUG);
    assert_int_equal(mf_log_write(log, (mf_log_level)9, "m", "x", NULL), MF_EINVAL);
    assert_int_equal(mf_log_write(log, (mf_log_level)-1, "m", "x", NULL), MF_EINVAL);
    assert_int_equal(mf_log_write(log, MF_LOG_INFO, NULL, "x", NULL), MF_EINVAL);
    assert_int_equal(mf_log_write(log, MF_LOG_INFO, "m", NULL, NULL), MF_EINVAL);
    const mf_log_kv kv[] = {MF_LOG_STR("ok", "1"), MF_LOG_STR(NULL, "no key")};
    assert_int_equal(mf_log_write_kv(log, MF_LOG_INFO, "m", "x", kv, 2), MF_EINVAL);
    assert_int_equal(mf_log_write_kv(log, MF_LOG_INFO, "m", "x", NULL, 1), MF_EINVAL);
    mf_log_kv bad_type = MF_LOG_INT("n", 1);
    bad_type.type = (mf_log_kv_type)42;
    assert_int_equal(mf_log_write_kv(log, MF_LOG_INFO, "m", "x", &bad_type, 1), MF_EINVAL);
    mf_log_close(log);
    char *text = slurp(f->path);
    assert_string_equal(text, "");
    mf_free(text);
}

static void a_failed_write_is_reported_and_the_next_one_still_tried(void **state)
{
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    mf_log *log = NULL;
    assert_int_equal(mf_log_open("/dev/full", MF_LOG_DEBUG, &log, NULL), 0);
    assert_int_equal(mf_log_write(log, MF_LOG_INFO, "m", "lost", NULL), MF_EIO);
    assert_int_equal(mf_log_write(log, MF_LOG_INFO, "m", "lost too", NULL), MF_EIO);
    mf_log_info(log, "m", "ignored by the shorthand", NULL);
    mf_log_close(log);
}

static void long_records_are_written_whole_and_huge_ones_refused(void **state)
{
    fixture *f = *state;
    size_t len = 100000;
    char *big = mf_malloc(len + 1);
    for (size_t i = 0; i < len; i++)
        big[i] = (char)('a' + i % 26);
    big[len] = '\0';
    mf_log *log = open_log(f, MF_LOG_DEBUG);
    assert_int_equal(mf_log_write(log, MF_LOG_INFO, "m", big, NULL), 0);

    char *huge = mf_malloc(MF_LOG_RECORD_MAX + 1);
    memset(huge, 'x', MF_LOG_RECORD_MAX);
    huge[MF_LOG_RECORD_MAX] = '\0';
    assert_int_equal(mf_log_write(log, MF_LOG_INFO, "m", huge, NULL), MF_ERANGE);
    mf_log_close(log);

    json_t *rec = read_record(f->path, 0);
    assert_string_equal(field(rec, "msg"), big);
    json_decref(rec);
    char *text = slurp(f->path);
    assert_int_equal(count_lines(text), 1);
    mf_free(text);
    mf_free(big);
    mf_free(huge);
}

static void level_names_parse_and_print(void **state)
{
    (void)state;
    const char *names[] = {"debug", "info", "warn", "error"};
    for (int i = 0; i < MF_LOG_LEVEL_COUNT; i++) {
        mf_log_level level = (mf_log_level)99;
        assert_int_equal(mf_log_level_parse(names[i], &level, NULL), 0);
        assert_int_equal(level, i);
        assert_string_equal(mf_log_level_name(level), names[i]);
    }
    assert_string_equal(mf_log_level_name((mf_log_level)4), "unknown");
    assert_string_equal(mf_log_level_name((mf_log_level)-1), "unknown");
}

static void unknown_level_names_are_rejected_listing_the_valid_ones(void **state)
{
    (void)state;
    const char *bad[] = {"loud", "INFO", "warning", "", " info", "info "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_log_level level = (mf_log_level)99;
        mf_error err;
        assert_int_equal(mf_log_level_parse(bad[i], &level, &err), MF_EINVAL);
        assert_int_equal(level, 99);
        char want[128];
        snprintf(want, sizeof want,
                 "unknown log level '%s': expected one of debug, info, warn, error", bad[i]);
        assert_string_equal(err.msg, want);
    }
    mf_log_level level;
    mf_error err;
    assert_int_equal(mf_log_level_parse(NULL, &level, &err), MF_EINVAL);
    assert_string_equal(err.msg, "missing log level: expected one of debug, info, warn, error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_record_is_one_compact_json_line_with_fields_in_order,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(default_clock_stamps_utc_with_milliseconds, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_failing_clock_stamps_the_epoch, setup, teardown),
        cmocka_unit_test_setup_teardown(quotes_newlines_control_characters_and_utf8_round_trip,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(invalid_utf8_is_replaced_so_the_line_stays_json, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(typed_pairs_keep_their_json_types, setup, teardown),
        cmocka_unit_test_setup_teardown(reserved_and_repeated_keys_are_renamed_not_lost, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(records_below_the_level_are_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(each_shorthand_writes_at_its_level, setup, teardown),
        cmocka_unit_test(a_null_logger_drops_everything),
        cmocka_unit_test_setup_teardown(the_file_is_appended_to_not_truncated, setup, teardown),
        cmocka_unit_test(an_empty_or_null_path_logs_to_stderr),
        cmocka_unit_test(open_failure_names_the_file_and_the_reason),
        cmocka_unit_test_setup_teardown(misuse_is_an_error_and_writes_nothing, setup, teardown),
        cmocka_unit_test(a_failed_write_is_reported_and_the_next_one_still_tried),
        cmocka_unit_test_setup_teardown(long_records_are_written_whole_and_huge_ones_refused, setup,
                                        teardown),
        cmocka_unit_test(level_names_parse_and_print),
        cmocka_unit_test(unknown_level_names_are_rejected_listing_the_valid_ones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
