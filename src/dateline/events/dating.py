"""When each event happened, by its own words first.

An event's time, in this order (the rule it records says which applied):
- ``timex:<rule>``: a date or time expression its clause governs (the nearest
  governing trigger takes it, so "when they met in 2019" dates "met"; not across a clausal
  complement, "said he expects to race next year", nor through the owner's subject or
  object noun, "changed the conclusion from July");
- ``event:<trigger>``: the time of an event noun it frames ("In a July 16 press
  conference, Jobs said ...": the saying is at the conference);
- ``sentence:<rule>``: what the time stage resolved for the sentence, unless the
  event is planned, possible or negated (the sentence's date is when it was said);
  ``sentence:state`` when that is the publication day of a simple present of the body (a
  state or habit, which the overall timeline leaves out);
- ``report:lead`` (/ ``report:publication``): a past-tense event the text dates no
  other way, in a report, is part of the news it reports: the day the report's lead
  is dated by (within ``lead_days`` before publication); the publication day only when
  ``publication_fallback`` is set (it is not: such an event stays undated). Told
  after "previously", "earlier", "in the past" (``away_words``), it stays undated; a
  statement is dated so only when the lead is at most ``statement_lead_days`` old.
`anchoring` says which events borrow neither the sentence's nor the report's time
(quotations, reported speech, "already", "until ...", reduced relatives, a past-tense event
dated after its report). Anything else stays undated: never the publication date unless a
rule says so.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ..nlp import syntax
from ..nlp.syntax import span_head
from ..time import granularity, resolve_against
from ..types import Event, Role, SentenceTime
from ._data import dating, lexicon
from .anchoring import (
    keeps_to_itself,
    past_after_publication,
    progressive,
    reporting_verb,
    sentence_time_applies,
    simple_present_state,
)
from .context import DocContext, modifier_owner, owner_of

_ANCHOR_PREPS = frozenset({"since", "until", "till", "before", "by"})
_COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "csubj"})
_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
_NONFINITE_CLIMB = ("advcl", "xcomp", "conj", "acl", "pcomp", "ccomp")

When = tuple  # (value, earliest, latest, rule)


def _candidates(ctx: DocContext, sent, times_here) -> list[tuple]:
    toks = ctx.toks
    cands = []
    for tv in times_here:
        if not tv.value or not (tv.value[0].isdigit() or tv.value.startswith("XXXX")):
            continue  # PRESENT_REF and friends do not date an event
        first = next((k for k in range(sent.token_start, sent.token_end) if toks[k].start >= tv.start), None)
        if first is None:
            continue
        last = first
        while last + 1 < sent.token_end and toks[last + 1].end <= tv.end:
            last += 1
        rule = f"timex:{tv.rule}" if tv.rule else "timex"
        cands.append((span_head(toks, first, last + 1), tv, rule))
    return cands


def time_roles(ctx: DocContext, sent, triggers, roles, times_here) -> dict[int, When]:
    """Attach each date in the sentence to its nearest governing trigger."""
    toks = ctx.toks
    out: dict[int, When] = {}
    spans = range_spans(times_here)
    for head, tv, rule in _candidates(ctx, sent, times_here):
        when = (tv.value, tv.earliest, tv.latest, rule)
        if tv.anchor in spans:  # "from 1994 to 2003": the event spans the range, not its first year
            when = (tv.anchor, *spans[tv.anchor], f"timex:range|{tv.rule}")
        elif relative_to_event(ctx, sent, tv):
            when = _NONE  # "told them on the Sunday before the election": undated, and borrows nothing
        owner = modifier_owner(ctx, head, head if head in triggers else owner_of(ctx, head, triggers), triggers)
        h = toks[head].head
        if toks[head].dep == "pobj" and ctx.lower[h] in _ANCHOR_PREPS and not _began_at(ctx, h, owner):
            owner = None  # "first meeting since 2019": an anchor, not the event's time
        if owner is not None and (_across_clause(ctx, head, owner) or _dates_an_argument(ctx, head, owner)):
            owner = None  # "said he expects to race next year"; "changed the conclusion from July"
        # "since 2019 when they met": the relative clause on a date is dated by it (not a
        # present-tense "on Friday, where jets are built": the parse hung a clause on the date)
        for c in ctx.kids[head]:
            if c in triggers and toks[c].dep == "relcl" and syntax.tense(ctx.tree, c) == "past":
                roles[c].append(Role("time", tv.text, tv.start, tv.end, value=tv.value))
                out.setdefault(c, when)
        if owner is None:
            continue
        roles[owner].append(Role("time", tv.text, tv.start, tv.end, value=tv.value))
        out.setdefault(owner, when)
    _frame_times(ctx, triggers, out)
    return out


def _began_at(ctx: DocContext, prep: int, owner: int | None) -> bool:
    """ "has been fighting cancer since 2004": a perfect progressive goes on from its "since"
    date, which dates it (its start: the timeline places it there)."""
    toks = ctx.toks
    if owner is None or ctx.lower[prep] != "since" or toks[prep].head != owner or toks[owner].tag != "VBG":
        return False
    return syntax.tense(ctx.tree, owner) == "perfect"


def range_spans(times_here) -> dict[str, tuple[str, str]]:
    """ "from 1994 to 2003", "between 1910 and 1945": the time stage gives both ends the range as
    their ``anchor`` ("1994/2003"); the range runs from the first end's earliest day to the
    last end's latest."""
    ends: dict[str, list] = {}
    for tv in times_here:
        if tv.anchor and "/" in tv.anchor and tv.earliest and tv.latest:
            ends.setdefault(tv.anchor, []).append(tv)
    return {a: (min(t.earliest for t in tvs), max(t.latest for t in tvs)) for a, tvs in ends.items() if len(tvs) == 2}


