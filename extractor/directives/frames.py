"""The forms of an instruction, found per sentence, each turned into one directive per action.

- active: "Премьер-министр поручил министерствам ... внести ..."; "поручаю ..."; "дал поручение ...";
- passive and impersonal: "Правительству поручено ...";
- act items: "2. Минюсту России: обеспечить ...", "Поручить ... помощнику ...:",
  "Контроль ... возложить на ...";
- modal with an addressee: "Акиматам следует ...", "Все группы должны ..." (in an official's speech);
- quoted speech: sentences of a quote whose speaker instructs ("...", - поручил Роман Скляр).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..components.base import facts
from ..pipeline import ignored
from . import lexicon
from .actions import (Action, bare, decapitalize, chain, clause_end, compose, date_is_term, deadline_item, extents,
                      immediate_at, tail_of)
from .parties import Parties, can_be, dative_noun, is_pronoun, np_end, np_start, phrase_party
from .text import (DASHES, RELATIVE, Quote, act_end, case, feat, headline_end, is_act, is_finite, is_gerund, is_inf,
                   is_nominal, low, preceded_by_adp, quote_at, quotes, words)

NUMBERING = re.compile(r"^(\d+(\.\d+)*|[а-яa-z])$")
WANTED_CASE = {"dat": ("Dat",), "acc": ("Acc",), "ot": ("Gen",), "na": ("Acc",)}
CO_EXECUTOR = {"совместно", "вместе"}
SIGNING_BODIES = {"министерство", "правительство", "служба", "агентство", "комитет", "банк", "центральный",
                  "администрация", "акимат", "мэрия", "департамент", "управление", "федеральная", "федеральное",
                  "федеральный", "государственный", "государственная", "национальный", "совет", "кабинет"}
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
        self.parties.body_start = self.headline
        self.act_end = act_end(doc) if self.act else len(doc.text)
        self.last_issuer: dict | None = None
        self._signer = False

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
        """The body or person that signs an act."""
        if self._signer is not False:
            return self._signer
        doc, text = self.doc, self.doc.text
        found = None
        head_end = text.find("\n", 0, 400)
        for o in self.parties.orgs:
            if o["start"] < max(head_end, 0) + 1 and text[:o["start"]].strip() == "" \
                    and o["name"].split()[0].lower() in SIGNING_BODIES:
                found = self.parties.party(o, "organization")
                break
        if found is None:
            lines = list(SIGNER_TITLES.finditer(text))
            for m in reversed(lines):
                line_end = text.find("\n", m.start())
                line_end = len(text) if line_end < 0 else line_end
                if line_end - m.start() > 120:
                    continue
                named = [f for f, k in self.parties.mentions_in(m.start(), line_end) if k == "person"]
                if named:
                    found = self.parties.party(named[-1], "person", role=m.group(1))
                    break
                guess = re.search(r"([А-ЯЁ])\.\s?(?:([А-ЯЁ])\.\s?)?([А-ЯЁ][А-ЯЁа-яё-]+)\s*$", text[m.start():line_end])
                if guess:
                    surname = guess.group(3)
                    surname = surname[:1] + surname[1:].lower()
                    initials = " ".join(f"{g}." for g in guess.groups()[:2] if g)
                    found = {"name": f"{initials} {surname}", "type": "person", "role": m.group(1),
                             "start": m.start() + guess.start(), "end": m.start() + guess.end()}
                    break
        self._signer = found
        return found

    def default_issuer(self, start: int) -> dict | None:
        q = quote_at(self.quotes, start, start + 1)
        speaker = self.speaker(q)
        if speaker:
            return speaker
        if self.act:
            return self.signer() or self.parties.main_actor()
        return self.parties.main_actor()


# ---------------------------------------------------------------- finding frames


def find(doc: Doc) -> list[dict]:
    ctx = Context(doc)
    out: list[dict] = []
    for sent in _sentences(doc):
        toks = words(sent)
        if not toks:
            continue
        toks = [t for t in toks if not ignored(doc, t.idx, t.idx + len(t))]
        if len(toks) < 3:
            continue
        for piece in _pieces(toks):
            out.extend(_sentence(ctx, piece))
    body = [d for d in out if d["start"] >= ctx.headline]
    if body and len(body) < len(out):
        out = body
    seen, unique = set(), []
    for d in out:
        key = (d["action"].lower(), d["start"])
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique


ABBREVIATIONS = {"г", "гг", "т", "д", "ст", "п", "пп", "им", "ул", "тыс", "млн", "млрд", "руб", "см", "рис"}


def _sentences(doc: Doc):
    """razdel's sentences: `doc.sents` follows the parse trees once the parser has run on some
    sentences only, which cuts unparsed sentences into pieces."""
    from razdel import sentenize

    for s in sentenize(doc.text):
        span = doc.char_span(s.start, s.stop, alignment_mode="expand")
        if span is not None and len(span):
            yield span


def _pieces(toks: list[Token]) -> list[list[Token]]:
    """Split a sentence at numbered act items glued into it ("...;\n3. Полномочным ...") and
    at sentence ends the segmenter missed ("... всех.\n\"В срочном порядке ...")."""
    out, cur = [], []
    for k, t in enumerate(toks):
        if cur and NUMBERING.match(t.text) and k + 1 < len(toks) and toks[k + 1].text in ".)" \
                and "\n" in t.doc.text[max(0, t.idx - 3):t.idx]:
            out.append(cur)
            cur = []
        elif cur and k >= 2 and _sentence_break(toks, k):
            out.append(cur)
            cur = []
        cur.append(t)
    if cur:
        out.append(cur)
    return out


def _sentence_break(toks: list[Token], k: int) -> bool:
    """Does a new sentence start at toks[k]?"""
    t, prev = toks[k], toks[k - 1]
    if prev.text in ("!", "?", "…") or (prev.text == "." and not (len(toks[k - 2].text) == 1 and toks[k - 2].text.isalpha())
                                       and low(toks[k - 2]) not in ABBREVIATIONS):
        return t.text[:1].isupper() or t.text in "«\"“„"
    if prev.text in "»\"”" and toks[k - 2].text in ".!?…":
        return t.text[:1].isupper() or t.text in "«\"“„"
    return False


def _sentence(ctx: Context, toks: list[Token]) -> list[dict]:
    claimed: set[int] = set()
    results = []
    for frame in _frames(ctx, toks, claimed):
        if frame.first in claimed:
            continue
        results.extend(_directives(ctx, toks, frame, claimed))
    return results


def _quote_of(ctx: Context, t: Token) -> Quote | None:
    return quote_at(ctx.quotes, t.idx, t.idx + len(t))


def _frames(ctx: Context, toks: list[Token], claimed: set[int]):
    n = len(toks)
    start = _content_start(toks)
    for i, t in enumerate(toks):
        w = low(t)
        lemma = t.lemma_
        # active verbs: поручил, поручаю, обязал, потребовал, попросил, сказал + infinitive
        verb_case = lexicon.verb_case(lemma)
        if verb_case and t.pos_ in ("VERB", "AUX") and feat(t, "VerbForm") == "Fin" and w not in lexicon.passive_words():
            first = _first_infinitive(toks, i + 1)
            if first is None:
                continue
            if lemma in lexicon.triggers()["needs_infinitive"] and not _close_infinitive(toks, i, first):
                continue
            if lemma in lexicon.triggers()["first_person_only"] and (feat(t, "Person") != "1" or feat(t, "Number") == "Plur"):
                continue
            if lemma == "сказать" and (feat(t, "Number") == "Plur" or feat(t, "Person") == "1"):
                continue
            if feat(t, "Number") == "Plur" and feat(t, "Person") != "1" and _subject(toks, i) is None:
                continue                       # "его требовали отменить": no one named
            yield Frame("active", i, first, (i + 1, first), _active_issuer(ctx, toks, i),
                        WANTED_CASE.get(verb_case, ("Dat",)))
            continue
        # passive: поручено, рекомендовано
        if w in lexicon.passive_words():
            first = _first_infinitive(toks, i + 1)
            if first is None:
                continue
            lo = _clause_start(toks, i)
            yield Frame("passive", i, first, (lo, first), _agent(ctx, toks, lo, i) or ctx.default_issuer(t.idx))
            continue
        # "По поручению министра 11 человек будут направлены на лечение"
        if lemma == "поручение" and i > 0 and low(toks[i - 1]) == "по":
            frame = _by_order(ctx, toks, i)
            if frame:
                yield frame
            continue
        # дал поручение / дала указание
        if lemma in lexicon.trigger_nouns() or w in lexicon.trigger_nouns():
            light = next((k for k in range(max(0, i - 3), i) if toks[k].lemma_ in lexicon.light_verbs()), None)
            if light is None:
                continue
            first = _first_infinitive(toks, i + 1)
            if first is None:
                continue
            yield Frame("active", i, first, (i + 1, first), _active_issuer(ctx, toks, light))
            continue
        # act items: "Поручить ...", "Рекомендовать ...", "Возложить на ..."
        if is_inf(t) and lemma in lexicon.act_verbs() and i <= start + 1 and (ctx.act or _quote_of(ctx, t)) \
                and t.idx < ctx.act_end:
            wanted = lexicon.act_verbs()[lemma]
            if lemma == "возложить":
                yield Frame("impose", i, i, (i + 1, n), ctx.default_issuer(t.idx), ("Acc",))
                continue
            first = _first_infinitive(toks, i + 1)
            if first is None:
                yield Frame("impose", i, i, (i + 1, n), ctx.default_issuer(t.idx), WANTED_CASE.get(wanted, ("Dat",)))
                continue
            yield Frame("act", i, first, (i + 1, first), ctx.default_issuer(t.idx), WANTED_CASE.get(wanted, ("Dat",)))
            continue
        # act item "Установить, что <кто> <делает> ...": a rule for a named executor
        if is_inf(t) and lemma == "установить" and ctx.act and i <= start + 1 and t.idx < ctx.act_end \
                and i + 2 < n and toks[i + 1].text == "," and low(toks[i + 2]) == "что":
            verb = next((k for k in range(i + 3, n) if feat(toks[k], "VerbForm") == "Fin" and toks[k].pos_ == "VERB"), None)
            if verb is not None:
                yield Frame("establish", i, verb, (i + 3, verb), ctx.default_issuer(t.idx))
            continue
        # "Контроль за исполнением ... возложить на ..."
        if is_inf(t) and lemma == "возложить" and ctx.act and not any(is_finite(x) for x in toks[start:i]):
            yield Frame("impose", i, i, (i + 1, n), ctx.default_issuer(t.idx), ("Acc",))
            continue
        # modal: "Правительству необходимо ...", "Все группы должны ..."
        if (w in lexicon.modals() or lemma in lexicon.modals()) and t.pos_ in ("ADV", "VERB", "ADJ", "AUX", "PRED", "NOUN") \
                and not (i > 0 and low(toks[i - 1]) == "не"):
            frame = _modal(ctx, toks, i)
            if frame:
                yield frame
            continue
    # bare infinitives: act items and commands in a quote ("В срочном порядке эвакуировать ...")
    frame = _bare(ctx, toks, start)
    if frame and frame.first not in claimed:
        yield frame


def _by_order(ctx: Context, toks: list[Token], i: int) -> Frame | None:
    """"По поручению X <subject> будут <passive participle> ...": an instruction told as its
    future outcome; the action is the participle's verb in the infinitive."""
    if i + 1 >= len(toks) or not is_nominal(toks[i + 1]):
        return None
    issuer_end = np_end(toks, i + 1, len(toks))
    while issuer_end > i + 2 and toks[issuer_end - 1].pos_ == "NUM":
        issuer_end -= 1
    for k in range(issuer_end, len(toks)):
        t = toks[k]
        if t.text in ".;!?":
            return None
        if feat(t, "VerbForm") == "Part" and feat(t, "Variant") == "Short":
            aux = toks[k - 1] if k > 0 else None
            if aux is None or aux.lemma_ != "быть" or low(aux) not in ("будут", "будет"):
                return None
            issuer = _resolve(ctx, toks[i + 1], toks[i].idx) or ctx.default_issuer(toks[i].idx)
            return Frame("order", i, k, (issuer_end, k - 1), issuer)
        if (is_finite(t) and t.lemma_ != "быть") or is_inf(t):
            return None
    return None


