"""Processes on this machine: each loads the models once (`work.init_worker`) and takes
chunks of documents. `workers=0` runs the work in this process (no pool: for debugging).

Workers are started by a fork server that has imported the library once (spaCy, natasha:
about a second), so each worker starts with those pages shared and only loads its models.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from . import work

PRELOAD = ["extractor.api", "extractor.engines.work"]


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


class LocalEngine:
    """submit(chunk) -> Future of `work.process_chunk(chunk)`; `died` are the exceptions that
    mean a worker process died under a chunk (then `restart()`)."""

    died = (BrokenProcessPool,)

    def __init__(self, workers: int, backend: str = "natasha"):
        self.workers = workers
        self.backend = backend
        self.pool = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        if self.workers > 0:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(),
                                            initializer=work.init_worker, initargs=(self.backend, os.getpid()))
        else:
            work.init_worker(self.backend)

    def submit(self, chunk: list) -> Future:
        if self.pool is not None:
            return self.pool.submit(work.process_chunk, chunk, self.backend)
        future: Future = Future()
        try:
            future.set_result(work.process_chunk(chunk, self.backend))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(exc)
        return future

    def restart(self):
        self.close()
        self.start()

    def close(self):
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
