/*
 * test.c - helpers shared by the cmocka suites: date literals and fixture files.
 */
#include "support/test.h"

#include <string.h>
#include <unistd.h>

mf_date mf_test_date(const char *iso)
{
    mf_date d = 0;
    mf_error err;
    if (mf_date_parse_iso(iso, &d, &err) != 0)
        fail_msg("bad date literal in test: %s", err.msg);
    return d;
}

void mf_test_fixture_path(char *buf, size_t size, const char *relative)
{
    snprintf(buf, size, "%s/%s", MF_FIXTURES_DIR, relative);
}

FILE *mf_test_fixture_open(const char *relative)
{
    char path[1024];
    mf_test_fixture_path(path, sizeof path, relative);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        fail_msg("cannot open fixture '%s'", path);
    return f;
}

bool mf_test_shared_reference_path(char *buf, size_t size, const char *relative)
{
    snprintf(buf, size, "%s/%s", MF_SHARED_REFERENCE_DIR, relative);
    return access(buf, R_OK) == 0;
}

int mf_test_split(char *line, char sep, char **fields, int max)
{
    line[strcspn(line, "\r\n")] = '\0';
    int n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *next = strchr(p, sep);
        if (next == NULL)
            break;
        *next = '\0';
        p = next + 1;
    }
    return n;
}
