"""``dateline check``: whether the numbers and dates reports state hold up; and
``dateline eval checks``: its verdicts scored against hand-labelled claims and an audit."""

from __future__ import annotations

import click
from rich.markup import escape

from ..types import Check, CorpusChecks, OneDocumentChecks
from .common import VERDICT_STYLE, console, db_option, json_option, open_store_or_fail, print_json


def _show(c: Check, indent: str = "  ") -> None:
    style = VERDICT_STYLE.get(c.verdict, "white")
    console.print(f"{indent}[{style}]{c.verdict.upper()}[/]  {c.kind}  ({c.rule}, confidence {c.confidence:.2f})")
    console.print(f"{indent}  claim:    {escape(c.claim)}")
    console.print(f"{indent}  computed: {escape(c.computed)}")
    console.print(f"{indent}  why:      {escape(c.explanation)}")
    for x in c.citations:
        console.print(f"{indent}  [dim]{x.doc_id[:8]} \\[{x.sentence_index}] {escape(x.text)}[/]")


_NOTHING = (
    "  no checkable claims (no distance, duration and speed stated together; no located places;"
    " no duration tied to dated events; no figures to add up or convert; no dates to test)"
)


def _print_one(out: OneDocumentChecks) -> None:
    console.print(f"[bold]{out.doc_id}[/]  {escape(out.source)}")
    if not out.checks:
        console.print(_NOTHING)
    for c in out.checks:
        _show(c)
    if out.across_documents:
        console.print("[bold]Across documents[/]")
        for c in out.across_documents:
            _show(c)


def _print_corpus(out: CorpusChecks) -> None:
    shown = 0
    for d in out.documents:
        if not d.checks:
            continue
        shown += 1
        console.print(f"[bold]{d.doc_id}[/]  {escape(d.source)}")
        for c in d.checks:
            _show(c)
    if not shown:
        console.print(f"{len(out.documents)} documents: no checkable claims within a document")
    if out.across_documents:
        console.print("[bold]Across documents[/]")
        for c in out.across_documents:
            _show(c)


@click.command("check")
@click.argument("doc", required=False)
@click.option(
    "--min-confidence",
    "min_confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Only verdicts at least this confident (0..1).",
)
@db_option
@json_option
def check_cmd(doc, min_confidence, db, as_json):
    """Check the numbers and dates reports state: kinematics, geography, arithmetic
    (sums of parts, differences, percentages, unit conversions, ages), dates (weekdays,
    dates after publication, durations against dates), and across documents the same
    figure, date or time reported differently and "first ... since" claims against
    stored events.

    Every verdict (consistent, inconsistent, unverifiable) has the rule, the figures
    computed, the cited sentences, a confidence and why. DOC is a document id (or
    prefix, record id, file name): its own checks and the cross-document ones citing it.
    """
    from ..verify.report import store_checks

    out = store_checks(open_store_or_fail(db), doc, min_confidence)
    if as_json:
        print_json(out)
    elif isinstance(out, OneDocumentChecks):
        _print_one(out)
    else:
        _print_corpus(out)


@click.command("checks")
@click.option(
    "--gold",
    "gold",
    required=True,
    type=click.Path(exists=True),
    help="Labelled claims (claims.yaml), or the folder holding claims.yaml and the verdict audit verdicts.yaml.",
)
@click.option(
    "--audit",
    "audit",
    type=click.Path(exists=True, dir_okay=False),
    help="The verdict audit (default: verdicts.yaml beside the claims file, when there).",
)
@db_option
@json_option
def eval_checks(gold, audit, db, as_json):
    """Score `dateline check` on a store holding the labelled articles: precision per
    verdict (from the audit, else from a matching labelled claim) and recall of the
    labelled claims."""
    from ..eval.checks import evaluate, load_gold

    out = evaluate(open_store_or_fail(db), load_gold(gold, audit))
    if as_json:
        print_json(out)
        return
    _print_scores(out)


def _print_scores(out) -> None:
    from rich.table import Table

    where = f"claims {escape(out.gold)}" + (
        f", audit {escape(out.audit)} (labelled on {out.labelled_on})" if out.audit else ""
    )
    console.print(f"Checks on {out.documents} document(s) against {where}: development figures")
    t = Table("verdict", "given", "labelled", "correct", "false alarm", "wrong", "precision")
    for v in out.by_verdict:
        prec = "-" if v.precision is None else f"{v.precision:.3f}"
        t.add_row(
            v.verdict.upper(), str(v.total), str(v.labelled), str(v.correct), str(v.false_alarm), str(v.wrong), prec
        )
    console.print(t)
    r = Table("claims labelled", "claims", "found", "recall")
    for x in out.recall:
        r.add_row(x.label, str(x.claims), str(x.found), "-" if x.recall is None else f"{x.recall:.3f}")
    console.print(r)
    got = f"{out.documents_with_claims_checked}/{out.documents_with_claims}"
    console.print(f"documents with labelled claims that got a verdict: {got}")
    if out.not_comparable_flagged:
        console.print("[red]false alarms on not_comparable claims:[/] " + ", ".join(out.not_comparable_flagged))
    missed = next((x.missed for x in out.recall if x.label == "inconsistent"), ())
    if missed:
        console.print("inconsistent claims missed: " + ", ".join(missed))
    console.print("verdicts by rule: " + ", ".join(f"{k} {n}" for k, n in out.by_rule.items()))
    unlabelled = [v for v in out.verdicts if not v.label]
    if unlabelled:
        console.print(f"[yellow]{len(unlabelled)} verdict(s) neither in the audit nor matching a labelled claim[/]")
    if out.unresolved_cites:
        console.print(f"[yellow]{len(out.unresolved_cites)} cite(s) not found in the store[/]")


commands = [check_cmd]
eval_commands = [eval_checks]
