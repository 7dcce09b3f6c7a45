"""Speed and memory of `extractor batch` against Natasha's own full pipeline, same documents, same run.

    python benchmarks/bench_speed.py                        # NEREL dev texts x4, 3 runs each
    python benchmarks/bench_speed.py --runs 5 --out benchmarks/speed.md

Each configuration runs as a whole process (interpreter start and model loading included),
the configurations interleaved run by run, every other run in reverse order, so that a busy
machine weighs on all of them alike; the table gives medians. Natasha's pipeline is the one its README shows: segment,
morph, syntax, NER, span normalization, DatesExtractor and MoneyExtractor, document by
document. Peak memory is each process's high-water mark (VmHWM), sampled over the process
tree: "per process" is the largest one (the batch's main process or a worker), "total" the
largest sum seen at once.

With `--pair` (the default), each run also times two one-worker batches side by side, each
on the whole corpus: twice the work of one, on both cores at once, start-up included. Twice
one worker's time over theirs is what two processes can get out of this machine on this
work (its caches and memory are shared by the cores); two workers can get no more.

The package's bytecode is compiled first, as an installed package's is: where
PYTHONDONTWRITEBYTECODE is set (as on the machines this was written on), every process
would otherwise compile the library's sources again (0.1 s of each start). One untimed batch
then fills the cache of compiled grammar patterns (`extractor/regexes.py`), as any first run
on a machine does.
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "eval" / "nerel" / "dev.jsonl"
SAMPLE = ROOT / "samples" / "000_2d4edbfe873feb49.txt"

NATASHA = r'''
import json, sys
from natasha import (Doc, DatesExtractor, MoneyExtractor, MorphVocab, NewsEmbedding, NewsMorphTagger,
                     NewsNERTagger, NewsSyntaxParser, Segmenter)
segmenter, morph_vocab = Segmenter(), MorphVocab()
emb = NewsEmbedding()
morph, syntax, ner = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
dates, money = DatesExtractor(morph_vocab), MoneyExtractor(morph_vocab)
n = 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        text = json.loads(line)["text"]
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
        for span in doc.spans:
            span.normalize(morph_vocab)
        found = [len(doc.spans), len(list(dates(text))), len(list(money(text)))]
        out.write(json.dumps(found) + "\n")
        n += 1
'''


def corpus(source: Path, repeat: int, folder: Path) -> tuple[Path, int, int]:
    rows = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    path = folder / "corpus.jsonl"
    docs = chars = 0
    with path.open("w", encoding="utf-8") as fh:
        for k in range(repeat):
            for row in rows:
                fh.write(json.dumps({"doc_id": f"{row['doc_id']}-{k}", "text": row["text"]}, ensure_ascii=False) + "\n")
                docs += 1
                chars += len(row["text"])
    return path, docs, chars


def _status_kb(pid: int, field: str) -> int:
    """A memory field of /proc/PID/status in kB ("VmHWM": peak RSS, "VmRSS": RSS now); 0 once gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            pass
    return out


def measure_one(cmd: list[str]) -> dict:
    """Wall seconds and peak RSS (MB) of a command that runs as one process, read from the
    kernel when it ends (`wait4`), without polling /proc beside it as `measure` must."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "total_mb": usage.ru_maxrss / 1024, "processes": 1}


def measure(cmd: list[str], env=None) -> dict:
    """Wall seconds, largest per-process peak RSS and largest total RSS (MB) of a command's process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peaks: dict[int, int] = {}
    total = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        for p in pids:
            peaks[p] = max(peaks.get(p, 0), _status_kb(p, "VmHWM"))
        total = max(total, sum(_status_kb(p, "VmRSS") for p in pids))
        time.sleep(0.1)  # peaks are high-water marks: sampling more often only takes CPU from the run
    seconds = time.perf_counter() - started
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return {"seconds": seconds, "peak_mb": max(peaks.values(), default=0) / 1024, "total_mb": total / 1024,
            "processes": len(peaks)}


