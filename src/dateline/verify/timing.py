"""Time: dates and orderings that contradict each other, and durations against dates.

T1 ``time.first_since`` (across documents): "their first meeting since 2019",
"the first launch from X", "first visit in four years" claim that no event of
that type with those participants (or at that place) happened in a gap: after
2019 (after about four years ago; ever) and before the claimed event. Another
stored report of such an event, dated inside the gap, contradicts the claim;
stored events that fit (the latest one before it lies in 2019) confirm it.
T2 ``time.event_date_across`` (across documents): two reports date the same
one-off event ("the first launch from the Vostochny Cosmodrome") differently.
T3 ``time.duration_vs_dates`` (per document): "the 10-day trip" against the
dated departure and return, "it took 12 years to build" against the dated
start and completion of the same thing.

Same event = same type + participants (MEET) or traveller and place (VISIT,
TRAVEL) or site (LAUNCH), as the events stage gives them in roles. Only events
that happened (status occurred) with a date their own sentence states count as
evidence; planned and possible ones never do. Tolerances: ``time`` in
``verify/data/tolerances.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..types import Analysis, Check, Citation, EntityKey, Event
from .rules import bounds, tolerances

_UNIT_DAYS = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0}
_UNIT_WORD = {"Y": "years", "M": "months", "W": "weeks", "D": "days"}
_COUNTED = re.compile(r"^P(\d+(?:\.\d+)?)([YMWD])$")
_PRONOUNS = frozenset(["he", "she", "they", "it", "his", "her", "their", "its", "him", "them"])
_RELATIVE = re.compile(r"\b(before|ahead|after|since|following)\s+(?:of\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
_PLURAL_PRONOUN = re.compile(r"\b(?:their|they|both|the two)\b", re.I)
_FEATURE_RANK = {"facility": 0, "area": 1, "city": 1, "natural": 2, "region": 3, "country": 4}


def _cfg() -> dict:
    return tolerances()["time"]


@functools.lru_cache(maxsize=1)
def _patterns():
    cfg = _cfg()
    nouns = "|".join(sorted(map(re.escape, cfg["claim_nouns"]), key=len, reverse=True))
    first = re.compile(r"\bfirst(?:-ever)?\s+((?:[\w-]+\s+){0,2}?)(" + nouns + r")\b", re.I)
    first_time = re.compile(r"\bfor\s+the\s+first\s+time\b", re.I)
    not_past = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cfg["not_past_cues"]) + r")\b", re.I)
    triggers = {
        t: re.compile(r"\b(?:" + "|".join(map(re.escape, ws)) + r")\b", re.I)
        for t, ws in cfg["fallback_triggers"].items()
    }
    # per interval kind: words an endpoint verb needs right after it ("came into service")
    needs = {
        kind: {k: re.compile(r"^\W*(?:\w+\s+){0,1}" + v, re.I) for k, v in spec.get("needs", {}).items()}
        for kind, spec in cfg["intervals"].items()
    }
    return first, first_time, not_past, triggers, needs


def _d(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# occurrences: events (or, in older stores, sentences) with who, where and when


@dataclass(frozen=True)
class Occ:
    analysis: Analysis
    sentence: int
    type: str
    status: str
    who: frozenset  # entity keys ("PERSON:Vladimir Putin")
    where: tuple  # (name, country_code, feature), most specific first
    earliest: date | None
    latest: date | None
    explicit: bool  # the date is stated by the event's own sentence
    trigger: str

    @property
    def doc_id(self) -> str:
        return self.analysis.article.doc_id


def _label(key: EntityKey) -> str:
    return key.label


def _name(key: EntityKey) -> str:
    return key.name


def _place_of(a: Analysis, name: str, start: int | None = None, end: int | None = None):
    low = name.casefold()
    for p in a.places:
        if p.text.casefold() == low or p.name.casefold() == low:
            return (p.name, p.country_code, p.feature)
    if start is not None:
        for p in a.places:
            if p.start >= start and p.end <= end and p.feature != "country":
                return (p.name, p.country_code, p.feature)
    return (name, None, None)


def _sort_where(places) -> tuple:
    uniq = {p[0].casefold(): p for p in places}
    return tuple(sorted(uniq.values(), key=lambda p: (_FEATURE_RANK.get(p[2] or "", 1), p[0])))


def _event_identity(a: Analysis, events: list[Event]) -> tuple[frozenset, tuple]:
    cfg = _cfg()
    who_labels, where_labels = set(cfg["who_labels"]), set(cfg["where_labels"])
    who, where = set(), []
    for e in events:
        ident = cfg["identity"].get(e.type, {"who": []})
        for r in e.roles:
            if not r.entity:
                continue
            lab = _label(r.entity)
            if r.name in ident["who"] and lab in who_labels:
                who.add(r.entity)
            elif lab in where_labels and r.name != "agent":
                where.append(_place_of(a, _name(r.entity), r.start, r.end))
    return frozenset(who), _sort_where(where)


def _explicit(e: Event) -> bool:
    cfg = _cfg()
    rule = e.time_rule or ""
    if "since" in rule:  # "since 2019" dates the anchor, not the event
        return False
    if any(rule.startswith(p) for p in cfg["explicit_time_rules"]):
        return True
    return rule == "sentence:publication" and e.sentence < cfg["publication_time_lead"]


def _sentence_places(a: Analysis, sentence: int) -> tuple:
    return _sort_where((p.name, p.country_code, p.feature) for p in a.places if p.sentence == sentence)


def _occurrences(a: Analysis) -> tuple[Occ, ...]:
    cfg = _cfg()
    out = []
    if a.events:
        for e in a.events:
            if e.type not in cfg["identity"]:
                continue
            who, where = _event_identity(a, [e])
            if cfg["identity"][e.type]["where"] and not where:
                where = _sentence_places(a, e.sentence)
            out.append(
                Occ(
                    a,
                    e.sentence,
                    e.type,
                    e.status,
                    who,
                    where,
                    _d(e.time_earliest),
                    _d(e.time_latest),
                    _explicit(e),
                    e.trigger,
                )
            )
        return tuple(out)
    # no events stored: sentences with a trigger word and no modal or future cue
    _, _, not_past, triggers, _ = _patterns()
    who_labels = set(cfg["who_labels"])
    for s in a.parsed.sentences:
        if not_past.search(s.text):
            continue
        dates = [
            t
            for t in a.times
            if t.sentence == s.index
            and t.type in ("DATE", "TIME")
            and t.earliest
            and "since" not in (t.rule or "")
            and t.value != "PRESENT_REF"
        ]
        when = (_d(dates[0].earliest), _d(dates[0].latest)) if len(dates) == 1 else (None, None)
        who = frozenset(m.entity for m in a.parsed.mentions if m.sentence == s.index and m.label in who_labels)
        for typ, rx in triggers.items():
            m = rx.search(s.text)
            if m:
                out.append(
                    Occ(
                        a,
                        s.index,
                        typ,
                        "occurred",
                        who,
                        _sentence_places(a, s.index),
                        when[0],
                        when[1],
                        when[0] is not None,
                        m.group(0),
                    )
                )
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _same_who(k1: str, k2: str) -> bool:
    """ "PERSON:Putin" is "PERSON:Vladimir Putin"; two full names must be equal."""
    from ..entities.names import same_entity

    return same_entity(k1, k2)


def _who_covers(claim: frozenset, cand: frozenset) -> bool:
    return all(any(_same_who(c, d) for d in cand) for c in claim)


def _where_matches(claim: tuple, cand: tuple) -> bool:
    """The claim's most specific place is named by the candidate, or contains it (a country)."""
    if not claim:
        return True
    name, cc, feature = claim[0]
    for n2, cc2, _ in cand:
        if n2.casefold() == name.casefold():
            return True
        if feature == "country" and cc and cc2 == cc:
            return True
    return False


