"""Options and output helpers shared by every command."""

from __future__ import annotations

import os
import sys

import click
from rich.console import Console

from .. import serialize
from ..errors import DatelineError, UsageError

DEFAULT_DB = "dateline.db"

# soft_wrap: a line printed is one line, whatever the terminal width (errors are grep-able)
# Piped output gets wide tables rather than Rich's 80-column default.
_WIDTH = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
console = Console(highlight=False, soft_wrap=True, width=_WIDTH)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, width=_WIDTH)


# Rich styles for check verdicts, shared by `check` and the demo.
VERDICT_STYLE = {"consistent": "green", "inconsistent": "red", "unverifiable": "yellow"}


def db_option(f):
    return click.option(
        "--db",
        "db",
        envvar="DATELINE_DB",
        default=DEFAULT_DB,
        show_default=True,
        help="Database: a SQLite file path or an SQLAlchemy URL (env DATELINE_DB).",
    )(f)


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(f)


def to_jsonable(obj):
    return serialize.to_json(obj)


def print_json(obj) -> None:
    sys.stdout.write(serialize.dumps(obj, indent=2) + "\n")


# A row count beyond this is no query a person means (and SQLite integers stop at 2**63).
MAX_LIMIT = 100_000


class Limit(click.ParamType):
    """A row count from 1 to MAX_LIMIT; anything else is one coded line (E701)."""

    name = "N"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            n = value
        else:
            text = str(value).strip()
            if not text.isdigit() or len(text) > 7:
                raise UsageError(f"--limit {text[:40]!r} is not a whole number from 1 to {MAX_LIMIT:,}")
            n = int(text)
        if not 1 <= n <= MAX_LIMIT:
            raise UsageError(f"--limit {n} is out of range: give a whole number from 1 to {MAX_LIMIT:,}")
        return n


LIMIT = Limit()


class DatelineGroup(click.Group):
    """The one place a command's DatelineError becomes its coded line and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DatelineError as exc:
            raise click.ClickException(exc.message) from None


def open_store_or_fail(db: str):
    """Open the store for a read command; a missing SQLite file is an error, not a new DB."""
    from ..errors import StoreError
    from ..store import open_store

    if "://" not in db and not os.path.exists(db):
        raise StoreError(f"{db!r}: no such file (ingest something first)")
    return open_store(db, create=False)


def doc_ids_or_fail(store, doc: str | None) -> list[str]:
    """The one document DOC names (id, id prefix, record id, file name), or all of them."""
    if doc is None:
        return store.doc_ids()
    return [store.resolve_doc(doc)]


def analyses_for(db: str, doc: str | None):
    """Stored analyses of DOC, or of every document, for the per-document commands."""
    store = open_store_or_fail(db)
    for doc_id in doc_ids_or_fail(store, doc):
        yield store.load_analysis(doc_id)
