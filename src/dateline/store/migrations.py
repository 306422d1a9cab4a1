"""Named schema migrations, applied in order and recorded in ``schema_migrations``.

SQL here is written to run on SQLite and PostgreSQL alike; the few dialect
specific statements (full-text search) are keyed by dialect name.
"""

from __future__ import annotations

from . import compact, derived, doc_text, keys, lean, mention_keys, roles

_DOC_FK = "REFERENCES documents(doc_id) ON DELETE CASCADE"

CORE = [
    """CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT,
        description TEXT,
        published TEXT,
        url TEXT,
        source_domain TEXT,
        language TEXT,
        record_id TEXT,
        body_start INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        n_sentences INTEGER NOT NULL,
        n_tokens INTEGER NOT NULL,
        warnings TEXT,
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX documents_published ON documents(published)",
    "CREATE INDEX documents_record_id ON documents(record_id)",
    f"""CREATE TABLE sentences (
        doc_id TEXT NOT NULL {_DOC_FK},
        idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        time_value TEXT,
        time_earliest TEXT,
        time_latest TEXT,
        time_rule TEXT,
        PRIMARY KEY (doc_id, idx)
    )""",
    f"""CREATE TABLE entities (
        doc_id TEXT NOT NULL {_DOC_FK},
        entity_key TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        aliases TEXT NOT NULL,
        PRIMARY KEY (doc_id, entity_key)
    )""",
    "CREATE INDEX entities_name ON entities(name)",
    f"""CREATE TABLE mentions (
        doc_id TEXT NOT NULL {_DOC_FK},
        idx INTEGER NOT NULL,
        sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        token_start INTEGER NOT NULL,
        token_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    )""",
    "CREATE INDEX mentions_entity ON mentions(entity_key)",
]

# One table per analysis stage: queryable columns plus the full record as JSON,
# so that load_analysis() can rebuild the exact dataclass.
STAGES = [
    f"""CREATE TABLE times (
        doc_id TEXT NOT NULL {_DOC_FK},
        idx INTEGER NOT NULL,
        sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        mod TEXT,
        earliest TEXT,
        latest TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    )""",
    "CREATE INDEX times_earliest ON times(earliest)",
    f"""CREATE TABLE places (
        doc_id TEXT NOT NULL {_DOC_FK},
        idx INTEGER NOT NULL,
        sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT NOT NULL,
        feature TEXT NOT NULL,
        country_code TEXT,
        admin1 TEXT,
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        geonameid INTEGER,
        confidence REAL NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    )""",
    "CREATE INDEX places_name ON places(name)",
    f"""CREATE TABLE relative_locations (
        doc_id TEXT NOT NULL {_DOC_FK},
        idx INTEGER NOT NULL,
        sentence_idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    )""",
    f"""CREATE TABLE quantities (
        doc_id TEXT NOT NULL {_DOC_FK},
        idx INTEGER NOT NULL,
        sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        number REAL NOT NULL,
        unit TEXT,
        si_value REAL,
        si_unit TEXT,
        mod TEXT,
        measures TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    )""",
    "CREATE INDEX quantities_kind ON quantities(kind)",
    f"""CREATE TABLE events (
        doc_id TEXT NOT NULL {_DOC_FK},
        idx INTEGER NOT NULL,
        sentence_idx INTEGER NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        lemma TEXT NOT NULL,
        trigger TEXT NOT NULL,
        time_value TEXT,
        time_earliest TEXT,
        time_latest TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    )""",
    "CREATE INDEX events_type ON events(type)",
    "CREATE INDEX events_time ON events(time_earliest)",
    f"""CREATE TABLE event_roles (
        doc_id TEXT NOT NULL {_DOC_FK},
        event_idx INTEGER NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL,
        entity_key TEXT
    )""",
    "CREATE INDEX event_roles_entity ON event_roles(entity_key)",
    f"""CREATE TABLE main_events (
        doc_id TEXT PRIMARY KEY {_DOC_FK},
        who TEXT,
        what TEXT,
        when_text TEXT,
        when_value TEXT,
        where_text TEXT,
        why TEXT,
        how TEXT,
        data TEXT NOT NULL
    )""",
]

FTS = {
    "sqlite": [
        "CREATE VIRTUAL TABLE sentences_fts USING fts5("
        "text, doc_id UNINDEXED, idx UNINDEXED, tokenize='porter unicode61')",
    ],
    "postgresql": [
        "CREATE INDEX sentences_fts ON sentences USING GIN (to_tsvector('english', text))",
    ],
}

# Which time expression governs a sentence (index into the document's times).
SENTENCE_TIMEX = [
    "ALTER TABLE sentences ADD COLUMN time_timex INTEGER",
]

# Event roles are read per event (ask's pronoun
# resolution, timeline --entity); without this index every lookup scans the table.
QUERY_INDEXES = [
    "CREATE INDEX event_roles_doc_event ON event_roles(doc_id, event_idx)",
]

# The document id becomes an indexed FTS column, so that replacing a document deletes its
# rows through the index (an UNINDEXED column meant a scan of every sentence per document).
# Searches filter on the text column: {text} : (...).
FTS_BY_DOC = {
    "sqlite": [
        "DROP TABLE sentences_fts",
        "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, doc_id, idx UNINDEXED, tokenize='porter unicode61')",
        "INSERT INTO sentences_fts (text, doc_id, idx) SELECT text, doc_id, idx FROM sentences",
    ],
}

# Each sentence keeps its tokens (text, offsets, lemma, POS, tag, dep, head, entity IOB)
# and noun chunks as one compressed blob (store/tokens.py), so that the read side gets
# back the parse the pipeline made instead of parsing stored text again.
SENTENCE_TOKENS = {
    "sqlite": [
        "ALTER TABLE sentences ADD COLUMN token_start INTEGER",
        "ALTER TABLE sentences ADD COLUMN token_end INTEGER",
        "ALTER TABLE sentences ADD COLUMN tokens BLOB",
    ],
    "postgresql": [
        "ALTER TABLE sentences ADD COLUMN token_start INTEGER",
        "ALTER TABLE sentences ADD COLUMN token_end INTEGER",
        "ALTER TABLE sentences ADD COLUMN tokens BYTEA",
    ],
}

# An unresolved place has no coordinates (None, not the document's main place): lat/lon
# become nullable. SQLite cannot drop NOT NULL, so the table is rebuilt with its index.
PLACES_NULLABLE_POINT = {
    "sqlite": [
        f"""CREATE TABLE places_new (
        doc_id TEXT NOT NULL {_DOC_FK},
        idx INTEGER NOT NULL,
        sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT NOT NULL,
        feature TEXT NOT NULL,
        country_code TEXT,
        admin1 TEXT,
        lat REAL,
        lon REAL,
        geonameid INTEGER,
        confidence REAL NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    )""",
        "INSERT INTO places_new SELECT doc_id, idx, sentence_idx, start_char, end_char, text, name, feature,"
        " country_code, admin1, lat, lon, geonameid, confidence, data FROM places",
        "DROP TABLE places",
        "ALTER TABLE places_new RENAME TO places",
        "CREATE INDEX places_name ON places(name)",
    ],
    "postgresql": [
        "ALTER TABLE places ALTER COLUMN lat DROP NOT NULL",
        "ALTER TABLE places ALTER COLUMN lon DROP NOT NULL",
    ],
}

# The document id was an indexed FTS column, so it went through the porter stemmer: two ids
# could stem alike ("...a0ed", "...a0ee") and replacing one document deleted the other's
# search rows. Now the id is stored unindexed (never tokenized), and each sentence records the
# rowid of its search row, so a document's rows are deleted by exact rowid through the
# sentences' own (doc_id, idx) index. Existing sentences keep their rowid as that number.
FTS_ROWIDS = {
    "sqlite": [
        "ALTER TABLE sentences ADD COLUMN fts_rowid INTEGER",
        "UPDATE sentences SET fts_rowid = rowid",
        "DROP TABLE sentences_fts",
        "CREATE VIRTUAL TABLE sentences_fts USING fts5("
        "text, doc_id UNINDEXED, idx UNINDEXED, tokenize='porter unicode61')",
        "INSERT INTO sentences_fts (rowid, text, doc_id, idx) SELECT fts_rowid, text, doc_id, idx FROM sentences",
    ],
}

# The entities stage's within-document links (pronouns, descriptions, titles), and the
# cross-document entity table kept up to date at ingest (entities/table.py): canonical
# entities with their aliases, type votes and members (one row per document entity),
# and the analysts' merge/split/retype overrides, which survive re-ingest.
CANONICAL_ENTITIES = [
    f"""CREATE TABLE entity_links (
        doc_id TEXT NOT NULL {_DOC_FK},
        idx INTEGER NOT NULL,
        sentence_idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        token_start INTEGER NOT NULL,
        token_end INTEGER NOT NULL,
        head INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    )""",
    "CREATE INDEX entity_links_key ON entity_links(doc_id, entity_key)",
    """CREATE TABLE canonical_entities (
        entity_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        links INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        place TEXT
    )""",
    "CREATE INDEX canonical_entities_mentions ON canonical_entities(mentions)",
    "CREATE INDEX canonical_entities_label ON canonical_entities(label, mentions)",
    """CREATE TABLE canonical_aliases (
        entity_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        alias TEXT NOT NULL,
        norm TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (entity_id, kind, alias)
    )""",
    "CREATE INDEX canonical_aliases_norm ON canonical_aliases(norm)",
    """CREATE TABLE canonical_labels (
        entity_id TEXT NOT NULL,
        label TEXT NOT NULL,
        votes INTEGER NOT NULL,
        PRIMARY KEY (entity_id, label)
    )""",
    f"""CREATE TABLE entity_members (
        doc_id TEXT NOT NULL {_DOC_FK},
        entity_key TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        links INTEGER NOT NULL,
        published TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, entity_key)
    )""",
    "CREATE INDEX entity_members_entity ON entity_members(entity_id, published)",
    "CREATE INDEX entity_members_key ON entity_members(entity_key)",
    """CREATE TABLE entity_overrides (
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        target TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (kind, subject)
    )""",
]

# Datasette and analysts' tools: the sentence search becomes an external-content FTS5 table
# over `sentences` (content="sentences", kept by the triggers sqlite-utils would create), so
# Datasette's `_search` finds it and no text is stored twice; its rowid is the sentence's, and
# the old fts_rowid column goes. PostgreSQL gets a stored tsvector column with a GIN index
# (the expression index of 0002 goes). `event_roles` gets a primary key (the role's place in
# its event), and events their place's latitude/longitude as columns named so that map tools find them.
_EVENT_ROLES_KEYED = f"""CREATE TABLE event_roles_new (
        doc_id TEXT NOT NULL {_DOC_FK},
        event_idx INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL,
        entity_key TEXT,
        PRIMARY KEY (doc_id, event_idx, idx)
    )"""
_EVENT_ROLES_COPY = (
    "INSERT INTO event_roles_new (doc_id, event_idx, idx, role, text, entity_key) "
    "SELECT doc_id, event_idx, ROW_NUMBER() OVER (PARTITION BY doc_id, event_idx ORDER BY {order}) - 1, "
    "role, text, entity_key FROM event_roles"
)
_EVENT_ROLES_SWAP = [
    "DROP TABLE event_roles",
    "ALTER TABLE event_roles_new RENAME TO event_roles",
    "CREATE INDEX event_roles_entity ON event_roles(entity_key)",
]
_EVENT_POINT = ["ALTER TABLE events ADD COLUMN latitude {real}", "ALTER TABLE events ADD COLUMN longitude {real}"]
# PostgreSQL's REAL is 4 bytes (about 7 digits): coordinates and measures became float4 there,
# so a point read back differed from SQLite's (8 bytes). They become DOUBLE PRECISION.
_PG_DOUBLES = [
    f"ALTER TABLE {t} ALTER COLUMN {c} TYPE DOUBLE PRECISION"
    for t, c in (("places", "lat"), ("places", "lon"), ("places", "confidence"))
    + (("quantities", "number"), ("quantities", "si_value"))
]
_SQLITE_TRIGGERS = [
    "CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN "
    "INSERT INTO sentences_fts (rowid, text, doc_id, idx) VALUES (new.rowid, new.text, new.doc_id, new.idx); END",
    "CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN "
    "INSERT INTO sentences_fts (sentences_fts, rowid, text, doc_id, idx) "
    "VALUES ('delete', old.rowid, old.text, old.doc_id, old.idx); END",
    "CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN "
    "INSERT INTO sentences_fts (sentences_fts, rowid, text, doc_id, idx) "
    "VALUES ('delete', old.rowid, old.text, old.doc_id, old.idx); "
    "INSERT INTO sentences_fts (rowid, text, doc_id, idx) VALUES (new.rowid, new.text, new.doc_id, new.idx); END",
]
DATASETTE = {
    "sqlite": [
        "DROP TABLE sentences_fts",
        "ALTER TABLE sentences DROP COLUMN fts_rowid",
        "CREATE VIRTUAL TABLE sentences_fts USING fts5("
        "text, doc_id UNINDEXED, idx UNINDEXED, content=\"sentences\", tokenize='porter unicode61')",
        *_SQLITE_TRIGGERS,
        "INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')",
        _EVENT_ROLES_KEYED,
        _EVENT_ROLES_COPY.format(order="rowid"),
        "DROP INDEX event_roles_doc_event",
        *_EVENT_ROLES_SWAP,
        *(stmt.format(real="REAL") for stmt in _EVENT_POINT),
        "UPDATE events SET latitude = json_extract(data, '$.roles[' || "
        "(SELECT MIN(j.key) FROM json_each(events.data, '$.roles') j WHERE json_extract(j.value, '$.name') = 'place')"
        " || '].lat'), longitude = json_extract(data, '$.roles[' || "
        "(SELECT MIN(j.key) FROM json_each(events.data, '$.roles') j WHERE json_extract(j.value, '$.name') = 'place')"
        " || '].lon')",
    ],
    "postgresql": [
        "DROP INDEX sentences_fts",
        "ALTER TABLE sentences ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
        "CREATE INDEX sentences_tsv ON sentences USING GIN (tsv)",
        _EVENT_ROLES_KEYED,
        _EVENT_ROLES_COPY.format(order="role, text"),
        "DROP INDEX event_roles_doc_event",
        *_EVENT_ROLES_SWAP,
        *(stmt.format(real="DOUBLE PRECISION") for stmt in _EVENT_POINT),
        *_PG_DOUBLES,
        "UPDATE events SET latitude = (r->>'lat')::float8, longitude = (r->>'lon')::float8 FROM ("
        "SELECT DISTINCT ON (e.doc_id, e.idx) e.doc_id, e.idx, r FROM events e, "
        "json_array_elements(e.data::json -> 'roles') WITH ORDINALITY AS x(r, n) "
        "WHERE r->>'name' = 'place' ORDER BY e.doc_id, e.idx, n) p "
        "WHERE events.doc_id = p.doc_id AND events.idx = p.idx",
    ],
}

# The version of each stage that made a document's analysis (pipeline.Stage.version), so
# that `dateline reanalyse` re-runs only what an upgrade changed. A document stored before
# this migration has none recorded: every stage counts as stale for it. On PostgreSQL,
# REAL is a 4-byte float: the coordinates and quantities become 8-byte, as SQLite stores them,
# so a store copied between the two keeps every value.
_STAGES_TABLE = f"""CREATE TABLE document_stages (
        doc_id TEXT NOT NULL {_DOC_FK},
        ordinal INTEGER NOT NULL,
        stage TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (doc_id, stage)
    )"""
_DOUBLE = [
    ("places", "lat"),
    ("places", "lon"),
    ("places", "confidence"),
    ("quantities", "number"),
    ("quantities", "si_value"),
]
STAGE_VERSIONS = {
    "sqlite": [_STAGES_TABLE + " WITHOUT ROWID"],
    "postgresql": [_STAGES_TABLE] + [f"ALTER TABLE {t} ALTER COLUMN {c} TYPE DOUBLE PRECISION" for t, c in _DOUBLE],
}

# 0014: compact records (store/compact.py): packed `data`, tokens in encoding 2, keyed tables
# WITHOUT ROWID on SQLite, an index no query uses dropped.
Step = compact.Step

# 0018: sentence tokens in encoding 4 (store/token_bytes.py: the columns as bytes, POS by the
# tag unless it differs, lemmas as edits of the word), re-encoded where lossless by 0014's step.
TOKEN_BYTES: dict[str, list[Step]] = {"sqlite": [compact.encode_tokens], "postgresql": [compact.encode_tokens]}

MIGRATIONS: list[tuple[str, dict[str, list[Step]] | dict[str, list[str]] | list[str]]] = [
    ("0001_core_documents_sentences_mentions", CORE),
    ("0002_sentence_full_text_search", FTS),
    ("0003_analysis_stages", STAGES),
    ("0004_event_roles_by_event", QUERY_INDEXES),
    ("0005_sentence_governing_timex", SENTENCE_TIMEX),
    ("0006_fts_rows_by_document", FTS_BY_DOC),
    ("0007_sentence_tokens", SENTENCE_TOKENS),
    ("0008_places_unresolved_without_point", PLACES_NULLABLE_POINT),
    ("0009_fts_doc_id_unstemmed", FTS_ROWIDS),
    ("0010_canonical_entities", CANONICAL_ENTITIES),
    ("0012_datasette_search_event_points", DATASETTE),
    ("0013_stage_versions_per_document", STAGE_VERSIONS),
    ("0014_compact_records", compact.COMPACT_RECORDS),
    ("0015_lean_store", lean.LEAN_STORE),
    ("0016_integer_document_keys", keys.DOC_KEYS),
    ("0017_event_roles_stored_once", roles.ROLES_ONCE),
    ("0018_sentence_tokens_as_bytes", TOKEN_BYTES),
    ("0019_derived_values_left_out", derived.DERIVED),
    ("0020_document_text_once", doc_text.TEXT_ONCE),
    ("0021_mention_keys_left_out", mention_keys.KEYS_LEFT_OUT),
]


def version(name: str) -> int:
    """A migration's number: the schema version a store has once it is applied."""
    head = name.split("_", 1)[0]
    return int(head) if head.isdigit() else 0


SCHEMA_VERSION = max(version(name) for name, _ in MIGRATIONS)


def statements(migration, dialect: str) -> list[Step]:
    """A migration's steps for one dialect: SQL text, or a function of the connection
    for a conversion SQL cannot express (re-encoding stored values)."""
    return migration.get(dialect, []) if isinstance(migration, dict) else migration
