"""Organization names: the gazetteer of state bodies, lemma keys, and nominative forms.

The gazetteer (`data/state_bodies.json`, and `data/organizations_world.json` for international,
sports and news organizations) gives canonical names with aliases and short forms;
every name is matched in any case form through its lemmas ("Министерству финансов" and
"Министерство финансов" share the key "министерство финансы").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Optional

from razdel import tokenize as razdel_tokenize

from . import forms, resources
from .morph import UD_CASE, best_parse, is_known, lemma, parses, restore_case

# the countries whose releases this reads: "Министерство финансов Республики Казахстан" is the
# "Министерство финансов" of the text's own country. Another country stays in the name
# ("Служба безопасности Украины", "Кабинет министров Кыргызстана").
QUALIFIERS = ("Республики Казахстан", "Российской Федерации", "РК", "РФ", "России", "Казахстана")
# legal forms that open a company's quoted name ("ТОО «Сапа Курылыс»"); abbreviations, they have
# no cases. Kazakhstan's state institutions and enterprises among them (ГУ: государственное
# учреждение; ГККП, РГКП, КГП, ГКП: state enterprises); not КГУ and РГУ, which are also
# universities' names (РГУ им. Косыгина): they are only `quoted_heads`.
LEGAL_FORMS = frozenset({"ао", "тоо", "пао", "оао", "зао", "ооо", "нао", "рга", "ргп", "гу", "гккп", "ргкп", "кгп",
                         "гкп"})


def _countries() -> dict[str, dict]:
    return {k: v for k, v in resources.table("countries.json").items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def _country_markers() -> dict[str, re.Pattern]:
    return {country: re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, spec["markers"])) + ")")
            for country, spec in _countries().items()}


def text_country(text: str) -> Optional[str]:
    """The country a text is of ("KZ", "RU"), when its markers say so clearly (twice as many of
    one as of the other, and at least two); else None."""
    counts = {country: len(pattern.findall(text)) for country, pattern in _country_markers().items()}
    best = max(counts, key=counts.get)
    rest = max((n for c, n in counts.items() if c != best), default=0)
    return best if counts[best] >= 2 and counts[best] >= 2 * rest else None


@lru_cache(maxsize=1)
def _foreign_qualifier() -> dict[str, re.Pattern]:
    """country -> a pattern of the other countries' qualifiers, as whole words."""
    table = _countries()
    return {country: re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(q) for other, spec in table.items() if other != country for q in spec["qualifiers"]) + r")(?![\w-])")
        for country in table}


def capital(country: Optional[str]) -> Optional[str]:
    """The capital of a country ("KZ", "RU") in the genitive ("Астаны"), as a body's name ends."""
    return _countries()[country]["capital"] if country else None


def own_aliases(aliases: list[str], country: Optional[str]) -> list[str]:
    """The aliases that do not name the body as another country's: of a Russian text,
    "Правительство" keeps "Правительство Российской Федерации", not "Правительство РК"."""
    if country is None:
        return list(aliases)
    foreign = _foreign_qualifier()[country]
    return [a for a in aliases if not foreign.search(a)]


@dataclass
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: Optional[str] = None


def tokenize(text: str) -> list[str]:
    """The words of a name as razdel (the documents' tokenizer) splits them, quotes left out."""
    return [t.text for t in razdel_tokenize(text) if t.text not in {"«", "»", '"', "“", "”", "„"}]


def words_of(text: str) -> list[str]:
    return list(forms.cached("words", text, tokenize))


def word_lemma(word: str) -> str:
    """The lemma of a word of a name, out of context."""
    return forms.cached("lemmas", word, lemma)


def key(text: str) -> str:
    """The lemma key of a name: case forms of one name share it."""
    return " ".join(word_lemma(w).replace("ё", "е") for w in words_of(text))


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
    for item in data["bodies"] + resources.table("organizations_world.json")["bodies"]:
        entries.append(Entry(item["name"], list(item.get("aliases", [])), item.get("kind")))
    index: dict[str, Entry] = {}
    for entry in entries:
        for form in [entry.name] + entry.aliases:
            index.setdefault(key(form), entry)
    return index, entries


