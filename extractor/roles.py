"""Role phrases next to a person's name, normalized to the nominative.

A role is a title head from `data/titles.txt` ("министр", "аким", "заместитель"), the
adjectives before it that agree with it ("первый заместитель"), and the words after it that
depend on it: genitives, "и" between genitives, proper names, "по"/"при" phrases
("министр финансов", "аким Северо-Казахстанской области", "министр по чрезвычайным
ситуациям", "заместитель Премьер-министра"). Only the head and its adjectives are put into
the nominative; the dependents stay as written.

Where it stands: before the name ("Премьер-министр Олжас Бектенов", `role_before`), after it
in apposition ("Иван Петров, министр финансов", `role_after`), or as what the sentence makes
of the name ("Ерлан Карин назначен государственным советником", `role_predicate`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Token

from . import organizations as orgs
from . import resources
from .morph import UD_CASE, UD_GENDER, inflect, parses
from .pipeline import sentence_start

MAX_TOKENS = 10
PREPS = {"по", "при"}
DASHES = {"-", "–", "—"}
# before a title in the genitive, they make it the name's: "исполняющий обязанности главы района Иван Петров"
ACTING = ("обязанности", "и.о.", "врио")
# a subject's role told by its verb: "назначен министром", "является членом", "работала заместителем"
PREDICATE_VERBS = {"являться", "работать", "стать", "трудиться", "служить"}
PREDICATE_PARTICIPLES = {"назначить", "освободить", "избрать", "утвердить", "переназначить"}  # "назначен", not "назначил"
PREDICATE_FILLERS = {"ранее", "прежде", "также", "уже", "теперь", "вновь", ","}
POST_PREPS = {"на", "от"}
POST_WORDS = {"должность", "пост"}
HOLD_VERBS = {"занимать", "занять"}  # "занимал должность заместителя министра"
CLOSING_QUOTES = {"»": "«", '"': '"', "”": "“"}  # the closing quote -> the opening one
OPENING_QUOTES = {v: k for k, v in CLOSING_QUOTES.items()}
REGION_NOUNS = {"область", "округ", "край", "республика"}
BARE_PLACES = {"области", "района", "города", "края", "округа", "региона"}  # "Аким области": the one the text named
ORDINAL = re.compile(r"\d+-(?:м|й|ым|ой|го)$")  # "43-м"
AGE = re.compile(r"\d+-(?:летн|месячн)")  # "17-летний житель": an age says nothing of the position
QUALIFIERS = {"рк", "рф", "республики", "российской", "федерации", "казахстан", "казахстана", "россии", "сша"}
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
DASH_BETWEEN = re.compile(r"[ \t][–—][ \t]$")
# a name, what may follow it ("(Германия)", "из Кентукки"), and the next name: "Имя Фамилия и Имя ..."
LIST_AFTER = re.compile(r"(?:[А-ЯЁA-Z][\w.-]*[ \t]+){0,2}[А-ЯЁA-Z][\w.-]*(?:[ \t]*\([^()\n]{1,40}\)|[ \t]+из[ \t]+[А-ЯЁ][\w-]+)?"
                        r"(?:[ \t]*,[ \t]*|[ \t]+и[ \t]+)[А-ЯЁA-Z]")


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Heads of role phrases: the titles of officials and the occupations."""
    return resources.word_set("titles.txt") | resources.word_set("occupations.txt")


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


def case_of(token: Token) -> Optional[str]:
    """The token's grammatical case ("Gen", "Dat", ...), None when the tagger gives none."""
    values = token.morph.get("Case")
    return values[0] if values else None


def _dependent(token: Token, after_prep: bool) -> bool:
    """Can this token continue a title's dependents?"""
    if token.is_space or token.is_punct and token.text not in {"«", "»", '"', "-"}:
        return False
    if token.text.lower() in {"и"} | QUALIFIERS:
        return True
    if token.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"} or token.text[:1].isupper():
        case = case_of(token)
        if case == "Gen" or after_prep or token.pos_ == "PROPN" or token.text[:1].isupper():
            return True
    return False


def _place_dash(doc: Doc, k: int) -> bool:
    """Whether token k is the dash of a place's double name, before a capitalized word:
    "Кемеровской области - Кузбасса", "Республики Северная Осетия – Алания"."""
    return (doc[k].text in DASHES and 0 < k < len(doc) - 1
            and (doc[k - 1].text[:1].isupper() or doc[k - 1].lemma_ in REGION_NOUNS)
            and doc[k + 1].text[:1].isupper() and doc[k + 1].ent_type_ != "PER")


