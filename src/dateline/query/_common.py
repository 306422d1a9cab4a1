"""Helpers shared by the cross-document queries: data files and batched fact loading
from the store."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from ..store import columns
from ..types import EntityKey, Event, Place, Quantity, TimeValue

DATA = Path(__file__).parent / "data"


@functools.cache
def load_data(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# -- batched reads -------------------------------------------------------------
def _sets_clause(
    wanted: dict[str, set[int]], col: str = "sentence_idx", alias: str = ""
) -> tuple[str, dict[str, object]]:
    """{doc_id: {sentence indexes}} -> one OR-ed WHERE clause using the (doc_id, ...) keys.

    The indexes are integers and written inline; only the document ids are bound (hundreds of
    bound parameters cost more to prepare than the query takes to run)."""
    parts: list[str] = []
    params: dict[str, object] = {}
    for k, (d, idxs) in enumerate(wanted.items()):
        ids = ", ".join(str(int(i)) for i in sorted(idxs))
        parts.append(f"({alias}doc_id = :d{k} AND {alias}{col} IN ({ids}))")
        params[f"d{k}"] = d
    return " OR ".join(parts) or "1=0", params


def load_facts(
    store,
    wanted: dict[str, set[int]],
    tables=("mentions", "times", "places", "quantities", "events"),
    out: dict | None = None,
) -> dict:
    """Stored facts of the given sentences, grouped by (doc_id, sentence); merged into ``out``."""
    if out is None:
        out = {}
    for k in ("sentences", "mentions", "times", "places", "quantities", "events", "role_entities"):
        out.setdefault(k, {})
    if not wanted:
        return out
    for i in range(0, len(wanted), 200):  # keep statements to a sane number of parameters
        chunk = dict(list(wanted.items())[i : i + 200])
        _load_chunk(store, chunk, tables, out)
    return out


def _load_chunk(store, wanted, tables, out) -> None:
    if "sentences" in tables:
        where, params = _sets_clause(wanted, "idx", "s.")
        for r in store.query(
            "SELECT s.doc_id, s.idx, s.start_char, s.text, s.time_value, s.time_earliest, s.time_latest, s.time_rule, "
            f"d.published FROM sentences s JOIN documents d ON d.doc_id = s.doc_id WHERE {where}",
            **params,
        ):
            out["sentences"][(r["doc_id"], r["idx"])] = r
    where, params = _sets_clause(wanted)
    if "mentions" in tables:
        for r in store.query(
            f"SELECT doc_id, sentence_idx, start_char, end_char, text, label, entity_key FROM mentions WHERE {where}",
            **params,
        ):
            out["mentions"].setdefault((r["doc_id"], r["sentence_idx"]), []).append(r)
    if "role_entities" in tables:  # entities the events stage resolved pronouns to ("It" -> the cosmodrome)
        w2, p2 = _sets_clause(wanted, "sentence_idx", "e.")
        for r in store.query(
            "SELECT e.doc_id, e.sentence_idx, r.entity_key FROM event_roles r JOIN events e ON e.doc_id = r.doc_id "
            f"AND e.idx = r.event_idx WHERE r.entity_key IS NOT NULL AND ({w2})",
            **p2,
        ):
            out["role_entities"].setdefault((r["doc_id"], r["sentence_idx"]), set()).add(r["entity_key"])
    for table, cls in (("times", TimeValue), ("places", Place), ("quantities", Quantity), ("events", Event)):
        if table not in tables:
            continue
        for r in store.query(
            f"SELECT doc_id, {columns.select(table)} FROM {table} WHERE {where} ORDER BY doc_id, idx", **params
        ):
            out[table].setdefault((r["doc_id"], r["sentence_idx"]), []).append(columns.record(cls, table, r))


def entity_name(key: EntityKey | str | None) -> str | None:
    """The name in an entity key, stored ("PERSON:Vladimir Putin") or typed."""
    if not key:
        return None
    return (key if isinstance(key, EntityKey) else EntityKey.parse(key)).name
