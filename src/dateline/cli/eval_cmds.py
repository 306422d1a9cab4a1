"""Evaluations that ingest a gold corpus: ``eval timeline`` (SemEval-2015 Task 4) and ``eval coref`` (MEANTIME)."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from .common import console, err_console, json_option, print_json, progress

_keep = click.option(
    "--keep",
    "keep",
    type=click.Path(dir_okay=False),
    help="Ingest into this SQLite file and keep it (a re-run on it re-uses the analysed documents).",
)
_limit = click.option("--limit", type=click.IntRange(min=1), help="Only the first N corpus documents (by file name).")


def _prf(d: dict) -> str:
    return f"{d['precision']:.2f}/{d['recall']:.2f}/{d['f1']:.2f}"


@click.command("timeline")
@click.option("--gold", "gold", required=True, type=click.Path(exists=True), help="Folder of gold timelines (.txt).")
@click.option(
    "--corpus", "corpus", required=True, type=click.Path(exists=True), help="Folder of the corpus as CAT XML (.xml)."
)
@_keep
@_limit
@json_option
def eval_timeline(gold, corpus, keep, limit, as_json):
    """Score entity timelines as SemEval-2015 Task 4 (TimeLine) does: temporal awareness, micro-averaged."""
    from ..eval.timeline_run import run

    err_console.print(f"ingesting {corpus} ...")
    with progress("timeline corpus") as bar:
        out = run(gold, corpus, keep=keep, limit=limit, on_progress=bar)
    if as_json:
        print_json(out)
        return
    _print_timeline_scores(out)
    _print_diagnosis(out["diagnosis"])


def _print_timeline_scores(out: dict) -> None:
    console.print(
        f"SemEval-2015 Task 4 TimeLine, temporal awareness: {len(out['timelines'])} timeline(s), "
        f"{out['documents']} document(s) (development figures: {escape(out['gold'])})"
    )
    t = Table("timeline", "target", "Dateline entity", "P", "R", "F1", "relations sys/gold")
    for r in out["timelines"]:
        ent = r["entity"] or "(not matched)"
        rel = f"{r['system_relations']}/{r['gold_relations']}"
        t.add_row(
            r["name"], escape(r["target"]), escape(ent), *(f"{r[k]:.2f}" for k in ("precision", "recall", "f1")), rel
        )
    m = out["micro"]
    t.add_row("micro-average", "", "", *(f"{m[k]:.2f}" for k in ("precision", "recall", "f1")), "")
    console.print(t)
    for name, f1 in out["published"].items():
        console.print(f"published: {name}: {f1:.2f}; Dateline, this run (development data): {m['f1']:.2f}")


def _print_diagnosis(d: dict) -> None:
    console.print(
        f"gold event mentions: {d['gold_mentions']}; named by Dateline's timelines: {d['named']}; "
        f"dated gold mentions: {d['dated_gold_mentions']}"
    )
    rows = list(d["dated"].items()) + [(f"lost: {k}", n) for k, n in d["lost"].items()]
    width = max(len(k) for k, _ in rows)
    for k, n in rows:
        console.print(f"  {k:<{width}} {n:5d}")


@click.command("coref")
@click.option(
    "--gold", "gold", required=True, type=click.Path(exists=True), help="Folder of MEANTIME CAT XML (corpus_*)."
)
@_keep
@_limit
@json_option
def eval_coref(gold, keep, limit, as_json):
    """Score cross-document entity coreference on MEANTIME: mentions, MUC, B-cubed, CEAF-e, CoNLL F1."""
    from ..eval.coref_run import run

    err_console.print(f"ingesting {gold} ...")
    with progress("MEANTIME corpus") as bar:
        out = run(gold, keep=keep, limit=limit, on_progress=bar)
    if as_json:
        print_json(out)
        return
    console.print(
        f"MEANTIME cross-document entity coreference: {out['documents']} document(s) "
        f"(development figures: {escape(out['gold'])})"
    )
    console.print(
        f"gold: {out['gold_mentions']} mentions in {out['gold_clusters']} instances; "
        f"Dateline: {out['system_mentions']} entity mentions in {out['system_clusters']} entities"
    )
    t = Table("alignment", "class", "mentions P/R/F1", "MUC P/R/F1", "B-cubed P/R/F1", "CEAF-e P/R/F1", "CoNLL F1")
    for mode, res in out["modes"].items():
        o = res["overall"]
        t.add_row(mode, "all", _prf(res["mentions"]), *_coref_cells(o))
        for cls, s in res["by_class"].items():
            recall = 100 * s["response_mentions"] / s["key_mentions"] if s["key_mentions"] else 0.0
            t.add_row("", cls, f"-/{recall:.2f}/-", *_coref_cells(s))
    console.print(t)
    head = out["modes"]["head"]["overall"]["conll_f1"]
    for name, f1 in out["baseline"].items():
        console.print(f"quoted: {name}: {f1:.1f}; this run, CoNLL F1 with head matching: {head:.2f}")
    types = ", ".join(f"{k} {v['matched']}/{v['gold']}" for k, v in out["gold_by_type"].items())
    console.print(f"gold mentions matched (head) by syntactic type: {types}")
    _print_losses(out["losses"])
    j = Table("judged only", "mentions P/R/F1", "MUC P/R/F1", "B-cubed P/R/F1", "CEAF-e P/R/F1", "CoNLL F1")
    for mode, res in out["judged_modes"].items():
        j.add_row(mode, _prf(res["mentions"]), *_coref_cells(res["overall"]))
    console.print(
        "the same run leaving out Dateline mentions after each document's fully annotated sentences "
        "that match no gold mention (there MEANTIME marks only the cross-document entities):"
    )
    console.print(j)


def _print_losses(d: dict) -> None:
    console.print("Dateline mentions matching no gold mention (head):")
    for why, n in sorted(d["system_unmatched"].items(), key=lambda x: -x[1]):
        console.print(f"  {n:5d} {escape(why)}")
    console.print("gold mentions no Dateline mention matches (head), by syntactic type:")
    for typ, reasons in d["gold_lost"].items():
        detail = "; ".join(f"{escape(why)} {n}" for why, n in reasons.items())
        console.print(f"  {typ:<8} {sum(reasons.values()):5d}  ({detail})")


def _coref_cells(s: dict) -> list[str]:
    return [_prf(s["muc"]), _prf(s["b_cubed"]), _prf(s["ceaf_e"]), f"{s['conll_f1']:.2f}"]


eval_commands = [eval_timeline, eval_coref]
