"""``dateline eval coref``: cross-document entity coreference on NewsReader MEANTIME.

The CAT documents (``eval/cat.py``) are ingested through the normal ingest path into
a store; Dateline's mentions are read back through the mentions export
(``export.mentions.mention_rows``, whose ``entity_id`` is the canonical
cross-document entity); mentions with no entity (dates, numbers) are left out, the
others are aligned to the gold mentions (``eval/meantime.py``) by character offsets
and scored with ``eval/coref.py`` in both alignment modes, overall and per class.

The headline figures (``modes``) are over whole documents: every Dateline mention
counts. MEANTIME annotates every mention only in the first sentences of a document
and after them only the cross-document entities' mentions (``eval/meantime.py``), so
``judged_modes`` scores the same run again leaving out the mentions after the fully
annotated part that match no gold mention (the gold says nothing about them);
``losses`` says why mentions are unmatched on either side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..export.mentions import mention_rows
from .cat import ingest_documents, store_path
from .coref import MODES, SysMention, align, evaluate, judged, losses
from .meantime import GoldMention, read_corpus

BASELINE = {
    "Dateline before issue 11, CoNLL F1 with head matching on the development corpus (as the issue quotes it)": 26.4
}


def system_mentions(store, cat_of: dict[str, str]) -> list[SysMention]:
    """Dateline's entity mentions in the evaluated documents, keyed by the gold's document ids."""
    return [
        SysMention(cat_of[r.doc_id], r.start, r.end, r.entity_id, r.label, r.text)
        for r in mention_rows(store)
        if r.doc_id in cat_of and r.entity_id is not None
    ]


def recall_by_type(gold: list[GoldMention], system: list[SysMention], mode: str) -> dict[str, dict[str, int]]:
    """Gold mentions per syntactic type (NAM, NOM, PRO, ...) and how many a system mention matches."""
    matched = set(align(gold, system, mode).values())
    total = Counter(g.syntactic_type or "(none)" for g in gold)
    hits = Counter(g.syntactic_type or "(none)" for gi, g in enumerate(gold) if gi in matched)
    return {t: {"gold": n, "matched": hits[t]} for t, n in total.most_common()}


def run(
    gold_dir: str,
    keep: str | None = None,
    limit: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Ingest the corpus, export and align Dateline's mentions, score both alignment modes."""
    from ..store import open_store

    corpus = read_corpus(gold_dir, limit)
    with store_path(keep, "coref.db") as db:
        ids = ingest_documents(list(corpus.documents), db, on_progress)
        store = open_store(db)
        try:
            system = system_mentions(store, {v: k for k, v in ids.items()})
        finally:
            store.close()
    gold = list(corpus.mentions)
    full_end = dict(corpus.fully_annotated)
    return {
        "gold": gold_dir,
        "documents": len(corpus.documents),
        "gold_mentions": len(gold),
        "gold_clusters": len({g.instance for g in gold}),
        "system_mentions": len(system),
        "system_clusters": len({s.cluster for s in system}),
        "modes": {mode: evaluate(gold, system, mode).as_dict() for mode in MODES},
        "gold_by_type": recall_by_type(gold, system, "head"),
        "losses": losses(gold, system, "head", full_end),
        # the same scores with only the mentions the gold can judge (eval/coref.py, ``judged``)
        "judged_modes": {mode: evaluate(gold, judged(gold, system, mode, full_end), mode).as_dict() for mode in MODES},
        "baseline": BASELINE,
    }
