"""The SemEval-2015 Task 4 temporal-awareness scorer on hand-made timelines, worked out by hand.

Gold G (below): three events, one per date. Its graph has the date links
a=2010, b=2011, c=2012 and the BEFORE links a<b, b<c: 5 relations, none implied
by the others, so the reduced graph is those 5. Its closure adds every pair
between the classes {a,2010} < {b,2011} < {c,2012}.
"""

from __future__ import annotations

import pytest

from dateline.eval.timeline import (
    BEFORE,
    SIMULTANEOUS,
    build_graph,
    closure,
    format_timeline,
    micro_average,
    normalize_date,
    parse_timeline,
    read_timelines,
    reduced,
    score_timeline,
    timeline_relations,
)

from ..conftest import shared_path

G = "Acme\n1\t2010\td1-1-a\n2\t2011\td1-2-b\n3\t2012\td1-3-c\n"


def _tl(*lines: str, target: str = "Acme") -> str:
    return target + "\n" + "".join(ln + "\n" for ln in lines)


def _score(gold: str, system: str):
    return score_timeline(parse_timeline(gold), parse_timeline(system))


def test_identical_timelines_score_one():
    s = _score(G, G)
    assert (s.precision_hits, s.system_relations, s.recall_hits, s.gold_relations) == (5, 5, 5, 5)
    assert s.precision == s.recall == s.f1 == 1.0


def test_two_events_swapped():
    # system: b on 2010, a on 2011. Its reduced graph: b=2010 x, a=2011 x, c=2012 ok, b<a x, a<c ok
    # -> P = 2/5; gold's reduced graph in the system closure: a=2010 x, b=2011 x, c=2012 ok,
    # a<b x, b<c ok (b < a < c) -> R = 2/5.
    s = _score(G, _tl("1\t2010\td1-2-b", "2\t2011\td1-1-a", "3\t2012\td1-3-c"))
    assert (s.precision_hits, s.system_relations, s.recall_hits, s.gold_relations) == (2, 5, 2, 5)
    assert s.f1 == pytest.approx(0.4)


def test_swapped_order_without_dates():
    # gold a<b<c, system b<a<c, no dates: P: b<a x, a<c ok = 1/2; R: a<b x, b<c ok = 1/2
    gold = _tl("1\tXXXX-XX-XX\td1-1-a", "2\tXXXX-XX-XX\td1-2-b", "3\tXXXX-XX-XX\td1-3-c")
    system = _tl("1\tXXXX-XX-XX\td1-2-b", "2\tXXXX-XX-XX\td1-1-a", "3\tXXXX-XX-XX\td1-3-c")
    s = _score(gold, system)
    assert (s.precision_hits, s.system_relations, s.recall_hits, s.gold_relations) == (1, 2, 1, 2)
    assert s.f1 == pytest.approx(0.5)


def test_missing_event():
    # system lacks b: its 3 relations a=2010, c=2012, a<c all hold in gold -> P = 1;
    # of gold's 5, a=2010 and c=2012 hold in the system, b=2011, a<b, b<c do not -> R = 2/5
    s = _score(G, _tl("1\t2010\td1-1-a", "2\t2012\td1-3-c"))
    assert (s.precision_hits, s.system_relations, s.recall_hits, s.gold_relations) == (3, 3, 2, 5)
    assert s.f1 == pytest.approx(2 * 1 * 0.4 / 1.4)


def test_wrong_date():
    # c on 2013 instead of 2012: one relation wrong on each side -> P = R = 4/5
    s = _score(G, _tl("1\t2010\td1-1-a", "2\t2011\td1-2-b", "3\t2013\td1-3-c"))
    assert (s.precision_hits, s.system_relations, s.recall_hits, s.gold_relations) == (4, 5, 4, 5)
    assert s.f1 == pytest.approx(0.8)


def test_empty_system_timeline_scores_zero_with_the_gold_counted():
    s = _score(G, "Acme\n")
    assert (s.system_relations, s.gold_relations, s.f1) == (0, 5, 0.0)


