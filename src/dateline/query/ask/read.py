"""Stage 3, reading: re-parse the retrieved sentences, find the question's verb in them and
take candidate answers of the asked type from the stored facts and the parse."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ...nlp.lexicon import english
from ...types import ParsedDoc
from .._common import entity_name, load_facts
from .config import _CLOCK, _ISO, _ORDER_WORDS, _YEAR, _cfg
from .frame import Frame
from .match import Option, _match_tokens, _question_has, _status, _status_factor, novelty
from .quantities import quantities
from .retrieve import Cand, _name_match
from .roles import _agents, _phrases, head_noun_phrases, opposite_tokens, yes_no
from .tree import _children, _clean, _dist, _head_of, _span_toks, _subtree_text, _tok_at_or


@dataclass
class Reading:
    """One retrieved sentence being read for one question: its parse, facts, and the tokens
    that stand for the question's verb (or, failing that, its names)."""

    f: Frame
    pd: ParsedDoc
    c: Cand
    facts: dict
    matched: list[tuple[int, float]]
    m_toks: list[int]
    ev_by_start: dict

    @property
    def key(self) -> tuple[str, int]:
        return (self.c.doc_id, self.c.idx)

    @property
    def events(self) -> list:
        at = [self.pd.tokens[m].start + self.c.start for m in self.m_toks]
        return [self.ev_by_start[x] for x in at if x in self.ev_by_start]

    def near(self, i: int) -> int:
        return min((_dist(self.pd, i, m) for m in self.m_toks), default=6)

    def status_of(self, i: int) -> str:
        if not self.m_toks:
            return "ongoing"
        m = min(self.m_toks, key=lambda m: _dist(self.pd, i, m))
        return _status(self.pd, m, self.ev_by_start, self.c.start)


def _extract(f: Frame, pd: ParsedDoc, c: Cand, facts: dict, matched: list[tuple[int, float]]) -> list[Option]:
    """Candidate answers of the asked type in one sentence."""
    evs = facts["events"].get((c.doc_id, c.idx), [])
    m_toks = [i for i, _ in matched]
    if not m_toks and f.answer_type in ("place", "phrase", "date", "quantity"):
        # "where is X?", "what is X?": no verb to anchor on, so anchor on X itself
        m_toks = list(_name_anchors(f, pd, c, facts))
        if f.answer_type == "place":
            m_toks += [i for i, _ in _locating_verbs(pd, c)]
    r = Reading(f, pd, c, facts, matched, m_toks, {e.trigger_start: e for e in evs})
    readers = {
        "date": _dates,
        "place": _places,
        "quantity": quantities,
        "reason": _reasons,
        "manner": _reasons,
        "yesno": yes_no,
    }
    if f.answer_type == "agent":
        out = _agents(f, pd, c, facts, m_toks, r.events, r.status_of) + head_noun_phrases(f, pd, c, facts, r.near)
    elif f.answer_type in readers:
        out = readers[f.answer_type](r)
        if f.answer_type == "place":  # "which Russian town": "the town of Khasan", gazetteer or not
            out += head_noun_phrases(f, pd, c, facts, r.near, names_only=True)
    else:  # a phrase: the verb's argument in the wh-word's role
        out = _phrases(f, pd, c, m_toks, r.events, r.status_of) + head_noun_phrases(f, pd, c, facts, r.near)
    if f.answer_type == "yesno":  # the evidence restates the question: that is the point
        return out
    pronouns = english().pronouns.all
    # a bare pronoun ("He") names no one: its entity would, and is offered when resolved
    return [o for o in out if o.text and o.text.lower() not in pronouns and not _question_has(f, o.text)]


def _locating_verbs(pd: ParsedDoc, c: Cand) -> list[tuple[int, float]]:
    """ "is located", "lies", "is based": verbs that place something ("where is X?" has no verb of
    its own); the nouns of the same words ("a launch site", "a military base") place nothing."""
    return [(i, s) for i, s in _match_tokens(pd, "locate", [], c.start) if pd.tokens[i].pos in ("VERB", "AUX")]


