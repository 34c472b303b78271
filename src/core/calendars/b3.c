/*
 * b3.c - the trading calendar of B3 (Brasil, Bolsa, Balcao; formerly BM&FBovespa), Sao Paulo:
 * the days with no trading session for equities and derivatives (DI1, DOL, Ibovespa futures).
 *
 * Sources: B3's published holiday calendars (b3.com.br, "Calendario de negociacao / Feriados")
 * and its circular letters: OC 150/2020-PRE (the 2021-2022 calendar: from 2022 B3 trades on
 * the Sao Paulo city and state holidays of 25 January, 9 July and 20 November) and
 * OC 215/2023-PRE (20 November national from 2024, Law 14.759/2023).
 *
 * Rules: every national holiday of the "br" calendar (br.c), plus
 *   - 25 January, Sao Paulo city anniversary: closed until 2021;
 *   - 9 July, Sao Paulo state Constitutionalist Revolution: closed until 2021, except 2020;
 *   - 20 November, Black Consciousness (Sao Paulo municipal holiday): closed 2007..2021 except
 *     2020 (national from 2024, so closed again from then on through br.c);
 *   - 24 December, Christmas Eve;
 *   - the last weekday of the year (31 December, or the Friday before when it falls on a
 *     weekend): no trading session.
 * In 2020 Sao Paulo moved its 9 July and 20 November holidays to May (COVID-19 emergency
 * measures); B3 traded normally on the original dates and on the moved ones.
 * Ash Wednesday is a late opening (13:00), not a closure.
 */
#include "core/calendars/calendar_int.h"

static size_t b3_holidays(int year, mf_holiday *out)
{
    size_t n = mf__calendar_br.holidays_of_year(year, out);
    bool sao_paulo_holidays = year <= 2021;
    if (sao_paulo_holidays)
        out[n++] = (mf_holiday){mf_date_ymd(year, 1, 25), "Sao Paulo City Anniversary"};
    if (sao_paulo_holidays && year != 2020)
        out[n++] = (mf_holiday){mf_date_ymd(year, 7, 9), "Constitutionalist Revolution"};
    /* The city holiday (Law 13.707/2004) closed the exchange from 2007; before 2024 br.c does
       not list the day. */
    if (sao_paulo_holidays && year >= 2007 && year != 2020)
        out[n++] = (mf_holiday){mf_date_ymd(year, 11, 20), "Black Consciousness Day"};
    out[n++] = (mf_holiday){mf_date_ymd(year, 12, 24), "Christmas Eve"};
    mf_date last = mf_date_ymd(year, 12, 31);
    while (mf_date_is_weekend(last))
        last--;
    out[n++] = (mf_holiday){last, "Last Business Day of the Year"};
    return n;
}

const mf__calendar_rules mf__calendar_b3 = {
    .about = {.name = "b3",
              .description = "B3 exchange (Sao Paulo) trading days: national holidays plus B3's "
                             "own closures"},
    .holidays_of_year = b3_holidays,
};
