"""`extractor kb ...`: a thin typer face over extractor.kb (mounted by extractor/cli.py)."""
from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import ExtractorError

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

Db = Annotated[Path, typer.Option("--db", help="the knowledge base file (created when missing)")]
Format = Annotated[str, typer.Option("--format", "-f", help="table, json or csv")]
FORMATS = ("table", "json", "csv")


def _fail(exc: Exception) -> typer.Exit:
    message = exc.message if isinstance(exc, ExtractorError) else str(exc)
    code = f" [{exc.code}]" if isinstance(exc, ExtractorError) else ""
    typer.echo(f"error{code}: {message}", err=True)
    return typer.Exit(2)


def _open(db: Path):
    from .store import open_db

    return open_db(db)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        typer.echo(f"error: --format must be one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)


def _emit(rows: list[dict], fmt: str, columns: list[tuple[str, str]], title: str = "") -> None:
    """Rows as a rich table, JSON (all fields) or CSV (the table's columns)."""
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    cells = [[_cell(row.get(key)) for key, _ in columns] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([key for key, _ in columns])
        writer.writerows(cells)
        sys.stdout.write(buffer.getvalue())
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False)
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for row in cells:
        table.add_row(*row)
    Console().print(table)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(v["name"] if isinstance(v, dict) else str(v) for v in value)
    return str(value)


@app.command("ingest")
def ingest_cli(
    files: Annotated[list[Path], typer.Argument(help="batch output: JSONL records (`extractor batch -o OUT.jsonl`)")],
    db: Db = Path("directives.sqlite"),
    texts: Annotated[Optional[list[Path]], typer.Option("--texts", help="the batch input JSONL, for document texts "
                                                        "(matched by doc_id); repeatable")] = None,
    text_field: Annotated[str, typer.Option("--text-field", help="the field of --texts that holds the text")] = "text",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no summary")] = False,
):
    """Load batch output: one transaction per document, idempotent, error records skipped and counted."""
    from .ingestion import ingest
    from .query import counts

    try:
        base = _open(db)
        summary = ingest(base, files, texts=texts or (), text_field=text_field)
        totals = counts(base)
    except ExtractorError as exc:
        raise _fail(exc) from None
    for problem in summary.problems[:20]:
        typer.echo(f"warning: {problem}", err=True)
    if not quiet:
        s = summary
        typer.echo(f"{s.records} records: {s.added} added, {s.replaced} replaced, {s.unchanged} unchanged, "
                   f"{s.errors} error records skipped, {s.invalid} invalid; {s.with_text} stored with their text")
        typer.echo("base: " + ", ".join(f"{v} {k}" for k, v in totals.items()))


@app.command("directives")
def directives_cli(
    db: Db = Path("directives.sqlite"),
    assignee: Annotated[Optional[str], typer.Option("--assignee", help="any name or alias of who must act")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="any name or alias of who instructed")] = None,
    due_before: Annotated[Optional[str], typer.Option("--due-before", help="deadline before this date (ISO)")] = None,
    due_after: Annotated[Optional[str], typer.Option("--due-after", help="deadline after this date (ISO)")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="deadline passed as of --today")] = False,
    today: Annotated[Optional[str], typer.Option("--today", help="the date for --overdue (ISO; default today)")] = None,
    search: Annotated[Optional[str], typer.Option("--search", help="words of the action or sentence, any form")] = None,
    document: Annotated[Optional[str], typer.Option("--document", help="only this doc_id")] = None,
    limit: Annotated[int, typer.Option("--limit", help="at most this many (0: all)")] = 100,
    fmt: Format = "table",
):
    """Directives that pass every filter, soonest deadline first."""
    from .query import DirectiveQuery, count_directives, directives

    _check_format(fmt)
    q = DirectiveQuery(assignee=assignee, issuer=issuer, due_before=due_before, due_after=due_after, overdue=overdue,
                       today=today or date.today().isoformat(), search=search, document=document,
                       limit=limit or None)
    try:
        base = _open(db)
        rows = directives(base, q)
        total = count_directives(base, q) if fmt == "table" else len(rows)
    except ExtractorError as exc:
        raise _fail(exc) from None
    columns = [("id", "ID"), ("deadline", "Срок"), ("issuer", "Кто поручил"), ("assignees", "Кому"),
               ("action", "Что сделать"), ("doc_id", "Документ"), ("published", "Дата")]
    shown = f"{len(rows)} of {total}" if total > len(rows) else f"{total}"
    _emit(rows, fmt, columns, title=f"Поручения: {shown}")


