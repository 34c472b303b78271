-- Schema v4: the event log (SQLite dialect: times INTEGER Unix seconds; pg/0004 is the same
-- schema). Every process that finishes something others watch (an ingestion run, a quality
-- run, later the pipeline, risk and trades) appends an event in the transaction that records
-- it; `mf serve` streams new rows to its clients (GET /api/v1/events), and the id is the
-- stream's Last-Event-ID, so a client that reconnects misses nothing.
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, so ids only grow
    at INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 31),
    payload TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object')
);
