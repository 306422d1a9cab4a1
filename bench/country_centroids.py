"""Regenerate ``src/dateline/geo/data/country_centroids.tsv``.

The table holds, for each country, the centroid of its largest polygon in Natural Earth's
1:110m Admin 0 countries (public domain), as shipped in geopandas 0.14.4's
``naturalearth_lowres`` dataset. It is the second, independent estimate of a country's
point that the gazetteer reconciles with countrystatecity-countries' point. Run once,
by hand, with network access to PyPI:

    pip download --no-deps geopandas==0.14.4 pyshp -d /tmp/ne
    unzip -o /tmp/ne/geopandas-0.14.4-*.whl 'geopandas/datasets/naturalearth_lowres/*' -d /tmp/ne
    pip install /tmp/ne/pyshp-*.whl
    python bench/country_centroids.py /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/dateline/geo/data/country_centroids.tsv"
# Natural Earth marks a few sovereign states -99 in iso_a3 (disputed-area bookkeeping).
BY_NAME = {"Norway": "NO", "France": "FR", "Kosovo": "XK"}


def ring_centroid(pts: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Planar (shoelace) area and centroid of one ring in lon/lat degrees."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=False):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    a /= 2
    return (abs(a), cx / (6 * a), cy / (6 * a)) if a else (0.0, 0.0, 0.0)


def main(shp: str) -> None:
    import pycountry
    import shapefile  # pyshp

    rows = []
    for sr in shapefile.Reader(shp).iterShapeRecords():
        rec, shape = sr.record.as_dict(), sr.shape
        bounds = list(shape.parts) + [len(shape.points)]
        area, lon, lat = max(ring_centroid(shape.points[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))
        c = pycountry.countries.get(alpha_3=rec["iso_a3"]) if rec["iso_a3"] != "-99" else None
        cc = c.alpha_2 if c else BY_NAME.get(rec["name"])
        if cc:
            rows.append((cc, rec["name"], f"{lat:.4f}", f"{lon:.4f}"))
    with OUT.open("w", encoding="utf-8") as f:
        f.write(
            "# Centroid of each country's largest polygon in Natural Earth 1:110m Admin 0 (public domain),\n"
            "# as shipped in geopandas 0.14.4's naturalearth_lowres; made by bench/country_centroids.py.\n"
            "# Columns: iso2 name lat lon\n"
        )
        for r in sorted(rows):
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} countries -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
