"""Very large documents in bounded memory: processed in parts cut at paragraph boundaries,
their records merged with offsets mapped back to the whole text. Nothing is truncated.

Facts do not cross a part boundary (parts are cut between paragraphs, where the NER model
stops anyway), and a person named in full in one part and by surname in another is merged
by name only when both parts give the same canonical name.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

SPLIT_ABOVE = 200_000  # characters: longer documents are processed in parts
PART_CHARS = 100_000  # about this long each
OFFSET_KEY = re.compile(r"(?:^|_)(?:start|end)$")
SENTENCE_END = re.compile(r"[.!?…][)\]»\"']?\s")


def parts(text: str, size: Optional[int] = None) -> list[tuple[int, int]]:
    """[start, end) ranges covering `text`, each at most `size` long (PART_CHARS), cut after
    the last paragraph break in the second half of the window, else a line break, a sentence
    end, a space, or (a run of `size` characters without any) right at the limit."""
    size = size or PART_CHARS
    out = []
    start, n = 0, len(text)
    while n - start > size:
        lo, hi = start + size // 2, start + size
        cut = _cut(text, lo, hi)
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def _cut(text: str, lo: int, hi: int) -> int:
    for mark in ("\n\n", "\n"):
        at = text.rfind(mark, lo, hi)
        if at >= 0:
            return at + len(mark)
    last = None
    for m in SENTENCE_END.finditer(text, lo, hi):
        last = m
    if last is not None:
        return last.end()
    at = max(text.rfind(" ", lo, hi), text.rfind("\t", lo, hi))
    if at >= 0:
        return at + 1
    return hi


def ignore_in(ignore, start: int, end: int) -> list[tuple[int, int]]:
    """Ignore ranges of the whole text that fall in [start, end), in the part's coordinates."""
    return [(max(s, start) - start, min(e, end) - start) for s, e in ignore if s < end and start < e]


def shift(value, offset: int):
    """A dumped record (dicts and lists) with every `start`/`end`/`*_start`/`*_end` moved by `offset`."""
    if isinstance(value, dict):
        return {k: (v + offset if isinstance(v, int) and not isinstance(v, bool) and OFFSET_KEY.search(k) else shift(v, offset))
                for k, v in value.items()}
    if isinstance(value, list):
        return [shift(v, offset) for v in value]
    return value


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


def merge(records: list[dict]) -> dict:
    """One record from the dumped records of consecutive parts (already shifted)."""
    out = dict(records[0])
    people: dict[str, dict] = {}
    orgs: dict[str, dict] = {}
    for key in ("figures", "dates", "directives"):
        out[key] = [item for rec in records for item in rec.get(key, [])]
    for rec in records:
        for person in rec.get("people", []):
            into = people.setdefault(person["name"], {**person, "mentions": [], "roles": [], "aliases": []})
            into["mentions"] += person.get("mentions", [])
            _union(into["aliases"], person.get("aliases", []), key=str)
            _union(into["roles"], person.get("roles", []), key=lambda r: _fold(r["title"]))
        for org in rec.get("organizations", []):
            into = orgs.setdefault(org["name"], {**org, "mentions": [], "aliases": []})
            into["mentions"] += org.get("mentions", [])
            _union(into["aliases"], org.get("aliases", []), key=str)
            if not into.get("kind"):
                into["kind"] = org.get("kind")
    out["people"] = list(people.values())
    out["organizations"] = list(orgs.values())
    out["warnings"] = list(dict.fromkeys(w for rec in records for w in rec.get("warnings", [])))
    return out


def _union(into: list, items, key) -> None:
    seen = {key(x) for x in into}
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            into.append(item)


def chunked(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
