"""The figures grammar: a number (digits or number words), its scale word and its unit.

    for m in scan(text): m.value, m.unit, m.qualifier, m.range, m.start, m.end

`scan` reads plain text; it knows currencies, percent, measures and scale words (data/
currencies.json, units.json, figure_scales.json), and leaves the counted noun ("860
проектов") to the component, which has the tagger's lemmas. Numbers that are labels or
dates (years, "№ 352", "ст. 5", times, phone numbers, list numbering, ordinals) are masked.
Everything is compiled once, on first use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

from .. import regexes, resources
from .numbers import (DIGITS, alternation, multipliers, number_word_re, number_words, parse_digits,
                      parse_number_words, scale_of, scale_re, word_forms)
from . import dates as date_grammar

SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₸": "KZT", "₽": "RUB", "¥": "CNY", "₴": "UAH"}


@dataclass
class RawFigure:
    start: int
    end: int
    value: float
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    range: Optional[tuple[float, float]] = None
    scaled: bool = False          # a scale word was written ("5,7 трлн")
    words: bool = False           # the number is written in words
    digits: str = ""              # the number as written
    number_end: int = 0           # where the number (+ scale) ends: the counted noun follows
    unit_kind: Optional[str] = None   # "currency", "measure" or None
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def unit_table() -> tuple[dict, dict, dict]:
    """(lowercase word form -> (unit, kind), case-sensitive abbreviation -> (unit, kind), symbols)."""
    words: dict[str, tuple[str, str]] = {}
    abbrevs: dict[str, tuple[str, str]] = {}
    for code, spec in resources.table("currencies.json").items():
        if code.startswith("_"):
            continue
        unit = spec.get("unit", code)
        for lemma in spec.get("lemmas", ()):
            for form in word_forms(lemma):
                words.setdefault(form.lower(), (unit, "currency"))
        for abbrev in spec.get("abbrev", ()):
            abbrevs.setdefault(abbrev, (unit, "currency"))
        for symbol in spec.get("symbols", ()):
            abbrevs.setdefault(symbol, (unit, "currency"))
    for unit, spec in resources.table("units.json").items():
        if unit.startswith("_"):
            continue
        kind = "percent" if unit in ("%", "п.п.", "б.п.") else "measure"
        for lemma in spec.get("lemmas", ()):
            for form in word_forms(lemma):
                words.setdefault(form.lower(), (unit, kind))
        for abbrev in spec.get("abbrev", ()):
            abbrevs.setdefault(abbrev, (unit, kind))
    return words, abbrevs, SYMBOLS


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip())


@lru_cache(maxsize=1)
def qualifiers() -> dict[str, str]:
    return {k: v for k, v in resources.table("figure_qualifiers.json").items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    words, abbrevs, symbols = unit_table()
    word_alt = alternation(words)
    abbrev_alt = alternation(abbrevs)
    unit = rf"(?:(?i:{word_alt})(?![а-яёa-z])|{abbrev_alt}(?:(?<=\.)|(?![а-яёА-ЯЁa-zA-Z0-9])))"
    tail = r"(?:(?![a-zA-Zа-яА-ЯёЁ\d])|(?=млн|млрд|трлн|тыс|км|кг|га|т(?![а-яё])))"
    number = rf"(?:(?<![\w.,/\-]){DIGITS}{tail}|(?<![\w-])(?i:{number_word_re()})(?![\w-]))"
    number2 = rf"(?:{DIGITS}{tail}|(?<![\w-])(?i:{number_word_re()})(?![\w-]))"
    scale = rf"(?i:{scale_re()})(?![а-яё])"
    qual = rf"(?i:{alternation(qualifiers())})"
    sym = "[" + re.escape("".join(symbols)) + "]"
    mult = rf"(?i:{alternation(multipliers())})"
    figure = (
        rf"(?:(?P<qual>(?<![\w-]){qual})\s+)?"
        rf"(?P<sym>{sym}\s?)?"
        rf"(?P<n1>{number})(?:\s*(?P<s1>{scale})(?:\s+(?P<n1b>{DIGITS})\s*(?P<s1b>{scale}))?)?"
        rf"(?:(?P<sep>\s*[-–—]\s*|\s+(?i:до|по)\s+)(?P<sym2>{sym}\s?)?(?P<n2>{number2})(?:\s*(?P<s2>{scale}))?)?"
    )  # the unit after it is matched on its own (patterns["unit"])
    # scale words without a number, with a currency: "миллиард долларов", "сотни миллионов рублей"
    bare_scale = (
        rf"(?<![\w-])(?<!\d\s)(?P<mult>{mult}\s+)?(?P<s1>{scale})\s*(?P<unit>{unit})"
    )
    blockers = sorted(resources.words("figure_blockers.txt"), key=len, reverse=True)
    blocker = "(?:" + "|".join(
        (re.escape(b) if b.endswith(".") or not b[-1].isalpha() else re.escape(b) + r"(?![\w])") for b in blockers
    ) + ")"
    # where a figure can start: a digit (or a currency sign before one), or number words
    # before a scale word or a unit; the full pattern is tried only there
    candidate = (
        rf"(?<![\w.,/\-])(?:{sym}\s?)?\d"
        rf"|(?<![\w-])(?i:{number_word_re()})(?=\s*(?:{scale}|{unit}))"
    )
    return {
        "figure": regexes.compile(figure),
        "candidate": regexes.compile(candidate),
        "qual_before": regexes.compile(rf"(?<![\w-]){qual}\s+$"),
        "bare_scale": regexes.compile(bare_scale),
        "unit": regexes.compile(r"\s*" + unit),
        "blocked_before": regexes.compile(rf"(?i:(?<![\w]){blocker})\s*:?\s*(?:\d+[\w.]*\s*(?:,|и|или)\s*)*$"),
        "sep_to": regexes.compile(r"\s+(?i:до|по)\s+"),
    }


# --- what is not a quantity -------------------------------------------------

SPELLED_OUT = re.compile(r"\s*\((?:[а-яё]+[ \t,-]*){1,12}\)")  # the sum again in words, as acts write it
LINKS = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+")  # links, e-mail
MASKS = re.compile(
    r"(?=[\d+IVX \t(])(?:"
    r"(?<!\d)(?:\+7|8)[\s\-(]*\d{3,5}[\s\-)]*\d{1,3}[\s\-]?\d{2}[\s\-]?\d{2}(?!\d)"  # phones
    r"|(?<!\d)\d{2,3}-\d{2}-\d{2}(?!\d)"
    r"|(?<![\d.,])\d{1,2}[:]\d{2}(?:[:]\d{2})?(?![\d])"                      # times, scores
    r"|(?<![\d.,])(?:[01]?\d|2[0-4])\.[0-5]\d(?=\s*(?:час|ч\.|мск|по\s+местному))"
    r"|(?<![\w-])\d+-?(?:й|го|му|м|я|е|ю|ой|ом|ый|ий|ая|ое|ые|ых|ым|ыми|ого|ому|ей)(?![а-яё])"  # ordinals
    r"|(?<![\w-])\d+-(?:х|ти|ми|ух|ех|ёх)?\s*(?:[а-яё]+-)?(?:летн|лети[еяюи]|месячн|дневн|недельн|часов|минутн|кратн|процентн|этажн|тысячн|миллионн|миллиардн|местн|метров|километров|тонн)[а-яё]*"
    r"|(?m:^[ \t]*\d{1,3}(?:\.\d{1,3})*[.)](?=\s))"                          # list numbering
    r"|(?m:^[ \t]*\d{1,2}(?=[ \t]+[А-ЯЁA-Z]))"                                  # footnotes
    r"|(?<![\w-])\d{5,}-\d+"                                                     # bill numbers
    r"|(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\d)"                                  # IP addresses
    r"|(?<![\w/-])\d+(?:[-/]\d+){2,}"                                              # codes, 05/08/2008
    r"|(?<![\w.])\d{1,2}\s\d{1,2}\s(?:19|20)\d\d(?!\d)"                            # 21 10 2016
    r"|\d+(?=\s*-?(?:ФЗ|ФКЗ|УК|ГК|КоАП|НК|ТК|АПК|ГПК|УПК)(?![а-яёА-ЯЁ]))"            # law articles
    r"|(?<=\()\s*\d{1,4}\s*(?=\))"                                                 # "(60)": a count beside a name
    r"|(?<=[a-zA-Z] )\d{1,4}(?![\d.,])"                                             # "BMW 320": a model
    r"|(?<![\w.])(?:[IVX]+|\d{1,2})(?:\s*[-–—]\s*[IVX]+)?\s+(?i:квартал|полугоди)\w*"  # quarters
    r")"
)
YEAR_ALONE = re.compile(r"(?:18|19|20)\d\d")


def masked_ranges(text: str) -> list[tuple[int, int]]:
    ranges = [(m.start(), m.end()) for m in MASKS.finditer(text)]
    if "@" in text or "http" in text or "www." in text:
        ranges.extend((m.start(), m.end()) for m in LINKS.finditer(text))
    ranges.extend(date_grammar.number_masks(text))
    ranges.sort()
    return ranges


def _overlaps(ranges, start: int, end: int) -> bool:
    # ranges are few per document; a linear scan is cheap enough
    for s, e in ranges:
        if s >= end:
            break
        if start < e and s < end:
            return True
    return False


def _value(number: str, scale: Optional[str]) -> tuple[float, bool]:
    """(value, written in words) of a number and its scale word."""
    if number[0].isdigit() or number[0] in "+":
        value, words = parse_digits(number), False
    else:
        value, words = parse_number_words(number), True
        if value is None:
            return float("nan"), True
    return _times(value, scale_of(scale)), words


def _times(value: float, factor: float) -> float:
    """value x factor without the binary fraction's noise: 8,3 млн is 8300000, not 8300000.000000001."""
    return float(f"{value * factor:.12g}")


