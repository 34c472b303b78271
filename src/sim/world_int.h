/*
 * world_int.h - inside the simulated world (private to src/sim): the variable table, the
 * world's arrays, and the block functions that fill them.
 *
 * Exports (to the .c files of src/sim only): MF_SIM_VARS (one line per world variable: id, key,
 * kind, calendar, frequency), sim_var, sim_kind, sim_cal, sim_vars[], sim_state (hidden daily
 * states), sim_mvar (monthly truths), sim_rel, sim_di1, sim_bond_def, sim_bond_px, the
 * mf_sim_world struct, sim_gen (the generation context) and the blocks: sim_global_day(),
 * sim_us_month(), sim_us_day(), sim_br_month(), sim_br_day(), sim_em_day(), sim_markets_build(),
 * sim_releases_build(), sim_release_date(), sim_rel_push(), sim_grid_lower().
 *
 * Layout: a grid of every weekday from MF_SIM_START to the world's end date (index t);
 * daily variables are arrays over the grid, NaN on days their country's calendar is closed;
 * monthly truths are arrays over months (index m, 0 = January 2005); everything published
 * with a lag (monthly and quarterly data and their revisions, weekly surveys, CFTC, rating
 * actions, FX flows) is a list of release rows (variable, obs_date, available_at, value);
 * DI1 settlements and bond prices are lists of (day, instrument, rate or yield, price).
 */
#ifndef MF_SIM_WORLD_INT_H
#define MF_SIM_WORLD_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"
#include "sim/rng.h"
#include "sim/shocks.h"
#include "sim/world.h"

typedef enum sim_kind {
    SIM_DAILY, /* an observation every open day, available the same day (MF_CONN_OBS) */
    SIM_PRICE, /* an instrument's OHLC every open day (MF_CONN_PRICE) */
    SIM_REL    /* release rows with their own obs_date and available_at (MF_CONN_OBS) */
} sim_kind;

typedef enum sim_cal { SIM_CAL_BR, SIM_CAL_US, SIM_CAL_WD, SIM_CAL_COUNT } sim_cal;

