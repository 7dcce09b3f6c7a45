"""Builds the spaCy pipeline in one place: tokenizer + linguistic backend + one component per fact.

    nlp = build_pipeline()              # natasha backend
    doc = nlp.make_doc(text); set_meta(doc, published="2025-12-25"); doc = nlp(doc)

Fact components write facts with `components.base.write_group`: the dicts in
`doc._.facts[group]` and their token covers in `doc.spans[group]` (see base.py):
    people          one dict per mention: {"start", "end", "name", "roles": [{title, start, end}]}
    organizations   one dict per mention: {"start", "end", "name", "aliases", "kind"}
    figures         Figure fields (schema.py)
    dates           DateItem fields
    directives      Directive fields (issuer/assignees as Party dicts, deadline as a dates dict)
Each dict keeps the exact character offsets (`start`, `end`, `text`); records.py is the one
place that turns them into the pydantic Record. Order matters: people and organizations, then dates and figures, then
directives, which read the groups before them.
"""
from __future__ import annotations

import weakref
from bisect import bisect_right
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import BackendUnavailable

FACTS = ("people", "organizations", "dates", "figures", "directives")
BACKENDS = ("natasha", "stanza")

for _name in ("published", "meta"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("ignore"):
    # character ranges that are not content (scraper header, view counter, photo captions)
    Doc.set_extension("ignore", default=())


def set_meta(doc: Doc, *, published: str | None = None, ignore=(), meta: dict | None = None) -> Doc:
    doc._.published = published
    doc._.ignore = tuple(ignore)
    doc._.meta = meta or {}
    return doc


def sentences(doc: Doc):
    """The document's sentences: the tokenizer's (razdel) where it kept them, since `doc.sents`
    follows the parse trees once the parser has run on only some sentences; else doc.sents."""
    if "sentences" in doc.spans and (len(doc.spans["sentences"]) or not len(doc)):
        return list(doc.spans["sentences"])
    return list(doc.sents) if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]


_starts: "weakref.WeakKeyDictionary[Doc, list[int]]" = weakref.WeakKeyDictionary()


def sentence_start(doc: Doc, i: int) -> int:
    """The first token of the sentence (`sentences`) that holds token `i`. The sentence
    starts are listed once per document: a long document asks for them thousands of times."""
    starts = _starts.get(doc)
    if starts is None:
        starts = [s.start for s in sentences(doc)]
        if "sentences" in doc.spans:  # the tokenizer's: they do not change once made
            _starts[doc] = starts
    k = bisect_right(starts, i)
    return starts[k - 1] if k else 0


_IGNORE_KEY = ("._.", "ignore", None, None)  # where spaCy keeps `doc._.ignore` (skips building `doc._`)


def ignored(doc: Doc, start: int, end: int) -> bool:
    """True when [start, end) overlaps a non-content range of the document."""
    ranges = doc.user_data.get(_IGNORE_KEY, ()) if _IGNORE_KEY in doc.user_data else doc._.ignore
    return any(s < end and start < e for s, e in ranges)


def _register_components():
    # importing registers the factories
    from .components import dates, directives, figures, organizations, people  # noqa: F401


def check_backend(backend: str) -> None:
    """Fail early, before any work, when a backend cannot run here (unknown, package or models
    missing): a batch must say so once, not once per document."""
    if backend == "stanza":
        from .backends import stanza as stanza_backend

        stanza_backend.require_stanza()
        stanza_backend.find_models()
    elif backend != "natasha":
        raise BackendUnavailable(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")


def _russian_number_words_as_set() -> None:
    """spaCy's Russian `like_num`, computed for every new word a vocabulary meets, looks the
    word up in a list of 884 number words: 18 µs a word, more than all its other lexical
    attributes together, and a tenth of what a document of new text costs beyond its
    models. The same words in a set give the same answers."""
    from spacy.lang.ru import lex_attrs

    words = getattr(lex_attrs, "_num_words", None)
    if isinstance(words, list):
        lex_attrs._num_words = frozenset(words)


UNREAD_LEXICAL_ATTRS = ("SHAPE", "LIKE_URL", "LIKE_EMAIL", "IS_STOP", "IS_QUOTE", "IS_BRACKET", "IS_LEFT_PUNCT",
                        "IS_RIGHT_PUNCT", "IS_CURRENCY", "LANG")


def _unread_lexical_attrs_off(nlp: Language) -> None:
    """spaCy computes every lexical attribute of a word the first time its vocabulary meets
    it: 14 µs a word, two thirds of them for attributes no component reads (the word's shape,
    URL and e-mail tests, stop words, quote and bracket classes). Those are left unset
    (`token.shape_` is "", `token.like_url` False); the ones the components read
    (`lower_`, `norm_`, `is_alpha`, `is_lower`, `is_punct`, `is_space`, `like_num`, ...) are computed."""
    from spacy import attrs

    unread = {attrs.IDS[name] for name in UNREAD_LEXICAL_ATTRS}
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {k: f for k, f in getters.items() if k not in unread}


def build_pipeline(backend: str = "natasha", syntax: str = "auto", facts=FACTS) -> Language:
    """A fresh pipeline; use `load_pipeline` to share one per process."""
    _register_components()
    _russian_number_words_as_set()
    if backend == "natasha":
        from .backends import natasha  # noqa: F401  (registers the factory)
        from .backends import tokenizer  # noqa: F401  (registers the razdel tokenizer)

        # built with its tokenizer: spacy.blank's own would compile Russian exceptions for nothing
        nlp = spacy.blank("ru", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.razdel_tokenizer.v1"}}})
        nlp.add_pipe("natasha", config={"syntax": syntax})
    elif backend == "stanza":
        from .backends import stanza as stanza_backend

        nlp = stanza_backend.build(syntax=syntax)
    else:
        raise BackendUnavailable(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    _unread_lexical_attrs_off(nlp)
    for fact in FACTS:
        if fact in facts:
            nlp.add_pipe(fact)
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(backend: str = "natasha", syntax: str = "auto") -> Language:
    """The process-wide pipeline for a backend: models load once (with the garbage collector
    paused, see `_lean.paused_gc`)."""
    from ._lean import paused_gc

    with paused_gc():
        return build_pipeline(backend=backend, syntax=syntax)
