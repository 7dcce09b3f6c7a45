"""Directives: who instructed whom to do what by when.

`find(doc)` returns one dict per action (Directive fields of schema.py). The work is split:
- lexicon.py  the word lists (data files under extractor/data/directive_*),
- text.py     token helpers over the Doc (morphology, quotes, the headline, acts),
- parties.py  noun phrases as parties, linked to the people/organizations facts or generic,
- context.py  what one document's frames share (parties, quotes, dates, the act's signer),
- issuers.py  the subject of an instruction verb, resolved to a person, body or title,
- actions.py  chains of infinitives, action text, deadlines,
- frames.py   the forms of an instruction found per sentence (active, passive, act item,
              modal, quoted command),
- build.py    a frame turned into one directive per action of its chain,
- forms.py    instructions of other shapes ("Возложить на ...", "По поручению X ... будут ...",
              "Установить, что ...", "дал поручение о ...").
"""
from .frames import find

__all__ = ["find"]
