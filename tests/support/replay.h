/*
 * replay.h - starts tests/support/http_replay.py on 127.0.0.1 (a free port) with fixture
 * route files, for tests of the connectors over real HTTP on loopback.
 *
 * Exports: mf_replay (a running server), mf_replay_start(), mf_replay_stop().
 */
#ifndef MF_TEST_SUPPORT_REPLAY_H
#define MF_TEST_SUPPORT_REPLAY_H

#include <sys/types.h>

typedef struct mf_replay {
    pid_t pid;
    int stdin_fd;  /* closing it stops the server */
    char base[64]; /* "http://127.0.0.1:PORT" */
} mf_replay;

/*
 * Starts the server with the route files (paths relative to tests/fixtures, NULL-terminated
 * list; may be empty) and fills *r. Sets no_proxy for loopback and ignores SIGPIPE. Returns 0,
 * or -1 when the server did not start.
 */
int mf_replay_start(mf_replay *r, const char *const *route_files);

/* Stops the server and waits for it. */
void mf_replay_stop(mf_replay *r);

#endif
