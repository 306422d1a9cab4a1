"""Stage 3, reading, for quantity answers: the numbers of the kind asked, matched to the
question by what they count or measure ("killed" vs "injured", a speed vs a speed limit),
with the whole of a count given in parts ("six men and one woman": 7)."""

from __future__ import annotations

import functools

from .config import _cfg
from .frame import Frame
from .match import Option, _lemma_match
from .retrieve import _name_match, _norm_words
from .tree import _children, _clean, _dist, _head_of, _span_toks


@functools.cache
def _categories() -> dict[str, str]:
    """word -> what a count of it counts (killed, injured, ...), from the quantity stage's lexicon."""
    from ...quantity.lexicon import lexicon_file

    out: dict[str, str] = {}
    for cat, words in lexicon_file().count_categories.items():
        for w in words:
            out.setdefault(str(w).lower(), cat)
    return out


@functools.cache
def _people() -> frozenset[str]:
    from ...quantity.lexicon import lexicon_file

    return frozenset(lexicon_file().counted_nouns.people)


def question_category(f: Frame) -> str | None:
    """What the question's count counts: "how many were hurt" injured, "the death toll" killed."""
    cats = _categories()
    for w in [f.pred or "", *f.content, f.focus or ""]:
        for x in {w} | _cfg()["_syn"].get(w, set()):
            if x in cats:
                return cats[x]
    return None


def _count_fit(f: Frame, cat: str | None, q) -> float:
    """+1 when a count counts what is asked, -1 when it counts something else, 0 unknown."""
    cats = set(_categories().values())
    if q.counts and cat:
        if q.counts == cat:  # the right category; of whom, when the question says ("attackers killed")
            named = f.counted not in (None, "people", "person") and q.measures
            return 0.0 if named and f.counted not in _norm_words(q.measures or "") else 1.0
        if q.counts in cats:
            return -1.0
    counted = f.counted
    if not counted or not q.counts or q.counts in cats or q.counts == "age":
        return 0.0
    if _lemma_match(counted, q.counts) or (q.measures and counted in _norm_words(q.measures)):
        return 1.0
    if counted in _people() and q.counts in _people():
        return 0.5
    return -1.0


def _attached_noun(pd, i: int) -> str | None:
    """The noun a measure is of or modifies: "17 miles of track" track, "a 100 feet-long tram" tram."""
    if pd.tokens[i].dep == "appos":  # "17 miles (27km) of track"
        i = pd.tokens[i].head
    for ch in _children(pd, i):
        if ch.dep == "prep" and ch.lemma.lower() == "of":
            obj = next((g for g in _children(pd, ch.i) if g.dep == "pobj"), None)
            if obj is not None and obj.pos in ("NOUN", "PROPN"):
                return obj.lemma.lower()
    cur = i
    for _ in range(3):
        h = pd.tokens[cur].head
        if h == cur:
            return None
        if pd.tokens[h].pos in ("NOUN", "PROPN"):
            return pd.tokens[h].lemma.lower()
        if pd.tokens[h].pos not in ("ADJ", "NUM", "PUNCT"):
            return None
        cur = h
    return None


def _measure_fit(f: Frame, q, noun: str | None) -> float:
    """+1 when what a measure measures is named in the question ("speed"), less when it also says
    more than the question does ("top speed" for "how fast"), -1 for a bound the question does
    not ask about ("a 12mph limit" for "how fast was it going?"), -0.5 when it measures a thing
    the question does not name, 0 unknown."""
    words = set(f.measure_words) | ({f.focus} if f.focus else set()) | set(f.content)
    said = _norm_words(q.measures) if q.measures else frozenset()
    bounds = set(_cfg()["bound_words"]) - words
    if bounds & (said | {noun or ""}):  # "a 12mph limit": what was allowed, not what was done
        return -1.0
    if not words & said:
        if noun is None:
            return 0.0
        return 1.0 if any(_lemma_match(noun, w) for w in words) else -0.5
    extra = said - words - set(f.measure_words) - {"of", "a", "an"}
    return 0.5 if extra else 1.0


def _in_asked_slot(r, i: int) -> bool:
    """The quantity is the object of the preposition the question strands on its verb ("what was
    it reduced to?": "reduced to 360g")."""
    role = r.f.wh_role
    if not role.startswith("pobj:"):
        return False
    tok = r.pd.tokens[i]
    prep = r.pd.tokens[tok.head]
    if tok.dep != "pobj" or prep.lemma.lower() != role.split(":", 1)[1]:
        return False
    up = r.pd.tokens[prep.head]
    # "reduced from 90 kg to 60 kg": the parser hangs "to" from "from"
    return prep.head in r.m_toks or (up.dep == "prep" and up.head in r.m_toks)


