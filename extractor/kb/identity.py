"""Cross-document identity: which stored person or organization a name is, and manual merges.

The rules themselves are in names.py (people) and orgs.py (organizations); this module applies
them against the base. A name first looks for an alias already stored (so a manual merge
holds for every later ingest), then for an entity its rules call the same, else it starts a
new one. When unsure it starts a new one: `extractor kb merge` fixes a split, nothing shows a
wrong merge.
"""
from __future__ import annotations

from typing import Iterable, Optional, TYPE_CHECKING


from ..errors import KnowledgeBaseError
from .names import PersonName, combine, compatible, display_score, fold, parse_name
from .orgnames import acronym_of, expansion, min_compound_matches, org_key
from .store import now

if TYPE_CHECKING:  # sqlite_utils loads when a base is opened, not on every command
    from sqlite_utils import Database


def person_key(name: str) -> str:
    return parse_name(name).key or fold(name)


# ---------------------------------------------------------------- people


def find_people(db: Database, forms: Iterable[str]) -> list[int]:
    """People a name may be, best first (the rules of names.py)."""
    forms = [f for f in forms if f and f.strip()]
    if not forms:
        return []
    keys = [person_key(f) for f in forms]
    rows = db.execute(f"SELECT person_id, key FROM person_aliases WHERE key IN ({','.join('?' * len(keys))})",
                      keys).fetchall()
    if rows:
        by_key = {}
        for person_id, key in rows:
            by_key.setdefault(key, set()).add(person_id)
        for key in keys:  # the name's own key first, then its aliases'
            if key in by_key:
                return sorted(by_key[key])
    parsed = _combined(forms)
    if not parsed.surname:
        return []
    candidates = [(pid, PersonName(s, g, p)) for pid, s, g, p in
                  db.execute("SELECT id, surname, given, patronymic FROM people WHERE surname = ? ORDER BY id",
                             [parsed.surname]).fetchall()]
    if not parsed.given and not parsed.patronymic:  # a surname alone: only when unique
        return [candidates[0][0]] if len(candidates) == 1 else []
    matching = [(pid, known) for pid, known in candidates if compatible(parsed, known)]
    if len(matching) > 1 and parsed.given_full:
        matching = [(pid, known) for pid, known in matching if known.given == parsed.given]
    return [matching[0][0]] if len(matching) == 1 else []


def _combined(forms: list[str]) -> PersonName:
    parsed = [parse_name(f) for f in forms]
    best = max(parsed, key=lambda p: p.completeness())
    for other in parsed:
        if other is not best and compatible(best, other):
            best = combine(best, other)
    return best


def resolve_person(db: Database, name: str, aliases: Iterable[str] = ()) -> int:
    """The id of the person `name` is (created when new); its forms are stored as aliases."""
    forms = [name, *[a for a in aliases if a]]
    found = find_people(db, forms)
    parsed = _combined(forms)
    if found:
        person_id = found[0]
        row = db.execute("SELECT name, surname, given, patronymic FROM people WHERE id = ?", [person_id]).fetchone()
        known = PersonName(row[1], row[2], row[3])
        if compatible(known, parsed):
            merged = combine(known, parsed)
            display = name if display_score(name) > display_score(row[0]) else row[0]
            db.execute("UPDATE people SET name = ?, surname = ?, given = ?, patronymic = ? WHERE id = ?",
                       [display, merged.surname, merged.given, merged.patronymic, person_id])
    else:
        display = max(forms, key=display_score)
        person_id = db.execute("INSERT INTO people (name, surname, given, patronymic) VALUES (?, ?, ?, ?)",
                               [display, parsed.surname, parsed.given, parsed.patronymic]).lastrowid
    for form in forms:
        db.execute("INSERT OR IGNORE INTO person_aliases (person_id, alias, key) VALUES (?, ?, ?)",
                   [person_id, form, person_key(form)])
    return person_id


# ---------------------------------------------------------------- organizations


def _is_short(name: str) -> bool:
    key = org_key(name)
    return key.acronym or (" " not in key.base and key.base.startswith("мин")) or expansion(name) is not None