def relative_to_event(ctx: DocContext, sent, tv) -> bool:
    """ "the Sunday before the election", "the day after the crash": a definite date placed by an
    event (a preposition of ``event_relative_preps`` right after it, naming no time expression),
    which the time stage read against the publication day instead; it dates nothing (the
    sentence's time taken from it neither). ("on Friday after talks" is a Friday of its own.)"""
    toks = ctx.toks
    inside = [k for k in range(sent.token_start, sent.token_end) if tv.start <= toks[k].start < tv.end]
    if not inside or inside[-1] + 1 >= sent.token_end:
        return False
    first, k = inside[0], inside[-1] + 1
    definite = ctx.lower[first] == "the" or (first > sent.token_start and ctx.lower[first - 1] == "the")
    if not definite or ctx.lower[k] not in dating().event_relative_preps:
        return False
    pobj = next((c for c in ctx.kids[k] if toks[c].dep in ("pobj", "pcomp")), None)
    return pobj is not None and pobj not in ctx.time_mention_at


def _across_clause(ctx: DocContext, k: int, owner: int) -> bool:
    """Whether the way up from token ``k`` to ``owner`` leaves a clausal complement: a time in
    a complement with no trigger of its own dates that clause's state, not the verb above."""
    toks = ctx.toks
    for cur in (k, *ctx.tree.ancestors(k)):
        if cur == owner or toks[cur].head == cur:
            return False
        if toks[cur].dep in _COMPLEMENT_DEPS:
            return True
    return False


def _dates_an_argument(ctx: DocContext, k: int, owner: int) -> bool:
    """ "did not change the agency's conclusion from July": a time on the owner's subject or
    object noun (no event noun) dates that thing, not the owner's event."""
    toks = ctx.toks
    cur = toks[k].head
    for _ in range(8):
        if cur == owner or toks[cur].head == cur:
            return False
        t = toks[cur]
        if t.head == owner and t.dep in _ARGUMENT_DEPS and t.pos in ("NOUN", "PROPN"):
            return lexicon().noun_type.get(t.lemma.lower()) is None and not t.ent_type
        cur = t.head
    return False


