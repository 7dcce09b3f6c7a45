"""Frozen lemmas: the one normal form of each word of the news vocabulary that has only one,
computed once (`python -m extractor.lemmas`) and stored in `data/lemmas.dawg`.

    lemmas.known("министерству")  -> "министерство"
    lemmas.known("стали")         -> None  (сталь or стать: the tagger's reading decides)

A word a process meets for the first time costs pymorphy a parse: 35-50 µs of dictionary
lookups, probabilities and normal forms in Python, 0.6 s for the 8,500 words of a hundred
news texts. For nine words in ten every reading has the same normal form, so the parse
decides nothing. The table holds that normal form for the 205,000 such words among the
236,000 Cyrillic words of navec's news vocabulary (the words natasha's models know),
as a DAWG (a 1.8 MB file, loaded in a millisecond; a lookup takes half a microsecond). A
fresh batch worker, or a one-shot `extractor extract`, then parses only the ambiguous and
the rare words.

It is a cache, never a source: a word it lacks is parsed as before, and the whole file is
ignored when it was made with another pymorphy dictionary. `tests/test_lemmas.py` checks
that its answers are pymorphy's.
"""
from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

FILE = "lemmas.dawg"
MADE_WITH = "#made_with"  # the key of the versions (no word of the table starts with "#")
WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
ENDING = re.compile(rb"\d+")


def made_with() -> dict[str, str]:
    """The version of the dictionary the answers come from (pinned in pyproject.toml)."""
    import pymorphy3_dicts_ru

    return {"pymorphy3-dicts-ru": pymorphy3_dicts_ru.__version__}


def _dawg_class():
    try:
        from dawg import BytesDAWG  # the C extension (DAWG2, with pymorphy3[fast])
    except ImportError:  # pragma: no cover - reads the same file, 50 times slower
        from dawg_python import BytesDAWG
    return BytesDAWG


@lru_cache(maxsize=1)
def table():
    """The DAWG, or None when the file is missing or was made with another dictionary."""
    path = resources.files("extractor.data").joinpath(FILE)
    if not path.is_file():
        return None
    dawg = _dawg_class()().load(str(path))
    stamp = dawg.get(MADE_WITH)
    if not stamp or json.loads(stamp[0]) != made_with():
        return None
    return dawg


def known(word: str) -> Optional[str]:
    """The one normal form of a lowercase word, None when it has several or is not in the table."""
    dawg = table()
    if dawg is None:
        return None
    found = dawg.get(word)
    if not found:
        return None
    return _decode(word, found[0])


def _encode(word: str, lemma: str) -> bytes:
    """How to make the lemma from the word: characters cut from its end, then the new ending
    ("министерству" -> "министерство": b"1о"). A few thousand endings serve 205,000 words,
    and the DAWG stores each shared tail once."""
    same = 0
    for a, b in zip(word, lemma):
        if a != b:
            break
        same += 1
    return f"{len(word) - same}{lemma[same:]}".encode()


def _decode(word: str, value: bytes) -> str:
    m = ENDING.match(value)
    cut = int(m.group())
    return (word[:len(word) - cut] if cut else word) + value[m.end():].decode()


def vocabulary() -> list[str]:
    """The Cyrillic words of navec's news vocabulary (lowercase), as the natasha wheel ships it."""
    from navec import Navec

    from .backends.natasha import _data

    return [w for w in Navec.load(_data("emb", "navec_news_v1_1B_250K_300d_100q.tar")).vocab.words
            if WORD.fullmatch(w)]


def build(words: list[str]) -> dict[str, bytes]:
    """word -> encoded lemma, for the words with one normal form; the versions under MADE_WITH."""
    from .morph import single_normal_form

    items = {}
    for word in words:
        lemma = single_normal_form(word)
        if lemma is not None:
            items[word] = _encode(word, lemma)
    items[MADE_WITH] = json.dumps(made_with(), sort_keys=True).encode()
    return items


def main(argv: Optional[list[str]] = None) -> int:
    """Write data/lemmas.dawg (needs the DAWG C extension, installed with pymorphy3[fast])."""
    from dawg import BytesDAWG

    items = build(vocabulary())
    path = Path(__file__).parent / "data" / FILE
    BytesDAWG(items.items()).save(str(path))
    print(f"{path}: {len(items) - 1} words, {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    from extractor.lemmas import main as lemmas_main

    sys.exit(lemmas_main())
