"""The frozen word forms (data/forms.json): current, and only ever a cache."""
from __future__ import annotations

import subprocess
import sys

from extractor import forms, organizations
from extractor.grammars import numbers
from extractor.morph import lemma


def test_forms_file_is_current():
    """What the start-up asks for, computed anew in a fresh process, is what the file holds
    (after a change to the word lists, run `python -m extractor.forms`)."""
    done = subprocess.run([sys.executable, "-m", "extractor.forms", "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_forms_answer_as_the_computation_would():
    assert forms.frozen(), "data/forms.json was not loaded"
    assert organizations.words_of("Министерство финансов Республики Казахстан") == [
        "Министерство", "финансов", "Республики", "Казахстан"]
    assert organizations.word_lemma("финансов") == lemma("финансов") == "финансы"
    assert numbers.word_forms("доллар") == numbers.inflect_phrase("доллар")
    assert "долларов" in numbers.word_forms("доллар")


def test_forms_compute_what_they_do_not_hold():
    assert forms.frozen().get("lemmas", {}).get("Росгвардии") is None
    assert organizations.word_lemma("Росгвардии") == lemma("Росгвардии")
    assert organizations.words_of("ТОО «Мангистау-Гидро»") == ["ТОО", "Мангистау-Гидро"]


def test_forms_are_ignored_when_made_with_other_versions(monkeypatch):
    monkeypatch.setattr(forms, "made_with", lambda: {"razdel": "0.0", "pymorphy3-dicts-ru": "0.0"})
    forms.frozen.cache_clear()
    try:
        assert forms.frozen() == {}
        assert organizations.key("Министерству финансов") == "министерство финансы"
    finally:
        monkeypatch.undo()
        forms.frozen.cache_clear()
    assert forms.frozen()
