"""The directive knowledge base: batch output in one SQLite file, linked across documents.

    >>> from extractor.kb import open_db, ingest, DirectiveQuery, directives
    >>> db = open_db("kb.sqlite")
    >>> ingest(db, ["out.jsonl"]).added
    >>> directives(db, DirectiveQuery(assignee="Министерство финансов", due_before="2026-02-01"))

store.py (schema, migrations), ingest.py, identity.py with names.py and orgs.py (who is who),
search.py (lemmas for full-text search), query.py (questions); cli.py is the `extractor kb` face.
"""
from __future__ import annotations

from .identity import merge
from .ingest import IngestSummary, ingest
from .query import DirectiveQuery, count_directives, counts, directive, directives, document, entity, orgs, people
from .store import DEFAULT_DB, LATEST, migrate, open_db

__all__ = ["DEFAULT_DB", "LATEST", "DirectiveQuery", "IngestSummary", "count_directives", "counts", "directive",
           "directives", "document", "entity", "ingest", "merge", "migrate", "open_db", "orgs", "people"]