def _content_start(toks: list[Token]) -> int:
    """Index of the first word after item numbering ("2.", "а)", "3)")."""
    k = 0
    while k < len(toks) and (NUMBERING.match(toks[k].text) or toks[k].text in ".)–—-•") and k < 4:
        k += 1
    return k


def _first_infinitive(toks: list[Token], i: int) -> int | None:
    """The first infinitive the word before `i` governs: no finite verb or "что" in between."""
    k = i
    depth = 0
    while k < len(toks) and k - i < 60:
        t = toks[k]
        w = low(t)
        if w in RELATIVE and toks[k - 1].text == ",":
            depth += 1
        elif t.text == "," and depth:
            # the end of a relative clause inside the addressee list
            depth -= 1 if k + 1 < len(toks) and not is_finite(toks[k + 1]) else 0
        elif depth:
            pass
        elif is_inf(t):
            if k > 0 and low(toks[k - 1]) in ("чтобы", "целью"):
                return None
            return k
        elif is_finite(t) or w in ("что", "чтобы") or t.text in ".!?;" or (t.text in DASHES and k > i and toks[k - 1].text in "»\"”,"):
            return None
        elif t.text in "»\"”" and k + 1 < len(toks) and toks[k + 1].text in ("," ,) + tuple(DASHES):
            return None
        k += 1
    return None


