/*
 * transform.c - the transform registry (the families of transform_*.c in one list), the
 * parameter parser and the helpers the families share (see transform.h).
 */
#include "analytics/transform.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

static const mf_transform *const families[] = {mf__tf_returns, mf__tf_scores,     mf__tf_macro,
                                               mf__tf_fiscal,  mf__tf_indicators, mf__tf_surprise};

const mf_transform *mf_transform_at(size_t i)
{
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (const mf_transform *t = families[f]; t->name != NULL; t++)
            if (i-- == 0)
                return t;
    return NULL;
}

const mf_transform *mf_transform_find(const char *name)
{
    const mf_transform *t;
    for (size_t i = 0; (t = mf_transform_at(i)) != NULL; i++)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

size_t mf__tf_lookback_none(const mf_tf_params *p)
{
    (void)p;
    return 0;
}

size_t mf__tf_lookback_all(const mf_tf_params *p)
{
    (void)p;
    return MF_TF_ALL;
}

size_t mf__tf_lookback_lag(const mf_tf_params *p)
{
    return p->lag;
}

size_t mf__tf_lookback_window(const mf_tf_params *p)
{
    return p->window - 1;
}

size_t mf__tf_lookback_window_ret(const mf_tf_params *p)
{
    return p->window;
}

void mf__tf_log_returns(const double *x, size_t n, double *r)
{
    for (size_t i = 0; i < n; i++)
        r[i] = i == 0 ? NAN : log(x[i] / x[i - 1]);
}

bool mf__tf_same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* Whether key is one of the space-separated words of keys. */
static bool takes(const char *keys, const char *key)
{
    size_t len = strlen(key);
    for (const char *p = keys; *p;) {
        const char *end = strchr(p, ' ');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == len && memcmp(p, key, n) == 0)
            return true;
        p += n;
        while (*p == ' ')
            p++;
    }
    return false;
}

static int count_of(const mf_transform *t, const char *key, json_t *v, size_t min, size_t *out,
                    mf_error *err)
{
    if (!json_is_integer(v) || json_integer_value(v) < (json_int_t)min ||
        json_integer_value(v) > 100000)
        return mf_error_set(err, MF_EINVAL,
                            "transform '%s': parameter '%s' must be an integer in %zu..100000",
                            t->name, key, min);
    *out = (size_t)json_integer_value(v);
    return 0;
}

static int real_of(const mf_transform *t, const char *key, json_t *v, double lo, double hi,
                   bool hi_open, double *out, mf_error *err)
{
    double x = json_is_number(v) ? json_number_value(v) : NAN;
    if (!(x >= lo) || (hi_open ? !(x < hi) : !(x <= hi)))
        return mf_error_set(err, MF_EINVAL,
                            "transform '%s': parameter '%s' must be a number in %g..%g%s", t->name,
                            key, lo, hi, hi_open ? " (excluded)" : "");
    *out = x;
    return 0;
}

