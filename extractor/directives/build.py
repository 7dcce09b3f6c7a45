"""Building directives from a frame: a chain of infinitives with its assignees and deadlines
(the forms with other shapes are in forms.py)."""
from __future__ import annotations

from spacy.tokens import Token

from .actions import Action, bare, chain, compose, date_is_term, deadline_item, extents, immediate_at, tail_of
from .context import CO_EXECUTOR, Context, Frame
from .parties import can_be, is_pronoun, np_end, np_start, phrase_party
from .text import CLOSE_QUOTES, DASHES, NP_POS, OPEN_QUOTES, RELATIVE, case, is_inf, is_nominal, low, preceded_by_adp


def build_directives(ctx: Context, toks: list[Token], frame: Frame, claimed: set[int]) -> list[dict]:
    doc = ctx.doc
    text = doc.text
    zone_lo, zone_hi = frame.zone
    members = chain(toks, frame.first, len(toks))
    members = [m for m in members if m not in claimed]
    if not members:
        return []
    claimed.update(members)
    actions = extents(toks, members, zone_lo, len(toks))
    # assignees
    assignees, cut_np = _assignees(ctx, toks, frame)
    # co-executors inside the actions ("разработать совместно с Фондом ... и представить")
    for a in actions:
        for k in range(a.lo, a.hi):
            if low(toks[k]) in CO_EXECUTOR and k + 1 < a.hi and low(toks[k + 1]) in ("с", "со"):
                found, m = _co_executors(ctx, toks, k, a.hi)
                for p in found:
                    if p["name"] not in {x["name"] for x in assignees}:
                        assignees.append(p)
                a.cut.update(range(k, m))
    for n in range(len(actions) - 1, -1, -1):
        gapped = _gapped(ctx, toks, actions[n])
        if gapped is not None:
            actions.insert(n + 1, gapped)
    for prev, a in zip(actions, actions[1:]):
        _own_addressee(ctx, toks, prev, a)
    if frame.kind == "modal":
        for a in actions:
            k = by_side(toks, a.lo, a.hi)
            if k is not None:
                a.cut.update(range(k - 1, _side_phrase_end(toks, k, a.hi)))
        # the object before the modal: "ситуацию необходимо взять на контроль" -> "взять ... ситуацию"
        for k in range(zone_lo, frame.trigger):
            t = toks[k]
            if is_nominal(t) and case(t) == "Acc" and not preceded_by_adp(toks, k) and k not in cut_np \
                    and not is_pronoun(t):
                s_ = np_start(toks, k, zone_lo)
                e_ = np_end(toks, k, frame.trigger)
                actions[0].suffix = text[toks[s_].idx:toks[e_ - 1].idx + len(toks[e_ - 1])]
                break
    # deadlines
    _deadlines(ctx, toks, frame, actions)
    out = []
    for n, a in enumerate(actions):
        tail = None
        if n + 1 < len(actions) and bare(toks, a):
            tail = tail_of(toks, actions[-1], text)
        action, a_start, a_end = compose(toks, a, text, tail)
        if len(action.split()) < 2 and not tail and low(toks[a.verb]) in ("быть",):
            continue
        start, end = _evidence(toks, frame, a)
        parties = [dict(p) for p in (a.assignees if a.assignees is not None else assignees)]
        out.append(item(toks, frame, (action, a_start, a_end), (start, end), parties, a.deadline))
    return out


def item(toks: list[Token], frame: Frame, composed: tuple[str, int, int], evidence: tuple[int, int],
         assignees: list[dict], deadline) -> dict:
    """One directive's fields: the composed action (text, start, end) and its evidence span."""
    action, a_start, a_end = composed
    return {
        "start": evidence[0], "end": evidence[1],
        "action": action, "action_start": a_start, "action_end": a_end,
        "trigger": toks[frame.trigger].text,
        "issuer": dict(frame.issuer) if frame.issuer else None,
        "assignees": assignees,
        "deadline": deadline,
    }


def _gapped(ctx: Context, toks: list[Token], a: Action) -> Action | None:
    """"взять на контроль ... по своим сферам, депутатам из регионов – по своим регионам": the
    gapped clause repeats the verb for another addressee, its words replacing the parallel ones."""
    for k in range(a.verb + 2, a.hi - 2):
        if toks[k - 1].text != "," or not (is_nominal(toks[k]) or toks[k].pos_ == "ADJ") or preceded_by_adp(toks, k):
            continue
        head = k
        while head < a.hi and toks[head].pos_ == "ADJ":
            head += 1
        if head >= a.hi or not can_be(toks[head], "Dat"):
            continue
        dash = next((d for d in range(head + 1, min(head + 8, a.hi)) if toks[d].text in DASHES), None)
        if dash is None or dash + 1 >= a.hi or toks[dash + 1].pos_ != "ADP":
            continue
        prep = low(toks[dash + 1])
        parallel = [j for j in range(a.verb + 1, k - 1) if low(toks[j]) == prep]
        if not parallel:
            continue
        new = Action(verb=a.verb, lo=a.lo, hi=a.hi, cut=set(a.cut) | set(range(parallel[-1], dash + 1)))
        new.assignees = phrase_party(ctx.parties, toks, head, k, dash, "Dat", dash)
        a.hi = k - 1
        return new
    return None


