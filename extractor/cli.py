"""The command line: a thin typer layer over the library.

Commands parse arguments, call one library function, print, and turn library errors into
exit codes: 2 for what the user can fix (missing file, unreadable input, missing models),
1 for a failed run (`batch --strict`).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import ExtractorError

app = typer.Typer(
    name="extractor",
    help="Structured data from Russian-language government press releases: people, organizations, "
    "figures, dates and directives, each with its character offsets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(error: Exception, code: int = 2) -> typer.Exit:
    message = error.message if isinstance(error, ExtractorError) else str(error)
    prefix = f"error [{error.code}]" if isinstance(error, ExtractorError) else "error"
    typer.echo(f"{prefix}: {message}", err=True)
    return typer.Exit(code)


@app.callback()
def _command():
    # main() pauses the garbage collector while the command line loads (typer, pydantic);
    # each command runs with it on (extract pauses it again while the library loads)
    import gc

    gc.enable()


Backend = Annotated[str, typer.Option("--backend", "-b", help="linguistic backend: natasha (default) or stanza")]


@app.command("extract")
def extract_cli(
    file: Annotated[Path, typer.Argument(help="a .txt release (UTF-8, UTF-8 BOM, UTF-16, CP1251 or KOI8-R)")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="write the JSON here instead of stdout")] = None,
    published: Annotated[Optional[str], typer.Option(help="publication date (ISO), if the file does not say")] = None,
    backend: Backend = "natasha",
    compact: Annotated[bool, typer.Option("--compact", help="one line of JSON")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="json (default) or summary (for reading)")] = "json",
):
    """Extract the record of one file and print it as JSON (or a short summary)."""
    from ._lean import paused_gc

    try:
        with paused_gc():
            from .api import extract

            record = extract(Path(file), backend=backend, published=published)
    except ExtractorError as exc:
        raise fail(exc) from None
    if format == "summary":
        from .render import summary

        text = summary(record)
    elif format == "json":
        text = record.model_dump_json(indent=None if compact else 2)
    else:
        raise fail(ValueError(f"--format must be json or summary, not {format!r}"))
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    from . import regexes

    regexes.save()  # the patterns this run compiled, for the next (the process ends with os._exit)
    _done.append("extract")


@app.command("batch")
def batch_cli(
    inputs: Annotated[list[str], typer.Argument(help="folders, .txt/.html/.json/.jsonl(.gz) files, RSS/Atom feeds, or - for stdin")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the JSONL to write: one line per input document")],
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", help="processes (default: all cores; 0: this process)")] = None,
    text_field: Annotated[str, typer.Option("--text-field", help="the JSONL field that holds the text")] = "text",
    resume: Annotated[bool, typer.Option("--resume", help="skip documents already in OUTPUT and complete it")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="stop at the first document that fails (exit 1)")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress on stderr")] = False,
    backend: Backend = "natasha",
    engine: Annotated[str, typer.Option("--engine", help="local (processes) or dask")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address for --engine dask")] = None,
):
    """Extract records from many documents into JSONL, one line per document, errors included.

    Documents that cannot be read or processed get a record with an `error` (code, message);
    the run goes on (exit 0) unless --strict. --resume completes an interrupted run.
    --workers 0 works in this process. See docs/batch.md.
    """
    if engine == "local" and workers != 0 and backend == "natasha":  # other backends are checked first
        from .engines.local import prestart

        prestart(backend)  # the models load in the fork server while this process starts up
    from .batch import run_batch

    try:
        summary = run_batch(inputs, output, workers=workers, text_field=text_field, resume=resume, strict=strict,
                            quiet=quiet, backend=backend, engine=engine, scheduler=scheduler)
    except ExtractorError as exc:
        raise fail(exc, code=1 if strict and exc.code.startswith("E02") else 2) from None
    typer.echo(f"extractor batch: {summary.line()}", err=True)
    if engine == "local":  # the workers are gone and the output closed; a Dask client may still hold threads
        _done.append("batch")
    if strict and summary.errors:
        raise typer.Exit(1)


@app.command("schema")
def schema_cli():
    """Print the JSON Schema of a record."""
    from .schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")


def _mount_optional():
    """Sub-apps that live beside their library code, mounted when their module is present."""
    from importlib import import_module
    from importlib.util import find_spec

    def load(module: str, attr: str):
        return getattr(import_module(module), attr) if find_spec(module) else None

    kb_app = load("extractor.kb.cli", "app")
    if kb_app is not None:
        app.add_typer(kb_app, name="kb", help="The directive knowledge base: ingest batch output, query it.")
    serve = load("extractor.web.cli", "serve_cli")
    if serve is not None:
        app.command("serve")(serve)
    models_app = load("extractor.backends.models_cli", "app")
    if models_app is not None:
        app.add_typer(models_app, name="models", help="Download and list backend models.")


_mount_optional()


# commands that, once done, hold nothing that needs cleaning up: the process may end at once
_done: list[str] = []


def main():
    """The console script. The garbage collector is paused while the command line loads.
    After `extract`, and `batch` on local processes, the process ends without tearing down
    the interpreter: freeing the models' and spaCy's objects one by one took 0.3 s of every
    `extract`, and the command line's and the readers' 0.1 s of every `batch`; nothing is
    left to flush or close (the output is written and closed, the workers have ended)."""
    import gc

    gc.disable()  # until a command starts (`_command`): see `_lean.paused_gc`
    try:
        app()
    except SystemExit as exc:  # typer (click) ends every run with one
        code = exc.code
    else:
        code = 0
    if _done:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else (0 if code is None else 1))
    raise SystemExit(code)


if __name__ == "__main__":
    main()
