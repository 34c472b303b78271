/*
 * test_api_events.c - GET /api/v1/events over real HTTP: libcurl streams (the multi
 * interface, several at once) against mf_api_start() on an ephemeral port, with events
 * appended to the store (SQLite, or PostgreSQL as unit/api/pg/...) by another connection as
 * an ingestion run would. Checks the wire format byte for byte (retry first, then
 * id/event/data), that a live stream gets only events appended after it connected and within
 * a second, that reconnecting with Last-Event-ID (or ?after=) gets exactly the missed events
 * in order (also more than the hub keeps in memory), heartbeats, the cap on streams (503),
 * bad ids (400), the metrics, and that stopping the server with streams open ends them at
 * once.
 */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "store/repo_events.h"
#include "support/api.h"
#include "support/test.h"

enum { MAX_STREAMS = 3 };

typedef struct world {
    mf_test_api api;
    mf_store *st; /* the writer: appends events as an ingestion run does */
} world;

/* One open request: what arrived so far (reply.status is set when it is done). */
typedef struct stream {
    CURL *easy;
    mf_test_reply reply;
    struct curl_slist *extra;
    bool done;
    CURLcode result;
} stream;

static CURLM *multi;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

/* Opens GET base+path (with one extra header or NULL) on the multi handle. */
static stream *open_stream(const world *w, const char *path, const char *header)
{
    stream *s = mf_calloc(1, sizeof *s);
    snprintf(s->reply.what, sizeof s->reply.what, "GET %s", path);
    char url[256];
    snprintf(url, sizeof url, "%s%s", w->api.base, path);
    s->easy = curl_easy_init();
    curl_easy_setopt(s->easy, CURLOPT_URL, url);
    mf_test_reply_capture(s->easy, &s->reply);
    curl_easy_setopt(s->easy, CURLOPT_PRIVATE, s);
    curl_easy_setopt(s->easy, CURLOPT_TIMEOUT, 60L);
    if (header) {
        s->extra = curl_slist_append(NULL, header);
        curl_easy_setopt(s->easy, CURLOPT_HTTPHEADER, s->extra);
    }
    curl_multi_add_handle(multi, s->easy);
    return s;
}

static void close_stream(stream *s)
{
    curl_multi_remove_handle(multi, s->easy);
    curl_easy_cleanup(s->easy);
    curl_slist_free_all(s->extra);
    mf_test_reply_free(&s->reply);
    mf_free(s);
}

/* Runs the transfers for up to ms milliseconds, or until s's body holds want (s and want may
   be NULL: until s is done, or for the whole time). True when the condition was met. */
static bool pump(stream *s, const char *want, double ms)
{
    double until = now_ms() + ms;
    for (;;) {
        int running;
        curl_multi_perform(multi, &running);
        CURLMsg *m;
        int left;
        while ((m = curl_multi_info_read(multi, &left))) {
            if (m->msg != CURLMSG_DONE)
                continue;
            stream *d;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&d);
            d->done = true;
            d->result = m->data.result;
            curl_easy_getinfo(d->easy, CURLINFO_RESPONSE_CODE, &d->reply.status);
        }
        if (s && want && strstr(s->reply.body.data, want))
            return true;
        if (s && !want && s->done)
            return true;
        if (now_ms() >= until)
            return !s;
        curl_multi_poll(multi, NULL, 0, 20, NULL);
    }
}

/* Opens a stream that must end at once with a problem of the given status whose detail holds
   detail_part; returns it for more checks (the caller closes it). */
static stream *refused(const world *w, const char *path, const char *header, long status,
                       const char *detail_part)
{
    stream *s = open_stream(w, path, header);
    assert_true(pump(s, NULL, 5000));
    mf_test_reply_expect_problem(&s->reply, status, detail_part);
    return s;
}

static int64_t append_event(world *w, const char *kind, const char *payload, int64_t at)
{
    int64_t id = 0;
    mf_error err;
    if (mf_repo_event_append(w->st, kind, payload, at, &id, &err) != 0)
        fail_msg("%s", err.msg);
    return id;
}

/* The wire text of one event. */
static void wire(char *buf, size_t size, int64_t id, const char *kind, const char *at,
                 const char *payload)
{
    snprintf(
        buf, size,
        "id: %lld\nevent: %s\ndata: {\"id\":%lld,\"kind\":\"%s\",\"at\":\"%s\",\"payload\":%s}\n\n",
        (long long)id, kind, (long long)id, kind, at, payload);
}

