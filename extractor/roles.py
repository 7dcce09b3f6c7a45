"""Role phrases next to a person's name, normalized to the nominative.

A role is a title head from `data/titles.txt` ("министр", "аким", "заместитель"), the
adjectives before it that agree with it ("первый заместитель"), and the words after it that
depend on it: genitives, "и" between genitives, proper names, "по"/"при" phrases
("министр финансов", "аким Северо-Казахстанской области", "министр по чрезвычайным
ситуациям", "заместитель Премьер-министра"). Only the head and its adjectives are put into
the nominative; the dependents stay as written.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from . import resources
from .morph import inflect
from .pipeline import sentences

MAX_TOKENS = 10
PREPS = {"по", "при"}
QUALIFIERS = {"рк", "рф", "республики", "российской", "федерации", "казахстан", "казахстана", "россии", "сша"}


def titles() -> frozenset[str]:
    return resources.word_set("titles.txt")


def is_title(token: Token) -> bool:
    if token.is_punct or token.is_space:
        return False
    word = token.text.lower()
    lemma = token.lemma_.lower() if token.lemma_ else word
    found = titles()
    if lemma in found or word in found:
        return True
    # "экс-министр", "вице-спикер": the part after a prefix
    return "-" in lemma and lemma.split("-", 1)[1] in found and lemma.split("-", 1)[0] in {"экс", "вице"}


def _case(token: Token) -> Optional[str]:
    values = token.morph.get("Case")
    return values[0] if values else None


def _dependent(token: Token, after_prep: bool) -> bool:
    """Can this token continue a title's dependents?"""
    if token.is_space or token.is_punct and token.text not in {"«", "»", '"', "-"}:
        return False
    if token.text.lower() in {"и"} | QUALIFIERS:
        return True
    if token.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"} or token.text[:1].isupper():
        case = _case(token)
        if case == "Gen" or after_prep or token.pos_ == "PROPN" or token.text[:1].isupper():
            return True
    return False


def _nominative(tokens: list[Token]) -> str:
    """Head (last of `tokens` that is a title) and the adjectives before it to the nominative."""
    out = []
    for t in tokens:
        if t.pos_ in {"NOUN", "ADJ", "PROPN"} and _case(t) not in (None, "Nom"):
            feats = {k: v for k, v in (f.split("=") for f in str(t.morph).split("|") if "=" in f)}
            out.append(inflect(t.text, {"nomn", "sing"}, t.pos_, feats))
        else:
            out.append(t.text)
    return out


def _phrase(doc: Doc, first: int, head: int, last: int) -> dict:
    """The role over tokens first..last (inclusive) with its head at `head`."""
    words = _nominative([doc[i] for i in range(first, head + 1)])
    text = ""
    for k, i in enumerate(range(first, last + 1)):
        word = words[k] if i <= head else doc[i].text
        text += word + (doc[i].whitespace_ if i < last else "")
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return {"title": text.strip(), "start": start, "end": end, "case": _case(doc[head])}


def _extend_left(doc: Doc, head: int, floor: int) -> int:
    first = head
    while first - 1 >= floor and doc[first - 1].pos_ == "ADJ" and doc[first - 1].text.islower():
        first -= 1
    return first


def role_before(doc: Doc, char: int) -> Optional[dict]:
    """The role phrase that ends right before the name starting at `char`."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    i = span[0].i
    sent_start = next((s.start for s in reversed(sentences(doc)) if s.start <= span[0].i), 0)
    floor = max(sent_start, i - MAX_TOKENS)
    j = i - 1
    while j >= floor and doc[j].is_space:
        j -= 1
    # nearest title to the left, with only dependents between it and the name
    head = None
    k = j
    while k >= floor:
        if is_title(doc[k]):
            head = k
            break
        if not _dependent(doc[k], after_prep=True) and doc[k].text.lower() not in PREPS:
            return None
        k -= 1
    if head is None:
        return None
    # a title in the genitive depends on a title before it: "заместитель Премьер-министра"
    while head - 1 >= floor and is_title(doc[head - 1]) and _case(doc[head]) == "Gen" and doc[head - 1].pos_ in {"NOUN", "PROPN"}:
        head -= 1
    first = _extend_left(doc, head, floor)
    return _phrase(doc, first, head, j)


def role_after(doc: Doc, char: int) -> Optional[dict]:
    """The role phrase after "Имя Фамилия, ..." (apposition after a comma)."""
    span = doc.char_span(char - 1, char, alignment_mode="expand")
    if span is None or not len(span):
        return None
    i = span[-1].i + 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    k = i + 1
    while k < len(doc) and doc[k].pos_ == "ADJ" and doc[k].text.islower() and k - i < 4:
        k += 1
    if k >= len(doc) or not is_title(doc[k]):
        return None
    head, first = k, i + 1
    last = head
    after_prep = False
    k = head + 1
    while k < len(doc) and k - head <= MAX_TOKENS:
        token = doc[k]
        if token.text.lower() in PREPS:
            after_prep = True
        elif not _dependent(token, after_prep) and not is_title(token):
            break
        if token.text.lower() != "и":
            last = k
        k += 1
    return _phrase(doc, first, head, last)
