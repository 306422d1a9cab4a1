"""Event frames: trigger, type, status and roles for every sentence.

A trigger is a content verb, or an event noun listed in the ontology
(data/ontology.yaml). Roles come from the dependency parse around the trigger;
each argument is attached to its nearest governing trigger, so "when they met
in Vladivostok" gives the place to "met", not to the sentence's main verb.
"""

from __future__ import annotations

from dataclasses import replace

from ..nlp.syntax import span_head
from ..types import EntityKey, EntityLink, Event, ParsedDoc, Place, Role, SentenceTime, TimeValue
from ._data import lexicon
from .arguments import SUBJ, add_span_role, core_roles, disjoint_reference, role_from_span, role_from_token
from .context import PLACE_LABELS, DocContext, modifier_owner, owner_of
from .dating import (
    When,
    conjunct_times,
    event_time,
    lead_event_times,
    light_verb_times,
    offset_times,
    past_plan_times,
    range_spans,
    relative_to_event,
    report_time,
    time_roles,
)
from .light import carry_light_verbs
from .narrative import narrative_times
from .status import event_status, reported_by
from .triggers import light_nouns, names_its_verb, phrasal_trigger, trigger_type
from .updated import updated_report_times


def build_context(parsed: ParsedDoc, coref: tuple[EntityLink, ...] = ()) -> DocContext:
    return DocContext(parsed, coref)


def _owner(i: int, triggers: dict[int, str], ctx: DocContext, stop: int | None = None) -> int | None:
    return owner_of(ctx, i, triggers, stop)


def extract_events(parsed: ParsedDoc, times=(), sentence_times=(), places=()) -> tuple[Event, ...]:
    return extract_events_ctx(build_context(parsed), times, sentence_times, places)


def extract_events_ctx(ctx: DocContext, times, sentence_times, places) -> tuple[Event, ...]:
    # sentence_times is read twice, as the original did: keep the order (a one-shot iterable
    # would be exhausted by the first read)
    times = tuple(times or ())
    placed = _placed_by_events(ctx, times)
    sentence_times = tuple(s for s in sentence_times or () if s.timex is None or s.timex not in placed)
    st_by_sent: dict[int, SentenceTime] = {
        s.sentence: _range_sentence_time(_now_is_publication(s, times), times) for s in sentence_times
    }
    # (a date placed by an event stays: `time_roles` makes its owner undated, borrowing nothing)
    times_by_sent, durations = _times_by_sentence(times)
    places = tuple(places or ())
    report = report_time(ctx, tuple(sentence_times or ()), times)
    events: list[Event] = []
    for sent in ctx.parsed.sentences:
        in_title = ctx.in_title(sent.index)
        headline = _headline_verbs(ctx, sent) if in_title else {}
        triggers = _sentence_triggers(ctx, sent, headline)
        if not triggers:
            continue
        roles, own_time = _sentence_roles(ctx, sent, triggers, headline, places, times_by_sent.get(sent.index, ()))
        headline_present = in_title or ctx.in_description(sent.index)
        statuses = {i: event_status(ctx, i, headline_present) for i in triggers}
        stime = st_by_sent.get(sent.index)
        prev = st_by_sent.get(sent.index - 1)
        when = {i: event_time(ctx, i, statuses[i], own_time.get(i), stime, report, prev) for i in triggers}
        conjunct_times(ctx, stime, times, roles, when)
        light_verb_times(ctx, triggers, statuses, when)
        past_plan_times(ctx, statuses, when)
        offset_times(ctx, sent, triggers, durations.get(sent.index, ()), when)
        carry_light_verbs(ctx, light_nouns(ctx, triggers), triggers, roles, statuses, when)
        for i, typ in triggers.items():
            events.append(_make_event(ctx, len(events), sent.index, i, typ, headline, statuses[i], roles[i], when[i]))
    return tuple(updated_report_times(ctx, lead_event_times(ctx, narrative_times(ctx, events))))


