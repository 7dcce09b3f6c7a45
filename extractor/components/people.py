"""People: named persons, their names in the nominative, every mention, and their roles.

Candidates are the backend's PER entities (titles trimmed off: a title is not a person) and
initials with a surname ("О. Бектенов", "Иванов Н. С."). Each is normalized (names.py) and
mentions are merged by surname: "Олжас Бектенов", "Бектенов", "О. Бектенов" are one person.
Once a surname is known, its other occurrences in the text are mentions too. Roles are the
title phrases next to a mention (roles.py).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .. import organizations as orgs
from .. import regexes, resources
from ..morph import UD_CASE, is_known, lemma, parses
from ..names import INITIAL as INITIAL_RE
from ..names import CASE_ORDER, Name, NameToken, first_nominative, gender_of_name, is_first_name, is_patronymic, \
    is_surname_like, normalize, possible_cases, surname_key, surname_nominative
from ..pipeline import ignored
from ..roles import appointed, in_order, is_title, position, references, role_after, role_after_dash, role_before, \
    role_before_dash, role_predicate, title_of
from ..roles import titles as role_titles
from .base import Covered, opens_place_date_line, token_at, write_group

UD_GENDER = {"Masc": "masc", "Fem": "femn"}
NAME_GRAMMEMES = {"Name", "Surn", "Patr"}  # pymorphy's readings of a given name, a surname, a patronymic
WORD = re.compile(r"[A-ZА-ЯЁ]\.|[\w][\w'’\u0301-]*")  # a stress mark inside a word is part of it ("Диа́с")
PLACE_BEFORE = re.compile(r"(?:област\w*|город\w*|район\w*|улиц\w*|проспект\w*|сел\w*|поселк\w*|им\.|имени)\s+$")
# a place's adjective in a list before its noun: "акимы Мугалжарского, Хромтауского и Алгинского районов"
PLACE_ADJECTIVE = re.compile(r"[А-ЯЁ][а-яё-]*(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую|ие|их|ими)$")
PLACE_AFTER = re.compile(r"(?:\s*(?:,|и)\s*[А-ЯЁ][а-яё-]+)*\s+(?:район|област|округ|кра[йяюе]\b)")
NATIVE = regexes.compile(r"\s?\(\s*([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af ]*?)\s*\)")
# the name in Latin letters in brackets after its transcription: "Дэвид Эберсман (David Ebersman)"
_LATIN_WORD = r"(?:[A-Z\u00C0-\u00DE\u0100-\u024F][A-Za-z\u00C0-\u024F'’-]*[a-z\u00DF-\u00FF\u0100-\u024F]\.?|[A-Z]\.)"
_PARTICLE = r"(?:de|da|di|del|della|dos|das|do|du|van|von|der|den|ter|la|le|al|el|bin|ibn|bint|ben|y)"
LATIN = regexes.compile(rf"[ \u00a0]?\(\s*({_LATIN_WORD}(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?{_LATIN_WORD}){{0,5}})\s*(?=[);,])")
BRACKETS = re.compile(r"[\n()\[\]«»;|]")
PAIR = re.compile(r"(?<![\w.-])([А-ЯЁ][а-яё]{2,}) ([А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?)(?![\w-])")
# a headline's subject: a capitalized word opening a line, then a lowercase verb ("Токаев подписал")
LINE_SUBJECT = re.compile(r"(?:^|(?<=\n))[ \t]*((?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)? ){0,2}([А-ЯЁ][а-яё]{3,})) (?=[а-яё])",
                          re.M)
SURNAME_FORM = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|цкий|ская|цкая)$")
TRIPLE = re.compile(r"(?<![\w.-])([А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?) ([А-ЯЁ][а-яё]{2,}) ([А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?)(?![\w-])")
INITIALS = re.compile(
    r"(?<![\w.])(?:[А-ЯЁ]\.[ \u00a0]?){1,2}[ \u00a0]?(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ]{3,}(?![а-яё]))"
    r"|(?<![\w.])[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?[ \u00a0](?:[А-ЯЁ]\.[ \u00a0]?){1,2}(?!\w)"
)


def _name_tokens(doc: Doc, start: int, end: int) -> list[tuple[NameToken, int, int]]:
    out = []
    for m in WORD.finditer(doc.text, start, end):
        token = token_at(doc, m.start())
        case = gender = None
        if token is not None:
            case = UD_CASE.get((token.morph.get("Case") or [None])[0])
            gender = UD_GENDER.get((token.morph.get("Gender") or [None])[0])
        word = m.group().replace("\u0301", "")
        if word.isupper() and len(word) > 2:  # "Л.Д.РЕЙМАН" in the signature of an act
            word = "-".join(part.capitalize() for part in word.split("-"))
        out.append((NameToken(word, case, gender), m.start(), m.end()))
    return out


@lru_cache(maxsize=1)
def salutations() -> frozenset[str]:
    return resources.word_set("people_salutations.txt")


def _title_or_lower(word: str) -> bool:
    if not word[:1].isupper():
        return True
    lower = word.lower()
    titles = role_titles()
    parts = lower.split("-")
    return lower in titles or parts[0] in titles or len(parts) > 1 and lemma(parts[-1]) in titles \
        or lemma(word) in titles or lemma(word) in salutations()  # "вице-премьер", "Экс-советник"


def _not_name(word: str) -> bool:
    """A title, a lowercase word, or a dictionary word that is no name ("Федерации")."""
    if _title_or_lower(word):
        return True
    if INITIAL_RE.match(word) or word.isupper() or not is_known(word):
        return False
    options = parses(word)
    if _name_readings(options):
        return False
    # a place or a word in an oblique case ("Казахстана", "Федерации"), not "Канат"
    best = options[0] if options else None
    return best is not None and ("Geox" in best.tag or "nomn" not in best.tag)


def _held_by_another(items: list[dict]) -> None:
    """A name in the genitive after a chain of titles holds the outer one where another person
    of the text holds the inner one: "Аким Алматинской области Марлен Ильясов ... на заместителя
    акима области Нурлана Бекназарова" makes Бекназаров the deputy."""
    held = [(item["name"], position(role["title"]).split()) for item in items for role in item["roles"]]
    for item in items:
        for role in item["roles"]:
            outer = role.pop("outer", None)
            inner = position(role["title"]).split()
            # another's title holds these words in order: "аким области" in "аким алматинской области"
            if outer is not None and any(name != item["name"] and in_order(inner, words) for name, words in held):
                role.update(title=outer["title"], start=outer["start"], end=outer["end"])


