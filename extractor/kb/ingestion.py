"""Ingest batch output (JSONL records) into the base: one transaction per document.

Idempotent: a document whose record is unchanged (same checksum) is left alone; a changed one
replaces its old version whole; error records are skipped and counted. A text, once stored,
stays when the same or a changed record comes again without one (and its offsets still fit).

The records do not carry the document text, which the document view needs for its
highlights. The text is taken, first found first: from a `text` field of the record; from
`texts` (JSONL files of the batch input, matched by doc_id); from the record's `source` when
it names a readable file (a batch input .jsonl is searched by doc_id, any other file is read
as `extractor batch` reads it). A text is kept only when every offset of the record fits it.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Iterator, Optional, TYPE_CHECKING

from pydantic import ValidationError

from ..errors import ExtractorError, InputNotFound
from ..schema import Record
from . import search
from .identity import drop_orphans, person_key, resolve_org, resolve_person
from .names import fold
from .orgnames import document_country, org_key
from .store import now

if TYPE_CHECKING:  # sqlite_utils loads when a base is opened, not on every command
    from sqlite_utils import Database


@dataclass
class IngestSummary:
    records: int = 0      # lines read
    added: int = 0        # new documents
    replaced: int = 0     # changed documents, old version replaced
    unchanged: int = 0    # same record and text as stored
    errors: int = 0       # error records, skipped
    invalid: int = 0      # lines that are no record, skipped
    with_text: int = 0    # documents stored with their text
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "problems"}


# ---------------------------------------------------------------- texts


class TextSource:
    """Document texts by doc_id: from --texts files and from records' `source` paths."""

    def __init__(self, texts: Iterable[Path] = (), text_field: str = "text"):
        self.text_field = text_field
        self._index: dict[str, str] = {}
        self._jsonl: dict[Path, dict[str, str]] = {}
        for path in texts:
            self._index.update(self._load_jsonl(Path(path)))

    def _load_jsonl(self, path: Path) -> dict[str, str]:
        if not path.exists():
            raise InputNotFound(f"no texts file {path}")
        if path not in self._jsonl:
            found = {}
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        row = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(row, dict) and isinstance(row.get(self.text_field), str) and "doc_id" in row:
                        found[str(row["doc_id"])] = row[self.text_field]
            self._jsonl[path] = found
        return self._jsonl[path]

    def text_for(self, row: dict, base: Path) -> Optional[str]:
        if isinstance(row.get("text"), str):
            return row["text"]
        doc_id = str(row.get("doc_id"))
        if doc_id in self._index:
            return self._index[doc_id]
        source = row.get("source")
        if not source:
            return None
        for path in (Path(source), base / source):
            if path.is_file():
                return self._read_source(path, doc_id)
        return None

    def _read_source(self, path: Path, doc_id: str) -> Optional[str]:
        if path.suffix == ".jsonl":
            return self._load_jsonl(path).get(doc_id)
        from ..readers import read_file

        try:
            return read_file(path).text
        except ExtractorError:
            return None


def offsets_fit(record: Record, text: str) -> bool:
    """Does every item of the record index `text` (`text[start:end] == item.text`)?"""
    items = [m for p in record.people for m in p.mentions] + [m for o in record.organizations for m in o.mentions]
    items += list(record.figures) + list(record.dates) + list(record.directives)
    return all(text[i.start:i.end] == i.text for i in items)


# ---------------------------------------------------------------- deadlines

DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def _last_day(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def _add(start: date, years=0, months=0, weeks=0, days=0) -> date:
    month = start.month - 1 + months + 12 * years
    year, month = start.year + month // 12, month % 12 + 1
    day = min(start.day, _last_day(year, month).day)
    return date(year, month, day) + timedelta(weeks=weeks, days=days)


def due_date(deadline: Optional[dict], published: Optional[str]) -> Optional[str]:
    """The last day a directive may be done: a date's last day at its precision ("2026-01" ->
    2026-01-31, "2030" -> 2030-12-31), publication plus a duration, publication for
    `immediate`; None when unknown."""
    if not deadline:
        return None
    value = deadline.get("date") or ""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return _last_day(int(value[:4]), int(value[5:])).isoformat()
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-12-31"
        start = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
    if start is None:
        return None
    m = DURATION.match(deadline.get("duration") or "")
    if m and any(m.groups()):
        years, months, weeks, days = (int(g or 0) for g in m.groups())
        return _add(start, years, months, weeks, days).isoformat()
    if deadline.get("immediate"):
        return start.isoformat()
    return None


# ---------------------------------------------------------------- records


def read_records(paths: Iterable[Path]) -> Iterator[tuple[Path, int, object]]:
    """(file, line number, parsed JSON or the error) for every non-blank line."""
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise InputNotFound(f"no file {path}")
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    yield path, n, json.loads(line)
                except ValueError as exc:
                    yield path, n, exc


def checksum(row: dict) -> str:
    """Of the record as read, its text aside (a text found once is kept, see ingest_record)."""
    body = json.dumps({k: v for k, v in row.items() if k != "text"}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def ingest(db: Database, paths: Iterable[Path], *, texts: Iterable[Path] = (), text_field: str = "text") -> IngestSummary:
    """Load batch output files into the base; see the module's doc."""
    summary = IngestSummary()
    source = TextSource(texts, text_field)
    for path, n, row in read_records(paths):
        summary.records += 1
        where = f"{path}:{n}"
        if isinstance(row, Exception) or not isinstance(row, dict):
            summary.invalid += 1
            summary.problems.append(f"{where}: not a JSON object")
            continue
        if row.get("error"):
            summary.errors += 1
            continue
        try:
            record = Record.model_validate({k: v for k, v in row.items() if k != "text"})
        except ValidationError as exc:
            summary.invalid += 1
            summary.problems.append(f"{where}: not a record: {exc.errors()[0]['msg']}")
            continue
        text = source.text_for(row, path.parent)
        if text is not None and not offsets_fit(record, text):
            summary.problems.append(f"{where}: {record.doc_id}: the text found does not fit the offsets; not stored")
            text = None
        outcome, has_text = ingest_record(db, record, text, checksum(row))
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        summary.with_text += has_text and outcome != "unchanged"
    return summary


def ingest_record(db: Database, record: Record, text: Optional[str], digest: str) -> tuple[str, bool]:
    """Store one record in one transaction: ('added' | 'replaced' | 'unchanged', stored with a text?).

    The same record again changes nothing, unless it brings a text the stored one lacks or
    contradicts; a changed record without a text keeps the old text when its offsets fit it."""
    with db.atomic():
        old = db.execute("SELECT id, checksum, text FROM documents WHERE doc_id = ?", [record.doc_id]).fetchone()
        if old and old[1] == digest:
            if text is None or text == old[2]:
                return "unchanged", old[2] is not None
            db.execute("UPDATE documents SET text = ?, ingested_at = ? WHERE id = ?", [text, now(), old[0]])
            return "replaced", True
        if old:
            if text is None and old[2] is not None and offsets_fit(record, old[2]):
                text = old[2]
            db.execute("DELETE FROM documents WHERE id = ?", [old[0]])
        document_id = db.execute(
            "INSERT INTO documents (doc_id, title, published, url, source, rubric, text, record, checksum, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [record.doc_id, record.title, record.published, record.url, record.source, record.rubric, text,
             record.model_dump_json(), digest, now()]).lastrowid
        _store_facts(db, document_id, record)
        if old:
            drop_orphans(db)
    return ("replaced" if old else "added"), text is not None


def _store_facts(db: Database, document_id: int, record: Record) -> None:
    raw = record.model_dump()
    country = document_country(raw)
    people: dict[str, int] = {}  # person_key -> id, for the record's own names
    orgs: dict[str, int] = {}    # org key base -> id
    for person in record.people:
        person_id = resolve_person(db, person.name, person.aliases)
        for form in [person.name, *person.aliases]:
            people.setdefault(person_key(form), person_id)
        for role in person.roles:
            db.execute("INSERT OR IGNORE INTO person_roles (person_id, document_id, title) VALUES (?, ?, ?)",
                       [person_id, document_id, role.title])
        db.conn.executemany("INSERT INTO mentions (document_id, person_id, start, \"end\", text) VALUES (?, ?, ?, ?, ?)",
                       [(document_id, person_id, m.start, m.end, m.text) for m in person.mentions])
    for org in record.organizations:
        org_id = resolve_org(db, org.name, org.aliases, kind=org.kind, document_country=country)
        for form in [org.name, *org.aliases]:
            orgs.setdefault(org_key(form).base, org_id)
        db.conn.executemany("INSERT INTO mentions (document_id, org_id, start, \"end\", text) VALUES (?, ?, ?, ?, ?)",
                       [(document_id, org_id, m.start, m.end, m.text) for m in org.mentions])

    def party(p) -> tuple[Optional[int], Optional[int]]:
        """(person id, organization id) of an issuer or assignee."""
        if p is None or not p.name.strip():
            return None, None
        known_person = people.get(person_key(p.name))
        known_org = orgs.get(org_key(p.name).base)
        if p.type == "person":
            return known_person or resolve_person(db, p.name), None
        if p.type == "organization":
            return None, known_org or resolve_org(db, p.name, document_country=country)
        if known_person:  # a generic party that the record names as a person or organization
            return known_person, None
        return None, known_org

    for position, directive in enumerate(record.directives):
        issuer_person, issuer_org = party(directive.issuer)
        issuer = directive.issuer
        directive_id = db.execute(
            "INSERT INTO directives (document_id, position, issuer_name, issuer_key, issuer_type, issuer_role, "
            "issuer_person_id, issuer_org_id, action, action_start, action_end, trigger, start, \"end\", text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [document_id, position, issuer.name if issuer else None, fold(issuer.name) if issuer else None,
             issuer.type if issuer else None, issuer.role if issuer else None, issuer_person, issuer_org,
             directive.action, directive.action_start, directive.action_end, directive.trigger,
             directive.start, directive.end, directive.text]).lastrowid
        for n, assignee in enumerate(directive.assignees):
            person_id, org_id = party(assignee)
            db.execute("INSERT INTO directive_assignees (directive_id, position, name, key, type, role, person_id, "
                       "org_id, start, \"end\", text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [directive_id, n, assignee.name, fold(assignee.name), assignee.type, assignee.role,
                        person_id, org_id, assignee.start, assignee.end, assignee.text])
        if directive.deadline:
            d = directive.deadline
            due = due_date(d.model_dump(), record.published)
            db.execute("INSERT INTO deadlines (directive_id, date, immediate, duration, due, start, \"end\", text) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [directive_id, d.date, int(d.immediate), d.duration, due, d.start, d.end, d.text])
            if due:
                db.execute("UPDATE directives SET due_sort = ? WHERE id = ?", [due, directive_id])
        search.index_directive(db, directive_id, directive.action, directive.text)
