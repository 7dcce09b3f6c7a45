"""Organizations: canonical nominative names, aliases, every mention.

Three sources, in order of trust:
1. the gazetteer of state bodies, matched by lemmas (any case form; short forms like
   "Кабмин" and "Минфин" resolve to their canonical names);
2. coordinated lists of ministries, split with the gazetteer's complements:
   "министерствам национальной экономики, промышленности и строительства, финансов" ->
   three ministries, each mention at its own words;
3. the backend's ORG entities, put into the nominative; a place right after an
   organization head ("акимата Алматы", "прокуратуры Акмолинской области") is joined to it.
Generic groups ("профильные министерства", "госорганы") are not organizations.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .. import organizations as orgs
from .. import resources
from ..morph import is_known, parses
from ..pipeline import ignored
from ..roles import case_of, is_title
from .base import facts, lemma_ids, opens_place_date_line, token_at, with_lemma, with_text, write_group

DOMAIN = re.compile(r"(?<![A-Za-z0-9.@])(?:https?://)?(?:www\.)?([A-Za-z][A-Za-z0-9-]*|[А-ЯЁ][а-яё-]+)"
                    r"\.(gov\.kz|kz|ru|com|net|org|news|info|su|ua|by|uz|kg)(?![a-z0-9])")
QUOTED = re.compile(r"[«\"“„]([^«»\"“”„\n]{2,60})[»\"”“]")
WIKI_QUOTED = re.compile(r"(?<!')''([^'\n]{2,60})''(?!')")
PAREN_ALIAS = re.compile(r"\s?\((?:англ\.\s*)?([A-ZА-ЯЁ][A-ZА-ЯЁ0-9&-]*[A-ZА-ЯЁ][а-яёA-ZА-ЯЁ0-9&-]*|[A-Z][A-Za-z0-9&.'’ -]{1,40}[A-Za-z.])\)")
CAPITAL_PREP = re.compile(r"\s(?:При|По|С|В|На|Их|Для|От|Об|О)\s")
PLACE_WORDS = {"город", "область", "район", "поселок", "посёлок", "село", "аул", "округ"}
REGION_WORDS = {"область", "район", "край", "округ"}  # named by an adjective: "Жамбылская область"
REGION_ADJECTIVE = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*(?:ой|ей|ого|его)")  # genitive singular
# "при" between a body and the body or post it is attached to, on one line
ATTACHED = re.compile(r"[ \t\u00a0]+при[ \t\u00a0]+")
ATTACHED_POST = re.compile(
    r"(?:Президенте|Премьер-[Мм]инистре)(?:[ \t\u00a0]+(?:" + "|".join(map(re.escape, orgs.QUALIFIERS)) + r"))?(?![\w-])")
ABBREV = re.compile(r"\s*\(([A-ZА-ЯЁ][A-ZА-ЯЁа-яё-]{1,12})\)$")
QUALIFIER_WORDS = [orgs.words_of(q) for q in orgs.QUALIFIERS]
ACTION_NOUN = re.compile(r"(?:ание|ение)$")  # lemmas of verbal nouns ("абсорбирование")
TITLE_WORD = re.compile(r"[А-ЯЁа-яё][а-яё]{3,}")  # a word of four letters or more, not an abbreviation
TITLE_CASE_WORDS = 6
HEADING_CHARS = 400  # a heading's line is shorter
PRESS_OFFICE = ("служба прессы", "пресс-служба")  # how a body speaks, not a body of its own
CITY_HEADS = {"акимат", "маслихат"}  # a city's own bodies, named by "городской" or "столичный"
REGION_HEADS = {"правительство"}  # a region's own: "областного правительства" -> "Правительство Московской области"
LOCAL_HEADS = {"управление", "департамент", "отдел", "инспекция"}  # named with what they are of: "управление образования"
COMMITTEE_HEADS = {"комитет"}  # named in lower case by what it is for: "комитет по финансам и бюджету"
LOCAL_ADJECTIVES = {"столичный": "capital", "городской": "city", "областной": "region", "региональный": "region"}
GENERIC_REGIONS = {"региона", "области", "края"}  # "Правительства области": the region's, not the national one
GENERIC_WORDS = GENERIC_REGIONS | {"республики"}  # "Правительства республики": a Russian republic's (_generic_region)
LOCAL_BODY_HEADS = CITY_HEADS | REGION_HEADS | LOCAL_HEADS
LOCAL_WORD = re.compile(r"(?<![\w-])(?:столичн|городск|областн|региональн)[а-яё]+ (?=[а-яё])")  # where `local_bodies` looks
COMMITTEE_WORD = re.compile(r"(?<![\w-])[Кк]омитет[а-яё]* по(?![\w-])")  # where `committees` looks
NATIONAL = {"Российской Федерации", "Республики Казахстан"}  # a national ministry's qualifiers
STATE_FORMS = {"королевство", "республика", "княжество", "эмират", "султанат", "государство"}
# heads of a body named by what it is of, written with a capital: "Комитет
# санитарно-эпидемиологического контроля", "Департамент государственных доходов"
NAMED_HEADS = {"комитет", "департамент", "агентство", "управление", "инспекция"}
NAMED_WORD = re.compile(r"(?<![\w-])(?:Комитет|Департамент|Агентств|Управлени|Инспекци)[а-яё]* [а-яё]")
MINISTRY_WORD = re.compile(r"(?<![\w-])Министерств[а-яё]* [а-яё]")  # where `ministries` looks
# the region a ministry is of: "Свердловской области", "Российской Федерации", "Республики Татарстан"
REGION_OF = re.compile(r" (?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*(?:ой|ей) (?:области|Федерации|Республики|края)"
                       r"|Республики(?: [А-ЯЁ][а-яё]+){1,2}|[А-ЯЁ][а-яё]+(?:ого|его) (?:края|округа))")
CITY_WORD = re.compile(r" (?:города|г\.) (?=[А-ЯЁ])")  # "Акимат города Алматы" is "Акимат Алматы"
ABBREVIATION_SKIPS = {"по", "и", "в", "на", "при", "с", "для", "за"}  # no letter of their own: "ДЧС"
# "Москва, " opening the line, or after its date ("24 ноября 2026 года, 16:00, Москва, Кремль")
SIGNATURE_CITY = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,2}[ \t]+[а-яё]+[ \t]+\d{4}[ \t]*(?:года|г\.)?(?:,?[ \t]*\d{1,2}:\d{2})?,?[ \t]*)?"
                            r"[А-ЯЁ][а-яё-]+,[ \t]*$")
LINE_END = re.compile(r"[ \t]*(?:\n|$)")


class LemmaPhrases:
    """Phrases matched by their tokens' lemmas: (name, start, end) of every occurrence, in
    the order of spaCy's PhraseMatcher on the LEMMA attribute (by start, then shorter
    first). A dictionary by first lemma: building spaCy's matcher made a Doc of each of the
    gazetteer's 470 names and aliases, a twentieth of a second of every start."""

    def __init__(self):
        self.by_first: dict[int, list[tuple[tuple[int, ...], str]]] = {}  # by the lemmas' string ids

    def add(self, name: str, lemmas: list[str]) -> None:
        if lemmas:
            ids = tuple(get_string_id(lemma) for lemma in lemmas)
            self.by_first.setdefault(ids[0], []).append((ids, name))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        lemmas = lemma_ids(doc)
        found = []
        for i, first in enumerate(lemmas):
            for phrase, name in self.by_first.get(first, ()):
                end = i + len(phrase)
                if tuple(lemmas[i:end]) == phrase:
                    found.append((i, end, name))
        found.sort(key=lambda m: (m[0], m[1]))  # stable: names of one span stay in the order added
        return [(name, start, end) for start, end, name in found]


