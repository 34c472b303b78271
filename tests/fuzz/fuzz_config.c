/*
 * fuzz_config.c - libFuzzer harness for the INI loader of src/core/config.c: any input either
 * loads or fails with a message, never crashes, and a failed load changes nothing.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mf_config *cfg = NULL;
    if (mf_config_new(&cfg, NULL) != 0)
        return 0;
    char *text = mf_strndup((const char *)data, size);
    mf_error err;
    if (mf_config_load_string(cfg, text, "fuzz.ini", &err) != 0) {
        /* all or nothing: a failed load leaves every default in place */
        for (size_t i = 0; i < mf_config_count(cfg); i++) {
            mf_config_entry e;
            if (mf_config_entry_at(cfg, i, &e, NULL) != 0 || strcmp(e.value, e.def) != 0 ||
                e.origin.kind != MF_CONFIG_FROM_DEFAULT)
                __builtin_trap();
        }
        if (err.msg[0] == '\0')
            __builtin_trap();
    }
    mf_free(text);
    mf_config_free(cfg);
    return 0;
}
