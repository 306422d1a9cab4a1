"""NewsReader CAT XML (MEANTIME, SemEval-2015 Task 4 TimeLine): tokens, markables, and the text.

A CAT document lists its tokens (``<token t_id sentence number>``), then
``<Markables>`` anchored to token ids (``<token_anchor t_id>``) and ``<Relations>``
between markables (``<source m_id>`` -> ``<target m_id>``).

The tokens carry no spacing, so the running text is rebuilt from them
(:func:`rebuild`): sentence 0 is the title, its own paragraph, as ingest writes a
title; the other sentences follow, one per line, each token separated by a space
except where ``data/cat.yaml`` says the token is written against its neighbour
("Apple 's" -> "Apple's"). Every token's character offsets into that text are
recorded, so a span found by Dateline maps back to the annotated tokens exactly.

:func:`ingest_documents` stores such documents through the normal ingest path: one
news-please JSON record each (``title`` = sentence 0, ``text`` = the other
sentences, ``date_publish`` = the creation time, ``dId`` = the CAT ``doc_id``), read
by the usual reader, analysed and saved by ``batch.ingest``. It then checks that the
stored text is the rebuilt text, character for character.
"""

from __future__ import annotations

import contextlib
import functools
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import config, serialize
from ..errors import BadGoldData
from ..store.doc_text import text_of

DATA = Path(__file__).parent / "data" / "cat.yaml"
TITLE_SEPARATOR = "\n\n"  # what make_article puts between a title and its body


@dataclass(frozen=True, slots=True)
class CatLayout:
    attach_left: frozenset[str]
    attach_right: frozenset[str]
    quotes: frozenset[str]
    sentence_separator: str


@functools.cache
def layout() -> CatLayout:
    return config.load(CatLayout, DATA)


config.register(DATA, layout)


@dataclass(frozen=True, slots=True)
class CatToken:
    t_id: int
    sentence: int
    number: int
    text: str
    start: int  # character offsets into CatDocument.text (end exclusive)
    end: int


@dataclass(frozen=True, slots=True)
class CatMarkable:
    """One element of ``<Markables>``: a mention (anchored to tokens) or an instance (no tokens)."""

    tag: str  # ENTITY_MENTION, EVENT_MENTION, TIMEX3, ENTITY, EVENT, ...
    m_id: str
    t_ids: tuple[int, ...]
    attrs: tuple[tuple[str, str], ...]

    def attr(self, name: str, default: str = "") -> str:
        return next((v for k, v in self.attrs if k == name), default)


@dataclass(frozen=True, slots=True)
class CatRelation:
    tag: str  # REFERS_TO, HAS_PARTICIPANT, TLINK, ...
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CatDocument:
    doc_id: str
    name: str
    path: str
    tokens: tuple[CatToken, ...]
    text: str
    title: str | None
    body: str
    creation_time: str | None  # YYYY-MM-DD of the CREATION_TIME TIMEX3
    markables: tuple[CatMarkable, ...]
    relations: tuple[CatRelation, ...]

    def token_map(self) -> dict[int, CatToken]:
        return {t.t_id: t for t in self.tokens}


