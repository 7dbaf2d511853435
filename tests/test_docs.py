"""docs/cli.md and `heron --help` describe the same commands and options."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from heron.cli import app

DOC = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
# "## `heron actors validate FILE`" → {"actors validate": <section text>}
SECTION = r"^## `heron ([a-z]+(?: [a-z]+)?)(?: [^`]*)?`\n(.*?)(?=^## |\Z)"
SECTIONS = dict(re.findall(SECTION, DOC, flags=re.M | re.S))


def commands():
    root = typer.main.get_command(app)
    for name, cmd in root.commands.items():
        subs = getattr(cmd, "commands", None)
        if subs:
            for sub_name, sub in subs.items():
                yield f"{name} {sub_name}", sub
        else:
            yield name, cmd


def test_every_command_has_a_section():
    documented = set(SECTIONS)
    actual = {name for name, _ in commands()}
    assert documented == actual


def test_every_option_is_documented_in_its_section():
    for name, cmd in commands():
        body = SECTIONS[name]
        for param in cmd.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert f"`{opt}`" in body or f"`{opt} " in body, f"{name}: {opt} not in docs/cli.md"
            if not param.opts[0].startswith("-"):
                continue
            for secondary in getattr(param, "secondary_opts", []):
                assert secondary in body, f"{name}: {secondary} not in docs/cli.md"
