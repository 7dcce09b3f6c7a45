"""Words run together where a page's markup was stripped without a space: "РанееСкляр
поручил", "чтоБишимбаева" (scraped news pages). The tokenizer splits them, so that the
models see two words, and a photo caption ends where the text glued to it begins."""
from __future__ import annotations

import re

BOUNDARY = re.compile(r"[а-яё]{2}(?=[А-ЯЁ][а-яё])")  # searched, not matched from the start: linear in the word
LETTERS = re.compile(r"[А-ЯЁа-яё]+")
CAPITALIZED = re.compile(r"[А-ЯЁ][а-яё]*")
FUNCTION_POS = {"PREP", "CONJ", "PRCL"}


def unglued(word: str) -> list[str]:
    """`word`, or the words run together in it: a word ending in lowercase, then a capitalized
    one ("РанееСкляр" -> "Ранее", "Скляр"). The first must be a dictionary word, of five letters
    or more if capitalized itself and not a name: "АвиаСервис", "ПрофМедиа", "АбдулБарр" are
    names as written."""
    parts = []
    while True:
        first = _first(word)
        if first is None:
            return parts + [word]
        parts.append(first)
        word = word[len(first):]


def _first(word: str) -> str | None:
    """The first of the words run together in `word`, or None."""
    m = BOUNDARY.search(word)
    if m is None or not LETTERS.fullmatch(word, 0, m.end()):
        return None
    from .morph import analyzer

    first = word[:m.end()]
    if first[0].isupper():
        if len(first) < 5:
            return None
        if _opens_phrase(word[m.end():]):  # "МинздраваВо время ...": whatever the first word is
            return first
        if not analyzer().word_is_known(first) or \
                {"Name", "Surn", "Patr", "Geox", "Orgn"} & analyzer().parse(first)[0].tag.grammemes:
            return None
    elif not analyzer().word_is_known(first):
        return None
    return first


def _opens_phrase(rest: str) -> bool:
    """Whether `rest` (what follows a boundary) starts with a preposition, a conjunction or a
    particle written out alone ("Во", "Также", "При"): such a word is never the second half of a
    name written in one ("АвиаСервис")."""
    from .morph import analyzer

    second = CAPITALIZED.match(rest)
    return second is not None and analyzer().parse(second.group())[0].tag.POS in FUNCTION_POS


def glue_end(text: str, start: int, end: int) -> int:
    """Where the first glued word in text[start:end] ends its first part ("Tengrinews.kz
    РанееСкляр ..." -> after "Ранее"); `end` if nothing is glued."""
    for m in LETTERS.finditer(text, start, end):
        parts = unglued(m.group())
        if len(parts) > 1:
            return m.start() + len(parts[0])
    return end