def _nominative(tokens: list[Token], every: bool = False) -> str:
    """Head (last of `tokens` that is a title) and the adjectives before it to the nominative
    (with `every`, also where the tagger took them for nominatives)."""
    out = []
    # the adjectives take the head's gender: "специального корреспондента" -> "специальный"
    gender = UD_GENDER.get((tokens[-1].morph.get("Gender") or [""])[0]) if tokens else None
    for t in tokens:
        if t.pos_ in {"NOUN", "ADJ", "PROPN"} and (every or case_of(t) not in (None, "Nom")):
            feats = {k: v for k, v in (f.split("=") for f in str(t.morph).split("|") if "=" in f)}
            grammemes = {"nomn", "sing"} | ({gender} if gender and t.pos_ == "ADJ" else set())
            out.append(inflect(t.text, grammemes, t.pos_, feats))
        else:
            out.append(t.text)
    return out


def _phrase(doc: Doc, first: int, head: int, last: int, every: bool = False) -> dict:
    """The role over tokens first..last (inclusive) with its head at `head`, less the words
    before the head that say nothing of the position ("Новый министр экономики")."""
    skip = _title_forms()[2]
    while first < head and (doc[first].lemma_ in skip or AGE.match(doc[first].text)):
        first += 1
    words = _nominative([doc[i] for i in range(first, head + 1)], every)
    text = ""
    for k, i in enumerate(range(first, last + 1)):
        word = words[k] if i <= head else doc[i].text
        text += word + (doc[i].whitespace_ if i < last else "")
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return {"title": " ".join(text.split()), "start": start, "end": end, "case": case_of(doc[head])}


def _extend_left(doc: Doc, head: int, floor: int) -> int:
    """The adjectives before a title head: lower case, or the sentence's capitalized first word
    ("Первый заместитель ...")."""
    first = head
    while first - 1 >= floor and doc[first - 1].pos_ == "ADJ" and (
            doc[first - 1].text.islower() or first - 1 == sentence_start(doc, first - 1)):
        first -= 1
    return first


def _animate_accusative(doc: Doc, k: int) -> bool:
    """A masculine animate title the tagger read as accusative after another title, whose
    genitive is the same form: "на Заместителя Губернатора Свердловской области"."""
    t = doc[k]
    return (case_of(t) == "Acc" and "Anim" in t.morph.get("Animacy") and "Masc" in t.morph.get("Gender")
            and k > 0 and is_title(doc[k - 1]))


def _governing_title(doc: Doc, head: int, floor: int) -> int:
    """A title in the genitive depends on a title before it, directly or over other words in
    the genitive: "заместитель Премьер-министра", "первый заместитель руководителя
    администрации президента". The title that governs the chain. (Not called for a name in
    the genitive, which has its own title in the genitive: in "советника президента России
    Владимира Путина" the name's title is "президент России".)"""
    while case_of(doc[head]) == "Gen" or _animate_accusative(doc, head):
        k = head - 1
        while k >= floor and not is_title(doc[k]) and doc[k].pos_ in {"NOUN", "PROPN", "ADJ"} and case_of(doc[k]) == "Gen":
            k -= 1
        if k >= floor and is_title(doc[k]) and doc[k].pos_ in {"NOUN", "PROPN"}:
            head = k
        else:
            break
    return head


