/*
 * test_repo_events.c - the event log on every backend: ids only grow, a reader resumes after
 * the id it last saw, bad kinds and payloads are refused, and a finished ingestion run
 * appends its 'ingestion' event in the same transaction.
 */
#include "support/test.h"

#include <jansson.h>
#include <string.h>

#include "core/alloc.h"
#include "store/repo_events.h"
#include "store/repo_ingestion_runs.h"
#include "support/store.h"

static void events_list_after_an_id_in_order(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_error err;
    int64_t last = -1, ids[3];
    assert_int_equal(mf_repo_event_last_id(st, &last, &err), 0);
    assert_int_equal(last, 0);
    const char *kinds[] = {"ingestion", "quality", "ingestion"};
    for (int i = 0; i < 3; i++) {
        char payload[64];
        snprintf(payload, sizeof payload, "{\"n\":%d,\"a\":\"x\"}", i);
        assert_int_equal(mf_repo_event_append(st, kinds[i], payload, 1764000000 + i, &ids[i], &err),
                         0);
    }
    assert_true(ids[0] < ids[1] && ids[1] < ids[2]);
    assert_int_equal(mf_repo_event_last_id(st, &last, &err), 0);
    assert_int_equal(last, ids[2]);

    mf_event *ev = NULL;
    size_t n = 0;
    assert_int_equal(mf_repo_event_list(st, ids[0], 10, &ev, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(ev[0].id, ids[1]);
    assert_string_equal(ev[0].kind, "quality");
    assert_int_equal(ev[0].at, 1764000001);
    json_t *p = json_loads(ev[1].payload, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(p, "n")), 2);
    json_decref(p);
    mf_free(ev);

    assert_int_equal(mf_repo_event_list(st, 0, 1, &ev, &n, &err), 0); /* the limit holds */
    assert_int_equal(n, 1);
    assert_int_equal(ev[0].id, ids[0]);
    mf_free(ev);
    assert_int_equal(mf_repo_event_list(st, ids[2], 10, &ev, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_null(ev);
    mf_test_store_close(st);
}

static void bad_events_are_refused_and_nothing_is_stored(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_error err;
    assert_int_equal(mf_repo_event_append(st, "", "{}", 0, NULL, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "event kind '' must be 1 to 31 bytes"));
    assert_int_equal(mf_repo_event_append(st, "quality", "[1,2]", 0, NULL, &err), MF_EINVAL);
    assert_string_equal(err.msg, "quality event payload is not a JSON object: another JSON value");
    assert_int_equal(mf_repo_event_append(st, "quality", "{\"a\":", 0, NULL, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "quality event payload is not a JSON object: "));
    assert_int_equal(mf_repo_event_append(st, "quality", NULL, 0, NULL, &err), MF_EINVAL);
    int64_t last = -1;
    assert_int_equal(mf_repo_event_last_id(st, &last, &err), 0);
    assert_int_equal(last, 0);
    mf_test_store_close(st);
}

static void a_finished_run_appends_its_ingestion_event(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_error err;
    int64_t ok = 0, bad = 0;
    assert_int_equal(mf_repo_run_start(st, "bcb_sgs", 1764000000, &ok, &err), 0);
    assert_int_equal(mf_repo_run_start(st, "fred", 1764000000, &bad, &err), 0);
    mf_ingestion_counts counts = {.rows_new = 10, .rows_unchanged = 2, .rows_revised = 1};
    assert_int_equal(mf_repo_run_finish(st, ok, 1764000060, &counts, NULL, &err), 0);
    mf_ingestion_counts none = {0};
    assert_int_equal(
        mf_repo_run_finish(st, bad, 1764000070, &none, "fred: HTTP 500 \"boom\"", &err), 0);
    assert_int_equal(mf_repo_run_finish(st, bad + 100, 1764000080, &none, NULL, &err),
                     MF_ENOTFOUND);

    mf_event *ev = NULL;
    size_t n = 0;
    assert_int_equal(mf_repo_event_list(st, 0, 10, &ev, &n, &err), 0);
    assert_int_equal(n, 2); /* none for the unknown run: its transaction rolled back */
    assert_string_equal(ev[0].kind, "ingestion");
    assert_int_equal(ev[0].at, 1764000060);
    json_t *a = json_loads(ev[0].payload, 0, NULL);
    json_t *want_a = json_pack("{s:I, s:s, s:s, s:i, s:i, s:i, s:n}", "run_id", (json_int_t)ok,
                               "source", "bcb_sgs", "status", "succeeded", "rows_new", 10,
                               "rows_unchanged", 2, "rows_revised", 1, "error");
    assert_true(json_equal(a, want_a));
    json_t *b = json_loads(ev[1].payload, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(b, "status")), "failed");
    assert_string_equal(json_string_value(json_object_get(b, "error")), "fred: HTTP 500 \"boom\"");
    json_decref(a);
    json_decref(want_a);
    json_decref(b);
    mf_free(ev);
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(events_list_after_an_id_in_order),
        cmocka_unit_test(bad_events_are_refused_and_nothing_is_stored),
        cmocka_unit_test(a_finished_run_appends_its_ingestion_event),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
