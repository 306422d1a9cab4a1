"""The store: one database (SQLite file by default, any SQLAlchemy URL), one
transaction per document, named migrations recorded in the database."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

from .. import serialize
from ..errors import NotFound, StoreError
from ..types import (
    Analysis,
    Article,
    Entity,
    EntityKey,
    Event,
    MainEvent,
    Mention,
    ParsedDoc,
    Place,
    Quantity,
    RelativeLocation,
    Sentence,
    SentenceTime,
    TimeValue,
)
from .migrations import MIGRATIONS, statements

CHILD_TABLES = (
    "main_events",
    "event_roles",
    "events",
    "quantities",
    "relative_locations",
    "places",
    "times",
    "mentions",
    "entities",
    "sentences",
)


def to_url(db: str) -> str:
    """A bare path means a SQLite file; anything with a scheme is an SQLAlchemy URL."""
    if "://" in db:
        return db
    return f"sqlite:///{os.path.abspath(db)}"


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no committed transaction's integrity
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


class Store:
    def __init__(self, url: str):
        self.url = to_url(url)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except Exception as exc:  # bad URL, missing driver
            raise StoreError(f"{url!r} ({exc})") from exc
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self.migrate()
        except Exception as exc:
            raise StoreError(f"{url!r} ({exc})") from exc

    # -- schema ---------------------------------------------------------------
    def migrate(self) -> list[str]:
        applied_now = []
        with self.engine.begin() as conn:
            conn.execute(
                text("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            )
            done = {r[0] for r in conn.execute(text("SELECT name FROM schema_migrations"))}
            for name, migration in MIGRATIONS:
                if name in done:
                    continue
                for stmt in statements(migration, self.dialect):
                    conn.execute(text(stmt))
                conn.execute(
                    text("INSERT INTO schema_migrations (name, applied_at) VALUES (:n, :t)"), {"n": name, "t": _now()}
                )
                applied_now.append(name)
        return applied_now

    def migrations(self) -> list[tuple[str, str]]:
        with self.engine.connect() as conn:
            return [
                tuple(r) for r in conn.execute(text("SELECT name, applied_at FROM schema_migrations ORDER BY name"))
            ]

    def close(self) -> None:
        self.engine.dispose()

    # -- writing --------------------------------------------------------------
    def has(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT 1 FROM documents WHERE doc_id = :d"), {"d": doc_id}).first() is not None

    def existing(self, doc_ids) -> set[str]:
        ids = list(doc_ids)
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                params = {f"d{k}": d for k, d in enumerate(chunk)}
                sql = f"SELECT doc_id FROM documents WHERE doc_id IN ({', '.join(':' + k for k in params)})"
                found.update(r[0] for r in conn.execute(text(sql), params))
        return found

    def save(self, analysis: Analysis) -> None:
        """Replace everything stored for the document, in one transaction."""
        with self.engine.begin() as conn:
            self._delete(conn, analysis.article.doc_id)
            self._insert(conn, analysis)

    def save_many(self, analyses) -> None:
        """Replace several documents in one transaction: for bulk loads, where one
        commit per document would dominate (ingest commits one by one, to resume)."""
        with self.engine.begin() as conn:
            for a in analyses:
                self._delete(conn, a.article.doc_id)
                self._insert(conn, a)

    def delete(self, doc_id: str) -> None:
        with self.engine.begin() as conn:
            self._delete(conn, doc_id)

    def _delete(self, conn, doc_id: str) -> None:
        if self.dialect == "sqlite":
            conn.execute(text("DELETE FROM sentences_fts WHERE sentences_fts MATCH :m"), {"m": f'doc_id : "{doc_id}"'})
        for table in CHILD_TABLES:  # explicit, so it also holds where cascades are off
            conn.execute(text(f"DELETE FROM {table} WHERE doc_id = :d"), {"d": doc_id})
        conn.execute(text("DELETE FROM documents WHERE doc_id = :d"), {"d": doc_id})

    def _insert(self, conn, a: Analysis) -> None:
        art, p = a.article, a.parsed
        d = art.doc_id
        conn.execute(
            text(
                "INSERT INTO documents (doc_id, source, format, title, description, published, url, source_domain,"
                " language, record_id, body_start, text, n_sentences, n_tokens, warnings, ingested_at) VALUES"
                " (:doc_id, :source, :format, :title, :description, :published, :url, :source_domain, :language,"
                " :record_id, :body_start, :text, :n_sentences, :n_tokens, :warnings, :ingested_at)"
            ),
            {
                "doc_id": d,
                "source": art.source,
                "format": art.format,
                "title": art.title,
                "description": art.description,
                "published": art.published.isoformat() if art.published else None,
                "url": art.url,
                "source_domain": art.source_domain,
                "language": art.language,
                "record_id": art.record_id,
                "body_start": art.body_start,
                "text": art.text,
                "n_sentences": len(p.sentences),
                "n_tokens": len(p.tokens),
                "warnings": json.dumps(list(art.warnings)),
                "ingested_at": _now(),
            },
        )
        st = {s.sentence: s for s in a.sentence_times}
        rows = []
        for s in p.sentences:
            t = st.get(s.index)
            rows.append(
                {
                    "d": d,
                    "i": s.index,
                    "s": s.start,
                    "e": s.end,
                    "t": s.text,
                    "tv": t.value if t else None,
                    "te": t.earliest if t else None,
                    "tl": t.latest if t else None,
                    "tr": t.rule if t else None,
                    "tx": t.timex if t else None,
                }
            )
        self._many(
            conn,
            "INSERT INTO sentences (doc_id, idx, start_char, end_char, text, time_value, time_earliest,"
            " time_latest, time_rule, time_timex) VALUES (:d, :i, :s, :e, :t, :tv, :te, :tl, :tr, :tx)",
            rows,
        )
        if self.dialect == "sqlite":
            self._many(conn, "INSERT INTO sentences_fts (text, doc_id, idx) VALUES (:t, :d, :i)", rows)
        self._many(
            conn,
            "INSERT INTO entities (doc_id, entity_key, name, label, mentions, aliases) VALUES (:d, :k, :n, :l, :m, :a)",
            [
                {
                    "d": d,
                    "k": str(e.key),
                    "n": e.name,
                    "l": e.label,
                    "m": e.mentions,
                    "a": json.dumps(list(e.aliases), ensure_ascii=False),
                }
                for e in p.entities
            ],
        )
        self._many(
            conn,
            "INSERT INTO mentions (doc_id, idx, sentence_idx, start_char, end_char, token_start, token_end,"
            " text, label, entity_key) VALUES (:d, :i, :si, :s, :e, :ts, :te, :t, :l, :k)",
            [
                {
                    "d": d,
                    "i": i,
                    "si": m.sentence,
                    "s": m.start,
                    "e": m.end,
                    "ts": m.token_start,
                    "te": m.token_end,
                    "t": m.text,
                    "l": m.label,
                    "k": str(m.entity),
                }
                for i, m in enumerate(p.mentions)
            ],
        )
        self._many(
            conn,
            "INSERT INTO times (doc_id, idx, sentence_idx, start_char, end_char, text, type, value, mod,"
            " earliest, latest, data) VALUES (:d, :i, :si, :s, :e, :t, :ty, :v, :m, :ea, :la, :data)",
            [
                {
                    "d": d,
                    "i": i,
                    "si": t.sentence,
                    "s": t.start,
                    "e": t.end,
                    "t": t.text,
                    "ty": t.type,
                    "v": t.value,
                    "m": t.mod,
                    "ea": t.earliest,
                    "la": t.latest,
                    "data": serialize.dumps(t),
                }
                for i, t in enumerate(a.times)
            ],
        )
        self._many(
            conn,
            "INSERT INTO places (doc_id, idx, sentence_idx, start_char, end_char, text, name, feature,"
            " country_code, admin1, lat, lon, geonameid, confidence, data) VALUES (:d, :i, :si, :s, :e, :t, :n,"
            " :f, :cc, :a1, :lat, :lon, :g, :c, :data)",
            [
                {
                    "d": d,
                    "i": i,
                    "si": x.sentence,
                    "s": x.start,
                    "e": x.end,
                    "t": x.text,
                    "n": x.name,
                    "f": x.feature,
                    "cc": x.country_code,
                    "a1": x.admin1,
                    "lat": x.lat,
                    "lon": x.lon,
                    "g": x.geonameid,
                    "c": x.confidence,
                    "data": serialize.dumps(x),
                }
                for i, x in enumerate(a.places)
            ],
        )
        self._many(
            conn,
            "INSERT INTO relative_locations (doc_id, idx, sentence_idx, text, data) VALUES (:d, :i, :si, :t, :data)",
            [
                {"d": d, "i": i, "si": r.sentence, "t": r.text, "data": serialize.dumps(r)}
                for i, r in enumerate(a.relative_locations)
            ],
        )
        self._many(
            conn,
            "INSERT INTO quantities (doc_id, idx, sentence_idx, start_char, end_char, text, kind, number,"
            " unit, si_value, si_unit, mod, measures, data) VALUES (:d, :i, :si, :s, :e, :t, :k, :n, :u, :sv, :su,"
            " :m, :me, :data)",
            [
                {
                    "d": d,
                    "i": i,
                    "si": q.sentence,
                    "s": q.start,
                    "e": q.end,
                    "t": q.text,
                    "k": q.kind,
                    "n": q.number,
                    "u": q.unit,
                    "sv": q.si_value,
                    "su": q.si_unit,
                    "m": q.mod,
                    "me": q.measures,
                    "data": serialize.dumps(q),
                }
                for i, q in enumerate(a.quantities)
            ],
        )
        self._many(
            conn,
            "INSERT INTO events (doc_id, idx, sentence_idx, type, status, lemma, trigger, time_value,"
            " time_earliest, time_latest, data) VALUES (:d, :i, :si, :ty, :st, :l, :tr, :tv, :te, :tl, :data)",
            [
                {
                    "d": d,
                    "i": i,
                    "si": e.sentence,
                    "ty": e.type,
                    "st": e.status,
                    "l": e.lemma,
                    "tr": e.trigger,
                    "tv": e.time_value,
                    "te": e.time_earliest,
                    "tl": e.time_latest,
                    "data": serialize.dumps(e),
                }
                for i, e in enumerate(a.events)
            ],
        )
        self._many(
            conn,
            "INSERT INTO event_roles (doc_id, event_idx, role, text, entity_key) VALUES (:d, :i, :r, :t, :k)",
            [
                {"d": d, "i": i, "r": r.name, "t": r.text, "k": str(r.entity) if r.entity else None}
                for i, e in enumerate(a.events)
                for r in e.roles
            ],
        )
        if a.main_event is not None:
            m = a.main_event
            top = lambda c: c[0] if c else None  # noqa: E731
            conn.execute(
                text(
                    "INSERT INTO main_events (doc_id, who, what, when_text, when_value, where_text, why, how, data)"
                    " VALUES (:d, :who, :what, :wt, :wv, :wh, :why, :how, :data)"
                ),
                {
                    "d": d,
                    "who": getattr(top(m.who), "text", None),
                    "what": getattr(top(m.what), "text", None),
                    "wt": getattr(top(m.when), "text", None),
                    "wv": getattr(top(m.when), "value", None),
                    "wh": getattr(top(m.where), "text", None),
                    "why": getattr(top(m.why), "text", None),
                    "how": getattr(top(m.how), "text", None),
                    "data": serialize.dumps(m),
                },
            )

    @staticmethod
    def _many(conn, sql: str, rows: list[dict]) -> None:
        if rows:
            conn.execute(text(sql), rows)

    # -- reading --------------------------------------------------------------
    def query(self, sql: str, **params) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(sql), params)]

    def doc_ids(self) -> list[str]:
        return [r["doc_id"] for r in self.query("SELECT doc_id FROM documents ORDER BY published, source")]

    def documents(self) -> list[dict]:
        return self.query(
            "SELECT doc_id, source, format, title, published, record_id, n_sentences, n_tokens, "
            "(SELECT COUNT(*) FROM mentions m WHERE m.doc_id = documents.doc_id) AS n_mentions "
            "FROM documents ORDER BY published, source"
        )

    def resolve_doc(self, ref: str) -> str:
        """A document by full id, id prefix, record id, or source path / file name."""
        ref = str(ref).strip()
        rows = self.query("SELECT doc_id FROM documents WHERE doc_id = :r OR record_id = :r OR source = :r", r=ref)
        if not rows and ref:
            rows = self.query("SELECT doc_id FROM documents WHERE doc_id LIKE :p", p=ref + "%")
        if not rows and ref:
            base = os.path.basename(ref)
            # a file name or the start of one ("000_fde2"), as a user would type it
            rows = self.query(
                "SELECT doc_id FROM documents WHERE record_id LIKE :r OR source LIKE :p",
                r=base + "%",
                p="%" + base + "%",
            )
        ids = sorted({r["doc_id"] for r in rows})
        if len(ids) != 1:
            what = (
                f"document {ref!r}"
                if not ids
                else f"a single document for {ref!r} ({len(ids)} match; give more of the id)"
            )
            raise NotFound(what)
        return ids[0]

    def article(self, doc_id: str) -> Article:
        rows = self.query("SELECT * FROM documents WHERE doc_id = :d", d=doc_id)
        if not rows:
            raise NotFound(f"document {doc_id!r}")
        r = rows[0]
        return Article(
            doc_id=r["doc_id"],
            text=r["text"],
            source=r["source"],
            published=date.fromisoformat(r["published"]) if r["published"] else None,
            title=r["title"],
            description=r["description"],
            body_start=r["body_start"],
            url=r["url"],
            source_domain=r["source_domain"],
            language=r["language"],
            record_id=r["record_id"],
            format=r["format"],
            warnings=tuple(json.loads(r["warnings"] or "[]")),
        )

    def load_analysis(self, doc_id: str) -> Analysis:
        """Everything stored for a document, rebuilt as the pipeline made it (without tokens)."""
        art = self.article(doc_id)
        q = lambda sql: self.query(sql, d=doc_id)  # noqa: E731
        sents = q("SELECT * FROM sentences WHERE doc_id = :d ORDER BY idx")
        sentences = tuple(Sentence(r["idx"], r["start_char"], r["end_char"], r["text"], 0, 0) for r in sents)
        stimes = tuple(
            SentenceTime(
                r["idx"], r["time_value"], r["time_earliest"], r["time_latest"], r["time_rule"], r["time_timex"]
            )
            for r in sents
            if r["time_rule"] is not None
        )
        mentions = tuple(
            Mention(
                r["start_char"],
                r["end_char"],
                r["text"],
                r["label"],
                r["sentence_idx"],
                r["token_start"],
                r["token_end"],
                EntityKey.parse(r["entity_key"]),
            )
            for r in q("SELECT * FROM mentions WHERE doc_id = :d ORDER BY idx")
        )
        entities = tuple(
            Entity(
                EntityKey.parse(r["entity_key"]), r["name"], r["label"], r["mentions"], tuple(json.loads(r["aliases"]))
            )
            for r in q("SELECT * FROM entities WHERE doc_id = :d ORDER BY mentions DESC, name")
        )
        load = lambda cls, table: tuple(  # noqa: E731
            serialize.loads(cls, r["data"]) for r in q(f"SELECT data FROM {table} WHERE doc_id = :d ORDER BY idx")
        )
        main = q("SELECT data FROM main_events WHERE doc_id = :d")
        return Analysis(
            parsed=ParsedDoc(art, (), sentences, mentions, entities),
            times=load(TimeValue, "times"),
            sentence_times=stimes,
            places=load(Place, "places"),
            relative_locations=load(RelativeLocation, "relative_locations"),
            quantities=load(Quantity, "quantities"),
            events=load(Event, "events"),
            main_event=serialize.loads(MainEvent, main[0]["data"]) if main else None,
        )


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def open_store(db: str) -> Store:
    return Store(db)
