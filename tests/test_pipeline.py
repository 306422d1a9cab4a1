"""The declared stage contract, and a failing stage costing only its own document."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

from dateline import pipeline
from dateline.batch import ingest
from dateline.cli.main import cli
from dateline.errors import AnalysisError
from dateline.nlp import parse_text
from dateline.store import open_store

DOCS = {
    "a.txt": " date 2023-09-12 Vladimir Putin met Kim Jong Un in Vladivostok on Tuesday.\n",
    "b.txt": " date 2023-09-13 The FAULT report: Kim travelled by train to the Vostochny Cosmodrome.\n",
    "c.txt": " date 2023-09-14 Kim returned to Pyongyang on Thursday.\n",
}


def _raising_on_fault(stage: pipeline.Stage) -> pipeline.Stage:
    """The same stage, failing on the document that says FAULT (fault injection)."""

    def run(a):
        if "FAULT" in a.parsed.text:
            raise ValueError("injected failure")
        return stage.run(a)

    return dataclasses.replace(stage, run=run)


def test_declarations_hold_and_each_stage_is_timed():
    pipeline.check_declarations()
    analysis, times = pipeline.run_stages(parse_text("Putin met Kim in Vladivostok on Tuesday."))
    assert [name for name, _ in times.seconds] == [s.name for s in pipeline.STAGES]
    assert analysis.events and analysis.times


def test_a_stage_needing_what_no_earlier_stage_assigns_is_refused():
    events, *rest = pipeline.STAGES[::-1]
    with pytest.raises(AnalysisError, match="requires"):
        pipeline.check_declarations((events, *rest))


def test_a_stage_that_does_not_assign_what_it_declares_fails_loudly():
    stages = tuple(dataclasses.replace(s, run=lambda a: {}) if s.name == "quantity" else s for s in pipeline.STAGES)
    with pytest.raises(AnalysisError, match="assigned nothing but declares quantities"):
        pipeline.run_stages(parse_text("It took 20 hours."), stages)


@pytest.fixture()
def faulty_events(monkeypatch):
    stages = tuple(_raising_on_fault(s) if s.name == "events" else s for s in pipeline.STAGES)
    monkeypatch.setattr(pipeline, "STAGES", stages)
    monkeypatch.setattr(pipeline.run_stages, "__defaults__", (stages,))


def _write_docs(folder):
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_a_document_whose_analysis_raises_is_reported_and_the_rest_stored(tmp_path, faulty_events):
    _write_docs(tmp_path)
    store = open_store(str(tmp_path / "t.db"))
    report = ingest(store, [str(tmp_path)])
    assert len(report.added) == 2
    (err,) = report.failed
    assert err.code == "E601" and err.source.endswith("b.txt") and "injected failure" in err.line()
    assert len(store.doc_ids()) == 2
    assert not any("FAULT" in r["text"] for r in store.query("SELECT text FROM sentences"))


def test_the_cli_names_the_failing_file_and_exits_1(tmp_path, faulty_events):
    _write_docs(tmp_path)
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "t.db"), str(tmp_path)])
    assert result.exit_code == 1
    # one line as it happens (stderr), and once more in the closing summary (stdout)
    errs = [ln for ln in result.stderr.splitlines() if "E601" in ln]
    assert len(errs) == 1 and "b.txt" in errs[0]
    assert sum("E601" in ln for ln in result.stdout.splitlines()) == 1
    assert "2 added" in result.stdout and "1 failed" in result.stdout
    assert "Traceback" not in result.output


def test_an_ingest_puts_the_loaded_model_out_of_the_collectors_reach(tmp_path):
    import gc

    from dateline.nlp import load_pipeline

    _write_docs(tmp_path)
    report = ingest(open_store(str(tmp_path / "t.db")), [str(tmp_path)])
    assert len(report.added) == 3
    # the pipeline was alive when the ingest froze what was loaded: it is no longer among
    # the objects a full collection walks
    nlp = load_pipeline()
    assert gc.is_tracked(nlp) and gc.get_freeze_count() > 0
    assert not any(o is nlp for o in gc.get_objects(generation=2))