def _close_infinitive(toks: list[Token], i: int, first: int) -> bool:
    """For verbs like "сказать", "просить": the infinitive follows closely, no comma before it
    except around an addressee phrase."""
    between = toks[i + 1:first]
    if len(between) > 12:
        return False
    return not any(low(t) in ("что", "как", "чтобы") for t in between)


def _clause_start(toks: list[Token], i: int) -> int:
    k = i - 1
    while k >= 0:
        t = toks[k]
        if t.text in (";", ":", "«") or low(t) in ("что", "чтобы") or (t.text == '"' and k > 0 and toks[k - 1].text in ":"):
            return k + 1
        if is_finite(t) and toks[k + 1].text == "," if k + 1 < len(toks) else False:
            return k + 1
        k -= 1
    return _content_start(toks)


# ---------------------------------------------------------------- issuers


def _subject(toks: list[Token], i: int) -> Token | None:
    """The subject of the verb at toks[i]: from the parse, else the nearest nominative before it."""
    t = toks[i]
    head = t
    for _ in range(3):
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subj:
            return subj[0]
        if head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        else:
            break
    k = i - 1
    while k >= 0:
        u = toks[k]
        if u.text in (";",) or low(u) in ("что", "чтобы") or is_finite(u):
            break
        if (is_nominal(u) or is_pronoun(u)) and case(u) in ("Nom", None) and not preceded_by_adp(toks, k):
            # walk to the first word of a name ("Роман Скляр") or title
            return u
        k -= 1
    return None


