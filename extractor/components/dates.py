"""dates: every temporal expression with its kind (deadline, period, point) and ISO value.

The grammar (grammars/dates.py) finds the expressions and their values; here each one is
kept or dropped (ignored ranges, ages, a year that counts things) and given its kind from
its preposition and its sentence, following ANNOTATION.md: "до / к / не позднее / в срок до /
в течение / незамедлительно" make a deadline; "в 2025 году" is one only in a plan or an
instruction; forecasts, validity ends, next meetings and "с <дата>" are not.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from functools import cached_property, lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .. import regexes, resources
from ..grammars import dates as grammar
from ..grammars.isodates import parse_published
from ..pipeline import ignored, sentences
from .base import write_group

PERIOD_CORES = {"dmy_range", "month_range", "year_range", "decade", "century"}
POINT_CORES = {"dmy", "day_of_month", "numeric", "iso", "month", "year", "quarter", "half", "season", "relperiod", "weekday", "relday",
               "endof", "school_year"}


def _stem_re(name: str) -> re.Pattern:
    """Stems from a word list; an entry ending in "$" is a whole word."""
    stems = sorted(resources.words(name), key=len, reverse=True)
    parts = [re.escape(s[:-1]) + "(?![а-яё])" if s.endswith("$") else re.escape(s) for s in stems]
    return regexes.compile(r"(?<![а-яёА-ЯЁ])(?:" + "|".join(parts) + ")", re.IGNORECASE)


@lru_cache(maxsize=1)
def instruction_past_re() -> re.Pattern:
    return _stem_re("date_instruction_past.txt")


SEGMENT_BREAK = re.compile(r";|\n|:\s|[»\"”],?\s+[–—-]\s|(?-i:(?<![А-ЯЁA-Z])[.!?…]\s+(?=[«\"А-ЯЁA-Z]))|,\s*(?:что|чтобы|где|когда|котор[а-яё]+|поскольку|так как|хотя|однако|но)(?![а-яё])",
                           re.IGNORECASE)
COVERED_PERIOD = re.compile(r"(?<![\w-])(?:(?:на|в)\s+период|на\s+срок)\s+$", re.IGNORECASE)  # before "до <date>"
EVENT_ANCHOR = re.compile(r"\s*,?\s*(?:со\s+дня|с\s+момента|с\s+даты|после|со\s+времени|с\s+начала|с\s+получения|со\s+дня)",
                          re.IGNORECASE)


@lru_cache(maxsize=1)
def instruction_re() -> re.Pattern:
    return _stem_re("date_instruction_cues.txt")


@lru_cache(maxsize=1)
def not_deadline_re() -> re.Pattern:
    return _stem_re("date_not_deadline_cues.txt")


class Sentences:
    """The sentence around a character offset, found by bisection."""

    def __init__(self, doc: Doc):
        self.text = doc.text
        self.bounds = [(s.start_char, s.end_char) for s in sentences(doc)] if len(doc) else []
        self.starts = [s for s, _ in self.bounds]

    def around(self, start: int, end: int) -> tuple[int, int]:
        if not self.bounds:
            return 0, len(self.text)
        i = max(0, bisect_right(self.starts, start) - 1)
        j = max(i, bisect_right(self.starts, max(start, end - 1)) - 1)
        return self.bounds[i][0], self.bounds[j][1]


def _clause(text: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence [s, e) around [start, end), between semicolons, line breaks
    and the commas that open a subordinate clause ("заявил, что нужно ...")."""
    left, right = s, e
    for m in SEGMENT_BREAK.finditer(text, s, e):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


PAST_ENDING = re.compile(r"(?:[аеиоуяы]л|[аеиоуяы]ла|[аеиоуяы]ло|[аеиоуяы]ли|лся|лась|лось|лись)$")


