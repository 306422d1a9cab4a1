"""Helpers shared by the cross-document queries: data files, batched fact loading
from the store, and a cache of re-parsed sentences (the store keeps no tokens)."""

from __future__ import annotations

import functools
import json
from collections import OrderedDict
from pathlib import Path

import yaml

from ..store import records
from ..types import Article, Event, ParsedDoc, Place, Quantity, TimeValue

DATA = Path(__file__).parent / "data"


@functools.lru_cache(maxsize=None)
def load_data(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# -- batched reads -------------------------------------------------------------
def _ranges_clause(ranges: dict[str, tuple[int, int]], col: str = "sentence_idx", alias: str = "") -> tuple[str, dict]:
    """(doc_id, sentence range) pairs -> one OR-ed WHERE clause using the (doc_id, ...) keys."""
    parts, params = [], {}
    for k, (d, (a, b)) in enumerate(ranges.items()):
        parts.append(f"({alias}doc_id = :d{k} AND {alias}{col} BETWEEN :a{k} AND :b{k})")
        params[f"d{k}"], params[f"a{k}"], params[f"b{k}"] = d, a, b
    return " OR ".join(parts) or "1=0", params


def load_facts(store, ranges: dict[str, tuple[int, int]]) -> dict:
    """Every stored fact of the given sentence ranges, grouped by (doc_id, sentence)."""
    out: dict = {"sentences": {}, "mentions": {}, "times": {}, "places": {}, "quantities": {}, "events": {}}
    if not ranges:
        return out
    where, params = _ranges_clause(ranges, "idx", "s.")
    for r in store.query(
        "SELECT s.doc_id, s.idx, s.start_char, s.text, s.time_value, s.time_earliest, s.time_latest, s.time_rule, "
        f"d.published FROM sentences s JOIN documents d ON d.doc_id = s.doc_id WHERE {where}",
        **params,
    ):
        out["sentences"][(r["doc_id"], r["idx"])] = r
    where, params = _ranges_clause(ranges)
    for r in store.query(f"SELECT doc_id, sentence_idx, start_char, end_char, text, label, entity_key FROM mentions WHERE {where}", **params):
        out["mentions"].setdefault((r["doc_id"], r["sentence_idx"]), []).append(r)
    for table, cls in (("times", TimeValue), ("places", Place), ("quantities", Quantity), ("events", Event)):
        for r in store.query(f"SELECT doc_id, sentence_idx, data FROM {table} WHERE {where} ORDER BY doc_id, idx", **params):
            out[table].setdefault((r["doc_id"], r["sentence_idx"]), []).append(records.build(cls, json.loads(r["data"])))
    return out


# -- sentence parses -----------------------------------------------------------
_PARSES: OrderedDict[str, ParsedDoc] = OrderedDict()
_MAX_PARSES = 20000


def parse_sentences(texts: list[str]) -> dict[str, ParsedDoc]:
    """Parse each distinct text once per process (LRU); returns text -> ParsedDoc."""
    from ..nlp import parse_many

    todo = [t for t in dict.fromkeys(texts) if t not in _PARSES]
    if todo:
        arts = [Article(doc_id=f"q{i}", text=t, source="<query>") for i, t in enumerate(todo)]
        for t, p in zip(todo, parse_many(arts)):
            _PARSES[t] = p
        while len(_PARSES) > _MAX_PARSES:
            _PARSES.popitem(last=False)
    out = {}
    for t in texts:
        p = _PARSES.get(t)
        if p is not None:
            _PARSES.move_to_end(t)
            out[t] = p
    return out


def entity_name(key: str | None) -> str | None:
    """"PERSON:Vladimir Putin" -> "Vladimir Putin"."""
    if not key:
        return None
    return key.split(":", 1)[1] if ":" in key else key
