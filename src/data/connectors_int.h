/*
 * connectors_int.h - the connectors' definitions, one extern per source, for the registry in
 * connectors.c (private to src/data).
 */
#ifndef MF_DATA_CONNECTORS_INT_H
#define MF_DATA_CONNECTORS_INT_H

#include "data/connector.h"

extern const mf_connector mf_conn_b3;
extern const mf_connector mf_conn_tesouro_direto;
extern const mf_connector mf_conn_stn;

#endif
