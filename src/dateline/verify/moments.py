"""Moments told on a contest's own clock: "on lap 13", "Lap 14 ...", "in the 28th lap",
"halted after 20 of 71 laps", "with 21 of 71 laps completed".

A race is timed in laps, and a report places its one-off events on that scale: a crash
(with the driver who had it), a stoppage of the race. ``moments(a)`` reads, per report,
each such moment: the scale value, whether it is a lap number ("lap 20": the lap in
progress) or a count of completed laps ("after 20 laps"), the event class and its person,
and which occurrence it is ("a second time", "another red flag", else its rank among the
report's moments of that class). The scale words and event words are data
(``moments`` in the tolerances). Only the clause the marker belongs to is read: "Racing
resumed at the end of lap 19 but Raikkonen spun and crashed" times the restart, not the crash.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from ..nlp.syntax import governing_verb, span_head
from ..types import Analysis, Mention, Quantity, Token
from .config import tolerances

_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.I)
_NON_FINITE = ("VBG", "VBN", "TO")


@dataclass(frozen=True)
class Moment:
    analysis: Analysis
    sentence: int
    start: int  # character offsets of the marker
    end: int
    text: str
    value: int
    completed: bool  # a count of laps done ("after 20 laps"), not the lap in progress ("lap 20")
    event: str  # the event class: crash | stoppage ...
    person: str  # the driver of a crash ("" for a stoppage of the race)
    occurrence: int  # 1 for the first stoppage, 2 for the second ... (0: unknown)
    stated: bool = False  # the report says which occurrence ("a second time"), not only its rank

    @property
    def doc_id(self) -> str:
        return self.analysis.article.doc_id


def _number(tok: Token) -> int | None:
    words = tolerances().moments.number_words
    m = _ORDINAL.match(tok.text)
    if m:
        return int(m.group(1))
    if tok.text.isdigit():
        return int(tok.text)
    return words.get(tok.text.lower())


def _markers(a: Analysis, sentence: int) -> list[tuple[int, int, int, bool]]:
    """(first token, last token, value, completed) of each scale marker in a sentence:
    "lap 13", "the 28th lap", and the stage's counts out of a whole ("20 of 71 laps")."""
    scales = tolerances().moments.scales
    toks = a.parsed.sentence_tokens(sentence)
    out = []
    for n, t in enumerate(toks):
        if t.lemma.lower() not in scales or t.text.lower().endswith("s"):
            continue
        after = _number(toks[n + 1]) if n + 1 < len(toks) else None
        before = _number(toks[n - 1]) if n > 0 and _ORDINAL.match(toks[n - 1].text) else None
        if after is not None:
            out.append((t.i, toks[n + 1].i, after, False))
        elif before is not None:
            out.append((toks[n - 1].i, t.i, before, False))
    for q in a.quantities:
        if q.sentence == sentence and _counted_share(q):
            first = next((t.i for t in toks if t.start >= q.start), None)
            last = next((t.i for t in reversed(toks) if t.end <= q.end), first)
            if first is not None and last is not None and not _ORDINAL.match(q.text.split()[0]):
                out.append((first, last, int(q.number), True))
    return sorted(set(out))


def _counted_share(q: Quantity) -> bool:
    """ "20 of 71 laps": a count of a scale's units out of the whole contest."""
    return q.kind == "count" and q.base is not None and (q.counts or "") in tolerances().moments.scales


def _scope(a: Analysis, first: int, last: int) -> tuple[int, int]:
    """The clause a marker belongs to (token range), without the clauses joined to it by
    "and"/"but", and without a marker's entry after it in a timeline ("Lap 14 ... Lap 20 ...")."""
    toks = a.parsed.tokens
    v = governing_verb(toks, first)
    s = a.parsed.sentences[toks[first].sentence]
    if v is None or (toks[first].text[:1].isupper() and (first == s.token_start or toks[first - 1].pos != "ADP")):
        return first, s.token_end  # a timeline entry: from its marker on
    while toks[v].tag in _NON_FINITE and toks[v].dep in ("advcl", "prep", "acl", "xcomp", "pcomp"):
        up = governing_verb(toks, toks[v].head)
        if up is None or up == v:
            break
        v = up
    lo, hi = a.parsed.subtree(v)
    for k in a.parsed.children(v):
        if k.dep == "conj" and k.i > last:
            hi = min(hi, a.parsed.subtree(k.i)[0])
        elif k.dep == "conj" and k.i < first:
            lo = max(lo, a.parsed.subtree(k.i)[1])
    return lo, hi


def _events_in(a: Analysis, lo: int, hi: int) -> list[tuple[str, str]]:
    """(event class, person) for the event words of a scope; a crash takes the nearest person
    named before its word ("Lap 14 Marcus Ericsson has a big smash"), else it has none."""
    cfg = tolerances().moments
    toks = a.parsed.tokens[lo:hi]
    people = [m for m in a.parsed.mentions if toks and toks[0].start <= m.start < toks[-1].end and _subject(a, m)]
    out = []
    for n, t in enumerate(toks):
        forms = _forms(toks, n)
        for cls, words in cfg.events.items():
            if forms & words:
                person = ""
                if cls in cfg.needs_person:
                    before = [m for m in people if m.end <= t.start] or _pronoun_antecedent(a, t)
                    if not before:
                        continue
                    person = max(before, key=lambda m: m.end).entity.name
                out.append((cls, person))
    return list(dict.fromkeys(out))


