"""The second linguistic backend: Stanza's Russian pipeline (syntagrus UD models, WikiNER) on the Doc.

    nlp = build()                        # spaCy Language whose tokenizer runs stanza
    doc = nlp.make_doc(text)             # tokens, POS, morph, lemmas, heads/deps, PER/ORG/LOC ents

The models are not in the wheel: `extractor models download --backend stanza` fetches them into
`models/stanza/` (or `$EXTRACTOR_MODELS/stanza`); `$STANZA_RESOURCES_DIR` is used too when it
holds them. Loading never touches the network (`download_method=None`); without models the
library raises `ModelsMissing` (E010) before stanza or torch is even imported.

The adapter (`to_doc`) writes what the natasha backend writes, from stanza's own character
offsets: `doc.text == text`, extra whitespace as whitespace tokens, sentence starts, UD POS,
morph, lemmas (lower case, like pymorphy's normal forms), heads/deps ("ROOT" at the root) and
entities. A multi-word token becomes one spaCy token per word when its words spell its text
("поручил." -> "поручил" "."); otherwise it stays one token carrying its head word's
annotations, counted in `doc._.backend["unaligned_mwt"]`. Entity spans that miss token edges
are expanded and counted in `doc._.backend["unaligned_ents"]`, as in natasha.py.

Stanza parses whole documents, so `syntax="auto"` parses every sentence, like "all".
"""
from __future__ import annotations

import os
import re
from importlib.util import find_spec
from pathlib import Path
from typing import Optional

import numpy
import spacy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..errors import BackendUnavailable, ModelsMissing
from ..morph import domain_analysis
from ..morph import lemma as lemma_of
from .tokenizer import StatelessTokenizer

LANG = "ru"
PROCESSORS = ("tokenize", "pos", "lemma", "depparse", "ner")
NER_LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
DOWNLOAD_COMMAND = "extractor models download --backend stanza"
INSTALL_COMMAND = "pip install extractor[stanza]"
PROJECT = Path(__file__).resolve().parents[2]

if not Doc.has_extension("backend"):
    Doc.set_extension("backend", default=None)


# -- where the models live

def models_home() -> Path:
    """`$EXTRACTOR_MODELS`, else the project's `models/` (the current directory's outside a checkout)."""
    env = os.environ.get("EXTRACTOR_MODELS")
    if env:
        return Path(env).expanduser()
    root = PROJECT if (PROJECT / "pyproject.toml").is_file() else Path.cwd()
    return root / "models"


def default_dir() -> Path:
    """Where `extractor models download --backend stanza` puts the models."""
    return models_home() / "stanza"


def candidate_dirs() -> list[Path]:
    dirs = [default_dir()]
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env and Path(env).expanduser() not in dirs:
        dirs.append(Path(env).expanduser())
    return dirs


def installed(directory: Path, processors=PROCESSORS) -> bool:
    """True when `directory` holds stanza's resources.json and the Russian models of `processors`."""
    lang = directory / LANG
    return (directory / "resources.json").is_file() and all((lang / p).is_dir() for p in processors)


def find_models(directory: Optional[Path] = None, processors=PROCESSORS) -> Path:
    """The first directory holding the Russian models, or `ModelsMissing` naming the download command."""
    dirs = [Path(directory)] if directory else candidate_dirs()
    for d in dirs:
        if installed(d, processors):
            return d
    looked = ", ".join(str(d) for d in dirs)
    raise ModelsMissing(f"the stanza models for Russian are not installed (looked in {looked}); "
                        f"run `{DOWNLOAD_COMMAND}` first")


def require_stanza():
    if find_spec("stanza") is None:
        raise BackendUnavailable(f"the stanza backend needs the stanza package: run `{INSTALL_COMMAND}`")


def download(directory: Optional[Path] = None, processors=PROCESSORS) -> Path:
    """Fetch the Russian models from stanza's hub into `directory` (default `default_dir()`)."""
    require_stanza()
    import stanza

    target = Path(directory) if directory else default_dir()
    target.mkdir(parents=True, exist_ok=True)
    try:
        stanza.download(LANG, model_dir=str(target), processors=",".join(processors), logging_level="WARN")
    except Exception as exc:  # network, disk, hub errors: one message with the cause
        cause = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        raise ModelsMissing(f"downloading the stanza models into {target} failed ({cause})") from exc
    return target


