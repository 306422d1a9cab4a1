"""Timelines: stored events across documents, ordered by when they happened.

An event's time is its own (the events stage records how it was obtained, ``dated_by``:
``timex:*`` its clause's time expression, ``event:*`` a framing event noun, ``offset:*``
"a day before ...", ``sentence:*`` the sentence's resolved time, ``report:*`` the report's
lead or publication day for an undated past event); an event the stage left undated is
counted as undated, never given the publication date here. Reports of the same real-world
event are clustered (same type, a shared participant, overlapping times, compatible
places and the same kind of status) and shown once with every report. Events inside
another event's purpose ("to reduce Russia's reliance") are that event's intention, not
events of their own. A report published before an event's time can only report it as
planned. The overall timeline (no entity) shows news: it leaves out OTHER events, states
(``dated_by`` ``sentence:state``) and the events of page furniture (captions, credits,
galleries, linked headlines, embedded posts, run-on "sentences"); an entity's timeline keeps
every event the entity is in. Rules in ``data/timeline.yaml`` (typed loader below).

Every event of ``timeline()["events"]`` has these stable fields: ``earliest``, ``latest``,
``value``, ``granularity``, ``dated_by``, ``status``, ``type``, ``trigger``, ``lemma``,
``what``, ``participants`` (``id``, ``name``, ``role``), ``place`` (``id``, ``name``,
``lat``, ``lon``) or None, ``reports``, ``documents``, ``salience``, ``dates_reported``
(every distinct date its reports give, when they disagree), and ``sources``: every report,
with ``doc_id``, ``record_id``, ``sentence_index``, ``sentence`` (its text), ``trigger``,
``trigger_start``, ``trigger_end`` (character offsets into the stored text),
``event_index``, ``status``, ``value``, ``dated_by``, ``published``, ``title``.
(``text``, ``time_rule`` and ``n_sources`` repeat ``sentence``, ``dated_by`` and ``reports``
for older readers.)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import config
from ..entities.lookup import EntityMap, find_entities, members
from ..store import columns
from ..store.read import event_records
from ..time import granularity
from ..types import Event, Role

TIMELINE = Path(__file__).parent / "data" / "timeline.yaml"


@dataclass(frozen=True, slots=True)
class Salience:
    report: float
    max_reports: int
    participant: float
    place: float
    typed: float
    main_event: float


@dataclass(frozen=True, slots=True)
class TimelineRules:
    overview_skip_types: frozenset[str]
    overview_skip_dated_by: frozenset[str]
    max_span_days: int
    participant_roles: frozenset[str]
    subordinate_roles: frozenset[str]
    status_classes: dict[str, str]
    max_sources: int
    same_place_km: float
    time_slack_days: int
    same_word_types: frozenset[str]
    max_sentence_words: int
    page_furniture: tuple[str, ...]
    sentence_ends: frozenset[str]
    closing_marks: str
    kicker_words: int
    salience: Salience


@functools.cache
def rules() -> TimelineRules:
    return config.load(TimelineRules, TIMELINE)


config.register(TIMELINE, rules)

_OWN_WORDS = frozenset({"timex", "event", "offset", "statement"})
_ORDER = ("occurred", "ongoing", "planned", "possible")
_PRONOUNS = {"it", "he", "she", "they", "him", "her", "them", "who", "which", "its", "his", "their"}


def _span_days(a: str, b: str) -> int:
    try:
        return (date.fromisoformat(b) - date.fromisoformat(a)).days
    except ValueError:
        return 10**6


def _rows(store, doc_keys: set[tuple[str, str]] | None) -> list[dict]:
    where, params = [], {}
    if doc_keys is not None:
        docs = sorted({d for d, _ in doc_keys})
        if not docs:
            return []
        dp = {f"d{i}": d for i, d in enumerate(docs)}
        params.update(dp)
        where.append(f"d.doc_id IN ({', '.join(':' + p for p in dp)})")
    sql = (
        f"SELECT d.doc_id, {columns.select('events', 'e.')}, d.published, d.title, d.record_id, d.source, "
        "s.text, s.start_char, d.body_start, p.text AS prev_text, p.start_char AS prev_start "
        "FROM events e JOIN documents d ON d.doc_key = e.doc_key "
        "JOIN sentences s ON s.doc_id = d.doc_id AND s.idx = e.sentence_idx "
        "LEFT JOIN sentences p ON p.doc_id = d.doc_id AND p.idx = e.sentence_idx - 1"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY d.doc_id, e.idx"
    )
    return store.query(sql, **params)


def _subordinate(events: list[tuple[dict, Event]]) -> set[tuple[str, int]]:
    """(doc, event index) of the events lying inside another event's purpose span."""
    spans: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
    for r, ev in events:
        for x in ev.roles:
            if x.name in rules().subordinate_roles:
                spans.setdefault((r["doc_id"], ev.sentence), []).append((x.start, x.end, ev.index))
    out = set()
    for r, ev in events:
        for s, e, owner in spans.get((r["doc_id"], ev.sentence), ()):
            if owner != ev.index and s <= ev.trigger_start < e:
                out.add((r["doc_id"], ev.index))
    return out


