"""Actions: the chain of infinitives an instruction governs, each one's text and deadline.

Works on the non-space tokens of one sentence. A chain is the first governed infinitive and
those joined to it by "и", ",", ";", "а также" ("внести ... и незамедлительно приступить
..."); an infinitive right after another is its complement ("начать отслеживать"), not a
new action. Each action runs from its verb to the next member or the end of the clause;
assignee phrases, co-executors ("совместно с ...") and the deadline are cut out of its text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..components.dates import PLAN_NOUNS, not_deadline_re
from . import lexicon
from .text import DASHES, REASON, RELATIVE, feat, is_finite, is_gerund, is_inf, is_stop, low

SEPARATORS = {"и", ",", ";", "а", "также", "или", "либо", ":"}
BLOCKERS = {"что", "чтобы", "если", "когда", "как", "который", "которые", "которая", "которое", "где", "ибо", "поскольку"}
MAX_GAP = 7


@dataclass
class Action:
    verb: int                       # index of the infinitive
    lo: int                         # first index of its extent (prefix words included)
    hi: int                         # index after its extent
    cut: set = field(default_factory=set)   # indices left out of the text
    deadline: dict | None = None
    extra: list = field(default_factory=list)  # co-executors found in the extent
    verb_text: str | None = None    # the verb as written when it is not an infinitive in the text
    suffix: str = ""                # words of the action written before its verb ("ситуацию необходимо взять")
    assignees: list | None = None   # its own addressees (a gapped clause: "..., депутатам - по регионам")


def clause_end(tokens: list[Token], i: int, hard_stop: int | None = None) -> int:
    """Index after the clause that starts at tokens[i]."""
    stop = len(tokens) if hard_stop is None else hard_stop
    depth = 0
    j = i
    while j < stop:
        t = tokens[j]
        if t.text in "«":
            depth += 1
        elif t.text in "»":
            if depth == 0:
                return j
            depth -= 1
        elif is_stop(tokens, j) and (j == stop - 1 or tokens[j + 1].text[:1].isupper() or tokens[j + 1].text in "«\"“„"):
            return j
        elif t.text == ";":
            return j
        elif t.text == ":" and j + 1 < stop and tokens[j + 1].text in "«\"“„":
            return j  # "... со стороны маслихатов: «Мы не имеем права ...»": a quote follows, not the action
        elif t.text == "," and j + 1 < stop:
            nxt = tokens[j + 1]
            n2 = low(tokens[j + 2]) if j + 2 < stop else ""
            if low(nxt) in REASON or low(nxt) in ("но", "однако", "хотя") or (low(nxt) == "а" and n2 != "также") \
                    or (low(nxt) == "так" and n2 == "как") \
                    or is_gerund(nxt) \
                    or nxt.text in DASHES or (low(nxt) == "в" and n2 == "том"):
                return j
            if is_finite(nxt) and low(nxt) not in RELATIVE:
                return j
        elif t.text in DASHES and j > i and tokens[j - 1].text in "»\"”,":
            return j - 1
        j += 1
    return stop


def is_chain_infinitive(tokens: list[Token], k: int) -> bool:
    t = tokens[k]
    return is_inf(t) and low(t) not in {"быть"} or (low(t) == "быть" and k + 1 < len(tokens)
                                                     and feat(tokens[k + 1], "Variant") != "Short")


def chain(tokens: list[Token], first: int, stop: int) -> list[int]:
    """Indices of the infinitives of the chain that starts at `first`."""
    members = [first]
    j = first + 1
    while j < stop:
        t = tokens[j]
        w = low(t)
        if w in BLOCKERS or (is_finite(t)) or is_stop(tokens, j):
            # a relative or subordinate clause inside the action: skip to its end
            if w in RELATIVE or w in ("что", "чтобы", "если", "как"):
                k = j + 1
                while k < stop and tokens[k].text not in (",", ";"):
                    k += 1
                j = k + 1 if k < stop and tokens[k].text == "," else k
                continue
            break
        if is_inf(t) and j > 0 and is_inf(tokens[j - 1]):
            j += 1
            continue                   # complement: "начать отслеживать"
        if w in SEPARATORS or t.text in DASHES:
            # look ahead for an infinitive within a short gap
            k = j + 1
            while k < stop and k - j <= MAX_GAP:
                u = tokens[k]
                if is_inf(u):
                    break
                if is_finite(u) or low(u) in BLOCKERS or u.text == ";" or is_stop(tokens, k) or (u.text == "," and k > j + 1):
                    k = stop
                    break
                k += 1
            if k < stop and k - j <= MAX_GAP and is_inf(tokens[k]) and low(tokens[k]) != "быть" \
                    and not any(low(tokens[m]) in ("чтобы", "целью") for m in range(j, k)):
                members.append(k)
                j = k + 1
                continue
            if k < stop and k - j <= MAX_GAP and low(tokens[k]) == "быть":
                members.append(k)
                j = k + 1
                continue
        j += 1
    return members


def extents(tokens: list[Token], members: list[int], zone_lo: int, stop: int) -> list[Action]:
    """Each member's extent: from after the previous member's separator to before the next one's."""
    out = []
    end = clause_end(tokens, members[-1], stop)
    for n, v in enumerate(members):
        if n == 0:
            lo = v
            # adverbs right before the first verb belong to it ("принудительно выселять")
            while lo - 1 >= zone_lo and tokens[lo - 1].pos_ in ("ADV", "PART") and low(tokens[lo - 1]) not in {"также", "тоже", "еще", "ещё"} \
                    and not low(tokens[lo - 1]).endswith(("ам", "ям")):
                lo -= 1
        else:
            lo = _prefix_start(tokens, members[n - 1], v)
            # only adverbs right before a later verb stay with it ("и незамедлительно приступить");
            # other words there ("при выявлении проблем") are left out
            keep = v
            while keep - 1 >= lo and tokens[keep - 1].pos_ in ("ADV", "PART"):
                keep -= 1
            cut_prefix = set(range(lo, keep))
        if n + 1 < len(members):
            hi = _separator_start(tokens, members[n], members[n + 1])
        else:
            hi = end
        action = Action(verb=v, lo=lo, hi=max(hi, v + 1))
        if n > 0:
            action.cut.update(cut_prefix)
        out.append(action)
    return out


