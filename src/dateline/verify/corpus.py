"""Cross-document figures: the same measured thing of the same event, reported differently.

``numbers.across_documents``: two reports are of the same event when their leads name a
common place (not a country) and they were published within a few days (see
``counts`` in the tolerances). A figure speaks of that event unless its sentence names a
place the report's lead does not, or dates itself well before the report (the 1959 crash
a report recalls, the air strikes "last week" that motivated an attack). Figures are the
same measured thing when the quantity stage gives them the same kind and what they count
(killed, injured, trapped, laps of 71) or measure, at no particular moment (not
"initially", "still", "so far"): a subset ("eight of those hurt") is never compared with
a total, and parts ("six men and one woman") are compared by their sum. Stated intervals
are widened only by their own wording ("at least", "about", "dozens").

Figures that agree get ``consistent``. Figures that differ get ``unverifiable``, never
``inconsistent``: counts change while a story unfolds (a toll rises, the trapped are
freed), and measurements that share a name may measure different things (two bars, two
winds); a report that gives two values for one name is left out. ``numbers.age_across_documents``:
the age of one named person differs between reports (counted at one date) by more than a birthday.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from ..geodesy import great_circle_km
from ..nlp.syntax import governing_verb
from ..types import Analysis, Check, Place, Quantity, TimeValue
from .config import tolerances
from .moments import is_moment
from .rules import bounds, cite_one, fmt_num, iso_day, latlon, verdict


@dataclass(frozen=True)
class Figure:
    analysis: Analysis
    quantity: Quantity
    key: tuple[str, ...]  # kind, what it counts or measures, unit, base
    lo: float
    hi: float
    text: str

    @property
    def doc_id(self) -> str:
        return self.analysis.article.doc_id

    @property
    def published(self) -> date | None:
        return self.analysis.article.published


def lead_places(a: Analysis) -> frozenset[str]:
    n = tolerances().counts.lead_sentences
    return frozenset(p.name for p in a.places if p.feature != "country" and p.sentence < n)


def _story_places(a: Analysis) -> list[Place]:
    """Where the report's story happens: the places of its first sentences (title and lead)."""
    cfg = tolerances().counts
    for n in (cfg.story_sentences, cfg.lead_sentences):
        found = [p for p in a.places if p.feature != "country" and p.sentence < n and p.lat is not None]
        if found:
            return found
    return []


def _far(p: Place, story: list[Place]) -> bool:
    limit = tolerances().counts.background_km
    return all(great_circle_km(*latlon(p), *latlon(s)) > limit for s in story)


_OTHER_MOMENT_MARKS = frozenset({"after", "before", "since", "until", "till"})


def told_of_another_moment(a: Analysis, q: Quantity) -> bool:
    """The figure sits in a clause about another moment than its sentence's ("... after a
    Taliban assault left five soldiers dead", "before ..."): it belongs to that event."""
    toks = a.parsed.tokens
    s = a.parsed.sentences[q.sentence]
    k = next((t.i for t in toks[s.token_start : s.token_end] if t.start >= q.start and t.end <= q.end), None)
    v = governing_verb(toks, k) if k is not None else None
    return v is not None and any(
        c.dep == "mark" and c.text.lower() in _OTHER_MOMENT_MARKS for c in a.parsed.children(v)
    )


def background(a: Analysis, sentence: int) -> bool:
    """Whether a sentence speaks of another event than the report's story."""
    return _background(a, sentence, _story_places(a))


def _background(a: Analysis, sentence: int, story: list[Place]) -> bool:
    """The sentence speaks of another event: a place far from where the story happens
    (Kunduz in a report of an attack in Mazar-i-Sharif, Glasgow in one of a crash in
    Croydon), or a date well before the report ("since 1959, when ...")."""
    here = [p for p in a.places if p.sentence == sentence and p.feature != "country" and p.lat is not None]
    if story and any(_far(p, story) for p in here):
        return True
    return any(_other_time(a, t) for t in a.times if t.sentence == sentence)


def _other_time(a: Analysis, t: TimeValue) -> bool:
    """A date that is not the story's day: well before the report, or coarser than a day
    ("this month", "last week", "in 2015"), as a report dates what it recalls."""
    if t.type not in ("DATE", "TIME") or t.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return False
    d0, d1 = iso_day(t.earliest), iso_day(t.latest)
    if d0 is None or d1 is None:
        return False
    if (d1 - d0).days >= 1:
        return True
    pub = a.article.published
    return pub is not None and d1 < pub - timedelta(days=tolerances().counts.max_days_apart)


