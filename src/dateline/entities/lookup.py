"""Reading the stored cross-document entity table: find an entity, map document keys to it.

Everything here reads rows that ingest keeps up to date (``table.py``); nothing is
rebuilt per query. ``store`` is anything with ``query(sql, **params) -> list[dict]``.

- :func:`find_entities`: entities answering to a name, case-insensitively: their id,
  a name as written, a title ("Russian President"), a surname, a short form, an
  acronym or a curated alias; best first;
- :func:`canonical_id` / :func:`canonical_ids` / :class:`EntityMap`: (doc_id,
  per-document ``EntityKey``) -> the canonical entity;
- :func:`members`: the (doc_id, entity_key) pairs an entity is made of.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..types import CanonicalEntity, EntityKey, EntityPlace
from . import names
from .crossdoc import slug

_CHUNK = 400
# how well a stored key of each kind answers a name asked for (lower is better)
_KIND_RANK = {"canonical": 0, "name": 1, "title": 2, "part": 3, "geo": 9}
_ALIASES_SHOWN = 8


def _in(values: Iterable[str], prefix: str = "v") -> tuple[str, dict[str, str]]:
    params = {f"{prefix}{i}": v for i, v in enumerate(values)}
    return ", ".join(":" + k for k in params) or "NULL", params


def entity_from_row(r: dict[str, Any], aliases: tuple[str, ...] = ()) -> CanonicalEntity:
    place = json.loads(r["place"]) if r.get("place") else None
    return CanonicalEntity(
        r["entity_id"], r["name"], r["label"], r["mentions"], r["links"], r["documents"], r["first_seen"],
        r["last_seen"], aliases, EntityPlace(**place) if place else None,
    )  # fmt: skip


def entities_by_id(store, ids: Iterable[str]) -> dict[str, CanonicalEntity]:
    """Stored entities by id, each with its commonest names as written."""
    wanted = sorted(set(ids))
    rows: dict[str, dict[str, Any]] = {}
    aliases: dict[str, list[tuple[int, str]]] = {}
    for i in range(0, len(wanted), _CHUNK):
        sql, params = _in(wanted[i : i + _CHUNK])
        for r in store.query(f"SELECT * FROM canonical_entities WHERE entity_id IN ({sql})", **params):
            rows[r["entity_id"]] = r
        for r in store.query(
            f"SELECT entity_id, alias, count FROM canonical_aliases WHERE kind = 'name' AND entity_id IN ({sql})",
            **params,
        ):
            aliases.setdefault(r["entity_id"], []).append((-r["count"], r["alias"]))
    out = {}
    for eid, r in rows.items():
        names_ = [a for _, a in sorted(aliases.get(eid, [])) if a != r["name"]][:_ALIASES_SHOWN]
        out[eid] = entity_from_row(r, tuple(names_))
    return out


def find_entities(store, name_or_alias: str, limit: int = 10) -> list[CanonicalEntity]:
    """Entities answering to a name, alias, title, surname, short form or acronym; best first."""
    asked = name_or_alias.strip()
    if not asked:
        return []
    n = names.norm(asked)
    keys = {n, slug(asked)} | {names.norm(c[0]) for c in [names.curated_entity(asked)] if c}
    rank: dict[str, tuple[int, int]] = {}
    by_id = store.query("SELECT entity_id FROM canonical_entities WHERE entity_id = :i", i=asked.lower())
    for r in by_id:
        rank[r["entity_id"]] = (-1, 0)
    sql, params = _in(sorted(keys))
    for r in store.query(f"SELECT entity_id, kind, count FROM canonical_aliases WHERE norm IN ({sql})", **params):
        mine = (_KIND_RANK.get(r["kind"], 9), -r["count"])
        rank[r["entity_id"]] = min(rank.get(r["entity_id"], mine), mine)
    if not rank:
        rank = _by_words(store, n) or _by_owner_and_name(store, n)
    found = entities_by_id(store, rank)
    ordered = sorted(found.values(), key=lambda e: (rank[e.entity_id][0], -e.mentions, e.entity_id))
    return ordered[:limit]


def _by_words(store, n: str) -> dict[str, tuple[int, int]]:
    """Last resort: entities whose name contains the words asked ("Vostochny" -> "Vostochny Cosmodrome")."""
    ws = n.split()
    if not ws:
        return {}
    rows = store.query(
        # mentions > 0: an unnamed entity ("the company") answers to no name
        "SELECT entity_id, name FROM canonical_entities WHERE lower(name) LIKE :p AND mentions > 0 "
        "ORDER BY mentions DESC LIMIT 200",
        p=f"%{ws[0]}%",
    )
    return {r["entity_id"]: (5, 0) for r in rows if set(ws) <= set(names.words(r["name"]))}


def _by_owner_and_name(store, n: str) -> dict[str, tuple[int, int]]:
    """ "Beatles Apple Corps", "Orchard zPhone": a name asked with the name of its owner or maker in
    front is the entity the last words name, when the words in front name an entity too."""
    ws = n.split()
    for k in range(1, len(ws)):
        owner, rest = " ".join(ws[:k]), " ".join(ws[k:])
        rows = store.query(
            "SELECT entity_id, norm, count FROM canonical_aliases WHERE kind = 'name' AND norm IN (:o, :r)",
            o=owner,
            r=rest,
        )
        if any(r["norm"] == owner for r in rows):
            found = {r["entity_id"]: (6, -r["count"]) for r in rows if r["norm"] == rest}
            if found:
                return found
    return {}


def canonical_id(store, doc_id: str, key: EntityKey | str) -> str | None:
    """The canonical entity a document's entity key belongs to, or None (a date, a number)."""
    rows = store.query(
        "SELECT entity_id FROM entity_members WHERE doc_id = :d AND entity_key = :k", d=doc_id, k=str(key)
    )
    return rows[0]["entity_id"] if rows else None


