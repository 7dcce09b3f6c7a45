"""Token helpers over the Doc: morphology tests, quotes with their speakers, headline, acts."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from . import lexicon

RELATIVE = {"который", "которая", "которое", "которые", "которым", "которых", "которой", "которому",
            "которую", "котором", "кто", "где", "куда", "откуда", "когда", "если", "чей"}
SUBORDINATE = {"что", "чтобы", "как", "поскольку", "потому", "ибо", "хотя", "пока"}
REASON = {"поскольку", "потому", "ибо"}
DASHES = {"-", "–", "—", "--"}
NP_POS = ("NOUN", "PROPN", "ADJ", "DET")  # the words of a noun phrase
OPEN_QUOTES = "«„“\""
CLOSE_QUOTES = "»“”\""
PRONOUNS = {"я", "мы", "он", "она", "они", "вы", "ты", "нам", "вам", "им", "ему", "ей", "всем", "каждому",
            "себе", "мне", "тебе", "нас", "вас", "их", "его", "её", "ее", "кто", "никто", "все", "это", "себя"}


ABBREVIATIONS = {"г", "гг", "т", "д", "ст", "п", "пп", "им", "ул", "тыс", "млн", "млрд", "трлн", "руб", "см", "рис", "обл"}


def is_stop(tokens: list[Token], k: int) -> bool:
    """A sentence-final mark, not the period of "2003 г." or of an initial."""
    t = tokens[k]
    if t.text in ("!", "?", "…"):
        return True
    if t.text != ".":
        return False
    prev = tokens[k - 1] if k > 0 else None
    return prev is None or not ((len(prev.text) == 1 and prev.text.isalpha()) or prev.text.lower() in ABBREVIATIONS)


def feat(t: Token, name: str) -> str | None:
    values = t.morph.get(name)
    return values[0] if values else None


def case(t: Token) -> str | None:
    return feat(t, "Case")


INFINITIVE_ENDINGS = ("ть", "ти", "чь", "ться", "тись", "чься")


def is_inf(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and feat(t, "VerbForm") == "Inf" and t.text.lower().endswith(INFINITIVE_ENDINGS)


def is_finite(t: Token) -> bool:
    if t.pos_ not in ("VERB", "AUX"):
        return False
    form = feat(t, "VerbForm")
    return form == "Fin" or (form == "Part" and feat(t, "Variant") == "Short")


def is_gerund(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and feat(t, "VerbForm") == "Conv"


def low(t: Token) -> str:
    return t.text.lower().replace("ё", "е")


def words(tokens) -> list[Token]:
    return [t for t in tokens if not t.is_space]


def is_nominal(t: Token) -> bool:
    return t.pos_ in ("NOUN", "PROPN")


def preceded_by_adp(tokens: list[Token], i: int) -> bool:
    """True when the noun phrase at tokens[i] sits in a prepositional phrase."""
    j = i - 1
    while j >= 0 and (tokens[j].pos_ in ("ADJ", "DET", "NUM") or tokens[j].text in OPEN_QUOTES
                      or feat(tokens[j], "VerbForm") == "Part" and feat(tokens[j], "Variant") != "Short"):
        j -= 1                           # "согласно [опубликованному] указу"
    return j >= 0 and (tokens[j].pos_ == "ADP" or tokens[j].text.lower() in PREPOSITION_LIKE)


PREPOSITION_LIKE = {"согласно", "благодаря", "вопреки", "навстречу", "подобно", "соответственно"}


# ---------------------------------------------------------------- quotes


@dataclass
class Quote:
    start: int          # first character inside the quote
    end: int            # last character inside + 1
    verb: str | None    # lemma of the attribution verb
    speaker_start: int | None = None
    speaker_end: int | None = None

    @property
    def instructive(self) -> bool:
        return self.verb in lexicon.instruction_speech()


ATTRIBUTION_AFTER = re.compile(r"\s*[,.!?…]?\s*[-–—]{1,2}\s*([А-ЯЁа-яё]+)")
ATTRIBUTION_BEFORE = re.compile(r"([А-ЯЁа-яё]+)\s*:\s*$")


def _opening(text: str, close: int, para_start: int) -> int | None:
    """The opening quote of the quote that closes at `close`, within the paragraph."""
    char = text[close]
    if char == "»":
        depth = 0
        for i in range(close - 1, para_start - 1, -1):
            if text[i] == "»":
                depth += 1
            elif text[i] == "«":
                if depth == 0:
                    return i
                depth -= 1
        return None
    between = 0
    for i in range(close - 1, para_start - 1, -1):
        if text[i] in "\"“”„":
            before = text[i - 1] if i > para_start else "\n"
            after = text[i + 1] if i + 1 < len(text) else " "
            shaped = (before.isspace() or before in ":(—–-" or i == para_start) and not after.isspace()
            if shaped and between % 2 == 0 and (i == para_start or before == "\n"
                                                or re.search(r"(^|[.!?:…]\s*|[.!?]\S*)$", text[max(para_start, i - 3):i])):
                return i
            between += 1
    return None


def quotes(doc: Doc) -> list[Quote]:
    """Direct speech: «...», - поручил X  /  X сказал: "..." ."""
    text = doc.text
    found: list[Quote] = []
    for m in re.finditer(r"[»\"”]", text):
        close = m.start()
        after = ATTRIBUTION_AFTER.match(text, close + 1)
        if not after:
            continue
        para_start = text.rfind("\n", 0, close) + 1
        start = _opening(text, close, para_start)
        if start is None or close - start < 15:
            continue
        found.append(Quote(start + 1, close, None, after.start(1), None))
    # quotes opened after "X поручил:" and closed at the paragraph end
    for m in re.finditer(r":\s*([«\"“„])", text):
        start = m.end()
        para_end = text.find("\n", start)
        para_end = len(text) if para_end < 0 else para_end
        body = text[start:para_end].rstrip()
        if len(body) < 15 or body[-1:] not in "»\"”" and body[-2:-1] not in "»\"”":
            continue
        close = start + len(body) - (1 if body[-1:] in "»\"”" else 2)
        if any(q.start <= start < q.end for q in found):
            continue
        found.append(Quote(start, close, None, None, m.start()))
    for q in found:
        _attribute(doc, q)
    return found


def _attribute(doc: Doc, q: Quote) -> None:
    """Find the attribution verb and the speaker's span of a quote."""
    if q.speaker_start is not None:           # after the quote: ", - поручил Роман Скляр"
        span = doc.char_span(q.speaker_start, min(len(doc.text), q.speaker_start + 200), alignment_mode="expand")
        if span is None:
            return
        toks = words(span)
        stop = len(toks)
        for i, t in enumerate(toks):
            if t.text in ".!?;" or t.text == "\n":
                stop = i
                break
        toks = toks[:stop]
        for t in toks[:4]:
            if t.pos_ in ("VERB", "AUX") and t.lemma_ in lexicon.speech_verbs() | {"цитировать", "говорить", "сообщать",
                                                                                  "отмечать", "подчеркивать", "заверить",
                                                                                  "проинформировать", "плакать", "говорить"}:
                q.verb = t.lemma_
                break
            if t.pos_ in ("VERB",) and feat(t, "VerbForm") == "Fin":
                q.verb = t.lemma_
                break
        if toks:
            q.speaker_start, q.speaker_end = toks[0].idx, toks[-1].idx + len(toks[-1])
        return
    # before the quote: "Роман Скляр поручил:" -> the sentence part before the colon
    colon = q.speaker_end
    line_start = max(doc.text.rfind("\n", 0, colon) + 1, doc.text.rfind(". ", 0, colon) + 2)
    span = doc.char_span(line_start, colon, alignment_mode="expand")
    if span is None:
        return
    toks = words(span)
    for t in reversed(toks):
        if t.pos_ in ("VERB",) and feat(t, "VerbForm") == "Fin":
            q.verb = t.lemma_
            break
    q.speaker_start = line_start


