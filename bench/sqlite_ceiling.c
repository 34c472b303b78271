/*
 * sqlite_ceiling.c - W1's ceiling: the fastest plain load SQLite allows on this machine for the
 * same rows into the same schema. A minimal loop: one prepared INSERT, one transaction, the
 * connection set up as mf sets it up (WAL, synchronous=FULL, foreign keys on), no checks of
 * existing rows, no counting. The store must exist (mf init).
 *
 * Usage: sqlite_ceiling STORE.db obs.csv    -> prints "rows seconds"
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Days since 1970-01-01 of a YYYY-MM-DD field (input known valid). */
static int days(const char *s)
{
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    y -= m <= 2;
    int era = y / 400, yoe = y - era * 400;
    int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: sqlite_ceiling STORE.db obs.csv\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    sqlite3 *db;
    if (f == NULL || sqlite3_open(argv[1], &db) != SQLITE_OK) {
        fprintf(stderr, "sqlite_ceiling: cannot open inputs\n");
        return 1;
    }
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON",
                 NULL, NULL, NULL);
    char line[256], last[256] = "";
    long rows = 0, series = 0;
    double t0 = now();
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_stmt *ins, *ser;
    sqlite3_prepare_v2(db, "INSERT INTO observations VALUES (?, ?, ?, ?, ?)", -1, &ins, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO series (code, source, name) VALUES (?, 'user', ?)", -1,
                       &ser, NULL);
    if (fgets(line, sizeof line, f) == NULL)
        return 1;
    while (fgets(line, sizeof line, f)) {
        char *c1 = strchr(line, ','), *c3 = strchr(c1 + 12, ',');
        *c1 = '\0';
        if (strcmp(line, last) != 0) { /* the file is grouped by series */
            snprintf(last, sizeof last, "%s", line);
            sqlite3_bind_text(ser, 1, line, -1, SQLITE_STATIC);
            sqlite3_bind_text(ser, 2, line, -1, SQLITE_STATIC);
            sqlite3_step(ser);
            sqlite3_reset(ser);
            series = sqlite3_last_insert_rowid(db);
        }
        sqlite3_bind_int64(ins, 1, series);
        sqlite3_bind_int(ins, 2, days(c1 + 1));
        sqlite3_bind_int(ins, 3, days(c3 + 1));
        if (c3 == c1 + 12)
            sqlite3_bind_null(ins, 4);
        else
            sqlite3_bind_double(ins, 4, strtod(c1 + 12, NULL));
        sqlite3_bind_int64(ins, 5, 0);
        if (sqlite3_step(ins) != SQLITE_DONE) {
            fprintf(stderr, "sqlite_ceiling: %s\n", sqlite3_errmsg(db));
            return 1;
        }
        sqlite3_reset(ins);
        rows++;
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    printf("%ld %.6f\n", rows, now() - t0);
    sqlite3_finalize(ins);
    sqlite3_finalize(ser);
    sqlite3_close(db);
    fclose(f);
    return 0;
}
