"""Questions answered from the stored facts, with the sentence that says it.

``ask(store, question) -> Answer``:
1. read the question (spaCy parse): wh-word -> answer type, main verb (or focus
   noun for "who is X's Y?"), the wh-word's syntactic role, names, time
   constraints ("in 2019", "before 2016"), tense, "last"/"first";
2. retrieve candidate sentences with FTS5/BM25 (any word, plus synonyms) and
   their neighbours (pronouns refer back), keep those that mention every name of
   the question (in the sentence or just before it) and satisfy its time
   constraints;
3. re-parse the best few (the store keeps no tokens), find the question's verb
   in them, and take the answer of the right type from the structured facts:
   times, places, quantities, event roles, or the verb's argument that sits in
   the wh-word's role;
4. vote across sentences; below a threshold, answer nothing and say why.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field

from ..nlp import parse_text
from ..types import Answer, Citation, ParsedDoc
from ._common import entity_name, load_data, load_facts
from .basic import fts_query, in_text, search

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_ISO = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")
_WH_TAGS = {"WDT", "WP", "WP$", "WRB"}
_NON_NAME = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
_ORDER_WORDS = {
    "last": "last",
    "latest": "last",
    "recent": "last",
    "previous": "last",
    "first": "first",
    "earliest": "first",
}
# scoring traces: `logging.getLogger("dateline.query.ask").setLevel(logging.DEBUG)`
_log = logging.getLogger(__name__)
_DETS = re.compile(r"^(the|a|an|this|that|these|those)\s+", re.I)


@functools.lru_cache(maxsize=1)
def _cfg() -> dict:
    c = dict(load_data("questions.yaml"))
    syn: dict[str, set[str]] = {}
    for group in c["synonyms"]:
        words = {str(w).lower() for w in group}
        for w in words:
            syn.setdefault(w, set()).update(words)
    c["_syn"] = syn
    c["_light"] = set(c["light_verbs"])
    c["_types"] = _event_types()
    return c


def _event_types() -> dict[str, str]:
    """lemma -> event type, from the events stage's ontology (so questions and events agree)."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[1] / "events" / "data" / "ontology.yaml"
    try:
        onto = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):  # events stage absent or reshaped: questions still work from the parse
        return {}
    out: dict[str, str] = {}
    for name, spec in (onto.get("types") or {}).items():
        for w in (spec.get("verbs") or []) + (spec.get("nouns") or []):
            out.setdefault(str(w).lower(), name)
    return out


# -- the question --------------------------------------------------------------
@dataclass
class NameGroup:
    text: str
    label: str
    soft: bool = False  # nationalities and the like: a bonus, not a requirement

    @property
    def words(self) -> set[str]:
        return {w.lower() for w in re.findall(r"[\w-]+", self.text)}


@dataclass
class Frame:
    question: str
    wh: str | None = None
    answer_type: str = "phrase"
    kinds: tuple[str, ...] = ()
    measure_words: tuple[str, ...] = ()
    pred: str | None = None
    pred_light: bool = True
    focus: str | None = None
    wh_role: str = "adv"
    names: list[NameGroup] = field(default_factory=list)
    content: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    tense: str = "any"  # past | present | any
    order: str | None = None
    times: list[tuple[str, str, str, str]] = field(default_factory=list)  # (op, earliest, latest, text)
    passive: bool = False
    nouns: list[str] = field(default_factory=list)  # content nouns a sentence (or its context) must contain
    subject: NameGroup | None = None  # the question's subject when it is a name ("What does Kim want?")


def _verb_lemma(tok) -> str:
    """ "meeting" as a NOUN in "are X meeting?" is the verb "meet"."""
    lemma = tok.lemma.lower()
    if tok.pos == "NOUN" and lemma.endswith("ing") and len(lemma) > 5:
        base = lemma[:-3]
        if len(base) > 3 and base[-1] == base[-2]:
            base = base[:-1]
        return base
    return lemma


