/*
 * http.c - the libcurl-based HTTP client declared in data/http.h: one reused easy handle,
 * timeouts, retries with exponential backoff and jitter (splitmix64, seeded), Retry-After,
 * a per-host rate limit, gzip, a body size cap and clear errors naming the URL.
 *
 * Exports: mf_http_options_default(), mf_http_client_new(), mf_http_client_free(),
 * mf_http_response_free(), mf_http_get().
 */
#include "data/http.h"

#include <curl/curl.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/version_gen.h"

#define HTTP_MAX_RETRIES  20
#define HTTP_HOST_MAX     256
#define HTTP_DELAY_MAX_MS 86400000L         /* one day: cap on backoffs and the interval */
#define HTTP_BODY_MAX     ((size_t)1 << 32) /* 4 GiB: cap on max_body_bytes */

typedef struct http_host {
    char name[HTTP_HOST_MAX];
    long long last_start_ms; /* CLOCK_MONOTONIC ms of the last request's start */
} http_host;

struct mf_http_client {
    CURL *curl;
    mf_http_options opts;
    char *user_agent;
    uint64_t prng; /* splitmix64 state */
    http_host *hosts;
    size_t n_hosts, cap_hosts;
};

/* Write-callback state of one attempt. */
typedef struct http_sink {
    mf_http_response *resp;
    size_t max_bytes;
    int over; /* the body passed max_bytes */
} http_sink;

