"""Readers: encodings, HTML pages, RSS/Atom feeds, JSONL/JSON, folders and doc_ids."""
from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from extractor import readers
from extractor.errors import EmptyDocument, InputUnreadable, MalformedInput, NoTextInHtml
from extractor.inputs import feeds, html, jsonl, sources

RELEASE = (
    "Премьер-министр Олжас Бектенов провел совещание по развитию инфраструктуры СЭЗ.\n\n"
    "Министерству финансов поручено до 1 марта 2026 года внести предложения."
)


def page(body: str, head: str = "", charset: str = "utf-8") -> str:
    return (f'<html><head><meta charset="{charset}"><title>Совещание в Правительстве</title>{head}</head>'
            f"<body><nav>Главная | Новости | Контакты</nav><article>{body}</article>"
            "<footer>© Пресс-служба</footer></body></html>")


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251", "koi8-r"])
def test_readers_decode_detects_encoding(encoding):
    text, _ = readers.decode(RELEASE.encode(encoding))
    assert text == RELEASE


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(200) + bytes(range(256))])
def test_readers_decode_rejects_binary(data):
    with pytest.raises(InputUnreadable):
        readers.decode(data)


@pytest.mark.parametrize("name,data,error", [
    ("empty.txt", b"", EmptyDocument),
    ("blank.txt", b" \n\t\n", EmptyDocument),
    ("binary.txt", bytes(range(256)) * 8, InputUnreadable),
])
def test_readers_read_file_errors(tmp_path, name, data, error):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error):
        readers.read_file(path)


# ---------------------------------------------------------------- HTML


@pytest.mark.parametrize("charset", ["utf-8", "windows-1251"])
def test_readers_read_html_main_text_title_date(charset):
    head = '<meta property="article:published_time" content="2025-12-25T10:00:00+05:00">'
    data = page(f"<h1>Олжас Бектенов провел совещание</h1><p>{RELEASE}</p><p>Второй абзац о работе.</p>", head,
                charset).encode("cp1251" if charset == "windows-1251" else "utf-8")
    doc = readers.read_html(data, "news-1")
    assert "Министерству финансов поручено" in doc.text
    assert "Главная" not in doc.text and "Пресс-служба" not in doc.text
    assert doc.published == "2025-12-25"
    assert doc.title
    assert doc.carry_text and doc.doc_id == "news-1"


@pytest.mark.parametrize("markup", [
    "<html><body><script>var x = 1;</script></body></html>",
    "<html><body></body></html>",
])
def test_readers_read_html_without_text(markup):
    with pytest.raises(NoTextInHtml):
        readers.read_html(markup.encode(), "empty-page")


def test_readers_read_file_dispatches_html(tmp_path):
    path = tmp_path / "release.html"
    path.write_text(page(f"<p>{RELEASE}</p><p>Ещё один абзац текста.</p>"), encoding="utf-8")
    doc = readers.read_file(path)
    assert doc.doc_id == "release" and doc.carry_text and "Бектенов" in doc.text


@pytest.mark.parametrize("fragment,expected", [
    ("<p>Первый абзац.</p><p>Второй <b>абзац</b>.</p>", "Первый абзац.\n\nВторой абзац."),
    ("Строка<br>другая строка", "Строка\n\nдругая строка"),
    ("<ul><li>один</li><li>два</li></ul>", "один\n\nдва"),
    ("<p>Текст<script>alert(1)</script> после</p>", "Текст после"),
    ("простой текст &amp; сущности", "простой текст & сущности"),
    ("<div><p>вложенный</p>хвост</div>", "вложенный\n\nхвост"),
])
def test_readers_fragment_text(fragment, expected):
    assert html.fragment_text(fragment) == expected