def _frame_times(ctx: DocContext, triggers, out: dict[int, When]) -> None:
    """ "In a July 16 press conference, Jobs said": an undated verb takes the time of the
    dated event noun its "in/at/during" phrase names."""
    toks = ctx.toks
    frames = dating().frame_preps
    for i in triggers:
        if i in out or toks[i].pos != "VERB":
            continue
        for k in ctx.kids[i]:
            if toks[k].dep != "prep" or ctx.lower[k] not in frames:
                continue
            noun = next((c for c in ctx.kids[k] if toks[c].dep == "pobj"), None)
            if noun is not None and noun in out and toks[noun].pos == "NOUN":
                v, e, la, _ = out[noun]
                out[i] = (v, e, la, f"event:{toks[noun].text}")
                break


def _finite_clause(ctx: DocContext, i: int) -> int | None:
    """The finite verb whose tense an event takes: itself, or up through non-finite clauses."""
    toks = ctx.toks
    cur = syntax.governing_verb(toks, i)
    for _ in range(4):
        if cur is None:
            return None
        t = toks[cur]
        if t.tag in ("VBD", "VBZ", "VBP", "MD") or any(toks[k].dep in ("aux", "auxpass") for k in ctx.kids[cur]):
            return cur
        if t.dep not in _NONFINITE_CLIMB or t.head == cur:
            return cur
        cur = syntax.governing_verb(toks, t.head)
    return cur


def _moved_away(ctx: DocContext, sentence: int) -> bool:
    """ "previously", "earlier", "in the past": the sentence leaves the reported news (data/dating.yaml)."""
    breakers = dating().away_words
    s = ctx.parsed.sentences[sentence]
    return any(ctx.lower[k] in breakers for k in range(s.token_start, s.token_end))


def report_time(ctx: DocContext, sentence_times: tuple[SentenceTime, ...], times: tuple = ()) -> When | None:
    """The time of the news a report tells: the day its lead is dated by (a sentence the time
    stage dates by its main verb's expression, a day at most ``lead_days`` before publication,
    among the first ``lead_sentences``), else the day of a date line among them (a sentence that
    is only a date, "June 07, 2011", as ``report:dateline``), else (when ``publication_fallback``)
    its publication day."""
    key = "report_time"
    if key in ctx.memo:
        return ctx.memo[key]
    pub = ctx.parsed.article.published
    found: When | None = None
    if pub is not None:
        lead = dating()
        lo = pub - timedelta(days=lead.lead_days)
        for st in sorted(sentence_times, key=lambda s: s.sentence)[: lead.lead_sentences]:
            if st.rule != "governing" or granularity(st.value) != "day" or not st.earliest:
                continue
            if lo <= date.fromisoformat(st.earliest) <= pub:
                found = (st.value, st.earliest, st.latest, "report:lead")
                break
        if found is None:
            found = _date_line(ctx, times, lo, pub)
        if found is None and lead.publication_fallback:
            pub_s = pub.isoformat()
            found = (pub_s, pub_s, pub_s, "report:publication")
    ctx.memo[key] = found
    return found


def _date_line(ctx: DocContext, times: tuple, lo: date, pub: date) -> When | None:
    """A sentence among the first ``lead_sentences`` that is nothing but a day's date, at most
    ``lead_days`` before publication: the report's own date line, the day of its news."""
    sents = ctx.parsed.sentences[: dating().lead_sentences]
    for tv in times:
        if tv.type != "DATE" or granularity(tv.value) != "day":
            continue
        sent = next((s for s in sents if s.start <= tv.start and tv.end <= s.end), None)
        if sent is None or ctx.in_title(sent.index):
            continue
        words = [t for t in ctx.toks[sent.token_start : sent.token_end] if t.pos not in ("PUNCT", "SPACE")]
        covered = words and all(tv.start <= t.start and t.end <= tv.end for t in words)
        if covered and lo <= date.fromisoformat(tv.value) <= pub:
            return (tv.value, tv.value, tv.value, "report:dateline")
    return None


_NONE: When = (None, None, None, None)
BY_REPORT = ("report:lead", "report:dateline")  # dated as the report's news only: a closer date wins


