"""The main event of an article and its 5W1H answers, candidates best first.

The main event is chosen among the frames of ``extract_events`` with the cues
Giveme5W1H uses (position: title and lead first; how often its actor is
mentioned; named-entity type) plus what the frames know (status, type, whether
the trigger heads its sentence). Answers are shaped like the phrases news
annotators mark: "who" the actor's name or noun phrase, "what" the verb phrase
of the event, "when" a date phrase, "where" a place phrase, "why" the cause or
purpose clause, "how" the instrument or manner (else the verb). Weights are in
``data/main_event.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from ..nlp.lexicon import english
from ..types import EntityKey, Event, MainEvent, ParsedDoc, Token, W5Answer
from ._data import lexicon
from .context import DocContext
from .frames import build_context
from .main_event_when_where import _norm_scores, _position_weight, _when, _where

_PRONOUNS = english().pronouns.all
_QUOTES = frozenset({"'", "‘", "’", '"', "“", "”", "``", "''"})
_CLAUSE_OPENERS = frozenset(
    {"after", "as", "because", "when", "while", "if", "before", "since", "that", "what", "how", "why"}
)


def _event_scores(ctx: DocContext, events: tuple[Event, ...]) -> list[tuple[float, Event]]:
    w = lexicon().main["event"]
    freq, maxf = _actor_frequency(ctx)
    tok_at = _tok_at(ctx)
    out = []
    title_has_verb = any(e.sentence in _title_sents(ctx) and tok_at[e.trigger_start].pos == "VERB" for e in events)
    for e in events:
        t = tok_at.get(e.trigger_start)
        if t is None:
            continue
        sc = _position_weight(ctx, e.sentence, w["position"], e.trigger_start)
        # added one at a time in this order: a float sum depends on its order
        for bonus in (
            *_type_bonuses(e, w),
            *_syntax_bonuses(ctx, e, t, w, title_has_verb),
            *_actor_bonuses(e, w, freq, maxf),
        ):
            sc += bonus
        sc += w["status"].get(e.status, 0.0)
        out.append((sc, e))
    out.sort(key=lambda x: -x[0])
    return out


def _actor_frequency(ctx: DocContext) -> tuple[Counter, int]:
    """How often each named actor is mentioned, coreferent mentions ("he", "the company") included."""
    freq = Counter(m.entity for m in ctx.parsed.mentions if m.label in ("PERSON", "ORG", "NORP", "GPE"))
    for _k, v in ctx.coref.items():
        for key in v:
            freq[key] += 1
    maxf = max(freq.values()) if freq else 1
    return freq, maxf


def _type_bonuses(e: Event, w: dict) -> list[float]:
    """Typed events are news; statements, and bare "said", mostly frame it."""
    out = []
    if e.type != "OTHER":
        out.append(w["typed"])
    if e.type == "STATEMENT":
        out.append(w["statement"])
        if e.lemma in w["bare_reporting_verbs"]:
            out.append(w["bare_reporting"])
    return out


def _syntax_bonuses(ctx: DocContext, e: Event, t: Token, w: dict, title_has_verb: bool) -> list[float]:
    """A trigger heading its sentence ("X is the winner" included) over one in a subordinate clause,
    and a verb over an event noun, except the head of a verbless headline."""
    out = []
    if t.dep == "ROOT" or (t.pos == "NOUN" and ctx.toks[t.head].dep == "ROOT" and ctx.toks[t.head].lemma == "be"):
        out.append(w["root"])
    elif t.dep in ("advcl", "relcl", "acl", "ccomp", "pcomp", "pobj"):
        out.append(w["subordinate"])
    title_head = e.sentence in _title_sents(ctx) and (not title_has_verb or t.dep == "ROOT")
    if t.pos == "NOUN" and not title_head and e.lemma == t.lemma.lower():
        out.append(w["noun_trigger"])
    return out


def _actor_bonuses(e: Event, w: dict, freq: Counter, maxf: int) -> list[float]:
    """An event with an actor, better a named and often mentioned one, and with a patient."""
    out = []
    agents = [r for r in e.roles if r.name == "agent"]
    if agents:
        out.append(w["any_agent"])
        ents = [r.entity for r in agents if r.entity and r.entity.label in ("PERSON", "ORG", "NORP", "GPE")]
        if ents:
            out.append(w["named_agent"] + w["agent_frequency"] * max(freq.get(k, 0) for k in ents) / maxf)
    if any(r.name == "patient" for r in e.roles):
        out.append(w["patient"])
    return out


def _title_sents(ctx: DocContext) -> set[int]:
    got = ctx.memo.get("title_sents")
    if got is None:
        got = {s.index for s in ctx.parsed.sentences if ctx.in_title(s.index)}
        ctx.memo["title_sents"] = got
    return got


def _tok_at(ctx: DocContext) -> dict:
    got = ctx.memo.get("tok_at")
    if got is None:
        got = {t.start: t for t in ctx.toks}
        ctx.memo["tok_at"] = got
    return got


def main_event(parsed: ParsedDoc, events, times=(), sentence_times=(), places=()) -> MainEvent:
    return main_event_ctx(build_context(parsed), events, times, sentence_times, places)


def main_event_ctx(ctx: DocContext, events, times=(), sentence_times=(), places=()) -> MainEvent:
    parsed = ctx.parsed
    events = tuple(events or ())
    times = tuple(times or ())
    places = tuple(places or ())
    ranked = _event_scores(ctx, events)
    doc_id = parsed.article.doc_id
    if not ranked:
        when = _when(ctx, None, times, sentence_times)
        return MainEvent(doc_id=doc_id, when=when, where=_where(ctx, None, places))
    best = ranked[0][1]
    top = [e for _, e in ranked[:6]]
    return MainEvent(
        doc_id=doc_id,
        who=_who(ctx, ranked),
        what=_what(ctx, ranked),
        when=_when(ctx, best, times, sentence_times),
        where=_where(ctx, best, places),
        why=_why(ctx, best, ranked),
        how=_how(ctx, best, top, ranked),
    )


# --- who -----------------------------------------------------------------


def _entity_name(ctx: DocContext, key: EntityKey) -> str:
    for ent in ctx.parsed.entities:
        if ent.key == key:
            return ent.name
    return key.name


def _who(ctx: DocContext, ranked) -> tuple[W5Answer, ...]:
    cands = []
    for rank, (sc, e) in enumerate(ranked[:8]):
        agents = [r for r in e.roles if r.name == "agent"] or [
            r for r in e.roles if r.name == "patient" and e.type in ("ACCIDENT", "DEATH", "INJURY")
        ]
        if not agents:
            continue
        r = agents[0]
        text, start, end = r.text, r.start, r.end
        if not text.split() or text.split()[0].lower() in _CLAUSE_OPENERS:
            continue  # empty, or a clause, not an actor
        words = text.split()
        if text.lower() in _PRONOUNS or len(words) > 8:
            keys = [a.entity for a in agents if a.entity]
            if not keys:
                continue
            names = list(dict.fromkeys(_entity_name(ctx, k) for k in keys))
            text = " and ".join(names)
            start = end = None
        elif len(agents) == 1 and r.entity and r.entity.label in ("PERSON", "ORG"):
            name = _entity_name(ctx, r.entity)
            if text.endswith(("'s", "’s")):
                text = text[:-2]
            if len(name) > len(text) and text in name:
                text = name  # "Trump" -> "Donald Trump"
            elif r.entity.label == "PERSON" and re.search(r"['’]s\s", text) and text.split()[-1] in name:
                text = name  # "Brazil's Massa" -> "Felipe Massa"
        cands.append((sc - 0.01 * rank, W5Answer(text, sc, start, end)))
    return _norm_scores(cands)


# --- what ----------------------------------------------------------------


def _what_phrase(ctx: DocContext, e: Event) -> W5Answer | None:
    cfg = lexicon().main["what"]
    t = _tok_at(ctx).get(e.trigger_start)
    if t is None:
        return None
    if t.pos == "NOUN" and e.lemma != t.lemma.lower():
        # a headline verb the tagger took for a noun: the verb and its object
        p = e.role("patient")
        end = p.end if p is not None else t.end
        return W5Answer(ctx.parsed.text[t.start : end], 0.0, t.start, end)
    if t.pos == "NOUN":
        return _noun_what(ctx, t.i, cfg)
    pieces = _verb_pieces(ctx, e, t.i, cfg) + _control_pieces(ctx, t.i)
    pieces.sort()
    kept: list[int] = []
    for a, b in pieces:
        for k in range(a, b):
            if not kept or k > kept[-1]:
                kept.append(k)
    kept = _same_paragraph(ctx, kept, t.i)[: cfg["max_tokens"]]
    toks = ctx.toks
    while kept and toks[kept[-1]].pos in ("PUNCT", "CCONJ", "ADP"):
        kept.pop()
    if not kept:
        return None
    text = _join(ctx, kept)
    return W5Answer(text, 0.0, toks[kept[0]].start, toks[kept[-1]].end)


def _noun_what(ctx: DocContext, i: int, cfg: dict) -> W5Answer | None:
    """An event noun's phrase without the clauses after it and without its actors."""
    toks = ctx.toks
    a, b = ctx.subtree(i)
    a = max(a, _clause_left(ctx, i))
    # "Explosion and gunfire outside German consulate": cut before clauses
    b2 = b
    for k in range(i + 1, b):
        if (
            toks[k].dep in ("relcl", "acl", "punct", "advcl", "mark") or ctx.lower[k] in ("as", "after", "because")
        ) and toks[k].head in range(a, b):
            b2 = k
            break
    for k in range(a, i):
        if toks[k].text == ":":
            a = k + 1  # "President Donald Trump: Lady Gaga ...": a headline's topic label
    a2 = a
    while a2 < i and (
        toks[a2].dep in ("det", "poss", "case", "cc")  # "Putin and Kim sign ...": both actors go
        or ctx.lower[a2] in _PRONOUNS
        or (a2 in ctx.mention_at and ctx.mention_at[a2].label in ("PERSON", "ORG"))
    ):
        a2 += 1  # the actor is the answer to "who", not part of "what"
    b2 = min(b2, a2 + cfg["max_tokens"])
    text, s, en = ctx.span_text(a2, b2)
    return W5Answer(text, 0.0, s, en) if text else None