def role_before(doc: Doc, char: int) -> Optional[dict]:
    """The role phrase that ends right before the name starting at `char`."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    i = span[0].i
    sent_start = sentence_start(doc, i)
    floor = max(sent_start, i - MAX_TOKENS)
    j = i - 1
    while j >= floor and doc[j].is_space:
        j -= 1
    # nearest title to the left, with only dependents between it and the name
    head = None
    crossed = False
    k = j
    while k >= floor:
        if is_title(doc[k]):
            head = k
            break
        opening = _opening_quote(doc, k, floor)
        if opening is not None:  # a quoted name, whatever its words: "правления АО «Самрук-Казына»"
            k = opening - 1
            continue
        # once, a title that goes on over a line break in an act's signature: "Председатель
        # Правительства\nРоссийской Федерации М.Мишустин" (the next line goes on in the genitive)
        if doc[k].is_space and doc[k].text.count("\n") == 1 and not crossed and k + 1 <= j \
                and doc[k + 1].is_alpha and doc[k + 1].text[:1].isupper() and case_of(doc[k + 1]) == "Gen":
            crossed = True
            k -= 1
            continue
        if doc[k].ent_type_ == "PER" and case_of(doc[k]) == "Gen" and case_of(doc[i]) == "Nom" and k == j \
                and k - 1 >= floor and is_title(doc[k - 1]) and case_of(doc[k - 1]) == "Nom":
            k -= 1                 # "Экс-советник Трампа Джон Болтон": whose adviser, then his name
            continue
        if (not _dependent(doc[k], after_prep=True) and doc[k].text.lower() not in PREPS and not _place_dash(doc, k)
                or doc[k].ent_type_ == "PER" and orgs.lookup(doc[k].text) is None):
            # not a dependent, or another person's name ("командир МКС Джефф Уильямс и ..."); a
            # body the model took into the name is none ("Председатель Мажилиса Ерлан Кошанов")
            return None
        k -= 1
    if head is None:
        return None
    candidate = next((k for k in range(head - 2, max(floor, head - 7) - 1, -1) if doc[k].lemma_ == "кандидат"), None) \
        if head - 2 >= floor and doc[head - 1].lower_ == "в" else None
    if candidate is not None:
        head = candidate  # "кандидат [от Республиканской партии] в вице-президенты США Майкл Пенс": the candidate's title
    if case_of(doc[head]) == "Nom" and j == head and _oblique_name(doc[i]):
        return None  # "Экс-советник Трампа": the adviser is someone else, Trump is whose
    outer = _governing_title(doc, head, floor)
    if case_of(doc[i]) != "Gen":
        head = outer
    first = _extend_left(doc, head, floor)
    if "Plur" in doc[head].morph.get("Number") and case_of(doc[head]) in (None, "Nom"):
        # "Депутаты Госдумы Адальби Шхагошев и Александр Грибов": each holds the title, in the
        # singular; "Адвокаты Берлускони": the name is whose lawyers they are
        if not LIST_AFTER.match(doc.text, doc[i].idx):
            return None
        return dict(_phrase(doc, first, head, j, every=True), shared=True)  # the next names in the list hold it too
    if any("\n" in doc[x].text for x in range(j + 1, i)) and doc.text[:doc[first].idx].rstrip(" \t")[-1:] not in ("", "\n") \
            and _sentence_opens(doc, i):
        # a sentence opening with a name under a headline takes no title from the headline's
        # words ("Совещание с членами Правительства\nВладимир Путин провёл ..."); a title line
        # above a name ("Президент Российской Федерации\nВ.Путин") and a caption under a
        # headline ("... вступает в должность президента Ирана\nХасан Рухани") give theirs
        return None
    acting = "".join(t.text for t in doc[max(0, first - 4):first]).lower().endswith(ACTING)
    if case_of(doc[head]) == "Gen" and appointed(doc, i) is not None and not acting:
        # the name appointed is in the nominative: the title in the genitive before it is of the
        # word before that ("Указом Президента Асель Жанасова назначена ...")
        return None
    role = _phrase(doc, first, head, j)
    if outer != head:
        # a name in the genitive may be the holder of either title: "советника президента России
        # Владимира Путина" (the president), "заместителя акима области Нурлана Бекназарова" (the
        # deputy, where the text names another akim): the people component decides
        role["outer"] = _phrase(doc, _extend_left(doc, outer, floor), outer, j)
    return role


def role_before_dash(doc: Doc, role: dict) -> Optional[dict]:
    """The first title of a double one joined by a dash, before `role`: "[Заместитель
    Премьер-министра] – министр финансов Мади Такиев"."""
    before = doc.text[max(0, role["start"] - 4):role["start"]]
    if not DASH_BETWEEN.search(before):
        return None
    span = doc.char_span(role["start"], role["start"] + 1, alignment_mode="expand")
    if span is None or span[0].i < 2:
        return None
    dash = doc[span[0].i - 1] if doc[span[0].i - 1].text in "–—" else None
    if dash is None:
        return None
    first = role_before(doc, dash.idx)
    if first is None or first["end"] > dash.idx:
        return None
    heads = [t for t in doc.char_span(first["start"], first["end"], alignment_mode="expand") or [] if is_title(t)]
    return first if heads and "Plur" not in heads[0].morph.get("Number") else None  # not "депутаты – члены комитета"


