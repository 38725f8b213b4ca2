-- govreply SQLite schema (schema_version 1.1). Checked against the pydantic models by
-- tests/store/test_schema.py; the PostgreSQL twin is schemas/postgres.sql.
-- Amounts are NUMERIC in yuan (whole amounts stored as exact integers; entities.value keeps the
-- exact decimal text); dates are ISO text with their precision and the interval they cover.
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS letters (
    id               TEXT PRIMARY KEY,          -- stable id from the normalized text
    schema_version   TEXT NOT NULL,
    title            TEXT,
    doc_number       TEXT,
    issuer_code      TEXT,
    doc_year         INTEGER,
    doc_serial       INTEGER,
    category         TEXT CHECK (category IN ('A', 'B', 'C', 'D')),
    category_raw     TEXT,
    category_meaning TEXT,
    meeting          TEXT,                      -- as written
    meeting_place    TEXT,                      -- whose session: 无锡市, 全国
    proposal_kind    TEXT,
    proposal_number  TEXT,
    addressee_name   TEXT,
    addressee_role   TEXT,
    addressee_count  INTEGER,
    subject          TEXT,
    sender           TEXT,
    date             TEXT,                      -- YYYY-MM-DD, the letter's own date
    year             INTEGER,                   -- of date (or of the doc number)
    contact_person   TEXT,
    contact_phone    TEXT,
    signer           TEXT,
    text             TEXT NOT NULL,
    warnings         TEXT NOT NULL,             -- JSON array
    metadata         TEXT,                      -- JSON object: the portal's metadata block
    record_hash      TEXT NOT NULL,             -- SHA-256 of the record's JSON: an unchanged letter is left alone
    redacted         INTEGER NOT NULL DEFAULT 0  -- written with --redact: phones and private names masked
);
CREATE INDEX IF NOT EXISTS letters_sender ON letters (sender);
CREATE INDEX IF NOT EXISTS letters_year ON letters (year);
CREATE INDEX IF NOT EXISTS letters_date ON letters (date);
CREATE INDEX IF NOT EXISTS letters_category ON letters (category);
CREATE INDEX IF NOT EXISTS letters_meeting ON letters (meeting_place, meeting);

CREATE TABLE IF NOT EXISTS sources (
    path      TEXT PRIMARY KEY,                 -- relative to the input folder
    letter_id TEXT NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    sha256    TEXT NOT NULL,
    format    TEXT NOT NULL,
    encoding  TEXT
);
CREATE INDEX IF NOT EXISTS sources_letter ON sources (letter_id);

CREATE TABLE IF NOT EXISTS sections (
    letter_id    TEXT NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    section_id   TEXT NOT NULL,                 -- 1, 1.2, 1.2.3
    parent_id    TEXT,
    level        INTEGER NOT NULL,
    marker       TEXT NOT NULL,
    heading      TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    PRIMARY KEY (letter_id, section_id)
);

CREATE TABLE IF NOT EXISTS entities (
    letter_id    TEXT NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,              -- position in the record's entity list
    type         TEXT NOT NULL,
    text         TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    section_id   TEXT NOT NULL,                 -- a section id or a part name (opening, contact …)
    flags        TEXT NOT NULL,                 -- JSON array
    value        TEXT NOT NULL,                 -- JSON object, exact decimals
    PRIMARY KEY (letter_id, idx)
);
CREATE INDEX IF NOT EXISTS entities_type ON entities (type);

CREATE TABLE IF NOT EXISTS money (
    letter_id  TEXT NOT NULL,
    idx        INTEGER NOT NULL,
    amount     NUMERIC,                         -- yuan; NULL for a range
    min_amount NUMERIC,
    max_amount NUMERIC,
    currency   TEXT NOT NULL,
    qualifier  TEXT,
    per        TEXT,                            -- a rate: 人·月 of 每人每月500元
    PRIMARY KEY (letter_id, idx),
    FOREIGN KEY (letter_id, idx) REFERENCES entities (letter_id, idx) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS money_amount ON money (amount);

CREATE TABLE IF NOT EXISTS dates (
    letter_id     TEXT NOT NULL,
    idx           INTEGER NOT NULL,
    iso           TEXT,                         -- 2023, 2023-09, 2023-09-30, 2021/2025
    precision     TEXT,                         -- year | month | day
    date_start    TEXT,                         -- first day the date covers (YYYY-MM-DD)
    date_end      TEXT,                         -- last day it covers
    part          TEXT,
    relation      TEXT,
    relative      INTEGER NOT NULL,
    inferred_year INTEGER NOT NULL,
    PRIMARY KEY (letter_id, idx),
    FOREIGN KEY (letter_id, idx) REFERENCES entities (letter_id, idx) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS dates_start ON dates (date_start);

CREATE TABLE IF NOT EXISTS organizations (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE                   -- canonical name
);

CREATE TABLE IF NOT EXISTS org_mentions (
    letter_id TEXT NOT NULL,
    idx       INTEGER NOT NULL,
    org_id    INTEGER NOT NULL REFERENCES organizations (id),
    resolved  INTEGER NOT NULL,
    source    TEXT NOT NULL,
    PRIMARY KEY (letter_id, idx),
    FOREIGN KEY (letter_id, idx) REFERENCES entities (letter_id, idx) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS org_mentions_org ON org_mentions (org_id);

CREATE TABLE IF NOT EXISTS targets (
    letter_id     TEXT NOT NULL,
    idx           INTEGER NOT NULL,
    metric        TEXT NOT NULL,
    amount        NUMERIC NOT NULL,
    unit          TEXT NOT NULL,
    comparator    TEXT NOT NULL,
    deadline      TEXT,                         -- 2025, 2023-12, 2023-09-30
    deadline_year INTEGER,
    period        TEXT,                         -- 2023/2025 of 今后三年
    PRIMARY KEY (letter_id, idx),
    FOREIGN KEY (letter_id, idx) REFERENCES entities (letter_id, idx) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS targets_deadline ON targets (deadline_year);

CREATE TABLE IF NOT EXISTS laws (
    letter_id TEXT NOT NULL,
    idx       INTEGER NOT NULL,
    title     TEXT NOT NULL,                    -- as cited, without 《》
    refers_to TEXT,                             -- the full title an abbreviation stands for
    PRIMARY KEY (letter_id, idx),
    FOREIGN KEY (letter_id, idx) REFERENCES entities (letter_id, idx) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS cc (
    letter_id TEXT NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (letter_id, position)
);

CREATE TABLE IF NOT EXISTS errors (
    path    TEXT PRIMARY KEY,
    code    TEXT NOT NULL,
    message TEXT NOT NULL,
    sha256  TEXT
);

-- full-text search: one row per letter (rowid = the letter's rowid), its title and text as Chinese
-- character bigrams so that a word inside a longer word is found (see store/fts.py)
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5 (
    body, tokenize = 'unicode61', detail = 'column'   -- no positions: whole terms are checked on the text
);
