"""What the figures and dates components add to the pipeline's time per document.

    python benchmarks/bench_facts.py [TEXTS.jsonl] [--limit N] [--repeat R]

TEXTS is a JSONL file with a `text` field per line (default: NEREL dev, ../shared/eval/nerel/
dev.jsonl). Two measures:
1. end to end: `nlp.pipe` over the texts with the whole pipeline but dates and figures, then
   with the whole pipeline (`build_pipeline(facts=...)`); the best of R interleaved runs each
   (on a shared machine this difference is noisy);
2. the components alone, run over Docs the rest of the pipeline already processed, so the
   models' noise does not hide them, against the whole pipeline's time and the backend's.
The first call of each component builds its grammar (regexes, inflected word lists); that
one-time cost is reported apart, and the timings below are of warm runs.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "nerel" / "dev.jsonl"


def load_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)

    from extractor.pipeline import FACTS, build_pipeline

    texts = load_texts(Path(args.texts), args.limit)
    n = len(texts)
    chars = sum(len(t) for t in texts)

    rest = tuple(f for f in FACTS if f not in ("dates", "figures"))
    backend = build_pipeline(facts=())
    base = build_pipeline(facts=rest)
    full = build_pipeline(facts=FACTS)
    start = time.perf_counter()
    full(texts[0])  # builds the grammars once
    warmup = time.perf_counter() - start
    list(base.pipe(texts[:2]))

    # interleaved, so that a change in the machine's load hits both alike
    t_base = t_full = float("inf")
    for _ in range(args.repeat):
        t_base = min(t_base, best_of(1, lambda: list(base.pipe(texts))))
        t_full = min(t_full, best_of(1, lambda: list(full.pipe(texts))))

    t_backend = best_of(args.repeat, lambda: list(backend.pipe(texts)))
    docs = list(base.pipe(texts))
    dates, figures = full.get_pipe("dates"), full.get_pipe("figures")
    t_dates = best_of(args.repeat, lambda: [dates(d) for d in docs])
    t_figures = best_of(args.repeat, lambda: [figures(d) for d in docs])

    ms = lambda seconds: 1000 * seconds / n  # noqa: E731
    print(f"{n} documents, {chars / n:.0f} characters each on average ({args.texts})")
    print(f"first call (grammars built):   {warmup * 1000:8.1f} ms once")
    print(f"backend only:                  {ms(t_backend):8.1f} ms/doc")
    print(f"pipeline without dates, figures:{ms(t_base):7.1f} ms/doc")
    print(f"whole pipeline:                {ms(t_full):8.1f} ms/doc  (+{100 * (t_full - t_base) / t_base:.1f}%)")
    print(f"dates alone:                   {ms(t_dates):8.2f} ms/doc")
    print(f"figures alone:                 {ms(t_figures):8.2f} ms/doc")
    print(f"dates + figures, share of the whole pipeline: {100 * (t_dates + t_figures) / t_full:5.1f}%"
          f"  (vs the backend alone: {100 * (t_dates + t_figures) / t_backend:.1f}%)")


if __name__ == "__main__":
    main()
