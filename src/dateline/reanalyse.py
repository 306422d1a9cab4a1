"""Re-analysis of stored documents after an upgrade, keyed by stage versions.

Each stored document records the version of every stage that made it
(``document_stages``, from :attr:`dateline.pipeline.Stage.version`). A document is
stale for a stage when its recorded version differs from the running one, or none is
recorded (it was stored before versions were). Stale documents are analysed again
from their stored text, locally or on Ray, and replaced in the store as an ingest
with ``--force`` would; their entities keep their cross-document links.

The whole pipeline runs again for a stale document, whichever stage is stale: the
entities stage refines the parse that every later stage reads, so a later stage
alone cannot be re-run on the stored (already refined) parse and give what a fresh
analysis gives.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from .batch import IngestReport, analyse_into
from .errors import DatelineError, UsageError
from .pipeline import STAGES
from .store import Store


def current_versions() -> dict[str, int]:
    return {st.name: st.version for st in STAGES}


def stale_documents(store: Store, stage: str | None = None) -> list[str]:
    """Documents whose analysis by ``stage`` (by any stage when None) is not the running version's."""
    versions = current_versions()
    if stage is not None and stage not in versions:
        raise UsageError(f"--stage {stage!r} is no stage: give one of {', '.join(versions)}")
    wanted = {stage: versions[stage]} if stage else versions
    stale: set[str] = set()
    for name, v in wanted.items():
        rows = store.query(
            "SELECT doc_id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_stages s "
            "WHERE s.doc_key = d.doc_key AND s.stage = :s AND s.version = :v)",
            s=name,
            v=v,
        )
        stale.update(r["doc_id"] for r in rows)
    return [d for d in store.doc_ids() if d in stale]  # the store's order: published, then source


def reanalyse(
    store: Store,
    *,
    stage: str | None = None,
    everything: bool = False,
    workers: int = 1,
    ray: str | None = None,
    on_progress: Callable[[IngestReport, int], None] | None = None,
    on_error: Callable[[DatelineError], None] | None = None,
) -> IngestReport:
    """Analyse the stale documents again (all of them with ``everything``) and store them."""
    report = IngestReport()
    t0 = time.perf_counter()
    ids = store.doc_ids() if everything else stale_documents(store, stage)
    todo = [store.article(d) for d in ids]
    stored = set(ids)
    if ray is None:
        return analyse_into(store, todo, stored, report, workers=workers, t0=t0, on_progress=on_progress,
                            on_error=on_error)  # fmt: skip
    from . import raybatch

    with raybatch.cluster(ray, workers) as cluster:
        raybatch.data_context(cluster)
        report.seconds = time.perf_counter() - t0
        return raybatch.analyse_into(
            cluster, store, todo, stored, report, workers=workers, on_progress=on_progress, on_error=on_error
        )
