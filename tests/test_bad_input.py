"""Bad input as an operator meets it (issue 21): each case one row — the exit code, one
line naming the input, and the ledger afterwards (its export compared with before).

Bombs run in a subprocess that reports its own peak memory (``resource.getrusage``):
a gzip that inflates to 1.5 GB and a WARC record of 1.5 GB must stay under 1 GiB.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from newsledger.cli import main
from tests.conftest import ROOT

GOOD = ROOT / "tests" / "fixtures" / "reliability" / "search.txt"
ARCHIVE = ROOT / "tests" / "fixtures" / "ingest" / "archive.warc.gz"
GiB = 1 << 30


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def export(db: Path) -> dict[str, list[str]]:
    result = run("export", "--db", str(db))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return {k: sorted(json.dumps(r, sort_keys=True) for r in v) for k, v in data.items() if isinstance(v, list)}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A ledger holding one real article, copied for each case."""
    db = tmp_path_factory.mktemp("base") / "base.db"
    result = run("ingest", str(GOOD), "--published", "2025-08-20", "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    return db


def _gzip_bomb(path: Path, size: int = 1_500_000_000) -> Path:
    """A 1.5 GB run of zeros as 150 gzip members of 10 MB each (a 1.5 MB file)."""
    member = gzip.compress(b"\0" * 10_000_000, compresslevel=9)
    with path.open("wb") as out:
        for _ in range(size // 10_000_000):
            out.write(member)
    return path


def _warc_bomb(path: Path, size: int = 1_500_000_000) -> Path:
    """One WARC response of ``size`` bytes of HTML, gzip-compressed as one record."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    body_len = len(http) + size
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/bomb\r\n"
            b"WARC-Date: 2025-08-20T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % body_len)
    deflate = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"<p>" + b"a" * (1_000_000 - 7) + b"</p>\n"
    with path.open("wb") as out:
        out.write(deflate.compress(head + http))
        for _ in range(size // len(chunk)):
            out.write(deflate.compress(chunk))
        out.write(deflate.compress(b"a" * (size % len(chunk)) + b"\r\n\r\n"))
        out.write(deflate.flush())
    return path


def _truncated_gzip(path: Path) -> Path:
    data = gzip.compress(GOOD.read_bytes())
    path.write_bytes(data[: len(data) // 2])
    return path


def _truncated_warc(path: Path) -> Path:
    path.write_bytes(ARCHIVE.read_bytes()[:700])  # inside the first response's page
    return path


def _long_article(path: Path) -> Path:
    sentence = "The ministry said the talks would go on for another week. "
    path.write_text(sentence * (1_200_000 // len(sentence)), encoding="utf-8")
    return path


def _jsonl(path: Path, published: str) -> Path:
    row = {"id": "dated", "text": GOOD.read_text(encoding="utf-8").replace("Moscow", "Kazan"), "published": published}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def _jsonl_id(path: Path, article_id: str) -> Path:
    row = {"id": article_id, "text": GOOD.read_text(encoding="utf-8").replace("Moscow", "Perm")}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def _mixed(path: Path) -> Path:
    text = GOOD.read_text(encoding="utf-8").replace("Moscow", "Omsk").replace("Putin's", "Putin’s")
    path.write_bytes(text.encode("utf-8") + "\nThe envoy’s café in Zürich was shut.\n".encode("cp1252"))
    return path


def _empty_dir(path: Path) -> Path:
    path.mkdir()
    (path / ".hidden.txt").write_text("a hidden file is not an input", encoding="utf-8")
    return path


#: (id, make the input in a folder, extra CLI args, exit code, the line naming the input,
#:  articles added). The good article rides along where the bad input is one of several.
CASES: list[tuple[str, Callable[[Path], Path], list[str], int, str, int]] = [
    ("truncated .txt.gz", lambda d: _truncated_gzip(d / "cut.txt.gz"), [], 1,
     r"error: .*cut\.txt\.gz: truncated gzip stream: it ends after [\d,]+ compressed bytes", 0),
    ("truncated .warc.gz", lambda d: _truncated_warc(d / "cut.warc.gz"), [], 1,
     r"error: .*cut\.warc\.gz#1: truncated WARC record: the archive ends [\d,]+ bytes before the record's end", 0),
    ("article over 1 M characters", lambda d: _long_article(d / "long.txt"), [], 1,
     r"error: .*long\.txt: article of 1,\d{3},\d{3} characters is longer than 1,000,000", 0),
    ("published 9999-12-31", lambda d: _jsonl(d / "late.jsonl", "9999-12-31"), [], 0,
     r"warning: .*late\.jsonl.*publication date 9999-12-31 is outside 1800\.\.\d{4}", 1),
    ("published 0001-01-01", lambda d: _jsonl(d / "early.jsonl", "0001-01-01"), [], 0,
     r"warning: .*early\.jsonl.*publication date 0001-01-01 is outside", 1),
    ("--published 3025", lambda d: _jsonl(d / "far.jsonl", "2025-08-20"), ["--published", "3025-01-01"], 0,
     r"warning: .*far\.jsonl.*publication date 3025-01-01 is outside", 1),
    ("one Latin-1 line in UTF-8", lambda d: _mixed(d / "mixed.txt"), [], 0,
     r"warning: .*mixed\.txt: line \d+ is not UTF-8 like the rest; read as Windows-1252", 1),
    ("article id with ../", lambda d: _jsonl_id(d / "ids.jsonl", "../../etc/passwd"), [], 1,
     r"error: .*ids\.jsonl:1: article id '\.\./\.\./etc/passwd' has a '\.' or '\.\.' path segment", 0),
    ("empty folder", lambda d: _empty_dir(d / "nothing"), [], 1,
     r"error: .*nothing: no article found", 0),
]


@pytest.mark.parametrize(("make", "extra", "code", "line", "added"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_and_loses_nothing(base, tmp_path, make, extra, code, line, added):
    db = tmp_path / "ledger.db"
    shutil.copy(base, db)
    before = export(db)
    bad = make(tmp_path)
    result = run("ingest", str(bad), *extra, "--db", str(db))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    matching = [text for text in result.output.splitlines() if re.search(line, text)]
    assert len(matching) == 1, result.output
    after = export(db)
    assert len(after["articles"]) == len(before["articles"]) + added
    for name, rows in before.items():
        assert set(rows) <= set(after[name]), name  # nothing already stored changed
    if added and "date" in line:
        dated = [json.loads(a) for a in after["articles"] if json.loads(a)["id"] == "dated"]
        assert dated[0]["published"] is None


def test_the_mixed_line_is_stored_readable(base, tmp_path):
    db = tmp_path / "ledger.db"
    shutil.copy(base, db)
    assert run("ingest", str(_mixed(tmp_path / "mixed.txt")), "--db", str(db), "-q").exit_code == 0
    texts = [json.loads(a)["text"] for a in export(db)["articles"]]
    assert any("The envoy’s café in Zürich was shut." in t for t in texts)


def test_a_good_article_lands_beside_bad_ones(base, tmp_path):
    """One call, several inputs: each bad one fails alone (counted, exit 1)."""
    db = tmp_path / "ledger.db"
    good = tmp_path / "good.txt"
    good.write_text(GOOD.read_text(encoding="utf-8").replace("Moscow", "Minsk"), encoding="utf-8")
    result = run("ingest", str(_long_article(tmp_path / "long.txt")), str(_truncated_gzip(tmp_path / "cut.txt.gz")),
                 str(good), "--db", str(db))
    assert result.exit_code == 1
    assert "1 new, 0 duplicate, 2 failed" in result.output


@pytest.mark.parametrize(("name", "make", "message"), [
    ("bomb.txt.gz", _gzip_bomb, "larger than 50,000,000 bytes once decompressed ([limits] max_input_bytes)"),
    ("bomb.warc.gz", _warc_bomb, "larger than 10,000,000 bytes ([limits] max_record_bytes)"),
])
def test_a_bomb_is_refused_in_bounded_memory(tmp_path, name, make, message):
    bomb = make(tmp_path / name)
    assert bomb.stat().st_size < 5_000_000
    probe = (
        "import resource, sys\n"
        "from newsledger.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as stop:\n"
        "    code = stop.code\n"
        "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, 'exit', code, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, "ingest", str(bomb), "--db", str(tmp_path / "l.db")],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    peak, code = re.search(r"peak (\d+) exit (\S+)", done.stderr).groups()
    assert code == "1", done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and name in errors[0] and message in errors[0], done.stderr
    assert int(peak) < GiB, f"peak {int(peak) / GiB:.2f} GiB"


def test_control_characters_never_reach_the_terminal(tmp_path):
    db = tmp_path / "ledger.db"
    text = GOOD.read_text(encoding="utf-8").replace("Putin's demands", "Putin's \x1b[2J\x1b]0;pwned\x07demands")
    article = tmp_path / "ansi.txt"
    article.write_text(text, encoding="utf-8")
    assert run("ingest", str(article), "--db", str(db), "-q").exit_code == 0
    for command in (["quotes"], ["summary"], ["quotes", "--search", "demands"]):
        result = run(*command, "--db", str(db))
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output, command
    wide = CliRunner().invoke(main, ["quotes", "--db", str(db)], env={"COLUMNS": "400"})
    assert "demands" in wide.output  # the text stays, less its control characters


def test_a_full_tmpdir_is_one_line(base, tmp_path, monkeypatch):
    import errno
    import tempfile

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    db = tmp_path / "ledger.db"
    shutil.copy(base, db)
    before = export(db)
    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    good = tmp_path / "good.txt"
    good.write_text(GOOD.read_text(encoding="utf-8").replace("Moscow", "Tver"), encoding="utf-8")
    result = run("ingest", str(good), "--db", str(db))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "No space left on device" in result.output and "TMPDIR" in result.output
    assert export(db) == before


def test_a_new_ledger_where_none_can_be_made_is_one_line(tmp_path):
    result = run("ingest", str(GOOD), "--db", "/proc/newsledger-test.db")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Error: /proc/newsledger-test.db: cannot") and len(result.output.splitlines()) == 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.integers(min_value=0, max_value=3100), st.integers(min_value=1, max_value=3))
def test_gunzip_gives_back_the_content_or_says_where_it_ends(content, cut, members):
    """Whole members (one or several) come back exactly; a stream cut short is always a
    truncation error, never partial content; over the limit is always the limit's error."""
    from newsledger.ingest.build import IngestError
    from newsledger.ingest.limits import gunzip
    from newsledger.settings import LimitSettings

    member = gzip.compress(content)
    data = member * members
    assert gunzip(data, "x.gz", LimitSettings()) == content * members
    if cut < len(data) and cut % len(member):  # not on a member boundary
        with pytest.raises(IngestError, match="truncated gzip stream|bad gzip data"):
            gunzip(data[:cut], "x.gz", LimitSettings())
    if len(content) * members > 100:
        with pytest.raises(IngestError, match="max_input_bytes"):
            gunzip(data, "x.gz", LimitSettings(max_input_bytes=100))
