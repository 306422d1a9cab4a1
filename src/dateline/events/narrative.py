"""Dates an undated event takes from the events around it in the report (data/dating.yaml):

- ``antecedent:<trigger>``: "In a Wednesday media event, Apple released ...", then "Jobs
  unveiled the products at the Cupertino event": a definite event noun ("the event", "his
  speech") names the earlier dated event noun of its lemma, and happens then; a verb its
  "in/at/during" phrase frames is then dated by it as ``event:<noun>``;
- ``adjunct:<trigger>``: "Jobs unveiled the products on Wednesday, saying ...": a participle
  adjunct happens with the event it hangs on;
- ``statement:<trigger>``: "Jobs announced today that ...", then "He said that ...": a past
  statement right after (``narrative_sentences``) a statement of the same speaker dated by
  day goes on with it.

Each applies only to an occurred or ongoing event the text does not date by its own words:
one with no time, or (the first two) one dated only by the report's lead, which these nearer
words beat.
"""

from __future__ import annotations

from dataclasses import replace

from ..time import granularity
from ..types import Event
from ._data import dating, lexicon
from .context import DocContext
from .dating import BY_REPORT


def narrative_times(ctx: DocContext, events: list[Event]) -> list[Event]:
    at = {t.start: n for n, t in enumerate(ctx.toks)}
    out = list(events)
    _antecedent_nouns(ctx, at, out)
    _framed_verbs(ctx, at, out)
    _adjuncts(ctx, at, out)
    _continued_statements(out)
    return out


def _open(e: Event, lead: bool = False) -> bool:
    undated = e.time_value is None or (lead and e.time_rule in BY_REPORT)
    return undated and e.status in ("occurred", "ongoing")


def _dated(e: Event, src: Event, rule: str) -> Event:
    return replace(
        e, time_value=src.time_value, time_earliest=src.time_earliest, time_latest=src.time_latest, time_rule=rule
    )


def _definite(ctx: DocContext, i: int) -> bool:
    """ "the event", "his speech", "the Cupertino event" (not "a speech", "another event", "his
    initial statement", "the second meeting": an adjective or a number sets it apart)."""
    dets = dating().antecedent_determiners
    kids = ctx.kids[i]
    if any(ctx.toks[k].dep in ("amod", "nummod") for k in kids):
        return False
    toks = ctx.toks  # ... and "Jobs' death": a named possessor
    return any(
        toks[k].dep in ("det", "poss") and (ctx.lower[k] in dets or (toks[k].dep == "poss" and ctx.entity_keys(k)))
        for k in kids
    )


def _entities(e: Event) -> set:
    return {r.entity for r in e.roles if r.entity and r.name not in ("time", "place")}


def _same_event(e: Event, src: Event) -> bool:
    """Within ``antecedent_sentences`` after it (anywhere after it, for an event that happens to
    its participants once: ``once_types``), and no participant of its own the other lacks."""
    gap = e.sentence - src.sentence
    near = 0 < gap <= dating().antecedent_sentences or (gap > 0 and e.type in dating().once_types and _entities(e))
    return bool(near) and _entities(e) <= _entities(src)


def _antecedent_nouns(ctx: DocContext, at: dict[int, int], out: list[Event]) -> None:
    last: dict[str, Event] = {}  # the latest event noun of each lemma its own words date
    typed: dict[str, Event] = {}  # ... and the latest event of each type ("died on Wednesday", then "Jobs' death")
    skip = dating().lead_event_skip_types  # (statements and untyped events are many distinct ones)
    for n, e in enumerate(out):
        i = at.get(e.trigger_start)
        if i is None:
            continue
        if e.time_value is not None:
            if (e.time_rule or "").startswith(("timex:", "event:")):
                if ctx.toks[i].pos == "NOUN":
                    last[e.lemma] = e
                if e.type not in skip and e.status == "occurred":
                    typed[e.type] = e
            continue
        if ctx.toks[i].pos != "NOUN":
            continue
        src = last.get(e.lemma) or (typed.get(e.type) if e.type not in skip else None)
        if src is not None and _open(e) and _same_event(e, src) and _definite(ctx, i):
            out[n] = _dated(e, src, f"antecedent:{src.trigger}")


def _framed_verbs(ctx: DocContext, at: dict[int, int], out: list[Event]) -> None:
    """A verb an antecedent-dated noun frames ("unveiled the products at the ... event")."""
    by_token = {at[e.trigger_start]: e for e in out if e.trigger_start in at}
    frames = dating().frame_preps
    toks = ctx.toks
    for n, e in enumerate(out):
        i = at.get(e.trigger_start)
        if i is None or toks[i].pos != "VERB" or not _open(e, lead=True):
            continue
        for k in ctx.kids[i]:
            if toks[k].dep != "prep" or ctx.lower[k] not in frames:
                continue
            noun = next((c for c in ctx.kids[k] if toks[c].dep == "pobj"), None)
            src = by_token.get(noun) if noun is not None else None
            if src is not None and (src.time_rule or "").startswith("antecedent:"):
                out[n] = _dated(e, src, f"event:{src.trigger}")
                break


def _adjuncts(ctx: DocContext, at: dict[int, int], out: list[Event]) -> None:
    """ "..., saying ...": an undated participle adjunct (VBG, advcl) of a dated event."""
    by_token = {at[e.trigger_start]: e for e in out if e.trigger_start in at}
    for n, e in enumerate(out):
        i = at.get(e.trigger_start)
        if i is None or not _open(e, lead=True):
            continue
        t = ctx.toks[i]
        head = by_token.get(t.head)
        if t.tag != "VBG" or t.dep != "advcl" or head is None or head.time_rule is None or head.time_rule in BY_REPORT:
            continue
        if head.status == e.status or (head.status, e.status) == ("occurred", "ongoing"):
            out[n] = _dated(e, head, f"adjunct:{head.trigger}")


def _speakers(e: Event) -> set:
    return {r.entity for r in e.roles if r.name == "agent" and r.entity}


def _continued_statements(out: list[Event]) -> None:
    """A past statement right after its speaker's statement dated by day goes on with it."""
    span = dating().narrative_sentences
    said = lexicon().reporting_verbs
    last: list[Event] = []  # the dated statements of the sentences before, latest last
    for n, e in enumerate(out):
        if e.type != "STATEMENT":
            continue
        if e.time_value is not None:
            own = not (e.time_rule or "").startswith(("sentence:", "report:"))  # its own words date it
            if own and e.status == "occurred" and granularity(e.time_value) in ("day", "time") and _speakers(e):
                last.append(e)
            continue
        if e.status != "occurred" or e.lemma not in said or not _speakers(e):
            continue
        src = next(
            (d for d in reversed(last) if 0 < e.sentence - d.sentence <= span and _speakers(d) & _speakers(e)), None
        )
        if src is not None:
            out[n] = _dated(e, src, f"statement:{src.trigger}")
