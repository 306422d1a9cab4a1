"""Cross-document checks: the same quantity of the same event, reported differently.

``numbers.across_documents``: quantities from different documents are the same
quantity when they have the same kind and measure the same thing (the counted
noun or what the parse linked them to, plus the casualty word for counts of
people: killed vs injured), and their documents report the same event (a shared
non-country place in the lead or the sentence, published within a few days).
A group whose stated intervals (widened only by their own wording: "at least",
"about") have no common value gets an ``inconsistent`` verdict; groups that
agree get ``consistent``. Time contradictions across documents are the lead's.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..types import Analysis, Check, Citation, Quantity
from .config import tolerances
from .rules import bounds

_WORD = re.compile(r"[a-z]+")


def _event_places(a: Analysis, sentence: int) -> set[str]:
    n = tolerances().counts.lead_sentences
    return {p.name for p in a.places if p.feature != "country" and (p.sentence < n or p.sentence == sentence)}


def _casualty(a: Analysis, q: Quantity) -> str | None:
    after = a.parsed.text[q.end : q.end + 40].lower()
    words = {"killed", "dead", "died", "deaths", "death", "injured", "wounded", "hurt", "missing", "trapped"}
    for w in _WORD.findall(after):
        if w in words:
            return {
                "dead": "killed",
                "died": "killed",
                "deaths": "killed",
                "death": "killed",
                "wounded": "injured",
                "hurt": "injured",
            }.get(w, w)
    m = (q.measures or "").lower()
    return m if m in words else None


def _key(a: Analysis, q: Quantity) -> tuple | None:
    cfg = tolerances().counts
    if q.kind not in cfg.kinds or q.si_value is None or not q.measures:
        return None
    if q.kind == "count":
        cas = _casualty(a, q)
        if cas is None:
            return None
        return ("count", cas, q.si_unit)
    head = q.measures.lower().split()[-1]
    return (q.kind, head, q.si_unit)


def _qbounds(q: Quantity) -> tuple[float, float]:
    """A stated figure's interval; vague plurals ("dozens") get their whole range."""
    vague = tolerances().counts.vague_counts
    words = q.text.lower().split()
    for n in (3, 2, 1):
        tail = " ".join(words[-n:])
        if tail in vague:
            lo, hi = vague[tail]
            return float(lo), float(hi)
    return bounds(q.si_value, q.mod)


def _sentence_places(a: Analysis, sentence: int) -> frozenset[str]:
    return frozenset(p.name for p in a.places if p.feature != "country" and p.sentence == sentence)


def _when(a: Analysis, q: Quantity) -> tuple[str, str] | None:
    """When the quantity happened, if its sentence says: the nearest date in the
    sentence ("since 1959, when two ... died"), else the sentence's governing time."""
    near = [
        t
        for t in a.times
        if t.sentence == q.sentence
        and t.type in ("DATE", "TIME")
        and t.earliest
        and t.latest
        and min(abs(t.start - q.end), abs(q.start - t.end)) <= 60
    ]
    if near:
        t = min(near, key=lambda t: min(abs(t.start - q.end), abs(q.start - t.end)))
        return t.earliest, t.latest
    for st in a.sentence_times:
        if st.sentence == q.sentence and st.rule == "governing" and st.earliest and st.latest:
            return st.earliest, st.latest
    if a.article.published:  # news reports the present unless a sentence says otherwise
        d = a.article.published.isoformat()
        return d, d
    return None


def _same_time(w1, w2) -> bool:
    """Overlapping times, each widened by the days two reports of one event may lie apart."""
    if w1 is None or w2 is None:
        return True
    pad = tolerances().counts.max_days_apart
    lo1, hi1 = (
        date.fromisoformat(w1[0][:10]) - timedelta(days=pad),
        date.fromisoformat(w1[1][:10]) + timedelta(days=pad),
    )
    return lo1 <= date.fromisoformat(w2[1][:10]) and date.fromisoformat(w2[0][:10]) <= hi1


def _same_place(s1: frozenset, s2: frozenset) -> bool:
    """Sentences that both name places must name a common one (Kunduz is not Mazar-i-Sharif)."""
    return not s1 or not s2 or bool(s1 & s2)


def _close(d1: date | None, d2: date | None) -> bool:
    if d1 is None or d2 is None:
        return True
    return abs((d1 - d2).days) <= tolerances().counts.max_days_apart


def _describe(a: Analysis, q: Quantity) -> str:
    pub = a.article.published.isoformat() if a.article.published else "undated"
    return f"{q.text} ({a.article.doc_id[:8]}, {pub})"


def check_numbers_across(analyses: list[Analysis]) -> list[Check]:
    entries = []  # (key, analysis, quantity, places)
    for a in analyses:
        for q in a.quantities:
            k = _key(a, q)
            if k is not None:
                entries.append((k, a, q, _event_places(a, q.sentence), _when(a, q), _sentence_places(a, q.sentence)))
    groups: dict[tuple, list] = {}
    for e in entries:
        groups.setdefault(e[0], []).append(e)
    out = []
    for key, es in groups.items():
        # split a key's entries into events: connected by shared places and close dates
        events: list[list] = []
        for e in es:
            home = None
            for ev in events:
                # linked to one report by a shared place, and contradicting none on time or place
                if any(e[3] & o[3] and _close(e[1].article.published, o[1].article.published) for o in ev) and all(
                    _same_time(e[4], o[4]) and _same_place(e[5], o[5]) for o in ev
                ):
                    home = ev
                    break
            if home is None:
                events.append([e])
            else:
                home.append(e)
        for ev in events:
            docs = {e[1].article.doc_id for e in ev}
            if len(docs) < 2:
                continue
            # one figure per document: its first statement of the quantity
            per_doc = {}
            for e in sorted(ev, key=lambda e: (e[1].article.doc_id, e[2].start)):
                per_doc.setdefault(e[1].article.doc_id, e)
            picked = list(per_doc.values())
            lo = max(_qbounds(e[2])[0] for e in picked)
            hi = min(_qbounds(e[2])[1] for e in picked)
            what = f"{key[1]} ({key[0]})"
            places = sorted(set.intersection(*(e[3] for e in picked)) or set.union(*(e[3] for e in picked)))
            figures = "; ".join(_describe(e[1], e[2]) for e in picked)
            cites = tuple(
                Citation(e[1].article.doc_id, e[2].sentence, e[1].parsed.sentences[e[2].sentence].text) for e in picked
            )
            if lo <= hi:
                verdict = "consistent"
                expl = (
                    f"{len(picked)} reports of the same event ({', '.join(places)}) state {what} compatibly: {figures}."
                )
            else:
                verdict = "inconsistent"
                dated = sorted((e for e in picked if e[1].article.published), key=lambda e: e[1].article.published)
                later = ""
                if len(dated) >= 2 and dated[-1][1].article.published > dated[0][1].article.published:
                    later = f" The later report ({dated[-1][1].article.published.isoformat()}) may be an update."
                expl = (
                    f"Reports of the same event ({', '.join(places)}) state {what} differently, and no value fits "
                    f"all of them even allowing for their wording: {figures}.{later}"
                )
            out.append(
                Check(
                    "numbers",
                    verdict,
                    f"{what}: {figures}",
                    f"common range {'none' if lo > hi else f'{lo:g} to {hi:g}'}",
                    "numbers.across_documents",
                    expl,
                    cites,
                )
            )
    return out
