"""Stage 2, retrieval: candidate sentences for a question, from FTS5/BM25 and their
neighbours, scored on the question's names, nouns and time constraints."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .._common import entity_name, load_facts
from ..basic import fts_query, in_text, search
from .config import _YEAR, _cfg
from .question import Frame, NameGroup


@dataclass
class Cand:
    doc_id: str
    idx: int
    text: str
    start: int
    published: str | None
    bm25: float
    row: dict
    names: float = 0.0
    score: float = 0.0


@functools.lru_cache(maxsize=100000)
def _norm_words(s: str) -> frozenset[str]:
    return frozenset({w.lower().strip("’'") for w in re.findall(r"[\w’'-]+", s)} - {"the", "'s", "’s"})


def _name_match(g: NameGroup, mention_text: str, key: str | None) -> bool:
    return _names_match(g.text, mention_text, key)


@functools.lru_cache(maxsize=200000)
def _names_match(group_text: str, mention_text: str, key: str | None) -> bool:
    """ "Kim" ~ "Kim Jong Un", "Vostochny Cosmodrome" ~ "Vostochny": one name's words inside the other's."""
    from ...entities.names import names_match

    return names_match(group_text, mention_text) or bool(key and names_match(group_text, entity_name(key) or ""))


def _names_score(f: Frame, facts: dict, c: Cand, window: int) -> tuple[float, bool]:
    cfg = _cfg()["scoring"]
    hard = [g for g in f.names if not g.soft]
    if not f.names:
        return 1.0, True
    total, ok = 0.0, True
    low = c.text.lower()
    for g in f.names:
        best = 0.0
        here = facts["mentions"].get((c.doc_id, c.idx), [])
        if g.text.lower() in low or any(_name_match(g, m["text"], m["entity_key"]) for m in here):
            best = cfg["name_in_sentence"]
        else:
            roles = facts["role_entities"].get((c.doc_id, c.idx), ())
            if any(_name_match(g, "", k) for k in roles):
                best = cfg["name_in_sentence"]  # a pronoun the events stage resolved to the name
            else:
                for k in range(1, window + 1):
                    prev = facts["mentions"].get((c.doc_id, c.idx - k), [])
                    if any(_name_match(g, m["text"], m["entity_key"]) for m in prev):
                        best = cfg["name_in_context"]
                        break
        if best == 0.0 and not g.soft:
            ok = False
        total += best if not g.soft else 0.3 * best
    return total / max(1, len(hard) + 0.3 * (len(f.names) - len(hard))), ok


def _nouns_ok(f: Frame, facts: dict, c: Cand, window: int) -> bool:
    """Every content noun of the question ("train", "football") in the sentence or just before it."""
    if not f.nouns:
        return True
    texts = [c.text.lower()] + [
        facts["sentences"][(c.doc_id, c.idx - k)]["text"].lower()
        for k in range(1, window + 1)
        if (c.doc_id, c.idx - k) in facts["sentences"]
    ]
    syn = _cfg()["_syn"]
    for n in f.nouns:
        forms = {n} | syn.get(n, set())
        if not any(re.search(r"\b" + re.escape(x), t) for x in forms for t in texts):
            return False
    return True


def _sentence_times(facts: dict, c: Cand) -> list[tuple[str, str]]:
    out = []
    for t in facts["times"].get((c.doc_id, c.idx), []):
        if t.type in ("DATE", "TIME") and t.earliest and t.latest:
            out.append((t.earliest, t.latest))
    if not out and c.row.get("time_earliest") and c.row.get("time_latest") and c.row.get("time_rule") != "publication":
        out.append((c.row["time_earliest"], c.row["time_latest"]))
    if not out:  # no time of its own: the time of the sentences just before (same story)
        for k in (1, 2):
            prev = [
                t
                for t in facts["times"].get((c.doc_id, c.idx - k), [])
                if t.type == "DATE"
                and t.earliest
                and t.latest
                and t.value not in ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
            ]
            if prev:
                out.extend((t.earliest, t.latest) for t in prev)
                break
    if not out and c.row.get("time_earliest") and c.row.get("time_latest"):
        out.append((c.row["time_earliest"], c.row["time_latest"]))
    if not out:
        for m in facts["mentions"].get((c.doc_id, c.idx), []):
            if m["label"] == "DATE":
                for y in _YEAR.findall(m["text"]):
                    out.append((f"{y}-01-01", f"{y}-12-31"))
    if not out and c.published:
        out.append((c.published, c.published))
    return out


def _times_ok(f: Frame, facts: dict, c: Cand) -> bool:
    if not f.times:
        return True
    spans = _sentence_times(facts, c)
    for op, qe, ql, _ in f.times:
        if op == "overlap" and not any(e <= ql and hi >= qe for e, hi in spans):
            return False
        if op == "before" and not any(hi < qe for _e, hi in spans):
            return False
        if op == "after" and not any(e > ql for e, _hi in spans):
            return False
    return True


def _retrieve(store, terms: list[str], limit: int, copies: int, names: list[str] | tuple[str, ...] = ()) -> list[dict]:
    """BM25 over FTS5, any word; identical sentences (wire copies, re-posts) count once,
    with up to ``copies`` of their (doc, sentence) places, so they cannot crowd out the rest."""
    if store.dialect != "sqlite":
        hits = search(store, " ".join(terms), limit=limit * copies, any_word=True)
        seen: dict[str, int] = {}
        out = []
        for h in hits:
            seen[h.text] = seen.get(h.text, 0) + 1
            if seen[h.text] <= copies:
                out.append({"doc_id": h.doc_id, "sentence_index": h.sentence_index, "text": h.text})
        return out
    q = " OR ".join(fts_query(t) for t in terms if fts_query(t))
    if not q:
        return []
    sql = (
        "SELECT text, MIN(rank) AS score, group_concat(doc_id || ':' || idx, ' ') AS ids FROM sentences_fts "
        "WHERE sentences_fts MATCH :q GROUP BY text ORDER BY score LIMIT :n"
    )
    names = [fts_query(n) for n in names if fts_query(n)]
    if names:
        # every name must be in the sentence or just before it (neighbours are added later): ask
        # FTS5 for sentences with all the names, else with any, ranked by all the words; far fewer
        # rows to score than all the words, and none at all means no sentence can answer
        rows = store.query(sql, q=in_text(" AND ".join(f"({n})" for n in names) + f" AND ({q})"), n=limit)
        if not rows and len(names) > 1:
            rows = store.query(sql, q=in_text("(" + " OR ".join(f"({n})" for n in names) + f") AND ({q})"), n=limit)
    else:
        rows = store.query(sql, q=in_text(q), n=limit)
    out = []
    for r in rows:
        for place in r["ids"].split(" ")[:copies]:
            d, _, i = place.rpartition(":")
            out.append({"doc_id": d, "sentence_index": int(i), "text": r["text"], "score": r["score"]})
    return out


def _hit_ranks(hits: list[dict], neighbour_hits: int) -> dict[tuple[str, int], float]:
    """The hits, and the sentences after the best hits (which often refer back to them by pronoun)."""
    best_rank: dict[tuple[str, int], float] = {}
    n = len(hits)
    for rank, h in enumerate(hits):
        r = 1.0 - rank / max(1, n)
        for k in range(0, 3 if rank < neighbour_hits else 1):
            key = (h["doc_id"], h["sentence_index"] + k)
            best_rank[key] = max(best_rank.get(key, 0.0), r * (1.0 if k == 0 else 0.5))
    return best_rank


def retrieve(store, f: Frame) -> tuple[list[Cand], dict] | str:
    """The sentences worth reading, best first, with the facts loaded for them; or why there are none."""
    sc = _cfg()["scoring"]
    hits = _retrieve(
        store, f.terms, sc["retrieve_limit"], sc["copies_per_sentence"], [g.text for g in f.names if not g.soft]
    )
    if not hits:
        hard = [g.text for g in f.names if not g.soft]
        return (
            f"no stored sentence mentions {', '.join(hard)} with the question's words"
            if hard
            else "no stored sentence shares a word with the question"
        )
    window = sc["context_window"]
    best_rank = _hit_ranks(hits, sc["neighbour_hits"])
    wanted: dict[str, set[int]] = {}
    for d, i in best_rank:
        wanted.setdefault(d, set()).update(range(max(0, i - window), i + 1))
    # what filtering needs (sentences, names, pronouns resolved by the events stage, times)
    facts = load_facts(store, wanted, ("sentences", "mentions", "role_entities") + (("times",) if f.times else ()))
    cands: list[Cand] = []
    for (d, i), r in best_rank.items():
        row = facts["sentences"].get((d, i))
        if row is None:
            continue
        c = Cand(d, i, row["text"], row["start_char"], row["published"], r, row)
        c.names, ok = _names_score(f, facts, c, window)
        if not ok or not _times_ok(f, facts, c) or not _nouns_ok(f, facts, c, window):
            continue
        c.score = c.names * sc["name_in_sentence"] + c.bm25 * sc["bm25"]
        cands.append(c)
    if not cands:
        what = ", ".join(g.text for g in f.names if not g.soft) or "the question's words"
        tail = " at the time asked" if f.times else ""
        return f"no stored sentence mentions {what}{tail}"
    cands.sort(key=lambda c: -c.score)
    chosen, seen_text = [], set()
    for c in cands:
        if c.text not in seen_text:
            seen_text.add(c.text)
            if len(seen_text) > sc["parse_limit"]:
                break
        chosen.append(c)
    return chosen, facts
