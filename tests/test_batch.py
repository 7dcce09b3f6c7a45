"""extractor batch: one line per input document (bad ones as error records), stable order,
resume after SIGKILL, large documents in parts, worker deaths, progress and exit codes."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest
from typer.testing import CliRunner

from extractor import batch
from extractor.cli import app
from extractor.engines import split, work
from extractor.inputs.sources import Source

RELEASE = (
    "Премьер-министр Олжас Бектенов провел совещание в Астане. Министерству финансов поручено "
    "до 1 марта 2026 года внести предложения. Министр экономики Серик Жумангарин доложил о ходе работы.\n"
)
SECOND = "Аким Алматы Ерболат Досаев доложил о строительстве дорог.\n"
ENGLISH = "The Prime Minister met the Chancellor of the Exchequer in London on Tuesday to discuss the budget.\n"


def lines_of(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_cli(*args, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", "batch", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


def big_text() -> str:
    """10 MB: a release at each end, long lines between (cheap for the models, still 10 MB of text)."""
    head, tail = RELEASE + "\n", "\n" + SECOND
    filler = ("ж" * 2000 + " ") * 5 + "\n"
    return head + filler * ((10_000_000 - len(head) - len(tail)) // len(filler)) + tail


def bad_corpus(root) -> list[str]:
    """The folder of bad and good inputs; returns the doc_ids expected, in output order."""
    (root / "sub").mkdir(parents=True)
    (root / "big.txt").write_text(big_text(), encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (root / "cp1251.txt").write_bytes(RELEASE.encode("cp1251"))
    (root / "empty.txt").write_bytes(b"")
    (root / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "feed.rss").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Новости</title>
<item><title>Совещание</title><link>https://gov.example/news/1</link><guid>news-1</guid>
<pubDate>Thu, 25 Dec 2025 10:00:00 +0500</pubDate><description><![CDATA[<p>{RELEASE}</p>]]></description></item>
</channel></rss>""", encoding="utf-8")
    with (root / "rows.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": "row-a", "text": RELEASE, "published": "2025-12-25"}, ensure_ascii=False) + "\n")
        fh.write('{"doc_id": "broken", "text": "не закрыта\n')
        fh.write(json.dumps({"doc_id": "row-a", "text": SECOND}, ensure_ascii=False) + "\n")
    with gzip.open(root / "rows2.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": "gz-1", "text": SECOND}, ensure_ascii=False) + "\n")
    (root / "sub" / "page.html").write_text(
        "<html><head><title>Совещание</title></head><body><nav>Меню сайта</nav>"
        f"<article><h1>Совещание в Правительстве</h1><p>{RELEASE}</p><p>{SECOND}</p></article></body></html>",
        encoding="utf-8")
    (root / "sub" / "script.html").write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    (root / "sub" / "utf16.txt").write_bytes(RELEASE.encode("utf-16"))
    return ["big", "binary", "cp1251", "empty", "english", "news-1", "row-a", "rows-2", "row-a~2", "gz-1",
            "page", "script", "utf16"]


# ---------------------------------------------------------------- the whole command