# ---------------------------------------------------------------------------
# "first ... since X" claims


@dataclass(frozen=True)
class Claim:
    analysis: Analysis
    sentence: int
    noun: str
    types: tuple
    kind: str  # since | in | ever
    anchor_text: str
    anchor_lo: date | None  # the period the previous event is said to lie in
    anchor_hi: date | None
    gap_start: date | None  # no event of the kind in (gap_start, claim date)
    when: date  # the claimed event's date
    when_explicit: bool
    who: frozenset
    where: tuple


def _claims(a: Analysis) -> list[Claim]:
    cfg = _cfg()
    first, first_time, _, _, _ = _patterns()
    adjectives = set(cfg["claim_adjectives"])
    pub = a.article.published
    out = []
    for s in a.parsed.sentences:
        text = s.text
        m = first.search(text)
        if m and all(w.lower() in adjectives for w in m.group(1).split()):
            noun, types, pos = m.group(2).lower(), tuple(cfg["claim_nouns"][m.group(2).lower()]), s.start + m.end()
        else:
            m = first_time.search(text)
            if not m:
                continue
            # the verb "for the first time" modifies: an event just before the phrase ("met for the first time")
            k = s.start + m.start()
            types = tuple(
                sorted(
                    {
                        e.type
                        for e in a.events
                        if e.sentence == s.index
                        and e.type in cfg["first_time_types"]
                        and e.status != "negated"
                        and 0 <= k - e.trigger_end <= cfg["first_time_window"]
                    }
                )
            )
            if len(types) != 1:
                continue  # no event, or several: the parse does not say what was first
            noun, pos = "time", s.start + m.end()
        events = [e for e in a.events if e.sentence == s.index and e.type in types]
        who, where = _event_identity(a, events)
        ident = cfg["identity"][types[0]]
        if not events:  # no event parsed: the sentence's named participants stand in,
            # or for "their first meeting" those of the sentence before
            def named(i):
                return {mm.entity for mm in a.parsed.mentions if mm.sentence == i and mm.label in cfg["who_labels"]}

            extra = named(s.index)
            if len(extra) < ident["min_who"] and s.index > 0 and _PLURAL_PRONOUN.search(text[: m.start()]):
                extra |= named(s.index - 1)
            who = frozenset(who | extra)
        if not ident["where"]:
            where = ()  # a meeting is the same meeting wherever it is said to be held
        elif not where:
            where = _sentence_places(a, s.index)
        if len(who) < ident["min_who"] or (ident["where"] and not ident["who"] and not where):
            continue
        dated = [e for e in events if _explicit(e) and e.time_earliest and e.time_value != "PRESENT_REF"]
        when = _d(dated[0].time_earliest) if dated else pub
        # "a day before his first summit": the sentence's date is not the claimed
        # event's. Before it, that date is a safe (earlier) end for the gap; after
        # it, the event lies at an unknown earlier date and nothing can be said.
        rel = _RELATIVE.search(text[: m.start()])
        if rel and rel.group(1).lower() not in ("before", "ahead"):
            continue
        if rel:
            dated = []
        # An undated claimed event is taken to be the report's news, at its date
        # ("this will be their first meeting since 2019"); "first ... ever" needs
        # the event's own date below, since "his first meeting with Putin was a
        # success" speaks of a meeting at an unknown, earlier date.
        if when is None:
            continue
        # what follows the claim noun: "since 2019", "in four years", or nothing ("ever")
        since = [
            t
            for t in a.times
            if t.sentence == s.index and "since" in (t.rule or "") and t.start >= pos - 1 and t.earliest and t.latest
        ]
        dur = [
            t
            for t in a.times
            if t.sentence == s.index
            and t.type == "DURATION"
            and t.start >= pos
            and re.match(r"^\s*(?:in|for)\s+(?:the\s+)?(?:last|past)?\s*$", a.parsed.text[pos : t.start], re.I)
        ]
        # words between the claim noun and its anchor (or, for "ever", the rest of
        # its phrase) that narrow it: "first meeting in Moscow", "first launch of
        # the year", "first trip as president". A narrowed claim is not checked;
        # for a visit or launch, "to"/"from"/"in"/"at" a place is its identity.
        if since:
            rest = re.sub(r"since\s*$", "", a.parsed.text[pos : since[0].start].strip(), flags=re.I)
        elif dur:
            rest = ""
        else:
            stop = min(
                [e.trigger_start for e in a.events if e.sentence == s.index and e.trigger_start >= pos] + [s.end]
            )
            rest = re.split(r"[,;:.!?()]", a.parsed.text[pos:stop], maxsplit=1)[0]
        narrowing = set(cfg["narrowing_words"]) - (set(cfg["place_words"]) if ident["where"] else set())
        if narrowing & set(re.findall(r"[a-z]+", rest.lower())):
            continue
        if since:
            t = since[0]
            lo, hi = _d(t.earliest), _d(t.latest)
            out.append(Claim(a, s.index, noun, types, "since", t.text, lo, hi, hi, when, bool(dated), who, where))
        elif dur and (cm := _COUNTED.match(dur[0].value)):
            n, unit = float(cm.group(1)), cm.group(2)
            r = cfg["count_rounding_units"]
            days = _UNIT_DAYS[unit]
            lo = when - timedelta(days=(n + r) * days)
            hi = when - timedelta(days=(n - r) * days)
            out.append(Claim(a, s.index, noun, types, "in", dur[0].text, lo, hi, hi, when, bool(dated), who, where))
        elif not dur and dated:  # "ever" needs the first event's own date
            out.append(Claim(a, s.index, noun, types, "ever", "ever", None, None, None, when, bool(dated), who, where))
    return out