def _now_is_publication(st: SentenceTime, times: tuple[TimeValue, ...]) -> SentenceTime:
    """ "..., and now Clinton has blamed ...": a sentence timed by "now" (PRESENT_REF) is timed
    by the publication day, which dates no past-tense event of it."""
    if st.timex is None or st.rule != "governing" or not 0 <= st.timex < len(times):
        return st
    value = times[st.timex].value
    return st if value[:1].isdigit() or value.startswith("XXXX") else replace(st, rule="publication")


def _range_sentence_time(st: SentenceTime, times: tuple[TimeValue, ...]) -> SentenceTime:
    """ "Between 1910 and 1945, the Cubs won seven pennants, but lost each time": a sentence timed
    by one end of a range is timed by the whole range (as `dating.time_roles` dates its owner)."""
    if st.timex is None or not 0 <= st.timex < len(times) or "/" not in (times[st.timex].anchor or ""):
        return st
    anchor = times[st.timex].anchor
    span = range_spans(tv for tv in times if tv.sentence == st.sentence).get(anchor or "")
    if span is None:
        return st
    return replace(st, value=anchor, earliest=span[0], latest=span[1])


def _placed_by_events(ctx: DocContext, times: tuple[TimeValue, ...]) -> set[int]:
    """Indexes of the dates placed by an event ("the Sunday before the election")."""
    sents = ctx.parsed.sentences
    return {
        n
        for n, tv in enumerate(times)
        if tv.type in ("DATE", "TIME")
        and 0 <= tv.sentence < len(sents)
        and relative_to_event(ctx, sents[tv.sentence], tv)
    }


def _times_by_sentence(
    times: tuple[TimeValue, ...],
) -> tuple[dict[int, list[TimeValue]], dict[int, list[TimeValue]]]:
    """Dates/times (which date events) and durations (which offset them), by sentence."""
    times_by_sent: dict[int, list[TimeValue]] = {}
    durations: dict[int, list[TimeValue]] = {}
    for tv in times:
        if tv.type in ("DATE", "TIME"):
            times_by_sent.setdefault(tv.sentence, []).append(tv)
        elif tv.type == "DURATION":
            durations.setdefault(tv.sentence, []).append(tv)
    return times_by_sent, durations


def _sentence_triggers(ctx: DocContext, sent, headline: dict[int, tuple]) -> dict[int, str]:
    """The sentence's triggers and their event types, headline verbs included."""
    triggers: dict[int, str] = {}
    for i in range(sent.token_start, sent.token_end):
        typ = headline[i][0] if i in headline else trigger_type(ctx, i)
        if typ is None or _subject_of_headline_verb(ctx, i, headline):
            continue
        triggers[i] = typ
    light = light_nouns(ctx, triggers)  # "held talks": the noun is the event (events/light.py)
    for i in [i for i in triggers if i not in light and names_its_verb(ctx, i, triggers)]:
        del triggers[i]
    return triggers


def _subject_of_headline_verb(ctx: DocContext, i: int, headline: dict[int, tuple]) -> bool:
    """ "Gaga stages protest": "stages" was parsed as the subject of "protest", which is no trigger then."""
    return bool(headline) and any(k in headline for k in ctx.kids[i] if ctx.toks[k].dep in SUBJ)


def _sentence_roles(
    ctx: DocContext, sent, triggers: dict[int, str], headline: dict[int, tuple], places: tuple[Place, ...], times_here
) -> tuple[dict[int, list[Role]], dict[int, When]]:
    """Every trigger's roles, and the times the sentence itself gives them (the steps run in
    this order: later ones look at the roles earlier ones found)."""
    roles: dict[int, list[Role]] = {i: [] for i in triggers}
    core_roles(ctx, {i: t for i, t in triggers.items() if i not in headline}, roles)
    _headline_roles(ctx, headline, roles)
    for i in triggers:
        roles[i] = disjoint_reference(roles[i])
    _prep_roles(ctx, sent, triggers, roles, places)
    _why_roles(ctx, sent, triggers, roles)
    _topic_roles(ctx, sent, triggers, roles)
    own_time = time_roles(ctx, sent, triggers, roles, times_here)
    if places:
        _fill_place_coordinates(sent, roles, places)
    return roles, own_time


