"""Questions about the reports themselves: "What is the earliest report in the store about the
Vostochny Cosmodrome?", "Which is the latest article about Kim Jong Un?".

The answer is a document, found from the store's facts rather than read from a sentence: the
documents in which every name of the question is a mention of its cross-document entity,
ordered by publication date. It cites the first sentence of that report naming the entity.
"""

from __future__ import annotations

from ...entities.lookup import members
from ...types import Answer, Citation
from .._common import load_facts
from .answer import unknown
from .config import _cfg
from .frame import Frame
from .retrieve import Resolved


def _documents(store, resolved: list[Resolved]) -> dict[str, set[str]]:
    """doc_id -> the entity keys naming the question's entities there; only the documents that
    name every one of them."""
    per_name: list[dict[str, set[str]]] = []
    for r in resolved:
        docs: dict[str, set[str]] = {}
        for eid in r.ids:
            for doc_id, key in members(store, eid):
                docs.setdefault(doc_id, set()).add(key)
        per_name.append(docs)
    common = set.intersection(*(set(d) for d in per_name)) if per_name else set()
    return {d: set().union(*(p[d] for p in per_name)) for d in common}


def _rows(store, doc_ids: list[str]) -> list[dict]:
    out: list[dict] = []
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i : i + 500]
        params = {f"d{k}": d for k, d in enumerate(chunk)}
        out += store.query(
            "SELECT doc_id, record_id, title, published FROM documents WHERE doc_id IN ("
            + ", ".join(f":{k}" for k in params)
            + ")",
            **params,
        )
    return out


def _first_naming(store, doc_id: str, keys: set[str]) -> Citation | None:
    """The first sentence of the report that names the entity (its title or lead, most often)."""
    facts = load_facts(store, {doc_id: set(range(_cfg()["reports"]["cite_within"]))}, ("sentences", "mentions"))
    for (d, i), ms in sorted(facts["mentions"].items(), key=lambda kv: kv[0][1]):
        if any(m["entity_key"] in keys for m in ms) and (d, i) in facts["sentences"]:
            return Citation(d, i, facts["sentences"][(d, i)]["text"])
    return None


def about_reports(store, f: Frame, resolved: list[Resolved]) -> Answer:
    """The earliest or latest report naming the question's entities."""
    named = [r for r in resolved if r.ids and not r.group.soft]
    if not named:
        return unknown(f, "the question names nothing the store knows, so no report can be picked")
    docs = _documents(store, named)
    rows = [r for r in _rows(store, sorted(docs)) if r["published"]]
    if not rows:
        return unknown(f, "no dated report names " + " and ".join(r.group.text for r in named))
    rows.sort(key=lambda r: (r["published"], r["doc_id"]))
    pick = rows[-1] if f.order == "last" else rows[0]
    cite = _first_naming(store, pick["doc_id"], docs[pick["doc_id"]])
    record, day = pick["record_id"] or pick["doc_id"], pick["published"][:10]
    # as sure as the names are: a name shared by several stored entities makes the pick less certain
    confidence = round(1.0 / max(len(r.ids) for r in named), 3)
    return Answer(
        question=f.question,
        answer=f"{pick['title']} ({record}, {day})" if pick["title"] else f"{record} ({day})",
        value=record,
        confidence=confidence,
        citations=(cite,) if cite else (),
        reason=f"the {'latest' if f.order == 'last' else 'earliest'} of {len(rows)} dated reports naming "
        + " and ".join(r.group.text for r in named),
        answer_type="report",
        type=f.kind,
    )
