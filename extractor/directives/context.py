"""What the frames of one document share: its parties, quotes, dates, act signer; the Frame."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..components.base import facts
from ..pipeline import ignored
from . import lexicon
from .parties import Parties, is_pronoun, np_end
from .text import Quote, act_end, case, headline_end, is_act, is_finite, is_nominal, low, quote_at, quotes, words

NUMBERING = re.compile(r"^(\d+(\.\d+)*|[а-яa-z])$")


WANTED_CASE = {"dat": ("Dat",), "acc": ("Acc",), "ot": ("Gen",), "na": ("Acc",)}


CO_EXECUTOR = {"совместно", "вместе"}


SIGNING_BODIES = {"министерство", "правительство", "служба", "агентство", "комитет", "банк", "центральный",
                  "администрация", "акимат", "мэрия", "департамент", "управление", "федеральная", "федеральное",
                  "федеральный", "государственный", "государственная", "национальный", "совет", "кабинет"}


# what names an act's body: its title above it ("Постановление Правительства Свердловской
# области") and its enacting words after it ("Правительство Свердловской области постановляет:")
ACT_TITLE = re.compile(r"\s*(?:постановление|распоряжение|приказ|решение)\s+", re.IGNORECASE)
ENACTING = re.compile(r"\s*(?:п\s?о\s?с\s?т\s?а\s?н\s?о\s?в\s?л\s?я\s?е\s?т|решил[аио]?|приказывает|распоряжается)\s*:",
                      re.IGNORECASE)

# the President named as the act's author at its head, where no signature names him: "УКАЗ
# ПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ", "Президент утвердил перечень поручений по итогам ..."
PRESIDENT_AT_HEAD = re.compile(r"^\s*(?:(?:У\s?К\s?А\s?З|Указ|РАСПОРЯЖЕНИЕ|Распоряжение)\s+)?(?P<gen>ПРЕЗИДЕНТА|Президента)\b"
                               r"|(?P<nom>Президент)(?:\s+Российской\s+Федерации|\s+Республики\s+Казахстан)?"
                               r"\s+утвердил\s+перечень\s+поручений", re.MULTILINE)

SIGNER_TITLES = re.compile(r"^\s*(Президент|Министр|Председатель|Глава|Губернатор|Аким|Мэр|Руководитель|Директор)\b",
                           re.MULTILINE)


@dataclass
class Frame:
    kind: str                      # active, passive, act, modal, quote
    trigger: int                   # index of the trigger token (or of the first infinitive)
    first: int                     # index of the first governed infinitive
    zone: tuple[int, int]          # where the addressees are
    issuer: dict | None
    case: tuple[str, ...] = ("Dat",)
    subject: tuple[int, int] | None = None   # subject phrase of a modal ("Все группы должны")


class Context:
    """What the frames of one document share."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.parties = Parties(doc)
        self.quotes = quotes(doc)
        self.dates = [d for d in facts(doc, "dates") if not ignored(doc, d["start"], d["end"])]
        self.act = is_act(doc)
        self.headline = headline_end(doc)
        lead = re.search(r"[.!?](\s|$)", doc.text[self.headline:].lstrip()[1:] + " ")
        offset = len(doc.text[self.headline:]) - len(doc.text[self.headline:].lstrip())
        self.lead_end = self.headline + offset + 1 + (lead.start() + 1 if lead else len(doc.text))
        self.parties.body_start = self.headline
        self.act_end = act_end(doc) if self.act else len(doc.text)
        self.last_issuer: dict | None = None
        self._signer = False

    def instructing(self) -> dict | None:
        """Who gave the last instruction of a release: the issuer of a duty or an order in the
        passive after it ("Кошанов поручил ... Правительству необходимо ..."); None in an act,
        whose items are its signer's."""
        return None if self.act else self.last_issuer

    def speaker(self, q: Quote | None) -> dict | None:
        if q is None or q.speaker_start is None:
            return None
        end = q.speaker_end if q.speaker_end is not None else q.start
        start = q.speaker_start
        named = self.parties.mentions_in(start, end + 1)
        people = [(f, k) for f, k in named if k == "person"]
        if people:
            return self.parties.party(*people[0])
        span = self.doc.char_span(start, end, alignment_mode="expand")
        toks = words(span) if span is not None else []
        for t in toks:
            if is_pronoun(t):
                return self.last_issuer or self.parties.main_actor()
        for k, t in enumerate(toks):
            if is_nominal(t) and case(t) in ("Nom", None) and t.pos_ != "PROPN":
                title = " ".join(x.text for x in toks[max(0, k - 1):np_end(toks, k, len(toks))])
                person = self.parties.by_title(title, start)
                if person:
                    return self.parties.party(person, "person", role=title)
        if named or q.verb in ("цитировать", "приводить") or any(t.lemma_ in lexicon.trigger_nouns() for t in toks):
            return self.parties.main_actor()  # a media outlet quoting the instruction
        return None

    def signer(self) -> dict | None:
        """The body that issues an act, where the text names it (its first line, its title,
        its enacting words), else the person who signs it."""
        if self._signer is not False:
            return self._signer
        text = self.doc.text
        found = None
        head_end = text.find("\n", 0, 400)
        bodies = [o for o in self.parties.orgs if o["name"].split()[0].lower() in SIGNING_BODIES]
        for o in bodies:
            before = text[:o["start"]]
            if o["start"] < max(head_end, 0) + 1 and (before.strip() == "" or ACT_TITLE.fullmatch(before)):
                found = self.parties.party(o, "organization")
                break
        if found is None:
            enacting = [o for o in bodies if o["start"] < 3000 and ENACTING.match(text, o["end"])]
            if enacting:
                found = self.parties.party(enacting[0], "organization")
        if found is None:
            lines = list(SIGNER_TITLES.finditer(text))
            for m in reversed(lines):
                line_start = m.start(1)
                line_end = text.find("\n", line_start)
                line_end = len(text) if line_end < 0 else line_end
                if line_end - line_start > 120:
                    continue
                named = [f for f, k in self.parties.mentions_in(line_start, line_end) if k == "person"]
                if named:
                    found = self.parties.party(named[-1], "person", role=m.group(1))
                    break
                guess = re.search(r"([А-ЯЁ])\.\s?(?:([А-ЯЁ])\.\s?)?([А-ЯЁ][А-ЯЁа-яё-]+)\s*$", text[line_start:line_end])
                if guess:
                    surname = guess.group(3)
                    surname = surname[:1] + surname[1:].lower()
                    initials = " ".join(f"{g}." for g in guess.groups()[:2] if g)
                    found = {"name": f"{initials} {surname}", "type": "person", "role": m.group(1),
                             "start": line_start + guess.start(), "end": line_start + guess.end()}
                    break
        if found is None:
            m = PRESIDENT_AT_HEAD.search(text, 0, 600)
            if m:
                start, end = m.span(m.lastgroup)
                # the person the text calls President, or names on a line of their own at its head
                person = self.parties.by_title("президент", len(text)) or next(
                    (p for p in self.parties.people if p["start"] < 600 and _own_line(text, p["start"], p["end"])), None)
                found = self.parties.party(person, "person", role="Президент") if person else {
                    "name": "Президент", "type": "generic", "role": None, "start": start, "end": end}
        self._signer = found
        return found

    def default_issuer(self, start: int) -> dict | None:
        q = quote_at(self.quotes, start, start + 1)
        speaker = self.speaker(q)
        if speaker:
            return speaker
        if self.act:  # the person the text is about signed it; its first body is as often its addressee
            main = self.parties.main_actor()
            return self.signer() or (main if main and main["type"] == "person" else None)
        return self.parties.main_actor()


