"""Options and output helpers shared by every command."""

from __future__ import annotations

import os
import sys
import warnings

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


OUTPUT_FORMATS = ("table", "json", "jsonl", "csv")


def listing_options(default_limit: int | None = None):
    """--format, --json (= --format json), --limit and --offset for a command that lists rows."""

    def wrap(f):
        f = click.option(
            "--offset", type=click.IntRange(0, 10**9), default=0, show_default=True, help="Skip this many rows."
        )(f)
        f = click.option(
            "--limit",
            type=LIMIT,
            default=default_limit,
            show_default=default_limit is not None,
            help="At most this many rows.",
        )(f)
        f = click.option(
            "--format",
            "fmt",
            type=click.Choice(OUTPUT_FORMATS),
            default="table",
            show_default=True,
            help="table for people; json (a list), jsonl (one object a line) or csv for programs.",
        )(f)
        return json_option(f)

    return wrap


def output_format(fmt: str, as_json: bool) -> str:
    return "json" if as_json else fmt


def page(rows: list, offset: int, limit: int | None) -> list:
    return rows[offset : offset + limit if limit is not None else None]


def print_rows(records, fmt: str, columns: dict | None = None) -> bool:
    """Print records as json, jsonl or csv (``serialize.to_json`` of each; csv takes the
    ``columns``: header -> function of the JSON object, or every top-level field). Returns
    False for ``table``, which the command renders itself."""
    if fmt == "table":
        return False
    data = [serialize.to_json(r) for r in records]
    if fmt == "json":
        print_json(data)
    elif fmt == "jsonl":
        for d in data:
            sys.stdout.write(serialize.dumps(d) + "\n")
    else:
        _print_csv(data, columns)
    return True


def _print_csv(data: list, columns: dict | None) -> None:
    import csv

    if columns is None:
        names = list(data[0]) if data else []
        columns = {n: (lambda d, n=n: d.get(n)) for n in names}
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(list(columns))
    for d in data:
        w.writerow([_csv_cell(get(d)) for get in columns.values()])


def _csv_cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        return (
            "; ".join(str(x) for x in v)
            if isinstance(v, list) and all(not isinstance(x, (list, dict)) for x in v)
            else serialize.dumps(v)
        )
    return str(v)


def table(*headers: str, **kw):
    """A Rich table: box lines on a terminal, plain aligned columns when piped."""
    from rich.table import Table

    if not console.is_terminal:
        kw["box"] = None
    return Table(*headers, **kw)


class progress:
    """A progress bar on standard error, shown only when it is a terminal: called as
    ``bar(done, total)``; a context manager, so it is closed whatever happens."""

    def __init__(self, label: str):
        from rich.progress import Progress, TaskID

        self.label = label
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self):
        return self

    def __call__(self, done: int, total: int) -> None:
        if not err_console.is_terminal or not total:
            return
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        if self.task is not None:
            self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


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


def wants_json(args: list[str]) -> bool:
    """Whether a command line asks for JSON (--json, --format json, --format=json)."""
    for i, a in enumerate(args):
        if a == "--":
            return False
        if a in ("--json", "--format=json") or (a == "--format" and args[i + 1 : i + 2] == ["json"]):
            return True
    return False


def json_error(code: str, message: str) -> None:
    """An error under --json: one JSON object on standard output, as the HTTP API's errors."""
    sys.stdout.write(serialize.dumps({"error": {"code": code, "message": message}}) + "\n")


class JSONErrorExit(click.ClickException):
    """An error already written as JSON: nothing more printed; the exit code of the error."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]

    def show(self, file=None) -> None:
        pass


class DatelineGroup(click.Group):
    """The one place a command's DatelineError becomes its coded line (or JSON object, under
    --json) and exit code 1."""

    def invoke(self, ctx: click.Context):
        with warnings.catch_warnings():  # Click 8.2 deprecates protected_args (merged into args in 9)
            warnings.simplefilter("ignore", DeprecationWarning)
            as_json = wants_json([*ctx.protected_args, *ctx.args])
        try:
            return super().invoke(ctx)
        except DatelineError as exc:
            if as_json:
                json_error(exc.code, exc.message)
                raise JSONErrorExit(exc.message) from None
            raise click.ClickException(exc.message) from None
        except click.UsageError as exc:
            if as_json:
                json_error("E701", exc.format_message())
                raise JSONErrorExit(exc.format_message(), exc.exit_code) from None
            raise


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
