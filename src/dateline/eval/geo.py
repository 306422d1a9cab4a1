"""Geoparsing scorer on the public gold sets (LGL, TR-News, GeoVirus, GeoWebNews layouts).

Recognition: precision/recall/F1 of toponym spans, strict (same offsets) and lenient
(overlapping spans). Resolution: error distance for each gold toponym that has
coordinates and that we recognised (end to end) or for every such toponym (gold
spans); accuracy within 161 km (100 miles), mean and median error, and the AUC of
the log error curve as in Gritta et al. (2018): the area under the sorted
ln(error + 1) values, normalised by ln(20039) (half the Earth's circumference). A
toponym left unresolved (no coordinates) counts as the largest error, 20039 km.

Every miss falls in one bucket: unresolved; wrong country; right country, wrong place;
right area, other reference point (the same name read as a country, region or the
same-named place, whose point differs from the gold one). The gold country is the
country of the gazetteer town nearest the gold point.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from ..geo.distance import great_circle_km
from ..types import Article, ParsedDoc, Place

MAX_ERROR_KM = 20039.0
ACC_KM = 161.0
BUCKETS = ("unresolved", "wrong country", "right country, wrong place", "right area, other reference point")
AREA_FEATURES = frozenset({"country", "region", "area", "natural"})


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None


@dataclass(slots=True)
class GoldDoc:
    doc_id: str
    text: str
    domain: str | None
    toponyms: list[GoldToponym] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One scored gold toponym: what we said, how far off it was, and its bucket."""

    doc_id: str
    gold: str
    predicted: str | None
    country: str | None
    error_km: float
    bucket: str | None  # None within 161 km


def _num(el, *paths) -> float | None:
    for p in paths:
        v = el.findtext(p)
        if v is not None and v.strip():
            try:
                return float(v)
            except ValueError:
                return None
    return None


def _align(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """Some gold files' offsets are shifted by a character or a few (GeoVirus: by one);
    snap to the nearest occurrence of the annotated name within 20 characters."""
    if not name or text[start:end] == name:
        return start, end
    for d in range(0, 21):
        for s in (start - d, start + d):
            if s >= 0 and text[s : s + len(name)] == name:
                return s, s + len(name)
    return start, end


def _domain(art: ET.Element) -> str | None:
    domain = (art.findtext("domain") or "").strip()
    if domain:
        return domain
    src = (art.findtext("url") or art.findtext("source") or "").strip()
    return urlparse(src).netloc or None


def _toponyms(art: ET.Element, text: str) -> list[GoldToponym]:
    out = []
    for t in list(art.iter("toponym")) + list(art.iter("location")):
        start, end = t.findtext("start"), t.findtext("end")
        if start is None or end is None:
            continue
        name = (t.findtext("phrase") or t.findtext("name") or t.findtext("extractedName") or "").strip()
        lat = _num(t, "gaztag/lat", "lat", "latitude")
        lon = _num(t, "gaztag/lon", "lon", "longitude")
        s0, e0 = _align(text, int(start), int(end), name)
        gid = t.find("gaztag")
        geonameid = gid.get("geonameid") if gid is not None else None
        out.append(GoldToponym(s0, e0, name, lat, lon, int(geonameid) if geonameid and geonameid.isdigit() else None))
    return out


def read_gold(path: str | Path) -> list[GoldDoc]:
    """Read one XML file or every *.xml file under a directory."""
    p = Path(path)
    files = sorted(p.rglob("*.xml")) if p.is_dir() else [p]
    docs: list[GoldDoc] = []
    for f in files:
        root = ET.parse(f).getroot()
        for n, art in enumerate(root.iter("article")):
            text = art.findtext("text") or ""
            doc_id = art.get("docid") or f"{f.stem}-{n}"
            docs.append(GoldDoc(doc_id, text, _domain(art), _toponyms(art, text)))
    return docs


def _article(gd: GoldDoc, source: str) -> Article:
    # The text is used as is: gold offsets point into the raw text, so no normalization.
    return Article(
        doc_id=hashlib.sha1(gd.text.encode()).hexdigest()[:16],
        text=gd.text,
        source=f"{source}#{gd.doc_id}",
        source_domain=gd.domain,
        record_id=gd.doc_id,
    )


def gold_toponyms_for(parsed: ParsedDoc, gd: GoldDoc):
    """Toponym spans built from the gold annotation (for --gold-spans)."""
    from ..geo.recognize import Toponym, containment, demonym_entry, demonym_hit, is_street_name
    from ..geo.settings import recognition

    starts = [s.start for s in parsed.sentences]
    out = []
    for g in gd.toponyms:
        sent = max(0, bisect.bisect_right(starts, g.start) - 1)
        text = parsed.text[g.start : g.end] or g.name
        t = Toponym(g.start, g.end, text, sent, text, "gold")
        hit = demonym_hit(text)
        if hit:
            t.forced = demonym_entry(hit)
        else:
            containment(t, parsed.text)
            t.facility = is_street_name(t, parsed.text, recognition())
        out.append(t)
    return out


def auc_log_error(errors: list[float]) -> float:
    if len(errors) < 2:
        return 0.0 if not errors else math.log(errors[0] + 1) / math.log(MAX_ERROR_KM)
    ys = [math.log(e + 1) for e in sorted(errors)]
    area = sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))
    return area / ((len(ys) - 1) * math.log(MAX_ERROR_KM))