# ---------------------------------------------------------------- feeds

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Новости</title>
<item><title>Совещание в Правительстве</title><link>https://gov.example/news/1</link>
<guid>news-1</guid><pubDate>Thu, 25 Dec 2025 23:30:00 +0500</pubDate>
<description><![CDATA[<p>{RELEASE}</p><p>Второй абзац.</p>]]></description></item>
<item><title>Токаев подписал указ</title><link>https://gov.example/news/2</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Лента</title><id>urn:feed</id><updated>2026-01-10T09:00:00Z</updated>
<entry><title>Отчёт министерства</title><id>urn:entry:7</id><link href="https://gov.example/a/7"/>
<updated>2026-01-10T09:00:00+06:00</updated>
<content type="html">&lt;p&gt;Министр финансов Мадина Такиева представила отчёт.&lt;/p&gt;</content></entry>
</feed>"""


def test_readers_rss_items():
    items = feeds.items(RSS.encode(), "feed.rss")
    assert [i.id for i in items] == ["news-1", "https://gov.example/news/2"]
    first, second = items
    assert first.published == "2025-12-25"  # the item's own day, not UTC's
    assert first.url == "https://gov.example/news/1" and first.title == "Совещание в Правительстве"
    assert first.text.startswith("Премьер-министр Олжас Бектенов") and "<p>" not in first.text
    assert second.text == "Токаев подписал указ"  # no content: the title is the text


def test_readers_atom_items():
    (item,) = feeds.items(ATOM.encode(), "feed.atom")
    assert item.id == "urn:entry:7" and item.url == "https://gov.example/a/7"
    assert item.published == "2026-01-10"
    assert item.text == "Министр финансов Мадина Такиева представила отчёт."


@pytest.mark.parametrize("data", [b"<html><body>not a feed</body></html>", b"\x00\x01 garbage", b"<rss><channel><item>"])
def test_readers_malformed_feed(data):
    try:
        items = feeds.items(data, "bad.xml")
    except MalformedInput:
        return
    assert all(isinstance(i, feeds.Item) for i in items)  # feedparser recovered what it could


@pytest.mark.parametrize("head,expected", [
    (b'<?xml version="1.0"?><rss version="2.0">', True),
    (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', True),
    (b"<!DOCTYPE html><html>", False),
    (b'{"text": "x"}', False),
])
def test_readers_looks_like_feed(head, expected):
    assert feeds.looks_like_feed(head) is expected


# ---------------------------------------------------------------- JSONL and JSON


def _rows(path):
    return [(n, r if isinstance(r, dict) else type(r)) for n, r in jsonl.rows(str(path))]


@pytest.mark.parametrize("opener", [open, gzip.open])
def test_readers_jsonl_rows_plain_and_gzip(tmp_path, opener):
    path = tmp_path / "rows.jsonl"
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": "a", "text": RELEASE}, ensure_ascii=False) + "\n\n")
        fh.write('{"doc_id": "b", "text": "не закрыта\n')
        fh.write("[1, 2]\n")
    assert _rows(path) == [(1, {"doc_id": "a", "text": RELEASE}), (3, MalformedInput), (4, MalformedInput)]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_readers_jsonl_with_bom(tmp_path, encoding):
    path = tmp_path / "rows.jsonl"
    path.write_bytes(('{"doc_id": "a", "text": "Текст"}\n{"doc_id": "b", "text": "Ещё"}\n').encode(encoding))
    assert [r["doc_id"] for _, r in jsonl.rows(str(path))] == ["a", "b"]


def test_readers_jsonl_truncated_gzip(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(("".join(json.dumps({"doc_id": f"d{i}", "text": RELEASE}, ensure_ascii=False) + "\n"
                                  for i in range(50))).encode())
    path.write_bytes(data[: len(data) // 2])
    rows = list(jsonl.rows(str(path)))
    assert isinstance(rows[-1][1], MalformedInput)
    assert all(isinstance(r, dict) for _, r in rows[:-1])


def test_readers_jsonl_stdin(monkeypatch):
    data = (json.dumps({"doc_id": "s1", "text": RELEASE}, ensure_ascii=False) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)), encoding="utf-8"))
    found = list(readers.iter_sources(["-"]))
    assert [s.doc_id for s in found] == ["s1"] and found[0].source == "stdin"


@pytest.mark.parametrize("name,expected", [
    ("news.jsonl.gz", "news"), ("news.jsonl", "news"), ("a.b.ndjson", "a.b"), ("-", "stdin"), ("x.json", "x"),
])
def test_readers_jsonl_stem(name, expected):
    assert jsonl.stem(name) == expected


@pytest.mark.parametrize("value,expected", [
    ("2025-12-25T10:00:00+05:00", "2025-12-25"), ("2025-12-25", "2025-12-25"), (None, None), ("вчера", "вчера"),
])
def test_readers_published_date(value, expected):
    assert sources.published_date(value) == expected


@pytest.mark.parametrize("text, published", [
    ("Аким провел совещание\n08.09.2026\n\nВ акимате города обсудили отопительный сезон.", "2026-09-08"),
    ("Дата: 14 октября 2026 года\nПрезидент провел совещание.", "2026-10-14"),
    ("Сенаторы одобрили закон\n\nАстана, 2 октября 2026 года. На пленарном заседании Сената одобрен закон.",
     "2026-10-02"),
    ("Москва, 19 ноября 2026 г. – Министерство финансов провело аукционы.", "2026-11-19"),
    # a one-word place and the date on a line of their own under the title
    ("Сенат одобрил закон\nАстана, 20 ноября 2026 года\n\nДепутаты Сената одобрили закон.", "2026-11-20"),
    ("Итоги заседания штаба\nг. Уральск, 3 апреля 2026 г.\n\nАким области провел заседание штаба.", "2026-04-03"),
    ("Совещание с членами Правительства\nВладимир Путин провёл совещание.\n24 ноября 2026 года, 16:00, Москва, Кремль\n\n"
     "В.Путин: Добрый день!", "2026-11-24"),
    ("Встреча с губернатором\n12 марта 2026 года 14:30 Ново-Огарёво\n\nСостоялась встреча.", "2026-03-12"),
    ("ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nПОСТАНОВЛЕНИЕ\nот 18 ноября 2026 г. № 1874\n\nМОСКВА\n\n"
     "Правительство Российской Федерации постановляет:", "2026-11-18"),
    # not a release's own date: a caption under a photo, a date in a sentence, a date far down
    ("Кандидат вышла из гонки\nОна поддержала другого кандидата.\n\nТулси Габбард, 12 февраля 2020 года\n", None),
    ("Глава ЦБ уйдет в отставку\n\nНапомним, 11 февраля 2011 г. представитель правительства сообщил об этом.",
     None),
    ("Заголовок\nПервая строка.\nВторая строка.\nТретья строка.\n15 апреля 2013 года\n", None),
    ("Совещание\n31.02.2026\nТекст.", None),  # no such day
])
def test_readers_dateline_is_the_publication_date(text, published):
    assert readers.from_text(text).published == published


def test_readers_dateline_loses_to_header_and_metadata():
    text = "date 2025-12-25 Совещание в Правительстве\n\n08.09.2026\nТекст."
    assert readers.from_text(text).published == "2025-12-25"
    assert readers.from_text("08.09.2026\nТекст.", published="2026-01-05").published == "2026-01-05"


# ---------------------------------------------------------------- sources: doc_ids, folders


def test_readers_sources_doc_ids(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"doc_id": "a", "text": RELEASE, "published": "2025-12-25T08:00:00", "title": "Т", "url": "https://x/1"},
        {"doc_id": "a", "text": RELEASE},
        {"id": 17, "text": RELEASE},
        {"text": RELEASE},
        {"doc_id": "n", "body": RELEASE},
        {"doc_id": "e", "text": "   "},
    ]) + "\n", encoding="utf-8")
    found = list(readers.iter_sources([str(rows)]))
    assert [s.doc_id for s in found] == ["a", "a~2", "17", "rows-4", "n", "e"]
    first = found[0].load()
    assert (first.published, first.title, first.url) == ("2025-12-25", "Т", "https://x/1")
    assert [s.error[0] if s.error else None for s in found] == [None, None, None, None, "E004", "E003"]


def test_readers_sources_text_field(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"doc_id": "a", "body": RELEASE}, ensure_ascii=False) + "\n", encoding="utf-8")
    (src,) = readers.iter_sources([str(rows)], text_field="body")
    assert src.load().text == RELEASE


def test_readers_sources_folder_walk(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "x.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "x.html").write_text(page(f"<p>{RELEASE}</p>"), encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden" / "h.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"text": RELEASE}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"text": RELEASE}, {"doc_id": "m2", "text": RELEASE}, 5]),
                                        encoding="utf-8")
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    found = list(readers.iter_sources([str(tmp_path)]))
    assert [s.doc_id for s in found] == [
        "a", "x", "news-1", "https://gov.example/news/2", "many-1", "m2", "many-3", "one", "x~2"]
    assert [s.kind for s in found if s.path] == ["text", "text", "html"]
    assert found[6].error[0] == "E004"


def test_readers_sources_missing_input(tmp_path):
    (src,) = readers.iter_sources([str(tmp_path / "nope.jsonl")])
    assert src.doc_id == "nope" and src.error[0] == "E001"


@pytest.mark.parametrize("content,kind", [
    (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
    (b"<!doctype html><html><body><p>x</p></body></html>", "html"),
    (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (gzip.compress(b'{"text": "a"}\n'), "jsonl"),
    ("Простой текст.".encode(), "text"),
])
def test_readers_sniff_unnamed_files(tmp_path, content, kind):
    path = tmp_path / "input.dat"
    path.write_bytes(content)
    assert sources.sniff(path) == kind


def test_readers_unique_ids_stable():
    unique = sources.UniqueIds()
    assert [unique(i) for i in ["a", "a", "a~2", "a", "b", ""]] == ["a", "a~2", "a~2~2", "a~3", "b", "doc"]
