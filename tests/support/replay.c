/*
 * replay.c - mf_replay_start() / mf_replay_stop() (replay.h): the fixture HTTP server as a
 * child process that lives until its stdin closes.
 */
#include "support/replay.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/test.h"

int mf_replay_start(mf_replay *r, const char *const *route_files)
{
    setenv("no_proxy", "127.0.0.1,localhost", 1);
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    signal(SIGPIPE, SIG_IGN);
    enum { MAX_ROUTES = 30 };
    char paths[MAX_ROUTES][512];
    char *argv[3 + 2 * MAX_ROUTES] = {"python3", MF_FIXTURES_DIR "/../support/http_replay.py"};
    int argc = 2;
    for (int i = 0; route_files && route_files[i] && i < MAX_ROUTES; i++) {
        mf_test_fixture_path(paths[i], sizeof paths[i], route_files[i]);
        argv[argc++] = "--routes";
        argv[argc++] = paths[i];
    }
    argv[argc] = NULL;
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execv("/usr/bin/python3", argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    FILE *f = fdopen(out[0], "r");
    char line[32];
    int ok = f && fgets(line, sizeof line, f);
    if (f)
        fclose(f);
    if (!ok) {
        close(in[1]);
        waitpid(pid, NULL, 0);
        return -1;
    }
    line[strcspn(line, "\n")] = '\0';
    r->pid = pid;
    r->stdin_fd = in[1];
    snprintf(r->base, sizeof r->base, "http://127.0.0.1:%s", line);
    return 0;
}

void mf_replay_stop(mf_replay *r)
{
    if (r->pid <= 0)
        return;
    close(r->stdin_fd);
    waitpid(r->pid, NULL, 0);
    r->pid = 0;
}
