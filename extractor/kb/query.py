"""Questions to the base: directives by assignee, issuer, deadline and words; people; organizations.

Every function returns plain dicts (JSON-ready); the CLI and the web view format them.
A name given to `assignee` or `issuer` matches every alias of the people and organizations
the identity rules take it for, and the names of parties that are no known entity.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Optional, TYPE_CHECKING


from ..errors import KnowledgeBaseError
from .identity import find_orgs, find_people, org_forms, parse_entity_id
from .names import fold
from .orgnames import org_key
from .search import match_expression

if TYPE_CHECKING:  # sqlite_utils loads when a base is opened, not on every command
    from sqlite_utils import Database

DEFAULT_LIMIT = 100
NO_DUE = "9999-12-31"


@dataclass
class DirectiveQuery:
    assignee: Optional[str] = None
    issuer: Optional[str] = None
    due_before: Optional[str] = None  # ISO date: deadline before it
    due_after: Optional[str] = None   # ISO date: deadline after it
    overdue: bool = False             # deadline passed as of `today`
    today: Optional[str] = None       # ISO date, default: today
    search: Optional[str] = None      # words, any form
    document: Optional[str] = None    # doc_id
    limit: Optional[int] = DEFAULT_LIMIT
    offset: int = 0
    problems: list[str] = field(default_factory=list)

    def validate(self) -> "DirectiveQuery":
        for name in ("due_before", "due_after", "today"):
            value = getattr(self, name)
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise KnowledgeBaseError(f"{name.replace('_', '-')}: {value!r} is no ISO date (2026-02-01)") from None
        return self


@dataclass
class Parties:
    """Who a name may be: people, organizations, and the folded name itself."""

    people: list[int]
    orgs: list[int]
    key: str


def parties(db: Database, name: str) -> Parties:
    """Every person and organization a name may mean (all aliases match)."""
    people = find_people(db, [name])
    key = org_key(name)
    orgs = find_orgs(db, org_forms(name), key.country, every=True)
    if not people and not orgs and key.base:  # a part of a name: "финансов"
        pattern = f"%{key.base}%"
        orgs = [r[0] for r in db.execute("SELECT DISTINCT org_id FROM org_aliases WHERE key LIKE ?", [pattern])]
        people = [r[0] for r in db.execute("SELECT DISTINCT person_id FROM person_aliases WHERE key LIKE ?",
                                           [f"%{fold(name)}%"])]
    return Parties(people, orgs, fold(name))


def _ids(values: list[int]) -> str:
    return ",".join(str(int(v)) for v in values) or "NULL"


def _party_filter(db: Database, name: str, select: str, key_col: str, org_col: str, person_col: str,
                  where: list[str], params: list) -> None:
    """Directives whose party is `name` by any alias: each part a separate index lookup
    (an OR of them would scan)."""
    p = parties(db, name)
    parts = [f"{select} WHERE {key_col} = ?"]
    if p.orgs:
        parts.append(f"{select} WHERE {org_col} IN ({_ids(p.orgs)})")
    if p.people:
        parts.append(f"{select} WHERE {person_col} IN ({_ids(p.people)})")
    where.append(f"d.id IN ({' UNION '.join(parts)})")
    params.append(p.key)


def _where(db: Database, q: DirectiveQuery) -> tuple[list[str], list]:
    where, params = [], []
    if q.assignee:
        _party_filter(db, q.assignee, "SELECT directive_id FROM directive_assignees", "key", "org_id", "person_id",
                      where, params)
    if q.issuer:
        _party_filter(db, q.issuer, "SELECT id FROM directives", "issuer_key", "issuer_org_id", "issuer_person_id",
                      where, params)
    # due_sort is the due date, or NO_DUE (after every date) when there is none
    if q.due_before:
        where.append("d.due_sort < ?")
        params.append(q.due_before)
    if q.due_after:
        where.append("d.due_sort > ? AND d.due_sort < ?")
        params += [q.due_after, NO_DUE]
    if q.overdue:
        where.append("d.due_sort < ?")
        params.append(q.today or date.today().isoformat())
    if q.search:
        expression = match_expression(q.search)
        if expression:
            where.append("d.id IN (SELECT rowid FROM directives_fts WHERE directives_fts MATCH ?)")
            params.append(expression)
    if q.document:
        where.append("d.document_id = (SELECT id FROM documents WHERE doc_id = ?)")
        params.append(q.document)
    return where, params


SELECT = """SELECT d.id, d.action, d.trigger, d.text AS sentence, d.start, d."end",
    d.issuer_name, d.issuer_role, d.issuer_person_id, d.issuer_org_id,
    coalesce(ip.name, io.name, d.issuer_name) AS issuer,
    doc.id AS document_id, doc.doc_id, doc.title, doc.published, doc.url,
    dl.date AS deadline_date, dl.immediate AS deadline_immediate, dl.duration AS deadline_duration,
    dl.due, dl.text AS deadline_text