def _clean(text: str | None) -> str:
    """A token as it can appear in stored text: NFC, no inner runs of white space."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _joins(prev: str | None, tok: str, open_quote: bool, lay: CatLayout) -> bool:
    """Whether ``tok`` is written without a space after ``prev``."""
    if prev is None:
        return False
    if tok in lay.quotes:
        return open_quote  # a closing quote hugs the word before it
    if tok in lay.attach_left:
        return True
    if prev in lay.quotes:
        return open_quote  # the quote before was an opening one: it hugs this word
    return prev in lay.attach_right


def _sentence_text(words: list[str], lay: CatLayout) -> tuple[str, list[int]]:
    """One sentence's text and each token's start offset in it."""
    out: list[str] = []
    starts: list[int] = []
    pos, open_quote, prev = 0, False, None
    for w in words:
        joined = _joins(prev, w, open_quote, lay)
        if prev is not None and not joined:
            out.append(" ")
            pos += 1
        starts.append(pos)
        out.append(w)
        pos += len(w)
        if w in lay.quotes:
            open_quote = not open_quote
        prev = w
    return "".join(out), starts


def rebuild(raw: list[tuple[int, int, int, str]]) -> tuple[str, str | None, str, tuple[CatToken, ...]]:
    """(t_id, sentence, number, text) rows -> (text, title, body, tokens with offsets)."""
    lay = layout()
    by_sent: dict[int, list[tuple[int, int, int, str]]] = {}
    for row in sorted(raw, key=lambda r: (r[1], r[2], r[0])):
        by_sent.setdefault(row[1], []).append(row)
    texts: dict[int, tuple[str, list[int]]] = {
        s: _sentence_text([_clean(r[3]) for r in rows], lay) for s, rows in by_sent.items()
    }
    order = sorted(by_sent)
    title_sent = 0 if 0 in by_sent and len(order) > 1 else None
    body_sents = [s for s in order if s != title_sent]
    title = texts[title_sent][0] if title_sent is not None else None
    base: dict[int, int] = {}
    pos = len(title) + len(TITLE_SEPARATOR) if title is not None else 0
    if title_sent is not None:
        base[title_sent] = 0
    for k, s in enumerate(body_sents):
        pos += len(lay.sentence_separator) if k else 0
        base[s] = pos
        pos += len(texts[s][0])
    body = lay.sentence_separator.join(texts[s][0] for s in body_sents)
    text = (title + TITLE_SEPARATOR + body) if title is not None else body
    tokens = tuple(
        CatToken(r[0], r[1], r[2], _clean(r[3]), base[s] + st, base[s] + st + len(_clean(r[3])))
        for s, rows in by_sent.items()
        for r, st in zip(rows, texts[s][1], strict=True)
    )
    return text, title, body, tuple(sorted(tokens, key=lambda t: t.start))


def _markable(el: ET.Element) -> CatMarkable:
    t_ids = tuple(int(a.get("t_id", "0")) for a in el.findall("token_anchor"))
    attrs = tuple(sorted((k, v) for k, v in el.attrib.items() if k != "m_id"))
    return CatMarkable(el.tag, el.get("m_id", ""), t_ids, attrs)


def _relation(el: ET.Element) -> CatRelation:
    return CatRelation(
        el.tag,
        tuple(s.get("m_id", "") for s in el.findall("source")),
        tuple(t.get("m_id", "") for t in el.findall("target")),
    )


def _creation_time(markables: tuple[CatMarkable, ...]) -> str | None:
    for m in markables:
        if m.tag == "TIMEX3" and m.attr("functionInDocument") == "CREATION_TIME":
            value = m.attr("value")
            return value[:10] if len(value) >= 10 and value[:4].isdigit() else None
    return None


def read_cat(path: str | Path) -> CatDocument:
    """One CAT XML file (raises BadGoldData when it is not one)."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise BadGoldData(f"{path}: {exc}") from None
    raw = [
        (int(t.get("t_id", "0")), int(t.get("sentence", "0")), int(t.get("number", "0")), t.text or "")
        for t in root.iter("token")
    ]
    if not raw:
        raise BadGoldData(f"{path}: no <token> elements (not a CAT file)")
    text, title, body, tokens = rebuild(raw)
    mk = root.find("Markables")
    rel = root.find("Relations")
    markables = tuple(_markable(e) for e in mk) if mk is not None else ()
    relations = tuple(_relation(e) for e in rel) if rel is not None else ()
    return CatDocument(
        doc_id=root.get("doc_id") or path.stem.split("_")[0].split("-")[0],
        name=root.get("doc_name") or path.stem,
        path=str(path),
        tokens=tokens,
        text=text,
        title=title,
        body=body,
        creation_time=_creation_time(markables),
        markables=markables,
        relations=relations,
    )


def read_cat_dir(folder: str | Path, limit: int | None = None) -> list[CatDocument]:
    """Every ``*.xml`` CAT file in ``folder``, in name order (the first ``limit`` of them)."""
    folder = Path(folder)
    files = sorted(folder.glob("*.xml")) if folder.is_dir() else [folder] if folder.exists() else []
    if not files:
        raise BadGoldData(f"{folder}: no CAT .xml files")
    return [read_cat(p) for p in files[:limit]]


def _record(doc: CatDocument) -> dict:
    rec: dict[str, str] = {"dId": doc.doc_id, "text": doc.body}
    if doc.title is not None:
        if doc.body.startswith(doc.title):  # ingest would not repeat such a title: give it the whole text
            rec["text"] = doc.text
        rec["title"] = doc.title
    if doc.creation_time:
        rec["date_publish"] = doc.creation_time
    return rec


def ingest_documents(
    docs: list[CatDocument], db: str, on_progress: Callable[[int, int], None] | None = None
) -> dict[str, str]:
    """Ingest CAT documents into the store at ``db``; returns CAT doc_id -> Dateline doc_id."""
    from ..batch import ingest
    from ..store import open_store

    store = open_store(db)
    with tempfile.TemporaryDirectory(prefix="dateline-cat-") as tmp:
        for k, d in enumerate(docs):
            Path(tmp, f"{k:04d}.json").write_text(serialize.dumps(_record(d)), encoding="utf-8")
        report = ingest(store, [tmp], on_progress=(lambda r, n: on_progress(r.analysed, n)) if on_progress else None)
    if report.failed:
        raise BadGoldData("; ".join(e.line() for e in report.failed))
    return _check_stored(store, docs)


def stored_ids(store, docs: list[CatDocument]) -> dict[str, str]:
    """CAT doc id -> Dateline doc id, for the documents stored with exactly the rebuilt text."""
    out: dict[str, str] = {}
    for d in docs:
        rows = store.query("SELECT doc_id, text, text_gaps FROM documents WHERE record_id = :r", r=d.doc_id)
        match = [r["doc_id"] for r in rows if text_of(store.query, r) == d.text]
        if match:
            out[d.doc_id] = match[0]
    return out


def _check_stored(store, docs: list[CatDocument]) -> dict[str, str]:
    """Dateline doc ids by CAT doc id, after checking each stored text is the rebuilt one."""
    out = stored_ids(store, docs)
    for d in docs:
        if d.doc_id not in out:
            raise BadGoldData(f"{d.path}: the stored text differs from the text rebuilt from its tokens")
    return out


@contextlib.contextmanager
def store_path(keep: str | None, name: str) -> Iterator[str]:
    """The store an evaluation ingests into: ``keep`` when given (left in place), else a temporary file."""
    if keep:
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="dateline-eval-") as tmp:
        yield str(Path(tmp) / name)
