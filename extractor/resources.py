"""Word lists and gazetteers: data files under extractor/data/, loaded once.

`.txt` files hold one entry a line (`#` starts a comment); `.json` files hold structures.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

PACKAGE = "extractor.data"


def _read(name: str) -> str:
    return resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """Entries of a `.txt` list, in file order, comments and blank lines dropped."""
    out = []
    for line in _read(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in words(name))


@lru_cache(maxsize=None)
def table(name: str):
    """A `.json` data file."""
    return json.loads(_read(name))