/* s's body without heartbeat comments. */
static void without_heartbeats(const stream *s, char *out, size_t size)
{
    const char *hb = ": heartbeat\n\n";
    size_t n = 0;
    for (const char *p = s->reply.body.data; *p && n + 1 < size;) {
        if (strncmp(p, hb, strlen(hb)) == 0) {
            p += strlen(hb);
            continue;
        }
        out[n++] = *p++;
    }
    out[n] = '\0';
}

static int setup(void **state)
{
    world *w = mf_calloc(1, sizeof *w);
    mf_test_api_init(&w->api, "mf-api-events");
    mf_error err;
    if (mf_store_open(w->api.store_url, &w->st, &err) != 0)
        fail_msg("%s", err.msg);
    mf_api_options o;
    mf_test_api_options(&w->api, &o);
    o.sse_poll_ms = 50;
    o.sse_heartbeat_s = 1;
    o.sse_max_streams = MAX_STREAMS;
    mf_test_api_start(&w->api, &o);
    multi = curl_multi_init();
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    curl_multi_cleanup(multi);
    mf_store_close(w->st);
    int rc = mf_test_api_stop(&w->api);
    mf_free(w);
    return rc;
}

static void a_live_stream_gets_new_events_within_a_second_and_resumes_exactly(void **state)
{
    world *w = *state;
    const char *p1 = "{\"run_id\":1,\"source\":\"simulated\",\"status\":\"succeeded\","
                     "\"rows_new\":10,\"rows_unchanged\":0,\"rows_revised\":0,\"error\":null}";
    int64_t before = append_event(w, "ingestion", p1, 1764000000); /* before it connects */
    stream *live = open_stream(w, "/api/v1/events", NULL);
    assert_true(pump(live, "retry: 3000\n\n", 5000));
    assert_int_equal(strncmp(live->reply.body.data, "retry: 3000\n\n", 13), 0); /* the first line */
    assert_non_null(strstr(live->reply.headers, "Content-Type: text/event-stream"));
    assert_non_null(strstr(live->reply.headers, "Cache-Control: no-cache"));

    const char *p2 = "{\"run_id\":3,\"score\":97.5,\"checks\":812,\"failing\":4,\"critical\":1}";
    double t0 = now_ms();
    int64_t id2 = append_event(w, "quality", p2, 1764064800); /* 2025-11-25T10:00:00Z */
    char e2[512];
    wire(e2, sizeof e2, id2, "quality", "2025-11-25T10:00:00Z", p2);
    assert_true(pump(live, e2, 5000));
    double took = now_ms() - t0;
    if (took > 1000)
        fail_msg("the event took %.0f ms to arrive (poll 50 ms)", took);
    /* A payload written over several lines still travels as one data line. */
    int64_t id3 =
        append_event(w, "ingestion", "{\"run_id\":2,\n\"status\":\"failed\"}", 1764064801);
    char e3[512];
    wire(e3, sizeof e3, id3, "ingestion", "2025-11-25T10:00:01Z",
         "{\"run_id\":2, \"status\":\"failed\"}");
    assert_true(pump(live, e3, 5000));
    char got[4096], want[4096];
    without_heartbeats(live, got, sizeof got);
    snprintf(want, sizeof want, "retry: 3000\n\n%s%s", e2, e3);
    assert_string_equal(got, want); /* not the event from before it connected */

    /* A client that saw id2 reconnects: exactly id3, then live ones. */
    char last[64];
    snprintf(last, sizeof last, "Last-Event-ID: %lld", (long long)id2);
    stream *again = open_stream(w, "/api/v1/events", last);
    assert_true(pump(again, e3, 5000));
    /* ?after= does the same; Last-Event-ID wins over it (a browser reconnects with both) */
    char path[64];
    snprintf(path, sizeof path, "/api/v1/events?after=%lld", (long long)before);
    stream *after = open_stream(w, path, NULL);
    assert_true(pump(after, e3, 5000));
    int64_t id4 = append_event(w, "ingestion", "{\"run_id\":4}", 1764064802);
    char e4[512];
    wire(e4, sizeof e4, id4, "ingestion", "2025-11-25T10:00:02Z", "{\"run_id\":4}");
    assert_true(pump(again, e4, 5000));
    assert_true(pump(after, e4, 5000));
    assert_true(pump(live, e4, 5000));
    without_heartbeats(again, got, sizeof got);
    snprintf(want, sizeof want, "retry: 3000\n\n%s%s", e3, e4);
    assert_string_equal(got, want);
    without_heartbeats(after, got, sizeof got);
    snprintf(want, sizeof want, "retry: 3000\n\n%s%s%s", e2, e3, e4);
    assert_string_equal(got, want);

    /* A heartbeat comes within the interval (1 s here). */
    assert_true(pump(live, ": heartbeat\n\n", 3000));

    /* The cap: a fourth stream is refused with a 503 problem. */
    stream *extra = refused(w, "/api/v1/events", NULL, 503, "too many event streams open");
    assert_non_null(strstr(extra->reply.headers, "Retry-After: 3"));
    close_stream(extra);

    close_stream(again);
    close_stream(after);
    close_stream(live);
}

