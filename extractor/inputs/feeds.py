"""RSS and Atom feeds (feedparser): one item per entry, with its id, link, title and date.

Item content given as HTML is reduced to text (`html.fragment_text`); an item without
content or summary is its title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Optional

from ..errors import MalformedInput

FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>/]", re.IGNORECASE)


@dataclass
class Item:
    n: int  # 1-based position in the feed
    id: Optional[str]
    text: str
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of a file open an RSS, Atom or RDF feed."""
    sample = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if sample.startswith(b"<?xml") or sample.startswith(b"<"):
        return FEED_ROOT.search(sample) is not None
    return False


def items(data: bytes, name: str) -> list[Item]:
    """The entries of a feed; MalformedInput when it is no feed at all."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise MalformedInput(f"{name}: not a readable RSS/Atom feed ({reason})")
    return [_item(n, entry) for n, entry in enumerate(parsed.entries, 1)]


def _item(n: int, entry) -> Item:
    from .html import fragment_text, paragraphs_text

    text = ""
    for part in list(entry.get("content") or []) + [entry.get("summary_detail") or {}]:
        value = part.get("value") or ""
        if value.strip():
            text = fragment_text(value) if "html" in (part.get("type") or "html") else paragraphs_text(value.splitlines())
            if text:
                break
    title = (entry.get("title") or "").strip() or None
    return Item(n=n, id=(entry.get("id") or entry.get("link") or None), text=text or (title or ""), title=title,
                url=entry.get("link") or None, published=_date(entry))


def _date(entry) -> Optional[str]:
    """The item's date as written (its own time zone), ISO; feedparser's UTC tuple as a fallback."""
    for key in ("published", "updated", "created"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        for parse in (parsedate_to_datetime, lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))):
            try:
                return parse(raw).date().isoformat()
            except (TypeError, ValueError, IndexError, OverflowError):
                continue
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None
