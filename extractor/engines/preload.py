"""Imported by the batch's fork server (see local.py): loads and warms up the pipeline of the
backend named in EXTRACTOR_PRELOAD_BACKEND, so that the workers forked from it start with
the models in memory, shared copy-on-write, instead of each loading them (a second or two
of CPU each).

A backend that fails to load here is left to the workers, which load it themselves and
report why (`work.init_worker`).
"""
from __future__ import annotations

import os

BACKEND = os.environ.get("EXTRACTOR_PRELOAD_BACKEND")

if BACKEND:
    import atexit

    from .work import warm_up

    try:
        warm_up(BACKEND, freeze=True)
    except Exception:  # noqa: BLE001 - reported by the workers
        pass
    # when the batch is over, the fork server ends without freeing the models object by object
    # (0.3 s of a core after every run); it has nothing to flush or close
    atexit.register(os._exit, 0)