def event_time(
    ctx: DocContext,
    i: int,
    status: str,
    own: When | None,
    stime: SentenceTime | None,
    report,
    prev: SentenceTime | None = None,
) -> When:
    """The event's (value, earliest, latest, rule); all None when the text does not date it.
    ``prev`` is the time of the sentence before (None when it has none)."""
    when = own if own is not None else _borrowed_time(ctx, i, status, stime, report, prev)
    if when[1] and past_after_publication(ctx, i, when[1]):
        return _NONE  # "One year later Massa was struck", read against today: a misread anchor
    pub = ctx.parsed.article.published
    if status == "occurred" and pub is not None and when[2] and when[1] and when[2][:10] > pub.isoformat() >= when[1]:
        return (when[0], when[1], pub.isoformat(), when[3])  # "has filed a lawsuit this week": by its report's day
    return when


def _borrowed_time(
    ctx: DocContext, i: int, status: str, stime: SentenceTime | None, report, prev: SentenceTime | None = None
) -> When:
    """A time the event's own words do not give: the sentence's, else the report's (see the
    module docstring, and `anchoring` for the events that take neither)."""
    if status in ("planned", "possible", "negated") or ctx.toks[i].pos != "VERB":
        # the sentence's date is when it was said, not when a plan happens; an event noun
        # ("the opening of the cosmodrome represented ...") is not dated by the verb it is an argument of
        return _NONE
    v = _finite_clause(ctx, i)
    if keeps_to_itself(ctx, i, v):
        return _NONE
    tense = syntax.tense(ctx.tree, v) if v is not None else "other"
    if stime is not None and stime.value and sentence_time_applies(ctx, i, v, stime):
        if (stime.rule == "publication") == (tense in ("present", "perfect")) or tense == "other":
            state = stime.rule == "publication" and simple_present_state(ctx, i, v)
            return (stime.value, stime.earliest, stime.latest, "sentence:state" if state else f"sentence:{stime.rule}")
        return _NONE  # "visited a factory on Friday, where jets are built": another tense, another time
    if report is None or tense != "past" or progressive(ctx, v) or _moved_away(ctx, ctx.toks[i].sentence):
        return _NONE
    if ctx.toks[i].sentence >= dating().report_sentences:
        return _NONE  # deep in the story, a past event is as likely background as news
    if reporting_verb(ctx, i) and not _recent_lead(ctx, report):
        return _NONE  # "His uncle said ...", days after the news: said some day since
    if not reporting_verb(ctx, i) and _after_background(prev, report):
        return _NONE  # (what someone tells the reporter is still told for the report)
    return report


def _after_background(prev: SentenceTime | None, report: When) -> bool:
    """ "He shone at Ferrari ... in 2008. At a Brazilian GP that he won, Massa lost the crown":
    after a sentence timed long before the report's news (data: background_days), the story
    tells its background, not the news."""
    if prev is None or not prev.latest or not report[1]:
        return False
    gap = (date.fromisoformat(report[1]) - date.fromisoformat(prev.latest)).days
    return gap > dating().background_days


def conjunct_times(ctx: DocContext, sent_time: SentenceTime | None, times, roles, when: dict[int, When]) -> None:
    """ "Epstein built a juggernaut and secured a further title in 2007": a date the sentence's
    later conjunct governs dates that conjunct, not the verb before it, which borrowed it as the
    sentence's time (the verb it hangs on, "In 2007 he built X and won Y", lends it to both); a
    date after the verb it hangs on does not time a later conjunct with a subject of its own
    ("the launch had been scrubbed on Wednesday, and Putin criticised the delay")."""
    if sent_time is None or sent_time.rule != "governing" or sent_time.timex is None:
        return
    if not 0 <= sent_time.timex < len(times):
        return
    start = times[sent_time.timex].start
    owner = next((c for c, rs in roles.items() if any(r.name == "time" and r.start == start for r in rs)), None)
    if owner is None:
        return
    for i, w in when.items():
        if i != owner and w[3] == "sentence:governing" and _conjunct_after(ctx, owner, i):
            when[i] = _NONE
    if start < ctx.toks[owner].start:
        return  # a fronted date ("On Monday the council met and the mayor resigned") times both
    for c in _subject_conjuncts(ctx, owner):
        lo, hi = ctx.subtree(c)
        for i, w in when.items():
            if lo <= i < hi and w[3] == "sentence:governing":
                when[i] = _NONE


