"""Build the store's frozen compression data from a development store (run once per version).

    .venv/bin/python bench/store_dictionaries.py --db STORE            # every file, anew
    .venv/bin/python bench/store_dictionaries.py --db STORE --append   # dictionaries for new records only
    .venv/bin/python bench/store_dictionaries.py --db STORE --renew Event --renew Place  # a newer one

Writes two files the store reads from then on, and that must never change for a
version already written (a new version is appended instead):

- ``src/dateline/data/record_dictionaries.json``: per record class, a deflate preset
  dictionary of the record's JSON *shape* -- its keys, its categorical values (types,
  statuses, role names, features, units) and numbers zeroed; free text is blanked, so no
  article text goes into the repository. Stored records are deflated against it.
  Since 0015 it also holds ``SentenceTokens``: stored sentences' token columns (encoding 3)
  with their lemmas and own texts left out, only label numbers, widths and heads kept.
  ``EntityContribution`` and ``SentenceTokens`` were built with ``--append`` from a store of
  the TimeLine trial corpus (`dateline eval timeline --keep`), not from the Giveme5W1H texts
  that bench/size.py measures, so that its figure is not one of the dictionary's own texts.
  ``--renew`` appends a newer dictionary for a record class from the store's records as the store
  now leaves them (store/columns.py's lean JSON): ``Event`` and ``Place`` since 0019, from the same
  TimeLine-corpus store.
  ``SentenceTokens4`` (since 0018, from the same corpus) is bytes, kept as base64: the
  sentences' token bodies of encoding 4 with their words (the JSON tail) left out.
- ``src/dateline/store/data/token_labels.yaml``: the spaCy label sets (POS, tag, dep,
  entity type), most frequent first, so that stored tokens carry small label numbers.
"""

from __future__ import annotations

import argparse
import collections
import json
import sqlite3
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DICTIONARIES = ROOT / "src" / "dateline" / "data" / "record_dictionaries.json"
LABELS = ROOT / "src" / "dateline" / "store" / "data" / "token_labels.yaml"
# (table, record class) whose `data` column is packed
TABLES = (
    ("events", "Event"),
    ("places", "Place"),
    ("times", "TimeValue"),
    ("quantities", "Quantity"),
    ("relative_locations", "RelativeLocation"),
    ("main_events", "MainEvent"),
    ("entity_members", "EntityContribution"),  # since 0015
)
# Fields whose values are a closed set (kept in the dictionary); every other string is blanked.
CATEGORICAL = {
    "type", "status", "feature", "country_code", "granularity", "mod", "rule", "time_rule", "kind",
    "unit", "si_unit", "relation", "moment", "bearing", "label",
}  # fmt: skip
ROLE_NAME = ("roles", "[]", "name")
MAX_DICTIONARY = 32768  # deflate's window: a longer dictionary is cut from the front


def _shape(o, path=()):
    if isinstance(o, dict):
        return {k: _shape(v, (*path, k)) for k, v in o.items()}
    if isinstance(o, list):
        return [_shape(v, (*path, "[]")) for v in o]
    if isinstance(o, str):
        return o if (path and path[-1] in CATEGORICAL) or path[-3:] == ROLE_NAME else ""
    if isinstance(o, bool) or o is None:
        return o
    return 0


def _contribution_shape(o):
    """An entity member's contribution: the alias kinds and type labels are its closed sets."""
    return {
        "aliases": [[a[0], "", "", 0] for a in o["aliases"]],
        "labels": [[label, 0] for label, _ in o["labels"]],
        "name": "",
        "label": o["label"],
    }


def dictionary(rows: list[str], record: str = "") -> str:
    """The most common record shapes, most common last (deflate reaches the end of its
    dictionary with the shortest distances)."""
    shape = _contribution_shape if record == "EntityContribution" else _shape
    shapes = collections.Counter(
        json.dumps(shape(json.loads(r)), ensure_ascii=False, separators=(",", ":")) for r in rows
    )
    out = ""
    for s, _ in shapes.most_common():
        if len(out) + len(s) > MAX_DICTIONARY:
            break
        out = s + out
    return out


def lean_rows(db: sqlite3.Connection, table: str) -> list[str]:
    """The stored records of ``table`` as the store leaves them now (a store of this version's layout)."""
    from dateline import serialize
    from dateline.store import columns

    db.row_factory = sqlite3.Row
    roles: dict[tuple[int, int], list[dict]] = {}
    if table == "events":
        for r in db.execute(
            "SELECT doc_key, event_idx, role, text, entity_key FROM event_roles ORDER BY doc_key, event_idx, idx"
        ):
            roles.setdefault((r["doc_key"], r["event_idx"]), []).append(dict(r))
    out = []
    for r in db.execute(f"SELECT {columns.select(table)} FROM {table}"):
        row = dict(r)
        value = json.loads(serialize.unpack_json(bytes(row["data"])))
        out.append(columns.lean_json(table, value, row, roles.get((row["doc_key"], row["idx"]), ())))
    db.row_factory = None
    return out


