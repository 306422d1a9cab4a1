"""Time commands: ``times DOC`` and ``eval timex --gold DIR``."""

from __future__ import annotations

import collections
import dataclasses

import click

from .. import query
from .common import (
    console,
    db_option,
    json_option,
    listing_options,
    open_store_or_fail,
    output_format,
    page,
    print_json,
    print_rows,
    progress,
    table,
    to_jsonable,
)


@click.command()
@click.argument("doc")
@db_option
@listing_options()
def times(doc, db, fmt, as_json, limit, offset):
    """List a stored document's time expressions (TIMEX3) and each sentence's resolved time.

    --json gives the document with both lists; --format jsonl/csv and --limit/--offset
    apply to the time expressions."""
    data = query.times(open_store_or_fail(db), doc)
    fmt = output_format(fmt, as_json)
    if limit is not None or offset:
        data = dataclasses.replace(data, times=tuple(page(list(data.times), offset, limit)))
    if fmt == "json":
        print_json(to_jsonable(data))
        return
    if print_rows(data.times, fmt):
        return
    console.print(f"[bold]{data.doc_id}[/bold]  published {data.published or 'unknown'}")
    t = table("sent", "text", "type", "value", "mod", "earliest", "latest", "anchor")
    for tv in data.times:
        t.add_row(
            str(tv.sentence),
            tv.text,
            tv.type,
            tv.value,
            tv.mod or "",
            tv.earliest or "",
            tv.latest or "",
            tv.anchor or "",
        )
    console.print(t)
    if data.sentence_times:
        s = table("sent", "time", "rule", "sentence")
        sents = {x.index: x.text for x in data.sentences}
        for st in data.sentence_times:
            text = sents.get(st.sentence, "").replace("\n", " ")
            s.add_row(str(st.sentence), st.value or "", st.rule, text[:70] + ("…" if len(text) > 70 else ""))
        console.print(s)


@click.command("timex")
@click.option("--gold", "gold", required=True, type=click.Path(exists=True), help="Folder of TimeML .tml files.")
@click.option("--errors", "n_errors", default=0, show_default=True, help="Also print the N most frequent errors.")
@json_option
def eval_timex(gold, n_errors, as_json):
    """Score time expressions against TimeML gold as TempEval-3 Task A does."""
    from ..eval.timex import PUBLISHED, evaluate_dir

    with progress("TimeML documents") as bar:
        figs, counts = evaluate_dir(gold, on_progress=bar)
    if n_errors:
        c = collections.Counter((e[1], e[2], e[3], e[4], e[5], e[6], e[7]) for e in counts.errors)
        figs["errors"] = [
            {"kind": k[0], "gold": k[1:4], "system": k[4:], "count": n} for k, n in c.most_common(n_errors)
        ]
    if as_json:
        print_json({"ours": figs, "published": PUBLISHED})
        return
    from rich.table import Table

    console.print(f"TempEval-3 Task A on {gold}: {figs['gold']} gold, {figs['system']} system expressions")
    t = Table("", "P", "R", "F1", "accuracy")
    for k in ("strict", "relaxed"):
        t.add_row(f"extent {k}", *(f"{figs[k][x]:.2f}" for x in ("precision", "recall", "f1")), "")
    t.add_row("type", "", "", f"{figs['type']['f1']:.2f}", f"{figs['type']['accuracy']:.2f}")
    v = figs["value"]
    t.add_row("value", f"{v['precision']:.2f}", f"{v['recall']:.2f}", f"{v['f1']:.2f}", f"{v['accuracy']:.2f}")
    console.print(t)
    p = Table("published (TempEval-3 test)", "value F1", "strict F1", "relaxed F1")
    p.add_row("Dateline (this run)", f"{v['f1']:.2f}", f"{figs['strict']['f1']:.2f}", f"{figs['relaxed']['f1']:.2f}")
    for name, f in PUBLISHED.items():
        p.add_row(name, *(f"{f[k]:.2f}" if k in f else "" for k in ("value_f1", "strict_f1", "relaxed_f1")))
    console.print(p)
    for e in figs.get("errors", ()):
        console.print(f"{e['count']:4d} {e['kind']:9s} gold={e['gold']} ours={e['system']}")


commands = [times]
eval_commands = [eval_timex]