PRONOUNS = {"он": "masc", "она": "femn"}
PRONOUN_REACH = 600  # characters from the person named last to the pronoun that stands for them


def _pronoun_roles(doc: Doc, items: list[dict], titled: list[tuple]) -> bool:
    """A role whose subject is "он" or "она" ("Ранее он занимал должность заместителя
    Премьер-министра", "До назначения она работала вице-министром") is the role of the person
    mentioned last before it, by name or by title (`titled`: "Аким области поручил ..."), whose
    gender agrees, a few sentences back at most. Whether any role was given."""
    first_item = {}
    for item in items:
        first_item.setdefault(item["name"], item)
    mentions = sorted([(i["start"], i["end"], i["name"]) for i in items] + [r[:3] for r in titled])
    given = False
    for t in doc:
        gender = PRONOUNS.get(t.lower_)
        if gender is None or t.pos_ != "PRON":
            continue
        role = role_predicate(doc, t.idx + len(t))
        if role is None:
            continue
        for _, end, name in reversed([m for m in mentions if m[1] <= t.idx and t.idx - m[1] <= PRONOUN_REACH]):
            if gender_of_name(name) in (gender, None):
                first_item[name]["roles"].append(title_of({k: role[k] for k in ("title", "start", "end") if k in role}))
                given = True
                break
    return given


def _body(word: str) -> bool:
    """A word that names a body in the gazetteer, in any case ("[Председатель] Мажилиса")."""
    return orgs.lookup(word) is not None


def _nominative_place(word: str) -> bool:
    best = (parses(word) or [None])[0]
    return best is not None and "Geox" in best.tag and "nomn" in best.tag and not _title_or_lower(word)


def _only_place(word: str) -> bool:
    """A word pymorphy reads only as a place's name in the prepositional ("в ... Степногорске",
    by the likeness of "Магнитогорске"); not a name that is also a place's ("Королев": a
    surname too), nor a foreign name it reads as an indeclinable place ("Небензи")."""
    options = parses(word)
    return bool(options) and all("Geox" in p.tag and "loct" in p.tag and "anim" not in p.tag for p in options)


