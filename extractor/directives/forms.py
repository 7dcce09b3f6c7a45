"""Instructions shaped otherwise than "trigger + addressee + infinitives", each built whole:
"Возложить на X контроль ...", "По поручению X ... будут <причастие>", "Установить, что X
делает ...", "дал поручение о <noun phrase>"."""
from __future__ import annotations

import re

from spacy.tokens import Token

from .actions import Action, clause_end, compose, decapitalize, runs
from .build import _assignees, _deadlines, item
from .context import Context, Frame, content_start
from .parties import np_end, np_start, phrase_party
from .text import case, is_inf, is_nominal, low, preceded_by_adp


def impose(ctx: Context, toks: list[Token], frame: Frame) -> list[dict]:
    """"Возложить на X контроль ...", "Контроль ... возложить на X", "Поручить организацию ... X"."""
    i = frame.trigger
    start = content_start(toks)
    end = clause_end(toks, i, len(toks))
    cut = set()
    assignees = []
    for k in range(start, end):
        t = toks[k]
        target = (low(t) == "на" and frame.case == ("Acc",)) or (frame.case == ("Dat",) and is_nominal(t)
                                                                  and case(t) == "Dat" and not preceded_by_adp(toks, k))
        if not target:
            continue
        h = k + 1 if low(t) == "на" else k
        while h < end and not is_nominal(toks[h]):
            h += 1
        if h >= end:
            continue
        hi = np_end(toks, h, end)
        # "помощника Президента ... - начальника ... управления": apposition after a dash
        while hi + 1 < end and toks[hi].text in ("-", "–", "—") and is_nominal(toks[hi + 1]) \
                and (case(toks[hi + 1]) == case(toks[h]) or {case(toks[hi + 1]), case(toks[h])} <= {"Acc", "Gen"}):
            hi = np_end(toks, hi + 1, end)
        if low(t) != "на":
            k = np_start(toks, h, start)
        assignees = phrase_party(ctx.parties, toks, h, k, hi, "Acc" if low(t) == "на" else "Dat")
        if len(assignees) == 1 and assignees[0]["type"] == "generic":
            from .parties import nominative
            assignees[0]["name"] = nominative(toks[np_start(toks, h, k):hi], h - np_start(toks, h, k),
                                              "Acc" if low(t) == "на" else "Dat")
        cut.update(range(k, hi))
        break
    action = Action(verb=i, lo=start, hi=end, cut=cut)
    # deadline words
    _deadlines(ctx, toks, Frame("impose", i, i, (start, start), None), [action])
    before = [k for k in range(start, i) if k not in action.cut]
    after = [k for k in range(i + 1, end) if k not in action.cut]
    verb = toks[i].text if is_inf(toks[i]) else toks[i].lemma_  # "возложен" (a release): "возложить"
    verb = verb[:1].lower() + verb[1:] if i == start else verb
    before_text = runs(toks, before, ctx.doc.text)
    if before and before[0] == start:
        before_text = decapitalize(before_text)
    parts = [verb, runs(toks, after, ctx.doc.text), before_text]
    text_ = re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip(" ,;:.-–—")
    return [{
        "start": toks[0].idx, "end": toks[-1].idx + len(toks[-1]),
        "action": text_, "action_start": toks[start].idx, "action_end": toks[end - 1].idx + len(toks[end - 1]),
        "trigger": toks[i].text,
        "issuer": dict(frame.issuer) if frame.issuer else None,
        "assignees": assignees,
        "deadline": action.deadline,
    }]


def order(ctx: Context, toks: list[Token], frame: Frame) -> list[dict]:
    """The directive of "По поручению X <subject> будут <participle> ...": verb, rest, subject."""
    from ..morph import lemma as lemma_of

    k = frame.first
    lo, aux = frame.zone
    while lo < aux and (toks[lo].is_punct or toks[lo].pos_ in ("ADV", "PART", "CCONJ")):
        lo += 1
    hi = aux
    while hi > lo and (toks[hi - 1].is_punct or toks[hi - 1].pos_ in ("ADV", "PART")):
        hi -= 1
    subject = ctx.doc.text[toks[lo].idx:toks[hi - 1].idx + len(toks[hi - 1])] if hi > lo else ""
    verb = toks[k]
    infinitive = lemma_of(verb.text, "VERB", {"VerbForm": "Inf"})
    if not infinitive.endswith(("ть", "ти", "чь")):
        infinitive = verb.lemma_
    action = Action(verb=k, lo=k, hi=clause_end(toks, k + 1, len(toks)), verb_text=infinitive, suffix=subject)
    _deadlines(ctx, toks, Frame("order", frame.trigger, k, (frame.trigger, k), None), [action])
    return [_sentence_item(ctx, toks, frame, action, [])]


