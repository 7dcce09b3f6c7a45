"""Start-up hooks (extractor/_lean.py): what spaCy imports for nothing is skipped, and nothing breaks."""
from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
import extractor, spacy
before = {"torch": "torch" in sys.modules, "spacy.cli": "spacy.cli" in sys.modules,
          "attr": hasattr(spacy, "cli")}
import spacy.cli
info = spacy.info(silent=True)
nlp = spacy.blank("ru")
print(json.dumps({"before": before, "setup_cli": callable(spacy.cli.setup_cli),
                  "info": "spacy_version" in info, "tokens": len(nlp("Минфин РК сообщил."))}))
"""


def probe(**env) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                         env={**os.environ, **env})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_spacy_imports_without_its_command_line_and_torch():
    found = probe()
    assert found["before"] == {"torch": False, "spacy.cli": False, "attr": False}
    # afterwards the real command line and spacy.info load on demand
    assert found["setup_cli"] and found["info"]
    assert found["tokens"] == 4


def test_full_imports_on_request():
    found = probe(EXTRACTOR_FULL_IMPORTS="1")
    assert found["before"]["spacy.cli"] is True
    assert found["setup_cli"] and found["info"]


def test_paused_gc_restores_the_collector_and_freezes_on_request():
    import gc

    from extractor._lean import paused_gc

    assert gc.isenabled()
    before = gc.get_freeze_count()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == before
    try:
        with paused_gc(freeze=True):
            kept = [[i] for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()


def test_commands_run_with_the_collector_on():
    """main() pauses the collector while the command line loads; the root callback turns it
    back on before any command runs."""
    import gc

    from typer.testing import CliRunner

    from extractor.cli import app

    gc.disable()
    try:
        assert CliRunner().invoke(app, ["schema"]).exit_code == 0
        assert gc.isenabled()
    finally:
        gc.enable()