def _own_addressee(ctx: Context, toks: list[Token], prev: Action, a: Action) -> None:
    """"обеспечить ремонт, а акиматам областей – еженедельно представлять информацию": a later
    verb with its own addressee before it; the addressee's words leave the earlier action."""
    for k in range(prev.verb + 1, a.verb):
        if toks[k].text != ",":
            continue
        m = k + 1 + (k + 1 < a.verb and low(toks[k + 1]) in ("а", "и"))
        head = m
        while head < a.verb and toks[head].pos_ == "ADJ":
            head += 1
        if head >= a.verb or preceded_by_adp(toks, head):
            continue
        end = head + 1  # the phrase: nouns, adjectives, quoted names, "и" and commas between them
        while end < a.verb and (toks[end].pos_ in NP_POS or toks[end].text in (",", "и")
                                 or toks[end].text in OPEN_QUOTES + CLOSE_QUOTES):
            end += 1
        if not (can_be(toks[head], "Dat") or _named_dative(ctx, toks, head, end)):
            continue
        if any(t.pos_ not in ("ADV", "PART") and t.text not in DASHES and not _in_date(ctx, t) for t in toks[end:a.verb]) \
                or toks[end - 1].text in (",", "и"):
            continue
        a.assignees = phrase_party(ctx.parties, toks, head, m, end, "Dat", end)
        prev.hi = min(prev.hi, k)
        return


def _named_dative(ctx: Context, toks: list[Token], head: int, end: int) -> bool:
    """A phrase that names an organization and opens with a form that can be dative, whatever
    the tagger read ("а мэрии Новосибирска в недельный срок представить", "а госкорпорации
    «Росатом» – обеспечить": not plural nominatives)."""
    from ..morph import parses

    t, last = toks[head], toks[end - 1]
    return (any(t.idx <= o["start"] and o["end"] <= last.idx + len(last) for o in ctx.parties.orgs)
            and any(p.tag.POS == "NOUN" and "datv" in p.tag for p in parses(t.lower_)))


def _in_date(ctx: Context, t: Token) -> bool:
    """A word of a date: ", а Минэнерго до 1 декабря завершить ремонт"."""
    return any(d["start"] <= t.idx < d["end"] for d in ctx.dates)


def _evidence(toks: list[Token], frame: Frame, a: Action) -> tuple[int, int]:
    first = toks[0]
    last = toks[-1]
    return first.idx, last.idx + len(last)


