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

from ..nlp import syntax
from ..nlp.syntax import governing_verb
from ..types import ParsedDoc, SentenceTime, TimeValue
from .extract import _Doc, context_rules, signal_of

_SPECIFIC = ("TIME", "DATE")


def _main_verb(parsed: ParsedDoc, si: int) -> int | None:
    toks = parsed.sentence_tokens(si)
    root = next((t for t in toks if t.head == t.i), None)
    if root is not None and root.pos in ("VERB", "AUX"):
        return root.i
    v = next((t for t in toks if t.pos == "VERB"), None)
    if v is None:
        v = next((t for t in toks if t.pos == "AUX" and t.dep not in ("aux", "auxpass")), None)
    return v.i if v is not None else None


def _main_chain(parsed: ParsedDoc, main: int) -> set[int]:
    """The main verb and verbs coordinated with or complementing it ("plans to visit")."""
    out = {main}
    toks = parsed.tokens
    s = parsed.sentences[toks[main].sentence]
    changed = True
    while changed:
        changed = False
        for t in toks[s.token_start : s.token_end]:
            if t.i not in out and t.head in out and t.dep in ("conj", "xcomp") and t.pos in ("VERB", "AUX"):
                out.add(t.i)
                changed = True
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


def resolve_sentence_times(parsed: ParsedDoc, times) -> tuple[SentenceTime, ...]:
    c = context_rules()
    d = _Doc(parsed)
    pub = parsed.article.published
    pub_s = pub.isoformat() if pub else None
    by_sent: dict[int, list[int]] = {}
    for k, tv in enumerate(times):
        by_sent.setdefault(tv.sentence, []).append(k)
    out: list[SentenceTime] = []
    prev: SentenceTime | None = None
    text = parsed.text
    for s in parsed.sentences:
        main = _main_verb(parsed, s.index)
        if main is None:
            prev = None
            continue
        chain = _main_chain(parsed, main)
        tense = syntax.tense(d.tree, main)
        best = None
        for k in by_sent.get(s.index, ()):
            tv = times[k]
            if tv.type not in _SPECIFIC or tv.value in ("PAST_REF", "FUTURE_REF"):
                continue
            if signal_of(tv) in c["non_governing_signals"]:
                continue
            head = d.span_head(tv.start, tv.end)
            if head is None:
                continue
            gv = governing_verb(parsed.tokens, head.i)
            if gv is None or gv not in chain:
                continue
            if not _adverbial(parsed, head.i, gv):
                continue
            if best is None or (
                tv.earliest is not None and tv.earliest == tv.latest and times[best].earliest != times[best].latest
            ):
                best = k
        own_ref = any(times[k].value in ("PAST_REF", "FUTURE_REF") for k in by_sent.get(s.index, ())) or any(
            t.text.lower() in c["context_breakers"] and t.dep in ("advmod", "npadvmod", "prep", "mark")
            for t in parsed.sentence_tokens(s.index)
        )
        if best is not None:
            value, earliest, latest = _value_of(times[best], parsed)
            st = SentenceTime(s.index, value, earliest, latest, "governing", best)
        elif (
            tense == "past"
            and prev is not None
            and prev.rule == "governing"  # one sentence of carry-over only: conservative
            and prev.sentence == s.index - 1
            and "\n" not in text[parsed.sentences[s.index - 1].end : s.start]
            and prev.value not in (None, pub_s)
            and not own_ref
        ):
            st = SentenceTime(s.index, prev.value, prev.earliest, prev.latest, "context", prev.timex)
        elif tense in ("present", "perfect") and pub is not None:
            st = SentenceTime(s.index, pub_s, pub_s, pub_s, "publication", None)
        else:
            st = SentenceTime(s.index, None, None, pub_s if tense in ("past", "perfect") else None, "none", None)
        out.append(st)
        prev = st
    return tuple(out)
