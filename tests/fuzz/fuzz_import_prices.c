/*
 * fuzz_import_prices.c - libFuzzer harness for the CSV importer of instrument prices
 * (src/data/import_prices.c): any bytes either import or fail with a "fuzz.csv..." message,
 * never crash; a failed import leaves prices and instruments as they were; a successful one
 * adds exactly the new and revised rows it reports, accounts for every data line, and
 * importing the same bytes again adds nothing.
 *
 * The first byte chooses skip_bad (odd) or not; the rest is the file. Unknown DI1 tickers are
 * created as the command line creates them (mf_di1_instrument). The store is one in-memory
 * SQLite store kept across inputs, so inputs meet what earlier ones stored.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analytics/curve_di1_store.h"
#include "core/assert.h"
#include "data/import_prices.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char prices_sql[] = "SELECT count(*) FROM market_prices";
static const char instruments_sql[] = "SELECT count(*) FROM instruments";

static int64_t count(mf_store *st, const char *sql)
{
    mf_stmt *s = NULL;
    MF_ASSERT(mf_store_prepare(st, sql, &s, NULL) == 0);
    MF_ASSERT(mf_stmt_step(s, NULL) == MF_STORE_ROW);
    int64_t n = mf_stmt_int64(s, 0);
    MF_ASSERT(mf_stmt_step(s, NULL) == MF_STORE_DONE);
    return n;
}

static int make_di1(void *ctx, const char *ticker, mf_instrument *out, mf_error *err)
{
    if (strncmp(ticker, "DI1", 3) != 0)
        return MF_ENOTFOUND;
    return mf_di1_instrument(ctx, ticker, out, err);
}

static int import_bytes(mf_store *st, const mf_calendar *cal, const uint8_t *text, size_t len,
                        bool skip_bad, mf_import_prices_report *rep, mf_error *err)
{
    static char empty[1];
    FILE *in = len ? fmemopen((void *)(uintptr_t)text, len, "r") : fmemopen(empty, 1, "r");
    MF_ASSERT(in != NULL);
    if (len == 0)
        (void)fgetc(in);
    mf_import_prices_options opt = {.skip_bad = skip_bad,
                                    .make_instrument = make_di1,
                                    .make_ctx = (void *)(uintptr_t)cal,
                                    .now = 1700000000};
    int rc = mf_import_prices(st, in, "fuzz.csv", &opt, rep, err);
    fclose(in);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mf_store *st; /* opened once: they live as long as the process */
    static mf_calendar *cal;
    if (size == 0 || size > 64 * 1024)
        return 0;
    if (st == NULL) {
        MF_ASSERT(mf_store_open("sqlite::memory:", &st, NULL) == 0);
        MF_ASSERT(mf_calendar_new("br", &cal, NULL) == 0);
    }
    bool skip_bad = data[0] & 1;
    const uint8_t *text = data + 1;
    size_t len = size - 1;

    int64_t before = count(st, prices_sql), instruments = count(st, instruments_sql);
    mf_import_prices_report rep;
    memset(&rep, 0xA5, sizeof rep); /* a sentinel: written only on success */
    mf_error err;
    int rc = import_bytes(st, cal, text, len, skip_bad, &rep, &err);
    int64_t after = count(st, prices_sql);
    MF_ASSERT(mf_store_depth(st) == 0);
    if (rc != 0) {
        MF_ASSERT(rc == MF_EPARSE || rc == MF_EINVAL);
        MF_ASSERT(strncmp(err.msg, "fuzz.csv", 8) == 0);
        MF_ASSERT(after == before && count(st, instruments_sql) == instruments);
        MF_ASSERT(!skip_bad || strncmp(err.msg, "fuzz.csv:1: ", 12) == 0 ||
                  strncmp(err.msg, "fuzz.csv: empty file", 20) == 0);
        return 0;
    }
    const mf_ingestion_counts *c = &rep.counts;
    MF_ASSERT(after - before == c->rows_new + c->rows_revised);
    MF_ASSERT(rep.rows == c->rows_new + c->rows_revised + c->rows_unchanged + rep.skipped);
    MF_ASSERT(skip_bad || rep.skipped == 0);
    MF_ASSERT(count(st, instruments_sql) == instruments + rep.instruments_created);

    mf_import_prices_report again;
    MF_ASSERT(import_bytes(st, cal, text, len, skip_bad, &again, &err) == 0);
    MF_ASSERT(count(st, prices_sql) == after);
    MF_ASSERT(again.counts.rows_new == 0 && again.counts.rows_revised == 0);
    MF_ASSERT(again.counts.rows_unchanged == c->rows_new + c->rows_revised + c->rows_unchanged);
    MF_ASSERT(again.skipped == rep.skipped && again.instruments_created == 0);
    return 0;
}
