"""Stage 2, retrieval: candidate sentences for a question, from FTS5/BM25 and their
neighbours, scored on the question's names, nouns and time constraints."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...types import EntityKey
from .. import fts
from .._common import as_entity_key, load_facts, sentence_kinds
from ..basic import fts_query, in_text
from .config import _CLOCK, _YEAR, _cfg
from .frame import Frame, NameGroup


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
    nouns: float = 0.0
    missing: int = 0  # names of the question the sentence and its context do not name
    absent: int = 0  # names of the question its whole document never names
    score: float = 0.0


@functools.lru_cache(maxsize=100000)
def _norm_words(s: str) -> frozenset[str]:
    return frozenset({w.lower().strip("’'") for w in re.findall(r"[\w’'-]+", s)} - {"the", "'s", "’s"})


def _name_match(g: NameGroup, mention_text: str, key: str | None) -> bool:
    return _names_match(g.text, mention_text, key)


@functools.lru_cache(maxsize=200000)
def _names_match(group_text: str, mention_text: str, key: EntityKey | str | None) -> bool:
    """ "Kim" ~ "Kim Jong Un", "Vostochny Cosmodrome" ~ "Vostochny": one name's words inside the other's;
    but a full name never matches a mention the store knows as a person of another first name
    ("Melania Trump" is not the "Trump" that is Donald Trump)."""
    from ...entities.names import names_match, person_core, same_person

    ent = as_entity_key(key) if key else None
    known = ent.name if ent else None
    if ent and known and ent.label == "PERSON" and min(len(person_core(x).split()) for x in (group_text, known)) > 1:
        return same_person(group_text, known)
    return names_match(group_text, mention_text) or bool(known and names_match(group_text, known))


@dataclass(frozen=True)
class Resolved:
    """A name of the question and what the store knows it as: its entities and their names."""

    group: NameGroup
    ids: frozenset[str] = frozenset()
    forms: tuple[str, ...] = ()


def resolve_names(store, f: Frame) -> list[Resolved]:
    """Question names -> stored cross-document entities ("Mrs Clinton" -> hillary-clinton, with its aliases)."""
    from ...entities.lookup import find_entities
    from ...entities.names import core

    out = []
    for g in f.names:
        found = find_entities(store, g.text, limit=3) or find_entities(store, core(g.text, g.label), limit=3)
        if found:  # the best entity, and others about as often named ("Kim": not a namesake named twice)
            found = [e for e in found if e.mentions * 3 >= found[0].mentions]
        found += _governed_country(store, g) if g.acting else []
        forms = [g.text] + [n for e in found for n in (e.name, *e.aliases[:3])]
        uniq = tuple(dict.fromkeys(x for x in forms if x and len(x) > 1))
        out.append(Resolved(g, frozenset(e.entity_id for e in found), uniq))
    return out


def _governed_country(store, g: NameGroup) -> list:
    """ "Why might Moscow be reluctant ...?": a capital that is the question's subject stands for its
    country's government, so the country's mentions count as the capital's too (not where the
    capital is a place: "how far is it from Pyongyang to Vladivostok?")."""
    from ...entities.lookup import find_entities
    from ...geo.capitals import country_of_capital

    country = country_of_capital(g.text) if g.label in ("GPE", "LOC", "") else None
    return find_entities(store, country, limit=1) if country else []


def _member_ids(store, docs: set[str], resolved: list[Resolved]) -> dict[tuple[str, str], str]:
    """(doc_id, entity key) -> entity id, for the resolved entities in these documents."""
    ids = sorted({i for r in resolved for i in r.ids})
    if not ids or not docs:
        return {}
    out = {}
    dl = sorted(docs)
    for k in range(0, len(dl), 400):
        chunk = dl[k : k + 400]
        params = {f"e{j}": x for j, x in enumerate(ids)} | {f"d{j}": x for j, x in enumerate(chunk)}
        rows = store.query(
            "SELECT doc_id, entity_key, entity_id FROM entity_members WHERE entity_id IN ("
            + ", ".join(f":e{j}" for j in range(len(ids)))
            + ") AND doc_id IN ("
            + ", ".join(f":d{j}" for j in range(len(chunk)))
            + ")",
            **params,
        )
        out.update({(r["doc_id"], r["entity_key"]): r["entity_id"] for r in rows})
    return out


def _docs_naming(store, r: Resolved, docs: set[str], members: dict[tuple[str, str], str]) -> set[str]:
    """The documents among ``docs`` that name ``r`` anywhere: by its stored entity, or by its words."""
    out = {d for (d, _), e in members.items() if e in r.ids}
    q = " OR ".join(f"({fts_query(x)})" for x in r.forms if fts_query(x))
    rest = sorted(docs - out)
    if not q or not rest:
        return out
    for k in range(0, len(rest), 400):
        chunk = rest[k : k + 400]
        params: dict[str, str] = {f"d{j}": x for j, x in enumerate(chunk)}
        in_docs = "SELECT DISTINCT doc_id FROM sentences WHERE doc_id IN (" + ", ".join(f":{d}" for d in params)
        if store.dialect == "postgresql":
            rows = store.query(in_docs + f") AND tsv @@ {_tsquery(q, params)}", **params)
        else:  # the documents' sentences through their key, checked against the match's rowids: the
            # doc_id of every matching sentence read through FTS5 (a name matches thousands) costs more
            sql = in_docs + ") AND +rowid IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH :q)"
            rows = store.query(sql, q=in_text(q), **params)
        out.update(r_["doc_id"] for r_ in rows)
    return out


def _tsquery(q: str, params: dict[str, str]) -> str:
    """An FTS5 expression made here (quoted words, OR, AND, parentheses) as a PostgreSQL tsquery
    expression, its words added to ``params``: query/fts.py reads that syntax for both back ends."""
    return fts.to_tsquery(fts.parse(q), params)


def _mentions_name(r: Resolved, facts: dict, doc_id: str, idx: int) -> bool:
    """A mention in the sentence names the question's name, by its words or by its stored entity."""
    members = facts.get("members", {})
    for m in facts["mentions"].get((doc_id, idx), []):
        if _name_match(r.group, m["text"], m["entity_key"]) or members.get((doc_id, m["entity_key"])) in r.ids:
            return True
    return any(
        _name_match(r.group, "", k) or members.get((doc_id, k)) in r.ids
        for k in facts["role_entities"].get((doc_id, idx), ())
    )  # a pronoun the events stage resolved to the name


