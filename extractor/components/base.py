"""What every fact component shares: facts as dicts with exact offsets, and their span group.

A component writes its facts with `write_group(doc, "figures", "FIGURE", items)`:
- `doc._.facts["figures"]` holds the dicts (exact `start`, `end`, `text` and the fact's fields),
- `doc.spans["figures"]` holds their token covers, each with `span.id_ == "figures:<index>"`,
  so spaCy tools (displaCy, matchers) see them and `fact_of(span)` finds the dict back.
Facts whose offsets cover only whitespace get no span but are kept.
"""
from __future__ import annotations

import re
from typing import Iterable

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)


def write_group(doc: Doc, group: str, label: str, items: Iterable[dict]) -> list[dict]:
    items = sorted(items, key=lambda item: (item["start"], item["end"]))
    spans = []
    for i, item in enumerate(items):
        item["text"] = doc.text[item["start"]:item["end"]]
        span = doc.char_span(item["start"], item["end"], label=label, alignment_mode="expand")
        if span is not None:
            span.id_ = f"{group}:{i}"
            spans.append(span)
    if doc._.facts is None:
        doc._.facts = {}
    doc._.facts[group] = items
    doc.spans[group] = spans
    return items


def facts(doc: Doc, group: str) -> list[dict]:
    """The fact dicts a component wrote, in document order ([] if it did not run)."""
    return list((doc._.facts or {}).get(group, []))


def fact_of(span: Span) -> dict | None:
    group, _, index = span.id_.partition(":")
    found = (span.doc._.facts or {}).get(group)
    return found[int(index)] if found and index.isdigit() else None


class Covered:
    """The characters that some [start, end) ranges cover, for overlap tests that take the
    length of the tested range, not a pass over every range: a long document has thousands
    of mentions, and a test for each of its tokens."""

    def __init__(self, size: int, ranges: Iterable[tuple[int, int]] = ()):
        self.mask = bytearray(size)
        for start, end in ranges:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if end > start:
            self.mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a range; an empty one shares none."""
        return self.mask.find(1, start, end) >= 0


def token_at(doc: Doc, char: int):
    """The token that covers character `char`, or None."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def with_lemma(doc: Doc, lemmas: Iterable[str]):
    """The tokens whose lemma is one of `lemmas`, in order: found in one array of the doc's
    lemmas, instead of making every token an object to read its lemma."""
    return _with(doc, LEMMA, lemmas)


def with_text(doc: Doc, texts: Iterable[str]):
    """The tokens written as one of `texts`, in order (see `with_lemma`)."""
    return _with(doc, ORTH, texts)


def _with(doc: Doc, attr: int, strings: Iterable[str]):
    wanted = numpy.fromiter((get_string_id(s) for s in strings), dtype="uint64")
    if not len(doc) or not len(wanted):
        return []
    found = numpy.flatnonzero(numpy.isin(doc.to_array(attr), wanted))
    return [doc[int(i)] for i in found]


def lemma_ids(doc: Doc) -> list[int]:
    """The string ids of the doc's lemmas, one a token (`spacy.strings.get_string_id` of a lemma)."""
    return doc.to_array(LEMMA).tolist() if len(doc) else []


# what follows the place opening a release's place-and-date line, or the line under an act:
# "Астана, Акорда, 16 ноября 2026 года", "Москва, 19 ноября 2026 г.", "Акорда, 20.11.2026"
PLACE_DATE_AFTER = re.compile(r"[ \t]*,[ \t]*(?:[А-ЯЁ][а-яё-]+,[ \t]*)?(?:\d{1,2}[ \t]+[а-яё]+[ \t]+\d{4}|\d{1,2}\.\d{1,2}\.\d{4})")


def opens_place_date_line(text: str, start: int, end: int) -> bool:
    """The one word at text[start:end] opens a line and a date comes after it: the place a
    release or an act was written ("Акорда, 20 ноября 2026 года"), which the NER model may
    read as a person or an organization."""
    return " " not in text[start:end] and (start == 0 or text[start - 1] == "\n") and bool(PLACE_DATE_AFTER.match(text, end))