def test_order_zero_lines_are_dropped():
    with_zero = G + "0\tXXXX-XX-XX\td1-9-z\n"
    assert timeline_relations(parse_timeline(with_zero)) == timeline_relations(parse_timeline(G))
    assert _score(with_zero, G).f1 == 1.0


def test_mentions_on_one_line_and_one_order_are_simultaneous():
    # two mentions of one event on one date: relations a=D, b=D, a=b; a=b is implied by the
    # other two, so the reduced graph keeps the date links only; the closure holds all three.
    g = build_graph(timeline_relations(parse_timeline(_tl("1\t2010\td1-1-a\td2-1-b"))))
    assert sorted(reduced(g)) == [("d1-1-a", "time:2010", SIMULTANEOUS), ("d2-1-b", "time:2010", SIMULTANEOUS)]
    assert ("d1-1-a", "d2-1-b", SIMULTANEOUS) in closure(g)
    # the same two mentions on two lines with one order number make the same graph
    two_lines = _tl("1\t2010\td1-1-a", "1\t2010\td2-1-b")
    assert _score(_tl("1\t2010\td1-1-a\td2-1-b"), two_lines).f1 == 1.0


def test_orders_sharing_a_date_keep_the_date_and_drop_the_order():
    # a and b both on 2005 at orders 1 and 2: a=2005, b=2005 make a=b, so a<b contradicts and
    # is left out; c on 2006 stays after both.
    g = build_graph(timeline_relations(parse_timeline(_tl("1\t2005\tx-1-a", "2\t2005\tx-2-b", "3\t2006\tx-3-c"))))
    assert g.rejected == [("x-1-a", "x-2-b", BEFORE)]
    clo = closure(g)
    assert ("x-1-a", "x-2-b", SIMULTANEOUS) in clo and ("x-1-a", "x-3-c", BEFORE) in clo
    assert ("time:2005", "time:2006", BEFORE) in clo


def test_a_redundant_before_link_is_not_in_the_reduced_graph():
    # a and b simultaneous (one order), c later: BEFORE a<c is the one link; the system
    # graph with one more event d after c keeps a<c and c<d, not a<d
    g = build_graph(timeline_relations(parse_timeline(_tl("1\tXXXX\tx-1-a", "2\tXXXX\tx-1-c", "3\tXXXX\tx-1-d"))))
    assert reduced(g) == [("x-1-a", "x-1-c", BEFORE), ("x-1-c", "x-1-d", BEFORE)]
    assert ("x-1-a", "x-1-d", BEFORE) in closure(g)


def test_micro_average_sums_relation_counts():
    one = _score(G, G)  # 5/5, 5/5
    two = _score(G, _tl("1\t2010\td1-1-a", "2\t2012\td1-3-c"))  # 3/3, 2/5
    m = micro_average([one, two])
    assert (m.precision_hits, m.system_relations, m.recall_hits, m.gold_relations) == (8, 8, 7, 10)
    assert m.precision == 1.0 and m.recall == pytest.approx(0.7)


def test_reading_dates_and_lines():
    assert normalize_date("2008-03-XX") == "2008-03"
    assert normalize_date("2006-XX-XX") == "2006"
    assert normalize_date("XXXX-XX-XX") is None and normalize_date("XXX-XX-XX") is None
    tl = parse_timeline("Some Entity\n1\t2008-03-XX\tD-2-Pre-Orders\t7-3-launch\n\nnot a line\n2\t2009\n", "x")
    assert tl.target == "Some Entity" and tl.skipped == 2
    (line,) = tl.lines
    assert (line.order, line.date, line.mentions) == (1, "2008-03", ("d-2-pre-orders", "7-3-launch"))
    assert parse_timeline(format_timeline(tl), "x").lines == tl.lines


def test_a_gold_timeline_scored_against_itself_scores_one():
    for tl in read_timelines(shared_path("eval/timeline/TimeLines_trial_data_task4_v1.2")):
        s = score_timeline(tl, tl)
        assert s.gold_relations > 0 and s.precision == s.recall == 1.0, tl.name
