"""The hand audit of timeline events reads, names real development articles, and gives its precision."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.eval.timeline_audit import load, precision

from ..conftest import ROOT, shared_path

AUDIT = ROOT / "evaldata" / "timeline" / "audit.yaml"


def test_the_audit_has_100_labelled_events_and_its_precision():
    audit = load(AUDIT)
    assert len(audit.events) == 100
    assert len({(e.record, e.sentence, e.trigger_start) for e in audit.events}) == 100
    assert all(e.note for e in audit.events if e.label == "wrong")  # every wrong label says why
    assert round(precision(audit), 2) == 0.61  # development figure at labelled_on (target 0.9: not met)


def test_every_labelled_trigger_is_in_its_article():
    data = shared_path("eval/giveme5w1h/data")
    texts = {}
    for p in Path(data).glob("*.json"):
        rec = json.loads(p.read_text(encoding="utf-8"))
        texts[rec["dId"]] = rec
    for e in load(AUDIT).events:
        rec = texts[e.record]  # a development article
        whole = "\n".join(x for x in (rec.get("title"), rec.get("description"), rec.get("text")) if x)
        assert e.trigger in whole