@lru_cache(maxsize=None)
def ministry_countries(name: str) -> frozenset[str]:
    """The countries ("KZ", "RU") that have a ministry of this name."""
    ministries = resources.table("state_bodies.json")["ministries"]
    return frozenset(c for c, complements in ministries.items() if name in {f"Министерство {x}" for x in complements})


@lru_cache(maxsize=1)
def ministry_complements() -> list[list[str]]:
    """Lemma sequences of the complements of "Министерство ...", longest first."""
    data = resources.table("state_bodies.json")
    comps = {c for group in data["ministries"].values() for c in group}
    return sorted(([word_lemma(w) for w in words_of(c)] for c in comps), key=len, reverse=True)


@lru_cache(maxsize=None)
def listed(name: str) -> frozenset[str]:
    """A word list of state_bodies.json (its `_comment` says what each one holds)."""
    return frozenset(resources.table("state_bodies.json")[name])


heads = partial(listed, "heads")
place_heads = partial(listed, "place_heads")
place_abbreviations = partial(listed, "place_abbreviations")
local_adjectives = partial(listed, "local_adjectives")
complement_heads = partial(listed, "complement_heads")
anaphoric_heads = partial(listed, "anaphoric_heads")
quoted_heads = partial(listed, "quoted_heads")
verbal_heads = partial(listed, "verbal_heads")
not_organizations = partial(listed, "not_organizations")


@lru_cache(maxsize=1)
def body_abbreviations() -> dict[str, str]:
    """A local department's short name -> its name: "ДП" -> "Департамент полиции"."""
    return dict(resources.table("state_bodies.json")["body_abbreviations"])


@lru_cache(maxsize=1)
def generic_anaphors() -> dict[str, frozenset[str]]:
    """A generic word for a body ("ведомство") -> the heads of the bodies it can stand for."""
    return {word: frozenset(heads) for word, heads in resources.table("state_bodies.json")["generic_anaphors"].items()}


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
def written_aliases() -> frozenset[str]:
    """The gazetteer's one-word short names as written ("Минэкономразвития", "Минприроды", "МЧС").
    Written so in a text, most are in any case: their last part is a genitive that never
    changes ("Минэкономразвития поручено"); a declined one is written otherwise ("Минфину")."""
    _, entries = gazetteer()
    return frozenset(a for e in entries for a in e.aliases if " " not in a and a[:1].isupper())


def is_generic(name: str) -> bool:
    """A group or a thing, not one organization: "профильные министерства", "СЭЗ"; a legal
    form alone ("ГУ" split from its «name» by the model)."""
    return key(name) in generic_keys() or name in not_organizations() or name.casefold() in LEGAL_FORMS


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


ADJ_ENDINGS = {  # gender -> [(oblique ending, nominative ending)], for forms pymorphy reads wrongly
    "femn": [("ской", "ская"), ("шей", "шая"), ("щей", "щая"), ("чей", "чая"), ("жей", "жая"), ("ней", "няя"), ("ой", "ая"),
             ("ую", "ая"), ("юю", "яя")],
    "masc": [("ского", "ский"), ("ого", "ый"), ("его", "ий"), ("ому", "ый"), ("ему", "ий"), ("ым", "ый"), ("им", "ий"),
             ("ом", "ый")],
    "neut": [("ского", "ское"), ("ого", "ое"), ("его", "ее"), ("ому", "ое"), ("ему", "ее"), ("ым", "ое"), ("им", "ее"),
             ("ом", "ое")],
    "plur": [("ых", "ые"), ("их", "ие"), ("ым", "ые"), ("им", "ие"), ("ыми", "ые"), ("ими", "ие")],
}


def _feats(token) -> dict:
    return {k: v for k, v in (f.split("=") for f in str(token.morph).split("|") if "=" in f)}


def _adjective(text: str, gender: str, number: str, case: str) -> str:
    grams = {"nomn", number} | ({gender} if number == "sing" else set())
    options = [p for p in parses(text) if p.tag.POS in {"ADJF", "PRTF"} and case in p.tag]
    for parse in options:
        form = parse.inflect(grams)
        if form and form.word[:3] == text.lower()[:3] and "Supr" not in parse.tag:
            return restore_case(text, form.word)
    lower = text.lower()
    for ending, nom in ADJ_ENDINGS["plur" if number == "plur" else gender]:
        if lower.endswith(ending):
            return text[: len(text) - len(ending)] + nom
    return text


