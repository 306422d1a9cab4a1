"""Helpers shared by the cross-document queries: data files and batched fact loading
from the store."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from ..store import columns
from ..store.mention_keys import select_key
from ..store.read import event_records
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


def sentence_kinds(store, wanted: dict[str, set[int]], table: str) -> dict[tuple[str, int], set[str]]:
    """What each wanted sentence states, without loading the records: the kinds of its quantities
    (``table="quantities"``) or the values of its times (``"times"``), by (doc_id, sentence)."""
    column = {"quantities": "kind", "times": "value"}[table]
    out: dict[tuple[str, int], set[str]] = {}
    for i in range(0, len(wanted), 200):
        chunk = dict(list(wanted.items())[i : i + 200])
        keys = _doc_keys(store, chunk)
        if not keys:
            continue
        sql = f"SELECT doc_key, sentence_idx, {column} AS v FROM {table} WHERE {_keys_clause(keys, chunk)}"
        for r in store.query(sql):
            out.setdefault((keys[r["doc_key"]], r["sentence_idx"]), set()).add(r["v"])
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
    keys = _doc_keys(store, wanted) if set(tables) - {"sentences"} else {}
    if keys:
        _load_keyed(store, keys, wanted, tables, out)


def _load_keyed(store, keys: dict[int, str], wanted: dict[str, set[int]], tables, out: dict) -> None:
    """The facts of the tables keyed by ``documents.doc_key``: mentions, role entities, stage records."""
    where = _keys_clause(keys, wanted)
    if "mentions" in tables:
        for r in store.query(
            "SELECT doc_key, sentence_idx, start_char, end_char, text, label, "
            f"{select_key()} AS entity_key FROM mentions "
            f"WHERE {where} ORDER BY doc_key, idx"
        ):
            r = {"doc_id": keys[r.pop("doc_key")], **r}
            out["mentions"].setdefault((r["doc_id"], r["sentence_idx"]), []).append(r)
    if "role_entities" in tables:  # entities the events stage resolved pronouns to ("It" -> the cosmodrome)
        for r in store.query(
            "SELECT e.doc_key, e.sentence_idx, r.entity_key FROM events e JOIN event_roles r "
            "ON r.doc_key = e.doc_key AND r.event_idx = e.idx "
            f"WHERE r.entity_key IS NOT NULL AND ({_keys_clause(keys, wanted, 'e.')})"
        ):
            out["role_entities"].setdefault((keys[r["doc_key"]], r["sentence_idx"]), set()).add(r["entity_key"])
    for table, cls in (("times", TimeValue), ("places", Place), ("quantities", Quantity), ("events", Event)):
        if table in tables:
            sql = f"SELECT {columns.select(table)} FROM {table} WHERE {where} ORDER BY doc_key, idx"
            rows = store.query(sql)
            made = (
                event_records(store.query, rows) if table == "events" else [columns.record(cls, table, r) for r in rows]
            )
            for r, rec in zip(rows, made, strict=True):
                out[table].setdefault((keys[r["doc_key"]], r["sentence_idx"]), []).append(rec)


def _doc_keys(store, wanted: dict[str, set[int]]) -> dict[int, str]:
    """The wanted documents' keys (``documents.doc_key``, migration 0016) -> their ids: the
    per-document tables are keyed by it, so each document's rows are found through the primary key."""
    params = {f"d{k}": d for k, d in enumerate(wanted)}
    sql = f"SELECT doc_id, doc_key FROM documents WHERE doc_id IN ({', '.join(':' + k for k in params)})"
    return {r["doc_key"]: r["doc_id"] for r in store.query(sql, **params)}


def _keys_clause(keys: dict[int, str], wanted: dict[str, set[int]], alias: str = "") -> str:
    """One OR-ed WHERE clause over (doc_key, sentence_idx); keys and indexes are integers, written inline."""
    parts = []
    for k, d in keys.items():
        idxs = ", ".join(str(int(i)) for i in sorted(wanted[d]))
        parts.append(f"({alias}doc_key = {int(k)} AND {alias}sentence_idx IN ({idxs}))")
    return " OR ".join(parts)


def as_entity_key(key: EntityKey | str) -> EntityKey:
    """An entity key, stored ("PERSON:Vladimir Putin") or typed."""
    return key if isinstance(key, EntityKey) else EntityKey.parse(key)


def entity_name(key: EntityKey | str | None) -> str | None:
    """The name in an entity key, stored ("PERSON:Vladimir Putin") or typed."""
    if not key:
        return None
    return as_entity_key(key).name