def _bounds(q: Quantity, value: float) -> tuple[float, float]:
    """A stated figure's interval; vague plurals ("dozens") and ranges get their whole span."""
    vague = tolerances().counts.vague_counts
    words = q.text.lower().split()
    for n in (3, 2, 1):
        tail = " ".join(words[-n:])
        if tail in vague:
            return vague[tail]
    lo, hi = bounds(value, q.mod)
    if q.si_high is not None:
        hi = max(hi, bounds(q.si_high, q.mod)[1])
    # a bound says nothing on its open side: "at least two" and "at least four" both hold for six
    if q.mod in ("AT_LEAST", "MORE_THAN"):
        hi = math.inf
    elif q.mod in ("AT_MOST", "LESS_THAN"):
        lo = 0.0
    return lo, hi


def _what(q: Quantity) -> str | None:
    if q.kind in ("count", "money"):
        return q.counts
    words = (q.measures or "").lower().split()
    return words[-1] if words and not (q.measures or "").startswith("distance ") else None


def _compared(q: Quantity) -> bool:
    """Counts are compared when they count casualties, a named kind of thing the stories
    track (laps, votes, emails) or a share of a stated whole ("20 of 71 laps")."""
    if q.kind != "count":
        return True
    cfg = tolerances().counts
    return q.base is not None or (q.counts or "") in cfg.compared_counts


def parts_of(qs: tuple[Quantity, ...], q: Quantity) -> list[Quantity]:
    return [p for p in qs if p.relation == "part" and p.sentence == q.sentence and p.parts_total == q.parts_total]


def parts_text(qs: tuple[Quantity, ...], q: Quantity) -> str:
    """ "six + one = 7"; a part told without a number ("and a woman", "and the driver") is one."""
    group = parts_of(qs, q)
    total = q.parts_total or 0.0
    singles = int(total - sum(p.number for p in group))
    return " + ".join([p.text for p in group] + ["1"] * singles) + f" = {fmt_num(total)}"


def figures(a: Analysis) -> list[Figure]:
    """The figures of one report that can be compared across reports: one per part group."""
    cfg = tolerances().counts
    story = _story_places(a)
    out = []
    seen_groups: set[tuple[int, float]] = set()
    for q in a.quantities:
        what = _what(q)
        if q.kind not in cfg.kinds or q.kind == "age" or q.si_value is None or not what:
            continue
        if q.relation == "subset" or q.moment is not None or not _compared(q):
            continue
        if _background(a, q.sentence, story) or told_of_another_moment(a, q) or is_moment(a, q):
            continue
        value, text = q.si_value, q.text
        if q.relation == "part" and q.parts_total is not None:
            if (q.sentence, q.parts_total) in seen_groups:
                continue
            seen_groups.add((q.sentence, q.parts_total))
            value, text = q.parts_total, parts_text(a.quantities, q)
        lo, hi = _bounds(q, value) if q.relation != "part" else bounds(value, None)
        key = (q.kind, what, q.si_unit or "", fmt_num(q.base) if q.base else "")
        out.append(Figure(a, q, key, lo, hi, text))
    return _unambiguous(out)


def _unambiguous(figs: list[Figure]) -> list[Figure]:
    """A report that states values for one key that cannot all hold ("the 400g bars ... the
    170g bars") speaks of two things under one name: that key says nothing comparable.
    Values that can ("dozens", "more than 50") are one figure told twice."""
    spans: dict[tuple[str, ...], list[Figure]] = defaultdict(list)
    for f in figs:
        spans[f.key].append(f)
    ok = {k for k, fs in spans.items() if max(f.lo for f in fs) <= min(f.hi for f in fs)}
    return [f for f in figs if f.key in ok]


def _close(d1: date | None, d2: date | None) -> bool:
    if d1 is None or d2 is None:
        return True
    return abs((d1 - d2).days) <= tolerances().counts.max_days_apart


def same_story(a: Analysis, b: Analysis, leads: dict[str, frozenset[str]]) -> bool:
    """Two reports of one event: a shared lead place and publication dates a few days apart."""
    return bool(leads[a.article.doc_id] & leads[b.article.doc_id]) and _close(a.article.published, b.article.published)


