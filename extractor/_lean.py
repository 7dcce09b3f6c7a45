"""Lean start-up: two imports that spaCy makes and this package never uses are skipped.

- `thinc.compat` (imported by spaCy) probes for torch, which is installed where stanza is,
  only to support torch models, which our pipelines never use: 2 s of start-up and 200 MB.
  While `thinc.compat` runs, `import torch` fails; afterwards torch imports normally (the
  stanza backend does).
- `spacy/__init__.py` imports `spacy.cli.info` for the `spacy.info` helper, and with it all
  of spaCy's command line (typer, weasel, requests): about 0.35 s. While `spacy` runs, the
  command line is a stub; afterwards `import spacy.cli` loads the real one, and `spacy.info`
  loads it when called.

Each hook acts once, on the first import of its module, and then removes itself. Set
EXTRACTOR_FULL_IMPORTS=1 to keep spaCy's imports as they are.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from importlib.util import find_spec
from types import ModuleType


@contextmanager
def _without_torch():
    if "torch" in sys.modules:  # already paid for: let thinc use it
        yield
        return
    sys.modules["torch"] = None  # `import torch` raises ImportError
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def _spacy_info(*args, **kwargs):
    """`spacy.info`, with spaCy's command line loaded on first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


@contextmanager
def _without_spacy_cli():
    cli = ModuleType("spacy.cli")
    cli.__path__ = []
    info = ModuleType("spacy.cli.info")
    info.info = _spacy_info
    stubs = {"spacy.cli": cli, "spacy.cli.info": info}
    if any(name in sys.modules for name in stubs):
        yield
        return
    sys.modules.update(stubs)
    try:
        yield
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is cli:
            del spacy.cli


class _Wrapped:
    """A module loader whose `exec_module` runs inside a context."""

    def __init__(self, loader, context):
        self.loader = loader
        self.context = context

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        with self.context():
            self.loader.exec_module(module)


class _Finder:
    """Wraps the loaders of the modules in `pending`, once each."""

    def __init__(self, pending: dict):
        self.pending = dict(pending)

    def find_spec(self, name, path=None, target=None):
        context = self.pending.pop(name, None)
        if context is None:
            return None
        if not self.pending and self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _Wrapped(spec.loader, context)
        return spec


def install() -> None:
    if os.environ.get("EXTRACTOR_FULL_IMPORTS"):
        return
    pending = {}
    if "thinc" not in sys.modules and "torch" not in sys.modules:
        pending["thinc.compat"] = _without_torch
    if "spacy" not in sys.modules:
        pending["spacy"] = _without_spacy_cli
    if pending:
        sys.meta_path.insert(0, _Finder(pending))


@contextmanager
def paused_gc(freeze: bool = False):
    """No cyclic garbage collection while the library loads: imports and models make about a
    million long-lived objects, and each full collection walked all of them again (0.15-0.2 s
    of a cold start). With `freeze`, what was loaded is moved out of the collector's sight for
    good (`gc.freeze`): later collections skip it, and processes forked afterwards do not copy
    its memory by touching it."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