def canonical_ids(store, pairs: Iterable[tuple[str, EntityKey | str]]) -> dict[tuple[str, str], str]:
    """(doc_id, entity key) -> canonical entity id, for many pairs at once (one query per document)."""
    by_doc: dict[str, set[str]] = {}
    for d, k in pairs:
        by_doc.setdefault(d, set()).add(str(k))
    out: dict[tuple[str, str], str] = {}
    docs = sorted(by_doc)
    for start in range(0, len(docs), _CHUNK):  # one statement for many documents: a round trip each costs on a server
        sql, params = _in(docs[start : start + _CHUNK])
        sql = f"SELECT doc_id, entity_key, entity_id FROM entity_members WHERE doc_id IN ({sql})"
        for r in store.query(sql, **params):
            if r["entity_key"] in by_doc[r["doc_id"]]:
                out[(r["doc_id"], r["entity_key"])] = r["entity_id"]
    return out


def members(store, entity_id: str) -> list[tuple[str, str]]:
    """The (doc_id, entity_key) pairs that make up an entity."""
    rows = store.query(
        "SELECT doc_id, entity_key FROM entity_members WHERE entity_id = :e ORDER BY doc_id, entity_key", e=entity_id
    )
    return [(r["doc_id"], r["entity_key"]) for r in rows]


class EntityMap:
    """(doc_id, entity key) -> :class:`CanonicalEntity`, read per document as asked, then kept."""

    def __init__(self, store) -> None:
        self.store = store
        self._docs: dict[str, dict[str, str]] = {}
        self._entities: dict[str, CanonicalEntity] = {}

    def preload(self, doc_ids: Iterable[str]) -> None:
        """Read the entities of many documents at once (a few statements, not three per document)."""
        docs = sorted(set(doc_ids) - set(self._docs))
        for start in range(0, len(docs), _CHUNK):
            sql, params = _in(docs[start : start + _CHUNK])
            for d in docs[start : start + _CHUNK]:
                self._docs[d] = {}
            for r in self.store.query(
                f"SELECT doc_id, entity_key, entity_id FROM entity_members WHERE doc_id IN ({sql})", **params
            ):
                self._docs[r["doc_id"]][r["entity_key"]] = r["entity_id"]
        missing = {e for ids in self._docs.values() for e in ids.values()} - set(self._entities)
        self._entities.update(entities_by_id(self.store, missing))

    def of(self, doc_id: str, key: EntityKey | str | None) -> CanonicalEntity | None:
        if not key:
            return None
        ids = self._docs.get(doc_id)
        if ids is None:
            rows = self.store.query("SELECT entity_key, entity_id FROM entity_members WHERE doc_id = :d", d=doc_id)
            ids = self._docs[doc_id] = {r["entity_key"]: r["entity_id"] for r in rows}
            missing = set(ids.values()) - set(self._entities)
            self._entities.update(entities_by_id(self.store, missing))
        eid = ids.get(str(key))
        return self._entities.get(eid) if eid else None
