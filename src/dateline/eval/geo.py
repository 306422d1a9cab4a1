"""Geoparsing scorer on the public gold sets (LGL, TR-News, GeoVirus, GeoWebNews layouts).

Recognition: precision/recall/F1 of toponym spans, strict (same offsets) and lenient
(overlapping spans). Resolution: error distance for each gold toponym that has
coordinates and that we recognised (end to end) or for every such toponym (gold
spans); accuracy within 161 km (100 miles), mean and median error, and the AUC of
the log error curve as in Gritta et al. (2018): the area under the sorted
ln(error + 1) values, normalised by ln(20039) (half the Earth's circumference).
"""

from __future__ import annotations

import hashlib
import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from ..geo.distance import great_circle_km
from ..types import Article, ParsedDoc

MAX_ERROR_KM = 20039.0
ACC_KM = 161.0


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class GoldDoc:
    doc_id: str
    text: str
    domain: str | None
    toponyms: list[GoldToponym] = field(default_factory=list)


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
    best = None
    for d in range(0, 21):
        for s in (start - d, start + d):
            if s >= 0 and text[s : s + len(name)] == name:
                best = s
                break
        if best is not None:
            return best, best + len(name)
    return start, end


def read_gold(path: str | Path) -> list[GoldDoc]:
    """Read one XML file or every *.xml file under a directory."""
    p = Path(path)
    files = sorted(p.rglob("*.xml")) if p.is_dir() else [p]
    docs: list[GoldDoc] = []
    for f in files:
        root = ET.parse(f).getroot()
        for n, art in enumerate(root.iter("article")):
            text = art.findtext("text") or ""
            domain = (art.findtext("domain") or "").strip() or None
            if not domain:
                src = (art.findtext("url") or art.findtext("source") or "").strip()
                domain = urlparse(src).netloc or None
            doc_id = art.get("docid") or f"{f.stem}-{n}"
            gd = GoldDoc(doc_id, text, domain)
            for t in list(art.iter("toponym")) + list(art.iter("location")):
                start, end = t.findtext("start"), t.findtext("end")
                if start is None or end is None:
                    continue
                name = t.findtext("phrase") or t.findtext("name") or t.findtext("extractedName") or ""
                lat = _num(t, "gaztag/lat", "lat", "latitude")
                lon = _num(t, "gaztag/lon", "lon", "longitude")
                s0, e0 = _align(text, int(start), int(end), name.strip())
                gd.toponyms.append(GoldToponym(s0, e0, name.strip(), lat, lon))
            docs.append(gd)
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
    from ..geo.resolve import Toponym, _containment, _demonym_entry, demonym_hit

    starts = [s.start for s in parsed.sentences]
    import bisect

    out = []
    for g in gd.toponyms:
        sent = max(0, bisect.bisect_right(starts, g.start) - 1)
        text = parsed.text[g.start : g.end] or g.name
        t = Toponym(g.start, g.end, text, sent, text, "gold")
        hit = demonym_hit(text)
        if hit:
            t.forced = _demonym_entry(hit)
        else:
            _containment(t, parsed.text)
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


def evaluate(
    path: str | Path, gold_spans: bool = False, limit: int | None = None, errors_out: list | None = None
) -> dict:
    from ..geo import extract_places
    from ..geo.resolve import resolve
    from ..nlp import parse_many

    docs = read_gold(path)
    if limit:
        docs = docs[:limit]
    arts = [_article(d, str(path)) for d in docs]
    tp_s = tp_l = n_pred = n_gold = 0
    errors: list[float] = []
    for gd, parsed in zip(docs, parse_many(arts), strict=False):
        n_gold += len(gd.toponyms)
        if gold_spans:
            places = resolve(parsed, gold_toponyms_for(parsed, gd))
            by_span = {(p.start, p.end): p for p in places}
            for g in gd.toponyms:
                if g.lat is None:
                    continue
                p = by_span.get((g.start, g.end))
                err = great_circle_km(g.lat, g.lon, p.lat, p.lon) if p else MAX_ERROR_KM
                errors.append(err)
                if errors_out is not None:
                    errors_out.append(
                        (gd.doc_id, g.name, p.name if p else None, p.country_code if p else None, round(err))
                    )
            continue
        places, _ = extract_places(parsed)
        n_pred += len(places)
        used = set()
        for g in gd.toponyms:
            match = None
            for k, p in enumerate(places):
                if k not in used and _overlap(g.start, g.end, p.start, p.end):
                    match = k
                    if (p.start, p.end) == (g.start, g.end):
                        break
            if match is None:
                if errors_out is not None:
                    errors_out.append((gd.doc_id, g.name, "<missed>", None, None))
                continue
            used.add(match)
            p = places[match]
            tp_l += 1
            tp_s += (p.start, p.end) == (g.start, g.end)
            if g.lat is not None:
                err = great_circle_km(g.lat, g.lon, p.lat, p.lon)
                errors.append(err)
                if errors_out is not None:
                    errors_out.append((gd.doc_id, g.name, p.name, p.country_code, round(err)))
        if errors_out is not None:
            for k, p in enumerate(places):
                if k not in used:
                    errors_out.append((gd.doc_id, "<spurious>", p.text, p.country_code, None))
    out: dict = {"gold": str(path), "documents": len(docs), "gold_toponyms": n_gold, "gold_spans": gold_spans}
    if not gold_spans:

        def prf(tp):
            p = tp / n_pred if n_pred else 0.0
            r = tp / n_gold if n_gold else 0.0
            return {
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            }

        out["predicted_toponyms"] = n_pred
        out["recognition_strict"] = prf(tp_s)
        out["recognition_lenient"] = prf(tp_l)
    out["resolution"] = {
        "scored": len(errors),
        "acc_at_161km": round(sum(e <= ACC_KM for e in errors) / len(errors), 4) if errors else 0.0,
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc": round(auc_log_error(errors), 4),
    }
    return out
