/*
 * test_error.c - src/core/error.c: reports, prefixes, truncation and the code tables.
 */
#include "support/test.h"

#include <string.h>

#include "core/error.h"

static void set_records_code_and_message_and_returns_the_code(void **state)
{
    (void)state;
    mf_error err;
    assert_int_equal(mf_error_set(&err, MF_EINVAL, "unknown calendar '%s'", "xx"), MF_EINVAL);
    assert_int_equal(err.code, MF_EINVAL);
    assert_string_equal(err.msg, "unknown calendar 'xx'");
    mf_error_clear(&err);
    assert_int_equal(err.code, MF_OK);
    assert_string_equal(err.msg, "");
}

static void a_null_report_is_allowed_everywhere(void **state)
{
    (void)state;
    assert_int_equal(mf_error_set(NULL, MF_ERANGE, "x %d", 1), MF_ERANGE);
    assert_int_equal(mf_error_prefix(NULL, "ctx: "), MF_EINVAL);
    mf_error_clear(NULL);
}

static void prefix_prepends_context_and_keeps_the_code(void **state)
{
    (void)state;
    mf_error err;
    mf_error_set(&err, MF_EPARSE, "invalid date '2023-02-30': no such day");
    assert_int_equal(mf_error_prefix(&err, "%s:%d: ", "obs.csv", 17), MF_EPARSE);
    assert_string_equal(err.msg, "obs.csv:17: invalid date '2023-02-30': no such day");
}

static void long_messages_are_truncated_not_overflowed(void **state)
{
    (void)state;
    char big[2 * MF_ERROR_MSG_MAX];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    mf_error err;
    mf_error_set(&err, MF_EIO, "%s", big);
    assert_int_equal(strlen(err.msg), MF_ERROR_MSG_MAX - 1);
    mf_error_prefix(&err, "%s", "head: ");
    assert_int_equal(strlen(err.msg), MF_ERROR_MSG_MAX - 1);
    assert_memory_equal(err.msg, "head: aaa", 9);
    mf_error_set(&err, MF_EIO, "tail");
    mf_error_prefix(&err, "%s", big); /* a prefix longer than the buffer drops the message */
    assert_int_equal(strlen(err.msg), MF_ERROR_MSG_MAX - 1);
}

static void every_code_has_a_name_and_a_message(void **state)
{
    (void)state;
    static const struct {
        int code;
        const char *name, *message;
    } table[] = {
        {MF_OK, "MF_OK", "success"},
        {MF_EINVAL, "MF_EINVAL", "invalid argument"},
        {MF_ENOMEM, "MF_ENOMEM", "out of memory"},
        {MF_ERANGE, "MF_ERANGE", "value out of range"},
        {MF_EPARSE, "MF_EPARSE", "malformed input"},
        {MF_ENOTFOUND, "MF_ENOTFOUND", "not found"},
        {MF_EIO, "MF_EIO", "input/output error"},
        {MF_ECONFIG, "MF_ECONFIG", "invalid configuration"},
        {MF_EMAXITER, "MF_EMAXITER", "iteration limit reached"},
        {MF_EUNSUPPORTED, "MF_EUNSUPPORTED", "not supported"},
        {MF_ESTATE, "MF_ESTATE", "invalid state"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        assert_string_equal(mf_errname(table[i].code), table[i].name);
        assert_string_equal(mf_strerror(table[i].code), table[i].message);
        assert_true(table[i].code <= 0);
    }
    assert_string_equal(mf_errname(-999), "MF_E?");
    assert_string_equal(mf_strerror(42), "unknown error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(set_records_code_and_message_and_returns_the_code),
        cmocka_unit_test(a_null_report_is_allowed_everywhere),
        cmocka_unit_test(prefix_prepends_context_and_keeps_the_code),
        cmocka_unit_test(long_messages_are_truncated_not_overflowed),
        cmocka_unit_test(every_code_has_a_name_and_a_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
