"""An analyst's corrections to the cross-document entities: merge, split, retype.

Each is applied to the stored table at once and recorded in ``entity_overrides``, which
every later link reads (``table.link_document``), so a correction survives re-ingest and
re-analysis of the documents involved:

- merge: every member of one entity joins another; the merged-away id leads to the
  other one from then on (a document that would have made it joins the other);
- split: the documents' entities named NAME leave the entity they were in for one of
  their own, and a document entity of that name never joins that entity again;
- retype: the entity's type is the one given, whatever the votes say.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..errors import BadEntityOverride
from ..types import EntityKey
from . import names
from ._data import resolve_data
from .crossdoc import DocEntity
from .table import _q, move_member, new_entity, overrides, refresh, reseen


def record(conn: Connection, kind: str, subject: str, target: str, when: str) -> None:
    conn.execute(text("DELETE FROM entity_overrides WHERE kind = :k AND subject = :s"), {"k": kind, "s": subject})
    conn.execute(
        text("INSERT INTO entity_overrides (kind, subject, target, created_at) VALUES (:k, :s, :t, :w)"),
        {"k": kind, "s": subject, "t": target, "w": when},
    )


def merge(conn: Connection, into: str, other: str, when: str) -> None:
    """Every member of ``other`` joins ``into``; ``other`` leads to ``into`` from now on."""
    if into == other:
        raise BadEntityOverride(f"{into!r} is already that entity")
    for table, key in (("canonical_aliases", "kind, alias, norm, count"), ("canonical_labels", "label, votes")):
        cols = key.split(", ")
        conflict = "entity_id, kind, alias" if table == "canonical_aliases" else "entity_id, label"
        last = cols[-1]
        conn.execute(
            text(
                f"INSERT INTO {table} (entity_id, {key}) SELECT :into, {key} FROM {table} WHERE entity_id = :other "
                f"ON CONFLICT ({conflict}) DO UPDATE SET {last} = {table}.{last} + excluded.{last}"
            ),
            {"into": into, "other": other},
        )
        conn.execute(text(f"DELETE FROM {table} WHERE entity_id = :other"), {"other": other})
    ids = {"into": into, "other": other}
    conn.execute(
        text(
            "UPDATE canonical_entities SET "
            "mentions = mentions + (SELECT mentions FROM canonical_entities WHERE entity_id = :other), "
            "links = links + (SELECT links FROM canonical_entities WHERE entity_id = :other) WHERE entity_id = :into"
        ),
        ids,
    )
    conn.execute(text("UPDATE entity_members SET entity_id = :into WHERE entity_id = :other"), ids)
    conn.execute(text("DELETE FROM canonical_entities WHERE entity_id = :other"), {"other": other})
    conn.execute(text("UPDATE entity_overrides SET target = :into WHERE kind = 'merge' AND target = :other"),
                 {"into": into, "other": other})  # fmt: skip
    record(conn, "merge", other, into, when)
    reseen(conn, [into])
    refresh(conn, [into])


def split(conn: Connection, name: str, entity_id: str, when: str) -> str:
    """The document entities named ``name`` leave ``entity_id`` for an entity of their own; its id."""
    n = names.norm(name)
    rows = _q(conn, "SELECT * FROM entity_members WHERE entity_id = :e", e=entity_id)
    leaving = [m for m in rows if names.norm(EntityKey.parse(m["entity_key"]).name) == n]
    if not leaving:
        raise BadEntityOverride(f"no document calls {entity_id!r} {name!r} alone")
    if len(leaving) == len(rows):
        raise BadEntityOverride(f"every document calls {entity_id!r} {name!r}: nothing would be left to split from")
    record(conn, "split", n, entity_id, when)
    key = EntityKey.parse(leaving[0]["entity_key"])
    own = new_entity(conn, DocEntity(str(key), key.name, key.label, 0, 0, (), ()), overrides(conn))
    for m in leaving:
        move_member(conn, m, own)
    return own


def retype(conn: Connection, entity_id: str, label: str, when: str) -> None:
    """The entity's type is ``label`` from now on, whatever the votes."""
    label = label.upper()
    if label not in resolve_data().name_labels:
        known = ", ".join(sorted(resolve_data().name_labels))
        raise BadEntityOverride(f"{label!r} is not an entity type (use one of {known})")
    record(conn, "retype", entity_id, label, when)
    refresh(conn, [entity_id])
