/*
 * handlers_curves.c - stored zero curves over HTTP: the list of curves, a curve on a date
 * (its vertices and its zero rates at standard tenors, flat-forward between vertices as
 * analytics/curve_store.h rebuilds it), and the history of one tenor.
 */
#include <string.h>

#include "analytics/curve_store.h"
#include "api/handlers.h"
#include "core/alloc.h"
#include "store/repo_curves.h"

int mf_api_list_curves(const mf_api_request *req, mf_api_response *resp)
{
    mf_curve_summary *rows = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_repo_curve_list(req->store, &rows, &n, &err) != 0)
        return mf_api_store_problem(resp, &err);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:s, s:o, s:o, s:I}", "code", rows[i].code,
                                               "first_date", mf_api_json_date(rows[i].first),
                                               "last_date", mf_api_json_date(rows[i].last), "dates",
                                               (json_int_t)rows[i].dates));
    mf_free(rows);
    resp->cacheable = true;
    return mf_api_json(resp, 200, json_pack("{s:o}", "items", items));
}

/* The path's {code}, checked; -1 after a 400 problem. */
static int curve_code(const mf_api_request *req, mf_api_response *resp, const char **code)
{
    *code = mf_api_param(req, "code");
    size_t n = strlen(*code);
    for (size_t i = 0; i < n; i++) {
        char c = (*code)[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-'))
            return mf_api_problem(resp, 400, "Bad Request",
                                  "path parameter 'code' = '%.64s': expected letters, digits, "
                                  "'_', '.' or '-'",
                                  *code),
                   -1;
    }
    return n > 0 && n < MF_CURVE_CODE_MAX ? 0
                                          : (mf_api_problem(resp, 400, "Bad Request",
                                                            "path parameter 'code': 1 to 63 "
                                                            "characters"),
                                             -1);
}

/* Standard tenors in business days (bus/252 curves) or calendar days (the others). */
static const struct {
    const char *label;
    int bd, cd;
} tenors[] = {{"1M", 21, 30},      {"3M", 63, 91},      {"6M", 126, 182},    {"1Y", 252, 365},
              {"2Y", 504, 730},    {"3Y", 756, 1095},   {"5Y", 1260, 1826},  {"7Y", 1764, 2556},
              {"10Y", 2520, 3652}, {"20Y", 5040, 7305}, {"30Y", 7560, 10957}};

int mf_api_get_curve(const mf_api_request *req, mf_api_response *resp)
{
    const char *code;
    mf_date date;
    if (curve_code(req, resp, &code) != 0 ||
        mf_api_query_date(req, resp, "date", MF_DATE_MIN, &date))
        return 0;
    if (date == MF_DATE_MIN)
        return mf_api_problem(resp, 400, "Bad Request", "query parameter 'date' is required");
    mf_curve_head head;
    mf_curve_vertex *v = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_repo_curve_get(req->store, code, date, &head, &v, &n, &err) != 0)
        return mf_api_store_problem(resp, &err);
    json_t *nodes = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            nodes, json_pack("{s:i, s:i, s:o, s:o, s:o}", "tenor_bd", v[i].tenor_bd, "tenor_cd",
                             v[i].tenor_cd, "maturity", mf_api_json_date(v[i].maturity),
                             "zero_rate_pct", mf_api_json_number(v[i].zero_rate_pct),
                             "discount_factor", mf_api_json_number(v[i].discount_factor)));
    mf_free(v);
    bool bus = strcmp(head.day_count, "bus/252") == 0;
    json_t *std = json_array();
    for (size_t i = 0; i < sizeof tenors / sizeof tenors[0]; i++) {
        mf_curve_point *p = NULL;
        size_t np = 0;
        int days = bus ? tenors[i].bd : tenors[i].cd;
        if (mf_curve_history_days(req->store, code, bus ? MF_CURVE_TENOR_BD : MF_CURVE_TENOR_CD,
                                  days, date, date, &p, &np, &err) != 0 ||
            np != 1) {
            mf_free(p);
            continue; /* conventions the rebuild does not know: nodes only */
        }
        json_array_append_new(
            std, json_pack("{s:s, s:i, s:o, s:o, s:s}", "tenor", tenors[i].label,
                           bus ? "tenor_bd" : "tenor_cd", days, "zero_rate_pct",
                           mf_api_json_number(p[0].zero_rate_pct), "discount_factor",
                           mf_api_json_number(p[0].discount_factor), "kind",
                           p[0].kind == MF_CURVE_POINT_VERTEX         ? "vertex"
                           : p[0].kind == MF_CURVE_POINT_INTERPOLATED ? "interpolated"
                                                                      : "extrapolated"));
        mf_free(p);
    }
    resp->cacheable = true;
    return mf_api_json(resp, 200,
                       json_pack("{s:s, s:o, s:s, s:s, s:s, s:o, s:o}", "code", head.code, "date",
                                 mf_api_json_date(head.date), "day_count", head.day_count,
                                 "compounding", head.compounding, "source", head.source, "nodes",
                                 nodes, "standard_tenors", std));
}

int mf_api_get_curve_history(const mf_api_request *req, mf_api_response *resp)
{
    const char *code;
    mf_date from, to;
    long tenor_bd, tenor_cd;
    if (curve_code(req, resp, &code) != 0 ||
        mf_api_query_date(req, resp, "from", MF_DATE_MIN, &from) ||
        mf_api_query_date(req, resp, "to", MF_DATE_MAX, &to) ||
        mf_api_query_int(req, resp, "tenor_bd", 0, 1, 30000, &tenor_bd) ||
        mf_api_query_int(req, resp, "tenor_days", 0, 1, 40000, &tenor_cd))
        return 0;
    if ((tenor_bd == 0) == (tenor_cd == 0))
        return mf_api_problem(resp, 400, "Bad Request",
                              "give one of the query parameters 'tenor_bd' or 'tenor_days'");
    mf_curve_point *p = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_curve_history_days(req->store, code, tenor_bd ? MF_CURVE_TENOR_BD : MF_CURVE_TENOR_CD,
                              (int32_t)(tenor_bd ? tenor_bd : tenor_cd), from, to, &p, &n,
                              &err) != 0)
        return err.code == MF_EUNSUPPORTED ? mf_api_problem(resp, 400, "Bad Request", "%s", err.msg)
                                           : mf_api_store_problem(resp, &err);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            items, json_pack("{s:o, s:o, s:o}", "date", mf_api_json_date(p[i].curve_date),
                             "zero_rate_pct", mf_api_json_number(p[i].zero_rate_pct),
                             "discount_factor", mf_api_json_number(p[i].discount_factor)));
    mf_free(p);
    resp->cacheable = true;
    return mf_api_json(resp, 200, json_pack("{s:s, s:o}", "code", code, "history", items));
}
