"""directives: first version (placeholder until its issue lands): finds nothing yet."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import write_group


class DirectivesComponent:
    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, "directives", "DIRECTIVE", self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[dict]:
        return []


@Language.factory("directives", assigns=["doc.spans"])
def make_directives(nlp: Language, name: str):
    return DirectivesComponent()