def lead_terms(a: Analysis) -> frozenset[str]:
    """What a report's lead is about: its places ("place:Croydon") and the people,
    organisations and products it names, by their longest name word ("name:toblerone")."""
    cfg = tolerances().counts
    names = {
        "name:" + max(m.entity.name.split(), key=len).casefold()
        for m in a.parsed.mentions
        if m.sentence < cfg.lead_sentences and m.label in cfg.story_labels and m.entity.name.strip()
    }
    return frozenset({"place:" + p for p in lead_places(a)} | names)


def linked(a: Analysis, b: Analysis, terms: dict[str, frozenset[str]]) -> bool:
    """Reports of one story: a shared lead place, or two shared names, and dates a few days apart."""
    shared = terms[a.article.doc_id] & terms[b.article.doc_id]
    places = sum(1 for t in shared if t.startswith("place:"))
    enough = places >= 1 or len(shared) - places >= tolerances().counts.min_shared_names
    return enough and _close(a.article.published, b.article.published)


def _events(figs: list[Figure], leads: dict[str, frozenset[str]]) -> list[list[Figure]]:
    """One key's figures split into events: the figures of reports linked to one another,
    directly or through other reports (union-find). Reports are indexed by lead term, so a
    large store compares a figure only with reports that share one."""
    parent = list(range(len(figs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_term: dict[str, list[int]] = defaultdict(list)
    for n, f in enumerate(figs):
        near = {m for t in leads[f.doc_id] for m in by_term[t]}
        for m in near:
            if root(m) != root(n) and linked(f.analysis, figs[m].analysis, leads):
                parent[root(m)] = root(n)
        for t in leads[f.doc_id]:
            by_term[t].append(n)
    groups: dict[int, list[Figure]] = defaultdict(list)
    for n, f in enumerate(figs):
        groups[root(n)].append(f)
    return list(groups.values())


def _describe(f: Figure) -> str:
    pub = f.published.isoformat() if f.published else "undated"
    return f"{f.text} ({f.doc_id[:8]}, {pub})"


def _about(picked: list[Figure], leads: dict[str, frozenset[str]]) -> str:
    """What the reports share: the places (else names) that at least half of them lead with."""
    seen: dict[str, int] = defaultdict(int)
    for f in picked:
        for t in leads[f.doc_id]:
            seen[t] += 1
    common = [t for t, n in seen.items() if 2 * n >= len(picked)]
    about = sorted(t.split(":", 1)[1] for t in common if t.startswith("place:")) or sorted(
        t.split(":", 1)[1] for t in common
    )
    return ", ".join(about) or "linked reports"


def _group_check(key: tuple[str, ...], ev: list[Figure], leads: dict[str, frozenset[str]]) -> Check | None:
    per_doc: dict[str, Figure] = {}
    for f in sorted(ev, key=lambda f: (f.doc_id, f.quantity.start)):
        per_doc.setdefault(f.doc_id, f)  # one figure per report: its first statement
    picked = list(per_doc.values())
    if len(picked) < 2:
        return None
    lo, hi = max(f.lo for f in picked), min(f.hi for f in picked)
    kind, what = key[0], key[1] + (f" of {key[3]}" if key[3] else "")
    label = f"{what} ({kind})"
    places = _about(picked, leads)
    stated = "; ".join(_describe(f) for f in picked)
    per = (picked[0].quantity.si_value or 1.0) / (picked[0].quantity.number or 1.0)
    unit = "" if kind == "count" else f" {picked[0].quantity.unit or ''}"
    if lo > hi:
        computed = "common range none"
    elif math.isinf(hi):
        computed = f"common range {fmt_num(lo / per)}{unit} or more"
    else:
        computed = f"common range {fmt_num(lo / per)} to {fmt_num(hi / per)}{unit}"
    cites = tuple(cite_one(f.analysis, f.quantity.sentence) for f in picked)
    claim = f"{label}: {stated}"
    if lo <= hi:
        why = f"{len(picked)} reports of the same event ({places}) state {label} compatibly: {stated}."
        return verdict("numbers", "numbers.across_documents", True, claim, computed, why, cites)
    if kind != "count":
        return None  # measurements sharing a name may be of different things: only agreement says something
    if kind == "count":
        why = (
            f"Reports of the same event ({places}) state {label} differently ({stated}). A count like this "
            "changes while a story unfolds, and the reports may have been written at different moments: "
            "compare their times before calling either wrong."
        )
    else:
        why = (
            f"Reports of the same event ({places}) state {label} differently, and no value fits all of them even "
            f"allowing for their wording ({stated}); the figures may measure different things that share a "
            "name, so read both before calling either wrong."
        )
    return verdict("numbers", "numbers.across_documents", None, claim, computed, why, cites, 0.6)


def check_numbers_across(analyses: list[Analysis]) -> list[Check]:
    leads = {a.article.doc_id: lead_terms(a) for a in analyses}
    by_key: dict[tuple[str, ...], list[Figure]] = defaultdict(list)
    for a in analyses:
        if leads[a.article.doc_id]:
            for f in figures(a):
                by_key[f.key].append(f)
    out = []
    for key, figs in by_key.items():
        if len({f.doc_id for f in figs}) < 2:
            continue
        for ev in _events(figs, leads):
            c = _group_check(key, ev, leads)
            if c is not None:
                out.append(c)
    return out


# -- ages of one named person --------------------------------------------------------------------


def _named_ages(a: Analysis) -> list[tuple[str, Quantity]]:
    """ "Hannah Collier, 23": ages of people named with first and last name (a PERSON
    mention, not "a 77-year-old Las Vegas woman")."""
    people = {m.start: m for m in a.parsed.mentions if m.label == "PERSON"}
    out = []
    for q in a.quantities:
        name = (q.measures or "").strip()
        m = people.get(q.measures_start) if q.measures_start is not None else None
        if q.kind == "age" and q.si_value is not None and m is not None and len(name.split()) >= 2:
            out.append((name.casefold(), q))
    return out


def check_ages_across(analyses: list[Analysis]) -> list[Check]:
    gap = tolerances().counts.max_age_gap_years
    by_name: dict[str, dict[str, tuple[Analysis, Quantity]]] = defaultdict(dict)
    for a in analyses:
        for name, q in _named_ages(a):
            by_name[name].setdefault(a.article.doc_id, (a, q))
    out = []
    for name, per_doc in by_name.items():
        for group in _same_person(name, list(per_doc.values())):
            if len(group) >= 2:
                out.append(_age_check(sorted(group, key=lambda x: x[0].article.published or date.min), gap))
    return out


def _others(a: Analysis, name: str) -> set[str]:
    """The other people, organisations and places a report names (by canonical name)."""
    return {
        m.entity.name.casefold()
        for m in a.parsed.mentions
        if m.label in ("PERSON", "ORG", "GPE") and m.entity.name.casefold() != name
    }


def _same_person(name: str, found: list[tuple[Analysis, Quantity]]) -> list[list[tuple[Analysis, Quantity]]]:
    """Reports that name someone of one name speak of one person when they also share another
    name (Kim Jong Un beside Vladimir Putin): two local reports of a "Howard Brown", one in New
    Hampshire and one in Las Vegas, are two people. Groups linked through shared names."""
    groups: list[tuple[set[str], list[tuple[Analysis, Quantity]]]] = []
    for item in found:
        names = _others(item[0], name)
        home = [g for g in groups if g[0] & names]
        merged_names, merged = set(names), [item]
        for g in home:
            merged_names |= g[0]
            merged += g[1]
            groups.remove(g)
        groups.append((merged_names, merged))
    return [g[1] for g in groups]


def _age_check(picked: list[tuple[Analysis, Quantity]], gap: float) -> Check:
    """Ages of one person, each moved to the first report's date by the time between the reports."""
    first = picked[0][0].article.published

    def then(a: Analysis, q: Quantity) -> float:
        pub = a.article.published
        years = (pub - first).days / 365.25 if pub and first else 0.0
        return (q.si_value or 0.0) - years

    ages = [then(a, q) for a, q in picked]
    spread = round(max(ages) - min(ages), 1)
    name = picked[0][1].measures or ""
    stated = "; ".join(
        f"{fmt_num(q.si_value or 0.0)} ({a.article.doc_id[:8]}, {a.article.published})" for a, q in picked
    )
    ok = spread <= gap
    computed = f"ages {stated}; {spread:.1f} year(s) apart at the same date (a birthday allows {fmt_num(gap)})"
    if max(q.si_value or 0.0 for _, q in picked) == min(q.si_value or 0.0 for _, q in picked) and spread < 1:
        why = f"{len(picked)} reports give {name} the same age."
    else:
        why = f"The reports give {name} ages {spread:.1f} year(s) apart, counted at one date" + (
            ", which a birthday between them explains." if ok else ": one person cannot be both."
        )
    cites = tuple(cite_one(a, q.sentence) for a, q in picked)
    return verdict("numbers", "numbers.age_across_documents", ok, f"age of {name}: {stated}", computed, why, cites)
