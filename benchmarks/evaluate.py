#!/usr/bin/env python3
"""Score the extractor against the shared evaluation data.

    python benchmarks/evaluate.py            # NEREL dev mentions + press dev records
    python benchmarks/evaluate.py --only press

Runs `extractor batch` over ../shared/eval/nerel/dev.jsonl and ../shared/eval/press/dev.jsonl
and calls ../shared/eval/score.py on the output. The evaluation data is read at run time
and never copied into the project; without ../shared the script says so and exits 0.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("EXTRACTOR_SHARED", ROOT.parent / "shared"))
EVAL = SHARED / "eval"

SUITES = {
    "nerel": ("mentions", EVAL / "nerel" / "dev.jsonl", EVAL / "nerel" / "dev.jsonl"),
    "press": ("records", EVAL / "press" / "dev.jsonl", EVAL / "gold" / "dev"),
}


def run(suite: str, out_dir: Path, workers: int | None) -> str:
    mode, inputs, gold = SUITES[suite]
    out = out_dir / f"{suite}.jsonl"
    cmd = [sys.executable, "-m", "extractor", "batch", str(inputs), "-o", str(out), "--quiet"]
    if workers:
        cmd += ["--workers", str(workers)]
    subprocess.run(cmd, check=True)
    score = subprocess.run([sys.executable, str(EVAL / "score.py"), mode, "--pred", str(out), "--gold", str(gold)],
                           check=True, capture_output=True, text=True)
    return score.stdout


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(SUITES), help="run one suite")
    parser.add_argument("--workers", type=int, default=None, help="batch workers (default: all cores)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the batch outputs in this folder")
    args = parser.parse_args(argv)
    if not (EVAL / "score.py").exists():
        print(f"skipped: no evaluation data at {EVAL} (set EXTRACTOR_SHARED to the shared folder)")
        return 0
    suites = [args.only] if args.only else list(SUITES)
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for suite in suites:
            print(f"== {suite}: score.py {SUITES[suite][0]}")
            print(run(suite, out_dir, args.workers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