void mf_http_options_default(mf_http_options *o)
{
    memset(o, 0, sizeof(*o));
    o->connect_timeout_ms = 10000;
    o->total_timeout_ms = 60000;
    o->max_retries = 3;
    o->backoff_base_ms = 500;
    o->backoff_max_ms = 30000;
    o->min_interval_ms = 0;
    o->max_body_bytes = (size_t)64 << 20;
    o->user_agent = NULL;
    o->jitter_seed = 1;
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void sleep_real(void *ctx, long ms)
{
    (void)ctx;
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int mf_http_client_new(const mf_http_options *opts, mf_http_client **out, mf_error *err)
{
    *out = NULL;
    mf_http_options o;
    if (opts) {
        o = *opts;
    } else {
        mf_http_options_default(&o);
    }
    if (o.connect_timeout_ms <= 0 || o.total_timeout_ms <= 0) {
        return mf_error_set(err, MF_ECONFIG,
                            "http: timeouts must be > 0 ms (connect %ld, total %ld)",
                            o.connect_timeout_ms, o.total_timeout_ms);
    }
    if (o.max_retries < 0 || o.max_retries > HTTP_MAX_RETRIES) {
        return mf_error_set(err, MF_ECONFIG, "http: max_retries %d outside 0..%d", o.max_retries,
                            HTTP_MAX_RETRIES);
    }
    if (o.backoff_base_ms < 0 || o.backoff_max_ms < 0 || o.min_interval_ms < 0) {
        return mf_error_set(err, MF_ECONFIG,
                            "http: backoff_base_ms %ld, backoff_max_ms %ld and min_interval_ms %ld "
                            "must be >= 0",
                            o.backoff_base_ms, o.backoff_max_ms, o.min_interval_ms);
    }
    if (o.backoff_base_ms > HTTP_DELAY_MAX_MS || o.backoff_max_ms > HTTP_DELAY_MAX_MS ||
        o.min_interval_ms > HTTP_DELAY_MAX_MS) {
        return mf_error_set(err, MF_ECONFIG,
                            "http: backoff_base_ms %ld, backoff_max_ms %ld and min_interval_ms %ld "
                            "must be at most %ld (one day)",
                            o.backoff_base_ms, o.backoff_max_ms, o.min_interval_ms,
                            HTTP_DELAY_MAX_MS);
    }
    if (o.max_body_bytes == 0 || o.max_body_bytes > HTTP_BODY_MAX) {
        return mf_error_set(err, MF_ECONFIG, "http: max_body_bytes %zu outside 1..%zu",
                            o.max_body_bytes, HTTP_BODY_MAX);
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        return mf_error_set(err, MF_EIO, "http: libcurl global initialisation failed");
    }
    CURL *curl = curl_easy_init();
    if (!curl) {
        curl_global_cleanup();
        return mf_error_set(err, MF_EIO, "http: libcurl could not create a handle");
    }
    mf_http_client *c = mf_calloc(1, sizeof(*c));
    c->curl = curl;
    c->opts = o;
    if (o.user_agent) {
        c->user_agent = mf_strdup(o.user_agent);
    } else {
        c->user_agent = mf_strdup("macro-fund-system/" MF_VERSION_STRING " (+mf)");
    }
    c->opts.user_agent = c->user_agent;
    if (!c->opts.sleep) {
        c->opts.sleep = sleep_real;
    }
    c->prng = o.jitter_seed;
    *out = c;
    return 0;
}

void mf_http_client_free(mf_http_client *c)
{
    if (!c) {
        return;
    }
    curl_easy_cleanup(c->curl);
    curl_global_cleanup();
    mf_free(c->user_agent);
    mf_free(c->hosts);
    mf_free(c);
}

void mf_http_response_free(mf_http_response *resp)
{
    if (!resp) {
        return;
    }
    mf_free(resp->body);
    memset(resp, 0, sizeof(*resp));
}

static size_t on_body(char *data, size_t size, size_t n, void *userdata)
{
    http_sink *s = userdata;
    mf_http_response *r = s->resp;
    size_t len = size * n;
    if (len > s->max_bytes - r->body_len) {
        s->over = 1;
        return 0; /* libcurl stops with CURLE_WRITE_ERROR */
    }
    if (r->body_len + len + 1 > r->body_cap) {
        size_t cap = r->body_cap ? r->body_cap : 4096;
        while (cap < r->body_len + len + 1) {
            cap *= 2;
        }
        r->body = mf_realloc(r->body, cap);
        r->body_cap = cap;
    }
    memcpy(r->body + r->body_len, data, len);
    r->body_len += len;
    r->body[r->body_len] = '\0';
    return len;
}

/* The host of url into host (lower level than a full parse: libcurl's URL API). */
static int url_host(const char *url, char *host, size_t size, mf_error *err)
{
    CURLU *u = curl_url();
    char *h = NULL;
    int rc = 0;
    if (!u) {
        return mf_error_set(err, MF_ENOMEM, "GET %s: libcurl could not parse the URL", url);
    }
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK) {
        rc = mf_error_set(err, MF_EINVAL, "GET %s: malformed URL", url);
    } else {
        snprintf(host, size, "%s", h);
    }
    curl_free(h);
    curl_url_cleanup(u);
    return rc;
}

/* Waits until min_interval_ms has passed since the last request to host, then stamps it. */
static void rate_limit(mf_http_client *c, const char *host)
{
    http_host *e = NULL;
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (strcmp(c->hosts[i].name, host) == 0) {
            e = &c->hosts[i];
            break;
        }
    }
    if (!e) {
        if (c->n_hosts == c->cap_hosts) {
            c->cap_hosts = c->cap_hosts ? c->cap_hosts * 2 : 4;
            c->hosts = mf_reallocarray(c->hosts, c->cap_hosts, sizeof(*c->hosts));
        }
        e = &c->hosts[c->n_hosts++];
        snprintf(e->name, sizeof(e->name), "%s", host);
        e->last_start_ms = now_ms();
        return;
    }
    long long wait = e->last_start_ms + c->opts.min_interval_ms - now_ms();
    if (wait > 0) {
        c->opts.sleep(c->opts.sleep_ctx, (long)wait);
    }
    long long t = now_ms();
    /* An injected sleep does not wait: count the time as spent so the spacing holds. */
    e->last_start_ms = wait > 0 && t < e->last_start_ms + c->opts.min_interval_ms
                           ? e->last_start_ms + c->opts.min_interval_ms
                           : t;
}