def load(syntax: str = "auto", directory: Optional[Path] = None):
    """A `stanza.Pipeline` for Russian from local files only."""
    processors = PROCESSORS if syntax != "none" else tuple(p for p in PROCESSORS if p != "depparse")
    require_stanza()
    found = find_models(directory, processors)
    import stanza

    try:
        return stanza.Pipeline(LANG, dir=str(found), processors=",".join(processors), download_method=None,
                               logging_level="ERROR")
    except Exception as exc:  # missing files, a resources.json without Russian, a truncated model
        cause = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        raise ModelsMissing(f"the stanza models in {found} cannot be loaded ({cause}); "
                            f"run `{DOWNLOAD_COMMAND}` again") from exc


# -- stanza Document -> spaCy Doc

def _mwt_pieces(surface: str, words) -> Optional[list[tuple[int, int]]]:
    """Offsets of an MWT's words inside its surface text, or None when they do not spell it."""
    pattern = r"\s*".join(f"({re.escape(w.text)})" for w in words)
    match = re.fullmatch(pattern, surface)
    return [match.span(i + 1) for i in range(len(words))] if match else None


def _head_word(words):
    """The word of a group whose head lies outside it: it speaks for a token that cannot be split."""
    ids = {w.id for w in words}
    return next((w for w in words if w.head not in ids), words[0])


def _units(text: str, sentence, pos: int, counts: dict):
    """(start, end, word or None) for a sentence's tokens, from stanza's offsets into `text`,
    and the unit index of every word id (for heads)."""
    units, word_unit = [], {}
    for token in sentence.tokens:
        start, end = token.start_char, token.end_char
        if start is None or end is None or start < pos or end > len(text) or end <= start:
            found = text.find(token.text, pos)
            if found < 0:  # not in the text at all: its words stay unannotated
                counts["unaligned_tokens"] += 1
                continue
            start, end = found, found + len(token.text)
        words = list(token.words)
        pieces = _mwt_pieces(text[start:end], words) if len(words) > 1 else None
        if len(words) > 1 and pieces is None:
            counts["unaligned_mwt"] += 1
            for w in words:
                word_unit[w.id] = len(units)
            units.append((start, end, _head_word(words)))
        elif pieces:
            for w, (s, e) in zip(words, pieces):
                word_unit[w.id] = len(units)
                units.append((start + s, start + e, w))
        else:
            if words:
                word_unit[words[0].id] = len(units)
            units.append((start, end, words[0] if words else None))
        pos = end
    return units, word_unit


def _layout(text: str, stanza_doc, counts: dict):
    """spaCy words/spaces/sent_starts over `text`, the stanza word behind each token (None for
    whitespace and uncovered text) and each token's head index (-1 for a root, None unparsed)."""
    words, spaces, starts, source, heads = [], [], [], [], []

    def add(piece: str, word=None, first=False):
        words.append(piece)
        spaces.append(False)
        starts.append(first)
        source.append(word)
        heads.append(None)

    def gap(chunk: str):
        for piece in re.findall(r"\s+|\S+", chunk):
            if piece.isspace() and words and not spaces[-1] and piece.startswith(" ") and not words[-1].isspace():
                spaces[-1] = True
                piece = piece[1:]
            if piece:
                add(piece)

    pos = 0
    for sentence in stanza_doc.sentences:
        units, word_unit = _units(text, sentence, pos, counts)
        placed: dict[int, int] = {}  # unit index -> token index
        for k, (start, end, word) in enumerate(units):
            if start < pos:  # overlapping offsets: never move backwards
                continue
            gap(text[pos:start])
            placed[k] = len(words)
            add(text[start:end], word, first=len(placed) == 1)
            pos = end
        for k, i in placed.items():
            word = source[i]
            if word is None or getattr(word, "head", None) is None:
                continue
            head = placed.get(word_unit.get(word.head, -1)) if word.head else None
            heads[i] = -1 if head is None else head  # a head that did not land on a token: a root
    gap(text[pos:])
    if words and not any(starts):
        starts[0] = True
    return words, spaces, starts, source, heads


