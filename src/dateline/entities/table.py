"""The stored cross-document entity table, kept up to date as documents come and go.

Written inside the store's transaction for each document (``store/write.py`` calls
:func:`link_document` after inserting a document and :func:`unlink_document` before
deleting one), so the table is never rebuilt per query:

- ``entity_members``: each document entity (doc_id, entity_key) -> its ``entity_id``,
  with what it contributed (mentions, links, aliases, type votes) so that removing the
  document subtracts exactly that;
- ``canonical_entities``: id, name, type by vote, mention/link/document counts, first
  and last seen, place; ``canonical_aliases``: the documents' names for it (kind
  ``canonical``), names as written (``name``), titles (``title``)
  and lookup keys (``part``: a person's first and last word, a core or short name,
  initials; ``geo``: a gazetteer id), each with a count; ``canonical_labels``: votes;
- ``entity_overrides``: an analyst's merge (subject id -> target id), split (subject: a
  name that never joins the target id) and retype (subject id -> type), applied at every
  link, so they survive re-ingest and re-analysis.

The id of a new entity is made from its name (``crossdoc.slug``): the same input
ingested in the same order gives the same ids. The decisions are ``crossdoc.py``'s.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .. import serialize
from ..types import Analysis, EntityKey
from . import names
from ._data import resolve_data
from .crossdoc import Candidate, DocEntity, choose, lookup_keys, slug, stored_keys

Row = dict[str, Any]
_CHUNK = 400


def _q(conn: Connection, sql: str, **params: Any) -> list[Row]:
    return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def _driver(conn: Connection, sql: str) -> str:
    """``sql`` with its ``?`` marks made the dialect's."""
    return sql if conn.dialect.paramstyle == "qmark" else sql.replace("?", "%s")


