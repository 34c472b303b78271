/*
 * meetings.h - the simulated calendars of monetary-policy meetings: eight FOMC and eight
 * COPOM decisions a year, on the Wednesdays the real committees use by pattern.
 *
 * Exports: mf_sim_bank, MF_SIM_MEETINGS_PER_YEAR, mf_sim_meetings().
 *
 * Decisions are announced after the market closes on the meeting's last day (a Wednesday) and
 * take effect on the next business day of the bank's calendar; the world changes its policy
 * rate on that day. The pattern (nth or last Wednesday of the month) follows the published
 * 2024 calendars: FOMC Jan (last), Mar (3rd), May (1st), Jun (2nd), Jul (last), Sep (3rd),
 * Nov (1st), Dec (3rd); COPOM Jan (last), Mar (3rd), May (2nd), Jun (3rd), Jul (last),
 * Sep (3rd), Nov (1st), Dec (2nd). A Wednesday that is a holiday moves to the business day
 * before it. These are the simulation's dates, not the historical ones.
 */
#ifndef MF_SIM_MEETINGS_H
#define MF_SIM_MEETINGS_H

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"

typedef enum mf_sim_bank { MF_SIM_FOMC, MF_SIM_COPOM } mf_sim_bank;

#define MF_SIM_MEETINGS_PER_YEAR 8

/*
 * The decision dates of bank in year, in order, into out (cal: "us-gov" for the FOMC, "br" for
 * the COPOM). MF_ERANGE when the year is outside the calendar.
 */
int mf_sim_meetings(mf_sim_bank bank, int year, const mf_calendar *cal,
                    mf_date out[MF_SIM_MEETINGS_PER_YEAR], mf_error *err);

#endif