def _name_strength(r: Resolved, facts: dict, c: Cand, window: int) -> float:
    """1 in the sentence, less just before it or in the document's lead, 0 when the document never says it."""
    cfg = _cfg()["scoring"]
    low = c.text.lower()
    if any(x.lower() in low for x in r.forms) or _mentions_name(r, facts, c.doc_id, c.idx):
        return cfg["name_in_sentence"]
    for k in range(1, window + 1):
        if _mentions_name(r, facts, c.doc_id, c.idx - k):
            return cfg["name_in_context"]
    lead = facts["sentences"].get((c.doc_id, 0))
    if _mentions_name(r, facts, c.doc_id, 0) or (lead and any(x.lower() in lead["text"].lower() for x in r.forms)):
        return cfg["name_in_lead"]
    return 0.0


def _names_score(
    resolved: list[Resolved], facts: dict, c: Cand, window: int, naming: dict[int, set[str]]
) -> tuple[float, int]:
    """Weighted share of the question's names the sentence (or its context, or its document)
    names, and how many of the required ones the sentence and its context miss: a missing name
    lowers the score instead of removing the sentence."""
    if not resolved:
        return 1.0, 0
    got: dict[bool, list[float]] = {True: [], False: []}
    missing = 0
    in_doc = _cfg()["scoring"]["name_in_document"]
    for k, r in enumerate(resolved):
        g = _name_strength(r, facts, c, window)
        missing += int(g == 0.0 and not r.group.soft)  # not in the sentence or its context
        got[r.group.soft].append(in_doc if g == 0.0 and c.doc_id in naming.get(k, ()) else g)
    hard = sum(got[False]) / len(got[False]) if got[False] else 1.0
    if not got[True]:
        return hard, missing
    # soft names (nationalities, a setting) are a bonus of their share, not a requirement
    w = _cfg()["scoring"]["soft_names"]
    return (1 - w) * hard + w * sum(got[True]) / len(got[True]), missing


