"""The command line: JSON on stdout, clear one-line errors with exit code 2, the schema."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.schema import Record

runner = CliRunner()


def test_cli_extract_prints_the_record(seed_path):
    result = runner.invoke(app, ["extract", str(seed_path)])
    assert result.exit_code == 0, result.output
    record = Record.model_validate_json(result.stdout)
    assert record.doc_id == "000_2d4edbfe873feb49"
    assert record.published == "2025-12-25"


def test_cli_extract_writes_output_file(seed_path, tmp_path):
    out = tmp_path / "record.json"
    result = runner.invoke(app, ["extract", str(seed_path), "-o", str(out), "--compact"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["doc_id"] == "000_2d4edbfe873feb49"


@pytest.mark.parametrize(
    "make, code_fragment",
    [
        (lambda p: p / "missing.txt", "E001"),
        (lambda p: p, "E001"),  # a folder
        (lambda p: _write(p / "empty.txt", b""), "E003"),
        (lambda p: _write(p / "binary.txt", bytes(range(256)) * 8), "E002"),
    ],
)
def test_cli_extract_user_errors_exit_2(tmp_path, make, code_fragment):
    path = make(tmp_path)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and code_fragment in lines[0]
    assert "Traceback" not in result.output


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r"])
def test_cli_extract_reads_encodings(tmp_path, encoding):
    text = "Премьер-министр Олжас Бектенов поручил Министерству финансов подготовить отчет до 1 марта 2026 года."
    path = _write(tmp_path / f"release-{encoding}.txt", text.encode(encoding))
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    record = Record.model_validate_json(result.stdout)
    assert "Олжас Бектенов" in [p.name for p in record.people]
    assert "Министерство финансов" in [o.name for o in record.organizations]


def test_cli_schema_is_the_record_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    for field in ("doc_id", "people", "organizations", "figures", "dates", "directives"):
        assert field in schema["properties"]


def test_cli_batch_one_line_per_document(tmp_path):
    rows = [
        {"doc_id": "a", "text": "Министр финансов Мадина Такиева представила отчет.", "published": "2025-01-10"},
        {"doc_id": "b", "text": ""},
        {"doc_id": "c", "text": "Правительству поручено внести изменения до 1 марта 2025 года."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(src), "-o", str(out), "--quiet", "--workers", "1"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4
    assert [r["doc_id"] for r in records[:3]] == ["a", "b", "c"]
    assert records[1]["error"]["code"] and records[1]["people"] == []
    assert records[3]["error"] is not None


def test_console_script_ends_at_once_with_its_output_and_exit_code(seed_path, tmp_path):
    """`main()` ends the process without interpreter teardown after extract: what it printed
    must all be there (a pipe, not a terminal), and error exits keep their code."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "extractor", "extract", str(seed_path), "--compact"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert Record.model_validate_json(done.stdout).doc_id == "000_2d4edbfe873feb49"
    missing = subprocess.run([sys.executable, "-m", "extractor", "extract", str(tmp_path / "nope.txt")],
                             capture_output=True, text=True)
    assert missing.returncode == 2
    assert missing.stderr.startswith("error [E001]")
    assert subprocess.run([sys.executable, "-m", "extractor", "schema"], capture_output=True).returncode == 0


@pytest.mark.parametrize("args, expected", [
    (["batch", "feeds/", "-o", "out.jsonl"], True),
    (["batch", "news.jsonl", "-o", "out.jsonl", "--workers", "2", "--quiet"], True),
    (["batch", "news.jsonl", "-o", "out.jsonl", "-w", "4"], True),
    (["batch", "news.jsonl", "-o=out.jsonl", "--workers=1", "--backend", "natasha"], True),
    (["batch", "news.jsonl", "-o", "out.jsonl", "--workers", "0"], False),   # in this process
    (["batch", "news.jsonl", "-o", "out.jsonl", "-w0"], False),
    (["batch", "news.jsonl", "-o", "out.jsonl", "--engine", "dask", "--scheduler", "tcp://h:8786"], False),
    (["batch", "news.jsonl", "-o", "out.jsonl", "-b", "stanza"], False),
    (["batch", "news.jsonl", "-o", "out.jsonl", "--backend=stanza"], False),
    (["batch", "news.jsonl", "-o", "out.jsonl", "--workers"], False),        # typer's error to give
    (["batch", "news.jsonl", "-o", "out.jsonl", "--workers", "all"], False),
    (["batch", "--help"], False),
    (["extract", "release.txt"], False),
    ([], False),
])
def test_launch_starts_the_fork_server_only_for_a_local_natasha_batch(args, expected):
    from extractor.launch import local_batch

    assert local_batch(args) is expected


def test_console_script_batch_runs_with_the_fork_server_started_early(tmp_path):
    """`python -m extractor batch` starts the fork server before the command line loads; the
    run must be the same: one line per document, the people found."""
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Премьер-министр Олжас Бектенов провел заседание Правительства.",
                                           encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "-o",
                           str(tmp_path / "out.jsonl"), "--workers", "1", "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    records = {r["doc_id"]: r for r in map(json.loads, (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines())}
    assert sorted(records) == ["a", "b"]
    assert [p["name"] for p in records["a"]["people"]] == ["Олжас Бектенов"]
    assert records["b"]["error"]["code"]
