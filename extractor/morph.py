"""Russian morphology through pymorphy3: lemmas and inflection to the nominative.

One analyzer per process, created on first use; results cached.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional

from . import lemmas

# UD feature values -> OpenCorpora grammemes, for choosing among pymorphy parses
UD_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
UD_NUMBER = {"Sing": "sing", "Plur": "plur"}
UD_GENDER = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
UD_POS = {
    "NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "ADJ": {"ADJF", "ADJS", "PRTF"}, "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"}, "NUM": {"NUMR", "NUMB"}, "ADV": {"ADVB", "COMP", "PRED"}, "DET": {"NPRO", "ADJF"},
    "PRON": {"NPRO"}, "ADP": {"PREP"}, "CCONJ": {"CONJ"}, "SCONJ": {"CONJ"}, "PART": {"PRCL"},
}


@lru_cache(maxsize=1)
def analyzer():
    """pymorphy3's analyzer over the Russian dictionary package (or the one its environment
    variable names). Given the path, pymorphy does not look for dictionaries through the
    entry points of every installed package (0.03 s of every start)."""
    import os

    import pymorphy3
    import pymorphy3_dicts_ru

    path = os.environ.get(pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE) or pymorphy3_dicts_ru.get_path()
    return pymorphy3.MorphAnalyzer(path=path, lang="ru")


@lru_cache(maxsize=200_000)
def parses(word: str):
    try:
        return tuple(analyzer().parse(word))
    except ValueError:  # pymorphy3 looks up unicodedata.name() of letters; some have none ("\U00017000")
        return ()


def _score(parse, pos: Optional[str], feats: dict) -> float:
    score = parse.score
    pos_agrees, case_agrees, number_agrees, gender_agrees = _agreement(
        parse.tag, pos, UD_CASE.get(feats.get("Case", "")), UD_NUMBER.get(feats.get("Number", "")),
        UD_GENDER.get(feats.get("Gender", "")))
    if pos_agrees:
        score += 1.0
    if case_agrees:
        score += 0.5
    if number_agrees:
        score += 0.3
    if gender_agrees:
        score += 0.2
    return score


@lru_cache(maxsize=65536)
def _agreement(tag, pos: Optional[str], case: Optional[str], number: Optional[str],
               gender: Optional[str]) -> tuple[bool, bool, bool, bool]:
    """Whether a pymorphy tag agrees with a tagger's POS, case, number and gender. A text's
    words have a few thousand tags between them, and pymorphy's grammeme tests are slow."""
    return (bool(pos and pos in UD_POS and tag.POS in UD_POS[pos]), bool(case and case in tag),
            bool(number and number in tag), bool(gender and gender in tag))


def best_parse(word: str, pos: Optional[str] = None, feats: Optional[dict] = None):
    """The pymorphy parse that agrees best with a tagger's UD POS and features."""
    options = parses(word)
    if not options:
        return None
    return max(options, key=lambda p: _score(p, pos, feats or {}))


@lru_cache(maxsize=1)
def domain_lemmas() -> dict[str, str]:
    """Every case form (lowercase) of the nouns in data/domain_nouns.txt -> the noun."""
    from . import resources
    from .grammars.numbers import word_forms

    return {form: noun for noun in resources.words("domain_nouns.txt") for form in word_forms(noun)}


OC_CASE = {v: k for k, v in UD_CASE.items()}
OC_NUMBER = {v: k for k, v in UD_NUMBER.items()}
OC_GENDER = {v: k for k, v in UD_GENDER.items()}


@lru_cache(maxsize=4096)
def _domain_feats(word: str, feats_key: tuple) -> Optional[tuple[str, dict]]:
    """A form of a domain noun (`domain_lemmas`) as (lemma, UD features): the noun's reading of
    the form that agrees best with the tagger's features (`feats_key`), whatever part of speech
    the tagger took it for."""
    noun = domain_lemmas().get(word.lower())
    if noun is None:
        return None
    options = [p for p in parses(word.lower()) if p.normal_form == noun and p.tag.POS == "NOUN"]
    if not options:
        return noun, {}
    best = max(options, key=lambda p: _score(p, "NOUN", dict(feats_key)))
    tag = best.tag
    feats = {"Animacy": "Anim" if tag.animacy == "anim" else "Inan", "Case": OC_CASE.get(tag.case, "Nom"),
             "Gender": OC_GENDER.get(tag.gender, "Masc"), "Number": OC_NUMBER.get(tag.number, "Sing")}
    return noun, feats


def domain_analysis(word: str, feats: Optional[dict] = None) -> Optional[tuple[str, dict]]:
    """(lemma, UD features) of a form of a noun in data/domain_nouns.txt, read as that noun;
    None for any other word. The backends put this over the tagger's reading (pos NOUN)."""
    if word.lower() not in domain_lemmas():
        return None
    return _domain_feats(word, tuple(sorted((feats or {}).items())))


@lru_cache(maxsize=200_000)
def _lemma(word: str, pos: Optional[str], feats_key: tuple) -> str:
    noun = domain_lemmas().get(word.lower())
    if noun is not None:
        return noun
    known = lemmas.known(word.lower())  # a news word with one normal form, without a parse
    if known is not None:
        return known
    if not parses(word):
        return word.lower()
    sole = single_normal_form(word)  # nine words in ten: no reading to choose
    return sole if sole is not None else best_parse(word, pos, dict(feats_key)).normal_form


def single_normal_form(word: str) -> Optional[str]:
    """The normal form every reading of the word shares; None when they differ or there are none."""
    forms = {p.normal_form for p in parses(word)}
    return forms.pop() if len(forms) == 1 else None


def lemma(word: str, pos: Optional[str] = None, feats: Optional[dict] = None) -> str:
    return _lemma(word, pos, tuple(sorted((feats or {}).items())))


def restore_case(source: str, target: str) -> str:
    """Give `target` the capitalisation pattern of `source` ("Западно-Казахстанского" ->
    "Западно-Казахстанский")."""
    if source.isupper() and len(source) > 1:
        return target.upper()
    src, tgt = source.split("-"), target.split("-")
    if len(src) == len(tgt) > 1:
        return "-".join(restore_case(a, b) for a, b in zip(src, tgt))
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def inflect(word: str, grammemes: Iterable[str], pos: Optional[str] = None, feats: Optional[dict] = None) -> str:
    """`word` put into the given grammemes ("nomn", "sing"); unchanged when it cannot be."""
    parse = best_parse(word, pos, feats)
    if parse is None:
        return word
    form = parse.inflect(set(grammemes))
    if form is None:
        return word
    return restore_case(word, form.word)


def is_known(word: str) -> bool:
    return analyzer().word_is_known(word)


PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}  # pymorphy's grammemes of proper names


@lru_cache(maxsize=4096)
def common_noun(word: str) -> bool:
    """The dictionary reads the word first as a common noun, and never as a pronoun: for a
    capitalized word the tagger took for a pronoun or a proper name ("Комитету", "Главам"
    opening a sentence; not "Это", "Ему", "Москвы")."""
    options = parses(word.lower())
    return (bool(options) and options[0].tag.POS == "NOUN" and not PROPER & options[0].tag.grammemes
            and not any(p.tag.POS == "NPRO" for p in options))