def _headline_roles(ctx: DocContext, headline: dict[int, tuple], roles: dict[int, list[Role]]) -> None:
    """Headline verbs take the agent and patient spans `_headline_verbs` found, not the parse's."""
    for i, (_typ, _lem, agent, patient) in headline.items():
        if agent:
            roles[i] += role_from_span(ctx, "agent", *agent)
        if patient:
            roles[i] += role_from_span(ctx, "patient", *patient)


def _reporter_key(ctx: DocContext, i: int) -> EntityKey | None:
    """Who reports the event: their entity, else a bare key with the text of their phrase."""
    rep = reported_by(ctx, i)
    if rep is None:
        return None
    keys = ctx.entity_keys(rep)
    rep_text = ctx.span_text(*ctx.subtree(rep))[0]
    return keys[0] if keys else EntityKey("", rep_text) if rep_text else None


def _make_event(
    ctx: DocContext,
    index: int,
    sentence: int,
    i: int,
    typ: str,
    headline: dict[int, tuple],
    status: str,
    roles: list[Role],
    when: When,
) -> Event:
    t = ctx.toks[i]
    rep_key = _reporter_key(ctx, i)
    tval, tearly, tlate, trule = when
    trigger, end = phrasal_trigger(ctx, i)
    return Event(
        index=index,
        sentence=sentence,
        trigger=trigger,
        trigger_start=t.start,
        trigger_end=end,
        lemma=headline[i][1] if i in headline else t.lemma.lower(),
        type=typ,
        status=status,
        roles=tuple(roles),
        time_value=tval,
        time_earliest=tearly,
        time_latest=tlate,
        time_rule=trule,
        reported_by=rep_key,
    )


def _headline_verbs(ctx: DocContext, sent) -> dict[int, tuple]:
    """Verbs the tagger read as plural nouns in headlines: "Lady Gaga stages protest".

    A title token tagged NNS whose singular is a verb of the ontology, right
    after a name or noun, with more words after it, is taken as the verb; its
    agent is the name before it and its patient the words up to the next
    preposition or punctuation. Returns {token: (type, lemma, agent span, patient span)}.
    """
    lex = lexicon()
    toks = ctx.toks
    out = {}
    for i in range(sent.token_start + 1, sent.token_end - 1):
        t = toks[i]
        if t.tag != "NNS" or i in ctx.mention_at:
            continue
        low = ctx.lower[i]
        lem = next((c for c in (low[:-1], low[:-2]) if c in lex.verb_type), None)
        if lem is None:
            continue
        prev = toks[i - 1]
        nxt = ctx.toks[i + 1]
        if (
            prev.pos not in ("PROPN", "NOUN")
            or nxt.pos == "AUX"
            or (nxt.pos == "PUNCT" and nxt.text not in ("'", "‘", '"', "“"))
        ):
            continue
        a = i - 1
        while a > sent.token_start and toks[a - 1].pos in ("PROPN", "NOUN", "ADJ") and toks[a - 1].text not in (":",):
            a -= 1
        b = i + 1
        while (
            b < sent.token_end
            and toks[b].pos not in ("ADP", "PUNCT", "CCONJ", "SCONJ")
            or (
                b < sent.token_end
                and toks[b].text in ("'", "‘", "’")
                and b + 1 < sent.token_end
                and toks[b + 1].pos != "PUNCT"
            )
        ):
            b += 1
            if b - i > 6:
                break
        out[i] = (lex.verb_type[lem], lem, (a, i), (i + 1, b) if b > i + 1 else None)
    return out


def _place_for(places: tuple[Place, ...], s: int, e: int) -> Place | None:
    for p in places:
        if p.start < e and s < p.end:
            return p
    return None