class _VerbRules(NamedTuple):
    """main_event.yaml ``what`` for one event: which dependents of a verb trigger its phrase keeps."""

    keep_deps: set[str]
    keep_preps: set[str]
    after_obj: set[str]  # the prepositions kept after a direct object
    stop: set[str]
    purpose_type: bool  # a travel-like event: its purpose clause says what happened
    travel_purpose: bool  # ... and it has one


def _verb_pieces(ctx: DocContext, e: Event, i: int, cfg: dict) -> list[tuple[int, int]]:
    """The trigger and the dependents to its right that say what happened (main_event.yaml: what)."""
    toks = ctx.toks
    purpose_type = e.type in cfg["purpose_types"]
    rules = _VerbRules(
        set(cfg["keep_deps"]),
        set(cfg["keep_preps"]),
        set(cfg["keep_preps_after_object"]),
        set(cfg["stop_deps"]),
        purpose_type,
        purpose_type and e.role("purpose") is not None,
    )
    pieces = [(i, i + 1)]
    has_obj = False
    n_prep = 0
    for k in ctx.kids[i]:
        if k < i:
            if toks[k].dep == "neg":
                pieces.append((k, k + 1))
            continue
        preps = rules.after_obj if has_obj else rules.keep_preps
        step = _right_dependent_step(ctx, k, i, rules, preps if n_prep == 0 else set())
        if step == "skip":
            continue
        if step == "stop":
            break
        pieces.append(ctx.subtree(k))
        if step == "argument":
            has_obj = has_obj or toks[k].dep in ("dobj", "attr", "dative")
        elif step == "prep":
            n_prep += 1
        elif step == "last":
            break
    return pieces