def _valid_pos(tag: Optional[str]) -> Optional[str]:
    return tag if tag in POS_IDS else ("X" if tag else None)


def to_doc(vocab: Vocab, text: str, stanza_doc, name: str = "stanza") -> Doc:
    """A spaCy Doc over exactly `text`, carrying the annotations of the stanza Document."""
    counts = {"unaligned_ents": 0, "unaligned_mwt": 0, "unaligned_tokens": 0, "parsed_sents": 0}
    words, spaces, starts, source, heads = _layout(text, stanza_doc, counts)
    if not words:
        doc = Doc(vocab, words=[], spaces=[])
        doc._.backend = {"name": name, **counts}
        return doc
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    parsed = any(h is not None for h in heads)
    for token, word in zip(doc, source):
        if word is None:
            continue
        pos = _valid_pos(word.upos)
        if pos:
            token.pos_ = pos
        if word.feats:
            token.set_morph(word.feats)
        feats = dict(f.split("=", 1) for f in word.feats.split("|") if "=" in f) if word.feats else {}
        domain = domain_analysis(token.text, feats)
        if domain is not None:  # a noun of data/domain_nouns.txt, whatever the tagger read
            token.pos_, token.lemma_ = "NOUN", domain[0]
            token.set_morph("|".join(f"{k}={v}" for k, v in sorted(domain[1].items())) or None)
            continue
        token.lemma_ = word.lemma.lower() if word.lemma else lemma_of(token.text, pos, feats)
    if parsed:
        current = doc.to_array([HEAD, DEP])
        offsets = current[:, 0].astype("int64")
        deps = current[:, 1].copy()
        strings = vocab.strings
        for i, (word, head) in enumerate(zip(source, heads)):
            if head is None:
                continue
            root = head < 0 or head == i
            offsets[i] = 0 if root else head - i
            deps[i] = strings.add("ROOT" if root else (word.deprel or "dep"))
        arr = numpy.empty((len(doc), 2), dtype="uint64")
        arr[:, 0] = offsets.astype("uint64")
        arr[:, 1] = deps
        doc.from_array([HEAD, DEP], arr)
        counts["parsed_sents"] = sum(1 for s in stanza_doc.sentences if any(w.head is not None for w in s.words))
    doc._.backend = {"name": name, **counts}
    _set_ents(doc, stanza_doc)
    return doc


def _set_ents(doc: Doc, stanza_doc) -> None:
    spans = []
    for ent in stanza_doc.ents:
        label = NER_LABELS.get(ent.type)
        if label is None or ent.start_char is None or ent.end_char is None:
            continue
        span = doc.char_span(ent.start_char, ent.end_char, label=label, alignment_mode="strict")
        if span is None:
            doc._.backend["unaligned_ents"] += 1
            span = doc.char_span(ent.start_char, ent.end_char, label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    doc.ents = filter_spans(spans)


# -- the spaCy side

class StanzaTokenizer(StatelessTokenizer):
    """Runs stanza on the text and builds the annotated Doc (the spacy-stanza pattern)."""

    def __init__(self, vocab: Vocab, pipeline):
        self.vocab = vocab
        self.pipeline = pipeline

    def __call__(self, text: str) -> Doc:
        if not text.strip():
            return to_doc(self.vocab, text, _EmptyDocument())
        return to_doc(self.vocab, text, self.pipeline(text))



class _EmptyDocument:
    sentences = ()
    ents = ()


def build(syntax: str = "auto", directory: Optional[Path] = None) -> Language:
    """A blank Russian Language whose tokenizer runs stanza; the fact components are added by pipeline.py."""
    if syntax not in {"auto", "all", "none"}:
        raise ValueError(f"syntax must be auto, all or none, not {syntax!r}")
    pipeline = load(syntax=syntax, directory=directory)
    nlp = spacy.blank(LANG)
    nlp.tokenizer = StanzaTokenizer(nlp.vocab, pipeline)
    return nlp
