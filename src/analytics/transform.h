/*
 * transform.h - the transform registry: pure functions from aligned input arrays (dates and
 * values) and parameters to one output array, used to materialise derived series.
 *
 * Exports: mf_tf_params (the parameters every transform draws from) with
 * mf_tf_params_parse() (from a JSON object) and mf_tf_params_canonical(); mf_tf_input (k
 * aligned columns); mf_transform (one registry entry: name, inputs, dependency span, run);
 * mf_transform_find(), mf_transform_at() (walk the registry), MF_TF_ALL (an unbounded span).
 *
 * Conventions: the inputs are on one date index (dates strictly increasing), column j of
 * the input is x[j * n .. j * n + n); NaN is a missing value and propagates as pandas does
 * (documented per transform in docs/transforms.md). Windows count observations, not days.
 * Percent outputs have names ending in _pct and are in percent; returns and volatilities
 * are decimals (vol annualised by sqrt(ann)). Each transform is O(n) in the length of its
 * input, except pct_rank (O(n log n): a Fenwick tree over value ranks), and fci_pc1
 * (O(n k^3) for k inputs: a Jacobi eigen-decomposition of a k x k matrix per date).
 *
 * Point in time: lookback is how many earlier positions the output at i may read (i -
 * lookback .. i; MF_TF_ALL: every earlier one) and two_sided says it also reads later ones;
 * the engine (derive.h) uses them to date each output and to recompute only the windows a
 * revision touches. Running a transform over positions s..e of its input gives the same
 * output at i as over the whole input whenever s <= i - lookback (bit for bit: the
 * algorithms carry state forward only).
 */
#ifndef MF_ANALYTICS_TRANSFORM_H
#define MF_ANALYTICS_TRANSFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"

/* Most inputs of one transform. */
#define MF_TF_MAX_INPUTS 16

/* A dependency span without bound. */
#define MF_TF_ALL SIZE_MAX

/* How ret_excess turns the rate (percent a year) into a return per period. */
typedef enum mf_tf_basis {
    MF_TF_BUS252, /* (1 + r/100)^(1/252) - 1 per observation (CDI, Selic: BUS/252) */
    MF_TF_ACT360  /* r/100 * days/360 over the calendar days between observations (Fed funds) */
} mf_tf_basis;

/* How the engine puts the inputs on the first input's dates (see derive.h). */
typedef enum mf_tf_align {
    MF_TF_ALIGN_FFILL, /* each other input's last observation on or before the date */
    MF_TF_ALIGN_PRIOR  /* input 1: its vintage for the same obs_date known before input 0's */
} mf_tf_align;

/*
 * Parameters. Every field has a default; a transform reads only those its entry lists, and
 * mf_tf_params_parse() refuses the others. Units: lambda a decay per observation (0..1), ann
 * observations per year, trim the fraction cut from each tail.
 */
typedef struct mf_tf_params {
    size_t window;                  /* observations in a rolling window */
    size_t min_periods;             /* non-missing values for an output to be defined */
    size_t lag;                     /* observations back for changes */
    double lambda;                  /* EWMA decay: weight of the past (RiskMetrics 0.94) */
    double ann;                     /* periods per year for annualisation */
    double trim;                    /* trimmed mean: fraction cut from each tail, 0 <= trim < 0.5 */
    double half_life;               /* surprise_naive: observations for a weight to halve */
    size_t naive_window;            /* surprise_naive: past changes averaged as the expectation */
    size_t den_periods;             /* flow_ratio_pct: periods one denominator value covers */
    mf_tf_basis basis;              /* ret_excess */
    bool fisher;                    /* real_rate: (1+n)/(1+pi) - 1 instead of n - pi */
    size_t n_signs;                 /* signs given (0: all +1) */
    double signs[MF_TF_MAX_INPUTS]; /* +1 or -1 per input (composite, fci_pc1) */
} mf_tf_params;

/* k aligned input columns of n observations each. */
typedef struct mf_tf_input {
    size_t n, k;
    const mf_date *dates; /* n strictly increasing dates */
    const double *x;      /* k * n values, column-major */
} mf_tf_input;

/* One registry entry. */
typedef struct mf_transform {
    const char *name;
    const char *summary; /* one line, with units */
    const char *keys;    /* the parameter keys it takes, space-separated ("" for none) */
    size_t min_inputs, max_inputs;
    mf_tf_align align;
    bool two_sided;        /* reads later positions too (full-sample estimates) */
    mf_tf_params defaults; /* the parameters when the JSON gives none */
    /* Positions before i the output at i reads, for parameters p (MF_TF_ALL: all). */
    size_t (*lookback)(const mf_tf_params *p);
    /*
     * Writes out[0..in->n). Checks its parameters (MF_EINVAL naming the transform and the
     * value). Allocates only workspaces sized by n, freed before it returns.
     */
    int (*run)(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err);
} mf_transform;

/* The entry called name, or NULL. */
const mf_transform *mf_transform_find(const char *name);

/* The i-th entry of the registry (in documentation order), or NULL past the end. */
const mf_transform *mf_transform_at(size_t i);

/*
 * Parses the JSON object text ("" or "{}" for the defaults) into *out for transform t:
 * unknown keys, values of the wrong type or out of range, and signs that are not +1/-1 or
 * not one per input (n_inputs) are MF_EINVAL naming the transform and the key. *out is
 * written only on success.
 */
int mf_tf_params_parse(const mf_transform *t, const char *text, size_t n_inputs, mf_tf_params *out,
                       mf_error *err);

/*
 * The canonical form of the JSON object text (keys sorted, no spaces) into buf[0..size):
 * what the store keeps, so that equal parameters compare equal. MF_EINVAL when text is not
 * a JSON object or the result does not fit.
 */
int mf_tf_params_canonical(const char *text, char *buf, size_t size, mf_error *err);

/* ---- shared helpers of the transform files (private to src/analytics/transform*.c) ----- */

/* lookback helpers */
size_t mf__tf_lookback_none(const mf_tf_params *p);
size_t mf__tf_lookback_all(const mf_tf_params *p);
size_t mf__tf_lookback_lag(const mf_tf_params *p);
size_t mf__tf_lookback_window(const mf_tf_params *p);     /* window - 1 */
size_t mf__tf_lookback_window_ret(const mf_tf_params *p); /* window: returns need one more */

/* Entries of each family, terminated by an entry with a NULL name. */
extern const mf_transform mf__tf_returns[];
extern const mf_transform mf__tf_scores[];
extern const mf_transform mf__tf_macro[];
extern const mf_transform mf__tf_indicators[];
extern const mf_transform mf__tf_surprise[];
extern const mf_transform mf__tf_fiscal[];

/* Log returns of column x[0..n) into r (r[0] NaN; NaN where either value is missing). */
void mf__tf_log_returns(const double *x, size_t n, double *r);

/* NaN-aware equality: both NaN, or equal. */
bool mf__tf_same(double a, double b);

#endif