def test_batch_bad_inputs_one_line_each(tmp_path):
    expected = bad_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    done = run_cli(tmp_path / "in", "-o", out, "--workers", "2", "--quiet")
    assert done.returncode == 0, done.stderr
    records = lines_of(out)
    assert [r["doc_id"] for r in records] == expected  # one each, input order
    by_id = {r["doc_id"]: r for r in records}
    errors = {doc_id: r["error"]["code"] for doc_id, r in by_id.items() if r["error"]}
    assert errors == {"binary": "E002", "empty": "E003", "rows-2": "E004", "script": "E005"}
    for r in records:
        if r["error"]:
            assert r["people"] == r["organizations"] == r["dates"] == r["figures"] == r["directives"] == []
    for doc_id in ("cp1251", "news-1", "row-a", "page", "utf16", "big"):
        names = {p["name"] for p in by_id[doc_id]["people"]}
        assert "Олжас Бектенов" in names, doc_id
        assert any("финанс" in o["name"].lower() for o in by_id[doc_id]["organizations"]), doc_id
    for doc_id in ("row-a~2", "gz-1"):
        assert "Ерболат Досаев" in {p["name"] for p in by_id[doc_id]["people"]}
    assert by_id["english"]["warnings"] and by_id["english"]["language"] == "other"
    # derived texts travel with their records and their offsets index them
    for doc_id in ("news-1", "page"):
        text = by_id[doc_id]["text"]
        assert text and all(text[m["start"]:m["end"]] == m["text"] for p in by_id[doc_id]["people"] for m in p["mentions"])
    assert by_id["news-1"]["published"] == "2025-12-25" and by_id["news-1"]["url"] == "https://gov.example/news/1"
    # the 10 MB document: whole, offsets of its last paragraph mapped back
    big = big_text()
    (dosaev,) = [p for p in by_id["big"]["people"] if p["name"] == "Ерболат Досаев"]
    mention = dosaev["mentions"][0]
    assert mention["start"] > 9_900_000 and big[mention["start"]:mention["end"]] == mention["text"]
    assert "parts" in " ".join(by_id["big"]["warnings"])
    assert "13 documents, 4 errors" in done.stderr


@pytest.mark.parametrize("strict,code", [(False, 0), (True, 1)])
def test_batch_strict_exit_code(tmp_path, extractor, strict, code):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"doc_id": "ok", "text": RELEASE}, ensure_ascii=False) + "\n"
                    + '{"doc_id": "bad", "text": \n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["batch", str(rows), "-o", str(out), "--workers", "0", "--quiet"] + (["--strict"] if strict else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code, result.output
    assert [r["doc_id"] for r in lines_of(out)] == (["ok"] if strict else ["ok", "rows-2"])