def analyse_question(question: str) -> Frame:
    cfg = _cfg()
    q = question.strip()
    pd = parse_text(q, source="<question>")
    toks = pd.tokens
    f = Frame(question=q)
    if not toks:
        return f
    wh = next((t for t in toks if t.text.lower() in cfg["wh_types"] and (t.tag in _WH_TAGS or t.i == 0)), None)
    if wh is not None:
        f.wh = wh.text.lower()
        f.answer_type = cfg["wh_types"][f.wh]
        nxt = toks[wh.i + 1] if wh.i + 1 < len(toks) else None
        if f.wh == "how" and nxt is not None and nxt.text.lower() in cfg["how_quantity"]:
            spec = cfg["how_quantity"][nxt.text.lower()]
            f.answer_type, f.kinds, f.measure_words = "quantity", tuple(spec["kinds"]), tuple(spec.get("words") or ())
        elif f.wh in ("what", "which") and nxt is not None and nxt.pos in ("NOUN", "PROPN"):
            for typ, nouns in cfg["focus_types"].items():
                if nxt.lemma.lower() in nouns:
                    f.answer_type = typ if typ != "quantity" else "quantity"
                    if typ == "quantity":
                        f.kinds = ("count", "money", "distance", "speed", "percent", "mass", "duration", "other")
                    break
    # names: entity mentions, then runs of proper nouns spaCy left unlabelled
    covered: set[int] = set()
    for m in pd.mentions:
        if m.label in _NON_NAME:
            covered.update(range(m.token_start, m.token_end))  # "Saturday" is a time, not a name
            continue
        f.names.append(NameGroup(m.text, m.label, soft=m.label == "NORP"))
        covered.update(range(m.token_start, m.token_end))
    run: list = []
    for t in list(toks) + [None]:
        if t is not None and t.pos == "PROPN" and t.i not in covered and t is not wh:
            run.append(t)
            continue
        if run:
            f.names.append(NameGroup(" ".join(x.text for x in run), ""))
            covered.update(x.i for x in run)
            run = []
    # time constraints
    f.times = _question_times(pd, cfg)
    time_chars = {c for (_, _, _, txt) in f.times for c in [txt]}
    # main verb / focus
    root = next((t for t in toks if t.dep == "ROOT"), toks[0])
    auxes = [t for t in toks if t.dep in ("aux", "auxpass") or (t.pos == "AUX" and t is not root)]
    aux_l = {t.lemma.lower() for t in auxes} | {t.text.lower() for t in auxes}
    f.passive = any(t.dep == "auxpass" for t in toks)
    pred_tok = None
    if root.lemma.lower() == "be" and root.pos in ("AUX", "VERB"):
        later = [
            t
            for t in toks[root.i + 1 :]
            if t.i not in covered
            and t is not wh
            and (t.tag in ("VBG", "VBN", "VB") or (t.pos == "NOUN" and t.text.lower().endswith("ing")))
        ]
        if later:
            pred_tok = later[-1]
            aux_l.add(root.text.lower())
        else:
            foc = next(
                (
                    t
                    for t in toks
                    if t.dep in ("nsubj", "attr") and t is not wh and t.i not in covered and t.pos in ("NOUN", "PROPN")
                ),
                None,
            )
            if foc is not None:
                f.focus = foc.lemma.lower()
            aux_l.add(root.text.lower())
    else:
        pred_tok = root
    if pred_tok is not None and pred_tok is not wh:
        f.pred = _verb_lemma(pred_tok)
        f.pred_light = f.pred in cfg["_light"]
        if f.pred_light or f.answer_type == "quantity":
            subj = next(
                (
                    t
                    for t in toks
                    if t.dep in ("nsubj", "nsubjpass")
                    and t.head == pred_tok.i
                    and t is not wh
                    and t.i not in covered
                    and t.pos == "NOUN"
                ),
                None,
            )
            if subj is not None:
                f.focus = subj.lemma.lower()
    if pred_tok is not None and f.wh_role != "subj":
        subj = next((t for t in toks if t.dep in ("nsubj",) and t.head == pred_tok.i and t is not wh), None)
        if subj is not None:
            f.subject = next((g for g in f.names if subj.text in g.text.split()), None)
    if f.wh in ("what", "which") and f.focus is None:
        nxt = toks[wh.i + 1] if wh is not None and wh.i + 1 < len(toks) else None
        if nxt is not None and nxt.pos == "NOUN":
            f.focus = nxt.lemma.lower()
    # the wh-word's role
    if wh is not None:
        if wh.dep in ("nsubj", "nsubjpass"):
            f.wh_role = "subj"
        elif wh.dep in ("dobj", "oprd"):
            f.wh_role = "obj"
        elif wh.dep == "attr":
            f.wh_role = "attr" if f.pred is None else "obj"
        elif wh.dep == "pobj":
            f.wh_role = f"pobj:{toks[wh.head].lemma.lower()}"
        dangling = [t for t in toks if t.dep == "prep" and not any(c.head == t.i and c.i != t.i for c in toks)]
        if dangling and f.wh in ("what", "who", "whom", "which"):
            f.wh_role = f"pobj:{dangling[-1].lemma.lower()}"
        if f.wh in ("who", "what", "which") and f.wh_role == "adv":
            f.wh_role = "subj" if wh.i < root.i else "obj"
    # tense
    if aux_l & {"did", "had"} or (pred_tok is not None and pred_tok.tag == "VBD" and not auxes):
        f.tense = "past"
    elif aux_l & {"will", "shall", "'ll"} or (
        pred_tok is not None
        and (pred_tok.tag == "VBG" or pred_tok.text.lower().endswith("ing"))
        and aux_l & {"are", "is", "am"}
    ):
        f.tense = "present"
    elif aux_l & {"has", "have"} and pred_tok is not None and pred_tok.tag == "VBN":
        f.tense = "past"
    for t in toks:
        if t.text.lower() in _ORDER_WORDS and t.i not in covered:
            f.order = _ORDER_WORDS[t.text.lower()]
    # content words and search terms
    skip = set(_ORDER_WORDS) | cfg["_light"] | set(cfg["wh_types"])
    for t in toks:
        low, lem = t.text.lower(), t.lemma.lower()
        if (
            t.is_stop
            or t.pos in ("PUNCT", "AUX", "DET", "ADP", "CCONJ", "PART", "PRON", "SCONJ")
            or low in skip
            or lem in skip
        ):
            continue
        if t.text in time_chars:
            continue
        if t.ent_type in ("DATE", "TIME") and not _YEAR.search(t.text):
            f.content.append(lem)  # "on Saturday": matched as a word, a soft constraint
            f.terms.append(t.text)
            continue
        if t.i in covered:  # names are scored on their own; keep them for retrieval only
            f.terms.append(t.text)
            continue
        lem = _verb_lemma(t) if t is pred_tok else lem
        f.content.append(lem)
        if (
            t.pos == "NOUN"
            and t is not pred_tok
            and lem != f.focus
            and not any(lem in v for v in cfg["focus_types"].values())
        ):
            f.nouns.append(lem)
        f.terms.extend({t.text, lem})
    for w in list(f.content) + ([f.focus] if f.focus else []):
        for s in cfg["_syn"].get(w, ()):
            f.terms.extend(x for x in s.split() if x not in cfg["_light"] and len(x) > 2)
    f.terms.extend(f.measure_words)
    for _, _, _, txt in f.times:
        f.terms.append(txt)
    f.terms = list(dict.fromkeys(x for x in f.terms if x and re.search(r"\w", x)))
    return f


