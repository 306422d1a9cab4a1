"""Event frames: trigger, type, status and roles for every sentence.

A trigger is a content verb, or an event noun listed in the ontology
(data/ontology.yaml). Roles come from the dependency parse around the trigger;
each argument is attached to its nearest governing trigger, so "when they met
in Vladivostok" gives the place to "met", not to the sentence's main verb.
"""

from __future__ import annotations

from ..types import EntityKey, EntityLink, Event, ParsedDoc, Place, Role, SentenceTime, TimeValue
from ._data import lexicon
from .context import PLACE_LABELS, DocContext, owner_of
from .dating import event_time, light_verb_times, offset_times, report_time, time_roles
from .status import event_status, reported_by
from .triggers import names_its_verb, trigger_type

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_MAX_ROLE_TOKENS = 30


def build_context(parsed: ParsedDoc, coref: tuple[EntityLink, ...] = ()) -> DocContext:
    return DocContext(parsed, coref)


def _owner(i: int, triggers: dict[int, str], ctx: DocContext, stop: int | None = None) -> int | None:
    return owner_of(ctx, i, triggers, stop)


def extract_events(parsed: ParsedDoc, times=(), sentence_times=(), places=()) -> tuple[Event, ...]:
    return extract_events_ctx(build_context(parsed), times, sentence_times, places)


def extract_events_ctx(ctx: DocContext, times, sentence_times, places) -> tuple[Event, ...]:
    parsed = ctx.parsed
    toks = ctx.toks
    st_by_sent: dict[int, SentenceTime] = {s.sentence: s for s in sentence_times or ()}
    times = tuple(times or ())
    places = tuple(places or ())
    report = report_time(ctx, tuple(sentence_times or ()))
    events: list[Event] = []
    times_by_sent: dict[int, list[TimeValue]] = {}
    durations: dict[int, list[TimeValue]] = {}
    for tv in times:
        if tv.type in ("DATE", "TIME"):
            times_by_sent.setdefault(tv.sentence, []).append(tv)
        elif tv.type == "DURATION":
            durations.setdefault(tv.sentence, []).append(tv)
    for sent in parsed.sentences:
        in_title = ctx.in_title(sent.index)
        headline = _headline_verbs(ctx, sent) if in_title else {}
        triggers: dict[int, str] = {}
        for i in range(sent.token_start, sent.token_end):
            typ = headline[i][0] if i in headline else trigger_type(ctx, i)
            if typ is not None:
                if headline and any(k in headline for k in ctx.kids[i] if toks[k].dep in _SUBJ):
                    continue  # "Gaga stages protest": "stages" was parsed as the subject of "protest"
                triggers[i] = typ
        for i in [i for i in triggers if names_its_verb(ctx, i, triggers)]:
            del triggers[i]
        if not triggers:
            continue
        roles: dict[int, list[Role]] = {i: [] for i in triggers}
        _core_roles(ctx, {i: t for i, t in triggers.items() if i not in headline}, roles)
        for i, (_typ, _lem, agent, patient) in headline.items():
            if agent:
                roles[i] += _role_from_span(ctx, "agent", *agent)
            if patient:
                roles[i] += _role_from_span(ctx, "patient", *patient)
        _prep_roles(ctx, sent, triggers, roles, places)
        _why_roles(ctx, sent, triggers, roles)
        _topic_roles(ctx, sent, triggers, roles)
        own_time = time_roles(ctx, sent, triggers, roles, times_by_sent.get(sent.index, ()))
        if places:
            _fill_place_coordinates(sent, roles, places)
        stime = st_by_sent.get(sent.index)
        statuses = {i: event_status(ctx, i, in_title) for i in triggers}
        when = {i: event_time(ctx, i, statuses[i], own_time.get(i), stime, report) for i in triggers}
        light_verb_times(ctx, triggers, statuses, when)
        offset_times(ctx, sent, triggers, durations.get(sent.index, ()), when)
        for i, typ in triggers.items():
            t = toks[i]
            rep = reported_by(ctx, i)
            rep_key = None
            if rep is not None:
                keys = ctx.entity_keys(rep)
                rep_text = ctx.span_text(*ctx.subtree(rep))[0]
                rep_key = keys[0] if keys else EntityKey("", rep_text) if rep_text else None
            status = statuses[i]
            tval, tearly, tlate, trule = when[i]
            events.append(
                Event(
                    index=len(events),
                    sentence=sent.index,
                    trigger=t.text,
                    trigger_start=t.start,
                    trigger_end=t.end,
                    lemma=headline[i][1] if i in headline else t.lemma.lower(),
                    type=typ,
                    status=status,
                    roles=tuple(roles[i]),
                    time_value=tval,
                    time_earliest=tearly,
                    time_latest=tlate,
                    time_rule=trule,
                    reported_by=rep_key,
                )
            )
    return tuple(events)


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


