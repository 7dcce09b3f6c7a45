"""Identity rules for organizations: the key a name is compared by, and its short forms.

Rules (tested in tests/test_kb.py):

1. A name's key is the pymorphy lemma of each word, folded (ё as е), without quotes and
   punctuation: "Министерству финансов" and "Министерство финансов" share "министерство финансы".
2. A country at the end is split off into the organization's country: "Министерство финансов
   Республики Казахстан" is "министерство финансы" in KZ; "Банк России" is "банк" in RU.
3. Legal forms at the start are dropped ("АО", "ТОО", "НУХ"), and so are descriptors
   ("холдинг", "национальная компания") when a name remains: "АО НУХ «Байтерек»",
   "холдинг Байтерек" and "Байтерек" share "байтерек". A quoted part at the end is the name.
4. Short forms: an acronym of three or more content words ("МНЭ" for "Министерство национальной
   экономики", "МПС РК"), a "Мин-" compound whose pieces begin the words of a ministry's name
   in order ("Минфин", "Минздрав", "Минпромторг"), and the short names listed in
   data/kb_org_abbreviations.json ("Минэнерго", "Кабмин").
5. Countries must agree where both are known (identity.py): the Kazakh and the Russian
   Ministry of Finance stay two organizations; a name without a country takes the
   document's country (the one its organizations name, else its currency).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..resources import table
from .names import fold

WORD = re.compile(r"[^\W_]+(?:[-–][^\W_]+)*")
QUOTED = re.compile(r"[«\"“„']([^«»\"“”„']+)[»\"”“']?\s*[»\"”“']*\s*$")
CYRILLIC = re.compile(r"[а-яё]")
CURRENCY_COUNTRY = {"KZT": "KZ", "RUB": "RU", "BYN": "BY", "KGS": "KG", "UZS": "UZ"}


@dataclass(frozen=True)
class OrgKey:
    base: str  # lemmas of the name without legal form, descriptor and country
    country: Optional[str] = None
    acronym: bool = False  # written as an abbreviation in capitals: "МНЭ РК"


@lru_cache(maxsize=1)
def _forms():
    data = table("kb_org_forms.json")
    split = lambda items: sorted((tuple(i.split()) for i in items), key=len, reverse=True)  # noqa: E731
    countries = sorted(((tuple(k.split()), v) for k, v in data["countries"].items()), key=lambda kv: -len(kv[0]))
    return split(data["legal_forms"]), split(data["descriptors"]), countries, frozenset(data["function_words"])


@lru_cache(maxsize=200_000)
def _lemma(word: str) -> str:
    from ..morph import lemma

    if word.isupper() and len(word) > 1:  # abbreviations are not inflected
        return fold(word)
    return fold(lemma(word)).replace("ё", "е")


def lemmas(name: str) -> list[str]:
    return [_lemma(w) for w in WORD.findall(name)]


def _strip_prefix(words: list[str], prefixes) -> list[str]:
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            n = len(prefix)
            if len(words) > n and tuple(words[:n]) == prefix:
                words = words[n:]
                changed = True
                break
    return words


@lru_cache(maxsize=100_000)
def org_key(name: str) -> OrgKey:
    legal, descriptors, countries, _ = _forms()
    quoted = QUOTED.search(name)
    words = WORD.findall(name)
    acronym = bool(words) and words[0].isupper() and len(words[0]) > 1 and len(words) <= 2
    lemma_words = lemmas(name)
    country = None
    for suffix, code in countries:
        n = len(suffix)
        if len(lemma_words) > n and tuple(lemma_words[-n:]) == suffix:
            lemma_words = lemma_words[:-n]
            country = code
            break
    if quoted and country is None:
        inner = lemmas(quoted.group(1))
        if inner and len(inner) < len(lemma_words):
            lemma_words = inner
    lemma_words = _strip_prefix(lemma_words, legal)
    lemma_words = _strip_prefix(lemma_words, descriptors)
    return OrgKey(" ".join(lemma_words), country, acronym)


def acronym_of(name: str) -> Optional[str]:
    """"мнэ" for "Министерство национальной экономики"; None under three content words
    (two-letter acronyms say too little: "КС" is a court and a water company)."""
    *_, function_words = _forms()
    key = org_key(name)
    words = [w for w in key.base.split() if w not in function_words]
    if len(words) < 3 or key.acronym or not all(CYRILLIC.match(w) for w in words):
        return None
    return "".join(w[0] for w in words)


def _pieces_match(rest: str, words: list[str]) -> bool:
    """Can `rest` be cut into pieces that begin `words` in order, starting at the first?"""
    if not rest:
        return True
    if not words:
        return False
    word = words[0]
    for n in range(min(len(rest), len(word)), 2, -1):
        if word.startswith(rest[:n]) and _pieces_match(rest[n:], words[1:]):
            return True
    # the last piece may end in another case than the lemma: "развития" ~ "развитие"
    common = len(os.path.commonprefix([rest, word]))
    return len(rest) > 3 and common >= max(3, len(rest) - 2)


def min_compound_matches(short: str, full_base: str) -> bool:
    """ "Минфин" ~ "министерство финансы": the pieces after "мин" begin the ministry's words."""
    *_, function_words = _forms()
    short = fold(short)
    words = full_base.split()
    if not short.startswith("мин") or len(short) < 6 or not words or words[0] != "министерство":
        return False
    content = [w for w in words[1:] if w not in function_words]
    return bool(content) and _pieces_match(short[3:], content)


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    return {org_key(k).base: v for k, v in table("kb_org_abbreviations.json").items() if not k.startswith("_")}


def expansion(name: str) -> Optional[str]:
    """The full name a listed short name stands for (data/kb_org_abbreviations.json)."""
    return _abbreviations().get(org_key(name).base)


def document_country(record: dict) -> Optional[str]:
    """The country a record's organization names say most often, else its currency's."""
    votes: dict[str, int] = {}
    for org in record.get("organizations") or []:
        for name in [org.get("name") or ""] + list(org.get("aliases") or []):
            country = org_key(name).country if name else None
            if country:
                votes[country] = votes.get(country, 0) + 1
    if not votes:
        for figure in record.get("figures") or []:
            country = CURRENCY_COUNTRY.get(figure.get("unit") or "")
            if country:
                votes[country] = votes.get(country, 0) + 1
    if not votes:
        return None
    return max(sorted(votes), key=lambda c: votes[c])