def _active_issuer(ctx: Context, toks: list[Token], i: int) -> dict | None:
    t = toks[i]
    q = _quote_of(ctx, t)
    if feat(t, "Person") == "1":
        return ctx.speaker(q) or ctx.parties.main_actor()
    subj = _subject(toks, i)
    party = _resolve(ctx, subj, t.idx) if subj is not None else None
    if party is None:
        party = ctx.speaker(q) if q else None
    party = party or ctx.last_issuer or ctx.parties.main_actor()
    if party and party.get("type") == "person":
        ctx.last_issuer = party
    return party


def _resolve(ctx: Context, subj: Token, before: int) -> dict | None:
    parties = ctx.parties
    hit = parties.covering(subj.idx, subj.idx + len(subj))
    if hit:
        return parties.party(*hit)
    if is_pronoun(subj):
        if low(subj) in ("я", "мы"):
            return ctx.speaker(_quote_of(ctx, subj)) or parties.main_actor()
        return ctx.last_issuer or parties.main_actor()
    # a person named right after a title ("Премьер-министр Олжас Бектенов"): the parse may
    # choose the title as the subject
    base = max(0, subj.i - 12)
    sent = list(subj.doc[base:subj.i + 12])
    k = subj.i - base
    lo = k
    while lo > 0 and sent[lo - 1].pos_ in ("ADJ",) and not sent[lo - 1].is_space:
        lo -= 1
    hi = k + 1
    while hi < len(sent) and (sent[hi].pos_ in ("NOUN", "PROPN", "ADJ") and case(sent[hi]) in ("Gen", None)
                              or sent[hi].text == "-") and not sent[hi].is_space:
        hi += 1
    nxt = parties.covering(sent[hi].idx, sent[hi].idx + 1) if hi < len(sent) else None
    title = " ".join(x.lemma_ if x.i == subj.i and case(x) not in ("Nom", None) else x.text for x in sent[lo:hi])
    if nxt and nxt[1] == "person":
        return parties.party(*nxt)
    person = parties.by_title(title, before)
    if person:
        return parties.party(person, "person", role=title)
    if subj.lemma_ in lexicon.title_heads() or low(subj) in lexicon.title_heads():
        return ctx.last_issuer or parties.main_actor()
    if subj.pos_ in ("NOUN", "PROPN") and (subj.lemma_ in lexicon.generic_heads() or feat(subj, "Animacy") == "Anim"):
        from .parties import nominative
        phrase = sent[lo:hi]
        return {"name": nominative(phrase, k - lo, "Nom"), "type": "generic", "role": None,
                "start": phrase[0].idx, "end": phrase[-1].idx + len(phrase[-1])}
    return ctx.last_issuer or parties.main_actor()


