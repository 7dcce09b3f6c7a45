"""slovnet's CNN taggers (morphology, NER) run on word lists, without their per-token objects.

natasha's taggers wrap each call in Python records: encoding every word (shape regexes,
vocabulary lookups), then a markup object, a token object and a parsed tag for every word
out. That is about half of their time. Here the same model (`infer.model`, unchanged
weights and numpy code) gets id arrays built from a per-word cache, and gives back tag ids,
whose meaning is parsed once per tag. Batches are sentences of similar length, about
`budget` tokens each, padding included.

The CNN encoder runs channels-last, each convolution as one matrix product over the padded
sequence (`_Conv`) instead of slovnet's copied window matrix: the same arithmetic (up to
float rounding) without the copy that cost as much as the product itself.

    fast = FastTagger(natasha_morph_tagger)
    ids = fast.tag_ids([["Министр", "провел", "совещание"], ...])   # one int array per sentence
    fast.tag(ids[0][0])                                               # "NOUN|Animacy=Anim|..."
"""
from __future__ import annotations

import numpy

from slovnet.shape import word_shape

TOKEN_BUDGET = 1024  # tokens per model call, padding included (measured best on CPU: 512-2048)


class FastTagger:
    """A natasha/slovnet Morph or NER tagger's model, fed id arrays directly."""

    def __init__(self, tagger, crf: bool = False, cache_size: int = 500_000, ids_of: "FastTagger | None" = None):
        """`ids_of`: a tagger over the same vocabularies, whose cache of word ids this one shares."""
        infer = tagger.infer
        self.model = infer.model
        self.words = infer.encoder.words_vocab
        self.shapes = infer.encoder.shapes_vocab
        self.tags = infer.decoder.tags_vocab
        self.crf = crf
        same = ids_of is not None and ids_of.words is self.words and ids_of.shapes is self.shapes
        self.cache: dict[str, tuple[int, int]] = ids_of.cache if same else {}
        self.cache_size = cache_size
        self.layers = [_Conv(layer) for layer in self.model.encoder.layers]
        self.embed = _Embedding(self.model.emb)

    def ids(self, word: str) -> tuple[int, int]:
        found = self.cache.get(word)
        if found is None:
            found = (self.words.encode(word.lower()), self.shapes.encode(word_shape(word)))
            if len(self.cache) < self.cache_size:
                self.cache[word] = found
        return found

    def tag(self, tag_id: int) -> str:
        return self.tags.decode(tag_id)

    def tag_ids(self, sentences: list[list[str]], budget: int = TOKEN_BUDGET) -> list[numpy.ndarray]:
        """Tag ids of every word, one array per sentence, in input order."""
        out: list = [None] * len(sentences)
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        batch: list[int] = []
        for i in order:
            if batch and (len(batch) + 1) * len(sentences[i]) > budget:
                self._run(sentences, batch, out)
                batch = []
            batch.append(i)
        if batch:
            self._run(sentences, batch, out)
        return out

    def _run(self, sentences, batch: list[int], out: list) -> None:
        width = max(len(sentences[i]) for i in batch)
        if width == 0:
            for i in batch:
                out[i] = numpy.zeros(0, dtype=numpy.int64)
            return
        word_id = numpy.full((len(batch), width), self.words.pad_id)
        shape_id = numpy.full((len(batch), width), self.shapes.pad_id)
        for row, i in enumerate(batch):
            words = sentences[i]
            if words:
                pairs = [self.ids(w) for w in words]
                word_id[row, :len(words)] = [p[0] for p in pairs]
                shape_id[row, :len(words)] = [p[1] for p in pairs]
        pad_mask = word_id == self.words.pad_id
        pred = self.forward(word_id, shape_id, pad_mask)
        if self.crf:
            decoded = self.model.head.crf.decode(pred, ~pad_mask)
            for row, i in enumerate(batch):
                out[i] = numpy.asarray(decoded[row][:len(sentences[i])]) if sentences[i] else numpy.zeros(0, dtype=int)
        else:
            best = self.model.head.decode(pred)
            for row, i in enumerate(batch):
                out[i] = best[row, :len(sentences[i])]

    def forward(self, word_id, shape_id, pad_mask):
        """slovnet's `Tag.__call__`: embeddings, CNN encoder, head projection."""
        x = self.embed(word_id, shape_id)  # batch x length x channels
        for layer in self.layers:
            x = layer(x, pad_mask)
        return self.model.head(x)


class _Embedding:
    """slovnet's WordShapeEmbedding (navec's product-quantized words, then shapes): the same
    vectors, gathered with one `take` from the flattened code book instead of a 2-D index."""

    def __init__(self, emb):
        codes = emb.word.codes.array  # subvectors x centroids x chunk
        subvectors, centroids, chunk = codes.shape
        self.flat = codes.reshape(subvectors * centroids, chunk)
        self.offsets = numpy.arange(subvectors, dtype=numpy.intp) * centroids
        self.indexes = emb.word.indexes.array  # words x subvectors (centroid numbers)
        self.word_dim = subvectors * chunk
        self.shapes = emb.shape.weight.array

    def __call__(self, word_id, shape_id):
        ids = word_id.reshape(-1)
        rows = self.indexes[ids].astype(numpy.intp) + self.offsets
        out = numpy.empty((ids.size, self.word_dim + self.shapes.shape[1]), dtype=self.flat.dtype)
        out[:, :self.word_dim] = self.flat.take(rows.reshape(-1), axis=0).reshape(ids.size, self.word_dim)
        out[:, self.word_dim:] = self.shapes.take(shape_id.reshape(-1), axis=0)
        return out.reshape(*word_id.shape, out.shape[-1])


class _Conv:
    """One slovnet CNNEncoderLayer (conv, ReLU, batch norm, padding zeroed), channels last."""

    def __init__(self, layer):
        weight = layer.conv.weight.array  # filters x channels x kernel
        filters, channels, self.kernel = weight.shape
        self.padding = layer.conv.padding
        assert self.kernel == 2 * self.padding + 1, "a convolution that keeps the length"
        # y[..., k * filters + f] = sum_c x[..., c] * weight[f, c, k]
        self.weight = numpy.ascontiguousarray(weight.transpose(1, 2, 0).reshape(channels, self.kernel * filters))
        self.filters = filters
        self.bias = layer.conv.bias.array
        norm = layer.norm
        self.scale = (norm.weight.array / norm.std.array).astype(weight.dtype)
        self.shift = (norm.bias.array - norm.mean.array * self.scale).astype(weight.dtype)

    def __call__(self, x, pad_mask):
        batch, length, channels = x.shape
        padded = numpy.zeros((batch, length + 2 * self.padding, channels), dtype=x.dtype)
        padded[:, self.padding:self.padding + length] = x
        y = (padded.reshape(-1, channels) @ self.weight).reshape(batch, length + 2 * self.padding, self.kernel, self.filters)
        out = y[:, 0:length, 0]
        for k in range(1, self.kernel):
            out = out + y[:, k:k + length, k]
        out += self.bias
        numpy.maximum(out, 0, out=out)
        out *= self.scale
        out += self.shift
        out[pad_mask] = 0
        return out
