"""Inputs -> (text, metadata): decoding, scraper headers. Offsets always index `Document.text`.

A `.txt` release as our scrapers write it starts with a header:

     date 2025-12-25 Олжас Бектенов провел совещание ...     <- date and title
                                                              
    Экономика                                                <- rubric
    310                                                      <- view counter
    ...
    Фото: пресс-служба правительства                         <- photo caption

The header is parsed into metadata and its ranges are marked `ignore`, so that no fact is
extracted from them; the text itself is kept whole.

This module is the facade of the input formats (`extractor/inputs/`): `.txt` files here,
HTML pages (`read_html`), and for `extractor batch` every input at once: `iter_sources`
turns files, folders, JSONL (gzip'd or not, `-` for stdin), `.json` and RSS/Atom feeds into
one `Source` per document with a unique doc_id. A Document whose text is not the input as
given (an HTML page's main text, a feed item) has `carry_text` set: its record carries the
text its offsets index.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import EmptyDocument, InputNotFound, InputUnreadable
from .glued import glue_end


@dataclass
class Document:
    doc_id: str
    text: str
    published: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    rubric: Optional[str] = None
    ignore: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    carry_text: bool = False  # the record carries `text` (derived from HTML, a feed item)

    def meta(self) -> dict:
        return {k: getattr(self, k) for k in ("doc_id", "source", "title", "published", "url", "rubric")}


# ---------------------------------------------------------------- decoding

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def _utf16_without_bom(data: bytes) -> Optional[str]:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_zero = sample[1::2].count(0) / max(1, len(sample[1::2]))
    # Cyrillic in UTF-16 has 0x04 high bytes, Latin 0x00
    even_04 = sample[0::2].count(4) / max(1, len(sample[0::2]))
    odd_04 = sample[1::2].count(4) / max(1, len(sample[1::2]))
    if odd_zero + odd_04 > 0.6 and even_zero < 0.1:
        enc = "utf-16-le"
    elif even_zero + even_04 > 0.6 and odd_zero < 0.1:
        enc = "utf-16-be"
    else:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """(text, encoding): BOMs first, then UTF-16 without BOM, UTF-8, then charset detection
    among the Cyrillic single-byte encodings. Raises InputUnreadable for binary data."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    text = _utf16_without_bom(data)
    if text is not None:
        return text, "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise InputUnreadable(f"{name}: binary data, not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic"]).best()
    if best is None:
        raise InputUnreadable(f"{name}: cannot detect the text encoding")
    encoding = best.encoding
    # cp1251 and koi8-r are often confused on short texts: prefer the one with more lowercase Cyrillic vowels
    if encoding in {"cp1251", "koi8_r"}:
        encoding = max(("cp1251", "koi8_r"), key=lambda enc: _russianness(data.decode(enc, "replace")))
    return data.decode(encoding, "replace"), encoding


def _russianness(text: str) -> int:
    return sum(text.count(c) for c in "оеаинтс") - sum(text.count(c) for c in "ОЕАИНТС")


# ---------------------------------------------------------------- scraper header

HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]+([^\n]*)")
RUBRIC = re.compile(r"[А-ЯЁA-Z][^\n.!?]{0,40}")
COUNTER = re.compile(r"\d{1,9}")
CAPTION = re.compile(r"^[ \t]*(?:Фото|Photo|Видео|Источник фото)\s*:[^\n]*$", re.MULTILINE)


def parse_header(text: str) -> dict:
    """Metadata and ignore ranges of a scraper header; {} when the text has none."""
    out: dict = {"ignore": []}
    m = HEADER.match(text)
    if m:
        out["published"] = m.group(1)
        out["title"] = m.group(2).strip() or None
        out["ignore"].append((m.start(1) - len("date "), m.end(1)))
        pos = m.end()
        # the next two non-empty short lines: a rubric, then a view counter
        for kind in ("rubric", "counter"):
            line = re.match(r"(?:[ \t]*\n)*([ \t]*)([^\n]*)", text[pos:])
            if not line:
                break
            value = line.group(2).strip()
            start = pos + line.start(2)
            if kind == "rubric" and RUBRIC.fullmatch(value) and not COUNTER.fullmatch(value):
                out["rubric"] = value
                out["ignore"].append((start, start + len(line.group(2))))
                pos += line.end()
            elif kind == "counter" and COUNTER.fullmatch(value):
                out["ignore"].append((start, start + len(line.group(2))))
                pos += line.end()
            else:
                break
    for cap in CAPTION.finditer(text):  # up to the text glued to it, if any: "Фото: Tengrinews.kz РанееСкляр"
        out["ignore"].append((cap.start(), glue_end(text, cap.start(), cap.end())))
    return out


