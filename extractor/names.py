"""Personal names to the nominative, given name first: "Касым-Жомарта Токаева" -> "Касым-Жомарт Токаев".

Works on the tokens of a name with the case and gender the backend's morphology gives,
choosing among pymorphy3's Name / Patr / Surn analyses, with suffix rules for surnames
pymorphy does not know (Kazakh and other surnames in -ов/-ев/-ин are frequent and regular).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .morph import is_known, parses, restore_case

INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")
SURNAME_SUFFIX = re.compile(r"(ов|ев|ёв|ин|ын|ский|цкий|ской|ая|их|ых|ко|ук|юк|ян|дзе|швили|ли|бай|ұлы|улы|қызы|кызы)$", re.I)

# (gender, case) -> [(ending in the text, ending in the nominative)], tried in order
SURNAME_RULES = {
    ("masc", "gent"): [("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"), ("ского", "ский"), ("цкого", "цкий"), ("а", ""),
                       ("ы", "а")],  # "Обамы", "Кисиды"
    ("masc", "accs"): [("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"), ("ского", "ский"), ("цкого", "цкий"), ("а", ""), ("у", "а")],
    ("masc", "datv"): [("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ыну", "ын"), ("скому", "ский"), ("цкому", "цкий"), ("у", "")],
    ("masc", "ablt"): [("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ыным", "ын"), ("ским", "ский"), ("цким", "цкий"), ("ом", ""), ("ем", "ь")],
    ("masc", "loct"): [("ове", "ов"), ("еве", "ев"), ("ине", "ин"), ("ыне", "ын"), ("ском", "ский"), ("е", "")],
    ("femn", "gent"): [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ыной", "ына"), ("ской", "ская"), ("цкой", "цкая")],
    ("femn", "datv"): [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ыной", "ына"), ("ской", "ская"), ("цкой", "цкая")],
    ("femn", "ablt"): [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ыной", "ына"), ("ской", "ская"), ("цкой", "цкая")],
    ("femn", "loct"): [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ыной", "ына"), ("ской", "ская"), ("цкой", "цкая")],
    ("femn", "accs"): [("ову", "ова"), ("еву", "ева"), ("ину", "ина"), ("ыну", "ына"), ("скую", "ская"), ("цкую", "цкая")],
}
# surnames in "-ия", a man's or a woman's ("Чантурия", "Шенгелия"), where the dictionary has none
IA_RULES = {"gent": ("ии", "ия"), "datv": ("ии", "ия"), "loct": ("ии", "ия"), "accs": ("ию", "ия"), "ablt": ("ией", "ия")}
SURNAME_RULES = {(gender, case): [IA_RULES[case], *rules] if case in IA_RULES else rules
                 for (gender, case), rules in SURNAME_RULES.items()}


@dataclass
class NameToken:
    text: str
    case: Optional[str] = None  # OpenCorpora case of the token in context ("gent")
    gender: Optional[str] = None  # "masc" / "femn" from the tagger


@dataclass
class Name:
    first: Optional[str] = None
    middle: Optional[str] = None
    last: Optional[str] = None
    initials: list[str] = field(default_factory=list)

    @property
    def full(self) -> str:
        if self.first:
            return " ".join(p for p in (self.first, self.middle, self.last) if p)
        if self.initials:
            return " ".join(self.initials + ([self.last] if self.last else []))
        return self.last or ""

    @property
    def key(self) -> str:
        """What mentions of one person share: the surname (or the only name given)."""
        return surname_key(self.last or self.first or "")


def surname_key(word: str) -> str:
    """A surname folded so that its masculine and feminine forms meet: Назарбаева ~ Назарбаев."""
    key = word.casefold().replace("ё", "е")
    if key.endswith(("ова", "ева", "ина", "ына")):
        return key[:-1]
    if key.endswith(("ская", "цкая")):
        return key[:-2] + "ий"
    return key


def _tagged(word: str, gram: str):
    return [p for p in parses(word) if gram in p.tag]


def is_first_name(word: str) -> bool:
    return any(p.score > 0.1 for p in _tagged(word, "Name"))


def is_patronymic(word: str) -> bool:
    return bool(_tagged(word, "Patr")) or bool(re.search(r"(ович|евич|ич|овна|евна|ична|инична)(а|у|ем|ом|е|ой|ы|ю)?$", word))


def is_surname_like(word: str) -> bool:
    return bool(_tagged(word, "Surn")) or bool(SURNAME_SUFFIX.search(word.split("-")[-1]))


def gender_of_first(word: str, case: Optional[str]) -> Optional[str]:
    options = _tagged(word, "Name")
    if case:
        options = [p for p in options if case in p.tag] or options
    if not options:
        return None
    best = max(options, key=lambda p: p.score)
    return "femn" if "femn" in best.tag else "masc"


def _inflect_tagged(word: str, gram: str, case: Optional[str], gender: Optional[str]) -> Optional[str]:
    options = _tagged(word, gram)
    if case:
        options = [p for p in options if case in p.tag]
    if gender and gram != "Name":
        options = [p for p in options if gender in p.tag or "ms-f" in p.tag] or options
    if not options:
        return None
    best = max(options, key=lambda p: p.score)
    target = {"nomn", "sing"}
    if gender and gram == "Surn":
        target.add(gender)
    form = best.inflect(target)
    return restore_case(word, form.word) if form else None


def _case_possible(word: str, gram: str, case: str) -> bool:
    options = _tagged(word, gram)
    return not options or any(case in p.tag for p in options)


FIRST_RULES = {
    ("masc", "gent"): [("ья", "ий"), ("я", "й"), ("а", "")], ("masc", "accs"): [("ья", "ий"), ("я", "й"), ("а", "")],
    ("masc", "datv"): [("ью", "ий"), ("ю", "й"), ("у", "")], ("masc", "ablt"): [("ем", "й"), ("ом", "")],
    ("masc", "loct"): [("ии", "ий"), ("е", "")],
    ("femn", "gent"): [("ии", "ия"), ("ы", "а"), ("и", "я")], ("femn", "datv"): [("ии", "ия"), ("е", "а")],
    ("femn", "loct"): [("ии", "ия"), ("е", "а")], ("femn", "accs"): [("ию", "ия"), ("у", "а"), ("ю", "я")],
    ("femn", "ablt"): [("ией", "ия"), ("ой", "а"), ("ей", "я")],
}


def first_nominative(word: str, case: Optional[str], gender: Optional[str] = None) -> str:
    """A given name in the nominative; in "Касым-Жомарта" only the last part declines."""
    if "-" in word:
        head, _, tail = word.rpartition("-")
        return head + "-" + first_nominative(tail, case, gender)
    if case in (None, "nomn"):
        return word
    known = _inflect_tagged(word, "Name", case, None)
    if known:
        return known
    if is_known(word) and _tagged(word, "Name"):
        return word  # a known name in the nominative that the case does not fit
    lower = word.lower()
    for ending, nom in FIRST_RULES.get((gender or "masc", case), []):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            if ending in {"а", "у", "ом", "е"} and not re.search(r"[бвгджзклмнпрстфхцчшщ]" + ending + "$", lower):
                continue
            return word[: len(word) - len(ending)] + nom
    return word


def middle_nominative(word: str, case: Optional[str], gender: Optional[str]) -> str:
    if case in (None, "nomn"):
        return word
    out = _inflect_tagged(word, "Patr", case, gender)
    if out:
        return out
    for ending, nom in (("овича", "ович"), ("евича", "евич"), ("овичу", "ович"), ("евичу", "евич"), ("овичем", "ович"),
                        ("евичем", "евич"), ("овны", "овна"), ("евны", "евна"), ("овне", "овна"), ("евне", "евна"),
                        ("овной", "овна"), ("евной", "евна"), ("овну", "овна"), ("евну", "евна")):
        if word.endswith(ending):
            return word[: -len(ending)] + nom
    if word[:1].isupper() and not is_patronymic(word):  # a second given name: "Реджепа Тайипа Эрдогана", not "бен"
        return first_nominative(word, case, gender)
    return word


ELDER_YOUNGER = re.compile(r"(младш|старш)(?:ий|его|ему|им|ем|ая|ей|ую|ой)", re.IGNORECASE)  # "Петров-младший"


def surname_nominative(word: str, case: Optional[str], gender: Optional[str]) -> str:
    if "-" in word and not word.endswith("-"):
        # double surnames decline in both parts: "Римского-Корсакова"; "Петровым-младшим"
        return "-".join(surname_nominative(part, case, gender) for part in word.split("-"))
    if case in (None, "nomn"):
        return word
    gender = gender or "masc"
    elder = ELDER_YOUNGER.fullmatch(word)
    if elder:
        return elder.group(1) + ("ая" if gender == "femn" else "ий")
    out = _inflect_tagged(word, "Surn", case, gender)
    if out:
        return out
    lower = word.lower()
    for ending, nom in SURNAME_RULES.get((gender, case), []):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            if ending in {"а", "у", "ом", "е", "ем"} and not re.search(r"[бвгджзклмнпрстфхцчшщ]" + ending + "$", lower):
                continue
            return word[: len(word) - len(ending)] + nom
    return word


CASE_ORDER = ("nomn", "gent", "datv", "accs", "ablt", "loct")
ORDINARY = {"masc": "аеуыо", "femn": "аеуыо"}


def surname_gender(word: str) -> Optional[str]:
    """Gender a surname's form shows by itself (-овой, -евой: feminine), else None."""
    lower = word.lower()
    if lower.endswith(("овой", "евой", "иной", "ыной", "ская", "цкая", "ской", "скую")):
        return "femn"
    if lower.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")):
        return "masc"  # "Бейсембаев": feminine forms of these surnames never end so
    if lower.endswith(("овым", "евым", "иным", "ыным", "ову", "еву", "ским", "ского", "скому")):
        return "masc" if not lower.endswith(("ову", "еву")) else None
    return None