def _many(conn: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """One statement for many rows through the driver (``?`` marks, made the dialect's): binding
    a document's alias rows by name through SQLAlchemy cost more than the database's work."""
    if rows:
        conn.exec_driver_sql(_driver(conn, sql), rows)


def _rows(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Plain tuples through the driver (``?`` marks): a document's link reads a dozen result
    sets, and building SQLAlchemy statements and mappings for them cost more than the queries."""
    return [tuple(r) for r in conn.exec_driver_sql(_driver(conn, sql), params)]


def _marks(n: int) -> str:
    return ", ".join("?" * n) or "NULL"


def _in(values: Iterable[str], prefix: str = "v") -> tuple[str, dict[str, str]]:
    params = {f"{prefix}{i}": v for i, v in enumerate(values)}
    return ", ".join(":" + k for k in params) or "NULL", params


@dataclass(frozen=True)
class Overrides:
    merged: Mapping[str, str]  # entity id -> the id it was merged into
    split: Mapping[str, frozenset[str]]  # normalised name -> ids it must not join
    retyped: Mapping[str, str]  # entity id -> type

    def target(self, entity_id: str) -> str:
        for _ in range(20):  # a chain of merges, never a loop
            nxt = self.merged.get(entity_id)
            if nxt is None or nxt == entity_id:
                break
            entity_id = nxt
        return entity_id


def overrides(conn: Connection) -> Overrides:
    merged: dict[str, str] = {}
    split: dict[str, set[str]] = {}
    retyped: dict[str, str] = {}
    for kind, subject, target in _rows(
        conn, "SELECT kind, subject, target FROM entity_overrides ORDER BY created_at, subject"
    ):
        if kind == "merge":
            merged[subject] = target
        elif kind == "split":
            split.setdefault(subject, set()).add(target)
        elif kind == "retype":
            retyped[subject] = target
    return Overrides(merged, {k: frozenset(v) for k, v in split.items()}, retyped)


# -- a document's entities, as the linker sees them ---------------------------------
def doc_entities(a: Analysis) -> list[DocEntity]:
    """The document's named entities with their names, titles, links and gazetteer ids."""
    names_ok = resolve_data().name_labels
    aliases: dict[EntityKey, Counter[str]] = {}
    for m in a.parsed.mentions:
        aliases.setdefault(m.entity, Counter())[m.text] += 1
    titles: dict[EntityKey, Counter[str]] = {}
    links: Counter[EntityKey] = Counter()
    for x in a.coref:
        links[x.entity] += 1
        if x.kind == "title":
            titles.setdefault(x.entity, Counter())[x.text] += 1
    geo = _geonames(a)
    out = []
    for e in a.parsed.entities:
        if e.label not in names_ok:
            continue
        # an entity no name names ("the company", entities/unnamed.py) is looked up by nothing
        al = aliases.get(e.key, Counter({e.name: e.mentions})) if e.mentions else Counter()
        ti = titles.get(e.key, Counter())
        out.append(
            DocEntity(
                str(e.key),
                e.name,
                e.label,
                e.mentions,
                links[e.key],
                tuple(sorted(al.items())),
                tuple(sorted(ti.items())),
                geo.get(e.key),
            )  # fmt: skip
        )
    return out


def _geonames(a: Analysis) -> dict[EntityKey, int]:
    """The gazetteer entry each place entity's mentions resolved to (the commonest)."""
    at = {(p.start, p.end): p.geonameid for p in a.places if p.geonameid}
    votes: dict[EntityKey, Counter[int]] = {}
    for m in a.parsed.mentions:
        g = at.get((m.start, m.end))
        if g is not None:
            votes.setdefault(m.entity, Counter())[g] += 1
    return {k: c.most_common(1)[0][0] for k, c in votes.items()}


def _places(a: Analysis) -> dict[int, str]:
    return {
        p.geonameid: json.dumps(
            {
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
                "geonameid": p.geonameid,
                "feature": p.feature,
                "country_code": p.country_code,
            }
        )  # fmt: skip
        for p in a.places
        if p.geonameid
    }


# -- linking one document ---------------------------------------------------------------
def link_document(conn: Connection, a: Analysis, before: Mapping[str, str] | None = None) -> dict[str, str]:
    """Link every named entity of a just-stored document to its cross-document entity.

    ``before`` is the document's previous links when it replaces itself (a re-analysis):
    an entity that was linked keeps its entity while that entity still answers to it."""
    ents = doc_entities(a)
    if not ents:
        return {}
    ov = overrides(conn)
    cands = _candidates(conn, [e for e in ents if e.mentions])

    # names first, then one-word people (the least ambiguous first), told apart by the others' ids
    order = sorted(ents, key=lambda e: (e.label == "PERSON" and e.one_word, len(cands.get(e.key, ())), e.key))
    chosen: dict[str, str] = {}
    fresh: list[DocEntity] = []  # new full-name people: one-word names linked elsewhere may be theirs
    for e in order:
        if not e.mentions:  # unnamed: an entity of this document alone, never joined
            chosen[e.key] = new_entity(conn, e, ov, f"{slug(e.name)}-{a.article.doc_id[:8]}")
            continue
        blocked = ov.split.get(names.norm(e.name), frozenset())
        context = set(chosen.values())
        found = _previous(e, cands.get(e.key, []), (before or {}).get(e.key), blocked)
        if found is None:
            found = choose(e, cands.get(e.key, []), functools.partial(_shared, conn, context=context), blocked)
        chosen[e.key] = ov.target(found) if found else new_entity(conn, e, ov)
        if found is None and e.label == "PERSON" and not e.one_word:
            fresh.append(e)
    published = a.article.published.isoformat() if a.article.published else None
    _write_members(conn, a.article.doc_id, published, ents, chosen, _places(a), ov)
    for e in fresh:
        reconsider_one_word(conn, chosen[e.key], e, ov)
    return chosen


def _candidates(conn: Connection, ents: list[DocEntity]) -> dict[str, list[Candidate]]:
    """Stored entities sharing a lookup key with each document entity."""
    keys = {e.key: lookup_keys(e) for e in ents}
    wanted = sorted({k for ks in keys.values() for k in ks})
    hits: dict[str, dict[str, str]] = {}  # norm -> entity id -> best kind
    for i in range(0, len(wanted), _CHUNK):
        chunk = tuple(wanted[i : i + _CHUNK])
        # plain tuples: a document's names match thousands of alias rows
        sql = f"SELECT entity_id, norm, kind FROM canonical_aliases WHERE norm IN ({_marks(len(chunk))})"
        for eid, norm, kind in conn.exec_driver_sql(_driver(conn, sql), chunk):
            kinds = hits.setdefault(norm, {})
            if kinds.get(eid) != "name":
                kinds[eid] = "name" if kind == "canonical" else kind
    ids = sorted({i for kinds in hits.values() for i in kinds})
    rows = _entity_rows(conn, ids)
    out: dict[str, list[Candidate]] = {}
    for e in ents:
        matched: dict[str, dict[str, str]] = {}
        for k in keys[e.key]:
            for eid, kind in hits.get(k, {}).items():
                matched.setdefault(eid, {})[k] = kind
        out[e.key] = [_candidate(rows[eid], m) for eid, m in sorted(matched.items()) if eid in rows]
    return out


def _previous(e: DocEntity, cands: list[Candidate], previous: str | None, blocked: frozenset[str]) -> str | None:
    """A re-analysed document entity keeps the entity it was linked to, while that one still answers to it."""
    if previous is None or previous in blocked:
        return None
    same = [c for c in cands if c.entity_id == previous and names.kin(e.label, c.label)]
    return previous if same else None


def _entity_rows(conn: Connection, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """(entity_id, name, label, mentions, place) of each stored entity."""
    rows: dict[str, tuple[Any, ...]] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = tuple(ids[i : i + _CHUNK])
        sql = "SELECT entity_id, name, label, mentions, place FROM canonical_entities WHERE entity_id IN "
        for r in _rows(conn, f"{sql}({_marks(len(chunk))})", chunk):
            rows[r[0]] = r
    return rows


def _candidate(r: tuple[Any, ...], matched: dict[str, str]) -> Candidate:
    eid, name, label, mentions, place = r
    geonameid = json.loads(place).get("geonameid") if place else None
    return Candidate(eid, name, label, mentions, geonameid, matched)


def _shared(conn: Connection, ids: list[str], context: set[str], doc_id: str = "") -> dict[str, int]:
    """For each candidate id, in how many other documents it appears with this document's other entities."""
    if not context or not ids:
        return {}
    others = sorted(context)
    rows = _rows(
        conn,
        "SELECT x.entity_id, COUNT(DISTINCT x.doc_id) AS n FROM entity_members x JOIN entity_members y "
        f"ON y.doc_id = x.doc_id WHERE x.entity_id IN ({_marks(len(ids))}) AND y.entity_id IN ({_marks(len(others))}) "
        "AND x.doc_id != ? GROUP BY x.entity_id",
        (*ids, *others, doc_id),
    )
    return {eid: n for eid, n in rows}


# at most this many one-word mentions of a new person's names are reconsidered when it appears
_RECONSIDER = 200


def reconsider_one_word(conn: Connection, new_id: str, e: DocEntity, ov: Overrides) -> None:
    """A new full-name person ("Kim Si-woo"): one-word names ("Kim") linked before it existed move
    to it when their documents share more with it than with where they are."""
    ws = names.person_core(e.name).split()
    keys = sorted({f"PERSON:{w}" for w in (e.name.split()[0], e.name.split()[-1])} | {f"PERSON:{w}" for w in ws})
    sql, params = _in(keys)
    rows = _q(conn, f"SELECT * FROM entity_members WHERE entity_key IN ({sql}) AND entity_id != :n", n=new_id, **params)
    for m in rows[:_RECONSIDER]:
        if names.norm(EntityKey.parse(m["entity_key"]).name) in ov.split:
            continue
        context = {r["entity_id"] for r in _q(conn, "SELECT entity_id FROM entity_members WHERE doc_id = :d",
                                               d=m["doc_id"])} - {m["entity_id"]}  # fmt: skip
        counts = _shared(conn, [m["entity_id"], new_id], context, m["doc_id"])
        if counts.get(new_id, 0) > counts.get(m["entity_id"], 0):
            move_member(conn, m, new_id)


def move_member(conn: Connection, m: Row, new_id: str) -> None:
    """One document entity leaves its entity for another (counts, aliases and votes follow it)."""
    old, data = m["entity_id"], member_contribution(m["data"])
    _add(conn, old, data, -1)
    _add(conn, new_id, data, +1)
    conn.execute(
        text("UPDATE entity_members SET entity_id = :n WHERE doc_id = :d AND entity_key = :k"),
        {"n": new_id, "d": m["doc_id"], "k": m["entity_key"]},
    )
    _count(conn, old, -m["mentions"], -m["links"], 0, None)
    _count(conn, new_id, m["mentions"], m["links"], 0, m["published"])
    _drop_empty(conn, [old])
    reseen(conn, [new_id, old])
    refresh(conn, [new_id, old])


def new_entity(conn: Connection, e: DocEntity, ov: Overrides, base: str = "") -> str:
    """A new entity's id: its name's slug (or ``base``), numbered when taken; a merged-away id leads to its target."""
    base = base or slug(e.name)
    for n in range(1, 1000):
        eid = base if n == 1 else f"{base}-{n}"
        if eid in ov.merged:
            return ov.target(eid)
        # one statement: the insert itself says whether the id was free
        done = conn.exec_driver_sql(
            _driver(
                conn,
                "INSERT INTO canonical_entities (entity_id, name, label, mentions, links, documents) "
                "VALUES (?, ?, ?, 0, 0, 0) ON CONFLICT (entity_id) DO NOTHING",
            ),
            (eid, e.name, e.label),
        )
        if done.rowcount == 1:
            return eid
    raise ValueError(f"no free entity id for {e.name!r}")


# -- what a member contributes, added and taken away ----------------------------------
def contribution(e: DocEntity) -> dict[str, Any]:
    """Aliases (kind, alias, norm, count) and type votes a document entity adds to its entity."""
    if not e.mentions:  # unnamed: its description names it, no key finds it
        return {"aliases": [("canonical", e.name, "", e.links)], "labels": [[e.label, e.links]], "name": e.name,
                "label": e.label}  # fmt: skip
    rows = [("canonical", e.name, names.norm(e.name), e.mentions)]
    rows += [("name", a, names.norm(a), n) for a, n in e.aliases]
    rows += [("title", t, names.norm(t), n) for t, n in e.titles]
    rows += [(kind, k, k, e.mentions) for k, kind in stored_keys(e).items()]
    return {"aliases": rows, "labels": [[e.label, e.mentions]], "name": e.name, "label": e.label}


# A member's contribution is stored packed (serialize.pack_json against the dictionary of its
# shape, since migration 0015): as JSON text it was the largest part of the entity tables.
CONTRIBUTION = "EntityContribution"


def pack_contribution(data: dict[str, Any]) -> bytes:
    return serialize.pack_json(CONTRIBUTION, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def member_contribution(value: str | bytes | memoryview) -> dict[str, Any]:
    """A stored contribution: packed bytes, or the JSON text stores before 0015 hold."""
    return json.loads(value if isinstance(value, str) else serialize.unpack_json(bytes(value)))


def _write_members(
    conn: Connection, doc_id: str, published: str | None, ents: list[DocEntity], chosen: dict[str, str],
    places: dict[int, str], ov: Overrides,
) -> None:  # fmt: skip
    members: list[tuple[Any, ...]] = []
    added: list[tuple[str, dict[str, Any]]] = []
    per_entity: dict[str, list[int]] = {}
    placed = []
    for e in ents:
        eid = chosen[e.key]
        data = contribution(e)
        members.append((doc_id, e.key, eid, e.mentions, e.links, published, pack_contribution(data)))
        added.append((eid, data))
        tot = per_entity.setdefault(eid, [0, 0])
        tot[0] += e.mentions
        tot[1] += e.links
        if e.geonameid in places:
            placed.append((places[e.geonameid], eid))
    _add_many(conn, added, +1)
    # the first place an entity is seen at stays its place
    _many(conn, "UPDATE canonical_entities SET place = ? WHERE entity_id = ? AND place IS NULL", placed)
    _many(
        conn,
        "INSERT INTO entity_members (doc_id, entity_key, entity_id, mentions, links, published, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        members,
    )
    _count_many(conn, [(eid, m, n, 1, published) for eid, (m, n) in per_entity.items()])
    refresh(conn, list(per_entity), ov)


def _add(conn: Connection, eid: str, data: dict[str, Any], sign: int) -> None:
    _add_many(conn, [(eid, data)], sign)


def _add_many(conn: Connection, items: list[tuple[str, dict[str, Any]]], sign: int) -> None:
    """Add (or take away) what documents' entities contribute to their entities' aliases and votes,
    one statement per table for all of them."""
    _many(
        conn,
        "INSERT INTO canonical_aliases (entity_id, kind, alias, norm, count) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (entity_id, kind, alias) DO UPDATE SET count = canonical_aliases.count + excluded.count",
        [(eid, k, a, n, sign * c) for eid, data in items for k, a, n, c in data["aliases"]],
    )
    _many(
        conn,
        "INSERT INTO canonical_labels (entity_id, label, votes) VALUES (?, ?, ?) "
        "ON CONFLICT (entity_id, label) DO UPDATE SET votes = canonical_labels.votes + excluded.votes",
        [(eid, label, sign * v) for eid, data in items for label, v in data["labels"]],
    )
    if sign < 0:
        ids = [{"e": eid} for eid in dict.fromkeys(eid for eid, _ in items)]
        conn.execute(text("DELETE FROM canonical_aliases WHERE entity_id = :e AND count <= 0"), ids)
        conn.execute(text("DELETE FROM canonical_labels WHERE entity_id = :e AND votes <= 0"), ids)


def _count(conn: Connection, eid: str, mentions: int, links: int, docs: int, published: str | None) -> None:
    _count_many(conn, [(eid, mentions, links, docs, published)])


def _count_many(conn: Connection, changes: list[tuple[str, int, int, int, str | None]]) -> None:
    """Entities' counts changed by (entity id, mentions, links, documents, a publication date seen)."""
    _many(
        conn,
        "UPDATE canonical_entities SET mentions = mentions + ?, links = links + ?, documents = documents + ?, "
        "first_seen = CASE WHEN CAST(? AS TEXT) IS NULL THEN first_seen WHEN first_seen IS NULL "
        "OR CAST(? AS TEXT) < first_seen THEN CAST(? AS TEXT) ELSE first_seen END, "
        "last_seen = CASE WHEN CAST(? AS TEXT) IS NULL THEN last_seen WHEN last_seen IS NULL "
        "OR CAST(? AS TEXT) > last_seen THEN CAST(? AS TEXT) ELSE last_seen END WHERE entity_id = ?",
        [(m, n, d, p, p, p, p, p, p, eid) for eid, m, n, d, p in changes],
    )


def refresh(conn: Connection, ids: Iterable[str], ov: Overrides | None = None) -> None:
    """Each entity's name (its commonest full name) and type (override, else most votes);
    ``ov``: the overrides, when the caller has read them in this transaction."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return
    ov = ov or overrides(conn)
    labels: dict[str, list[tuple[str, int]]] = {}
    names_of: dict[str, dict[str, int]] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = tuple(ids[i : i + _CHUNK])
        marks = _marks(len(chunk))
        for eid, label, votes in _rows(
            conn, f"SELECT entity_id, label, votes FROM canonical_labels WHERE entity_id IN ({marks})", chunk
        ):
            labels.setdefault(eid, []).append((label, votes))
        for eid, alias, count in _rows(
            conn,
            f"SELECT entity_id, alias, count FROM canonical_aliases WHERE entity_id IN ({marks}) "
            "AND kind = 'canonical' ORDER BY entity_id, alias",
            chunk,
        ):
            names_of.setdefault(eid, {})[alias] = count
    updates = []
    for eid in ids:
        label = ov.retyped.get(eid) or max(sorted(labels.get(eid, []), key=lambda r: r[0]),
                                           key=lambda r: r[1], default=("", 0))[0]  # fmt: skip
        name = best_name(names_of.get(eid, {}), label)
        if name:
            updates.append((name, label, eid))
    _many(conn, "UPDATE canonical_entities SET name = ?, label = ? WHERE entity_id = ?", updates)


def best_name(counts: Mapping[str, int], label: str) -> str | None:
    """The curated name when one alias is curated; a person's commonest full name; else the commonest."""
    if not counts:
        return None
    for a in sorted(counts, key=lambda a: -counts[a]):
        cur = names.curated_entity(a)
        if cur is not None:
            return cur[0]
    if label == "PERSON":
        full = {a: n for a, n in counts.items() if len(names.person_core(a).split()) > 1}
        counts = full or counts
    return max(sorted(counts), key=lambda a: (counts[a], -len(a)))


# -- a document leaving ------------------------------------------------------------------
def unlink_document(conn: Connection, doc_id: str) -> dict[str, str]:
    """Take a document's contributions out of its entities; entities left with none go.
    Returns what its entities were linked to (entity_key -> entity_id)."""
    members = _q(conn, "SELECT * FROM entity_members WHERE doc_id = :d", d=doc_id)
    if not members:
        return {}
    per_entity: dict[str, list[int]] = {}
    _add_many(conn, [(m["entity_id"], member_contribution(m["data"])) for m in members], -1)
    for m in members:
        tot = per_entity.setdefault(m["entity_id"], [0, 0])
        tot[0] += m["mentions"]
        tot[1] += m["links"]
    conn.execute(text("DELETE FROM entity_members WHERE doc_id = :d"), {"d": doc_id})
    _count_many(conn, [(eid, -n, -links, -1, None) for eid, (n, links) in per_entity.items()])
    _drop_empty(conn, list(per_entity))
    reseen(conn, list(per_entity))
    refresh(
        conn, [e for e in per_entity if _q(conn, "SELECT 1 AS x FROM canonical_entities WHERE entity_id = :e", e=e)]
    )
    return {m["entity_key"]: m["entity_id"] for m in members}


def _drop_empty(conn: Connection, ids: list[str]) -> None:
    for eid in ids:
        if not _q(conn, "SELECT 1 AS x FROM entity_members WHERE entity_id = :e", e=eid):
            for table in ("canonical_aliases", "canonical_labels", "canonical_entities"):
                conn.execute(text(f"DELETE FROM {table} WHERE entity_id = :e"), {"e": eid})


def reseen(conn: Connection, ids: list[str]) -> None:
    """First and last seen again from the members left (a removed document may have set them)."""
    for eid in ids:
        conn.execute(
            text(
                "UPDATE canonical_entities SET "
                "first_seen = (SELECT MIN(published) FROM entity_members WHERE entity_id = :e), "
                "last_seen = (SELECT MAX(published) FROM entity_members WHERE entity_id = :e), "
                "documents = (SELECT COUNT(DISTINCT doc_id) FROM entity_members WHERE entity_id = :e) "
                "WHERE entity_id = :e"
            ),
            {"e": eid},
        )
