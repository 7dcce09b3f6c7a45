"""`extractor serve`: the read-only web view (mounted by extractor/cli.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExtractorError


def serve_cli(
    db: Annotated[Path, typer.Option("--db", help="the knowledge base file (`extractor kb ingest` makes it)")] = Path(
        "directives.sqlite"),
    port: Annotated[int, typer.Option("--port", help="the port to listen on")] = 8000,
    host: Annotated[str, typer.Option("--host", help="the address to bind (127.0.0.1: this machine only)")] = "127.0.0.1",
):
    """Serve a read-only web view of the knowledge base: directives, deadlines, documents."""
    import uvicorn

    from .app import create_app

    try:
        app = create_app(db)
    except ExtractorError as exc:
        typer.echo(f"error [{exc.code}]: {exc.message}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"serving {db} on http://{host}:{port}/ (read-only; Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