def _prep_roles(ctx, sent, triggers, roles, places) -> None:
    """Place, instrument and manner roles from prepositional phrases and adverbs."""
    toks = ctx.toks
    for k in range(sent.token_start, sent.token_end):
        t = toks[k]
        if _is_manner_adverb(ctx, k):
            if t.head in triggers:
                roles[t.head] += role_from_token(ctx, "manner", k)
        elif t.dep == "relcl":
            # "the spaceport, where he is scheduled to meet Kim": the place is the antecedent
            if any(ctx.lower[c] == "where" for c in ctx.kids[k]):
                _where_antecedent(ctx, k, triggers, roles, places)
        elif t.dep == "prep" or (t.pos == "ADP" and t.dep in ("advmod", "npadvmod")):
            _preposition_roles(ctx, k, triggers, roles, places)


def _is_manner_adverb(ctx: DocContext, k: int) -> bool:
    """ "quickly", "secretly": an -ly adverb not listed as a non-manner one ("only", "early")."""
    t = ctx.toks[k]
    low = ctx.lower[k]
    return t.dep == "advmod" and t.pos == "ADV" and low.endswith("ly") and low not in lexicon().not_manner_adverbs


def _preposition_roles(ctx: DocContext, k: int, triggers, roles: dict[int, list[Role]], places) -> None:
    """Place/source, instrument or manner role from the preposition at ``k``.

    A place phrase goes to the nearest governing trigger even when it hangs on a verb that is
    none; instrument and manner only to a trigger it hangs on directly."""
    lex = lexicon()
    toks = ctx.toks
    t = toks[k]
    low = ctx.lower[k]
    pobj = next((c for c in ctx.kids[k] if toks[c].dep in ("pobj", "pcomp")), None)
    if pobj is None:
        return
    owner = modifier_owner(ctx, k, t.head if t.head in triggers else _owner(k, triggers, ctx), triggers)
    if owner is None:
        return
    a, b = ctx.subtree(pobj)
    place = _place_for(places, toks[a].start, toks[b - 1].end)
    if place is not None and not _names_the_phrase(ctx, pobj, place):
        place = None
    m = ctx.mention_at.get(pobj)
    is_place = place is not None or (m is not None and m.label in PLACE_LABELS and not _name_fragment(ctx, m, a, b))
    # a place phrase on a noun or a name other than the event's or its object's ("visited a
    # factory in Komsomolsk") says where that thing is ("the debate with Trump in Las Vegas"),
    # not where the event happens
    if low in lex.place_preps and is_place and (t.head == owner or not _locates_a_thing(ctx, t.head, owner)):
        _add_place_role(ctx, roles, owner, "source" if low == "from" else "place", pobj, place)
    elif t.head == owner:
        _instrument_or_manner_role(ctx, k, pobj, roles, owner)


_PLACE_PATH_DEPS = frozenset({"compound", "amod", "appos", "poss", "nmod", "conj", "pobj", "npadvmod"})


def _locates_a_thing(ctx: DocContext, h: int, owner: int) -> bool:
    """A place phrase on ``h`` says where that thing is, not where the event ``owner`` happens:
    ``h`` is a noun other than the event's object ("the debate ... in Las Vegas"; not "visited
    a factory in Komsomolsk") or a named participant ("the debate with Trump in Las Vegas"), not
    a date ("later Sunday at the auditorium") nor a verb."""
    t = ctx.toks[h]
    if h in ctx.time_mention_at:
        return False
    if t.pos == "NOUN":
        return not (t.dep == "dobj" and t.head == owner)
    m = ctx.mention_at.get(h)
    return t.pos == "PROPN" and m is not None and m.label not in PLACE_LABELS