/* The delay before retry number k (0-based): b = min(max, base * 2^k), drawn in [b/2, b]. */
static long backoff_ms(mf_http_client *c, int k)
{
    long b = c->opts.backoff_base_ms;
    for (int i = 0; i < k && b < c->opts.backoff_max_ms; i++) {
        b *= 2;
    }
    if (b > c->opts.backoff_max_ms) {
        b = c->opts.backoff_max_ms;
    }
    long half = b / 2;
    uint64_t span = (uint64_t)(b - half) + 1;
    return half + (long)(splitmix64(&c->prng) % span);
}

static void set_options(mf_http_client *c, const char *url, http_sink *sink)
{
    CURL *h = c->curl;
    curl_easy_reset(h); /* keeps the connection cache */
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->opts.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->opts.total_timeout_ms);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding libcurl decodes */
    curl_easy_setopt(h, CURLOPT_USERAGENT, c->user_agent);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->opts.max_body_bytes);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, sink);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
}

static int transient_curl(CURLcode rc)
{
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return 1;
    default: return 0;
    }
}

int mf_http_get(mf_http_client *c, const char *url, mf_http_response *resp, mf_error *err)
{
    char host[HTTP_HOST_MAX];
    resp->status = 0;
    resp->attempts = 0;
    resp->content_type[0] = '\0';
    int rc = url_host(url, host, sizeof(host), err);
    if (rc != 0) {
        return rc;
    }
    http_sink sink = {.resp = resp, .max_bytes = c->opts.max_body_bytes, .over = 0};
    for (int attempt = 0;; attempt++) {
        rate_limit(c, host);
        resp->body_len = 0;
        if (resp->body) {
            resp->body[0] = '\0';
        }
        resp->content_type[0] = '\0';
        sink.over = 0;
        set_options(c, url, &sink);
        CURLcode cr = curl_easy_perform(c->curl);
        resp->attempts = attempt + 1;
        long status = 0;
        curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
        resp->status = status;
        char *ct = NULL;
        if (curl_easy_getinfo(c->curl, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct) {
            snprintf(resp->content_type, sizeof(resp->content_type), "%s", ct);
        }
        int last = attempt >= c->opts.max_retries;
        long delay = -1; /* < 0: do not retry */

        if (sink.over || cr == CURLE_FILESIZE_EXCEEDED) {
            return mf_error_set(err, MF_ERANGE, "GET %s: body over %zu bytes", url,
                                c->opts.max_body_bytes);
        }
        if (cr != CURLE_OK) {
            if (!transient_curl(cr) || last) {
                if (cr == CURLE_OPERATION_TIMEDOUT) {
                    return mf_error_set(err, MF_EIO, "GET %s: timed out after %ld ms (%d attempts)",
                                        url, c->opts.total_timeout_ms, attempt + 1);
                }
                if (cr == CURLE_PARTIAL_FILE) {
                    return mf_error_set(err, MF_EIO,
                                        "GET %s: truncated body (%zu bytes, fewer than the "
                                        "Content-Length) (%d attempts)",
                                        url, resp->body_len, attempt + 1);
                }
                return mf_error_set(err, MF_EIO, "GET %s: %s (%d attempts)", url,
                                    curl_easy_strerror(cr), attempt + 1);
            }
            delay = backoff_ms(c, attempt);
        } else if (status >= 200 && status < 300) {
            return 0;
        } else if (status == 429 || status >= 500) {
            if (last) {
                return mf_error_set(err, MF_EIO, "GET %s: HTTP %ld (%d attempts)", url, status,
                                    attempt + 1);
            }
            curl_off_t retry_after_s = 0;
            if (curl_easy_getinfo(c->curl, CURLINFO_RETRY_AFTER, &retry_after_s) == CURLE_OK &&
                retry_after_s > 0) {
                delay = retry_after_s > c->opts.backoff_max_ms / 1000 ? c->opts.backoff_max_ms
                                                                      : (long)retry_after_s * 1000;
            } else {
                delay = backoff_ms(c, attempt);
            }
        } else {
            return mf_error_set(err, status == 404 ? MF_ENOTFOUND : MF_EIO, "GET %s: HTTP %ld", url,
                                status);
        }
        if (delay > 0) {
            c->opts.sleep(c->opts.sleep_ctx, delay);
        }
    }
}