@app.command("people")
def people_cli(
    db: Db = Path("directives.sqlite"),
    name: Annotated[Optional[str], typer.Option("--name", help="only people this name may be")] = None,
    limit: Annotated[int, typer.Option("--limit", help="at most this many (0: all)")] = 0,
    fmt: Format = "table",
):
    """People: their aliases, roles, and directives they issued or received."""
    from .query import people

    _check_format(fmt)
    try:
        rows = people(_open(db), name, limit or None)
    except ExtractorError as exc:
        raise _fail(exc) from None
    _emit(rows, fmt, [("id", "ID"), ("name", "Имя"), ("aliases", "Другие формы"), ("roles", "Должности"),
                      ("documents", "Док."), ("issued", "Поручил"), ("assigned", "Получил")], title="Люди")


@app.command("orgs")
def orgs_cli(
    db: Db = Path("directives.sqlite"),
    name: Annotated[Optional[str], typer.Option("--name", help="only organizations this name may be")] = None,
    limit: Annotated[int, typer.Option("--limit", help="at most this many (0: all)")] = 0,
    fmt: Format = "table",
):
    """Organizations: their aliases, and directives they issued or received."""
    from .query import orgs

    _check_format(fmt)
    try:
        rows = orgs(_open(db), name, limit or None)
    except ExtractorError as exc:
        raise _fail(exc) from None
    _emit(rows, fmt, [("id", "ID"), ("name", "Название"), ("aliases", "Другие названия"), ("country", "Страна"),
                      ("documents", "Док."), ("issued", "Поручила"), ("assigned", "Получила")], title="Организации")


@app.command("show")
def show_cli(
    item: Annotated[str, typer.Argument(help="a directive id (12), or a person (P3) or organization (O7)")],
    db: Db = Path("directives.sqlite"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
):
    """A directive with its source sentence, document and other directives to the same assignees."""
    from .query import directive, entity

    try:
        base = _open(db)
        is_entity = item.strip()[:1].upper() in ("P", "O")
        row = entity(base, item) if is_entity else directive(base, item)
    except ExtractorError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        sys.stdout.write(json.dumps(row, ensure_ascii=False, indent=2) + "\n")
        return
    if is_entity:
        typer.echo(f"{row['id']}  {row['name']}")
        for label, key in (("aliases", "aliases"), ("roles", "roles")):
            if row.get(key):
                typer.echo(f"  {label}: {'; '.join(row[key])}")
        for label, key in (("issued", "issued_directives"), ("received", "assigned_directives")):
            typer.echo(f"  {label}: {len(row[key])}")
            for other in row[key][:20]:
                typer.echo(f"    [{other['id']}] {other['deadline'] or '—'}  {other['action']}  ({other['doc_id']})")
        return
    typer.echo(f"[{row['id']}] {row['action']}")
    issuer = row["issuer"] or "—"
    typer.echo(f"  issuer:    {issuer}{' (' + row['issuer_role'] + ')' if row.get('issuer_role') else ''}")
    typer.echo("  assignees: " + ("; ".join(a["name"] for a in row["assignees"]) or "—"))
    deadline = row["deadline"] or "—"
    typer.echo(f"  deadline:  {deadline}{' (' + row['deadline_text'] + ')' if row.get('deadline_text') else ''}"
               f"{'; due ' + row['due'] if row.get('due') else ''}")
    typer.echo(f"  document:  {row['doc_id']}  {row['published'] or ''}  {row['title'] or ''}")
    if row.get("url"):
        typer.echo(f"  url:       {row['url']}")
    typer.echo(f"  sentence:  {row['sentence'] or '—'}")
    if row["related"]:
        typer.echo("  other directives to the same assignees:")
        for other in row["related"]:
            typer.echo(f"    [{other['id']}] {other['deadline'] or '—'}  {other['action']}  ({other['doc_id']})")


@app.command("merge")
def merge_cli(
    keep: Annotated[str, typer.Argument(help="the person (P3) or organization (O7) to keep")],
    others: Annotated[list[str], typer.Argument(help="the ones that are the same, merged into it")],
    db: Db = Path("directives.sqlite"),
):
    """Fix a wrong split by hand: merge people or organizations into one (aliases, mentions, directives)."""
    from .identity import merge

    try:
        merged = merge(_open(db), keep, others)
    except ExtractorError as exc:
        raise _fail(exc) from None
    typer.echo(f"merged into {keep.upper()}: {', '.join(merged) or 'nothing'}")
