/*
 * sqlite_ceiling.c - W1's ceiling: the fastest plain load SQLite allows on this machine for the
 * same rows into the same schema. The file is parsed into memory first, untimed; then the
 * timed part is the minimal loop: one prepared INSERT per row in one transaction, the
 * connection set up as mf sets it up (WAL, synchronous=FULL), no checks of existing rows, no
 * counting, through the commit. The store must exist (mf init).
 *
 * Usage: sqlite_ceiling STORE.db obs.csv    -> prints "rows seconds" (the timed part)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct row {
    int series; /* index into the codes */
    int obs_date, available_at;
    double value;
    int missing;
} row;

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
    /* Untimed: the rows and the series codes (the file is grouped by series). */
    size_t cap = 1 << 20, n = 0, ncodes = 0;
    row *rows = malloc(cap * sizeof *rows);
    char(*codes)[256] = malloc(65536 * sizeof *codes);
    char line[256];
    if (rows == NULL || codes == NULL || fgets(line, sizeof line, f) == NULL)
        return 1;
    while (fgets(line, sizeof line, f)) {
        char *c1 = strchr(line, ','), *c3 = strchr(c1 + 12, ',');
        *c1 = '\0';
        if (ncodes == 0 || strcmp(codes[ncodes - 1], line) != 0)
            snprintf(codes[ncodes++], sizeof codes[0], "%s", line);
        if (n == cap)
            rows = realloc(rows, (cap *= 2) * sizeof *rows);
        rows[n++] = (row){(int)ncodes - 1, days(c1 + 1), days(c3 + 1),
                          c3 == c1 + 12 ? 0.0 : strtod(c1 + 12, NULL), c3 == c1 + 12};
    }
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", NULL, NULL, NULL);

    double t0 = now();
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_stmt *ins, *ser;
    sqlite3_prepare_v2(db, "INSERT INTO observations VALUES (?, ?, ?, ?, ?)", -1, &ins, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO series (code, source, name) VALUES (?, 'user', ?)", -1,
                       &ser, NULL);
    long long *ids = malloc(ncodes * sizeof *ids);
    for (size_t i = 0; i < ncodes; i++) {
        sqlite3_bind_text(ser, 1, codes[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(ser, 2, codes[i], -1, SQLITE_STATIC);
        sqlite3_step(ser);
        sqlite3_reset(ser);
        ids[i] = sqlite3_last_insert_rowid(db);
    }
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(ins, 1, ids[rows[i].series]);
        sqlite3_bind_int(ins, 2, rows[i].obs_date);
        sqlite3_bind_int(ins, 3, rows[i].available_at);
        if (rows[i].missing)
            sqlite3_bind_null(ins, 4);
        else
            sqlite3_bind_double(ins, 4, rows[i].value);
        sqlite3_bind_int64(ins, 5, 1764000000);
        if (sqlite3_step(ins) != SQLITE_DONE) {
            fprintf(stderr, "sqlite_ceiling: %s\n", sqlite3_errmsg(db));
            return 1;
        }
        sqlite3_reset(ins);
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    double t1 = now();
    printf("%zu %.6f\n", n, t1 - t0);
    sqlite3_finalize(ins);
    sqlite3_finalize(ser);
    sqlite3_close(db);
    free(ids);
    free(rows);
    free(codes);
    fclose(f);
    return 0;
}