/* X(id, key, kind, calendar): the variables of the world; the key is the source_key. */
#define MF_SIM_VARS(X)                                                                             \
    X(GLOBAL_REGIME, "GLOBAL.RISK_REGIME", SIM_DAILY, SIM_CAL_WD)                                  \
    X(US_FFR, "US.FED_FUNDS_TARGET_PCT", SIM_DAILY, SIM_CAL_US)                                    \
    X(US_EFFR, "US.EFFR_PCT", SIM_DAILY, SIM_CAL_US)                                               \
    X(UST_3M, "US.UST_PAR_3M_PCT", SIM_DAILY, SIM_CAL_US)                                          \
    X(UST_6M, "US.UST_PAR_6M_PCT", SIM_DAILY, SIM_CAL_US)                                          \
    X(UST_1Y, "US.UST_PAR_1Y_PCT", SIM_DAILY, SIM_CAL_US)                                          \
    X(UST_2Y, "US.UST_PAR_2Y_PCT", SIM_DAILY, SIM_CAL_US)                                          \
    X(UST_3Y, "US.UST_PAR_3Y_PCT", SIM_DAILY, SIM_CAL_US)                                          \
    X(UST_5Y, "US.UST_PAR_5Y_PCT", SIM_DAILY, SIM_CAL_US)                                          \
    X(UST_7Y, "US.UST_PAR_7Y_PCT", SIM_DAILY, SIM_CAL_US)                                          \
    X(UST_10Y, "US.UST_PAR_10Y_PCT", SIM_DAILY, SIM_CAL_US)                                        \
    X(UST_20Y, "US.UST_PAR_20Y_PCT", SIM_DAILY, SIM_CAL_US)                                        \
    X(UST_30Y, "US.UST_PAR_30Y_PCT", SIM_DAILY, SIM_CAL_US)                                        \
    X(TIPS_5Y, "US.TIPS_REAL_5Y_PCT", SIM_DAILY, SIM_CAL_US)                                       \
    X(TIPS_10Y, "US.TIPS_REAL_10Y_PCT", SIM_DAILY, SIM_CAL_US)                                     \
    X(TIPS_30Y, "US.TIPS_REAL_30Y_PCT", SIM_DAILY, SIM_CAL_US)                                     \
    X(US_BE_5Y, "US.BREAKEVEN_5Y_PCT", SIM_DAILY, SIM_CAL_US)                                      \
    X(US_BE_10Y, "US.BREAKEVEN_10Y_PCT", SIM_DAILY, SIM_CAL_US)                                    \
    X(US_BE_30Y, "US.BREAKEVEN_30Y_PCT", SIM_DAILY, SIM_CAL_US)                                    \
    X(DXY, "DXY", SIM_PRICE, SIM_CAL_US)                                                           \
    X(SPX, "SPX", SIM_PRICE, SIM_CAL_US)                                                           \
    X(VIX, "VIX", SIM_PRICE, SIM_CAL_US)                                                           \
    X(BRENT, "BRENT", SIM_PRICE, SIM_CAL_US)                                                       \
    X(WTI, "WTI", SIM_PRICE, SIM_CAL_US)                                                           \
    X(GOLD, "GOLD", SIM_PRICE, SIM_CAL_US)                                                         \
    X(COPPER, "COPPER", SIM_PRICE, SIM_CAL_US)                                                     \
    X(SOYBEAN, "SOYBEAN", SIM_PRICE, SIM_CAL_US)                                                   \
    X(IRON_ORE, "IRON_ORE", SIM_PRICE, SIM_CAL_US)                                                 \
    X(US_CPI, "US.CPI_INDEX", SIM_REL, SIM_CAL_US)                                                 \
    X(US_CORE_CPI, "US.CPI_CORE_INDEX", SIM_REL, SIM_CAL_US)                                       \
    X(US_UNEMP, "US.UNEMPLOYMENT_PCT", SIM_REL, SIM_CAL_US)                                        \
    X(US_PAYROLLS, "US.PAYROLLS_K", SIM_REL, SIM_CAL_US)                                           \
    X(US_GDP, "US.GDP_REAL_BN_USD", SIM_REL, SIM_CAL_US)                                           \
    X(CFTC_BRL, "US.CFTC_BRL_NET_CONTRACTS", SIM_REL, SIM_CAL_US)                                  \
    X(CFTC_UST10Y, "US.CFTC_UST10Y_NET_CONTRACTS", SIM_REL, SIM_CAL_US)                            \
    X(CFTC_SPX, "US.CFTC_SPX_NET_CONTRACTS", SIM_REL, SIM_CAL_US)                                  \
    X(CFTC_DXY, "US.CFTC_DXY_NET_CONTRACTS", SIM_REL, SIM_CAL_US)                                  \
    X(BR_SELIC, "BR.SELIC_TARGET_PCT", SIM_DAILY, SIM_CAL_BR)                                      \
    X(BR_CDI, "BR.CDI_PCT", SIM_DAILY, SIM_CAL_BR)                                                 \
    X(BR_DI_1Y, "BR.DI_PRE_1Y_PCT", SIM_DAILY, SIM_CAL_BR)                                         \
    X(BR_DI_2Y, "BR.DI_PRE_2Y_PCT", SIM_DAILY, SIM_CAL_BR)                                         \
    X(BR_DI_5Y, "BR.DI_PRE_5Y_PCT", SIM_DAILY, SIM_CAL_BR)                                         \
    X(BR_REAL_5Y, "BR.NTNB_REAL_5Y_PCT", SIM_DAILY, SIM_CAL_BR)                                    \
    X(BR_REAL_10Y, "BR.NTNB_REAL_10Y_PCT", SIM_DAILY, SIM_CAL_BR)                                  \
    X(BR_CDS, "BR.CDS_5Y_BP", SIM_DAILY, SIM_CAL_BR)                                               \
    X(BR_VNA, "BR.NTNB_VNA_BRL", SIM_DAILY, SIM_CAL_BR)                                            \
    X(VOL_ATM_1M, "BR.USDBRL_VOL_ATM_1M_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_ATM_3M, "BR.USDBRL_VOL_ATM_3M_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_ATM_6M, "BR.USDBRL_VOL_ATM_6M_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_ATM_1Y, "BR.USDBRL_VOL_ATM_1Y_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_RR_1M, "BR.USDBRL_VOL_RR25_1M_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_RR_3M, "BR.USDBRL_VOL_RR25_3M_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_RR_6M, "BR.USDBRL_VOL_RR25_6M_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_RR_1Y, "BR.USDBRL_VOL_RR25_1Y_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_BF_1M, "BR.USDBRL_VOL_BF25_1M_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_BF_3M, "BR.USDBRL_VOL_BF25_3M_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_BF_6M, "BR.USDBRL_VOL_BF25_6M_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(VOL_BF_1Y, "BR.USDBRL_VOL_BF25_1Y_PCT", SIM_DAILY, SIM_CAL_BR)                               \
    X(USDBRL, "USDBRL", SIM_PRICE, SIM_CAL_BR)                                                     \
    X(IBOV, "IBOV", SIM_PRICE, SIM_CAL_BR)                                                         \
    X(BR_FLOW_COM, "BR.FX_FLOW_COMMERCIAL_USD_MN", SIM_REL, SIM_CAL_BR)                            \
    X(BR_FLOW_FIN, "BR.FX_FLOW_FINANCIAL_USD_MN", SIM_REL, SIM_CAL_BR)                             \
    X(IPCA_MOM, "BR.IPCA_MOM_PCT", SIM_REL, SIM_CAL_BR)                                            \
    X(IPCA_12M, "BR.IPCA_12M_PCT", SIM_REL, SIM_CAL_BR)                                            \
    X(IPCA_INDEX, "BR.IPCA_INDEX", SIM_REL, SIM_CAL_BR)                                            \
    X(IPCA_FOOD, "BR.IPCA_FOOD_MOM_PCT", SIM_REL, SIM_CAL_BR)                                      \
    X(IPCA_SERVICES, "BR.IPCA_SERVICES_MOM_PCT", SIM_REL, SIM_CAL_BR)                              \
    X(IPCA_INDUSTRIAL, "BR.IPCA_INDUSTRIAL_MOM_PCT", SIM_REL, SIM_CAL_BR)                          \
    X(IPCA_ADMIN, "BR.IPCA_ADMINISTERED_MOM_PCT", SIM_REL, SIM_CAL_BR)                             \
    X(IPCA_CORE_EX, "BR.IPCA_CORE_EX_MOM_PCT", SIM_REL, SIM_CAL_BR)                                \
    X(IPCA_CORE_TM, "BR.IPCA_CORE_TRIMMED_MOM_PCT", SIM_REL, SIM_CAL_BR)                           \
    X(IGPM_MOM, "BR.IGPM_MOM_PCT", SIM_REL, SIM_CAL_BR)                                            \
    X(IBCBR, "BR.IBCBR_INDEX", SIM_REL, SIM_CAL_BR)                                                \
    X(BR_UNEMP, "BR.UNEMPLOYMENT_PCT", SIM_REL, SIM_CAL_BR)                                        \
    X(BR_PRIMARY, "BR.PRIMARY_BALANCE_12M_GDP_PCT", SIM_REL, SIM_CAL_BR)                           \
    X(BR_DEBT, "BR.GROSS_DEBT_GDP_PCT", SIM_REL, SIM_CAL_BR)                                       \
    X(FOCUS_IPCA_CY, "BR.FOCUS_IPCA_CY_MEDIAN_PCT", SIM_REL, SIM_CAL_BR)                           \
    X(FOCUS_IPCA_NY, "BR.FOCUS_IPCA_NY_MEDIAN_PCT", SIM_REL, SIM_CAL_BR)                           \
    X(FOCUS_IPCA_12M, "BR.FOCUS_IPCA_12M_MEDIAN_PCT", SIM_REL, SIM_CAL_BR)                         \
    X(FOCUS_SELIC_CY, "BR.FOCUS_SELIC_CY_END_MEDIAN_PCT", SIM_REL, SIM_CAL_BR)                     \
    X(FOCUS_SELIC_NY, "BR.FOCUS_SELIC_NY_END_MEDIAN_PCT", SIM_REL, SIM_CAL_BR)                     \
    X(FOCUS_USDBRL_CY, "BR.FOCUS_USDBRL_CY_END_MEDIAN", SIM_REL, SIM_CAL_BR)                       \
    X(FOCUS_GDP_CY, "BR.FOCUS_GDP_CY_MEDIAN_PCT", SIM_REL, SIM_CAL_BR)                             \
    X(MX_CDS, "MX.CDS_5Y_BP", SIM_DAILY, SIM_CAL_WD)                                               \
    X(CO_CDS, "CO.CDS_5Y_BP", SIM_DAILY, SIM_CAL_WD)                                               \
    X(CL_CDS, "CL.CDS_5Y_BP", SIM_DAILY, SIM_CAL_WD)                                               \
    X(PE_CDS, "PE.CDS_5Y_BP", SIM_DAILY, SIM_CAL_WD)                                               \
    X(ZA_CDS, "ZA.CDS_5Y_BP", SIM_DAILY, SIM_CAL_WD)                                               \
    X(TR_CDS, "TR.CDS_5Y_BP", SIM_DAILY, SIM_CAL_WD)                                               \
    X(USDMXN, "USDMXN", SIM_PRICE, SIM_CAL_WD)                                                     \
    X(USDCOP, "USDCOP", SIM_PRICE, SIM_CAL_WD)                                                     \
    X(USDCLP, "USDCLP", SIM_PRICE, SIM_CAL_WD)                                                     \
    X(USDPEN, "USDPEN", SIM_PRICE, SIM_CAL_WD)                                                     \
    X(USDZAR, "USDZAR", SIM_PRICE, SIM_CAL_WD)                                                     \
    X(USDTRY, "USDTRY", SIM_PRICE, SIM_CAL_WD)                                                     \
    X(RATING_BR_SP, "BR.RATING_SP", SIM_REL, SIM_CAL_WD)                                           \
    X(RATING_BR_MOODYS, "BR.RATING_MOODYS", SIM_REL, SIM_CAL_WD)                                   \
    X(RATING_BR_FITCH, "BR.RATING_FITCH", SIM_REL, SIM_CAL_WD)                                     \
    X(RATING_MX_SP, "MX.RATING_SP", SIM_REL, SIM_CAL_WD)                                           \
    X(RATING_MX_MOODYS, "MX.RATING_MOODYS", SIM_REL, SIM_CAL_WD)                                   \
    X(RATING_MX_FITCH, "MX.RATING_FITCH", SIM_REL, SIM_CAL_WD)                                     \
    X(RATING_CO_SP, "CO.RATING_SP", SIM_REL, SIM_CAL_WD)                                           \
    X(RATING_CO_MOODYS, "CO.RATING_MOODYS", SIM_REL, SIM_CAL_WD)                                   \
    X(RATING_CO_FITCH, "CO.RATING_FITCH", SIM_REL, SIM_CAL_WD)                                     \
    X(RATING_CL_SP, "CL.RATING_SP", SIM_REL, SIM_CAL_WD)                                           \
    X(RATING_CL_MOODYS, "CL.RATING_MOODYS", SIM_REL, SIM_CAL_WD)                                   \
    X(RATING_CL_FITCH, "CL.RATING_FITCH", SIM_REL, SIM_CAL_WD)                                     \
    X(RATING_PE_SP, "PE.RATING_SP", SIM_REL, SIM_CAL_WD)                                           \
    X(RATING_PE_MOODYS, "PE.RATING_MOODYS", SIM_REL, SIM_CAL_WD)                                   \
    X(RATING_PE_FITCH, "PE.RATING_FITCH", SIM_REL, SIM_CAL_WD)                                     \
    X(RATING_ZA_SP, "ZA.RATING_SP", SIM_REL, SIM_CAL_WD)                                           \
    X(RATING_ZA_MOODYS, "ZA.RATING_MOODYS", SIM_REL, SIM_CAL_WD)                                   \
    X(RATING_ZA_FITCH, "ZA.RATING_FITCH", SIM_REL, SIM_CAL_WD)                                     \
    X(RATING_TR_SP, "TR.RATING_SP", SIM_REL, SIM_CAL_WD)                                           \
    X(RATING_TR_MOODYS, "TR.RATING_MOODYS", SIM_REL, SIM_CAL_WD)                                   \
    X(RATING_TR_FITCH, "TR.RATING_FITCH", SIM_REL, SIM_CAL_WD)

#define SIM_ID(id, key, kind, cal) SIM_V_##id,
typedef enum sim_var { MF_SIM_VARS(SIM_ID) SIM_V_COUNT } sim_var;
#undef SIM_ID

typedef struct sim_var_info {
    const char *key;
    sim_kind kind;
    sim_cal cal;
} sim_var_info;

extern const sim_var_info sim_vars[SIM_V_COUNT];

/* Hidden daily states other blocks (and the curve builders) read. */
typedef enum sim_state {
    SIM_S_STRESS,    /* smoothed stress intensity 0..1 */
    SIM_S_ZG,        /* the day's global risk-off shock (unit variance, > 0 risk-off) */
    SIM_S_US_STAR,   /* the US policy rule's target rate, % */
    SIM_S_US_LR,     /* the market's long-run US short rate, % */
    SIM_S_US_TP,     /* US 10-year term premium level, % */
    SIM_S_US_CURV,   /* US curvature factor, % */
    SIM_S_US_PIE,    /* US long-run inflation expectation, % */
    SIM_S_BR_STAR,   /* the COPOM reaction function's target, % */
    SIM_S_BR_TERM,   /* the market's terminal Selic of the current cycle, % */
    SIM_S_BR_LR,     /* the market's long-run Selic, % */
    SIM_S_BR_TP,     /* DI term premium level, % */
    SIM_S_BR_PIE,    /* inflation expected 12 months ahead, % (Focus 12m) */
    SIM_S_BR_FX_VOL, /* conditional annualised USD/BRL volatility, % */
    SIM_S_BR_TOT,    /* terms-of-trade log index */
    SIM_S_US_PIE_BE, /* the breakeven inflation-surprise component, % */
    SIM_S_COUNT
} sim_state;

/* Monthly truths (m = 0 is January 2005); quarterly GDP sits at the quarter's first month. */
typedef enum sim_mvar {
    SIM_M_STRESS,     /* share of the month's days in stress */
    SIM_M_FX_CHG,     /* USD/BRL log change over the month */
    SIM_M_COMMOD_CHG, /* commodity basket log change over the month */
    SIM_M_OIL_CHG,    /* Brent log change over the month */
    SIM_M_US_GAP,
    SIM_M_US_TREND,    /* US core inflation trend, % a year */
    SIM_M_US_CORE_MOM, /* % */
    SIM_M_US_HEAD_MOM, /* % */
    SIM_M_US_HEAD_EXP, /* the headline m/m the market expected, % */
    SIM_M_US_CPI,
    SIM_M_US_CORE,
    SIM_M_US_UNEMP,
    SIM_M_US_PAYROLLS,
    SIM_M_US_GDP,
    SIM_M_BR_GAP,
    SIM_M_BR_TARGET, /* inflation target, % */
    SIM_M_BR_TREND,  /* IPCA trend, % a year */
    SIM_M_IPCA,
    SIM_M_IPCA_FOOD,
    SIM_M_IPCA_SERV,
    SIM_M_IPCA_IND,
    SIM_M_IPCA_ADM,
    SIM_M_IPCA_CORE_EX,
    SIM_M_IPCA_CORE_TM,
    SIM_M_IPCA_IDX,
    SIM_M_IPCA_12M,
    SIM_M_IGPM,
    SIM_M_IBC,
    SIM_M_BR_UNEMP,
    SIM_M_BR_PRIMARY,
    SIM_M_BR_DEBT,
    SIM_M_COUNT
} sim_mvar;

/* A published value: obs_date, first public day, value. */
typedef struct sim_rel {
    int32_t var;
    mf_date obs, avail;
    double value;
} sim_rel;

/* One DI1 settlement: trade day, maturity, rate % a year BUS/252, open interest. */
typedef struct sim_di1 {
    mf_date day, maturity;
    double rate_pct, open_interest;
} sim_di1;

/* A simulated government bond: LTN, NTN-F or NTN-B with its maturity and first trade day. */
typedef struct sim_bond_def {
    int kind; /* mf_br_bond */
    mf_date maturity, first;
    char key[24]; /* "LTN-20270101" */
} sim_bond_def;

/* One bond price: day, bond index, yield % a year BUS/252, PU BRL. */
typedef struct sim_bond_px {
    mf_date day;
    int32_t bond;
    double yield_pct, pu_brl;
} sim_bond_px;

#define MF_SIM_START_YEAR 2005
#define SIM_MEETINGS_MAX  512

struct mf_sim_world {
    uint64_t seed;
    mf_date start, end;
    const mf_calendar *cal[SIM_CAL_COUNT]; /* borrowed; [SIM_CAL_WD] NULL: weekdays */
    int32_t nd;                            /* days on the grid */
    mf_date *day;                          /* [nd] */
    uint8_t *open[SIM_CAL_COUNT];          /* [nd] 1 on business days */
    int32_t *month_of;                     /* [nd] month index of each day */
    double *v[SIM_V_COUNT];                /* [nd] daily values (SIM_DAILY, SIM_PRICE close) */
    double *open_px[SIM_V_COUNT], *high_px[SIM_V_COUNT], *low_px[SIM_V_COUNT]; /* SIM_PRICE */
    double *s[SIM_S_COUNT];                                                    /* [nd] */
    int32_t nm;                                              /* months on the grid */
    double *m[SIM_M_COUNT];                                  /* [nm] */
    mf_date fomc[SIM_MEETINGS_MAX], copom[SIM_MEETINGS_MAX]; /* decision days */
    size_t n_fomc, n_copom;
    sim_rel *rel;
    size_t n_rel, cap_rel;
    size_t rel_first[SIM_V_COUNT + 1]; /* rows of var v: rel[rel_first[v] .. rel_first[v+1]) */
    sim_di1 *di1;
    size_t n_di1, cap_di1;
    sim_bond_def *bonds;
    size_t n_bonds;
    sim_bond_px *bond_px;
    size_t n_bond_px, cap_bond_px;
};

/* What the daily loop carries between days and blocks; freed after generation. */
typedef struct sim_gen {
    mf_sim_world *w;
    mf_sim_rng rng_global, rng_us, rng_br, rng_em, rng_rel;
    mf_sim_regime regime;
    mf_sim_garch g_spx, g_dxy, g_oil, g_gold, g_copper, g_soy, g_iron, g_brl, g_ibov, g_cds;
    mf_sim_garch g_em[6];
    double us_rate, br_rate;       /* policy rates in force, % */
    double us_pending, br_pending; /* decided, effective next business day (NaN: none) */
    double br_fair;                /* log fair USD/BRL */
    int rating[7][3];
    int32_t rating_moved_month[7][3]; /* month of an agency's last action, -99 none */
    int rating_moved_dir[7][3];       /* its direction: +1 upgrade, -1 downgrade */
    double vix_noise, ust_noise[10];
    int32_t t0_cur, t0_prev;        /* first day of the current and of the previous month */
    size_t i_fomc, i_copom;         /* the next meeting not yet decided */
    mf_date us_meeting, br_meeting; /* the day of the decision pending */
    int32_t next_cpi_month;         /* the CPI release the breakevens wait for */
    double us_nu, br_nu, us_tp, us_curv, us_pie, us_be_s, br_tp, br_lr_noise, br_pie_noise;
    double br_pie_month, vol_noise, wti_spread;
    double last_tot;
} sim_gen;

/* Sets instrument v's close on day t and an open, high and low around it (sigma: the day's
 * return standard deviation). */
void sim_price_set(sim_gen *g, mf_sim_rng *rng, int v, int32_t t, double close, double sigma);

/* Appends a release row. */
void sim_rel_push(mf_sim_world *w, int var, mf_date obs, mf_date avail, double value);

/* The first public day of vintage (0 first print, 1 and 2 revisions) of var's observation for
 * the period starting on obs (the month's or quarter's first day; the Tuesday for CFTC, the
 * survey Friday for Focus, the day for FX flows). */
mf_date sim_release_date(const mf_sim_world *w, int var, mf_date obs, int vintage);

/* Fixed regime and global factor of day t. */
void sim_global_day(sim_gen *g, int32_t t);
/* Month m's US macro truths (from the markets up to the end of m-1); US daily markets. */
void sim_us_month(sim_gen *g, int32_t m);
void sim_us_day(sim_gen *g, int32_t t);
/* Brazil's month and day. */
void sim_br_month(sim_gen *g, int32_t m);
void sim_br_day(sim_gen *g, int32_t t);
/* Emerging-market peers (CDS, FX, rating actions). */
void sim_em_day(sim_gen *g, int32_t t);
/* DI1 contracts, constant-maturity DI and real yields, NTN-B VNA, LTN/NTN-F/NTN-B prices. */
int sim_markets_build(mf_sim_world *w, mf_error *err);
/* Monthly releases and revisions, Focus vintages, CFTC, FX flows. */
void sim_releases_build(sim_gen *g);

/* Helpers shared by the blocks. */
double sim_clamp(double x, double lo, double hi);
/* x rounded to a whole number of step (a power of ten, or 0.25): below 1, the double nearest
   the decimal, as a source publishes it. */
double sim_round_to(double x, double step);
/* Rounds a rate change to whole 25 bp steps. */
double sim_round_25bp(double x);
/* Years between two dates (ACT/365.25). */
double sim_years(mf_date from, mf_date to);
/* The first grid index whose day is >= d (w->nd when none; slice.c). */
int32_t sim_grid_lower(const mf_sim_world *w, mf_date d);

#endif
