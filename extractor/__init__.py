"""Structured data from Russian-language government press releases."""
from __future__ import annotations

import os as _os
import sys as _sys

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


class _ThincWithoutTorch:
    """Lets `thinc.compat` (imported by spaCy) skip its probe of torch.

    thinc imports torch, when installed (stanza brings it), only to support torch models, which
    our pipelines never use; that import costs two seconds of start-up and 200 MB. While
    `thinc.compat` runs, `import torch` fails; afterwards torch imports normally (the stanza
    backend does). The finder removes itself after that one module. Set
    EXTRACTOR_THINC_TORCH=1 to keep thinc's torch support.
    """

    def find_spec(self, name, path=None, target=None):
        if name != "thinc.compat":
            return None
        _sys.meta_path.remove(self)
        from importlib.util import find_spec

        spec = find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _HideTorch(spec.loader)
        return spec


class _HideTorch:
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        if "torch" in _sys.modules:  # already paid for: let thinc use it
            return self.loader.exec_module(module)
        _sys.modules["torch"] = None  # `import torch` raises ImportError
        try:
            self.loader.exec_module(module)
        finally:
            if _sys.modules.get("torch", 0) is None:
                del _sys.modules["torch"]


if "thinc" not in _sys.modules and "torch" not in _sys.modules and not _os.environ.get("EXTRACTOR_THINC_TORCH"):
    _sys.meta_path.insert(0, _ThincWithoutTorch())
