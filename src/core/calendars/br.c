/*
 * br.c - Brazil national holidays as published by ANBIMA (the settlement calendar of the
 * Brazilian fixed-income market: du counts for DI1, LTN, NTN-F, NTN-B use it).
 *
 * Federal law fixes the civil holidays (Law 662/1949, Law 6.802/1980 for 12 October,
 * Law 10.607/2002); Carnival, Good Friday and Corpus Christi are moveable feasts that ANBIMA
 * adopts; 20 November (Dia Nacional de Zumbi e da Consciencia Negra) is national from 2024
 * (Law 14.759 of 21 December 2023).
 */
#include "core/calendars/calendar_int.h"

static size_t br_holidays(int year, mf_holiday *out)
{
    mf_date easter = mf__calendar_easter(year);
    size_t n = 0;
    out[n++] = (mf_holiday){mf_date_ymd(year, 1, 1), "New Year's Day"};
    out[n++] = (mf_holiday){easter - 48, "Carnival Monday"};
    out[n++] = (mf_holiday){easter - 47, "Carnival Tuesday"};
    out[n++] = (mf_holiday){easter - 2, "Good Friday"};
    out[n++] = (mf_holiday){mf_date_ymd(year, 4, 21), "Tiradentes"};
    out[n++] = (mf_holiday){mf_date_ymd(year, 5, 1), "Labour Day"};
    out[n++] = (mf_holiday){easter + 60, "Corpus Christi"};
    out[n++] = (mf_holiday){mf_date_ymd(year, 9, 7), "Independence Day"};
    out[n++] = (mf_holiday){mf_date_ymd(year, 10, 12), "Our Lady of Aparecida"};
    out[n++] = (mf_holiday){mf_date_ymd(year, 11, 2), "All Souls' Day"};
    out[n++] = (mf_holiday){mf_date_ymd(year, 11, 15), "Republic Proclamation Day"};
    if (year >= 2024)
        out[n++] = (mf_holiday){mf_date_ymd(year, 11, 20), "Black Consciousness Day"};
    out[n++] = (mf_holiday){mf_date_ymd(year, 12, 25), "Christmas Day"};
    return n;
}

const mf__calendar_rules mf__calendar_br = {
    .about = {.name = "br",
              .description = "Brazil national holidays (ANBIMA): fixed-income settlement, du "
                             "counts"},
    .holidays_of_year = br_holidays,
};
