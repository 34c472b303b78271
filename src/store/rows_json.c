/*
 * rows_json.c - catalogue rows as JSON (rows_json.h).
 */
#include "store/rows_json.h"

#include <string.h>

static json_t *text_or_null(const char *s)
{
    return s[0] ? json_string(s) : json_null();
}

json_t *mf_series_info_json(const mf_series_info *s)
{
    char freq[2] = {s->frequency, '\0'};
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(s->code));
    json_object_set_new(o, "name", json_string(s->name));
    json_object_set_new(o, "source", json_string(s->source));
    json_object_set_new(o, "source_key", text_or_null(s->source_key));
    json_object_set_new(o, "frequency", text_or_null(freq));
    json_object_set_new(o, "unit", text_or_null(s->unit));
    json_object_set_new(o, "country", text_or_null(s->country));
    json_object_set_new(o, "category", text_or_null(s->category));
    json_object_set_new(o, "release_lag_days",
                        s->release_lag_days >= 0 ? json_integer(s->release_lag_days) : json_null());
    json_object_set_new(o, "simulated", json_boolean(s->simulated));
    json_object_set_new(o, "description", text_or_null(s->description));
    return o;
}

json_t *mf_instrument_json(const mf_instrument *in)
{
    json_t *o = json_object();
    json_object_set_new(o, "ticker", json_string(in->ticker));
    json_object_set_new(o, "name", json_string(in->name));
    json_object_set_new(o, "asset_class", json_string(in->asset_class));
    json_object_set_new(o, "instrument_type", json_string(in->instrument_type));
    json_object_set_new(o, "currency", json_string(in->currency));
    json_object_set_new(o, "country", text_or_null(in->country));
    json_object_set_new(o, "exchange", text_or_null(in->exchange));
    json_t *spec = in->contract_spec[0] ? json_loads(in->contract_spec, 0, NULL) : NULL;
    json_object_set_new(o, "contract_spec", spec ? spec : json_null());
    json_object_set_new(o, "active", json_boolean(in->active));
    json_object_set_new(o, "source", text_or_null(in->source));
    json_object_set_new(o, "source_key", text_or_null(in->source_key));
    json_object_set_new(o, "simulated", json_boolean(strcmp(in->source, "simulated") == 0));
    return o;
}
