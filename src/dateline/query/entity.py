"""Cross-document entities for people: list them, find one, its page, correct them.

The entities are stored and kept up to date at ingest (``entities/table.py``); these
functions read them (``entities/lookup.py``) and never rebuild them:

- :func:`entities`: canonical entities, most mentioned first, by type, by a part of a
  name or alias, or those of one document;
- :func:`entity_page`: one entity, found by id or by any name, alias, title, surname
  or acronym, with its aliases, titles, documents, related entities and timeline (from
  :func:`dateline.query.timeline.timeline`);
- :func:`merge_entities`, :func:`split_entity`, :func:`retype_entity`: an analyst's
  corrections, stored as overrides that survive re-ingest (:func:`entity_overrides`);
- :func:`relink_entities`: the cross-document table made again from the stored
  documents (after a change to the data files), overrides kept.
"""

from __future__ import annotations

from sqlalchemy import text

from ..entities import overrides as ov
from ..entities.lookup import EntityMap, canonical_id, canonical_ids, entities_by_id, find_entities, members
from ..entities.table import link_document
from ..errors import NotFound
from ..store import Store
from ..store.write import now
from ..types import CanonicalEntity, EntityAlias, EntityDocument, EntityOverride, EntityPage, RelatedEntity
from . import timeline as _timeline

__all__ = [
    "EntityMap",
    "canonical_id",
    "canonical_ids",
    "entities",
    "entity_overrides",
    "entity_page",
    "find_entities",
    "members",
    "merge_entities",
    "relink_entities",
    "retype_entity",
    "split_entity",
]

# related entities are counted over an entity's latest documents: enough to rank them, fast on any store
_RELATED_DOCS = 500


def entities(
    store: Store,
    label: str | None = None,
    query: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    doc: str | None = None,
    unnamed: bool = False,
) -> list[CanonicalEntity]:
    """Canonical entities, most mentioned first: of one type, whose name or an alias contains
    ``query`` (case-insensitively), or named in one document. Entities no name names ("the
    company", one document's each: ``entities/unnamed.py``) only with ``unnamed``."""
    where, params = [] if unnamed else ["e.mentions > 0"], {}
    if label:
        where.append("e.label = :label")
        params["label"] = label.upper()
    if query:
        where.append(
            "(lower(e.name) LIKE :q OR e.entity_id IN (SELECT entity_id FROM canonical_aliases "
            "WHERE kind IN ('name', 'title') AND lower(alias) LIKE :q))"
        )
        params["q"] = f"%{query.strip().lower()}%"
    if doc:
        where.append("e.entity_id IN (SELECT entity_id FROM entity_members WHERE doc_id = :doc)")
        params["doc"] = store.resolve_doc(doc)
    sql = (
        "SELECT e.entity_id FROM canonical_entities e"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.mentions DESC, e.entity_id"
        + (f" LIMIT {int(limit)}" if limit else " LIMIT -1" if store.dialect == "sqlite" and offset else "")
        + (f" OFFSET {int(offset)}" if offset else "")
    )
    ids = [r["entity_id"] for r in store.query(sql, **params)]
    found = entities_by_id(store, ids)
    return [found[i] for i in ids if i in found]


def _the_entity(store: Store, name_or_id: str) -> tuple[CanonicalEntity, list[CanonicalEntity]]:
    found = find_entities(store, name_or_id, limit=6)
    if not found:
        raise NotFound(f"entity {name_or_id!r} (no stored entity has that name, alias or id; see 'dateline entities')")
    return found[0], found[1:]


def entity_page(store: Store, name_or_id: str, documents: int = 50, timeline_limit: int | None = 50) -> EntityPage:
    """Everything known about one entity across documents (raises NotFound)."""
    e, others = _the_entity(store, name_or_id)
    aliases = store.query(
        "SELECT alias, kind, count FROM canonical_aliases WHERE entity_id = :e AND kind IN ('name', 'title') "
        "ORDER BY count DESC, alias",
        e=e.entity_id,
    )
    tl = _timeline.timeline(store, entity=e.entity_id)
    if timeline_limit and isinstance(tl, dict) and "events" in tl:
        tl = {**tl, "events": tl["events"][:timeline_limit]}
    return EntityPage(
        entity=e,
        aliases=tuple(EntityAlias(r["alias"], r["kind"], r["count"]) for r in aliases if r["kind"] == "name"),
        titles=tuple(EntityAlias(r["alias"], r["kind"], r["count"]) for r in aliases if r["kind"] == "title"),
        documents=_documents(store, e.entity_id, documents),
        related=_related(store, e.entity_id),
        timeline=tl,
        other_matches=tuple(others),
    )


