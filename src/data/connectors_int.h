/*
 * connectors_int.h - the connectors' definitions, one extern per source, for the registry in
 * connectors.c (private to src/data).
 */
#ifndef MF_DATA_CONNECTORS_INT_H
#define MF_DATA_CONNECTORS_INT_H

#include "data/connector.h"

extern const mf_connector mf_conn_bcb_sgs;
extern const mf_connector mf_conn_bcb_ptax;
extern const mf_connector mf_conn_bcb_focus;
extern const mf_connector mf_conn_bcb_fx_flow;
extern const mf_connector mf_conn_ibge_sidra;
extern const mf_connector mf_conn_fred;
extern const mf_connector mf_conn_yahoo;
extern const mf_connector mf_conn_cftc;
extern const mf_connector mf_conn_ust;
extern const mf_connector mf_conn_b3;
extern const mf_connector mf_conn_tesouro_direto;
extern const mf_connector mf_conn_stn;

#endif
