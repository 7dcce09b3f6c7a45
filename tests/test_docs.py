"""The README stays true: its sample output is what the command prints, every command is in it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(name: str) -> str:
    m = re.search(rf"<!-- {name}:start -->\n```[a-z]*\n(.*?)```\n<!-- {name}:end -->", README, re.S)
    assert m, f"README has no {name} block"
    return m.group(1)


def test_docs_readme_sample_output_is_true(seed_path):
    result = CliRunner().invoke(app, ["extract", str(seed_path), "--format", "summary"])
    assert result.exit_code == 0
    assert _block("seed-summary").strip() == result.stdout.strip()


def _commands(typer_app, prefix=""):
    import typer.main

    group = typer.main.get_command(typer_app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            for sub in command.commands:
                yield f"{prefix}{name} {sub}"
        else:
            yield f"{prefix}{name}"


@pytest.mark.parametrize("command", sorted(_commands(app)))
def test_docs_every_command_is_in_the_readme(command):
    assert f"extractor {command}" in README