def _right_dependent_step(ctx: DocContext, k: int, i: int, rules: _VerbRules, preps: set[str]) -> str:
    """What dependent ``k`` right of verb trigger ``i`` does to the phrase: "skip" it, keep it ("argument",
    "keep", "prep" for the one prepositional phrase, "last" to end with it), or "stop" before it.
    ``preps``: the prepositions a phrase may still be kept for."""
    kt = ctx.toks[k]
    if k == i or (kt.dep == "punct" and kt.text in _QUOTES):
        return "skip"  # slams 'rigged' FBI
    if kt.dep in rules.stop and not rules.travel_purpose:
        return "stop"
    if rules.travel_purpose and kt.dep != "advcl":
        return "skip"  # "travels through X on Y to meet Z" is "travels to meet Z"
    if kt.dep in rules.keep_deps:
        return "argument"
    if kt.dep == "advmod" and k == i + 1 and kt.pos in ("ADP", "ADV") and not ctx.lower[k].endswith("ly"):
        return "keep"  # "fell down (a deep well)"
    if kt.dep == "prep" and ctx.lower[k] in preps:
        return "prep"
    if kt.dep == "advcl" and rules.purpose_type:
        return "last"
    if kt.dep in ("prep", "advmod", "npadvmod") and rules.purpose_type:
        return "skip"  # travel: skip place and means, keep looking
    return "stop"