def _question_times(pd: ParsedDoc, cfg) -> list[tuple[str, str, str, str]]:
    preps = cfg["time_preps"]
    out = []
    text = pd.text
    for m in _YEAR.finditer(text):
        before = text[: m.start()].split()
        op = preps.get(before[-1].lower(), "overlap") if before else "overlap"
        y = m.group(1)
        out.append((op, f"{y}-01-01", f"{y}-12-31", y))
    return out


# -- candidate sentences --------------------------------------------------------
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
    from ..entities.names import names_match

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
        if op == "overlap" and not any(e <= ql and l >= qe for e, l in spans):
            return False
        if op == "before" and not any(l < qe for e, l in spans):
            return False
        if op == "after" and not any(e > ql for e, l in spans):
            return False
    return True


# -- matching the verb in a parsed sentence ---------------------------------------
def _lemma_match(a: str, b: str) -> float:
    if a == b:
        return 1.0
    syn = _cfg()["_syn"]
    if b in syn.get(a, ()):
        return 0.8
    short, long_ = sorted((a, b), key=len)
    if (
        len(short) >= 4
        and long_.startswith(short)
        and long_[len(short) :] in ("ing", "s", "es", "ion", "ation", "ment", "al", "er", "ize", "ise", "ed", "d")
    ):
        return 0.9
    return 0.0


def _match_tokens(pd: ParsedDoc, lemma: str, events: list, start: int) -> list[tuple[int, float]]:
    """Tokens of the sentence that stand for the question's verb (or focus noun)."""
    cfg = _cfg()
    out: dict[int, float] = {}
    toks = pd.tokens
    lem = [t.lemma.lower() for t in toks]
    for t in toks:
        if t.pos in ("VERB", "NOUN", "ADJ", "PROPN", "AUX") or t.tag.startswith("VB"):
            s = _lemma_match(lemma, lem[t.i]) or _lemma_match(lemma, t.text.lower())
            if s:
                out[t.i] = max(out.get(t.i, 0), s)
    for phrase in cfg["_syn"].get(lemma, ()):
        words = phrase.split()
        if len(words) < 2:
            continue
        for i in range(len(toks) - len(words) + 1):
            if all(lem[i + k] == w or toks[i + k].text.lower() == w for k, w in enumerate(words)):
                out[i] = max(out.get(i, 0), 0.8)
    typ = cfg["_types"].get(lemma)
    if typ and typ != "OTHER":
        for e in events:
            if e.type == typ:
                i = _tok_at(pd, e.trigger_start - start)
                if i is not None:
                    out[i] = max(out.get(i, 0), 0.75)
    return sorted(out.items(), key=lambda x: -x[1])


def _tok_at(pd: ParsedDoc, char: int) -> int | None:
    for t in pd.tokens:
        if t.start <= char < t.end or (t.start >= char):
            return t.i
    return None


def _tok_at_or(pd: ParsedDoc, char: int, default: int = -1) -> int:
    i = _tok_at(pd, char)
    return default if i is None else i


def _span_toks(pd: ParsedDoc, s: int, e: int) -> list[int]:
    return [t.i for t in pd.tokens if t.start < e and t.end > s]


def _ancestors(pd: ParsedDoc, i: int) -> list[int]:
    out = [i]
    seen = {i}
    while pd.tokens[out[-1]].head != out[-1]:
        h = pd.tokens[out[-1]].head
        if h in seen:
            break
        out.append(h)
        seen.add(h)
    return out


def _dist(pd: ParsedDoc, i: int, j: int) -> int:
    a, b = _ancestors(pd, i), _ancestors(pd, j)
    pos_b = {x: k for k, x in enumerate(b)}
    for k, x in enumerate(a):
        if x in pos_b:
            return k + pos_b[x]
    return 20


def _head_of(pd: ParsedDoc, toks: list[int]) -> int | None:
    s = set(toks)
    for i in toks:
        if pd.tokens[i].head not in s or pd.tokens[i].head == i:
            return i
    return toks[0] if toks else None


def _children(pd: ParsedDoc, i: int) -> list:
    return [t for t in pd.tokens if t.head == i and t.i != i]


def _subtree_text(pd: ParsedDoc, i: int, drop=("relcl", "punct", "advcl")) -> str:
    inside = {i}
    changed = True
    while changed:
        changed = False
        for t in pd.tokens:
            if t.i not in inside and t.head in inside and t.head != t.i and not (t.dep in drop and t.head == i):
                inside.add(t.i)
                changed = True
    lo, hi = min(inside), max(inside)
    # keep it contiguous and trimmed of edge punctuation
    while lo < hi and pd.tokens[lo].pos == "PUNCT":
        lo += 1
    while hi > lo and pd.tokens[hi].pos == "PUNCT":
        hi -= 1
    return pd.text[pd.tokens[lo].start : pd.tokens[hi].end]