def _oblique_name(token: Token) -> bool:
    """The name word is in the genitive, by the tagger or, where the tagger reads a nominative,
    by every reading the dictionary has of it ("Трампа")."""
    if case_of(token) == "Gen":
        return True
    options = parses(token.text)
    return case_of(token) == "Nom" and bool(options) and all("nomn" not in p.tag for p in options) \
        and any("gent" in p.tag for p in options)


def _sentence_opens(doc: Doc, i: int) -> bool:
    """The name at token i goes on into a sentence on its line (not a caption or a signature)."""
    line_end = doc.text.find("\n", doc[i].idx)
    rest = doc.text[doc[i].idx:line_end if line_end >= 0 else len(doc.text)]
    return len(rest.split()) > 4


def in_order(words: list[str], other: list[str]) -> bool:
    """The words occur in `other` in this order, others between them allowed: the title "аким
    области" is within "аким Жамбылской области"."""
    rest = iter(other)
    return all(w in rest for w in words)


def appointed(doc: Doc, i: int) -> Optional[Token]:
    """The participle of an appointment right after the name that starts at token i
    ("назначен", "освобождена", "избран"): the name is its subject, in the nominative,
    whatever case the tagger read ("Указом Президента Асель Жанасова назначена ...")."""
    k = i
    while k < len(doc) and (doc[k].ent_type_ == "PER" or doc[k].is_alpha and doc[k].text[:1].isupper()) and k - i < 4:
        k += 1
    verb = doc[k] if k < len(doc) else None
    if verb is not None and _participle(verb) and "Plur" not in verb.morph.get("Number"):
        return verb
    return None


def _participle(token: Token) -> bool:
    """An appointment's participle: "назначен", "освобождена" (not "назначил")."""
    return token.lemma_ in PREDICATE_PARTICIPLES and (
        "Part" in token.morph.get("VerbForm") or "Short" in token.morph.get("Variant"))


def role_predicate(doc: Doc, char: int) -> Optional[dict]:
    """The role a sentence gives the name (or the pronoun) that ends at `char` as its subject:
    "Ерлан Карин назначен государственным советником", "Мусин является членом объединения
    «...»", "Кузнецова ранее работала заместителем начальника управления ...", "... освобожден
    от должности акима области", "Ранее он занимал должность вице-министра ..."."""
    span = doc.char_span(char - 1, char, alignment_mode="expand")
    if span is None or not len(span):
        return None
    k = span[-1].i + 1
    end = min(len(doc), k + 4)
    while k < end and (doc[k].lower_ in PREDICATE_FILLERS or doc[k].lemma_ == "быть"):
        k += 1
    if k + 1 < len(doc) and doc[k].lemma_ in HOLD_VERBS and doc[k + 1].lemma_ in POST_WORDS:
        k += 2  # "занимал должность заместителя министра"
        wanted = "Gen"
    elif k < len(doc) and k == span[-1].i + 1 and _after_appointment(doc, span[-1].i):
        wanted = "Ins"  # "указ о назначении Нурлана Байбазарова министром ...": the title right after the name
    elif k >= len(doc) or not (doc[k].lemma_ in PREDICATE_VERBS or _participle(doc[k])):
        return None
    elif k + 2 < len(doc) and doc[k + 1].lower_ in POST_PREPS and doc[k + 2].lemma_ in POST_WORDS:
        k += 3  # "назначен на должность министра", "освобожден от должности акима"
        wanted = "Gen"
    else:
        k += 1
        wanted = "Ins"
    while k < len(doc) and (ORDINAL.match(doc[k].text) or doc[k].lemma_ == "самый"
                            or "Sup" in doc[k].morph.get("Degree")):
        k += 1  # "43-м президентом", "самым молодым премьером": no part of the position
    first = k
    while k < len(doc) and doc[k].pos_ == "ADJ" and doc[k].is_lower and k - first < 3:
        k += 1
    # the tagger may miss the case of a title it knows little ("вице-министром")
    if k >= len(doc) or not is_title(doc[k]) or case_of(doc[k]) != wanted and not any(
            UD_CASE[wanted] in p.tag for p in parses(doc[k].text) if p.tag.POS == "NOUN"):
        return None
    return _phrase(doc, first, k, _last_dependent(doc, k), every=True)


APPOINTMENT_NOUNS = {"назначение", "назначить", "назначать"}  # "о назначении", "Назначить" before a name


