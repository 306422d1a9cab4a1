"""``dateline quantities``: the numbers a report states, what they count or measure, in SI."""

from __future__ import annotations

import click

from .common import (
    console,
    db_option,
    doc_ids_or_fail,
    json_option,
    open_store_or_fail,
    print_json,
    to_jsonable,
)


def _fmt_num(x: float | None) -> str:
    if x is None:
        return ""
    if abs(x) >= 1e4 or (x and abs(x) < 1e-2):
        return f"{x:.4g}"
    return f"{x:,.6g}"


@click.command("quantities")
@click.argument("doc", required=False)
@db_option
@json_option
def quantities_cmd(doc, db, as_json):
    """Numbers with their units, normalized to SI, and what they measure.

    DOC is a document id (or prefix, record id, file name); all documents without it.
    """
    store = open_store_or_fail(db)
    out = []
    for doc_id in doc_ids_or_fail(store, doc):
        a = store.load_analysis(doc_id)
        out.append({"doc_id": doc_id, "source": a.article.source, "quantities": to_jsonable(list(a.quantities))})
    if as_json:
        print_json(out if doc is None else out[0])
        return
    from rich.table import Table

    for d in out:
        t = Table(title=f"{d['doc_id']}  {d['source']}", title_justify="left")
        for col in ("sent", "text", "kind", "number", "unit", "SI", "mod", "measures"):
            t.add_column(col)
        for q in d["quantities"]:
            si = f"{_fmt_num(q['si_value'])} {q['si_unit'] or ''}".strip()
            t.add_row(
                str(q["sentence"]),
                q["text"],
                q["kind"],
                _fmt_num(q["number"]),
                q["unit"] or "",
                si,
                q["mod"] or "",
                q["measures"] or "",
            )
        if not d["quantities"]:
            console.print(f"{d['doc_id']}: no quantities")
        else:
            console.print(t)


commands = [quantities_cmd]
eval_commands = []