def _age_holder(pd, i: int):
    """Whose age a number states: "Pat Rooke, 72," Rooke; "the 42-year-old driver" driver; "the boy,
    who is six years old," boy; "Aged 19, Dane lost ..." Dane. None when the parse does not say."""
    cur = i
    for _ in range(3):
        t = pd.tokens[cur]
        head = pd.tokens[t.head]
        if t.head == cur:
            return None
        if t.dep in ("appos", "amod", "nummod", "compound") and head.pos in ("NOUN", "PROPN"):
            return head
        if t.dep in ("acomp", "attr") or (t.dep == "advcl" and t.lemma.lower() == "age"):
            subj = next((g for g in _children(pd, t.head) if g.dep in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos == "PRON" and head.dep == "relcl":  # "the boy, who is six"
                return pd.tokens[head.head]
            return subj
        cur = t.head
    return None


def _age_fit(r, i: int) -> float:
    """+1 when the age is the asked person's, -1 when it is another named person's, -0.5 for a
    description when a name is asked about ("the six-year-old boy" for "how old is his uncle
    Song?"), 0 when the parse does not say whose it is."""
    holder = _age_holder(r.pd, i)
    if holder is None:
        return 0.0
    subject = r.f.subject or (r.f.names[0] if r.f.names else None)
    if subject is None:  # "how old is the driver?": the description asked about
        return 1.0 if any(_lemma_match(holder.lemma.lower(), w) for w in r.f.content) else 0.0
    # the holder's own name ("Philip Logan"), not its whole phrase: in a list of victims with their
    # ages the next name hangs from the previous one
    words = [t.text for t in _children(r.pd, holder.i) if t.dep in ("compound", "flat")] + [holder.text]
    if _name_match(subject, " ".join(words), None):
        return 1.0
    return -1.0 if holder.pos == "PROPN" else -0.5


def _value(q) -> str | None:
    if q.si_value is None:
        return None
    return f"{q.si_value:.6g} {q.si_unit or ''}".strip() + f" ({q.number:g} {q.unit or ''})".replace(" )", ")")


def quantities(r) -> list[Option]:
    """Quantities of the kind asked, best when they count or measure what is asked."""
    f, pd, c = r.f, r.pd, r.c
    out: list[Option] = []
    cat = question_category(f) if "count" in f.kinds else None
    foc = [t.i for t in pd.tokens if f.focus and _lemma_match(f.focus, t.lemma.lower())]
    for q in r.facts["quantities"].get(r.key, []):
        if (f.kinds and q.kind not in f.kinds) or q.text in f.question:
            continue
        toks = _span_toks(pd, q.start - c.start, q.end - c.start)
        if not toks:
            continue
        i = _head_of(pd, toks)
        d = min([_dist(pd, i, j) for j in foc + r.m_toks] or [6])
        fit = _age_fit(r, i) if q.kind == "age" else _fit(f, cat, q, _attached_noun(pd, i))
        if _in_asked_slot(r, i):  # "reduced to 360g" for "what was the weight reduced to?"
            fit = max(fit, 1.0)
        sc = 0.6 + 0.4 / (1 + d) + 0.4 * fit
        if q.relation == "part" and q.parts_total:  # "six men and one woman died": seven
            total = f"{q.parts_total:g}"
            out.append(Option(total, total, sc + 0.1, fit=fit))
            sc -= 0.3
        out.append(Option(q.text, _value(q), sc, fit=fit, vague=_vague(q.text)))
    if "duration" in f.kinds:
        out += _durations(r, [(q.start, q.end) for q in r.facts["quantities"].get(r.key, [])])
    if f.counted == "time":
        out += _times_adjectives(r)
    return out


@functools.cache
def _vague_words() -> frozenset[str]:
    from ...quantity.lexicon import lexicon_file

    return frozenset(str(w).lower() for w in lexicon_file().vague_numbers)


def _vague(text: str) -> bool:
    """ "dozens", "hundreds of thousands": a rough count, not a number the text states."""
    return not any(ch.isdigit() for ch in text) and any(w in text.lower() for w in _vague_words())


def _fit(f: Frame, cat: str | None, q, noun: str | None) -> float:
    if q.kind == "count":
        return _count_fit(f, cat, q)
    if q.kind == "multiplier":  # "five times": how often, not how much bigger
        return 1.0 if f.counted == "time" and (q.unit or "").lower() in ("times", "time") else -0.5
    return _measure_fit(f, q, noun)


def _times_adjectives(r) -> list[Option]:
    """ "a four-time world champion": how many times, as an adjective."""
    from ...quantity.lexicon import lexicon_file

    numbers = lexicon_file().number_words
    toks = r.pd.tokens
    out: list[Option] = []
    for t in toks:
        if t.text.lower() == "time" and t.i >= 2 and toks[t.i - 1].text == "-":  # "four", "-", "time"
            first, start = toks[t.i - 2].text.lower(), toks[t.i - 2].start
        else:
            first, _, rest = t.text.lower().partition("-")
            if rest != "time":
                continue
            start = t.start
        n = float(first) if first.isdigit() else numbers.get(first)
        if n is not None:
            d = min([_dist(r.pd, t.i, j) for j in r.m_toks] or [6])
            out.append(Option(r.pd.text[start : t.end], f"{n:g}", 0.8 + 0.4 / (1 + d), fit=1.0))
    return out


def _durations(r, taken: list[tuple[int, int]]) -> list[Option]:
    """Durations the time stage read, vague ones too ("several hours", "for days"), that no
    quantity already covers; best near the question's verb and after "for"."""
    pd, c = r.pd, r.c
    out: list[Option] = []
    for t in r.facts["times"].get(r.key, []):
        if t.type != "DURATION" or t.text in r.f.question or any(s < t.end and t.start < e for s, e in taken):
            continue
        toks = _span_toks(pd, t.start - c.start, t.end - c.start)
        if not toks:
            continue
        i = _head_of(pd, toks)
        d = min([_dist(pd, i, j) for j in r.m_toks] or [6])
        sc = 0.6 + 0.4 / (1 + d) + (0.2 if t.rule and "for" in t.rule.split("|") else 0.0)
        out.append(Option(_clean(t.text), t.value, sc, fit=0.5 if d <= 2 else 0.0))
    return out