def _after_appointment(doc: Doc, last: int) -> bool:
    """The name that ends at token `last` (a few capitalized words) comes right after "о
    назначении" or an act's "Назначить"."""
    k = last
    while k >= 0 and k > last - 3 and doc[k].is_alpha and doc[k].text[:1].isupper():
        k -= 1
    return 0 <= k < last and doc[k].lemma_ in APPOINTMENT_NOUNS


def role_after_dash(doc: Doc, role: Optional[dict]) -> Optional[dict]:
    """The second title of a double one after `role`, in its case: "назначен [заместителем
    Премьер-министра] – министром национальной экономики"."""
    if not role or not role.get("case"):
        return None
    span = doc.char_span(role["end"] - 1, role["end"], alignment_mode="expand")
    if span is None or not len(span):
        return None
    k = span[-1].i + 1
    if k + 1 >= len(doc) or doc[k].text not in "–—":
        return None
    first = k = k + 1
    while k < len(doc) and doc[k].pos_ == "ADJ" and doc[k].is_lower and k - first < 3:
        k += 1
    if k >= len(doc) or not is_title(doc[k]) or case_of(doc[k]) != role["case"]:
        return None
    return _phrase(doc, first, k, _last_dependent(doc, k), every=True)


def _opening_quote(doc: Doc, k: int, floor: int) -> Optional[int]:
    """The token of the quote that opens the quoted name closed at token k, on its line
    and at or after `floor`; None when token k closes no quote."""
    opener = CLOSING_QUOTES.get(doc[k].text)
    if opener is None:
        return None
    m = k - 1
    while m >= floor and doc[m].text != opener and "\n" not in doc[m].text:
        m -= 1
    return m if m >= floor and m < k - 1 and doc[m].text == opener else None


def _closing_quote(doc: Doc, k: int, window: int = 12) -> Optional[int]:
    """The token of the quote that closes the quoted name opened at token k, on its line;
    None when token k opens no quote."""
    closer = OPENING_QUOTES.get(doc[k].text)
    if closer is None or doc[k].text == '"' and k > 0 and doc[k - 1].is_alpha and not doc[k - 1].whitespace_:
        return None
    m = k + 1
    while m < len(doc) and m - k <= window and doc[m].text != closer and "\n" not in doc[m].text:
        m += 1
    return m if m < len(doc) and m > k + 1 and doc[m].text == closer else None


def role_after(doc: Doc, char: int) -> Optional[dict]:
    """The role phrase after "Имя Фамилия, ..." (apposition after a comma or a dash)."""
    span = doc.char_span(char - 1, char, alignment_mode="expand")
    if span is None or not len(span):
        return None
    i = span[-1].i + 1
    if i < len(doc) and doc[i].text == "(":  # "Томас Шефер (Thomas Schäfer), министр финансов ..."
        close = next((x for x in range(i + 1, min(len(doc), i + 8)) if doc[x].text == ")"), None)
        if close is not None and all(doc[x].is_alpha and not CYRILLIC.search(doc[x].text) for x in range(i + 1, close)):
            i = close + 1
    if i >= len(doc) or doc[i].text not in {",", "–", "—"}:  # "Смирнову Елену Викторовну – главного врача ..."
        return None
    k = i + 1
    while k < len(doc) and doc[k].pos_ == "ADJ" and doc[k].text.islower() and k - i < 4:
        k += 1
    if k >= len(doc) or not is_title(doc[k]) or "Plur" in doc[k].morph.get("Number"):
        return None  # not "..., которое провел Маулен Ашимбаев, сенаторы рассмотрели ..."
    last = _last_dependent(doc, k)
    if last + 1 < len(doc) and doc[last + 1].ent_type_ == "PER" and (
            case_of(doc[last + 1]) != "Gen" or not doc[last].is_lower):
        # "Иван Петров, министр финансов Ержан Нурмагамбетов", "Патрика Фитцжеральда,
        # начальника полиции Нью-Йорка Рэймонда Келли": the next name's title (a name in the
        # genitive after a common noun is what the title is of: "представитель фонда Анны Франк")
        return None
    return _phrase(doc, i + 1, k, last)