def _unit_of(text: str) -> tuple[Optional[str], Optional[str]]:
    words, abbrevs, _ = unit_table()
    key = _norm(text)
    if key in abbrevs:
        return abbrevs[key]
    found = words.get(key.lower())
    if found:
        return found
    for k, v in abbrevs.items():  # abbreviations written with different spacing ("кв.м")
        if _norm(k).replace(" ", "") == key.replace(" ", ""):
            return v
    return None, None


def _next_figure(text: str, pos: int, pats) -> Optional[re.Match]:
    """The next figure at or after `pos`: the full pattern is tried at candidate starts only,
    from the qualifier before them when there is one."""
    for c in pats["candidate"].finditer(text, pos):
        start = c.start()
        q = pats["qual_before"].search(text, max(pos, start - 30), start)
        m = pats["figure"].match(text, q.start()) if q else None
        if m is None or m.start("n1") > start + 3:
            m = pats["figure"].match(text, start)
        if m is not None:
            return m
    return None


def scan(text: str, masks: Optional[list] = None) -> Iterator[RawFigure]:
    """Every quantity in `text` with its explicit unit (if any), in text order."""
    pats = patterns()
    masks = masked_ranges(text) if masks is None else masks
    quals = qualifiers()
    pos = 0
    n = len(text)
    taken: list[tuple[int, int]] = []
    while pos < n:
        m = _next_figure(text, pos, pats)
        if m is None:
            break
        start, end = m.start(), m.end()
        number_start = m.start("sym") if m.group("sym") else m.start("n1")
        if _overlaps(masks, m.start("n1"), m.end("n1")) or pats["blocked_before"].search(text, max(0, start - 40), start):
            pos = m.end("n1")
            continue
        qual_text = m.group("qual")
        qualifier = quals.get(_norm(qual_text).lower()) if qual_text else None
        n1, s1 = m.group("n1"), m.group("s1")
        words = not n1[0].isdigit()
        sep = m.group("sep")
        has_range = m.group("n2") is not None
        if has_range and sep and sep.strip().lower() in ("до", "по") and qualifier not in ("от",):
            has_range = False
        if has_range and m.group("n2") and _overlaps(masks, m.start("n2"), m.end("n2")):
            has_range = False
        if has_range and YEAR_ALONE.fullmatch(n1) and YEAR_ALONE.fullmatch(m.group("n2")):
            pos = m.end("n2")  # "2025-2029": years, the dates grammar's business
            continue
        if has_range:
            number_end = m.end("s2") if m.group("s2") else m.end("n2")
        else:
            number_end = m.end("s1b") if m.group("s1b") else (m.end("s1") if s1 else m.end("n1"))
        unit_match = pats["unit"].match(text, number_end)
        if unit_match is None and (spelled := SPELLED_OUT.match(text, number_end)):
            unit_match = pats["unit"].match(text, spelled.end())  # an act's "3 450 000 000 (три миллиарда ...) тенге"
        unit_text = unit_match.group(0) if unit_match else None
        end = unit_match.end() if unit_match else number_end
        value, _ = _value(n1, s1)
        if m.group("n1b"):
            value += _value(m.group("n1b"), m.group("s1b"))[0]
        if value != value:  # NaN: not a number
            pos = m.end("n1")
            continue
        unit = kind = None
        symbol = m.group("sym")
        if symbol:
            unit, kind = SYMBOLS[symbol.strip()], "currency"
        if unit_text:
            unit, kind = _unit_of(unit_text)
        if words and (unit is None or (kind == "measure" and not s1)):
            # number words count only with a currency or a unit of measure ("два миллиарда тенге")
            pos = m.end("n1")
            continue
        low = value
        rng = None
        if has_range:
            s2 = m.group("s2")
            high, _ = _value(m.group("n2"), s2)
            if s2 and not s1:
                low = _times(low, scale_of(s2))
            if high != high:
                has_range = False
            else:
                rng = (low, high)
        fig = RawFigure(start=start if qual_text else number_start, end=end, value=low, unit=unit,
                        qualifier=qualifier, range=rng, scaled=bool(s1 or m.group("s2")), words=words,
                        digits=n1, number_end=number_end, unit_kind=kind)
        yield fig
        if rng:
            yield RawFigure(start=fig.start, end=end, value=rng[1], unit=unit, qualifier=qualifier, range=rng,
                            scaled=fig.scaled, words=words, digits=m.group("n2"), number_end=number_end,
                            unit_kind=kind)
        taken.append((fig.start, end))
        pos = max(end, m.end("n1"))
    # scale words without a number ("миллиард долларов", "сотни миллионов рублей")
    for m in pats["bare_scale"].finditer(text):
        if _overlaps(taken, m.start(), m.end()) or _overlaps(masks, m.start(), m.end()):
            continue
        unit, kind = _unit_of(m.group("unit"))
        if unit is None:
            continue
        mult = multipliers().get(_norm(m.group("mult") or "").lower(), 1.0)
        q = pats["qual_before"].search(text, max(0, m.start() - 30), m.start())
        qual_text = q.group(0) if q else None
        yield RawFigure(start=q.start() if q else m.start(), end=m.end(), value=_times(mult, scale_of(m.group("s1"))), unit=unit,
                        qualifier=quals.get(_norm(qual_text).lower()) if qual_text else None, scaled=True,
                        words=True, digits="", number_end=m.end("s1"), unit_kind=kind)


# a table's unit in its header: "Сумма (тыс. рублей)", "(млн тенге)"; the bare numbers below it
# are in that unit
TABLE_UNIT = re.compile(r"\((?:в\s+)?(?P<scale>тыс\.?|млн\.?|млрд\.?|трлн\.?)?[\s¦|]*(?P<unit>[а-яёА-ЯЁ.%$€ ]{1,20}?)[\s¦|]*\)")


def table_units(text: str) -> list[tuple[int, float, str]]:
    """(where the header ends, scale, unit) of each table header that names a unit."""
    out = []
    for m in TABLE_UNIT.finditer(text):
        raw = m.group("unit").strip()
        if not raw:
            continue
        unit, kind = _unit_of(raw)
        if unit is None or kind not in ("currency", "measure", "percent"):
            continue
        out.append((m.end(), scale_of(m.group("scale")) if m.group("scale") else 1.0, unit))
    return out


def is_year(fig: RawFigure) -> bool:
    return bool(YEAR_ALONE.fullmatch(fig.digits)) and not fig.scaled and fig.unit is None


__all__ = ["RawFigure", "scan", "masked_ranges", "is_year", "unit_table", "patterns", "number_words"]
