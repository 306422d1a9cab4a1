"""The hand audit of timeline events reads, names real development articles, and gives its precision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.eval.timeline_audit import load, precision

from ..conftest import ROOT, shared_path

AUDITS = ROOT / "evaldata" / "timeline"
# development figures at each audit's labelled_on commit (the target is 0.9)
PRECISION = {
    "audit.yaml": 0.54,
    "audit_ad28e6d.yaml": 0.61,
    "audit_seed14.yaml": 0.69,
    "audit_seed15.yaml": 0.69,
    "audit_seed16.yaml": 0.79,
    "audit_seed17.yaml": 0.86,
    "audit_seed18.yaml": 0.9,
    "audit_seed19.yaml": 0.93,
    "audit_seed20.yaml": 0.96,
}


@pytest.mark.parametrize("name", sorted(PRECISION))
def test_the_audit_has_100_labelled_events_and_its_precision(name):
    audit = load(AUDITS / name)
    assert len(audit.events) == 100
    assert len({(e.record, e.sentence, e.trigger_start) for e in audit.events}) == 100
    assert all(e.note for e in audit.events if e.label == "wrong")  # every wrong label says why
    assert round(precision(audit), 2) == PRECISION[name]


def _example_records() -> dict[str, dict]:
    """The bundled examples by record id: a file's stem, or a JSON Lines record's dId."""
    from ..conftest import EXAMPLES

    out: dict[str, dict] = {}
    for p in sorted(Path(EXAMPLES).iterdir()):
        raw = p.read_text(encoding="utf-8")
        if p.suffix == ".jsonl":
            for line in raw.splitlines():
                rec = json.loads(line)
                out[rec["dId"]] = {"text": rec["title"] + "\n" + rec["maintext"]}
        else:
            out[p.stem] = {"text": raw}
    return out


def test_every_labelled_trigger_is_in_its_article():
    data = shared_path("eval/giveme5w1h/data")
    texts = {}
    for p in Path(data).glob("*.json"):
        rec = json.loads(p.read_text(encoding="utf-8"))
        texts[rec["dId"]] = rec
    texts.update(_example_records())  # audit_seed17 samples a store that holds the examples too
    for name in sorted(PRECISION):  # every audit, over one read of the development articles
        for e in load(AUDITS / name).events:
            rec = texts[e.record]
            whole = "\n".join(x for x in (rec.get("title"), rec.get("description"), rec.get("text")) if x)
            assert e.trigger in whole, (name, e.record, e.trigger)


def test_a_fresh_sample_is_drawn_from_the_overall_timeline_and_refused_until_labelled(tmp_path):
    import yaml

    from dateline.batch import ingest
    from dateline.eval.timeline_audit import draw, write_sample
    from dateline.query.timeline import timeline
    from dateline.store import open_store

    from ..conftest import EXAMPLES

    store = open_store(str(tmp_path / "examples.db"))
    assert ingest(store, [str(EXAMPLES)]).ok
    shown = {
        (s["record_id"], s["sentence_index"], s["trigger_start"])
        for e in timeline(store)["events"]
        for s in e["sources"][:1]
    }
    first = draw(store, 16, 5)
    assert first == draw(store, 16, 5) and first != draw(store, 17, 5)  # the seed decides, and only it
    assert len(first) == 5 and all((x["record"], x["sentence"], x["trigger_start"]) in shown for x in first)
    path = tmp_path / "audit.yaml"
    total = write_sample(path, store, 16, 5, "abc1234")
    assert total == len(shown) and f"5 of {total}" in yaml.safe_load(path.read_text())["sample"]
    with pytest.raises(ValueError):
        load(path)  # every entry still reads label "?"
