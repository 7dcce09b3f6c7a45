"""The compiled-regex cache (extractor/regexes.py): what comes out of the file is the very
pattern re.compile makes, and a missing, damaged or foreign file only costs the compiling."""
from __future__ import annotations

import marshal
import re

import pytest

from extractor import regexes

# patterns of the kinds the grammars build: named groups, inline flags, look-behinds, word lists
PATTERNS = [
    (r"(?<![\w.,])(?P<n>\d+(?:,\d+)?)\s*(?P<s>трлн|млрд|млн|тыс\.)\s*(?P<u>тенге|рублей|долларов)", 0),
    (r"(?<![а-яё])(?P<p>до|не\s+позднее|в\s+течение)\s+$", re.IGNORECASE),
    (r"\d|(?<![\w])(?:[IVX]+(?![\w])|(?i:январ[а-яё]*|феврал[а-яё]*|недельный\s+срок))", 0),
    (r"\s?\(\s*([\u3040-\u30ff\u3400-\u9fff][\u3040-\u30ff\u3400-\u9fff ]*?)\s*\)", 0),
]
TEXT = ("Премьер-министр поручил до 15 января 2026 года выделить 5,7 трлн тенге (五) "
        "в недельный срок; в IV квартале — 120 млн рублей.")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder, and the module as a new process finds it."""
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexes, "_loaded", None)
    monkeypatch.setattr(regexes, "_new", {})
    return tmp_path


def _new_process(monkeypatch):
    monkeypatch.setattr(regexes, "_loaded", None)
    monkeypatch.setattr(regexes, "_new", {})


def _same(pattern: re.Pattern, flags: int, source: str):
    expected = re.compile(source, flags)
    # Pattern equality compares flags and the compiled code itself
    assert pattern == expected
    assert pattern.groupindex == expected.groupindex and pattern.groups == expected.groups
    assert [m.span() for m in pattern.finditer(TEXT)] == [m.span() for m in expected.finditer(TEXT)]
    assert [m.groupdict() for m in pattern.finditer(TEXT)] == [m.groupdict() for m in expected.finditer(TEXT)]


def test_saved_patterns_come_back_identical(cache, monkeypatch):
    for source, flags in PATTERNS:
        _same(regexes.compile(source, flags), flags, source)
    assert regexes.save() is True
    files = list(cache.iterdir())
    assert len(files) == 1 and files[0].name.startswith("regexes-cpython-")
    assert regexes.save() is False  # nothing new

    _new_process(monkeypatch)
    compiled = [regexes.compile(source, flags) for source, flags in PATTERNS]
    assert regexes._new == {}  # every one came from the file
    for pattern, (source, flags) in zip(compiled, PATTERNS):
        _same(pattern, flags, source)
    assert compiled[0].search(TEXT).group("n", "s", "u") == ("5,7", "трлн", "тенге")


def test_the_grammars_patterns_round_trip(cache, monkeypatch):
    from extractor.grammars import figures

    made = figures.patterns.__wrapped__()
    regexes.save()
    _new_process(monkeypatch)
    again = figures.patterns.__wrapped__()
    assert regexes._new == {}
    assert again == made  # every pattern's code, one by one
    assert again["figure"].search("выделить 5,7 трлн тенге").group("n1", "s1") == ("5,7", "трлн")


def test_a_damaged_file_is_compiled_afresh_and_replaced(cache, monkeypatch):
    source, flags = PATTERNS[0]
    regexes.compile(source, flags)
    regexes.save()
    path = regexes.cache_file()
    path.write_bytes(b"\x00not marshal at all")
    _new_process(monkeypatch)
    _same(regexes.compile(source, flags), flags, source)
    assert regexes.save() is True
    header, entries = marshal.loads(path.read_bytes())
    assert header == regexes._header() and (source, flags) in entries


def test_a_damaged_entry_is_compiled_afresh(cache, monkeypatch):
    source, flags = PATTERNS[1]
    path = regexes.cache_file()
    path.write_bytes(marshal.dumps((regexes._header(), {(source, int(flags)): (0, [999, 999], 0, {}, ())})))
    _new_process(monkeypatch)
    _same(regexes.compile(source, flags), flags, source)


def test_another_pythons_file_is_ignored(cache, monkeypatch):
    source, flags = PATTERNS[2]
    path = regexes.cache_file()
    wrong = (regexes.VERSION, "2.7.18 (elsewhere)", 0, 4)
    path.write_bytes(marshal.dumps((wrong, {(source, flags): (0, [1], 0, {}, ())})))
    _new_process(monkeypatch)
    _same(regexes.compile(source, flags), flags, source)
    assert (source, flags) in regexes._new


@pytest.mark.parametrize("value", ["off", ""])
def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, value):
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", value)
    monkeypatch.setattr(regexes, "_new", {})
    source, flags = PATTERNS[0]
    _same(regexes.compile(source, flags), flags, source)
    assert regexes.cache_file() is None and regexes._new == {} and regexes.save() is False


def test_a_bad_pattern_raises_as_re_compile_does(cache):
    with pytest.raises(re.error):
        regexes.compile(r"(?P<n>\d+")
    assert regexes._new == {}


def test_a_folder_that_cannot_be_written_is_left_alone(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(regexes, "_loaded", None)
    monkeypatch.setattr(regexes, "_new", {})
    source, flags = PATTERNS[3]
    _same(regexes.compile(source, flags), flags, source)
    assert regexes.save() is False


def test_the_file_keeps_what_is_used_once_it_grows_large(cache, monkeypatch):
    monkeypatch.setattr(regexes, "KEEP", 3)
    monkeypatch.setattr(regexes, "_used", set())
    for source, flags in PATTERNS[:3]:  # a grammar's patterns before its word list changed
        regexes.compile(source, flags)
    regexes.save()
    _new_process(monkeypatch)
    monkeypatch.setattr(regexes, "_used", set())
    regexes.compile(*PATTERNS[0])  # still used
    regexes.compile(*PATTERNS[3])  # new
    regexes.save()
    _, entries = marshal.loads(regexes.cache_file().read_bytes())
    assert set(entries) == {(PATTERNS[0][0], int(PATTERNS[0][1])), (PATTERNS[3][0], int(PATTERNS[3][1]))}