def _assignees(ctx: Context, toks: list[Token], frame: Frame) -> tuple[list[dict], set[int]]:
    out: list[dict] = []
    cut: set[int] = set()
    if frame.subject is not None:
        lo, hi = frame.subject
        head = next((k for k in range(lo, hi) if is_nominal(toks[k]) and case(toks[k]) in ("Nom", None)), lo)
        named = ctx.parties.mentions_in(toks[lo].idx, toks[hi - 1].idx + len(toks[hi - 1]))
        if named:
            out = [ctx.parties.party(f, k) for f, k in named]
        else:
            phrase = toks[lo:hi]
            while phrase and phrase[-1].is_punct:
                phrase.pop()
            from .parties import nominative
            name = nominative(phrase, head - lo, "Nom")
            if name:
                out = [{"name": name, "type": "generic", "role": None,
                        "start": phrase[0].idx, "end": phrase[-1].idx + len(phrase[-1])}]
        return out, set(range(lo, hi))
    lo, hi = frame.zone
    k = lo
    wanted = frame.case
    while k < hi:
        t = toks[k]
        if k == frame.trigger:
            k += 1
            continue
        if low(t) == "перед" and k + 1 < hi and frame.kind == "active":
            m = k + 1
            while m < hi and not is_nominal(toks[m]):
                m += 1
            if m < hi and case(toks[m]) == "Ins":        # "поставил перед Правительством задачу"
                end = np_end(toks, m, hi)
                for p in phrase_party(ctx.parties, toks, m, k + 1, hi, "Ins", end):
                    if p["name"] not in {x["name"] for x in out}:
                        out.append(p)
                cut.update(range(k, end))
                k = end
                continue
        if low(t) in CO_EXECUTOR and k + 1 < hi and low(toks[k + 1]) in ("с", "со"):
            found, m = _co_executors(ctx, toks, k, hi)
            for p in found:
                if p["name"] not in {x["name"] for x in out}:
                    out.append(p)
            cut.update(range(k, m))
            k = max(m, k + 1)
            continue
        ok = False
        if wanted == ("Gen",):
            ok = is_nominal(t) and case(t) == "Gen" and k > 0 and low(toks[k - 1]) == "от"
        elif frame.kind == "impose":
            ok = False
        elif (is_nominal(t) and case(t) in wanted or any(can_be(t, c) for c in wanted)) \
                and not preceded_by_adp(toks, k) and not is_pronoun(t):
            ok = True
        elif is_nominal(t) and not preceded_by_adp(toks, k) and (t.text.isupper() and len(t.text) > 1) \
                and frame.kind in ("passive", "act") and case(t) in (None, "Nom", "Acc", "Dat", "Gen") \
                and ctx.parties.covering(t.idx, t.idx + len(t)) and (k + 1 == frame.trigger or k + 1 == hi
                                                                     or (k + 2 <= hi and toks[k + 1].pos_ == "ADV")):
            ok = True                                # indeclinable abbreviations: "МЧС также поручено"
        if ok and _in_date(ctx, t):
            ok = False
        if ok and low(t) == "стороны":
            ok = False
        if not ok:
            # "со стороны маслихатов и ревизионных комиссий"
            if low(t) == "стороны" and k > 0 and low(toks[k - 1]) == "со" and frame.kind == "modal":
                m = k + 1
                while m < len(toks) and m < k + 12:
                    if is_nominal(toks[m]) and case(toks[m]) == "Gen":
                        out += phrase_party(ctx.parties, toks, m, m, len(toks), "Gen")
                        m = np_end(toks, m, len(toks))
                        if m < len(toks) and low(toks[m]) == "и":
                            m += 1
                            continue
                        break
                    m += 1
            k += 1
            continue
        end = np_end(toks, k, hi)
        if frame.kind == "act":
            end = _act_phrase_end(ctx, toks, k, end, hi)
        found = phrase_party(ctx.parties, toks, k, lo, hi, "Gen" if wanted == ("Gen",) else wanted[0], end)
        for p in found:
            if p["name"] not in {x["name"] for x in out}:
                out.append(p)
        cut.update(range(np_start(toks, k, lo), end))
        k = end
    if frame.kind == "modal":
        k = by_side(toks, frame.first, len(toks))
        if k is not None:
            m = k + 1
            end = _side_phrase_end(toks, k, len(toks))
            while m < end:
                if is_nominal(toks[m]) and case(toks[m]) == "Gen":
                    for p in phrase_party(ctx.parties, toks, m, k + 1, end, "Gen"):
                        if p["name"] not in {x["name"] for x in out}:
                            out.append(p)
                    m = np_end(toks, m, end)
                else:
                    m += 1
    return out, cut


def _act_phrase_end(ctx: Context, toks: list[Token], k: int, end: int, hi: int) -> int:
    """In an act item the addressee runs up to the infinitive or the colon: its participle
    clause and places come with it ("представителям ... в федеральных округах")."""
    m = end
    while m < hi:
        t = toks[m]
        if t.text in (":", ";") or _in_date(ctx, t) or is_inf(t):
            break
        if low(t) in CO_EXECUTOR and m + 1 < hi and low(toks[m + 1]) in ("с", "со"):
            break  # "совместно с органами исполнительной власти ...": co-executors, each their own
        if (t.text == "," or low(t) == "и") and m + 1 < hi and is_nominal(toks[m + 1]) and case(toks[m + 1]) == "Dat" \
                and not preceded_by_adp(toks, m + 1):
            break
        if (t.text == "," or low(t) == "и") and m + 2 < hi and toks[m + 1].pos_ == "ADJ" and case(toks[m + 1]) == "Dat" \
                and is_nominal(toks[m + 2]) and case(toks[m + 2]) == "Dat":
            break
        m += 1
    return m


def _co_executors(ctx: Context, toks: list[Token], k: int, hi: int) -> tuple[list[dict], int]:
    """"совместно с Фондом ... и автономной некоммерческой организацией ..." -> (parties, end)."""
    e = k + 2
    while e < hi and not (is_nominal(toks[e]) and case(toks[e]) == "Ins"):
        e += 1
    found = []
    m = e
    while m < hi and m < e + 30:
        if is_nominal(toks[m]) and case(toks[m]) == "Ins" and not (m > e and preceded_by_adp(toks, m)):
            found += phrase_party(ctx.parties, toks, m, k + 2, hi, "Ins")
            m = np_end(toks, m, hi)
            while m < hi and (toks[m].text == "," or low(toks[m]) == "и") and m + 1 < hi \
                    and (case(toks[m + 1]) == "Ins" or toks[m + 1].pos_ == "ADJ"):
                m += 1
                while m < hi and toks[m].pos_ == "ADJ":
                    m += 1
            if m < hi and not (is_nominal(toks[m]) and case(toks[m]) == "Ins"):
                break
        else:
            m += 1
    return found, m


