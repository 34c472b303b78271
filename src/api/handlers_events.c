/*
 * handlers_events.c - GET /api/v1/events: validates where the stream starts and leaves the
 * streaming to the server and the hub (events.h). Last-Event-ID (the header a browser's
 * EventSource sends when it reconnects) wins over ?after= (which the reconnecting URL still
 * carries); with neither, the stream starts after the newest stored event: live events only.
 */
#include <errno.h>
#include <stdlib.h>

#include "api/handlers.h"
#include "store/repo_events.h"

/* A non-negative event id from text; false when it is not one. */
static bool parse_id(const char *v, int64_t *out)
{
    if (!v || v[0] < '0' || v[0] > '9')
        return false;
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (*end != '\0' || errno != 0)
        return false;
    *out = (int64_t)x;
    return true;
}

int mf_api_get_events(const mf_api_request *req, mf_api_response *resp)
{
    const char *header = mf_api_header(req, "Last-Event-ID");
    const char *after = mf_api_query(req, "after");
    int64_t from = 0;
    if (header) {
        if (!parse_id(header, &from))
            return mf_api_problem(resp, 400, "Bad Request",
                                  "header 'Last-Event-ID' = '%.64s': expected an event id (a "
                                  "whole number, 0 or more)",
                                  header);
    } else if (after) {
        if (!parse_id(after, &from))
            return mf_api_problem(resp, 400, "Bad Request",
                                  "query parameter 'after' = '%.64s': expected an event id (a "
                                  "whole number, 0 or more)",
                                  after);
    } else {
        mf_error err;
        if (mf_repo_event_last_id(req->store, &from, &err) != 0)
            return mf_api_store_problem(resp, &err);
    }
    mf_api_text(resp, 200, "text/event-stream");
    resp->event_stream = true;
    resp->events_after = from;
    return 0;
}
