"""Batch: many documents -> JSONL, exactly one line per input document, errors included.

    summary = run_batch(["feeds/", "news.jsonl.gz"], "out.jsonl", workers=4, resume=True)

- Inputs: see `readers.iter_sources` (files, folders, JSONL, `.json`, RSS/Atom, HTML, stdin).
- Work: chunks of documents go to an engine (`engines/local.py`: processes on this machine,
  each loading the models once; `engines/dask.py`: a Dask cluster). Lines are written in
  input order, whatever order the chunks finish in. A very large document goes out in
  parts, shared by all the workers, and comes back as one line (`Parts`).
- Failures: a document that cannot be read or processed becomes a record with `error`
  (code, message) and empty lists; with `strict` the run stops at the first one instead
  (its line is not written, so `resume` retries it) with ProcessingFailed (E020). A worker process that dies under a
  chunk is replaced, the chunk rerun document by document, and the document that kills a
  worker gets an error record (E021).
- `resume`: lines are written whole and flushed one by one; on resume a trailing partial
  line (a run killed mid-write) is cut off and documents whose doc_id is already in the
  output are skipped, so the file ends with every document exactly once.
"""
from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .engines.work import Result, error_record, error_result  # noqa: F401  (error_record: public)
from .errors import ExtractorError, WorkerDied, from_code

CHUNK_DOCS = 32  # documents per chunk, at most
CHUNK_CHARS = 12_000  # characters per chunk, about (a larger document is a chunk alone)
HTML_READ_HERE = 4_000_000  # bytes: a page this large is read here and shared by the workers (a news page is far smaller)
DOC_ID = re.compile(rb'^\{"doc_id":("(?:[^"\\]|\\.)*")')


@dataclass
class Summary:
    documents: int = 0  # lines written by this run
    errors: int = 0
    skipped: int = 0  # already in the output (resume)
    chars: int = 0
    seconds: float = 0.0
    output: str = ""
    error_codes: dict = field(default_factory=dict)

    def line(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        kchars = self.chars / 1000 / self.seconds if self.seconds else 0.0
        skipped = f" ({self.skipped} already done)" if self.skipped else ""
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.error_codes.items()))
        errors = f"{self.errors} errors ({codes})" if self.errors else "0 errors"
        return (f"{self.documents} documents{skipped}, {errors} in {self.seconds:.1f} s "
                f"({rate:.1f} docs/s, {kchars:.1f} kchars/s) -> {self.output}")


# ---------------------------------------------------------------- output


def done_ids(path: Path) -> set[str]:
    """doc_ids of the complete lines of an output file; a partial last line is cut off."""
    done: set[str] = set()
    if not path.exists():
        return done
    with open(path, "r+b") as fh:
        keep = 0
        for line in fh:
            if not line.endswith(b"\n"):
                break
            keep += len(line)
            m = DOC_ID.match(line)
            try:
                doc_id = json.loads(m.group(1)) if m else json.loads(line).get("doc_id")
            except (ValueError, AttributeError):
                continue
            if isinstance(doc_id, str):
                done.add(doc_id)
        fh.truncate(keep)
    return done


class Sink:
    """Appends lines, each written whole and flushed before the next."""

    def __init__(self, path: Path, append: bool):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(path, "ab" if append else "wb")

    def write(self, line: str) -> None:
        self.fh.write(line.encode("utf-8") + b"\n")
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()


# ---------------------------------------------------------------- work