def _describe_who(c: Claim) -> str:
    parts = [_name(k) for k in sorted(c.who)]
    if c.where:
        parts.append(("at " if c.types[0] == "LAUNCH" else "to ") + c.where[0][0])
    return ", ".join(parts) or "?"


def _cite(a: Analysis, sentence: int) -> Citation:
    return Citation(a.article.doc_id, sentence, a.parsed.sentences[sentence].text)


def _occ_text(o: Occ) -> str:
    when = o.earliest.isoformat() if o.earliest == o.latest else f"{o.earliest.isoformat()}..{o.latest.isoformat()}"
    return f"{o.type} '{o.trigger}' {when} ({o.doc_id[:8]} [{o.sentence}])"


def _matches(c: Claim, o: Occ) -> bool:
    return (
        o.type in c.types
        and o.status in _cfg()["evidence_statuses"]
        and o.explicit
        and o.earliest is not None
        and o.latest is not None
        and not (o.doc_id == c.analysis.article.doc_id and o.sentence == c.sentence)
        and _who_covers(c.who, o.who)
        and _where_matches(c.where, o.where)
    )


def check_first_since(analyses: list[Analysis]) -> list[Check]:
    cfg = _cfg()
    slack = timedelta(days=cfg["same_event_days"])
    claims = [c for a in analyses for c in _claims(a)]
    if not claims:
        return []
    # evidence that can count at all, indexed by type and by participant name words,
    # so a large store costs a few candidates per claim, not every event
    statuses = set(cfg["evidence_statuses"])
    by_type: dict[str, list[Occ]] = {}
    by_word: dict[tuple[str, str], list[Occ]] = {}
    for a in analyses:
        for o in _occurrences(a):
            if o.status in statuses and o.explicit and o.earliest and o.latest:
                by_type.setdefault(o.type, []).append(o)
                for w in {w for k in o.who for w in _name(k).casefold().split()}:
                    by_word.setdefault((o.type, w), []).append(o)
    # sentences stating a first-ever event: their dates are compared by T2, not here
    ever_sents = {(c.analysis.article.doc_id, c.sentence) for c in claims if c.kind == "ever"}
    out = []
    for c in claims:
        if c.who:
            # every participant must appear: intersect, per participant, the events naming any of its words
            ids = None
            found = {}
            for key in c.who:
                here = {
                    id(o): o for t in c.types for w in _name(key).casefold().split() for o in by_word.get((t, w), ())
                }
                found.update(here)
                ids = set(here) if ids is None else ids & set(here)
            pool = [found[i] for i in found if i in ids]
        else:
            pool = [o for t in c.types for o in by_type.get(t, ())]
        ev = [o for o in pool if _matches(c, o)]
        if c.kind == "ever":
            ev = [o for o in ev if (o.doc_id, o.sentence) not in ever_sents]
        end = c.when - slack
        in_gap = [o for o in ev if (c.gap_start is None or o.earliest > c.gap_start) and o.latest < end]
        kind_txt = {
            "since": f"first {c.noun} since {c.anchor_text}",
            "in": f"first {c.noun} in {c.anchor_text}",
            "ever": f"first {c.noun} ever",
        }[c.kind]
        claim = f"{kind_txt}: {_describe_who(c)} ({c.analysis.article.doc_id[:8]}, {c.when.isoformat()})"
        gap = (f"after {c.gap_start.isoformat()} and " if c.gap_start else "") + f"before {end.isoformat()}"
        if in_gap:
            in_gap.sort(key=lambda o: o.latest, reverse=True)
            shown = in_gap[:3]
            computed = f"stored {c.types[0]} events {gap}: " + "; ".join(_occ_text(o) for o in shown)
            where = (
                "the same report"
                if shown[0].doc_id == c.analysis.article.doc_id
                else f"another stored report ({shown[0].doc_id[:8]})"
            )
            expl = (
                f"The report says this is the {kind_txt} for {_describe_who(c)}, but {where} "
                f"dates such an event to {shown[0].earliest.isoformat()}"
                + ("" if shown[0].earliest == shown[0].latest else f"..{shown[0].latest.isoformat()}")
                + f", {gap.replace('after', 'which is after').replace(' and before', ' and before')}: "
                f"the claim and the stored event contradict each other."
            )
            out.append(
                Check(
                    "time",
                    "inconsistent",
                    claim,
                    computed,
                    "time.first_since",
                    expl,
                    (_cite(c.analysis, c.sentence),) + tuple(_cite(o.analysis, o.sentence) for o in shown),
                )
            )
            continue
        others = [o for o in ev if o.doc_id != c.analysis.article.doc_id]
        if c.kind in ("since", "in"):
            support = [o for o in ev if o.latest >= c.anchor_lo and o.earliest <= c.anchor_hi]
            if not support or not others:
                continue  # nothing stored to compare with: no verdict worth printing
            # the latest; among equals the narrowest date, then the plainest sentence to cite
            last = max(
                support, key=lambda o: (o.latest, o.earliest, -len(o.analysis.parsed.sentences[o.sentence].text))
            )
            computed = f"latest stored {c.types[0]} before {end.isoformat()}: {_occ_text(last)}; none {gap}"
            expl = (
                f"The stored reports of {_describe_who(c)} fit the {kind_txt}: the latest earlier event lies in "
                f"{c.anchor_text if c.kind == 'since' else 'the period ' + c.anchor_text + ' before it'} "
                f"({c.anchor_lo.isoformat()}..{c.anchor_hi.isoformat()}) and none is dated "
                f"between then and this one."
            )
            cites = (_cite(c.analysis, c.sentence), _cite(last.analysis, last.sentence))
        else:
            same = sorted(
                (o for o in others if o.earliest <= c.when + slack and o.latest >= end),
                key=lambda o: len(o.analysis.parsed.sentences[o.sentence].text),
            )
            if not same:
                continue
            computed = f"stored {c.types[0]} events before {end.isoformat()}: none; same event: {_occ_text(same[0])}"
            expl = (
                f"No stored report dates a {c.types[0]} of {_describe_who(c)} before this one; "
                f"other reports of the same event agree it is the first."
            )
            cites = (_cite(c.analysis, c.sentence), _cite(same[0].analysis, same[0].sentence))
        out.append(Check("time", "consistent", claim, computed, "time.first_since", expl, cites))
    return out