def _role_from_span(ctx: DocContext, name: str, a: int, b: int) -> list[Role]:
    text, s, e = ctx.span_text(a, b)
    if not text:
        return []
    keys = []
    for k in range(a, b):
        for key in ctx.entity_keys(k):
            if key not in keys:
                keys.append(key)
    return [Role(name, text, s, e, entity=k) for k in keys] or [Role(name, text, s, e)]


def _role_from_token(ctx: DocContext, name: str, head: int, span: tuple[int, int] | None = None) -> list[Role]:
    """Roles for the phrase headed by ``head``; one per entity for "Putin and Kim"/"they"."""
    a, b = span or ctx.subtree(head)
    if b - a > _MAX_ROLE_TOKENS:
        b = a + _MAX_ROLE_TOKENS
    text, s, e = ctx.span_text(a, b)
    if not text:
        return []
    keys = list(ctx.entity_keys(head))
    for c in ctx.kids[head]:  # conjoined arguments: "Putin and Kim"
        if ctx.toks[c].dep == "conj":
            keys.extend(k for k in ctx.entity_keys(c) if k not in keys)
    keys.extend(k for k in _modifier_entities(ctx, head) if k not in keys)
    if not keys:
        return [Role(name, text, s, e)]
    return [Role(name, text, s, e, entity=k) for k in keys]


def _modifier_entities(ctx: DocContext, head: int) -> list[EntityKey]:
    """Entities an argument names through its modifiers: "the device's antenna", "Apple's iPod
    players", "the Qantas order", "the newest iPhone, iPhone 4". A named head keeps its
    title-like compounds out ("Apple CEO Steve Jobs" is Jobs, not Apple)."""
    toks = ctx.toks
    out: list[EntityKey] = []
    named = head in ctx.mention_at
    todo = [(head, 0)]
    while todo:
        k, depth = todo.pop()
        for c in ctx.kids[k]:
            d = toks[c].dep
            if d == "appos" or (not named and d in ("poss", "compound")):
                out.extend(ctx.entity_keys(c))
                if depth < 1:
                    todo.append((c, depth + 1))
    return out


def _core_roles(ctx: DocContext, triggers: dict[int, str], roles: dict[int, list[Role]]) -> None:
    toks = ctx.toks
    for i, typ in triggers.items():
        t = toks[i]
        got_agent = False
        for k in ctx.kids[i]:
            d = toks[k].dep
            if d == "nsubj" and t.pos == "VERB":
                roles[i] += _role_from_token(ctx, "agent", k)
                got_agent = True
            elif d == "nsubjpass":
                roles[i] += _role_from_token(ctx, "patient", k)
            elif d == "agent":
                for c in ctx.kids[k]:
                    if toks[c].dep == "pobj":
                        roles[i] += _role_from_token(ctx, "agent", c)
                        got_agent = True
            elif d in ("dobj", "attr") and t.pos == "VERB":
                roles[i] += _role_from_token(ctx, "patient", k)
            elif d == "dative":
                roles[i] += _role_from_token(ctx, "recipient", k)
            elif d == "poss" and t.pos == "NOUN":
                roles[i] += _role_from_token(ctx, "agent", k)
                got_agent = True
            elif d == "compound" and t.pos == "NOUN" and ctx.entity_keys(k):
                m = ctx.mention_at.get(k)
                if m is not None and m.label in PLACE_LABELS:
                    # "Croydon tram crash": a place, not who crashed
                    roles[i].append(Role("place", m.text, m.start, m.end, entity=m.entity))
                elif m is not None and m.label in ("PERSON", "ORG", "NORP"):
                    roles[i] += _role_from_token(ctx, "agent", k)
                    got_agent = True
            elif d == "prep" and t.pos in ("VERB", "NOUN"):
                low = ctx.lower[k]
                pobj = next((c for c in ctx.kids[k] if toks[c].dep == "pobj"), None)
                if pobj is None:
                    continue
                if low == "with" and typ == "MEET":
                    roles[i] += _role_from_token(ctx, "patient", pobj)
                elif low == "between" and t.pos == "NOUN":
                    roles[i] += _role_from_token(ctx, "agent", pobj)
                    got_agent = True
                elif low == "to" and typ in ("TRADE", "AID", "STATEMENT"):
                    roles[i] += _role_from_token(ctx, "recipient", pobj)
                elif low == "of" and t.pos == "NOUN":
                    roles[i] += _role_from_token(ctx, "patient", pobj)
                elif low == "by" and t.pos == "NOUN" and ctx.entity_keys(pobj):
                    roles[i] += _role_from_token(ctx, "agent", pobj)
                    got_agent = True
        passive = any(toks[k].dep == "nsubjpass" for k in ctx.kids[i])
        if not got_agent and not passive:
            _inherit_agent(ctx, i, roles)


