"""`heron actors validate FILE` and `heron actor TEXT`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from heron.actors.cli import actor_command, actors_app, run_actor

FIXTURE = Path(__file__).parent / "fixtures" / "leaders_test.csv"


def test_validate_ok() -> None:
    result = CliRunner().invoke(actors_app, ["validate", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "OK: 8 entries for 6 people" in result.output


def test_validate_reports_line_and_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    header = "# version: 1\nname,aliases,country,role,title,start,end,note\n"
    bad.write_text(header + "Ann Lee,,FRA,GOV,Minister,2010-04-31,,\n", encoding="utf-8")
    result = CliRunner().invoke(actors_app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "bad.csv:3: start: impossible date '2010-04-31'" in result.output


def test_actor_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    status = run_actor("Biden", date(2010, 3, 1), None, [FIXTURE], "json")
    rows = json.loads(capsys.readouterr().out)
    assert status == 0
    assert rows == [
        {
            "code": "USAGOV",
            "text": "Biden",
            "name": "Joe Biden",
            "why": "dictionary:leaders_test.csv:Joe Biden 2009-01-20..2017-01-20",
        }
    ]


def test_actor_command_bad_user_file_falls_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("# version: 1\nname,aliases,country,role,title,start,end,note\nAnn Lee,,QQQ,GOV,,,,\n")
    status = run_actor("the Kremlin", None, None, [bad], "table")
    out = capsys.readouterr()
    assert status == 1
    assert "bad.csv:3: country: unknown country code 'QQQ'" in out.err
    assert "RUSGOV" in out.out and "why: metonym:the Kremlin" in out.out


def test_actor_command_mounts_as_a_typer_command(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command("actor")(actor_command)
    app.command("other")(lambda: None)  # a group, as in heron.cli
    args = ["actor", "Biden", "--date", "2022-05-01", "--actors", str(FIXTURE), "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["code"] == "USAGOV"
    bad_date = CliRunner().invoke(app, ["actor", "Biden", "--date", "2022-13-01"])
    assert bad_date.exit_code == 2


def test_validate_lists_every_problem_in_one_run(tmp_path: Path) -> None:
    bad = tmp_path / "many.csv"
    bad.write_text("# version: 1\nname,aliases,country,role,title,start,end,note\n"
                   "Ana Quispe,,BOL,GOV,Minister,2021-03-01,,\n"
                   "Lars Berg,,XXQ,GOV,Minister,2020-01-01,,\n"
                   "Mia Stone,,FRA,GOV,Minister,notadate,,\n"
                   "short,row\n"
                   "Ana Quispe,,BOL,GOV,Minister,2021-06-01,,\n", encoding="utf-8")
    result = CliRunner().invoke(actors_app, ["validate", str(bad)])
    assert result.exit_code == 1
    out = result.output
    expected = ("many.csv:4: country", "many.csv:5: start", "many.csv:6: malformed row", "many.csv:7: start")
    for line in expected:
        assert line in out, out
    assert "4 problem(s)" in out
