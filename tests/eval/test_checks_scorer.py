"""``dateline eval checks``: verdicts matched to labelled claims and to an audit, precision per
verdict and recall per label, on the demo articles (in the repo) ingested into a real store;
and the committed audit (evaldata/checks/verdicts.yaml) against the development store."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.eval.checks import Audit, AuditEntry, Gold, LabelledClaim, load_gold, matches, score
from dateline.store import open_store

from ..conftest import EXAMPLES, ROOT

CHECKS = ROOT / "evaldata" / "checks"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("checks") / "demo.db")
    r = CliRunner().invoke(cli, ["ingest", "-q", str(EXAMPLES), "--db", db])
    assert r.exit_code == 0, r.output
    return db


def _claim(cid, docs, cites, label, kind="geography"):
    return LabelledClaim(cid, tuple(docs), tuple(cites), kind, label, "", "", "")


def test_matching_needs_two_reports_for_a_claim_across_reports():
    assert matches(1, {"a#1", "a#2"}, ["a#2", "a#7"])
    assert not matches(2, {"a#1", "b#3"}, ["a#1", "c#4"])
    assert matches(2, {"a#1", "b#3"}, ["a#1", "b#3"])


def test_labels_from_claims_and_from_the_audit(demo_db):
    store = open_store(demo_db)
    analyses = [store.load_analysis(d) for d in store.doc_ids()]
    ref = "000_fde20e5758e8fe00"
    claims = (
        _claim("ref-900", [ref], ["around 900 miles north of Vladivostok"], "inconsistent"),
        _claim("ref-speed", [ref], ["with a top speed of 55 mph"], "consistent", "kinematics"),
        _claim("ref-never", [ref], ["This will be their first meeting since 2019"], "inconsistent", "same_event_date"),
    )
    out = score(analyses, Gold("claims.yaml", claims))
    inc = next(v for v in out.by_verdict if v.verdict == "inconsistent")
    assert inc.correct >= 1 and inc.false_alarm == 0 and inc.precision == 1.0
    rec = next(r for r in out.recall if r.label == "inconsistent")
    assert (rec.claims, rec.found, rec.missed) == (2, 1, ("ref-never",))
    # the audit overrides what a claim would say
    geo = next(v for v in out.verdicts if v.rule == "geography.relative_location")
    audit = Audit("abc123", (AuditEntry(geo.rule, geo.verdict, geo.sentences, "false_alarm"),))
    again = score(analyses, Gold("claims.yaml", claims, "verdicts.yaml", audit))
    inc = next(v for v in again.by_verdict if v.verdict == "inconsistent")
    assert inc.false_alarm == 1 and again.labelled_on == "abc123"
    assert next(r for r in again.recall if r.label == "inconsistent").found == 0


def test_eval_checks_command(demo_db, tmp_path):
    (tmp_path / "claims.yaml").write_text(
        yaml.safe_dump(
            [
                {
                    "id": "ref-900",
                    "docs": ["000_fde20e5758e8fe00"],
                    "cites": ["around 900 miles north of Vladivostok"],
                    "kind": "geography",
                    "label": "inconsistent",
                    "figures": "",
                    "computed": "",
                    "note": "",
                }
            ]
        )
    )
    r = CliRunner().invoke(cli, ["eval", "checks", "--gold", str(tmp_path), "--db", demo_db, "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["recall"][0]["found"] == 1 and out["by_rule"]
    r = CliRunner().invoke(cli, ["eval", "checks", "--gold", str(tmp_path / "claims.yaml"), "--db", demo_db])
    assert r.exit_code == 0 and "INCONSISTENT" in r.output and "recall" in r.output


def test_the_committed_audit_loads_and_names_its_commit():
    gold = load_gold(str(CHECKS))
    assert len(gold.claims) >= 189
    assert gold.audit is not None and len(gold.audit.labelled_on) >= 7
    assert all(e.label in ("correct", "false_alarm", "wrong") for e in gold.audit.verdicts)
    assert all("#" in s for e in gold.audit.verdicts for s in e.sentences)
