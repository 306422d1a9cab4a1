"""``dateline quantities`` and ``dateline check``: the numbers a report states, and
whether they hold up."""

from __future__ import annotations

import click
from rich.markup import escape

from .common import (
    VERDICT_STYLE,
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


@click.command("check")
@click.argument("doc", required=False)
@db_option
@json_option
def check_cmd(doc, db, as_json):
    """Check the numbers reports state: kinematics, geography, durations against
    dates, and across documents the same quantity or date reported differently
    and "first ... since" claims against stored events.

    Every check has a verdict (consistent, inconsistent, unverifiable), the
    computed figure, the rule, and the cited sentences. DOC as for 'quantities'.
    """
    from ..verify import check_corpus, check_corpus_for, check_document

    store = open_store_or_fail(db)
    out = []
    analyses = []
    for doc_id in doc_ids_or_fail(store, doc):
        a = store.load_analysis(doc_id)
        analyses.append(a)
        out.append({"doc_id": doc_id, "source": a.article.source, "checks": to_jsonable(list(check_document(a)))})
    if doc is None:
        across = to_jsonable(list(check_corpus(analyses))) if len(analyses) > 1 else []
    else:
        # one document's claims against the rest of the store ("first meeting since 2019")
        others = [store.load_analysis(d) for d in store.doc_ids() if d != analyses[0].article.doc_id]
        across = to_jsonable(list(check_corpus_for(analyses[0].article.doc_id, analyses + others)))
    if as_json:
        print_json(
            {**out[0], "across_documents": across}
            if doc is not None
            else {"documents": out, "across_documents": across}
        )
        return

    def show(c, indent="  "):
        console.print(
            f"{indent}[{VERDICT_STYLE.get(c['verdict'], 'white')}]{c['verdict'].upper()}[/]  {c['kind']}  ({c['rule']})"
        )
        console.print(f"{indent}  claim:    {escape(c['claim'])}")
        console.print(f"{indent}  computed: {escape(c['computed'])}")
        console.print(f"{indent}  why:      {escape(c['explanation'])}")
        for cit in c["citations"]:
            console.print(f"{indent}  [dim]{cit['doc_id'][:8]} \\[{cit['sentence_index']}] {escape(cit['text'])}[/]")

    shown = 0
    for d in out:
        if not d["checks"] and doc is None:
            continue
        shown += 1
        console.print(f"[bold]{d['doc_id']}[/]  {escape(d['source'])}")
        if not d["checks"]:
            console.print(
                "  no checkable claims (no distance, duration and speed stated together; no located places;"
                " no duration tied to dated events)"
            )
        for c in d["checks"]:
            show(c)
    if doc is None and not shown:
        console.print(f"{len(out)} documents: no checkable claims within a document")
    if across:
        console.print("[bold]Across documents[/]")
        for c in across:
            show(c)


commands = [quantities_cmd, check_cmd]
eval_commands = []
