"""Issuers and assignees: noun phrases linked to the people/organizations facts, or generic.

A party is a dict {"name", "type": "person"|"organization"|"generic", "role", "start", "end"}.
Named parties take the canonical name of the fact whose mention they cover; a noun phrase
with no such mention becomes a generic party in the nominative ("акиматы регионов",
"первый заместитель Главы города").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .. import organizations as orgs
from ..components.base import facts
from ..morph import best_parse, common_noun, parses, restore_case
from ..pipeline import ignored
from ..roles import in_order
from . import lexicon
from .text import PRONOUNS, case, feat, low, words

CHAIRED = re.compile(r"под\s+председательством\s+$", re.IGNORECASE)  # before the chair of a sitting
MINISTRY_HEADS = {"министерство", "ведомство", "комитет", "агентство", "служба", "департамент", "управление"}


class Parties:
    """The people and organizations of one Doc, indexed by their mentions."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.people = [p for p in facts(doc, "people")]
        self.orgs = [o for o in facts(doc, "organizations")]
        self._main = None
        self.body_start = 0

    # -- lookups

    def mentions_in(self, start: int, end: int) -> list[tuple[dict, str]]:
        """Facts whose mentions lie inside [start, end), in text order, people first on ties."""
        found = [(p, "person") for p in self.people if start <= p["start"] and p["end"] <= end]
        found += [(o, "organization") for o in self.orgs if start <= o["start"] and o["end"] <= end]
        # drop a mention inside a longer one ("Президента" inside "Администрация Президента")
        keep = []
        for f, kind in found:
            if not any(g is not f and g["start"] <= f["start"] and f["end"] <= g["end"]
                       and (g["end"] - g["start"]) > (f["end"] - f["start"]) for g, _ in found):
                keep.append((f, kind))
        return sorted(keep, key=lambda x: (x[0]["start"], x[1] != "person"))

    def with_lists(self, named: list[tuple[dict, str]]) -> list[tuple[dict, str]]:
        """`named`, with the other bodies of any list one of them opens or belongs to (the
        organizations component marks the bodies named together by a shared "list")."""
        lists = {f.get("list") for f, kind in named if kind == "organization"} - {None}
        if not lists:
            return named
        seen = {id(f) for f, _ in named}
        more = [(o, "organization") for o in self.orgs if o.get("list") in lists and id(o) not in seen]
        return sorted(named + more, key=lambda x: x[0]["start"])

    def covering(self, start: int, end: int) -> tuple[dict, str] | None:
        """The fact whose mention overlaps [start, end)."""
        for p in self.people:
            if p["start"] < end and start < p["end"]:
                return p, "person"
        for o in self.orgs:
            if o["start"] < end and start < o["end"]:
                return o, "organization"
        return None

    def title_holder(self, char: int) -> dict | None:
        """The person mention whose title, written before or after it, holds this character:
        "начальнику Главного управления МЧС России по Краснодарскому краю Андрею Жидкову"."""
        for p in self.people:
            if any(r.get("start") is not None and r["start"] <= char < r["end"] for r in p.get("roles", ())):
                return p
        return None

    def party(self, fact: dict, kind: str, role: str | None = None) -> dict:
        if kind == "person":
            role = role or self.role_of(fact)
        return {"name": fact["name"], "type": kind, "role": role, "start": fact["start"], "end": fact["end"]}

    # -- roles and titles

    def role_of(self, person: dict) -> str | None:
        roles = [r["title"] for p in self.people if p["name"] == person["name"] for r in p.get("roles", ())]
        if roles:
            return roles[0]
        titles = self._titles_before(person)
        return titles or None

    def _titles_before(self, person: dict) -> str:
        """The words just before a mention that look like a title ("Премьер-министр Олжас ...")."""
        span = self.doc.char_span(max(0, person["start"] - 120), person["start"], alignment_mode="contract")
        if span is None:
            return ""
        toks = words(span)
        out = []
        for t in reversed(toks):
            if t.is_punct and t.text not in "-":
                break
            if t.pos_ in ("VERB", "ADP", "CCONJ", "SCONJ", "PRON") or t.text.isdigit():
                break
            out.append(t)
            if len(out) >= 8:
                break
        if not any(t.lemma_ in lexicon.title_heads() or low(t) in lexicon.title_heads()
                   or low(t).split("-")[-1] in lexicon.title_heads() for t in out):
            return ""                       # "Жительница Алена Петрова": no title
        return " ".join(t.text for t in reversed(out))

    def roles_table(self) -> list[tuple[dict, str]]:
        """(person mention, role text in lower case) for every mention with a known role."""
        out = []
        for p in self.people:
            for r in p.get("roles", ()):
                out.append((p, r["title"].lower()))
            before = self._titles_before(p).lower()
            if before:
                out.append((p, before))
        return out

    def by_title(self, title: str, before: int) -> dict | None:
        """The person the text names with this title ("Вице-премьер" -> Роман Скляр)."""
        title = re.sub(r"\s+", " ", title.lower().replace("ё", "е")).strip()
        if not title:
            return None
        wanted = {title}
        table = lexicon.titles()
        for key, values in table.items():
            if title == key or title.endswith(" " + key) or key.endswith(title):
                wanted.update(values)
        heads = lexicon.title_heads()
        # the title's head, not its last word: "аким" of "аким области"
        head = next((w for w in title.split() if w in heads or w.split("-")[-1] in heads), title.split()[-1])
        rows = self.roles_table()
        best, best_score = None, 0
        for person, role in rows:
            role = role.replace("ё", "е")
            score = 0
            if any(w in role for w in wanted) or role in title:
                score = 3
            elif in_order(title.split(), role.split()):  # "аким области" of "аким Жамбылской области"
                score = 2
            elif head in role.split() or any(w.split()[0] in role.split() for w in wanted if w.split()):
                score = 1
            if not score:
                continue
            score += 0.5 if person["start"] < before else 0
            if score > best_score or (score == best_score and best and person["start"] < before
                                      and person["start"] > best["start"]):
                best, best_score = person, score
        if best is None and head == "председатель":  # "под председательством Маулена Ашимбаева"
            best = next((p for p in self.people if p["start"] < before and CHAIRED.search(
                self.doc.text, max(0, p["start"] - 40), p["start"])), None)
        return best

    # -- the release's main actor

    def main_actor(self) -> dict | None:
        """The person the release is about: first named with a title in the body, else first named."""
        if self._main is None:
            people = [p for p in self.people if not ignored(self.doc, p["start"], p["end"])
                      and p["start"] >= self.body_start]
            # the first person the body names; a text that opens with someone else names the
            # official with a title
            chosen = (people or [None])[0]
            if chosen is not None:
                self._main = self.party(chosen, "person")
            else:
                orgs = [o for o in self.orgs if not ignored(self.doc, o["start"], o["end"])]
                self._main = self.party(orgs[0], "organization") if orgs else {}
        return self._main or None


