"""Command-line inputs -> `Source`s: one per document, in a stable order, with unique doc_ids.

Inputs are files, folders (walked recursively, in sorted order, hidden entries skipped) and
`-` for JSONL on stdin. Containers (JSONL, `.json`, feeds) are opened here, one `Source` per
row or item; `.txt` and HTML files are read where the `Source` is processed (`Source.load`),
so that a pool of workers also shares the decoding and the HTML extraction.

doc_ids: the file name without its extension for files, the row's `doc_id` (else `id`) or
the feed item's id (else its link) for containers, `<name>-<line>` when there is none. A
doc_id seen before gets `~2`, `~3`, ...: unique, and the same on every run over the same
inputs (which `--resume` relies on).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..errors import ExtractorError, InputNotFound, MalformedInput, from_code
from . import feeds, jsonl

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
JSON_SUFFIXES = (".json",)
FEED_SUFFIXES = (".rss", ".atom", ".xml")
KNOWN = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + JSON_SUFFIXES + FEED_SUFFIXES
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Source:
    """One input document: already read (`document`), a file to read (`path`, `kind`), or
    the error that reading it gave (`error`: code, message). Small and picklable."""

    doc_id: str
    source: Optional[str] = None
    document: Optional[object] = None  # readers.Document
    path: Optional[str] = None
    kind: Optional[str] = None  # "text" or "html", for `path`
    error: Optional[tuple[str, str]] = None

    def load(self):
        """The Document; raises the reader's ExtractorError."""
        from .. import readers

        if self.error is not None:
            raise from_code(*self.error)
        if self.document is None:
            if self.kind == "html":
                self.document = readers.read_html_file(self.path)
            else:
                self.document = readers.read_file(self.path)
        self.document.doc_id = self.doc_id
        return self.document

    def size(self) -> int:
        """Characters, or bytes of a file not read yet (for chunking)."""
        if self.document is not None:
            return len(self.document.text)
        if self.path is not None:
            try:
                return Path(self.path).stat().st_size
            except OSError:
                return 0
        return 0


def failed(doc_id: str, exc: ExtractorError, source: Optional[str] = None) -> Source:
    return Source(doc_id=doc_id, source=source, error=(exc.code, exc.message))


class UniqueIds:
    """doc_id -> itself the first time, `<id>~2`, `<id>~3` ... after."""

    def __init__(self):
        self.seen: set[str] = set()
        self.next: dict[str, int] = {}

    def __call__(self, doc_id: str) -> str:
        doc_id = str(doc_id).strip() or "doc"
        if doc_id not in self.seen:
            self.seen.add(doc_id)
            return doc_id
        n = self.next.get(doc_id, 2)
        while f"{doc_id}~{n}" in self.seen:
            n += 1
        self.next[doc_id] = n + 1
        unique = f"{doc_id}~{n}"
        self.seen.add(unique)
        return unique