class OrganizationsComponent:
    def __init__(self, nlp: Language):
        self.matcher = LemmaPhrases()
        seen = set()
        for entry in orgs.gazetteer()[1]:
            for form in [entry.name] + entry.aliases:
                words = orgs.words_of(form)
                if tuple(words) in seen:
                    continue
                seen.add(tuple(words))
                lemmas = [orgs.word_lemma(w) for w in words]
                self.matcher.add(entry.name, [lemma.replace("ё", "е") for lemma in lemmas])
                if any("ё" in lemma for lemma in lemmas):  # the tagger's lemmas keep "ё": "Счетному" -> "счётный"
                    self.matcher.add(entry.name, lemmas)

    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, "organizations", "ORG", self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[dict]:
        found: list[dict] = []
        found += self.ministry_lists(doc)
        found += self.place_lists(doc)
        found += self.gazetteer_matches(doc)
        found += self.spelled_abbreviations(doc)  # before the entities: of one span, the spelled-out name wins
        found += self.entities(doc)
        found += self.domains(doc)
        found += self.quoted(doc)
        found += self.local_bodies(doc)
        found += self.city_bodies(doc)
        found += self.committees(doc)
        found += self.ministries(doc)
        found += self.headed(doc)
        # earlier sources win; a longer entity that contains a gazetteer name is another body
        found = self._without_tails(doc, found)
        out: list[dict] = []
        for item in sorted(found, key=lambda f: (f["priority"], -(f["end"] - f["start"]))):
            if ignored(doc, item["start"], item["end"]):
                continue
            if any(o["start"] < item["end"] and item["start"] < o["end"] for o in out):
                continue
            out.append(item)
        self.join_parents(doc, out)
        self.join_attached(doc, out)
        out += self.abbreviations(doc, out)
        out += self.repeats(doc, out)
        country = orgs.text_country(doc.text)
        self.same_bodies(out, country)
        out += self.anaphors(doc, out)
        for item in out:
            item.pop("priority", None)
            item["aliases"] = orgs.own_aliases(item["aliases"], country)
        return out

    @staticmethod
    def _without_tails(doc: Doc, found: list[dict]) -> list[dict]:
        """A body named at the end of another's name is not listed for that mention: "Комитет
        по международным делам, обороне и безопасности [Сената]" is the committee's name."""
        heads = orgs.heads()
        named = [f for f in found if f["priority"] == 2 and f["kind"] is None]
        tails = set()
        for k, item in enumerate(found):
            # an international body after another is its parent, joined later ("Совет Безопасности ООН")
            words = orgs.words_of(item["name"])
            if item["priority"] != 1 or item["kind"] == "international" or not words:
                continue
            own_head = orgs.word_lemma(words[0])
            for body in named:
                if body["start"] < item["start"] and body["end"] == item["end"]:
                    first = doc.char_span(body["start"], body["start"] + 1, alignment_mode="expand")
                    # "администрации Кремля" names the Administration by its alias: the gazetteer's body
                    if first is not None and len(first) and first[0].lemma_ in heads and first[0].lemma_ != own_head \
                            and not doc.text[body["start"]:body["end"]].lower().startswith(PRESS_OFFICE):
                        tails.add(k)
        return [f for k, f in enumerate(found) if k not in tails]

    # -- sources

    @staticmethod
    def anaphors(doc: Doc, named: list[dict]) -> list[dict]:
        """A bare head noun that refers back to the one body of the text named with it:
        "Департамент полиции СКО ... полиция задержала" -> a mention of the Department;
        "Агентства по защите и развитию конкуренции ... Агентству поручено" -> the Agency;
        a generic word ("ведомство", `orgs.generic_anaphors`) -> the one body named before it
        whose name holds one of the heads it stands for (a ministry, an agency, a committee ...)."""
        items = []
        heads = orgs.anaphoric_heads()
        generic = orgs.generic_anaphors()
        for token in with_lemma(doc, set(heads) | set(generic)):
            if ignored(doc, token.idx, token.idx + len(token)):
                continue
            # lower case, or capitalized as official texts write it ("поручил Агентству")
            if not (token.is_lower or token.text[:1].isupper() and token.text[1:].islower()) \
                    or "Plur" in token.morph.get("Number"):
                continue
            start, end = token.idx, token.idx + len(token)
            if any(o["start"] < end and start < o["end"] for o in named + items):
                continue
            if token.lemma_ in generic:  # "ведомство": a body named before whose name holds one of its heads
                bodies = {o["name"]: o for o in named if o["start"] < start
                          and generic[token.lemma_] & set(orgs.key(o["name"]).split())}
            else:
                bodies = {o["name"]: o for o in named if token.lemma_ in orgs.key(o["name"]).split()}
            complement = _complement(doc, token.i)
            if complement is not None:  # "управлению городской мобильности": another body, unless named so
                bodies = {n: o for n, o in bodies.items() if complement in orgs.key(n).split()}
            if len(bodies) == 1:
                body = next(iter(bodies.values()))
                if complement is not None:  # the mention goes on over the rest of the name written after it
                    end = _name_rest_end(doc, token.i, orgs.key(body["name"]).split(), end)
                items.append({"start": start, "end": end, "name": body["name"], "aliases": body["aliases"],
                              "kind": body["kind"]})
        return items

    @staticmethod
    def same_bodies(named: list[dict], country: str | None = None) -> None:
        """One body under two names of a text gets one name, the other kept as an alias:
        "Акимат Алматы" and "Акимат города Алматы" (the first written is the name);
        "Петропавловский завод" and, in full, "Петропавловский завод тяжелого машиностроения"
        (the full name; a longer name that goes on with capitals is another body:
        "Верховный суд" and "Верховный суд Республики Коми"); a ministry under the names two
        countries give theirs is the text's `country`'s ("Минтруд" of a Russian text:
        "Министерство труда и социальной защиты", not Kazakhstan's "... населения")."""
        first: dict[str, dict] = {}
        for item in sorted(named, key=lambda o: o["start"]):
            first.setdefault(item["name"], item)
        target: dict[str, str] = {}
        written: dict[str, str] = {}
        for name in first:
            written.setdefault(CITY_WORD.sub(" ", name), name)
        for name in first:
            same = written[CITY_WORD.sub(" ", name)]
            if same != name:
                target[name] = same
        for short in first:  # "ДП Алматы" is "Департамент полиции Алматы"
            full = _spelled_out(short, first)
            if full is not None and short not in target:
                target[short] = full
        bodies = {orgs.key(name) for name in first}  # the text's bodies, by their lemma keys
        for short, item in first.items():
            if short in target or " " not in short:
                continue
            if item.get("kind") == "ministry":  # one ministry as two countries name theirs (Минтруд)
                longer = [n for n in first if n.startswith(short + " ") and n[len(short) + 1:].islower()
                          and first[n].get("kind") == "ministry" and n not in target]
                if len(longer) == 1 and country is not None:
                    own = [n for n in (short, longer[0]) if country in orgs.ministry_countries(n)]
                    if len(own) == 1:
                        other = longer[0] if own[0] == short else short
                        target[other] = own[0]
                continue
            if item.get("kind") is not None:
                continue
            # the rest in lower case, or another body, of the text or the gazetteer: "Совет
            # директоров" is "Совет директоров Банка России"
            longer = [name for name in first if name.startswith(short + " ") and name not in target
                      and _rest_of_name(name[len(short) + 1:], bodies)]
            if len(longer) == 1:
                target[short] = longer[0]
        for item in named:
            name = target.get(item["name"])
            if name is None:
                continue
            body = first[name]
            old = item["name"]
            item.update(name=name, kind=body.get("kind"),
                        aliases=[*body["aliases"], *[a for a in [old, *item["aliases"]] if a not in body["aliases"]]])

    @staticmethod
    def join_parents(doc: Doc, named: list[dict]) -> None:
        """A body followed by the abbreviation of the international organization it belongs to
        is one body: "Совет Безопасности ООН", "Генеральная ассамблея ООН"."""
        by_start = {o["start"]: o for o in named}
        for item in sorted(named, key=lambda o: o["start"]):
            parent = by_start.get(item["end"] + 1)
            if parent is None or parent is item or parent not in named or doc.text[item["end"]] != " ":
                continue
            text, parent_text = doc.text[item["start"]:item["end"]], doc.text[parent["start"]:parent["end"]]
            if parent.get("kind") != "international" or not parent_text.isupper() or text.isupper():
                continue
            item.update(end=parent["end"], name=f"{item['name']} {parent_text}", aliases=[], kind=None)
            named.remove(parent)

    @staticmethod
    def join_attached(doc: Doc, named: list[dict]) -> None:
        """A body "при" another is one body, named with what it is attached to: "Совет по
        ... при Сенате", "Академия ... при Президенте Республики Казахстан" (the country
        qualifier goes to the alias, as elsewhere). The body named inside is not listed for
        that mention, and the same name without "при" elsewhere in the text is that body."""
        by_start = {o["start"]: o for o in named}
        joined: dict[str, dict] = {}  # a name before "при" -> the item it was joined into
        for item in sorted(named, key=lambda o: o["start"]):
            at = ATTACHED.match(doc.text, item["end"])
            if item not in named or at is None:
                continue
            host = by_start.get(at.end())
            if host is not None and host is not item and host in named:
                end = host["end"]
            else:
                post = ATTACHED_POST.match(doc.text, at.end())
                if post is None:
                    continue
                end, host = post.end(), None
            written = doc.text[at.end():end]
            plain = item["name"]
            short = next((written[: -len(q) - 1] for q in orgs.QUALIFIERS if written.endswith(" " + q)), written)
            item.update(end=end, name=f"{item['name']} при {short}",
                        aliases=[f"{item['name']} при {written}"] if short != written else [])
            if host is not None:
                named.remove(host)
            joined[plain] = item
        for item in named:  # "Академия государственного управления" after "... при Президенте": the same body
            full = joined.get(item["name"])
            if full is not None and full is not item:
                item.update(name=full["name"], aliases=list(full["aliases"]))

    @staticmethod
    def abbreviations(doc: Doc, named: list[dict]) -> list[dict]:
        """A short form in parentheses right after a name is a mention of the same body:
        "Форума стран-экспортеров газа (ФСЭГ)", "Гражданская демократическая партия (ODS)"."""
        items = []
        for item in named:
            m = PAREN_ALIAS.match(doc.text, item["end"])
            if m is None or ignored(doc, m.start(1), m.end(1)) or orgs.is_generic(m.group(1)):
                continue
            if any(ent.label_ != "ORG" and ent.start_char < m.end(1) and m.start(1) < ent.end_char for ent in doc.ents):
                continue  # "(Россия)", "(Иван Петров)"
            if any(o["start"] < m.end(1) and m.start(1) < o["end"] for o in named + items if o is not item):
                continue
            aliases = item["aliases"] + ([m.group(1)] if m.group(1) not in item["aliases"] else [])
            item["aliases"] = aliases
            items.append(dict(item, start=m.start(1), end=m.end(1), aliases=list(aliases)))
        return items

    @staticmethod
    def repeats(doc: Doc, named: list[dict]) -> list[dict]:
        """A name found once through its context (a quoted name after "банк", an entity, a short
        form in parentheses) is a mention wherever the text repeats it as written:
        "банка «ГПБ-Ипотека» ... ГПБ-Ипотека", "(ODS) ... ODS"."""
        forms: dict[str, dict] = {}
        for item in sorted(named, key=lambda o: not PAREN_ALIAS.match(doc.text, o["end"])):  # defined forms first
            defined = PAREN_ALIAS.match(doc.text, item["end"])
            if item.get("kind") is not None and not defined:
                continue  # gazetteer bodies are found everywhere already
            for form in {doc.text[item["start"]:item["end"]], *item["aliases"]}:
                if len(form) > 1 and form[:1].isupper() and "\n" not in form:
                    forms.setdefault(form, item)
        for item in named:  # the entity "ODS" after "партия (ODS)" is that party
            owner = forms.get(doc.text[item["start"]:item["end"]])
            if owner is not None and owner is not item and item.get("kind") is None and owner["name"] != item["name"]:
                item.update(name=owner["name"], aliases=list(owner["aliases"]), kind=owner.get("kind"))
        if not forms:
            return []
        items = []
        others = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"]
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                             + r")(?![\w-])")
        for m in pattern.finditer(doc.text):
            s, e = m.span(1)
            if any(o["start"] < e and s < o["end"] for o in named + items) or any(a < e and s < b for a, b in others):
                continue
            if ignored(doc, s, e):
                continue
            item = forms[m.group(1)]
            items.append(dict(item, start=s, end=e, aliases=list(item["aliases"])))
        return items

    def gazetteer_matches(self, doc: Doc) -> list[dict]:
        items = []
        places = _genitive_places(doc)
        matches = list(self.matcher(doc))
        spans = {(start, end) for _, start, end in matches}
        for name, start, end in matches:
            span = doc[start:end]
            text = span.text
            entry = orgs.lookup(name)
            if entry is None:
                continue
            # an abbreviation matches only as written in capitals ("ЕС", not "ес")
            if not text.isupper() and any(a.isupper() and a.casefold() == text.casefold() for a in entry.aliases):
                continue
            if start > 0 and doc[start - 1].lemma_ in orgs.local_adjectives() and doc[start - 1].text.islower():
                continue  # "областного правительства": a region's own, not the Government
            if _signature_place(doc, span.start_char, span.end_char) \
                    or opens_place_date_line(doc.text, span.start_char, span.end_char):
                continue  # "Москва, Кремль" under an act, "Акорда, 20 ноября 2026 года": where it was written
            if doc[start].lemma_ in REGION_HEADS and end < len(doc) and doc[end].text in GENERIC_WORDS:
                region = _generic_region(doc, doc[end].text)  # "в Правительстве региона": the one region the text names
                if region:
                    items.append(self._item(doc[start].idx, doc[end].idx + len(doc[end]),
                                            f"{entry.name} {region}", [], None, priority=1))
                if region or doc[end].text in GENERIC_REGIONS:
                    continue  # "Правительства республики" of no republic named: the country's (Kazakhstan's)
            qualified = self._qualifier_end(doc, end)
            placed = self._place_end(doc, end, places) if qualified == end else end
            republic = _republic_at(doc, end) if max(qualified, placed) == end else None
            if republic is not None:  # "Кабинет Министров Чувашской Республики": the republic's, not the Government
                stop, genitive = republic
                written = orgs.capitalize(orgs.nominative(list(doc[start:end]))) if end - start > 1 else entry.name
                items.append(self._item(doc[start].idx, doc[stop - 1].idx + len(doc[stop - 1]), f"{written} {genitive}",
                                        [], None, priority=1))
                continue
            if max(qualified, placed) > end and (start, max(qualified, placed)) in spans:
                continue  # "МЧС России" is an alias of its own, not Kazakhstan's "МЧС" of Russia
            name, aliases = entry.name, entry.aliases
            if placed > end:  # "Правительство Москвы" is not the Government
                # a name of several words as written ("Кабинет министров Украины"), a short one expanded
                written = orgs.capitalize(orgs.nominative(list(doc[start:end]))) if end - start > 1 else entry.name
                if written.casefold() == entry.name.casefold():
                    written = entry.name
                name = f"{written} {doc[end:placed].text}"
                aliases = []
            end = max(qualified, placed)
            items.append(self._item(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), name, aliases,
                                    entry.kind, priority=1))
        return items

    def ministry_lists(self, doc: Doc) -> list[dict]:
        items = []
        comps = orgs.ministry_complements()
        for token in with_lemma(doc, ["министерство"]):
            plural = "Plur" in token.morph.get("Number")
            pos = token.i + 1
            parts = []
            while pos < len(doc):
                match = next((c for c in comps if [t.lemma_.replace("ё", "е") for t in doc[pos:pos + len(c)]] == c), None)
                if match is None:
                    break
                parts.append((pos, pos + len(match)))
                pos += len(match)
                if pos < len(doc) and doc[pos].text == "," and pos + 1 < len(doc) and doc[pos + 1].text.lower() == "а" \
                        and pos + 2 < len(doc) and doc[pos + 2].text.lower() == "также":
                    pos += 3
                elif pos < len(doc) and doc[pos].text in {",", "и"}:
                    pos += 1
                    if doc[pos - 1].text == "," and pos < len(doc) and doc[pos].text == "и":
                        pos += 1
                else:
                    break
            if not parts or (not plural and len(parts) < 2):
                continue
            for k, (s, e) in enumerate(parts):
                comp_text = doc[s:e].text
                name = f"Министерство {comp_text}"
                entry = orgs.lookup(name)
                start = token.idx if k == 0 else doc[s].idx
                items.append(self._item(start, doc[e - 1].idx + len(doc[e - 1]), entry.name if entry else name,
                                        entry.aliases if entry else [], "ministry", priority=0))
        return items

    @staticmethod
    def place_lists(doc: Doc) -> list[dict]:
        """Bodies of several places named once: "акиматам городов Астаны, Алматы и Шымкента"
        gives "Акимат Астаны", "Акимат Алматы", "Акимат Шымкента"."""
        items = []
        places = {ent.start: ent.end for ent in doc.ents if ent.label_ == "LOC"}
        named = {i for ent in doc.ents if ent.label_ != "LOC" for i in range(ent.start, ent.end)}  # people, bodies
        for token in with_lemma(doc, orgs.place_heads()):  # plural by sense: the tagger's number is unsure here
            pos = token.i + 1  # over the words for places: "акиматам [областей, городов] Астаны"
            while pos < len(doc) and (doc[pos].lemma_ in PLACE_WORDS and "Plur" in doc[pos].morph.get("Number")
                                      or doc[pos].text == "," and pos > token.i + 1):
                pos += 1
            parts = []
            # the first a place the model found; the next ones may be just capitalized names
            while pos in places or parts and pos < len(doc) and doc[pos].pos_ == "PROPN" and doc[pos].text[:1].isupper() \
                    and pos not in named:
                end = places.get(pos, pos + 1)
                parts.append((pos, end))
                pos = end
                if pos < len(doc) and doc[pos].text in {",", "и"}:
                    pos += 1 + (doc[pos].text == "," and pos + 1 < len(doc) and doc[pos + 1].text == "и")
                else:
                    break
            head = orgs.capitalize(token.lemma_)
            regions, names = _region_list(doc, token.i + 1, head)  # "Алматинской и Жамбылской областей"
            if regions:
                parts = regions
            elif len(parts) >= 2:
                names = [f"{head} {doc[s:e].text}" for s, e in parts]
            else:
                continue
            for k, ((s, e), name) in enumerate(zip(parts, names)):
                start = token.idx if k == 0 else doc[s].idx
                item = OrganizationsComponent._item(start, doc[e - 1].idx + len(doc[e - 1]), name, [], None, priority=0)
                item["list"] = token.idx  # the bodies named together: one addressee of a directive (parties.py)
                items.append(item)
        return items

    def entities(self, doc: Doc) -> list[dict]:
        items = []
        places = _genitive_places(doc)
        for start, end, label in self._entity_spans(doc):
            tokens = list(doc[start:end])
            while tokens and (tokens[-1].is_punct and tokens[-1].text not in {"»", '"', ")"} or tokens[-1].is_space):
                tokens.pop()
            while tokens and (tokens[0].is_punct and tokens[0].text not in {"«", '"'} or tokens[0].is_space):
                tokens.pop(0)
            tokens = _without_post(tokens)
            while tokens and _predicate(tokens[-1]):  # "[Совета] взяты министерствами": the tagger ran on
                tokens.pop()
            if not tokens or not self._plausible(tokens):
                continue
            end = self._place_end(doc, tokens[-1].i + 1, places)
            region = ""
            if end == tokens[-1].i + 1 and end < len(doc) and doc[end].text in GENERIC_WORDS and tokens[0].lemma_ in NAMED_HEADS:
                region = _generic_region(doc, doc[end].text)  # "Департамента по чрезвычайным ситуациям области": the text's region's
                end += bool(region)
            tokens = list(doc[tokens[0].i:end])
            name = orgs.capitalize(orgs.nominative(tokens[:-1] if region else tokens)) + (f" {region}" if region else "")
            aliases = []
            abbrev = ABBREV.search(name)
            if abbrev:  # "Совет ... обороны (СНБО)": the abbreviation is a mention of its own (abbreviations())
                name, aliases = name[: abbrev.start()], [abbrev.group(1)]
                tokens = tokens[: max(i for i, t in enumerate(tokens) if t.text == "(")]
                if not tokens:
                    continue
            if orgs.is_generic(name) or not re.search(r"\w", name):
                continue
            entry = orgs.lookup(name)
            for qualifier in orgs.QUALIFIERS:
                if entry is None and name.endswith(" " + qualifier) and len(name) > len(qualifier) + 8:
                    aliases.append(name)  # "... Президента Российской Федерации" -> "... Президента"
                    name = name[: -len(qualifier) - 1]
                    break
            if " " not in name and tokens[0].is_lower and name.lower() in orgs.heads() and tokens[0].i > 0 \
                    and doc[tokens[0].i - 1].pos_ == "ADJ" and doc[tokens[0].i - 1].is_lower:
                continue  # "[государственного] управления Республики Казахстан": no body's name
            if opens_place_date_line(doc.text, tokens[0].idx, tokens[-1].idx + len(tokens[-1])):
                continue  # "Акорда, 20 ноября 2026 года": where the release was written
            s, e = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            if entry is not None:
                items.append(self._item(s, e, entry.name, entry.aliases + aliases, entry.kind, priority=2))
                continue
            quoted = re.fullmatch(r"(.*?)\s*[«\"]([^»\"]+)[»\"]?", name)
            # "ТОО «...»", "Университет «...»", "аккредитованная лаборатория «...»": the quoted name
            if quoted and quoted.group(1) and (quoted.group(1).split()[0].lower() in orgs.heads() | orgs.LEGAL_FORMS
                                               or quoted.group(1).split()[-1].lower() in orgs.quoted_heads()):
                aliases.append(_closed_quotes(name))  # the model may stop before the closing quote
                name = quoted.group(2)
            items.append(self._item(s, e, name, aliases, None, priority=2))
        return items

    def _entity_spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        """ORG entities, adjacent ones joined ("филиала" + "Национального центра экспертизы"),
        and places after an organization head, with what it is of between them ("акимата" +
        "Алматы", "управление энергетики и водоснабжения" + "города Алматы")."""
        spans: list[list] = []
        for ent in doc.ents:
            start, end, label = ent.start, ent.end, ent.label_
            # "СКО": a region; "ДП СКО": a body of one, named by abbreviations ("управления ... ДП СКО")
            if label == "LOC" or label == "ORG" and ent[-1].text in orgs.place_abbreviations() and ent.text.isupper():
                head = _place_head(doc, start)
                if head is None and label == "LOC":
                    continue
                if head is None:
                    spans.append([start, end, label])
                    continue
                start, label = head, "ORG"
                while spans and spans[-1][0] >= start:  # an ORG inside: "[Департамент полиции] Северо-..."
                    spans.pop()
                if spans and spans[-1][1] > start:
                    spans[-1][1] = end
                    continue
            elif label != "ORG":
                continue
            else:
                end = _what_for_end(doc, start, end)
            if spans and spans[-1][1] == start and case_of(doc[start]) == "Gen":
                spans[-1][1] = end
                continue
            spans.append([start, end, label])
        return [tuple(s) for s in spans]

    @staticmethod
    def _plausible(tokens) -> bool:
        """An organization name has a noun, is more than a bare head ("Академия"), does not
        open with an action ("Абсорбирование ликвидности": a table's heading), and is not
        part of a Title Case heading ("При Их Передаче По Каналам Связи")."""
        text = "".join(t.text_with_ws for t in tokens).strip()
        if all(t.pos_ == "ADJ" for t in tokens if t.is_alpha):
            return False
        if len(tokens) == 1 and tokens[0].lemma_ in orgs.heads():
            return False
        word = tokens[0].text.lower()
        if len(tokens) == 1 and is_known(word) and any(p.tag.POS == "VERB" for p in parses(word)[:1]):
            return False  # "ПОСТАНОВЛЯЕТ:" heading an act's items
        first = tokens[0].lemma_
        if (len(tokens) > 1 and tokens[1].is_lower and ACTION_NOUN.search(first)
                and first not in orgs.heads() | orgs.verbal_heads() and is_known(first)):
            return False
        if CAPITAL_PREP.search(" " + text + " ") or _title_case_line(tokens[0].doc, tokens[0].idx):
            return False
        if len(tokens) > 1 and text.isupper() and orgs.lookup(text) is None:
            return False
        return True

    def _place_end(self, doc: Doc, end: int, places: dict[int, int]) -> int:
        """Extend an organization over a place or "Президента" right after it:
        "Правительство Москвы", "Служба безопасности Украины", "Экспертное управление Президента".
        `places`: `_genitive_places(doc)`."""
        if end >= len(doc):
            return end
        if end in places:
            return places[end]
        if doc[end].lemma_ == "президент" and doc[end].text[:1].isupper():
            return self._qualifier_end(doc, end + 1)
        return end

    @staticmethod
    def local_bodies(doc: Doc) -> list[dict]:
        """A local body named by an adjective for its place, resolved to that place:
        - a city's or region's akimat or maslikhat, a region's government: "столичного
          акимата" is Astana's; "городского акимата" is the one city's whose akim or akimat
          the text names ("аким Петропавловска ... пресс-секретарь городского акимата" ->
          "Акимат Петропавловска"); "областного правительства" -> "Правительство Московской
          области";
        - a city's or region's department with what it is of or for: "городского управления
          санитарно-эпидемиологического контроля" -> "Управление санитарно-эпидемиологического
          контроля города Петропавловска"; "областного департамента полиции" -> "Департамент
          полиции Северо-Казахстанской области" (the one region the text names).
        A text that names two cities (or regions) resolves such a body to neither."""
        items = []
        places: dict[str, str] = {}
        for m in LOCAL_WORD.finditer(doc.text):  # the words looked at, not every token
            adjective = _token_starting(doc, m.start())
            if adjective is None or adjective.i + 1 >= len(doc):
                continue
            token = doc[adjective.i + 1]
            head = token.lemma_
            if head not in LOCAL_BODY_HEADS or not token.is_lower or "Plur" in token.morph.get("Number"):
                continue
            kind = LOCAL_ADJECTIVES.get(adjective.lemma_)
            if kind is None or not adjective.is_lower:
                continue
            if kind not in places:
                places[kind] = orgs.capital(orgs.text_country(doc.text)) if kind == "capital" \
                    else _text_city(doc) if kind == "city" else _text_region(doc)
            # акимат and маслихат are Kazakhstan's: "столичного акимата" is Astana's in any text
            place = orgs.capital("KZ") if head in CITY_HEADS and kind == "capital" else places[kind]
            if not place:
                continue
            if head in CITY_HEADS or head in REGION_HEADS:
                if head in REGION_HEADS and kind != "region":
                    continue  # "городское правительство" is no one body of a region
                items.append(OrganizationsComponent._item(adjective.idx, token.idx + len(token),
                                                          f"{head.capitalize()} {place}", [], None, priority=3))
                continue
            end = _of_end(doc, token.i)
            if end == token.i + 1 or end < len(doc) and (doc[end].lemma_ in PLACE_WORDS or doc[end].ent_type_ == "LOC"):
                continue  # no words of its own, or a place named after them ("... города Алматы"): an entity
            where = place if kind == "region" else f"города {place}"
            name = f"{head.capitalize()} {doc[token.i + 1:end].text} {where}"
            items.append(OrganizationsComponent._item(adjective.idx, doc[end - 1].idx + len(doc[end - 1]),
                                                      name, [], None, priority=2))
        return items

    @staticmethod
    def city_bodies(doc: Doc) -> list[dict]:
        """A city's body named with the generic "города", resolved to the one city whose akim or
        akimat the text names: "аким Алматы ... пресс-служба акимата города" -> "Акимат
        Алматы"; "управлению строительства города" -> "Управление строительства города Алматы"."""
        items = []
        city = None
        for token in with_lemma(doc, CITY_HEADS | LOCAL_HEADS):
            if not token.is_lower or "Plur" in token.morph.get("Number"):
                continue
            end = token.i + 1 if token.lemma_ in CITY_HEADS else _of_end(doc, token.i)
            if doc[end - 1].lower_ == "города" and end - 1 > token.i + 1:
                end -= 1  # the chain of what it is of took the word in: "управления строительства города"
            if end == token.i + 1 and token.lemma_ in LOCAL_HEADS or end >= len(doc) or doc[end].lower_ != "города" \
                    or end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
                continue  # no words of its own, no "города", or the city named after it (an entity's)
            if city is None:
                city = _text_city(doc)
            if not city:
                return items
            name = f"{token.lemma_.capitalize()} {city}" if token.lemma_ in CITY_HEADS \
                else f"{token.lemma_.capitalize()} {doc[token.i + 1:end].text} города {city}"
            items.append(OrganizationsComponent._item(token.idx, doc[end].idx + len(doc[end]), name, [], None,
                                                      priority=2))
        return items

    @staticmethod
    def committees(doc: Doc) -> list[dict]:
        """A committee named in lower case by what it is for, as releases of parliaments write
        them: "комитету по финансам и бюджету" -> "Комитет по финансам и бюджету"."""
        items = []
        for m in COMMITTEE_WORD.finditer(doc.text):  # the words looked at, not every token
            token = _token_starting(doc, m.start())
            if token is None or token.lemma_ not in COMMITTEE_HEADS or "Plur" in token.morph.get("Number"):
                continue
            if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "по":
                continue
            end = _of_end(doc, token.i)
            if end == token.i + 1 or not _name_ends(doc, end):
                continue
            name = f"{token.lemma_.capitalize()} {doc[token.i + 1:end].text}"
            items.append(OrganizationsComponent._item(token.idx, doc[end - 1].idx + len(doc[end - 1]), name, [], None,
                                                      priority=3))
        return items

    @staticmethod
    def headed(doc: Doc) -> list[dict]:
        """A committee, department, agency or directorate named with a capital by what it is
        of, where the model read no entity: "Комитету санитарно-эпидемиологического контроля
        поручено ..." -> "Комитет санитарно-эпидемиологического контроля". Not one named with
        its place after it ("... города Алматы", left to the entities), nor a verbal noun
        ("Управление рисками")."""
        items = []
        for m in NAMED_WORD.finditer(doc.text):
            token = _token_starting(doc, m.start())
            if token is None or token.lemma_ not in NAMED_HEADS or "Plur" in token.morph.get("Number"):
                continue
            end = _of_end(doc, token.i)
            if end == token.i + 1 or doc[end - 1].lemma_ in PLACE_WORDS or not _name_ends(doc, end):
                continue
            if end < len(doc) and (doc[end].ent_type_ == "LOC" or doc[end].lemma_ in PLACE_WORDS):
                continue
            name = f"{token.lemma_.capitalize()} {doc[token.i + 1:end].text}"
            items.append(OrganizationsComponent._item(token.idx, doc[end - 1].idx + len(doc[end - 1]), name, [], None,
                                                      priority=3))
        return items

    @staticmethod
    def ministries(doc: Doc) -> list[dict]:
        """A ministry by its head and what it is of, with its region, where the model missed it
        (before "(А.Ю. Ковальчик)" in an act): "Министерству инвестиций и развития Свердловской
        области" -> "Министерство инвестиций и развития Свердловской области"."""
        items = []
        for m in MINISTRY_WORD.finditer(doc.text):
            token = _token_starting(doc, m.start())
            if token is None or token.lemma_ != "министерство" or "Plur" in token.morph.get("Number"):
                continue
            end = _of_end(doc, token.i)
            if end == token.i + 1:
                continue
            region = _generic_region(doc, doc[end - 1].text) if end - 1 > token.i + 1 else ""
            if region:  # "Министерству образования региона": of the one region the text names
                core_end = doc[end - 2].idx + len(doc[end - 2])
                name = f"Министерство {doc.text[doc[token.i + 1].idx:core_end]} {region}"
                items.append(OrganizationsComponent._item(token.idx, doc[end - 1].idx + len(doc[end - 1]), name, [], None,
                                                          priority=1))
                continue
            core_end = doc[end - 1].idx + len(doc[end - 1])
            region = REGION_OF.match(doc.text, core_end)
            known = orgs.lookup(f"Министерство {doc.text[doc[token.i + 1].idx:core_end]}") is not None
            if known and (region is None or region.group().strip() in NATIONAL):
                continue  # the gazetteer's
            stop = region.end() if region else core_end
            k = end
            while region is None and k < len(doc) and k < end + 3 and doc[k].is_alpha and doc[k].text[:1].isupper() \
                    and case_of(doc[k]) == "Gen" and doc[k].ent_type_ != "PER":
                k += 1  # a country's name: "Министерство туризма Австралии", "... Южной Кореи"
                if doc[k - 1].lemma_ in STATE_FORMS and k < len(doc) and doc[k].is_alpha and doc[k].text[:1].isupper():
                    k += 1  # "... Королевства Свазиленд": a name that does not decline
                stop = doc[k - 1].idx + len(doc[k - 1])
            name = f"Министерство {doc.text[doc[token.i + 1].idx:stop]}"
            # a region's or a country's ministry, or one named by more words than a ministry of
            # the gazetteer ("Министерство сельского хозяйства и продовольствия") is another body
            # than the gazetteer's name in it: it takes the gazetteer's rank; else it only fills in
            longer = any(orgs.lookup(f"Министерство {doc[token.i + 1:j].text}") for j in range(token.i + 2, end))
            priority = 1 if stop > core_end or longer else 3
            items.append(OrganizationsComponent._item(token.idx, stop, name, [], None, priority=priority))
        return items

    @staticmethod
    def spelled_abbreviations(doc: Doc) -> list[dict]:
        """A local department by its short name and its place, spelled out: "ДП СКО" ->
        "Департамент полиции СКО", "УВП города Астана" -> "Управление внутренней политики
        города Астаны" (`orgs.body_abbreviations`); the written form is its alias. Without a
        place after it, it is left to the other sources."""
        table = orgs.body_abbreviations()
        items = []
        for token in with_text(doc, table):
            k = token.i + 1
            if k < len(doc) and doc[k].text in orgs.place_abbreviations():
                place, end = doc[k].text, k + 1
            elif k + 1 < len(doc) and doc[k].lower_ == "города" and doc[k + 1].text[:1].isupper() and doc[k + 1].is_alpha:
                place, end = f"города {_genitive(doc[k + 1].text)}", k + 2
            elif k + 1 < len(doc) and REGION_ADJECTIVE.fullmatch(doc[k].text) and doc[k + 1].lower_ == "области":
                place, end = f"{doc[k].text} {doc[k + 1].text}", k + 2
            else:
                # of several regions: "ДЧС Акмолинской и Северо-Казахстанской областей", one body each
                regions, names = _region_list(doc, k, table[token.text])
                for n, ((s, e), name) in enumerate(zip(regions, names)):
                    start = token.idx if n == 0 else doc[s].idx
                    item = OrganizationsComponent._item(start, doc[e - 1].idx + len(doc[e - 1]), name, [], None,
                                                        priority=2)
                    item["list"] = token.idx  # named together: one addressee of a directive (parties.py)
                    items.append(item)
                continue
            written = doc[token.i:end].text
            items.append(OrganizationsComponent._item(token.idx, doc[end - 1].idx + len(doc[end - 1]),
                                                      f"{table[token.text]} {place}", [written], None, priority=2))
        return items

    def domains(self, doc: Doc) -> list[dict]:
        items = []
        for m in DOMAIN.finditer(doc.text):
            if doc.text[m.end():m.end() + 1] == "/" or doc.text[max(0, m.start() - 1):m.start()] == "/":
                continue  # a link, not a mention of the site
            domain = f"{m.group(1)}.{m.group(2)}"
            entry = orgs.lookup(domain)
            items.append(self._item(m.start(1), m.end(2), entry.name if entry else domain, entry.aliases if entry else [],
                                    "media", priority=1))
        return items

    def quoted(self, doc: Doc) -> list[dict]:
        """A «quoted name» right after a word for a kind of organization: холдинг «Байтерек»,
        ТОО "Сапа Курылыс 2007", газеты ''The Washington Post'', and the next quoted names of
        a list that such a word opens: группы «Выход», «Хроноп» и «Ива Нова»."""
        items = []
        heads = orgs.quoted_heads()
        text = doc.text
        matches = sorted(list(QUOTED.finditer(text)) + list(WIKI_QUOTED.finditer(text)), key=lambda m: m.start())
        last_end = -1
        for m in matches:
            j = m.start()
            while j > 0 and text[j - 1].isspace():
                j -= 1
            before = doc.char_span(j - 1, j, alignment_mode="expand") if j > 0 else None
            if before is None or not len(before):
                continue
            prev = before[-1]
            listed = prev.text in {",", "и"} and last_end >= 0 and not text[last_end:prev.idx].strip(" »\"”'")
            if not listed and prev.lemma_ not in heads and prev.text.lower() not in heads:
                continue
            if not listed and prev.i > 0 and doc[prev.i - 1].lower_ == "российской" and prev.lemma_ == "федерация":
                continue  # 'программу Российской Федерации "Развитие здравоохранения"': the country, no federation
            name = m.group(1).strip()
            if not name or orgs.is_generic(name) or not name[:1].isupper() and not name[:1].isdigit():
                continue
            entry = orgs.lookup(name)
            last_end = m.start(1) + len(m.group(1).rstrip())
            items.append(self._item(m.start(1), last_end, entry.name if entry else name,
                                    entry.aliases if entry else [], entry.kind if entry else None, priority=1))
        return items

    # -- helpers

    def _qualifier_end(self, doc: Doc, end: int) -> int:
        for words in QUALIFIER_WORDS:
            n = len(words)
            if [t.text for t in doc[end:end + n]] == words:
                return end + n
        return end

    @staticmethod
    def _item(start: int, end: int, name: str, aliases, kind, priority: int) -> dict:
        return {"start": start, "end": end, "name": name, "aliases": list(aliases), "kind": kind, "priority": priority}


