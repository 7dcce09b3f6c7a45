"""Doc -> Record: the one bridge from spaCy to the pydantic schema.

People and organizations arrive as one fact per mention; here mentions of one canonical
name are merged into one entry, roles and aliases deduplicated, in order of first mention.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .components.base import facts
from .roles import position
from .schema import DateItem, Deadline, Directive, Figure, Mention, Organization, Party, Person, Record, Role


def _mention(item: dict) -> Mention:
    return Mention(start=item["start"], end=item["end"], text=item["text"])


def _one_position(a: list[str], b: list[str]) -> bool:
    """Two titles of one position: the same words, or one the first words of the other ("аким"
    and "аким города Алматы": the text names the position in full once)."""
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


def people(doc: Doc) -> list[Person]:
    merged: dict[str, Person] = {}
    for item in facts(doc, "people"):
        person = merged.get(item["name"])
        if person is None:
            person = merged[item["name"]] = Person(name=item["name"])
        person.mentions.append(_mention(item))
        for alias in item.get("aliases", ()):
            if alias != person.name and alias not in person.aliases:
                person.aliases.append(alias)
        for role in item.get("roles", ()):
            new = Role(title=role["title"], start=role["start"], end=role["end"],
                       text=doc.text[role["start"]:role["end"]])
            key = position(role["title"]).split()
            same = next((k for k, r in enumerate(person.roles) if _one_position(position(r.title).split(), key)), None)
            if same is None:
                person.roles.append(new)
            elif len(new.title) > len(person.roles[same].title):  # the most specific form: written out
                person.roles[same] = new
    return list(merged.values())


def organizations(doc: Doc) -> list[Organization]:
    merged: dict[str, Organization] = {}
    for item in facts(doc, "organizations"):
        org = merged.get(item["name"])
        if org is None:
            org = merged[item["name"]] = Organization(name=item["name"], kind=item.get("kind"))
        org.mentions.append(_mention(item))
        for alias in item.get("aliases", ()):
            if alias != org.name and alias not in org.aliases:
                org.aliases.append(alias)
    return list(merged.values())


def _party(item: dict | None, text: str) -> Party | None:
    """An issuer or assignee; where it has offsets, its `text` is the input at them (evidence)."""
    if not item:
        return None
    fields = {k: item.get(k) for k in Party.model_fields if item.get(k) is not None}
    if fields.get("start") is not None and fields.get("end") is not None:
        fields["text"] = text[fields["start"]:fields["end"]]
    return Party(**fields)


def _deadline(item: dict | None) -> Deadline | None:
    if not item:
        return None
    return Deadline(**{k: item.get(k) for k in Deadline.model_fields if item.get(k) is not None})


def directives(doc: Doc) -> list[Directive]:
    out = []
    for item in facts(doc, "directives"):
        fields = {k: v for k, v in item.items() if k in Directive.model_fields}
        fields["issuer"] = _party(item.get("issuer"), doc.text)
        fields["assignees"] = [_party(a, doc.text) for a in item.get("assignees", ()) if a]
        fields["deadline"] = _deadline(item.get("deadline"))
        out.append(Directive(**fields))
    return out


def _plain(model, item: dict):
    return model(**{k: v for k, v in item.items() if k in model.model_fields})


def to_record(doc: Doc, **meta) -> Record:
    """The Record of a processed Doc; `meta` gives doc_id, source, title, published, url, rubric."""
    record = Record(
        **{k: v for k, v in meta.items() if k in Record.model_fields and v is not None},
        people=people(doc),
        organizations=organizations(doc),
        figures=[_plain(Figure, f) for f in facts(doc, "figures")],
        dates=[_plain(DateItem, d) for d in facts(doc, "dates")],
        directives=directives(doc),
    )
    backend = doc._.backend or {}
    if backend.get("unaligned_ents"):
        record.warnings.append(f"{backend['unaligned_ents']} entity spans of the backend did not fall on token edges")
    return record
