"""Cross-document entities: per-document entities merged into canonical ones.

Rules (data in ``data/entities.yaml``):
- people: the same normalized full name is one person ("Kim Jong Un" = "Kim
  Jong-un"); a bare name ("Kim") left unresolved inside its own document joins a
  full name only when that full name is the only candidate among the documents
  sharing other entities with it (its context); otherwise it stays apart, so two
  different Kims never merge;
- places: by the resolved gazetteer entry (geonameid, else name and rounded
  coordinates), so "Amur region" and "Amur Oblast" are one place;
- everything else: by label and normalized name;
- aliases: names as written, plus the titles written next to a person
  ("North Korean leader Kim Jong Un", "Putin, the Russian president,").

The index is built from the store on first use and cached per store until the
set of documents changes.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ._common import load_data

_SPACE = re.compile(r"[\s\-‐.]+")


def norm(name: str) -> str:
    """Case, hyphens, dots and possessives do not make a different name."""
    name = re.sub(r"(’s|'s|’|')$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return _SPACE.sub(" ", name).strip().lower()


@functools.lru_cache(maxsize=1)
def _cfg() -> dict:
    c = dict(load_data("entities.yaml"))
    titles = sorted((re.escape(t) for t in c["title_nouns"]), key=len, reverse=True)
    # capitalised modifiers only ("North Korean leader", "Russian President"), on the same line
    words = r"(?:[A-Z][\w\-’']*[ \t]+|former[ \t]+|then[ \t]+|new[ \t]+|late[ \t]+){0,%d}" % int(
        c["title_modifiers_max_words"]
    )
    title = r"(?i:" + "|".join(titles) + r")"
    c["_before"] = re.compile(r"(?<![\w\-’'])(" + words + title + r")[ \t]+$")
    c["_after"] = re.compile(r"^[ \t]*,[ \t]*(?:the[ \t]+|a[ \t]+)?(" + words + title + r")\b")
    return c


@dataclass
class CrossEntity:
    id: str
    name: str
    label: str
    aliases: Counter = field(default_factory=Counter)
    members: set = field(default_factory=set)  # (doc_id, entity_key)
    mentions: int = 0
    place: dict | None = None

    @property
    def docs(self) -> set[str]:
        return {d for d, _ in self.members}


@dataclass
class EntityIndex:
    entities: dict[str, CrossEntity]
    by_member: dict[tuple[str, str], str]
    by_alias: dict[str, set[str]]

    def of(self, doc_id: str, key: str | None) -> CrossEntity | None:
        if not key:
            return None
        cid = self.by_member.get((doc_id, key))
        return self.entities.get(cid) if cid else None

    def find(self, name: str) -> list[CrossEntity]:
        """Entities answering to a name or alias, best first (exact name, alias, then word match)."""
        n = norm(name)
        exact = [e for e in self.entities.values() if norm(e.name) == n]
        alias = [self.entities[i] for i in self.by_alias.get(n, ()) if self.entities[i] not in exact]
        out = exact + alias
        if not out:
            words = set(n.split())
            out = [e for e in self.entities.values() if words and words <= set(norm(e.name).split())]
        return sorted(out, key=lambda e: (-e.mentions, e.name))


def _fingerprint(store) -> tuple:
    r = store.query("SELECT COUNT(*) AS n, MAX(ingested_at) AS t, MIN(doc_id) AS a, MAX(doc_id) AS b FROM documents")[0]
    return (r["n"], r["t"], r["a"], r["b"])


_CACHE: dict[str, tuple[tuple, EntityIndex]] = {}


def entity_index(store) -> EntityIndex:
    fp = _fingerprint(store)
    hit = _CACHE.get(store.url)
    if hit and hit[0] == fp:
        return hit[1]
    idx = build_index(store)
    _CACHE[store.url] = (fp, idx)
    return idx


def build_index(store) -> EntityIndex:
    cfg = _cfg()
    labels = set(cfg["entity_labels"])
    place_labels = set(cfg["place_labels"])
    rows = [
        r
        for r in store.query("SELECT doc_id, entity_key, name, label, mentions, aliases FROM entities")
        if r["label"] in labels
    ]
    # the gazetteer entry each place mention resolved to
    place_of: dict[tuple[str, str], dict] = {}
    for r in store.query(
        "SELECT m.doc_id, m.entity_key, p.name, p.lat, p.lon, p.geonameid, p.feature, p.country_code FROM mentions m "
        "JOIN places p ON p.doc_id = m.doc_id AND p.start_char = m.start_char WHERE p.lat IS NOT NULL"
    ):
        place_of.setdefault((r["doc_id"], r["entity_key"]), r)
    titles = _titles(store)

    ents: dict[str, CrossEntity] = {}
    by_member: dict[tuple[str, str], str] = {}

    def add(cid: str, name: str, label: str, r: dict):
        e = ents.get(cid)
        if e is None:
            e = ents[cid] = CrossEntity(cid, name, label)
        e.members.add((r["doc_id"], r["entity_key"]))
        e.mentions += r["mentions"]
        e.aliases[r["name"]] += r["mentions"]
        for a in json.loads(r["aliases"] or "[]"):
            e.aliases[a] += 1
        for t in titles.get((r["doc_id"], r["entity_key"]), ()):
            e.aliases[t] += 1
        by_member[(r["doc_id"], r["entity_key"])] = cid
        return e

    bare_people = []
    for r in rows:
        if r["label"] in place_labels and (r["doc_id"], r["entity_key"]) in place_of:
            p = place_of[(r["doc_id"], r["entity_key"])]
            cid = (
                f"PLACE:{p['geonameid']}"
                if p["geonameid"]
                else f"PLACE:{norm(p['name'])}@{round(p['lat'], 1)},{round(p['lon'], 1)}"
            )
            e = add(cid, p["name"], r["label"] if cid not in ents else ents[cid].label, r)
            e.place = {
                "name": p["name"],
                "lat": p["lat"],
                "lon": p["lon"],
                "geonameid": p["geonameid"],
                "feature": p["feature"],
                "country_code": p["country_code"],
            }
        elif r["label"] == "PERSON" and len(norm(r["name"]).split()) == 1:
            bare_people.append(r)
        else:
            add(f"{r['label']}:{norm(r['name'])}", r["name"], r["label"], r)
    # bare names: join a full name only when it is the single candidate in context
    full_by_word: dict[str, set[str]] = defaultdict(set)
    for cid, e in ents.items():
        if e.label == "PERSON":
            words = norm(e.name).split()
            if len(words) > 1:
                full_by_word[words[0]].add(cid)
                full_by_word[words[-1]].add(cid)
    doc_ents: dict[str, set[str]] = defaultdict(set)
    for (d, _), cid in by_member.items():
        doc_ents[d].add(cid)

    def shared(doc_id: str, cid: str) -> int:
        context = doc_ents.get(doc_id, set())
        return sum(len(context & doc_ents[d]) for d in ents[cid].docs)

    # pass 1: a name with a single full-name candidate joins it, unless its document's
    # other entities share nothing with that person's documents (another domain)
    target_of: dict[int, str] = {}
    for k, r in enumerate(bare_people):
        cands = full_by_word.get(norm(r["name"]), set())
        if len(cands) == 1:
            only = next(iter(cands))
            if not doc_ents.get(r["doc_id"]) or shared(r["doc_id"], only) > 0:
                target_of[k] = only
                doc_ents[r["doc_id"]].add(only)
    # pass 2: several candidates: the only one sharing context with this document
    for k, r in enumerate(bare_people):
        if k in target_of:
            continue
        cands = full_by_word.get(norm(r["name"]), set())
        scored = sorted(((shared(r["doc_id"], cid), cid) for cid in cands), reverse=True)
        if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] == 0):
            target_of[k] = scored[0][1]
    for k, r in enumerate(bare_people):
        word = norm(r["name"])
        target = target_of.get(k)
        if target:
            add(target, ents[target].name, "PERSON", r)
        else:  # unresolved: its own entity, kept per document when full names could claim it
            add(
                f"PERSON:{word}@{r['doc_id'][:8]}" if full_by_word.get(word) else f"PERSON:{word}",
                r["name"],
                "PERSON",
                r,
            )
    # the most frequent full spelling names the entity
    for e in ents.values():
        if e.label == "PERSON" and e.aliases:
            longest = max(
                (a for a in e.aliases if norm(a) and not _is_title(a)),
                key=lambda a: (len(a.split()), e.aliases[a]),
                default=e.name,
            )
            e.name = longest
    by_alias: dict[str, set[str]] = defaultdict(set)
    for cid, e in ents.items():
        for a in list(e.aliases) + [e.name]:
            by_alias[norm(a)].add(cid)
    return EntityIndex(ents, by_member, dict(by_alias))


def _is_title(a: str) -> bool:
    return bool(_cfg()["_before"].search(a + " "))


def _titles(store) -> dict[tuple[str, str], list[str]]:
    """Titles written just before or after each person mention."""
    cfg = _cfg()
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    # only the 80 characters around each mention leave the database
    a = "(m.start_char - s.start_char)"
    lo = f"(CASE WHEN {a} > 80 THEN {a} - 80 ELSE 0 END)"
    rows = store.query(
        f"SELECT m.doc_id, m.entity_key, substr(s.text, {lo} + 1, {a} - {lo}) AS before, "
        "substr(s.text, m.end_char - s.start_char + 1, 80) AS after "
        "FROM mentions m JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence_idx WHERE m.label = 'PERSON'"
    )
    for r in rows:
        before, after = r["before"] or "", r["after"] or ""
        for rx, txt in ((cfg["_before"], before), (cfg["_after"], after)):
            m = rx.search(txt)
            if m:
                t = re.sub(r"^(the|a)\s+", "", m.group(1).strip(), flags=re.I)
                if t and (t[0].isupper() or len(t.split()) > 1):
                    out[(r["doc_id"], r["entity_key"])].append(t)
    return out


# -- the `entity` command ---------------------------------------------------------------
def entity_info(store, name: str, timeline_limit: int | None = 50) -> dict:
    """Everything known about one entity across documents (raises NotFound)."""
    from ..errors import NotFound
    from .timeline import timeline

    idx = entity_index(store)
    found = idx.find(name)
    if not found:
        raise NotFound(f"entity {name!r}")
    e = found[0]
    docs = _docs(store, e.docs)
    related = _related(store, idx, e)
    tl = timeline(store, entity=e.id)
    out = {
        "id": e.id,
        "name": e.name,
        "type": e.label,
        "aliases": [a for a, _ in e.aliases.most_common() if a != e.name],
        "mentions": e.mentions,
        "documents": docs,
        "first_seen": min((d["published"] for d in docs if d["published"]), default=None),
        "last_seen": max((d["published"] for d in docs if d["published"]), default=None),
        "place": e.place,
        "related": related,
        "timeline": tl["events"][:timeline_limit] if timeline_limit else tl["events"],
        "other_matches": [{"id": o.id, "name": o.name, "type": o.label, "documents": len(o.docs)} for o in found[1:6]],
    }
    return out


def _docs(store, doc_ids: set[str]) -> list[dict]:
    ids = sorted(doc_ids)
    out = []
    for k in range(0, len(ids), 500):
        chunk = ids[k : k + 500]
        params = {f"d{i}": d for i, d in enumerate(chunk)}
        out += store.query(
            f"SELECT doc_id, title, published, source FROM documents WHERE doc_id IN ({', '.join(':' + p for p in params)})",
            **params,
        )
    return sorted(out, key=lambda d: (d["published"] or "", d["doc_id"]))


def _related(store, idx: EntityIndex, e: CrossEntity) -> list[dict]:
    """Entities sharing sentences with ``e``, most shared first."""
    keys = sorted({k for _, k in e.members})
    if not keys:
        return []
    params = {f"k{i}": k for i, k in enumerate(keys)}
    rows = store.query(
        "SELECT m1.doc_id, m2.entity_key FROM mentions m1 JOIN mentions m2 ON m2.doc_id = m1.doc_id "
        f"AND m2.sentence_idx = m1.sentence_idx WHERE m1.entity_key IN ({', '.join(':' + p for p in params)})",
        **params,
    )
    counts: Counter = Counter()
    docs: dict[str, set] = defaultdict(set)
    mine = e.docs
    for r in rows:
        if r["doc_id"] not in mine:
            continue
        other = idx.of(r["doc_id"], r["entity_key"])
        if other is None or other.id == e.id:
            continue
        counts[other.id] += 1
        docs[other.id].add(r["doc_id"])
    lim = _cfg()["related_limit"]
    return [
        {
            "id": cid,
            "name": idx.entities[cid].name,
            "type": idx.entities[cid].label,
            "sentences": n,
            "documents": len(docs[cid]),
        }
        for cid, n in counts.most_common(lim)
    ]