def _text_city(doc: Doc) -> str:
    """The one city whose akim or akimat the text names ("аким Петропавловска", "акимат
    города Алматы"), as written after the word; "" when none or several."""
    cities = set()
    for token in doc:
        if token.lemma_ not in CITY_HEADS | {"аким"}:
            continue
        k = token.i + 2 if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "города" else token.i + 1
        if k < len(doc):
            nxt = doc[k]
            if nxt.text[:1].isupper() and nxt.is_alpha and not REGION_ADJECTIVE.fullmatch(nxt.text) \
                    and nxt.lemma_ not in PLACE_WORDS and (nxt.ent_type_ == "LOC" or _place_name(nxt.text)):
                cities.add(nxt.text)
    return next(iter(cities)) if len(cities) == 1 else ""


def _genitive(place: str) -> str:
    """A place's name in the genitive: "Астана" -> "Астаны" (unchanged where it is already
    one, or does not decline: "Алматы")."""
    parse = next((p for p in parses(place) if "Geox" in p.tag and "nomn" in p.tag), None)
    form = parse.inflect({"gent"}) if parse is not None else None
    return form.word.capitalize() if form is not None else place


def _token_starting(doc: Doc, char: int):
    """The token that starts at character `char`, or None."""
    token = token_at(doc, char)
    return token if token is not None and token.idx == char else None