def _dates(r: Reading) -> list[Option]:
    """Dates of the sentence, nearest the verb first; the report's date when it gives none."""
    qtexts = {t[3] for t in r.f.times}
    times = r.facts["times"].get(r.key, [])
    out = [o for o in (_date_option(r, t, qtexts) for t in times) if o is not None]
    if out and all(o.since for o in out):  # "its first visit since 2000" dates the one before, not this one
        out += _context_date(r)
    if not out:
        out += _report_date(r)
    if not times:
        out += _year_mentions(r, qtexts)
    return out


_VAGUE_REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def _date_option(r: Reading, t, qtexts: set[str]) -> Option | None:
    """One normalised date of the sentence as an answer, unless it is vague or the question's own."""
    f, pd, c = r.f, r.pd, r.c
    if t.type not in ("DATE", "TIME") or not t.earliest or t.value in _VAGUE_REFS:
        return None
    if t.text in qtexts or any(q in t.text for q in qtexts):
        return None
    toks = _span_toks(pd, t.start - c.start, t.end - c.start)
    if not toks:
        return None
    i = _head_of(pd, toks)
    st = r.status_of(i)
    since = pd.tokens[pd.tokens[i].head].lemma.lower() == "since"
    if since:  # "first X since 2019": the previous X was in 2019
        st = "occurred"
    value = t.value if _ISO.match(t.value or "") else t.earliest
    sc = 0.5 + 0.5 / (1 + r.near(i))
    if since and f.order != "last":
        sc *= _cfg()["scoring"]["since_date"]  # the previous occurrence, not this one
    text = t.text if _YEAR.search(t.text) or not value else f"{t.text} ({value})"  # "Wednesday (2023-09-13)"
    fit = _clock_fit(f, t.value or "")
    return Option(text, value, sc, factor=_status_factor(f, st), since=since, ordered=_ordered(r, i), fit=fit)


def _clock_fit(f: Frame, value: str) -> float:
    """+1 a time of day for "at what time ...?", -1 a date without one; 0 when no time is asked."""
    if "clock" not in f.kinds:
        return 0.0
    return 1.0 if _CLOCK.search(value) else -1.0


def _ordered(r: Reading, i: int) -> bool:
    """The date (head token i) hangs from a matched event the sentence marks with the question's
    "first"/"last", on the verb or on its subject or object ("On Oct. 15, Toblerone first
    announced", "its first rocket was launched in April 2016"): it dates that occasion itself."""
    if r.f.order is None:
        return False
    marked = {m for m in r.m_toks if _order_marked(r, m)}
    cur = i
    for _ in range(4):  # "On Oct. 15" -> on -> announced
        cur = r.pd.tokens[cur].head
        if cur in marked:
            return True
    return False


def _order_marked(r: Reading, m: int) -> bool:
    kids = _children(r.pd, m)
    args = [k for k in kids if k.dep in ("nsubj", "nsubjpass", "dobj")]
    words = kids + [g for a in args for g in _children(r.pd, a.i)]
    return any(_ORDER_WORDS.get(k.text.lower()) == r.f.order and k.dep in ("advmod", "amod") for k in words)


def _context_date(r: Reading) -> list[Option]:
    """ "It was Putin's first visit since 2000": the visit is the story's own, so it is dated by
    the sentences just before it (the nearest dated one, weak)."""
    if not r.matched or r.c.row.get("time_value"):
        return []
    for k in (1, 2):
        row = r.facts["sentences"].get((r.c.doc_id, r.c.idx - k))
        if row and row.get("time_value") and row.get("time_rule") not in (None, "none", "publication"):
            st = r.status_of(r.m_toks[0])
            return [Option(row["time_value"], row["time_value"], 0.45, factor=_status_factor(r.f, st), context=True)]
    return []


def _report_date(r: Reading) -> list[Option]:
    """No date in the sentence: the event happened when reported (weak)."""
    row = r.c.row
    if not (r.matched and row.get("time_rule") == "publication" and row.get("time_value")):
        return []
    st = r.status_of(r.m_toks[0])
    text = f"{row['time_value']} (date of the report)"
    fit = _clock_fit(r.f, row["time_value"])
    return [Option(text, row["time_value"], 0.45, factor=_status_factor(r.f, st), report=True, fit=fit)]


