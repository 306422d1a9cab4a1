"""Operating-system failures named as what they are: permission denied, symbolic link
loops, unreadable subfolders, dangling links; standard input given twice.

Permission checks do not apply to root, so as root the reader runs in a child process
that imports what it needs (the interpreter may live where ``nobody`` cannot read),
then becomes the unprivileged user ``nobody`` and reads a folder it may traverse.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli

from ..conftest import EXAMPLES

GOOD = "Officials met in Geneva on Monday to discuss the accord. The talks lasted three hours and ended."
# Imports and a warm-up read while still privileged, then the drop.
DROP = (
    "import os, sys, json, tempfile, encodings.utf_16, encodings.utf_32, encodings.cp1252, encodings.latin_1\n"
    "import charset_normalizer, trafilatura\n"
    "from dateline.ingest import read_paths\n"
    "if os.geteuid() == 0:\n"
    "    os.setgid(65534); os.setuid(65534)\n"
)
READ = (
    DROP + "out = []\n"
    "for it in read_paths(sys.argv[1:]):\n"
    "    out.append([getattr(it, 'code', 'OK'), getattr(it, 'source', None), getattr(it, 'line', lambda: '')()])\n"
    "print(json.dumps(out))\n"
)


def _run_as_user(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": "/tmp"},
        timeout=300,
    )


def _read_as_user(paths: list[str]) -> list[list[str]]:
    r = _run_as_user(READ, *paths)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    return json.loads(r.stdout)


@pytest.fixture()
def folder():
    d = Path(tempfile.mkdtemp(prefix="dateline-os-"))
    d.chmod(0o755)
    yield d
    for p in d.rglob("*"):
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)
    shutil.rmtree(d)


def _make(folder: Path) -> None:
    (folder / "good.txt").write_text(GOOD)
    (folder / "good.txt").chmod(0o644)
    secret = folder / "secret.txt"
    secret.write_text(GOOD + " Secret.")
    secret.chmod(0o000)
    sub = folder / "sub"
    sub.mkdir()
    (sub / "inner.txt").write_text(GOOD + " Inner.")
    sub.chmod(0o000)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    (folder / "self").symlink_to(folder)  # a folder link back up: read once, not forever


def test_each_failure_is_named_and_the_rest_is_read(folder):
    _make(folder)
    items = _read_as_user([str(folder)])
    by_source = {Path(s).name: (code, line) for code, s, line in items}
    assert by_source["good.txt"][0] == "OK"
    assert by_source["secret.txt"][0] == "E112" and "permission denied" in by_source["secret.txt"][1]
    assert by_source["sub"][0] == "E112"
    assert by_source["loop.txt"][0] == "E113" and "symbolic link loop" in by_source["loop.txt"][1]
    assert by_source["dangling.txt"][0] == "E107"
    assert [code for code, *_ in items].count("OK") == 1  # good.txt once, even through the link


def test_paths_given_directly_are_named_too(folder):
    _make(folder)
    items = _read_as_user([str(folder / "secret.txt"), str(folder / "loop.txt"), str(folder / "nope.txt")])
    assert [code for code, *_ in items] == ["E112", "E113", "E107"]


def test_an_unreadable_subfolder_fails_the_ingest(folder, tmp_path):
    """Reported, and the exit code says so (it was skipped silently with exit code 0)."""
    _make(folder)
    db = tempfile.mkdtemp(prefix="dateline-db-")
    os.chmod(db, 0o777)
    warm = tempfile.mkdtemp(prefix="dateline-warm-")
    code = (
        "from dateline.cli.main import cli\n"
        "from dateline.batch import ingest\nfrom dateline.store import open_store\n"
        f"ingest(open_store({warm + '/w.db'!r}), [{str(EXAMPLES / '000_fde20e5758e8fe00.txt')!r}])\n"
        + DROP
        + f"cli(['ingest', {str(folder / 'sub')!r}, {str(folder / 'good.txt')!r}, '--db', {db + '/x.db'!r}, '-q'])\n"
    )
    r = _run_as_user(code)
    shutil.rmtree(warm, ignore_errors=True)
    shutil.rmtree(db, ignore_errors=True)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "[E112]" in r.stdout and "1 added" in r.stdout and "Traceback" not in r.stderr


def test_stdin_twice_is_refused_before_reading(tmp_path):
    r = CliRunner().invoke(cli, ["ingest", "-", "-", "--db", str(tmp_path / "x.db")], input=GOOD)
    assert r.exit_code == 1 and "[E704]" in r.output and "twice" not in r.output.lower().replace("2 times", "")
    assert "given 2 times" in r.output