# ---------------------------------------------------------------------------
# T2: one-off ("first ever") events dated differently across documents


def check_event_dates_across(analyses: list[Analysis]) -> list[Check]:
    slack = timedelta(days=_cfg()["date_slack_days"])
    firsts = []  # (claim, earliest, latest)
    for a in analyses:
        for c in _claims(a):
            if c.kind != "ever" or not c.when_explicit:
                continue
            ev = [
                e
                for e in a.events
                if e.sentence == c.sentence and e.type in c.types and _explicit(e) and e.time_earliest and e.time_latest
            ]
            if ev:
                firsts.append((c, _d(ev[0].time_earliest), _d(ev[0].time_latest)))
    groups: list[list] = []
    for f in firsts:
        for g in groups:
            c0 = g[0][0]
            c = f[0]
            if (
                set(c.types) & set(c0.types)
                and c.noun == c0.noun
                and (_who_covers(c.who, c0.who) or _who_covers(c0.who, c.who))
                and (_where_matches(c.where, c0.where) or _where_matches(c0.where, c.where))
            ):
                g.append(f)
                break
        else:
            groups.append([f])
    out = []
    for g in groups:
        per_doc = {}
        for f in g:
            per_doc.setdefault(f[0].analysis.article.doc_id, f)
        if len(per_doc) < 2:
            continue
        fs = sorted(per_doc.values(), key=lambda f: f[1])
        lo, hi = max(f[1] for f in fs), min(f[2] for f in fs)
        c0 = fs[0][0]
        what = f"first {c0.noun} ({c0.types[0]}): {_describe_who(c0)}"

        def span(f):
            return f[1].isoformat() if f[1] == f[2] else f"{f[1].isoformat()}..{f[2].isoformat()}"

        dates = "; ".join(f"{span(f)} ({f[0].analysis.article.doc_id[:8]} [{f[0].sentence}])" for f in fs)
        if lo - slack <= hi:
            verdict = "consistent"
            expl = f"{len(fs)} reports date the {what} compatibly: {dates}."
        else:
            verdict = "inconsistent"
            expl = (
                f"Reports date the same one-off event, the {what}, differently and the dates do not overlap "
                f"(even allowing {slack.days} day): {dates}."
            )
        if lo <= hi:
            computed = f"common dates {lo.isoformat()}..{hi.isoformat()}"
        else:
            computed = f"no common date: {(lo - hi).days} day(s) apart ({hi.isoformat()} vs {lo.isoformat()}; slack {slack.days} day)"
        out.append(
            Check(
                "time",
                verdict,
                f"{what}: {dates}",
                computed,
                "time.event_date_across",
                expl,
                tuple(_cite(f[0].analysis, f[0].sentence) for f in fs),
            )
        )
    return out


