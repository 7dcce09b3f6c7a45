"""The store: one SQLite file, created and migrated by the tool, foreign keys on.

Migrations are the numbered `NNNN_name.sql` files beside this module, applied in order, each
in one transaction with its optional Python step (`STEPS`); `PRAGMA user_version` holds the
version reached and the `migrations` table says when each was applied.
"""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Callable, Optional, TYPE_CHECKING


from ..errors import KnowledgeBaseError
from . import search

if TYPE_CHECKING:  # sqlite_utils loads when a base is opened, not on every command
    from sqlite_utils import Database

DEFAULT_DB = Path("directives.sqlite")
MIGRATION_FILE = re.compile(r"^(\d{4})_(\w+)\.sql$")

# Python steps run after a migration's SQL, in the same transaction
STEPS: dict[int, Callable[[Database], object]] = {2: search.reindex}


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped, in order."""
    found = []
    for entry in resources.files(__package__).iterdir():
        m = MIGRATION_FILE.match(entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort()
    if [v for v, _, _ in found] != list(range(1, len(found) + 1)):
        raise KnowledgeBaseError(f"migrations are not numbered 1..n: {[v for v, _, _ in found]}")
    return found


LATEST = len(migrations())


def statements(sql: str) -> list[str]:
    """Split a script into statements (triggers keep their inner semicolons)."""
    out, current = [], ""
    for line in sql.splitlines(keepends=True):
        if not current and line.strip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


def version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: Database, target: Optional[int] = None) -> list[int]:
    """Bring the base to `target` (default: the latest); returns the versions applied."""
    target = LATEST if target is None else target
    current = version(db)
    if current > LATEST:
        raise KnowledgeBaseError(f"the knowledge base is at version {current}, newer than this extractor "
                                 f"knows ({LATEST}): upgrade extractor")
    applied = []
    for number, name, sql in migrations():
        if number <= current or number > target:
            continue
        with db.atomic():
            db.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                       "applied_at TEXT NOT NULL)")
            for statement in statements(sql):
                db.execute(statement)
            if number in STEPS:
                STEPS[number](db)
            db.execute("INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                       [number, name, now()])
            db.execute(f"PRAGMA user_version = {number}")
        applied.append(number)
    return applied


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def open_db(path: Path | str = DEFAULT_DB, *, read_only: bool = False, migrate_to: Optional[int] = None) -> Database:
    """The knowledge base at `path`, created and migrated unless `read_only`."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise KnowledgeBaseError(f"no knowledge base at {path}: create it with `extractor kb ingest`")
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        from sqlite_utils import Database

        db = Database(conn)
        if version(db) != LATEST:
            raise KnowledgeBaseError(f"{path} is at version {version(db)}, this extractor reads version {LATEST}: "
                                     f"run any `extractor kb` command on it to migrate it")
    else:
        if path.parent and not path.parent.exists():
            raise KnowledgeBaseError(f"no folder {path.parent} for the knowledge base")
        from sqlite_utils import Database

        db = Database(sqlite3.connect(str(path), check_same_thread=False))
    db.conn.isolation_level = None  # transactions are explicit (db.atomic)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA cache_size = -65536")  # 64 MiB: a base of 100,000 directives is ~300 MB
    db.execute("PRAGMA mmap_size = 268435456")
    if not read_only:
        db.execute("PRAGMA journal_mode = WAL")
        migrate(db, migrate_to)
    return db
