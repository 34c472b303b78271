-- Schema v2: what the connectors need (PostgreSQL dialect; sqlite/0002 is the same schema).
-- Where an instrument's prices come from: its source and its key there (Yahoo '^BVSP').
ALTER TABLE instruments ADD COLUMN source TEXT;
ALTER TABLE instruments ADD COLUMN source_key TEXT;

-- A bond's quoted yield beside its prices (Tesouro Direto), percent a year in the bond's own
-- convention (BUS/252 for Brazilian government bonds).
ALTER TABLE market_prices ADD COLUMN yield_pct REAL;

-- How far a backfill got: per source request and requested range, the last date fetched and
-- committed, so an interrupted backfill resumes after it. A chunk's rows and its progress row
-- are written in the same transaction.
CREATE TABLE ingestion_progress (
    source TEXT NOT NULL,
    request TEXT NOT NULL,
    range_from DATE NOT NULL,
    range_to DATE NOT NULL,
    done_through DATE NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, request, range_from, range_to)
);