# ---------------------------------------------------------------------------
# T3: durations against the dates the report states


def _agent(e: Event) -> tuple[str | None, str]:
    r = e.role("agent")
    if r is None:
        return None, ""
    return r.entity, r.text.casefold().strip()


def _same_agent(e1: Event, e2: Event) -> bool:
    k1, t1 = _agent(e1)
    k2, t2 = _agent(e2)
    if not t1 or not t2:
        return False
    if k1 and k2:
        return _same_who(k1, k2)
    return t1 == t2 or (t2 in _PRONOUNS and not k1)


def _entities(e: Event) -> set[str]:
    return {r.entity for r in e.roles if r.entity}


def _interval_kind(a: Analysis, t) -> tuple[str, str] | None:
    """Which interval a duration measures: ("trip", noun), ("build", verb) or None."""
    cfg = _cfg()["intervals"]
    after = a.parsed.text[t.end : t.end + 40]
    m = re.match(r"^\s*(?:-\s*)?(?:long\s+)?([a-z]+)", after, re.I)
    if m:
        w = m.group(1).lower()
        for kind in ("trip", "visit"):
            if w in cfg[kind]["nouns"] or w.rstrip("s") in cfg[kind]["nouns"]:
                return kind, w
    sent = a.parsed.sentences[t.sentence]
    before = a.parsed.text[sent.start : t.start]
    m2 = re.match(r"^\s*to\s+([a-z]+)", after, re.I)
    if (
        re.search(
            r"\b(?:took|take|takes|taken|taking)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+)?$",
            before,
            re.I,
        )
        and m2
    ):
        v = m2.group(1).lower()
        stems = {v, v.rstrip("e"), re.sub(r"(?:ed|ing|s)$", "", v)}
        if any(s in cfg["build"]["verbs"] or s + "e" in cfg["build"]["verbs"] for s in stems):
            return "build", v
    return None