def _participants(ev: Event, idx, doc_id: str) -> list[dict]:
    out: list[dict] = []
    for x in ev.roles:
        if x.name in rules().participant_roles and x.entity:
            ce = idx.of(doc_id, str(x.entity))
            pid = ce.id if ce else str(x.entity)
            if pid not in [p["id"] for p in out]:
                out.append({"id": pid, "name": ce.name if ce else x.entity.name, "role": x.name})
    return out


def _place(ev: Event, idx, doc_id: str) -> dict | None:
    x: Role | None = ev.role("place")
    if x is None:
        return None
    ce = idx.of(doc_id, str(x.entity)) if x.entity else None
    place = {"id": ce.id if ce else None, "name": ce.name if ce else x.text, "lat": x.lat, "lon": x.lon}
    if ce and ce.place:
        place["lat"], place["lon"] = ce.place.lat, ce.place.lon
    return place


def _involves(ev: Event, doc_id: str, doc_keys: set[tuple[str, str]] | None) -> bool:
    return doc_keys is None or any(x.entity and (doc_id, str(x.entity)) in doc_keys for x in ev.roles)


def _item(r: dict, ev: Event, idx) -> dict:
    """One report of one event, before clustering."""
    status = ev.status
    if status in ("occurred", "ongoing") and r["published"] and ev.time_earliest and r["published"] < ev.time_earliest:
        status = "planned"  # written before the event: it can only report it as planned
    source = {
        "doc_id": r["doc_id"],
        "record_id": r["record_id"] or Path(r["source"] or r["doc_id"]).stem,
        "sentence_index": r["sentence_idx"],
        "sentence": r["text"],
        "text": r["text"],
        "trigger": ev.trigger,
        "trigger_start": ev.trigger_start,
        "trigger_end": ev.trigger_end,
        "event_index": ev.index,
        "status": status,
        "value": ev.time_value,
        "dated_by": ev.time_rule,
        "published": r["published"],
        "title": r["title"],
    }
    return {
        "earliest": ev.time_earliest,
        "latest": ev.time_latest,
        "value": ev.time_value,
        "dated_by": ev.time_rule or "",
        "status": status,
        "type": ev.type,
        "trigger": ev.trigger,
        "lemma": ev.lemma,
        "participants": _participants(ev, idx, r["doc_id"]),
        "place": _place(ev, idx, r["doc_id"]),
        "what": _what(ev, idx, r["doc_id"]),
        "source": source,
    }


def _kept(it: dict, overview: bool, include_all: bool, bounds: tuple[str | None, str | None]) -> bool:
    """Whether a dated report enters the timeline (``undated`` ones are counted apart)."""
    cfg = rules()
    if overview and (it["type"] in cfg.overview_skip_types or it["dated_by"] in cfg.overview_skip_dated_by):
        return False
    if not include_all and not it["participants"] and it["place"] is None:
        return False
    date_from, date_to = bounds
    return not (date_from and it["latest"] < date_from or date_to and it["earliest"] > date_to)


def _run_on(sentence: str) -> bool:
    """A run of photo captions or linked headlines the page's text carried: longer than a news
    sentence gets (data: max_sentence_words)."""
    return len(sentence.split()) > rules().max_sentence_words


def _page_furniture(r: dict) -> bool:
    """A caption, a photo gallery, a link to another story or an embedded post that the page
    carried into the text (data: page_furniture, their marks; sentence_ends): a "sentence" of
    the body with no full stop is a caption, a credit or a linked headline (web pages run them
    into the text without one)."""
    cfg = rules()
    low = r["text"].lower()
    if any(m in low for m in cfg.page_furniture):
        return True
    body = max(r["body_start"] or 0, len(r["title"] or ""))  # the title and lead need no full stop
    if r["start_char"] < body:
        return False
    return bool(_unstopped(r["text"])) or _after_kicker(r, body)


def _unstopped(text: str) -> str:
    """The text without its closing marks when it ends with no full stop (data: sentence_ends), else ""."""
    cfg = rules()
    text = text.rstrip(cfg.closing_marks)
    return text if text and text[-1] not in cfg.sentence_ends else ""


def _after_kicker(r: dict, body: int) -> bool:
    """ "... THE DYNASTY CONTINUES Chelsea Clinton 'groomed to run' ... MADAME PRESIDENT Did X
    just ...?": a sentence after a body line that ends in a run of capitals with no full stop
    (a linked headline's kicker, data: kicker_words) is that link's headline."""
    cfg = rules()
    prev = _unstopped(r.get("prev_text") or "")
    if not prev or (r.get("prev_start") or 0) < body:
        return False
    run = 0
    for word in reversed(prev.split()):
        letters = [ch for ch in word if ch.isalpha()]
        if not letters or not all(ch.isupper() for ch in letters):
            break
        run += 1
    return run >= cfg.kicker_words