def _spelled_out(short: str, names) -> str | None:
    """The one name among `names` that an abbreviation spells out, with the same words after
    it (a place's, in any case): "ДП Алматы" -> "Департамент полиции Алматы", "УВП города
    Астана" -> "Управление внутренней политики города Астаны"; None when none or several."""
    abbreviation, _, tail = short.partition(" ")
    if not (abbreviation.isalpha() and abbreviation.isupper() and 2 <= len(abbreviation) <= 5) \
            or not tail and len(abbreviation) < 3:
        return None
    stems = [w[:4].lower() for w in tail.split()]
    found = []
    for name in names:
        words = name.split()
        body = words[:len(words) - len(stems)] if stems else words
        if name == short or len(body) < 2 or [w[:4].lower() for w in words[len(body):]] != stems:
            continue
        # a local body's short name leaves out its region: "ДЧС" for "Департамент по
        # чрезвычайным ситуациям Актюбинской области"
        bodies = [body] + ([body[:-2]] if not stems and len(body) > 3 and body[-1] in ("области", "края") else [])
        if any("".join(w[0].upper() for w in b if w.lower() not in ABBREVIATION_SKIPS) == abbreviation for b in bodies):
            found.append(name)
    return found[0] if len(found) == 1 else None


def _signature_place(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at start..end are the place line under an act, after its city:
    "Москва, Кремль", "Астана, Акорда"."""
    return bool(SIGNATURE_CITY.search(doc.text, max(0, start - 40), start)) and \
        bool(LINE_END.match(doc.text, end))


def _closed_quotes(name: str) -> str:
    """The name with the quote it opens closed: 'лаборатория "Кызылжар су' -> '... су"'."""
    if name.count("«") > name.count("»"):
        return name + "»"
    return name + '"' if name.count('"') % 2 else name


def _rest_of_name(rest: str, bodies: set[str]) -> bool:
    """What a body's full name adds to its short one makes them one body: lower-case words,
    or another body of the text (by lemma key) or of the gazetteer ("Банка России")."""
    return rest.islower() or orgs.key(rest) in bodies or orgs.lookup(rest) is not None


@lru_cache(maxsize=1)
def _republics() -> list[tuple[re.Pattern, str]]:
    """(any case of a Russian republic's name, its genitive) from data/ru_republics.txt."""
    out = []
    for genitive in resources.words("ru_republics.txt"):
        words = genitive.split()
        if words[0] == "Республики":  # "Республики Татарстан": the head declines, the name does not
            pattern = r"Республик[аиеуой]{1,2}\s+" + r"\s+".join(map(re.escape, words[1:]))
        else:  # "Чувашской Республики", "Донецкой Народной Республики": the adjectives agree
            adjectives = [re.escape(w[:-2]) + r"(?:ая|ой|ую)" for w in words[:-1]]
            pattern = r"\s+".join(adjectives) + r"\s+Республик[аиеуой]{1,2}"
        out.append((re.compile(rf"(?<![\w-]){pattern}(?![\w-])"), genitive))
    return out


def _republic_at(doc: Doc, i: int) -> tuple[int, str] | None:
    """(the token after it, its genitive) of a Russian republic's name at token i."""
    if i >= len(doc):
        return None
    for pattern, genitive in _republics():
        m = pattern.match(doc.text, doc[i].idx)
        if m:
            span = doc.char_span(doc[i].idx, m.end(), alignment_mode="expand")
            return (span.end, genitive) if span is not None else None
    return None


def _text_republic(doc: Doc) -> str:
    """The one Russian republic the text names, in the genitive ("Республики Татарстан"); ""
    when none or several (a Kazakhstan text's "республики" is the country)."""
    found = {genitive for pattern, genitive in _republics() if pattern.search(doc.text)}
    return next(iter(found)) if len(found) == 1 else ""


def _generic_region(doc: Doc, word: str) -> str:
    """The region a generic word after a body's name stands for: "республики" the text's one
    republic, "области", "региона", "края" its one region; "" when unsure."""
    if word == "республики":
        return _text_republic(doc)
    return _text_region(doc) if word in GENERIC_REGIONS else ""


def _text_region(doc: Doc) -> str:
    """The one region the text names by its adjective, as written in the genitive
    ("Северо-Казахстанской области"); "" when none or several."""
    regions = {f"{t.text} {doc[t.i + 1].text}" for t in doc[:-1]
               if REGION_ADJECTIVE.fullmatch(t.text) and doc[t.i + 1].lower_ == "области"}
    return next(iter(regions)) if len(regions) == 1 else ""


def _of_end(doc: Doc, i: int) -> int:
    """The end of the words after the head noun at token i that say what the body is of or
    for: lowercase nouns and adjectives in the genitive ("санитарно-эпидемиологического
    контроля", "энергетики и водоснабжения"), or "по" and the dative ("по чрезвычайным
    ситуациям"), ending with a noun; i + 1 when there are none."""
    k, case = i + 1, "Gen"
    if k < len(doc) and doc[k].lower_ == "по":
        k, case = k + 1, "Dat"
    end = i + 1
    while k < len(doc):
        token = doc[k]
        if token.lower_ == "и" and end == k:
            k += 1
            continue
        # a list of the same case goes on over its commas: "по вопросам семьи[, женщин] и детей"
        if token.text == "," and end == k and k + 1 < len(doc) and case_of(doc[k + 1]) == case_of(doc[k - 1]) \
                and doc[k + 1].pos_ == "NOUN" and doc[k + 1].is_lower:
            k += 1
            continue
        word = token.text.replace("-", "")
        # the tagger gives a compound adjective no case: "санитарно-эпидемиологического"; after
        # "по", what a noun is of: "по делам [молодежи и спорта]"
        if not (word.isalpha() and word.islower() and token.pos_ in {"NOUN", "ADJ"}
                and (case_of(token) in {case, "Gen" if end > i + 1 else case}
                     or token.pos_ == "ADJ" and case_of(token) is None)):
            break
        k += 1
        if token.pos_ == "NOUN":
            end = k
    return _what_for_end(doc, i, end) if case == "Dat" else end


TERM_AFTER = re.compile(r"(?:до\s+(?:\d|конца|начала|середины)|в\s+течение|в\s+срок|в\s+\S+(?:дневный|недельный|месячный)"
                        r"\s+срок|к\s+\d|не\s+позднее|незамедлительно|в\s+кратчайшие)", re.IGNORECASE)


def _name_ends(doc: Doc, end: int) -> bool:
    """Whether a name in lower case can end before token `end`: not before more lowercase
    words of it that `_of_end` does not follow ("по связям [с религиозными организациями]",
    "по науке[, управления ...]")."""
    if end >= len(doc):
        return True
    nxt = doc[end]
    if TERM_AFTER.match(doc.text, nxt.idx):
        return True  # "комитету по контролю [в течение шести месяцев] проанализировать": a term, not the name's
    if nxt.text == ",":
        after = doc[end + 1] if end + 1 < len(doc) else None
        return after is None or not (after.is_lower and after.pos_ in {"NOUN", "ADJ"})
    return not (nxt.is_lower and nxt.pos_ in {"NOUN", "ADJ", "ADP"})


def _place_name(word: str) -> bool:
    return any("Geox" in p.tag for p in parses(word))


def _complement(doc: Doc, i: int) -> str | None:
    """The lemma of the word in the genitive after the head noun at token i that says which
    body it is ("управлению [городской] мобильности", "департамент транспорта"), or None."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    word = nxt.text.replace("-", "") if nxt is not None else ""
    if nxt is None or nxt.pos_ not in {"ADJ", "NOUN"} or not word.isalpha() or not word.islower() or case_of(nxt) != "Gen":
        return None
    return nxt.lemma_.replace("ё", "е")


def _name_rest_end(doc: Doc, i: int, words: list[str], end: int) -> int:
    """The end of the words after the head noun at token i that go on with the lemma key
    `words` of a body's name after that head ("Управлению [городской мобильности]"), else `end`."""
    head = doc[i].lemma_.replace("ё", "е")
    if head not in words:
        return end
    rest = words[words.index(head) + 1:]
    for k, word in enumerate(rest):
        token = doc[i + 1 + k] if i + 1 + k < len(doc) else None
        if token is None or token.lemma_.replace("ё", "е") != word:
            break
        end = token.idx + len(token)
    return end


def _what_for_end(doc: Doc, start: int, end: int) -> int:
    """The end of a body's name that says what it is for with "по", over the words the model
    left out after "и" or a comma: "Комитет по финансам [и бюджету]", "Комитет по
    международным делам[, обороне и безопасности]"."""
    if not any(t.lower_ == "по" for t in doc[start:end]) or case_of(doc[end - 1]) != "Dat":
        return end
    k = end
    while k + 1 < len(doc) and doc[k].text in {",", "и"}:
        j = k + 1
        while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].is_lower and case_of(doc[j]) == "Dat":
            j += 1
        # the tagger may take a dative for a genitive: "обороне и [безопасности]"
        if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].is_lower and (
                case_of(doc[j]) == "Dat" or any("datv" in p.tag for p in parses(doc[j].text))):
            j += 1
            # and what that is of: "и организации [парламентской деятельности]"
            while j < len(doc) and doc[j].pos_ in {"ADJ", "NOUN"} and doc[j].is_lower and case_of(doc[j]) == "Gen":
                j += 1
            end = k = j
        else:
            break
    return end