def _agent(ctx: Context, toks: list[Token], lo: int, i: int) -> dict | None:
    """The instrumental agent of a passive trigger ("Президентом поручено")."""
    for k in range(lo, i):
        if case(toks[k]) == "Ins" and is_nominal(toks[k]) and not preceded_by_adp(toks, k):
            hit = ctx.parties.covering(toks[k].idx, toks[k].idx + len(toks[k]))
            if hit:
                return ctx.parties.party(*hit)
            if toks[k].lemma_ in lexicon.title_heads():
                return _resolve(ctx, toks[k], toks[k].idx)
    return None


# ---------------------------------------------------------------- modal and bare forms


def _modal(ctx: Context, toks: list[Token], i: int) -> Frame | None:
    t = toks[i]
    first = _first_infinitive(toks, i + 1)
    if first is None:
        return None
    nxt = toks[first]
    if low(nxt) == "быть" and first + 1 < len(toks) and feat(toks[first + 1], "Variant") == "Short":
        return None                                # "должна быть пересмотрена": a passive wish
    lo = _clause_start(toks, i)
    q = _quote_of(ctx, t)
    speech = q is not None or _reported(toks, lo)
    subject_modal = low(t) in lexicon.subject_modals() or t.lemma_ in lexicon.subject_modals()
    zone = (lo, first)
    subject = None
    addressed = False
    if subject_modal:
        subj = _subject(toks, i)
        if subj is None or is_pronoun(subj) or case(subj) not in ("Nom", None):
            return None
        k = next((m for m in range(lo, i) if toks[m].i == subj.i), None)
        if k is None:
            return None
        named = ctx.parties.covering(subj.idx, subj.idx + len(subj))
        if not named and subj.lemma_ not in lexicon.generic_heads():
            return None
        if not speech and not named:
            return None
        s_lo = np_start(toks, k, lo)
        subject = (s_lo, _subject_end(toks, k, i))
        addressed = True
    else:
        addressed = _has_addressee(ctx, toks, lo, first, i) or _by_side(toks, first, len(toks)) is not None
    if not addressed:
        if not (q is not None and q.instructive):
            return None
    issuer = ctx.speaker(q) if q else None
    if issuer is None and speech and not q:
        subj = _subject(toks, _speech_verb(toks, lo))
        issuer = _resolve(ctx, subj, toks[lo].idx) if subj is not None else None
    if issuer is None and speech and q is None:
        issuer = ctx.last_issuer or ctx.parties.main_actor()
    if issuer is None:
        if q is not None:
            return None                            # a quote of someone who is not an official
        issuer = ctx.default_issuer(t.idx)
    if issuer is None or issuer.get("type") == "generic":
        return None                                # "Эксперты считают, что банкам следует ..."
    return Frame("modal", i, first, zone, issuer, ("Dat",), subject)


def _subject_end(toks: list[Token], k: int, modal: int) -> int:
    """End of a subject phrase, its relative clause included ("Те группы, которые ...")."""
    e = np_end(toks, k, modal)
    if e < modal and toks[e].text == "," and e + 1 < modal and low(toks[e + 1]) in RELATIVE:
        m = e + 1
        while m < modal and toks[m].text != ",":
            m += 1
        e = m
    return e