def _control_pieces(ctx: DocContext, i: int) -> list[tuple[int, int]]:
    """A controlled verb keeps its governor: "set to check", "are trying to reach"."""
    toks = ctx.toks
    t = toks[i]
    if t.dep != "xcomp" or toks[t.head].lemma.lower() not in lexicon().control_verbs:
        return []
    h = t.head
    out = [(h, h + 1)]
    out += [(k, k + 1) for k in ctx.kids[h] if toks[k].dep == "aux" and k < h]
    out += [(k, k + 1) for k in ctx.kids[i] if toks[k].dep == "aux" and toks[k].tag == "TO"]
    return out


def _same_paragraph(ctx: DocContext, kept: list[int], i: int) -> list[int]:
    """Drop tokens across a line break from the trigger: spaCy may join title and body."""
    text = ctx.parsed.text
    toks = ctx.toks
    out = []
    for k in kept:
        a, b = (k, i) if k < i else (i, k)
        if "\n" in text[toks[a].start : toks[b].start]:
            continue
        out.append(k)
    return out


def _clause_left(ctx: DocContext, i: int) -> int:
    s = ctx.parsed.sentences[ctx.toks[i].sentence]
    return s.token_start


def _join(ctx: DocContext, idx: list[int]) -> str:
    toks = ctx.toks
    text = ctx.parsed.text
    out = []
    for n, k in enumerate(idx):
        if n and idx[n - 1] == k - 1:
            out.append(text[toks[k - 1].end : toks[k].start] + toks[k].text)
        else:
            out.append((" " if n else "") + toks[k].text)
    return "".join(out).strip()


def _what(ctx: DocContext, ranked) -> tuple[W5Answer, ...]:
    cands = []
    for sc, e in ranked[:6]:
        a = _what_phrase(ctx, e)
        if a is not None:
            cands.append((sc, a))
    return _norm_scores(cands)


# --- why and how -------------------------------------------------------------


def _why(ctx: DocContext, best: Event, ranked) -> tuple[W5Answer, ...]:
    w = lexicon().main["why"]
    what = _what_phrase(ctx, best)
    linked = _linked_types(best, ranked)
    cands = []
    for _esc, e in ranked:
        cands += _cause_candidates(ctx, w, e, best, what, linked)
    return _norm_scores(cands)


def _linked_types(best: Event, ranked) -> set[str]:
    """The main event's type and those of the events its purpose names: their causes count too."""
    linked = {best.type}
    for r in best.roles:
        if r.name == "purpose":
            for _, e in ranked:
                if r.start <= e.trigger_start < r.end:
                    linked.add(e.type)  # "travels to meet": meetings are linked
    return linked


