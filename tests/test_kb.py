"""The directive knowledge base: identity rules, migrations, ingest, queries, CLI.

Records are hand-written here (shaped like batch output), with offsets computed from texts
written for these tests, so that nothing depends on the extractor's current quality.
"""
from __future__ import annotations

import importlib
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from extractor.errors import KnowledgeBaseError
from extractor.kb import DirectiveQuery, count_directives, counts, directive, directives, ingest, merge, open_db
from extractor.kb import orgs as kb_orgs
from extractor.kb import people as kb_people
from extractor.kb.identity import find_orgs, find_people, resolve_org, resolve_person
from extractor.kb.ingestion import due_date
from extractor.kb.names import compatible, parse_name
from extractor.kb.orgnames import acronym_of, document_country, min_compound_matches, org_key
from extractor.kb.search import lemma_text, match_expression
from extractor.kb.store import LATEST, migrate, statements, version

# ---------------------------------------------------------------- hand-written records


def span(text: str, fragment: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def org(text, name, mentions, aliases=(), kind=None):
    return {"name": name, "aliases": list(aliases), "kind": kind, "mentions": [span(text, m) for m in mentions]}


def person(text, name, mentions, roles=(), aliases=()):
    return {"name": name, "aliases": list(aliases), "mentions": [span(text, m) for m in mentions],
            "roles": [dict(span(text, r), title=t) for r, t in roles]}


def party(name, type_="organization", role=None):
    return {"name": name, "type": type_, "role": role}


def order(text, sentence, action, issuer, assignees, deadline=None):
    d = dict(span(text, sentence), issuer=issuer, assignees=assignees, action=action)
    d["action_start"] = text.index(action) if action in text else None
    d["action_end"] = d["action_start"] + len(action) if d["action_start"] is not None else None
    d["deadline"] = deadline
    return d


def deadline(text, fragment, **value):
    return dict(span(text, fragment), **value)


KZ_TEXT = (
    "Премьер-министр Олжас Бектенов провел совещание о развитии индустриальных зон. "
    "Министерству национальной экономики, Министерству промышленности и строительства, Министерству "
    "финансов Республики Казахстан и холдингу «Байтерек» поручено до 15 января 2026 года внести "
    "окончательное решение по источникам финансирования. Минфину поручено незамедлительно приступить "
    "к подготовке проекта бюджета на 120 млрд тенге."
)
KZ_SENTENCE = KZ_TEXT[KZ_TEXT.index("Министерству национальной"):KZ_TEXT.index("финансирования.") + 15]
KZ_SECOND = KZ_TEXT[KZ_TEXT.index("Минфину"):KZ_TEXT.index("тенге.") + 6]
KZ_ASSIGNEES = ["Министерство национальной экономики", "Министерство промышленности и строительства",
                "Министерство финансов", "Байтерек"]


def kz_record(**changes) -> dict:
    t = KZ_TEXT
    record = {
        "doc_id": "kz-001", "title": "Олжас Бектенов провел совещание", "published": "2025-12-25",
        "url": "https://example.kz/1",
        "people": [person(t, "Олжас Бектенов", ["Олжас Бектенов"], roles=[("Премьер-министр", "Премьер-министр")])],
        "organizations": [
            org(t, "Министерство национальной экономики", ["Министерству национальной экономики"], kind="ministry"),
            org(t, "Министерство промышленности и строительства", ["Министерству промышленности и строительства"]),
            org(t, "Министерство финансов", ["Министерству финансов Республики Казахстан", "Минфину"],
                aliases=["Министерство финансов Республики Казахстан", "Минфин"], kind="ministry"),
            org(t, "Байтерек", ["холдингу «Байтерек»"], aliases=["холдинг «Байтерек»"], kind="company"),
        ],
        "figures": [dict(span(t, "120 млрд тенге"), value=120e9, unit="KZT")],
        "dates": [dict(span(t, "до 15 января 2026 года"), kind="deadline", date="2026-01-15"),
                  dict(span(t, "незамедлительно"), kind="deadline", immediate=True)],
        "directives": [
            order(t, KZ_SENTENCE, "внести окончательное решение по источникам финансирования",
                  party("Олжас Бектенов", "person", "Премьер-министр"), [party(n) for n in KZ_ASSIGNEES],
                  deadline(t, "до 15 января 2026 года", date="2026-01-15")),
            order(t, KZ_SECOND, "приступить к подготовке проекта бюджета",
                  party("Олжас Бектенов", "person", "Премьер-министр"), [party("Минфин")],
                  deadline(t, "незамедлительно", immediate=True)),
        ],
    }
    record.update(changes)
    return record


KZ2_TEXT = ("Бектенов Олжас Абаевич провел заседание Правительства Республики Казахстан. О. Бектенов поручил "
            "МНЭ РК и Минфину до 1 марта 2026 года подготовить поправки в республиканский бюджет.")


def kz2_record() -> dict:
    t = KZ2_TEXT
    return {
        "doc_id": "kz-002", "published": "2026-01-20",
        "people": [person(t, "Бектенов Олжас Абаевич", ["Бектенов Олжас Абаевич", "О. Бектенов"],
                          aliases=["О. Бектенов"])],
        "organizations": [org(t, "Правительство Республики Казахстан", ["Правительства Республики Казахстан"]),
                          org(t, "МНЭ РК", ["МНЭ РК"]), org(t, "Минфин", ["Минфину"])],
        "directives": [order(t, t[t.index("О. Бектенов"):], "подготовить поправки в республиканский бюджет",
                             party("О. Бектенов", "person"), [party("МНЭ РК"), party("Минфин")],
                             deadline(t, "до 1 марта 2026 года", date="2026-03-01"))],
    }


RU_TEXT = ("Председатель Правительства Михаил Мишустин поручил Министерству финансов Российской Федерации "
           "до 1 декабря 2025 года представить доклад о исполнении бюджета.")


def ru_record() -> dict:
    t = RU_TEXT
    return {
        "doc_id": "ru-001", "published": "2025-10-01",
        "people": [person(t, "Михаил Мишустин", ["Михаил Мишустин"])],
        "organizations": [org(t, "Министерство финансов Российской Федерации",
                              ["Министерству финансов Российской Федерации"])],
        "directives": [order(t, t, "представить доклад о исполнении бюджета", party("Михаил Мишустин", "person"),
                             [party("Министерство финансов Российской Федерации")],
                             deadline(t, "до 1 декабря 2025 года", date="2025-12-01"))],
    }


ERROR_RECORD = {"doc_id": "broken", "error": {"code": "E003", "message": "the document has no text"}}


def write_jsonl(path, rows, text_lines=()):
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write((row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n")
    return path


@pytest.fixture()
def base(tmp_path):
    """A base with the three records ingested (plain helper fixture of this module)."""
    db = open_db(tmp_path / "kb.sqlite")
    ingest(db, [write_jsonl(tmp_path / "out.jsonl", [kz_record(), kz2_record(), ru_record(), ERROR_RECORD])])
    return db


# ---------------------------------------------------------------- identity rules: people


@pytest.mark.parametrize("name,surname,given,patronymic", [
    ("Олжас Бектенов", "бектенов", "олжас", None),
    ("О. Бектенов", "бектенов", "о.", None),
    ("Бектенов Олжас Абаевич", "бектенов", "олжас", "абаевич"),
    ("Олжас Абаевич Бектенов", "бектенов", "олжас", "абаевич"),
    ("Бектенов О.А.", "бектенов", "о.", "а."),
    ("Бектенов Олжас", "бектенов", "олжас", None),
    ("Касым-Жомарт Токаев", "токаев", "касым-жомарт", None),
    ("К.-Ж. Токаев", "токаев", "к.", None),
    ("Ерлан Жанысұлы Карин", "карин", "ерлан", "жанысұлы"),
    ("Путин Владимир Владимирович", "путин", "владимир", "владимирович"),
    ("Мишустин", "мишустин", None, None),
    ("Артём Сёмин", "семин", "артем", None),
])
def test_names_parse(name, surname, given, patronymic):
    parsed = parse_name(name)
    assert (parsed.surname, parsed.given, parsed.patronymic) == (surname, given, patronymic)


@pytest.mark.parametrize("a,b,same", [
    ("Олжас Бектенов", "О. Бектенов", True),
    ("Олжас Бектенов", "Бектенов Олжас Абаевич", True),
    ("О. Бектенов", "Бектенов О.А.", True),
    ("Олжас Бектенов", "Бектенов", True),
    ("Олжас Бектенов", "Ерлан Бектенов", False),
    ("Олжас Бектенов", "Олжас Бектенова", False),
    ("О. Бектенов", "Е. Бектенов", False),
    ("Бектенов Олжас Абаевич", "Бектенов Олжас Маратович", False),
    ("Бектенов О.А.", "Бектенов О.М.", False),
])
def test_names_compatible(a, b, same):
    assert compatible(parse_name(a), parse_name(b)) is same


@pytest.mark.parametrize("stored,incoming,joins", [
    (["Олжас Бектенов"], "О. Бектенов", True),
    (["Олжас Бектенов"], "Бектенов Олжас Абаевич", True),
    (["О. Бектенов"], "Олжас Бектенов", True),
    (["Олжас Бектенов"], "Бектенов", True),                       # the only Бектенов
    (["Олжас Бектенов", "Ерлан Бектенов"], "Бектенов", False),    # which one? a new person
    (["Олжас Бектенов", "Оксана Бектенова"], "О. Бектенов", True),  # Бектенова is another surname
    (["Олжас Бектенов", "Омар Бектенов"], "О. Бектенов", False),  # two О. Бектеновs: a new person
    (["Олжас Бектенов", "Омар Бектенов"], "Олжас Бектенов", True),
    (["Олжас Бектенов"], "Ерлан Бектенов", False),
])
def test_identity_people(tmp_path, stored, incoming, joins):
    db = open_db(tmp_path / "kb.sqlite")
    first = resolve_person(db, stored[0])
    for other in stored[1:]:
        resolve_person(db, other)
    assert (resolve_person(db, incoming) == first) is joins


def test_identity_person_name_shown_is_the_fullest(tmp_path):
    db = open_db(tmp_path / "kb.sqlite")
    pid = resolve_person(db, "О. Бектенов")
    assert resolve_person(db, "Бектенов Олжас Абаевич") == pid
    assert resolve_person(db, "Олжас Бектенов") == pid
    assert db.execute("SELECT name, given, patronymic FROM people WHERE id = ?", [pid]).fetchone() == (
        "Олжас Бектенов", "олжас", "абаевич")


# ---------------------------------------------------------------- identity rules: organizations


@pytest.mark.parametrize("name,base,country", [
    ("Министерство финансов Республики Казахстан", "министерство финансы", "KZ"),
    ("Министерству финансов", "министерство финансы", None),
    ("Министерство финансов Российской Федерации", "министерство финансы", "RU"),
    ("МНЭ РК", "мнэ", "KZ"),
    ("АО НУХ «Байтерек»", "байтерек", None),
    ("холдинг «Байтерек»", "байтерек", None),
    ("Национальный управляющий холдинг «Байтерек»", "байтерек", None),
    ("Правительство Казахстана", "правительство", "KZ"),
    ("АО «Фонд развития промышленности»", "фонд развитие промышленность", None),
    ("Банк России", "банк", "RU"),
])
def test_orgs_key(name, base, country):
    key = org_key(name)
    assert (key.base, key.country) == (base, country)


@pytest.mark.parametrize("short,full,same", [
    ("Минфин", "Министерство финансов", True),
    ("Минздрав", "Министерство здравоохранения", True),
    ("Минпромторг", "Министерство промышленности и торговли", True),
    ("Минсельхоз", "Министерство сельского хозяйства", True),
    ("Минэкономразвития", "Министерство экономического развития", True),
    ("Минфин", "Министерство национальной экономики", False),
    ("Минтранс", "Министерство труда и социальной защиты", False),
])
def test_orgs_min_compound(short, full, same):
    assert min_compound_matches(short, org_key(full).base) is same


@pytest.mark.parametrize("name,acronym", [
    ("Министерство национальной экономики", "мнэ"),
    ("Министерство промышленности и строительства Республики Казахстан", "мпс"),
    ("Фонд развития промышленности", "фрп"),
    ("Байтерек", None),
    ("Конституционный суд", None),
    ("МНЭ РК", None),
])
def test_orgs_acronym(name, acronym):
    assert acronym_of(name) == acronym


@pytest.mark.parametrize("stored,incoming,joins", [
    (["Министерство финансов"], "Минфин", True),
    (["Минфин"], "Министерство финансов Республики Казахстан", True),
    (["Министерство финансов Республики Казахстан"], "Министерству финансов", True),
    (["Министерство национальной экономики"], "МНЭ РК", True),
    (["МНЭ"], "Министерство национальной экономики", True),
    (["Байтерек"], "АО НУХ «Байтерек»", True),
    (["Кабинет министров"], "Правительство", True),
    (["Министерство финансов Республики Казахстан"], "Министерство финансов Российской Федерации", False),
    (["Министерство финансов"], "Министерство национальной экономики", False),
    (["Министерство промышленности и строительства"], "МНЭ", False),
    (["КС РФ"], "Кызылжар су", False),  # two words make no acronym
])
def test_identity_orgs(tmp_path, stored, incoming, joins):
    db = open_db(tmp_path / "kb.sqlite")
    first = resolve_org(db, stored[0])
    for other in stored[1:]:
        resolve_org(db, other)
    assert (resolve_org(db, incoming) == first) is joins


def test_identity_orgs_country_of_the_document_decides(tmp_path):
    db = open_db(tmp_path / "kb.sqlite")
    kz = resolve_org(db, "Министерство финансов Республики Казахстан")
    ru = resolve_org(db, "Министерство финансов Российской Федерации")
    assert kz != ru
    assert resolve_org(db, "Министерство финансов", document_country="RU") == ru
    assert resolve_org(db, "Минфин", document_country="KZ") == kz
    assert set(find_orgs(db, ["Министерство финансов"])) == {kz, ru}  # a query without country: both


@pytest.mark.parametrize("record,country", [
    ({"organizations": [{"name": "Правительство Республики Казахстан", "aliases": ["Минфин РК"]}]}, "KZ"),
    ({"organizations": [{"name": "Минфин"}], "figures": [{"unit": "RUB"}]}, "RU"),
    ({"organizations": [{"name": "Минфин"}]}, None),
])
def test_orgs_document_country(record, country):
    assert document_country(record) == country


def test_identity_orgs_name_shown_is_not_an_abbreviation(tmp_path):
    db = open_db(tmp_path / "kb.sqlite")
    oid = resolve_org(db, "Минфин")
    assert resolve_org(db, "Министерство финансов") == oid
    assert db.execute("SELECT name FROM organizations WHERE id = ?", [oid]).fetchone()[0] == "Министерство финансов"


# ---------------------------------------------------------------- migrations


def test_migrations_fresh_base_is_at_latest(tmp_path):
    db = open_db(tmp_path / "kb.sqlite")
    assert version(db) == LATEST == 2
    assert [r["version"] for r in db.query("SELECT version FROM migrations")] == [1, 2]
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert migrate(db) == []  # nothing left to do


def test_migrations_upgrade_keeps_data_and_indexes_it(tmp_path):
    path = tmp_path / "kb.sqlite"
    db = open_db(path, migrate_to=1)
    assert version(db) == 1 and "directives_fts" not in db.table_names()
    doc = db.execute("INSERT INTO documents (doc_id, record, checksum, ingested_at) VALUES ('d', '{}', 'x', 'now')"
                     ).lastrowid
    db.execute("INSERT INTO directives (document_id, position, action, text) VALUES (?, 0, ?, ?)",
               [doc, "обеспечить финансирование проектов", "Поручено обеспечить финансирование проектов."])
    db.conn.close()
    db = open_db(path)
    assert version(db) == 2
    assert db.execute("SELECT rowid FROM directives_fts WHERE directives_fts MATCH ?",
                      [match_expression("финансированием")]).fetchall() == [(1,)]


def test_migrations_refuse_a_newer_base(tmp_path):
    path = tmp_path / "kb.sqlite"
    sqlite3.connect(path).execute("PRAGMA user_version = 99").connection.close()
    with pytest.raises(KnowledgeBaseError, match="newer"):
        open_db(path)


def test_migrations_statements_keep_trigger_bodies():
    sql = "CREATE TABLE a (x);\n-- note\nCREATE TRIGGER t AFTER DELETE ON a BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n"
    assert len(statements(sql)) == 2


def test_migrations_read_only_base_is_not_written(tmp_path):
    path = tmp_path / "kb.sqlite"
    open_db(path).conn.close()
    db = open_db(path, read_only=True)
    with pytest.raises(sqlite3.OperationalError):
        db.execute("INSERT INTO people (name) VALUES ('x')")


# ---------------------------------------------------------------- ingest


def test_ingest_counts_and_skips_errors(tmp_path):
    db = open_db(tmp_path / "kb.sqlite")
    path = write_jsonl(tmp_path / "out.jsonl", [kz_record(), kz2_record(), ru_record(), ERROR_RECORD, "not json",
                                                {"doc_id": "x", "people": "nobody"}])
    summary = ingest(db, [path])
    assert (summary.records, summary.added, summary.errors, summary.invalid) == (6, 3, 1, 2)
    assert counts(db)["documents"] == 3 and counts(db)["directives"] == 4


def test_ingest_twice_changes_nothing(tmp_path):
    db = open_db(tmp_path / "kb.sqlite")
    path = write_jsonl(tmp_path / "out.jsonl", [kz_record(), kz2_record(), ru_record(), ERROR_RECORD])
    ingest(db, [path])
    before = counts(db)
    dump = list(db.conn.iterdump())
    summary = ingest(db, [path])
    assert (summary.added, summary.replaced, summary.unchanged, summary.errors) == (0, 0, 3, 1)
    assert counts(db) == before
    assert list(db.conn.iterdump()) == dump


def test_ingest_changed_document_replaces_the_old(tmp_path):
    db = open_db(tmp_path / "kb.sqlite")
    ingest(db, [write_jsonl(tmp_path / "a.jsonl", [kz_record(), ru_record()])])
    changed = kz_record(directives=kz_record()["directives"][:1], title="Исправленный заголовок")
    changed["organizations"] = changed["organizations"][:3]  # Байтерек no longer named
    changed["directives"][0]["assignees"] = changed["directives"][0]["assignees"][:3]
    summary = ingest(db, [write_jsonl(tmp_path / "b.jsonl", [changed])])
    assert (summary.replaced, summary.added) == (1, 0)
    assert counts(db)["documents"] == 2 and counts(db)["directives"] == 2
    assert db.execute("SELECT title FROM documents WHERE doc_id = 'kz-001'").fetchone()[0] == "Исправленный заголовок"
    assert not [o for o in kb_orgs(db) if o["name"] == "Байтерек"]  # nothing refers to it any more
    assert db.execute("SELECT count(*) FROM directives_fts").fetchone()[0] == 2


def test_ingest_is_transactional_per_document(tmp_path, monkeypatch):
    module = importlib.import_module("extractor.kb.ingestion")

    db = open_db(tmp_path / "kb.sqlite")
    calls = {"n": 0}
    real = module.search.index_directive

    def failing(*args):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(*args)

    monkeypatch.setattr(module.search, "index_directive", failing)
    with pytest.raises(RuntimeError):
        ingest(db, [write_jsonl(tmp_path / "out.jsonl", [kz_record()])])
    assert counts(db) == {k: 0 for k in counts(db)}


def test_ingest_links_people_and_orgs_across_documents(base):
    people = {p["name"]: p for p in kb_people(base)}
    assert set(people) == {"Олжас Бектенов", "Михаил Мишустин"}
    assert {"Бектенов Олжас Абаевич", "О. Бектенов"} <= set(people["Олжас Бектенов"]["aliases"])
    assert people["Олжас Бектенов"]["documents"] == 2 and people["Олжас Бектенов"]["issued"] == 3
    orgs = {(o["name"], o["country"]) for o in kb_orgs(base)}
    assert ("Министерство финансов", "KZ") in orgs
    assert ("Министерство финансов Российской Федерации", "RU") in orgs
    minfin_kz = next(o for o in kb_orgs(base) if o["name"] == "Министерство финансов")
    assert minfin_kz["assigned"] == 3 and minfin_kz["documents"] == 2
    mne = next(o for o in kb_orgs(base) if o["name"] == "Министерство национальной экономики")
    assert "МНЭ РК" in mne["aliases"] and mne["assigned"] == 2


@pytest.mark.parametrize("how", ["field", "texts", "source_jsonl", "source_txt"])
def test_ingest_stores_the_text(tmp_path, how):
    db = open_db(tmp_path / "kb.sqlite")
    record, texts = kz_record(), []
    if how == "field":
        record["text"] = KZ_TEXT
    elif how == "texts":
        texts = [write_jsonl(tmp_path / "in.jsonl", [{"doc_id": "kz-001", "text": KZ_TEXT}])]
    elif how == "source_jsonl":
        write_jsonl(tmp_path / "in.jsonl", [{"doc_id": "other", "text": "x"}, {"doc_id": "kz-001", "text": KZ_TEXT}])
        record["source"] = "in.jsonl"  # relative to the output file
    else:
        (tmp_path / "kz-001.txt").write_text(KZ_TEXT, encoding="utf-8")
        record["source"] = str(tmp_path / "kz-001.txt")
    summary = ingest(db, [write_jsonl(tmp_path / "out.jsonl", [record])], texts=texts)
    assert summary.with_text == 1
    assert db.execute("SELECT text FROM documents").fetchone()[0] == KZ_TEXT


def test_ingest_keeps_a_text_found_once(tmp_path):
    db = open_db(tmp_path / "kb.sqlite")
    texts = write_jsonl(tmp_path / "in.jsonl", [{"doc_id": "kz-001", "text": KZ_TEXT}])
    out = write_jsonl(tmp_path / "out.jsonl", [kz_record()])
    assert ingest(db, [out]).with_text == 0
    summary = ingest(db, [out], texts=[texts])  # the same record, now with its text
    assert (summary.replaced, summary.with_text) == (1, 1)
    assert ingest(db, [out]).unchanged == 1  # again without: nothing changes
    ingest(db, [write_jsonl(tmp_path / "out2.jsonl", [kz_record(title="Новый заголовок")])])
    assert db.execute("SELECT title, text FROM documents").fetchone() == ("Новый заголовок", KZ_TEXT)


def test_ingest_drops_a_text_that_does_not_fit(tmp_path):
    db = open_db(tmp_path / "kb.sqlite")
    summary = ingest(db, [write_jsonl(tmp_path / "out.jsonl", [kz_record(text="Совсем другой текст.")])])
    assert summary.with_text == 0 and summary.problems
    assert db.execute("SELECT text FROM documents").fetchone()[0] is None


@pytest.mark.parametrize("value,published,due", [
    ({"date": "2026-01-15"}, None, "2026-01-15"),
    ({"date": "2026-02"}, None, "2026-02-28"),
    ({"date": "2030"}, None, "2030-12-31"),
    ({"immediate": True}, "2025-12-25", "2025-12-25"),
    ({"duration": "P1M"}, "2025-12-31", "2026-01-31"),
    ({"duration": "P10D"}, "2025-12-25", "2026-01-04"),
    ({"duration": "P2W"}, None, None),
    ({"date": "в течение года"}, None, None),
    (None, "2025-12-25", None),
])
def test_ingest_due_date(value, published, due):
    assert due_date(value, published) == due


# ---------------------------------------------------------------- queries


def test_query_assignee_due_before(base):
    rows = directives(base, DirectiveQuery(assignee="Министерство финансов", due_before="2026-02-01"))
    kz = [r for r in rows if r["doc_id"] == "kz-001" and r["deadline_date"]]
    assert [r["deadline_date"] for r in kz] == ["2026-01-15"]
    assert {r["deadline"] for r in rows} == {"2025-12-01", "2026-01-15", "незамедлительно"}
    assert kz[0]["action"] == "внести окончательное решение по источникам финансирования"
    assert [a["name"] for a in kz[0]["assignees"]] == KZ_ASSIGNEES
    assert kz[0]["issuer"] == "Олжас Бектенов"


def test_query_overdue(base):
    rows = directives(base, DirectiveQuery(overdue=True, today="2026-02-01"))
    assert {(r["doc_id"], r["due"]) for r in rows} == {
        ("kz-001", "2026-01-15"), ("kz-001", "2025-12-25"), ("ru-001", "2025-12-01")}
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)


@pytest.mark.parametrize("query,expected", [
    (DirectiveQuery(assignee="Минфин"), {"kz-001/0", "kz-001/1", "kz-002/0", "ru-001/0"}),
    (DirectiveQuery(assignee="Министерство финансов Республики Казахстан"), {"kz-001/0", "kz-001/1", "kz-002/0"}),
    (DirectiveQuery(assignee="Министерство финансов Российской Федерации"), {"ru-001/0"}),
    (DirectiveQuery(assignee="МНЭ РК"), {"kz-001/0", "kz-002/0"}),
    (DirectiveQuery(assignee="холдинг Байтерек"), {"kz-001/0"}),
    (DirectiveQuery(assignee="финансов"), {"kz-001/0", "kz-001/1", "kz-002/0", "ru-001/0"}),
    (DirectiveQuery(issuer="О. Бектенов"), {"kz-001/0", "kz-001/1", "kz-002/0"}),
    (DirectiveQuery(issuer="Бектенов Олжас Абаевич", due_after="2026-01-31"), {"kz-002/0"}),
    (DirectiveQuery(issuer="Мишустин"), {"ru-001/0"}),
    (DirectiveQuery(search="финансированием"), {"kz-001/0"}),
    (DirectiveQuery(search="поправку бюджета"), {"kz-002/0"}),
    (DirectiveQuery(search="бюджет", assignee="Минфин", overdue=True, today="2026-01-01"), {"kz-001/1", "ru-001/0"}),
    (DirectiveQuery(assignee="Министерство юстиции"), set()),
])
def test_query_directives_filters(base, query, expected):
    rows = directives(base, query)
    positions = dict(base.execute("SELECT id, position FROM directives").fetchall())
    assert {f"{r['doc_id']}/{positions[r['id']]}" for r in rows} == expected
    assert count_directives(base, query) == len(expected)


def test_query_bad_date_is_an_error(base):
    with pytest.raises(KnowledgeBaseError, match="ISO date"):
        directives(base, DirectiveQuery(due_before="1 февраля"))


def test_query_show_directive_has_sentence_document_and_related(base):
    first = directives(base, DirectiveQuery(assignee="Министерство финансов", due_before="2026-02-01",
                                            issuer="Олжас Бектенов", search="финансирования"))[0]
    row = directive(base, first["id"])
    assert row["sentence"] == KZ_SENTENCE and row["doc_id"] == "kz-001" and row["url"] == "https://example.kz/1"
    assert {r["doc_id"] for r in row["related"]} == {"kz-001", "kz-002"}
    assert first["id"] not in {r["id"] for r in row["related"]}


def test_search_lemmas():
    assert lemma_text("Внести решения по источникам финансирования") == "внести решение по источник финансирование"
    assert set(lemma_text("паводков").split()) == {"паводковый", "паводок"}
    assert match_expression("паводок финансированием") == '"паводок" AND "финансирование"'


@pytest.mark.parametrize("query", ["паводок", "паводков", "паводкам", "ПАВОДКИ"])
def test_search_finds_any_form(tmp_path, query):
    db = open_db(tmp_path / "kb.sqlite")
    t = "Акиматам поручено разработать планы по снижению рисков паводков."
    rec = {"doc_id": "p", "directives": [order(t, t, "разработать планы по снижению рисков паводков", None,
                                               [party("акиматы", "generic")])]}
    ingest(db, [write_jsonl(tmp_path / "out.jsonl", [rec])])
    assert len(directives(db, DirectiveQuery(search=query))) == 1


# ---------------------------------------------------------------- merge


def test_merge_fixes_a_split_and_holds_on_reingest(tmp_path):
    db = open_db(tmp_path / "kb.sqlite")
    t = "Аким Ерлан Кожагапанов поручил ускорить работы. Е. Кожагапанов-младший выступил."
    rec = {"doc_id": "a", "people": [person(t, "Ерлан Кожагапанов", ["Ерлан Кожагапанов"]),
                                     person(t, "Е. Кожагапанов-младший", ["Е. Кожагапанов-младший"])],
           "directives": [order(t, t[:t.index(".") + 1], "ускорить работы", party("Ерлан Кожагапанов", "person"), [])]}
    path = write_jsonl(tmp_path / "out.jsonl", [rec])
    ingest(db, [path])
    ids = {p["name"]: p["id"] for p in kb_people(db)}
    assert len(ids) == 2
    assert merge(db, ids["Ерлан Кожагапанов"], [ids["Е. Кожагапанов-младший"]]) == ["Е. Кожагапанов-младший"]
    assert [p["name"] for p in kb_people(db)] == ["Ерлан Кожагапанов"]
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2
    rec["title"] = "changed"  # replaced: identity comes from the merged aliases
    ingest(db, [write_jsonl(path, [rec])])
    assert [p["name"] for p in kb_people(db)] == ["Ерлан Кожагапанов"]
    assert db.execute("SELECT merged_name FROM merges").fetchall() == [("Е. Кожагапанов-младший",)]


@pytest.mark.parametrize("keep,others,message", [
    ("P1", ["O1"], "cannot merge"),
    ("X1", ["P2"], "no person or organization id"),
    ("P999", ["P1"], "no person"),
])
def test_merge_refuses(base, keep, others, message):
    with pytest.raises(KnowledgeBaseError, match=message):
        merge(base, keep, others)


# ---------------------------------------------------------------- CLI


def invoke(*args):
    from extractor.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_kb_cli_ingest_query_show(tmp_path):
    db = str(tmp_path / "kb.sqlite")
    path = str(write_jsonl(tmp_path / "out.jsonl", [kz_record(), kz2_record(), ru_record(), ERROR_RECORD]))
    code, out = invoke("kb", "ingest", path, "--db", db)
    assert code == 0 and "3 added" in out and "1 error records skipped" in out
    first_counts = out.splitlines()[-1]
    code, out = invoke("kb", "ingest", path, "--db", db)
    assert code == 0 and "3 unchanged" in out and out.splitlines()[-1] == first_counts
    code, out = invoke("kb", "directives", "--db", db, "--assignee", "Министерство финансов", "--due-before",
                       "2026-02-01", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [r["deadline"] for r in rows] == ["2025-12-01", "незамедлительно", "2026-01-15"]
    code, out = invoke("kb", "directives", "--db", db, "--overdue", "--today", "2026-02-01", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,deadline,issuer") and len(out.splitlines()) == 4
    code, out = invoke("kb", "directives", "--db", db, "--search", "финансирования")
    assert code == 0 and "Поручения: 1" in out and "внести" in out
    code, out = invoke("kb", "show", str(rows[2]["id"]), "--db", db)
    assert code == 0 and "sentence:  " + KZ_SENTENCE[:40] in out and "kz-002" in out
    code, out = invoke("kb", "people", "--db", db, "--format", "json")
    assert code == 0 and {p["name"] for p in json.loads(out)} == {"Олжас Бектенов", "Михаил Мишустин"}
    code, out = invoke("kb", "orgs", "--db", db, "--name", "Минфин", "--format", "csv")
    assert code == 0 and "Министерство финансов" in out
    code, out = invoke("kb", "show", "O1", "--db", db)
    assert code == 0 and "received" in out


@pytest.mark.parametrize("args,message", [
    (["kb", "directives", "--due-before", "завтра"], "ISO date"),
    (["kb", "directives", "--format", "xml"], "--format"),
    (["kb", "show", "12345"], "no directive"),
    (["kb", "merge", "P1", "P2"], "no person P1"),
    (["kb", "ingest", "missing.jsonl"], "no file"),
])
def test_kb_cli_errors(tmp_path, args, message):
    code, out = invoke(*args, "--db", str(tmp_path / "kb.sqlite"))
    assert code == 2 and message in out
