/*
 * repo_events.c - the event log (see repo_events.h).
 */
#include "store/repo_events.h"

#include <jansson.h>
#include <string.h>

#include "core/alloc.h"

/* Checks what the schema would refuse, with a message that names it. */
static int check_event(const char *kind, const char *payload_json, mf_error *err)
{
    size_t len = kind ? strlen(kind) : 0;
    if (len == 0 || len >= MF_EVENT_KIND_MAX)
        return mf_error_set(err, MF_EINVAL, "event kind '%s' must be 1 to %d bytes",
                            kind ? kind : "", MF_EVENT_KIND_MAX - 1);
    if (!payload_json || strlen(payload_json) >= MF_EVENT_PAYLOAD_MAX)
        return mf_error_set(err, MF_EINVAL, "%s event payload missing or over %d bytes", kind,
                            MF_EVENT_PAYLOAD_MAX - 1);
    json_error_t jerr;
    json_t *doc = json_loads(payload_json, JSON_REJECT_DUPLICATES, &jerr);
    int is_object = json_is_object(doc);
    json_decref(doc);
    if (!is_object)
        return mf_error_set(err, MF_EINVAL, "%s event payload is not a JSON object: %s", kind,
                            doc ? "another JSON value" : jerr.text);
    return 0;
}

int mf_repo_event_append(mf_store *st, const char *kind, const char *payload_json, int64_t at,
                         int64_t *id, mf_error *err)
{
    int rc = check_event(kind, payload_json, err);
    if (rc != 0)
        return rc;
    mf_stmt *s;
    rc = mf_store_prepare(st,
                          "INSERT INTO events (at, kind, payload) VALUES (?, ?, ?) "
                          "RETURNING id",
                          &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_time(s, 1, at);
    mf_stmt_bind_text(s, 2, kind);
    mf_stmt_bind_text(s, 3, payload_json);
    if ((rc = mf_stmt_step(s, err)) != MF_STORE_ROW)
        return rc < 0 ? rc : mf_error_set(err, MF_ESTATE, "%s event was not recorded", kind);
    if (id)
        *id = mf_stmt_int64(s, 0);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}

int mf_repo_event_list(mf_store *st, int64_t after_id, size_t limit, mf_event **out, size_t *n,
                       mf_error *err)
{
    *out = NULL;
    *n = 0;
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "SELECT id, at, kind, payload FROM events WHERE id > ? "
                              "ORDER BY id LIMIT ?",
                              &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, after_id);
    mf_stmt_bind_int64(s, 2, (int64_t)limit);
    mf_event *rows = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 16;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        mf_event *e = &rows[count++];
        e->id = mf_stmt_int64(s, 0);
        e->at = mf_stmt_time(s, 1);
        mf_stmt_text_copy(s, 2, e->kind, sizeof e->kind);
        mf_stmt_text_copy(s, 3, e->payload, sizeof e->payload);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}

int mf_repo_event_last_id(mf_store *st, int64_t *id, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, "SELECT COALESCE(MAX(id), 0) FROM events", &s, err);
    if (rc != 0)
        return rc;
    if ((rc = mf_stmt_step(s, err)) != MF_STORE_ROW)
        return rc < 0 ? rc : mf_error_set(err, MF_ESTATE, "no answer for the last event id");
    *id = mf_stmt_int64(s, 0);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}
