"""Stage 3b, questions across reports, read from the stored timeline: "when did X and Y last
meet?", "where did they meet most recently?", "how many times has X been to Z?".

The events of the question's kind (its verb's event type and the types that imply it, from
``data/questions.yaml``) in which every person or organisation the question names takes
part, at every place it names, form occasions: events whose dates overlap are one occasion
(a summit told as a meeting, talks and a signing on the same day). "first"/"last" pick the
earliest or latest occasion, "how many times" counts them and cites each. The answers join
the reader's candidates with the feature ``timeline``, so the fitted answer model weighs
them like any other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from ...entities.names import names_match
from ...nlp.lexicon import english
from ..timeline import _span_days, timeline
from .config import _cfg
from .frame import Frame
from .match import Option
from .retrieve import Resolved

_PLACE_LABELS = english().labels.places


@dataclass(frozen=True)
class Occasion:
    """One real-world occasion: the timeline events that overlap in time, earliest first."""

    earliest: str
    latest: str
    events: tuple[dict, ...]

    @property
    def value(self) -> str:
        """The most precise date any of its events gives."""
        return min((e["value"] or e["earliest"] for e in self.events), key=lambda v: (-len(v), v))


def _types(f: Frame) -> tuple[str, ...]:
    """The event types that answer the question's verb ("meet": MEET, and AGREE signed together)."""
    cfg = _cfg()
    across = cfg["across"]
    # the main verb, else another verb of the question ("the last place Kim visited before heading home")
    verbs = [v for v in (f.pred, *f.content) if v]
    if any(v in across["presence_verbs"] for v in verbs[:1]) or (
        f.pred_light and any(g.label in _PLACE_LABELS for g in f.names)
    ):
        return tuple(across["presence_types"])
    typ = next((cfg["_types"][v] for v in verbs if v in cfg["_types"]), None)
    if typ is None:
        return ()
    return (typ, *across["implies"].get(typ, []))


def _bounds(f: Frame) -> tuple[str | None, str | None]:
    """The question's own time window ("in 2023", "before 2024") as timeline bounds."""
    lo: str | None = None
    hi: str | None = None
    for op, earliest, latest, _ in f.times:
        if op == "before":
            hi = min(hi or "9999", _day_before(earliest))
        elif op == "after":
            lo = max(lo or "", latest)
        else:
            lo, hi = max(lo or "", earliest), min(hi or "9999", latest)
    return lo, hi


def _day_before(iso: str) -> str:
    """ "before 2024": up to 2023-12-31 (timeline bounds are inclusive)."""
    return (date.fromisoformat(iso[:10]) - timedelta(days=1)).isoformat()


def _takes_part(e: dict, r: Resolved) -> bool:
    return any(p["id"] in r.ids or names_match(r.group.text, p["name"]) for p in e["participants"])


def _at(e: dict, r: Resolved) -> bool:
    p = e["place"]
    return p is not None and ((p["id"] in r.ids) or names_match(r.group.text, p["name"] or ""))


def _events(
    store, f: Frame, resolved: list[Resolved], types: tuple[str, ...], docs: set[str]
) -> tuple[list[dict], list[dict]]:
    """(events of those types in which every named party takes part, at every named place;
    every event of the parties in the question's time window, for where an occasion was),
    told in the reports retrieved for the question."""
    party_labels = set(_cfg()["across"]["party_labels"])
    parties = [r for r in resolved if r.ids and r.group.label in party_labels]
    # "on his trip to Russia" when asking where: the answer lies inside it, so it filters nothing
    places = [r for r in resolved if r.group.label in _PLACE_LABELS] if f.answer_type != "place" else []
    if not parties:
        return [], []
    lo, hi = _bounds(f)
    statuses = set(_cfg()["across"]["statuses"])
    seen: dict[tuple[str, int], dict] = {}
    for eid in sorted({i for r in parties for i in r.ids}):
        for e in timeline(store, entity=eid, date_from=lo, date_to=hi, docs=docs)["events"]:
            s = e["sources"][0]
            if e["status"] in statuses:
                seen.setdefault((s["doc_id"], s["event_index"]), e)
    context = list(seen.values())
    matched = [
        e
        for e in context
        if e["type"] in types and all(_takes_part(e, r) for r in parties) and all(_at(e, r) for r in places)
    ]
    return matched, context


def occasions(events: list[dict], max_days: int) -> list[Occasion]:
    """Events grouped into occasions: overlapping dates, none vaguer than ``max_days``."""
    precise = sorted(
        (e for e in events if _span_days(e["earliest"], e["latest"]) <= max_days),
        key=lambda e: (e["earliest"], e["latest"]),
    )
    out: list[list[dict]] = []
    for e in precise:
        if out and e["earliest"] <= max(x["latest"] for x in out[-1]):
            out[-1].append(e)
        else:
            out.append([e])
    return [Occasion(g[0]["earliest"], max(x["latest"] for x in g), tuple(g)) for g in out]


