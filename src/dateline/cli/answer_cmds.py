"""Answering commands: timeline, ask, and `eval qa` (entities: entity_cmds)."""

from __future__ import annotations

import click
from rich.markup import escape

from .common import console, db_option, json_option, open_store_or_fail, print_json, progress
from .events_cmds import timeline_filters


def _when(e: dict) -> str:
    if e["earliest"] == e["latest"]:
        return e["earliest"]
    v = e.get("value") or ""
    return v if v and v[0].isdigit() else f"{e['earliest']}..{e['latest']}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _print_timeline(events: list[dict], show_sources: int = 3) -> None:
    """One event per line (grep-able at any terminal width), its sources indented below."""
    for e in events:
        status = e["status"] if e["status"] in ("occurred", "ongoing") else f"[yellow]{e['status']}[/yellow]"
        who = ", ".join(p["name"] for p in e["participants"])
        where = (e["place"] or {}).get("name")
        extra = "".join(x for x in (f" | {who}" if who else "", f" @ {where}" if where else ""))
        counts = f"{_plural(e['n_sources'], 'report')}, {_plural(e['documents'], 'doc')}"
        head = f"{_when(e):<23} {status:<8} {e['type']:<9}"
        console.print(f"{head} {escape(e['what'])}{escape(extra)}  [dim]({counts})[/dim]")
        for src in e["sources"][:show_sources]:
            console.print(
                f"    [dim]{src['published'] or '?'} {src['doc_id'][:8]}#{src['sentence_index']}: "
                f"{escape(' '.join(src['text'].split())[:160])}[/dim]"
            )


@click.command("timeline")
@click.option("--entity", "entity", default=None, help="Only events this entity takes part in (name or alias).")
@click.option("--from", "date_from", default=None, help="Only events on or after this date (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="Only events on or before this date (YYYY[-MM[-DD]]).")
@click.option("--all", "include_all", is_flag=True, help="Also events with no named participant.")
@timeline_filters
@db_option
@json_option
def timeline_cmd(entity, date_from, date_to, include_all, db, as_json, **filters):
    """Events across all documents, ordered by when they happened (not when reported)."""
    from ..query.timeline import timeline

    store = open_store_or_fail(db)
    out = timeline(
        store,
        entity=entity,
        date_from=_bound(date_from, False),
        date_to=_bound(date_to, True),
        include_all=include_all,
        **filters,
    )
    if as_json:
        print_json(out)
        return
    head = f"timeline of {out['entity']['name']}" if out["entity"] else "timeline"
    console.print(
        f"[bold]{escape(head)}[/bold]: {len(out['events'])} event(s), {out['undated']} undated or vague left out"
    )
    _print_timeline(out["events"])


def _bound(value: str | None, upper: bool) -> str | None:
    """'2019' -> 2019-01-01 (from) or 2019-12-31 (to); '2023-09' likewise."""
    if not value:
        return None
    v = value.strip()
    parts = v.split("-")
    try:
        if len(parts) == 1:
            return f"{int(parts[0]):04d}-12-31" if upper else f"{int(parts[0]):04d}-01-01"
        if len(parts) == 2:
            import calendar

            y, m = int(parts[0]), int(parts[1])
            return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}" if upper else f"{y:04d}-{m:02d}-01"
        from datetime import date

        return date.fromisoformat(v).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from None


@click.command("ask")
@click.argument("question")
@click.option(
    "--careful",
    is_flag=True,
    help="Answer only above the confidence that gave 0.9 precision on the development questions "
    "(fewer answers, fewer wrong ones).",
)
@db_option
@json_option
def ask_cmd(question, careful, db, as_json):
    """Answer a question from the stored facts, citing the sentences."""
    from ..query.ask import answer_json, ask

    store = open_store_or_fail(db)
    a = ask(store, question, careful=careful)
    if as_json:
        print_json(answer_json(a))
        return
    if not a.answer:
        console.print(f"I don't know. [dim]({escape(a.reason or '')})[/dim]")
        return
    val = f"  [dim]= {escape(a.value)}[/dim]" if a.value else ""
    console.print(f"[bold]{escape(a.answer)}[/bold]{val}  [dim](confidence {a.confidence:.2f}, {a.answer_type})[/dim]")
    _print_citations(a.citations)
    for alt in a.alternatives:
        console.print(f"  [dim]or: {escape(alt.answer)} (confidence {alt.confidence:.2f})[/dim]")
        _print_citations(alt.citations, indent="      ")


def _print_citations(citations, indent: str = "  ") -> None:
    """Each cited sentence with its id; the id is escaped, or Rich would take "[d3a1#4]" for markup."""
    for c in citations:
        console.print(f"{indent}{escape(f'[{c.doc_id}#{c.sentence_index}]')} {escape(c.text.strip())}")


@click.command("qa")
@click.option(
    "--gold", "gold", required=True, type=click.Path(exists=True, dir_okay=False), help="Question file (JSON)."
)
@db_option
@json_option
def eval_qa(gold, db, as_json):
    """Ask every question of a gold file; pass/fail per question and accuracy."""
    from ..eval.qa import evaluate, load_gold

    store = open_store_or_fail(db)
    with progress("questions") as bar:
        out = evaluate(store, load_gold(gold), on_progress=bar)
    if as_json:
        print_json(out)
        return
    for r in out["items"]:
        mark = "[green]PASS[/green]" if r["passed"] else "[red]FAIL[/red]"
        ans = r["answer"] or "(no answer)"
        cite = "".join(f" [{c['doc_id']}#{c['sentence_index']}]" for c in r["citations"])
        why = "" if r["passed"] else f"  [dim]{escape(r['why'])}[/dim]"
        console.print(f"{mark} {escape(r['question'])} -> {escape(ans)}{escape(cite)}{why}")
    console.print(f"accuracy: {out['passed']}/{out['total']} = {out['accuracy']:.2%}")
    console.print("by type: " + ", ".join(f"{t} {v['passed']}/{v['total']}" for t, v in out["by_type"].items()))
    console.print("min confidence  answered  right  precision  coverage")
    for row in out["coverage"]:
        prec = f"{row['precision']:.2f}" if row["precision"] is not None else "-"
        console.print(
            f"{row['min_confidence']:>14.2f}  {row['answered']:>8}  {row['right']:>5}"
            f"  {prec:>9}  {row['coverage']:>8.2f}  {row['mark']}"
        )


commands = [timeline_cmd, ask_cmd]
eval_commands = [eval_qa]