def _past_verb(t) -> bool:
    """A finite verb in the past tense (the tagger's Tense, or the ending when it says Pres)."""
    if t.pos_ not in ("VERB", "AUX") or "Fin" not in t.morph.get("VerbForm"):
        return False
    return "Past" in t.morph.get("Tense") or bool(PAST_ENDING.search(t.lower_))


PLAN_NOUNS = {"план", "задача"}  # "в планах на 2024 год ... посадить": the date is the plan's term


def _infinitive(t) -> bool:
    return t.pos_ in ("VERB", "AUX") and "Inf" in t.morph.get("VerbForm")


class Context:
    """What the clause around a date says: an instruction or plan, a forecast, the past.
    The token-level checks run only when a rule asks for them."""

    def __init__(self, doc: Doc, left: int, right: int, start: int, end: int):
        self.doc, self.left, self.right = doc, left, right
        clause = doc.text[left:right]
        self.start, self.end = start, end
        self.not_deadline_cues = [m.start() + left for m in not_deadline_re().finditer(clause)]
        cues = [m.start() + left for m in instruction_re().finditer(clause)]
        self.past_cues = [(m.start() + left, m.end() + left) for m in instruction_past_re().finditer(clause)]
        # "В феврале 2017 года Путин поручил ...": the date of the instruction, not its term
        self.dated_instruction = (bool(self.past_cues) and all(a > end for a, _ in self.past_cues)
                                  and not [c for c in cues if c < start])
        self.cues = bool(cues)
        self.anchored = bool(EVENT_ANCHOR.match(doc.text, end))

    @cached_property
    def tokens(self) -> list:
        span = self.doc.char_span(self.left, self.right, alignment_mode="expand")
        return [t for t in span if not t.is_space] if span is not None else []

    @cached_property
    def not_deadline(self) -> bool:
        """A forecast, validity end, meeting... cue in the clause; not one that follows the
        date behind an infinitive, whose object it is ("поручил до 1 декабря представить
        предложения по продлению программы")."""
        return any(c < self.end or not any(self.end <= t.idx <= c and _infinitive(t) for t in self.tokens)
                   for c in self.not_deadline_cues)

    @cached_property
    def after_noun(self) -> bool:
        """The date follows a noun it belongs to: "перечень маршрутов на 2027 год", "бюджет на
        2027 год" (what a thing covers, not when it is due)."""
        before = [t for t in self.tokens if t.idx < self.start]
        return (bool(before) and before[-1].pos_ == "NOUN" and before[-1].is_lower
                and before[-1].lemma_ not in PLAN_NOUNS)

    @cached_property
    def instruction(self) -> bool:
        if self.cues:
            return True
        # an act's item opens with an infinitive: "Выделить в III квартале 2002 г. ..."
        first = next((t for t in self.tokens if t.is_alpha), None)
        return first is not None and first.pos_ == "VERB" and "Inf" in first.morph.get("VerbForm") and first.text[:1].isupper()

    @cached_property
    def past(self) -> bool:
        return any(_past_verb(t) and not any(a <= t.idx < b for a, b in self.past_cues) for t in self.tokens)


def _before_published(value: Optional[str], published: Optional[date]) -> bool:
    """True when an ISO value (any precision) ends before the publication date."""
    if not value or not published or value.startswith("--"):
        return False
    parts = value.split("-")
    try:
        y = int(parts[0])
        if y != published.year:
            return y < published.year
        if len(parts) >= 2 and int(parts[1]) != published.month:
            return int(parts[1]) < published.month
        if len(parts) == 3:
            return int(parts[2]) < published.day
    except ValueError:
        return False
    return False


