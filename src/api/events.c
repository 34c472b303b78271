/*
 * events.c - the event stream's hub (events.h): a thread that reads the event log, a ring of
 * the latest events already formatted for the wire, and the open streams with what is queued
 * for each.
 *
 * Locking: h->mu guards the streams (their queues, cursors and flags) and the hub's flags. The
 * ring, the hub's store connection and its read position belong to the hub's thread alone; it
 * reads new events without the lock and queues them to the streams with it. A stream's
 * backlog (events older than the ring) is read with the lock held: that only happens after a
 * reconnect with an old id, and only delays other streams' callbacks for one page's read.
 */
#include "api/events.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/metrics.h"
#include "core/alloc.h"
#include "store/repo_events.h"

enum {
    RING_MAX = 1024,                    /* latest events kept formatted for the wire */
    PAGE = 256,                         /* events read from the log at a time */
    PAGES_PER_POLL = 16,                /* pages of new events read per poll at most */
    BACKLOG_QUEUE_MAX = 256 * 1024,     /* a stream catching up is fed while it has less queued */
    DROP_QUEUE_BYTES = 4 * 1024 * 1024, /* a stream with more queued reads too slowly: dropped */
    BLOCK_BYTES = 16 * 1024             /* the largest piece handed to libmicrohttpd at once */
};

static const char retry_line[] = "retry: 3000\n\n";
static const char heartbeat[] = ": heartbeat\n\n";

typedef struct stream {
    mf_api_events *hub;
    struct MHD_Connection *conn;
    mf_api_buf queue; /* bytes for the client; those before sent are handed over */
    size_t sent;
    int64_t cursor; /* the id of the last event queued (or the client's "after") */
    bool suspended; /* its connection is suspended, waiting for something to send */
    bool closing;   /* the server stops: send what is queued, then end */
    bool dropped;   /* too slow: end at once (the client reconnects with Last-Event-ID) */
    struct stream *prev, *next;
} stream;

struct mf_api_events {
    mf_api_events_options o;
    char store_url[1024];
    pthread_t thread;
    bool thread_started;
    pthread_mutex_t mu;
    pthread_cond_t wake; /* on CLOCK_MONOTONIC */
    stream *streams;
    int n_streams;
    bool stopping, kick;
    /* the hub's thread alone */
    mf_store *st;
    bool store_down;
    bool have_last;
    int64_t last_id; /* every event with id <= last_id has been read */
    int64_t floor;   /* the ring holds every event with floor < id <= last_id */
    mf_api_buf ring[RING_MAX];
    int64_t ring_id[RING_MAX];
    size_t ring_head, ring_n;
};

/* ---- the wire format ---------------------------------------------------------------------- */

/* Appends s with CR and LF made spaces: a line break would end an SSE field. */
static void append_one_line(mf_api_buf *b, const char *s)
{
    size_t start = b->len;
    mf_api_buf_append(b, s, strlen(s));
    for (size_t i = start; i < b->len; i++)
        if (b->data[i] == '\n' || b->data[i] == '\r')
            b->data[i] = ' ';
}

/* One event as the wire carries it (the payload is a JSON object: line breaks in it are
   whitespace between tokens, as raw ones cannot sit inside a valid JSON string). */
static void format_event(mf_api_buf *b, const mf_event *e)
{
    char at[MF_API_TIME_SIZE];
    mf_api_buf_printf(b, "id: %lld\nevent: ", (long long)e->id);
    append_one_line(b, e->kind);
    mf_api_buf_printf(b, "\ndata: {\"id\":%lld,\"kind\":", (long long)e->id);
    size_t start = b->len;
    mf_api_buf_json_string(b, e->kind);
    for (size_t i = start; i < b->len; i++) /* json_string escapes controls: belt and braces */
        if (b->data[i] == '\n' || b->data[i] == '\r')
            b->data[i] = ' ';
    mf_api_buf_printf(b, ",\"at\":\"%s\",\"payload\":", mf_api_format_time(e->at, at));
    append_one_line(b, e->payload);
    mf_api_buf_append(b, "}\n\n", 3);
}

/* ---- streams ------------------------------------------------------------------------------ */

static size_t pending(const stream *s)
{
    return s->queue.len - s->sent;
}

static void queue_bytes(stream *s, const char *p, size_t n)
{
    if (s->sent > 0 && s->sent == s->queue.len) { /* all handed over: start again */
        s->queue.len = 0;
        s->sent = 0;
    }
    mf_api_buf_append(&s->queue, p, n);
}

static void unlink_stream(mf_api_events *h, stream *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        h->streams = s->next;
    if (s->next)
        s->next->prev = s->prev;
    h->n_streams--;
}

