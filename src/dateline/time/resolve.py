"""``resolve_sentence_times``: when the event a sentence states happened.

Rules, in order (the ``rule`` field records which one applied):
- governing: a DATE/TIME expression attached (through the dependency tree) to the
  sentence's main verb, not introduced by an anchoring preposition ("since 2019");
- context: a past-tense sentence continuing the previous sentence of the same
  paragraph, which had a governing time, with no adverb such as "previously" or
  "later" moving it away (conservative: one sentence of narrative carry-over);
- publication: present or present-perfect reporting happens at publication;
- none: nothing applies (future or modal statements, undated past events); ``latest``
  still bounds a past event by the publication date.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..nlp import syntax
from ..nlp.syntax import governing_verb
from ..types import ParsedDoc, Sentence, SentenceTime, TimeValue
from .extract import _Doc, signal_of
from .lexicon import context_rules

_SPECIFIC = ("TIME", "DATE")
_UNDATED_REFS = ("PAST_REF", "FUTURE_REF")


def _main_verb(parsed: ParsedDoc, si: int) -> int | None:
    toks = parsed.sentence_tokens(si)
    root = next((t for t in toks if t.head == t.i), None)
    if root is not None and root.pos in ("VERB", "AUX"):
        return root.i
    v = next((t for t in toks if t.pos == "VERB"), None)
    if v is None:
        v = next((t for t in toks if t.pos == "AUX" and t.dep not in ("aux", "auxpass")), None)
    return v.i if v is not None else None


def _main_chain(d: _Doc, main: int) -> set[int]:
    """The main verb and verbs coordinated with or complementing it ("plans to visit")."""
    toks = d.tokens
    s = d.parsed.sentences[toks[main].sentence]
    out = {main}
    todo = [main]
    while todo:  # one visit per token: linear in the sentence
        for k in d.tree.kids[todo.pop()]:
            t = toks[k]
            if (
                k not in out
                and s.token_start <= k < s.token_end
                and t.dep in ("conj", "xcomp")
                and t.pos in ("VERB", "AUX")
            ):
                out.add(k)
                todo.append(k)
    return out


def _adverbial(parsed: ParsedDoc, i: int, verb: int) -> bool:
    """The expression modifies the verb itself ("in 2016", "Tuesday"), not a noun ("a 21st-century site")."""
    toks = parsed.tokens
    t = toks[i]
    if t.head == verb:
        return True
    h = toks[t.head]
    return h.dep == "prep" and h.head == verb


def _value_of(tv: TimeValue, parsed: ParsedDoc) -> tuple[str | None, str | None, str | None]:
    pub = parsed.article.published
    if tv.value == "PRESENT_REF":
        p = pub.isoformat() if pub else None
        return (p or "PRESENT_REF"), p, p
    return tv.value, tv.earliest, tv.latest


def _dates_the_verb(d: _Doc, tv: TimeValue, chain: set[int]) -> bool:
    """A dated expression attached to the main verb chain as an adverbial, not an anchor ("since")."""
    if tv.type not in _SPECIFIC or tv.value in _UNDATED_REFS:
        return False
    if signal_of(tv) in context_rules().non_governing_signals:
        return False
    head = d.span_head(tv.start, tv.end)
    if head is None:
        return False
    gv = governing_verb(d.tokens, head.i)
    return gv is not None and gv in chain and _adverbial(d.parsed, head.i, gv)


def _governing(d: _Doc, times: Sequence[TimeValue], mine: Sequence[int], chain: set[int]) -> int | None:
    """The sentence's governing expression: the first that dates the verb, or a later one naming one day."""
    best: int | None = None
    for k in mine:
        if not _dates_the_verb(d, times[k], chain):
            continue
        tv, cur = times[k], times[best] if best is not None else None
        if cur is None or (tv.earliest is not None and tv.earliest == tv.latest and cur.earliest != cur.latest):
            best = k
    return best


def _moves_away(parsed: ParsedDoc, times: Sequence[TimeValue], mine: Sequence[int], si: int) -> bool:
    """The sentence has its own vague time ("recently") or an adverb such as "previously"."""
    if any(times[k].value in _UNDATED_REFS for k in mine):
        return True
    breakers = context_rules().context_breakers
    return any(
        t.text.lower() in breakers and t.dep in ("advmod", "npadvmod", "prep", "mark")
        for t in parsed.sentence_tokens(si)
    )


def _continues(parsed: ParsedDoc, s: Sentence, prev: SentenceTime | None, pub_s: str | None) -> bool:
    """The sentence right after a governed one, in the same paragraph, with a real date to carry."""
    return (
        prev is not None
        and prev.rule == "governing"  # one sentence of carry-over only: conservative
        and prev.sentence == s.index - 1
        and "\n" not in parsed.text[parsed.sentences[s.index - 1].end : s.start]
        and prev.value not in (None, pub_s)
    )


def _sentence_time(
    parsed: ParsedDoc,
    d: _Doc,
    s: Sentence,
    main: int,
    times: Sequence[TimeValue],
    mine: Sequence[int],
    prev: SentenceTime | None,
) -> SentenceTime:
    pub = parsed.article.published
    pub_s = pub.isoformat() if pub else None
    best = _governing(d, times, mine, _main_chain(d, main))
    if best is not None:
        value, earliest, latest = _value_of(times[best], parsed)
        return SentenceTime(s.index, value, earliest, latest, "governing", best)
    tense = syntax.tense(d.tree, main)
    carries = tense == "past" and prev is not None and _continues(parsed, s, prev, pub_s)
    if carries and prev is not None and not _moves_away(parsed, times, mine, s.index):
        return SentenceTime(s.index, prev.value, prev.earliest, prev.latest, "context", prev.timex)
    if tense in ("present", "perfect") and pub is not None:
        return SentenceTime(s.index, pub_s, pub_s, pub_s, "publication", None)
    return SentenceTime(s.index, None, None, pub_s if tense in ("past", "perfect") else None, "none", None)


def resolve_sentence_times(parsed: ParsedDoc, times: Sequence[TimeValue]) -> tuple[SentenceTime, ...]:
    """One :class:`SentenceTime` per sentence that has a verb, in text order."""
    d = _Doc(parsed)
    by_sent: dict[int, list[int]] = {}
    for k, tv in enumerate(times):
        by_sent.setdefault(tv.sentence, []).append(k)
    out: list[SentenceTime] = []
    prev: SentenceTime | None = None
    for s in parsed.sentences:
        main = _main_verb(parsed, s.index)
        if main is None:
            prev = None
            continue
        prev = _sentence_time(parsed, d, s, main, times, by_sent.get(s.index, ()), prev)
        out.append(prev)
    return tuple(out)
