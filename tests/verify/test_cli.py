"""``dateline quantities`` and ``dateline check`` on a real store holding the reference article."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, seed_path):
    db = str(tmp_path_factory.mktemp("qdb") / "seed.db")
    r = CliRunner().invoke(cli, ["ingest", "-q", str(seed_path), "--db", db])
    assert r.exit_code == 0, r.output
    return db


def test_quantities_json(seed_db):
    r = CliRunner().invoke(cli, ["quantities", "000_fde20e5758e8fe00.txt", "--db", seed_db, "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    by_text = {q["text"]: q for q in data["quantities"]}
    assert by_text["55 mph"]["measures"] == "top speed"
    assert by_text["around 900 miles"]["si_value"] == pytest.approx(1_448_409.6)


def test_check_json_and_text(seed_db):
    r = CliRunner().invoke(cli, ["check", "000_fde20e5758e8fe00.txt", "--db", seed_db, "--json"])
    assert r.exit_code == 0, r.output
    checks = json.loads(r.output)["checks"]
    verdicts = {c["rule"]: c["verdict"] for c in checks}
    if "geography.relative_location" not in verdicts:
        pytest.skip("the geo stage stored no places for the reference article")
    assert verdicts == {
        "kinematics.average_vs_top_speed": "consistent",
        "kinematics.multiplied_distance": "consistent",
        "geography.route_distance": "consistent",
        "geography.relative_location": "inconsistent",
    }
    r = CliRunner().invoke(cli, ["check", "--db", seed_db])
    assert r.exit_code == 0 and "can only be a route distance" in r.output


def test_unknown_document_is_an_error(seed_db):
    r = CliRunner().invoke(cli, ["check", "no-such-doc", "--db", seed_db])
    assert r.exit_code != 0 and "E501" in r.output


def test_min_confidence_hides_less_confident_verdicts(seed_db):
    r = CliRunner().invoke(cli, ["check", "000_fde20e5758e8fe00.txt", "--db", seed_db, "--json"])
    every = json.loads(r.output)["checks"]
    assert all(0 < c["confidence"] <= 1 for c in every)
    cut = sorted(c["confidence"] for c in every)[-1]
    r = CliRunner().invoke(
        cli, ["check", "000_fde20e5758e8fe00.txt", "--db", seed_db, "--json", "--min-confidence", str(cut)]
    )
    kept = json.loads(r.output)["checks"]
    assert kept and len(kept) < len(every) and all(c["confidence"] >= cut for c in kept)
    r = CliRunner().invoke(cli, ["check", "--db", seed_db, "--min-confidence", "2"])
    assert r.exit_code != 0


def test_checks_citing_one_sentence(seed_db):
    from dateline.store import open_store
    from dateline.verify.report import checks_citing

    store = open_store(seed_db)
    doc_id = store.resolve_doc("000_fde20e5758e8fe00.txt")
    cited = checks_citing(store, doc_id, 5)
    assert [c.rule for c in cited] == ["geography.relative_location"] and cited[0].verdict == "inconsistent"
    assert checks_citing(store, doc_id, 0) == []


def test_eval_checks_with_a_broken_gold_file_is_one_coded_line(seed_db, tmp_path):
    bad = tmp_path / "claims.yaml"
    bad.write_text("- id: x\n  docs: [a\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["eval", "checks", "--gold", str(bad), "--db", seed_db])
    assert r.exit_code != 0 and "E109" in r.output and "Traceback" not in r.output