def quote_at(quotes_: list[Quote], start: int, end: int) -> Quote | None:
    for q in quotes_:
        if q.start <= start and end <= q.end + 1:
            return q
    return None


# ---------------------------------------------------------------- document parts

ACT_MARK = re.compile(r"п\s?о\s?с\s?т\s?а\s?н\s?о\s?в\s?л\s?я\s?ю|приказываю|распоряжаюсь|постановляет|"
                      r"^\s*(?:У К А З|Р А С П О Р Я Ж Е Н И Е|РАСПОРЯЖЕНИЕ|Распоряжение|ПОСТАНОВЛЕНИЕ|ПРИКАЗ|УКАЗ)\b|"
                      r"\bПриказ [Оо]т\b|\bперечень\s+поручений\b",
                      re.IGNORECASE | re.MULTILINE)


def is_act(doc: Doc) -> bool:
    """An official act (указ, распоряжение, приказ, постановление, перечень поручений) rather
    than a news text."""
    return bool(ACT_MARK.search(doc.text[:3000]))


def headline_end(doc: Doc) -> int:
    """End of the headline at the top of the text (0 when there is none)."""
    text = doc.text
    meta = doc._.meta or {}
    title = (meta.get("title") or "").strip()
    head = text.lstrip()
    offset = len(text) - len(head)
    if title and head.startswith(title[:40]):
        line_end = text.find("\n", offset)
        return len(text) if line_end < 0 else line_end
    first = re.match(r"\s*([^\n]{5,250})\n\s*\n", text) or _over_dateline(text)
    if first and not first.group(1).rstrip().endswith((".", "!", "?", ":", ";")):
        return first.end(1)
    return 0


def _over_dateline(text: str):
    """The first line when the release's date line comes between it and the first paragraph
    ("Заголовок\nДата публикации: 26 ноября 2026\n\nВ Правительстве ...")."""
    from ..readers import DATELINE

    first = re.match(r"\s*([^\n]{5,250})\n", text)
    if first is None:
        return None
    line = DATELINE.match(text, first.end())
    return first if line and not line.group("end").strip() and re.match(r"[ \t]*\n\s*\n", text[line.end():]) else None


APPENDIX = re.compile(r"\n\s*(?:_{3,}|-{5,}|УТВЕРЖДЕН[АЫО]?\b|ПРИЛОЖЕНИЕ\b|Приложение\b|Приложение к)")


def act_end(doc: Doc) -> int:
    """Where the operative part of an act ends (its appendix, approved text or signature rule)."""
    m = APPENDIX.search(doc.text, 200)
    return m.start() if m else len(doc.text)
