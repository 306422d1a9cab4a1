"""The stored quantities of documents, as records: what ``dateline quantities`` prints and
``--json`` serializes. The store is used through :class:`Stored`, a protocol it meets,
so this stage does not import the store package."""

from __future__ import annotations

from typing import Protocol

from ..types import Analysis, DocumentQuantities


class Stored(Protocol):
    def doc_ids(self) -> list[str]: ...
    def resolve_doc(self, ref: str) -> str: ...
    def load_analysis(self, doc_id: str) -> Analysis: ...


def document_quantities(store: Stored, doc: str | None = None) -> list[DocumentQuantities]:
    """The quantities of the one document ``doc`` names (id, prefix, record id, file name), or of all."""
    ids = [store.resolve_doc(doc)] if doc is not None else store.doc_ids()
    out = []
    for doc_id in ids:
        a = store.load_analysis(doc_id)
        out.append(DocumentQuantities(doc_id, a.article.source, a.quantities))
    return out