def _year_mentions(r: Reading, qtexts: set[str]) -> list[Option]:
    """Sentences without normalised times: the model's DATE mentions that hold a year."""
    pd, c = r.pd, r.c
    out: list[Option] = []
    for m in r.facts["mentions"].get(r.key, []):
        if m["label"] != "DATE" or not _YEAR.search(m["text"]) or m["text"] in qtexts:
            continue
        toks = _span_toks(pd, m["start_char"] - c.start, m["end_char"] - c.start)
        if toks:
            i = _head_of(pd, toks)
            sc = 0.4 + 0.4 / (1 + r.near(i))
            out.append(Option(m["text"], _YEAR.findall(m["text"])[0], sc, factor=_status_factor(r.f, r.status_of(i))))
    return out


def _places(r: Reading) -> list[Option]:
    """Places of the sentence (gazetteer names and coordinates), nearest the verb first."""
    f, pd, c, facts, key = r.f, r.pd, r.c, r.facts, r.key
    near, status_of, matched_events = r.near, r.status_of, r.events
    out: list[Option] = []
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
        fit = _place_fit(f, feature)
        sc = 0.3 + 0.5 / (1 + near(i)) + feat.get(feature, 0.0) + 0.3 * fit
        if pd.tokens[pd.tokens[i].head].lemma.lower() in ("at", "in", "to", "near", "inside", "where"):
            sc += 0.15
        if any(r.name == "place" and r.start <= s < r.end for ev in matched_events for r in ev.roles):
            sc += 0.3
        out.append(Option(name, value, sc, name, factor=_status_factor(f, status_of(i)), fit=fit))
    return out


def _place_fit(f: Frame, feature: str) -> float:
    """ "which city": +1 for a city, -1 for a country or a region; 0 when the question names no kind."""
    kinds = _cfg()["place_kinds"]
    want = next((k for k, nouns in kinds.items() if f.head_noun in nouns), None)
    if want is None or feature not in kinds:
        return 0.0
    return 1.0 if feature == want else -1.0


def _reasons(r: Reading) -> list[Option]:
    """Reasons (because, for, to ...) or manners (by, with, adverbs) attached to the verb."""
    f, pd, typ = r.f, r.pd, r.f.answer_type
    names = ("reason", "purpose") if typ == "reason" else ("manner", "instrument")
    out = [
        Option(_clean(role.text), None, 0.9, factor=_status_factor(f, ev.status))
        for ev in r.events
        for role in ev.roles
        if role.name in names
    ]
    if typ == "reason":
        out += _for_reasons(pd, r.m_toks)
    for m in r.m_toks:
        for ch in _children(pd, m):
            o = _attached_reason(pd, ch) if typ == "reason" else _attached_manner(pd, ch, f.passive)
            if o is not None:
                out.append(o)
        if typ == "manner":
            out += _manner_on_object(pd, m)
    if typ == "reason":
        out.extend(_reason_cues(pd, {o.text for o in out}))
    return out


def _for_reasons(pd: ParsedDoc, m_toks: list[int]) -> list[Option]:
    """ "for" + a reason noun anywhere under the verb ("arrested for fraud")."""
    nouns = _cfg()["reason_nouns"]
    out: list[Option] = []
    for m in m_toks:
        lo, hi = pd.subtree(m)
        for t in pd.tokens[lo:hi]:
            if t.dep != "prep" or t.lemma.lower() != "for":
                continue
            if any(g.dep == "pobj" and g.lemma.lower() in nouns for g in _children(pd, t.i)):
                out.append(Option(_clean(_subtree_text(pd, t.i, drop=())), None, 0.85))
    return out


_CAUSAL_MARKS = ("because", "since", "as", "so")


def _attached_reason(pd: ParsedDoc, ch) -> Option | None:
    """A dependant of the verb that gives a reason: a causal clause, a reason marker or a purpose."""
    txt = _subtree_text(pd, ch.i, drop=())
    low = txt.lower()
    mark = any(x.dep == "mark" and x.lemma.lower() in _CAUSAL_MARKS for x in _children(pd, ch.i))
    purpose = ch.dep == "advcl" and low.startswith("to ")
    if mark or purpose or any(low.startswith(w + " ") for w in _cfg()["reason_markers"]):
        return Option(_clean(txt), None, 0.75)
    return None


