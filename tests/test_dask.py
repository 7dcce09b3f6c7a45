"""--engine dask against a LocalCluster of two worker processes: the same guarantees (one line
per input document, in order, errors as records) and the same records as the local engine."""
from __future__ import annotations

import json

import pytest

from extractor.batch import run_batch

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.dask

RELEASE = (
    "Премьер-министр Олжас Бектенов провел совещание в Астане. Министерству финансов поручено "
    "до 1 марта 2026 года внести предложения.\n"
)
SECOND = "Аким Алматы Ерболат Досаев доложил о строительстве дорог.\n"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  worker_dashboard_address=None) as local:
        yield local


def inputs(root) -> list[str]:
    root.mkdir()
    rows = [{"doc_id": f"row-{i}", "text": (RELEASE, SECOND)[i % 2]} for i in range(12)]
    (root / "rows.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
                                     + "{not json\n" + json.dumps({"doc_id": "row-0", "text": SECOND}) + "\n",
                                     encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "cp1251.txt").write_bytes(RELEASE.encode("cp1251"))
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    return ["binary", "cp1251", "empty"] + [r["doc_id"] for r in rows] + ["rows-13", "row-0~2"]


def test_dask_engine_same_lines_as_local(tmp_path, cluster, extractor):
    expected = inputs(tmp_path / "in")
    out_dask, out_local = tmp_path / "dask.jsonl", tmp_path / "local.jsonl"
    summary = run_batch([str(tmp_path / "in")], out_dask, engine="dask", scheduler=cluster.scheduler_address, quiet=True)
    run_batch([str(tmp_path / "in")], out_local, workers=0, quiet=True)
    records = [json.loads(line) for line in out_dask.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == expected
    assert {r["doc_id"]: r["error"]["code"] for r in records if r["error"]} == {
        "binary": "E002", "empty": "E003", "rows-13": "E004"}
    assert summary.documents == len(expected) and summary.errors == 3
    assert out_dask.read_text(encoding="utf-8") == out_local.read_text(encoding="utf-8")
    by_id = {r["doc_id"]: r for r in records}
    assert "Олжас Бектенов" in {p["name"] for p in by_id["cp1251"]["people"]}


def test_dask_models_load_once_per_worker(cluster):
    with distributed.Client(cluster.scheduler_address) as client:
        def loaded():
            from extractor.api import _default

            return sorted(str(k) for k in _default)

        found = client.run(loaded)
    assert len(found) == 2 and all(v == ["('natasha', 'auto')"] for v in found.values())


def test_dask_resume_skips_done(tmp_path, cluster):
    expected = inputs(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    run_batch([str(tmp_path / "in")], out, engine="dask", scheduler=cluster.scheduler_address, quiet=True)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:5]) + lines[5][:20], encoding="utf-8")  # killed mid-line
    summary = run_batch([str(tmp_path / "in")], out, engine="dask", scheduler=cluster.scheduler_address,
                        resume=True, quiet=True)
    assert summary.skipped == 5 and summary.documents == len(expected) - 5
    assert out.read_text(encoding="utf-8").splitlines(keepends=True) == lines


def test_dask_unreachable_scheduler(tmp_path):
    from extractor.errors import BackendUnavailable

    (tmp_path / "a.txt").write_text(SECOND, encoding="utf-8")
    with pytest.raises(BackendUnavailable):
        run_batch([str(tmp_path)], tmp_path / "o.jsonl", engine="dask", scheduler=None, quiet=True)