def _name_fragment(ctx: DocContext, m, a: int, b: int) -> bool:
    """ "in Formula One": the place-labelled name is a piece of a longer name of the phrase
    (a capitalised word right beside it that is no date), which names something else."""
    toks = ctx.toks
    beside = (k for k in (m.token_start - 1, m.token_end) if a <= k < b and k not in ctx.time_mention_at)
    return any(toks[k].text[:1].isupper() and toks[k].pos in ("PROPN", "NUM") for k in beside)


def _names_the_phrase(ctx: DocContext, pobj: int, place: Place) -> bool:
    """A place is where an event happens only when it is the phrase's own noun phrase: the head,
    a modifier of it, "the city of Kunduz", "a ceremony in Kim Il Sung Square" (through "of"
    and place prepositions only), not a place behind another relation ("in retaliation for
    strikes near Kunduz", a relative clause), nor in a phrase headed by another event ("in an
    attack on the consulate", "in support of US forces")."""
    toks = ctx.toks
    inside = [j for j in range(*ctx.subtree(pobj)) if place.start <= toks[j].start < place.end]
    if not inside:
        return False
    k = span_head(toks, inside[0], inside[-1] + 1)
    if k != pobj and lexicon().noun_type.get(toks[pobj].lemma.lower()) is not None:
        return False
    preps = lexicon().place_preps | {"of"}
    for _ in range(12):
        if k == pobj:
            return True
        t = toks[k]
        if not (t.dep in _PLACE_PATH_DEPS or (t.dep == "prep" and ctx.lower[k] in preps)):
            return False
        k = t.head
    return False


def _add_place_role(
    ctx: DocContext, roles: dict[int, list[Role]], owner: int, name: str, pobj: int, place: Place | None
) -> None:
    """A place (or "source": "three adults from South London") role for the phrase headed by
    ``pobj``, widened to the whole place name and carrying the resolved place's coordinates."""
    role = role_from_token(ctx, name, pobj)[:1]
    if not role:
        return
    r = role[0]
    m = ctx.mention_at.get(pobj)
    if m is not None and (m.start < r.start or m.end > r.end):
        # "Russia’s far east": the name runs past the parse subtree
        s2, e2 = min(m.start, r.start), max(m.end, r.end)
        r = Role(name, ctx.parsed.text[s2:e2], s2, e2, entity=r.entity)
    ent = m.entity if m is not None else r.entity
    if place is not None and m is None:
        # "the volatile province of Kunduz" names Kunduz, whatever its noun corefers with
        named = next(
            (x for x in ctx.parsed.mentions if x.label in PLACE_LABELS and x.start <= place.start < x.end), None
        )
        ent = named.entity if named is not None else ent
    if place is not None:
        roles[owner].append(Role(name, r.text, r.start, r.end, entity=ent, lat=place.lat, lon=place.lon))
    else:
        roles[owner].append(Role(name, r.text, r.start, r.end, entity=ent))


def _instrument_or_manner_role(ctx: DocContext, k: int, pobj: int, roles: dict[int, list[Role]], owner: int) -> None:
    """ "by train", "via Tokyo", "with a drone" give the instrument; "by cutting costs" the
    manner; "by Apple" (an entity) is neither here (`core_roles` makes it the agent)."""
    lex = lexicon()
    toks = ctx.toks
    low = ctx.lower[k]
    instrumental = low in ("by", "via", "using", "aboard") or (
        low in lex.instrument_preps and toks[pobj].lemma.lower() in lex.instrument_nouns
    )
    if not instrumental:
        return
    if low == "by" and toks[pobj].dep == "pcomp":
        roles[owner] += role_from_token(ctx, "manner", k)
    elif toks[pobj].pos in ("NOUN", "PROPN") and not (ctx.entity_keys(pobj) and low == "by"):
        roles[owner] += role_from_token(ctx, "instrument", pobj)
    elif low == "by" and toks[pobj].pos == "VERB":
        roles[owner] += role_from_token(ctx, "manner", k)


