"""Places as GeoJSON: one Feature per resolved place per document."""

from __future__ import annotations

from collections import defaultdict


def geojson_features(analysis) -> list[dict]:
    """One Feature per resolved place per document, with its mentions' sentences."""
    sents = {s.index: s.text for s in analysis.parsed.sentences}
    groups: dict[tuple, list] = defaultdict(list)
    for p in analysis.places:
        groups[(p.name, p.country_code, p.feature, p.lat, p.lon)].append(p)
    feats = []
    for (name, cc, feature, lat, lon), ps in groups.items():
        idx = sorted({p.sentence for p in ps})
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
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
                },
            }
        )
    return feats


def feature_collection(analyses) -> dict:
    return {"type": "FeatureCollection", "features": [f for a in analyses for f in geojson_features(a)]}
