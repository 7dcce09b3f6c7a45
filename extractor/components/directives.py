"""directives: who instructed whom to do what by when (see extractor/directives/).

Reads the people, organizations and dates groups written before it and writes one fact per
action: Directive fields (schema.py) with the issuer and assignees as Party dicts and the
deadline as a dates dict.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..directives import find
from .base import write_group


class DirectivesComponent:
    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, "directives", "DIRECTIVE", self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[dict]:
        return find(doc)


@Language.factory("directives", assigns=["doc.spans"], requires=["doc.spans"])
def make_directives(nlp: Language, name: str):
    return DirectivesComponent()
