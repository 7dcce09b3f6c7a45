"""Full-text search that finds Russian word forms: FTS5 over pymorphy lemmas.

Directive actions and sentences are indexed as lemmas ("внести решения" -> "внести решение"),
and a query is lemmatized the same way, so "финансирования" finds "финансированием".
"""
from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=200_000)
def _lemma(word: str) -> str:
    from ..morph import lemma

    return lemma(word).replace("ё", "е")


def lemma_text(text: str | None) -> str:
    return " ".join(_lemma(w.lower()) for w in WORD.findall(text or ""))


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression: every word of the query, by its lemma; None when no word."""
    lemmas = [_lemma(w.lower()) for w in WORD.findall(query)]
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in lemmas) or None


def index_directive(db, directive_id: int, action: str | None, sentence: str | None) -> None:
    db.execute("INSERT INTO directives_fts (rowid, action, sentence) VALUES (?, ?, ?)",
               [directive_id, lemma_text(action), lemma_text(sentence)])


def reindex(db) -> int:
    """Index every directive again (the migration to version 2 uses it)."""
    db.execute("DELETE FROM directives_fts")
    rows = db.execute("SELECT id, action, text FROM directives").fetchall()
    for directive_id, action, sentence in rows:
        index_directive(db, directive_id, action, sentence)
    return len(rows)
