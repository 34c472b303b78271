/*
 * meetings.c - FOMC and COPOM decision dates by rule (sim/meetings.h).
 */
#include "sim/meetings.h"

/* Month and which Wednesday (1..4, or -1 for the last) of each meeting. */
typedef struct rule {
    int month, nth;
} rule;

static const rule fomc[MF_SIM_MEETINGS_PER_YEAR] = {{1, -1}, {3, 3}, {5, 1},  {6, 2},
                                                    {7, -1}, {9, 3}, {11, 1}, {12, 3}};
static const rule copom[MF_SIM_MEETINGS_PER_YEAR] = {{1, -1}, {3, 3}, {5, 2},  {6, 3},
                                                     {7, -1}, {9, 3}, {11, 1}, {12, 2}};

static mf_date nth_wednesday(int year, int month, int nth)
{
    if (nth > 0) {
        mf_date first = mf_date_ymd(year, month, 1);
        int shift = ((int)MF_WEDNESDAY - (int)mf_date_weekday(first) + 7) % 7;
        return first + shift + 7 * (nth - 1);
    }
    mf_date last = mf_date_month_end(mf_date_ymd(year, month, 1));
    int back = ((int)mf_date_weekday(last) - (int)MF_WEDNESDAY + 7) % 7;
    return last - back;
}

int mf_sim_meetings(mf_sim_bank bank, int year, const mf_calendar *cal,
                    mf_date out[MF_SIM_MEETINGS_PER_YEAR], mf_error *err)
{
    const rule *r = bank == MF_SIM_FOMC ? fomc : copom;
    mf_date tmp[MF_SIM_MEETINGS_PER_YEAR];
    for (int i = 0; i < MF_SIM_MEETINGS_PER_YEAR; i++) {
        mf_date d = nth_wednesday(year, r[i].month, r[i].nth);
        int rc = mf_calendar_adjust(cal, d, MF_BDC_PRECEDING, &tmp[i], err);
        if (rc != 0)
            return rc;
    }
    for (int i = 0; i < MF_SIM_MEETINGS_PER_YEAR; i++)
        out[i] = tmp[i];
    return 0;
}
