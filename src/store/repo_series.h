/*
 * repo_series.h - the series catalogue: create, look up by code, list with filters.
 *
 * Exports: mf_series_info (one catalogue row, fixed-size fields), mf_series_filter,
 * mf_repo_series_create(), mf_repo_series_get(), mf_repo_series_ensure(),
 * mf_repo_series_list(), mf_series_code_check(), mf_put_outcome with mf_repo_series_put(),
 * mf_repo_series_code_of().
 */
#ifndef MF_STORE_REPO_SERIES_H
#define MF_STORE_REPO_SERIES_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define MF_SERIES_CODE_MAX 64 /* buffer size: codes have at most 63 characters */

/* One series of the catalogue. Empty strings and negative numbers mean "not known". */
typedef struct mf_series_info {
    int64_t id;                    /* set by the store */
    char code[MF_SERIES_CODE_MAX]; /* unique: letters, digits, '_', '.', '-' */
    char source[32];               /* bcb_sgs, fred, ..., simulated, user */
    char source_key[64];           /* the key at the source: "432", "DGS10" */
    char name[256];
    char frequency;       /* 'D', 'W', 'M', 'Q', 'A', or 0 when unknown */
    char unit[32];        /* "% a.a.", "BRL/USD", "index" */
    char country[8];      /* ISO 3166-1 alpha-2: "BR", "US" */
    char category[64];    /* "rates", "inflation", ... */
    int release_lag_days; /* typical days from period end to publication; -1 */
    bool simulated;       /* produced by the simulated market */
    char description[1024];
} mf_series_info;

/* Filters of mf_repo_series_list(); empty strings, 0 and -1 match everything. */
typedef struct mf_series_filter {
    const char *source;
    const char *country;
    const char *category;
    char frequency;
    int simulated;           /* 1: only simulated, 0: only real, -1: both */
    const char *code_prefix; /* codes starting with this */
} mf_series_filter;

/* A filter that matches every series. */
#define MF_SERIES_FILTER_ALL ((mf_series_filter){.simulated = -1})

/*
 * Checks that code is a valid series code (1..63 of letters, digits, '_', '.', '-').
 * MF_EINVAL with a message quoting it otherwise.
 */
int mf_series_code_check(const char *code, mf_error *err);

/*
 * Adds info to the catalogue (info->id is ignored) and sets *id. MF_EINVAL when the code is
 * invalid or already taken, or a field is out of its domain (frequency, country).
 */
int mf_repo_series_create(mf_store *st, const mf_series_info *info, int64_t *id, mf_error *err);

/* What a put did. */
typedef enum mf_put_outcome { MF_PUT_CREATED, MF_PUT_UPDATED, MF_PUT_UNCHANGED } mf_put_outcome;

/*
 * Creates the series info->code, or brings an existing one's catalogue fields up to info
 * (its id and observations stay), and sets *id and *outcome. Validation as create.
 */
int mf_repo_series_put(mf_store *st, const mf_series_info *info, int64_t *id,
                       mf_put_outcome *outcome, mf_error *err);

/* The code of the series with id; MF_ENOTFOUND when none. */
int mf_repo_series_code_of(mf_store *st, int64_t id, char code[MF_SERIES_CODE_MAX], mf_error *err);

/* Reads the series called code into *out. MF_ENOTFOUND ("unknown series 'X'") when none. */
int mf_repo_series_get(mf_store *st, const char *code, mf_series_info *out, mf_error *err);

/*
 * The id of the series called code, creating a "user" series of unknown frequency named after
 * its code when there is none (*created tells which). For imports of new codes.
 */
int mf_repo_series_ensure(mf_store *st, const char *code, int64_t *id, bool *created,
                          mf_error *err);

/*
 * The series matching filter (NULL: all), ordered by code. *out receives an array of *n rows:
 * caller owns it; free with mf_free() (NULL when *n is 0).
 */
int mf_repo_series_list(mf_store *st, const mf_series_filter *filter, mf_series_info **out,
                        size_t *n, mf_error *err);

#endif