def _fill_place_coordinates(sent, roles, places) -> None:
    """Place roles without coordinates take those of a resolved place of the sentence
    with the same name ("the Vostochny Cosmodrome, Russia's main spaceport")."""
    here = [p for p in places if p.sentence == sent.index]
    if not here:
        return
    for _i, rs in roles.items():
        for n, r in enumerate(rs):
            if r.name != "place" or r.lat is not None:
                continue
            low = r.text.lower()
            p = next((p for p in here if p.start < r.end and r.start < p.end), None) or next(
                (p for p in here if p.text.lower() in low or p.name.lower() in low), None
            )
            if p is not None:
                rs[n] = Role("place", r.text, r.start, r.end, entity=r.entity, lat=p.lat, lon=p.lon)


def _where_antecedent(ctx, k, triggers, roles, places) -> None:
    toks = ctx.toks
    ante = toks[k].head
    if toks[ante].dep == "appos":
        ante = toks[ante].head  # "the Vostochny Cosmodrome, Russia's main spaceport, where ..."
    if toks[ante].ent_type in ("DATE", "TIME"):
        return  # "... a factory on Friday, where jets are built": the parse hangs "where" on the date
    a, b = ctx.subtree(ante)
    # the antecedent noun phrase without its relative clause
    end = ante + 1
    while end < b and toks[end].dep not in ("relcl", "punct", "appos"):
        end += 1
    m = ctx.mention_at.get(ante)
    text, s, e = ctx.span_text(a if a <= ante else ante, end)
    if m is not None:
        text, s, e = m.text, m.start, m.end
    place = _place_for(places, s, e)
    targets = ([k] if k in triggers else []) + [c for c in ctx.kids[k] if c in triggers and toks[c].dep == "xcomp"]
    for tr in targets:
        roles[tr].append(
            Role(
                "place",
                text,
                s,
                e,
                entity=m.entity if m else None,
                lat=place.lat if place else None,
                lon=place.lon if place else None,
            )
        )


def _match_multi(ctx, k: int, cues: dict) -> tuple[str, ...] | None:
    """The longest cue (indexed by first word) starting at token ``k``."""
    low = ctx.lower
    n = len(low)
    for cue in cues.get(low[k], ()):
        if k + len(cue) <= n and all(low[k + j] == w for j, w in enumerate(cue)):
            return cue
    return None


_WHY_DEPS = frozenset({"mark", "prep", "advcl"})  # where _single_word_why finds a reason or a purpose


def _why_roles(ctx, sent, triggers, roles) -> None:
    """Reason and purpose roles (why), from cue phrases and infinitive clauses."""
    covered: set[int] = set()
    lex, toks, low = lexicon(), ctx.toks, ctx.lower
    for k in range(sent.token_start, sent.token_end):
        # a word that starts no cue and is no mark, preposition or adverbial clause is neither reader's
        w = low[k]
        if k in covered or (toks[k].dep not in _WHY_DEPS and w not in lex.purpose_multi and w not in lex.reason_multi):
            continue
        span = _multiword_why(ctx, k, triggers, roles) or _single_word_why(ctx, k, triggers, roles)
        if span:
            covered.update(range(*span))


def _multiword_why(ctx, k: int, triggers, roles) -> tuple[int, int] | None:
    """ "in order to ...", "because of ...": the phrase is the cue's subtree (prep) or its clause (mark)."""
    lex = lexicon()
    toks = ctx.toks
    t = toks[k]
    name = "purpose"
    cue = _match_multi(ctx, k, lex.purpose_multi)
    if not cue:
        name = "reason"
        cue = _match_multi(ctx, k, lex.reason_multi)
        if not cue:
            return None
        verbs = lex.for_reason_verbs | {"protest", "outrage", "anger", "row", "criticise", "criticize"}
        if cue == ("over",) and not (t.head in triggers and toks[t.head].lemma.lower() in verbs):
            return (k, k)  # "over" is a reason only for protests and blame: skip the word
    head = k if t.dep != "mark" else t.head
    a, b = ctx.subtree(head)
    a = min(a, k)
    # multiword cues whose first word is not the phrase head: widen to the cue's head
    if b <= k + len(cue):
        a2, b2 = ctx.subtree(toks[k + len(cue) - 1].head)
        a, b = max(min(a, a2, k), k), max(b, b2)
    owner = t.head if t.head in triggers else _owner(k, triggers, ctx)
    if owner is None:
        return (k, k)
    add_span_role(ctx, roles, owner, name, a, b, head)
    return (a, b)


