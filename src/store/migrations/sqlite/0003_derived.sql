-- Schema v3: derived series (SQLite dialect: times INTEGER Unix seconds; pg/0003 is the same
-- schema). A derived series is a row of series (source 'derived') whose observations a
-- transform computes from other series; its vintages follow the point-in-time rule of
-- observations (docs/transforms.md).
-- The definition: the transform, its parameters (canonical JSON: keys sorted, no spaces, so
-- equal parameters compare equal as text) and the watermark of incremental runs: the
-- largest ingested_at among the inputs' observations and their number of rows when it was
-- last computed (NULL: never). Rows are never deleted, so a different count means new rows;
-- those ingested at or after the watermark are the ones to look at.
CREATE TABLE derived_series (
    series_id INTEGER PRIMARY KEY REFERENCES series (id),
    transform TEXT NOT NULL,
    params TEXT NOT NULL CHECK (json_valid(params)),
    watermark INTEGER,
    input_rows INTEGER,
    computed_at INTEGER
);

-- Lineage: the inputs of each derived series, in the order the transform takes them.
CREATE TABLE derived_inputs (
    series_id INTEGER NOT NULL REFERENCES derived_series (series_id),
    position INTEGER NOT NULL CHECK (position >= 0),
    input_id INTEGER NOT NULL REFERENCES series (id),
    PRIMARY KEY (series_id, position)
) WITHOUT ROWID;
CREATE INDEX derived_inputs_by_input ON derived_inputs (input_id);
