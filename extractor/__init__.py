"""Structured data from Russian-language government press releases."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["extract", "Extractor", "Record", "__version__"]


def __getattr__(name):
    # the pipeline and its models load on first use, not on `import extractor`
    if name in {"extract", "Extractor"}:
        from . import api

        return getattr(api, name)
    if name == "Record":
        from .schema import Record

        return Record
    raise AttributeError(name)


from . import _lean

_lean.install()