def _cause_candidates(ctx: DocContext, w: dict, e, best: Event, what: W5Answer | None, linked: set[str]) -> list:
    """The reason, purpose and weak-reason roles of event ``e``, scored."""
    pos = _position_weight(ctx, e.sentence, w["position"], e.trigger_start)
    lead = pos >= w["position"]["lead"]
    out = []
    for r in e.roles:
        if r.name not in ("reason", "purpose", "weak_reason"):
            continue
        if r.name == "weak_reason" and not lead:
            continue  # "X after Y" is a cause only where news states the main event
        if e is best and what is not None and what.start is not None and what.start <= r.start and r.end <= what.end:
            continue  # already part of "what": "travels to meet Putin"
        sc = pos + w["kind"][r.name] + (w["main_role"] if e is best else 0.0)
        if r.name == "weak_reason" and r.text.lower().startswith("as "):
            sc += w["weak_as"]  # "as" is more often "while" than "because"
        if e is not best and e.type in linked:
            sc += w["linked"]
        out.append((sc, W5Answer(_strip_cue(r.text), sc, r.start, r.end)))
    return out


_LEAD_CUES = re.compile(r"^(?:after|following|amid|over|as)\s+", re.I)


def _strip_cue(text: str) -> str:
    return _LEAD_CUES.sub("", text)


def _how(ctx: DocContext, best: Event, top, ranked=()) -> tuple[W5Answer, ...]:
    w = lexicon().main["how"]
    cands = _mechanism_candidates(ctx, w, best, ranked)
    cands += _means_candidates(w, best, top)
    cands += _action_fallback(ctx, w, best)
    return _norm_scores(cands)


def _mechanism_candidates(ctx: DocContext, w: dict, best: Event, ranked) -> list:
    """The mechanism behind a consequence: "Seven killed as tram derails", "rammed"."""
    mech = set(w["mechanism_types"])
    excl = set(w["mechanism_exclude"])
    tok_at = _tok_at(ctx)
    out = []
    for _, e in ranked:
        if e is best or e.type not in mech or e.lemma in excl or e.status in ("planned", "possible", "negated"):
            continue
        t = tok_at.get(e.trigger_start)
        if t is None or t.pos != "VERB":
            continue
        pos = _position_weight(ctx, e.sentence, w["position"], e.trigger_start)
        if pos < w["position"]["lead"]:
            continue  # only the title and lead state how the news came about
        sc = pos + w["mechanism"]
        out.append((sc, W5Answer(_join(ctx, _mechanism_tokens(ctx, e, t)), sc, t.start, t.end)))
    return out


def _mechanism_tokens(ctx: DocContext, e: Event, t: Token) -> list[int]:
    """The mechanism verb with its particle, a verb conjoined to it, and in a headline its subject."""
    toks = ctx.toks
    idx = [t.i] + [k for k in ctx.kids[t.i] if toks[k].dep in ("prt",)]
    for k in ctx.kids[t.i]:  # "flipped and derailed"
        if toks[k].dep == "conj" and toks[k].pos == "VERB":
            idx += [c for c in ctx.kids[t.i] if toks[c].dep == "cc" and t.i < c < k] + [k]
            break
    if ctx.in_title(e.sentence, e.trigger_start):
        # in a headline the subject is part of the phrase: "tram derails"
        idx += [k for k in ctx.kids[t.i] if toks[k].dep in ("nsubj", "nsubjpass") and k == t.i - 1]
    return sorted(set(idx))


def _means_candidates(w: dict, best: Event, top) -> list:
    """Instrument roles and multi-word manner roles of the top events, the main event's first."""
    out = []
    for rank, e in enumerate(top):
        base = w["main_role"] if e is best else w["lead_role"]
        for r in e.roles:
            if r.name == "instrument" or (r.name == "manner" and " " in r.text):
                sc = base - w["decay"] * rank * 0.1
                out.append((sc, W5Answer(r.text, sc, r.start, r.end)))
    return out


def _action_fallback(ctx: DocContext, w: dict, best: Event) -> list:
    """Annotators mark the action itself when no means is stated ("blames",
    "identify"), with its manner adverb ("narrowly avoids")."""
    t = _tok_at(ctx).get(best.trigger_start)
    if t is None:
        return []
    idx = [t.i] + [
        k
        for k in ctx.kids[t.i]
        if ctx.toks[k].dep == "prt" or (ctx.toks[k].dep == "advmod" and k == t.i - 1 and ctx.lower[k].endswith("ly"))
    ]
    return [(w["verb_fallback"], W5Answer(_join(ctx, sorted(idx)), w["verb_fallback"], t.start, t.end))]