@pytest.mark.parametrize("quiet", [False, True])
def test_batch_progress_and_summary_on_stderr(tmp_path, extractor, quiet):
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps({"doc_id": f"d{i}", "text": SECOND}, ensure_ascii=False) + "\n"
                            for i in range(3)), encoding="utf-8")
    args = ["batch", str(rows), "-o", str(tmp_path / "out.jsonl"), "--workers", "0"] + (["--quiet"] if quiet else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "3 documents, 0 errors" in result.stderr
    assert ("docs/s" in result.stderr.replace(result.stderr.splitlines()[-1], "")) is not quiet


def test_batch_resume_after_sigkill(tmp_path, extractor):
    rows = tmp_path / "rows.jsonl"
    texts = [RELEASE, SECOND, RELEASE + SECOND]
    rows.write_text("".join(json.dumps({"doc_id": f"doc-{i:03d}", "text": texts[i % 3]}, ensure_ascii=False) + "\n"
                            for i in range(150)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extractor", "batch", str(rows), "-o", str(out), "--workers", "1", "--quiet"]
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 1):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, mid-run
    proc.wait()
    written = out.read_bytes().count(b"\n")
    assert 1 <= written < 150
    with out.open("ab") as fh:  # as if killed in the middle of a line
        fh.write(b'{"doc_id":"doc-1')
    done = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    records = lines_of(out)
    assert [r["doc_id"] for r in records] == [f"doc-{i:03d}" for i in range(150)]  # none lost, none twice
    assert f"({written} already done)" in done.stderr
    for r in records[:3] + records[-3:]:
        i = int(r["doc_id"].split("-")[1])
        fresh = extractor.extract(texts[i % 3], doc_id=r["doc_id"]).model_dump(mode="json")
        assert r["people"] == fresh["people"] and r["dates"] == fresh["dates"]


# ---------------------------------------------------------------- pieces


@pytest.mark.parametrize("content,kept,ids", [
    (b"", b"", set()),
    (b'{"doc_id":"a","people":[]}\n', b'{"doc_id":"a","people":[]}\n', {"a"}),
    (b'{"doc_id":"a"}\n{"doc_id":"b","peo', b'{"doc_id":"a"}\n', {"a"}),
    (b'{"doc_id":"a"}\n{"people":[],"doc_id":"c"}\n', b'{"doc_id":"a"}\n{"people":[],"doc_id":"c"}\n', {"a", "c"}),
    (b'{"doc_id":"q\\"x"}\nnot json\n', b'{"doc_id":"q\\"x"}\nnot json\n', {'q"x'}),
])
def test_batch_done_ids_cuts_partial_line(tmp_path, content, kept, ids):
    path = tmp_path / "out.jsonl"
    path.write_bytes(content)
    assert batch.done_ids(path) == ids
    assert path.read_bytes() == kept


@pytest.mark.parametrize("sizes,docs,chars,expected", [
    ([10, 10, 10], 2, 100, [2, 1]),
    ([10, 85, 10], 10, 100, [2, 1]),
    ([500, 10], 10, 100, [1, 1]),
    ([], 10, 100, []),
])
def test_batch_chunks_by_count_and_size(sizes, docs, chars, expected):
    from extractor.readers import Document

    sources = [Source(doc_id=str(i), document=Document(doc_id=str(i), text="я" * n)) for i, n in enumerate(sizes)]
    assert [len(c) for c in batch.chunks(sources, docs=docs, chars=chars)] == expected


def test_batch_chunks_end_in_smaller_ones():
    """The last `tail` characters go out in chunks a quarter the size, so that the workers
    finish together; every source is sent once, in order."""
    from extractor.readers import Document

    sources = [Source(doc_id=str(i), document=Document(doc_id=str(i), text="я" * 100)) for i in range(50)]
    sent = list(batch.chunks(sources, docs=32, chars=1000, tail=2000))
    assert [src.doc_id for chunk in sent for src in chunk] == [str(i) for i in range(50)]
    sizes = [len(chunk) for chunk in sent]
    assert sizes == [10, 10] + [2] * 15  # the tail: between `tail` and `tail + chars` characters
    assert list(map(len, batch.chunks(sources, docs=32, chars=1000))) == [10] * 5  # no tail: as before


class DyingEngine:
    """A fake engine whose worker dies on any chunk holding the document "poison"."""

    died = (BrokenProcessPool,)

    def __init__(self):
        self.restarts = 0

    def submit(self, chunk):
        future = Future()
        if any(src.doc_id == "poison" for src in chunk):
            future.set_exception(BrokenProcessPool("worker died"))
        else:
            future.set_result([work.Result(src.doc_id, json.dumps({"doc_id": src.doc_id})) for src in chunk])
        return future

    def restart(self):
        self.restarts += 1


def test_batch_worker_death_costs_one_document():
    ids = ["a", "b", "poison", "c", "d", "e", "f"]
    chunks = batch.chunks([Source(doc_id=i, error=("E003", "x")) for i in ids], docs=3)
    engine = DyingEngine()
    results = [r for rs in batch._Run(engine, depth=2).feed(chunks) for r in rs]
    assert [r.doc_id for r in results] == ids
    assert [r.error_code for r in results] == [None, None, "E021", None, None, None, None]
    assert engine.restarts == 2


def test_batch_worker_is_replaced_after_its_chunks_and_nothing_is_lost(tmp_path):
    """A worker takes `tasks_per_worker` chunks, then a fresh one (forked from the warm fork
    server) takes over: what a worker accumulates stays bounded, and every chunk is done."""
    from extractor.engines.local import LocalEngine

    texts = [f"Аким области Ерлан Нысанбаев провел совещание № {i}." for i in range(6)]
    for i, text in enumerate(texts):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    sources = [Source(doc_id=str(i), path=str(tmp_path / f"{i}.txt")) for i in range(6)]
    with LocalEngine(1, tasks_per_worker=2) as engine:
        pids = [engine.pool.submit(os.getpid).result() for _ in range(4)]
        results = [r for k in range(0, 6, 2) for r in engine.submit(sources[k:k + 2]).result()]
    assert len(set(pids)) == 2 and pids[0] == pids[1] and pids[2] == pids[3]
    assert [r.doc_id for r in results] == [str(i) for i in range(6)]
    assert all(r.error_code is None for r in results)
    assert all(json.loads(r.line)["people"][0]["name"] == "Ерлан Нысанбаев" for r in results)


@pytest.mark.parametrize("text,size", [
    ("абзац один.\n\nабзац два.\n\nабзац три.", 16),
    ("строка\n" * 50, 30),
    ("Предложение. " * 40, 50),
    ("слово " * 100, 37),
    ("ж" * 200, 64),
    ("", 10),
])
def test_batch_split_parts_cover_the_text(text, size):
    parts = split.parts(text, size)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))
    assert all(end - start <= size for start, end in parts)
    if "\n\n" in text:
        assert all(text[:end].endswith("\n\n") for _, end in parts[:-1])


