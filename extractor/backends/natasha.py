"""The default linguistic backend: natasha's slovnet models (morphology, syntax, NER) on the Doc.

The weights ship inside the natasha wheel (navec embeddings + slovnet packs), so nothing is
downloaded. Tokens come from razdel (see tokenizer.py), the tokenization the models were
trained on, so morphology and syntax align one to one with spaCy tokens. NER runs per
paragraph (a span never crosses a blank line) on the paragraph's tokens; a span is cut at
line breaks, and a part that does not fall on token edges is counted in
`doc._.backend["unaligned_ents"]`.

Syntax is the expensive model: with `syntax="auto"` it runs only on sentences that contain
a word from `data/syntax_triggers.txt` (the sentences that may hold a directive).

Speed: slovnet pads each batch to its longest item and natasha's taggers batch by 8, so the
models get sentences (and paragraphs) sorted by length, in batches of about `TOKEN_BUDGET`
tokens (padding included): fewer, fuller numpy calls, same results. Morphology and NER run
through `slovnet_fast.FastTagger` (the same models fed id arrays, tags parsed once per tag);
NER reads the paragraph's spaCy tokens, so its spans fall on token edges.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
from contextlib import contextmanager
from functools import lru_cache
from importlib.util import find_spec
from typing import Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import resources
from ..errors import BackendUnavailable
from ..morph import common_noun, domain_analysis, domain_lemmas
from ..morph import lemma as lemma_of

PARAGRAPH = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
NER_LABELS = {"PER", "ORG", "LOC"}
TOKEN_BUDGET = 1024  # tokens per model call, padding included (measured best on CPU: 512-2048)


@lru_cache(maxsize=1)
def models():
    """(morph, syntax, ner) slovnet taggers, loaded once per process."""
    from slovnet import NER, Morph, Syntax

    emb = _embedding()
    with _shared_vocabs():
        taggers = [model.load(_data("model", name)) for model, name in (
            (Morph, "slovnet_morph_news_v1.tar"), (Syntax, "slovnet_syntax_news_v1.tar"), (NER, "slovnet_ner_news_v1.tar"))]
    for tagger in taggers:  # batches are made by `_map`, by length and token budget
        tagger.navec(emb)
        tagger.batch_size = tagger.infer.encoder.batch_size = 1 << 30
    return tuple(taggers)


def _data(*parts: str) -> str:
    """A file of the natasha wheel's data: the models natasha's News* taggers load, read here
    with slovnet's own API, without importing natasha (its extractors bring yargy and
    pymorphy2, which this backend never uses)."""
    spec = find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise BackendUnavailable("the natasha backend needs the natasha package: pip install natasha")
    return os.path.join(list(spec.submodule_search_locations)[0], "data", *parts)


def _embedding():
    """natasha's news embedding (navec) without its word index.

    The slovnet taggers take only navec's quantized vectors (`pq`); words are mapped to rows by
    each pack's own vocabulary. `NewsEmbedding()` also builds navec's 250,000-word index and
    the norms it uses for word similarity: 0.4 s of every start, for nothing.
    """
    from navec.meta import Meta
    from navec.navec import META, PQ_, Navec
    from navec.pq import PQ
    from navec.tar import Tar

    class Vectors(PQ):
        def precompute(self):  # norms for `sim`, which the taggers never call
            pass

    with Tar(_data("emb", "navec_news_v1_1B_250K_300d_100q.tar")) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        pq = Vectors.from_file(tar.load(PQ_))
    return Navec(meta, None, pq)


@lru_cache(maxsize=1)
def fast_taggers():
    """(morph, ner) as FastTaggers over the models of `models()`."""
    from .slovnet_fast import FastTagger

    morph, _, ner = models()
    fast_morph = FastTagger(morph)
    # the packs share one vocabulary (`_shared_vocabs`): a new word is encoded once for both
    return fast_morph, FastTagger(ner, crf=True, ids_of=fast_morph)


@lru_cache(maxsize=4096)
def _morph_tag(tag: str) -> tuple[str, dict, str]:
    """A morph tag ("NOUN|Case=Nom|...") as (pos, feats, spaCy morph string)."""
    from slovnet.conll import parse_conll_tag

    pos, feats = parse_conll_tag(tag)
    return pos, feats, "|".join(f"{k}={v}" for k, v in sorted(feats.items()))


_values: dict[int, tuple] = {}  # id(vocab) -> (vocab, values): the vocab kept, so that its id is not reused


class _TagValues(dict):
    """morph tag id -> (POS id, MORPH hash, pos, feats), each made on first use (a text uses a
    fraction of the model's tags; making them all cost 50 ms of every start)."""

    def __init__(self, morph, vocab):
        super().__init__()
        self.morph = morph
        self.vocab = vocab

    def __missing__(self, tag_id: int) -> tuple:
        from spacy.parts_of_speech import IDS

        pos, feats, analysis = _morph_tag(self.morph.tag(tag_id))
        value = self[tag_id] = (IDS.get(pos, 0), self.vocab.morphology.add(analysis) if analysis else 0, pos, feats)
        return value


def _tag_values(morph, vocab) -> _TagValues:
    """The tag values of `morph` in `vocab`, one table per vocabulary."""
    found = _values.get(id(vocab))
    if found is None:
        found = _values[id(vocab)] = (vocab, _TagValues(morph, vocab))
    return found[1]


NOUN_ID = POS_IDS["NOUN"]


def _domain_values(vocab, word: str, feats: dict) -> tuple[int, int, int]:
    """(POS id, MORPH hash, lemma id) of a domain noun's form (`morph.domain_analysis`)."""
    from spacy.parts_of_speech import IDS

    lemma, domain_feats = domain_analysis(word, feats)
    analysis = "|".join(f"{k}={v}" for k, v in sorted(domain_feats.items()))
    return IDS["NOUN"], vocab.morphology.add(analysis) if analysis else 0, vocab.strings.add(lemma)


def bio_spans(tags: list[str]) -> Iterator[tuple[int, int, str]]:
    """(first, last, type) token ranges of BIO tags, read as slovnet reads them."""
    previous = start = stop = None
    for k, tag in enumerate(tags):
        part, _, kind = tag.partition("-")
        if part == "O":
            if previous:
                yield start, stop, previous
                previous = None
        elif part == "B":
            if previous:
                yield start, stop, previous
            previous, start, stop = kind or None, k, k
        elif part == "I":
            stop = k
    if previous:
        yield start, stop, previous


@contextmanager
def _shared_vocabs():
    """While the packs load, identical vocabularies are built once.

    The three slovnet packs each carry the same 250,000-word vocabulary; building its index
    is most of their loading time. Vocabularies are read-only, so the taggers can share one.
    """
    from slovnet.exec import pack
    from slovnet.vocab import Vocab

    original = pack.bytes_vocab
    built: dict[bytes, Vocab] = {}

    def bytes_vocab(data: bytes) -> Vocab:
        # the packs' gzip streams differ only in their header's time stamp (bytes 4-8), when
        # the header carries no optional fields (flags byte 0): the rest is the key, and a
        # copy already built is not even decompressed
        plain_header = data[:2] == b"\x1f\x8b" and len(data) > 10 and data[3] == 0
        key = hashlib.blake2b(data[8:] if plain_header else gzip.decompress(data), digest_size=16).digest()
        if key not in built:
            built[key] = Vocab(gzip.decompress(data).decode("utf-8").splitlines())
        return built[key]

    pack.bytes_vocab = bytes_vocab
    try:
        yield
    finally:
        pack.bytes_vocab = original


def _map(tagger, items: list, size=len, budget: int = TOKEN_BUDGET) -> list:
    """`tagger.map(items)` in input order, run on length-sorted batches of about `budget` tokens."""
    order = sorted(range(len(items)), key=lambda i: size(items[i]))
    out: list = [None] * len(items)
    batch: list[int] = []

    def run():
        for i, markup in zip(batch, tagger.map([items[j] for j in batch])):
            out[i] = markup

    for i in order:
        if batch and (len(batch) + 1) * size(items[i]) > budget:
            run()
            batch = []
        batch.append(i)
    if batch:
        run()
    return out


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


def docs_of(sents) -> list[Doc]:
    seen: dict[int, Doc] = {}
    for doc, _ in sents:
        seen.setdefault(id(doc), doc)
    return list(seen.values())


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for m in PARAGRAPH.finditer(text):
        if m.start() > start:
            yield start, text[start:m.start()]
        start = m.end()
    if start < len(text):
        yield start, text[start:]


def _paragraph_tokens_of(doc: Doc) -> list[list]:
    """The non-space tokens of each paragraph (text between blank lines) that has any."""
    out: list[list] = []
    bounds = [(start, start + len(chunk)) for start, chunk in paragraphs(doc.text)]
    k = 0
    current: list = []
    for token in doc:
        if token.is_space:
            continue
        while k < len(bounds) and token.idx >= bounds[k][1]:
            if current:
                out.append(current)
                current = []
            k += 1
        current.append(token)
    if current:
        out.append(current)
    return out


def line_parts(text: str, start: int, end: int):
    """[start, end) cut at line breaks, each part stripped of surrounding whitespace."""
    pos = start
    for line in text[start:end].split("\n"):
        s, e = pos, pos + len(line)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and any(c.isalnum() for c in text[s:e]):
            yield s, e
        pos += len(line) + 1


class NatashaBackend:
    """Writes POS, morph, lemma, heads/deps and entities onto razdel-tokenized Docs."""

    def __init__(self, name: str = "natasha", syntax: str = "auto", ner: bool = True, batch_size: int = 64):
        if syntax not in {"auto", "all", "none"}:
            raise ValueError(f"syntax must be auto, all or none, not {syntax!r}")
        self.name = name
        self.syntax = syntax
        self.ner = ner
        self.batch_size = batch_size
        self._lemmas: dict[tuple[str, int], int] = {}  # (word, morph tag id) -> lemma's string id

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
        morph, ner = fast_taggers()
        sents = [(doc, tokens) for doc in docs for tokens in _sentences(doc)]
        words = [[t.text for t in tokens] for _, tokens in sents]
        self._morphology(docs, sents, words, morph.tag_ids(words))
        parsed = self._parse(sents) if self.syntax != "none" else []
        for doc in docs:
            doc._.backend = {"name": self.name, "unaligned_ents": 0, "parsed_sents": 0}
        for doc, _ in parsed:
            doc._.backend["parsed_sents"] += 1
        if self.ner:
            self._ner(docs, ner)
        return docs

    def _morphology(self, docs: list[Doc], sents, words, tag_ids) -> None:
        """POS, morph and lemma of every token, written with one `from_array` a document."""
        morph, _ = fast_taggers()
        vocab = docs[0].vocab
        values = _tag_values(morph, vocab)
        arrays = {id(doc): numpy.zeros((len(doc), 3), dtype="uint64") for doc in docs}
        lemmas = self._lemmas
        domain = domain_lemmas()
        for (doc, tokens), sentence, ids in zip(sents, words, tag_ids):
            array = arrays[id(doc)]
            for token, word, tag_id in zip(tokens, sentence, ids.tolist()):
                pos_id, morph_id, pos, feats = values[tag_id]
                if word.lower() in domain:  # a noun the tagger does not know: the lexicon's reading
                    pos_id, morph_id, lemma_id = _domain_values(vocab, word, feats)
                    array[token.i] = (pos_id, morph_id, lemma_id)
                    continue
                if pos == "PRON" and word[:1].isupper() and common_noun(word):
                    pos_id, pos = NOUN_ID, "NOUN"  # "Комитету по развитию ..." opening a sentence
                lemma_id = lemmas.get((word, tag_id))
                if lemma_id is None:
                    lemma_id = vocab.strings.add(lemma_of(word, pos, feats))
                    if len(lemmas) < 500_000:
                        lemmas[(word, tag_id)] = lemma_id
                array[token.i] = (pos_id, morph_id, lemma_id)
        for doc in docs:
            doc.from_array([POS, MORPH, LEMMA], arrays[id(doc)])

    def _parse(self, sents):
        _, syntax, _ = models()
        if self.syntax == "all":
            chosen = sents
        else:
            search = syntax_trigger_re().search
            texts = {id(doc): doc.text for doc in docs_of(sents)}
            chosen = [(d, toks) for d, toks in sents if search(texts[id(d)], toks[0].idx, toks[-1].idx + len(toks[-1]))]
        if not chosen:
            return chosen
        by_doc: dict[int, tuple[Doc, list]] = {}
        for (doc, tokens), markup in zip(chosen, _map(syntax, [[t.text for t in toks] for _, toks in chosen])):
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
        chunks = [(doc, tokens) for doc in docs for tokens in _paragraph_tokens_of(doc)]
        found: dict[int, list[Span]] = {id(doc): [] for doc in docs}
        for (doc, tokens), tag_ids in zip(chunks, ner.tag_ids([[t.text for t in toks] for _, toks in chunks])):
            for first, last, kind in bio_spans([ner.tag(i) for i in tag_ids.tolist()]):
                if kind not in NER_LABELS:
                    continue
                start, end = tokens[first].idx, tokens[last].idx + len(tokens[last])
                # a name does not run over a line break ("Чувашской Республики\nЕвлогиеву"): one part a line
                for part_start, part_end in line_parts(doc.text, start, end):
                    ent = doc.char_span(part_start, part_end, label=kind, alignment_mode="strict")
                    if ent is None:
                        ent = doc.char_span(part_start, part_end, label=kind, alignment_mode="expand")
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
