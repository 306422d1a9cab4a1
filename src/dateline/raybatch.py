"""Ingest on Ray: Ray Data reads the input files, an actor pool analyses them.

The same plan as a local ingest (:mod:`dateline.batch`): the inputs are listed in
the same order, each file read by the same reader, repeated and stored documents
skipped the same way, and every bad input becomes one error line. Then
``map_batches`` runs the analysis in a pool of ``workers`` actors, each of which loads
the pipeline once. Records are written in batches: by this process, the one writer,
for SQLite (in input order, so the cross-document entity ids are those of a local
ingest); by the actors themselves for PostgreSQL, whose writers queue on the
store's write lock.

Nothing leaves the machine: a local cluster binds to the loopback address, and Ray's
usage statistics are switched off before Ray is imported.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .batch import (
    IngestReport,
    Outcome,
    analyse_batch_safely,
    collect,
    fail,
    plan,
    save_outcomes,
    saved,
)
from .errors import AnalysisError, DatelineError, InputError, StoreError, StoreQueryFailed, UsageError
from .ingest import read_path
from .ingest.files import input_files
from .store import Store, open_store
from .types import Article, StageTimes

log = logging.getLogger(__name__)

# Documents per analysis batch (one nlp.pipe call, one write transaction).
BATCH = 16
# Ray reports usage to its authors unless told not to, and Ray Data logs every run to the
# console; both are read when Ray is imported.
_QUIET_ENV = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_USAGE_STATS_PROMPT_ENABLED": "0", "RAY_DATA_LOG_LEVEL": "ERROR"}
# On Linux Ray turns 127.0.0.1 into the machine's routable address (for clusters of many
# hosts); with this off (read at import) a private cluster's processes talk over loopback only.
_LOOPBACK_ENV = {"RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
LOCAL = "local"


@dataclass(frozen=True)
class Stored:
    """What an actor that wrote its documents itself sends back for one of them."""

    doc_id: str
    times: StageTimes


@dataclass(frozen=True)
class Fatal:
    """A store error that stops the batch (a full disk, a lock held too long)."""

    error: StoreError


def _ray(local: bool) -> Any:
    os.environ.update(_QUIET_ENV | (_LOOPBACK_ENV if local else {}))
    import ray

    for name in ("ray", "ray.data"):  # Ray's own progress lines would bury ours
        logging.getLogger(name).setLevel(logging.ERROR)
    return ray


@contextmanager
def cluster(address: str = LOCAL, workers: int = 1) -> Iterator[Any]:
    """Ray, connected: ``local`` starts a private cluster on the loopback address with
    ``workers`` CPUs; ``auto`` joins the cluster started on this machine (``ray start``);
    anything else is a cluster address. A Ray already initialised in this process is
    used as it is (and left running)."""
    ray = _ray(address == LOCAL)
    if ray.is_initialized():
        yield ray
        return
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
    if address == LOCAL:
        kwargs |= {"address": "local", "num_cpus": max(1, workers), "_node_ip_address": "127.0.0.1"}
        kwargs["runtime_env"] = {"env_vars": _QUIET_ENV | _LOOPBACK_ENV}
    else:
        kwargs["address"] = address
    kwargs.setdefault("runtime_env", {"env_vars": dict(_QUIET_ENV)})
    try:
        ray.init(**kwargs)
    except Exception as exc:  # no cluster at that address, a port taken
        raise UsageError(f"--ray {address}: cannot start or reach a Ray cluster ({type(exc).__name__}: {exc})") from exc
    try:
        yield ray
    finally:
        ray.shutdown()


def data_context(ray: Any) -> None:
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # input order: the entity ids a local ingest gives
    ctx.enable_progress_bars = False


# -- reading: Ray Data over the listed files ---------------------------------------------
def _read_files(batch: dict[str, Any], default_date: date | None = None) -> dict[str, list[bytes]]:
    """Each file's articles and errors, as one pickled list per file."""
    return {"items": [pickle.dumps(list(read_path(str(p), default_date))) for p in batch["path"]]}


def read_items(ray: Any, paths: Iterable[str], default_date: date | None) -> Iterator[Article | InputError]:
    """What :func:`dateline.ingest.read_paths` yields, in its order, the files read by Ray Data."""
    listed = list(input_files(paths))
    files = [str(x) for x in listed if isinstance(x, Path)]
    results: Iterator[list[Article | InputError]] = iter(())
    if files:
        ds = ray.data.from_items([{"path": f} for f in files], override_num_blocks=min(len(files), 64))
        out = ds.map_batches(_read_files, fn_kwargs={"default_date": default_date}, batch_size=4, num_cpus=0.5)
        results = (pickle.loads(r["items"]) for r in out.iter_rows())
    for x in listed:
        if isinstance(x, InputError):
            yield x
        elif isinstance(x, Path):
            yield from next(results)
        else:  # standard input is this process's own
            yield from read_path(x, default_date)