# ---------------------------------------------------------------- noun phrases


GOVERNS_INS = {"управление"}  # nouns of a body's name that take the instrumental: "органы управления образованием"


def np_end(tokens: list[Token], i: int, stop: int) -> int:
    """Index after the noun phrase headed at tokens[i]: genitive dependents, names, quotes."""
    j = i + 1
    in_quote = False
    while j < stop:
        t = tokens[j]
        if t.text in "«\"“„" and not in_quote:
            in_quote = True
        elif t.text in "»\"”" and in_quote:
            in_quote = False
        elif in_quote:
            pass
        elif feat(t, "Variant") == "Short" or low(t) in lexicon.modals() \
                or (can_be(t, "Dat") and t.pos_ != "PROPN" and case(tokens[i]) != "Gen" and j > i + 1):
            break                      # a predicate, or the next addressee ("МЧС, МВД и акиматам")
        elif t.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM") and case(t) in ("Gen", None):
            pass
        elif t.pos_ in ("NOUN", "ADJ") and case(t) == "Ins" and (tokens[j - 1].lemma_ in GOVERNS_INS or (
                case(tokens[j - 1]) == "Ins" and tokens[j - 1].pos_ == "ADJ")):
            pass                       # "органам управления [образованием]", "управления [государственным имуществом]"
        elif t.pos_ == "PROPN" or (t.text[:1].isupper() and t.pos_ not in ("VERB", "ADP")):
            pass
        elif t.text.lower() == "и" and j + 1 < stop and case(tokens[j + 1]) == "Gen" and tokens[j + 1].pos_ in ("NOUN", "ADJ", "PROPN") \
                and case(tokens[i]) != "Gen" and not can_be(tokens[j + 1], "Dat"):
            pass
        elif t.text == "," and j + 1 < stop and case(tokens[j + 1]) == "Gen" and tokens[j + 1].pos_ in ("NOUN", "PROPN") \
                and case(tokens[i]) != "Gen" and not can_be(tokens[j + 1], "Dat"):
            pass
        elif t.text == "." and j > 0 and len(tokens[j - 1].text) == 1 and tokens[j - 1].text.isupper():
            pass   # initials: "Б.Д. Антонюка"
        elif t.text in (",", "и") and tokens[j - 1].pos_ == "ADJ" and case(tokens[i]) != "Gen" \
                and (noun := _listed_adjectives_noun(tokens, j, stop)) is not None:
            j = noun   # "акимам Павлодарской[, Восточно-Казахстанской и Акмолинской областей]"
        else:
            break
        j += 1
    return j