def measure_pair(cmds: list[list[str]]) -> dict:
    """Wall seconds of two commands started together, until both have ended."""
    started = time.perf_counter()
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for cmd in cmds]
    for cmd, proc in zip(cmds, procs):
        if proc.wait() != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
    return {"seconds": time.perf_counter() - started, "peak_mb": 0.0, "total_mb": 0.0, "processes": 0}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="JSONL with doc_id and text")
    parser.add_argument("--repeat", type=int, default=4, help="repeat the texts this many times (default 4)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each configuration (medians; default 3)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-pair", dest="pair", action="store_false",
                        help="skip the two one-worker batches side by side (the machine's ceiling for two processes)")
    parser.add_argument("--out", type=Path, help="also write the markdown table here")
    args = parser.parse_args(argv)
    if not args.source.exists():
        raise SystemExit(f"{args.source}: not found (give --source a JSONL with doc_id and text)")

    compileall.compile_dir(ROOT / "extractor", quiet=1)
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        folder = Path(tmp)
        data, docs, chars = corpus(args.source, args.repeat, folder)
        script = folder / "natasha_full.py"
        script.write_text(NATASHA, encoding="utf-8")
        configs = {"natasha": [sys.executable, str(script), str(data), str(folder / "natasha.jsonl")]}
        for n in args.workers:
            configs[f"extractor-{n}"] = [sys.executable, "-m", "extractor", "batch", str(data), "-o",
                                         str(folder / f"extractor-{n}.jsonl"), "--workers", str(n), "--quiet"]
        pair = [[sys.executable, "-m", "extractor", "batch", str(data), "-o", str(folder / f"pair-{k}.jsonl"),
                 "--workers", "1", "--quiet"] for k in (1, 2)] if args.pair and 1 in args.workers else None
        if pair:
            configs["pair"] = pair
        cold = [sys.executable, "-m", "extractor", "extract", str(SAMPLE), "--compact"]
        # untimed: the timed runs find what a user's second run finds, the compiled grammars
        # (extractor/regexes.py) and bytecode in place
        subprocess.run([sys.executable, "-m", "extractor", "batch", str(SAMPLE if SAMPLE.exists() else data),
                        "-o", str(folder / "warm-up.jsonl"),
                        "--workers", "1", "--quiet"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results: dict[str, list[dict]] = {name: [] for name in [*configs, "cold"]}
        print(f"{docs} documents, {chars} characters; {args.runs} runs of {', '.join(configs)}", file=sys.stderr)
        for run in range(args.runs):
            # every other run in reverse order: no configuration always runs right after another
            order = list(configs.items()) if run % 2 == 0 else list(reversed(configs.items()))
            for name, cmd in order:
                results[name].append(measure_pair(cmd) if name == "pair" else measure(cmd))
                print(f"run {run + 1} {name}: {results[name][-1]['seconds']:.1f} s", file=sys.stderr)
                if name.startswith("extractor"):
                    lines = sum(1 for _ in open(folder / f"{name}.jsonl", encoding="utf-8"))
                    assert lines == docs, f"{name}: {lines} lines for {docs} documents"
            if SAMPLE.exists():
                results["cold"].append(measure_one(cold))
        table = report(results, docs, chars, args)
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")
    return 0


def report(results: dict, docs: int, chars: int, args) -> str:
    med = {name: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for name, runs in results.items() if runs}
    base = med["natasha"]["seconds"]
    one = med.get("extractor-1", {}).get("seconds")
    rows = ["| pipeline | seconds (median) | docs/s | kchars/s | peak RSS per process, MB | peak RSS total, MB "
            "| speed vs Natasha | speed vs 1 worker |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, m in med.items():
        if name in ("cold", "pair"):
            continue
        label = "Natasha full pipeline" if name == "natasha" else f"extractor batch, {name.split('-')[1]} worker(s)"
        vs_one = f"{one / m['seconds']:.2f}x" if one and name.startswith("extractor") else ""
        rows.append(f"| {label} | {m['seconds']:.1f} | {docs / m['seconds']:.2f} | {chars / 1000 / m['seconds']:.1f} "
                    f"| {m['peak_mb']:.0f} | {m['total_mb']:.0f} | {base / m['seconds']:.2f}x | {vs_one} |")
    lines = [
        f"Corpus: {args.source.name} texts x{args.repeat} = {docs} documents, {chars:,} characters. "
        f"Whole processes (start-up and model loading included), median of {args.runs} runs, interleaved "
        "(every other run in reverse order).",
        "",
        *rows,
    ]
    paired = _paired(results)
    if paired:
        lines += ["", "Ratios within each run (the configurations of a run ran minutes apart, so a drift of "
                      "the machine's speed weighs on both sides): " + "; ".join(paired) + "."]
    if "pair" in med and one:
        lines += ["", f"Two one-worker batches side by side, each on the whole corpus: {med['pair']['seconds']:.1f} s "
                      f"(median), so two processes do {2 * one / med['pair']['seconds']:.2f}x the work of one on this "
                      "machine (within runs: " + (_ratio(results, "pair", "extractor-1", 2.0) or "") + "), "
                      "the most two workers can reach."]
    if "cold" in med:
        lines += ["", f"`extractor extract {SAMPLE.relative_to(ROOT)}` cold (new process): "
                      f"{med['cold']['seconds']:.2f} s median, peak RSS {med['cold']['peak_mb']:.0f} MB."]
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    lines += ["", f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
                  f"load average at the end {load[0]:.1f}." if load[0] != "?" else ""]
    return "\n".join(lines)


def _ratio(results: dict, name: str, base: str, work: float = 1.0) -> Optional[str]:
    """Median [lowest-highest] over the runs of `work` x base's seconds / name's seconds."""
    pairs = [work * b["seconds"] / r["seconds"] for r, b in zip(results.get(name, []), results.get(base, []))]
    if not pairs:
        return None
    return f"{statistics.median(pairs):.2f}x [{min(pairs):.2f}-{max(pairs):.2f}]"


def _paired(results: dict) -> list[str]:
    """Median [lowest-highest] of the per-run ratios: 1 worker against Natasha, n workers against 1."""
    pairs = [("extractor-1", "natasha")]
    pairs += [(name, "extractor-1") for name in results if name.startswith("extractor-") and name != "extractor-1"]
    return [f"{name} vs {base} {found}" for name, base in pairs if (found := _ratio(results, name, base))]


if __name__ == "__main__":
    sys.exit(main())