def org_forms(name: str, aliases: Iterable[str] = ()) -> list[str]:
    forms = [name, *[a for a in aliases if a and a.strip()]]
    for form in list(forms):
        full = expansion(form)
        if full and full not in forms:
            forms.append(full)
    return forms


def find_orgs(db: Database, forms: list[str], country: Optional[str] = None, *, every: bool = False) -> list[int]:
    """Organizations the names may be, best first (the rules of orgs.py). Short forms count only
    when no full name matches, unless `every` (a query: "Минфин" means every ministry of finance)."""
    keys = [org_key(f) for f in forms]
    bases = sorted({k.base for k in keys if k.base})
    if not bases:
        return []
    marks = ",".join("?" * len(bases))
    ids = [r[0] for r in db.execute(
        f"SELECT DISTINCT org_id FROM org_aliases WHERE kind = 'name' AND key IN ({marks})", bases)]
    if not ids or every:
        ids = sorted(set(ids) | set(_short_form_matches(db, forms, keys)))
    if not ids:
        return []
    rows = db.execute(f"SELECT id, country FROM organizations WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id",
                      ids).fetchall()
    if country:
        same = [i for i, c in rows if c == country]
        unknown = [i for i, c in rows if c is None]
        return same + unknown
    unknown = [i for i, c in rows if c is None]
    return unknown + [i for i, c in rows if c is not None]


def _short_form_matches(db: Database, forms: list[str], keys) -> list[int]:
    ids: set[int] = set()
    for form, key in zip(forms, keys):
        if key.acronym:  # "МНЭ РК" -> the organization whose acronym is "мнэ"
            ids.update(r[0] for r in db.execute(
                "SELECT org_id FROM org_aliases WHERE kind = 'acronym' AND key = ?", [key.base]))
        elif " " not in key.base and key.base.startswith("мин"):  # "Минфин" -> a ministry
            for org_id, full in db.execute("SELECT org_id, key FROM org_aliases WHERE kind = 'name' "
                                           "AND key LIKE 'министерство %'"):
                if min_compound_matches(key.base, full):
                    ids.add(org_id)
        elif key.base.startswith("министерство "):  # a ministry known so far only as "Минфин"
            for org_id, short in db.execute("SELECT org_id, key FROM org_aliases WHERE kind = 'name' "
                                            "AND key LIKE 'мин%' AND key NOT LIKE '% %'"):
                if min_compound_matches(short, key.base):
                    ids.add(org_id)
        acronym = acronym_of(form)
        if acronym:  # a full name, known so far only by its acronym
            ids.update(r[0] for r in db.execute(
                "SELECT org_id FROM org_aliases WHERE kind = 'name' AND key = ? AND alias = upper(alias)", [acronym]))
    return sorted(ids)


def resolve_org(db: Database, name: str, aliases: Iterable[str] = (), *, kind: Optional[str] = None,
                document_country: Optional[str] = None) -> int:
    """The id of the organization `name` is (created when new); its forms are stored as aliases."""
    forms = org_forms(name, aliases)
    keys = [org_key(f) for f in forms]
    country = next((k.country for k in keys if k.country), None) or document_country
    found = find_orgs(db, forms, country)
    if found:
        org_id = found[0]
        current, current_kind = db.execute("SELECT name, kind FROM organizations WHERE id = ?", [org_id]).fetchone()
        if _is_short(current) and not _is_short(name):
            db.execute("UPDATE organizations SET name = ? WHERE id = ?", [name, org_id])
        if kind and not current_kind:
            db.execute("UPDATE organizations SET kind = ? WHERE id = ?", [kind, org_id])
    else:
        display = next((f for f in forms if not _is_short(f)), name)
        org_id = db.execute("INSERT INTO organizations (name, kind, country) VALUES (?, ?, ?)",
                            [display, kind, country]).lastrowid
    add_org_aliases(db, org_id, forms)
    return org_id


