"""Batch: many documents -> JSONL, one line per input document (first version, sequential)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import ExtractorError, MalformedInput, ProcessingFailed
from .readers import Document, from_text, read_file
from .schema import ErrorInfo, Record


@dataclass
class Summary:
    documents: int = 0
    errors: int = 0


def error_record(doc_id: str, error: Exception, **meta) -> Record:
    code = error.code if isinstance(error, ExtractorError) else ProcessingFailed.code
    message = error.message if isinstance(error, ExtractorError) else f"{type(error).__name__}: {error}"
    return Record(doc_id=doc_id, error=ErrorInfo(code=code, message=message),
                  **{k: v for k, v in meta.items() if v is not None})


def iter_documents(inputs, text_field: str = "text"):
    """(doc_id, Document | Exception) for every input document, in order."""
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            for file in sorted(path.rglob("*.txt")):
                try:
                    yield file.stem, read_file(file)
                except ExtractorError as exc:
                    yield file.stem, exc
        elif path.suffix == ".jsonl":
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                        doc_id = str(row.get("doc_id", f"{path.stem}-{n}"))
                        yield doc_id, from_text(row[text_field], doc_id=doc_id, published=row.get("published"),
                                                title=row.get("title"), url=row.get("url"), source=str(path))
                    except (ValueError, KeyError, TypeError) as exc:
                        yield f"{path.stem}-{n}", MalformedInput(f"{path}:{n}: {exc}")
        else:
            try:
                yield path.stem, read_file(path)
            except ExtractorError as exc:
                yield path.stem, exc


def run_batch(inputs, output, *, workers=None, text_field="text", resume=False, strict=False, quiet=False,
              backend="natasha", engine="local", scheduler=None) -> Summary:
    from .api import get_extractor

    extractor = get_extractor(backend)
    summary = Summary()
    with open(output, "w", encoding="utf-8") as out:
        for doc_id, item in iter_documents(inputs, text_field):
            if isinstance(item, Document):
                try:
                    record = extractor.extract_document(item)
                except Exception as exc:  # one bad document never stops the run
                    if strict:
                        raise
                    record = error_record(doc_id, exc)
            else:
                if strict:
                    raise item
                record = error_record(doc_id, item)
            summary.documents += 1
            summary.errors += record.error is not None
            out.write(record.model_dump_json() + "\n")
    return summary
