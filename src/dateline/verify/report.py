"""The checks of a store, as records: what ``dateline check`` prints and the HTTP API serves.

:func:`store_checks` runs every rule over a whole store (or one document against the
rest of it) and returns :class:`~dateline.types.CorpusChecks` /
:class:`~dateline.types.OneDocumentChecks`; ``--json`` is ``serialize.to_json`` of them.
:func:`checks_citing` gives the verdicts that cite one sentence, for answers that quote
it ("this figure is contradicted by ..."): it checks the document against its
neighbours only (reports published within a few days, and reports naming the people
of its "first ... since" claims), so it stays fast on a large store.

The store is used through :class:`Stored` (a protocol the store meets), so this stage
does not import the store package.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Protocol

from ..store.mention_keys import select_key
from ..types import Analysis, Check, CorpusChecks, DocumentChecks, OneDocumentChecks
from . import check_corpus, check_corpus_for, check_document
from .config import tolerances
from .first_since import claims


class Stored(Protocol):
    def doc_ids(self) -> list[str]: ...
    def documents(self) -> list[dict[str, Any]]: ...
    def resolve_doc(self, ref: str) -> str: ...
    def load_analysis(self, doc_id: str) -> Analysis: ...
    def query(self, sql: str, **params: Any) -> list[dict[str, Any]]: ...


def _kept(checks: Iterable[Check], min_confidence: float) -> tuple[Check, ...]:
    return tuple(c for c in checks if c.confidence >= min_confidence)


def store_checks(
    store: Stored, doc: str | None = None, min_confidence: float = 0.0
) -> CorpusChecks | OneDocumentChecks:
    """``dateline check [DOC]``: each document's own checks and the cross-document ones
    (for DOC, those that cite it, against the whole store)."""
    if doc is not None:
        doc_id = store.resolve_doc(doc)
        a = store.load_analysis(doc_id)
        others = [store.load_analysis(d) for d in store.doc_ids() if d != doc_id]
        across = check_corpus_for(doc_id, [a, *others])
        return OneDocumentChecks(
            doc_id, a.article.source, _kept(check_document(a), min_confidence), _kept(across, min_confidence)
        )
    analyses = [store.load_analysis(d) for d in store.doc_ids()]
    return corpus_checks(analyses, min_confidence)


def corpus_checks(analyses: list[Analysis], min_confidence: float = 0.0) -> CorpusChecks:
    """Every check of already loaded analyses (what ``store_checks`` does after loading)."""
    per_doc = tuple(
        DocumentChecks(a.article.doc_id, a.article.source, _kept(check_document(a), min_confidence)) for a in analyses
    )
    across = check_corpus(analyses) if len(analyses) > 1 else ()
    return CorpusChecks(per_doc, _kept(across, min_confidence))


def _published(row: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(row["published"])[:10]) if row.get("published") else None
    except ValueError:
        return None


def _neighbours(store: Stored, a: Analysis) -> list[str]:
    """Documents a cross-document check of ``a`` can involve: published within the window
    two reports of one event lie in, or naming a participant of one of its "first" claims."""
    days = max(tolerances().counts.max_days_apart, tolerances().time.same_event_days)
    pub = a.article.published
    near = set()
    for row in store.documents():
        d = _published(row)
        if row["doc_id"] != a.article.doc_id and pub is not None and d is not None and abs((d - pub).days) <= days:
            near.add(row["doc_id"])
    for key in {k for c in claims(a) for k in c.who}:
        # "Putin" and "Vladimir Putin" are one participant: match on the longest name word
        word = max(key.name.split(), key=len, default="")
        if len(word) < 3:
            continue
        rows = store.query(
            "SELECT DISTINCT d.doc_id FROM mentions m JOIN documents d ON d.doc_key = m.doc_key "
            f"WHERE m.label = :l AND {select_key('m.')} LIKE :w",
            l=key.label,
            w=f"%{word}%",
        )
        near.update(r["doc_id"] for r in rows if r["doc_id"] != a.article.doc_id)
    return sorted(near)


def checks_citing(store: Stored, doc_id: str, sentence_index: int) -> list[Check]:
    """The verdicts that cite one stored sentence: the document's own checks, and the
    cross-document ones against its neighbours. An answer quoting a figure a check marks
    inconsistent can say so."""
    a = store.load_analysis(doc_id)
    mine = list(check_document(a))
    others = [store.load_analysis(d) for d in _neighbours(store, a)]
    if others:
        mine.extend(check_corpus_for(doc_id, [a, *others]))
    return [c for c in mine if any(x.doc_id == doc_id and x.sentence_index == sentence_index for x in c.citations)]