def establish(ctx: Context, toks: list[Token], frame: Frame) -> list[dict]:
    """"Установить, что перечни ... направляются Аппаратом Правительства в Администрацию ..."
    -> направлять ... перечни (Аппарат Правительства); "..., что помощник ... дает заключения"
    -> давать заключения (помощник ...)."""
    v = frame.first
    lo, _ = frame.zone
    verb = toks[v]
    infinitive = verb.lemma_
    end = clause_end(toks, v + 1, len(toks))
    from ..morph import parses

    subj = next((k for k in range(lo, v) if is_nominal(toks[k]) and case(toks[k]) == "Nom"
                 and not preceded_by_adp(toks, k)), None)
    if subj is None:      # the tagger may miss the nominative ("перечни" as an adjective)
        subj = next((k for k in range(lo, v) if toks[k].pos_ in ("NOUN", "PROPN", "ADJ") and not preceded_by_adp(toks, k)
                     and any(p.tag.POS == "NOUN" and "nomn" in p.tag for p in parses(toks[k].text))), None)
    if subj is None:
        return []
    s_lo = np_start(toks, subj, lo)
    s_hi = v
    while s_hi > s_lo and (toks[s_hi - 1].is_punct or toks[s_hi - 1].pos_ in ("ADV",)):
        s_hi -= 1
    if s_hi <= s_lo:
        return []
    subject_text = ctx.doc.text[toks[s_lo].idx:toks[s_hi - 1].idx + len(toks[s_hi - 1])]
    action = Action(verb=v, lo=v, hi=end)
    assignees: list[dict] = []
    if infinitive.endswith(("ся", "сь")):
        agent = next((k for k in range(v + 1, end) if is_nominal(toks[k]) and case(toks[k]) == "Ins"
                      and not preceded_by_adp(toks, k)), None)
        if agent is None:
            return []
        a_hi = np_end(toks, agent, end)
        assignees = phrase_party(ctx.parties, toks, agent, agent, a_hi, "Ins", a_hi)
        action.cut.update(range(agent, a_hi))
        action.verb_text = infinitive[:-2]
        action.suffix = subject_text
    else:
        assignees = phrase_party(ctx.parties, toks, subj, s_lo, s_hi, "Nom", s_hi)
        action.verb_text = infinitive
    _deadlines(ctx, toks, Frame("establish", frame.trigger, v, (v, v), None), [action])
    return [_sentence_item(ctx, toks, frame, action, assignees)]


def about(ctx: Context, toks: list[Token], frame: Frame) -> list[dict]:
    """"дал поручение о создании комиссии" -> "обеспечить создание комиссии": the instruction's
    content is a noun phrase; its head goes to the accusative after "обеспечить"."""
    from .parties import nominative

    k = frame.first
    head = k
    while head < len(toks) and toks[head].pos_ == "ADJ":
        head += 1
    if head >= len(toks) or not is_nominal(toks[head]) or case(toks[head]) not in ("Loc", None):
        return []
    end = clause_end(toks, head + 1, len(toks))
    hi = np_end(toks, head, end)
    phrase = toks[k:hi]
    obj = nominative(phrase, head - k, "Loc", target="accs")
    action = Action(verb=k, lo=k, hi=end, verb_text="обеспечить " + obj, cut=set(range(k, hi)))
    assignees, _ = _assignees(ctx, toks, frame)
    _deadlines(ctx, toks, Frame("about", frame.trigger, k, (frame.trigger + 1, k), None), [action])
    return [_sentence_item(ctx, toks, frame, action, assignees)]


BUILDERS = {"impose": ("trigger", impose), "order": ("first", order), "establish": ("first", establish),
            "about": ("first", about)}


def _sentence_item(ctx: Context, toks: list[Token], frame: Frame, action: Action, assignees: list[dict]) -> dict:
    """A directive whose evidence is the whole sentence."""
    evidence = (toks[0].idx, toks[-1].idx + len(toks[-1]))
    return item(toks, frame, compose(toks, action, ctx.doc.text), evidence, assignees, action.deadline)
