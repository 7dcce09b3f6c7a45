"""Properties of `extract` on random and adversarial Unicode: it never raises, and every item
(mentions, roles, figures, dates, directives, their parties and deadlines) has `text` equal
to the input sliced at its offsets."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.engines import split

# phrases that wake every component up, written for these tests
PHRASES = [
    "Президент Касым-Жомарт Токаев", "поручил Правительству", "Премьер-министр Олжас Бектенов",
    "Министерству финансов", "акимату Алматы", "до 1 марта 2026 года", "в 2025–2029 годах",
    "незамедлительно", "в течение 10 рабочих дней", "5,7 трлн тенге", "на 12,5%", "57,2 тыс. рабочих мест",
    "АО «Самрук-Казына»", "Минфин РК", "обеспечить контроль", "внести предложения", "Жумангарин С.",
    "25 декабря", "в 2024 году", "450 км", "300 МВт", "г-н Иванов И.И.", "ТОО «Казмунайгаз-Сервис»",
    "поручено", "рекомендовано", "принять меры", "Указ № 123", "1)", "2.", "—", "«", "»", "…", "№",
]
SEPARATORS = [" ", ", ", ". ", "\n", "\n\n", " — ", ": ", "; ", "\t", "\u00a0", "\r\n", "\u2028", "\u200b", " (", ") "]
ODD = st.sampled_from([
    "\u0301", "\u0308", "\u200d", "\u200e", "\u202e", "\ufeff", "\x00", "\x0b", "\x1f", "\u00ad", "\U0001F600",
    "\U0001F1F7\U0001F1FA", "ё", "Ё", "й", "и\u0306", "𝐀", "ﬁ", "İ", "ß", "\u0130", "\u2029", "\x85", "\ufffd",
])


def phrase_soup():
    piece = st.one_of(st.sampled_from(PHRASES), st.sampled_from(SEPARATORS), ODD,
                      st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
                      st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ0123456789 .,-«»()",
                              max_size=30))
    return st.lists(piece, max_size=40).map("".join)


def offsets_hold(value, text: str, where: str = "record") -> list[str]:
    """Every dict with int start/end: 0 <= start <= end <= len(text), and text[start:end] == its `text`."""
    problems = []
    if isinstance(value, dict):
        for a, b in (("start", "end"), ("action_start", "action_end")):
            s, e = value.get(a), value.get(b)
            if isinstance(s, int) and isinstance(e, int):
                if not 0 <= s <= e <= len(text):
                    problems.append(f"{where}: {a}/{b} {s}:{e} outside 0:{len(text)}")
                elif a == "start" and isinstance(value.get("text"), str) and text[s:e] != value["text"]:
                    problems.append(f"{where}: text {value['text']!r} != input[{s}:{e}] {text[s:e]!r}")
        for key, item in value.items():
            problems += offsets_hold(item, text, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            problems += offsets_hold(item, text, f"{where}[{i}]")
    return problems


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=st.text(max_size=300))
def test_properties_random_unicode(extractor, text):
    check(extractor, text)


@SETTINGS
@given(text=phrase_soup())
def test_properties_adversarial_phrases(extractor, text):
    check(extractor, text)


@settings(max_examples=60, deadline=None)
@given(text=phrase_soup(), published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.text(max_size=12)))
def test_properties_published_any(extractor, text, published):
    check(extractor, text, published=published)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("аб \n.\t"), max_size=400), size=st.integers(4, 80))
def test_properties_split_parts_partition(text, size):
    parts = split.parts(text, size)
    assert "".join(text[s:e] for s, e in parts) == text
    assert all(0 < e - s <= size for s, e in parts) or text == ""


def check(extractor, text: str, published=None):
    from extractor.errors import EmptyDocument

    try:
        record = extractor.extract(text, published=published)
    except EmptyDocument:
        assert not text.strip()
        return
    dumped = record.model_dump(mode="json")
    assert offsets_hold(dumped, text) == []
    assert record.model_validate_json(record.model_dump_json()) == record


SENTENCES = [
    "Президент Касым-Жомарт Токаев поручил Правительству до 1 марта 2026 года внести предложения.",
    "Министр финансов Мадина Такиева доложила о ходе исполнения республиканского бюджета.",
    "В Алматы аким города Ерболат Досаев провел совещание с представителями АО «Самрук-Казына».",
    "Объем инвестиций составил 5,7 трлн тенге, что на 12,5% больше, чем годом ранее.",
    "Совет Федерации одобрил закон, внесенный Правительством Российской Федерации.",
]


def test_properties_fast_tagger_gives_natashas_tags(extractor):
    from extractor.backends.natasha import bio_spans, fast_taggers, models
    from slovnet.exec.infer import text_words

    morph, _, ner = models()
    fast_morph, fast_ner = fast_taggers()
    words = [text_words(s) for s in SENTENCES]
    expected = [[f"{t.pos}|" + "|".join(f"{k}={v}" for k, v in t.feats.items()) if t.feats else t.pos
                 for t in markup.tokens] for markup in morph.map(words)]
    got = [[fast_morph.tag(i) for i in ids.tolist()] for ids in fast_morph.tag_ids(words)]
    assert got == expected
    for sentence, tokens, markup, ids in zip(SENTENCES, words, ner.map(SENTENCES), fast_ner.tag_ids(words)):
        spans = [(s.start, s.stop, s.type) for s in markup.spans]
        offsets, pos = [], 0
        for token in tokens:
            pos = sentence.index(token, pos)
            offsets.append((pos, pos + len(token)))
            pos += len(token)
        fast = [(offsets[a][0], offsets[b][1], kind) for a, b, kind in bio_spans([fast_ner.tag(i) for i in ids.tolist()])]
        assert fast == spans
