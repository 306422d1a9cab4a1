"""Event commands: ``events``, ``main-event``, the Giveme5W1H export, ``eval 5w1h``."""

from __future__ import annotations

import click

from .common import analyses_for, console, db_option, json_option, print_json, progress, to_jsonable

STATUSES = ("occurred", "ongoing", "planned", "possible", "negated")


def timeline_filters(f):
    """The options `dateline timeline` filters and ranks its events by (passed to query.timeline)."""
    f = click.option(
        "--rank",
        type=click.Choice(["time", "salience"]),
        default="time",
        show_default=True,
        help="Order by when events happened, or by salience (reports, participants, main-event membership).",
    )(f)
    f = click.option(
        "--min-reports", type=click.IntRange(min=1), default=1, help="Only events told by at least N reports."
    )(f)
    f = click.option("--type", "type_", help="Only events of this type (MEET, TRAVEL, OTHER, ...).")(f)
    return click.option("--status", type=click.Choice(STATUSES, case_sensitive=False), help="Only this status.")(f)


def mention_json(a, e) -> dict:
    """One event mention with the fields outside tools read (stable): the Event's own, plus
    where it is (record id, sentence text) and how its time was obtained."""
    from ..time import granularity

    art = a.article
    sent = a.parsed.sentences[e.sentence] if e.sentence < len(a.parsed.sentences) else None
    return {
        "doc_id": art.doc_id,
        "record_id": art.record_id or art.doc_id,
        **to_jsonable(e),
        "sentence_index": e.sentence,
        "sentence_text": a.parsed.text[sent.start : sent.end] if sent else "",
        "granularity": granularity(e.time_value),
        "dated_by": e.time_rule,
    }


@click.command()
@click.argument("doc", required=False)
@click.option("--type", "etype", help="Only events of this type (MEET, TRAVEL, ...; see events/data/ontology.yaml).")
@db_option
@json_option
def events(doc, etype, db, as_json):
    """List the events of a document (or of every document): trigger, type, status, roles."""
    rows = []
    for a in analyses_for(db, doc):
        for e in a.events:
            if etype and e.type != etype.upper():
                continue
            rows.append(mention_json(a, e))
    if as_json:
        print_json(rows)
        return
    from rich.table import Table

    t = Table("doc", "sent", "trigger", "type", "status", "time", "roles")
    for r in rows:
        roles = "; ".join(
            f"{x['name']}={x['text']}" + (f" [{x['entity']}]" if x.get("entity") else "") for x in r["roles"]
        )
        when = r["time_value"] or ""
        if r.get("reported_by"):
            roles += f"; reported_by={r['reported_by']}"
        t.add_row(r["doc_id"][:8], str(r["sentence"]), r["trigger"], r["type"], r["status"], when, roles)
    console.print(t)


@click.command("main-event")
@click.argument("doc", required=False)
@db_option
@json_option
def main_event_cmd(doc, db, as_json):
    """The main event of a document (or of every document) as 5W1H."""
    from ..export.giveme5w1h import main_event_json

    rows = [main_event_json(a.article.doc_id, a.main_event) for a in analyses_for(db, doc)]
    if as_json:
        print_json(rows if doc is None else rows[0])
        return
    for r in rows:
        console.print(f"[bold]{r['doc_id']}[/bold]")
        for q in ("who", "what", "when", "where", "why", "how"):
            a = r[q]
            if a is None:
                console.print(f"  {q:<5}  -")
                continue
            extra = ""
            if a.get("value"):
                extra += f"  ({a['value']})"
            if a.get("lat") is not None:
                extra += f"  ({a['lat']:.4f}, {a['lon']:.4f})"
            console.print(f"  {q:<5}  {a['text']}{extra}")


@click.command("5w1h")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Giveme5W1H gold files (news-please JSON).",
)
@click.option(
    "--peer",
    "peer_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Another system's output in the same layout, scored alongside.",
)
@click.option(
    "--pred",
    "pred_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Score exported files instead of running the pipeline.",
)
@click.option("--errors", "show_errors", is_flag=True, help="List our misses (F1 < 0.5).")
@json_option
def eval_5w1h(gold_dir, peer_dir, pred_dir, show_errors, as_json):
    """Score main-event answers against Giveme5W1H's gold: token F1 and hit rate (F1 >= 0.5)."""
    import time

    from ..eval import five_w as ev

    gold_recs = ev.load_dir(gold_dir)
    gold = {rid: ev.gold_phrases(r) for rid, r in gold_recs.items()}
    t0 = time.perf_counter()
    if pred_dir:
        ours = {rid: ev.extracted_top(r) for rid, r in ev.load_dir(pred_dir).items()}
        name = "dateline (pred)"
    else:
        with progress("5W1H articles") as bar:
            ours = ev.predict_dir(gold_dir, on_progress=bar)
        name = "dateline"
    elapsed = time.perf_counter() - t0
    systems = [ev.score(gold, ours, name)]
    if peer_dir:
        peer = {rid: ev.extracted_top(r) for rid, r in ev.load_dir(peer_dir).items()}
        systems.append(ev.score(gold, peer, "peer (all items)"))
        systems.append(ev.score(gold, peer, "peer (answered items)", answered_only=True))
    if as_json:
        print_json(
            {
                "gold": gold_dir,
                "documents": len(gold),
                "seconds": round(elapsed, 2),
                "systems": [s.as_dict() for s in systems],
            }
        )
        return
    click.echo(f"{len(gold)} gold documents from {gold_dir}; token F1 (SQuAD normalization), hit = F1 >= {ev.HIT}")
    click.echo(ev.format_table(systems))
    if show_errors:
        for rid, q, pred, best, f1 in systems[0].items:
            if f1 < ev.HIT:
                click.echo(f"{rid[:10]} {q:<5} {f1:.2f}  ours={pred!r}  gold={best!r}")


commands = [events, main_event_cmd]
eval_commands = [eval_5w1h]