def _last_dependent(doc: Doc, head: int) -> int:
    """The last token of the words after a title head that depend on it ("министр [финансов]")."""
    last = head
    after_prep = False
    k = head + 1
    while k < len(doc) and k - head <= MAX_TOKENS:
        token = doc[k]
        closing = _closing_quote(doc, k)
        if closing is not None:  # a quoted name, whatever its words: "объединения «Мы против пыток»"
            last = k = closing
            k += 1
            continue
        if token.text.lower() == "и" and k + 1 < len(doc) and case_of(doc[head]) not in ("Gen", None) \
                and case_of(doc[k + 1]) == case_of(doc[head]):
            break  # a second predicate in the title's case: "спецпредставителем президента ... и одним из директоров"
        if token.text.lower() in PREPS:
            after_prep = True
        elif not _dependent(token, after_prep) and not is_title(token) and not _place_dash(doc, k) \
                or AGE.match(token.text) or token.ent_type_ == "PER" and not is_title(token):
            break  # a name ends the title; a title the NER model took for one does not ("Премьер-министра")
        if token.text.lower() != "и":
            last = k
        k += 1
    return last


# -- one position, written in several ways


@lru_cache(maxsize=1)
def _title_forms() -> tuple[dict[str, list[str]], dict[str, str], frozenset[str]]:
    table = resources.table("title_forms.json")
    return ({k: v.split() for k, v in table["short"].items()}, dict(table["prefixes"]),
            frozenset(table["not_title"]))


MINISTRY = {"министерство", "министерства", "министерству", "министерством", "министерстве"}


def position(title: str) -> str:
    """A key under which the titles of one position meet: "замминистра МВД" and "Заместитель
    министра внутренних дел", "экс-министр" and "бывший министр". Shortened title words are
    written out, a body's abbreviation is replaced by the words of its name (less the word
    "министерство", which a title of a minister leaves out)."""
    from . import organizations

    short, prefixes, _ = _title_forms()
    words: list[str] = []
    for word in title.replace("ё", "е").split():
        folded = word.casefold()
        for prefix, full in prefixes.items():
            if folded.startswith(prefix) and len(folded) > len(prefix):
                words.append(full)
                folded = folded[len(prefix):]
                word = word[len(prefix):]
        if folded in short:
            words += short[folded]
            continue
        entry = organizations.lookup(word) if word[1:] != word[1:].lower() else None  # "МВД", not "Министра"
        words += entry.name.casefold().split() if entry else [folded]
    return " ".join(w for w in words if w not in MINISTRY)


# -- titles that stand for a person the text names: "Глава государства отметил" -> the President


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


@lru_cache(maxsize=1)
def _reference_table() -> tuple[list[tuple[list[str], list[str]]], frozenset[str], frozenset[str]]:
    table = resources.table("people_references.json")
    refs = sorted(((_fold(k).split(), [_fold(t) for t in v]) for k, v in table["references"].items()),
                  key=lambda r: -len(r[0]))  # longest first: "глава государства" before "глава"
    return refs, frozenset(_fold(w) for w in table["not_after"]), frozenset(table["after_nouns"])


@lru_cache(maxsize=1)
def _role_titles() -> dict[str, str]:
    return {_fold(k): v for k, v in resources.table("people_references.json")["role_titles"].items()}


def title_of(role: dict) -> dict:
    """The role with the title a reference stands for ("Глава государства" -> "Президент")."""
    title = _role_titles().get(_fold(role["title"]))
    return {**role, "title": title} if title else role


@lru_cache(maxsize=1)
def _protagonist_references() -> frozenset[str]:
    return frozenset(_fold(k) for k in resources.table("people_references.json")["protagonist"])


def protagonist(doc: Doc, people: list[dict]) -> Optional[str]:
    """The person a release is about, where the text gives them no title: the name opening its
    headline or the paragraph after it, before a finite verb ("Олжас Бектенов провел
    совещание"), the only person of `people` without a role. None otherwise."""
    from .pipeline import ignored

    if not people:
        return None
    first = min(people, key=lambda p: p["start"])
    line = doc.text.rfind("\n", 0, first["start"]) + 1

    def kept(start: int, end: int) -> str:
        return "".join(c for k, c in enumerate(doc.text[start:end], start) if not ignored(doc, k, k + 1))

    # before it, nothing but a headline line (a scraper header's date, rubric and counter are ignored)
    if len(doc.text[:line].split("\n")) > 8 or kept(line, first["start"]).strip() \
            or len(kept(0, line).strip().splitlines()) > 1:
        return None
    verb = next((t for t in doc if t.idx >= first["end"] and not t.is_space), None)
    if verb is None or verb.pos_ not in ("VERB", "AUX") or "Fin" not in verb.morph.get("VerbForm") \
            or doc.text.find("\n", line, verb.idx) != -1:
        return None
    roleless = {p["name"] for p in people} - {p["name"] for p in people if p.get("roles")}
    return first["name"] if roleless == {first["name"]} else None


