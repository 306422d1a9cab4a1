"""Places as GeoJSON: one Feature per place per document.

A resolved place is a Point; an unresolved name is a Feature with a null geometry
(RFC 7946 allows it) and ``"feature": "unresolved"``, its candidate readings and the
place the document is about as ``context``: it is listed, never placed.
"""

from __future__ import annotations

from collections import defaultdict

from .. import serialize


def _geometry(lat, lon) -> dict | None:
    return None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}


def geojson_features(analysis) -> list[dict]:
    """One Feature per place per document, with its mentions' sentences."""
    sents = {s.index: s.text for s in analysis.parsed.sentences}
    groups: dict[tuple, list] = defaultdict(list)
    for p in analysis.places:
        groups[(p.name, p.country_code, p.feature, p.lat, p.lon)].append(p)
    feats = []
    for (name, cc, feature, lat, lon), ps in groups.items():
        idx = sorted({p.sentence for p in ps})
        props = {
            "doc_id": analysis.article.doc_id,
            "title": analysis.article.title,
            "name": name,
            "country": cc,
            "admin1": ps[0].admin1,
            "feature": feature,
            "geonameid": ps[0].geonameid,
            "mentions": len(ps),
            "texts": sorted({p.text for p in ps}),
            "confidence": max(p.confidence for p in ps),
            "sentences": [{"index": i, "text": sents.get(i, "")} for i in idx],
        }
        if feature == "unresolved":
            props["context"] = ps[0].context
            props["candidates"] = [serialize.to_json(c) for c in ps[0].candidates]
        feats.append({"type": "Feature", "geometry": _geometry(lat, lon), "properties": props})
    return feats


def feature_collection(analyses) -> dict:
    return {"type": "FeatureCollection", "features": [f for a in analyses for f in geojson_features(a)]}
