"""Directives: who instructed whom to do what by when.

`find(doc)` returns one dict per action (Directive fields of schema.py). The work is split:
- lexicon.py  the word lists (data files under extractor/data/directive_*),
- text.py     token helpers over the Doc (morphology, clauses, quotes, the headline),
- parties.py  issuers and assignees linked to the people/organizations facts,
- actions.py  chains of infinitives, action text and deadlines,
- frames.py   the forms of an instruction (active, passive, act item, modal, quote).
"""
from .frames import find

__all__ = ["find"]
