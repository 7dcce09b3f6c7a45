"""What a worker does with a chunk of `Source`s: one JSON line each, in order, errors included.

    init_worker("natasha")                       # once per process: models load here
    results = process_chunk(sources, "natasha")  # [(doc_id, line, error_code, error_message)]

Engines (local processes, Dask) call exactly these two, so the output is the same wherever
the work runs. Nothing here raises for a bad document: it becomes an error record.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import NamedTuple, Optional

from ..errors import EmptyDocument, ExtractorError, ProcessingFailed
from ..schema import ErrorInfo, Record
from . import split

QUIET_LOGGERS = ("trafilatura", "htmldate", "justext", "charset_normalizer", "readability")
_lock = threading.Lock()  # one pipeline call at a time per process (Dask workers may run threads)
_failed: dict[str, ExtractorError] = {}  # backend -> why its pipeline did not load in this process
_warm: set[str] = set()  # backends warmed up in this process (or in the fork server it was forked from)


class Result(NamedTuple):
    doc_id: str
    line: str  # the record as one line of JSON, without the newline
    error_code: Optional[str] = None
    error_message: Optional[str] = None
    chars: int = 0


def error_record(doc_id: str, error: Exception, meta: Optional[dict] = None) -> Record:
    """The record of a document that could not be read or processed: the error, empty lists."""
    code = error.code if isinstance(error, ExtractorError) else ProcessingFailed.code
    message = error.message if isinstance(error, ExtractorError) else f"{type(error).__name__}: {error}"
    fields = {k: v for k, v in (meta or {}).items() if k in Record.model_fields and k != "doc_id" and v is not None}
    return Record(doc_id=doc_id, error=ErrorInfo(code=code, message=message), **fields)


def error_result(doc_id: str, error: Exception, meta: Optional[dict] = None) -> Result:
    record = error_record(doc_id, error, meta)
    return Result(doc_id, record.model_dump_json(), record.error.code, record.error.message)


def init_worker(backend: str = "natasha", parent: Optional[int] = None, blas_threads: int = 1) -> None:
    """Prepare this process for work: `blas_threads` BLAS threads (slovnet's products are
    small; more threads mostly spin), library loggers quiet, the pipeline
    and its models loaded. With `parent` (a pid), the process exits when that process is
    gone (killed with -9, say), instead of waiting forever for work that will not come."""
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), name="extractor-parent-watch", daemon=True).start()
    try:
        import numpy  # noqa: F401  (threadpoolctl limits the BLAS libraries already loaded)
        from threadpoolctl import threadpool_limits

        threadpool_limits(max(1, blas_threads))
    except ImportError:  # pragma: no cover - declared dependencies
        pass
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    if backend in _warm:  # forked from a fork server that warmed this backend up (preload.py)
        return
    try:
        warm_up(backend)
    except ExtractorError as exc:  # raised again by process_chunk: the run stops with it, no worker dies
        _failed[backend] = exc


WARM_UP = ("Президент Касым-Жомарт Токаев поручил Министерству финансов до 1 марта 2026 года выделить "
           "5,7 млрд тенге на 12 проектов.")


def warm_up(backend: str = "natasha", freeze: bool = False) -> None:
    """Load the pipeline and everything it loads on first use (models, morphology, grammars),
    with the garbage collector paused; with `freeze` (the fork server, whose only job is
    this), what was loaded is then frozen out of its sight (`_lean.paused_gc`). Processes
    forked afterwards find it done (`_warm`)."""
    from .. import regexes
    from .._lean import paused_gc

    with paused_gc(freeze=freeze):
        from ..api import get_extractor
        from ..grammars import dates

        get_extractor(backend).extract(WARM_UP)
        dates.compile_all()
    regexes.save()  # the grammars' compiled patterns, for the next process (regexes.py)
    _warm.add(backend)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[-1].split()[0] != b"Z"  # a zombie is gone too
    except (OSError, IndexError):
        return True


def _exit_with(pid: int, every: float = 1.0) -> None:
    while _alive(pid):
        time.sleep(every)
    os._exit(1)


def process_chunk(sources: list, backend: str = "natasha") -> list[Result]:
    """One Result per source, in order."""
    from ..api import get_extractor

    with _lock:
        if backend in _failed:
            raise _failed[backend]
        extractor = get_extractor(backend)
        results: list[Optional[Result]] = [None] * len(sources)
        small: list[tuple[int, object]] = []
        for i, src in enumerate(sources):
            try:
                document = src.load()
            except ExtractorError as exc:
                results[i] = error_result(src.doc_id, exc, {"source": src.source})
                continue
            except Exception as exc:  # a reader bug must not cost the other documents
                results[i] = error_result(src.doc_id, exc, {"source": src.source})
                continue
            if not document.text.strip():
                results[i] = error_result(src.doc_id, EmptyDocument(f"{src.doc_id}: the document has no text"),
                                          document.meta())
            elif len(document.text) > split.SPLIT_ABOVE:
                results[i] = _large(extractor, document)
            else:
                small.append((i, document))
        for i, result in zip([i for i, _ in small], _many(extractor, [d for _, d in small])):
            results[i] = result
        return results  # type: ignore[return-value]


def _result(record: Record, document) -> Result:
    if document.carry_text:
        record.text = document.text
    return Result(record.doc_id, record.model_dump_json(), chars=len(document.text))


def _many(extractor, documents: list) -> list[Result]:
    """Records of documents batched through the pipeline; one by one if any fails."""
    if not documents:
        return []
    try:
        return [_result(r, d) for r, d in zip(extractor.pipe(documents), documents)]
    except Exception:
        pass
    out = []
    for document in documents:
        try:
            out.append(_result(extractor.extract_document(document), document))
        except Exception as exc:
            out.append(error_result(document.doc_id, exc, document.meta()))
    return out


def _large(extractor, document) -> Result:
    """A very large document, in parts (split.py), as one record. (A batch sends the parts of
    the documents it reads itself to all its workers: see `batch.Parts`.)"""
    ranges, parts = part_documents(document)
    try:
        dumped = [extractor.extract_document(part).model_dump() for part in parts]
    except Exception as exc:
        return error_result(document.doc_id, exc, document.meta())
    return merge_parts(document, ranges, dumped)


def part_documents(document, doc_ids=None) -> tuple[list[tuple[int, int]], list]:
    """The [start, end) ranges of a large document's parts (those with any text) and a
    Document for each, with the document's metadata; `doc_ids`: a function of the part's
    number and the count, for their doc_ids (else the document's own)."""
    from ..readers import Document

    ranges = [(s, e) for s, e in split.parts(document.text) if document.text[s:e].strip()]
    parts = [Document(doc_id=doc_ids(k, len(ranges)) if doc_ids else document.doc_id, text=document.text[start:end],
                      published=document.published, title=document.title, url=document.url, source=document.source,
                      rubric=document.rubric, ignore=split.ignore_in(document.ignore, start, end))
             for k, (start, end) in enumerate(ranges)]
    return ranges, parts


def merge_parts(document, ranges: list[tuple[int, int]], records: list[dict]) -> Result:
    """The Result of a large document from its parts' records (dumped, offsets in the part)."""
    merged = split.merge([split.shift(record, start) for record, (start, _) in zip(records, ranges)])
    merged["doc_id"] = document.doc_id
    merged["warnings"] = list(document.warnings) + merged["warnings"] + [
        f"a large document ({len(document.text)} characters) was processed in {len(ranges)} parts cut between "
        "paragraphs; facts do not cross a part boundary"]
    try:
        return _result(Record.model_validate(merged), document)
    except Exception as exc:
        return error_result(document.doc_id, exc, document.meta())
