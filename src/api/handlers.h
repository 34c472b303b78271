/*
 * handlers.h - the API's request handlers, one group per file (handlers_<group>.c), listed in
 * the route table (routes.c). Each fills an mf_api_response (api.h).
 */
#ifndef MF_API_HANDLERS_H
#define MF_API_HANDLERS_H

#include "api/api.h"

/* handlers_meta.c */
int mf_api_get_health(const mf_api_request *req, mf_api_response *resp);
int mf_api_get_metrics(const mf_api_request *req, mf_api_response *resp);
int mf_api_get_openapi(const mf_api_request *req, mf_api_response *resp);

/* handlers_series.c */
int mf_api_list_series(const mf_api_request *req, mf_api_response *resp);
int mf_api_get_series(const mf_api_request *req, mf_api_response *resp);
int mf_api_get_observations(const mf_api_request *req, mf_api_response *resp);
int mf_api_get_lineage(const mf_api_request *req, mf_api_response *resp);
int mf_api_list_instruments(const mf_api_request *req, mf_api_response *resp);

/* handlers_curves.c */
int mf_api_list_curves(const mf_api_request *req, mf_api_response *resp);
int mf_api_get_curve(const mf_api_request *req, mf_api_response *resp);
int mf_api_get_curve_history(const mf_api_request *req, mf_api_response *resp);

/* handlers_instruments.c */
int mf_api_get_instrument(const mf_api_request *req, mf_api_response *resp);
int mf_api_get_instrument_prices(const mf_api_request *req, mf_api_response *resp);

/* handlers_events.c */
int mf_api_get_events(const mf_api_request *req, mf_api_response *resp);

/* handlers_runs.c */
int mf_api_list_runs(const mf_api_request *req, mf_api_response *resp);

/* handlers_quality.c */
int mf_api_get_quality(const mf_api_request *req, mf_api_response *resp);
int mf_api_get_quality_failing(const mf_api_request *req, mf_api_response *resp);
int mf_api_list_quality_runs(const mf_api_request *req, mf_api_response *resp);
int mf_api_get_series_quality(const mf_api_request *req, mf_api_response *resp);

#endif
