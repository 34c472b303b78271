/*
 * store.c (tests) - fresh stores per test (see support/store.h).
 */
#include "support/store.h"

#include <stdlib.h>
#include <string.h>

#include "support/test.h"

const char *mf_test_store_base_url(void)
{
    const char *url = getenv("MF_TEST_STORE_URL");
    return url && url[0] ? url : "sqlite::memory:";
}

mf_store *mf_test_store_open(void)
{
    const char *url = mf_test_store_base_url();
    if (strncmp(url, "sqlite:", 7) != 0)
        fail_msg("MF_TEST_STORE_URL '%s': only sqlite URLs are supported so far", url);
    mf_store *st = NULL;
    mf_error err;
    if (mf_store_open(url, &st, &err) != 0)
        fail_msg("cannot open test store: %s", err.msg);
    return st;
}

void mf_test_store_close(mf_store *st)
{
    mf_store_close(st);
}
