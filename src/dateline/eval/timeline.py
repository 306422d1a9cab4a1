"""SemEval-2015 Task 4 (TimeLine) scoring: temporal awareness over timeline graphs.

The task (Minard et al. 2015) scores a system timeline of one target entity
against the gold one with the temporal-awareness metric of UzZaman & Allen (2011),
as TempEval-3 applied it: both timelines become graphs of temporal relations, and

    precision = |reduced system graph ∩ closure of gold graph| / |reduced system graph|
    recall    = |reduced gold graph ∩ closure of system graph| / |reduced gold graph|

micro-averaged over the target entities (relation counts are summed over every
timeline before dividing), F1 their harmonic mean.

The official scorer's source is not reachable from here; this follows the task's
published description, and every choice it leaves open is made as below.

Reading a timeline file
- The first line names the target entity; every other line is
  ``order TAB date TAB mention [TAB mention ...]``, a mention being
  ``docid-sentence-word`` (the document id of the corpus, the CAT ``sentence``
  number counting the title as sentence 0 and the dateline as sentence 1, and the
  event's token(s) joined by ``_``). Blank lines are skipped; a line with no integer
  order or no mention is skipped and counted (``Timeline.skipped``).
- A mention is one graph node, named by its string compared in lower case (the gold
  writes event words in lower case: "pre-orders" for the token "Pre-orders"); two
  mentions that print the same (one word twice in a sentence) are one node.
- A date is normalized by dropping unspecified trailing parts ("2008-03-XX" ->
  "2008-03"); a value with no digit ("XXXX-XX-XX", also the gold's "XXX-XX-XX") is
  undated. Each distinct date value is one node (``time:2008-03``), shared by every
  event of the timeline on that date; dates are not related to each other except
  through the events.

Building the graph
- Lines with order 0 are dropped (the task leaves their events out of scoring).
- Several mentions on one line are mentions of one event: they and every other
  mention with the same order number are SIMULTANEOUS (a chain in file order);
  each order's first mention is BEFORE the next higher order's first mention;
  each mention is SIMULTANEOUS with its date node when it has a date.
- Relations are added in this order: date links, same-order links, BEFORE links. A
  relation that contradicts those already added is left out and counted
  (``Graph.rejected``), as Timegraph does with an inconsistent link. This matters for
  the gold itself: it gives several order numbers the same date ("2005-06-06" at
  orders 9, 10 and 11), which SIMULTANEOUS date links make simultaneous, so the
  BEFORE links between those orders are the ones left out: a date outranks a
  position among events of one date.

Closure and reduction
- SIMULTANEOUS is an equivalence: its classes are the components of the SIMULTANEOUS
  links; BEFORE links order the classes; the closure is every pair within a class
  (SIMULTANEOUS, unordered) and every pair from a class to one it reaches (BEFORE).
- The reduced graph keeps, of the relations added, those no others imply: relations
  are removed from the last added to the first while what is left still implies
  them. A SIMULTANEOUS link is therefore kept when it joins two classes not yet
  joined by links added before it (so each event's link to its date stays and the
  links between events of one date go); a BEFORE link is kept when it is the first
  between its two classes and no longer path joins them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadGoldData

SIMULTANEOUS = "SIMULTANEOUS"
BEFORE = "BEFORE"
UNDATED = "XXXX-XX-XX"

Relation = tuple[str, str, str]  # (x, y, SIMULTANEOUS with x < y) or (x, y, BEFORE)


@dataclass(frozen=True, slots=True)
class TimelineLine:
    order: int
    date: str | None  # normalized date, None when undated
    mentions: tuple[str, ...]  # docid-sentence-word, lower case


@dataclass(frozen=True, slots=True)
class Timeline:
    name: str  # the file's stem
    target: str  # the entity, as the first line names it
    lines: tuple[TimelineLine, ...]
    skipped: int = 0  # lines that were not order TAB date TAB mention...


_UNSPECIFIED = re.compile(r"(?:-X+)+$", re.I)


def normalize_date(value: str) -> str | None:
    """ "2008-03-XX" -> "2008-03"; "XXXX-XX-XX" (or any value with no digit) -> None."""
    v = value.strip()
    if not any(c.isdigit() for c in v):
        return None
    return _UNSPECIFIED.sub("", v)


def _line(raw: str) -> TimelineLine | None:
    parts = [p.strip() for p in raw.split("\t") if p.strip()]
    if len(parts) < 3 or not re.fullmatch(r"-?\d+", parts[0]):
        return None
    return TimelineLine(int(parts[0]), normalize_date(parts[1]), tuple(p.lower() for p in parts[2:]))


def parse_timeline(text: str, name: str = "timeline") -> Timeline:
    rows = text.splitlines()
    target = rows[0].strip() if rows else ""
    lines, skipped = [], 0
    for raw in rows[1:]:
        if not raw.strip():
            continue
        ln = _line(raw)
        if ln is None:
            skipped += 1
        else:
            lines.append(ln)
    return Timeline(name, target, tuple(lines), skipped)


def read_timelines(folder: str | Path) -> list[Timeline]:
    """Every ``*.txt`` timeline in ``folder`` (or the one file given), in name order."""
    folder = Path(folder)
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else [folder] if folder.exists() else []
    if not files:
        raise BadGoldData(f"{folder}: no timeline .txt files")
    return [parse_timeline(p.read_text(encoding="utf-8"), p.stem) for p in files]


def date_node(date: str) -> str:
    return f"time:{date}"


def _sim(x: str, y: str) -> Relation:
    return (x, y, SIMULTANEOUS) if x < y else (y, x, SIMULTANEOUS)


def timeline_relations(tl: Timeline) -> list[Relation]:
    """The relations of a timeline, in the order they are added (see the module docstring)."""
    dated = [ln for ln in tl.lines if ln.order != 0]
    by_order: dict[int, list[str]] = defaultdict(list)
    dates, same, before = [], [], []
    for ln in dated:
        for m in ln.mentions:
            if ln.date is not None:
                dates.append(_sim(m, date_node(ln.date)))
            if m not in by_order[ln.order]:
                by_order[ln.order].append(m)
    for order in sorted(by_order):
        ms = by_order[order]
        same += [_sim(a, b) for a, b in zip(ms, ms[1:], strict=False) if a != b]
    orders = sorted(by_order)
    before = [(by_order[a][0], by_order[b][0], BEFORE) for a, b in zip(orders, orders[1:], strict=False)]
    return dates + same + before


@dataclass
class Graph:
    """SIMULTANEOUS classes (union-find) ordered by BEFORE links between them."""

    parent: dict[str, str] = field(default_factory=dict)
    succ: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    added: list[Relation] = field(default_factory=list)
    rejected: list[Relation] = field(default_factory=list)

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def reaches(self, a: str, b: str) -> bool:
        """Whether class ``a`` is BEFORE class ``b`` (through one or more links)."""
        seen, todo = set(), [a]
        while todo:
            c = todo.pop()
            for n in self.succ.get(c, ()):
                if n == b:
                    return True
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        return False

    def add(self, rel: Relation) -> bool:
        """Add a relation unless it contradicts the graph; True when added."""
        x, y, kind = rel
        rx, ry = self.find(x), self.find(y)
        if kind == BEFORE:
            ok = rx != ry and not self.reaches(ry, rx)
        else:
            ok = rx == ry or not (self.reaches(rx, ry) or self.reaches(ry, rx))
        if not ok:
            self.rejected.append(rel)
            return False
        if kind == BEFORE:
            self.succ[rx].add(ry)
        elif rx != ry:
            self._merge(rx, ry)
        self.added.append(rel)
        return True

    def _merge(self, keep: str, gone: str) -> None:
        self.parent[gone] = keep
        self.succ[keep] |= self.succ.pop(gone, set())
        for s in self.succ.values():
            if gone in s:
                s.discard(gone)
                s.add(keep)

    def classes(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in list(self.parent):
            out[self.find(x)].append(x)
        return out

    def reach_sets(self) -> dict[str, set[str]]:
        """Every class -> the classes it is BEFORE (the DAG's transitive closure)."""
        nodes = list(self.classes())
        indegree = dict.fromkeys(nodes, 0)
        for c in nodes:
            for n in self.succ.get(c, ()):
                indegree[n] += 1
        order, todo = [], [c for c in nodes if indegree[c] == 0]
        while todo:  # a topological order: the graph has no cycle, add() sees to that
            c = todo.pop()
            order.append(c)
            for n in self.succ.get(c, ()):
                indegree[n] -= 1
                if indegree[n] == 0:
                    todo.append(n)
        memo: dict[str, set[str]] = {}
        for c in reversed(order):
            memo[c] = set().union(*({n} | memo[n] for n in self.succ.get(c, ())))
        return memo


def build_graph(relations: list[Relation]) -> Graph:
    g = Graph()
    for r in relations:
        g.add(r)
    return g


def closure(g: Graph) -> set[Relation]:
    classes = g.classes()
    out: set[Relation] = set()
    for members in classes.values():
        out |= {_sim(a, b) for i, a in enumerate(members) for b in members[i + 1 :]}
    for c, later in g.reach_sets().items():
        out |= {(a, b, BEFORE) for d in later for a in classes[c] for b in classes[d]}
    return out


def reduced(g: Graph) -> list[Relation]:
    """The added relations that the others do not imply (see the module docstring)."""
    joined = Graph()
    keep: list[Relation] = []
    for r in g.added:  # SIMULTANEOUS: a spanning forest of each class, in the order added
        if r[2] == SIMULTANEOUS and joined.find(r[0]) != joined.find(r[1]):
            joined.parent[joined.find(r[1])] = joined.find(r[0])
            keep.append(r)
    reach = g.reach_sets()
    seen_pairs: set[tuple[str, str]] = set()
    for r in g.added:
        if r[2] != BEFORE:
            continue
        a, b = g.find(r[0]), g.find(r[1])
        longer = any(b in reach[c] for c in g.succ.get(a, ()) if c != b)
        if (a, b) not in seen_pairs and not longer:
            keep.append(r)
        seen_pairs.add((a, b))
    return keep


@dataclass(frozen=True, slots=True)
class TimelineScore:
    name: str
    precision_hits: int  # reduced system relations found in the gold closure
    system_relations: int  # size of the reduced system graph
    recall_hits: int  # reduced gold relations found in the system closure
    gold_relations: int  # size of the reduced gold graph
    gold_rejected: int = 0  # gold relations left out as contradictory
    system_rejected: int = 0

    @property
    def precision(self) -> float:
        return self.precision_hits / self.system_relations if self.system_relations else 0.0

    @property
    def recall(self) -> float:
        return self.recall_hits / self.gold_relations if self.gold_relations else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        keys = ("name", "precision_hits", "system_relations", "recall_hits", "gold_relations")
        out: dict = {k: getattr(self, k) for k in keys}
        out |= {"gold_rejected": self.gold_rejected, "system_rejected": self.system_rejected}
        return out | {k: round(100 * getattr(self, k), 2) for k in ("precision", "recall", "f1")}


def score_timeline(gold: Timeline, system: Timeline, name: str | None = None) -> TimelineScore:
    g = build_graph(timeline_relations(gold))
    s = build_graph(timeline_relations(system))
    g_red, s_red = reduced(g), reduced(s)
    g_clo, s_clo = closure(g), closure(s)
    return TimelineScore(
        name or gold.name,
        precision_hits=sum(1 for r in s_red if r in g_clo),
        system_relations=len(s_red),
        recall_hits=sum(1 for r in g_red if r in s_clo),
        gold_relations=len(g_red),
        gold_rejected=len(g.rejected),
        system_rejected=len(s.rejected),
    )


def micro_average(scores: list[TimelineScore]) -> TimelineScore:
    """Relation counts summed over the timelines: the task's micro-average."""
    return TimelineScore(
        "micro-average",
        precision_hits=sum(s.precision_hits for s in scores),
        system_relations=sum(s.system_relations for s in scores),
        recall_hits=sum(s.recall_hits for s in scores),
        gold_relations=sum(s.gold_relations for s in scores),
        gold_rejected=sum(s.gold_rejected for s in scores),
        system_rejected=sum(s.system_rejected for s in scores),
    )


def format_timeline(tl: Timeline) -> str:
    """A timeline in the task's file format (the target on the first line)."""
    rows = [tl.target]
    for ln in tl.lines:
        rows.append("\t".join([str(ln.order), ln.date or UNDATED, *ln.mentions]))
    return "\n".join(rows) + "\n"
