"""The dates grammar: temporal expressions of Russian official texts, with their value.

    for d in scan(text, published=date(2025, 12, 25)): d.start, d.end, d.date, d.role, ...

Core expressions (absolute dates, years, months, quarters, seasons, weekdays, relative words,
durations, "в недельный срок", immediacy words) are found with regexes compiled once from the
word lists in data/ (months, weekdays, seasons, relative words, duration units, prepositions)
and pymorphy's inflection of their lemmas. A core then takes the preposition before it
("до", "к", "не позднее", "в течение", "с", ...), which gives its `role`; the component
turns the role and the sentence around it into the `kind` (deadline, period, point).
Values follow ANNOTATION.md: ISO at the precision of the text, a quarter or a season as its
last day, year-less dates as "--MM-DD" unless the publication date fixes the year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from .. import regexes, resources
from .isodates import (add_duration, add_months, add_working_days, end_of, iso_at, iso_date, iso_duration, last_day,
                       period_end, year_value)
from .numbers import DIGITS, alternation, number_word_re, number_words, parse_digits, parse_number_words, word_forms

YEAR = r"(?:1\d\d\d|20\d\d)"
DAY = r"(?:0?[1-9]|[12]\d|3[01])"
GW = r"(?:\s*(?:годами|годах|годам|годов|годом|годы|года|году|годе|год|гг\.?|г\.?)(?![а-яё]))"
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
         "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18,
         "XIX": 19, "XX": 20, "XXI": 21, "XXII": 22}
ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "четвёрт": 4}


@dataclass
class RawDate:
    start: int
    end: int
    core: str                      # which pattern: dmy, year, month, quarter, season, duration, ...
    date: Optional[str] = None
    date_end: Optional[str] = None
    duration: Optional[str] = None
    immediate: bool = False
    recurring: Optional[str] = None
    role: str = "point"            # from the preposition: deadline, within, start, end, point, after, term
    prep: str = ""
    weak: bool = False             # an immediacy word that counts only in an instruction
    bare_year: bool = False        # a year written without "год"
    relative: bool = False         # resolved from the publication date
    past: bool = False             # "назад", "прошлый"
    age_risk: bool = False         # "N лет" that may be an age
    count: Optional[float] = None  # a duration's count
    vague: bool = False            # "несколько лет": a duration without a count
    adjective: bool = False        # "30-дневный карантин": the next noun says whether it is a span of time
    has_number: bool = False       # a duration written with its count ("30 дней", not "месяца")


# --- word lists ---------------------------------------------------------------

@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    out: dict[str, int] = {}
    for number, forms in resources.table("date_months.json").items():
        if number.startswith("_"):
            continue
        lemma, *abbrevs = forms
        for form in word_forms(lemma):
            out[form.lower()] = int(number)
        for a in abbrevs:
            out[a.lower()] = int(number)
    return out


@lru_cache(maxsize=1)
def weekdays() -> dict[str, int]:
    out = {}
    for lemma, number in resources.table("date_weekdays.json").items():
        if lemma.startswith("_"):
            continue
        for form in word_forms(lemma):
            out[form.lower()] = number
    return out


@lru_cache(maxsize=1)
def seasons() -> dict[str, dict]:
    out = {}
    for name, spec in resources.table("date_seasons.json").items():
        if name.startswith("_"):
            continue
        for form in spec["adverb"]:
            out[form] = dict(spec, name=name, adverb=True)
        for form in spec["nouns"]:
            out[form] = dict(spec, name=name, adverb=False)
    return out


@lru_cache(maxsize=1)
def relative() -> dict:
    return resources.table("date_relative.json")


@lru_cache(maxsize=1)
def duration_units() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for lemma, spec in resources.table("date_durations.json").items():
        if lemma.startswith("_"):
            continue
        for form in word_forms(lemma):
            out[form.lower()] = dict(spec, lemma=lemma)
    out["лет"] = dict(out["год"])
    out.pop("годе", None)
    return out


@lru_cache(maxsize=1)
def preps() -> dict[str, str]:
    return {k: v for k, v in resources.table("date_deadline_preps.json").items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def recurring_words() -> dict[str, str]:
    return {k: v for k, v in resources.table("date_recurring.json").items() if not k.startswith("_")}


def _alt(words) -> str:
    return alternation(words)


# --- patterns -----------------------------------------------------------------

class _Compiled(dict):
    """name -> compiled pattern, each compiled on first use from `sources` (name -> (regex, flags)):
    a text that never needs a pattern never pays for compiling it."""

    def __init__(self, sources: dict[str, tuple[str, int]]):
        super().__init__()
        self.sources = sources

    def __missing__(self, name: str) -> re.Pattern:
        regex, flags = self.sources[name]
        pattern = self[name] = regexes.compile(regex, flags)
        return pattern


def _prefixes(words, size: int = 3) -> set[str]:
    """The first letters of each word list entry (of its first word: spaces match any space)."""
    return {w.lower().split()[0][:size] for w in words if w.strip()}


def compile_all() -> None:
    """Compile every pattern now (a batch's fork server does, so that its workers share them)."""
    compiled = patterns()
    for name in compiled.sources:
        compiled[name]


@lru_cache(maxsize=1)
def needs() -> dict[str, re.Pattern]:
    """For a core pattern, the words one of which a text must hold for the pattern to match in
    it, as one regex (lowercase; every form of the pattern's words starts with one of them);
    cores written in digits need a digit."""
    mon = _prefixes(months())
    rel = relative()
    digits = set("0123456789")
    return {name: regexes.compile("|".join(re.escape(w) for w in sorted(words))) for name, words in {
        "iso": digits, "numeric": digits, "year": digits, "year_range": digits, "decade": digits,
        "tagged_year": digits,
        "term_adj": {"срок"}, "term_max": {"срок"},
        "term_years": {"летн", "дневн", "месячн", "недельн", "годичн"},
        "compound": {"месяц"},
        "dmy_range": mon, "dmy": mon, "month_range": mon, "month": mon,
        "day_of_month": {"числа"},
        "quarter": {"квартал", "полугоди"}, "half": {"половин"},
        "endof": {"конц", "окончани", "исход"},
        "school_year": {"учебн"},
        "century": {"век", "столети"},
        "season": _prefixes(seasons()),
        "weekday": _prefixes(weekdays()),
        "relday": _prefixes(rel["days"]),
        "relperiod": _prefixes(rel["units"]),
        "duration": _prefixes(duration_units()) | {"пол"},
        "immediate": _prefixes(resources.words("date_immediate.txt")),
        "recurring": _prefixes(recurring_words()) | {"кажд"},
    }.items()}


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    mon = _alt(months())
    wd = _alt(weekdays())
    season_adv = _alt([k for k, v in seasons().items() if v["adverb"]])
    season_noun = _alt([k for k, v in seasons().items() if not v["adverb"]])
    shift = "(?:" + "|".join(sorted(relative()["shifts"], key=len, reverse=True)) + r")[а-яё]*"
    period_unit = _alt(relative()["units"])
    dur = _alt(duration_units())
    numw = number_word_re()
    num = rf"(?:{DIGITS}|{numw}|полтор[аы])"
    ordw = r"(?:перв|втор|трет|четв[её]рт)[а-яё]*"
    q = rf"(?:{ordw}|[IV]+|[1-4](?:-?(?:м|й|го|ом))?)"
    days = _alt(relative()["days"])
    immediate = _alt(resources.words("date_immediate.txt"))
    rec = _alt(recurring_words())
    yr = rf"(?P<y>{YEAR}){GW}?"
    core = {
        "dmy_range": rf"(?P<d1>{DAY})(?:\s+(?P<m1>{mon}))?\s*(?:[-–—]|\s(?:по|до|на|и)\s)\s*(?P<d2>{DAY})\s+(?P<m>{mon})(?:\s+{yr})?",
        "compound": rf"(?P<n>{num})\s+(?:год|года|лет)\s+(?:и\s+)?(?P<n2>{num})\s+(?:месяц|месяца|месяцев)(?![а-яё])",
        "term_years": r"(?:(?P<n>\d+)-?(?:ти|х|ми)?|(?P<nw>[а-яё]+?))(?P<u>летн|дневн|месячн|недельн|годичн)[а-яё]*(?P<srok>\s+срок[а-яё]*)?",
        "dmy": rf"(?P<d>{DAY})(?:-?(?:го|е|ое))?\s+(?P<m>{mon})(?![а-яё])(?:\s+(?:(?P<rel>{shift})\s+года|{yr}))?",
        "day_of_month": rf"(?P<d>{DAY})(?:-?(?:го|е|ое))?\s+числа(?:\s+(?:(?P<rel>{shift})\s+)?месяца)?(?![а-яё])",
        "numeric": rf"(?P<d>{DAY})(?P<sep>[./])(?P<mm>0?[1-9]|1[0-2])(?P=sep)(?P<y>{YEAR}|\d\d)(?![\d.]\d){GW}?",
        "iso": rf"(?P<y>{YEAR})-(?P<mm>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
        "month_range": rf"(?P<m1>{mon})\s*[-–—]\s*(?P<m>{mon})(?:\s+{yr})?",
        "month": rf"(?P<m>{mon})(?![а-яё\-])(?:\s+(?:(?P<rel>{shift})\s+года|{yr}))?",
        "year_range": rf"(?P<y1>{YEAR}){GW}?\s*(?:[-–—/]|\s(?:по|до)\s)\s*(?P<y2>{YEAR}|\d\d(?!\d)){GW}?",
        "year": rf"(?P<y>{YEAR})(?P<gw>{GW})?",
        "decade": r"(?P<dec>(?:1[89]|20)?\d0)-?(?:х|е|ых|ые|ым)(?:\s+(?:годов|годах|годы|годам|гг\.?))?",
        "century": r"(?P<c>[IVX]+)\s+(?:век|века|веке|веку|веком|веков|столетии|столетия)(?![а-яё])",
        # the start of a school year, 1 September: "к началу нового учебного года"
        "school_year": r"(?P<sy>начал[ауе]|старт[ау])\s+(?:(?P<sya>нового|предстоящего|следующего|нынешнего|этого|текущего)\s+)?учебного\s+года(?![а-яё])",
        "quarter": rf"(?P<q>{q})\s+(?P<qu>квартал|полугоди)[а-яё]*(?:\s+(?:(?P<rel>{shift})\s+года|{yr}))?",
        "half": rf"(?P<h>перв|втор)[а-яё]*\s+половин[а-яё]*(?:\s+(?:(?P<rel>{shift})\s+года|{yr}))?",
        "season": rf"(?:(?P<rel>{shift})\s+)?(?:(?P<sa>{season_adv})|(?P<sn>{season_noun}))(?![а-яё])(?:\s+(?:(?P<rel2>{shift})\s+года|{yr}))?",
        "weekday": rf"(?:(?P<rel>{shift})\s+)?(?P<w>{wd})(?![а-яё])",
        "relday": rf"(?P<rd>{days})(?![а-яё])",
        "relperiod": rf"(?P<rel>{shift})\s+(?P<pu>{period_unit})(?![а-яё])",
        "endof": rf"(?P<eo>конц[ауе]|окончани[юяи]|исход[ау])\s+(?:(?P<rel>{shift})\s+)?(?P<pu>года|месяца|недели|квартала|полугодия|сезона|дня)(?![а-яё])",
        "term_adj": r"в\s+(?P<n>\d+)?-?(?P<nw>[а-яё]*?)(?P<u>дневн|недельн|месячн|годичн|летн|суточн)[а-яё]*\s+срок",
        "term_max": rf"в\s+срок,?\s+не\s+(?:превыша|более)[а-яё]*\s+(?P<n>{num})\s+(?P<u>{dur})(?![а-яё])",
        "duration": rf"(?:(?:(?P<n>{num})|(?P<vague>нескольк[а-яё]+|многи[хе]|много|последн[а-яё]+|ближайш[а-яё]+))\s+)?(?P<u>{dur}|полгода|полугода)(?![а-яё])(?:\s+(?P<ago>назад|тому\s+назад|спустя))?",
        "immediate": rf"(?<![а-яё])(?P<im>{immediate})(?![а-яё\-])",
        "recurring": rf"(?<![а-яё])(?:(?P<rec>{rec})|кажд(?:ый|ую|ое|ые|ого)\s+(?:(?P<n>{num})\s+)?(?P<u>{dur}))(?![а-яё])",
    }
    sources = {name: (rf"(?<![\w.\-/]){p}", re.IGNORECASE) for name, p in core.items()}
    # a year inside a name: "ЕГЭ-2013", "COVID-19" (the year 2019)
    sources["tagged_year"] = (r"(?<=[А-ЯЁA-Z][А-ЯЁA-Z]-)(?P<y>(?:19|20)\d\d)(?!\d)|(?<=COVID-)(?P<yy>19)(?!\d)", re.IGNORECASE)
    compiled = _Compiled(sources)
    prep_alt = _alt(preps())
    # every core starts at (or just before: "в недельный срок") one of these words or a digit;
    # the cores are looked for only in windows around them
    trigger_words = (set(months()) | set(weekdays()) | set(seasons()) | set(relative()["days"]) | set(duration_units())
                     | set(number_words()) | set(resources.words("date_immediate.txt")) | set(recurring_words())
                     | {"числа", "полгода", "полугода", "полтора", "полторы", "срок", "сроки", "кажд", "конц", "окончани", "исход",
                        "половин", "квартал", "полугоди", "век", "столети", "нескольк", "многи", "много", "перв", "втор",
                        "трет", "четв", "covid", "учебн"} | (set(relative()["shifts"]) - {"эт", "сего", "настоящ"}) | {"этом", "этого", "этот", "этой", "эту", "этим"})
    compiled["trigger"] = regexes.compile(rf"\d|(?<![\w])(?:[IVX]+(?![\w])|(?i:{_alt(trigger_words)}))")
    compiled["prep_before"] = regexes.compile(rf"(?<![а-яё])(?P<p>{prep_alt}|в\s+ночь\s+на|в\s+ночь\s+с|в\s+начале|в\s+конце|в\s+середине|с\s+начала|до\s+середины|в\s+первой\s+половине|во\s+второй\s+половине)\s+$", re.IGNORECASE)
    compiled["qual_before"] = regexes.compile(r"(?<![а-яё])(?P<q>немногим\s+более|более\s+чем|более|больше|ещё|еще|свыше|около|почти|менее|уже|целых|последние|ближайшие|следующие|первые|предстоящие|порядка|примерно|не\s+менее|не\s+более|всего|лишь|долгих|минимум|максимум)\s+$", re.IGNORECASE)
    compiled["age_before"] = regexes.compile(r"(?<![а-яё])(?:возраст[а-яё]*|исполнил[а-яё]*|исполнится|было|будет|ему|ей|им|моложе|старше|младше|достигш[а-яё]*|достигнув[а-яё]*|достиж[а-яё]*|лет\s+от\s+роду)\s+(?:(?:более|почти|около|уже|всего|лишь|свыше|менее|до|от|с)\s+)?$", re.IGNORECASE)
    compiled["age_after"] = re.compile(r"^(?:\s+от\s+роду|\s*\)|,\s+(?:он|она|был|была|стал|стала|умер|умерла|скончал))", re.IGNORECASE)
    return compiled


PRIORITY = ["term_adj", "term_max", "term_years", "compound", "tagged_year", "dmy_range", "iso", "numeric", "dmy", "day_of_month", "month_range", "year_range", "quarter",
            "half", "endof", "school_year", "decade", "century", "season", "month", "year", "relperiod", "weekday",
            "relday", "duration", "immediate", "recurring"]


# --- values -------------------------------------------------------------------

def _shift(rel: Optional[str]) -> Optional[int]:
    if not rel:
        return None
    rel = rel.lower()
    for stem, value in sorted(relative()["shifts"].items(), key=lambda kv: -len(kv[0])):
        if rel.startswith(stem):
            return value
    return None


def _count(text: Optional[str]) -> Optional[float]:
    if not text:
        return None
    text = text.strip().lower()
    if text.startswith("полтор"):
        return 1.5
    if text[0].isdigit():
        return parse_digits(text)
    return parse_number_words(text)


def _prefix_count(text: str) -> Optional[float]:
    """"двух" in "двухнедельный", "трех" in "трехмесячный"; "" -> 1."""
    if not text:
        return 1.0
    text = text.lower().rstrip("-")
    table = number_words()
    if text in table:
        return table[text]
    for cut in range(len(text), 1, -1):  # "десяти", "пятнадцати", "тридцати"
        if text[:cut] in table:
            return table[text[:cut]]
    return None


def _year_of(m: re.Match, published: Optional[date], groups=("rel", "rel2")) -> Optional[int]:
    y = year_value(m.groupdict().get("y"))
    if y:
        return y
    for g in groups:
        s = _shift(m.groupdict().get(g))
        if s is not None and published:
            return published.year + s
    return None


def _value(name: str, m: re.Match, published: Optional[date], text: str) -> Optional[RawDate]:
    g = m.groupdict()
    r = RawDate(start=m.start(), end=m.end(), core=name)
    mon = months()
    if name == "dmy":
        mm, dd = mon[g["m"].lower()], int(g["d"])
        y = _year_of(m, published)
        if dd > last_day(y or 2000, mm):
            return None  # "31 июня": a title, not a date
        r.date = iso_date(y, mm, dd)
        r.relative = bool(g.get("rel"))
    elif name == "day_of_month":
        r.relative = True  # "не позднее 15 числа месяца, следующего за отчетным": a day of some month
    elif name == "dmy_range":
        y = year_value(g["y"])
        m2 = mon[g["m"].lower()]
        m1 = mon[g["m1"].lower()] if g["m1"] else m2
        r.date, r.date_end = iso_date(y, m1, int(g["d1"])), iso_date(y, m2, int(g["d2"]))
    elif name in ("numeric", "iso"):
        y, mm, d = year_value(g["y"]), int(g["mm"]), int(g["d"])
        try:
            date(y, mm, d)
        except ValueError:
            return None
        r.date = iso_date(y, mm, d)
    elif name == "month_range":
        y = year_value(g["y"])
        r.date, r.date_end = iso_date(y, mon[g["m1"].lower()]), iso_date(y, mon[g["m"].lower()])
    elif name == "month":
        r.date = iso_date(_year_of(m, published), mon[g["m"].lower()])
        r.relative = bool(g.get("rel"))
    elif name == "year_range":
        y1, y2 = int(g["y1"]), g["y2"]
        y2 = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
        if y2 <= y1:
            return None
        r.date, r.date_end = f"{y1:04d}", f"{y2:04d}"
    elif name == "year":
        r.date = g["y"]
        r.bare_year = not g["gw"]
        if r.bare_year and not re.match(r"1[89]|20", g["y"]):
            return None
    elif name == "tagged_year":
        r.date = g["y"] or "2019"
    elif name == "decade":
        dec = g["dec"]
        start = int(dec) if len(dec) == 4 else 1900 + int(dec)
        r.date, r.date_end = f"{start:04d}", f"{start + 9:04d}"
    elif name == "century":
        c = ROMAN.get(g["c"].upper())
        if not c:
            return None
        r.date, r.date_end = f"{(c - 1) * 100 + 1:04d}", f"{c * 100:04d}"
    elif name in ("quarter", "half"):
        y = _year_of(m, published)
        if name == "half":
            n, per = (1 if g["h"].lower() == "перв" else 2), 6
        else:
            q = g["q"].lower()
            n = next((v for k, v in ORDINALS.items() if q.startswith(k)), None) or ROMAN.get(q.upper())
            if n is None:
                n = int(q[0]) if q[0].isdigit() else None
            per = 3 if g["qu"].lower().startswith("квартал") else 6
            if n is None or n * per > 12:
                return None
        m_end = n * per
        r.date = iso_date(y, m_end, last_day(y or 2001, m_end))
        r.relative = y is None or bool(g.get("rel"))
    elif name == "season":
        spec = seasons()[(g["sa"] or g["sn"]).lower()]
        if not g["sa"] and not (g["rel"] or g["y"] or g["rel2"]):
            return None  # "лета", "весны" alone are too ambiguous
        y = _year_of(m, published, groups=("rel", "rel2"))
        if y is None and published:
            y = published.year
        if y is None:
            r.date = "--" + spec["end"]
        else:
            mm, dd = (int(x) for x in spec["end"].split("-"))
            if spec.get("wraps"):
                y += 1
                dd = last_day(y, mm)
            r.date = iso_date(y, mm, dd)
        r.relative = not g["y"]
    elif name == "weekday":
        if published and g["rel"]:
            s = _shift(g["rel"]) or 0
            target = published + timedelta(days=(weekdays()[g["w"].lower()] - 1) - published.weekday() + 7 * s)
            r.date = target.isoformat()
    elif name == "relday":
        key = re.sub(r"\s+", " ", g["rd"].lower())
        offset = relative()["days"][key]
        r.weak = key in relative().get("weak", ())
        if key in relative().get("anaphoric", ()):
            r.relative = True
            return r
        if published:
            r.date = (published + timedelta(days=offset)).isoformat()
        r.relative = True
        r.past = offset < 0
    elif name == "school_year":
        r.relative = True
        if published:  # 1 September: the next one as a term ("к началу нового учебного года"),
            # the last one after "с" or with "этого", "текущего" ("с начала учебного года")
            current = (g.get("sya") or "").lower() in ("нынешнего", "этого", "текущего") \
                or re.search(r"(?:^|\s)со?\s+$", text[max(0, m.start() - 4):m.start()].lower()) is not None
            year = published.year - (published.month < 9) if current else published.year + (published.month >= 9)
            r.date = iso_date(year, 9, 1)
    elif name in ("relperiod", "endof"):
        unit = relative()["units"].get(g["pu"].lower(), "year") if g["pu"] != "дня" else "day"
        s = _shift(g.get("rel")) or 0
        r.relative = True
        r.past = s < 0
        if published:
            if unit == "year":
                base = date(published.year + s, 12, 31) if name == "endof" else None
                r.date = base.isoformat() if base else f"{published.year + s:04d}"
            elif unit == "month":
                base = add_months(published, s)
                r.date = period_end("month", base) if name == "endof" else iso_date(base.year, base.month)
            elif unit == "week":
                base = published + timedelta(days=7 * s)
                r.date = period_end("week", base)
            elif unit in ("quarter", "half", "day"):
                base = add_months(published, s * (3 if unit == "quarter" else 6)) if unit != "day" else published
                r.date = period_end(unit, base)
            else:
                r.date = None
        if name == "endof":
            r.role = "deadline"
    elif name == "compound":
        y, mo = _count(g["n"]), _count(g["n2"])
        if y is None or mo is None:
            return None
        r.duration = f"P{int(y)}Y{int(mo)}M"
        r.count, r.has_number = y, True
    elif name == "term_years":
        # "на 3-летний срок", "30-дневный карантин", "шестимесячный контракт"; not "летний" (summer)
        count = float(g["n"]) if g["n"] else (_prefix_count(g["nw"]) if g["nw"] else None)
        if count is None:
            return None
        iso = {"летн": "Y", "годичн": "Y", "дневн": "D", "месячн": "M", "недельн": "W"}[g["u"].lower()]
        r.duration = iso_duration(count, iso)
        r.count, r.has_number = count, True
        r.role = "period"
        r.adjective = not g["srok"]
    elif name == "duration" and g.get("vague"):
        r.has_number = True
        r.vague = True
    elif name in ("term_adj", "term_max", "duration"):
        working = False
        if name == "term_adj":
            count = float(g["n"]) if g["n"] else _prefix_count(g["nw"])
            iso = {"дневн": "D", "недельн": "W", "месячн": "M", "годичн": "Y", "летн": "Y", "суточн": "D"}[g["u"].lower()]
            r.role = "term"
        else:
            unit_word = g["u"].lower()
            if unit_word in ("полгода", "полугода"):
                count, iso = 6.0, "M"
            else:
                spec = duration_units()[unit_word]
                count = _count(g["n"]) if g["n"] else None
                if count is None and g["n"]:
                    return None
                count = (count if count is not None else 1.0) * spec.get("count", 1)
                iso = spec["iso"]
                working = spec.get("working", False)
            if name == "term_max":
                r.role = "term"
        if count is None:
            return None
        r.duration = iso_duration(count, iso)
        r.relative = True
        ago = g.get("ago")
        if ago:
            r.past = True
            if published and iso != "H":
                r.date = iso_at(add_duration(published, -count, iso), iso)
        elif published and working:
            r.date = add_working_days(published, count).isoformat()
        elif published and iso != "H":
            r.date = add_duration(published, count, iso).isoformat()
        r.count = count
        r.has_number = bool(g.get("n"))
    elif name == "immediate":
        r.immediate = True
        r.role = "deadline"
        r.weak = g["im"].lower() in _weak_immediate()
    elif name == "recurring":
        if g["rec"]:
            r.recurring = recurring_words()[re.sub(r"\s+", " ", g["rec"].lower())]
        else:
            spec = duration_units().get(g["u"].lower())
            count = _count(g["n"]) if g["n"] else 1.0
            if not spec or count is None:
                return None
            r.recurring = iso_duration(count * spec.get("count", 1), spec["iso"])
    return r


@lru_cache(maxsize=1)
def _weak_immediate() -> frozenset[str]:
    return resources.word_set("date_immediate_weak.txt")


# --- the scan -------------------------------------------------------------------

WINDOW_BEFORE, WINDOW_AFTER = 30, 60


def windows(text: str) -> list[tuple[int, int]]:
    """Stretches of the text around trigger words and digits, merged; each ends at a space."""
    out: list[list[int]] = []
    n = len(text)
    for m in patterns()["trigger"].finditer(text):
        s, e = max(0, m.start() - WINDOW_BEFORE), min(n, m.end() + WINDOW_AFTER)
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    result = []
    for s, e in out:
        while e < n and not text[e].isspace():
            e += 1
        result.append((s, e))
    return result


def _cores(text: str, published: Optional[date]) -> list[RawDate]:
    pats = patterns()
    found = []
    spans = windows(text)
    if not spans:
        return []
    # a match lies inside its window, so a core is tried only in the windows that hold one
    # of its words
    folded = [text[s:e].lower() for s, e in spans]
    required = needs()
    for rank, name in enumerate(PRIORITY):
        words = required.get(name)
        where = spans if words is None else [span for span, low in zip(spans, folded) if words.search(low)]
        if not where:
            continue
        pattern = pats[name]
        for m in (m for s, e in where for m in pattern.finditer(text, s, e)):
            try:
                r = _value(name, m, published, text)
            except (OverflowError, ValueError):  # resolved past year 9999 against a far-off publication date
                r = _value(name, m, None, text)
            if r is not None:
                found.append((-(m.end() - m.start()), rank, m.start(), r))
    found.sort(key=lambda x: (x[0], x[1], x[2]))
    chosen: list[RawDate] = []
    occupied: list[tuple[int, int]] = []
    for _, _, _, r in found:
        if any(r.start < e and s < r.end for s, e in occupied):
            continue
        chosen.append(r)
        occupied.append((r.start, r.end))
    chosen.sort(key=lambda r: r.start)
    return chosen


def _attach_prep(text: str, r: RawDate) -> None:
    pats = patterns()
    window = text[max(0, r.start - 40):r.start]
    m = pats["prep_before"].search(window)
    if m:
        prep = re.sub(r"\s+", " ", m.group("p").lower())
        r.prep = prep
        r.start -= len(window) - m.start()
        role = preps().get(prep, "point")
        if prep in ("в конце", "в начале", "в середине", "с начала", "до середины", "в первой половине",
                    "во второй половине", "в ночь на", "в ночь с"):
            role = "point"
        if r.role not in ("term", "deadline") or role == "deadline":
            r.role = role if r.role not in ("term",) else r.role
        if prep in ("до конца", "к концу", "до окончания") and r.date:
            r.date = end_of(r.date)
        if prep in ("в течение", "на протяжении", "в продолжение") and r.core in ("year", "month", "quarter", "half"):
            r.role = "within"
    if r.core == "duration":
        q = pats["qual_before"].search(text[max(0, r.start - 30):r.start])
        if q:
            r.start -= len(text[max(0, r.start - 30):r.start]) - q.start()
            r.prep = (r.prep + " " + q.group("q").lower()).strip()


def _merge(text: str, items: list[RawDate]) -> list[RawDate]:
    """Weekday + date ("в пятницу, 7 марта"), "с X по Y", "ежегодно до 1 февраля"."""
    out: list[RawDate] = []
    for r in items:
        if out:
            prev = out[-1]
            gap = text[prev.end:r.start]
            if prev.core in ("weekday", "relday") and r.core in ("dmy", "numeric", "dmy_range") and re.fullmatch(r"\s*[,—–-]?\s*", gap):
                prev.end, prev.date, prev.core, prev.date_end = r.end, r.date, r.core, r.date_end
                continue
            if prev.core in ("dmy", "numeric") and r.core == "weekday" and re.fullmatch(r"\s*[,—–-]\s*", gap):
                prev.end = r.end
                continue
            if prev.role == "start" and r.prep in ("по", "до") and not gap.strip() and prev.date and r.date:
                prev.end, prev.date_end, prev.role = r.end, r.date, "period"
                continue
            if prev.core == "recurring" and not gap.strip(" ,") and r.date:
                r.start, r.recurring = prev.start, prev.recurring
                out[-1] = r
                continue
        out.append(r)
    return out


def resolve_yearless(r: RawDate, published: Optional[date]) -> None:
    """"--05-04" + published 2024-04-13 -> 2024-05-04 (a deadline that already passed -> next year)."""
    if not published or not r.date or not r.date.startswith("--"):
        return
    parts = r.date[2:].split("-")
    try:
        mm = int(parts[0])
        if len(parts) == 2:
            dd = int(parts[1])
            d = date(published.year, mm, min(dd, last_day(published.year, mm)))
            if r.role in ("deadline", "term") and d < published:
                d = date(published.year + 1, mm, min(dd, last_day(published.year + 1, mm)))
            r.date = d.isoformat()
        else:
            y = published.year + (1 if r.role == "deadline" and mm < published.month else 0)
            r.date = iso_date(y, mm)
    except ValueError:
        return
    r.relative = True


def scan(text: str, published: Optional[date] = None) -> list[RawDate]:
    items = _cores(text, published)
    for r in items:
        _attach_prep(text, r)
    items = _merge(text, items)
    for r in items:
        resolve_yearless(r, published)
    return items


# --- for the figures grammar: numbers that belong to dates ----------------------

@lru_cache(maxsize=1)
def _number_mask_re() -> re.Pattern:
    mon = _alt(months())
    return regexes.compile(
        rf"(?<![\w.,])(?:{DAY}(?:\s*[-–—]\s*{DAY})?\s+(?i:{mon})(?![а-яё])(?:\s+{YEAR})?"
        rf"|{DAY}[./](?:0?[1-9]|1[0-2])[./](?:{YEAR}|\d\d)(?![\d])"
        rf"|{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
        rf"|{YEAR}(?:\s*[-–—/]\s*(?:{YEAR}|\d\d))?(?i:{GW})"
        rf"|(?:{YEAR}|\d0)-?(?:х|е|ых|ые)(?![а-яё])"
        rf"|{YEAR}(?=\s*[-–—]\s*{YEAR}))"
    )


def number_masks(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _number_mask_re().finditer(text)]
