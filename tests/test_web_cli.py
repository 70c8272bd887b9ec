"""``newsledger serve``: arguments, defaults and errors (uvicorn itself replaced)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.cli.serve import is_loopback
from tests.web_support import hostile_ledger


@pytest.fixture
def runs(monkeypatch):
    calls = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append((app, kw)))
    return calls


def test_serve_defaults_to_loopback_read_only(runs, tmp_path):
    db = hostile_ledger(tmp_path / "l.db")
    result = CliRunner().invoke(main, ["serve", "--db", str(db)])
    assert result.exit_code == 0, result.output
    app, options = runs[0]
    assert options["host"] == "127.0.0.1" and options["port"] == 8000
    assert app.state.allow_writes is False
    assert "read-only" in result.output and "http://127.0.0.1:8000/" in result.output


def test_serve_options(runs, tmp_path):
    db = hostile_ledger(tmp_path / "l.db")
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", "8123", "--allow-writes",
                                       "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    app, options = runs[0]
    assert (options["host"], options["port"], app.state.allow_writes) == ("0.0.0.0", 8123, True)
    assert "warning: serving on 0.0.0.0" in result.output and "writes are open to the network" in result.output
    assert f"write token: {app.state.write_token}" in result.output


def test_serve_missing_ledger_is_one_line(runs, tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no ledger here" in result.output and "Traceback" not in result.output
    assert not runs and not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(("host", "expected"), [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True),
                                                ("[::1]", True), ("localhost", True), ("0.0.0.0", False),
                                                ("192.168.1.4", False), ("example.org", False)])
def test_is_loopback(host, expected):
    assert is_loopback(host) is expected