def _dated(it: dict) -> bool:
    e, la = it["earliest"], it["latest"]
    return bool(e and la and _span_days(e, la) <= rules().max_span_days)


def timeline(
    store,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    include_all: bool = False,
    status: str | None = None,
    type_: str | None = None,
    min_reports: int = 1,
    rank: str = "time",
    docs: set[str] | None = None,
) -> dict:
    """Events ordered by when they happened (or by salience): {"entity", "events": [...], "undated": n};
    ``docs`` keeps an entity's timeline to those documents (``ask`` reads the reports it retrieved)."""
    idx = EntityMap(store)
    ent = None
    doc_keys = None
    if entity:
        ent = next(iter(find_entities(store, entity, limit=1)), None)
        if ent is None:
            from ..errors import NotFound

            raise NotFound(f"entity {entity!r}")
        doc_keys = {k for k in members(store, ent.entity_id) if docs is None or k[0] in docs}
    rows = _rows(store, doc_keys)
    idx.preload(r["doc_id"] for r in rows)
    loaded = list(zip(rows, event_records(store.query, rows), strict=True))
    inner = _subordinate(loaded)
    items, undated = [], 0
    for r, ev in loaded:
        if (r["doc_id"], ev.index) in inner or not _involves(ev, r["doc_id"], doc_keys):
            continue
        if ent is None and (_run_on(r["text"]) or _page_furniture(r)):
            continue  # the overview only: an entity's timeline keeps every event it is in
        it = _item(r, ev, idx)
        if not _dated(it):
            undated += 1
        elif _kept(it, ent is None, include_all, (date_from, date_to)):
            items.append(it)
    events = [e for e in cluster(items) if _wanted(e, status, type_, min_reports)]
    if rank == "salience":
        events.sort(key=lambda e: (-e["salience"], e["earliest"], e["type"]))
    else:
        events.sort(key=lambda e: (e["earliest"], e["latest"], e["type"]))
    return {
        "entity": {"id": ent.id, "name": ent.name} if ent else None,
        "from": date_from,
        "to": date_to,
        "events": events,
        "undated": undated,
    }


def _wanted(e: dict, status: str | None, type_: str | None, min_reports: int) -> bool:
    if status and e["status"] != status.lower():
        return False
    if type_ and e["type"] != type_.upper():
        return False
    return e["reports"] >= min_reports


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
    out = " ".join(parts)
    return out if len(out) <= 140 else out[:137] + "…"


def _gap_days(a: dict, b: dict) -> int:
    """0 when the two time spans overlap, else the days between them."""
    if a["earliest"] > b["latest"]:
        return _span_days(b["latest"], a["earliest"])
    if b["earliest"] > a["latest"]:
        return _span_days(a["latest"], b["earliest"])
    return 0


def _report_dated(e: dict) -> bool:
    return e["dated_by"].startswith("report:")


def _same_word_ok(c: dict, it: dict) -> bool:
    """Statements and untyped events: one word, and never two sentences of one document."""
    if c["type"] not in rules().same_word_types:
        return True
    if c["lemma"] != it["lemma"]:
        return False
    return it["source"]["doc_id"] not in c["_docs"]


def _announced_before(a: dict, b: dict) -> bool:
    """ "is expected to host Kim this week", written before the meeting: a report of it."""
    cls = rules().status_classes
    real, plan = (a, b) if cls.get(a["status"]) == "real" else (b, a)
    sources = [plan["source"]] if "source" in plan else plan["sources"]
    published = max((s["published"] or "" for s in sources), default="")
    return (
        cls.get(real["status"]) == "real"
        and cls.get(plan["status"]) == "future"
        and bool(published)
        and published < real["earliest"]
    )


def _compatible(a: dict, b: dict) -> bool:
    cfg = rules()
    cls = cfg.status_classes
    if a["type"] != b["type"]:
        return False
    if cls.get(a["status"], a["status"]) != cls.get(b["status"], b["status"]) and not _announced_before(a, b):
        return False
    # the slack is for one word dated a day apart ("on Wednesday" written the day after)
    same_word = a["lemma"] == b["lemma"] and not (_report_dated(a) or _report_dated(b))
    slack = cfg.time_slack_days if same_word else 0
    if _gap_days(a, b) > slack:
        return False
    pa, pb = {p["id"] for p in a["participants"]}, {p["id"] for p in b["participants"]}
    if pa or pb:
        if not pa & pb or _other_patients(a, b, pa, pb):
            return False
    elif a["lemma"] != b["lemma"]:
        return False
    return _places_agree(a["place"] or {}, b["place"] or {})