def _place_as_given_name(word: str) -> bool:
    """A place's name in the dative or instrumental that the model took into a name: a given
    name that is also a place's ("Дархану Сатыбалды", "с Дарханом Сатыбалды"); a place glued
    before a name is in the genitive ("Федерации Б.Д. Антонюка")."""
    best = (parses(word) or [None])[0]
    return best is not None and "Geox" in best.tag and ("datv" in best.tag or "ablt" in best.tag) \
        and not _title_or_lower(word) and not _body(word)


SURNAME_END = re.compile(r"(?:ов|ев|ёв|ин|ын)$")  # a man's surname, also a genitive plural ("Токаев")


def _common_noun(word: str) -> bool:
    """A dictionary word with no name reading ("Сцена"; "Ребята-спасатели": every part)."""
    if "-" in word:
        return all(_common_noun(part) for part in word.split("-") if part)
    if word.isupper() or not is_known(word):
        return False
    readings = parses(word)
    if _name_readings(readings):
        return False
    # "Токаев" is also the genitive plural of "токай" (a wine): a word with a surname's ending
    # that the dictionary reads only in an oblique case is read as the surname
    return not (SURNAME_END.search(word) and not any("nomn" in p.tag for p in readings))


def _title_of_place(doc: Doc, start: int, trimmed: tuple[int, int]) -> bool:
    """What is left of a span after its title is one word that can be a place in the genitive:
    "Аким Шымкента" is the akim of a city, not a person "Шымкент"."""
    word = doc.text[trimmed[0]:trimmed[1]]
    title = [m.group() for m in WORD.finditer(doc.text, start, trimmed[0])]
    return bool(title) and all(_title_or_lower(w) for w in title) and " " not in word and "-" not in word \
        and any("Geox" in p.tag and "gent" in p.tag for p in parses(word))


def _dateline_place(doc: Doc, start: int, end: int) -> bool:
    """A one-word "name" that is the place of a place-and-date line (the model reads "Астана"
    under a signature as a person), unless the dictionary reads it as a name ("Габбард")."""
    word = doc.text[start:end]
    return opens_place_date_line(doc.text, start, end) and (_nominative_place(word) or not _name_reading(word))


LISTED_BEFORE = re.compile(r"\d[\d ]*\s*[,;]\s*$")
LISTED_AFTER = re.compile(r"\s*[-–—:]\s*\d[\d ]*\s*(?:[,;.]|$)")
PLACE_IN_LIST = re.compile(r"(?<![\w-])(?:район|област|город|округ|сельск|поселок|посёлок)", re.IGNORECASE)


def _listed_with_count(doc: Doc, start: int, end: int) -> bool:
    """A one-word "name" in a list of places with their counts ("Аксуатский район - 6000,
    Курчатов - 3000, Семей - 9100"): a place where the model read a person."""
    if " " in doc.text[start:end] or not LISTED_BEFORE.search(doc.text, max(0, start - 12), start) \
            or not LISTED_AFTER.match(doc.text, end):
        return False
    line_start, line_end = doc.text.rfind("\n", 0, start) + 1, doc.text.find("\n", end)
    line = doc.text[line_start:len(doc.text) if line_end < 0 else line_end]
    return bool(PLACE_IN_LIST.search(line))  # a list of places, not of candidates and their votes


def _name_readings(options) -> bool:
    return any(NAME_GRAMMEMES & set(map(str, p.tag.grammemes)) for p in options)


def _name_reading(word: str) -> bool:
    """The dictionary reads the word as a name or a surname ("Габбард"), not only a place ("Акорда")."""
    options = parses(word)
    return _name_readings(options) or not is_known(word) and any("anim" in p.tag for p in options)


# between two names of a list, after what may follow the first ("(Германия)", "из Кентукки")
LIST_GAP = re.compile(r"(?:[ \t]*\([^()\n]{1,40}\)|[ \t]+из[ \t]+[А-ЯЁ][\w-]+)?[ \t]*(?:,|и|,[ \t]*и)[ \t]*")

GLUED_TAIL = re.compile(r"[а-яё]{6,}")  # a word of its own, not a surname's ending ("Тажая|ковым")


