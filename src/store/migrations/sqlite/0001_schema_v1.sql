-- Schema v1: the data layer (SQLite dialect; migrations/pg/0001_schema_v1.sql is the same
-- schema for PostgreSQL). Dates are INTEGER day numbers since 1970-01-01 (mf_date);
-- timestamps are INTEGER Unix seconds (UTC). Rates are in percent unless a column says else.

-- Tradable things: futures, bonds, FX, indices, swaps, CDS, commodities.
CREATE TABLE instruments (
    id INTEGER PRIMARY KEY,
    ticker TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    asset_class TEXT NOT NULL
        CHECK (asset_class IN ('rates', 'inflation', 'fx', 'credit', 'equity', 'commodity')),
    instrument_type TEXT NOT NULL
        CHECK (instrument_type IN ('future', 'bond', 'fx_spot', 'fx_forward', 'index', 'swap',
                                   'cds', 'equity_index', 'commodity')),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    country TEXT CHECK (country IS NULL OR length(country) = 2),  -- ISO 3166-1 alpha-2
    exchange TEXT,
    contract_spec TEXT CHECK (contract_spec IS NULL OR json_valid(contract_spec)),  -- JSON
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- The catalogue of time series.
CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,               -- bcb_sgs, fred, ..., simulated, user
    source_key TEXT,                    -- the series' key at its source (SGS 432, DGS10)
    name TEXT NOT NULL,
    frequency TEXT CHECK (frequency IS NULL OR frequency IN ('D', 'W', 'M', 'Q', 'A')),
    unit TEXT,
    country TEXT,
    category TEXT,
    release_lag_days INTEGER CHECK (release_lag_days IS NULL OR release_lag_days >= 0),
    simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1)),
    description TEXT
);

-- Point-in-time observations: a revision is a new row with a later available_at, never an
-- update. The value of a series at obs_date as known on D is the row with the latest
-- available_at <= D.
-- series_id is not a checked foreign key: a check per inserted row costs a fifth of the bulk
-- load, and every writer takes the id from the series table in the same transaction. The
-- trigger below keeps the other direction: a series with observations cannot be deleted.
CREATE TABLE observations (
    series_id INTEGER NOT NULL,
    obs_date INTEGER NOT NULL,
    available_at INTEGER NOT NULL,
    value REAL,                         -- NULL: published as missing
    ingested_at INTEGER NOT NULL,
    PRIMARY KEY (series_id, obs_date, available_at)
) WITHOUT ROWID;

CREATE TRIGGER series_keeps_its_observations BEFORE DELETE ON series
WHEN EXISTS (SELECT 1 FROM observations WHERE series_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'series has observations: they are kept forever');
END;

-- Daily prices of instruments, also point in time.
CREATE TABLE market_prices (
    instrument_id INTEGER NOT NULL REFERENCES instruments (id),
    price_date INTEGER NOT NULL,
    available_at INTEGER NOT NULL,
    open REAL,
    high REAL,
    low REAL,
    close REAL,
    settle REAL,
    volume REAL,
    open_interest REAL,
    PRIMARY KEY (instrument_id, price_date, available_at)
) WITHOUT ROWID;

-- Zero curves by vertex. zero_rate is in percent per year under the curve's day_count and
-- compounding (a BRL pre curve: bus/252, annual; a USD curve: act/365f, continuous).
CREATE TABLE curves (
    curve_code TEXT NOT NULL,
    curve_date INTEGER NOT NULL,
    tenor_bd INTEGER NOT NULL CHECK (tenor_bd >= 0),   -- business days to maturity
    tenor_cd INTEGER NOT NULL CHECK (tenor_cd >= 0),   -- calendar days to maturity
    maturity INTEGER NOT NULL,
    zero_rate REAL NOT NULL,
    discount_factor REAL NOT NULL CHECK (discount_factor > 0),
    day_count TEXT NOT NULL,
    compounding TEXT NOT NULL CHECK (compounding IN ('simple', 'annual', 'continuous')),
    source TEXT NOT NULL,
    PRIMARY KEY (curve_code, curve_date, tenor_bd)
) WITHOUT ROWID;

-- One row per ingestion (a connector run or a file import).
CREATE TABLE ingestion_runs (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    rows_new INTEGER NOT NULL DEFAULT 0,
    rows_unchanged INTEGER NOT NULL DEFAULT 0,
    rows_revised INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
