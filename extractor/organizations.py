"""Organization names: the gazetteer of state bodies, lemma keys, and nominative forms.

The gazetteer (`data/state_bodies.json`) gives canonical names with aliases and short forms;
every name is matched in any case form through its lemmas ("Министерству финансов" and
"Министерство финансов" share the key "министерство финансы").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from razdel import tokenize

from . import resources
from .morph import inflect, lemma

QUALIFIERS = (
    "Республики Казахстан", "Российской Федерации", "РК", "РФ", "России", "Казахстана", "Украины", "Кыргызстана",
    "Узбекистана", "Беларуси",
)


@dataclass
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: Optional[str] = None


def words_of(text: str) -> list[str]:
    return [t.text for t in tokenize(text) if t.text not in {"«", "»", '"', "“", "”", "„"}]


def key(text: str) -> str:
    """The lemma key of a name: case forms of one name share it."""
    return " ".join(lemma(w).replace("ё", "е") for w in words_of(text))


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, Entry], list[Entry]]:
    """(lemma key of every name and alias -> entry, entries)."""
    data = resources.table("state_bodies.json")
    entries: list[Entry] = []
    shorts = data["short_ministries"]
    seen: dict[str, Entry] = {}
    for country, complements in data["ministries"].items():
        suffix = "Республики Казахстан" if country == "KZ" else "Российской Федерации"
        for comp in complements:
            name = f"Министерство {comp}"
            entry = seen.get(name)
            if entry is None:
                entry = seen[name] = Entry(name, list(shorts.get(name, [])), "ministry")
                entries.append(entry)
            entry.aliases.append(f"{name} {suffix}")
    for item in data["bodies"]:
        entries.append(Entry(item["name"], list(item.get("aliases", [])), item.get("kind")))
    index: dict[str, Entry] = {}
    for entry in entries:
        for form in [entry.name] + entry.aliases:
            index.setdefault(key(form), entry)
    return index, entries


@lru_cache(maxsize=1)
def ministry_complements() -> list[list[str]]:
    """Lemma sequences of the complements of "Министерство ...", longest first."""
    data = resources.table("state_bodies.json")
    comps = {c for group in data["ministries"].values() for c in group}
    return sorted(([lemma(w) for w in words_of(c)] for c in comps), key=len, reverse=True)


@lru_cache(maxsize=1)
def heads() -> frozenset[str]:
    return frozenset(resources.table("state_bodies.json")["heads"])


@lru_cache(maxsize=1)
def generic_keys() -> frozenset[str]:
    return frozenset(key(g) for g in resources.table("state_bodies.json")["generic"])


def lookup(name: str) -> Optional[Entry]:
    """The gazetteer entry a name (any case form, with or without a country) refers to."""
    index, _ = gazetteer()
    k = key(name)
    if k in index:
        return index[k]
    for q in QUALIFIERS:
        qk = key(q)
        if k.endswith(" " + qk) and k[: -len(qk) - 1] in index:
            return index[k[: -len(qk) - 1]]
    return None


@lru_cache(maxsize=1)
def not_organizations() -> frozenset[str]:
    return frozenset(resources.table("state_bodies.json")["not_organizations"])


def is_generic(name: str) -> bool:
    """A group or a thing, not one organization: "профильные министерства", "СЭЗ"."""
    return key(name) in generic_keys() or name in not_organizations()


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def nominative(tokens) -> str:
    """An organization phrase (spaCy tokens) in the nominative: the head noun and the
    adjectives before it are inflected, the dependents after it stay as written."""
    words = []
    head_seen = False
    quoted = False
    for t in tokens:
        text = t.text
        if text in {"«", '"', "“", "„"}:
            quoted = True
        elif text in {"»", "”"}:
            quoted = False
        if not head_seen and not quoted and t.pos_ in {"ADJ", "NOUN", "PROPN"} and re.match(r"[А-Яа-яЁё]", text) \
                and not (text.isupper() and len(text) > 1):
            case = (t.morph.get("Case") or [None])[0]
            if case and case != "Nom":
                number = "plur" if (t.morph.get("Number") or [""])[0] == "Plur" else "sing"
                feats = {k: v for k, v in (f.split("=") for f in str(t.morph).split("|") if "=" in f)}
                text = inflect(text, {"nomn", number}, t.pos_, feats)
            if t.pos_ != "ADJ":
                head_seen = True
        words.append(text + t.whitespace_)
    return "".join(words).strip()