def _unglue_ends(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name whose last word runs into the next, lowercase, word ("Роман Склярпроинспектировал",
    a page's markup stripped without a space) ends where a surname the text names elsewhere
    ends, when a dictionary word follows it there."""
    text = doc.text
    surnames = {w for s, e in spans for w in WORD.findall(text[s:e]) if 3 <= len(w) <= 14 and w[:1].isupper()}
    out = []
    for s, e in spans:
        last = re.search(r"[А-ЯЁ][а-яё]{8,}$", text[s:e])
        if last is not None and not is_known(last.group()):
            word = last.group()
            cut = next((len(n) for n in sorted(surnames, key=len, reverse=True)
                        if word.startswith(n) and word != n and GLUED_TAIL.match(word, len(n))
                        and any(is_known(word[len(n):len(n) + k]) for k in range(min(20, len(word) - len(n)), 5, -1))),
                       None)
            if cut is not None:
                e = s + last.start() + cut
        out.append((s, e))
    return out


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop titles and words that are no names from the edges of a PER span."""
    words = [m for m in WORD.finditer(doc.text, start, end)]
    while words and _title_or_lower(words[0].group()):
        words.pop(0)
    while words and _title_or_lower(words[-1].group()):
        words.pop()
    # a place or an oblique common noun glued before a name: "Федерации Б.Д. Антонюка"; a
    # place's name in the nominative that the model took into a name is a given name that is
    # also a place's ("Дархан Сатыбалды")
    while len(words) > 1 and (_not_name(words[0].group()) or _body(words[0].group())) \
            and not _nominative_place(words[0].group()) and not _place_as_given_name(words[0].group()):
        words.pop(0)
    if not words:
        return None
    if len(words) == 1 and not _name_readings(parses(words[0].group())) \
            and (_body(words[0].group()) or _only_place(words[0].group())):
        return None  # a body or a place by its one-word name: "со ссылкой на Акорду", "в Риддере и Степногорске"
    return words[0].start(), words[-1].end()


class PeopleComponent:
    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, "people", "PERSON", self.match(doc))
        return doc

    # -- candidates

    def candidates(self, doc: Doc) -> list[tuple[int, int]]:
        spans = []
        for ent in doc.ents:
            if ent.label_ == "PER" and not _dateline_place(doc, ent.start_char, ent.end_char) \
                    and not _listed_with_count(doc, ent.start_char, ent.end_char):
                # one name per line (lists of appointees have one a line), none across brackets:
                # "Тодд Коумс (Todd Combs)" is two names
                pos = ent.start_char
                for part in BRACKETS.split(doc.text[ent.start_char:ent.end_char]):
                    trimmed = _trim(doc, pos, pos + len(part))
                    if trimmed and not _title_of_place(doc, pos, trimmed):
                        spans.append(trimmed)
                    pos += len(part) + 1
        spans += self._first_surname_pairs(doc)
        spans += self._line_subjects(doc)
        for m in INITIALS.finditer(doc.text):
            s, e = m.start(), m.end()
            if _not_name(m.group().split()[0]):  # "Федерации Б.Д." is no surname with initials
                continue
            while e > s and doc.text[e - 1] in " \t":
                e -= 1
            spans.append((s, e))
        spans = [self._extend(doc, s) for s in spans if not ignored(doc, *s)]
        # the longest of overlapping candidates wins
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        out: list[tuple[int, int]] = []
        for s in spans:
            if out and doc.text[out[-1][1]:s[0]] == " ":  # "Лиджееву Любовь Лиджаевну" split by the model
                out[-1] = (out[-1][0], max(s[1], out[-1][1]))
                continue
            if out and s[0] < out[-1][1]:
                if s[1] > out[-1][1]:
                    out[-1] = (out[-1][0], s[1])
                continue
            out.append(s)
        out = _unglue_ends(doc, out)
        return [part for s in out for part in _split_names(doc, *s)]

    @staticmethod
    def _first_surname_pairs(doc: Doc) -> list[tuple[int, int]]:
        """A known given name followed by a surname the model missed: "Игорь Лепеха"."""
        out = []
        ents = Covered(len(doc.text), [(e.start_char, e.end_char) for e in doc.ents])
        for m in PAIR.finditer(doc.text):
            first, last = m.group(1), m.group(2)
            if not (is_known(first) and is_first_name(first)) or not is_surname_like(last) or _not_name(last):
                continue
            if ents.overlaps(m.start(), m.end()):
                continue
            out.append((m.start(), m.end()))
        for m in TRIPLE.finditer(doc.text):
            words = m.group(1, 2, 3)
            if is_patronymic(words[2]) and not is_patronymic(words[1]) and not any(_not_name(w) for w in words):
                out.append((m.start(), m.end()))  # "Теплякову Екатерину Леонидовну"
            elif is_patronymic(words[1]) and is_first_name(words[0]) and not _not_name(words[2]):
                out.append((m.start(), m.end()))  # "Екатерина Леонидовна Теплякова"
        return out

    @staticmethod
    def _line_subjects(doc: Doc) -> list[tuple[int, int]]:
        """A surname that opens a line as the subject of a verb in the past, where the model,
        with no context before it, misses it: a headline's "Токаев подписал закон",
        "Мишустин поручил ...". Not a dictionary word in the nominative ("Кабмин"), a place,
        an organization's short name ("Минфин") or a title."""
        out = []
        for m in LINE_SUBJECT.finditer(doc.text):
            word = m.group(2)
            given = m.group(1).split()[:-1]  # "Касым-Жомарт Токаев": given names (a patronymic) before it
            if not SURNAME_FORM.search(word) or _title_or_lower(word) or _common_noun(word) or not all(
                    is_patronymic(w) or all(is_first_name(part) for part in w.split("-")) for w in given):
                continue
            verb = token_at(doc, m.end())
            if verb is None or verb.pos_ not in {"VERB", "AUX"} or "Past" not in verb.morph.get("Tense") \
                    or "Plur" in verb.morph.get("Number"):
                continue
            readings = parses(word)
            if any({"Geox", "Orgn"} & set(map(str, p.tag.grammemes)) for p in readings[:1]):
                continue
            out.append((m.start(1), m.end(1)))
        return out

    @staticmethod
    def _extend(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
        """Join a capitalized name word the model left out on the same line:
        "Коробейникову [Людмилу Николаевну]", "[Игоря] Лепеху"."""
        start, end = span
        words = WORD.findall(doc.text, start, end)
        if len(words) >= 3:
            return span
        left = re.search(r"(?<![\w.])([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?) $", doc.text[max(0, start - 40):start])
        if left and not _not_name(left.group(1)) and len(words) == 2 and is_patronymic(words[-1]):
            start -= len(left.group(0))
        right = re.match(r" ([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)(?![\w.])", doc.text[end:end + 40])
        if right and not _not_name(right.group(1)) and len(words) == 1 and is_first_name(words[0]):
            end += len(right.group(0))
        return start, end

    # -- grouping

    def match(self, doc: Doc) -> list[dict]:
        mentions = []
        for start, end in self.candidates(doc):
            parts = _name_tokens(doc, start, end)
            if not parts:
                continue
            if len(parts) >= 4 and is_patronymic(parts[-1][0].text) and is_first_name(parts[-2][0].text):
                # "орденом Пирогова Смирнову Елену Викторовну": surname, name, patronymic end it
                parts = parts[-3:]
                start = parts[0][1]
            role = role_before(doc, start)
            first = token_at(doc, start)
            verb = appointed(doc, first.i) if first is not None and role is None else None
            if role and role.get("case") in {"Gen", "Dat"}:
                # a name in apposition agrees with its title: "Председателя Сената Маулена Ашимбаева"
                for part, _, _ in parts:
                    part.case = UD_CASE[role["case"]]
            elif verb is not None:
                # the one appointed: "Указом Президента Асель Жанасова назначена ..."
                gender = UD_GENDER.get((verb.morph.get("Gender") or [""])[0])
                for part, _, _ in parts:
                    part.case = "nomn"
                    part.gender = gender or part.gender
            name = normalize([p for p, _, _ in parts])
            if not name.full or not name.key:
                continue
            if len(parts) == 1 and _common_noun(parts[0][0].text):
                continue  # "Сцена", "Американец" at the start of a paragraph
            if len(parts) == 1 and len(parts[0][0].text) == 1:
                continue  # "И", "В": a conjunction or a preposition the model took for a name
            if len(parts) == 1 and PLACE_BEFORE.search(doc.text[max(0, start - 12):start]):
                continue  # "области Абай", "улица Курчатова": a place named after a person
            if len(parts) == 1 and PLACE_ADJECTIVE.fullmatch(doc.text[start:end]) and PLACE_AFTER.match(doc.text, end):
                continue  # "Мугалжарского, Хромтауского и Алгинского районов": places
            gender = next((p.gender for p, _, _ in parts if p.gender), None)
            mentions.append({"start": start, "end": end, "parsed": name, "gender": gender})
        originals = self._latin_originals(doc, mentions)
        mentions = [m for m in mentions if not any(m["start"] < e and s < m["end"] for s, e, _ in originals)]
        persons = self._group(mentions)
        mentions += self._propagate(doc, persons, mentions)
        mentions += self._native_script(doc, mentions)
        mentions += [{"start": s, "end": e, "parsed": m["parsed"], "person": m["person"]} for s, e, m in originals]
        items = []
        previous: dict | None = None  # the last mention that opened a line, with its roles
        shared: tuple | None = None   # (end, role) of the last mention whose plural title the next names share
        for m in sorted(mentions, key=lambda m: m["start"]):
            person = m["person"]
            before = role_before(doc, m["start"])
            if before is None and shared is not None and LIST_GAP.fullmatch(doc.text[shared[0]:m["start"]]):
                before = shared[1]  # "Депутаты Госдумы Адальби Шхагошев и Александр Грибов": Грибов too
            shared = (m["end"], before) if before and before.get("shared") else None
            after = role_after(doc, m["end"]) or role_predicate(doc, m["end"])
            roles = [title_of({k: r[k] for k in ("title", "start", "end", "outer") if k in r})
                     for r in (before and role_before_dash(doc, before), before, after, role_after_dash(doc, after))
                     if r]
            line_start = doc.text.rfind("\n", 0, m["start"]) + 1
            if doc.text[line_start:m["start"]].strip() == "":
                # a list of appointees under one title line: each name takes the title
                gap = doc.text[previous["end"]:line_start] if previous else ""
                if not roles and previous is not None and previous["roles"] and \
                        gap.strip(" \t.,;\n") == "" and "\n\n" not in gap:
                    roles = list(previous["roles"])
                previous = {"end": m["end"], "roles": roles}
            else:
                previous = None
            items.append({"start": m["start"], "end": m["end"], "name": person["name"], "aliases": person["aliases"],
                          "roles": roles})
        _held_by_another(items)
        # bodies a title may be part of ("Администрация Президента"); not a title the NER model
        # read as a place ("Аким области поручил ...")
        bodies = [(e.start_char, e.end_char) for e in doc.ents
                  if e.label_ != "PER" and not (e.label_ == "LOC" and is_title(e[0]))]

        def titled() -> list[tuple[int, int, str, str]]:  # "Аким области поручил ...": a mention by title
            taken = [(i["start"], i["end"]) for i in items] + [(r["start"], r["end"]) for i in items for r in i["roles"]]
            return [r for r in references(doc, items, taken, bodies) if not ignored(doc, r[0], r[1])]

        found = titled()
        if _pronoun_roles(doc, items, found):
            found = titled()  # not within the roles just given
        aliases = {i["name"]: i["aliases"] for i in items}
        for start, end, name, title in found:
            items.append({"start": start, "end": end, "name": name, "aliases": aliases[name],
                          "roles": [{"title": title, "start": start, "end": end}] if title else []})
        return items

    def _group(self, mentions: list[dict]) -> dict[str, dict]:
        persons: dict[str, dict] = {}
        # fuller names first, so that bare surnames and initials join them
        for m in sorted(mentions, key=lambda m: -_fullness(m["parsed"])):
            name: Name = m["parsed"]
            person = persons.get(name.key)
            if person is not None and name.first and person["parsed"].first \
                    and name.first[:1].casefold() != person["parsed"].first[:1].casefold():
                person = None  # same surname, another person ("Барак Обама", "Мишель Обама")
                key = name.key + "|" + name.first
            else:
                key = name.key
            if person is None and name.first and not name.last:
                same = [p for p in persons.values() if p["parsed"].first == name.first and p["parsed"].last]
                person = same[0] if len(same) == 1 else None
            if person is None and name.last and not name.first and not name.initials:
                person = _by_stem(persons, name.key)
            if person is None and name.initials:
                person = next((p for p in persons.values() if p["parsed"].key == name.key and p["parsed"].first
                               and p["parsed"].first[:1] == name.initials[0][:1]), None)
            if person is None:
                person = persons.setdefault(key, {"name": name.full, "parsed": name, "aliases": [], "gender": m["gender"]})
            elif name.full != person["name"] and name.full not in person["aliases"] and _fullness(name) >= 2:
                person["aliases"].append(name.full)
            m["person"] = person
        return persons

    @staticmethod
    def _latin_originals(doc: Doc, mentions: list[dict]) -> list[tuple[int, int, dict]]:
        """A name in Latin letters in brackets after a mention, its original spelling:
        "Дэвид Эберсман (David Ebersman)"; the initials of the two must correspond."""
        out = []
        for m in mentions:
            latin = LATIN.match(doc.text, m["end"])
            if latin and _transliterates(doc.text[m["start"]:m["end"]], latin.group(1)):
                out.append((latin.start(1), latin.end(1), m))
        return out

    @staticmethod
    def _native_script(doc: Doc, mentions: list[dict]) -> list[dict]:
        """A name in its own script in brackets after a mention: "Ма Лин (马凌)"."""
        added = []
        for m in mentions:
            native = NATIVE.match(doc.text, m["end"])
            if native:
                added.append({"start": native.start(1), "end": native.end(1), "parsed": m["parsed"], "person": m["person"]})
        return added

    def _propagate(self, doc: Doc, persons: dict[str, dict], mentions: list[dict]) -> list[dict]:
        """Other occurrences of a known surname are mentions of that person, also inside the name of
        a body ("Институт Пушкина"), and so are adjectives made of it ("сталинских", "Шукшинские
        дни") and the given name of the one person who bears it ("Серены")."""
        by_surname = {surname_key(p["parsed"].last): p for p in persons.values() if p["parsed"].last}
        if not by_surname:
            return []
        firsts: dict[str, list[dict]] = {}
        for p in persons.values():
            if p["parsed"].first and p["parsed"].last:
                firsts.setdefault(p["parsed"].first.casefold(), []).append(p)
        by_first = {k: v[0] for k, v in firsts.items() if len(v) == 1 and len(k) > 2}
        taken = Covered(len(doc.text), [(m["start"], m["end"]) for m in mentions])
        for e in doc.ents:
            if e.label_ not in {"PER", "ORG"}:  # "Словении"
                taken.add(e.start_char, e.end_char)
        added: list[dict] = []
        prefixes = {k[:3] for k in by_surname} | {k[:3] for k in by_first}
        for token in doc:
            text = token.text
            if text[:3].casefold().replace("ё", "е") not in prefixes:
                continue
            start, end = token.idx, token.idx + len(text)
            if taken.overlaps(start, end) or ignored(doc, start, end):
                continue
            person = self._surname_of(token, by_surname) if text[:1].isupper() else None
            person = person or _adjective_of(text, by_surname)
            if person is None and text[:1].isupper():
                person = self._first_name_of(token, by_first)
            if person is None:
                continue
            if added and added[-1]["person"] is person and doc.text[added[-1]["end"]:start] == " ":
                added[-1]["end"] = end  # "Иосифа Бродского" inside a title the model left out
            else:
                added.append({"start": start, "end": end, "parsed": person["parsed"], "person": person})
        return added

    @staticmethod
    def _surname_of(token, by_surname: dict[str, dict]) -> dict | None:
        text = token.text
        case = UD_CASE.get((token.morph.get("Case") or [None])[0])
        as_written = surname_key(text)
        nominative: dict[str, str] = {}  # gender -> key of the surname put in the nominative
        for key, person in by_surname.items():
            if as_written == key:
                return person
            gender = person["gender"] or "masc"
            if gender not in nominative:
                nominative[gender] = surname_key(surname_nominative(text, case, gender))
            if nominative[gender] == key:
                return person
        return None

    @staticmethod
    def _first_name_of(token, by_first: dict[str, dict]) -> dict | None:
        text = token.text
        if is_known(text) and "Name" not in parses(text)[0].tag:
            return None  # "Надежда", "Вера": a common word first
        case = UD_CASE.get((token.morph.get("Case") or [None])[0])
        for key, person in by_first.items():
            if text.casefold() == key or first_nominative(text, case, person["gender"]).casefold() == key:
                return person
        return None


def _word_cases(word: re.Match) -> set[str] | None:
    """The cases a word of a name can be in, by its forms as a patronymic, given name or
    surname; None when they say nothing (initials, unknown or indeclinable foreign names)."""
    text = word.group()
    if INITIAL_RE.match(text):
        return None
    if is_patronymic(text):
        cases = possible_cases(text, "Patr", None)
    elif is_known(text) and is_first_name(text):
        cases = possible_cases(text, "Name", None)
    else:
        cases = possible_cases(text, "Surn", None)
    return cases if 0 < len(cases) < len(CASE_ORDER) else None


def _common_cases(parts: list[set[str] | None]) -> set[str] | None:
    known = [c for c in parts if c is not None]
    if not known:
        return None
    return set.intersection(*known)


def _split_names(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Two names the model ran together, told apart by their cases: "[Баффета] [Энди Килпатрик]"
    (a genitive, then a nominative), "[Марины Голуб] [Алексей Русаков]"; "Шайхиева Ислама
    Шакировича" agrees throughout and stays one."""
    words = list(WORD.finditer(doc.text, start, end))
    if len(words) < 2:
        return [(start, end)]
    cases = [_word_cases(w) for w in words]
    for i in range(1, len(words)):
        before, after = words[i - 1].group(), words[i].group()
        if INITIAL_RE.match(before) or not (before[:1].isupper() and after[:1].isupper()) \
                or min(len(before), len(after)) <= 3 or is_known(before) and is_first_name(before):
            # a given name or initials belong to the word after them ("В. Путин", "Джейн Остин");
            # particles and short parts say nothing ("Хамад бен Джасем Аль Тани")
            continue
        left, right = _common_cases(cases[:i]), _common_cases(cases[i:])
        if left and right and not left & right:
            return [(start, words[i - 1].end())] + _split_names(doc, words[i].start(), end)
    return [(start, end)]


def _initial_fits(cyrillic: str, latin: str) -> bool:
    letter = unicodedata.normalize("NFD", latin[:1].lower())[:1]
    return letter in resources.table("translit_initials.json").get(cyrillic[:1].lower(), "")


def _transliterates(cyrillic: str, latin: str) -> bool:
    """Could `latin` be the original spelling of the name `cyrillic`? Their first or last words
    start with corresponding letters: "Дэвид Эберсман" ~ "David Ebersman", "Гутерреш" ~ "Guterres"."""
    cyr = [w for w in WORD.findall(cyrillic) if w[:1].isupper()]
    lat = [w for w in latin.replace("\u00a0", " ").split() if w[:1].isupper() and not w.isupper()]
    if not cyr or not lat:
        return False
    return _initial_fits(cyr[0], lat[0]) or _initial_fits(cyr[-1], lat[-1])


ADJECTIVE = re.compile(r"(\w{3,}?)(?:ск)(?:ий|ая|ое|ие|ого|ой|ому|ую|им|ом|ими|их|ую|ей)$")


def _adjective_of(word: str, by_surname: dict[str, dict]) -> dict | None:
    """The person an adjective is made of: "сталинских" (Сталин), "Нобелевская" (Нобель)."""
    found = ADJECTIVE.match(word.casefold().replace("ё", "е"))
    if not found:
        return None
    stem = found.group(1)
    options = [stem]
    if stem.endswith(("ов", "ев")):
        options += [stem[:-2] + "ь", stem[:-2]]
    return next((by_surname[o] for o in options if o in by_surname), None)


def _by_stem(persons: dict[str, dict], key: str) -> dict | None:
    """The one person whose surname differs from `key` only in a case ending ("Амстеля" ~ "Амстель")."""
    if len(key) < 5:
        return None
    found = [p for p in persons.values() if p["parsed"].last and len(p["parsed"].key) >= 5
             and _stem(p["parsed"].key) == _stem(key)]
    return found[0] if len(found) == 1 else None


def _stem(key: str) -> str:
    stem = key.rstrip("аяуюеиыоьй")
    return stem if len(stem) >= 4 else key


def _fullness(name: Name) -> int:
    return (2 if name.first else 0) + (1 if name.middle else 0) + (1 if name.last else 0) + (1 if name.initials else 0)


@Language.factory("people", assigns=["doc.spans"], requires=["doc.ents", "token.morph"])
def make_people(nlp: Language, name: str):
    return PeopleComponent()
