/* stn.c - placeholder, replaced below */
#include "data/connectors_int.h"
const mf_connector mf_conn_stn = {.name = "stn"};