# a release's own date line near its top: "08.09.2026", "Дата: 14 октября 2026 года",
# "Астана, 2 октября 2026 года. На заседании ...", "Москва, 19 ноября 2026 г. –",
# "г. Астана, 20 ноября 2026 г.", "24 ноября 2026 года, 16:00, Москва, Кремль",
# "от 18 ноября 2026 г. № 1874" under an act's title
DATELINE = re.compile(
    r"^[ \t]*(?:(?:Дата(?:[ \t]+публикации)?|Опубликовано)[ \t]*:[ \t]*)?"
    r"(?:(?:г\.[ \t]*)?(?P<place>[А-ЯЁ][А-ЯЁа-яё-]+(?:[ -][А-ЯЁ][А-ЯЁа-яё-]+)?),[ \t]+)?"
    r"(?:от[ \t]+)?(?P<date>\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}[ \t]+[а-яё]+[ \t]+\d{4})(?:[ \t]*(?:года|г\.?))?"
    r"(?:[ \t,]+\d{1,2}:\d{2})?"
    r"(?:[ \t]*№[ \t]*[\w/-]+)?"  # an act's date and number: "от 18 ноября 2026 г. № 1874"
    r"(?:(?:[ \t]*,[ \t]*|[ \t]+)[А-ЯЁ][А-ЯЁа-яё-]+(?:,[ \t]*[А-ЯЁ][А-ЯЁа-яё-]+)?(?=[ \t]*$))?"  # "..., 16:00, Москва, Кремль"
    r"(?P<end>[ \t]*$|[ \t]*[.–—-][ \t]+(?=[«\"А-ЯЁA-Z]))", re.MULTILINE)
DATELINE_LINES = 4  # looked for in the first non-empty lines


def _place(words: Optional[str]) -> bool:
    """A dateline's place is nouns ("Астана", "Нур-Султан"), not "Напомним, 11 февраля ..."."""
    if not words:
        return True
    from .morph import parses

    best = [(parses(w) or [None])[0] for w in words.split()]
    return all(p is None or p.tag.POS == "NOUN" for p in best)


def dateline(text: str) -> Optional[str]:
    """The ISO date of a release's own date line in its first lines, or None: a line that is
    only a date, or a dateline ("Астана, 2 октября 2026 года. На заседании ...") opening a
    paragraph."""
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", text[:2000])][:DATELINE_LINES]
    for line in lines:
        m = DATELINE.match(text, line.start(), line.end())
        # a date alone on its line; after a place, a paragraph's opening, or a line of its own
        # when the place is one word ("Астана, 20 ноября 2026 года"; not "Тулси Габбард, 12
        # февраля 2020 года" under a photo)
        if m is None or not _place(m.group("place")):
            continue
        place = m.group("place")
        if m.end() < line.end() and not place or m.end() == line.end() and place and " " in place:
            continue
        import dateparser  # only here: 0.15 s to import

        found = dateparser.parse(m.group("date"), languages=["ru"],
                                 settings={"STRICT_PARSING": True, "DATE_ORDER": "DMY"})
        if found is not None:
            return found.date().isoformat()
    return None


def from_text(text: str, doc_id: str = "doc", **meta) -> Document:
    """A Document from text, its header (if any) parsed, else its date line (`dateline`) taken
    for its publication date; explicit metadata wins."""
    header = parse_header(text)
    if "published" not in header:
        header["published"] = dateline(text)
    doc = Document(doc_id=doc_id, text=text, ignore=header.get("ignore", []))
    for key in ("published", "title", "rubric"):
        setattr(doc, key, header.get(key))
    for key, value in meta.items():
        if value is not None:
            setattr(doc, key, value)
    return doc


def read_file(path: str | Path) -> Document:
    """A `.txt` file (any supported encoding) as a Document; doc_id is the file name stem.
    An `.html`/`.htm` file is read as a web page (`read_html_file`)."""
    path = Path(path)
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return read_html_file(path)
    if not path.exists():
        raise InputNotFound(f"{path}: no such file")
    if path.is_dir():
        raise InputNotFound(f"{path}: is a folder; use `extractor batch` for folders")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputUnreadable(f"{path}: {exc.strerror}") from None
    if not data.strip():
        raise EmptyDocument(f"{path}: the file is empty")
    text, _ = decode(data, str(path))
    if not text.strip():
        raise EmptyDocument(f"{path}: the file has no text")
    return from_text(text, doc_id=path.stem, source=str(path))


# ---------------------------------------------------------------- HTML pages


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputNotFound(f"{path}: no such file")
    if path.is_dir():
        raise InputNotFound(f"{path}: is a folder; use `extractor batch` for folders")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputUnreadable(f"{path}: {exc.strerror}") from None


def decode_html(data: bytes, name: str = "input") -> str:
    """An HTML page's text: a BOM, else the charset its <meta> declares, else detection."""
    from .inputs.html import declared_charset

    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = declared_charset(data)
        if declared and not declared.startswith("utf-16"):
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
    return decode(data, name)[0]


def read_html(data: bytes | str, doc_id: str = "doc", *, source: Optional[str] = None, url: Optional[str] = None) -> Document:
    """A web page as a Document: its main text (trafilatura), title and publication date.
    Offsets index that text, which the record carries. NoTextInHtml when there is none."""
    from .errors import NoTextInHtml
    from .inputs.html import page

    if isinstance(data, bytes):
        if not data.strip():
            raise EmptyDocument(f"{source or doc_id}: the file is empty")
        data = decode_html(data, source or doc_id)
    found = page(data, url=url)
    if not found.text.strip():
        raise NoTextInHtml(f"{source or doc_id}: the page has no main text")
    return Document(doc_id=doc_id, text=found.text, published=found.date, title=found.title, url=found.url,
                    source=source, carry_text=True)


def read_html_file(path: str | Path) -> Document:
    path = Path(path)
    return read_html(_read_bytes(path), doc_id=path.stem, source=str(path))


# ---------------------------------------------------------------- many inputs (batch)


def iter_sources(inputs, text_field: str = "text", skip=()):
    """One `inputs.sources.Source` per input document, in order, with unique doc_ids;
    files in `skip` are left out of folder walks."""
    from .inputs.sources import iter_sources as _iter_sources

    return _iter_sources(inputs, text_field, skip)