def _attached_manner(pd: ParsedDoc, ch, passive: bool = False) -> Option | None:
    """A dependant of the verb that gives a manner: a manner preposition or an -ly adverb."""
    if ch.dep == "prep" and ch.lemma.lower() in _cfg()["manner_preps"]:
        return Option(_clean(_subtree_text(pd, ch.i, drop=())), None, 0.7)
    if passive and ch.dep == "agent" and any(g.dep == "pobj" and g.pos == "NOUN" for g in _children(pd, ch.i)):
        # "how was she protected?" - "by a rigged system": a passive's means; asked in the
        # active ("how did officials welcome him?"), the by-phrase is the doer the question names
        return Option(_clean(_subtree_text(pd, ch.i, drop=())), None, 0.7)
    if ch.dep == "advmod" and ch.text.lower().endswith("ly"):
        return Option(_subtree_text(pd, ch.i, drop=()), None, 0.5)
    return None


def _manner_on_object(pd: ParsedDoc, m: int) -> list[Option]:
    """ "learning about the accident on WeChat": the small model often hangs the verb's manner
    phrase on its object; read it there, weaker than one on the verb."""
    out: list[Option] = []
    objs = [g for ch in _children(pd, m) if ch.dep == "prep" for g in _children(pd, ch.i) if g.dep == "pobj"]
    objs += [ch for ch in _children(pd, m) if ch.dep == "dobj"]
    for obj in objs:
        for ch in _children(pd, obj.i):
            o = _attached_manner(pd, ch) if ch.dep == "prep" else None
            if o is not None:
                out.append(Option(o.text, None, o.score * 0.7))
    return out


_CLAUSE_CUES = ("as", "since")


def _has_verb(pd: ParsedDoc, i: int) -> bool:
    lo, hi = pd.subtree(i)
    return any(t.pos in ("VERB", "AUX") and t.i != i for t in pd.tokens[lo:hi])


def _reason_cues(pd: ParsedDoc, seen: set[str]) -> list[Option]:
    """Reason phrases anywhere in the sentence ("as a result of the falling pound", "after a
    collision"), for sentences that paraphrase the question's verb: weaker than attached ones."""
    cfg = _cfg()
    strong = sorted(cfg["reason_markers"], key=len, reverse=True)
    out = []
    low = [t.text.lower() for t in pd.tokens]
    for t in pd.tokens:
        rest = " ".join(low[t.i : t.i + 5])
        cue = next((w for w in strong if rest == w or rest.startswith(w + " ")), None)
        score = 0.55
        if cue is None and low[t.i] in cfg["reason_weak_markers"] and t.dep in ("prep", "mark"):
            cue, score = low[t.i], 0.45
        if cue is None or t.dep not in ("prep", "mark", "advmod", "amod", "agent"):
            continue
        root = t.head if t.dep == "mark" else t.i
        txt = _clean(_subtree_text(pd, root, drop=()))
        if cue in _CLAUSE_CUES and not _has_verb(pd, root):
            continue  # "as Kraft", "since 1977": a name or a time, not a reason
        if txt and txt not in seen and len(txt.split()) > 1:
            out.append(Option(txt, None, score))
            seen.add(txt)
    return out


def _subject_factor(f: Frame, pd: ParsedDoc, c: Cand, facts: dict, m: int) -> float:
    """1.2 when the sentence's verb has the question's subject, 0.4 when it has another named subject."""
    subject = f.subject
    if subject is None:
        return 1.0
    evs = {e.trigger_start: e for e in facts["events"].get((c.doc_id, c.idx), [])}
    cur = m
    for _ in range(3):  # "X's ambitions involve seeking ...": climb xcomp/conj/advcl to find the subject
        controlled = _controlled_by(pd, c, facts, cur, subject)
        if controlled is not None:
            return controlled
        ev = evs.get(pd.tokens[cur].start + c.start)
        if ev is not None:
            ents = [r.entity for r in ev.roles if r.name == "agent" and r.entity]
            if any(_name_match(subject, "", e) for e in ents):
                return 1.2
        stated = _stated_subject(pd, c, facts, cur, subject)
        if stated is not None:
            return stated
        t = pd.tokens[cur]
        if t.dep not in ("xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp", "pobj", "prep") or t.head == cur:
            break
        cur = t.head
    return 1.0


def _stated_subject(pd: ParsedDoc, c: Cand, facts: dict, i: int, subject) -> float | None:
    """The verb's own subject: 1.2 when it is the question's, 0.4 when it names another, 1.0 for a
    description; None when it has none or only a pronoun (the caller looks further up)."""
    subj = [t for t in _children(pd, i) if t.dep in ("nsubj", "nsubjpass", "poss")]
    return _subject_is(pd, c, facts, subj[0], subject) if subj else None