# the first part of compound words the dictionary lacks: "госуправления", "соцзащиты", "горакимата"
COMPOUND_PARTS = re.compile(r"(?:гос|нац|соц|мед|гор|обл|рай|спец|проф|минобр|пром|тех)(?=[а-яё]{4})")


def _known_word(word: str) -> bool:
    """A word of the dictionary, or a compound of a short part and one ("госуправления")."""
    if is_known(word):
        return True
    m = COMPOUND_PARTS.match(word)
    return m is not None and is_known(word[m.end():])


def _adjective_like(tokens, i: int) -> bool:
    """A capitalized adjective the tagger took for a name, before the words it agrees with:
    "[Жезказганской] средней школы"."""
    t = tokens[i]
    return (t.pos_ == "PROPN" and i + 1 < len(tokens) and tokens[i + 1].pos_ in {"ADJ", "NOUN"}
            and tokens[i + 1].is_lower and any(p.tag.POS == "ADJF" for p in parses(t.text)))


def _one_body(tokens, head: int) -> Optional[str]:
    """"а мэрии Новосибирска поручено": the tagger took the head for a plural nominative, but
    a body named by its place (`place_heads`, a proper name in the genitive after it) is one body; the case
    of the singular that has this form (genitive, dative or prepositional), else None."""
    h = tokens[head]
    if "Plur" not in h.morph.get("Number") or "Nom" not in h.morph.get("Case") or head + 1 >= len(tokens):
        return None
    nxt = tokens[head + 1]
    if not (nxt.text[:1].isupper() and nxt.text[1:2].islower()) or "Gen" not in nxt.morph.get("Case"):
        return None
    for case in ("datv", "gent", "loct"):
        if any(p.tag.POS == "NOUN" and {case, "sing"} in p.tag and p.word == h.lower_ and p.normal_form in place_heads()
               for p in parses(h.lower_)):
            return {"datv": "Dat", "gent": "Gen", "loct": "Loc"}[case]
    return None


def nominative(tokens) -> str:
    """An organization phrase (spaCy tokens) in the nominative: the head noun and the
    adjectives before it agree in the nominative; the words after the head stay as written."""
    tokens = list(tokens)
    head = next((i for i, t in enumerate(tokens) if t.pos_ in {"NOUN", "PROPN"} and not _adjective_like(tokens, i)),
                None)
    lead = tokens[:head] if head is not None else []
    if (head is None or head > 3 or any(t.pos_ != "ADJ" and not _adjective_like(tokens, k) for k, t in enumerate(lead))
            or any(t.text.isupper() and len(t.text) > 1 for t in tokens[: head + 1])):
        return "".join(t.text_with_ws for t in tokens).strip()
    h = tokens[head]
    case_ud = (h.morph.get("Case") or ["Nom"])[0]
    singular = _one_body(tokens, head)
    if singular:
        case_ud = singular
    if case_ud == "Nom" or not re.match(r"[А-Яа-яЁё]", h.text) or any(
            t.is_lower and not _known_word(t.text) and re.match(r"[а-яё]", t.text) for t in tokens[head + 1:]):
        return "".join(t.text_with_ws for t in tokens).strip()
    case = UD_CASE.get(case_ud, "nomn")
    number = "plur" if (h.morph.get("Number") or [""])[0] == "Plur" and not singular else "sing"
    parse = best_parse(h.text, h.pos_, {**_feats(h), "Case": case_ud, "Number": "Sing"} if singular else _feats(h))
    head_text = restore_case(h.text, (parse.inflect({"nomn", number}) or parse).word) if parse else h.text
    gender = "masc"
    if parse is not None:
        gender = "femn" if "femn" in parse.tag else "neut" if "neut" in parse.tag else "masc"
    words = [_adjective(t.text, gender, number, case) + t.whitespace_ for t in lead]
    words.append(head_text + h.whitespace_)
    words += [t.text_with_ws for t in tokens[head + 1:]]
    return "".join(words).strip()
