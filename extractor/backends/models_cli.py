"""`extractor models ...`: download and locate the backends' model files.

    extractor models download --backend stanza [--dir DIR]
    extractor models list
    extractor models path --backend stanza

natasha's weights ship inside its wheel, so only stanza has anything to download. The library
functions live in backends/stanza.py; this module only parses arguments and prints.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import ExtractorError

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

Backend = Annotated[str, typer.Option("--backend", "-b", help="natasha or stanza")]


def _fail(error: ExtractorError, code: int) -> typer.Exit:
    typer.echo(f"error [{error.code}]: {error.message}", err=True)
    return typer.Exit(code)


def _check(backend: str) -> None:
    if backend not in {"natasha", "stanza"}:
        typer.echo(f"error: unknown backend {backend!r}; choose natasha or stanza", err=True)
        raise typer.Exit(2)


@app.command("download")
def download_cli(
    backend: Backend = "stanza",
    directory: Annotated[Optional[Path], typer.Option("--dir", help="where to put them (default: models/stanza "
                                                                    "or $EXTRACTOR_MODELS/stanza)")] = None,
):
    """Fetch a backend's Russian models (network needed once; loading is offline)."""
    _check(backend)
    if backend == "natasha":
        typer.echo("natasha: nothing to download, its weights ship inside the natasha package")
        return
    from . import stanza as stanza_backend

    try:
        target = stanza_backend.download(directory)
    except ExtractorError as exc:
        raise _fail(exc, code=2 if exc.code == "E011" else 1) from None
    typer.echo(f"stanza: Russian models ({', '.join(stanza_backend.PROCESSORS)}) in {target}")


@app.command("list")
def list_cli():
    """Each backend and where its models are."""
    from . import stanza as stanza_backend

    typer.echo("natasha\tinstalled\t(weights inside the natasha package)")
    for d in stanza_backend.candidate_dirs():
        state = "installed" if stanza_backend.installed(d) else "missing"
        typer.echo(f"stanza\t{state}\t{d}")


@app.command("path")
def path_cli(backend: Backend = "stanza"):
    """The folder a backend loads its models from (stanza: the first that holds them, else the download target)."""
    _check(backend)
    if backend == "natasha":
        import natasha

        typer.echo(Path(natasha.__file__).parent / "data")
        return
    from . import stanza as stanza_backend

    found = next((d for d in stanza_backend.candidate_dirs() if stanza_backend.installed(d)), None)
    typer.echo(found or stanza_backend.default_dir())
