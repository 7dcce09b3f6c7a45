"""organizations: first version: the backend's ORG entities, as written."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..pipeline import ignored
from .base import write_group


class OrganizationsComponent:
    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, "organizations", "ORG", self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[dict]:
        return [{"start": e.start_char, "end": e.end_char, "name": e.text, "roles": [], "aliases": []}
                for e in doc.ents if e.label_ == "ORG" and not ignored(doc, e.start_char, e.end_char)]


@Language.factory("organizations", assigns=["doc.spans"])
def make_organizations(nlp: Language, name: str):
    return OrganizationsComponent()