# -- analysis: an actor pool ----------------------------------------------------------
class Analyser:
    """One Ray actor: loads the pipeline once; with ``db``, writes what it analysed."""

    def __init__(self, db: str | None = None):
        from .nlp import load_pipeline

        load_pipeline()
        self.store = open_store(db) if db else None

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        outcomes = analyse_batch_safely([pickle.loads(b) for b in batch["article"]])
        if self.store is not None:
            return {"outcome": [pickle.dumps(r) for r in self._write(outcomes)]}
        return {"outcome": [pickle.dumps(o) for o in outcomes]}

    def _write(self, outcomes: list[Outcome]) -> list[Stored | AnalysisError | StoreQueryFailed | Fatal]:
        assert self.store is not None
        out: list[Stored | AnalysisError | StoreQueryFailed | Fatal] = []
        for o in outcomes:
            if isinstance(o, AnalysisError):
                out.append(o)
                continue
            analysis, times = o
            try:
                self.store.save(analysis)
            except StoreQueryFailed as exc:
                exc.source = analysis.article.source
                out.append(exc)
            except StoreError as exc:
                out.append(Fatal(exc))
            else:
                out.append(Stored(analysis.article.doc_id, times))
        return out


def _analysed(ray: Any, todo: list[Article], workers: int, db: str | None) -> Iterator[list[Any]]:
    """Outcomes in batches of at most :data:`BATCH`, in input order (a small input is split so
    that every actor gets some)."""
    size = max(1, min(BATCH, -(-len(todo) // workers)))
    blocks = -(-len(todo) // size)
    ds = ray.data.from_items([{"article": pickle.dumps(a)} for a in todo], override_num_blocks=blocks)
    pool = ray.data.ActorPoolStrategy(size=min(workers, blocks))  # no idle actors for a small input
    # no restarts: an actor that dies has its documents reported, not analysed twice
    with warnings.catch_warnings():  # Ray 2.60 names max_restarts a deprecated remote argument, and needs it
        warnings.filterwarnings("ignore", message=".*ray_remote_args.*")
        out = ds.map_batches(
            Analyser, fn_constructor_kwargs={"db": db}, batch_size=size, compute=pool, num_cpus=1, max_restarts=0
        )
    for batch in out.iter_batches(batch_size=size, batch_format="numpy"):
        yield [pickle.loads(b) for b in batch["outcome"]]


def analyse_into(
    ray: Any,
    store: Store,
    todo: list[Article],
    stored: set[str],
    report: IngestReport,
    *,
    workers: int = 1,
    on_progress: Callable[[IngestReport, int], None] | None = None,
    on_error: Callable[[DatelineError], None] | None = None,
) -> IngestReport:
    """Analyse ``todo`` on the actor pool and store it (see the module's docstring)."""
    t0 = time.perf_counter() - report.seconds
    if on_progress:
        on_progress(report, len(todo))
    if todo:
        direct = store.dialect != "sqlite"
        for outcomes in _analysed(ray, todo, workers, store.url if direct else None):
            if direct:
                _note(outcomes, stored, report, on_error)
            else:
                save_outcomes(store, outcomes, stored, report, on_error)
            report.seconds = time.perf_counter() - t0
            if on_progress:
                on_progress(report, len(todo))
    report.seconds = time.perf_counter() - t0
    return report


def _note(results: list[Any], stored: set[str], report: IngestReport, on_error: Callable | None) -> None:
    for r in results:
        if isinstance(r, Fatal):
            raise r.error
        if isinstance(r, Stored):
            saved(report, r.doc_id, stored, r.times)
        else:
            fail(report, r, on_error)


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    address: str = LOCAL,
    default_date: date | None = None,
    force: bool = False,
    workers: int = 1,
    on_progress: Callable[[IngestReport, int], None] | None = None,
    on_error: Callable[[DatelineError], None] | None = None,
) -> IngestReport:
    """:func:`dateline.batch.ingest` on Ray; never raises for bad input."""
    report = IngestReport()
    t0 = time.perf_counter()
    with cluster(address, workers) as ray:
        data_context(ray)
        todo, stored = plan(store, collect(read_items(ray, paths, default_date), report, on_error), report, force)
        report.seconds = time.perf_counter() - t0
        return analyse_into(
            ray, store, todo, stored, report, workers=workers, on_progress=on_progress, on_error=on_error
        )
