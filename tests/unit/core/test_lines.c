/*
 * test_lines.c - mf_lines (core/lines.h): LF and CRLF ends, a last line without an end,
 * blank lines kept, the byte order mark dropped from the first line only, line numbers, the
 * length cap, and a missing file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/lines.h"
#include "support/test.h"

/* Writes text to a new temporary file; its path goes in path. */
static void write_tmp(char path[64], const char *text)
{
    snprintf(path, 64, "/tmp/mf-lines-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
}

static void lines_come_without_their_ends(void **state)
{
    (void)state;
    char path[64];
    write_tmp(path, "\xEF\xBB\xBF"
                    "date,value\r\n2024-01-02,1.5\n\n\xEF\xBB\xBFlast");
    mf_lines r;
    mf_error err;
    assert_int_equal(mf_lines_open(&r, path, 0, &err), 0);
    const char *want[] = {"date,value", "2024-01-02,1.5", "", "\xEF\xBB\xBFlast"};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(mf_lines_next(&r, &err), 1);
        assert_string_equal(r.line, want[i]);
        assert_int_equal(r.len, strlen(want[i]));
        assert_int_equal(r.lineno, i + 1);
    }
    assert_int_equal(mf_lines_next(&r, &err), 0);
    assert_int_equal(mf_lines_next(&r, &err), 0);
    mf_lines_close(&r);
    mf_lines_close(&r); /* twice is harmless */
    unlink(path);
}

static void an_overlong_line_and_a_missing_file_are_errors(void **state)
{
    (void)state;
    char path[64];
    write_tmp(path, "short\n0123456789\n");
    mf_lines r;
    mf_error err;
    assert_int_equal(mf_lines_open(&r, path, 9, &err), 0);
    assert_int_equal(mf_lines_next(&r, &err), 1);
    assert_int_equal(mf_lines_next(&r, &err), MF_ERANGE);
    char want[128];
    snprintf(want, sizeof want, "%s:2: line longer than 9 bytes", path);
    assert_string_equal(err.msg, want);
    mf_lines_close(&r);
    unlink(path);
    assert_int_equal(mf_lines_open(&r, path, 0, &err), MF_EIO);
    snprintf(want, sizeof want, "cannot open '%s': No such file or directory", path);
    assert_string_equal(err.msg, want);
    mf_lines_close(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_come_without_their_ends),
        cmocka_unit_test(an_overlong_line_and_a_missing_file_are_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
