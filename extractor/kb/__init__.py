"""The directive knowledge base: batch output in one SQLite file, linked across documents.

    >>> from extractor.kb import open_db, ingest, DirectiveQuery, directives
    >>> db = open_db("kb.sqlite")
    >>> ingest(db, ["out.jsonl"]).added
    >>> directives(db, DirectiveQuery(assignee="Министерство финансов", due_before="2026-02-01"))

store.py (schema, migrations), ingestion.py, identity.py with names.py and orgnames.py (who is who),
search.py (lemmas for full-text search), query.py (questions); cli.py is the `extractor kb` face.
"""
from __future__ import annotations

from importlib import import_module

_WHERE = {
    "merge": "identity", "IngestSummary": "ingestion", "ingest": "ingestion",
    "DirectiveQuery": "query", "count_directives": "query", "counts": "query", "directive": "query",
    "directives": "query", "document": "query", "entity": "query", "orgs": "query", "people": "query",
    "DEFAULT_DB": "store", "LATEST": "store", "migrate": "store", "open_db": "store",
}
__all__ = sorted(_WHERE)


def __getattr__(name):
    # loaded on first use: `extractor kb` is mounted on every command line, used by few
    if name in _WHERE:
        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(name)
