/*
 * ingest_int.h - the ingestion engine's plan (private to src/data): items, their targets and
 * their grouping by source, built by ingest_plan.c and run by ingest.c.
 */
#ifndef MF_DATA_INGEST_INT_H
#define MF_DATA_INGEST_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "data/connector.h"
#include "data/ingest.h"

/* A catalogued series or instrument an item feeds. */
typedef struct ingest_target {
    bool is_series;
    int64_t id;
    char key[MF_CONN_KEY_MAX]; /* its source_key */
    char frequency;            /* series: D, W, M, Q, A */
    int lag_days;              /* series: release lag, calendar days */
    char country[8];           /* series: whose business days the release lands on */
} ingest_target;

/* One connector request and what it feeds. */
typedef struct ingest_item {
    const mf_connector *conn;
    char request[128];
    ingest_target *targets;
    size_t n_targets, cap_targets;
    bool standing; /* the connector's standing request: its price rows make instruments */
} ingest_item;

/* The items of one source: items[first .. first + n_items). */
typedef struct ingest_source {
    const mf_connector *conn;
    size_t first, n_items;
} ingest_source;

typedef struct ingest_plan {
    ingest_item *items;
    size_t n_items, cap_items;
    ingest_source *sources;
    size_t n_sources;
} ingest_plan;

/* Builds the plan for o from the catalogue in st (see mf_ingest_run() for the errors). */
int mf__ingest_plan(mf_store *st, const mf_ingest_options *o, ingest_plan *p, mf_error *err);
void mf__ingest_plan_free(ingest_plan *p);

#endif
