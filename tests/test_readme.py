"""The README shows real output: each `$ dateline ...` command in it runs on a fresh store of
`examples/articles` and prints every line shown under it (`python scripts/readme_output.py`
rewrites those lines from real runs when the output changes)."""

from __future__ import annotations

import pytest

from tests.readme_runs import README, missing_lines, prepare, run_all, shown_commands


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return run_all(prepare(tmp_path_factory.mktemp("readme")))


def test_the_readme_shows_commands_with_output():
    shown = shown_commands(README.read_text(encoding="utf-8"))
    assert shown[0].command.startswith("ingest "), "the first shown command builds the store"
    assert sum(1 for s in shown if s.lines) >= 10


def test_every_shown_command_runs_and_prints_the_shown_lines(runs):
    problems = []
    for s, code, output in runs:
        if code != 0 and not s.comment.startswith("fails"):
            problems.append(f"$ dateline {s.command}: exit code {code}\n{output[-500:]}")
            continue
        missing = missing_lines(s, output)
        if missing:
            problems.append(f"$ dateline {s.command}: not in its output: {missing[:3]}")
    assert not problems, "\n".join(problems) + "\n(python scripts/readme_output.py rewrites the shown lines)"


def test_every_command_is_documented_in_the_readme():
    from dateline.cli.main import cli

    text = README.read_text(encoding="utf-8")
    undocumented = [name for name in cli.commands if f"dateline {name}" not in text]
    assert not undocumented, f"commands the README never shows: {undocumented}"
