"""The README's shown commands, run for real: `$ dateline ...` lines inside its code blocks,
each followed by the output lines it shows (a line `...` marks output left out).

`tests/test_readme.py` runs every such command in order on one fresh store (the first one
ingests `examples/articles`) and checks that each shown line is a line of the real output;
`python scripts/readme_output.py` rewrites the shown lines from the real runs, keeping as
many lines as each block shows. Timings and the database's path vary between runs and are
compared as placeholders.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PROMPT = "$ dateline "
HOME = "/home/me"  # what the README shows in place of the run's temporary folder


@dataclass
class Shown:
    line_no: int  # index of the `$ dateline` line in the README
    command: str  # as written, without the prompt and the trailing comment
    comment: str
    lines: list[str]  # the output lines shown under it


def shown_commands(text: str) -> list[Shown]:
    out: list[Shown] = []
    in_block = False
    current: Shown | None = None
    for i, line in enumerate(text.splitlines()):
        if line.startswith("```"):
            in_block, current = not in_block, None
            continue
        if not in_block:
            continue
        if line.startswith(PROMPT):
            command, _, comment = line[len(PROMPT) :].partition("  #")
            current = Shown(i, command.strip(), comment.strip(), [])
            out.append(current)
        elif line.startswith("$ "):
            current = None
        elif current is not None:
            current.lines.append(line)
    return out


_VOLATILE = (
    (re.compile(r"\d+(?:\.\d+)? s\b"), "N s"),
    (re.compile(r"\(\d+(?:\.\d+)? docs/s\)"), "(N docs/s)"),
    (re.compile(r"sqlite:///\S+"), "sqlite:///DB"),
)


def normalize(line: str) -> str:
    line = " ".join(line.split())
    for rx, sub in _VOLATILE:
        line = rx.sub(sub, line)
    return line


def run_all(workdir: Path) -> list[tuple[Shown, int, str]]:
    """Every shown command, run in order in ``workdir`` (which holds `examples`) on the store
    ``workdir/dateline.db``: (command, exit code, output)."""
    from click.testing import CliRunner

    from dateline.cli.main import cli

    runner = CliRunner()
    results = []
    old = os.getcwd()
    os.chdir(workdir)
    try:
        for s in shown_commands(README.read_text(encoding="utf-8")):
            r = runner.invoke(cli, shlex.split(s.command), env={"DATELINE_DB": str(workdir / "dateline.db")})
            results.append((s, r.exit_code, r.output.replace(str(workdir), HOME)))
    finally:
        os.chdir(old)
    return results


def prepare(workdir: Path) -> Path:
    """A folder where the README's relative paths (`examples/articles`) resolve."""
    workdir.mkdir(parents=True, exist_ok=True)
    link = workdir / "examples"
    if not link.exists():
        link.symlink_to(ROOT / "examples")
    return workdir


def missing_lines(s: Shown, output: str) -> list[str]:
    real = {normalize(x) for x in output.splitlines()}
    return [x for x in s.lines if x.strip() and x.strip() != "..." and normalize(x) not in real]


def closest_lines(shown: list[str], real: list[str]) -> list[str]:
    """For each shown line, the real output line most like it (in output order, each used
    once), so the README keeps its choice of lines; `...` stays where it was; a shown line
    with no real line like it goes."""
    out: list[str] = []
    pos = 0
    for line in shown:
        if line.strip() == "...":
            out.append(line)
            continue
        want = normalize(line)
        scored = [(difflib.SequenceMatcher(None, want, normalize(r)).ratio(), -k, k) for k, r in enumerate(real)]
        later = [x for x in scored if x[2] >= pos]
        best = max(later or scored, default=None)
        if best is not None and best[0] >= 0.5:
            out.append(real[best[2]])
            pos = best[2] + 1
    return out


def regenerate(workdir: Path) -> str:
    """The README with each block's shown lines replaced by the real lines most like them
    (or by the whole output when it is short and the block left nothing out)."""
    lines = README.read_text(encoding="utf-8").splitlines()
    for s, _, output in reversed(run_all(prepare(workdir))):
        real = [x.rstrip() for x in output.splitlines() if x.strip()]
        start = s.line_no + 1
        whole = s.lines and "..." not in [x.strip() for x in s.lines] and len(real) <= 12
        lines[start : start + len(s.lines)] = real if whole else closest_lines(s.lines, real)
    return "\n".join(lines) + "\n"
