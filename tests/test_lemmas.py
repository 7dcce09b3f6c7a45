"""The frozen lemma table (data/lemmas.dawg): loaded, pymorphy's answers, and only ever a cache."""
from __future__ import annotations

import pytest

from extractor import lemmas, morph


def _clear():
    lemmas.table.cache_clear()
    for cached in (morph.parses, morph._lemma):
        cached.cache_clear()


def test_table_is_loaded_for_the_pinned_dictionary():
    table = lemmas.table()
    assert table is not None, "data/lemmas.dawg is missing or was made with another dictionary"
    assert len(table.keys("министерств")) >= 8  # министерства, министерству, министерствам, ...


@pytest.mark.parametrize("word, lemma", [
    ("министерству", "министерство"),
    ("поручил", "поручить"),
    ("рабочих", "рабочий"),
    ("поручения", "поручение"),
    ("стали", None),  # сталь or стать: the tagger's reading decides
    ("акимату", None),  # акимат, or a guess of pymorphy's ("акимата")
    ("бектеновского", None),  # not in the news vocabulary
])
def test_known_gives_the_one_normal_form(word, lemma):
    assert lemmas.known(word) == lemma


def test_table_answers_are_pymorphys():
    """Every 400th word of the table: the one normal form its parses share."""
    table = lemmas.table()
    words = [w for w in table.keys() if not w.startswith("#")][::400]
    assert len(words) > 400
    for word in words:
        assert lemmas.known(word) == morph.single_normal_form(word), word


def test_words_it_lacks_are_parsed_with_the_taggers_reading():
    assert lemmas.known("стали") is None
    assert morph.lemma("стали", "VERB", {"Mood": "Ind", "Number": "Plur", "Tense": "Past"}) == "стать"
    assert morph.lemma("стали", "NOUN", {"Case": "Gen", "Number": "Sing", "Gender": "Fem"}) == "сталь"
    assert morph.lemma("Бектеновского", "ADJ", {"Case": "Gen"}) == "бектеновский"


def test_capitalized_words_get_the_lowercase_words_lemma():
    assert morph.lemma("Министерству", "NOUN", {"Case": "Dat"}) == "министерство"
    assert morph.lemma("АКИМАТОВ", "NOUN", {"Case": "Gen"}) == "акимат"


@pytest.mark.parametrize("word, lemma", [
    ("министерству", "министерство"), ("шли", "идти"), ("лучшего", "хороший"), ("тенге", "тенге"), ("ёлки", "ёлка")])
def test_encoding_makes_the_lemma_from_the_word(word, lemma):
    assert lemmas._decode(word, lemmas._encode(word, lemma)) == lemma


def test_table_made_with_another_dictionary_is_ignored(monkeypatch):
    monkeypatch.setattr(lemmas, "made_with", lambda: {"pymorphy3-dicts-ru": "0.0"})
    _clear()
    try:
        assert lemmas.table() is None
        assert lemmas.known("министерству") is None
        assert morph.lemma("министерству", "NOUN", {"Case": "Dat"}) == "министерство"
    finally:
        monkeypatch.undo()
        _clear()
    assert lemmas.known("министерству") == "министерство"