static int parse_key(const mf_transform *t, const char *key, json_t *v, size_t n_inputs,
                     mf_tf_params *p, mf_error *err)
{
    if (strcmp(key, "window") == 0)
        return count_of(t, key, v, 1, &p->window, err);
    if (strcmp(key, "min_periods") == 0)
        return count_of(t, key, v, 1, &p->min_periods, err);
    if (strcmp(key, "lag") == 0)
        return count_of(t, key, v, 1, &p->lag, err);
    if (strcmp(key, "naive_window") == 0)
        return count_of(t, key, v, 1, &p->naive_window, err);
    if (strcmp(key, "den_periods") == 0)
        return count_of(t, key, v, 1, &p->den_periods, err);
    if (strcmp(key, "half_life") == 0) {
        int rc = real_of(t, key, v, 0.0, 1000.0, false, &p->half_life, err);
        if (rc == 0 && !(p->half_life > 0.0))
            rc = mf_error_set(err, MF_EINVAL,
                              "transform '%s': parameter 'half_life' must be above 0", t->name);
        return rc;
    }
    if (strcmp(key, "lambda") == 0)
        return real_of(t, key, v, 0.0, 1.0, true, &p->lambda, err);
    if (strcmp(key, "ann") == 0)
        return real_of(t, key, v, 1.0, 366.0, false, &p->ann, err);
    if (strcmp(key, "trim") == 0)
        return real_of(t, key, v, 0.0, 0.5, true, &p->trim, err);
    if (strcmp(key, "fisher") == 0) {
        if (!json_is_boolean(v))
            return mf_error_set(err, MF_EINVAL,
                                "transform '%s': parameter 'fisher' must be "
                                "true or false",
                                t->name);
        p->fisher = json_is_true(v);
        return 0;
    }
    if (strcmp(key, "basis") == 0) {
        const char *s = json_string_value(v);
        if (s && strcmp(s, "bus252") == 0)
            p->basis = MF_TF_BUS252;
        else if (s && strcmp(s, "act360") == 0)
            p->basis = MF_TF_ACT360;
        else
            return mf_error_set(err, MF_EINVAL,
                                "transform '%s': parameter 'basis' must be "
                                "\"bus252\" or \"act360\"",
                                t->name);
        return 0;
    }
    if (strcmp(key, "signs") == 0) {
        if (!json_is_array(v) || json_array_size(v) != n_inputs)
            return mf_error_set(err, MF_EINVAL,
                                "transform '%s': parameter 'signs' must be an "
                                "array of one sign per input (%zu)",
                                t->name, n_inputs);
        for (size_t i = 0; i < n_inputs; i++) {
            json_t *s = json_array_get(v, i);
            double x = json_is_number(s) ? json_number_value(s) : 0.0;
            if (x != 1.0 && x != -1.0)
                return mf_error_set(err, MF_EINVAL, "transform '%s': signs[%zu] must be 1 or -1",
                                    t->name, i);
            p->signs[i] = x;
        }
        p->n_signs = n_inputs;
        return 0;
    }
    return mf_error_set(err, MF_EINVAL, "transform '%s': unknown parameter '%s'", t->name, key);
}

int mf_tf_params_parse(const mf_transform *t, const char *text, size_t n_inputs, mf_tf_params *out,
                       mf_error *err)
{
    if (n_inputs < t->min_inputs || n_inputs > t->max_inputs)
        return mf_error_set(err, MF_EINVAL, "transform '%s' takes %zu..%zu inputs, not %zu",
                            t->name, t->min_inputs, t->max_inputs, n_inputs);
    mf_tf_params p = t->defaults;
    bool min_given = false;
    for (size_t i = 0; i < MF_TF_MAX_INPUTS; i++)
        p.signs[i] = 1.0;
    if (text != NULL && text[0] != '\0') {
        json_error_t jerr;
        json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
        if (!json_is_object(root)) {
            json_decref(root);
            return mf_error_set(err, MF_EINVAL,
                                "transform '%s': parameters '%s' are not a JSON "
                                "object",
                                t->name, text);
        }
        const char *key;
        json_t *v;
        json_object_foreach(root, key, v)
        {
            min_given = min_given || strcmp(key, "min_periods") == 0;
            int rc = takes(t->keys, key)
                         ? parse_key(t, key, v, n_inputs, &p, err)
                         : mf_error_set(err, MF_EINVAL,
                                        "transform '%s': unknown parameter '%s' "
                                        "(it takes: %s)",
                                        t->name, key, t->keys[0] ? t->keys : "none");
            if (rc != 0) {
                json_decref(root);
                return rc;
            }
        }
        json_decref(root);
    }
    /* a window shorter than the default min_periods, without min_periods: the whole window */
    if (!min_given && takes(t->keys, "window") && p.min_periods > p.window)
        p.min_periods = p.window;
    if (takes(t->keys, "min_periods") && takes(t->keys, "window") && p.min_periods > p.window)
        return mf_error_set(err, MF_EINVAL, "transform '%s': min_periods %zu above window %zu",
                            t->name, p.min_periods, p.window);
    *out = p;
    return 0;
}

int mf_tf_params_canonical(const char *text, char *buf, size_t size, mf_error *err)
{
    const char *src = text && text[0] ? text : "{}";
    json_error_t jerr;
    json_t *root = json_loads(src, JSON_REJECT_DUPLICATES, &jerr);
    if (!json_is_object(root)) {
        json_decref(root);
        return mf_error_set(err, MF_EINVAL, "parameters '%s' are not a JSON object", src);
    }
    size_t len =
        json_dumpb(root, buf, size, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
    json_decref(root);
    int rc = 0;
    if (len == 0 || len >= size)
        rc = mf_error_set(err, MF_EINVAL, "parameters '%s' longer than %zu bytes", src, size - 1);
    else
        buf[len] = '\0';
    return rc;
}