def _clean(text: str) -> str:
    return _DETS.sub("", text.strip().strip(",;:.")).strip()


def _status(pd: ParsedDoc, i: int, events_by_start: dict, start: int) -> str:
    cues = _cfg()["status_cues"]
    t = pd.tokens[i]
    ev = events_by_start.get(t.start + start)
    if ev is not None:
        return ev.status
    chain = [i]
    for _ in range(3):
        h = pd.tokens[chain[-1]].head
        if h == chain[-1]:
            break
        chain.append(h)
    for k, c in enumerate(chain):
        kids = _children(pd, c)
        al = {x.text.lower() for x in kids if x.dep in ("aux", "auxpass")}
        if al & set(cues["future_aux"]):
            return "planned"
        if al & set(cues["modal_aux"]):
            return "possible"
        if k > 0 and pd.tokens[c].lemma.lower() in cues["planned_governors"]:
            return "planned"
        if k == 0 and (
            pd.tokens[c].tag == "VBD" or (pd.tokens[c].tag == "VBN" and al & {"has", "have", "had", "was", "were"})
        ):
            return "occurred"
        if pd.tokens[c].pos == "VERB" and k > 0:
            break
    return "ongoing"


def _status_factor(f: Frame, status: str) -> float:
    bad = _cfg()["scoring"]["status_mismatch"]
    if f.tense == "past":
        return 1.0 if status in ("occurred", "ongoing") else bad
    if f.tense == "present":
        return bad if status in ("occurred", "negated") else 1.0
    return 0.8 if status == "negated" else 1.0


# -- typed answers from one sentence ---------------------------------------------
@dataclass
class Option:
    text: str
    value: str | None
    score: float
    key: str | None = None
    factor: float = 1.0  # tense/status agreement with the question, applied to the whole score


def _question_has(f: Frame, text: str) -> bool:
    """An answer that merely repeats the question's own names is no answer."""
    return any(_name_match(g, text, None) for g in f.names) or text.lower() in f.question.lower()


