"""Migration 0018, sentence tokens as bytes (encoding 4, store/token_bytes.py): the same tokens
and noun chunks read back as from encoding 3, in fewer bytes, and a store in encoding 3 is
converted without loss, on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses

from dateline.store import tokens
from dateline.store.db import TOKEN_BYTES
from dateline.types import Sentence

from .layouts import as_0017, migrated_again


def test_encoding_4_reads_back_what_encoding_3_does_in_fewer_bytes(seed_analysis):
    p = seed_analysis.parsed
    new = old = 0
    for s in p.sentences:
        own = p.tokens[s.token_start : s.token_end]
        chunks = tuple((a, b) for a, b in p.noun_chunks if s.token_start <= a < s.token_end)
        blob, columns = tokens.encode(p.tokens, s, p.noun_chunks), tokens.encode_columns(own, s, p.noun_chunks)
        assert blob[0] == 4 and columns[0] == 3
        assert tokens.decode(blob, s) == (own, chunks) == tokens.decode(columns, s)
        new, old = new + len(blob), old + len(columns)
    assert new < 0.75 * old


def test_encoding_4_keeps_what_no_number_says(seed_analysis):
    """Lemmas of every kind, a token whose text is not the sentence's, labels the frozen lists
    lack, a POS its tag does not give, heads far away and an empty IOB all read back."""
    p = seed_analysis.parsed
    s = max(p.sentences, key=lambda s: s.token_end - s.token_start)
    toks = list(p.tokens[s.token_start : s.token_end])
    last = len(toks) - 1
    odd = {
        0: {"lemma": toks[0].text + "x", "pos": "NEWPOS", "tag": "NEWTAG"},
        1: {"lemma": toks[1].text, "dep": "newdep", "ent_type": "NEWENT", "ent_iob": "B"},
        2: {"text": "»" + toks[2].text[1:] if len(toks[2].text) > 1 else "»", "ent_iob": ""},
        3: {"lemma": "be", "head": toks[last].i, "pos": "X"},
        last: {"lemma": "", "head": toks[0].i, "is_stop": True, "like_num": True},
    }
    for k, change in odd.items():
        toks[k] = dataclasses.replace(toks[k], **change)
    one = Sentence(s.index, s.start, s.end, s.text, s.token_start, s.token_end)
    blob = tokens.encode_sentence(tuple(toks), one, ((s.token_start, s.token_start + 2),))
    assert tokens.decode(blob, one) == (tuple(toks), ((s.token_start, s.token_start + 2),))


def _token_bytes(store) -> tuple[set[int], int]:
    blobs = [bytes(r["tokens"]) for r in store.query("SELECT tokens FROM sentences")]
    return {b[0] for b in blobs}, sum(map(len, blobs))


def test_migration_0018_converts_an_0017_store_without_loss(store_url, analyses):
    (versions, lean), (old_versions, old), again = migrated_again(
        store_url, analyses, as_0017, TOKEN_BYTES, _token_bytes
    )
    assert versions == {4}
    assert old_versions == {3} and lean < 0.75 * old
    assert again == ({4}, lean)
