-- Version 2: full-text search over lemmas of directive actions and sentences, and the log
-- of manual merges. Existing directives are indexed by the migration's Python step.

CREATE VIRTUAL TABLE directives_fts USING fts5 (
    action, sentence,
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER directives_fts_delete AFTER DELETE ON directives BEGIN
    DELETE FROM directives_fts WHERE rowid = old.id;
END;

CREATE TABLE merges (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
    kept_id INTEGER NOT NULL,
    merged_id INTEGER NOT NULL,
    merged_name TEXT NOT NULL,
    merged_at TEXT NOT NULL
);