def _token_columns(blob: bytes) -> dict | None:
    """A stored sentence's token columns (encoding 2 or 3), or None for encoding 1."""
    import zlib

    from dateline import serialize

    if blob[:1] == b"\x02":
        return json.loads(zlib.decompress(blob[1:], -15))
    if blob[:1] == b"\x03":
        return json.loads(serialize.inflate(blob[1], blob[2:]))
    return None


def token_dictionary(db: sqlite3.Connection) -> str:
    """Sentences' token columns without their words (lemmas, own texts, unlisted labels),
    as many as fit, in store order."""
    out = ""
    for (blob,) in db.execute("SELECT tokens FROM sentences WHERE tokens IS NOT NULL ORDER BY doc_id, idx"):
        cols = _token_columns(bytes(blob))
        if cols is None:
            continue
        cols = {k: v for k, v in cols.items() if k not in ("x", "u")} | {"l": [None] * len(cols["l"])}
        shape = json.dumps(cols, separators=(",", ":"))
        if len(out) + len(shape) > MAX_DICTIONARY:
            break
        out = shape + out
    return out


def token_bytes_dictionary(db: sqlite3.Connection) -> str:
    """Encoding 4's bodies of the stored sentences without their words, as many as fit
    (the latest sentences last), base64."""
    import base64

    from dateline.store import token_bytes, tokens
    from dateline.types import Sentence

    out = b""
    rows = db.execute(
        "SELECT idx, start_char, end_char, text, token_start, token_end, tokens FROM sentences "
        "WHERE tokens IS NOT NULL ORDER BY rowid"
    )
    for idx, start, end, text, t0, t1, blob in rows:
        s = Sentence(idx, start, end, text, t0, t1)
        toks, chunks = tokens.decode(bytes(blob), s)
        numbers, _ = token_bytes.parts(toks, s, chunks)  # the other part holds the words
        if len(out) + len(numbers) > MAX_DICTIONARY:
            break
        out = numbers + out
    return base64.b64encode(out).decode("ascii")


def token_labels(db: sqlite3.Connection) -> dict[str, list[str]]:
    import zlib

    counts: dict[str, collections.Counter] = {k: collections.Counter() for k in "ptdn"}
    for (blob,) in db.execute("SELECT tokens FROM sentences WHERE tokens IS NOT NULL"):
        cols = json.loads(zlib.decompress(blob))
        for k in "ptdn":
            counts[k].update(cols[k])
    from dateline.nlp import load_pipeline

    nlp = load_pipeline()
    model = {
        "t": list(nlp.get_pipe("tagger").labels),
        "d": list(nlp.get_pipe("parser").labels),
        "n": list(nlp.get_pipe("ner").labels),
        "p": [
            "ADJ",
            "ADP",
            "ADV",
            "AUX",
            "CCONJ",
            "DET",
            "INTJ",
            "NOUN",
            "NUM",
            "PART",
            "PRON",
            "PROPN",
            "PUNCT",
            "SCONJ",
            "SYM",
            "VERB",
            "X",
            "SPACE",
        ],
    }
    out = {}
    for key, name in (("p", "pos"), ("t", "tag"), ("d", "dep"), ("n", "ent_type")):
        seen = [lab for lab, _ in counts[key].most_common()]
        out[name] = seen + [lab for lab in sorted(set(model[key]) | {""}) if lab not in seen]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--append", action="store_true", help="only add dictionaries for records that have none")
    ap.add_argument("--renew", action="append", default=[], help="append a newer dictionary for this record class")
    args = ap.parse_args()
    db = sqlite3.connect(args.db)
    dicts = json.loads(DICTIONARIES.read_text(encoding="utf-8"))["dictionaries"] if args.append or args.renew else []
    for cls in args.renew:
        table = next(t for t, c in TABLES if c == cls)
        dicts.append({"id": len(dicts) + 1, "record": cls, "dictionary": dictionary(lean_rows(db, table), cls)})
    for table, cls in TABLES:
        if any(d["record"] == cls for d in dicts):
            continue  # frozen: stored records refer to it by number
        rows = [r[0] for r in db.execute(f"SELECT data FROM {table}") if isinstance(r[0], str)]
        dicts.append({"id": len(dicts) + 1, "record": cls, "dictionary": dictionary(rows, cls)})
    if not any(d["record"] == "SentenceTokens" for d in dicts):
        dicts.append({"id": len(dicts) + 1, "record": "SentenceTokens", "dictionary": token_dictionary(db)})
    if not any(d["record"] == "SentenceTokens4" for d in dicts):
        entry = {"id": len(dicts) + 1, "record": "SentenceTokens4", "dictionary": token_bytes_dictionary(db)}
        dicts.append(entry | {"base64": True})
    DICTIONARIES.write_text(json.dumps({"version": 1, "dictionaries": dicts}, ensure_ascii=False, indent=1) + "\n")
    if args.append or args.renew:
        print(f"wrote {DICTIONARIES}")
        return 0
    labels = token_labels(db)
    head = "# Frozen: stored tokens (encoding 2) refer to these labels by position. Append only.\n"
    LABELS.write_text(head + yaml.safe_dump(labels, default_flow_style=None, width=120, sort_keys=False))
    print(f"wrote {DICTIONARIES} ({sum(len(d['dictionary']) for d in dicts)} chars) and {LABELS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