def kind_of(path: Path) -> Optional[str]:
    """text, html, jsonl, json or feed by the name; None for a file a folder walk skips."""
    name = path.name.lower()
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("json", JSON_SUFFIXES), ("html", HTML_SUFFIXES),
                           ("feed", FEED_SUFFIXES), ("text", TEXT_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return None


def sniff(path: Path) -> str:
    """The kind of a file named on the command line whose name does not say."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(2048)
    except OSError:
        return "text"  # read_file reports the error
    if head[:2] == jsonl.GZIP_MAGIC:
        return "jsonl"
    if feeds.looks_like_feed(head):
        return "feed"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if lowered.startswith(b"{") and b"\n" in head.strip():
        return "jsonl"
    return "text"


def walk(folder: Path, skip: frozenset = frozenset(), _seen: Optional[set] = None) -> Iterator[Path]:
    """Files of known kinds under a folder, recursively, sorted, hidden entries and the
    files in `skip` (resolved paths: the batch's own output) skipped; a folder reached
    again through a symbolic link is walked once."""
    seen = set() if _seen is None else _seen
    real = folder.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from walk(entry, skip, seen)
        elif kind_of(entry) is not None and entry.resolve() not in skip:
            yield entry


def iter_sources(inputs: Iterable[str], text_field: str = "text", skip: Iterable = ()) -> Iterator[Source]:
    """Every input document as a `Source`, in order, doc_ids made unique. Files in `skip`
    (the batch's output, say) are left out of folder walks."""
    unique = UniqueIds()
    skip = frozenset(Path(p).resolve() for p in skip)
    for name in inputs:
        for src in _sources_of(str(name), text_field, skip):
            src.doc_id = unique(src.doc_id)
            if src.document is not None:
                src.document.doc_id = src.doc_id
            yield src


def _sources_of(name: str, text_field: str, skip: frozenset) -> Iterator[Source]:
    if name == "-":
        yield from _jsonl(name, text_field)
        return
    path = Path(name)
    if path.is_dir():
        for file in walk(path, skip):
            yield from _file(file, kind_of(file), text_field)
        return
    if not path.exists():
        yield failed(jsonl.stem(name), InputNotFound(f"{name}: no such file or folder"), name)
        return
    yield from _file(path, kind_of(path) or sniff(path), text_field)


def _file(path: Path, kind: Optional[str], text_field: str) -> Iterator[Source]:
    if kind in ("text", "html"):
        yield Source(doc_id=path.stem, source=str(path), path=str(path), kind=kind)
    elif kind == "jsonl":
        yield from _jsonl(str(path), text_field)
    elif kind == "json":
        try:
            rows = jsonl.json_rows(path)
        except ExtractorError as exc:
            yield failed(path.stem, exc, str(path))
            return
        single = len(rows) == 1
        for n, row in enumerate(rows, 1):
            default = path.stem if single else f"{path.stem}-{n}"
            yield _row_source(row, default, text_field, str(path), f"{path}[{n - 1}]")
    elif kind == "feed":
        yield from _feed(path)
    else:
        yield Source(doc_id=path.stem, source=str(path), path=str(path), kind="text")


def _jsonl(name: str, text_field: str) -> Iterator[Source]:
    stem = jsonl.stem(name)
    source = "stdin" if name == "-" else name
    try:
        for n, row in jsonl.rows(name):
            yield _row_source(row, f"{stem}-{n}", text_field, source, f"{source}:{n}")
    except ExtractorError as exc:  # the file cannot be opened
        yield failed(stem, exc, source)


def _row_source(row, default_id: str, text_field: str, source: str, where: str) -> Source:
    from ..errors import EmptyDocument
    from ..readers import from_text

    if isinstance(row, Exception):
        return failed(default_id, row if isinstance(row, ExtractorError) else MalformedInput(f"{where}: {row}"), source)
    doc_id = row.get("doc_id", row.get("id"))
    doc_id = default_id if doc_id is None or str(doc_id).strip() == "" else str(doc_id)
    meta = {key: _str(row.get(key)) for key in ("title", "url")}
    meta["published"] = published_date(row.get("published"))
    text = row.get(text_field)
    if not isinstance(text, str):
        problem = "has no" if text is None else f"has a {type(text).__name__} in its"
        return Source(doc_id=doc_id, source=source,
                      error=(MalformedInput.code, f"{where}: the row {problem} {text_field!r} field (--text-field)"))
    if not text.strip():
        return Source(doc_id=doc_id, source=source, error=(EmptyDocument.code, f"{where}: the {text_field!r} field is empty"))
    return Source(doc_id=doc_id, source=source, document=from_text(text, doc_id=doc_id, source=source, **meta))


def _feed(path: Path) -> Iterator[Source]:
    from ..errors import EmptyDocument, InputUnreadable
    from ..readers import Document

    try:
        data = path.read_bytes()
        entries = feeds.items(data, str(path))
    except OSError as exc:
        yield failed(path.stem, InputUnreadable(f"{path}: {exc.strerror}"), str(path))
        return
    except ExtractorError as exc:
        yield failed(path.stem, exc, str(path))
        return
    if not entries:
        yield failed(path.stem, EmptyDocument(f"{path}: the feed has no items"), str(path))
        return
    for item in entries:
        doc_id = item.id or f"{path.stem}-{item.n}"
        if not item.text.strip():
            yield Source(doc_id=doc_id, source=str(path),
                         error=(EmptyDocument.code, f"{path}: item {item.n} has no text"))
            continue
        yield Source(doc_id=doc_id, source=str(path), document=Document(
            doc_id=doc_id, text=item.text, published=item.published, title=item.title, url=item.url,
            source=str(path), carry_text=True))


def _str(value) -> Optional[str]:
    return None if value is None else str(value)


def published_date(value) -> Optional[str]:
    """An ISO date from a row's `published` ("2025-12-25T10:00:00+05:00" -> "2025-12-25")."""
    if value is None:
        return None
    value = str(value).strip()
    m = ISO_DATE.match(value)
    return m.group(0) if m else (value or None)
