"""Timelines: stored events across documents, ordered by when they happened.

An event's time is its own resolved time (``time_earliest``/``time_latest``),
else its sentence's resolved time; never the publication date of the report
unless that is what the time stage resolved to. Reports of the same real-world
event are clustered (same type, a shared participant, overlapping times,
compatible places and the same kind of status) and shown once with all sources.
Rules in ``data/timeline.yaml``.
"""

from __future__ import annotations

import functools
from datetime import date

from .. import serialize
from ..entities.lookup import EntityMap, find_entities, members
from ..types import Event
from ._common import load_data


@functools.lru_cache(maxsize=1)
def _cfg() -> dict:
    return load_data("timeline.yaml")


def _span_days(a: str, b: str) -> int:
    try:
        return (date.fromisoformat(b) - date.fromisoformat(a)).days
    except ValueError:
        return 10**6


def _entries(store, doc_keys: set[tuple[str, str]] | None, date_from: str | None, date_to: str | None) -> list[dict]:
    cfg = _cfg()
    where, params = [], {}
    skip = cfg["skip_types"]
    if skip:
        ps = {f"t{i}": t for i, t in enumerate(skip)}
        params.update(ps)
        where.append(f"e.type NOT IN ({', '.join(':' + p for p in ps)})")
    if date_to:
        where.append("COALESCE(e.time_earliest, s.time_earliest) <= :to")
        params["to"] = date_to
    if date_from:
        where.append("COALESCE(e.time_latest, s.time_latest) >= :frm")
        params["frm"] = date_from
    if doc_keys is not None:
        keys = sorted({k for _, k in doc_keys})
        if not keys:
            return []
        kp = {f"k{i}": k for i, k in enumerate(keys)}
        params.update(kp)
        where.append(
            "EXISTS (SELECT 1 FROM event_roles r WHERE r.doc_id = e.doc_id AND r.event_idx = e.idx "
            f"AND r.entity_key IN ({', '.join(':' + p for p in kp)}))"
        )
    sql = (
        "SELECT e.doc_id, e.idx, e.sentence_idx, e.data, d.published, d.title, s.text, s.time_value AS s_value, "
        "s.time_earliest AS s_earliest, s.time_latest AS s_latest, s.time_rule AS s_rule "
        "FROM events e JOIN documents d ON d.doc_id = e.doc_id "
        "JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence_idx"
        + (" WHERE " + " AND ".join(where) if where else "")
    )
    return store.query(sql, **params)


def timeline(
    store,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    include_all: bool = False,
) -> dict:
    """Events ordered by when they happened: {"entity", "events": [...], "undated": n}."""
    cfg = _cfg()
    idx = EntityMap(store)
    ent = None
    doc_keys = None
    if entity:
        ent = next(iter(find_entities(store, entity, limit=1)), None)
        if ent is None:
            from ..errors import NotFound

            raise NotFound(f"entity {entity!r}")
        doc_keys = set(members(store, ent.entity_id))
    rows = _entries(store, doc_keys, date_from, date_to)
    roles_p = set(cfg["participant_roles"])
    items, undated = [], 0
    for r in rows:
        ev: Event = serialize.loads(Event, r["data"])
        if ent is not None and not any((r["doc_id"], str(x.entity)) in doc_keys for x in ev.roles if x.entity):
            continue
        earliest, latest, value, rule = ev.time_earliest, ev.time_latest, ev.time_value, ev.time_rule or ""
        if not earliest:
            earliest, latest, value, rule = r["s_earliest"], r["s_latest"], r["s_value"], f"sentence:{r['s_rule']}"
        if not earliest or not latest or _span_days(earliest, latest) > cfg["max_span_days"]:
            undated += 1
            continue
        if date_from and latest < date_from or date_to and earliest > date_to:
            continue
        participants = []
        for x in ev.roles:
            if x.name in roles_p and x.entity:
                ce = idx.of(r["doc_id"], str(x.entity))
                pid = ce.id if ce else str(x.entity)
                if pid not in [p["id"] for p in participants]:
                    participants.append({"id": pid, "name": ce.name if ce else x.entity.name, "role": x.name})
        place = None
        for x in ev.roles:
            if x.name == "place":
                ce = idx.of(r["doc_id"], str(x.entity)) if x.entity else None
                place = {"id": ce.id if ce else None, "name": ce.name if ce else x.text, "lat": x.lat, "lon": x.lon}
                if ce and ce.place:
                    place["lat"], place["lon"] = ce.place.lat, ce.place.lon
                break
        if "publication" in rule and not include_all and len(participants) < cfg["min_participants_publication_dated"]:
            undated += 1
            continue
        if not include_all and not participants and place is None:
            continue
        items.append(
            {
                "earliest": earliest,
                "latest": latest,
                "value": value,
                "time_rule": rule,
                "status": ev.status,
                "type": ev.type,
                "trigger": ev.trigger,
                "lemma": ev.lemma,
                "participants": participants,
                "place": place,
                "what": _what(ev, idx, r["doc_id"]),
                "source": {
                    "doc_id": r["doc_id"],
                    "sentence_index": r["sentence_idx"],
                    "text": r["text"],
                    "published": r["published"],
                    "title": r["title"],
                },
            }
        )
    events = cluster(items)
    events.sort(key=lambda e: (e["earliest"], e["latest"], e["type"]))
    return {
        "entity": {"id": ent.id, "name": ent.name} if ent else None,
        "from": date_from,
        "to": date_to,
        "events": events,
        "undated": undated,
    }