def _subject_conjuncts(ctx: DocContext, owner: int) -> list[int]:
    """Later conjuncts of ``owner`` with a subject of their own ("the launch had been scrubbed
    on Wednesday, and Putin criticised the delay"): a clause of its own, which the date the
    earlier clause governs after its verb does not time."""
    toks = ctx.toks
    return [
        c
        for c in ctx.kids[owner]
        if toks[c].dep == "conj" and c > owner and any(toks[k].dep in _SUBJECT_DEPS for k in ctx.kids[c])
    ]


def _conjunct_after(ctx: DocContext, c: int, i: int) -> bool:
    """Whether ``c`` is a later conjunct of ``i`` ("built ... and secured")."""
    toks = ctx.toks
    cur = c
    for _ in range(6):
        if toks[cur].dep != "conj" or toks[cur].head == cur:
            return False
        cur = toks[cur].head
        if cur == i:
            return True
    return False


def _recent_lead(ctx: DocContext, report: When) -> bool:
    """The report's lead is dated at most ``statement_lead_days`` before publication."""
    pub = ctx.parsed.article.published
    if pub is None or not report[1]:
        return False
    return (pub - date.fromisoformat(report[1])).days <= dating().statement_lead_days


def offset_times(ctx: DocContext, sent, triggers, durations, when: dict[int, When]) -> None:
    """ "arrived on Wednesday, a day before his first summit": the summit is a day after the
    arrival; "two days after his summit": two days before. The event named after "before" /
    "after" is dated from the event the duration belongs to, by ``time.resolve_against``."""
    toks = ctx.toks
    for tv in durations:
        k = next((k for k in range(sent.token_start, sent.token_end) if toks[k].start >= tv.end), None)
        if k is None or ctx.lower[k] not in ("before", "after", "later", "earlier"):
            continue
        target = next((c for c in ctx.kids[k] if toks[c].dep == "pobj" and c in triggers), None)
        anchor_ev = owner_of(ctx, k, triggers, stop=target)
        if target is None or anchor_ev is None or anchor_ev == target:
            continue
        anchor = when.get(anchor_ev, _NONE)
        if not anchor[0] or (when.get(target, _NONE)[3] or "").startswith("timex"):
            continue
        direction = 1 if ctx.lower[k] == "before" else -1
        got = resolve_against(tv, anchor[0], direction)
        if got.earliest:
            when[target] = (got.value, got.earliest, got.latest, f"offset:{anchor[3]}")


def past_plan_times(ctx: DocContext, statuses: dict[int, str], when: dict[int, When]) -> None:
    """ "Putin proposed building the spaceport in 2007": a date before publication after the
    gerund a past-tense control verb governs is when it was proposed, not when the building is
    planned for; the plan stays undated (the control verb is no event of its own)."""
    pub = ctx.parsed.article.published
    if pub is None:
        return
    toks = ctx.toks
    for i, w in when.items():
        t = toks[i]
        if statuses.get(i) != "planned" or not (w[3] or "").startswith("timex:") or not w[2]:
            continue
        gov = toks[t.head]
        past_gov = gov.tag == "VBD" and gov.lemma.lower() in lexicon().control_verbs
        if t.tag == "VBG" and past_gov and date.fromisoformat(w[2]) < pub:
            when[i] = _NONE


def light_verb_times(ctx: DocContext, triggers, statuses: dict[int, str], when: dict[int, When]) -> None:
    """ "The first launch took place in 2015", "held talks on Friday": an event noun that is
    the subject or object of an occurrence verb (data/dating.yaml) happens when that verb does,
    dated the same way."""
    toks = ctx.toks
    verbs = dating().occurrence_verbs
    for i in triggers:
        t = toks[i]
        if t.pos != "NOUN" or when.get(i, _NONE)[0] or statuses.get(i) in ("planned", "possible", "negated"):
            continue
        h = t.head
        if h not in triggers or t.dep not in ("nsubj", "nsubjpass", "dobj"):
            continue
        lem = toks[h].lemma.lower()
        nxt = ctx.lower[h + 1] if h + 1 < len(toks) else ""
        if lem in verbs or f"{lem} {nxt}" in verbs:  # "took place", not "took 20 hours"
            when[i] = when.get(h, _NONE)