def add_org_aliases(db: Database, org_id: int, forms: Iterable[str]) -> None:
    for form in forms:
        key = org_key(form)
        if not key.base:
            continue
        db.execute("INSERT OR IGNORE INTO org_aliases (org_id, alias, key, kind) VALUES (?, ?, ?, 'name')",
                   [org_id, form, key.base])
        acronym = acronym_of(form)
        if acronym:
            db.execute("INSERT OR IGNORE INTO org_aliases (org_id, alias, key, kind) VALUES (?, ?, ?, 'acronym')",
                       [org_id, acronym.upper(), acronym])


# ---------------------------------------------------------------- merges and clean-up


def parse_entity_id(text: str) -> tuple[str, int]:
    """"P12" -> ("person", 12), "O7" -> ("organization", 7)."""
    text = text.strip().upper()
    kinds = {"P": "person", "O": "organization"}
    if len(text) < 2 or text[0] not in kinds or not text[1:].isdigit():
        raise KnowledgeBaseError(f"{text!r} is no person or organization id: use P12 or O7 "
                                 f"(see `extractor kb people` and `extractor kb orgs`)")
    return kinds[text[0]], int(text[1:])


def merge(db: Database, keep: str, others: Iterable[str]) -> list[str]:
    """Merge people into a person, or organizations into an organization; returns the merged names."""
    kind, keep_id = parse_entity_id(keep)
    table, alias_table, column = (("people", "person_aliases", "person_id") if kind == "person"
                                  else ("organizations", "org_aliases", "org_id"))
    merged = []
    with db.atomic():
        if not db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [keep_id]).fetchone():
            raise KnowledgeBaseError(f"no {kind} {keep}")
        for other in others:
            other_kind, other_id = parse_entity_id(other)
            if other_kind != kind:
                raise KnowledgeBaseError(f"cannot merge {other} ({other_kind}) into {keep} ({kind})")
            if other_id == keep_id:
                continue
            row = db.execute(f"SELECT name FROM {table} WHERE id = ?", [other_id]).fetchone()
            if not row:
                raise KnowledgeBaseError(f"no {kind} {other}")
            db.execute(f"INSERT OR IGNORE INTO {alias_table} SELECT ?, alias, key"
                       f"{', kind' if kind == 'organization' else ''} FROM {alias_table} WHERE {column} = ?",
                       [keep_id, other_id])
            for sql in (f"UPDATE mentions SET {column} = ? WHERE {column} = ?",
                        f"UPDATE directive_assignees SET {column} = ? WHERE {column} = ?",
                        f"UPDATE directives SET issuer_{column} = ? WHERE issuer_{column} = ?"):
                db.execute(sql, [keep_id, other_id])
            if kind == "person":
                db.execute("INSERT OR IGNORE INTO person_roles SELECT ?, document_id, title FROM person_roles "
                           "WHERE person_id = ?", [keep_id, other_id])
            db.execute(f"DELETE FROM {table} WHERE id = ?", [other_id])
            db.execute("INSERT INTO merges (kind, kept_id, merged_id, merged_name, merged_at) VALUES (?, ?, ?, ?, ?)",
                       [kind, keep_id, other_id, row[0], now()])
            merged.append(row[0])
    return merged


def drop_orphans(db: Database) -> None:
    """People and organizations nothing refers to any more (after a document was replaced)."""
    db.execute("""DELETE FROM people WHERE id NOT IN (SELECT person_id FROM mentions WHERE person_id IS NOT NULL)
        AND id NOT IN (SELECT person_id FROM person_roles)
        AND id NOT IN (SELECT person_id FROM directive_assignees WHERE person_id IS NOT NULL)
        AND id NOT IN (SELECT issuer_person_id FROM directives WHERE issuer_person_id IS NOT NULL)""")
    db.execute("""DELETE FROM organizations WHERE id NOT IN (SELECT org_id FROM mentions WHERE org_id IS NOT NULL)
        AND id NOT IN (SELECT org_id FROM directive_assignees WHERE org_id IS NOT NULL)
        AND id NOT IN (SELECT issuer_org_id FROM directives WHERE issuer_org_id IS NOT NULL)""")