def _extract(f: Frame, pd: ParsedDoc, c: Cand, facts: dict, matched: list[tuple[int, float]]) -> list[Option]:
    key = (c.doc_id, c.idx)
    evs = facts["events"].get(key, [])
    ev_by_start = {e.trigger_start: e for e in evs}
    m_toks = [i for i, _ in matched]
    anchors = _name_anchors(f, pd, c, facts)
    typ = f.answer_type
    if not m_toks and typ in ("place", "phrase", "date", "quantity"):
        # "where is X?", "what is X?": no verb to anchor on, so anchor on X itself
        m_toks = list(anchors)
        if typ == "place":
            m_toks += [i for i, _ in _match_tokens(pd, "locate", [], c.start)]
    near = lambda i: min((_dist(pd, i, m) for m in m_toks), default=6)  # noqa: E731

    def status_of(i):
        return (
            _status(pd, min(m_toks, key=lambda m: _dist(pd, i, m)), ev_by_start, c.start)  # noqa: E731
            if m_toks
            else "ongoing"
        )

    matched_events = [
        ev_by_start[pd.tokens[m].start + c.start] for m in m_toks if pd.tokens[m].start + c.start in ev_by_start
    ]
    out: list[Option] = []
    typ = f.answer_type
    if typ == "date":
        qtexts = {t[3] for t in f.times}
        times = facts["times"].get(key, [])
        for t in times:
            if t.type not in ("DATE", "TIME") or not t.earliest or t.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
                continue
            if t.text in qtexts or any(q in t.text for q in qtexts):
                continue
            toks = _span_toks(pd, t.start - c.start, t.end - c.start)
            if not toks:
                continue
            i = _head_of(pd, toks)
            st = status_of(i)
            head = pd.tokens[pd.tokens[i].head]
            since = head.lemma.lower() == "since"
            if since:  # "first X since 2019": the previous X was in 2019
                st = "occurred"
            value = t.value if _ISO.match(t.value or "") else t.earliest
            sc = 0.5 + 0.5 / (1 + near(i))
            if since and f.order != "last":
                sc *= 0.8  # the previous occurrence, not this one
            text = t.text if _YEAR.search(t.text) or not value else f"{t.text} ({value})"  # "Wednesday (2023-09-13)"
            out.append(Option(text, value, sc, factor=_status_factor(f, st)))
        row = c.row
        if m_toks and row.get("time_rule") == "publication" and row.get("time_value") and not out:
            # no date in the sentence: the event happened when reported (weak)
            st = status_of(m_toks[0])
            out.append(
                Option(
                    f"{row['time_value']} (date of the report)", row["time_value"], 0.45, factor=_status_factor(f, st)
                )
            )
        if not times:
            for m in facts["mentions"].get(key, []):
                if m["label"] == "DATE" and _YEAR.search(m["text"]) and m["text"] not in qtexts:
                    toks = _span_toks(pd, m["start_char"] - c.start, m["end_char"] - c.start)
                    if toks:
                        i = _head_of(pd, toks)
                        out.append(
                            Option(
                                m["text"],
                                _YEAR.search(m["text"]).group(1),
                                0.4 + 0.4 / (1 + near(i)),
                                factor=_status_factor(f, status_of(i)),
                            )
                        )
    elif typ == "place":
        places = facts["places"].get(key, [])
        # the place as written, with the gazetteer's name when it differs ("Amur region (Amur Oblast)")
        items = [
            (
                p.start,
                p.end,
                p.text if not p.name or p.name.lower() == _clean(p.text).lower() else f"{_clean(p.text)} ({p.name})",
                f"{p.lat:.4f},{p.lon:.4f}" if p.lat is not None else None,
                p.feature,
            )
            for p in places
        ]
        if not places:
            items = [
                (m["start_char"], m["end_char"], entity_name(m["entity_key"]) or m["text"], None, "")
                for m in facts["mentions"].get(key, [])
                if m["label"] in ("GPE", "LOC", "FAC")
            ]
        feat = {"facility": 0.3, "city": 0.2, "region": 0.1, "area": 0.1, "natural": 0.1}
        for s, e, name, value, feature in items:
            if _question_has(f, name):
                continue
            toks = _span_toks(pd, s - c.start, e - c.start)
            if not toks:
                continue
            i = _head_of(pd, toks)
            sc = 0.3 + 0.5 / (1 + near(i)) + feat.get(feature, 0.0)
            if pd.tokens[pd.tokens[i].head].lemma.lower() in ("at", "in", "to", "near", "inside", "where"):
                sc += 0.15
            if any(r.name == "place" and r.start <= s < r.end for ev in matched_events for r in ev.roles):
                sc += 0.3
            out.append(Option(name, value, sc, name, factor=_status_factor(f, status_of(i))))
    elif typ == "quantity":
        qs = facts["quantities"].get(key, [])
        words = set(f.measure_words) | ({f.focus} if f.focus else set())
        for q in qs:
            if f.kinds and q.kind not in f.kinds:
                continue
            if q.text in f.question:
                continue
            toks = _span_toks(pd, q.start - c.start, q.end - c.start)
            if not toks:
                continue
            i = _head_of(pd, toks)
            foc = [t.i for t in pd.tokens if f.focus and _lemma_match(f.focus, t.lemma.lower())]
            d = min([_dist(pd, i, j) for j in foc + m_toks] or [6])
            sc = 0.6 + 0.4 / (1 + d)
            if q.measures and words & _norm_words(q.measures):
                sc += 0.4
            value = None
            if q.si_value is not None:
                value = f"{q.si_value:.6g} {q.si_unit or ''}".strip() + f" ({q.number:g} {q.unit or ''})".replace(
                    " )", ")"
                )
            out.append(Option(q.text, value, sc))
    elif typ == "agent":
        out.extend(_agents(f, pd, c, facts, m_toks, matched_events, status_of))
    elif typ in ("reason", "manner"):
        names = ("reason", "purpose") if typ == "reason" else ("manner", "instrument")
        for ev in matched_events:
            for r in ev.roles:
                if r.name in names:
                    out.append(Option(_clean(r.text), None, 0.9, factor=_status_factor(f, ev.status)))
        cfg = _cfg()
        if typ == "reason":
            for m in m_toks:
                lo, hi = pd.subtree(m)
                for t in pd.tokens[lo:hi]:
                    if (
                        t.dep == "prep"
                        and t.lemma.lower() == "for"
                        and any(g.dep == "pobj" and g.lemma.lower() in cfg["reason_nouns"] for g in _children(pd, t.i))
                    ):
                        out.append(Option(_clean(_subtree_text(pd, t.i, drop=())), None, 0.85))
        for m in m_toks:
            for ch in _children(pd, m):
                txt = _subtree_text(pd, ch.i, drop=())
                low = txt.lower()
                if typ == "reason":
                    mark = any(
                        x.dep == "mark" and x.lemma.lower() in ("because", "since", "as", "so")
                        for x in _children(pd, ch.i)
                    )
                    purpose = ch.dep == "advcl" and low.startswith("to ")
                    if mark or any(low.startswith(w + " ") for w in cfg["reason_markers"]) or purpose:
                        out.append(Option(_clean(txt), None, 0.75))
                elif ch.dep == "prep" and ch.lemma.lower() in cfg["manner_preps"]:
                    out.append(Option(_clean(txt), None, 0.7))
                elif ch.dep == "advmod" and ch.text.lower().endswith("ly"):
                    out.append(Option(txt, None, 0.5))
    else:  # a phrase: the verb's argument in the wh-word's role
        out.extend(_phrases(f, pd, c, m_toks, matched_events, status_of))
    return [o for o in out if o.text and not _question_has(f, o.text)]


def _subject_factor(f: Frame, pd: ParsedDoc, c: Cand, facts: dict, m: int) -> float:
    """1.2 when the sentence's verb has the question's subject, 0.4 when it has another named subject."""
    evs = {e.trigger_start: e for e in facts["events"].get((c.doc_id, c.idx), [])}
    cur = m
    for _ in range(3):  # "X's ambitions involve seeking ...": climb xcomp/conj/advcl to find the subject
        ev = evs.get(pd.tokens[cur].start + c.start)
        if ev is not None:
            ents = [r.entity for r in ev.roles if r.name == "agent" and r.entity]
            if any(_name_match(f.subject, "", e) for e in ents):
                return 1.2
        subj = [t for t in _children(pd, cur) if t.dep in ("nsubj", "nsubjpass", "poss")]
        if subj:
            lo, hi = pd.subtree(subj[0].i)
            text = pd.text[pd.tokens[lo].start : pd.tokens[hi - 1].end]
            if _name_match(f.subject, text, None) or any(_name_match(f.subject, w, None) for w in text.split()):
                return 1.2
            named = [
                x
                for x in facts["mentions"].get((c.doc_id, c.idx), [])
                if x["label"] in ("PERSON", "ORG", "GPE", "NORP")
                and lo <= _tok_at_or(pd, x["start_char"] - c.start) < hi
            ]
            if named:
                return 0.4
            if subj[0].pos != "PRON":
                return 1.0
        t = pd.tokens[cur]
        if t.dep not in ("xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp", "pobj", "prep") or t.head == cur:
            break
        cur = t.head
    return 1.0


