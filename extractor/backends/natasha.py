"""The default linguistic backend: natasha's slovnet models (morphology, syntax, NER) on the Doc.

The weights ship inside the natasha wheel (navec embeddings + slovnet packs), so nothing is
downloaded. Tokens come from razdel (see tokenizer.py), the tokenization the models were
trained on, so morphology and syntax align one to one with spaCy tokens. NER runs per
paragraph (a span never crosses a blank line) and its character spans are aligned to
tokens; spans that cannot be aligned are counted in `doc._.backend["unaligned_ents"]`.

Syntax is the expensive model: with `syntax="auto"` it runs only on sentences that contain
a word from `data/syntax_triggers.txt` (the sentences that may hold a directive).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import resources
from ..morph import lemma as lemma_of

PARAGRAPH = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
NER_LABELS = {"PER", "ORG", "LOC"}


@lru_cache(maxsize=1)
def models():
    """(morph, syntax, ner) slovnet taggers, loaded once per process."""
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser

    emb = NewsEmbedding()
    return NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)


@lru_cache(maxsize=1)
def syntax_trigger_re() -> re.Pattern:
    stems = sorted(resources.words("syntax_triggers.txt"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in stems) + ")", re.IGNORECASE)


def _sentences(doc: Doc):
    """Each sentence's non-space tokens."""
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens:
            yield tokens


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for m in PARAGRAPH.finditer(text):
        if m.start() > start:
            yield start, text[start:m.start()]
        start = m.end()
    if start < len(text):
        yield start, text[start:]


class NatashaBackend:
    """Writes POS, morph, lemma, heads/deps and entities onto razdel-tokenized Docs."""

    def __init__(self, name: str = "natasha", syntax: str = "auto", ner: bool = True, batch_size: int = 64):
        if syntax not in {"auto", "all", "none"}:
            raise ValueError(f"syntax must be auto, all or none, not {syntax!r}")
        self.name = name
        self.syntax = syntax
        self.ner = ner
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        batch: list[Doc] = []
        size = batch_size or self.batch_size
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                yield from self._process(batch)
                batch = []
        if batch:
            yield from self._process(batch)

    # -- the work

    def _process(self, docs: list[Doc]) -> list[Doc]:
        morph, syntax, ner = models()
        sents = [(doc, tokens) for doc in docs for tokens in _sentences(doc)]
        words = [[t.text for t in tokens] for _, tokens in sents]
        for (doc, tokens), markup in zip(sents, morph.map(words) if words else []):
            for token, tag in zip(tokens, markup.tokens):
                token.pos_ = tag.pos
                if tag.feats:
                    token.set_morph("|".join(f"{k}={v}" for k, v in sorted(tag.feats.items())))
                token.lemma_ = lemma_of(token.text, tag.pos, tag.feats)
        parsed = self._parse(sents) if self.syntax != "none" else []
        for doc in docs:
            doc._.backend = {"name": self.name, "unaligned_ents": 0, "parsed_sents": 0}
        for doc, _ in parsed:
            doc._.backend["parsed_sents"] += 1
        if self.ner:
            self._ner(docs, ner)
        return docs

    def _parse(self, sents):
        _, syntax, _ = models()
        if self.syntax == "all":
            chosen = sents
        else:
            trigger = syntax_trigger_re()
            chosen = [(d, toks) for d, toks in sents if trigger.search(d.text, toks[0].idx, toks[-1].idx + len(toks[-1]))]
        if not chosen:
            return chosen
        by_doc: dict[int, tuple[Doc, list]] = {}
        for (doc, tokens), markup in zip(chosen, syntax.map([[t.text for t in toks] for _, toks in chosen])):
            by_doc.setdefault(id(doc), (doc, []))[1].append((tokens, markup))
        for doc, items in by_doc.values():
            current = doc.to_array([HEAD, DEP])
            heads = current[:, 0].astype("int64")
            deps = current[:, 1].copy()
            strings = doc.vocab.strings
            for tokens, markup in items:
                for token, tag in zip(tokens, markup.tokens):
                    head = int(tag.head_id)
                    heads[token.i] = 0 if head == 0 else tokens[head - 1].i - token.i
                    deps[token.i] = strings.add("ROOT" if head == 0 else tag.rel)
            arr = numpy.empty((len(doc), 2), dtype="uint64")
            arr[:, 0] = heads.astype("uint64")
            arr[:, 1] = deps
            doc.from_array([HEAD, DEP], arr)
        return chosen

    def _ner(self, docs: list[Doc], ner):
        chunks = [(doc, start, chunk) for doc in docs for start, chunk in paragraphs(doc.text) if chunk.strip()]
        found: dict[int, list[Span]] = {id(doc): [] for doc in docs}
        for (doc, offset, _), markup in zip(chunks, ner.map([c for _, _, c in chunks]) if chunks else []):
            for span in markup.spans:
                if span.type not in NER_LABELS:
                    continue
                start, end = offset + span.start, offset + span.stop
                ent = doc.char_span(start, end, label=span.type, alignment_mode="strict")
                if ent is None:
                    ent = doc.char_span(start, end, label=span.type, alignment_mode="expand")
                    doc._.backend["unaligned_ents"] += 1
                    if ent is None:
                        continue
                found[id(doc)].append(ent)
        for doc in docs:
            doc.ents = filter_spans(found[id(doc)])


if not Doc.has_extension("backend"):
    Doc.set_extension("backend", default=None)


@Language.factory(
    "natasha",
    assigns=["token.pos", "token.morph", "token.lemma", "token.dep", "token.head", "doc.ents"],
    default_config={"syntax": "auto", "ner": True, "batch_size": 64},
)
def make_natasha(nlp: Language, name: str, syntax: str, ner: bool, batch_size: int) -> NatashaBackend:
    return NatashaBackend(name=name, syntax=syntax, ner=ner, batch_size=batch_size)
