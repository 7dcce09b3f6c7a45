"""Issuers: the subject of an instruction verb, resolved to a person, organization or title."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..morph import lemma
from . import lexicon
from .context import Context, quote_of
from .parties import is_pronoun
from .text import NP_POS, case, feat, is_finite, is_nominal, low, preceded_by_adp


TOP_TITLES = {"глава государства", "президент", "премьер-министр", "глава правительства", "премьер",
              "председатель правительства", "глава кабмина"}


def subject_of(toks: list[Token], i: int) -> Token | None:
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


def active_issuer(ctx: Context, toks: list[Token], i: int) -> dict | None:
    t = toks[i]
    q = quote_of(ctx, t)
    if feat(t, "Person") == "1":
        return ctx.speaker(q) or ctx.parties.main_actor()
    subj = subject_of(toks, i)
    party = resolve(ctx, subj, t.idx) if subj is not None else None
    if party is None:
        party = ctx.speaker(q) if q else None
    party = party or ctx.last_issuer or ctx.parties.main_actor()
    if party and party.get("type") == "person":
        ctx.last_issuer = party
    return party


def resolve(ctx: Context, subj: Token, before: int) -> dict | None:
    parties = ctx.parties
    hit = parties.covering(subj.idx, subj.idx + len(subj))
    if hit:
        return parties.party(*hit)
    if is_pronoun(subj):
        if low(subj) in ("я", "мы"):
            return ctx.speaker(quote_of(ctx, subj)) or parties.main_actor()
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
                              or sent[hi].text == "-"
                              or sent[hi].pos_ == "NOUN" and sent[hi].dep_ == "nmod" and sent[hi].head.i == sent[hi - 1].i) \
            and not sent[hi].is_space:
        hi += 1
    nxt = parties.covering(sent[hi].idx, sent[hi].idx + 1) if hi < len(sent) else None
    title = " ".join(x.lemma_ if x.i == subj.i and case(x) not in ("Nom", None) else x.text for x in sent[lo:hi])
    if nxt and nxt[1] == "person":
        return parties.party(*nxt)
    from .parties import nominative

    phrase = [t for t in sent[lo:hi] if not t.is_space]
    generic = {"name": nominative(phrase, k - lo, case(subj) or "Nom"), "type": "generic", "role": None,
               "start": phrase[0].idx, "end": phrase[-1].idx + len(phrase[-1])} if phrase else None
    if (subj.lemma_ in lexicon.title_heads() or low(subj) in lexicon.title_heads()) and feat(subj, "Number") == "Plur":
        return generic                      # a group of officials ("сенаторы рекомендовали"), not one of them
    person = parties.by_title(title, before)
    if person:
        return parties.party(person, "person", role=title)
    if subj.lemma_ in lexicon.title_heads() or low(subj) in lexicon.title_heads():
        # a title no named person holds: the official by the title ("аким области")
        fallback = ctx.last_issuer or parties.main_actor()
        top = title.lower() in TOP_TITLES
        if fallback and top:  # the head of state the release opens with, not the vice-minister who tells of his order
            if fallback.get("type") == "person" and fallback.get("start", 10 ** 9) < ctx.lead_end \
                    and not _lower_official(fallback):
                return fallback
            return generic or fallback
        if fallback and (_official(fallback) or fallback.get("type") == "organization" and not _addressed(fallback, subj)):
            return fallback                 # an official
        return generic or fallback
    if subj.pos_ in ("NOUN", "PROPN") and (subj.lemma_ in lexicon.generic_heads() or feat(subj, "Animacy") == "Anim"):
        return generic
    return ctx.last_issuer or parties.main_actor()


def _official(party: dict) -> bool:
    """Is the party someone with an official's title ("министр финансов"), not only an
    occupation or where they live ("жительница Турксибского района")?"""
    heads = lexicon.title_heads()
    return any(word in heads or lemma(word) in heads for word in (party.get("role") or "").lower().split())


def _lower_official(party: dict) -> bool:
    """Does the party hold a title, and none of the top ones ("вице-министр здравоохранения")?"""
    role = (party.get("role") or "").lower()
    return _official(party) and not any(top in role for top in TOP_TITLES)


def _addressed(org: dict, subj: Token) -> bool:
    """Is the organization named after the title that stands for the issuer, in its sentence
    ("Аким области поручил акимату Караганды")? Then it is an addressee, not the issuer."""
    start = org.get("start", -1)
    return start > subj.idx and not re.search(r"[.!?]\s|\n", subj.doc.text[subj.idx:start])


def _with_list(toks: list[Token], k: int) -> bool:
    """The noun at k is a later member of a "с" phrase ("совместно с Минтрансом и
    [Министерством] природы"): only nouns, adjectives, "и" and commas lie between."""
    for j in range(k - 1, -1, -1):
        t = toks[j]
        if low(t) in ("с", "со") and t.pos_ == "ADP":
            return True
        if not (t.pos_ in NP_POS or t.text in (",", "и")):
            return False
    return False


def agent_of(ctx: Context, toks: list[Token], lo: int, i: int) -> dict | None:
    """The instrumental agent of a passive trigger ("Президентом поручено")."""
    for k in range(lo, i):
        if case(toks[k]) == "Ins" and is_nominal(toks[k]) and not preceded_by_adp(toks, k) \
                and not _with_list(toks, k):
            hit = ctx.parties.covering(toks[k].idx, toks[k].idx + len(toks[k]))
            if hit:
                return ctx.parties.party(*hit)
            if toks[k].lemma_ in lexicon.title_heads():
                return resolve(ctx, toks[k], toks[k].idx)
    return None
