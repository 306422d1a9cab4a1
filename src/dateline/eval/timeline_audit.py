"""The hand audit of timeline events (``evaldata/timeline/audit.yaml``): its precision, and how
the current timeline of a store compares with what was labelled.

    python -m dateline.eval.timeline_audit evaldata/timeline/audit.yaml [--db g5.db]
    python -m dateline.eval.timeline_audit evaldata/timeline/audit_seed16.yaml --db g5.db --sample 16

prints the labelled precision (correct / labelled); with ``--db`` (a store holding the
development articles the audit names) it also says, for every labelled event, whether the
timeline still shows it unchanged (same type, status and date), changed, or no longer, and
the precision over the labelled events still shown unchanged. Development figures.

``--sample SEED`` draws a fresh sample instead and writes it, unlabelled (``label: "?"``), to
the audit file: ``random.Random(SEED).sample`` of ``--size`` events of the store's overall
timeline (`dateline timeline`, no entity), sorted by (record, sentence, trigger offset) of each
event's first report. Label each entry ``correct`` or ``wrong`` (with a ``note``) by reading
its sentence; `load` refuses the file until every entry is labelled.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import config


@dataclass(frozen=True, slots=True)
class AuditEvent:
    record: str
    sentence: int
    trigger: str
    trigger_start: int
    type: str
    status: str
    value: str | None
    dated_by: str
    label: str  # correct | wrong
    note: str = ""


@dataclass(frozen=True, slots=True)
class Audit:
    labelled_on: str
    sample: str
    events: tuple[AuditEvent, ...]


LABELS = ("correct", "wrong")


def load(path: str | Path) -> Audit:
    audit = config.load(Audit, Path(path))
    bad = [e for e in audit.events if e.label not in LABELS]
    if bad:
        raise ValueError(f"{path}: labels must be one of {LABELS}: {bad[0]}")
    return audit


def precision(audit: Audit) -> float:
    return sum(e.label == "correct" for e in audit.events) / len(audit.events) if audit.events else 0.0


def compare(store, audit: Audit) -> dict:
    """Each labelled event against the store's current overall timeline."""
    from ..query.timeline import timeline

    now = {}
    for e in timeline(store)["events"]:
        for s in e["sources"]:
            now[(s["record_id"], s["sentence_index"], s["trigger_start"])] = e
    fate: Counter = Counter()
    kept = []
    for a in audit.events:
        e = now.get((a.record, a.sentence, a.trigger_start))
        if e is None:
            fate[f"gone ({a.label})"] += 1
        elif (e["type"], e["status"], e["value"]) == (a.type, a.status, a.value):
            fate[f"unchanged ({a.label})"] += 1
            kept.append(a)
        else:
            fate[f"changed ({a.label})"] += 1
    p = sum(a.label == "correct" for a in kept) / len(kept) if kept else 0.0
    return {"fate": dict(sorted(fate.items())), "precision_unchanged": round(p, 3), "unchanged": len(kept)}


def draw(store, seed: int, size: int = 100) -> list[dict]:
    """The unlabelled entries of a fresh sample of the overall timeline (see the module docstring)."""
    import random

    from ..query.timeline import timeline

    def first(e: dict) -> dict:
        return e["sources"][0]

    events = sorted(
        timeline(store)["events"],
        key=lambda e: (first(e)["record_id"], first(e)["sentence_index"], first(e)["trigger_start"]),
    )
    picked = random.Random(seed).sample(events, min(size, len(events)))
    picked.sort(key=lambda e: (first(e)["record_id"], first(e)["sentence_index"], first(e)["trigger_start"]))
    return [
        {
            "record": first(e)["record_id"],
            "sentence": first(e)["sentence_index"],
            "trigger": first(e)["trigger"],
            "trigger_start": first(e)["trigger_start"],
            "type": e["type"],
            "status": e["status"],
            "value": e["value"],
            "dated_by": e["dated_by"],
            "label": "?",
        }
        for e in picked
    ]


def write_sample(path: str | Path, store, seed: int, size: int, labelled_on: str) -> int:
    """Write a fresh unlabelled sample to ``path``; returns the timeline's number of events."""
    import yaml

    from ..query.timeline import timeline

    total = len(timeline(store)["events"])
    entries = draw(store, seed, size)
    doc = {
        "labelled_on": labelled_on,
        "sample": f"random.Random({seed}).sample of the overall timeline's events, {len(entries)} of {total}",
        "events": entries,
    }
    Path(path).write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
    return total


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("audit")
    ap.add_argument("--db")
    ap.add_argument("--sample", type=int, metavar="SEED", help="draw a fresh unlabelled sample into AUDIT")
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--labelled-on", default="", help="the commit the sample is drawn and labelled on")
    args = ap.parse_args(argv)
    if args.sample is not None:
        if not args.db:
            ap.error("--sample needs --db")
        from ..store import open_store

        total = write_sample(args.audit, open_store(args.db), args.sample, args.size, args.labelled_on)
        print(f"wrote {min(args.size, total)} of {total} events to {args.audit} (seed {args.sample}), unlabelled")
        return
    audit = load(args.audit)
    print(f"labelled on {audit.labelled_on}: {len(audit.events)} events, precision {precision(audit):.2f}")
    if args.db:
        from ..store import open_store

        print(compare(open_store(args.db), audit))


if __name__ == "__main__":
    main()