FROM directives d
JOIN documents doc ON doc.id = d.document_id
LEFT JOIN deadlines dl ON dl.directive_id = d.id
LEFT JOIN people ip ON ip.id = d.issuer_person_id
LEFT JOIN organizations io ON io.id = d.issuer_org_id"""


def directives(db: Database, q: DirectiveQuery) -> list[dict]:
    """Directives that pass every filter, soonest deadline first (no deadline last)."""
    where, params = _where(db, q.validate())
    # ids first (indexes only), then the page's rows with their joins
    sql = "SELECT d.id FROM directives d" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY d.due_sort, d.id"
    if q.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [q.limit, q.offset]
    return _by_ids(db, [r[0] for r in db.execute(sql, params)])


def count_directives(db: Database, q: DirectiveQuery) -> int:
    where, params = _where(db, q.validate())
    sql = "SELECT count(*) FROM directives d" + (" WHERE " + " AND ".join(where) if where else "")
    return db.execute(sql, params).fetchone()[0]


def _attach_assignees(db: Database, rows: list[dict]) -> None:
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        row["assignees"] = []
    if not by_id:
        return
    for directive_id, name, kind, role, person_id, org_id, pname, oname in db.execute(
            f"""SELECT a.directive_id, a.name, a.type, a.role, a.person_id, a.org_id, p.name, o.name
            FROM directive_assignees a LEFT JOIN people p ON p.id = a.person_id
            LEFT JOIN organizations o ON o.id = a.org_id
            WHERE a.directive_id IN ({_ids(list(by_id))}) ORDER BY a.directive_id, a.position"""):
        entity = f"P{person_id}" if person_id else (f"O{org_id}" if org_id else None)
        by_id[directive_id]["assignees"].append(
            {"name": pname or oname or name, "as_written": name, "type": kind, "role": role, "id": entity})


def deadline_label(row: dict) -> str:
    if row.get("deadline_date"):
        return row["deadline_date"]
    if row.get("deadline_immediate"):
        return "незамедлительно"
    if row.get("deadline_duration"):
        return row["deadline_duration"]
    return ""


def directive(db: Database, directive_id: int | str) -> dict:
    """One directive with its sentence, document and the other directives to its assignees."""
    text = str(directive_id).strip().upper().lstrip("D")
    if not text.isdigit():
        raise KnowledgeBaseError(f"{directive_id!r} is no directive id (a number, as `kb directives` shows)")
    cursor = db.execute(SELECT + " WHERE d.id = ?", [int(text)])
    names = [c[0] for c in cursor.description]
    found = cursor.fetchone()
    if not found:
        raise KnowledgeBaseError(f"no directive {directive_id}")
    row = dict(zip(names, found))
    _attach_assignees(db, [row])
    row["deadline"] = deadline_label(row)
    people = [int(a["id"][1:]) for a in row["assignees"] if a["id"] and a["id"][0] == "P"]
    orgs = [int(a["id"][1:]) for a in row["assignees"] if a["id"] and a["id"][0] == "O"]
    keys = [fold(a["as_written"]) for a in row["assignees"] if not a["id"]]
    parts = [f"SELECT directive_id FROM directive_assignees WHERE {column} IN ({_ids(ids)})"
             for column, ids in (("org_id", orgs), ("person_id", people)) if ids]
    if keys:
        parts.append(f"SELECT directive_id FROM directive_assignees WHERE key IN ({','.join('?' * len(keys))})")
    others = [r[0] for r in db.execute(
        f"SELECT directive_id FROM ({' UNION '.join(parts)}) WHERE directive_id <> ? "
        f"ORDER BY directive_id DESC LIMIT 50", [*keys, row["id"]])] if parts else []
    row["related"] = _by_ids(db, others)
    return row


def _by_ids(db: Database, ids: list[int]) -> list[dict]:
    if not ids:
        return []
    cursor = db.execute(SELECT + f" WHERE d.id IN ({_ids(ids)}) ORDER BY d.due_sort, d.id")
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, r)) for r in cursor.fetchall()]
    _attach_assignees(db, rows)
    for r in rows:
        r["deadline"] = deadline_label(r)
    return rows


def people(db: Database, name: Optional[str] = None, limit: Optional[int] = None) -> list[dict]:
    """People with their aliases, roles, and how often they are named and instructed."""
    where, params = "", []
    if name:
        ids = parties(db, name).people
        where = f"WHERE p.id IN ({_ids(ids)})"
    sql = f"""SELECT p.id, p.name,
        (SELECT json_group_array(alias) FROM (SELECT DISTINCT alias FROM person_aliases WHERE person_id = p.id
            AND alias <> p.name ORDER BY alias)) AS aliases,
        (SELECT json_group_array(title) FROM (SELECT DISTINCT title FROM person_roles WHERE person_id = p.id
            ORDER BY title)) AS roles,
        (SELECT count(DISTINCT document_id) FROM mentions WHERE person_id = p.id) AS documents,
        (SELECT count(*) FROM directives WHERE issuer_person_id = p.id) AS issued,
        (SELECT count(*) FROM directive_assignees WHERE person_id = p.id) AS assigned
        FROM people p {where} ORDER BY documents DESC, p.name"""
    return _entities(db, sql, params, limit, "P", ("aliases", "roles"))


def orgs(db: Database, name: Optional[str] = None, limit: Optional[int] = None) -> list[dict]:
    """Organizations with their aliases, and how often they are named and instructed."""
    where, params = "", []
    if name:
        where = f"WHERE o.id IN ({_ids(parties(db, name).orgs)})"
    sql = f"""SELECT o.id, o.name, o.kind, o.country,
        (SELECT json_group_array(alias) FROM (SELECT DISTINCT alias FROM org_aliases WHERE org_id = o.id
            AND kind = 'name' AND alias <> o.name ORDER BY alias)) AS aliases,
        (SELECT count(DISTINCT document_id) FROM mentions WHERE org_id = o.id) AS documents,
        (SELECT count(*) FROM directives WHERE issuer_org_id = o.id) AS issued,
        (SELECT count(*) FROM directive_assignees WHERE org_id = o.id) AS assigned
        FROM organizations o {where} ORDER BY documents DESC, assigned DESC, o.name"""
    return _entities(db, sql, params, limit, "O", ("aliases",))


def _entities(db, sql, params, limit, prefix, json_columns) -> list[dict]:
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    rows = []
    for values in cursor.fetchall():
        row = dict(zip(names, values))
        row["id"] = f"{prefix}{row['id']}"
        for column in json_columns:
            row[column] = json.loads(row[column] or "[]")
        rows.append(row)
    return rows


def entity(db: Database, entity_id: str) -> dict:
    """A person or organization (P12, O7) with the directives it issued and received."""
    kind, number = parse_entity_id(entity_id)
    rows = (people if kind == "person" else orgs)(db)
    found = next((r for r in rows if r["id"] == entity_id.strip().upper()), None)
    if found is None:
        raise KnowledgeBaseError(f"no {kind} {entity_id}")
    column = "person_id" if kind == "person" else "org_id"
    issued = [r[0] for r in db.execute(f"SELECT id FROM directives WHERE issuer_{column} = ? LIMIT 200", [number])]
    assigned = [r[0] for r in db.execute(
        f"SELECT DISTINCT directive_id FROM directive_assignees WHERE {column} = ? LIMIT 200", [number])]
    found["kind"] = kind
    found["issued_directives"] = _by_ids(db, issued)
    found["assigned_directives"] = _by_ids(db, assigned)
    return found


def document(db: Database, doc_id: str | int) -> dict:
    """A stored document: metadata, text (or None), its record and its directive ids."""
    column = "id" if isinstance(doc_id, int) else "doc_id"
    cursor = db.execute(f"SELECT id, doc_id, title, published, url, source, rubric, text, record "
                        f"FROM documents WHERE {column} = ?", [doc_id])
    names = [c[0] for c in cursor.description]
    found = cursor.fetchone()
    if not found:
        raise KnowledgeBaseError(f"no document {doc_id}")
    row = dict(zip(names, found))
    row["record"] = json.loads(row["record"])
    row["directive_ids"] = [r[0] for r in db.execute(
        "SELECT id FROM directives WHERE document_id = ? ORDER BY position", [row["id"]])]
    row["people"] = {m: p for m, p in db.execute(
        "SELECT DISTINCT start || ':' || \"end\", person_id FROM mentions WHERE document_id = ? AND person_id IS NOT NULL",
        [row["id"]])}
    row["orgs"] = {m: o for m, o in db.execute(
        "SELECT DISTINCT start || ':' || \"end\", org_id FROM mentions WHERE document_id = ? AND org_id IS NOT NULL",
        [row["id"]])}
    return row


def counts(db: Database) -> dict:
    """How many of each thing the base holds."""
    tables = {"documents": "documents", "directives": "directives", "people": "people",
              "organizations": "organizations", "mentions": "mentions", "deadlines": "deadlines"}
    return {name: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for name, t in tables.items()}