def _own_line(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is all a line holds ("\n\nВладимир Путин\n\n")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end:len(text) if line_end < 0 else line_end].strip()


def quote_of(ctx: Context, t: Token) -> Quote | None:
    return quote_at(ctx.quotes, t.idx, t.idx + len(t))


def content_start(toks: list[Token]) -> int:
    """Index of the first word after item numbering ("2.", "а)", "3)")."""
    k = 0
    while k < len(toks) and k < 4:
        t = toks[k]
        if NUMBERING.match(t.text) and (k + 1 == len(toks) or toks[k + 1].text in ".)"):
            k += 2 if k + 1 < len(toks) else 1
        elif t.text in "–—-•":
            k += 1
        else:
            break
    return min(k, len(toks))


def clause_start(toks: list[Token], i: int) -> int:
    k = i - 1
    while k >= 0:
        t = toks[k]
        if t.text == "«" and any(x.text == "»" for x in toks[k + 1:i]):
            k -= 1                             # a quoted name closed before the trigger: "совместно с АО «Самрук-Казына» поручено"
            continue
        if t.text in (";", ":", "«") or low(t) in ("что", "чтобы") or (t.text == '"' and k > 0 and toks[k - 1].text in ":"):
            return k + 1
        if is_finite(t) and toks[k + 1].text == "," if k + 1 < len(toks) else False:
            return k + 1
        # "..., а Правительству рекомендовано ...": a clause of its own (not "..., а также ...")
        if t.text == "," and k + 2 < i and low(toks[k + 1]) == "а" and low(toks[k + 2]) != "также":
            return k + 2
        k -= 1
    return content_start(toks)