def _name_anchors(f: Frame, pd: ParsedDoc, c: Cand, facts: dict) -> list[int]:
    """Head tokens of the sentence's mentions of the question's names."""
    out = []
    for m in facts["mentions"].get((c.doc_id, c.idx), []):
        if any(_name_match(g, m["text"], m["entity_key"]) for g in f.names if not g.soft):
            toks = _span_toks(pd, m["start_char"] - c.start, m["end_char"] - c.start)
            if toks:
                out.append(_head_of(pd, toks))
    return out


def _agents(f, pd, c, facts, m_toks, matched_events, status_of) -> list[Option]:
    out: list[Option] = []
    mentions = [
        m for m in facts["mentions"].get((c.doc_id, c.idx), []) if m["label"] in ("PERSON", "ORG", "GPE", "NORP")
    ]
    if f.pred and not f.pred_light and f.wh_role == "subj":
        for ev in matched_events:
            rs = [r for r in ev.roles if r.name == ("patient" if f.passive else "agent")]
            if not rs:
                continue
            r = rs[0]
            ents = list(dict.fromkeys(x.entity for x in rs if x.entity and (x.start, x.end) == (r.start, r.end)))
            if len(ents) > 1:  # "they" -> both people
                txt = " and ".join(entity_name(e) for e in ents)
            elif r.entity and (
                r.text.lower() in ("he", "she", "they", "it", "who", "which", "their", "his", "her")
                or _norm_words(r.text) <= _norm_words(entity_name(r.entity))
            ):  # "Putin" -> "Vladimir Putin"
                txt = entity_name(r.entity)
            else:
                txt = r.text
                toks = _span_toks(pd, r.start - c.start, r.end - c.start)
                h = _head_of(pd, toks) if toks else None
                ment = next(
                    (
                        x
                        for x in mentions
                        if x["label"] in ("PERSON", "ORG")
                        and h is not None
                        and h in _span_toks(pd, x["start_char"] - c.start, x["end_char"] - c.start)
                    ),
                    None,
                )
                if ment is not None:  # the phrase is headed by a name: answer the name
                    txt = entity_name(ment["entity_key"]) or ment["text"]
            out.append(Option(_clean(txt), r.entity, 0.9, r.entity, factor=_status_factor(f, ev.status)))
        for m in m_toks:
            subj = [t for t in _children(pd, m) if t.dep in (("nsubjpass",) if f.passive else ("nsubj",))]
            if f.passive:
                subj += [g for t in _children(pd, m) if t.dep == "agent" for g in _children(pd, t.i) if g.dep == "pobj"]
            if f.passive and pd.tokens[m].dep == "acl":  # "a tram driver arrested over ...": the noun it modifies
                subj.append(pd.tokens[pd.tokens[m].head])
            for s in subj:
                if s.pos == "PRON":
                    continue
                ment = next(
                    (
                        x
                        for x in mentions
                        if x["label"] in ("PERSON", "ORG")
                        and s.i in _span_toks(pd, x["start_char"] - c.start, x["end_char"] - c.start)
                    ),
                    None,
                )
                if ment is not None:  # the subject is a name: the name, not a long phrase around it
                    out.append(
                        Option(
                            entity_name(ment["entity_key"]) or ment["text"],
                            ment["entity_key"],
                            0.88,
                            ment["entity_key"],
                            factor=_status_factor(f, status_of(m)),
                        )
                    )
                    continue
                out.append(Option(_clean(_subtree_text(pd, s.i)), None, 0.85, factor=_status_factor(f, status_of(m))))
    focus = f.focus
    if focus:
        ftoks = [t.i for t in pd.tokens if _lemma_match(focus, t.lemma.lower()) >= 0.8]
        for m in mentions:
            toks = _span_toks(pd, m["start_char"] - c.start, m["end_char"] - c.start)
            if not toks:
                continue
            h = _head_of(pd, toks)
            for fi in ftoks:
                ft = pd.tokens[fi]
                linked = ft.head == h or pd.tokens[h].head == fi or fi in toks or (0 < toks[0] - fi <= 2)
                if linked:
                    name = entity_name(m["entity_key"]) or m["text"]
                    out.append(Option(name, m["entity_key"], 0.95, m["entity_key"]))
    if not out:
        for m in mentions:
            if m["label"] in ("PERSON", "ORG"):
                toks = _span_toks(pd, m["start_char"] - c.start, m["end_char"] - c.start)
                if toks and m_toks:
                    d = min(_dist(pd, toks[0], x) for x in m_toks)
                    out.append(
                        Option(
                            entity_name(m["entity_key"]) or m["text"], m["entity_key"], 0.4 / (1 + d), m["entity_key"]
                        )
                    )
    return out


