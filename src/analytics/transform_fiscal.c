/*
 * transform_fiscal.c - the fiscal family of the transform registry: a flow summed over a
 * year as a percentage of GDP over the same months (the primary balance over 12 months / GDP
 * of 12 months, revenue / GDP, expenditure / GDP).
 *
 * Exports: mf__tf_fiscal[] (see transform.h). O(n): two rolling sums (core/series.h).
 *
 * Units: the flow and the GDP must be in the same currency unit (BRL million for the RTN
 * and IBGE's quarterly GDP at current prices); the output is in percent of GDP, with the
 * sign of the flow (a primary surplus is positive in the RTN).
 */
#include <math.h>

#include "analytics/transform.h"
#include "core/series.h"

/*
 * 100 x (sum of the flow over the last window observations) / (sum of the GDP over the same
 * observations / den_periods). The GDP column is the engine's forward fill of the GDP series
 * on the flow's dates: with a quarterly GDP (den_periods 3), each month carries a third of
 * its quarter's GDP, so at a quarter's last month the denominator is exactly the last four
 * quarters, and in between it takes the months of the quarters it spans. Every value of both
 * windows must be present (NaN otherwise); a denominator that sums to 0 gives NaN.
 */
static int run_flow_ratio(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    size_t n = in->n;
    mf_series_view flow = {in->dates, in->x, n}, gdp = {in->dates, in->x + n, n};
    mf_series_rolling rf, rg;
    int rc = mf_series_rolling_init(&rf, flow, p->window, p->window, err);
    if (rc == 0)
        rc = mf_series_rolling_init(&rg, gdp, p->window, p->window, err);
    if (rc != 0)
        return rc;
    for (size_t i = 0; mf_series_rolling_next(&rf) && mf_series_rolling_next(&rg); i++) {
        double num = mf_series_rolling_sum(&rf), den = mf_series_rolling_sum(&rg);
        out[i] = den != 0.0 ? 100.0 * (double)p->den_periods * num / den : NAN;
    }
    return 0;
}

const mf_transform mf__tf_fiscal[] = {
    {"flow_ratio_pct",
     "100 x flow summed over window periods / GDP over the same periods (same currency unit)",
     "window den_periods",
     2,
     2,
     MF_TF_ALIGN_FFILL,
     false,
     {.window = 12, .min_periods = 12, .den_periods = 3},
     mf__tf_lookback_window,
     run_flow_ratio},
    {0},
};
