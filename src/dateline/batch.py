"""Batch ingest: read inputs, skip what is stored, analyse, commit one document
per transaction. Analysis runs in N worker processes; this process is the one writer.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .errors import InputError
from .ingest import read_paths
from .store import Store
from .types import Analysis, Article


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    reanalysed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # already stored, or repeated in this batch
    failed: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def analysed(self) -> int:
        return len(self.added) + len(self.reanalysed)

    @property
    def ok(self) -> bool:
        return not self.failed

    def docs_per_second(self) -> float:
        return self.analysed / self.seconds if self.seconds > 0 else 0.0


def _worker_init():
    from .nlp import load_pipeline

    load_pipeline()


def _worker_analyse(batch: list[Article]) -> list[Analysis]:
    from .pipeline import analyse_many

    return list(analyse_many(batch))


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in items:
        batch.append(a)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_stream(articles: Iterable[Article], workers: int = 1, batch_size: int = 16) -> Iterator[Analysis]:
    """Analyses in input order; with workers > 1, batches go to a process pool."""
    if workers <= 1:
        from .pipeline import analyse_many

        yield from analyse_many(articles, batch_size=batch_size)
        return
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        for result in pool.imap(_worker_analyse, _batches(articles, batch_size)):
            yield from result


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    default_date: date | None = None,
    force: bool = False,
    workers: int = 1,
    on_progress: Callable[[IngestReport, int], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``; never raises for bad input."""
    report = IngestReport()
    t0 = time.perf_counter()
    seen: set[str] = set()
    todo: list[Article] = []
    for item in read_paths(paths, default_date):
        if isinstance(item, InputError):
            report.failed.append(item)
            if on_error:
                on_error(item)
            continue
        if item.doc_id in seen:
            report.unchanged.append(item.doc_id)
            continue
        seen.add(item.doc_id)
        for w in item.warnings:
            report.warnings.append(f"{item.source}: {w}")
        todo.append(item)
    stored = store.existing(a.doc_id for a in todo)
    if not force:
        report.unchanged.extend(a.doc_id for a in todo if a.doc_id in stored)
        todo = [a for a in todo if a.doc_id not in stored]
    if on_progress:
        on_progress(report, len(todo))
    for analysis in analyse_stream(todo, workers=workers):
        store.save(analysis)
        doc_id = analysis.article.doc_id
        (report.reanalysed if doc_id in stored else report.added).append(doc_id)
        for k, v in analysis.timings.items():
            report.stage_seconds[k] = report.stage_seconds.get(k, 0.0) + v
        report.seconds = time.perf_counter() - t0
        if on_progress:
            on_progress(report, len(todo))
    report.seconds = time.perf_counter() - t0
    return report