def test_batch_shift_and_merge():
    one = {"doc_id": "d", "people": [{"name": "А Б", "roles": [{"title": "Министр", "start": 0, "end": 7, "text": "Министр"}],
                                      "mentions": [{"start": 8, "end": 11, "text": "А Б"}], "aliases": []}],
           "organizations": [], "figures": [], "dates": [], "directives": [], "warnings": ["w"]}
    two = split.shift(one, 100)
    assert two["people"][0]["mentions"][0] == {"start": 108, "end": 111, "text": "А Б"}
    assert two["people"][0]["roles"][0]["start"] == 100
    merged = split.merge([one, two])
    (person,) = merged["people"]
    assert [m["start"] for m in person["mentions"]] == [8, 108]
    assert len(person["roles"]) == 1 and merged["warnings"] == ["w"]


def test_batch_large_document_in_parts(extractor, monkeypatch):
    monkeypatch.setattr(split, "SPLIT_ABOVE", 500)
    monkeypatch.setattr(split, "PART_CHARS", 300)
    from extractor.readers import from_text

    text = "\n\n".join([RELEASE, SECOND] * 4)
    (result,) = work.process_chunk([Source(doc_id="long", document=from_text(text, doc_id="long"))])
    record = json.loads(result.line)
    assert result.error_code is None and "parts" in record["warnings"][-1]
    mentions = [m for p in record["people"] for m in p["mentions"]]
    assert len(mentions) >= 8 and all(text[m["start"]:m["end"]] == m["text"] for m in mentions)
    assert max(m["start"] for m in mentions) > len(text) - len(SECOND) - 5


def _long_rows(tmp_path, text):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"doc_id": "short", "text": SECOND}, ensure_ascii=False) + "\n"
                    + json.dumps({"doc_id": "long", "text": text, "published": "2025-12-25"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return rows


def _spy_on_chunks(monkeypatch) -> tuple[list, object]:
    """(the doc_ids of each chunk the workers are given, as the run goes; the real process_chunk)."""
    chunks_seen = []
    process_chunk = work.process_chunk

    def spy(sources, backend="natasha"):
        chunks_seen.append([src.doc_id for src in sources])
        return process_chunk(sources, backend)

    monkeypatch.setattr(work, "process_chunk", spy)
    return chunks_seen, process_chunk


def test_batch_sends_a_large_document_in_parts_and_writes_it_whole(tmp_path, extractor, monkeypatch):
    monkeypatch.setattr(split, "SPLIT_ABOVE", 500)
    monkeypatch.setattr(split, "PART_CHARS", 300)
    from extractor.readers import from_text

    text = "\n\n".join([RELEASE, SECOND] * 4)
    chunks_seen, process_chunk = _spy_on_chunks(monkeypatch)
    out, rows = tmp_path / "out.jsonl", _long_rows(tmp_path, text)
    summary = batch.run_batch([str(rows)], out, workers=0, quiet=True)
    assert summary.documents == 2 and summary.errors == 0 and summary.chars == len(SECOND) + len(text)
    parts = [doc_id for chunk in chunks_seen for doc_id in chunk if doc_id.startswith("long")]
    assert len(parts) >= 4 and parts[0] == f"long (part 1 of {len(parts)})"
    assert all(len(chunk) == 1 for chunk in chunks_seen if chunk[0].startswith("long"))  # a chunk each: any worker
    records = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in records] == ["short", "long"]
    # the same line as a worker's own split of the whole document
    document = from_text(text, doc_id="long", published="2025-12-25", source=str(rows))
    (alone,) = process_chunk([Source(doc_id="long", document=document)])
    assert records[1] == alone.line


@pytest.mark.parametrize("read_here, sent_in_parts", [(1_000, True), (10_000_000, False)])
def test_batch_a_very_large_html_page_is_shared_by_the_workers(tmp_path, extractor, monkeypatch, read_here,
                                                               sent_in_parts):
    """A page over HTML_READ_HERE bytes is read here and its parts sent to any worker; a
    smaller one is read by a worker. The line is the same."""
    monkeypatch.setattr(split, "SPLIT_ABOVE", 500)
    monkeypatch.setattr(split, "PART_CHARS", 300)
    monkeypatch.setattr(batch, "HTML_READ_HERE", read_here)
    paragraphs = "".join(f"<p>{p}</p>" for p in [RELEASE, SECOND] * 4)
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Совещание</title></head><body><article>{paragraphs}</article></body></html>",
                    encoding="utf-8")
    chunks_seen, process_chunk = _spy_on_chunks(monkeypatch)
    out = tmp_path / "out.jsonl"
    summary = batch.run_batch([str(page)], out, workers=0, quiet=True)
    assert summary.documents == 1 and summary.errors == 0
    seen = [doc_id for chunk in chunks_seen for doc_id in chunk]
    assert (len(seen) >= 4 and seen[0].startswith("page (part 1 of ")) if sent_in_parts else seen == ["page"]
    (record,) = lines_of(out)
    assert record["doc_id"] == "page" and "parts" in record["warnings"][-1] and record["people"]
    (alone,) = process_chunk([Source(doc_id="page", source=str(page), path=str(page), kind="html")])
    assert out.read_text(encoding="utf-8").splitlines() == [alone.line]


