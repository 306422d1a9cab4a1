"""Hostile inputs for ingest, and the checks a store must pass after them.

:func:`cases` gives every input class the hardening issue lists (each named, with
what must happen to it); :func:`mutants` makes random mutations of real articles
(byte flips, truncation, control and bidi characters, zero-width joiners, emoji,
huge tokens, repeated punctuation). :func:`check_run` ingests a folder of them
through the real command and reports every broken promise: a traceback, a file
with no outcome or more than one error line, a good file not stored, a store that
fails ``PRAGMA integrity_check``, search rows that do not match the sentences.

Used by ``tests/fuzz`` (a fixed-seed sample in CI) and ``bench/fuzz.py`` (``make fuzz``).
"""

from __future__ import annotations

import codecs
import json
import random
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

GOOD, BAD, ANY = "good", "bad", "any"  # must be stored / must fail with one line / either


@dataclass(frozen=True)
class Hostile:
    name: str  # file name, suffix included
    data: bytes
    expect: str  # GOOD, BAD or ANY


def _sentence(tag: str) -> str:
    return f"Officials in Geneva said on Monday that talks on case {tag} would resume next week."


def _article(tag: str) -> str:
    return " ".join(_sentence(f"{tag}-{k}") for k in range(3))


def _js(obj: object) -> bytes:
    return json.dumps(obj).encode("utf-8")


def _record(tag: str, **fields: object) -> dict:
    return {"title": f"Talks resume {tag}", "text": _article(tag), "date_publish": "2023-09-12", **fields}


def _json_cases(tag: str) -> Iterator[Hostile]:
    body = _article(tag)
    yield Hostile(
        "surrogate_text.json", f'{{"text": "{body} \\ud800 end.", "date_publish": "2023-09-12"}}'.encode(), GOOD
    )
    yield Hostile("surrogate_title.json", f'{{"title": "A \\udfff", "text": "{body}"}}'.encode(), GOOD)
    yield Hostile("surrogate_did.json", f'{{"dId": "x\\ud800y", "text": "{body}"}}'.encode(), GOOD)
    yield Hostile("nested.json", b"[" * 100_000 + b"]" * 100_000, BAD)
    yield Hostile("bignum.json", f'{{"text": "{body}", "n": {"9" * 5000}}}'.encode(), GOOD)
    wrong: tuple[tuple[str, object], ...] = (("dId", {"a": 1}), ("url", [1, 2]), ("language", {"x": "en"}))
    for key, value in (*wrong, ("source_domain", ["a.com"])):
        yield Hostile(f"field_{key}.json", _js(_record(f"{tag}{key}", **{key: value})), GOOD)
    not_text: tuple[tuple[str, object], ...] = (("list", ["a", "b"]), ("object", {"a": "b"}), ("number", 42))
    for key, value in not_text:
        yield Hostile(f"text_{key}.json", _js({"text": value}), BAD)
    yield Hostile("empty_list.json", b"[]", BAD)
    yield Hostile("did_300.json", _js(_record(f"{tag}d300", dId="d" * 300)), GOOD)
    pretty = json.dumps(_record(f"{tag}pretty"), indent=2).replace('",\n  "text"', '"\n  "text"', 1)
    yield Hostile("pretty_error.json", pretty.encode(), BAD)


def _date_cases(tag: str) -> Iterator[Hostile]:
    rel = " Yesterday it rained; tomorrow it will snow, and last week it was dry."
    yield Hostile("date_9999.json", _js(_record(f"{tag}9", date_publish="9999-12-31", text=_article(tag) + rel)), BAD)
    yield Hostile("date_0001.txt", f" date 0001-01-01 {_article(tag + 'a')}{rel}".encode(), BAD)


def _text_cases(tag: str) -> Iterator[Hostile]:
    yield Hostile("huge.txt", (" date 2023-09-12 " + "Word " * 210_000).encode(), BAD)
    yield Hostile("bracket.txt", f"[Reuters] {_article(tag + 'b')}".encode(), GOOD)
    yield Hostile("brace.txt", f"{{Updated}} {_article(tag + 'c')}".encode(), GOOD)
    yield Hostile("utf16_nobom.txt", f" date 2023-09-12 {_article(tag + 'u')}".encode("utf-16-le"), GOOD)
    yield Hostile("utf32_bom.txt", codecs.BOM_UTF32_LE + _article(tag + "v").encode("utf-32-le"), GOOD)
    mixed = f"Kim’s train “went” north.\n\n{_article(tag + 'm')}\n\n".encode() + "Café à Genève.".encode("latin-1")
    yield Hostile("latin1_paragraph.txt", mixed, GOOD)
    html = (
        "<!doctype html><html><head><title>Talks</title></head><body><article><p>"
        + _article(tag + "h")
        + " The accord was first signed in 2007 and renewed in 2016.</p></article></body></html>"
    )
    yield Hostile("no_date.html", html.encode(), GOOD)
    yield Hostile("empty.txt", b"   \n", BAD)
    yield Hostile("binary.txt", bytes(range(256)) * 8, BAD)