def _has_addressee(ctx: Context, toks: list[Token], lo: int, hi: int, skip: int) -> bool:
    for k in range(lo, hi):
        t = toks[k]
        if k == skip:
            continue
        if dative_noun(t) and not preceded_by_adp(toks, k) and not is_pronoun(t) \
                and (t.lemma_ in lexicon.generic_heads() or ctx.parties.covering(t.idx, t.idx + len(t))):
            return True
        if low(t) == "стороны" and k > 0 and low(toks[k - 1]) == "со":
            return True
    return False


def _by_side(toks: list[Token], lo: int, hi: int) -> int | None:
    """Index of "стороны" in "со стороны маслихатов" (the addressee of a modal), or None."""
    for k in range(max(lo, 1), hi):
        if low(toks[k]) == "стороны" and low(toks[k - 1]) == "со":
            return k
    return None


def _side_phrase_end(toks: list[Token], k: int, hi: int) -> int:
    m = k + 1
    while m < hi and ((toks[m].pos_ in ("NOUN", "PROPN", "ADJ", "DET") and case(toks[m]) in ("Gen", None))
                      or (low(toks[m]) in ("и", ",") and m + 1 < hi and case(toks[m + 1]) == "Gen")):
        m += 1
    return m


def _reported(toks: list[Token], lo: int) -> bool:
    """Is the clause the "что"-complement of a speech verb ("подчеркнул, что ...")?"""
    return _speech_verb(toks, lo) is not None


def _speech_verb(toks: list[Token], lo: int) -> int | None:
    if lo == 0 or low(toks[lo - 1]) != "что":
        return None
    for k in range(lo - 2, -1, -1):
        if toks[k].lemma_ in lexicon.speech_verbs() and toks[k].pos_ == "VERB":
            return k
    return None


def _bare(ctx: Context, toks: list[Token], start: int) -> Frame | None:
    """A sentence that opens with an infinitive: an act item, or a command in an official's quote."""
    first = _first_infinitive(toks, start)
    if first is None:
        return None
    t = toks[first]
    if any(is_finite(x) or is_gerund(x) or low(x) in lexicon.modals() or x.lemma_ in lexicon.modals()
           or (x.pos_ == "ADJ" and feat(x, "Variant") == "Short") or (x.pos_ == "PRON" and case(x) == "Nom")
           or x.lemma_ in lexicon.trigger_nouns() or low(x) in lexicon.passive_words()
           for x in toks[start:first]):
        return None
    if any(is_nominal(x) and case(x) == "Nom" and not preceded_by_adp(toks, k + start)
           for k, x in enumerate(toks[start:first]) if x.pos_ != "PROPN" or True) and not ctx.act:
        return None
    if t.lemma_ in lexicon.act_verbs() and first <= start + 1:
        return None                              # handled as an act verb
    q = _quote_of(ctx, t)
    if ctx.act and q is None:
        if _nonact(toks, first) or t.idx > ctx.act_end:
            return None
        return Frame("act", first, first, (start, first), ctx.default_issuer(t.idx))
    if q is None:
        return None
    speaker = ctx.speaker(q)
    if speaker is None or speaker.get("type") != "person" or not speaker.get("role"):
        return None
    if any(low(x) in lexicon.predicatives() for x in toks[start:first]):
        return None
    return Frame("quote", first, first, (start, first), speaker)


def _nonact(toks: list[Token], first: int) -> bool:
    """"Утвердить", "Назначить", "Внести изменения": the act's own decisions."""
    phrase = " ".join(low(t) for t in toks[first:first + 3])
    lemma = toks[first].lemma_
    for entry in lexicon.nonacts():
        words_ = entry.split()
        if words_[0] != lemma:
            continue
        if len(words_) == 1:
            return True
        rest = " ".join(words_[1:])
        tail = " ".join(low(t) for t in toks[first + 1:first + 4])
        if tail.startswith(rest) or any(low(t).startswith(words_[1][:5]) for t in toks[first + 1:first + 4]):
            return True
    return False


# ---------------------------------------------------------------- building directives


