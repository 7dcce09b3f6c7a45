"""The one place for fixtures: the pipeline loads once per test session."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def pytest_configure(config):
    """The compiled-regex cache (extractor/regexes.py) of this session in a folder of its own,
    not the user's cache: the command lines the tests run inherit it."""
    if "EXTRACTOR_CACHE_DIR" not in os.environ:
        config._extractor_cache = os.environ["EXTRACTOR_CACHE_DIR"] = tempfile.mkdtemp(prefix="extractor-cache-")


def pytest_unconfigure(config):
    folder = getattr(config, "_extractor_cache", None)
    if folder:
        regexes = sys.modules.get("extractor.regexes")
        if regexes is not None:
            regexes.save()  # now, so that nothing is left for its exit handler to write
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def extractor():
    from extractor.api import get_extractor

    return get_extractor("natasha")


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def run(extractor):
    """run(text, published=None) -> the processed spaCy Doc."""
    from extractor.readers import from_text

    def _run(text: str, published: str | None = None):
        document = from_text(text, published=published)
        return extractor.nlp(extractor._doc(document))

    return _run


@pytest.fixture(scope="session")
def record_of(extractor):
    """record_of(text, published=None) -> the Record."""

    def _record(text: str, published: str | None = None):
        return extractor.extract(text, published=published)

    return _record


@pytest.fixture(scope="session")
def seed_path():
    return SAMPLES / "000_2d4edbfe873feb49.txt"
