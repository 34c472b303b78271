/*
 * fuzz_metrics.c - libFuzzer harness for the return-file reader of `mf metrics`
 * (src/cli/cmd_metrics.c) and the metrics behind it: any bytes give the metrics or fail with
 * exit code 1 and a message, never crash, leak or give a usage error.
 *
 * The first byte chooses the run: bit 0 also reads the file as its own benchmark, bit 1 asks
 * for JSON; the rest is the input file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/assert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[] = "/tmp/mf-fuzz-metrics-XXXXXX";
    static char input[64];
    static FILE *sink;
    if (sink == NULL) {
        MF_ASSERT(mkdtemp(dir) != NULL);
        snprintf(input, sizeof input, "%s/in.csv", dir);
        sink = fopen("/dev/null", "w");
        MF_ASSERT(sink != NULL);
    }
    if (size == 0)
        return 0;
    FILE *f = fopen(input, "w");
    MF_ASSERT(f != NULL);
    if (size > 1)
        MF_ASSERT(fwrite(data + 1, 1, size - 1, f) == size - 1);
    MF_ASSERT(fclose(f) == 0);

    char *argv[8] = {"metrics", "--input", input};
    int argc = 3;
    if (data[0] & 1) {
        argv[argc++] = "--benchmark";
        argv[argc++] = input;
    }
    if (data[0] & 2)
        argv[argc++] = "--json";
    argv[argc] = NULL;
    mf_cli cli = {.out = sink, .err = sink, .cmd = "metrics"};
    int rc = mf_cli_metrics(&cli, argc, argv);
    MF_ASSERT(rc == MF_EXIT_OK || rc == MF_EXIT_FAILURE);
    return 0;
}
