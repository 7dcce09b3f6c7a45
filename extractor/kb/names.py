"""Identity rules for people: parse a name into surname, given name and patronymic, and say
whether two names can be the same person.

Rules (tested in tests/test_kb.py):

1. Names are compared folded: lowercase, ё as е, initials as "о.".
2. A name is split into words and initials ("О.А. Бектенов" -> "о.", "а.", "бектенов").
   A word ending like a patronymic (-ович, -евна, Kazakh "... улы") is the patronymic; with
   initials, the one full word is the surname; of two words the one that looks more like a
   surname (ending -ов/-ина/-ский..., pymorphy's Surn tag, minus its Name tag) is the
   surname, else the last; of three with a patronymic, the word before it is the given name
   ("Бектенов Олжас Абаевич", "Олжас Абаевич Бектенов").
3. Two names can be one person when their surnames are equal and their given names and
   patronymics do not contradict: equal, or one is an initial of the other, or one is
   missing. "Олжас Бектенов" = "О. Бектенов" = "Бектенов Олжас Абаевич";
   "Олжас Бектенов" != "Ерлан Бектенов" != "Олжас Бектенова".
4. The resolver (identity.py) adds: a name that is only a surname joins a known person only
   when exactly one has that surname; a name compatible with several people joins the one
   whose full given name it shares, else starts a new person (a wrong split that
   `kb merge` fixes, rather than a wrong merge that nothing shows).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..resources import table

TOKEN = re.compile(r"[^\W\d_]\.|[^\W\d_](?:[^\W\d_]|[-'’](?=[^\W\d_]))*")


def fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


@lru_cache(maxsize=1)
def _endings():
    data = table("kb_name_endings.json")
    return (tuple(data["patronymic"]), frozenset(data["patronymic_words"]), tuple(data["surname"]))


@dataclass(frozen=True)
class PersonName:
    surname: Optional[str] = None
    given: Optional[str] = None  # a full name, or an initial "о."
    patronymic: Optional[str] = None

    @property
    def given_full(self) -> bool:
        return bool(self.given) and not self.given.endswith(".")

    @property
    def key(self) -> str:
        return " ".join(p for p in (self.given, self.patronymic, self.surname) if p)

    def completeness(self) -> int:
        return 4 * self.given_full + 2 * bool(self.surname) + bool(self.given) + bool(self.patronymic)


def _is_initial(token: str) -> bool:
    return token.endswith(".") or (len(token) == 1 and token.isalpha())


def _initial(token: str) -> str:
    return token[0] + "."


def _looks_patronymic(word: str) -> bool:
    patronymic, _, _ = _endings()
    return len(word) > 5 and word.endswith(patronymic)


def _surname_score(word: str) -> int:
    """How much a word looks like a surname rather than a given name."""
    from ..morph import parses

    _, _, surname = _endings()
    score = 2 if len(word) > 3 and word.endswith(surname) else 0
    tags = [p.tag for p in parses(word)]
    if any("Surn" in t for t in tags):
        score += 1
    if any("Name" in t and "nomn" in t for t in tags):
        score -= 1
    return score


HYPHENATED_INITIALS = re.compile(r"([^\W\d_])\.\s*-\s*[^\W\d_]\.")


def split_name(name: str) -> list[str]:
    name = HYPHENATED_INITIALS.sub(r"\1.", fold(name))  # "К.-Ж. Токаев": one given name
    return [t if not _is_initial(t) else _initial(t) for t in TOKEN.findall(name)]


@lru_cache(maxsize=100_000)
def parse_name(name: str) -> PersonName:
    tokens = split_name(name)
    if not tokens:
        return PersonName()
    _, patronymic_words, _ = _endings()
    # Kazakh patronymics: "Абайулы" is one word, "Абай улы" two
    merged: list[str] = []
    for token in tokens:
        if token in patronymic_words and merged and not _is_initial(merged[-1]):
            merged[-1] = f"{merged[-1]} {token}"
        else:
            merged.append(token)
    tokens = merged
    initials = [t for t in tokens if _is_initial(t)]
    words = [t for t in tokens if not _is_initial(t)]
    if initials:
        surname = words[-1] if words else None
        given = words[0] if len(words) > 1 else initials[0]
        patronymic = initials[1] if len(initials) > 1 else (initials[0] if len(words) > 1 else None)
        return PersonName(surname, given, patronymic)
    patr = [i for i, w in enumerate(words) if _looks_patronymic(w) or " " in w]
    if len(words) == 1:
        return PersonName(surname=words[0])
    if patr and len(words) >= 3:
        p = patr[-1]
        if p == len(words) - 1:  # Бектенов Олжас Абаевич
            return PersonName(words[0], words[p - 1], words[p])
        # Олжас Абаевич Бектенов
        return PersonName(words[-1], words[p - 1] if p else None, words[p])
    if patr and len(words) == 2:  # Олжас Абаевич: no surname
        return PersonName(None, words[0], words[1])
    first, last = words[0], words[-1]
    if _surname_score(first) > _surname_score(last):
        return PersonName(first, last if len(words) == 2 else words[1])
    return PersonName(last, first)


def _part_compatible(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return True
    if a.endswith(".") or b.endswith("."):
        return a[0] == b[0]
    return a == b


def compatible(a: PersonName, b: PersonName) -> bool:
    """Can the two names be one person (rule 3)?"""
    if not a.surname or not b.surname:
        return a.key == b.key and bool(a.key)
    return a.surname == b.surname and _part_compatible(a.given, b.given) and _part_compatible(a.patronymic, b.patronymic)


def combine(a: PersonName, b: PersonName) -> PersonName:
    """What two compatible names say together: full parts win over initials."""

    def pick(x, y):
        if not x:
            return y
        if not y:
            return x
        return y if x.endswith(".") and not y.endswith(".") else x

    return PersonName(a.surname or b.surname, pick(a.given, b.given), pick(a.patronymic, b.patronymic))


def display_score(name: str) -> tuple:
    """Which of a person's names to show: full given name, given name first, no patronymic."""
    parsed = parse_name(name)
    tokens = split_name(name)
    given_first = bool(tokens) and parsed.given is not None and tokens[0] == parsed.given
    return (parsed.given_full, bool(parsed.surname), given_first, not parsed.patronymic, -len(name))