def kind_of(r: grammar.RawDate, ctx: Context, published: Optional[date]) -> Optional[str]:
    """deadline / period / point, or None to drop the expression."""
    if r.immediate:
        if r.weak and not ctx.instruction:
            return None
        return "deadline"
    if r.recurring and not (r.date or r.duration):
        return "period"
    if r.role == "term":
        return "deadline"
    if r.core in PERIOD_CORES or r.role == "period":
        return "period"
    if r.core == "duration":
        if r.past:
            return "point"
        if r.role == "within" and r.prep.startswith(("в течение", "в продолжение")) and not ctx.not_deadline:
            return "deadline" if ctx.instruction or not ctx.past else "period"
        if r.role == "deadline" and r.prep.startswith(("не позднее", "не позже", "в срок")):
            return "deadline"
        return "period"
    if r.role == "deadline":
        if ctx.not_deadline or r.past or _before_published(r.date, published):
            return "point"
        return "deadline"
    plan = ctx.instruction and not ctx.not_deadline and not ctx.dated_instruction
    if r.role == "within":
        return "deadline" if plan and not _before_published(r.date, published) else "period"
    if r.role in ("start", "after", "end"):
        return "point"
    # "в 2025 году", "весной", "в ночь на 14 апреля": a term only in a plan or an instruction
    if (r.core in POINT_CORES and r.core not in ("weekday", "relday") and plan and not ctx.past
            and not r.past and r.date and not _before_published(r.date, published)
            and r.prep not in ("с", "со", "от", "после", "в начале", "с начала")
            and not (r.prep == "на" and ctx.after_noun)):
        return "deadline"
    return "point"


QUOTED_NAME = re.compile(r"(?<=[а-яёА-ЯЁ] )«[^«»\n.!?]*»")  # after a word: программа «...», закон «...»


def _in_quoted_name(doc: Doc, start: int, end: int) -> bool:
    """The date is inside a quoted name after a noun (no sentence inside), not a quote of speech
    nor a quoted instruction ("поручил «до 1 мая завершить работы»")."""
    text = doc.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    for m in QUOTED_NAME.finditer(text, line_start, line_end):
        if m.start() < start and end < m.end():
            before = doc.char_span(m.start() - 2, m.start() - 1, alignment_mode="expand")
            return before is not None and len(before) > 0 and before[-1].pos_ in ("NOUN", "PROPN")
    return False


class DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, "dates", "DATE", self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[dict]:
        text = doc.text
        published = parse_published(doc._.published)
        pats = grammar.patterns()
        sentences = Sentences(doc)
        items = []
        for r in grammar.scan(text, published):
            if ignored(doc, r.start, r.end):
                continue
            if r.bare_year and not self._year_alone(doc, r):
                continue
            if r.core == "duration" and not self._duration_kept(text, r, pats):
                continue
            if r.core == "weekday" and not (r.prep or r.date):
                continue  # "окружающей среды"
            if r.core == "month" and not r.prep and not re.search(r"\d", text[r.start:r.end]) and "-" not in (r.date or "")[2:]:
                continue  # "Марта" (a name): a month alone needs a preposition or a year
            if r.core == "term_years" and r.adjective and not self._span_noun(doc, r):
                continue  # "45-летний Чарли": an age
            if r.core == "relday" and r.weak and not r.prep:
                continue  # "сегодня" alone is mostly not a date of the text
            s, e = sentences.around(r.start, r.end)
            left, right = _clause(text, s, e, r.start, r.end)
            ctx = Context(doc, left, right, r.start, r.end)
            kind = kind_of(r, ctx, published)
            if kind is None:
                continue
            if kind == "deadline" and _in_quoted_name(doc, r.start, r.end):
                kind = "point"  # «Развитие туризма до 2030 года»: a name's words, no term
            if kind == "deadline" and r.prep == "до" and COVERED_PERIOD.search(text, max(0, r.start - 20), r.start):
                kind = "period"  # "программу на период до 2030 года": how far a plan reaches, not its term
            if ctx.anchored and r.duration:
                r.date = None  # "в срок, не превышающий 14 дней со дня поступления": counted from an event
            item = {"start": r.start, "end": r.end, "kind": kind, "date": r.date, "date_end": r.date_end,
                    "duration": r.duration if (r.duration and (r.date is None or kind == "deadline")) else None,
                    "immediate": r.immediate, "recurring": r.recurring}
            if r.core == "duration" and kind != "deadline":
                item["date"] = None if not r.past else r.date
                item["duration"] = r.duration
            items.append(item)
        return items

    @staticmethod
    def _year_alone(doc: Doc, r: grammar.RawDate) -> bool:
        """A year written without "год": not when a counted noun follows ("2000 человек")."""
        text = doc.text
        if re.search(r"(?:№|N|No\.?|Nо)\s*$", text[max(0, r.start - 5):r.start]):
            return False
        after = text[r.end:r.end + 40]
        m = re.match(r"\s*([а-яё]+)", after)
        if m and not re.match(r"\s*[,.;:)]", after):
            span = doc.char_span(r.end + m.start(1), r.end + m.end(1))
            if span is not None and span[0].pos_ == "NOUN" and span[0].lemma_ not in grammar.months():
                return False
        if re.match(r"\s*(?:%|процент|тыс|млн|млрд|трлн|руб|тенге|долл|евро|\$)", after, re.IGNORECASE):
            return False
        return True

    @staticmethod
    def _span_noun(doc: Doc, r: grammar.RawDate) -> bool:
        """"30-дневный карантин", "15-летний опыт": a thing that lasts, not a person's age."""
        span = doc.char_span(r.start, r.end, alignment_mode="expand")
        if span is None or span.end >= len(doc):
            return False
        nxt = doc[span.end]
        if nxt.is_space and span.end + 1 < len(doc):
            nxt = doc[span.end + 1]
        return (nxt.pos_ == "NOUN" and not nxt.text[:1].isupper() and "Anim" not in nxt.morph.get("Animacy")
                and nxt.lemma_.lower() not in ("возраст", "юбилей", "годовщина"))

    @staticmethod
    def _duration_kept(text: str, r: grammar.RawDate, pats) -> bool:
        """Durations count with a preposition or a qualifier, or written as a number of days,
        weeks, months; "N лет" alone, "до 60 лет", "с 14 лет" are too often ages."""
        years = bool(r.duration) and r.duration.endswith("Y") and "M" not in r.duration
        first = r.prep.split()[0] if r.prep else ""
        if years and r.has_number and r.role not in ("within", "term"):
            before = text[max(0, r.start - 40):r.start]
            if pats["age_before"].search(before) or pats["age_after"].match(text[r.end:r.end + 20]):
                return False
            digits = text[r.start:r.end].lstrip()[:1].isdigit() or bool(re.search(r"\d", text[r.start:r.end]))
            punishment = re.match(r"\s+(?:лишения\s+свободы|заключения|колонии|тюрьмы|ареста)", text[r.end:r.end + 30])
            if first in ("в", "во") or (digits and first in ("до", "от", "с", "со", "не") and r.role not in ("within", "term")
                                          and not punishment):
                return False  # "в 19 лет", "до 60 лет": ages
        unit_text = text[r.start:r.end].split()[-1]
        if unit_text.lower() == "году":
            return False  # "на 75 году жизни", "по 21 году": an age
        if not r.has_number:
            # "в течение месяца", "через год", "за год", "год назад"; not "ко дню", "на Неделе моды"
            if not unit_text.islower():
                return False
            return (r.past or r.role in ("within", "after") or first in ("за", "на", "последние", "ближайшие")
                    or any(q in r.prep for q in ("более", "больше", "примерно", "около", "почти", "менее")))
        if r.past or r.role in ("within", "after", "term", "deadline"):
            return True
        if first:
            return True
        digits = text[r.start:r.start + 1].isdigit()
        if not digits:  # "два года", "три месяца"; not "один день" (a title)
            return r.count is None or r.count >= 2
        return not years


@Language.factory("dates", assigns=["doc.spans"])
def make_dates(nlp: Language, name: str):
    return DatesComponent()
