"""Full-text search that finds Russian word forms: FTS5 over pymorphy lemmas.

Directive actions and sentences are indexed as lemmas ("внести решения" -> "внести решение"),
every lemma of an ambiguous word ("паводков" -> паводковый, паводок), and a query word matches
any of its lemmas, so "финансирования" finds "финансированием" and "паводок" finds "паводков".
"""
from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> tuple[str, ...]:
    """Every normal form pymorphy gives a word, best first: "паводков" -> паводковый, паводок."""
    from ..morph import parses

    word = word.lower().replace("ё", "е")
    found = [p.normal_form.replace("ё", "е") for p in parses(word)] or [word]
    return tuple(dict.fromkeys(found))


def lemma_text(text: str | None) -> str:
    """What is indexed: every lemma of every word, so that any form of a query word meets it."""
    return " ".join(" ".join(lemmas(w)) for w in WORD.findall(text or ""))


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression: every word of the query, by any of its lemmas; None when no word."""
    terms = []
    for word in WORD.findall(query):
        options = ['"' + w.replace('"', '""') + '"' for w in lemmas(word)]
        terms.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    return " AND ".join(terms) or None


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
