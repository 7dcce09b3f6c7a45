"""The console script (`extractor ...`, `python -m extractor ...`): what can start before the
command line loads is started, then the command line runs (`cli.main`).

`extractor batch` on local processes needs its fork server, which imports the library and
loads the models (two seconds of a core) before the first worker can start; the command
line itself (typer, pydantic, the commands) takes this process another 0.3 s. Started
first, the fork server loads beside it, on another core. This happens only when the
arguments leave no doubt that the run is a batch on local processes with the natasha
backend; otherwise the batch command starts it itself once its arguments are parsed.
"""
from __future__ import annotations

import sys

# options of `batch` that decide whether a fork server with natasha's models is wanted
_OPTIONS = {"--workers": "workers", "-w": "workers", "--engine": "engine", "--backend": "backend", "-b": "backend"}


def local_batch(args: list[str]) -> bool:
    """Whether the command line `args` (without the program) is `batch` on local worker
    processes with the natasha backend; False where unsure."""
    if not args or args[0] != "batch":
        return False
    given: dict[str, str] = {}
    rest = iter(args[1:])
    for arg in rest:
        if arg in ("--help", "--"):
            return False
        name, value = arg, None
        if arg.startswith("--") and "=" in arg:
            name, value = arg.split("=", 1)
        elif arg[:2] in ("-w", "-b") and len(arg) > 2:
            name, value = arg[:2], arg[2:]
        if name not in _OPTIONS:
            continue
        if value is None:
            value = next(rest, None)
            if value is None:
                return False
        given[_OPTIONS[name]] = value
    workers = given.get("workers", "1")
    return (given.get("engine", "local") == "local" and given.get("backend", "natasha") == "natasha"
            and workers.isdigit() and int(workers) > 0)


def main() -> None:
    if local_batch(sys.argv[1:]):
        from .engines.local import prestart

        prestart("natasha")
    from .cli import main as cli_main

    cli_main()