def _listed_adjectives_noun(tokens: list[Token], j: int, stop: int) -> int | None:
    """The index of the genitive noun that a list of adjectives from tokens[j] (a comma or "и"
    after the first) ends with ("Павлодарской, Восточно-Казахстанской и Акмолинской
    областей"); None when the list does not end so."""
    k = j
    while k < stop and (tokens[k].text in (",", "и") or tokens[k].pos_ == "ADJ"):
        k += 1
    if k < stop and k > j + 1 and tokens[k].pos_ == "NOUN" and case(tokens[k]) == "Gen" and not can_be(tokens[k], "Dat"):
        return k
    return None


def np_start(tokens: list[Token], i: int, lo: int) -> int:
    """Index of the first word of the phrase headed at tokens[i]: agreeing adjectives before it."""
    j = i
    while j - 1 >= lo and tokens[j - 1].pos_ in ("ADJ", "DET") and low(tokens[j - 1]) not in {"все", "всем", "те", "тем", "этим", "эти"}:
        j -= 1
    return j


CASES = {"Dat": "datv", "Acc": "accs", "Nom": "nomn", "Gen": "gent", "Ins": "ablt", "Loc": "loct"}


def parse_in_case(t: Token, grammatical_case: str, number: str | None = None):
    """The pymorphy parse of a word in the given case (the tagger's case may be wrong)."""
    want = CASES.get(grammatical_case, "datv")
    nominal = t.pos_ in ("NOUN", "PROPN")
    options = [p for p in parses(t.text) if want in p.tag and (not nominal or p.tag.POS == "NOUN")
               and (nominal or p.tag.POS in ("ADJF", "PRTF", "NPRO"))]
    if not options:
        options = [p for p in parses(t.text) if want in p.tag]
    if number:
        options = [p for p in options if number in p.tag or "Sgtm" in p.tag or "Pltm" in p.tag or "Fixd" in p.tag] or options
    return options[0] if options else None


def can_be(t: Token, grammatical_case: str) -> bool:
    """The word is in this case by the tagger, or (for unambiguous plural forms) by its form."""
    if case(t) == grammatical_case and t.pos_ in ("NOUN", "PROPN"):
        return True
    if t.text in orgs.written_aliases():  # "Минэкономразвития поручено": a short name in any case
        return True
    if t.text.isupper() and t.lower_ in orgs.LEGAL_FORMS:  # a legal form has no cases: "АО «...» поручено"
        return True
    if grammatical_case == "Dat" and case(t) == "Gen" and t.pos_ in ("NOUN", "PROPN") and _opens_sentence(t):
        # no genitive opens a sentence: "Мэрии Новосибирска рекомендовано ..." is a dative
        return any(p.tag.POS == "NOUN" and "datv" in p.tag for p in parses(t.text))
    if grammatical_case == "Dat" and t.pos_ not in ("ADP", "PUNCT", "CCONJ", "SCONJ") and low(t).endswith(("ам", "ям")):
        options = parses(t.text)
        return bool(options) and options[0].tag.POS == "NOUN" and "datv" in options[0].tag and "plur" in options[0].tag
    return False


def _opens_sentence(t: Token) -> bool:
    before = t.doc.text[max(0, t.idx - 40):t.idx].rstrip(" \t")
    return not before or before[-1] in ".!?;\n"


