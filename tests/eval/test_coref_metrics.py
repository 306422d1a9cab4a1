"""MUC, B-cubed, CEAF-e and CoNLL F1 against values worked out by hand, and span/head alignment."""

from __future__ import annotations

import itertools
import random

import pytest

from dateline.eval.coref import (
    SysMention,
    align,
    b_cubed,
    ceaf_e,
    evaluate,
    judged,
    losses,
    max_weight_matching,
    muc,
    score_clusters,
)
from dateline.eval.meantime import GoldMention


def test_the_reference_implementation_example():
    # Pradhan et al. (2014), the reference-scorer paper's example:
    # key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}
    key = [set("abc"), set("defg")]
    response = [set("ab"), set("cd"), set("fghi")]
    m = muc(key, response)  # R: (3-2)+(4-3) over 2+3; P: 1+0+1 over 1+1+3
    assert (m.recall, m.precision) == (pytest.approx(0.4), pytest.approx(0.4))
    b = b_cubed(key, response)  # R: (4/3+1/3+1/4+4/4)/7 = 5/12; P: (4/2+1/2+1/2+4/4)/8 = 1/2
    assert (b.recall, b.precision) == (pytest.approx(5 / 12), pytest.approx(0.5))
    c = ceaf_e(key, response)  # best: {a,b,c}-{a,b} 4/5 + {d..g}-{f..i} 4/8 = 1.3
    assert (c.recall, c.precision) == (pytest.approx(1.3 / 2), pytest.approx(1.3 / 3))
    s = score_clusters(key, response)
    assert s.conll_f1 == pytest.approx((0.4 + 2 * (5 / 12) * 0.5 / (5 / 12 + 0.5) + 0.52) / 3)


def test_muc_paper_examples():
    # Vilain et al. (1995): key A-B-C-D, response A-B and C-D: one link missing
    m = muc([set("ABCD")], [set("AB"), set("CD")])
    assert (m.recall, m.precision) == (pytest.approx(2 / 3), 1.0)
    m = muc([set("AB"), set("CD")], [set("ABCD")])  # and the other way round: one link too many
    assert (m.recall, m.precision) == (1.0, pytest.approx(2 / 3))


def test_b_cubed_tells_apart_what_muc_does_not():
    # Bagga & Baldwin (1998): key {1-5} {6,7} {8-12}; merging the two big clusters is worse
    # than merging a small one into a big one, which MUC scores the same (one wrong link each)
    key = [set(range(1, 6)), {6, 7}, set(range(8, 13))]
    big = [set(range(1, 6)) | set(range(8, 13)), {6, 7}]
    small = [set(range(1, 6)), set(range(6, 13))]
    assert muc(key, big) == muc(key, small) and muc(key, big).precision == pytest.approx(0.9)
    assert b_cubed(key, big).precision == pytest.approx(7 / 12)
    assert b_cubed(key, small).precision == pytest.approx(16 / 21)
    assert b_cubed(key, big).recall == b_cubed(key, small).recall == 1.0


def test_mentions_only_one_side_has():
    # key {a,b}; response {a,b,x}: x matches no gold mention and stays in, as the reference scorer does
    key, response = [set("ab")], [set("abx")]
    assert muc(key, response).precision == pytest.approx(1 / 2) and muc(key, response).recall == 1.0
    assert b_cubed(key, response).precision == pytest.approx(4 / 9) and b_cubed(key, response).recall == 1.0
    assert ceaf_e(key, response).f1 == pytest.approx(0.8)
    # a gold mention the response lacks is a part of its own (MUC) and lowers recall
    assert muc([set("abc")], [set("ab")]).recall == pytest.approx(1 / 2)


def test_degenerate_cases():
    empty = score_clusters([], [])
    assert empty.conll_f1 == 0.0 and empty.muc.f1 == empty.b_cubed.f1 == empty.ceaf_e.f1 == 0.0
    same = score_clusters([set("abc"), set("de")], [set("abc"), set("de")])
    assert same.conll_f1 == pytest.approx(1.0)
    singletons = score_clusters([{"a"}, {"b"}], [{"a"}, {"b"}])  # MUC has no link to count: 0
    assert singletons.muc.f1 == 0.0 and singletons.b_cubed.f1 == singletons.ceaf_e.f1 == 1.0
    nothing = score_clusters([set("abc")], [])
    assert nothing.muc.recall == nothing.b_cubed.recall == nothing.ceaf_e.recall == 0.0


