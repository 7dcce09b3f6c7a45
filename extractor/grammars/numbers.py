"""Numbers as written in Russian official texts: digits, scale words, number words.

    parse_digits("1 844 036 360,12") -> 1844036360.12
    word_forms("белорусский рубль")  -> {"белорусский рубль", "белорусских рублей", ...}

Word lists come from data/ (`figure_scales.json`, `figure_number_words.json`); their lemmas
are inflected with pymorphy once, when a grammar is first built.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from .. import forms, resources
from ..morph import analyzer

SPACES = " \u00a0\u202f\u2009"
# digits: thousands grouped by spaces (1 844 036) or dots (1.844.036), a decimal comma or dot
DIGITS = (
    r"(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:,\d+)?(?![\d.,]\d)"
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"
    r"|\d+(?:[.,]\d+)?)"
)
_GROUP_SPACE = re.compile(r"[ \u00a0\u202f\u2009]")


def parse_digits(text: str) -> float:
    """The value of a number written in digits, Russian style."""
    text = _GROUP_SPACE.sub("", text.strip().lstrip("+"))
    if text.count(".") > 1:
        text = text.replace(".", "")
    return float(text.replace(",", "."))


def _char(prev: str, ch: str) -> str:
    if ch == " ":
        return r"\s*" if prev == "." else r"\s+"
    return re.escape(ch)


def _trie_pattern(node: dict, prev: str = "") -> str:
    """A regex for a trie of words: shared prefixes are matched once, so a long word list
    costs little more than a short one at each position of the text."""
    end = "" in node
    branches = [_char(prev, ch) + _trie_pattern(sub, ch) for ch, sub in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body


def _alternation(forms) -> str:
    """A regex alternation of literal forms (as a trie, longest match first), spaces matching
    any whitespace."""
    trie: dict = {}
    for form in set(forms):
        if not form:
            continue
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    # greedy optional groups make the longest form win, as a longest-first alternation does
    return "(?:" + _trie_pattern(trie) + ")"


@lru_cache(maxsize=4096)
def _lexeme(word: str) -> tuple:
    """(form, tag) pairs of the most likely parse's lexeme."""
    parses = analyzer().parse(word)
    if not parses:
        return ((word, None),)
    folded = word.replace("ё", "е")
    best = next((p for p in parses if p.normal_form.replace("ё", "е") == folded), None)
    if best is None or "Fixd" in best.tag:  # indeclinable ("тенге", "евро") or unknown
        return ((word, None),)
    return tuple((f.word, f.tag) for f in best.lexeme)


def word_forms(phrase: str) -> frozenset[str]:
    """Every case and number of a lemma phrase: the head noun (the first noun, else the last
    word) is inflected, adjectives before it agree, words after it stay as written
    ("доллар сша" -> "долларов сша")."""
    return frozenset(forms.cached("word_forms", phrase, lambda p: sorted(inflect_phrase(p))))


def inflect_phrase(phrase: str) -> frozenset[str]:
    """`word_forms`, computed."""
    words = phrase.split()
    if not words:
        return frozenset()
    readings = [analyzer().parse(w) for w in words]
    # a word that may be an adjective before a noun is one: "рабочий день", not "рабочий" (a worker)
    adjectives = [i + 1 < len(words) and "NOUN" in readings[i + 1][0].tag
                  and any(p.tag.POS == "ADJF" for p in readings[i]) for i in range(len(words))]
    head = next((i for i, r in enumerate(readings) if "NOUN" in r[0].tag and "Fixd" not in r[0].tag
                 and not adjectives[i]), len(words) - 1)
    out = set()
    for form, tag in _lexeme(words[head]):
        if tag is None:
            out.add(phrase)
            continue
        case, number = tag.case, tag.number
        before = []
        for w in words[:head]:
            grams = {g for g in (case, number) if g}
            if number == "sing" and tag.gender:
                grams.add(tag.gender)
            options = analyzer().parse(w)
            parse = next((p for p in options if p.tag.POS == "ADJF"), options[0])
            inflected = parse.inflect(grams) if grams else None
            before.append(inflected.word if inflected else w)
        out.add(" ".join(before + [form] + words[head + 1:]))
    out.add(phrase)
    return frozenset(f.replace("ё", "е") for f in out) | frozenset(out)


@lru_cache(maxsize=1)
def scales() -> dict[str, float]:
    """Written scale word (lowercase) -> multiplier."""
    data = resources.table("figure_scales.json")
    out: dict[str, float] = {}
    for lemma, value in data["lemmas"].items():
        for form in word_forms(lemma):
            out[form] = float(value)
    for abbrev, value in data["abbrev"].items():
        out[abbrev] = float(value)
    return out


@lru_cache(maxsize=1)
def multipliers() -> dict[str, float]:
    """Words that count scale words: "сотни миллионов" -> 100 * 1e6 (lower bound)."""
    data = resources.table("figure_scales.json")
    out: dict[str, float] = {}
    for lemma, value in data["multipliers"].items():
        for form in word_forms(lemma):
            out[form] = float(value)
    for form in word_forms("тысяча"):
        if form not in ("тысяча", "тысячи", "тысячу", "тысячей", "тысячею", "тысяче"):
            out[form] = 1000.0
    out["тысячи"] = 1000.0
    return out


@lru_cache(maxsize=1)
def number_words() -> dict[str, float]:
    """Written number word (lowercase, any case form) -> value."""
    out: dict[str, float] = {}
    for lemma, value in resources.table("figure_number_words.json").items():
        if lemma.startswith("_"):
            continue
        for form, _tag in _lexeme(lemma):
            out.setdefault(form.replace("ё", "е"), float(value))
            out.setdefault(form, float(value))
        out[lemma] = float(value)
    # "одна", "одно", "две", "обе" are forms of their own in pymorphy
    for extra, value in (("одна", 1), ("одно", 1), ("одной", 1), ("одну", 1), ("две", 2), ("двум", 2),
                         ("двумя", 2), ("двух", 2)):
        out.setdefault(extra, float(value))
    return out


@lru_cache(maxsize=1)
def scale_re() -> str:
    forms = set(scales())
    return _alternation(forms)


@lru_cache(maxsize=1)
def number_word_re() -> str:
    """One or more number words in a row ("двадцать пять")."""
    one = _alternation(number_words())
    return rf"(?:{one}(?:\s+{one}){{0,2}})"


def parse_number_words(text: str) -> float | None:
    table = number_words()
    total = 0.0
    for word in text.lower().split():
        value = table.get(word)
        if value is None:
            return None
        total += value
    return total


def scale_of(word: str | None) -> float:
    if not word:
        return 1.0
    key = re.sub(r"\s+", " ", word.strip())
    table = scales()
    return table.get(key) or table.get(key.lower()) or table.get(key.lower().rstrip(".")) or 1.0


def alternation(forms) -> str:
    return _alternation(forms)


def combos(*lists):
    return [" ".join(p) for p in product(*lists)]
