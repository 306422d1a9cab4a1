"""Entity commands: ``entities`` lists the cross-document entities; ``entity NAME`` shows one;
``entity merge|split|retype|overrides|relink`` correct and maintain them.

Every ``--json`` is ``serialize.to_json`` of what the query function returns
(``dateline.query.entity``).
"""

from __future__ import annotations

import click
from rich.markup import escape

from ..types import CanonicalEntity, EntityPage
from .common import (
    DatelineGroup,
    console,
    db_option,
    json_option,
    listing_options,
    open_store_or_fail,
    output_format,
    page,
    print_json,
    print_rows,
    table,
)


@click.command("entities")
@db_option
@click.option("--type", "label", help="Entity type: PERSON, ORG, GPE, LOC, FAC, NORP, PRODUCT, EVENT, ...")
@click.option("--query", "-q", "text", help="Only entities whose name or an alias contains this text.")
@click.option("--doc", help="Only entities of this document (id, id prefix, record id or file name).")
@click.option("--unnamed", is_flag=True, help='Also the entities no name names ("the company"), one document\'s each.')
@listing_options()
def entities_cmd(db, label, text, doc, unnamed, fmt, as_json, limit, offset):
    """Cross-document entities, most mentioned first, with their counts and aliases."""
    from ..query.entity import entities

    store = open_store_or_fail(db)
    rows = entities(store, label=label, query=text, limit=limit, offset=offset, doc=doc, unnamed=unnamed)
    if print_rows(rows, output_format(fmt, as_json)):
        return
    t = table("name", "type", "mentions", "docs", "first seen", "id", "aliases", box=None)
    for r in rows:
        t.add_row(
            escape(r.name), r.label, str(r.mentions), str(r.documents), r.first_seen or "", r.entity_id,
            escape(", ".join(r.aliases)[:60]),
        )  # fmt: skip
    console.print(t)


class EntityGroup(DatelineGroup):
    """``dateline entity NAME`` shows an entity; a first word naming a subcommand runs it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@click.group("entity", cls=EntityGroup)
def entity_group():
    """One entity across documents: NAME (any name, alias, title or id), or a correction:
    merge, split, retype, overrides, relink."""


@entity_group.command("show")
@click.argument("name")
@db_option
@click.option("--documents", type=click.IntRange(min=0), default=20, show_default=True, help="Documents to list.")
@json_option
def show_cmd(name, db, documents, as_json):
    """Aliases, titles, documents, related entities and timeline of the entity NAME."""
    from ..query.entity import entity_page

    store = open_store_or_fail(db)
    page = entity_page(store, name, documents=documents)
    if as_json:
        print_json(page)
        return
    _print_page(page)


def _print_page(page: EntityPage) -> None:
    from .answer_cmds import _print_timeline

    e = page.entity
    console.print(f"[bold]{escape(e.name)}[/bold] ({e.label}, {e.entity_id})")
    if page.aliases:
        console.print("aliases: " + escape(", ".join(f"{a.text} ({a.count})" for a in page.aliases)))
    if page.titles:
        console.print("titles: " + escape(", ".join(f"{a.text} ({a.count})" for a in page.titles[:8])))
    if e.place:
        p = e.place
        console.print(f"place: {escape(p.name)} {p.lat:.4f}, {p.lon:.4f} ({p.feature}, {p.country_code})")
    console.print(
        f"mentions: {e.mentions} (+{e.links} pronouns, descriptions, titles) in {e.documents} document(s); "
        f"first seen {e.first_seen}, last seen {e.last_seen}"
    )
    for d in page.documents:
        console.print(f"  {d.published or '?':10}  {d.doc_id[:12]}  {escape(d.title or d.source or '')}")
    if page.related:
        console.print("related: " + escape(", ".join(f"{r.name} ({r.documents})" for r in page.related)))
    if page.other_matches:
        others = ", ".join(f"{o.name} [{o.entity_id}]" for o in page.other_matches)
        console.print(f"[dim]other entities by that name: {escape(others)}[/dim]")
    events = page.timeline.get("events") if isinstance(page.timeline, dict) else None
    if events:
        console.print("timeline:")
        _print_timeline(events)


def _print_entity(verb: str, e: CanonicalEntity) -> None:
    console.print(f"{verb}: [bold]{escape(e.name)}[/bold] ({e.label}, {e.entity_id}), {e.documents} document(s)")


@entity_group.command("merge")
@click.argument("into")
@click.argument("other")
@db_option
@json_option
def merge_cmd(into, other, db, as_json):
    """The entity OTHER is the entity INTO, now and whenever documents are ingested again."""
    from ..query.entity import merge_entities

    e = merge_entities(open_store_or_fail(db), into, other)
    print_json(e) if as_json else _print_entity("merged", e)


@entity_group.command("split")
@click.argument("name")
@click.option("--from", "entity", help="The entity to split NAME from (default: the one NAME finds).")
@db_option
@json_option
def split_cmd(name, entity, db, as_json):
    """Documents calling an entity only NAME get an entity of their own, now and at later ingests."""
    from ..query.entity import split_entity

    e = split_entity(open_store_or_fail(db), name, entity)
    print_json(e) if as_json else _print_entity("split off", e)


@entity_group.command("retype")
@click.argument("name")
@click.argument("label", metavar="TYPE")
@db_option
@json_option
def retype_cmd(name, label, db, as_json):
    """The entity NAME has type TYPE (PERSON, ORG, GPE, PRODUCT, ...), whatever the votes say."""
    from ..query.entity import retype_entity

    e = retype_entity(open_store_or_fail(db), name, label)
    print_json(e) if as_json else _print_entity("retyped", e)


@entity_group.command("overrides")
@db_option
@listing_options()
def overrides_cmd(db, fmt, as_json, limit, offset):
    """The corrections made so far, oldest first."""
    from ..query.entity import entity_overrides

    rows = page(entity_overrides(open_store_or_fail(db)), offset, limit)
    if print_rows(rows, output_format(fmt, as_json)):
        return
    for o in rows:
        console.print(f"{o.created_at}  {o.kind:<7} {escape(o.subject)} -> {escape(o.target)}")
    if not rows:
        console.print("no corrections")


@entity_group.command("relink")
@db_option
def relink_cmd(db):
    """Make the cross-document entities again from the stored documents (corrections kept)."""
    from ..query.entity import relink_entities

    n = relink_entities(open_store_or_fail(db))
    console.print(f"relinked the entities of {n} document(s)")


commands = [entities_cmd, entity_group]
