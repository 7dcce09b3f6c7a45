"""The library: `extract(text or path) -> Record` and `Extractor.pipe(documents)`.

    >>> from extractor import extract
    >>> record = extract("samples/000_2d4edbfe873feb49.txt")
    >>> record.people[0].name
    'Олжас Бектенов'

Models load once per process (`pipeline.load_pipeline`); nothing here prints or exits.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .errors import EmptyDocument
from .pipeline import load_pipeline, set_meta
from .readers import Document, from_text, read_file
from .records import to_record
from .schema import Record

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LETTER = re.compile(r"[^\W\d_]")


def language_warning(text: str) -> Optional[str]:
    letters = LETTER.findall(text[:20000])
    if len(letters) < 20:
        return None
    share = len(CYRILLIC.findall("".join(letters))) / len(letters)
    if share < 0.3:
        return f"the text does not look Russian ({share:.0%} Cyrillic letters); results will be poor"
    return None


class Extractor:
    """A loaded pipeline. `extract` for one document, `pipe` for many (batched through the models)."""

    def __init__(self, backend: str = "natasha", syntax: str = "auto"):
        self.backend = backend
        self.nlp = load_pipeline(backend=backend, syntax=syntax)

    def _doc(self, document: Document):
        doc = self.nlp.make_doc(document.text)
        return set_meta(doc, published=document.published, ignore=document.ignore, meta=document.meta())

    def _record(self, doc, document: Document) -> Record:
        record = to_record(doc, **document.meta())
        record.warnings[:0] = list(document.warnings)
        warning = language_warning(document.text)
        if warning:
            record.language = "other"
            record.warnings.append(warning)
        else:
            record.language = "ru"
        return record

    def extract_document(self, document: Document) -> Record:
        if not document.text.strip():
            raise EmptyDocument(f"{document.doc_id}: the document has no text")
        return self._record(self.nlp(self._doc(document)), document)

    def pipe(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Record]:
        """Records in input order. Raises on the first failing document; batch.py isolates them."""
        documents = list(documents) if not isinstance(documents, list) else documents
        docs = (self._doc(d) for d in documents)
        for document, doc in zip(documents, self.nlp.pipe(docs, batch_size=batch_size)):
            yield self._record(doc, document)

    def extract(self, text: str, *, doc_id: str = "doc", published: Optional[str] = None, title: Optional[str] = None,
                url: Optional[str] = None, source: Optional[str] = None) -> Record:
        """The record of one text; a scraper header in it is parsed, explicit metadata wins."""
        document = from_text(text, doc_id=doc_id, published=published, title=title, url=url, source=source)
        return self.extract_document(document)


_default: dict[tuple, Extractor] = {}


def get_extractor(backend: str = "natasha", syntax: str = "auto") -> Extractor:
    key = (backend, syntax)
    if key not in _default:
        _default[key] = Extractor(backend=backend, syntax=syntax)
    return _default[key]


def extract(source: Union[str, Path, Document], *, backend: str = "natasha", **meta) -> Record:
    """Extract from a path (`Path` or an existing file name), a `Document`, or text."""
    extractor = get_extractor(backend)
    if isinstance(source, Document):
        return extractor.extract_document(source)
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and len(source) < 1024
                                    and source.endswith((".txt", ".text")) ):
        document = read_file(source)
        for key, value in meta.items():
            if value is not None:
                setattr(document, key, value)
        return extractor.extract_document(document)
    return extractor.extract(source, **meta)
