"""A fixed-seed sample of hostile inputs through the real ingest command: every case of
issue 18 and random mutations of the example articles. No traceback, one coded error line
per failed file, every good file stored, the store's integrity intact and its search rows
equal to its sentences. ``make fuzz`` runs the long version (bench/fuzz.py)."""

from __future__ import annotations

import random

from dateline.eval import fuzz

from ..conftest import EXAMPLES

SEED = 18
MUTANTS = 40


def test_hostile_sample_keeps_every_promise(tmp_path):
    bases = fuzz.base_texts(EXAMPLES)
    items = fuzz.cases() + list(fuzz.mutants(random.Random(SEED), bases, MUTANTS))
    files = fuzz.write_files(tmp_path / "in", items)
    rep = fuzz.check_run(tmp_path / "in", files, str(tmp_path / "fuzz.db"))
    assert rep.problems == [] and rep.tracebacks == 0
    assert rep.files == len(items) and rep.stored_files + rep.failed_files >= rep.files
    assert rep.stored_files >= rep.good
    assert rep.failed_files >= sum(h.expect == fuzz.BAD for h in items)


def test_two_runs_of_the_same_inputs_store_nothing_twice(tmp_path):
    items = fuzz.cases("again")
    files = fuzz.write_files(tmp_path / "in", items)
    db = str(tmp_path / "twice.db")
    first = fuzz.check_run(tmp_path / "in", files, db)
    second = fuzz.check_run(tmp_path / "in", files, db)
    assert first.problems == [] and second.problems == []
    assert first.stored_files == second.stored_files
