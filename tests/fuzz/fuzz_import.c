/*
 * fuzz_import.c - libFuzzer harness for the CSV importer of observations
 * (src/data/import_observations.c): any bytes either import or fail with a "fuzz.csv..."
 * message, never crash; a failed import leaves the observations as they were; a successful
 * one adds exactly the new and revised rows it reports, accounts for every data line, and
 * importing the same bytes again adds nothing.
 *
 * The first byte chooses skip_bad (odd) or not; the rest is the file. The store is one
 * in-memory SQLite store opened on the first input and kept, so inputs meet what earlier ones
 * stored, as real imports do.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "data/import_observations.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char count_sql[] = "SELECT count(*) FROM observations";

static int64_t count_observations(mf_store *st)
{
    mf_stmt *s = NULL;
    MF_ASSERT(mf_store_prepare(st, count_sql, &s, NULL) == 0);
    MF_ASSERT(mf_stmt_step(s, NULL) == MF_STORE_ROW);
    int64_t n = mf_stmt_int64(s, 0);
    MF_ASSERT(mf_stmt_step(s, NULL) == MF_STORE_DONE);
    return n;
}

/* Imports text[0..len) as "fuzz.csv"; returns the importer's result. */
static int import_bytes(mf_store *st, const uint8_t *text, size_t len, bool skip_bad,
                        mf_import_report *rep, mf_error *err)
{
    static char empty[1];
    /* fmemopen() of a zero-length buffer is not portable: an empty file is a FILE with no bytes */
    FILE *in = len ? fmemopen((void *)(uintptr_t)text, len, "r") : fmemopen(empty, 1, "r");
    MF_ASSERT(in != NULL);
    if (len == 0)
        (void)fgetc(in); /* consume the one byte: the stream is at its end */
    mf_import_options opt = {.skip_bad = skip_bad, .now = 1700000000};
    int rc = mf_import_observations(st, in, "fuzz.csv", &opt, rep, err);
    fclose(in);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mf_store *st; /* opened once: the harness's store lives as long as the process */
    if (size == 0 || size > 64 * 1024)
        return 0;
    if (st == NULL)
        MF_ASSERT(mf_store_open("sqlite::memory:", &st, NULL) == 0);
    bool skip_bad = data[0] & 1;
    const uint8_t *text = data + 1;
    size_t len = size - 1;

    int64_t before = count_observations(st);
    mf_import_report rep;
    memset(&rep, 0xA5, sizeof rep); /* a sentinel: written only on success */
    mf_error err;
    int rc = import_bytes(st, text, len, skip_bad, &rep, &err);
    int64_t after = count_observations(st);
    MF_ASSERT(mf_store_depth(st) == 0);
    if (rc != 0) {
        MF_ASSERT(rc == MF_EPARSE || rc == MF_EINVAL);
        MF_ASSERT(strncmp(err.msg, "fuzz.csv", 8) == 0);
        MF_ASSERT(after == before);
        /* Under skip_bad only a file without its header fails. */
        MF_ASSERT(!skip_bad || strncmp(err.msg, "fuzz.csv:1: ", 12) == 0 ||
                  strncmp(err.msg, "fuzz.csv: empty file", 20) == 0);
        return 0;
    }
    const mf_ingestion_counts *c = &rep.counts;
    MF_ASSERT(after - before == c->rows_new + c->rows_revised);
    MF_ASSERT(rep.rows == c->rows_new + c->rows_revised + c->rows_unchanged + rep.skipped);
    MF_ASSERT(skip_bad || rep.skipped == 0);

    /* Loading the same file again changes nothing. */
    mf_import_report again;
    MF_ASSERT(import_bytes(st, text, len, skip_bad, &again, &err) == 0);
    MF_ASSERT(count_observations(st) == after);
    MF_ASSERT(again.counts.rows_new == 0 && again.counts.rows_revised == 0);
    MF_ASSERT(again.counts.rows_unchanged == c->rows_new + c->rows_revised + c->rows_unchanged);
    MF_ASSERT(again.skipped == rep.skipped && again.series_created == 0);
    return 0;
}
