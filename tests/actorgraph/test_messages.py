"""What a user can type gets a one-line answer naming the input and the fix, never an
internal error (table of real CLI runs on the real demo build)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app

runner = CliRunner()

CASES = [
    (["query", "nosuchname"], "no stored query 'nosuchname'"),
    (["query", "who-influence", "Khamenei"], "did you mean 'who-influences'?"),
    (["query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "SPARQL updates"),
    (["query", "LOAD <file:///etc/passwd>"], "SPARQL updates"),
    (["query", "PREFIX x: <urn:x:> DELETE WHERE { ?s ?p ?o }"], "SPARQL updates"),
    (["query", "events-between", "2015", "notadate"], "TO 'notadate' is not a date"),
    (["query", "events-between", "2015-13", "2020"], "FROM '2015-13' is not a date"),
    (["push", "{out}", "not a url"], "'not a url' is no http(s) URL"),
]


@pytest.mark.parametrize(("args", "message"), CASES, ids=[" ".join(c[0])[:40] for c in CASES])
def test_user_errors_are_one_line(demo_out: Path, args: list[str], message: str) -> None:
    argv = [a.replace("{out}", str(demo_out)) for a in args]
    if argv[0] == "query":
        argv += ["--graph", str(demo_out)]
    result = runner.invoke(app, argv)
    assert result.exit_code in (1, 2), result.output
    assert message in " ".join(result.output.split())
    assert "internal error" not in result.output and "Traceback" not in result.output


def test_a_password_in_the_url_is_never_printed(demo_out: Path) -> None:
    result = runner.invoke(app, ["push", str(demo_out), "http://user:s3cr3t@127.0.0.1:9/store"])
    assert result.exit_code != 0
    assert "s3cr3t" not in result.output
    assert "cannot reach the server" in result.output


def test_good_dates_still_answer(demo_out: Path) -> None:
    result = runner.invoke(app, ["query", "events-between", "2015", "2020-12", "--graph", str(demo_out)])
    assert result.exit_code == 0, result.output
    assert "2017-09" in result.output