def _phrases(f, pd, c, m_toks, matched_events, status_of) -> list[Option]:
    out: list[Option] = []
    role = f.wh_role
    for m in m_toks:
        tok = pd.tokens[m]
        kids = _children(pd, m)
        st = _status_factor(f, status_of(m))
        if role.startswith("pobj:"):
            prep = role.split(":", 1)[1]
            for k in kids:
                if k.dep == "prep" and k.lemma.lower() == prep:
                    for g in _children(pd, k.i):
                        if g.dep == "pobj":
                            out.append(Option(_clean(_subtree_text(pd, g.i)), None, 0.9, factor=st))
        elif role == "subj":
            for k in kids:
                if k.dep in ("nsubj", "nsubjpass") and k.pos != "PRON":
                    out.append(Option(_clean(_subtree_text(pd, k.i)), None, 0.85, factor=st))
        elif role in ("obj", "adv", "attr"):
            if tok.pos == "VERB" or tok.tag.startswith("VB"):
                for k in kids:
                    if k.dep in ("dobj", "attr", "oprd", "ccomp", "xcomp", "acomp"):
                        out.append(Option(_clean(_subtree_text(pd, k.i)), None, 0.85, factor=st))
            else:
                for k in kids:
                    if k.dep == "prep" and k.lemma.lower() in ("of", "for"):
                        for g in _children(pd, k.i):
                            if g.dep == "pobj":
                                out.append(Option(_clean(_subtree_text(pd, g.i)), None, 0.7, factor=st))
    for ev in matched_events:
        want = {"subj": "agent", "obj": "patient", "attr": "patient", "adv": "patient"}.get(role)
        for r in ev.roles:
            if r.name == want:
                out.append(Option(_clean(r.text), None, 0.9, factor=_status_factor(f, ev.status)))
    if f.pred is None and not f.focus:  # "what is X?" with X a name
        for a in m_toks:
            t = pd.tokens[a]
            head = pd.tokens[t.head]
            if t.dep in ("nsubj", "nsubjpass") and head.lemma.lower() == "be":
                for k in _children(pd, head.i):
                    if k.dep in ("attr", "acomp"):
                        out.append(Option(_clean(_subtree_text(pd, k.i)), None, 0.8))
            for k in _children(pd, a):
                if k.dep == "appos":
                    out.append(Option(_clean(_subtree_text(pd, k.i)), None, 0.85))
    if f.pred is None and f.focus:  # "what is X?": the attribute or apposition of X
        for t in pd.tokens:
            if _lemma_match(f.focus, t.lemma.lower()) >= 0.8:
                head = pd.tokens[t.head]
                if t.dep == "nsubj" and head.lemma.lower() == "be":
                    for k in _children(pd, head.i):
                        if k.dep in ("attr", "acomp"):
                            out.append(Option(_clean(_subtree_text(pd, k.i)), None, 0.8))
                for k in _children(pd, t.i):
                    if k.dep == "appos":
                        out.append(Option(_clean(_subtree_text(pd, k.i)), None, 0.7))
    return out


# -- retrieval ----------------------------------------------------------------------
def _retrieve(store, terms: list[str], limit: int, copies: int, names: list[str] = ()) -> list[dict]:
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