def test_batch_a_failed_part_fails_its_document_only(tmp_path, extractor, monkeypatch):
    monkeypatch.setattr(split, "SPLIT_ABOVE", 500)
    monkeypatch.setattr(split, "PART_CHARS", 300)
    process_chunk = work.process_chunk

    def failing(sources, backend="natasha"):
        return [work.error_result(src.doc_id, RuntimeError("boom")) if src.doc_id.startswith("long (part 2 ")
                else result for src, result in zip(sources, process_chunk(sources, backend))]

    monkeypatch.setattr(work, "process_chunk", failing)
    out = tmp_path / "out.jsonl"
    summary = batch.run_batch([str(_long_rows(tmp_path, "\n\n".join([RELEASE, SECOND] * 4)))], out, workers=0,
                              quiet=True)
    short, long = lines_of(out)
    assert summary.documents == 2 and summary.error_codes == {"E020": 1}
    assert short["error"] is None and short["people"]
    assert long["doc_id"] == "long" and long["error"]["code"] == "E020" and "boom" in long["error"]["message"]
    assert long["published"] == "2025-12-25" and long["people"] == []


def test_batch_summary_line():
    summary = batch.Summary(documents=10, errors=2, skipped=3, chars=5000, seconds=2.0, output="o.jsonl",
                            error_codes={"E003": 1, "E004": 1})
    assert summary.line() == ("10 documents (3 already done), 2 errors (E003: 1, E004: 1) in 2.0 s "
                              "(5.0 docs/s, 2.5 kchars/s) -> o.jsonl")


def test_batch_skips_its_own_output_in_an_input_folder(tmp_path, extractor):
    (tmp_path / "a.txt").write_text(SECOND, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text('{"doc_id": "stale", "text": "старое"}\n', encoding="utf-8")
    summary = batch.run_batch([str(tmp_path)], out, workers=0, quiet=True)
    assert summary.documents == 1 and [r["doc_id"] for r in lines_of(out)] == ["a"]


def test_batch_backend_that_cannot_load_stops_the_run(tmp_path):
    from extractor.errors import BackendUnavailable

    (tmp_path / "a.txt").write_text(SECOND, encoding="utf-8")
    with pytest.raises(BackendUnavailable):
        batch.run_batch([str(tmp_path / "a.txt")], tmp_path / "out.jsonl", workers=1, backend="nope", quiet=True)


@pytest.mark.parametrize("error", ["InputUnreadable", "ProcessingFailed", "WorkerDied"])
def test_batch_errors_pickle_across_processes(error):
    import pickle

    from extractor import errors

    exc = getattr(errors, error)("a.txt: сообщение")
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is type(exc) and back.message == exc.message and str(back) == str(exc)
