-- The knowledge base, version 1: documents, people, organizations, their aliases and
-- mentions, directives, their assignees and deadlines.

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    title TEXT,
    published TEXT,
    url TEXT,
    source TEXT,
    rubric TEXT,
    text TEXT,                 -- the input text the offsets index; NULL when not given
    record TEXT NOT NULL,      -- the record as ingested (JSON): figures and dates for the view
    checksum TEXT NOT NULL,    -- of record and text: same checksum, nothing to do
    ingested_at TEXT NOT NULL
);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,        -- the name shown: full given name first
    surname TEXT,              -- folded parts of the most complete name known
    given TEXT,
    patronymic TEXT
);
CREATE INDEX people_surname ON people (surname);

CREATE TABLE person_aliases (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    key TEXT NOT NULL,         -- folded: "о. бектенов"
    PRIMARY KEY (person_id, key)
);
CREATE INDEX person_aliases_key ON person_aliases (key);

CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    PRIMARY KEY (person_id, document_id, title)
);
CREATE INDEX person_roles_document ON person_roles (document_id);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    country TEXT               -- ISO 3166 alpha-2, from the name or the document
);

CREATE TABLE org_aliases (
    org_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    key TEXT NOT NULL,         -- lemmas without legal form and country: "министерство финансы"
    kind TEXT NOT NULL DEFAULT 'name' CHECK (kind IN ('name', 'acronym')),
    PRIMARY KEY (org_id, key, kind)
);
CREATE INDEX org_aliases_key ON org_aliases (key, kind);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people (id) ON DELETE CASCADE,
    org_id INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    CHECK ((person_id IS NULL) <> (org_id IS NULL))
);
CREATE INDEX mentions_document ON mentions (document_id);
CREATE INDEX mentions_person ON mentions (person_id, document_id);
CREATE INDEX mentions_org ON mentions (org_id, document_id);

CREATE TABLE directives (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    issuer_name TEXT,
    issuer_key TEXT,           -- folded name, for issuers that are no known entity
    issuer_type TEXT,
    issuer_role TEXT,
    issuer_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    issuer_org_id INTEGER REFERENCES organizations (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    action_start INTEGER,
    action_end INTEGER,
    trigger TEXT,
    start INTEGER,
    "end" INTEGER,
    text TEXT,                 -- the source sentence
    due_sort TEXT NOT NULL DEFAULT '9999-12-31',  -- deadlines.due, or after every date: the order of queries
    UNIQUE (document_id, position)
);
CREATE INDEX directives_due_sort ON directives (due_sort);
CREATE INDEX directives_issuer_person ON directives (issuer_person_id);
CREATE INDEX directives_issuer_org ON directives (issuer_org_id);
CREATE INDEX directives_issuer_key ON directives (issuer_key);

CREATE TABLE directive_assignees (
    directive_id INTEGER NOT NULL REFERENCES directives (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,         -- folded name, for assignees that are no known entity
    type TEXT,
    role TEXT,
    person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    org_id INTEGER REFERENCES organizations (id) ON DELETE SET NULL,
    start INTEGER,
    "end" INTEGER,
    text TEXT,
    PRIMARY KEY (directive_id, position)
);
CREATE INDEX directive_assignees_person ON directive_assignees (person_id);
CREATE INDEX directive_assignees_org ON directive_assignees (org_id);
CREATE INDEX directive_assignees_key ON directive_assignees (key);

CREATE TABLE deadlines (
    directive_id INTEGER PRIMARY KEY REFERENCES directives (id) ON DELETE CASCADE,
    date TEXT,                 -- as extracted: "2026-01-15", "2026-01", "2030"
    immediate INTEGER NOT NULL DEFAULT 0,
    duration TEXT,             -- ISO 8601: "P1M"
    due TEXT,                  -- the last day it may be done (ISO date), NULL when unknown
    start INTEGER,
    "end" INTEGER,
    text TEXT
);
CREATE INDEX deadlines_due ON deadlines (due);
