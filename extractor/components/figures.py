"""figures: every quantity with its value and unit (currency, %, measure or counted noun).

The grammar (grammars/figures.py) reads numbers, scale words and explicit units from the
text; here the counted noun comes from the tagger's tokens ("57,2 тыс. рабочих мест" ->
"рабочее место", adjectives agreed with the noun in the nominative singular), labels and
dates are dropped, and a number without a unit takes the unit of its list ("из них 11").
Numbers inside the dates component's expressions are not figures, except durations that are
not the term of a deadline ("сроком до 90 дней").
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import resources
from ..grammars import figures as grammar
from ..morph import UD_CASE, best_parse, inflect, parses
from ..pipeline import ignored
from .base import facts, write_group

AGE_ADJ = re.compile(r"(?<![\w-])(?P<n>\d+)-?(?:х|ти|ми|и)?\s*-?летн[а-яё]*", re.IGNORECASE)
TIME_LEMMAS = {"день": "день", "сутки": "сутки", "неделя": "неделя", "месяц": "месяц", "час": "час", "год": "год",
               "минута": "мин", "секунда": "с"}
CLOCK_BEFORE = re.compile(r"(?:^|\s)(?:в|к|до|с|со|после|около|начиная\s+с)\s+$", re.IGNORECASE)
TERM_BEFORE = re.compile(r"(?:срок|продлени|продлить|продлен|на\s+период|длительност|стаж)[а-яё]*(?:\s+[а-яё]+){0,3}\s+(?:до\s+|на\s+|в\s+|от\s+)?$", re.IGNORECASE)
AGO_AFTER = re.compile(r"\s+(?:тому\s+)?назад(?![а-яё])", re.IGNORECASE)
# a span of time introduced so is a time expression, not a quantity ("за 12 часов", "1 год 5 месяцев")
TIME_BEFORE = re.compile(r"(?:^|[^а-яё])(?:в\s+течение|через|спустя|на\s+протяжении|последние|ближайшие|после|эти|все\s+эти|к|ко|длительностью|продолжительностью|год|года|лет)\s+$", re.IGNORECASE)
AGE_BEFORE = re.compile(r"(?:^|[^а-яё])(?:исполнилось|исполнится|исполнилось\s+бы|в\s+возрасте|возрастом|стукнет|стукнуло|было|мне|ему|ей|им|старше|моложе|младше|лет)\s+$", re.IGNORECASE)
AGE_LIST_AFTER = re.compile(r"(?:\s*(?:,|и|или|—|-)\s*\d+)+\s+(?:лет|года|год)(?![а-яё])", re.IGNORECASE)
CLOCK_AFTER = re.compile(r"\s+(?:утра|вечера|дня|ночи|по\s+местному|по\s+московскому|мск)(?![а-яё])", re.IGNORECASE)
MINUTES_CLOCK = re.compile(r"(?:^|[^а-яё])час(?:а|ов)?\s+$", re.IGNORECASE)
OUT_OF = re.compile(r"\s+из\s+")  # "55 из 90 депутатов": the first number counts what the second does
PART_OF = re.compile(r"\s*,?\s*(?:из\s+них|из\s+которых|в\s+том\s+числе)\s*", re.IGNORECASE)  # "..., из них 380 тыс."
NUMBERED_ITEM = re.compile(r"[ \t]+[А-ЯЁ][а-яё]")
COMPOUND = {("км", "м"): 1000.0, ("т", "кг"): 1000.0, ("кг", "г"): 1000.0, ("м", "см"): 100.0, ("час", "мин"): 60.0,
            ("год", "месяц"): 12.0}


@lru_cache(maxsize=1)
def adjective_stop() -> frozenset[str]:
    return resources.word_set("figure_adjective_stop.txt")


@lru_cache(maxsize=1)
def term_nouns() -> frozenset[str]:
    return resources.word_set("figure_term_nouns.txt")


@lru_cache(maxsize=1)
def classifiers() -> frozenset[str]:
    return resources.word_set("figure_classifiers.txt")


@lru_cache(maxsize=1)
def partitives() -> frozenset[str]:
    return resources.word_set("figure_partitives.txt")


@lru_cache(maxsize=1)
def count_heads() -> frozenset[str]:
    return resources.word_set("figure_count_heads.txt")


DASH_NOUN = re.compile(r"[ \u00a0]*[-–—][ \u00a0]+(?=[а-яё])")


def _agrees(noun: Token, raw: grammar.RawFigure) -> bool:
    """The noun is governed by the number: genitive after most numbers ("860 проектов",
    "57,2 тыс. мест"), nominative or accusative singular after 1 ("961 гектар"), any oblique
    plural case after a preposition ("в 27 субъектах")."""
    case = noun.morph.get("Case")
    if not case or "Gen" in case:
        return True
    if {"Nom", "Acc"} & set(case) and _can_be(noun.text.lower(), "Gen"):  # the tagger's reading of a form
        return True  # that is also the genitive, where the number calls for one: "3 тыс. человек", "жителей"
    number = noun.morph.get("Number")
    digits = _digits(raw)
    if digits.isdigit() and not raw.scaled and digits.endswith("1") and not digits.endswith("11") and "Sing" in number:
        return True
    return bool({"Dat", "Ins", "Loc"} & set(case)) and ("Plur" in number or raw.value == 1)


@lru_cache(maxsize=20000)
def _can_be(word: str, case: str) -> bool:
    """Some dictionary parse of the word has this case (the tagger's tag may be wrong)."""
    grammeme = UD_CASE.get(case)
    options = parses(word)
    return grammeme is None or not options or any(grammeme in p.tag for p in options)


def _digits(raw: grammar.RawFigure) -> str:
    """The figure's digits without the spaces that group them."""
    return raw.digits.replace(" ", "").replace("\u00a0", "")


def _paucal(raw: grammar.RawFigure) -> bool:
    """A whole number ending in 2, 3 or 4 (not 12-14), after which a noun is in the genitive
    singular and its adjectives in the plural: "94 врачебные амбулатории"."""
    digits = _digits(raw)
    return digits.isdigit() and not raw.scaled and digits[-1] in "234" and digits[-2:-1] != "1"


def _same_case(mod: Token, noun: Token, paucal: bool = False) -> bool:
    """The modifier agrees with the noun in case (and in gender, in the singular); after 2, 3
    and 4 a plural modifier in the nominative or accusative goes with a genitive singular noun."""
    a, b = set(mod.morph.get("Case")), set(noun.morph.get("Case"))
    if paucal and "Plur" in mod.morph.get("Number") and a & {"Nom", "Acc"} and "Gen" in b \
            and "Sing" in noun.morph.get("Number"):
        return True
    if a and b and not a & b:
        return False
    if b and not any(_can_be(mod.lower_, c) for c in b):
        return False
    ga, gb = set(mod.morph.get("Gender")), set(noun.morph.get("Gender"))
    singular = "Sing" in mod.morph.get("Number") and "Sing" in noun.morph.get("Number")
    return not (singular and ga and gb and not ga & gb)


def _is_modifier(t: Token) -> bool:
    if t.pos_ in ("ADJ", "DET"):  # "112 таких соглашений": a pronoun agrees too (and stays out of the unit)
        return True
    return t.pos_ in ("VERB", "AUX") and "Part" in t.morph.get("VerbForm")


def _keep_adjective(t: Token) -> bool:
    """Adjectives that name the kind of thing ("рабочее место") stay in the unit; evaluative
    ones ("новых"), participles, pronouns and "-летних" do not."""
    lemma = t.lemma_.lower()
    if lemma in adjective_stop() or "летн" in lemma or "Part" in t.morph.get("VerbForm"):
        return False
    parse = best_parse(t.text.lower(), "ADJ", t.morph.to_dict())
    if parse is None or parse.tag.POS not in ("ADJF", "NOUN"):
        return False
    return not ({"Apro", "Anum"} & set(parse.tag.grammemes))


@lru_cache(maxsize=20000)
def _agreed(adj_lemma: str, gender: Optional[str], plural: bool) -> str:
    grams = {"nomn", "plur"} if plural else {"nomn", "sing", gender or "masc"}
    return inflect(adj_lemma, grams, pos="ADJ")


@lru_cache(maxsize=4096)
def _as_noun(word: str) -> bool:
    """A participle or adjective that names people by itself ("погибших", "раненых",
    "задержанных"), not an evaluation ("новых")."""
    options = parses(word)
    if not options or options[0].tag.POS not in ("PRTF", "ADJF", "NOUN"):
        return False
    return options[0].tag.POS == "PRTF" or "Subx" in options[0].tag \
        or any(p.tag.POS == "NOUN" and "anim" in p.tag for p in options)


def _noun_of(word: str) -> str:
    """A participle or adjective used as a noun, as a unit: the masculine nominative singular."""
    return inflect(word, {"nomn", "sing", "masc"}, pos="ADJ")


@lru_cache(maxsize=20000)
def _noun_info(lemma: str) -> tuple[Optional[str], bool]:
    parse = best_parse(lemma, "NOUN")
    if parse is None:
        return None, False
    return parse.tag.gender, "Pltm" in parse.tag.grammemes


def unit_phrase(noun: Token, mods: list[Token]) -> str:
    lemma = noun.lemma_.lower()
    if _noun_info(lemma) == (None, False) and _as_noun(noun.lower_):
        return _noun_of(noun.lower_)  # "12 пострадавших" -> "пострадавший", not the verb's "пострадать"
    gender, plural = _noun_info(lemma)
    if mods and _term_participle(mods[-1], lemma):  # "46 населенных пунктов" -> "населенный пункт"
        return f"{_noun_of(mods[-1].lower_)} {lemma}".replace("ё", "е")
    words = [_agreed(m.lemma_.lower(), gender, plural) for m in mods if _keep_adjective(m)]
    return " ".join(words + [lemma])


def _term_participle(t: Token, noun_lemma: str) -> bool:
    """A participle that names the kind of thing with its noun ("населенный пункт",
    data/figure_unit_participles.txt), whatever the tagger read it as."""
    phrase = f"{_noun_of(t.lower_)} {noun_lemma}".replace("ё", "е")
    return phrase in resources.word_set("figure_unit_participles.txt")


def _most_common(values: list[str]) -> Optional[str]:
    """The value written most often; None when none is, or two are written as often (a
    document in dollars and yuan has no currency of its own)."""
    counts = Counter(values).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


ABBREVIATION = re.compile(r"[А-ЯЁ]{2,5}")


def _abbreviated_noun(word: str) -> bool:
    """A counted thing written as an abbreviation ("ТЭЦ", "АЭС", "ДТП"), not a place or a body's
    name ("СКО", "МВД")."""
    from .. import organizations as orgs

    return bool(ABBREVIATION.fullmatch(word)) and word not in orgs.place_abbreviations() and orgs.lookup(word) is None


def _after_participle_phrase(doc: Doc, participle: Token, j: int) -> Optional[Token]:
    """The noun a participle agrees with over its own prepositional phrase, which starts at
    token j: "запланированных [к ремонту] энергоблоков"; None when there is none within a
    few words."""
    wanted = participle.morph.get("Case")
    for k in range(j + 1, min(len(doc), j + 5)):
        t = doc[k]
        if t.pos_ == "NOUN" and k > j + 1 and t.morph.get("Case") == wanted and wanted \
                and t.morph.get("Number") == participle.morph.get("Number"):
            return t
        if t.pos_ not in ("NOUN", "ADJ", "DET", "PROPN", "ADP"):
            return None
    return None


class FiguresComponent:
    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, "figures", "FIGURE", self.match(doc))
        return doc

    # -- tokens

    @staticmethod
    def _token_at(doc: Doc, starts: dict, pos: int) -> Optional[Token]:
        """The first non-space token starting at or after `pos`, if only spaces come between."""
        text = doc.text
        while pos < len(text) and text[pos] in " \u00a0\t":
            pos += 1
        i = starts.get(pos)
        return doc[i] if i is not None else None

    def _counted(self, doc: Doc, starts: dict, pos: int, raw: grammar.RawFigure):
        """(unit, counted text, end) of the noun phrase after a number, or None."""
        dash = DASH_NOUN.match(doc.text, pos)
        if dash:  # "из них 5472 - дети"
            t = self._token_at(doc, starts, dash.end())
            if t is not None and t.pos_ == "NOUN" and "Nom" in t.morph.get("Case") and "Plur" in t.morph.get("Number"):
                return t.lemma_.lower(), t.text, t.idx + len(t.text)
            return None
        t = self._token_at(doc, starts, pos)
        if t is None:
            return None
        mods: list[Token] = []
        i = t.i
        while i < len(doc) and len(mods) < 3 and _is_modifier(doc[i]) and not doc[i].text[0].isupper():
            mods.append(doc[i])
            i += 1
        if i >= len(doc):
            return None
        noun = doc[i]
        if mods and noun.pos_ == "ADP" and "Part" in mods[-1].morph.get("VerbForm"):
            noun = _after_participle_phrase(doc, mods[-1], noun.i) or noun  # "37 запланированных к ремонту энергоблоков"
        if not mods and noun.i == t.i and _abbreviated_noun(noun.text):  # "14 ТЭЦ", "3 АЭС": no cases
            return noun.text, noun.text, noun.idx + len(noun.text)
        if noun.pos_ != "NOUN" or noun.text[:1].isupper() and noun.i > 0 and not noun.is_sent_start:
            last = mods[-1] if mods else None
            shared = mods and noun.lower_ in ("и", "или", ",", "а") and noun.i + 1 < len(doc) and not doc[noun.i + 1].like_num
            if shared:  # "12 тысяч действующих и отставных силовиков": the noun after the list
                found = self._elliptic(doc, mods, noun.i + 1)
                if found:
                    return found
            if last is not None and _as_noun(last.lower_) and (noun.pos_ not in ("NOUN", "PROPN") or noun.is_punct):
                # a participle or adjective as a noun of its own: "27 погибших", "40 раненых и ..."
                return _noun_of(last.lower_), doc.text[t.idx:last.idx + len(last)], last.idx + len(last)
            if mods and noun.lower_ in ("и", "или", ",", "а"):
                return self._elliptic(doc, mods, noun.i + 1)
            return None
        if not _agrees(noun, raw) or any(not _same_case(m, noun, _paucal(raw)) for m in mods):
            return None
        end = noun.idx + len(noun.text)
        lemma = noun.lemma_.lower()
        if lemma in classifiers() and noun.i + 1 < len(doc):
            nxt = doc[noun.i + 1]
            nxt_mods = []
            j = nxt.i
            while j < len(doc) and _is_modifier(doc[j]) and len(nxt_mods) < 2:
                nxt_mods.append(doc[j])
                j += 1
            if j < len(doc) and doc[j].pos_ == "NOUN" and "Gen" in doc[j].morph.get("Case"):
                return unit_phrase(doc[j], nxt_mods), doc.text[t.idx:doc[j].idx + len(doc[j].text)], doc[j].idx + len(doc[j].text)
        unit = unit_phrase(noun, mods)
        if lemma in partitives() and noun.i + 1 < len(doc) and doc[noun.i + 1].pos_ == "NOUN":
            nxt = doc[noun.i + 1]
            unit = f"{unit} {nxt.text.lower()}"
            end = nxt.idx + len(nxt.text)
        return unit, doc.text[t.idx:end], end

    @staticmethod
    def _counted_before(doc: Doc, starts: dict, raw: grammar.RawFigure) -> Optional[str]:
        """The unit of a number written after a count of things in the same clause, the thing
        in the genitive plural: "Количество школ в области выросло до 135" -> "школа",
        "сокращение числа бюджетных программ с 480 до 320" -> "бюджетная программа"."""
        i = starts.get(raw.start)
        if i is None:
            return None
        for k in range(i - 1, max(-1, i - 12), -1):
            t = doc[k]
            if t.like_num or t.is_punct or t.is_space:
                return None
            if t.lemma_.lower() not in count_heads() or t.pos_ != "NOUN" or "Loc" in t.morph.get("Case"):
                continue
            mods: list[Token] = []
            j = k + 1
            while j < i and len(mods) < 3 and _is_modifier(doc[j]) and "Gen" in doc[j].morph.get("Case"):
                mods.append(doc[j])
                j += 1
            noun = doc[j] if j < i else None
            if noun is not None and noun.pos_ == "NOUN" and "Gen" in noun.morph.get("Case") \
                    and "Plur" in noun.morph.get("Number") and noun.is_lower:
                return unit_phrase(noun, mods)
            if mods and not (noun is not None and noun.pos_ == "NOUN") and "Plur" in mods[-1].morph.get("Number"):
                # an adjective or participle as a noun of its own: "число безработных составило ..."
                return _noun_of(mods[-1].lower_)
            return None
        return None

    def _elliptic(self, doc: Doc, mods: list[Token], i: int):
        """"17 специальных экономических и 66 индустриальных зон": the noun of the next figure."""
        for j in range(i, min(len(doc), i + 8)):
            if doc[j].pos_ == "NOUN":
                unit = unit_phrase(doc[j], mods)
                last = mods[-1]
                return unit, doc.text[mods[0].idx:last.idx + len(last.text)], last.idx + len(last.text)
            if doc[j].is_punct and doc[j].text not in ",":
                return None
        return None

    # -- the figures

    def _date_masks(self, doc: Doc) -> list[tuple[int, int]]:
        out = []
        for d in facts(doc, "dates"):
            text = d.get("text", "")
            if d.get("duration") and d.get("kind") != "deadline" and "назад" not in text:
                continue  # a duration that is not a term stays a figure ("сроком до 90 дней")
            out.append((d["start"], d["end"]))
        return out

    def match(self, doc: Doc) -> list[dict]:
        text = doc.text
        masks = sorted(grammar.masked_ranges(text) + self._date_masks(doc))
        starts = {t.idx: t.i for t in doc if not t.is_space}
        items: list[dict] = []
        for raw in grammar.scan(text, masks):
            if ignored(doc, raw.start, raw.end):
                continue
            item = self._item(doc, starts, raw)
            if item is not None:
                items.append(item)
        items.extend(self._ages_and_terms(doc, starts, masks))
        self._inherit(doc, items)
        return items

    def _item(self, doc: Doc, starts: dict, raw: grammar.RawFigure) -> Optional[dict]:
        text = doc.text
        unit, counted, end = raw.unit, None, raw.end
        if unit is None:
            found = self._counted(doc, starts, raw.number_end, raw)
            if found:
                unit, counted, end = found
                lemma = unit.split()[-1]
                if lemma in TIME_LEMMAS:
                    if not self._time_kept(text, raw, lemma, end):
                        return None
                    unit = TIME_LEMMAS[lemma]
        if unit is None:
            unit = self._counted_before(doc, starts, raw)
        if unit in ("мин", "ч") and not self._time_kept(text, raw, "минута" if unit == "мин" else "час", end):
            return None
        if unit is None and grammar.is_year(raw) and not raw.qualifier:
            return None
        if unit is None and (AGE_BEFORE.search(text[max(0, raw.start - 30):raw.start]) or self._ordinal_use(doc, starts, raw)
                             or AGE_LIST_AFTER.match(text, raw.end)):
            return None
        if (unit is None and not raw.scaled and not raw.qualifier and raw.value <= 20 and raw.digits.isdigit()
                and NUMBERED_ITEM.match(text, raw.end) and text[max(0, raw.start - 2):raw.start].strip() not in (",", "(")):
            return None  # "постановляю 1 Отрешить ...": items of a flattened list
        item = {"start": raw.start, "end": end, "value": raw.value, "unit": unit, "qualifier": raw.qualifier,
                "counted": counted, "range": list(raw.range) if raw.range else None}
        item["_scaled"] = raw.scaled
        return item

    def _ordinal_use(self, doc: Doc, starts: dict, raw: grammar.RawFigure) -> bool:
        """"на 21 кинофестивале", "на 85 году жизни": a number before a singular noun in an oblique
        case that does not agree with it stands for an ordinal."""
        if raw.scaled or raw.range:
            return False
        t = self._token_at(doc, starts, raw.number_end)
        if t is None or t.pos_ != "NOUN":
            return False
        case, number = set(t.morph.get("Case")), t.morph.get("Number")
        digits = raw.digits
        return ("Sing" in number and bool(case) and "Gen" not in case and not (digits.endswith("1") and not digits.endswith("11"))
                and bool({"Loc", "Dat", "Ins"} & case))

    @staticmethod
    def _time_kept(text: str, raw: grammar.RawFigure, lemma: str, end: int) -> bool:
        before = text[max(0, raw.start - 40):raw.start]
        if AGO_AFTER.match(text, end):
            return False
        if lemma == "год":
            # "N лет" is an age or a span of time: a figure only as a term ("сроком до 3 лет")
            return bool(TERM_BEFORE.search(before))
        if lemma == "час" and (CLOCK_BEFORE.search(before) or CLOCK_AFTER.match(text, end)) and raw.value <= 24:
            return False
        if lemma == "минута" and MINUTES_CLOCK.search(before):
            return False  # "в 14 часов 30 минут"
        if TIME_BEFORE.search(before) and not (raw.qualifier and raw.qualifier not in ("на",)):
            return False
        if lemma in ("час", "минута") and re.search(r"(?:^|[^а-яё])за\s+$", before, re.IGNORECASE):
            return False
        return True

    def _ages_and_terms(self, doc: Doc, starts: dict, masks) -> list[dict]:
        """"на 3-летний срок" -> 3 год; "64-летний Иванов" (an age), "15-летний опыт" are not figures."""
        out = []
        for m in AGE_ADJ.finditer(doc.text):
            if ignored(doc, m.start(), m.end()):
                continue
            nxt = self._token_at(doc, starts, m.end())
            if nxt is None or nxt.pos_ in ("PROPN",) or nxt.text[:1].isupper():
                continue
            if nxt.pos_ != "NOUN" or nxt.lemma_.lower() not in term_nouns():
                continue
            out.append({"start": m.start(), "end": m.end(), "value": float(m.group("n")), "unit": "год",
                        "qualifier": None, "counted": None, "range": None, "_scaled": False})
        return out

    @staticmethod
    def _inherit(doc: Doc, items: list[dict]) -> None:
        """A number without a unit takes the unit of the figure before it in the same sentence
        ("59 человек, из них 11"); a sum in millions without a currency takes the next figure's
        ("8,4 миллиарда из 9,1 миллиарда тенге"), else the document's currency."""
        items.sort(key=lambda f: (f["start"], f["end"]))
        text = doc.text
        merged: list[dict] = []
        for f in items:  # "82 километра 169 метров", "1 час 20 минут"
            prev = merged[-1] if merged else None
            if prev and (prev["unit"], f["unit"]) in COMPOUND and re.fullmatch(r"\s*(?:и\s+)?", text[prev["end"]:f["start"]]):
                prev["value"] += f["value"] / COMPOUND[(prev["unit"], f["unit"])]
                prev["end"] = f["end"]
                continue
            merged.append(f)
        items[:] = merged
        headers = grammar.table_units(text) if "(" in text else []
        currencies = [f["unit"] for f in items if f["unit"] and re.fullmatch(r"[A-Z]{3}", f["unit"])]
        main_currency = _most_common(currencies)
        two_decimal_percent = any(f["unit"] == "%" and re.search(r"\d,\d\d\b", text[f["start"]:f["end"]]) for f in items)
        for k, f in enumerate(items):
            if f["unit"] is not None:
                continue
            if two_decimal_percent and re.fullmatch(r"\d{1,2},\d\d", text[f["start"]:f["end"]]):
                f["unit"] = "%"  # a rate table beside "ключевая ставка 11,00%"
                continue
            prev = items[k - 1] if k > 0 else None
            nxt = items[k + 1] if k + 1 < len(items) else None
            if nxt and nxt["unit"] and OUT_OF.fullmatch(text[f["end"]:nxt["start"]]) and not f["_scaled"]:
                f["unit"] = nxt["unit"]  # "55 из 90 депутатов", "по 10 из 11 пунктов обвинения"
                continue
            if f["_scaled"] and prev and prev["unit"] and PART_OF.fullmatch(text[prev["end"]:f["start"]]):
                f["unit"] = prev["unit"]  # "2,4 млн туристов, из них 380 тыс. – иностранные"
                continue
            if f["_scaled"]:
                nxt = items[k + 1] if k + 1 < len(items) else None
                if nxt and nxt["unit"] and nxt["start"] - f["end"] < 25 and re.fullmatch(
                        r"\s*(?:из|до|и|или|,|[-–—]|против|вместо|по сравнению с)\s*", text[f["end"]:nxt["start"]], re.I):
                    f["unit"] = nxt["unit"]
                elif main_currency and f["value"] >= 1e6:
                    f["unit"] = main_currency
                continue
            header = next((h for h in reversed(headers) if h[0] <= f["start"]), None)
            if header and not f["qualifier"]:
                f["value"] *= header[1]
                f["unit"] = header[2]
                continue
            prev = items[k - 1] if k > 0 else None
            if prev and prev["unit"] and f["start"] - prev["end"] < 120:
                gap = text[prev["end"]:f["start"]]
                if not re.search(r"[.!?;\n]", gap) and not re.search(r"\d", gap):
                    f["unit"] = prev["unit"]
        for f in items:
            f.pop("_scaled", None)


@Language.factory("figures", assigns=["doc.spans"])
def make_figures(nlp: Language, name: str):
    return FiguresComponent()
