"""The hand audit of timeline events (``evaldata/timeline/audit.yaml``): its precision, and how
the current timeline of a store compares with what was labelled.

    python -m dateline.eval.timeline_audit evaldata/timeline/audit.yaml [--db g5.db]

prints the labelled precision (correct / labelled); with ``--db`` (a store holding the
development articles the audit names) it also says, for every labelled event, whether the
timeline still shows it unchanged (same type, status and date), changed, or no longer, and
the precision over the labelled events still shown unchanged. Development figures.
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


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("audit")
    ap.add_argument("--db")
    args = ap.parse_args(argv)
    audit = load(args.audit)
    print(f"labelled on {audit.labelled_on}: {len(audit.events)} events, precision {precision(audit):.2f}")
    if args.db:
        from ..store import open_store

        print(compare(open_store(args.db), audit))


if __name__ == "__main__":
    main()
