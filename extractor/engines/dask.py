"""A Dask cluster: the same chunks, the same JSONL, models loaded once per worker process.

    extractor batch feeds/ -o out.jsonl --engine dask --scheduler tcp://scheduler:8786

The client (this process) reads the inputs, as documents travel to the workers, which need
not see its files; a worker plugin loads the pipeline when a worker starts (and on workers
that join later). See docs/batch.md.
"""
from __future__ import annotations

from ..errors import BackendUnavailable, ExtractorError
from . import work


try:
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # the `dask` extra is not installed: DaskEngine says so
    _WorkerPlugin = object


def _distributed():
    try:
        import distributed
    except ImportError:
        raise BackendUnavailable("--engine dask needs Dask distributed: pip install 'extractor[dask]'") from None
    return distributed


class ExtractorPlugin(_WorkerPlugin):
    """Loads the pipeline once in each worker process, when it starts or joins."""

    def __init__(self, backend: str = "natasha"):
        self.backend = backend
        self.name = f"extractor-{backend}"

    def setup(self, worker=None):
        work.init_worker(self.backend)


def _loaded(chunk: list) -> list:
    """Sources with their files read here: workers may not share this machine's files."""
    for src in chunk:
        if src.document is None and src.error is None:
            try:
                src.load()
            except ExtractorError as exc:
                src.error = (exc.code, exc.message)
            except Exception as exc:  # noqa: BLE001 - reported in the document's record
                src.error = (work.ProcessingFailed.code, f"{type(exc).__name__}: {exc}")
    return chunk


class DaskEngine:
    def __init__(self, scheduler, backend: str = "natasha"):
        if not scheduler:
            raise BackendUnavailable("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        distributed = _distributed()
        self.scheduler = scheduler
        self.backend = backend
        self.died = (distributed.KilledWorker,)
        self.client = None
        self.workers = 1

    def __enter__(self):
        distributed = _distributed()
        try:
            if isinstance(self.scheduler, str):
                self.client = distributed.Client(self.scheduler, timeout="30s")
            else:  # a cluster object (LocalCluster in tests)
                self.client = distributed.Client(self.scheduler)
        except OSError as exc:
            raise BackendUnavailable(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
        self.client.register_plugin(ExtractorPlugin(self.backend))
        threads = [w.get("nthreads", 1) for w in self.client.scheduler_info().get("workers", {}).values()]
        self.workers = max(1, sum(threads))
        return self

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
            self.client = None

    def submit(self, chunk: list):
        return self.client.submit(work.process_chunk, _loaded(chunk), self.backend, pure=False)

    def restart(self):
        pass  # Dask replaces dead workers itself