def _documents(store: Store, entity_id: str, limit: int) -> tuple[EntityDocument, ...]:
    rows = store.query(
        "SELECT m.doc_id, d.title, d.published, d.source, SUM(m.mentions) AS n FROM entity_members m "
        "JOIN documents d ON d.doc_id = m.doc_id WHERE m.entity_id = :e GROUP BY m.doc_id, d.title, d.published, "
        "d.source ORDER BY d.published DESC, m.doc_id LIMIT :lim",
        e=entity_id,
        lim=limit,
    )
    return tuple(EntityDocument(r["doc_id"], r["title"], r["published"], r["source"], r["n"]) for r in rows)


def _related(store: Store, entity_id: str, limit: int = 10) -> tuple[RelatedEntity, ...]:
    """Entities named in the same documents (of the entity's latest ones), most shared first."""
    rows = store.query(
        "SELECT y.entity_id, COUNT(DISTINCT y.doc_id) AS n FROM (SELECT doc_id FROM entity_members "
        "WHERE entity_id = :e ORDER BY published DESC LIMIT :docs) x JOIN entity_members y ON y.doc_id = x.doc_id "
        "WHERE y.entity_id != :e GROUP BY y.entity_id ORDER BY n DESC, y.entity_id LIMIT :lim",
        e=entity_id,
        docs=_RELATED_DOCS,
        lim=limit,
    )
    found = entities_by_id(store, [r["entity_id"] for r in rows])
    return tuple(
        RelatedEntity(r["entity_id"], found[r["entity_id"]].name, found[r["entity_id"]].label, r["n"])
        for r in rows
        if r["entity_id"] in found
    )


# -- corrections ------------------------------------------------------------------------
def merge_entities(store: Store, into: str, other: str) -> CanonicalEntity:
    """The entity found by ``other`` joins the one found by ``into``, now and at every later ingest."""
    a, _ = _the_entity(store, into)
    b, _ = _the_entity(store, other)
    with store.writing() as conn:
        ov.merge(conn, a.entity_id, b.entity_id, now())
    return entities_by_id(store, [a.entity_id])[a.entity_id]


def split_entity(store: Store, name: str, entity: str | None = None) -> CanonicalEntity:
    """Documents calling the entity ``name`` alone get an entity of their own; it is returned."""
    e, _ = _the_entity(store, entity or name)
    with store.writing() as conn:
        own = ov.split(conn, name, e.entity_id, now())
    return entities_by_id(store, [own])[own]


def retype_entity(store: Store, name: str, label: str) -> CanonicalEntity:
    e, _ = _the_entity(store, name)
    with store.writing() as conn:
        ov.retype(conn, e.entity_id, label, now())
    return entities_by_id(store, [e.entity_id])[e.entity_id]


def entity_overrides(store: Store) -> list[EntityOverride]:
    rows = store.query("SELECT kind, subject, target, created_at FROM entity_overrides ORDER BY created_at, kind")
    return [EntityOverride(r["kind"], r["subject"], r["target"], r["created_at"]) for r in rows]


def relink_entities(store: Store) -> int:
    """Make the cross-document table again from the stored documents, in ingest order; overrides kept."""
    docs = [r["doc_id"] for r in store.query("SELECT doc_id FROM documents ORDER BY ingested_at, doc_id")]
    with store.writing() as conn:
        for table in ("entity_members", "canonical_aliases", "canonical_labels", "canonical_entities"):
            conn.execute(text(f"DELETE FROM {table}"))
        for d in docs:
            link_document(conn, store.load_analysis(d))
    return len(docs)