def _title_case_line(doc: Doc, at: int) -> bool:
    """Whether the line around character `at` is a heading in Title Case, every word
    capitalized: "... По Каналам Связи, Образованным Спутниковыми Линиями Передачи"."""
    start = doc.text.rfind("\n", max(0, at - HEADING_CHARS), at) + 1
    end = doc.text.find("\n", at, at + HEADING_CHARS)
    if start == 0 and at > HEADING_CHARS or end < 0 and len(doc.text) > at + HEADING_CHARS:
        return False  # a line that long is no heading (and a long text is not scanned once a name)
    words = TITLE_WORD.findall(doc.text, start, end if end >= 0 else len(doc.text))
    return len(words) >= TITLE_CASE_WORDS and all(w[:1].isupper() for w in words)


def _predicate(token) -> bool:
    """A lowercase verb or short participle: what a name never ends with ("взяты", "провел")."""
    if token.pos_ not in {"VERB", "AUX"} or not token.text[:1].islower():
        return False
    return "Fin" in token.morph.get("VerbForm") or "Short" in token.morph.get("Variant")


def _region_list(doc: Doc, pos: int, head: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Regions named by adjectives before one plural noun, from token `pos` on: "(акиматам)
    Алматинской, Жамбылской и Туркестанской областей" gives the token ranges of the three
    regions (the last one up to the noun) and their bodies, "Акимат Алматинской области", ...;
    fewer than two: nothing."""
    from ..morph import inflect

    adjectives = []
    while pos < len(doc) and REGION_ADJECTIVE.fullmatch(doc[pos].text):
        adjectives.append(pos)
        pos += 1
        if pos < len(doc) and doc[pos].text in {",", "и"}:
            pos += 1 + (doc[pos].text == "," and pos + 1 < len(doc) and doc[pos + 1].text == "и")
        else:
            break
    if len(adjectives) < 2 or pos != adjectives[-1] + 1 or pos >= len(doc) or doc[pos].lemma_ not in REGION_WORDS:
        return [], []
    noun = inflect(doc[pos].lemma_, {"gent", "sing"}, "NOUN")  # "областей" and "области" alike: two regions
    ranges = [(i, i + 1) for i in adjectives[:-1]] + [(adjectives[-1], pos + 1)]
    return ranges, [f"{head} {doc[i].text} {noun}" for i in adjectives]


def _without_post(tokens: list) -> list:
    """The tokens without a post the model took into a name ("Представитель НИИ им.
    Склифосовского", "Глава Ивановской митрополии"); none when what is left is no body, its
    head neither a word for one nor an abbreviation ("Аким Астаны")."""
    k = 0
    while k < len(tokens) and is_title(tokens[k]) and tokens[k].lemma_ not in orgs.heads():
        k += 1
    if k == 0:
        return tokens
    head = next((t for t in tokens[k:] if t.pos_ in {"NOUN", "PROPN"}), None)
    if head is None or not (head.lemma_ in orgs.heads() or (head.text.isupper() and len(head.text) > 1)):
        return []
    return tokens[k:]


def _place_head(doc: Doc, start: int, window: int = 6) -> int | None:
    """The organization head before the place at token `start`, over the word for the place
    ("города") and, for the heads that take them, what the body is of or for ("энергетики и
    водоснабжения", "по чрезвычайным ситуациям"): its token, or None."""
    i = start - 1
    if i > 0 and doc[i].lemma_ in PLACE_WORDS:
        i -= 1
    if i >= 0 and doc[i].lemma_ in orgs.place_heads():
        return _outer_head(doc, i)
    floor, last = max(0, i - window), i
    while i >= floor:
        token = doc[i]
        if token.lemma_ in orgs.complement_heads() and i < last:
            return i
        case = (token.morph.get("Case") or [""])[0]
        word = token.text.replace("-", "")
        lower_word = word.isalpha() and word.islower() and (
            token.pos_ in {"NOUN", "ADJ"} and case in {"Gen", "Dat"} or token.pos_ == "ADJ" and not case)
        if not (token.text in {"и", "по"} or (word.isalpha() and word.isupper() and len(word) <= 5) or (
                lower_word and not token.like_num and not is_title(token))):  # not "администрациях четырёх президентов"
            return None
        i -= 1
    return None


def _outer_head(doc: Doc, i: int) -> int:
    """The head of the body whose name the head noun at token i is part of, when it is one
    in the genitive after another ("департамента [полиции] СКО", "управления
    административной [полиции]"); i otherwise."""
    j = i - 1
    while j >= 0 and doc[j].pos_ == "ADJ" and doc[j].is_lower:
        j -= 1
    if j >= 0 and j < i and doc[i].is_lower and case_of(doc[i]) == "Gen" and doc[j].is_lower \
            and doc[j].lemma_ in orgs.complement_heads():
        return j
    return i


def _genitive_places(doc: Doc) -> dict[int, int]:
    """start -> end token of the places (LOC entities) in the genitive, with the word for
    the place before one ("города Астаны"): what `_place_end` extends a name over. Made once
    per document: `doc.ents` builds every span anew."""
    people = {p["start"] for p in facts(doc, "people")}  # where a person's mention starts
    # a place stops where a person's name starts: "судьей Верховного Суда Республики Северная
    # Осетия - Алания [Тебиева Казбека Амурхановича]"
    places = {ent.start: next((t.i for t in ent[1:] if t.idx in people), ent.end) for ent in doc.ents
              if ent.label_ == "LOC" and (ent[0].morph.get("Case") or [""])[0] == "Gen"}
    places.update((t.i, t.i + 1) for t in with_text(doc, orgs.place_abbreviations()))  # "СКО"
    for start in sorted(places):  # "города Астаны": the word for the place, then its name
        word = doc[start - 1] if start else None
        if word is not None and word.lemma_ in PLACE_WORDS and (word.morph.get("Case") or [""])[0] == "Gen":
            places[start - 1] = places[start]
    return places


@Language.factory("organizations", assigns=["doc.spans"], requires=["doc.ents", "token.lemma"])
def make_organizations(nlp: Language, name: str):
    return OrganizationsComponent(nlp)
