"""JSONL (one JSON object a line; gzip'd or not; `-` for stdin) and `.json` files -> rows.

A row is a dict; a line that is not a JSON object comes back as the MalformedInput it is,
so that the caller can make it an error record and go on. A gzip stream cut short ends
with one such error.
"""
from __future__ import annotations

import codecs
import gzip
import io
import json
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator, Union

from ..errors import InputNotFound, InputUnreadable, MalformedInput

GZIP_MAGIC = b"\x1f\x8b"
Row = Union[dict, Exception]


def open_stream(name: str) -> BinaryIO:
    """A binary stream of a file or of stdin (`-`), gunzipped when it is gzip (by its magic)."""
    if name == "-":
        stdin = sys.stdin.buffer
        stream = stdin if isinstance(stdin, io.BufferedReader) else io.BufferedReader(stdin)
        if stream.peek(2)[:2] == GZIP_MAGIC:
            return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
        return stream
    try:
        with open(name, "rb") as fh:
            magic = fh.read(2)
        return gzip.open(name, "rb") if magic == GZIP_MAGIC else open(name, "rb")  # type: ignore[return-value]
    except FileNotFoundError:
        raise InputNotFound(f"{name}: no such file") from None
    except OSError as exc:
        raise InputUnreadable(f"{name}: {exc.strerror}") from None


def _text_lines(stream: BinaryIO, name: str) -> Iterator[Union[str, Exception]]:
    """Decoded lines: UTF-8 (BOM or not), UTF-16 with a BOM; a line in another encoding is detected."""
    from ..readers import decode

    try:
        head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield from io.TextIOWrapper(stream, encoding="utf-16", newline=None)
            return
        first = True
        for raw in stream:
            if first and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            first = False
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    yield decode(raw, name)[0]
                except InputUnreadable as exc:
                    yield exc
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:  # truncated or corrupt gzip, bad UTF-16
        yield MalformedInput(f"{name}: the stream breaks off: {exc}")


def rows(name: str) -> Iterator[tuple[int, Row]]:
    """(line number, row or error) for every non-blank line of a JSONL file or stdin."""
    stream = open_stream(name)
    try:
        for n, line in enumerate(_text_lines(stream, name), 1):
            if isinstance(line, Exception):
                yield n, line
                if isinstance(line, MalformedInput):
                    return
                continue
            if not line.strip():
                continue
            yield n, parse_row(line, f"{name}:{n}")
    finally:
        if name != "-":
            stream.close()


def parse_row(line: str, where: str) -> Row:
    try:
        row = json.loads(line)
    except ValueError as exc:
        return MalformedInput(f"{where}: not JSON ({exc})")
    if not isinstance(row, dict):
        return MalformedInput(f"{where}: a JSON {type(row).__name__}, not an object")
    return row


def json_rows(path: Path) -> list[Row]:
    """The rows of a `.json` file: one object, or a list of objects."""
    from ..readers import decode

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputUnreadable(f"{path}: {exc.strerror}") from None
    text, _ = decode(data, str(path))
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise MalformedInput(f"{path}: not JSON ({exc})") from None
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [row if isinstance(row, dict) else MalformedInput(f"{path}[{i}]: a JSON {type(row).__name__}, not an object")
                for i, row in enumerate(value)]
    raise MalformedInput(f"{path}: a JSON {type(value).__name__}, neither an object nor a list of objects")


def stem(name: str) -> str:
    """`news.jsonl.gz` -> `news`; `-` -> `stdin`."""
    if name == "-":
        return "stdin"
    base = Path(name).name
    for suffix in (".gz", ".jsonl", ".ndjson", ".json"):
        if base.lower().endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
    return base
