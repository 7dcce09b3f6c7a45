"""A spaCy tokenizer over razdel: the same sentences and tokens natasha's models were trained on.

Whitespace runs other than a single space become whitespace tokens, as in spaCy, so that
`doc.text == text` always holds and character offsets stay those of the input.
"""
from __future__ import annotations

import re

from razdel import sentenize, tokenize
from spacy.tokens import Doc, Span
from spacy.tokens.doc import pickle_doc
from spacy.util import registry
from spacy.vocab import Vocab

from ..glued import unglued


PARAGRAPH = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


def words_and_spaces(text: str):
    """(words, spaces, sent_starts) for `Doc(...)`, tokens from razdel within its sentences."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []
    pos = 0

    def gap(upto: int):
        nonlocal pos
        chunk = text[pos:upto]
        if chunk:
            if chunk == " " and words and not spaces[-1]:
                spaces[-1] = True
            else:
                if words and not spaces[-1] and chunk.startswith(" "):
                    spaces[-1] = True
                    chunk = chunk[1:]
                if chunk:
                    words.append(chunk)
                    spaces.append(False)
                    starts.append(False)
        pos = upto

    for sent in sentenize(text):
        first = True
        for tok in tokenize(sent.text):
            start = sent.start + tok.start
            # razdel does not end a sentence at a blank line (a headline without a period)
            if not first and PARAGRAPH.search(text, pos, start):
                first = True
            gap(start)
            for part in unglued(tok.text):
                words.append(part)
                spaces.append(False)
                starts.append(first)
                first = False
            pos = start + len(tok.text)
    gap(len(text))
    if starts and not any(starts):
        starts[0] = True
    # a whitespace token never starts a sentence after the first token
    return words, spaces, starts


class TextDoc(Doc):
    """A Doc that remembers its text.

    spaCy rebuilds `Doc.text` from the tokens on every access (O(n)); components read it for
    every fact they write, which made the pipeline quadratic in the document length. The
    text of a Doc never changes (retokenizing keeps it), so it is computed once.
    """

    @property
    def text(self) -> str:
        text = self.__dict__.get("_text")
        if text is None:
            text = self.__dict__["_text"] = Doc.text.__get__(self)
        return text

    @property
    def text_with_ws(self) -> str:
        return self.text

    def __reduce__(self):
        return pickle_doc(self)  # unpickles as a plain Doc


class StatelessTokenizer:
    """What spaCy asks of a tokenizer besides `__call__`, for tokenizers with no state of
    their own: `pipe`, and serialisation that writes and reads nothing."""

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs):
        return b""

    def from_bytes(self, data, **kwargs):
        return self

    def to_disk(self, path, **kwargs):
        pass

    def from_disk(self, path, **kwargs):
        return self


class RazdelTokenizer(StatelessTokenizer):
    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces, starts = words_and_spaces(text)
        if not words:
            return TextDoc(self.vocab, words=[], spaces=[])
        doc = TextDoc(self.vocab, words=words, spaces=spaces, sent_starts=starts)
        doc.__dict__["_text"] = text  # the tokens are slices of it, so it is the doc's text
        # razdel's sentences, kept apart: once the parser has run on some sentences only,
        # spaCy derives `doc.sents` from the parse trees (see pipeline.sentences)
        bounds = [i for i, start in enumerate(starts) if start] + [len(words)]
        doc.spans["sentences"] = [Span(doc, a, b, label="SENT") for a, b in zip(bounds, bounds[1:])]
        return doc



@registry.tokenizers("extractor.razdel_tokenizer.v1")
def create_razdel_tokenizer():
    def make(nlp):
        return RazdelTokenizer(nlp.vocab)

    return make