def _overlap(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


# --------------------------------------------------------------------------- buckets


class _Countries:
    """The country of the gazetteer town nearest a point (a 1-degree grid of towns)."""

    def __init__(self) -> None:
        import sqlite3

        from ..geo.gazetteer import get_gazetteer

        con = sqlite3.connect(f"file:{get_gazetteer().path}?mode=ro", uri=True)
        self.grid: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
        for lat, lon, cc in con.execute("SELECT lat, lon, cc FROM place WHERE kind = 'city' AND cc IS NOT NULL"):
            self.grid[(math.floor(lat), math.floor(lon))].append((lat, lon, cc))
        con.close()

    def at(self, lat: float, lon: float) -> str | None:
        cell = (math.floor(lat), math.floor(lon))
        near = [x for dy in (-1, 0, 1) for dx in (-1, 0, 1) for x in self.grid.get((cell[0] + dy, cell[1] + dx), ())]
        if not near:
            return None
        return min(near, key=lambda x: (x[0] - lat) ** 2 + ((x[1] - lon) * math.cos(math.radians(lat))) ** 2)[2]


def _bucket(g: GoldToponym, p: Place | None, err: float, countries: _Countries) -> str | None:
    if err <= ACC_KM:
        return None
    if p is None or p.lat is None or g.lat is None or g.lon is None:
        return "unresolved"
    gold_cc = countries.at(g.lat, g.lon)
    if gold_cc and p.country_code and gold_cc != p.country_code:
        return "wrong country"
    from ..geo.names import normalize

    same_name = normalize(g.name) in (normalize(p.name), normalize(p.text))
    # a region by the same name within 500 km is the same region; farther, a namesake
    same_area = same_name and (p.feature in AREA_FEATURES - {"region"} or (p.feature == "region" and err < 500))
    if (g.geonameid is not None and g.geonameid == p.geonameid) or same_area:
        return "right area, other reference point"
    return "right country, wrong place"


def _error(g: GoldToponym, p: Place | None) -> float:
    if p is None or p.lat is None or p.lon is None or g.lat is None or g.lon is None:
        return MAX_ERROR_KM
    return great_circle_km(g.lat, g.lon, p.lat, p.lon)


def _outcome(doc_id: str, g: GoldToponym, p: Place | None, countries: _Countries) -> Outcome:
    err = _error(g, p)
    pred = None if p is None else p.name
    return Outcome(doc_id, g.name, pred, p.country_code if p else None, err, _bucket(g, p, err, countries))


def bucket_summary(outcomes: list[Outcome], top: int = 8) -> dict:
    """Counts per bucket and its largest cases (gold name -> reading, by total error)."""
    out = {}
    for b in BUCKETS:
        mine = [o for o in outcomes if o.bucket == b]
        cases: dict[tuple, list[float]] = defaultdict(list)
        for o in mine:
            cases[(o.gold, o.predicted or "-", o.country or "")].append(o.error_km)
        ranked = sorted(cases.items(), key=lambda kv: -sum(kv[1]))[:top]
        out[b] = {
            "count": len(mine),
            "error_share": round(sum(o.error_km for o in mine) / max(1.0, sum(o.error_km for o in outcomes)), 3),
            "largest": [
                {"gold": k[0], "predicted": k[1], "country": k[2], "n": len(v), "mean_km": round(statistics.fmean(v))}
                for k, v in ranked
            ],
        }
    return out


# --------------------------------------------------------------------------- runs


def _gold_spans_doc(gd: GoldDoc, parsed: ParsedDoc, countries: _Countries, explain: str | None) -> tuple[list, list]:
    from ..geo.resolve import Scored, resolve

    trace: dict[int, list[Scored]] = {}
    toponyms = gold_toponyms_for(parsed, gd)
    places = resolve(parsed, toponyms, trace)
    by_span = {(p.start, p.end): p for p in places}
    outcomes, explained = [], []
    for k, g in enumerate(gd.toponyms):
        if g.lat is None:
            continue
        p = by_span.get((g.start, g.end))
        outcomes.append(_outcome(gd.doc_id, g, p, countries))
        if explain and g.name.lower() == explain.lower():
            explained.append(_explanation(gd, g, p, trace.get(k, [])))
    return outcomes, explained


def _explanation(gd: GoldDoc, g: GoldToponym, p: Place | None, scored) -> dict:
    def err(e) -> float | None:
        return None if g.lat is None or g.lon is None else round(great_circle_km(g.lat, g.lon, e.lat, e.lon))

    return {
        "doc_id": gd.doc_id,
        "gold": {"name": g.name, "lat": g.lat, "lon": g.lon},
        "chosen": None if p is None else {"name": p.name, "feature": p.feature, "country": p.country_code},
        "candidates": [
            {
                "name": s.entry.name,
                "kind": s.entry.kind,
                "country": s.entry.country_code,
                "admin1": s.entry.admin1_name,
                "score": round(s.score, 2),
                "error_km": err(s.entry),
                "parts": dict(s.parts),
            }
            for s in scored[:6]
        ],
    }


def _end_to_end_doc(gd: GoldDoc, parsed: ParsedDoc, countries: _Countries) -> tuple[list, int, int, int]:
    from ..geo import extract_places

    places, _ = extract_places(parsed)
    outcomes: list[Outcome] = []
    used: set[int] = set()
    tp_s = tp_l = 0
    for g in gd.toponyms:
        match = _match(g, places, used)
        if match is None:
            continue
        used.add(match)
        p = places[match]
        tp_l += 1
        tp_s += (p.start, p.end) == (g.start, g.end)
        if g.lat is not None:
            outcomes.append(_outcome(gd.doc_id, g, p, countries))
    return outcomes, len(places), tp_s, tp_l


def _match(g: GoldToponym, places, used: set[int]) -> int | None:
    match = None
    for k, p in enumerate(places):
        if k not in used and _overlap(g.start, g.end, p.start, p.end):
            match = k
            if (p.start, p.end) == (g.start, g.end):
                break
    return match


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _resolution(errors: list[float]) -> dict:
    """Accuracy and errors over every scored toponym (unresolved: 20039 km), and the same
    over the resolved ones only, with the count left unresolved and the coverage (the
    share resolved). Accuracy counts an unresolved toponym as a miss; the mean error
    that says how far off a shown place is, is the resolved-only one beside coverage,
    since 20039 km per unresolved name measures how many there are, not how far."""
    located = [e for e in errors if e < MAX_ERROR_KM]
    coverage = round(len(located) / len(errors), 4) if errors else 0.0
    return {
        **_figures(errors),
        "unresolved": len(errors) - len(located),
        "coverage": coverage,
        "resolved_only": _figures(located),
    }


def _figures(errors: list[float]) -> dict:
    return {
        "scored": len(errors),
        "acc_at_161km": round(sum(e <= ACC_KM for e in errors) / len(errors), 4) if errors else 0.0,
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc": round(auc_log_error(errors), 4),
    }


def evaluate(
    path: str | Path,
    gold_spans: bool = False,
    limit: int | None = None,
    explain: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Score one gold file or folder; ``explain`` names a toponym whose candidates to show;
    ``on_progress(done, total)`` after each article."""
    from ..nlp import parse_many

    docs = read_gold(path)[:limit] if limit else read_gold(path)
    countries = _Countries()
    outcomes: list[Outcome] = []
    explained: list[dict] = []
    n_pred = tp_s = tp_l = 0
    tick = on_progress or (lambda done, total: None)
    for k, (gd, parsed) in enumerate(zip(docs, parse_many([_article(d, str(path)) for d in docs]), strict=True), 1):
        tick(k, len(docs))
        if gold_spans:
            o, ex = _gold_spans_doc(gd, parsed, countries, explain)
            explained += ex
        else:
            o, n, s, lenient = _end_to_end_doc(gd, parsed, countries)
            n_pred, tp_s, tp_l = n_pred + n, tp_s + s, tp_l + lenient
        outcomes += o
    n_gold = sum(len(d.toponyms) for d in docs)
    out: dict = {"gold": str(path), "documents": len(docs), "gold_toponyms": n_gold, "gold_spans": gold_spans}
    if not gold_spans:
        out["predicted_toponyms"] = n_pred
        out["recognition_strict"] = _prf(tp_s, n_pred, n_gold)
        out["recognition_lenient"] = _prf(tp_l, n_pred, n_gold)
    out["resolution"] = _resolution([o.error_km for o in outcomes])
    out["buckets"] = bucket_summary(outcomes)
    if explain:
        out["explain"] = explained
    return out
