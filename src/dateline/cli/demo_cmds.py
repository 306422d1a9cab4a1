"""``dateline demo``: the first thing a new user sees."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import click
from rich.markup import escape
from rich.rule import Rule

from .. import query
from .common import VERDICT_STYLE, console
from .core_cmds import run_ingest

DEMO_DB = "demo.db"


def find_examples() -> Path | None:
    here = Path(__file__).resolve()
    for cand in (Path.cwd() / "examples" / "articles", here.parents[3] / "examples" / "articles"):
        if cand.is_dir():
            return cand
    return None


def _reset(db: str) -> None:
    if "://" in db:
        return
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


@click.command()
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=True))
@click.option("--db", default=DEMO_DB, show_default=True, help="Fresh database the demo writes (it is reset first).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
def demo(path, db, workers):
    """Ingest the bundled example articles into a fresh database and show what Dateline knows."""
    src = Path(path) if path else find_examples()
    if src is None:
        raise click.ClickException("no examples/articles folder found: pass the folder of articles to use")
    _reset(db)
    console.print(Rule(f"Dateline demo: ingesting {escape(str(src))}"))
    store, report = run_ingest(db, [str(src)], workers=workers)
    if report.failed:
        for e in report.failed:
            console.print(f"[red]error[/red] {escape(e.line())}")
    label_counts: Counter[str] = Counter()
    for doc_id in store.doc_ids():
        a = store.load_analysis(doc_id)
        art = a.article
        names = [e for e in a.parsed.entities]
        label_counts.update(m.label for m in a.parsed.mentions)
        console.print(
            f"\n[bold]{escape(art.title or Path(art.source).name)}[/bold]\n"
            f"  published [cyan]{art.published or 'unknown'}[/cyan]  sentences {len(a.parsed.sentences)}  "
            f"[dim]{doc_id}  {art.format}[/dim]"
        )
        shown = ", ".join(f"{escape(e.name)} [dim]{e.label}[/dim]" for e in names[:14])
        console.print(f"  entities: {shown}{' ...' if len(names) > 14 else ''}")
        console.print(
            f"  {len(a.times)} time expressions, {len(a.places)} places, {len(a.quantities)} quantities, "
            f"{len(a.events)} events"
        )
    st = query.stats(store)
    _show_main_events(store)
    _show_timeline(store)
    _show_answers(store)
    _show_checks(store)
    console.print(Rule("Summary"))
    console.print(
        f"documents {st.documents}  sentences {st.sentences}  mentions {st.mentions}  "
        f"time {report.seconds:.2f} s  ({report.docs_per_second():.1f} docs/s, model load included)"
    )
    console.print("entities by type: " + ", ".join(f"{k} {v}" for k, v in label_counts.most_common()))
    console.print(f"\nExplore: dateline --help; every command takes --db {db}, e.g. dateline entities --db {db}")
    console.print(f"Open it in a browser: dateline serve --db {db}, then http://127.0.0.1:8000/ (or: make serve)")


# Questions a new user would ask of the demo corpus (PRODUCT.md), and one it cannot answer.
DEMO_QUESTIONS = (
    "Where are Kim and Putin meeting?",
    "How fast can Kim's train go?",
    "When did the Vostochny Cosmodrome open?",
    "What does Kim want from Russia?",
    "Who proposed the Vostochny Cosmodrome?",
    "Who won the 2022 football World Cup?",
)


def _show_main_events(store) -> None:
    from ..export.giveme5w1h import main_event_json

    console.print(Rule("Main event of each article (5W1H)"))
    for doc_id in store.doc_ids():
        a = store.load_analysis(doc_id)
        me = main_event_json(doc_id, a.main_event)
        head = escape(a.article.title or Path(a.article.source).name)
        console.print(f"[bold]{head}[/bold]")
        for q in ("who", "what", "when", "where", "why", "how"):
            ans = me.get(q)
            if not ans:
                continue
            extra = ""
            if ans.get("value"):
                extra = f" [cyan]= {escape(str(ans['value']))}[/cyan]"
            elif ans.get("lat") is not None:
                extra = f" [cyan]({ans['lat']:.2f}, {ans['lon']:.2f})[/cyan]"
            console.print(f"  {q:<5} {escape(ans['text'])}{extra}")


def _show_timeline(store) -> None:
    from .answer_cmds import _print_timeline

    out = query.timeline(store)
    console.print(Rule("Timeline across the articles, by when things happened, not when reported (dateline timeline)"))
    _print_timeline(out["events"], show_sources=1)


def _show_answers(store) -> None:
    console.print(Rule("Questions answered with citations (dateline ask)"))
    for q in DEMO_QUESTIONS:
        a = query.ask(store, q)
        console.print(f"[bold]Q: {escape(q)}[/bold]")
        if not a.answer:
            console.print(f"   I don't know. [dim]({escape(a.reason or '')})[/dim]")
            continue
        value = f"  [cyan]= {escape(a.value)}[/cyan]" if a.value and a.value != a.answer else ""
        console.print(f"   {escape(a.answer)}{value}  [dim](confidence {a.confidence:.2f})[/dim]")
        for c in a.citations[:1]:
            console.print(f"   [dim]{c.doc_id[:8]}#{c.sentence_index}: {escape(' '.join(c.text.split()))}[/dim]")


def _show_checks(store) -> None:
    from ..verify import check_corpus, check_document

    console.print(Rule("Checks of the numbers the reports state (dateline check)"))
    analyses = [store.load_analysis(d) for d in store.doc_ids()]
    checks = [c for a in analyses for c in check_document(a)] + list(check_corpus(analyses))
    for c in checks:
        console.print(
            f"[{VERDICT_STYLE.get(c.verdict, 'white')}]{c.verdict.upper():<12}[/] {c.kind:<10} {escape(c.claim)}"
        )
        console.print(f"   [dim]{escape(c.explanation)}[/dim]")


commands = [demo]