def dative_noun(t: Token) -> bool:
    """A noun in the dative, also where the tagger took "Акиматам" for an adjective."""
    return (t.pos_ in ("NOUN", "PROPN") and case(t) == "Dat") or can_be(t, "Dat")


def nominative(tokens: list[Token], head: int, grammatical_case: str = "Dat", target: str = "nomn") -> str:
    """The phrase with its head and the adjectives agreeing with it put into the nominative
    (or into the `target` case: "accs" for an object)."""
    out = []
    head_tok = tokens[head]
    head_parse = parse_in_case(head_tok, grammatical_case,
                               "plur" if feat(head_tok, "Number") == "Plur" else None)
    if head_parse is not None:
        number = "plur" if "plur" in head_parse.tag else "sing"
    else:
        number = "plur" if feat(head_tok, "Number") == "Plur" else "sing"
    # the adjectives take the head's gender: "городскому отделу" -> "городской", not "городское"
    gender = head_parse.tag.gender if head_parse is not None and head_parse.tag.POS == "NOUN" else None
    for k, t in enumerate(tokens):
        word = t.text
        agreeing = k == head or (case(t) == case(head_tok) and t.pos_ in ("ADJ", "DET", "VERB")
                                 and (k < head or feat(t, "VerbForm") == "Part"))
        if k < head and t.pos_ in ("ADJ", "DET"):
            agreeing = True
        appos = k > head and tokens[k - 1].text in ("-", "–", "—") and t.pos_ in ("NOUN", "PROPN") \
            and (case(t) == case(head_tok) or case(t) in ("Gen", "Acc") and case(head_tok) in ("Gen", "Acc"))
        if agreeing or appos:
            word = _to_nominative(t, number, grammatical_case, head_parse if k == head else None, target,
                                  gender if k < head else None)
            if k == 0 and (t.pos_ != "PROPN" or common_noun(t.text)) and not word.isupper():
                word = word[:1].lower() + word[1:]  # "Главам субъектов" opening a sentence: "главы субъектов"
        out.append((word, t.whitespace_))
    text = "".join(w + s for w, s in out).strip()
    return re.sub(r"\s+", " ", text).strip(" ,;:—–-")


def _to_nominative(t: Token, number: str, grammatical_case: str, parse=None, target: str = "nomn",
                   gender: str | None = None) -> str:
    parse = parse or parse_in_case(t, grammatical_case, number) or best_parse(t.text, t.pos_)
    if parse is None:
        return t.text
    grams = {target, number}
    if number == "sing" and parse.tag.POS in ("ADJF", "PRTF") and (gender or parse.tag.gender):
        grams.add(gender or parse.tag.gender)
    if target == "accs" and parse.tag.POS in ("ADJF", "PRTF") and parse.tag.animacy:
        grams.add(parse.tag.animacy)
    form = parse.inflect(grams) or parse.inflect({target})
    return restore_case(t.text, form.word) if form else t.text


def is_pronoun(t: Token) -> bool:
    return low(t) in PRONOUNS or t.pos_ == "PRON"