def lead_event_times(ctx: DocContext, events: list[Event]) -> list[Event]:
    """ "Taliban attacks German consulate" (the title), "the suicide attacker rammed his car"
    (undated): an event of the headline or dated only by the report's lead takes the time of
    the lead's event of its type that its own words date ("the bombing late Thursday"), as
    ``report:event:<trigger>``: the news a report tells is that event. Statements and untyped
    events (``lead_event_skip_types``) are many distinct ones, and keep their time."""
    cfg = dating()
    pub = ctx.parsed.article.published
    if pub is None:
        return events
    lo = pub - timedelta(days=cfg.lead_days)
    lead: dict[str, Event] = {}
    for e in events:
        if e.sentence >= cfg.lead_sentences or not (e.time_rule or "").startswith("timex:"):
            continue
        if e.status != "occurred" or e.type in cfg.lead_event_skip_types:
            continue
        if granularity(e.time_value) not in ("day", "time"):
            continue
        if e.time_earliest and lo <= date.fromisoformat(e.time_earliest[:10]) <= pub:
            lead.setdefault(e.type, e)
    if not lead:
        return speaker_times(ctx, events)
    out = []
    for e in events:
        src = lead.get(e.type)
        # (an undated headline event stays so: "sign defence pact" is undated beside "signed")
        headline = ctx.in_title(e.sentence) and e.time_rule == "sentence:publication"
        borrowed = e.time_rule in BY_REPORT or headline
        if src is not None and src is not e and borrowed and e.status in ("occurred", "ongoing"):
            e = _dated_as(e, src, f"report:event:{src.trigger}")
        out.append(e)
    return speaker_times(ctx, out)


def _dated_as(e: Event, src: Event, rule: str) -> Event:
    """``e`` with the time of ``src``, recording how it was obtained."""
    return replace(
        e, time_value=src.time_value, time_earliest=src.time_earliest, time_latest=src.time_latest, time_rule=rule
    )


def _agents(e: Event) -> set:
    return {r.entity for r in e.roles if r.name == "agent" and r.entity}


def speaker_times(ctx: DocContext, events: list[Event]) -> list[Event]:
    """ "Clinton blames FBI chief" (the title), "Clinton has blamed ..." (the lead), then "On a
    conference call on Saturday, Clinton said ...": a statement of the title or lead that only the
    publication day or the lead dates is the statement its speaker makes in the first
    ``speaker_sentences`` sentences on a day the report names (at most ``lead_days`` before
    publication), as ``statement:<trigger>``."""
    cfg = dating()
    pub = ctx.parsed.article.published
    if pub is None:
        return events
    lo = pub - timedelta(days=cfg.lead_days)
    dated = [
        e
        for e in events
        if e.type == "STATEMENT"
        and e.sentence < cfg.speaker_sentences
        and e.status == "occurred"
        and (e.time_rule or "").startswith("timex:")
        and granularity(e.time_value) in ("day", "time")
        and e.time_earliest
        and lo <= date.fromisoformat(e.time_earliest[:10]) <= pub
        and _agents(e)
    ]
    if not dated:
        return events
    out = []
    for e in events:
        told = e.type == "STATEMENT" and e.status in ("occurred", "ongoing")
        lead = ctx.in_title(e.sentence) or ctx.in_description(e.sentence) or e.sentence < cfg.lead_sentences
        src = next((d for d in dated if d is not e and _agents(d) & _agents(e)), None) if told and lead else None
        if src is not None and (e.time_rule == "sentence:publication" or e.time_rule in BY_REPORT):
            e = _dated_as(e, src, f"statement:{src.trigger}")
        out.append(e)
    return out
