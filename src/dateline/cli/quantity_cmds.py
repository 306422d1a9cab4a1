"""``dateline quantities``: the numbers a report states, what they count or measure, in SI."""

from __future__ import annotations

import dataclasses

import click

from .. import serialize
from ..types import DocumentQuantities, Quantity
from .common import (
    console,
    db_option,
    listing_options,
    open_store_or_fail,
    output_format,
    page,
    print_json,
    print_rows,
    table,
)


def _fmt_num(x: float | None) -> str:
    if x is None:
        return ""
    if abs(x) >= 1e4 or (x and abs(x) < 1e-2):
        return f"{x:.4g}"
    return f"{x:,.6g}"


def _meaning(q: Quantity) -> str:
    """What a count counts and how it stands: "killed, part of 7", "trapped, still"."""
    bits = [q.counts or ""]
    if q.relation == "part" and q.parts_total is not None:
        bits.append(f"part of {_fmt_num(q.parts_total)}")
    elif q.relation:
        bits.append(q.relation)
    if q.base is not None:
        bits.append(f"of {_fmt_num(q.base)}")
    if q.high is not None:
        bits.append(f"to {_fmt_num(q.high)}")
    if q.moment:
        bits.append(q.moment)
    return ", ".join(b for b in bits if b)


def _table(d: DocumentQuantities) -> None:
    t = table(title=f"{d.doc_id}  {d.source}", title_justify="left")
    for col in ("sent", "text", "kind", "number", "unit", "SI", "mod", "measures", "counts"):
        t.add_column(col)
    for q in d.quantities:
        si = f"{_fmt_num(q.si_value)} {q.si_unit or ''}".strip()
        t.add_row(
            str(q.sentence),
            q.text,
            q.kind,
            _fmt_num(q.number),
            q.unit or "",
            si,
            q.mod or "",
            q.measures or "",
            _meaning(q),
        )
    console.print(t)


def _paged(out: list[DocumentQuantities], offset: int, limit: int | None) -> list[DocumentQuantities]:
    """--offset/--limit over the quantities of all the documents, in order."""
    keep = {id(q) for q in page([q for d in out for q in d.quantities], offset, limit)}
    return [dataclasses.replace(d, quantities=tuple(q for q in d.quantities if id(q) in keep)) for d in out]


@click.command("quantities")
@click.argument("doc", required=False)
@db_option
@listing_options()
def quantities_cmd(doc, db, fmt, as_json, limit, offset):
    """Numbers with their units, normalized to SI, what they measure and count (killed,
    injured, laps, ...; a subset, a part of a whole, a range, the moment it holds for).

    DOC is a document id (or prefix, record id, file name); all documents without it.
    """
    from ..quantity.report import document_quantities

    out = document_quantities(open_store_or_fail(db), doc)
    fmt = output_format(fmt, as_json)
    if limit is not None or offset:
        out = _paged(out, offset, limit)
    if fmt == "json":
        print_json(out if doc is None else out[0])
        return
    if print_rows([{"doc_id": d.doc_id, **serialize.to_json(q)} for d in out for q in d.quantities], fmt):
        return
    for d in out:
        if d.quantities:
            _table(d)
        else:
            console.print(f"{d.doc_id}: no quantities")


commands = [quantities_cmd]
eval_commands: list[click.Command] = []