def phrase_party(parties: Parties, tokens: list[Token], head: int, lo: int, hi: int,
                 grammatical_case: str = "Dat", end_i: int | None = None) -> list[dict]:
    """Parties named by the phrase headed at tokens[head] (bounded by lo..hi; ending at end_i
    when the caller knows where it ends)."""
    start_i = np_start(tokens, head, lo)
    end_i = end_i if end_i is not None else np_end(tokens, head, hi)
    while end_i - 1 > head and (tokens[end_i - 1].is_punct and tokens[end_i - 1].text not in "»\"”)"):
        end_i -= 1
    phrase = tokens[start_i:end_i]
    if not phrase or is_pronoun(tokens[head]):
        return []
    start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
    named = parties.mentions_in(start, end)
    if not named:
        hit = parties.covering(tokens[head].idx, tokens[head].idx + len(tokens[head]))
        if hit:
            named = [hit]
    if named:
        # "Министерству финансов (А.Г. Силуанов)": the body's head in brackets after it is not
        # the addressee
        text = tokens[0].doc.text
        named = [(f, k) for f, k in named if not (k == "person" and text[:f["start"]].rstrip().endswith("(")
                                                    and text[f["end"]:].lstrip().startswith(")")
                                                    and any(k2 == "organization" for _, k2 in named))]
        # a title in apposition to a person ("мэру Москвы Сергею Собянину") is that person;
        # an organization named inside a person's title ("министру финансов") is not an addressee
        people = [(f, k) for f, k in named if k == "person"]
        head_named = parties.covering(tokens[head].idx, tokens[head].idx + len(tokens[head]))
        if people:
            named = people
        elif head_named is None and all(_dependent(tokens, f, tokens[head]) for f, _ in named):
            named = []      # "комитетам Сената", "представителям Президента": generic, not the org
        else:
            named = parties.with_lists(named)  # "акиматам городов Караганды, Темиртау и Балхаша": all three
        out, seen = [], set()
        for f, kind in named:
            if f["name"] not in seen:
                seen.add(f["name"])
                out.append(parties.party(f, kind))
        if out:
            return out
    holder = parties.title_holder(tokens[head].idx)
    if holder is not None:  # a title whose name comes after a prepositional phrase the phrase stopped at
        return [parties.party(holder, "person")]
    split = _ministry_list(phrase, head - start_i)
    if split:
        return [{"name": n, "type": "organization", "role": None, "start": s, "end": e} for n, s, e in split]
    parts = _distributed(phrase, head - start_i)
    if parts:
        return [{"name": nominative(part, head - start_i, grammatical_case), "type": "generic", "role": None,
                 "start": part[0].idx, "end": part[-1].idx + len(part[-1])} for part in parts]
    name = nominative(phrase, head - start_i, grammatical_case)
    if not name:
        return []
    return [{"name": name, "type": "generic", "role": None, "start": start, "end": end}]


def _same_case(a: str | None, b: str | None) -> bool:
    return a == b or {a, b} <= {"Nom", "Acc"}


def _distributed(phrase: list[Token], head: int) -> list[list[Token]] | None:
    """"лицам, замещающим государственные должности ..., должности субъектов ... и выборные
    муниципальные должности" -> one phrase per object of the participle."""
    part = next((k for k in range(head + 1, len(phrase) - 1) if feat(phrase[k], "VerbForm") == "Part"
                 and case(phrase[k]) == case(phrase[head]) and phrase[k - 1].text == ","), None)
    if part is None:
        return None
    obj = part + 1
    first = phrase[obj]
    if first.pos_ not in ("ADJ", "NOUN") or case(first) not in ("Acc", "Nom", "Ins"):
        return None
    splits = [obj]
    for k in range(obj + 1, len(phrase) - 1):
        if phrase[k].text == "," or low(phrase[k]) == "и":
            nxt = phrase[k + 1]
            if nxt.pos_ in ("ADJ", "NOUN") and _same_case(case(nxt), case(first)):
                splits.append(k + 1)
    if len(splits) < 2:
        return None
    out = []
    for a, b in zip(splits, splits[1:] + [len(phrase) + 1]):
        out.append(phrase[:obj] + phrase[a:b - 1])
    return out


def _dependent(tokens: list[Token], fact: dict, head: Token) -> bool:
    """Is the mention a dependent of the phrase's head ("комитетам Сената", "руководство
    Экспертным управлением"), not an apposition to it ("холдингу «Байтерек»")?"""
    first = next((t for t in tokens if t.idx >= fact["start"]), None)
    if first is None:
        return False
    k = next(i for i, t in enumerate(tokens) if t.i == first.i)
    if k > 0 and tokens[k - 1].text in "«\"“„":
        return False
    return case(first) != case(head) or first.idx < head.idx


def _ministry_list(phrase: list[Token], head: int) -> list[tuple[str, int, int]]:
    """"министерствам национальной экономики, промышленности и строительства, финансов" -> 3."""
    h = phrase[head]
    if h.lemma_ != "министерство" or feat(h, "Number") != "Plur":
        return []
    rest = phrase[head + 1:]
    segments, cur = [], []
    for t in rest:
        if t.text == ",":
            if cur:
                segments.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        segments.append(cur)
    if len(segments) >= 2 and any(t.text.lower() == "и" for t in segments[-1]):
        last = segments.pop()
        k = next(i for i, t in enumerate(last) if t.text.lower() == "и")
        segments += [last[:k], last[k + 1:]]
    if len(segments) < 2:
        return []
    return [("Министерство " + " ".join(t.text for t in seg), seg[0].idx, seg[-1].idx + len(seg[-1]))
            for seg in segments if seg]
