"""Processes on this machine: each loads the models once (`work.init_worker`) and takes
chunks of documents. `workers=0` runs the work in this process (no pool: for debugging).

Workers are started by a fork server that has imported the library and loaded the pipeline
once (`preload.py`), so a worker starts in milliseconds with the models' memory shared
copy-on-write; its initializer (`work.init_worker`) finds them loaded.

A worker is replaced by a fresh one after `TASKS_PER_WORKER` chunks: what grows with the
words it has seen (spaCy's vocabulary, the morphology caches) grows by about 0.15 MB a
document of new text, and an archive of millions of documents must not take a worker past
a few hundred MB. A fresh worker costs a fork.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

PRELOAD = ["__main__", "extractor.engines.preload"]  # preload imports the library itself, with the collector paused
TASKS_PER_WORKER = 100  # chunks (at most 12,000 characters each) before a worker is replaced


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _context(backend: str):
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        # read when the fork server starts (once per process; a later backend loads in its workers)
        os.environ.setdefault("EXTRACTOR_PRELOAD_BACKEND", backend)
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def prestart(backend: str = "natasha") -> None:
    """Start the fork server now, so that it imports the library and loads the models while
    this process is still starting up and reading its inputs (the first worker waits for it)."""
    if _context(backend).get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


class LocalEngine:
    """submit(chunk) -> Future of `work.process_chunk(chunk)`; `died` are the exceptions that
    mean a worker process died under a chunk (then `restart()`)."""

    died = (BrokenProcessPool,)

    def __init__(self, workers: int, backend: str = "natasha", tasks_per_worker: int = TASKS_PER_WORKER):
        self.workers = workers
        self.backend = backend
        self.tasks_per_worker = tasks_per_worker
        self.pool = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        from . import work  # here, not at the top: `prestart` runs before the library loads

        if self.workers > 0:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(self.backend),
                                            initializer=work.init_worker,
                                            initargs=(self.backend, os.getpid(), self.blas_threads()),
                                            max_tasks_per_child=self.tasks_per_worker)
        else:
            work.init_worker(self.backend, blas_threads=self.blas_threads())

    def blas_threads(self) -> int:
        """One: the models' products are small, and with more threads OpenBLAS spends the
        cores spinning (measured: a lone worker with two threads took 15% longer)."""
        return 1

    def submit(self, chunk: list) -> Future:
        from . import work

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
