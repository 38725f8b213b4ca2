-- govreply SQLite schema (schema_version 1.0). One row per letter, its sources, sections,
-- entities and cc recipients. Amounts are stored in yuan as INTEGER when whole (exact), else REAL.
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS letters (
    id              TEXT PRIMARY KEY,          -- stable id from the normalized text
    schema_version  TEXT NOT NULL,
    title           TEXT,
    doc_number      TEXT,
    issuer_code     TEXT,
    doc_year        INTEGER,
    doc_serial      INTEGER,
    category        TEXT CHECK (category IN ('A', 'B', 'C', 'D')),
    category_raw    TEXT,
    category_meaning TEXT,
    meeting         TEXT,
    proposal_kind   TEXT,
    proposal_number TEXT,
    addressee_name  TEXT,
    addressee_role  TEXT,
    subject         TEXT,
    sender          TEXT,
    date            TEXT,                      -- YYYY-MM-DD
    contact_person  TEXT,
    contact_phone   TEXT,
    signer          TEXT,
    text            TEXT NOT NULL,
    record          TEXT NOT NULL              -- the full JSON record
);
CREATE INDEX IF NOT EXISTS letters_sender ON letters (sender);
CREATE INDEX IF NOT EXISTS letters_date ON letters (date);
CREATE INDEX IF NOT EXISTS letters_category ON letters (category);
CREATE INDEX IF NOT EXISTS letters_meeting ON letters (meeting);

CREATE TABLE IF NOT EXISTS sources (
    letter_id TEXT NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    path      TEXT NOT NULL PRIMARY KEY,       -- relative to the input folder
    sha256    TEXT NOT NULL,
    format    TEXT NOT NULL,
    encoding  TEXT
);
CREATE INDEX IF NOT EXISTS sources_letter ON sources (letter_id);

CREATE TABLE IF NOT EXISTS sections (
    letter_id TEXT NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    id        TEXT NOT NULL,                   -- 1, 1.2, 1.2.3
    parent_id TEXT,
    level     INTEGER NOT NULL,
    marker    TEXT NOT NULL,
    heading   TEXT NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    PRIMARY KEY (letter_id, id)
);

CREATE TABLE IF NOT EXISTS entities (
    letter_id  TEXT NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,               -- position in the record's entity list
    type       TEXT NOT NULL,                  -- money, date, org, target, doc_number, law, percent, phone
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    section    TEXT NOT NULL,
    amount     NUMERIC,                        -- money and target amounts (yuan for money)
    amount_min NUMERIC,
    amount_max NUMERIC,
    unit       TEXT,                           -- target unit
    iso        TEXT,                           -- date value; target deadline
    name       TEXT,                           -- org canonical name; law title; target metric
    value      TEXT NOT NULL,                  -- the full value as JSON
    PRIMARY KEY (letter_id, idx)
);
CREATE INDEX IF NOT EXISTS entities_type ON entities (type);
CREATE INDEX IF NOT EXISTS entities_name ON entities (type, name);

CREATE TABLE IF NOT EXISTS cc (
    letter_id TEXT NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (letter_id, idx)
);

CREATE TABLE IF NOT EXISTS errors (
    path    TEXT PRIMARY KEY,
    code    TEXT NOT NULL,
    message TEXT NOT NULL,
    sha256  TEXT
);