def test_hungarian_alignment_is_optimal():
    rnd = random.Random(7)
    for _ in range(200):
        n, m = rnd.randint(1, 5), rnd.randint(1, 5)
        w = [[rnd.choice([0.0, rnd.random()]) for _ in range(m)] for _ in range(n)]
        rows, cols = (range(n), range(m)) if n <= m else (range(m), range(n))
        best = 0.0
        for perm in itertools.permutations(cols, len(rows)):
            pairs = zip(rows, perm, strict=True)
            best = max(best, sum(w[i][j] if n <= m else w[j][i] for i, j in pairs))
        assert max_weight_matching(w) == pytest.approx(best)


def _g(doc: str, m_id: str, start: int, end: int, head: tuple[int, int], instance: str, cls: str = "ORG"):
    return GoldMention(doc, m_id, start, end, head[0], head[1], "", instance, cls, "NOM", "attribute")


def test_alignment_exact_and_head():
    # gold "the Cupertino company" 0-21, head "company" 14-21; "Apple" 30-35 (its own head)
    gold = [_g("d", "1", 0, 21, (14, 21), "apple"), _g("d", "2", 30, 35, (30, 35), "apple")]
    system = [
        SysMention("d", 4, 21, "e1"),  # "Cupertino company": inside the gold span, holds the head
        SysMention("d", 30, 35, "e1"),  # exact
        SysMention("d", 4, 13, "e2"),  # "Cupertino": inside, but not the head
        SysMention("x", 30, 35, "e1"),  # another document
    ]
    assert align(gold, system, "exact") == {1: 1}
    assert align(gold, system, "head") == {0: 0, 1: 1}
    # a span running past the gold span does not match, whatever head it holds
    assert align(gold, [SysMention("d", 10, 25, "e")], "head") == {}


def test_alignment_is_one_to_one_and_prefers_the_exact_span():
    gold = [_g("d", "1", 0, 10, (6, 10), "k")]
    system = [SysMention("d", 6, 10, "a"), SysMention("d", 0, 10, "b")]
    assert align(gold, system, "head") == {1: 0}


def test_evaluate_overall_and_by_class():
    gold = [
        _g("d1", "1", 0, 5, (0, 5), "apple", "ORG"),
        _g("d2", "1", 0, 5, (0, 5), "apple", "ORG"),
        _g("d2", "2", 10, 14, (10, 14), "jobs", "PER"),
    ]
    system = [
        SysMention("d1", 0, 5, "A"),
        SysMention("d2", 0, 5, "A"),
        SysMention("d2", 10, 14, "A"),  # wrongly joined to Apple
        SysMention("d2", 20, 25, "B"),  # no gold mention
    ]
    res = evaluate(gold, system, "exact")
    assert res.matched == 3 and res.mentions.precision == 0.75 and res.mentions.recall == 1.0
    assert res.overall.response_mentions == 4 and res.overall.key_clusters == 2
    by = dict(res.by_class)
    assert by["ORG"].conll_f1 == pytest.approx(1.0)  # the class's mentions, restricted: right
    assert by["PER"].b_cubed.f1 == 1.0 and by["PER"].key_mentions == 1
    assert res.overall.muc.precision == pytest.approx(1 / 2)  # {A: 3 mentions} has one wrong link of 2


def test_losses_and_the_mentions_the_gold_can_judge():
    # document "d" is fully annotated up to offset 50; after it only cross-document entities are
    gold = [
        _g("d", "1", 0, 5, (0, 5), "apple"),
        _g("d", "2", 10, 30, (26, 30), "apple"),  # "the Cupertino firm": head "firm"
        _g("d", "3", 60, 65, (60, 65), "apple"),
    ]
    system = [
        SysMention("d", 0, 5, "A"),  # matched
        SysMention("d", 10, 20, "A"),  # overlaps gold 2 but misses its head
        SysMention("d", 35, 40, "B"),  # fully annotated part, no gold: a real false mention
        SysMention("d", 60, 65, "A"),  # matched after the fully annotated part
        SysMention("d", 70, 75, "C"),  # after it, no gold: the gold says nothing
    ]
    full = {"d": 50}
    out = losses(gold, system, "head", full)
    assert out["system_unmatched"] == {
        "overlaps a gold mention but misses its span or head": 1,
        "no gold mention there": 1,
        "in a sentence annotated only for the cross-document entities": 1,
    }
    assert out["gold_lost"] == {"NOM": {"a Dateline mention overlaps it but misses its span or head": 1}}
    kept = judged(gold, system, "head", full)
    assert [(s.start, s.cluster) for s in kept] == [(0, "A"), (10, "A"), (35, "B"), (60, "A")]
    whole, part = evaluate(gold, system, "head"), evaluate(gold, kept, "head")
    assert part.mentions.precision == 2 / 4 and whole.mentions.precision == 2 / 5
    assert part.mentions.recall == whole.mentions.recall == 2 / 3