def _endpoint_ok(a: Analysis, e: Event, lemmas: list, needs: dict) -> bool:
    if e.lemma not in lemmas or e.status in ("possible", "negated"):
        return False
    if not (e.time_rule or "").startswith("timex:") or "since" in (e.time_rule or ""):
        return False
    rx = needs.get(e.lemma)
    return rx is None or bool(rx.match(a.parsed.text[e.trigger_end : e.trigger_end + 40]))


def check_durations_vs_dates(analysis: Analysis) -> list[Check]:
    a = analysis
    cfg = _cfg()
    icfg = cfg["intervals"]
    needs = _patterns()[4]
    window = cfg["duration_window"]
    out = []
    for t in a.times:
        if t.type != "DURATION":
            continue
        cm = _COUNTED.match(t.value or "")
        if not cm:
            continue
        found = _interval_kind(a, t)
        if found is None:
            continue
        kind, word = found
        spec = icfg[kind]
        near = [e for e in a.events if abs(e.sentence - t.sentence) <= window]
        starts = [e for e in near if _endpoint_ok(a, e, spec["start"], needs[kind])]
        ends = [e for e in near if _endpoint_ok(a, e, spec["end"], needs[kind])]
        pairs = []
        for s in starts:
            for e in ends:
                if s is e or _d(e.time_latest) < _d(s.time_earliest):
                    continue
                tied = _same_agent(s, e) if kind in ("trip", "visit") else bool(_entities(s) & _entities(e))
                if tied:
                    pairs.append((abs(s.sentence - t.sentence) + abs(e.sentence - t.sentence), s, e))
        if not pairs:
            continue
        best = min(p[0] for p in pairs)
        pairs = [p for p in pairs if p[0] == best]
        if len({(p[1].time_value, p[2].time_value) for p in pairs}) != 1:
            continue  # two readings of the interval: the parse does not say which
        _, s, e = pairs[0]
        n, unit = float(cm.group(1)), cm.group(2)
        u = _UNIT_DAYS[unit]
        r = cfg["count_rounding_units"]
        b_lo, b_hi = bounds(n * u, t.mod)
        st_lo, st_hi = min(b_lo, (n - r) * u), max(b_hi, (n + r) * u)
        lo = (_d(e.time_earliest) - _d(s.time_latest)).days
        hi = (_d(e.time_latest) - _d(s.time_earliest)).days + 1  # counting both end days
        bound_only = s.lemma in spec.get("bound_only", [])
        unit_word = _UNIT_WORD[unit]
        stated = re.sub(r"^(?:the|a|an|this|that|his|her|their|its)\s+", "", t.text.strip(), flags=re.I)

        def phrase(ev):  # the endpoint verb with the words it needs ("came into service")
            rx = needs[kind].get(ev.lemma)
            mm = rx.match(a.parsed.text[ev.trigger_end : ev.trigger_end + 40]) if rx else None
            return (
                f"{ev.trigger}{a.parsed.text[ev.trigger_end : ev.trigger_end + mm.end()] if mm else ''} {ev.time_value}"
            )

        s_txt, e_txt = phrase(s), phrase(e)
        mid = ((_d(e.time_earliest) - _d(s.time_earliest)).days + (_d(e.time_latest) - _d(s.time_latest)).days) / 2

        def in_units(days: float) -> str:
            return f"{days / u:,.1f}".rstrip("0").rstrip(".")

        computed = (
            f"{s_txt} -> {e_txt}: {in_units(max(lo, 0))} to {in_units(hi)} {unit_word}"
            + (f" (about {in_units(mid)})" if unit != "D" else "")
            + f"; stated {stated}"
        )
        claim = f"{stated} {word}"
        fits_upper = st_lo <= hi
        fits_lower = bound_only or st_hi >= lo
        if fits_upper and fits_lower:
            verdict = "consistent"
            expl = (
                f"'{stated}' fits the dates the report gives: {s_txt} to {e_txt} is {in_units(max(lo, 0))} to {in_units(hi)} {unit_word}"
                + (" (the start is a proposal, so the work itself may have been shorter)." if bound_only else ".")
            )
        else:
            verdict = "inconsistent"
            longer = not fits_upper
            expl = (
                f"'{stated}' is {'longer' if longer else 'shorter'} than the dates the report gives allow: "
                f"{s_txt} to {e_txt} is {in_units(max(lo, 0))} to "
                f"{in_units(hi)} {unit_word}"
                + (", and the stated start comes before the work, so the work took no longer" if bound_only else "")
                + ": the duration and the dates contradict each other."
            )
        sents = sorted({t.sentence, s.sentence, e.sentence})
        out.append(
            Check("time", verdict, claim, computed, "time.duration_vs_dates", expl, tuple(_cite(a, i) for i in sents))
        )
    return out


__all__ = ["check_first_since", "check_event_dates_across", "check_durations_vs_dates", "Occ", "Claim"]