def chunks(sources: Iterable, docs: int = CHUNK_DOCS, chars: int = CHUNK_CHARS, tail: int = 0) -> Iterator[list]:
    """The sources in order, in chunks of at most `docs` documents and about `chars`
    characters (a larger document is a chunk alone). The last `tail` characters or so go
    out in chunks a quarter that size: the workers then finish their last chunks close
    together, instead of one working through a whole chunk while the others wait. To know
    where the tail starts, `tail` characters of sources are read ahead."""
    held: deque = deque()  # (source, size), read but not yet sent
    size = 0

    def take(most_docs: int, most_chars: int) -> list:
        nonlocal size
        chunk, chunk_size = [], 0
        while held and not (chunk and (len(chunk) >= most_docs or chunk_size + held[0][1] > most_chars)):
            src, n = held.popleft()
            chunk.append(src)
            chunk_size += n
        size -= chunk_size
        return chunk

    for src in sources:
        n = src.size()
        held.append((src, n))
        size += n
        while held and (size > tail + chars or (len(held) > docs and size > tail)):
            yield take(docs, chars)
    while held:
        yield take(max(1, docs // 4), max(1, chars // 4)) if tail else take(docs, chars)


class Parts:
    """Large documents (over `split.SPLIT_ABOVE` characters) that this process reads itself
    (rows of JSONL and feeds, text files, HTML pages over `HTML_READ_HERE` bytes) are sent as
    parts, each a document of its own, so that all the workers take a share of one long
    document; `collect` merges the parts' results back into the document's one Result
    (`work.merge_parts`). Smaller HTML pages are left to the workers, which read them: their
    extraction would otherwise run here, one page at a time.

        parts = Parts()
        for results in run(chunks(parts.expand(sources))):
            for result in parts.collect(results): ...
    """

    def __init__(self):
        self.wholes: deque = deque()  # per source sent, in order: its _Whole, or None

    def expand(self, sources: Iterable) -> Iterator:
        from .engines import split, work
        from .inputs.sources import Source

        for src in sources:
            document = None
            size = src.size()
            if size > split.SPLIT_ABOVE and src.error is None and (src.kind != "html" or size > HTML_READ_HERE):
                try:  # a file's size is in bytes, never fewer than its characters
                    document = src.load()
                except Exception:  # noqa: BLE001 - the worker reads it again and reports why
                    pass
            if document is None or len(document.text) <= split.SPLIT_ABOVE or not document.text.strip():
                self.wholes.append(None)
                yield src
                continue
            doc_id = src.doc_id
            ranges, documents = work.part_documents(document, lambda k, n: f"{doc_id} (part {k + 1} of {n})")
            whole = _Whole(document, ranges)
            for part in documents:
                self.wholes.append(whole)
                yield Source(doc_id=part.doc_id, source=src.source, document=part)

    def collect(self, results: list) -> Iterator:
        from .engines import work

        for result in results:
            whole = self.wholes.popleft()
            if whole is None:
                yield result
                continue
            whole.results.append(result)
            if len(whole.results) == len(whole.ranges):
                yield whole.merged(work)


@dataclass
class _Whole:
    document: object  # readers.Document
    ranges: list
    results: list = field(default_factory=list)

    def merged(self, work) -> Result:
        """The document's Result: its parts merged, or the first part's error as its own."""
        failed = next((r for r in self.results if r.error_code is not None), None)
        if failed is not None:
            return work.error_result(self.document.doc_id, from_code(failed.error_code, failed.error_message),
                                     self.document.meta())
        return work.merge_parts(self.document, self.ranges, [json.loads(r.line) for r in self.results])


def _engine(engine: str, workers: Optional[int], backend: str, scheduler):
    if engine == "local":
        from .engines.local import LocalEngine, default_workers

        return LocalEngine(default_workers() if workers is None else max(0, workers), backend)
    if engine == "dask":
        from .engines.dask import DaskEngine

        return DaskEngine(scheduler, backend)
    from .errors import BackendUnavailable

    raise BackendUnavailable(f"unknown engine {engine!r}; choose local or dask")


class _Run:
    """Keeps up to `depth` chunks in flight and hands back their results in input order."""

    def __init__(self, engine, depth: int):
        self.engine = engine
        self.depth = depth
        self.pending: deque = deque()  # [chunk, future]

    def feed(self, chunk_iter) -> Iterator[list[Result]]:
        for chunk in chunk_iter:
            self.pending.append([chunk, self.engine.submit(chunk)])
            while len(self.pending) >= self.depth:
                yield self._next()
        while self.pending:
            yield self._next()

    def _next(self) -> list[Result]:
        chunk, future = self.pending.popleft()
        try:
            return future.result()
        except self.engine.died:
            return self._recover(chunk)

    def _recover(self, chunk: list) -> list[Result]:
        """A worker died under some chunk in flight: rerun this one document by document,
        alone, so that the document that kills a worker is known; then the others."""
        self.engine.restart()
        results = []
        for src in chunk:
            try:
                results += self.engine.submit([src]).result()
            except self.engine.died:
                self.engine.restart()
                results.append(error_result(src.doc_id, WorkerDied(
                    f"{src.doc_id}: the worker process died on this document (out of memory?)"), {"source": src.source}))
        for item in self.pending:
            item[1] = self.engine.submit(item[0])
        return results


def run_batch(inputs, output, *, workers=None, text_field="text", resume=False, strict=False, quiet=False,
              backend="natasha", engine="local", scheduler=None) -> Summary:
    """Process every input document into `output` (JSONL). See the module docstring."""
    from .readers import iter_sources

    if backend != "natasha":  # natasha's models ship in its wheel; checking it would import spaCy here for nothing
        from .pipeline import check_backend

        check_backend(backend)  # missing models: one error, nothing written
    output = Path(output)
    started = time.monotonic()
    done = done_ids(output) if resume else set()
    summary = Summary(output=str(output))
    progress = None if quiet else _Progress(inputs, text_field, len(done), frozenset([output.resolve()]))

    def todo():
        for src in iter_sources(inputs, text_field, skip=[output]):
            if src.doc_id in done:
                summary.skipped += 1
                continue
            yield src

    sink = Sink(output, append=resume)
    runner = _engine(engine, workers, backend, scheduler)
    parts = Parts()
    try:
        with runner:
            workers = max(1, getattr(runner, "workers", 2) or 1)
            tail = workers * CHUNK_CHARS if workers > 1 else 0  # about each worker's last chunk
            for results in _Run(runner, 3 * workers + 1).feed(chunks(parts.expand(todo()), tail=tail)):
                written = 0
                for result in parts.collect(results):
                    if result.error_code is not None:
                        if strict:
                            raise _strict_error(result)
                        summary.errors += 1
                        summary.error_codes[result.error_code] = summary.error_codes.get(result.error_code, 0) + 1
                    sink.write(result.line)
                    summary.documents += 1
                    summary.chars += result.chars
                    written += 1
                if progress and written:
                    progress.advance(written, summary.errors)
    finally:
        sink.close()
        if progress:
            progress.stop()
        summary.seconds = time.monotonic() - started
    return summary


def _strict_error(result: Result) -> ExtractorError:
    """--strict: the first failing document stops the run (the CLI exits 1 on E02x)."""
    from .errors import ProcessingFailed

    return ProcessingFailed(f"{result.doc_id}: [{result.error_code}] {result.error_message} (--strict: stopped here)")


# ---------------------------------------------------------------- progress


class _Progress:
    """rich progress on stderr: documents done (of the total, counted in the background),
    docs/s, errors so far, ETA."""

    def __init__(self, inputs, text_field: str, already: int, skip: frozenset = frozenset()):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"), TextColumn("{task.fields[errors]} errors"),
            TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False, refresh_per_second=4,
        )
        self.task = self.progress.add_task("batch", total=None, rate="-", errors=0)
        self.started = time.monotonic()
        self.done = 0
        self.progress.start()
        if "-" not in [str(i) for i in inputs]:
            threading.Thread(target=self._count, args=(list(inputs), already, skip), daemon=True).start()

    def _count(self, inputs, already: int, skip: frozenset):
        total = count_documents(inputs, skip)
        if total is not None:
            self.progress.update(self.task, total=max(total - already, self.done))

    def advance(self, n: int, errors: int):
        self.done += n
        elapsed = time.monotonic() - self.started
        self.progress.update(self.task, advance=n, errors=errors, rate=f"{self.done / elapsed:.1f}" if elapsed else "-")

    def stop(self):
        self.progress.stop()


def count_documents(inputs, skip: frozenset = frozenset()) -> Optional[int]:
    """About how many documents the inputs hold (for the ETA): files count one, JSONL lines
    and feed items are counted without parsing them."""
    from .inputs import sources as s

    total = 0
    for name in inputs:
        path = Path(name)
        files = list(s.walk(path, skip)) if path.is_dir() else [path]
        for file in files:
            kind = s.kind_of(file) or (s.sniff(file) if file.exists() else "text")
            try:
                if kind == "jsonl":
                    from .inputs.jsonl import open_stream

                    with open_stream(str(file)) as fh:
                        total += sum(1 for line in fh if line.strip())
                elif kind == "feed":
                    data = file.read_bytes()
                    total += max(1, len(re.findall(rb"<(?:item|entry)[\s>]", data)))
                else:
                    total += 1
            except (OSError, EOFError, ExtractorError, ValueError):
                total += 1
    return total