def _in_date(ctx: Context, t: Token) -> bool:
    return any(d["start"] <= t.idx < d["end"] for d in ctx.dates)


def by_side(toks: list[Token], lo: int, hi: int) -> int | None:
    """Index of "стороны" in "со стороны маслихатов" (the addressee of a modal), or None."""
    for k in range(max(lo, 1), hi):
        if low(toks[k]) == "стороны" and low(toks[k - 1]) == "со":
            return k
    return None


def _side_phrase_end(toks: list[Token], k: int, hi: int) -> int:
    m = k + 1
    while m < hi and ((toks[m].pos_ in NP_POS and case(toks[m]) in ("Gen", None))
                      or (low(toks[m]) in ("и", ",") and m + 1 < hi and case(toks[m + 1]) == "Gen")):
        m += 1
    return m


def _strong(x: tuple) -> bool:
    return x[2].get("kind") == "deadline" or bool(x[2].get("immediate"))


def _deadlines(ctx: Context, toks: list[Token], frame: Frame, actions: list[Action]) -> None:
    lo_char = toks[0].idx
    hi_char = toks[-1].idx + len(toks[-1])

    def first_token(d):
        for k, t in enumerate(toks):
            if t.idx >= d["start"]:
                return k
        return None

    def last_token(d):
        last = None
        for k, t in enumerate(toks):
            if t.idx < d["end"]:
                last = k
        return last

    dates = []
    for d in ctx.dates:
        if lo_char <= d["start"] and d["end"] <= hi_char:
            a, b = first_token(d), last_token(d)
            if a is not None and b is not None and date_is_term(d, toks, a):
                dates.append((a, b + 1, d))
    # immediate words the dates component left out
    covered = {k for a, b, _ in dates for k in range(a, b)}
    for a, b in immediate_at(toks, 0, len(toks)):
        if a in covered:
            continue
        words_ = toks[a:b]
        dates.append((a, b, {"start": words_[0].idx, "end": words_[-1].idx + len(words_[-1]),
                             "text": ctx.doc.text[words_[0].idx:words_[-1].idx + len(words_[-1])],
                             "kind": "deadline", "immediate": True}))
    pre_lo = frame.trigger + 1 if frame.kind in ("active",) else frame.zone[0]
    if frame.kind == "modal":
        pre_lo = (frame.subject[1] if frame.subject else frame.zone[0])
    pre = [x for x in dates if pre_lo <= x[0] and x[1] <= actions[0].lo]
    for a in actions:
        # a term inside a relative clause of the action ("..., который отбывал 23-летний срок") is not its own
        rel = next((k for k in range(a.verb + 1, a.hi) if low(toks[k]) in RELATIVE and toks[k - 1].text == ","), a.hi)
        own = [x for x in dates if a.lo <= x[0] and x[1] <= min(a.hi, rel)]
        # a term the dates component calls a deadline wins over a date that may only be one
        # ("в месячный срок подготовить перечень маршрутов на 2027 год")
        if own and not any(_strong(x) for x in own) and any(_strong(x) for x in pre):
            own = []
        if own:
            x = next((y for y in own if _strong(y)), own[0])
            a.deadline = deadline_item(x[2])
            a.cut.update(range(x[0], x[1]))
            for y in own:
                if y is not x and y[2].get("immediate"):
                    a.cut.update(range(y[0], y[1]))
        elif pre and a.assignees is None:  # an action with addressees of its own has no term of the first one's
            a.deadline = deadline_item(pre[0][2])
    # a term at the very end of the last action is shared by the chain ("завершить ... и
    # обеспечить ... в ночь на 14 апреля") when no other member has its own
    last = actions[-1]
    joined_by_and = low(toks[last.lo - 1]) == "и" if last.lo > 0 else False
    separators = {toks[k].text for a in actions[1:] for k in range(max(0, a.lo - 2), a.lo)}
    if len(actions) > 1 and last.deadline and not pre and all(a.deadline is None for a in actions[:-1]) \
            and joined_by_and and ";" not in separators:
        own = [x for x in dates if last.lo <= x[0] and x[1] <= last.hi]
        if own and own[0][1] >= last.hi - 1:
            for a in actions[:-1]:
                a.deadline = dict(last.deadline)
