"""Migration 0014, compact records: its schema changes and its conversions of stored values.

Both rewrite what is stored without passing it through the record classes: a record's
JSON text is packed exactly as it was stored (:func:`serialize.pack_json`), and a
sentence's tokens are re-encoded only when the new blob decodes to the same tokens and
noun chunks as the old one (otherwise the old blob stays: it is still read). Documents
are converted a batch at a time, by primary key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .. import serialize
from ..types import Sentence
from . import tokens

# Tables whose `data` column holds a packed record, with the record class's name.
PACKED_TABLES: tuple[tuple[str, str], ...] = (
    ("times", "TimeValue"),
    ("places", "Place"),
    ("relative_locations", "RelativeLocation"),
    ("quantities", "Quantity"),
    ("events", "Event"),
    ("main_events", "MainEvent"),
)
_DOCS_PER_BATCH = 200
_DOC_FK = "REFERENCES documents(doc_id) ON DELETE CASCADE"
# A migration step: SQL text, or a function of the connection and dialect.
Step = str | Callable[[Connection, str], None]


def doc_batches(conn: Connection) -> Iterator[dict[str, str]]:
    ids = [r[0] for r in conn.execute(text("SELECT doc_id FROM documents ORDER BY doc_id"))]
    for i in range(0, len(ids), _DOCS_PER_BATCH):
        yield {f"d{k}": d for k, d in enumerate(ids[i : i + _DOCS_PER_BATCH])}


def in_docs(params: dict[str, str]) -> str:
    return "doc_id IN (" + ", ".join(":" + k for k in params) + ")"


def pack_records(conn: Connection, dialect: str) -> None:
    """Every record stored as JSON text becomes :func:`serialize.pack_json` bytes."""
    for params in doc_batches(conn):
        for table, record in PACKED_TABLES:
            key = "doc_id" if table == "main_events" else "doc_id, idx"
            rows = conn.execute(text(f"SELECT {key}, data FROM {table} WHERE {in_docs(params)}"), params).mappings()
            updates = [
                {**{k: r[k] for k in r if k != "data"}, "data": _packed(record, r["data"])}
                for r in rows
                if not serialize.is_packed(r["data"])
            ]
            if updates:
                where = " AND ".join(f"{k} = :{k}" for k in updates[0] if k != "data")
                conn.execute(text(f"UPDATE {table} SET data = :data WHERE {where}"), updates)


def _packed(record: str, value: str | bytes | memoryview) -> bytes:
    # PostgreSQL's column became bytea holding the UTF-8 JSON (the migration's USING clause)
    return serialize.pack_json(record, value if isinstance(value, str) else bytes(value).decode("utf-8"))


def encode_tokens(conn: Connection, dialect: str) -> None:
    """Sentence tokens in an older encoding are re-encoded (store/tokens.py), when lossless.
    SQLite's update trigger would re-index every sentence's search row for a change that
    touches no searched text: it is set aside meanwhile."""
    trigger: str | None = None
    if dialect == "sqlite":
        found = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'sentences_au'"))
        trigger = found.scalar()
        if trigger:
            conn.execute(text("DROP TRIGGER sentences_au"))
    _encode_tokens(conn)
    if trigger:
        conn.execute(text(trigger))


def _encode_tokens(conn: Connection) -> None:
    for params in doc_batches(conn):
        rows = conn.execute(
            text(
                "SELECT doc_id, idx, start_char, end_char, text, token_start, token_end, tokens FROM sentences "
                f"WHERE {in_docs(params)} AND tokens IS NOT NULL"
            ),
            params,
        ).mappings()
        updates = []
        for r in rows:
            blob = bytes(r["tokens"])
            if blob[:1] == bytes((tokens.VERSION,)):
                continue
            s = Sentence(r["idx"], r["start_char"], r["end_char"], r["text"], r["token_start"], r["token_end"])
            toks, chunks = tokens.decode(blob, s)
            new = tokens.encode_sentence(toks, s, chunks)
            if tokens.decode(new, s) == (toks, chunks):
                updates.append({"d": r["doc_id"], "i": r["idx"], "b": new})
        if updates:
            conn.execute(text("UPDATE sentences SET tokens = :b WHERE doc_id = :d AND idx = :i"), updates)


# Compact records (issue 17: a store of ~135 KB per article). Each analysis record's `data`
# becomes deflated bytes against a preset dictionary of its shape (serialize.pack), the
# sentence tokens a smaller encoding (store/tokens.py, encoding 2), both rewritten from the
# stored values without loss (below). On SQLite the tables keyed by
# (doc_id, ...) become WITHOUT ROWID: the primary key is the table, where a rowid table kept
# a second copy of every key in its automatic index. `sentences` keeps its rowid (the
# external-content search table refers to it). Indexes no query uses go.
_REBUILT: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "entities",
        f"""doc_id TEXT NOT NULL {_DOC_FK}, entity_key TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL,
        mentions INTEGER NOT NULL, aliases TEXT NOT NULL, PRIMARY KEY (doc_id, entity_key)""",
        ("CREATE INDEX entities_name ON entities(name)",),
    ),
    (
        "mentions",
        f"""doc_id TEXT NOT NULL {_DOC_FK}, idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, token_start INTEGER NOT NULL,
        token_end INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL, entity_key TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)""",
        ("CREATE INDEX mentions_entity ON mentions(entity_key)",),
    ),
    (
        "entity_links",
        f"""doc_id TEXT NOT NULL {_DOC_FK}, idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, token_start INTEGER NOT NULL,
        token_end INTEGER NOT NULL, head INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
        entity_key TEXT NOT NULL, PRIMARY KEY (doc_id, idx)""",
        ("CREATE INDEX entity_links_key ON entity_links(doc_id, entity_key)",),
    ),
    (
        "times",
        f"""doc_id TEXT NOT NULL {_DOC_FK}, idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
        value TEXT NOT NULL, mod TEXT, earliest TEXT, latest TEXT, data BLOB NOT NULL, PRIMARY KEY (doc_id, idx)""",
        ("CREATE INDEX times_earliest ON times(earliest)",),
    ),
    (
        "places",
        f"""doc_id TEXT NOT NULL {_DOC_FK}, idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL, name TEXT NOT NULL,
        feature TEXT NOT NULL, country_code TEXT, admin1 TEXT, lat REAL, lon REAL, geonameid INTEGER,
        confidence REAL NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_id, idx)""",
        ("CREATE INDEX places_name ON places(name)",),
    ),
    (
        "relative_locations",
        f"""doc_id TEXT NOT NULL {_DOC_FK}, idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL,
        text TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_id, idx)""",
        (),
    ),
    (
        "quantities",
        f"""doc_id TEXT NOT NULL {_DOC_FK}, idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
        number REAL NOT NULL, unit TEXT, si_value REAL, si_unit TEXT, mod TEXT, measures TEXT,
        data BLOB NOT NULL, PRIMARY KEY (doc_id, idx)""",
        ("CREATE INDEX quantities_kind ON quantities(kind)",),
    ),
    (
        "events",
        f"""doc_id TEXT NOT NULL {_DOC_FK}, idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL,
        type TEXT NOT NULL, status TEXT NOT NULL, lemma TEXT NOT NULL, trigger TEXT NOT NULL, time_value TEXT,
        time_earliest TEXT, time_latest TEXT, data BLOB NOT NULL, latitude REAL, longitude REAL,
        PRIMARY KEY (doc_id, idx)""",
        ("CREATE INDEX events_type ON events(type)", "CREATE INDEX events_time ON events(time_earliest)"),
    ),
    (
        "event_roles",
        f"""doc_id TEXT NOT NULL {_DOC_FK}, event_idx INTEGER NOT NULL, idx INTEGER NOT NULL, role TEXT NOT NULL,
        text TEXT NOT NULL, entity_key TEXT, PRIMARY KEY (doc_id, event_idx, idx)""",
        (),  # event_roles_entity goes: no query looks roles up by entity alone (EXPLAIN QUERY PLAN)
    ),
    (
        "main_events",
        f"""doc_id TEXT PRIMARY KEY {_DOC_FK}, who TEXT, what TEXT, when_text TEXT, when_value TEXT,
        where_text TEXT, why TEXT, how TEXT, data BLOB NOT NULL""",
        (),
    ),
    (
        "entity_members",
        f"""doc_id TEXT NOT NULL {_DOC_FK}, entity_key TEXT NOT NULL, entity_id TEXT NOT NULL,
        mentions INTEGER NOT NULL, links INTEGER NOT NULL, published TEXT, data TEXT NOT NULL,
        PRIMARY KEY (doc_id, entity_key)""",
        (
            "CREATE INDEX entity_members_entity ON entity_members(entity_id, published)",
            "CREATE INDEX entity_members_key ON entity_members(entity_key)",
        ),
    ),
    (
        "canonical_entities",
        """entity_id TEXT PRIMARY KEY, name TEXT NOT NULL, label TEXT NOT NULL, mentions INTEGER NOT NULL,
        links INTEGER NOT NULL, documents INTEGER NOT NULL, first_seen TEXT, last_seen TEXT, place TEXT""",
        (
            "CREATE INDEX canonical_entities_mentions ON canonical_entities(mentions)",
            "CREATE INDEX canonical_entities_label ON canonical_entities(label, mentions)",
        ),
    ),
    (
        "canonical_aliases",
        """entity_id TEXT NOT NULL, kind TEXT NOT NULL, alias TEXT NOT NULL, norm TEXT NOT NULL,
        count INTEGER NOT NULL, PRIMARY KEY (entity_id, kind, alias)""",
        ("CREATE INDEX canonical_aliases_norm ON canonical_aliases(norm)",),
    ),
    (
        "canonical_labels",
        "entity_id TEXT NOT NULL, label TEXT NOT NULL, votes INTEGER NOT NULL, PRIMARY KEY (entity_id, label)",
        (),
    ),
)


def rebuild_without_rowid(table: str, columns: str, indexes: tuple[str, ...]) -> list[str]:
    """SQLite: the table again as WITHOUT ROWID, rows and indexes kept."""
    names = ", ".join(c.split()[0] for c in re.split(r",(?![^()]*\))", columns) if "PRIMARY KEY (" not in c)
    return [
        f"CREATE TABLE {table}_new ({columns}) WITHOUT ROWID",
        f"INSERT INTO {table}_new ({names}) SELECT {names} FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_new RENAME TO {table}",
        *indexes,
    ]


COMPACT_RECORDS: dict[str, list[Step]] = {
    "sqlite": [
        *(stmt for table, columns, indexes in _REBUILT for stmt in rebuild_without_rowid(table, columns, indexes)),
        pack_records,
        encode_tokens,
    ],
    "postgresql": [
        *(
            f"ALTER TABLE {table} ALTER COLUMN data TYPE BYTEA USING convert_to(data, 'UTF8')"
            for table, _ in PACKED_TABLES
        ),
        pack_records,
        encode_tokens,
        "DROP INDEX IF EXISTS event_roles_entity",
    ],
}