def _directives(ctx: Context, toks: list[Token], frame: Frame, claimed: set[int]) -> list[dict]:
    doc = ctx.doc
    text = doc.text
    zone_lo, zone_hi = frame.zone
    if frame.kind == "impose":
        claimed.add(frame.trigger)
        return _impose(ctx, toks, frame)
    if frame.kind == "order":
        claimed.add(frame.first)
        return _order(ctx, toks, frame)
    if frame.kind == "establish":
        claimed.add(frame.first)
        return _establish(ctx, toks, frame)
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
    if frame.kind == "modal":
        for a in actions:
            k = _by_side(toks, a.lo, a.hi)
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
    issuer = frame.issuer
    for n, a in enumerate(actions):
        tail = None
        if n + 1 < len(actions) and bare(toks, a):
            tail = tail_of(toks, actions[-1], text)
        action, a_start, a_end = compose(toks, a, text, tail)
        if len(action.split()) < 2 and not tail and low(toks[a.verb]) in ("быть",):
            continue
        start, end = _evidence(toks, frame, a)
        item = {
            "start": start, "end": end,
            "action": action, "action_start": a_start, "action_end": a_end,
            "trigger": toks[frame.trigger].text,
            "issuer": dict(issuer) if issuer else None,
            "assignees": [dict(p) for p in (a.assignees if a.assignees is not None else assignees)],
            "deadline": a.deadline,
        }
        out.append(item)
    return out


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
        k = _by_side(toks, frame.first, len(toks))
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


def _deadlines(ctx: Context, toks: list[Token], frame: Frame, actions: list[Action]) -> None:
    lo_char = toks[0].idx
    hi_char = toks[-1].idx + len(toks[-1])
    index = {t.idx: k for k, t in enumerate(toks)}

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
        own = [x for x in dates if a.lo <= x[0] and x[1] <= a.hi]
        if own:
            x = own[0]
            a.deadline = deadline_item(x[2])
            a.cut.update(range(x[0], x[1]))
            for y in own[1:]:
                if y[2].get("immediate"):
                    a.cut.update(range(y[0], y[1]))
        elif pre:
            a.deadline = deadline_item(pre[0][2])
    # a term at the very end of the last action is shared by the chain ("завершить ... и
    # обеспечить ... в ночь на 14 апреля") when no other member has its own
    last = actions[-1]
    if len(actions) > 1 and last.deadline and not pre and all(a.deadline is None for a in actions[:-1]):
        own = [x for x in dates if last.lo <= x[0] and x[1] <= last.hi]
        if own and own[0][1] >= last.hi - 1:
            for a in actions[:-1]:
                a.deadline = dict(last.deadline)


def _impose(ctx: Context, toks: list[Token], frame: Frame) -> list[dict]:
    """"Возложить на X контроль ...", "Контроль ... возложить на X", "Поручить организацию ... X"."""
    i = frame.trigger
    start = _content_start(toks)
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
    from .actions import _runs
    verb = toks[i].text
    verb = verb[:1].lower() + verb[1:] if i == start else verb
    before_text = _runs(toks, before, ctx.doc.text)
    if before and before[0] == start:
        before_text = decapitalize(before_text)
    parts = [verb, _runs(toks, after, ctx.doc.text), before_text]
    text_ = re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip(" ,;:.-–—")
    return [{
        "start": toks[0].idx, "end": toks[-1].idx + len(toks[-1]),
        "action": text_, "action_start": toks[start].idx, "action_end": toks[end - 1].idx + len(toks[end - 1]),
        "trigger": toks[i].text,
        "issuer": dict(frame.issuer) if frame.issuer else None,
        "assignees": assignees,
        "deadline": action.deadline,
    }]


def _order(ctx: Context, toks: list[Token], frame: Frame) -> list[dict]:
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
    text_, a_start, a_end = compose(toks, action, ctx.doc.text)
    return [{
        "start": toks[0].idx, "end": toks[-1].idx + len(toks[-1]),
        "action": text_, "action_start": a_start, "action_end": a_end,
        "trigger": toks[frame.trigger].text,
        "issuer": dict(frame.issuer) if frame.issuer else None,
        "assignees": [],
        "deadline": action.deadline,
    }]


def _establish(ctx: Context, toks: list[Token], frame: Frame) -> list[dict]:
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
    text_, a_start, a_end = compose(toks, action, ctx.doc.text)
    return [{
        "start": toks[0].idx, "end": toks[-1].idx + len(toks[-1]),
        "action": text_, "action_start": a_start, "action_end": a_end,
        "trigger": toks[frame.trigger].text,
        "issuer": dict(frame.issuer) if frame.issuer else None,
        "assignees": assignees,
        "deadline": action.deadline,
    }]