def _holds(role: str, titles: list[str]) -> bool:
    role = _fold(role)
    return any(role == t or role.startswith(t + " ") for t in titles)


def references(doc: Doc, people: list[dict], taken: list[tuple[int, int]],
               bodies: list[tuple[int, int]] = ()) -> list[tuple[int, int, str, Optional[str]]]:
    """Titles used instead of a name, each resolved to the one person of `people` (mention facts
    with "name" and "roles") who holds that title: "Президент Касым-Жомарт Токаев ... Глава
    государства отметил" -> (start, end, "Касым-Жомарт Токаев"). A title qualified in the text
    ("министр здравоохранения") must be the person's whole title; only capitalized titles count. Spans in `taken` (names and
    their role phrases) are no references, nor titles inside the name of a body in `bodies`
    ("Администрация Президента"; "Глава Правительства" is one).

    Where no one holds the title, a bare reference may name the release's `protagonist`; then
    the fourth member is the role it gives them ("Премьер-министр поручил ..." after the
    headline "Олжас Бектенов провел совещание"), else None."""
    refs, not_after, after_nouns = _reference_table()
    roles: dict[str, list[str]] = {}
    for p in people:
        roles.setdefault(p["name"], []).extend(r["title"] for r in p.get("roles", ()))
    hero = protagonist(doc, people)
    if not any(roles.values()) and hero is None:
        return []
    heads = {words[0] for words, _ in refs}
    out = []
    for token in doc:
        if token.is_punct or token.is_space or not token.text[:1].isupper() or token.text.isupper():
            continue
        lemma = _fold(token.lemma_ or token.text)
        if lemma not in heads and _fold(token.text) not in heads:
            continue
        if "Plur" in token.morph.get("Number"):
            continue
        for words, titles in refs:
            if words[0] not in {lemma, _fold(token.text)}:
                continue
            end = token.i + len(words)
            if end > len(doc) or [_fold(t.text) for t in doc[token.i + 1:end]] != words[1:]:
                continue
            start_char, end_char = token.idx, doc[end - 1].idx + len(doc[end - 1])
            head_end = token.idx + len(token)
            if any(s < end_char and start_char < e for s, e in taken) or \
                    any(s < head_end and token.idx < e for s, e in bodies):
                break
            before = token.i - 1
            while before >= 0 and doc[before].is_space:
                before -= 1
            if before >= 0 and (_fold(doc[before].text) in not_after or _fold(doc[before].lemma_ or "") in not_after):
                break
            if before >= 0 and case_of(token) == "Gen" and doc[before].pos_ in {"NOUN", "PROPN"} \
                    and _fold(doc[before].lemma_ or doc[before].text) not in after_nouns:
                break  # a dependent of another noun: "помощник Президента", "резервного фонда Президента"
            last = _last_dependent(doc, end - 1)
            if last > end - 1:  # qualified: "министр здравоохранения", "Президент России"
                qualified = _fold(_phrase(doc, token.i, token.i, last)["title"])
                holders = [n for n, rs in roles.items() if any(_holds(r, [qualified]) for r in rs)]
                if not holders and len(qualified.split()) == 2 and qualified.split()[1] in BARE_PLACES:
                    # "Аким области" for the "аким Актюбинской области" the text named
                    holders = [n for n, rs in roles.items()
                               if any(_holds(r, [words[0]]) and in_order(qualified.split(), _fold(r).split()) for r in rs)]
            else:
                holders = [n for n, rs in roles.items() if any(_holds(r, titles) for r in rs)]
                if not holders and hero is not None and " ".join(words) in _protagonist_references():
                    # in the nominative: the head declines, the words after it stay as written
                    title = " ".join([words[0]] + doc.text[start_char:end_char].split()[1:]) \
                        if " ".join(words) in titles else titles[0]
                    out.append((start_char, end_char, hero, title[:1].upper() + title[1:]))
                    break
            if len(holders) == 1:
                out.append((start_char, end_char, holders[0], None))
            break
    return out
