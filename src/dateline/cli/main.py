"""The ``dateline`` command: a thin layer over the Python API.

Commands live in one module per stage of the data flow and are collected here.
"""

from __future__ import annotations

import click

from . import (
    answer_cmds,
    core_cmds,
    demo_cmds,
    entity_cmds,
    eval_cmds,
    events_cmds,
    export_cmds,
    geo_cmds,
    quantity_cmds,
    scale_cmds,
    serve_cmds,
    time_cmds,
    verify_cmds,
)
from .common import DatelineGroup

MODULES = (
    demo_cmds,
    core_cmds,
    entity_cmds,
    time_cmds,
    geo_cmds,
    quantity_cmds,
    events_cmds,
    answer_cmds,
    export_cmds,
    eval_cmds,
    verify_cmds,
    scale_cmds,
    serve_cmds,
)


@click.group(cls=DatelineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dateline")
def cli():
    """Dateline: dated news in, a verified time-aware record of events out."""


@cli.group("eval")
def eval_group():
    """Score Dateline against public gold data (TimeML, geoparsing, 5W1H, questions, timelines, coreference)."""


for _m in MODULES:
    for _c in getattr(_m, "commands", ()):
        cli.add_command(_c)
    for _c in getattr(_m, "eval_commands", ()):
        eval_group.add_command(_c)


def main() -> None:
    cli(prog_name="dateline")