def gender_of_name(name: str) -> Optional[str]:
    """"masc" or "femn" by a full name in the nominative ("Айжан Бекова"): its surname's ending,
    else its first name where the dictionary knows it; None when unsure ("Абий Ахмед Али")."""
    words = name.split()
    if words[-1].lower().endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")):
        return "femn"  # in the nominative, not the genitive of "-ов" that `surname_gender` allows for
    if surname_gender(words[-1]) == "masc":
        return "masc"
    if len(words) > 1 and not words[0].endswith(".") and is_known(words[0].lower()):
        return gender_of_first(words[0], "nomn")
    return None


def possible_cases(word: str, gram: str, gender: Optional[str]) -> set[str]:
    """Cases the form of a name part allows; empty when nothing is known of it."""
    if gram == "Name" and not is_known(word):
        return set()  # pymorphy's guesses for unknown given names are no evidence
    cases = {c for p in _tagged(word, gram) for c in CASE_ORDER if c in p.tag and "sing" in p.tag
             and (gram == "Name" or not gender or gender in p.tag or "ms-f" in p.tag)}
    if cases or gram != "Surn":
        return cases
    lower = word.lower()
    for (g, c), rules in SURNAME_RULES.items():
        if gender and g != gender:
            continue
        if any(lower.endswith(ending) and len(ending) > 1 for ending, _ in rules):
            cases.add(c)
    if re.search(r"(ов|ев|ёв|ин|ын|ский|цкий)$", lower) and gender != "femn":
        cases.add("nomn")  # "Бейсембаев": a masculine surname in the nominative
    elif cases and re.search(r"(ова|ева|ина|ына|ская)$", lower) and gender != "masc":
        cases.add("nomn")
    return cases


