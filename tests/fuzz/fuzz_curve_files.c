/*
 * fuzz_curve_files.c - libFuzzer harness for the curve file readers of `mf curve build`
 * (src/cli/cmd_curve_di1.c, cmd_curve_brl.c, cmd_curve_ust.c): any bytes build curves or fail
 * with exit code 1 and a message, never crash, leak or give a usage error; a failed build
 * leaves no output file behind.
 *
 * The first byte chooses the builder (di1, real, cupom, ust, tips); the rest is its input file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/assert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const builders[] = {"di1", "real", "cupom", "ust", "tips"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[] = "/tmp/mf-fuzz-curve-XXXXXX";
    static char input[64], output[64];
    static FILE *sink;
    if (sink == NULL) {
        MF_ASSERT(mkdtemp(dir) != NULL);
        snprintf(input, sizeof input, "%s/in.csv", dir);
        snprintf(output, sizeof output, "%s/out.csv", dir);
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
    remove(output);

    char *argv[] = {"curve",   "build", (char *)(uintptr_t)builders[data[0] % 5],
                    "--input", input,   "--output",
                    output,    NULL};
    mf_cli cli = {.out = sink, .err = sink, .cmd = "curve"};
    int rc = mf_cli_curve(&cli, 7, argv);
    MF_ASSERT(rc == MF_EXIT_OK || rc == MF_EXIT_FAILURE);
    MF_ASSERT(rc == MF_EXIT_OK || access(output, F_OK) != 0);
    return 0;
}