def _single_word_why(ctx, k: int, triggers, roles) -> tuple[int, int] | None:
    """ "because ...", "after ...", "blamed for ...", and purpose infinitives ("travels ... to meet")."""
    lex = lexicon()
    toks = ctx.toks
    t = toks[k]
    low = ctx.lower[k]
    if t.dep == "mark" and (low in lex.reason_marks or low in lex.weak_reason_marks):
        a, b = ctx.subtree(t.head)
        owner = _owner(t.head, triggers, ctx)
        if owner is None:
            return None
        a = min(a, k)
        add_span_role(ctx, roles, owner, "reason" if low in lex.reason_marks else "weak_reason", a, b, t.head)
        return (a, b)
    if t.dep == "prep" and low in lex.weak_reason_marks and low != "as":  # "named as three adults"
        owner = t.head if t.head in triggers else _owner(k, triggers, ctx)
        if owner is None:
            return None
        a, b = ctx.subtree(k)
        add_span_role(ctx, roles, owner, "weak_reason", a, b, k)
        return (a, b)
    if low == "for" and t.dep == "prep" and t.head in triggers and toks[t.head].lemma.lower() in lex.for_reason_verbs:
        a, b = ctx.subtree(k)
        add_span_role(ctx, roles, t.head, "reason", a, b, k)
        return (a, b)
    # purpose infinitive: "travels ... to meet Putin" (advcl with "to")
    if k in triggers and t.dep == "advcl" and any(ctx.lower[c] == "to" and toks[c].tag == "TO" for c in ctx.kids[k]):
        owner = _owner(k, triggers, ctx)
        if owner is not None:
            a, b = ctx.subtree(k)
            add_span_role(ctx, roles, owner, "purpose", a, b, k)
    return None


def _topic_roles(ctx, sent, triggers, roles) -> None:
    """ "The agenda for the meeting is expected to focus on X": X is the meeting's purpose."""
    lex = lexicon()
    toks = ctx.toks
    for k in range(sent.token_start, sent.token_end):
        t = toks[k]
        if t.pos != "VERB" or t.lemma.lower() not in lex.topic_verbs:
            continue
        subj = next((c for c in ctx.kids[k] if toks[c].dep in SUBJ), None)
        if subj is None and t.dep == "xcomp":
            subj = next((c for c in ctx.kids[t.head] if toks[c].dep in SUBJ), None)
        if subj is None:
            continue
        a, b = ctx.subtree(subj)
        nouns = [i for i in range(a, b) if i in triggers and toks[i].pos == "NOUN"]
        if not nouns:
            continue
        obj = next((c for c in ctx.kids[k] if toks[c].dep in ("dobj", "xcomp")), None)
        if obj is None:
            p = next(
                (c for c in ctx.kids[k] if toks[c].dep == "prep" and ctx.lower[c] in ("on", "upon", "around")), None
            )
            obj = next((c for c in ctx.kids[p] if toks[c].dep == "pobj"), None) if p is not None else None
        if obj is None:
            continue
        oa, ob = ctx.subtree(obj)
        add_span_role(ctx, roles, nouns[-1], "purpose", oa, ob, obj)


def _causal_as(ctx, k: int) -> bool:
    """'as' / 'since' are causal only before a clause with a finite verb that is not temporal."""
    head = ctx.toks[k].head
    if ctx.toks[head].pos not in ("VERB", "AUX"):
        return False
    return ctx.toks[head].tag in ("VBD", "VBZ", "VBP") and ctx.lower[k] == "as"