def cases(tag: str = "0") -> list[Hostile]:
    """Every input class the hardening issue lists, each once."""
    return [*_json_cases(tag), *_date_cases(tag), *_text_cases(tag)]


# -- random mutations of real articles ---------------------------------------------
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
EMOJI = "\U0001f600\U0001f1fa\U0001f1e6\U0001f469\u200d\U0001f52c\u2764\ufe0f\U0001f3f3\ufe0f\u200d\U0001f308"
PUNCT = "!?.,;:'\"’“”()[]{}-–—…*#@/\\"
CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\n\r\t") + "\x7f"


def _insert(rng: random.Random, text: str, piece: str) -> str:
    k = rng.randrange(len(text) + 1)
    return text[:k] + piece + text[k:]


def _sprinkle(chars: str) -> Callable[[random.Random, str], str]:
    def mutate(rng: random.Random, text: str) -> str:
        for _ in range(rng.randint(1, 20)):
            text = _insert(rng, text, "".join(rng.choice(chars) for _ in range(rng.randint(1, 4))))
        return text

    return mutate


def _huge_token(rng: random.Random, text: str) -> str:
    unit = rng.choice(["7", "'", "!?", "a", "’", "-", "x'", "1,", ".", "ab12"])
    return _insert(rng, text, " " + unit * rng.randint(500, 20_000) + " ")


def _repeat_punct(rng: random.Random, text: str) -> str:
    return _insert(rng, text, rng.choice(PUNCT) * rng.randint(50, 5000))


def _repeat_word(rng: random.Random, text: str) -> str:
    return _insert(rng, text, " " + (rng.choice(["war ", "Putin ", "said ", "the ", "1 "]) * rng.randint(50, 3000)))


def _tiny_sentences(rng: random.Random, text: str) -> str:
    return _insert(rng, text, " " + "It rained. " * rng.randint(50, 2000))


# Text mutations that leave an article that must be stored.
TEXT_MUTATIONS: dict[str, Callable[[random.Random, str], str]] = {
    "bidi": _sprinkle(BIDI),
    "zero_width": _sprinkle(ZERO_WIDTH),
    "emoji": _sprinkle(EMOJI),
    "controls": _sprinkle(CONTROLS[1:6]),  # a NUL byte makes a text file binary, rightly
    "huge_token": _huge_token,
    "repeat_punct": _repeat_punct,
    "repeat_word": _repeat_word,
    "tiny_sentences": _tiny_sentences,
}


def _flip_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        k = rng.randrange(len(b))
        b[k] = rng.randrange(256)
    return bytes(b)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


# Byte mutations after which the file may or may not hold an article.
BYTE_MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {"flip": _flip_bytes, "truncate": _truncate}


def _wrap(rng: random.Random, text: str, tag: str) -> tuple[str, bytes]:
    """The text in one of the input formats, with a marker that makes it unique."""
    text = f"{text}\n\nReference {tag}."
    fmt = rng.choice(["txt", "json", "jsonl", "html"])
    if fmt == "txt":
        return ".txt", f" date 2023-09-{rng.randint(10, 28)} {text}".encode()
    if fmt == "json":
        return ".json", _js({"title": f"Report {tag}", "maintext": text, "date_publish": "2023-09-12", "dId": tag})
    if fmt == "jsonl":
        return ".jsonl", _js({"text": text, "date_publish": "2023-09-12T08:00:00"}) + b"\n"
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    page = f"<html><head><title>Report {tag}</title></head><body><article>{paras}</article></body></html>"
    return ".html", page.encode()


def mutants(rng: random.Random, bases: list[str], n: int, prefix: str = "m") -> Iterator[Hostile]:
    """``n`` random mutations of the article texts ``bases``."""
    names = sorted(TEXT_MUTATIONS)
    for k in range(n):
        tag = f"{prefix}{k}"
        text = rng.choice(bases)
        applied = rng.sample(names, rng.randint(1, 2))
        for name in applied:
            text = TEXT_MUTATIONS[name](rng, text)
        suffix, data = _wrap(rng, text, tag)
        expect = GOOD
        if rng.random() < 0.3:
            data = BYTE_MUTATIONS[rng.choice(sorted(BYTE_MUTATIONS))](rng, data)
            expect = ANY
        yield Hostile(f"{tag}_{'_'.join(applied)}{suffix}", data, expect)