# -- the whole question ------------------------------------------------------------
def ask(store, question: str) -> Answer:
    cfg = _cfg()
    sc = cfg["scoring"]
    f = analyse_question(question)
    base = dict(question=question, answer_type=f.answer_type)
    if not f.terms:
        return Answer(answer="", reason="the question has no content words to look for", **base)
    if f.wh is None:
        return Answer(
            answer="",
            reason="no question word (who, what, when, where, why, how, which) to answer; "
            "for an entity, try `dateline entity NAME`",
            **base,
        )
    hits = _retrieve(
        store, f.terms, sc["retrieve_limit"], sc["copies_per_sentence"], [g.text for g in f.names if not g.soft]
    )
    if not hits:
        hard = [g.text for g in f.names if not g.soft]
        why = (
            f"no stored sentence mentions {', '.join(hard)} with the question's words"
            if hard
            else "no stored sentence shares a word with the question"
        )
        return Answer(answer="", reason=why, **base)
    window = sc["context_window"]
    # the hits, and the sentences after the best hits (which often refer back to them by pronoun)
    best_rank: dict[tuple[str, int], float] = {}
    n = len(hits)
    for rank, h in enumerate(hits):
        r = 1.0 - rank / max(1, n)
        for k in range(0, 3 if rank < sc["neighbour_hits"] else 1):
            key = (h["doc_id"], h["sentence_index"] + k)
            best_rank[key] = max(best_rank.get(key, 0.0), r * (1.0 if k == 0 else 0.5))
    wanted: dict[str, set[int]] = {}
    for d, i in best_rank:
        wanted.setdefault(d, set()).update(range(max(0, i - window), i + 1))
    # phase 1: what filtering needs (sentences, names, pronouns resolved by the events stage, times)
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
        return Answer(answer="", reason=f"no stored sentence mentions {what}{tail}", **base)
    cands.sort(key=lambda c: -c.score)
    chosen, seen_text = [], set()
    for c in cands:
        if c.text not in seen_text:
            seen_text.add(c.text)
            if len(seen_text) > sc["parse_limit"]:
                break
        chosen.append(c)
    # phase 2: the typed facts of the sentences examined
    need: dict[str, set[int]] = {}
    for c in chosen:
        need.setdefault(c.doc_id, set()).add(c.idx)
    load_facts(
        store,
        need,
        ("times", "places", "quantities", "events") if not f.times else ("places", "quantities", "events"),
        out=facts,
    )
    parses = store.sentence_docs((c.doc_id, c.idx) for c in chosen)
    options: dict[str, dict] = {}
    for c in chosen:
        pd = parses.get((c.doc_id, c.idx))
        if pd is None:
            continue
        evs = facts["events"].get((c.doc_id, c.idx), [])
        lemma = f.pred if (f.pred and not f.pred_light) else None
        matched = _match_tokens(pd, lemma, evs, c.start) if lemma else []
        if lemma and not matched:
            continue  # the sentence is not about what the question asks
        if not lemma and f.focus:
            fm = _match_tokens(pd, f.focus, [], c.start)
            if not fm:
                continue
            matched = matched or fm
        elif not lemma and f.answer_type == "place":  # "where is X?": a sentence that locates something
            matched = _match_tokens(pd, "locate", [], c.start)
        if f.subject is not None and matched:
            sf = max(_subject_factor(f, pd, c, facts, i) for i, _ in matched)
            matched = [(i, s_ * sf) for i, s_ in matched]
        lemmas = {t.lemma.lower() for t in pd.tokens} | {t.text.lower() for t in pd.tokens}
        lex = sum(
            1.0 if w in lemmas else 0.7 if _cfg()["_syn"].get(w, set()) & lemmas else 0.0 for w in f.content
        ) / max(1, len(f.content))
        verb = max((s for _, s in matched), default=0.0)
        sent_score = c.score + verb * sc["verb"] + lex * sc["lexical"]
        if _log.isEnabledFor(logging.DEBUG):
            _log.debug(
                "s%s names=%.2f bm25=%.2f verb=%.2f lex=%.2f -> %.2f %s",
                c.idx,
                c.names,
                c.bm25,
                verb,
                lex,
                sent_score,
                [(o.text[:40], round(o.score, 2)) for o in _extract(f, pd, c, facts, matched)],
            )
        for o in _extract(f, pd, c, facts, matched):
            k = o.value if f.answer_type in ("date", "place", "quantity") and o.value else o.text.lower()
            total = (sent_score + o.score) * o.factor
            entry = options.setdefault(k, {"opt": o, "best": 0.0, "cites": {}, "totals": {}})
            if total > entry["best"]:
                entry["best"], entry["opt"] = total, o
            entry.setdefault("totals", {})[c.text] = max(total, entry.get("totals", {}).get(c.text, 0.0))
            prev = entry["cites"].get((c.doc_id, c.idx))
            if prev is None or prev < total:
                entry["cites"][(c.doc_id, c.idx)] = total
            entry.setdefault("rows", {})[(c.doc_id, c.idx)] = c.text
    if not options:
        return Answer(
            answer="", reason=f"sentences mention the question's subject but none states a {f.answer_type}", **base
        )
    ranked = []
    for k, e in options.items():
        # other sentences stating the same answer add support, if nearly as good as the best one
        e["texts"] = {t for t, v in e["totals"].items() if v >= e["best"] - 0.5}
        total = e["best"] + sc["support_bonus"] * min(3, len(e["texts"]) - 1)
        ranked.append((total, k, e))
    if f.order and f.answer_type == "date":
        ranked = _order_dates(ranked, f.order)
    ranked.sort(key=lambda x: (-x[0], len(x[2]["opt"].text)))
    if _log.isEnabledFor(logging.DEBUG):
        for t, k, e in ranked[:8]:
            _log.debug("%.2f %r %s", t, e["opt"].text, sorted(e["cites"]))
    total, _, e = ranked[0]
    if total < sc["min_answer_score"]:
        return Answer(
            answer="", reason=f"best candidate {e['opt'].text!r} is too weakly supported ({total:.2f})", **base
        )
    o = e["opt"]
    cites = sorted(e["cites"].items(), key=lambda kv: -kv[1])[:3]
    citations = tuple(Citation(d, i, e["rows"][(d, i)]) for (d, i), _ in cites)
    confidence = round(min(0.99, total / (total + 1.5)), 3)
    return Answer(
        answer=o.text,
        value=o.value,
        confidence=confidence,
        citations=citations,
        reason=f"{f.answer_type} from {len(e['texts'])} sentence(s)",
        **base,
    )


def _order_dates(ranked, order: str):
    """ "last"/"first": among well-supported dates, prefer the latest/earliest."""
    if not ranked:
        return ranked
    top = max(r[0] for r in ranked)
    good = [r for r in ranked if r[0] >= top - 0.5 and r[2]["opt"].value]
    if not good:
        return ranked
    pick = (max if order == "last" else min)(good, key=lambda r: r[2]["opt"].value)
    return [(r[0] + (0.6 if r is pick else 0.0), r[1], r[2]) for r in ranked]


def answer_json(a: Answer) -> dict:
    return {
        "question": a.question,
        "answer": a.answer,
        "value": a.value,
        "confidence": a.confidence,
        "citations": [{"doc_id": c.doc_id, "sentence_index": c.sentence_index, "text": c.text} for c in a.citations],
        "answer_type": a.answer_type,
        "reason": a.reason,
    }
