"""The grammars' large regexes, compiled once per machine instead of once per process.

    from . import regexes
    pattern = regexes.compile(r"...", re.IGNORECASE)   # a re.Pattern, as re.compile gives
    regexes.save()                                      # new ones kept for the next process

Python compiles a regex in Python (`re._parser`, `re._compiler`) into a list of integers for
its C matcher (`_sre`). The figures' and dates' patterns, built from word lists with all
their forms, took 0.25-0.3 s of every process's start-up to compile, for the same lists of
integers every time. This module keeps those lists in a file in the user's cache folder
(`platformdirs`), one file per Python build, and hands them straight to `_sre.compile`: a
few milliseconds. A pattern the file lacks is compiled as before and added by `save()`.

It is a cache, never a source: the file is keyed by the Python version and `_sre`'s magic
number, checked as it loads, and a file that cannot be read, or a Python whose compiler
differs, means patterns are compiled with `re.compile`. EXTRACTOR_CACHE_DIR moves the
folder; EXTRACTOR_CACHE_DIR=off turns the cache off.
"""
from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Optional

try:  # the compiler's own steps (Python 3.11+), and the C matcher they feed
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python: re.compile does everything
    _sre = _compiler = _parser = None

VERSION = 1  # of this file's layout
_Key = tuple[str, int]

_loaded: Optional[dict] = None  # (pattern, flags) -> compiled code, from the file
_new: dict = {}  # compiled in this process, not in the file yet
_used: set = set()  # keys this process took from the file
_registered: list = []  # save() registered with atexit
KEEP = 500  # patterns in the file, at most (the grammars have about 60)


def cache_file() -> Optional[Path]:
    """The cache file for this Python, or None where the cache is off."""
    return _cache_file(os.environ.get("EXTRACTOR_CACHE_DIR"))


@lru_cache(maxsize=8)
def _cache_file(folder: Optional[str]) -> Optional[Path]:
    if _sre is None or folder is not None and folder.strip().lower() in ("", "off", "0", "none"):
        return None
    if folder is None:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("extractor", appauthor=False)
    version = ".".join(map(str, sys.version_info[:3]))
    return Path(folder) / f"regexes-{sys.implementation.name}-{version}-{_sre.MAGIC}.marshal"


def _header() -> tuple:
    return (VERSION, sys.version, _sre.MAGIC, _sre.CODESIZE)


def _read() -> dict:
    global _loaded
    if _loaded is None:
        _loaded = {}
        path = cache_file()
        if path is not None:
            try:
                header, entries = marshal.loads(path.read_bytes())
                if header == _header() and isinstance(entries, dict):
                    _loaded = entries
            except (OSError, ValueError, EOFError, TypeError):  # none yet, or unreadable: start afresh
                pass
    return _loaded


def _code(pattern: str, flags: int) -> tuple:
    """What `re._compiler.compile` hands `_sre.compile` for the pattern, as plain ints."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = {name: int(i) for name, i in parsed.state.groupdict.items()}
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's name, on purpose
    """`re.compile(pattern, flags)` for a str pattern, its compiled code from the cache file
    where it is there."""
    if _sre is None or not isinstance(pattern, str) or cache_file() is None:
        return re.compile(pattern, flags)
    key: _Key = (pattern, int(flags))
    entry = _read().get(key) or _new.get(key)
    if entry is not None:
        _used.add(key)
        try:
            return _sre.compile(pattern, *entry)
        except (TypeError, ValueError, RuntimeError):  # a damaged entry: compiled afresh below
            pass
    compiled = re.compile(pattern, flags)  # raises re.error for a bad pattern, as usual
    try:
        _new[key] = _code(pattern, int(flags))
    except Exception:  # noqa: BLE001 - the cache is an optimization; the pattern is compiled
        return compiled
    if len(_new) == 1 and not _registered:  # kept at exit too (a command that ends with os._exit saves first)
        atexit.register(save)
        _registered.append(save)
    return compiled


def save() -> bool:
    """Write the patterns compiled since the file was read into it (atomically: another
    process reading it meanwhile sees the old file or the new one). Whether anything was
    written; a folder that cannot be written to is left alone."""
    path = cache_file()
    if not _new or path is None:
        return False
    entries = {**_read(), **_new}
    if len(entries) > KEEP:  # patterns of word lists since changed pile up: keep this process's own
        entries = {key: entries[key] for key in entries if key in _used or key in _new}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps((_header(), entries)))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        return False
    _loaded.clear()
    _loaded.update(entries)
    _used.update(_new)
    _new.clear()
    return True
