"""directives: who instructed whom to do what by when (see extractor/directives/).

Reads the people, organizations and dates groups written before it and writes one fact per
action: Directive fields (schema.py) with the issuer and assignees as Party dicts and the
deadline as a dates dict.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..directives import find
from ..grammars.isodates import add_duration, parse_published
from .base import facts, write_group

SPAN = re.compile(r"P(\d+)([DWMY])")  # a span of days, weeks, months or years ("P3M")


class DirectivesComponent:
    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, "directives", "DIRECTIVE", self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[dict]:
        found = find(doc)
        terms_are_deadlines(doc, found)
        return found


def terms_are_deadlines(doc: Doc, directives: list[dict]) -> None:
    """A span of time or a date among an action's words that is a directive's term is a deadline,
    whatever its sentence alone said: "... Национальному банку в течение трех месяцев выработать
    меры" in a quote of instructions (the dates component saw no instruction in that sentence and
    called it a period). Its date is resolved from the publication date, in the date fact and in
    the directive."""
    published = parse_published(doc._.published)
    dates = {(d["start"], d["end"]): d for d in facts(doc, "dates")}
    for directive in directives:
        term = directive.get("deadline")
        fact = dates.get((term.get("start"), term.get("end"))) if term else None
        if fact is None or fact["kind"] == "deadline":
            continue
        # a span of time, or a date among the action's own words ("обеспечить город водой в ночь
        # на 14 апреля"); not a date before it that may tell when the instruction was given
        if not fact.get("duration") and fact["start"] < (directive.get("action_start") or 0):
            continue
        fact["kind"] = term["kind"] = "deadline"
        m = SPAN.fullmatch(fact.get("duration") or "")
        if fact.get("date") is None and m and published is not None:
            fact["date"] = term["date"] = add_duration(published, int(m.group(1)), m.group(2)).isoformat()


@Language.factory("directives", assigns=["doc.spans"], requires=["doc.spans"])
def make_directives(nlp: Language, name: str):
    return DirectivesComponent()