def agreed_case(parts, gender: Optional[str], tagged: Optional[str]) -> Optional[str]:
    """The case all parts of a name allow; the tagger's choice among them when it has one."""
    allowed: Optional[set[str]] = None
    # the surname's and patronymic's forms say more than a given name's
    for token, gram in sorted(parts, key=lambda part: ("Patr", "Surn", "Name").index(part[1])):
        if token is None:
            continue
        cases = possible_cases(token.text, gram, gender)
        if cases:
            allowed = cases if allowed is None else (allowed & cases or allowed)
    own = next((t.case for t, _ in parts if t is not None and t.case), None) or tagged
    if not allowed:
        return own
    if own in allowed:
        return own
    return next(c for c in CASE_ORDER if c in allowed)


def normalize(tokens: list[NameToken]) -> Name:
    """The parts of a name in the nominative, from its tokens in text order."""
    name = Name()
    words = [t for t in tokens if not INITIAL.match(t.text)]
    name.initials = [t.text for t in tokens if INITIAL.match(t.text)]
    case = next((t.case for t in words if t.case), None)
    if not words:
        return name
    # order: "Иванов Николай Сергеевич" (official) or "Николай Сергеевич Иванов"
    texts = [t.text for t in words]
    if len(words) == 3 and is_patronymic(texts[-1]) and not is_patronymic(texts[1]):
        last, first, middle = words  # "Шайхиева Ислама Шакировича": surname, name, patronymic
    elif len(words) == 1:
        first = middle = None
        last = words[0]
        if name.initials:
            pass
        elif is_first_name(texts[0]) and not is_surname_like(texts[0]):
            first, last = words[0], None
    elif len(words) == 2 and is_patronymic(texts[1]) and not is_surname_like(texts[1]):
        first, middle, last = words[0], words[1], None
    else:
        first, last = words[0], words[-1]
        middle = words[1] if len(words) == 3 else None
        if len(words) == 2 and is_surname_like(texts[0]) and not is_surname_like(texts[1]) and is_first_name(texts[1]) \
                and not is_first_name(texts[0]):
            first, last = words[1], words[0]
    gender = surname_gender(last.text) if last is not None else None
    if gender is None and middle is not None:
        gender = "femn" if re.search(r"(вн|чн)\w*$", middle.text) else "masc"
    if gender is None and last is not None and last.gender == "femn" and re.search(r"(ова|ева|ёва|ина|ына|ая)$", last.text):
        gender = "femn"  # the tagger saw "Альназарова посетила"
    if gender is None and last is not None and last.gender != "femn" and case not in (None, "nomn") \
            and re.search(r"(ова|ева|ёва|ина|ына)$", last.text):
        gender = "masc"  # in a case other than the nominative "-ова" is a man's: "письмо Садыра Жапарова"
    if gender is None and last is not None and case not in (None, "datv") and re.search(r"(ову|еву|ину|ыну)$", last.text):
        gender = "femn"  # "-ову" is a man's dative or a woman's accusative: "принял министра Акмарал Альназарову"
    if gender is None and first is not None and is_known(first.text):
        gender = gender_of_first(first.text, first.case or case)
    case = agreed_case([(first, "Name"), (middle, "Patr"), (last, "Surn")], gender, case)
    if gender is None and last is not None and case == "nomn" and re.search(r"(ова|ева|ёва|ина|ына|ая)$", last.text):
        gender = "femn"
    if gender is None:
        gender = next((t.gender for t in words if t.gender), None) or "masc"
    if first is not None:
        name.first = first_nominative(first.text, case, gender)
    if middle is not None:
        name.middle = middle_nominative(middle.text, case, gender)
    if last is not None:
        name.last = surname_nominative(last.text, case, gender)
    if name.initials:
        name.initials = [i if i.endswith(".") else i + "." for i in name.initials]
    return name