def _separator_start(tokens, prev: int, nxt: int) -> int:
    """Index of the separator ("и", ",", "а также") before the next member."""
    k = nxt - 1
    last_sep = None
    while k > prev:
        if low(tokens[k]) in SEPARATORS or tokens[k].text in DASHES:
            last_sep = k
            # "а также", ", и": walk over the whole separator
            while k - 1 > prev and (low(tokens[k - 1]) in SEPARATORS or tokens[k - 1].text in DASHES):
                k -= 1
                last_sep = k
            break
        k -= 1
    if last_sep is not None and tokens[last_sep].text in DASHES:
        # "внести проект, а до конца года — ввести объект": the next member, its term first,
        # starts at ", а"
        opening = next((c for c in range(prev + 1, last_sep - 1)
                        if tokens[c].text == "," and low(tokens[c + 1]) in ("а", "и")), None)
        if opening is not None:
            last_sep = opening
    return last_sep if last_sep is not None else nxt


def _prefix_start(tokens, prev: int, v: int) -> int:
    s = _separator_start(tokens, prev, v)
    k = s
    while k < v and (low(tokens[k]) in SEPARATORS or tokens[k].text in DASHES):
        k += 1
    return k


# ---------------------------------------------------------------- text


def compose(tokens: list[Token], action: Action, text: str, tail: str | None = None) -> tuple[str, int, int]:
    """(action text, start, end): the verb first, then the kept words of its extent."""
    verb = tokens[action.verb]
    before = [k for k in range(action.lo, action.verb) if k not in action.cut]
    after = [k for k in range(action.verb + 1, action.hi) if k not in action.cut]
    while after and (tokens[after[-1]].is_punct and tokens[after[-1]].text not in ")»\"”%"):  # "до 5%"
        after.pop()
    # a trailing closing quote without its opening one
    if after and tokens[after[-1]].text in "»\"”":
        opened = sum(1 for k in after[:-1] if tokens[k].text in "«\"“„")
        if opened == 0 or (tokens[after[-1]].text == '"' and opened % 2 == 0):
            after.pop()
    negation = bool(before) and low(tokens[before[-1]]) == "не"
    if negation:
        before = before[:-1]
    before_text = runs(tokens, before, text)
    main = action.verb_text or decapitalize(verb.text)
    if negation:
        main = "не " + main
    pieces = [main]
    if before_text:
        pieces.append(before_text)
    rest = runs(tokens, after, text)
    if rest:
        if not before_text and after[0] == action.verb + 1 and tokens[after[0]].text == ",":
            rest = ", " + rest        # "убедиться, что ..."
        pieces.append(rest)
    elif tail:
        pieces.append(tail)
    if action.suffix:
        pieces.append(action.suffix if action.verb_text else decapitalize(action.suffix))
    out = " ".join(p for p in pieces if p).replace(" , ", ", ")
    out = re.sub(r"\s+", " ", out).strip(" ,;:-–—")
    out = re.sub(r"\s+([,.;:)»])", r"\1", out)
    used = [action.verb] + before + after
    start = min(tokens[k].idx for k in used)
    end = max(tokens[k].idx + len(tokens[k]) for k in used)
    return out, start, end