def _nouns_score(f: Frame, facts: dict, c: Cand, window: int) -> float:
    """Share of the question's content nouns ("train", "football") in the sentence, just before it or in the lead."""
    if not f.nouns:
        return 1.0
    texts = [c.text.lower()] + [
        facts["sentences"][(c.doc_id, c.idx - k)]["text"].lower()
        for k in [*range(1, window + 1), c.idx]
        if (c.doc_id, c.idx - k) in facts["sentences"]
    ]
    syn = _cfg()["_syn"]
    found = 0
    for n in f.nouns:
        forms = {n} | syn.get(n, set())
        if any(re.search(r"\b" + re.escape(x), t) for x in forms for t in texts):
            found += 1
    return found / len(f.nouns)


def _words_share(f: Frame, text: str) -> float:
    """Share of the question's content words (or their synonyms) the sentence's words start with:
    the question's verb and nouns, read from the text before any parse."""
    if not f.content:
        return 0.0
    starts = _starts(_norm_words(text))
    return sum(bool(stems & starts) for stems in _content_stems(tuple(f.content))) / len(f.content)


@functools.lru_cache(maxsize=256)
def _content_stems(content: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """For each content word, the stems of it and its one-word synonyms (a word "starts with" one)."""
    syn = _cfg()["_syn"]
    return tuple(frozenset(_stem(x) for x in {w} | {x for x in syn.get(w, ()) if " " not in x}) for w in content)


def _stem(word: str) -> str:
    return word[: max(4, len(word) - 2)]


@functools.lru_cache(maxsize=100000)
def _starts(words: frozenset[str]) -> frozenset[str]:
    """Every prefix of the words: a stem is in it when a word starts with it (set lookups
    instead of comparing every stem with every word)."""
    return frozenset(w[:k] for w in words for k in range(1, len(w) + 1))


_REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def _sentence_times(facts: dict, c: Cand) -> list[tuple[str, str]]:
    """(earliest, latest) of what the sentence is about: the first source that gives any."""
    row = c.row
    own = row.get("time_earliest") and row.get("time_latest")
    sources = (
        lambda: [
            (t.earliest, t.latest)
            for t in facts["times"].get((c.doc_id, c.idx), [])
            if t.type in ("DATE", "TIME") and t.earliest and t.latest
        ],
        lambda: [(row["time_earliest"], row["time_latest"])] if own and row.get("time_rule") != "publication" else [],
        lambda: _previous_times(facts, c),  # no time of its own: the sentences just before (same story)
        lambda: [(row["time_earliest"], row["time_latest"])] if own else [],
        lambda: [
            (f"{y}-01-01", f"{y}-12-31")
            for m in facts["mentions"].get((c.doc_id, c.idx), [])
            if m["label"] == "DATE"
            for y in _YEAR.findall(m["text"])
        ],
        lambda: [(c.published, c.published)] if c.published else [],
    )
    for source in sources:
        out = source()
        if out:
            return out
    return []


def _previous_times(facts: dict, c: Cand) -> list[tuple[str, str]]:
    for k in (1, 2):
        prev = [
            (t.earliest, t.latest)
            for t in facts["times"].get((c.doc_id, c.idx - k), [])
            if t.type == "DATE" and t.earliest and t.latest and t.value not in _REFS
        ]
        if prev:
            return prev
    return []


def _times_ok(f: Frame, facts: dict, c: Cand, reading: bool = False) -> bool:
    """The sentence's times meet the question's ("in 2019", "before 2016"). A yes/no question is
    checked when read, not here: "won it for the first time in 2019" answers "before 2016?"."""
    if not f.times or (f.answer_type == "yesno" and not reading):
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


def _retrieve(store, terms: list[str], limit: int, copies: int, names: list[list[str]] | None = None) -> list[dict]:
    """BM25 over FTS5, any word; identical sentences (wire copies, re-posts) count once,
    with up to ``copies`` of their (doc, sentence) places, so they cannot crowd out the rest.

    ``names``: each name of the question with its other forms. A sentence naming any of them
    is retrieved, whatever it lacks (its score says what); one that says "he" or "the
    cosmodrome" instead comes in as the neighbour of one that names it."""
    q = " OR ".join(fts_query(t) for t in terms if fts_query(t))
    if not q:
        return []
    forms = [f"({fts_query(x)})" for group in names or [] for x in group if fts_query(x)]
    # first: sentences naming any form of any name, ranked by BM25 over all the words (so
    # the more names and words a sentence has, the higher); none named: any word at all
    rows = _grouped_texts(store, f"({' OR '.join(forms)}) AND ({q})", limit) if forms else []
    if not rows:
        rows = _ranked_texts(store, _rare_terms(store, q), limit, copies)
    else:  # then the other sentences of the documents that name them (context words are rarely
        # repeated), and the best sentences naming none (a report may call the place otherwise)
        unnamed = _unnamed(store, q, names or [], limit // 4, copies)
        rows = _interleave(rows, _in_documents(store, terms, _top_docs(rows, limit), limit), unnamed)
    out = []
    for r in rows:
        for place in r["ids"].split(" ")[:copies]:
            d, _, i = place.rpartition(":")
            out.append({"doc_id": d, "sentence_index": int(i), "text": r["text"], "score": r["score"]})
    return out


def _grouped_texts(store, q: str, n: int) -> list[dict]:
    """The ``n`` best distinct sentence texts matching ``q``, as {text, score, ids}: every place
    of each text. BM25 on SQLite, ts_rank_cd on PostgreSQL (negated: lower is better on both)."""
    if store.dialect == "postgresql":
        params: dict[str, str] = {}
        tsq = _tsquery(q, params)
        # grouped first and ranked once per text, on one of its rows: copies of a sentence (same
        # words, so the same tsvector) rank the same, and ranking is what a match costs
        sql = (
            "WITH g AS MATERIALIZED (SELECT s.text, MIN(s.ctid) AS c, "
            "string_agg(s.doc_id || ':' || s.idx, ' ' ORDER BY s.doc_id, s.idx) AS ids "
            f"FROM sentences s WHERE s.tsv @@ ({tsq}) GROUP BY s.text) "
            f"SELECT g.text, -ts_rank_cd(s.tsv, {tsq}) AS score, g.ids FROM g JOIN sentences s ON s.ctid = g.c "
            "ORDER BY score, g.text LIMIT :n"
        )
        return store.query(sql, n=n, **params)
    # ranked rowids first, the texts read from ``sentences`` by rowid: reading every matching
    # sentence's columns back through FTS5 costs more than the join (the same rows, in the same order)
    sql = (
        "WITH f AS MATERIALIZED (SELECT rowid AS r, rank AS score FROM sentences_fts WHERE sentences_fts MATCH :q) "
        "SELECT s.text, MIN(f.score) AS score, group_concat(s.doc_id || ':' || s.idx, ' ') AS ids "
        "FROM f JOIN sentences s ON s.rowid = f.r GROUP BY s.text ORDER BY score LIMIT :n"
    )
    return store.query(sql, q=in_text(q), n=n)


def _unnamed(store, q: str, forms: list[list[str]], n: int, copies: int) -> list[dict]:
    """The best sentences by BM25 over the question's rarest words that name none of its names
    ("The start was delayed ..." for "why was the start of the race at Interlagos delayed?")."""
    names = [x.lower() for group in forms for x in group]

    def names_none(text: str) -> bool:
        return not any(x in text.lower() for x in names)

    return _ranked_texts(store, _rare_terms(store, q), n, copies, names_none)


def _ranked_texts(store, q: str, n: int, copies: int, keep=lambda text: True) -> list[dict]:
    """Distinct sentence texts by BM25, best first, as {text, score, ids}: ranked once, rowids
    only, and read back for the top few hundred (grouping every matching sentence by its text
    costs as much as the rest of the question), in one statement."""
    k = n * copies * _cfg()["scoring"]["ranked_pool"]
    if store.dialect == "postgresql":
        params: dict[str, str] = {}
        rows = store.query(
            "SELECT s.doc_id, s.idx, s.text, -ts_rank_cd(s.tsv, q.q) AS score FROM sentences s "
            f"CROSS JOIN (SELECT {_tsquery(q, params)} AS q) q WHERE s.tsv @@ q.q "
            "ORDER BY score, s.doc_id, s.idx LIMIT :k",
            k=k,
            **params,
        )
    else:
        rows = store.query(
            "WITH f AS MATERIALIZED (SELECT rowid AS r, rank AS score FROM sentences_fts WHERE sentences_fts MATCH :q "
            "ORDER BY rank LIMIT :k) SELECT f.r AS r, f.score AS score, s.doc_id, s.idx, s.text "
            "FROM f JOIN sentences s ON s.rowid = f.r",
            q=in_text(q),
            k=k,
        )
    by_text: dict[str, dict] = {}
    for r in sorted(rows, key=lambda r: (r["score"], r["doc_id"], r["idx"])):
        if keep(r["text"]):
            e = by_text.setdefault(r["text"], {"text": r["text"], "score": r["score"], "ids": []})
            e["ids"].append(f"{r['doc_id']}:{r['idx']}")
    return [e | {"ids": " ".join(e["ids"])} for e in list(by_text.values())[:n]]


def _rare_terms(store, q: str) -> str:
    """The OR-ed terms of ``q``, rarest first, as many as match at most ``ranked_rows`` sentences
    together (at least two): ranking costs what the sentences matched number, and the words
    that say most about a sentence are the rare ones."""
    terms = [t.strip() for t in q.split(" OR ") if t.strip()]
    if not terms:
        return q
    cap, total = _cfg()["scoring"]["ranked_rows"], 0
    counts = _match_counts(store, terms, at_most=cap)
    # the two rarest are kept whatever their size: fewer than two under the cap, and some count
    # may have stopped at the cap: count those exactly
    if sum(0 < n <= cap for n in counts) < 2 and cap + 1 in counts:
        counts = _match_counts(store, terms)
    sized = sorted(zip(counts, terms, strict=True))
    kept: list[str] = []
    for n, t in sized:
        if n and (len(kept) < 2 or total + n <= cap):
            kept.append(t)
            total += n
    return " OR ".join(kept) or q


def _match_counts(store, terms: list[str], at_most: int | None = None) -> list[int]:
    """How many sentences match each term: one statement (one round trip instead of one per term).
    ``at_most``: a count above it may stop at ``at_most + 1`` (PostgreSQL reads every matching row
    to count it; beyond the cap only "too many" matters, see _rare_terms)."""
    if store.dialect == "postgresql":
        params: dict[str, str] = {}
        limit = "" if at_most is None else f" LIMIT {int(at_most) + 1}"
        counts = [
            f"(SELECT COUNT(*) FROM (SELECT 1 FROM sentences WHERE tsv @@ {_tsquery(t, params)}{limit}) m) AS n{j}"
            for j, t in enumerate(terms)
        ]
        row = store.query("SELECT " + ", ".join(counts), **params)[0]
        return [int(row[f"n{j}"]) for j in range(len(terms))]
    sql = "SELECT " + ", ".join(
        f"(SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH :q{j}) AS n{j}" for j in range(len(terms))
    )
    row = store.query(sql, **{f"q{j}": in_text(t) for j, t in enumerate(terms)})[0]
    return [int(row[f"n{j}"]) for j in range(len(terms))]


def _top_docs(rows: list[dict], limit: int) -> list[str]:
    """The documents of the best hits, most hits first (at most ``limit // 10``)."""
    count: dict[str, float] = {}
    for k, r in enumerate(rows):
        for place in r["ids"].split(" "):
            d = place.rpartition(":")[0]
            count[d] = count.get(d, 0.0) + 1.0 / (1 + k / 10)
    return sorted(count, key=lambda d: -count[d])[: max(1, limit // 10)]


def _in_documents(store, terms: list[str], docs: list[str], limit: int) -> list[dict]:
    """The sentences of these documents (read by document, no text search) that share the most of
    the question's words, best first; no name required."""
    if not docs:
        return []
    stems = {_stem(t.lower()) for t in terms if len(t) > 2}
    params = {f"d{j}": x for j, x in enumerate(docs)}
    rows = store.query(
        "SELECT doc_id, idx, text FROM sentences WHERE doc_id IN (" + ", ".join(f":{k}" for k in params) + ")",
        **params,
    )
    by_text: dict[str, dict] = {}
    for r in rows:
        score = len(stems & _starts(_norm_words(r["text"])))
        if score:
            e = by_text.setdefault(r["text"], {"text": r["text"], "score": -float(score), "ids": []})
            e["ids"].append(f"{r['doc_id']}:{r['idx']}")
    out = sorted(by_text.values(), key=lambda e: e["score"])[:limit]
    return [e | {"ids": " ".join(e["ids"])} for e in out]


def _interleave(*lists: list[dict]) -> list[dict]:
    """The lists, alternately, each text once (a sentence found by several keeps its best place)."""
    out, seen = [], set()
    for k in range(max(len(rows) for rows in lists)):
        for rows in lists:
            if k < len(rows) and rows[k]["text"] not in seen:
                seen.add(rows[k]["text"])
                out.append(rows[k])
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


def _typed(store, f: Frame, wanted: dict[str, set[int]]) -> set[tuple[str, int]]:
    """Sentences that state something of the asked type (a quantity of the asked kind, a date, a
    time of day): a sentence that cannot answer should not crowd out one that can."""
    if f.answer_type == "quantity":
        kinds = set(f.kinds)
        stated = sentence_kinds(store, wanted, "quantities")
        typed = {k for k, v in stated.items() if not kinds or v & kinds}
        if "duration" in kinds:  # the time stage reads durations too ("an hour and a half")
            spans = sentence_kinds(store, wanted, "times")
            typed |= {k for k, v in spans.items() if any(x.startswith("P") for x in v if x)}
        return typed
    if f.answer_type == "date":
        stated = sentence_kinds(store, wanted, "times")
        clock = "clock" in f.kinds
        return {k for k, v in stated.items() if not clock or any(_CLOCK.search(x or "") for x in v)}
    return set()


def retrieve(store, f: Frame) -> tuple[list[Cand], dict] | str:
    """The sentences worth reading, best first, with the facts loaded for them; or why there are none."""
    sc = _cfg()["scoring"]
    resolved = resolve_names(store, f)
    terms = list(dict.fromkeys(f.terms + [w for r in resolved for x in r.forms[1:] for w in x.split()]))
    hard = [list(r.forms) for r in resolved if not r.group.soft]
    hits = _retrieve(store, terms, sc["retrieve_limit"], sc["copies_per_sentence"], hard)
    if not hits:
        return "no stored sentence shares a word with the question"
    window = sc["context_window"]
    best_rank = _hit_ranks(hits, sc["neighbour_hits"])
    wanted: dict[str, set[int]] = {}
    for d, i in best_rank:
        wanted.setdefault(d, set()).update({0, *range(max(0, i - window), i + 1)})  # the lead is context too
    # what scoring needs (sentences, names, pronouns resolved by the events stage, times)
    facts = load_facts(store, wanted, ("sentences", "mentions", "role_entities") + (("times",) if f.times else ()))
    facts["members"] = _member_ids(store, set(wanted), resolved)
    facts["resolved"] = resolved
    naming = {k: _docs_naming(store, r, set(wanted), facts["members"]) for k, r in enumerate(resolved)}
    hard_docs = [docs for k, docs in naming.items() if not resolved[k].group.soft]
    typed = _typed(store, f, wanted)
    cands: list[Cand] = []
    for (d, i), r in best_rank.items():
        row = facts["sentences"].get((d, i))
        if row is None:
            continue
        c = Cand(d, i, row["text"], row["start_char"], row["published"], r, row)
        if not _times_ok(f, facts, c):
            continue
        c.names, c.missing = _names_score(resolved, facts, c, window, naming)
        c.absent = sum(d not in docs for docs in hard_docs)
        c.nouns = _nouns_score(f, facts, c, window)
        c.score = c.names * sc["name_in_sentence"] + c.bm25 * sc["bm25"] + c.nouns * sc["nouns"]
        c.score += _words_share(f, c.text) * sc["words"] + sc["typed"] * ((d, i) in typed)
        cands.append(c)
    if not cands:
        what = ", ".join(g.text for g in f.names if not g.soft) or "the question's words"
        return f"no stored sentence mentions {what} at the time asked"
    cands.sort(key=lambda c: -c.score)
    chosen, seen_text = [], set()
    for c in cands:
        if c.text not in seen_text:
            seen_text.add(c.text)
            if len(seen_text) > sc["parse_limit"]:
                break
        chosen.append(c)
    return chosen, facts
