"""Dateline's quantity stage side by side with quantulum3.

    .venv/bin/python bench/quantulum_compare.py [--json]

On the reference article and the 48 Giveme5W1H development articles it prints
(1) how many quantities each system finds and how long it takes (ours as a share
of spaCy's nlp.pipe time on the same texts, in the same process), and (2) found /
correct / wrong / missed on the hand-labelled sample in
bench/data/quantities_gold.yaml (see its header for the labelling rules).

An output is judged when it starts inside a labelled sentence block; it is
correct when it overlaps a gold span, has the gold kind, and the gold number
(within 1%; any number for vague gold such as "dozens"). Each gold item matches
at most one output.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
import time
import warnings
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_fde20e5758e8fe00.txt"
DEV = SHARED / "eval" / "giveme5w1h" / "data"
GOLD = ROOT / "bench" / "data" / "quantities_gold.yaml"

# quantulum3 entity -> our kind
Q3_KIND = {
    "length": "distance",
    "speed": "speed",
    "time": "duration",
    "currency": "money",
    "mass": "mass",
    "area": "area",
    "volume": "volume",
    "temperature": "temperature",
    "dimensionless": "count",
}


def load_articles():
    from dateline.ingest import read_path
    from dateline.ingest.normalize import make_article

    arts = {"seed": next(a for a in read_path(SEED))}
    for f in sorted(glob.glob(str(DEV / "*.json"))):
        d = json.loads(Path(f).read_text(encoding="utf-8"))
        arts[Path(f).name[:16]] = make_article(d["text"], source=f)
    return arts


def run_ours(arts):
    from dateline.nlp import load_pipeline
    from dateline.nlp.parse import from_doc
    from dateline.quantity import extract_quantities

    nlp = load_pipeline()
    keys = list(arts)
    extract_quantities(from_doc(arts[keys[0]], nlp(arts[keys[0]].text)))  # load data once, outside the timing
    t0 = time.perf_counter()
    docs = list(nlp.pipe([arts[k].text for k in keys], batch_size=32))
    t_nlp = time.perf_counter() - t0
    parsed = {k: from_doc(arts[k], d) for k, d in zip(keys, docs, strict=False)}
    reps = 5
    t0 = time.perf_counter()
    for _ in range(reps):
        out = {k: extract_quantities(parsed[k]) for k in keys}
    t_ours = (time.perf_counter() - t0) / reps
    items = {k: [(q.start, q.end, q.text, q.number, q.kind) for q in qs] for k, qs in out.items()}
    return items, parsed, t_nlp, t_ours


def run_quantulum(arts):
    warnings.filterwarnings("ignore")
    from quantulum3 import parser

    items = {}
    t0 = time.perf_counter()
    for k, a in arts.items():
        res = []
        for q in parser.parse(a.text):
            kind = Q3_KIND.get(q.unit.entity.name, "other")
            if q.unit.name in ("percentage", "percent"):
                kind = "percent"
            res.append((q.span[0], q.span[1], q.surface, float(q.value), kind))
        items[k] = res
    return items, time.perf_counter() - t0


def judged_blocks(gold, arts, parsed):
    """gold -> {doc: [(start, end, [gold items with char spans])]}"""
    blocks = {}
    for d in gold["docs"]:
        key, text = d["file"], arts[d["file"]].text
        sents = parsed[key].sentences

        def sent_at(c, sents=sents):
            return next(s for s in sents if s.start <= c < max(s.end, s.start + 1))

        for b in d["sentences"]:
            a = text.find(b["in"])
            if a < 0:
                raise SystemExit(f"{key}: anchor {b['in']!r} not found")
            s0 = sent_at(a)
            lo, hi = s0.start, s0.end
            items = []
            for g in b["expect"]:
                k = text.find(g["text"], lo)
                if k < 0:
                    raise SystemExit(f"{key}: {g['text']!r} not found after anchor {b['in']!r}")
                hi = max(hi, sent_at(k).end)
                items.append(dict(g, start=k, end=k + len(g["text"])))
            blocks.setdefault(key, []).append((lo, hi, items))
    return blocks


def _match(o, gold, used):
    """("optional" | "correct", gold index) for the first gold item system item ``o`` overlaps, or None."""
    for gi, g in enumerate(gold):
        if gi in used or o[1] <= g["start"] or o[0] >= g["end"]:
            continue
        if g.get("optional"):
            return "optional", gi
        num_ok = g["number"] is None or abs(o[3] - g["number"]) <= 0.01 * abs(g["number"])
        # a fraction of a whole ("half of the money") is a share; a dimensionless 0.5 states the same thing
        kind_ok = g["kind"] == o[4] or (g["kind"] == "percent" and o[4] == "count" and (g["number"] or 1) < 1)
        if kind_ok and num_ok:
            return "correct", gi
    return None


def score(system_items, blocks):
    found = correct = wrong = missed = 0
    errors = []
    for key, bl in blocks.items():
        for lo, hi, gold in bl:
            used = set()
            for o in (o for o in system_items.get(key, []) if lo <= o[0] < hi):
                hit = _match(o, gold, used)
                if hit:
                    used.add(hit[1])
                if hit and hit[0] == "optional":
                    continue
                found += 1
                correct += bool(hit)
                wrong += not hit
                if not hit:
                    errors.append(f"{key}: wrong {o[2]!r} ({o[3]:g}, {o[4]})")
            for gi, g in enumerate(gold):
                if gi not in used and not g.get("optional"):
                    missed += 1
                    errors.append(f"{key}: missed {g['text']!r} ({g['number']}, {g['kind']})")
    n_gold = sum(1 for bl in blocks.values() for _, _, gold in bl for g in gold if not g.get("optional"))
    p = correct / found if found else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "found": found,
        "correct": correct,
        "wrong": wrong,
        "missed": missed,
        "gold": n_gold,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
    }, errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", action="store_true", help="list every wrong and missed item")
    args = ap.parse_args(argv)
    arts = load_articles()
    ours, parsed, t_nlp, t_ours = run_ours(arts)
    q3, t_q3 = run_quantulum(arts)
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    blocks = judged_blocks(gold, arts, parsed)
    s_ours, e_ours = score(ours, blocks)
    s_q3, e_q3 = score(q3, blocks)
    result = {
        "articles": len(arts),
        "nlp_pipe_s": round(t_nlp, 3),
        "dateline": dict(
            s_ours,
            total_found=sum(map(len, ours.values())),
            seconds=round(t_ours, 4),
            share_of_nlp=round(t_ours / t_nlp, 4),
        ),
        "quantulum3": dict(
            s_q3, total_found=sum(map(len, q3.values())), seconds=round(t_q3, 4), share_of_nlp=round(t_q3 / t_nlp, 4)
        ),
        "sample": {"docs": len(blocks), "blocks": sum(map(len, blocks.values()))},
    }
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return 0
    print(f"{len(arts)} articles (reference + Giveme5W1H dev); spaCy nlp.pipe {t_nlp:.2f} s")
    print(
        f"gold sample: {result['sample']['blocks']} sentence blocks in {result['sample']['docs']} articles, "
        f"{s_ours['gold']} expected quantities\n"
    )
    hdr = (
        f"{'system':<11} {'all found':>9} {'time s':>7} {'x nlp':>6} | {'found':>5} {'correct':>7} "
        f"{'wrong':>5} {'missed':>6} {'P':>5} {'R':>5} {'F1':>5}"
    )
    print(hdr)
    print("-" * len(hdr))
    for name in ("dateline", "quantulum3"):
        r = result[name]
        print(
            f"{name:<11} {r['total_found']:>9} {r['seconds']:>7.3f} {r['share_of_nlp']:>6.1%} | {r['found']:>5} "
            f"{r['correct']:>7} {r['wrong']:>5} {r['missed']:>6} "
            f"{r['precision']:>5.2f} {r['recall']:>5.2f} {r['f1']:>5.2f}"
        )
    if args.errors:
        for name, errs in (("dateline", e_ours), ("quantulum3", e_q3)):
            print(f"\n{name}:")
            for e in errs:
                print("  " + e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