def _subject_is(pd: ParsedDoc, c: Cand, facts: dict, s, subject) -> float | None:
    """1.2 when the phrase headed by ``s`` names the question's subject, 0.4 when it names
    another, 1.0 for a description, None for a pronoun."""
    lo, hi = pd.subtree(s.i)
    text = pd.text[pd.tokens[lo].start : pd.tokens[hi - 1].end]
    if _name_match(subject, text, None) or any(_name_match(subject, w, None) for w in text.split()):
        return 1.2
    named = [
        x
        for x in facts["mentions"].get((c.doc_id, c.idx), [])
        if x["label"] in ("PERSON", "ORG", "GPE", "NORP") and lo <= _tok_at_or(pd, x["start_char"] - c.start) < hi
    ]
    if named:
        return 0.4
    return None if s.pos == "PRON" else 1.0


def _controlled_by(pd: ParsedDoc, c: Cand, facts: dict, i: int, subject) -> float | None:
    """An infinitive complement's subject is the object of the verb it hangs from ("Kim invited
    Putin to visit": Putin visits, not Kim), read as a stated subject is; None for other clauses
    or a pronoun object."""
    t = pd.tokens[i]
    obj = next((g for g in _children(pd, t.head) if g.dep == "dobj"), None) if t.dep == "xcomp" else None
    return None if obj is None else _subject_is(pd, c, facts, obj, subject)


def _name_anchors(f: Frame, pd: ParsedDoc, c: Cand, facts: dict) -> list[int]:
    """Head tokens of the sentence's mentions of the question's names."""
    out = []
    for m in facts["mentions"].get((c.doc_id, c.idx), []):
        if any(_name_match(g, m["text"], m["entity_key"]) for g in f.names if not g.soft):
            toks = _span_toks(pd, m["start_char"] - c.start, m["end_char"] - c.start)
            if toks:
                out.append(_head_of(pd, toks))
    return out


def _sentence_options(f: Frame, pd: ParsedDoc, c: Cand, facts: dict) -> tuple[float, dict, list[Option]]:
    """The sentence's score and its candidate answers; None when it is not about what is asked."""
    sc = _cfg()["scoring"]
    evs = facts["events"].get((c.doc_id, c.idx), [])
    lemma = f.pred if (f.pred and not f.pred_light) else None
    matched = _match_tokens(pd, lemma, evs, c.start) if lemma else []
    if f.comp_pred and f.comp_pred not in _cfg()["_light"]:  # the governed verb stands in, a little weaker
        weak = _cfg()["scoring"]["complement_verb"]
        have = {i for i, _ in matched}
        matched += [(i, s_ * weak) for i, s_ in _match_tokens(pd, f.comp_pred, evs, c.start) if i not in have]
        matched.sort(key=lambda x: -x[1])
        lemma = lemma or f.comp_pred
    if f.answer_type == "yesno" and lemma:  # "were unharmed" states (the denial of) "were any hurt?"
        have = {i for i, _ in matched}
        matched += [(i, s_) for i, s_ in opposite_tokens(pd, lemma) if i not in have]
        matched.sort(key=lambda x: -x[1])
    # a sentence without the question's verb or focus may paraphrase it: read it, its score says so
    if not lemma and f.focus:
        matched = _match_tokens(pd, f.focus, [], c.start)
    elif not lemma and f.answer_type == "place":  # "where is X?": a sentence that locates something
        matched = _locating_verbs(pd, c)
    if f.subject is not None and matched:
        sf = max(_subject_factor(f, pd, c, facts, i) for i, _ in matched)
        matched = [(i, s_ * sf) for i, s_ in matched]
    lemmas = {t.lemma.lower() for t in pd.tokens} | {t.text.lower() for t in pd.tokens}
    lex = sum(_word_said(w, lemmas) for w in f.content) / max(1, len(f.content))
    verb = max((s for _, s in matched), default=0.0)
    sent_score = c.score + verb * sc["verb"] + lex * sc["lexical"]
    if lemma and not matched:
        sent_score *= sc["verb_missing"]
    if c.absent:  # its document never names what is asked about: a namesake's story at best
        sent_score *= sc["names_absent"]
    feats = {
        "names": c.names,
        "names_missing": float(c.missing),
        "names_absent": float(c.absent),
        "nouns": c.nouns,
        "bm25": c.bm25,
        "verb": verb,
        "verb_missing": float(bool(lemma and not matched)),
        "lexical": lex,
    }
    opts = _extract(f, pd, c, facts, matched)
    if f.kind == "what_kind":
        opts = _names_are_no_kind(opts, facts["mentions"].get((c.doc_id, c.idx), []))
    return sent_score, feats, opts