def _inherit_agent(ctx: DocContext, i: int, roles: dict[int, list[Role]]) -> None:
    """Controlled and conjoined verbs share their governor's subject."""
    toks = ctx.toks
    cur = i
    for _ in range(4):
        t = toks[cur]
        if t.dep not in ("xcomp", "advcl", "conj", "acl", "relcl") or t.head == cur:
            return
        h = t.head
        if t.dep == "relcl":
            # "Kim, who prefers ..." / "meeting place where he ...": the subject is inside
            return
        if t.dep == "acl" and toks[h].pos == "NOUN":
            # "plans to visit": the planner is the subject of the verb governing "plans"
            h = toks[h].head
        for k in ctx.kids[h]:
            if toks[k].dep in _SUBJ:
                # "Asked whether ..., Putin said": a bare participle's subject is asked, not asking
                bare_participle = toks[i].tag == "VBN" and not any(toks[c].dep == "aux" for c in ctx.kids[i])
                roles[i] += _role_from_token(ctx, "patient" if bare_participle else "agent", k)
                return
        cur = h


def _place_for(places: tuple[Place, ...], s: int, e: int) -> Place | None:
    for p in places:
        if p.start < e and s < p.end:
            return p
    return None


def _prep_roles(ctx, sent, triggers, roles, places) -> None:
    """Place, instrument and manner roles from prepositional phrases and adverbs."""
    lex = lexicon()
    toks = ctx.toks
    for k in range(sent.token_start, sent.token_end):
        t = toks[k]
        if (
            t.dep == "advmod"
            and t.pos == "ADV"
            and ctx.lower[k].endswith("ly")
            and ctx.lower[k] not in lex.not_manner_adverbs
        ):
            if t.head in triggers:
                roles[t.head] += _role_from_token(ctx, "manner", k)
            continue
        if t.dep == "relcl":
            # "the spaceport, where he is scheduled to meet Kim": the place is the antecedent
            if any(ctx.lower[c] == "where" for c in ctx.kids[k]):
                _where_antecedent(ctx, k, triggers, roles, places)
            continue
        if t.dep != "prep" and not (t.pos == "ADP" and t.dep in ("advmod", "npadvmod")):
            continue
        low = ctx.lower[k]
        pobj = next((c for c in ctx.kids[k] if toks[c].dep in ("pobj", "pcomp")), None)
        if pobj is None:
            continue
        owner = t.head if t.head in triggers else _owner(k, triggers, ctx)
        if owner is None:
            continue
        a, b = ctx.subtree(pobj)
        s_char, e_char = toks[a].start, toks[b - 1].end
        place = _place_for(places, s_char, e_char)
        m = ctx.mention_at.get(pobj)
        is_place = place is not None or (m is not None and m.label in PLACE_LABELS)
        pl = toks[pobj].lemma.lower()
        if (
            low in lex.place_preps
            and is_place
            and t.head == owner
            or (low in lex.place_preps and is_place and toks[t.head].pos != "NOUN")
        ):
            name = "source" if low == "from" else "place"  # "three adults from South London"
            role = _role_from_token(ctx, name, pobj)[:1]
            if role:
                r = role[0]
                if m is not None and (m.start < r.start or m.end > r.end):
                    # "Russia’s far east": the name runs past the parse subtree
                    s2, e2 = min(m.start, r.start), max(m.end, r.end)
                    r = Role(name, ctx.parsed.text[s2:e2], s2, e2, entity=r.entity)
                ent = m.entity if m is not None else r.entity
                if place is not None:
                    roles[owner].append(Role(name, r.text, r.start, r.end, entity=ent, lat=place.lat, lon=place.lon))
                else:
                    roles[owner].append(Role(name, r.text, r.start, r.end, entity=ent))
            continue
        if t.head != owner:
            continue
        if low in ("by", "via", "using", "aboard") or (low in lex.instrument_preps and pl in lex.instrument_nouns):
            if low == "by" and toks[pobj].dep == "pcomp":
                roles[owner] += _role_from_token(ctx, "manner", k)
            elif toks[pobj].pos in ("NOUN", "PROPN") and not (ctx.entity_keys(pobj) and low == "by"):
                roles[owner] += _role_from_token(ctx, "instrument", pobj)
            elif low == "by" and toks[pobj].pos == "VERB":
                roles[owner] += _role_from_token(ctx, "manner", k)


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