def _other_patients(a: dict, b: dict, pa: set, pb: set) -> bool:
    """ "Trump meets Obama" and "Trump later met with Ryan": one agent, two events, each done
    to someone the other does not name."""
    qa = {p["id"] for p in a["participants"] if p["role"] == "patient"}
    qb = {p["id"] for p in b["participants"] if p["role"] == "patient"}
    return bool(qa and qb) and not qa & pb and not qb & pa


def _places_agree(pa: dict, pb: dict) -> bool:
    if not (pa.get("id") and pb.get("id")) or pa["id"] == pb["id"]:
        return True
    # different gazetteer entries can still be one venue ("Russky Island" in Vladivostok)
    if None in (pa.get("lat"), pa.get("lon"), pb.get("lat"), pb.get("lon")):
        return False
    from ..geo import great_circle_km

    return great_circle_km(pa["lat"], pa["lon"], pb["lat"], pb["lon"]) <= rules().same_place_km


def _new_cluster(it: dict) -> dict:
    c = {k: v for k, v in it.items() if k != "source"}
    c["participants"] = list(it["participants"])
    c["sources"] = [it["source"]]
    c["reports"] = 1
    c["_docs"] = {it["source"]["doc_id"]}
    c["_times"] = [(it["earliest"], it["latest"], it["value"], it["dated_by"])]
    return c


def _join(home: dict, it: dict) -> None:
    ids = {p["id"] for p in home["participants"]}
    home["participants"] += [p for p in it["participants"] if p["id"] not in ids]
    if home["place"] is None and it["place"] is not None:
        home["place"] = it["place"]
    home["reports"] += 1
    home["_times"].append((it["earliest"], it["latest"], it["value"], it["dated_by"]))
    # within one status class, the more definite report wins: occurred over ongoing, planned over possible
    rank = {s: k for k, s in enumerate(_ORDER)}
    if rank.get(it["status"], 99) < rank.get(home["status"], 99):
        home["status"], home["what"], home["trigger"] = it["status"], it["what"], it["trigger"]
    home["_docs"].add(it["source"]["doc_id"])
    src = it["source"]
    if len(home["sources"]) < rules().max_sources and not any(
        s["doc_id"] == src["doc_id"] and s["event_index"] == src["event_index"] for s in home["sources"]
    ):
        home["sources"].append(src)


def cluster(items: list[dict]) -> list[dict]:
    """Merge reports of the same event; the time comes from the reports that date it themselves."""
    items = sorted(items, key=lambda e: (_report_dated(e), _span_days(e["earliest"], e["latest"]), e["earliest"]))
    clusters: list[dict] = []
    by_type: dict[str, list[dict]] = {}
    for it in items:
        home = next((c for c in by_type.get(it["type"], []) if _compatible(c, it) and _same_word_ok(c, it)), None)
        if home is None:
            c = _new_cluster(it)
            clusters.append(c)
            by_type.setdefault(it["type"], []).append(c)
        else:
            _join(home, it)
    for c in clusters:
        _finish(c)
    return clusters


def _finish(c: dict) -> None:
    c["documents"] = len(c.pop("_docs"))
    times = c.pop("_times")
    # the time: from the reports that date the event themselves when there are any, the most
    # precise of those; among equally precise ones those of the event's own words (a time
    # expression of its clause, an event or statement it belongs to, an offset: not the
    # sentence's time or the publication day), and then what most reports say
    own = [t for t in times if not t[3].startswith("report:")] or times
    best = min(_span_days(t[0], t[1]) for t in own)
    precise = [t for t in own if _span_days(t[0], t[1]) == best]
    precise = [t for t in precise if t[3].split(":")[0] in _OWN_WORDS] or precise
    c["earliest"], c["latest"], c["value"], c["dated_by"] = max(precise, key=precise.count)
    # a range ("1994/2003") has the granularity of its ends
    grain = granularity((c["value"] or "").split("/")[0])
    c["granularity"] = grain or ("day" if c["earliest"] == c["latest"] else None)
    values = sorted({t[2] for t in times if t[2]})
    c["dates_reported"] = values if len(values) > 1 else []
    c["sources"].sort(key=lambda s: (s["published"] or "", s["doc_id"], s["sentence_index"]))
    c["n_sources"] = c["reports"]
    c["time_rule"] = c["dated_by"]
    c["salience"] = _salience(c)


def _salience(c: dict) -> float:
    w = rules().salience
    score = w.report * min(c["reports"], w.max_reports) + w.participant * len(c["participants"])
    score += w.place * (c["place"] is not None) + w.typed * (c["type"] != "OTHER")
    score += w.main_event * any(s["sentence_index"] <= 1 for s in c["sources"])
    return round(score, 3)