/* libmicrohttpd asks for the next bytes of a stream (on one of the server's threads). */
static ssize_t read_stream(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    stream *s = cls;
    mf_api_events *h = s->hub;
    pthread_mutex_lock(&h->mu);
    if (s->dropped) {
        pthread_mutex_unlock(&h->mu);
        return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    size_t n = pending(s);
    if (n > 0) {
        if (n > max)
            n = max;
        memcpy(buf, s->queue.data + s->sent, n);
        s->sent += n;
        if (s->sent == s->queue.len) {
            s->queue.len = 0;
            s->sent = 0;
        } else if (s->sent > s->queue.len / 2) { /* keep the queue from only growing */
            memmove(s->queue.data, s->queue.data + s->sent, s->queue.len - s->sent);
            s->queue.len -= s->sent;
            s->sent = 0;
        }
        pthread_mutex_unlock(&h->mu);
        return (ssize_t)n;
    }
    if (s->closing) {
        pthread_mutex_unlock(&h->mu);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    if (s->cursor < h->floor) { /* catching up: the hub reads the next page now */
        h->kick = true;
        pthread_cond_signal(&h->wake);
    }
    /* Nothing to send: park the connection until the hub queues something (no busy loop). */
    s->suspended = true;
    MHD_suspend_connection(s->conn);
    pthread_mutex_unlock(&h->mu);
    return 0;
}

/* The response is gone (the connection closed): forget the stream. */
static void free_stream(void *cls)
{
    stream *s = cls;
    mf_api_events *h = s->hub;
    pthread_mutex_lock(&h->mu);
    unlink_stream(h, s);
    pthread_mutex_unlock(&h->mu);
    mf_api_metrics_streams(-1);
    mf_api_buf_free(&s->queue);
    mf_free(s);
}

struct MHD_Response *mf_api_events_open(mf_api_events *h, struct MHD_Connection *c, int64_t after)
{
    pthread_mutex_lock(&h->mu);
    if (h->stopping || h->n_streams >= h->o.max_streams) {
        pthread_mutex_unlock(&h->mu);
        return NULL;
    }
    stream *s = mf_calloc(1, sizeof *s);
    s->hub = h;
    s->conn = c;
    s->cursor = after;
    mf_api_buf_append(&s->queue, retry_line, sizeof retry_line - 1);
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, BLOCK_BYTES,
                                                               read_stream, s, free_stream);
    if (!r) {
        pthread_mutex_unlock(&h->mu);
        mf_api_buf_free(&s->queue);
        mf_free(s);
        return NULL;
    }
    s->next = h->streams;
    if (h->streams)
        h->streams->prev = s;
    h->streams = s;
    h->n_streams++;
    h->kick = true; /* its backlog (or the ring's latest) at once, not at the next poll */
    pthread_cond_signal(&h->wake);
    pthread_mutex_unlock(&h->mu);
    mf_api_metrics_streams(+1);
    return r;
}

/* ---- the hub's thread --------------------------------------------------------------------- */

static void store_trouble(mf_api_events *h, const mf_error *err)
{
    mf_store_close(h->st);
    h->st = NULL;
    if (!h->store_down && h->o.log)
        mf_log_write(h->o.log, MF_LOG_WARN, "api", "event stream: cannot read the event log",
                     "error", err->msg, (const char *)NULL);
    h->store_down = true;
}

static void ring_push(mf_api_events *h, const mf_event *e)
{
    size_t slot;
    if (h->ring_n == RING_MAX) { /* the oldest leaves: the ring no longer holds its id */
        h->floor = h->ring_id[h->ring_head];
        slot = h->ring_head;
        h->ring_head = (h->ring_head + 1) % RING_MAX;
    } else {
        slot = (h->ring_head + h->ring_n++) % RING_MAX;
    }
    h->ring[slot].len = 0;
    format_event(&h->ring[slot], e);
    h->ring_id[slot] = e->id;
    h->last_id = e->id;
}

/* Reads the events appended since the last poll into the ring (without the lock). */
static void poll_log(mf_api_events *h)
{
    mf_error err;
    if (!h->st && mf_store_open(h->store_url, &h->st, &err) != 0) {
        h->st = NULL;
        store_trouble(h, &err);
        return;
    }
    if (!h->have_last) { /* the ring starts at the log's end: older events are backlog */
        if (mf_repo_event_last_id(h->st, &h->last_id, &err) != 0) {
            store_trouble(h, &err);
            return;
        }
        h->floor = h->last_id;
        h->have_last = true;
    }
    for (int page = 0; page < PAGES_PER_POLL; page++) {
        mf_event *ev = NULL;
        size_t n = 0;
        if (mf_repo_event_list(h->st, h->last_id, PAGE, &ev, &n, &err) != 0) {
            store_trouble(h, &err);
            return;
        }
        for (size_t i = 0; i < n; i++)
            ring_push(h, &ev[i]);
        mf_free(ev);
        if (n < PAGE)
            break;
    }
    if (h->store_down && h->o.log)
        mf_log_write(h->o.log, MF_LOG_INFO, "api", "event stream: the event log is back",
                     (const char *)NULL);
    h->store_down = false;
}

/* Queues to s what it lacks (lock held): a page of its backlog from the store, or the ring's
   events after its cursor; a heartbeat when beat. Resumes its connection if it waits. */
static void feed(mf_api_events *h, stream *s, bool beat)
{
    if (s->closing || s->dropped || !h->have_last)
        return;
    size_t before = pending(s);
    uint64_t sent = 0;
    if (s->cursor < h->floor && h->st && pending(s) < BACKLOG_QUEUE_MAX) {
        mf_event *ev = NULL;
        size_t n = 0;
        mf_error err;
        if (mf_repo_event_list(h->st, s->cursor, PAGE, &ev, &n, &err) != 0) {
            store_trouble(h, &err);
        } else {
            for (size_t i = 0; i < n; i++)
                format_event(&s->queue, &ev[i]);
            sent += n;
            s->cursor = n > 0 ? ev[n - 1].id : h->floor;
        }
        mf_free(ev);
    }
    if (s->cursor >= h->floor && h->ring_n > 0) {
        size_t k = h->ring_n; /* the first ring event after the cursor, searched from the end */
        while (k > 0 && h->ring_id[(h->ring_head + k - 1) % RING_MAX] > s->cursor)
            k--;
        for (; k < h->ring_n; k++) {
            const mf_api_buf *e = &h->ring[(h->ring_head + k) % RING_MAX];
            queue_bytes(s, e->data, e->len);
            sent++;
        }
        if (h->last_id > s->cursor)
            s->cursor = h->last_id;
    }
    if (beat)
        queue_bytes(s, heartbeat, sizeof heartbeat - 1);
    if (pending(s) > DROP_QUEUE_BYTES)
        s->dropped = true;
    if (sent)
        mf_api_metrics_events_sent(sent);
    if ((pending(s) != before || s->dropped) && s->suspended) {
        s->suspended = false;
        MHD_resume_connection(s->conn);
    }
}

static struct timespec after_ms(long ms)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += ms / 1000;
    t.tv_nsec += (ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

static bool reached(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

static bool earlier(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void *hub_main(void *arg)
{
    mf_api_events *h = arg;
    struct timespec next_beat = after_ms(1000L * h->o.heartbeat_s);
    struct timespec next_poll = after_ms(0);
    pthread_mutex_lock(&h->mu);
    while (!h->stopping) {
        struct timespec until = earlier(&next_beat, &next_poll) ? next_beat : next_poll;
        while (!h->kick && !h->stopping && !reached(&until))
            pthread_cond_timedwait(&h->wake, &h->mu, &until);
        if (h->stopping)
            break;
        h->kick = false;
        pthread_mutex_unlock(&h->mu);
        if (reached(&next_poll) || !h->have_last) {
            poll_log(h);
            next_poll = after_ms(h->o.poll_ms);
        }
        pthread_mutex_lock(&h->mu);
        bool beat = reached(&next_beat);
        if (beat)
            next_beat = after_ms(1000L * h->o.heartbeat_s);
        for (stream *s = h->streams; s; s = s->next)
            feed(h, s, beat);
    }
    pthread_mutex_unlock(&h->mu);
    return NULL;
}

/* ---- start and stop ----------------------------------------------------------------------- */

int mf_api_events_start(const mf_api_events_options *o, mf_api_events **out, mf_error *err)
{
    if (o->poll_ms < 10 || o->poll_ms > 60000)
        return mf_error_set(err, MF_EINVAL, "event poll interval %d ms: expected 10..60000",
                            o->poll_ms);
    if (o->heartbeat_s < 1 || o->heartbeat_s > 3600)
        return mf_error_set(err, MF_EINVAL, "event heartbeat %d s: expected 1..3600",
                            o->heartbeat_s);
    if (o->max_streams < 0 || o->max_streams > 100000)
        return mf_error_set(err, MF_EINVAL, "event streams %d: expected 0..100000", o->max_streams);
    mf_api_events *h = mf_calloc(1, sizeof *h);
    h->o = *o;
    snprintf(h->store_url, sizeof h->store_url, "%s", o->store_url);
    h->o.store_url = h->store_url;
    pthread_mutex_init(&h->mu, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&h->wake, &attr);
    pthread_condattr_destroy(&attr);
    if (pthread_create(&h->thread, NULL, hub_main, h) != 0) {
        mf_api_events_free(h);
        return mf_error_set(err, MF_EIO, "cannot start the event stream's thread");
    }
    h->thread_started = true;
    *out = h;
    return 0;
}

void mf_api_events_shutdown(mf_api_events *h)
{
    if (!h)
        return;
    pthread_mutex_lock(&h->mu);
    h->stopping = true;
    for (stream *s = h->streams; s; s = s->next) {
        s->closing = true;
        if (s->suspended) {
            s->suspended = false;
            MHD_resume_connection(s->conn);
        }
    }
    pthread_cond_signal(&h->wake);
    pthread_mutex_unlock(&h->mu);
    if (h->thread_started)
        pthread_join(h->thread, NULL);
    h->thread_started = false;
}

void mf_api_events_free(mf_api_events *h)
{
    if (!h)
        return;
    mf_api_events_shutdown(h);
    mf_store_close(h->st);
    for (size_t i = 0; i < RING_MAX; i++)
        mf_api_buf_free(&h->ring[i]);
    pthread_cond_destroy(&h->wake);
    pthread_mutex_destroy(&h->mu);
    mf_free(h);
}