_PRONOUNS = {"it", "he", "she", "they", "him", "her", "them", "who", "which", "its", "his", "their"}


def _what(ev: Event, idx, doc_id: str) -> str:
    """agent + trigger + patient, with pronouns replaced by the entity they stand for."""

    def text(name):
        x = next((x for x in ev.roles if x.name == name), None)
        if x is None:
            return None
        if x.entity and x.text.lower() in _PRONOUNS:  # "they" -> every entity it stands for
            same = [y.entity for y in ev.roles if y.name == name and (y.start, y.end) == (x.start, x.end) and y.entity]
            names = []
            for k in dict.fromkeys(same):
                ce = idx.of(doc_id, str(k))
                names.append(ce.name if ce else k.name)
            return " and ".join(names)
        return " ".join(x.text.split())

    parts = [p for p in (text("agent"), ev.trigger, text("patient")) if p]
    text = " ".join(parts)
    return text if len(text) <= 140 else text[:137] + "…"


def _gap_days(a: dict, b: dict) -> int:
    """0 when the two time spans overlap, else the days between them."""
    if a["earliest"] > b["latest"]:
        return _span_days(b["latest"], a["earliest"])
    if b["earliest"] > a["latest"]:
        return _span_days(a["latest"], b["earliest"])
    return 0


def _compatible(a: dict, b: dict) -> bool:
    cls = _cfg()["status_classes"]
    if a["type"] != b["type"] or cls.get(a["status"], a["status"]) != cls.get(b["status"], b["status"]):
        return False
    if _gap_days(a, b) > _cfg()["time_slack_days"]:
        return False
    pa, pb = {p["id"] for p in a["participants"]}, {p["id"] for p in b["participants"]}
    if pa or pb:
        if not pa & pb:
            return False
    elif a["lemma"] != b["lemma"]:
        return False
    pa_, pb_ = a["place"] or {}, b["place"] or {}
    if pa_.get("id") and pb_.get("id") and pa_["id"] != pb_["id"]:
        # different gazetteer entries can still be one venue ("Russky Island" in Vladivostok)
        if None in (pa_.get("lat"), pa_.get("lon"), pb_.get("lat"), pb_.get("lon")):
            return False
        from ..geo import great_circle_km

        return great_circle_km(pa_["lat"], pa_["lon"], pb_["lat"], pb_["lon"]) <= _cfg()["same_place_km"]
    return True


def cluster(items: list[dict]) -> list[dict]:
    """Merge reports of the same event; the merged time is the narrowest reported."""
    items = sorted(items, key=lambda e: (_span_days(e["earliest"], e["latest"]), e["earliest"]))
    clusters: list[dict] = []
    by_type: dict[str, list[dict]] = {}
    max_src = _cfg()["max_sources"]
    for it in items:
        home = None
        for c in by_type.get(it["type"], []):
            if _compatible(c, it):
                home = c
                break
        if home is None:
            c = {k: v for k, v in it.items() if k != "source"}
            c["participants"] = list(it["participants"])
            c["sources"] = [it["source"]]
            c["n_sources"] = 1
            c["documents"] = 1
            c["_docs"] = {it["source"]["doc_id"]}
            c["_times"] = [(it["earliest"], it["latest"], it["value"])]
            clusters.append(c)
            by_type.setdefault(it["type"], []).append(c)
            continue
        # keep the narrowest time (items come narrowest first), widen nothing
        ids = {p["id"] for p in home["participants"]}
        home["participants"] += [p for p in it["participants"] if p["id"] not in ids]
        if home["place"] is None and it["place"] is not None:
            home["place"] = it["place"]
        home["n_sources"] += 1
        home["_times"].append((it["earliest"], it["latest"], it["value"]))
        # within one status class, the more definite report wins: occurred over ongoing, planned over possible
        order = ("occurred", "ongoing", "planned", "possible")
        if (
            it["status"] in order
            and home["status"] in order
            and order.index(it["status"]) < order.index(home["status"])
        ):
            home["status"], home["what"], home["trigger"] = it["status"], it["what"], it["trigger"]
        home["_docs"].add(it["source"]["doc_id"])
        home["documents"] = len(home["_docs"])
        if len(home["sources"]) < max_src and not any(
            s["doc_id"] == it["source"]["doc_id"] and s["sentence_index"] == it["source"]["sentence_index"]
            for s in home["sources"]
        ):
            home["sources"].append(it["source"])
    for c in clusters:
        c.pop("_docs", None)
        # the time: the most precise one, and among equally precise ones what most reports say
        times = c.pop("_times")
        best = min(_span_days(e, l) for e, l, _ in times)
        precise = [t for t in times if _span_days(t[0], t[1]) == best]
        c["earliest"], c["latest"], c["value"] = max(precise, key=precise.count)
        c["sources"].sort(key=lambda s: (s["published"] or "", s["doc_id"], s["sentence_index"]))
    return clusters
