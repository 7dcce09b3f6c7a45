"""The seed release, end to end: what its record must hold, and its golden JSON.

The golden file is the whole record as `extractor extract samples/000_2d4edbfe873feb49.txt`
prints it; after an intended change, rewrite it with
`extractor extract samples/000_2d4edbfe873feb49.txt -o tests/golden/000_2d4edbfe873feb49.json`
and review the diff.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.api import extract

GOLDEN = Path(__file__).parent / "golden" / "000_2d4edbfe873feb49.json"


@pytest.fixture(scope="module")
def seed(seed_path, extractor):
    return extract(seed_path)


def test_seed_people_with_roles(seed):
    people = {p.name: [r.title for r in p.roles] for p in seed.people}
    assert people == {"Олжас Бектенов": ["Премьер-министр"], "Касым-Жомарт Токаев": ["Президент"]}


def test_seed_organizations(seed):
    names = {o.name for o in seed.organizations}
    assert {"Правительство", "Министерство национальной экономики", "Министерство промышленности и строительства",
            "Министерство финансов", "Байтерек", "Фонд развития промышленности", "Kazpravda.kz"} <= names
    assert not {"СЭЗ", "ИЗ"} & names


def test_seed_view_counter_is_not_a_figure(seed):
    assert 310.0 not in [f.value for f in seed.figures]
    assert seed.rubric == "Экономика"


def test_seed_directives(seed):
    assert len(seed.directives) == 2
    first, second = seed.directives
    for d in (first, second):
        assert d.issuer.name == "Олжас Бектенов"
        assert {a.name for a in d.assignees} == {"Министерство национальной экономики",
                                                 "Министерство промышленности и строительства",
                                                 "Министерство финансов", "Байтерек"}
    assert first.action.startswith("внести окончательное решение по источникам финансирования")
    assert first.deadline.date == "2026-01-15"
    assert second.action.startswith("приступить к реализации проекта")
    assert second.deadline.immediate is True


def test_seed_offsets_are_evidence(seed, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    items = [m for p in seed.people for m in p.mentions + p.roles]
    items += [m for o in seed.organizations for m in o.mentions]
    items += list(seed.figures) + list(seed.dates) + list(seed.directives)
    for item in items:
        assert text[item.start:item.end] == item.text


def test_seed_matches_golden(seed):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    golden["source"] = seed.source  # the path as given on the command line
    assert json.loads(seed.model_dump_json()) == golden