static void a_backlog_longer_than_the_memory_ring_arrives_whole_and_in_order(void **state)
{
    world *w = *state;
    int64_t first = 0, last = 0;
    mf_error err;
    assert_int_equal(mf_store_begin(w->st, &err), 0);
    for (int i = 0; i < 3000; i++) {
        char payload[64];
        snprintf(payload, sizeof payload, "{\"n\":%d}", i);
        last = append_event(w, "ingestion", payload, 1764000000 + i);
        if (i == 0)
            first = last;
    }
    assert_int_equal(mf_store_commit(w->st, &err), 0);
    /* Let the hub read them all into its ring (it keeps the latest 1,024). */
    pump(NULL, NULL, 300);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/events?after=%lld", (long long)first - 1);
    stream *s = open_stream(w, path, NULL);
    char tail[128];
    snprintf(tail, sizeof tail, "id: %lld\n", (long long)last);
    assert_true(pump(s, tail, 20000));
    assert_true(pump(s, "{\"n\":2999}}\n\n", 5000));
    /* every id once, in order */
    const char *p = s->reply.body.data;
    for (int64_t id = first; id <= last; id++) {
        char line[64];
        snprintf(line, sizeof line, "\nid: %lld\n", (long long)id);
        const char *at = strstr(p, line);
        if (!at)
            fail_msg("event %lld missing or out of order", (long long)id);
        p = at + 1;
    }
    size_t count = 0;
    for (const char *q = s->reply.body.data; (q = strstr(q, "\nid: ")); q++)
        count++;
    assert_int_equal(count, (size_t)(last - first + 1));
    close_stream(s);
}

static void bad_ids_are_400_and_the_metrics_count_streams_and_events(void **state)
{
    world *w = *state;
    close_stream(
        refused(w, "/api/v1/events?after=-3", NULL, 400, "query parameter 'after' = '-3'"));
    close_stream(refused(w, "/api/v1/events", "Last-Event-ID: 12abc", 400,
                         "header 'Last-Event-ID' = '12abc'"));

    /* The streams of the tests before closed on the client's side; the server notices when
       its next write (a heartbeat, every second here) fails. */
    pump(NULL, NULL, 2500);
    stream *open = open_stream(w, "/api/v1/events", NULL);
    assert_true(pump(open, "retry: 3000", 5000));
    stream *s = open_stream(w, "/api/v1/metrics", NULL);
    assert_true(pump(s, NULL, 5000));
    assert_non_null(strstr(s->reply.body.data, "\nmf_sse_streams_open 1\n"));
    const char *sent = strstr(s->reply.body.data, "\nmf_sse_events_sent_total ");
    assert_non_null(sent);
    assert_true(strtoll(sent + 26, NULL, 10) >= 3000); /* the backlog of the test before */
    close_stream(s);
    close_stream(open);
}

static void stopping_the_server_ends_open_streams_at_once(void **state)
{
    world *w = *state;
    stream *a = open_stream(w, "/api/v1/events", NULL);
    stream *b = open_stream(w, "/api/v1/events?after=0", NULL);
    assert_true(pump(a, "retry: 3000", 5000));
    assert_true(pump(b, "retry: 3000", 5000));
    pump(NULL, NULL, 200); /* both parked, waiting for events */
    double t0 = now_ms();
    mf_api_stop(w->api.server);
    double took = now_ms() - t0;
    w->api.server = NULL;
    if (took > 1000)
        fail_msg("stopping with two streams open took %.0f ms", took);
    assert_true(pump(a, NULL, 2000));
    assert_true(pump(b, NULL, 2000));
    close_stream(a);
    close_stream(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_live_stream_gets_new_events_within_a_second_and_resumes_exactly),
        cmocka_unit_test(a_backlog_longer_than_the_memory_ring_arrives_whole_and_in_order),
        cmocka_unit_test(bad_ids_are_400_and_the_metrics_count_streams_and_events),
        cmocka_unit_test(stopping_the_server_ends_open_streams_at_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
