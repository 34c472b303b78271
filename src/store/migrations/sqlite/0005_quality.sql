-- Schema v5: the data quality framework (SQLite dialect: dates INTEGER day numbers, times
-- INTEGER Unix seconds; pg/0005 is the same schema). A quality run checks the stored series
-- and curves as known on a date (docs/quality.md); it is one quality_runs row, one
-- quality_results row per check of each series or curve (passes too, so a series' history
-- shows when a problem began and ended), and a 'quality' event, all in one transaction.
CREATE TABLE quality_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, so ids only grow
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    as_of INTEGER NOT NULL,               -- the data as known on this date was checked
    scope TEXT NOT NULL,                  -- "all", "source bcb_sgs", "series SGS.432", ...
    score REAL CHECK (score BETWEEN 0 AND 100), -- NULL: nothing loaded to score
    checks INTEGER NOT NULL CHECK (checks >= 0),
    failing INTEGER NOT NULL CHECK (failing >= 0),   -- failed warning + critical
    critical INTEGER NOT NULL CHECK (critical >= 0)
);
CREATE TABLE quality_results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL REFERENCES quality_runs (id),
    code TEXT NOT NULL,                   -- a series code, or a curve code (curve_sanity)
    source TEXT NOT NULL,
    check_name TEXT NOT NULL CHECK (check_name IN ('staleness', 'gaps', 'duplicates',
        'outliers', 'range', 'revisions', 'flatline', 'cross_source', 'curve_sanity')),
    severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    status TEXT NOT NULL CHECK (status IN ('pass', 'fail')),
    message TEXT NOT NULL,
    value REAL,                           -- the check's measure (docs/quality.md); NULL: none
    threshold REAL,                       -- the threshold it was compared with; NULL: none
    obs_date INTEGER,                     -- the date the message names; NULL: none
    checked_at INTEGER NOT NULL
);
CREATE INDEX quality_results_run ON quality_results (run_id);
CREATE INDEX quality_results_code ON quality_results (code, run_id);
