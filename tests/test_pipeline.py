"""The pipeline: razdel tokens on the spaCy Doc, the natasha backend's annotations, offsets."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.backends.tokenizer import words_and_spaces
from extractor.pipeline import FACTS


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "Премьер-министр Олжас Бектенов провел совещание.",
        "  Два  пробела и\tтаб.\n\nНовый абзац…  ",
        " date 2025-12-25 Заголовок\n\nЭкономика\n310\n\nТекст.",
        "РанееСкляр поручил, чтоБишимбаева",
    ],
)
def test_tokenizer_keeps_text(nlp, text):
    doc = nlp.make_doc(text)
    assert doc.text == text
    words, spaces, starts = words_and_spaces(text)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text


@pytest.mark.parametrize("word, parts", [
    # words run together where a page's markup was stripped
    ("РанееСкляр", ["Ранее", "Скляр"]),
    ("чтоБишимбаева", ["что", "Бишимбаева"]),
    ("чтоНужноСделать", ["что", "Нужно", "Сделать"]),
    # a short name the dictionary lacks, then a preposition that opens the next sentence
    ("МинфинаВо", ["Минфина", "Во"]),
    ("ИвановаПри", ["Иванова", "При"]),
    # names written so
    ("АвиаСервис", ["АвиаСервис"]),
    ("КазМунайГаз", ["КазМунайГаз"]),
    ("АбдулБарр", ["АбдулБарр"]),
    ("Москва", ["Москва"]),
])
def test_glued_words(word, parts):
    from extractor.glued import unglued

    assert unglued(word) == parts


def test_glued_words_are_tokens_and_a_caption_ends_before_them(run):
    text = "Вода подошла к домам.\nФото: Tengrinews.kz РанееСкляр поручил выселять людей из затопленных домов."
    doc = run(text)
    assert [t.text for t in doc if t.text in {"Ранее", "Скляр"}] == ["Ранее", "Скляр"]
    assert [e.text for e in doc.ents if e.label_ == "PER"] == ["Скляр"]
    from extractor.api import extract

    assert [p.name for p in extract(text).people] == ["Скляр"]


def test_pipeline_domain_nouns_are_read_from_the_lexicon(run):
    """The tagger takes "акиматом", a word the dictionary lacks, for an adjective in the
    dative; the lexicon (data/domain_nouns.txt) makes it the noun in the instrumental."""
    doc = run("Информация предоставлена акиматом области Абай.")
    token = next(t for t in doc if t.text == "акиматом")
    assert (token.pos_, token.lemma_) == ("NOUN", "акимат")
    assert token.morph.get("Case") == ["Ins"] and token.morph.get("Number") == ["Sing"]


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_pipeline_empty_text_does_not_crash(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    for fact in FACTS:
        assert list(doc.spans[fact]) == [] if fact in doc.spans else True


def test_pipeline_backend_annotations(run):
    doc = run("Премьер-министр Олжас Бектенов поручил министерствам внести предложения.")
    tokens = {t.text: t for t in doc}
    assert tokens["поручил"].pos_ == "VERB"
    assert tokens["министерствам"].morph.get("Case") == ["Dat"]
    assert tokens["министерствам"].lemma_ == "министерство"
    # the sentence has a trigger word, so it is parsed
    assert tokens["поручил"].dep_ == "ROOT"
    assert tokens["Бектенов"].head.text in {"поручил", "Олжас", "Премьер-министр"}
    assert [(e.text, e.label_) for e in doc.ents] == [("Олжас Бектенов", "PER")]
    assert doc._.backend["unaligned_ents"] == 0


def test_pipeline_entity_does_not_cross_paragraphs(run):
    doc = run("Участие приняли представители Фонда развития промышленности\n\nФото: пресс-служба правительства")
    assert all("\n" not in e.text for e in doc.ents)


def test_pipeline_span_groups_for_every_fact(run):
    doc = run("Премьер-министр Олжас Бектенов поручил Министерству финансов до 15 января 2026 года "
              "выделить 5,7 трлн тенге.", published="2025-12-25")
    for fact in FACTS:
        assert fact in doc.spans
    for fact in FACTS:
        for span in doc.spans[fact]:
            assert span.id_.startswith(fact + ":")


def test_pipeline_header_is_not_content(record_of):
    text = (" date 2025-12-25 Совещание в Правительстве\n\nЭкономика\n310\n\n"
            "Министерство финансов сообщило о 17 проектах.\n\nФото: пресс-служба Министерства юстиции\n")
    record = record_of(text)
    assert record.published == "2025-12-25"
    assert record.rubric == "Экономика"
    assert [f.value for f in record.figures] == [17.0]
    assert "Министерство юстиции" not in [o.name for o in record.organizations]
    assert record.dates == [] or all(d.start > 20 for d in record.dates)


def test_models_share_one_word_vocabulary_and_keep_their_own_tags():
    from extractor.backends.natasha import models

    morph, syntax, ner = models()
    words = morph.infer.encoder.words_vocab
    assert words is syntax.infer.encoder.words_vocab is ner.infer.encoder.words_vocab
    assert len(words.items) > 200_000
    assert morph.infer.decoder.tags_vocab is not ner.infer.decoder.tags_vocab
    assert "B-PER" in ner.infer.decoder.tags_vocab.items


def test_pipeline_russian_like_num_keeps_its_answers_with_its_words_in_a_set():
    from spacy.lang.ru import lex_attrs

    from extractor.pipeline import load_pipeline

    nlp = load_pipeline()
    assert isinstance(lex_attrs._num_words, frozenset)
    doc = nlp.make_doc("Сорок два депутата, 3,5% голосов, XIV созыв, 1/2 мест и тысяча поправок")
    likes = {t.text: t.like_num for t in doc if not t.is_space}
    assert likes["Сорок"] and likes["два"] and likes["3,5"] and likes["XIV"] and likes["1/2"] and likes["тысяча"]
    assert not likes["депутата"] and not likes["голосов"] and not likes["поправок"]


def test_pipeline_computes_the_lexical_attributes_the_components_read_and_no_others():
    from extractor.pipeline import load_pipeline

    nlp = load_pipeline()
    doc = nlp.make_doc("Квазиминистерство выделило 12 млрд тенге (см. https://gov.kz, «Жаңа Қазақстан») — и всё")
    tokens = {t.text: t for t in doc if not t.is_space}
    assert tokens["Квазиминистерство"].is_alpha and not tokens["Квазиминистерство"].is_lower
    assert tokens["выделило"].is_lower and tokens["выделило"].lower_ == "выделило"
    assert tokens["12"].like_num and tokens["млрд"].is_alpha
    assert tokens["("].is_punct and tokens["—"].is_punct and tokens["«"].is_punct
    assert tokens["Квазиминистерство"].norm_ == "квазиминистерство"
    # not computed: read by no component (a new word costs a third of what it did)
    assert tokens["Квазиминистерство"].shape_ == "" and not tokens["«"].is_quote and not tokens["("].is_bracket


def test_fast_taggers_encode_a_word_once_for_both_models():
    from extractor.backends.natasha import fast_taggers

    fast_morph, fast_ner = fast_taggers()
    assert fast_morph.cache is fast_ner.cache


def test_sentence_start_is_the_start_of_the_sentence_holding_the_token(nlp):
    from extractor.pipeline import sentence_start, sentences

    doc = nlp.make_doc("Аким области провел совещание. Поручено завершить работы до 1 июня.\n\n"
                       "Министр финансов Мадина Такиева доложила о ходе работ. Решение принято.")
    sents = sentences(doc)
    assert len(sents) == 4
    for token in doc:
        expected = next((s.start for s in reversed(sents) if s.start <= token.i), 0)
        assert sentence_start(doc, token.i) == expected
    assert sentence_start(nlp.make_doc(""), 0) == 0


@given(ranges=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8),
       probe=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_covered_overlaps_as_a_scan_of_the_ranges_does(ranges, probe):
    from extractor.components.base import Covered

    ranges = [(s, e) for s, e in ranges if s < e]  # mentions and tokens are never empty
    start, end = probe
    covered = Covered(40, ranges)
    if start < end:
        assert covered.overlaps(start, end) == any(s < end and start < e for s, e in ranges)
    else:
        assert not covered.overlaps(start, end)  # an empty range overlaps nothing