def _citable(o: Occasion) -> list[dict]:
    """The occasion's reports, the one to cite first: of its most reported event, a report that
    dates it in its own words ("met for the first time on Thursday") before one that borrows a date."""
    trust = _cfg()["across"]["cite_dated_by"]

    def rank(s: dict) -> int:
        rule = s["dated_by"] or ""
        return next((k for k, p in enumerate(trust) if rule.startswith(p)), len(trust))

    events = sorted(o.events, key=lambda e: -e["reports"])
    return [s for e in events for s in sorted(e["sources"], key=rank)]


def _entry(opt: Option, occs: list[Occasion], best: float) -> dict:
    """A candidate in the reader's shape (see ``read.read``), citing every occasion it stands on."""
    cites: dict[tuple[str, int], float] = {}
    rows: dict[tuple[str, int], str] = {}
    for k, o in enumerate(occs):
        for j, s in enumerate(_citable(o)):
            key = (s["doc_id"], s["sentence_index"])
            # each occasion's best report first, then the others
            cites.setdefault(key, best - (0.0 if j == 0 else 1.0) - 0.001 * (k + j))
            rows[key] = s["sentence"]
    n = len(occs)
    return {
        "opt": opt,
        "best": best,
        "cites": cites,
        "totals": {opt.text: best},
        "rows": rows,
        "cite_each": n,
        "published": max((s["published"] or "" for o in occs for e in o.events for s in e["sources"]), default=None),
        "features": {"timeline": 1.0, "timeline_occasions": math.log1p(n), "option": opt.score, "agrees": 1.0},
    }


def _place_of(o: Occasion, context: list[dict]) -> dict | None:
    """Where the occasion happened: its own events' place, else where a party travelled or was
    met on those days ("Putin arrived in Pyongyang" on the day the two signed a treaty)."""
    order = {t: k for k, t in enumerate(_cfg()["across"]["place_types"])}
    own = [e for e in o.events if e["place"] and e["place"]["name"]]
    near = [
        e
        for e in context
        if e["place"]
        and e["place"]["name"]
        and e["type"] in order
        and e["earliest"] <= o.latest
        and e["latest"] >= o.earliest
    ]
    for group in (own, near):
        if group:
            return min(group, key=lambda e: (order.get(e["type"], len(order)), -e["reports"]))["place"]
    return None


def across(store, f: Frame, resolved: list[Resolved], best: float, docs: set[str]) -> tuple[dict[str, dict], set[str]]:
    """Timeline answers to a first/last/how-many-times question, keyed as ``read.read`` keys them,
    and the keys of the other occasions (an earlier meeting is not the last one). Only the
    reports retrieved for the question (``docs``) are read, so the cost stays that of the question,
    not of the entity's whole history."""
    counting = f.counted == "time"
    if not (counting and f.answer_type == "quantity" or f.order and f.answer_type in ("date", "place")):
        return {}, set()
    types = _types(f)
    if not types:
        return {}, set()
    matched, context = _events(store, f, resolved, types, docs)
    occs = occasions(matched, _cfg()["across"]["max_days"])
    if not occs:
        return {}, set()
    if counting:
        n = len(occs)
        opt = Option(f"{n} time{'s' if n != 1 else ''}", str(n), 1.0, fit=1.0)
        return {f"times:{n}": _entry(opt, occs, best)}, set()
    pick = occs[-1] if f.order == "last" else occs[0]
    answers = {o.value: _answer(f, o, context) for o in occs}
    mine = answers[pick.value]
    others = {a[0] for v, a in answers.items() if a and v != pick.value and (mine is None or a[0] != mine[0])}
    if mine is None:
        return {}, others
    return {mine[0]: _entry(mine[1], [pick], best)}, others


def _answer(f: Frame, o: Occasion, context: list[dict]) -> tuple[str, Option] | None:
    """(key, option) of one occasion: its date, or its place."""
    if f.answer_type == "date":
        return o.value, Option(o.value, o.value, 1.0)
    place = _place_of(o, context)
    if place is None:
        return None
    value = f"{place['lat']:.4f},{place['lon']:.4f}" if place.get("lat") is not None else None
    return value or place["name"].lower(), Option(place["name"], value, 1.0)


def merge(options: dict[str, dict], found: tuple[dict[str, dict], set[str]]) -> dict[str, dict]:
    """The timeline's answers among the reader's: one the reader also found gains the timeline's
    features and citations, a new one is added; a date or place of another occasion than the
    one asked for is marked (``timeline_other``)."""
    answers, others = found
    for k, e in answers.items():
        home = options.get(k)
        if home is None:
            options[k] = e
            continue
        home["features"] = home.get("features", {}) | {
            n: v for n, v in e["features"].items() if n.startswith("timeline")
        }
        for key, v in e["cites"].items():
            home["cites"].setdefault(key, v)
            home["rows"].setdefault(key, e["rows"][key])
    for k in others:
        if k in options:
            options[k]["features"] = options[k].get("features", {}) | {"timeline_other": 1.0}
    return options
