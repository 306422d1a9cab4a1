"""Migration 0021, a mention's entity key left out where it is its label and its text.

Most named mentions are their entity's own name ("Vladimir Putin" of ``PERSON:Vladimir Putin``),
so ``mentions.entity_key`` repeated the row's ``label`` and ``text``: some 80% of the rows on
the bench corpus. There the key is stored as '' (no key is empty: its form is ``LABEL:name``)
and read back by :func:`select_key` in SQL or :func:`key_of` in Python; every other key stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .compact import Step


def select_key(alias: str = "") -> str:
    """The SQL of a mentions row's entity key (``alias`` is the table's, with its dot)."""
    a = alias
    return f"COALESCE(NULLIF({a}entity_key, ''), {a}label || ':' || {a}text)"


def stored_key(label: str, text: str, key: str) -> str:
    """What ``mentions.entity_key`` holds for a mention of ``key``."""
    return "" if key == f"{label}:{text}" else key


def key_of(row: Mapping[str, Any]) -> str:
    """A mentions row's entity key, from its ``entity_key``, ``label`` and ``text`` columns."""
    return row["entity_key"] or f"{row['label']}:{row['text']}"


KEYS_LEFT_OUT: dict[str, list[Step]] = {
    dialect: ["UPDATE mentions SET entity_key = '' WHERE entity_key = label || ':' || text"]
    for dialect in ("sqlite", "postgresql")
}
