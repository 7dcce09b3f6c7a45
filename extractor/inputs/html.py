"""HTML -> text. Pages through trafilatura (main text, title, date); fragments (feed item
content) through lxml, block elements becoming paragraph breaks.

Paragraphs are separated by a blank line in the text we produce, so that the pipeline sees
them as paragraphs (NER never crosses one, large documents split between them).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Optional

META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
BREAKS = re.compile(r"\s*\n\s*\n\s*")
BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table td th tr ul".split()
)
SKIP = frozenset({"script", "style", "noscript", "template", "head", "title"})


@dataclass
class Page:
    text: str
    title: Optional[str] = None
    date: Optional[str] = None
    url: Optional[str] = None


def declared_charset(data: bytes) -> Optional[str]:
    """The encoding an HTML page declares in a <meta> tag, if Python knows it."""
    m = META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def paragraphs_text(lines) -> str:
    """Lines or blocks of text -> paragraphs, spaces collapsed, separated by a blank line."""
    out = []
    for line in lines:
        line = SPACES.sub(" ", line).strip()
        if line:
            out.append(line)
    return "\n\n".join(out)


def page(html: str, url: Optional[str] = None) -> Page:
    """The main text of a web page, with its title and publication date ("" when none)."""
    import trafilatura

    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_recall=True, include_comments=False,
                                        include_tables=True, deduplicate=False)
    if found is None or not (found.text or "").strip():
        return Page(text="")
    return Page(text=paragraphs_text(found.text.splitlines()), title=(found.title or None),
                date=(found.date or None), url=(found.url or url or None))


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (feed item content): tags dropped, blocks become paragraphs."""
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in html:
        return paragraphs_text(BREAKS.split(_unescape(html)))
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return paragraphs_text(BREAKS.split(re.sub(r"<[^>]*>", " ", html)))
    parts: list[str] = []
    skipping = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""  # comments and processing instructions
        if event == "start":
            if tag in SKIP:
                skipping += 1
            elif tag in BLOCKS:
                parts.append("\n\n")
            if not skipping and tag and el.text:
                parts.append(el.text)
        else:
            if tag in SKIP:
                skipping -= 1
            elif tag in BLOCKS:
                parts.append("\n\n")
            if not skipping and el.tail and el is not root:
                parts.append(el.tail)
    return paragraphs_text(BREAKS.split("".join(parts)))


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)