def base_texts(folder: Path) -> list[str]:
    """Article texts to mutate: the bodies of the example articles, read by Dateline."""
    from ..ingest import read_path

    return [a.text for a in read_path(folder) if not hasattr(a, "code")]


# -- checking a run ------------------------------------------------------------------
@dataclass
class RunReport:
    files: int = 0
    good: int = 0
    stored_files: int = 0
    failed_files: int = 0
    error_lines: int = 0
    tracebacks: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: RunReport) -> None:
        for k in ("files", "good", "stored_files", "failed_files", "error_lines", "tracebacks"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.problems.extend(other.problems)


def write_files(folder: Path, items: list[Hostile]) -> dict[str, Hostile]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for h in items:
        path = folder / h.name
        path.write_bytes(h.data)
        out[str(path)] = h
    return out


def _search_problems(conn: sqlite3.Connection) -> list[str]:
    """The search index against its content (the sentences): FTS5's own integrity check with
    rank 1 compares every indexed token with the content table."""
    try:
        conn.execute("INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        return [f"search index does not match the sentences ({exc})"]
    return []


def store_problems(db: str) -> list[str]:
    """What is wrong with a SQLite store after a run: integrity, search rows, orphans."""
    conn = sqlite3.connect(db)
    try:
        problems = []
        check = conn.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            problems.append(f"integrity_check: {check[:3]}")
        problems += _search_problems(conn)
        orphans = conn.execute(
            "SELECT COUNT(*) FROM sentences s LEFT JOIN documents d ON d.doc_id = s.doc_id WHERE d.doc_id IS NULL"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} sentences without their document")
        return problems
    finally:
        conn.close()


def check_run(folder: Path, files: dict[str, Hostile], db: str) -> RunReport:
    """Ingest ``folder`` with the real command and check every promise about it."""
    from click.testing import CliRunner

    from ..cli.main import cli

    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "--json", "-q"])
    rep = RunReport(files=len(files), good=sum(h.expect == GOOD for h in files.values()))
    if result.exception is not None and not isinstance(result.exception, SystemExit) or "Traceback" in result.output:
        rep.tracebacks += 1
        rep.problems.append(f"traceback: {result.exception!r}")
        return rep
    report = json.loads(result.stdout)
    _account(files, report, db, rep)
    rep.problems.extend(store_problems(db))
    if result.exit_code != (1 if report["failed"] else 0):
        rep.problems.append(f"exit code {result.exit_code} with {len(report['failed'])} failure(s)")
    return rep


def _account(files: dict[str, Hostile], report: dict, db: str, rep: RunReport) -> None:
    """Each file stored or failed (one line), good files stored, nothing else."""
    from ..ingest import read_path

    failed: dict[str, int] = {}
    for f in report["failed"]:
        path = f["source"].split("#", 1)[0]
        failed[path] = failed.get(path, 0) + 1
        if not f["error"].startswith("[E"):
            rep.problems.append(f"uncoded error line: {f['error'][:80]}")
    rep.error_lines = len(report["failed"])
    conn = sqlite3.connect(db)
    stored = {r[0] for r in conn.execute("SELECT doc_id FROM documents")}
    conn.close()
    for path, h in files.items():
        arts = [a for a in read_path(path) if not hasattr(a, "code")]
        ok = bool(arts) and all(a.doc_id in stored for a in arts)
        rep.stored_files += ok
        rep.failed_files += path in failed
        _judge(path, h, ok, failed.get(path, 0), rep)


def _judge(path: str, h: Hostile, stored: bool, n_failed: int, rep: RunReport) -> None:
    name = Path(path).name
    if h.expect == GOOD and (not stored or n_failed):
        rep.problems.append(f"good file not stored: {name} ({n_failed} error line(s))")
    elif h.expect == BAD and (stored or n_failed != 1):
        rep.problems.append(f"bad file {name}: stored={stored}, {n_failed} error line(s) (expected one)")
    elif not stored and n_failed == 0:
        rep.problems.append(f"file with no outcome: {name}")
    elif n_failed > 1 and not name.endswith(".jsonl"):
        rep.problems.append(f"{n_failed} error lines for one file: {name}")