def decapitalize(text: str) -> str:
    """"Контроль за исполнением" -> "контроль за исполнением" (not names or abbreviations)."""
    from ..morph import parses

    word = text.split(" ", 1)[0]
    if not word[:1].isupper() or word.isupper() or len(word) < 2:
        return text
    options = parses(word)
    if options and not any({"Name", "Surn", "Geox", "Orgn", "Abbr", "Patr"} & set(str(p.tag).replace(" ", ",").split(","))
                           for p in options[:1]):
        return text[:1].lower() + text[1:]
    return text


def runs(tokens, indices: list[int], text: str) -> str:
    if not indices:
        return ""
    parts, run = [], [indices[0]]
    for k in indices[1:]:
        if k == run[-1] + 1:
            run.append(k)
        else:
            parts.append(run)
            run = [k]
    parts.append(run)
    out = []
    for run in parts:
        a, b = tokens[run[0]], tokens[run[-1]]
        chunk = text[a.idx:b.idx + len(b)].strip(" ,;:")
        if chunk:
            out.append(chunk)
    return " ".join(out)


def tail_of(tokens: list[Token], action: Action, text: str) -> str:
    """The words after the verb of an action (shared object of "разработать и утвердить планы")."""
    after = [k for k in range(action.verb + 1, action.hi) if k not in action.cut]
    while after and tokens[after[-1]].is_punct and tokens[after[-1]].text != "%":
        after.pop()
    return runs(tokens, after, text)


def bare(tokens: list[Token], action: Action) -> bool:
    """True when nothing but adverbs is left of an action besides its verb."""
    kept = [k for k in range(action.lo, action.hi) if k not in action.cut and k != action.verb]
    return all(tokens[k].pos_ in ("ADV", "PUNCT", "PART", "CCONJ") for k in kept)


# ---------------------------------------------------------------- deadlines


def immediate_at(tokens: list[Token], lo: int, hi: int) -> list[tuple[int, int]]:
    """(first, last+1) of immediate-term phrases ("незамедлительно", "в кратчайшие сроки")."""
    out = []
    k = lo
    while k < hi:
        hit = None
        for phrase in lexicon.immediate_phrases():
            n = len(phrase)
            if k + n <= hi and tuple(low(tokens[k + m]) for m in range(n)) == phrase:
                hit = n
                break
        if hit:
            out.append((k, k + hit))
            k += hit
        else:
            k += 1
    return out


def date_is_term(date: dict, tokens: list[Token], first: int) -> bool:
    """Can this date item be the term of an action? ("с 1 января", "от 7 сентября" cannot)."""
    if date.get("kind") == "deadline" or date.get("immediate"):
        return True
    if not (date.get("date") or date.get("duration")):
        return False
    if date.get("text", "").lower().endswith("назад"):  # "год назад": a time in the past
        return False
    word = date.get("text", "").split(" ", 1)[0].lower()
    if word == "до" and not_deadline_re().search(" ".join(t.text for t in tokens[max(0, first - 2):first])):
        return False  # what lasts until then: "о продлении до 2035 года льготной ипотеки"
    if word == "до" and date.get("kind") == "period":
        return False  # how far a plan reaches: "концепцию на период до 2030 года" (components/dates.py)
    prev = low(tokens[first - 1]) if first > 0 else ""
    if word in ("с", "со", "от", "начиная", "после") or prev in ("с", "со", "от", "после", "начиная", "года"):
        return False
    if word == "на" and date.get("kind") != "deadline" and first > 0 and tokens[first - 1].pos_ == "NOUN" \
            and tokens[first - 1].is_lower and tokens[first - 1].lemma_ not in PLAN_NOUNS:
        return False  # what a thing covers: "в республиканском бюджете на 2026 год", "перечень маршрутов на 2027 год"
    return True


def deadline_item(date: dict) -> dict:
    keys = ("start", "end", "text", "kind", "date", "duration", "immediate", "date_end")
    item = {k: date.get(k) for k in keys if date.get(k) is not None}
    if item.get("date_end"):  # "в 2026–2028 годах построить": the term ends with the span
        item["date"] = item["date_end"]
    return item
