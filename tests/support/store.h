/*
 * store.h (tests) - a fresh, empty store for each test, on the backend the test run names.
 *
 * MF_TEST_STORE_URL selects the backend: unset or "sqlite::memory:" gives a private in-memory
 * SQLite store; a postgresql:// URL (the server started by scripts/with-test-servers) gives a
 * newly created database on that server, dropped again by mf_test_store_close().
 *
 * Also mf_test_settle_row(): a market price row with only a settle, the way the tests of
 * prices write most of theirs.
 */
#ifndef MF_TEST_SUPPORT_STORE_H
#define MF_TEST_SUPPORT_STORE_H

#include "store/repo_market_prices.h"
#include "store/store.h"

/* Opens a fresh migrated store; fails the test with the store's message when it cannot. */
mf_store *mf_test_store_open(void);

/* Closes st and removes what mf_test_store_open() created for it. */
void mf_test_store_close(mf_store *st);

/*
 * A fresh empty store for a test that hands its URL to another opener (a server, a second
 * connection): a SQLite file under dir (created on first open), or on PostgreSQL a database
 * of its own, dropped again by mf_test_store_drop_url() (which leaves a SQLite file to dir's
 * owner).
 */
void mf_test_store_new_url(const char *dir, char *buf, size_t size);
void mf_test_store_drop_url(const char *url);

/* The URL mf_test_store_open() would use as a base ("sqlite::memory:" by default). */
const char *mf_test_store_base_url(void);

/* A price of instrument_id on price_date (ISO), known from available_at (ISO), with only the
   settle given: every other field NaN (not published). */
mf_market_price mf_test_settle_row(int64_t instrument_id, const char *price_date,
                                   const char *available_at, double settle);

#endif
