"""Batch ingest: read inputs, skip what is stored, analyse, commit one document
per transaction. Analysis runs in N worker processes; this process is the one writer.

A document whose analysis raises becomes one :class:`AnalysisError` line naming its
file; it is not stored, and the rest of the batch goes on. A store error (disk full,
locked file) stops the batch with its coded line: every document committed before
it stays whole. A database error that concerns one document's rows only
(:class:`StoreQueryFailed`) fails that document, and the batch goes on.
"""

from __future__ import annotations

import functools
import gc
import logging
import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .errors import AnalysisError, DatelineError, InputError, StoreQueryFailed
from .ingest import read_paths
from .store import Store
from .types import Analysis, Article, StageTimes

log = logging.getLogger(__name__)

# One analysed document, or the error that stopped its analysis.
Outcome = tuple[Analysis, StageTimes] | AnalysisError


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    reanalysed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # already stored, or repeated in this batch
    failed: list[DatelineError] = field(default_factory=list)
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

    def add_times(self, times: StageTimes) -> None:
        for k, v in times.seconds:
            self.stage_seconds[k] = self.stage_seconds.get(k, 0.0) + v


def _failure(article: Article, exc: BaseException) -> AnalysisError:
    log.debug("analysis of %s failed", article.source, exc_info=exc)
    detail = exc.message if isinstance(exc, DatelineError) else f"{type(exc).__name__}: {exc}"
    return AnalysisError(detail, source=article.source)


def analyse_batch(batch: list[Article]) -> list[Outcome]:
    """Analyse a batch together; when it fails, each document alone, so one bad
    document costs only itself."""
    from .pipeline import analyse_timed

    try:
        return list(analyse_timed(batch, batch_size=len(batch)))
    except Exception:
        if len(batch) == 1:
            raise
    out: list[Outcome] = []
    for a in batch:
        try:
            out.extend(analyse_timed([a], batch_size=1))
        except Exception as exc:
            out.append(_failure(a, exc))
    return out


def analyse_batch_safely(batch: list[Article]) -> list[Outcome]:
    try:
        return analyse_batch(batch)
    except Exception as exc:  # a batch of one that failed
        return [_failure(batch[0], exc)]


@functools.cache
def _worker_init() -> None:
    """Load the pipeline, then put what is alive (the model, its vocabulary and tables) out
    of the collector's reach: it lives as long as the process, and every full collection
    would walk it again (0.17 s each, four per 48 bench documents). Once per process."""
    from .nlp import load_pipeline

    load_pipeline()
    gc.freeze()


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in items:
        batch.append(a)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_stream(articles: Iterable[Article], workers: int = 1, batch_size: int = 16) -> Iterator[Outcome]:
    """Outcomes in input order; with workers > 1, batches go to a process pool."""
    if workers <= 1:
        _worker_init()
        for batch in _batches(articles, batch_size):
            yield from analyse_batch_safely(batch)
        return
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        for result in pool.imap(analyse_batch_safely, _batches(articles, batch_size)):
            yield from result


def collect(items: Iterable[Article | InputError], report: IngestReport, on_error: Callable | None) -> list[Article]:
    """The articles to consider, each once; unreadable inputs go to the report."""
    seen: set[str] = set()
    todo: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            fail(report, item, on_error)
            continue
        if item.doc_id in seen:
            report.unchanged.append(item.doc_id)
            continue
        seen.add(item.doc_id)
        report.warnings.extend(f"{item.source}: {w}" for w in item.warnings)
        todo.append(item)
    return todo


def plan(store: Store, todo: list[Article], report: IngestReport, force: bool) -> tuple[list[Article], set[str]]:
    """The articles to analyse (stored ones only with ``force``) and the ids already stored."""
    stored = store.existing(a.doc_id for a in todo)
    if not force:
        report.unchanged.extend(a.doc_id for a in todo if a.doc_id in stored)
        todo = [a for a in todo if a.doc_id not in stored]
    return todo, stored


def fail(report: IngestReport, err: DatelineError, on_error: Callable | None) -> None:
    report.failed.append(err)
    if on_error:
        on_error(err)


def saved(report: IngestReport, doc_id: str, stored: set[str], times: StageTimes) -> None:
    (report.reanalysed if doc_id in stored else report.added).append(doc_id)
    report.add_times(times)


def save_outcomes(
    store: Store, outcomes: list[Outcome], stored: set[str], report: IngestReport, on_error: Callable | None
) -> None:
    """Store analysed documents in one transaction and note failures; when a document's
    rows fail (:class:`StoreQueryFailed`), each document alone, so it costs only itself."""
    done: list[tuple[Analysis, StageTimes]] = []
    for o in outcomes:
        if isinstance(o, AnalysisError):
            fail(report, o, on_error)
        else:
            done.append(o)
    if len(done) > 1:
        try:
            store.save_many(a for a, _ in done)
        except StoreQueryFailed:
            pass  # one document's rows: try each alone below
        else:
            for a, times in done:
                saved(report, a.article.doc_id, stored, times)
            return
    for a, times in done:
        try:
            store.save(a)
        except StoreQueryFailed as exc:  # this document's rows only: the batch goes on
            exc.source = a.article.source
            fail(report, exc, on_error)
            continue
        saved(report, a.article.doc_id, stored, times)


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    default_date: date | None = None,
    force: bool = False,
    workers: int = 1,
    on_progress: Callable[[IngestReport, int], None] | None = None,
    on_error: Callable[[DatelineError], None] | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``; never raises for bad input."""
    report = IngestReport()
    t0 = time.perf_counter()
    todo, stored = plan(store, collect(read_paths(paths, default_date), report, on_error), report, force)
    return analyse_into(store, todo, stored, report, workers=workers, t0=t0, on_progress=on_progress,
                        on_error=on_error)  # fmt: skip


def analyse_into(
    store: Store,
    todo: list[Article],
    stored: set[str],
    report: IngestReport,
    *,
    workers: int = 1,
    t0: float | None = None,
    on_progress: Callable[[IngestReport, int], None] | None = None,
    on_error: Callable[[DatelineError], None] | None = None,
) -> IngestReport:
    """Analyse ``todo`` in local processes and store each document in its own transaction."""
    t0 = time.perf_counter() if t0 is None else t0
    if on_progress:
        on_progress(report, len(todo))
    for outcome in analyse_stream(todo, workers=workers):
        save_outcomes(store, [outcome], stored, report, on_error)
        report.seconds = time.perf_counter() - t0
        if on_progress:
            on_progress(report, len(todo))
    report.seconds = time.perf_counter() - t0
    return report
