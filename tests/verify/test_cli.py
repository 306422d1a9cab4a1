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
