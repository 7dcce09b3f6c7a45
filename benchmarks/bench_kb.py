"""Benchmark of the knowledge base: generate a base of 100,000 directives, time the queries.

    python benchmarks/bench_kb.py                      # 100,000 directives in a temporary base
    python benchmarks/bench_kb.py --db /tmp/kb100k.sqlite --keep   # keep it (reused when present)

The base is made through the real ingest path (identity rules, FTS lemmas) from generated
records: 5,000 documents of 20 directives, 240 organizations, 300 people, deadlines spread over
2020-2030. Each query is what `extractor kb directives` runs (first page of 100 rows and the
total count) and must stay under 100 ms (median of 7 runs); the script exits 1 when one does not.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from extractor.kb import DirectiveQuery, count_directives, counts, directive, directives, ingest, open_db, orgs, people

LIMIT_MS = 100.0
PER_DOCUMENT = 20

MINISTRIES = ["финансов", "национальной экономики", "промышленности и строительства", "юстиции", "здравоохранения",
              "энергетики", "транспорта", "сельского хозяйства", "просвещения", "труда и социальной защиты населения",
              "внутренних дел", "экологии и природных ресурсов", "цифрового развития", "культуры и информации",
              "туризма и спорта", "водных ресурсов и ирригации", "иностранных дел", "торговли и интеграции"]
REGIONS = ["Алматинской", "Акмолинской", "Карагандинской", "Павлодарской", "Костанайской", "Туркестанской",
           "Жамбылской", "Атырауской", "Мангистауской", "Актюбинской", "Абайской", "Улытауской",
           "Северо-Казахстанской", "Западно-Казахстанской", "Восточно-Казахстанской", "Кызылординской"]
COMPANIES = ["Байтерек", "Самрук-Казына", "КазМунайГаз", "Казахтелеком", "Қазақстан темір жолы", "KEGOC",
             "Казпочта", "Samruk-Energy", "Air Astana", "Фонд развития промышленности", "Даму", "Отбасы банк"]
GIVEN = ["Олжас", "Серик", "Ерлан", "Алихан", "Роман", "Канат", "Нурлан", "Марат", "Асет", "Бауыржан",
         "Айдар", "Тимур", "Дархан", "Ермек", "Галымжан", "Руслан", "Аскар", "Жанибек", "Мади", "Арман"]
SURNAMES = ["Бектенов", "Жумангарин", "Карин", "Смаилов", "Скляр", "Бозумбаев", "Кошанов", "Мамин", "Сагинтаев",
            "Жаксылыков", "Нурбаев", "Исекешев", "Шукеев", "Оспанов", "Тугжанов"]
VERBS = ["внести", "обеспечить", "разработать", "представить", "принять", "утвердить", "завершить", "провести",
         "рассмотреть", "ускорить", "подготовить", "организовать"]
OBJECTS = ["окончательное решение по источникам финансирования", "предложения по модернизации инфраструктуры",
           "план мероприятий по снижению рисков паводков", "строительство дорог местного значения",
           "проект бюджета на следующий год", "меры по поддержке малого бизнеса", "отчет о ходе реализации программы",
           "поправки в налоговое законодательство", "проверку исполнения поручений", "закуп лекарственных средств",
           "подведение инженерных сетей к индустриальным зонам", "реконструкцию систем водоснабжения",
           "цифровизацию государственных услуг", "контроль за ценами на социально значимые товары"]


def organizations() -> list[tuple[str, list[str]]]:
    orgs = [(f"Министерство {m}", [f"Министерство {m} Республики Казахстан"]) for m in MINISTRIES]
    orgs += [(f"Акимат {r} области", []) for r in REGIONS]
    orgs += [(c, [f"АО «{c}»"]) for c in COMPANIES]
    orgs += [(f"Управление {m} {r} области", []) for m in MINISTRIES[:12] for r in REGIONS[:16]]
    return orgs


def make_records(n_directives: int, seed: int = 1):
    rng = random.Random(seed)
    all_orgs = organizations()
    persons = [f"{g} {s}" for s in SURNAMES for g in GIVEN][:300]
    start = date(2020, 1, 1)
    for doc in range(n_directives // PER_DOCUMENT):
        published = start + timedelta(days=rng.randrange(0, 365 * 7))
        issuer = rng.choice(persons)
        named = rng.sample(all_orgs, 6)
        directives_ = []
        for i in range(PER_DOCUMENT):
            assignees = rng.sample(named, rng.randint(1, 3))
            action = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
            deadline = None
            roll = rng.random()
            if roll < 0.7:
                deadline = {"date": (published + timedelta(days=rng.randrange(7, 3 * 365))).isoformat()}
            elif roll < 0.8:
                deadline = {"immediate": True}
            elif roll < 0.85:
                deadline = {"duration": f"P{rng.randint(1, 6)}M"}
            sentence = f"{', '.join(a[0] for a in assignees)} поручено {action}."
            directives_.append({"start": 0, "end": len(sentence), "text": sentence, "action": action,
                                "issuer": {"name": issuer, "type": "person", "role": "Премьер-министр"},
                                "assignees": [{"name": a[0], "type": "organization"} for a in assignees],
                                "deadline": deadline})
        yield {"doc_id": f"bench-{doc:06d}", "title": f"Совещание {doc}", "published": published.isoformat(),
               "people": [{"name": issuer, "mentions": [{"start": 0, "end": len(issuer), "text": issuer}]}],
               "organizations": [{"name": o[0], "aliases": o[1], "mentions": [{"start": 0, "end": 1, "text": "x"}]}
                                 for o in named],
               "directives": directives_}


QUERIES = {
    "all, first page": DirectiveQuery(),
    "--assignee 'Министерство финансов' --due-before 2026-02-01": DirectiveQuery(
        assignee="Министерство финансов", due_before="2026-02-01"),
    "--assignee Минфин (alias rule)": DirectiveQuery(assignee="Минфин"),
    "--overdue --today 2026-02-01": DirectiveQuery(overdue=True, today="2026-02-01"),
    "--due-after 2025-01-01 --due-before 2025-03-01": DirectiveQuery(due_after="2025-01-01", due_before="2025-03-01"),
    "--issuer 'О. Бектенов'": DirectiveQuery(issuer="О. Бектенов"),
    "--search финансированием": DirectiveQuery(search="финансированием"),
    "--search 'паводок' --assignee 'акимат Атырауской области' --overdue": DirectiveQuery(
        search="паводок", assignee="акимат Атырауской области", overdue=True, today="2026-02-01"),
    "--assignee 'Управление юстиции Жамбылской области' --issuer 'Серик Карин'": DirectiveQuery(
        assignee="Управление юстиции Жамбылской области", issuer="Серик Карин"),
}


def timed(fn, runs: int = 7) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times), result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--directives", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="the base to build or reuse (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the base")
    args = parser.parse_args(argv)
    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "bench.sqlite"
    db = open_db(path)
    if counts(db)["directives"] < args.directives:
        records = Path(folder.name) / "records.jsonl"
        with open(records, "w", encoding="utf-8") as fh:
            for record in make_records(args.directives):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        t0 = time.perf_counter()
        summary = ingest(db, [records])
        print(f"ingest: {summary.added} documents in {time.perf_counter() - t0:.1f} s")
        db.execute("ANALYZE")
    print("base: " + ", ".join(f"{v} {k}" for k, v in counts(db).items()))
    print(f"{'query':<78} {'rows':>6} {'total':>7} {'median ms':>10} {'max ms':>8}")
    slow = []
    for name, q in QUERIES.items():
        median, worst, (rows, total) = timed(lambda q=q: (directives(db, q), count_directives(db, q)))
        print(f"{name:<78} {len(rows):>6} {total:>7} {median:>10.1f} {worst:>8.1f}")
        if median > LIMIT_MS:
            slow.append(name)
    first = directives(db, DirectiveQuery(limit=1))[0]["id"]
    for name, fn in {"kb show (directive, related)": lambda: directive(db, first),
                     "kb people": lambda: people(db), "kb orgs": lambda: orgs(db)}.items():
        median, worst, result = timed(fn)
        size = len(result) if isinstance(result, list) else len(result["related"])
        print(f"{name:<78} {size:>6} {'':>7} {median:>10.1f} {worst:>8.1f}")
        if median > LIMIT_MS:
            slow.append(name)
    if not args.keep and not args.db:
        db.conn.close()
    print("all queries under 100 ms" if not slow else f"over 100 ms: {', '.join(slow)}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
