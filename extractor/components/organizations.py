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

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .. import organizations as orgs
from ..morph import lemma
from ..pipeline import ignored
from .base import write_group

DOMAIN = re.compile(r"(?<![\w.@/])[A-Za-zА-Яа-я][\w-]*\.(?:kz|ru|com|net|org|news|info|gov\.kz|su|ua|by|uz|kg)(?![\w.])")
QUALIFIER_WORDS = [orgs.words_of(q) for q in orgs.QUALIFIERS]
PLACE_HEADS = {"акимат", "маслихат", "прокуратура", "правительство", "администрация", "департамент", "управление", "суд",
               "мэрия", "полиция", "дума", "собрание"}


class OrganizationsComponent:
    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        seen = set()
        for entry in orgs.gazetteer()[1]:
            for form in [entry.name] + entry.aliases:
                words = orgs.words_of(form)
                if tuple(words) in seen:
                    continue
                seen.add(tuple(words))
                pattern = Doc(nlp.vocab, words=words, lemmas=[lemma(w).replace("ё", "е") for w in words])
                self.matcher.add(entry.name, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, "organizations", "ORG", self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[dict]:
        found: list[dict] = []
        found += self.ministry_lists(doc)
        found += self.gazetteer_matches(doc)
        found += self.entities(doc)
        found += self.domains(doc)
        # earlier sources win; a longer entity that contains a gazetteer name is another body
        out: list[dict] = []
        for item in sorted(found, key=lambda f: (f["priority"], -(f["end"] - f["start"]))):
            if ignored(doc, item["start"], item["end"]):
                continue
            if any(o["start"] < item["end"] and item["start"] < o["end"] for o in out):
                continue
            out.append(item)
        for item in out:
            item.pop("priority", None)
        return out

    # -- sources

    def gazetteer_matches(self, doc: Doc) -> list[dict]:
        items = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            text = span.text
            entry = orgs.lookup(doc.vocab.strings[match_id])
            if entry is None:
                continue
            # an abbreviation matches only as written in capitals ("ЕС", not "ес")
            if not text.isupper() and any(a.isupper() and a.casefold() == text.casefold() for a in entry.aliases):
                continue
            end = self._qualifier_end(doc, end)
            items.append(self._item(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), entry.name, entry.aliases,
                                    entry.kind, priority=1))
        return items

    def ministry_lists(self, doc: Doc) -> list[dict]:
        items = []
        comps = orgs.ministry_complements()
        for token in doc:
            if token.lemma_ not in {"министерство"}:
                continue
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

    def entities(self, doc: Doc) -> list[dict]:
        items = []
        for ent in doc.ents:
            start, end = ent.start, ent.end
            if ent.label_ == "LOC":
                # "акимата Алматы": an organization head before a place makes it a body
                if start > 0 and doc[start - 1].lemma_ in PLACE_HEADS:
                    start -= 1
                else:
                    continue
            elif ent.label_ != "ORG":
                continue
            tokens = list(doc[start:end])
            while tokens and (tokens[-1].is_punct and tokens[-1].text not in {"»", '"', ")"} or tokens[-1].is_space):
                tokens.pop()
            while tokens and (tokens[0].is_punct and tokens[0].text not in {"«", '"'} or tokens[0].is_space):
                tokens.pop(0)
            if not tokens:
                continue
            name = orgs.capitalize(orgs.nominative(tokens))
            if orgs.is_generic(name) or not re.search(r"\w", name):
                continue
            entry = orgs.lookup(name)
            s, e = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            if entry is not None:
                items.append(self._item(s, e, entry.name, entry.aliases, entry.kind, priority=2))
            else:
                quoted = re.fullmatch(r"(.*?)\s*«([^»]+)»", name)
                aliases = []
                if quoted and quoted.group(1):
                    aliases = [name]
                    name = quoted.group(2)
                items.append(self._item(s, e, name, aliases, None, priority=2))
        return items

    def domains(self, doc: Doc) -> list[dict]:
        items = []
        for m in DOMAIN.finditer(doc.text):
            entry = orgs.lookup(m.group())
            items.append(self._item(m.start(), m.end(), entry.name if entry else m.group(), entry.aliases if entry else [],
                                    "media", priority=1))
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


@Language.factory("organizations", assigns=["doc.spans"], requires=["doc.ents", "token.lemma"])
def make_organizations(nlp: Language, name: str):
    return OrganizationsComponent(nlp)