def _subject(a: Analysis, m: Mention) -> bool:
    """A person (or a team the model took a driver for) that is a clause's subject: the one
    a crash belongs to ("Marcus Ericsson then brought it back out ... when he smashed")."""
    if m.label not in ("PERSON", "ORG"):
        return False
    head = a.parsed.tokens[span_head(a.parsed.tokens, m.token_start, m.token_end)]
    return head.dep in ("nsubj", "nsubjpass") or (m.label == "PERSON" and head.dep in ("ROOT", "appos"))


def _pronoun_antecedent(a: Analysis, t: Token) -> list[Mention]:
    """ "Marcus Ericsson then brought it back out on lap 13 when he smashed ...": a crash
    verb whose subject is "he" or "she" belongs to the last person (or team the model took a
    driver for) named before it in the same sentence."""
    if not any(k.dep == "nsubj" and k.text.lower() in ("he", "she") for k in a.parsed.children(t.i)):
        return []
    named = [
        m for m in a.parsed.mentions if m.sentence == t.sentence and m.label in ("PERSON", "ORG") and m.end <= t.start
    ]
    return named[-1:] if named else []


def _forms(toks: tuple[Token, ...], n: int) -> set[str]:
    """How an event word may be listed: its lemma or text, with its part of speech
    ("stop/VERB", so a pit stop is no stoppage), and with the word before it ("red flag",
    across a hyphen: "red-flagged")."""
    t = toks[n]
    words = {t.lemma.lower(), t.text.lower()}
    prev = [k for k in toks[max(0, n - 2) : n] if k.text != "-"]
    if prev:
        words |= {f"{prev[-1].lemma.lower()} {w}" for w in list(words)}
    return words | {f"{w}/{t.pos}" for w in words}


def _occurrence(a: Analysis, lo: int, hi: int) -> int | None:
    """The stated occurrence ("first", "a second time"); -1 for "another"/"again" (a later one)."""
    cfg = tolerances().moments
    for t in a.parsed.tokens[lo:hi]:
        w = t.text.lower()
        if w in cfg.ordinals:
            return cfg.ordinals[w]
        if w in cfg.repeats:
            return -1
    return None


def moments(a: Analysis) -> list[Moment]:
    """The report's moments on a contest's clock, each with its occurrence resolved."""
    found: list[tuple[Moment, int | None]] = []
    toks = a.parsed.tokens
    for s in a.parsed.sentences:
        marks = _markers(a, s.index)
        for n, (first, last, value, completed) in enumerate(marks):
            lo, hi, where = _entry(a, marks, n)
            said = _occurrence(a, lo, hi)
            text = a.parsed.text[toks[first].start : toks[last].end]
            for cls, person in _events_in(a, lo, hi):
                m = Moment(a, where, toks[first].start, toks[last].end, text, value, completed, cls, person, 0)
                found.append((m, said))
    return _number_occurrences(found)


def _entry(a: Analysis, marks: list[tuple[int, int, int, bool]], n: int) -> tuple[int, int, int]:
    """The tokens a marker speaks of, and their sentence: its clause, never reaching into
    another marker's entry ("Lap 14 ... Lap 20 ..."); a marker that is a sentence of its own
    (a timeline's "Lap 21" heading) speaks of the next sentence."""
    toks = a.parsed.tokens
    first, last = marks[n][0], marks[n][1]
    s = a.parsed.sentences[toks[first].sentence]
    alone = all(t.pos == "PUNCT" for t in toks[last + 1 : s.token_end]) and first == s.token_start
    if alone and s.index + 1 < len(a.parsed.sentences):
        nxt = a.parsed.sentences[s.index + 1]
        later = [m[0] for m in _markers(a, nxt.index)]
        return nxt.token_start, min([nxt.token_end, *later]), nxt.index
    lo, hi = _scope(a, first, last)
    lo = max([lo] + [m[1] + 1 for m in marks[:n] if m[1] < first])
    hi = min([hi] + [m[0] for m in marks[n + 1 :] if m[0] > last])
    return lo, hi, s.index


def _number_occurrences(found: list[tuple[Moment, int | None]]) -> list[Moment]:
    by_event: dict[tuple[str, str], list[tuple[Moment, int | None]]] = defaultdict(list)
    for m, said in found:
        by_event[(m.event, m.person)].append((m, said))
    out = []
    for group in by_event.values():
        values = sorted({m.value for m, _ in group})
        for m, said in group:
            rank = values.index(m.value) + 1
            if said is None or said > 0:
                out.append(replace(m, occurrence=said or rank, stated=said is not None))
            elif rank > 1:  # "another red flag": a later one, whose rank the report gives
                out.append(replace(m, occurrence=rank, stated=True))
    return out


def is_moment(a: Analysis, q: Quantity) -> bool:
    """A count of laps out of the whole that times an event ("halted after 20 of 71 laps"):
    the moments rule compares it, not the figures rule."""
    return _counted_share(q) and any(m.start <= q.start < m.end for m in moments(a))
