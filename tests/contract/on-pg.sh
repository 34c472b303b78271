#!/usr/bin/env bash
# on-pg.sh - runs one contract test executable against the PostgreSQL test server whose URL
# scripts/with-test-servers exports as MF_TEST_PG_URL.
set -u
if [ -z "${MF_TEST_PG_URL:-}" ]; then
    echo "MF_TEST_PG_URL is not set: run the suite through scripts/with-test-servers (make test)" >&2
    exit 1
fi
MF_TEST_STORE_URL=$MF_TEST_PG_URL exec "$@"
