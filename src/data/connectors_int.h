/*
 * connectors_int.h - the connectors' definitions, one extern per source, for the registry in
 * connectors.c (private to src/data).
 */
#ifndef MF_DATA_CONNECTORS_INT_H
#define MF_DATA_CONNECTORS_INT_H

#include "data/connector.h"

#endif
