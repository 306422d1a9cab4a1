"""Migration 0021, a mention's entity key left out where it is its label and its text: put back
on read, and a store in the 0020 layout converted without loss, on SQLite and on PostgreSQL."""

from __future__ import annotations

from dateline.store import mention_keys, write
from dateline.store.db import MENTION_KEYS
from dateline.types import EntityKey

from .layouts import as_0020, migrated_again


def test_a_key_that_is_the_label_and_the_text_leaves_the_row(seed_analysis):
    rows = write.mention_rows(seed_analysis)
    left = [r for r in rows if r["entity_key"] == ""]
    kept = [r for r in rows if r["entity_key"]]
    assert left and kept  # "Putin" of PERSON:Vladimir Putin keeps its key
    for r, m in zip(rows, seed_analysis.parsed.mentions, strict=True):
        assert mention_keys.key_of(r) == str(m.entity)
    assert all(r["entity_key"] != f"{r['label']}:{r['text']}" for r in kept)
    assert mention_keys.stored_key("GPE", "Russia", "GPE:Russia") == ""
    assert mention_keys.stored_key("GPE", "Russia", "GPE:Russian Federation") == "GPE:Russian Federation"
    assert EntityKey.parse(mention_keys.key_of({"entity_key": "", "label": "", "text": "x"})) == EntityKey("", "x")


def _keys(store) -> tuple[list[str], int]:
    rows = store.query(f"SELECT {mention_keys.select_key()} AS k, entity_key FROM mentions ORDER BY doc_key, idx")
    return [r["k"] for r in rows], sum(len(r["entity_key"]) for r in rows)


def test_migration_0021_converts_an_0020_store_without_loss(store_url, analyses):
    lean, whole, again = migrated_again(store_url, analyses, as_0020, MENTION_KEYS, _keys)
    assert lean[0] == whole[0] == again[0]
    assert lean[1] < 0.5 * whole[1]
    assert again == lean