def _word_said(word: str, lemmas: set[str]) -> float:
    """1 when the sentence has the question's word, 0.7 when it has a synonym (every word of a
    multi-word one: "come into service" for "open"), else 0."""
    if word in lemmas:
        return 1.0
    syn = _cfg()["_syn"].get(word, set())
    return 0.7 if any(all(w in lemmas for w in s.split()) for s in syn) else 0.0


def _names_are_no_kind(opts: list[Option], mentions: list[dict]) -> list[Option]:
    """ "What kind of packaging ...?" asks for a kind: a person, place or organisation the sentence
    names ("sold in the UK") is something else."""
    names = {m["text"].lower() for m in mentions if m["label"] in _INDIVIDUALS}
    return [dataclasses.replace(o, fit=-1.0, score=o.score - 0.4) if o.text.lower() in names else o for o in opts]


_INDIVIDUALS = ("PERSON", "GPE", "LOC", "NORP", "ORG", "FAC")


def _option_key(f: Frame, o: Option) -> str:
    """Candidates are merged by value: a date, a place, a polarity, a quantity in SI ("62" and
    "62-year-old" are one age, "435 miles" and "700 km" one distance); other answers by text."""
    if f.answer_type not in ("date", "place", "quantity", "yesno") or not o.value:
        return o.text.lower()
    return o.value.split(" (")[0] if f.answer_type == "quantity" else o.value


def read(store, f: Frame, chosen: list[Cand], facts: dict) -> dict[str, dict]:
    """Candidate answers of every chosen sentence, merged by value: {key: {opt, best, cites, totals, rows}}.

    Copies of one sentence (same text, same publication date: wire copies, re-posts) are read
    once, from the best-scored copy, and every copy is cited."""
    copies: dict[tuple[str, str | None], list[Cand]] = {}
    for c in chosen:
        copies.setdefault((c.text, c.published), []).append(c)
    reps = [group[0] for group in copies.values()]
    need: dict[str, set[int]] = {}
    for c in reps:
        need.setdefault(c.doc_id, set()).add(c.idx)
    # the typed facts of the sentences examined
    load_facts(
        store,
        need,
        ("times", "places", "quantities", "events") if not f.times else ("places", "quantities", "events"),
        out=facts,
    )
    parses = store.sentence_docs((c.doc_id, c.idx) for c in reps)
    options: dict[str, dict] = {}
    for c in reps:
        pd = parses.get((c.doc_id, c.idx))
        if pd is None:
            continue
        sent_score, feats, opts = _sentence_options(f, pd, c, facts)
        for o in opts:
            k = _option_key(f, o)
            total = (sent_score + o.score) * o.factor
            entry = options.setdefault(k, {"opt": o, "best": 0.0, "cites": {}, "totals": {}, "rows": {}})
            if total > entry["best"]:
                entry["best"], entry["opt"] = total, o
                entry["features"] = feats | {
                    "option": o.score,
                    "agrees": o.factor,
                    "report_date": float(o.report),
                    "fit": o.fit,
                    "vague": float(o.vague),
                    "novel": novelty(f, o.text),
                    "named": float(o.key is not None),
                    # "the first X since 2000" answers "when was X last?", not "when was X?"
                    "since": (1.0 if f.order == "last" else -1.0) if o.since else 0.0,
                    "context_date": float(o.context),
                    "ordered": float(o.ordered),
                }
                entry["published"] = c.published
            entry["totals"][c.text] = max(total, entry["totals"].get(c.text, 0.0))
            for copy in copies[(c.text, c.published)]:
                prev = entry["cites"].get((copy.doc_id, copy.idx))
                if prev is None or prev < total:
                    entry["cites"][(copy.doc_id, copy.idx)] = total
                entry["rows"][(copy.doc_id, copy.idx)] = copy.text
    return options