def _why_roles(ctx, sent, triggers, roles) -> None:
    """Reason and purpose roles (why), from cue phrases and infinitive clauses."""
    covered: set[int] = set()
    for k in range(sent.token_start, sent.token_end):
        if k in covered:
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
    _add_span_role(ctx, roles, owner, name, a, b, head)
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
        _add_span_role(ctx, roles, owner, "reason" if low in lex.reason_marks else "weak_reason", a, b, t.head)
        return (a, b)
    if t.dep == "prep" and low in lex.weak_reason_marks and low != "as":  # "named as three adults"
        owner = t.head if t.head in triggers else _owner(k, triggers, ctx)
        if owner is None:
            return None
        a, b = ctx.subtree(k)
        _add_span_role(ctx, roles, owner, "weak_reason", a, b, k)
        return (a, b)
    if low == "for" and t.dep == "prep" and t.head in triggers and toks[t.head].lemma.lower() in lex.for_reason_verbs:
        a, b = ctx.subtree(k)
        _add_span_role(ctx, roles, t.head, "reason", a, b, k)
        return (a, b)
    # purpose infinitive: "travels ... to meet Putin" (advcl with "to")
    if k in triggers and t.dep == "advcl" and any(ctx.lower[c] == "to" and toks[c].tag == "TO" for c in ctx.kids[k]):
        owner = _owner(k, triggers, ctx)
        if owner is not None:
            a, b = ctx.subtree(k)
            _add_span_role(ctx, roles, owner, "purpose", a, b, k)
    return None


def _topic_roles(ctx, sent, triggers, roles) -> None:
    """ "The agenda for the meeting is expected to focus on X": X is the meeting's purpose."""
    lex = lexicon()
    toks = ctx.toks
    for k in range(sent.token_start, sent.token_end):
        t = toks[k]
        if t.pos != "VERB" or t.lemma.lower() not in lex.topic_verbs:
            continue
        subj = next((c for c in ctx.kids[k] if toks[c].dep in _SUBJ), None)
        if subj is None and t.dep == "xcomp":
            subj = next((c for c in ctx.kids[t.head] if toks[c].dep in _SUBJ), None)
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
        _add_span_role(ctx, roles, nouns[-1], "purpose", oa, ob, obj)


def _causal_as(ctx, k: int) -> bool:
    """'as' / 'since' are causal only before a clause with a finite verb that is not temporal."""
    head = ctx.toks[k].head
    if ctx.toks[head].pos not in ("VERB", "AUX"):
        return False
    return ctx.toks[head].tag in ("VBD", "VBZ", "VBP") and ctx.lower[k] == "as"


def _add_span_role(ctx, roles, owner, name, a, b, head) -> None:
    if b - a > _MAX_ROLE_TOKENS:
        b = a + _MAX_ROLE_TOKENS
    text, s, e = ctx.span_text(a, b)
    if text:
        roles[owner].append(Role(name, text, s, e))
