"""Coreference scoring: MUC, B-cubed, CEAF-e and CoNLL F1, and aligning system mentions to gold.

The metrics follow their reference definitions as the CoNLL-2012 reference scorer
implements them (Pradhan et al. 2014, scorer v8):

- MUC (Vilain et al. 1995): recall = sum over key clusters K of (|K| - |p(K)|) over
  the sum of (|K| - 1), p(K) being the parts the response cuts K into (a key mention
  the response lacks is a part of its own); precision the same with key and
  response swapped.
- B-cubed (Bagga & Baldwin 1998): recall = sum over key clusters K and response
  clusters R of |K ∩ R|² / |K|, over the number of key mentions; precision with the
  roles swapped.
- CEAF-e (Luo 2005): the one-to-one alignment of key and response clusters that
  maximizes the summed similarity phi4(K, R) = 2|K ∩ R| / (|K| + |R|) (Kuhn-Munkres);
  recall = that sum over the number of key clusters, precision over the number of
  response clusters.
- CoNLL F1: the mean of the three F1s.

Mentions that do not match across the two sides (system mentions matching no gold
mention, gold mentions no system mention matches) are kept as they are, as the
reference scorer does (no Cai & Strube 2010 adjustment): they lower precision or
recall. Singletons are clusters like any other on both sides. A ratio whose
denominator is zero is 0 (MUC over singletons only, say), and F1 is 0 when P + R is 0.

Alignment (:func:`align`) pairs each system mention with at most one gold mention of
the same document, and each gold mention with at most one system mention:
- exact: the same character span;
- head: the system span contains the gold mention's head span and lies within the
  gold span (``gold.start <= sys.start <= head_start`` and
  ``head_end <= sys.end <= gold.end``; heads are described in ``eval/meantime.py``).
  Where several pairs compete, exact spans go first, then the pair whose spans
  differ by the fewest characters, then document order.
An aligned system mention takes the gold mention's identity; the others keep their own.

Per entity class, the key is the gold clusters of that class and the response is
the system clusters restricted to the system mentions aligned to gold mentions of
that class: a system mention that matches no gold mention has no class, so it
counts in the overall figures only, and mention detection per class is a recall
(the share of the class's gold mentions that a system mention matches).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from .meantime import GoldMention

Cluster = frozenset[Hashable]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {k: round(100 * getattr(self, k), 2) for k in ("precision", "recall", "f1")}


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _clusters(groups: Iterable[Iterable[Hashable]]) -> list[Cluster]:
    return [c for c in (frozenset(g) for g in groups) if c]


def _muc_recall(key: list[Cluster], response: list[Cluster]) -> float:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = den = 0
    for k in key:
        parts = {where.get(m, ("alone", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return _ratio(num, den)


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    k, r = _clusters(key), _clusters(response)
    return PRF(_muc_recall(r, k), _muc_recall(k, r))


def _b3_recall(key: list[Cluster], response: list[Cluster]) -> float:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = 0.0
    for k in key:
        overlap: dict[int, int] = defaultdict(int)
        for m in k:
            if m in where:
                overlap[where[m]] += 1
        num += sum(n * n for n in overlap.values()) / len(k)
    return _ratio(num, sum(len(k) for k in key))


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    k, r = _clusters(key), _clusters(response)
    return PRF(_b3_recall(r, k), _b3_recall(k, r))


def _phi4(k: Cluster, r: Cluster) -> float:
    return 2 * len(k & r) / (len(k) + len(r))


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    k, r = _clusters(key), _clusters(response)
    best = sum(_best_alignment(k, r, component) for component in _components(k, r))
    return PRF(_ratio(best, len(r)), _ratio(best, len(k)))


def _components(key: list[Cluster], response: list[Cluster]) -> list[tuple[list[int], list[int]]]:
    """Groups of key and response clusters linked by shared mentions (pairs outside score 0)."""
    where = {m: j for j, r in enumerate(response) for m in r}
    links: dict[int, set[int]] = {i: {where[m] for m in k if m in where} for i, k in enumerate(key)}
    back: dict[int, set[int]] = defaultdict(set)
    for i, js in links.items():
        for j in js:
            back[j].add(i)
    seen: set[int] = set()
    out = []
    for i in links:
        if i in seen or not links[i]:
            continue
        ks, rs, todo = {i}, set(), [i]
        while todo:
            for j in links[todo.pop()]:
                if j not in rs:
                    rs.add(j)
                    new = back[j] - ks
                    ks |= new
                    todo.extend(new)
        seen |= ks
        out.append((sorted(ks), sorted(rs)))
    return out


def _best_alignment(key: list[Cluster], response: list[Cluster], component: tuple[list[int], list[int]]) -> float:
    ks, rs = component
    weights = [[_phi4(key[i], response[j]) for j in rs] for i in ks]
    return max_weight_matching(weights)


def max_weight_matching(weights: list[list[float]]) -> float:
    """The largest sum of weights over a one-to-one assignment of rows to columns (Kuhn-Munkres)."""
    if not weights or not weights[0]:
        return 0.0
    transpose = len(weights) > len(weights[0])
    w = [list(col) for col in zip(*weights, strict=True)] if transpose else weights
    n, m = len(w), len(w[0])  # n <= m
    top = max(max(row) for row in w)
    cost = [[top - x for x in row] for row in w]
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    match = [0] * (m + 1)  # match[j] = row (1-based) assigned to column j
    for i in range(1, n + 1):
        _augment(i, cost, u, v, match)
    return sum(w[match[j] - 1][j - 1] for j in range(1, m + 1) if match[j])


def _augment(i: int, cost: list[list[float]], u: list[float], v: list[float], match: list[int]) -> None:
    """One row of the O(n^2 m) Hungarian algorithm with potentials (e-maxx formulation)."""
    m = len(cost[0])
    minv, used, way = [float("inf")] * (m + 1), [False] * (m + 1), [0] * (m + 1)
    match[0], j0 = i, 0
    while True:
        used[j0] = True
        i0, delta, j1 = match[j0], float("inf"), 0
        for j in range(1, m + 1):
            if not used[j]:
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
        for j in range(m + 1):
            if used[j]:
                u[match[j]] += delta
                v[j] -= delta
            else:
                minv[j] -= delta
        j0 = j1
        if match[j0] == 0:
            break
    while j0:
        j1 = way[j0]
        match[j0] = match[j1]
        j0 = j1


@dataclass(frozen=True, slots=True)
class CorefScores:
    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF
    key_mentions: int
    response_mentions: int
    key_clusters: int
    response_clusters: int

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3

    def as_dict(self) -> dict:
        return {
            "muc": self.muc.as_dict(),
            "b_cubed": self.b_cubed.as_dict(),
            "ceaf_e": self.ceaf_e.as_dict(),
            "conll_f1": round(100 * self.conll_f1, 2),
            "key_mentions": self.key_mentions,
            "response_mentions": self.response_mentions,
            "key_clusters": self.key_clusters,
            "response_clusters": self.response_clusters,
        }


def score_clusters(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> CorefScores:
    k, r = _clusters(key), _clusters(response)
    return CorefScores(muc(k, r), b_cubed(k, r), ceaf_e(k, r), sum(map(len, k)), sum(map(len, r)), len(k), len(r))


# -- aligning system mentions to gold ------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SysMention:
    doc: str  # the document id the gold uses (record id)
    start: int  # character offsets into the stored text
    end: int
    cluster: str  # the system's entity id
    label: str = ""
    text: str = ""


MODES = ("exact", "head")


def _eligible(g: GoldMention, s: SysMention, mode: str) -> bool:
    if mode == "exact":
        return (g.start, g.end) == (s.start, s.end)
    return g.start <= s.start <= g.head_start and g.head_end <= s.end <= g.end


def align(gold: list[GoldMention], system: list[SysMention], mode: str) -> dict[int, int]:
    """System mention index -> gold mention index, one to one (rules in the module docstring)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for gi, g in enumerate(gold):
        by_doc[g.doc_id].append(gi)
    pairs = []
    for si, s in enumerate(system):
        for gi in by_doc.get(s.doc, ()):
            g = gold[gi]
            if _eligible(g, s, mode):
                exact = (g.start, g.end) == (s.start, s.end)
                pairs.append((not exact, (g.end - g.start) - (s.end - s.start), g.start, gi, si))
    out: dict[int, int] = {}
    taken: set[int] = set()
    for *_, gi, si in sorted(pairs):
        if si not in out and gi not in taken:
            out[si] = gi
            taken.add(gi)
    return out


@dataclass(frozen=True, slots=True)
class AlignedScores:
    mode: str
    mentions: PRF  # mention detection
    matched: int
    overall: CorefScores
    by_class: tuple[tuple[str, CorefScores], ...]

    def as_dict(self) -> dict:
        return {
            "mode": self.mode,
            "mentions": self.mentions.as_dict() | {"matched": self.matched},
            "overall": self.overall.as_dict(),
            "by_class": {c: s.as_dict() for c, s in self.by_class},
        }


def _groups(items: Iterable[tuple[Hashable, Hashable]]) -> list[set[Hashable]]:
    out: dict[Hashable, set[Hashable]] = defaultdict(set)
    for cluster, mention in items:
        out[cluster].add(mention)
    return list(out.values())


def evaluate(gold: list[GoldMention], system: list[SysMention], mode: str) -> AlignedScores:
    """Mention detection and MUC, B-cubed, CEAF-e and CoNLL F1, overall and per gold class."""
    pairs = align(gold, system, mode)
    ident = [("g", pairs[si]) if si in pairs else ("s", si) for si in range(len(system))]
    key = _groups((g.instance, ("g", gi)) for gi, g in enumerate(gold))
    response = _groups((s.cluster, ident[si]) for si, s in enumerate(system))
    by_class = []
    for cls in sorted({g.ent_class for g in gold}):
        mine = {gi for gi, g in enumerate(gold) if g.ent_class == cls}
        k = _groups((g.instance, ("g", gi)) for gi, g in enumerate(gold) if gi in mine)
        r = _groups((s.cluster, ("g", pairs[si])) for si, s in enumerate(system) if pairs.get(si) in mine)
        by_class.append((cls or "(none)", score_clusters(k, r)))
    detection = PRF(_ratio(len(pairs), len(system)), _ratio(len(pairs), len(gold)))
    return AlignedScores(mode, detection, len(pairs), score_clusters(key, response), tuple(by_class))


# -- why mentions are lost, and the mentions the gold can judge ----------------------------
PARTIAL = "in a sentence annotated only for the cross-document entities"
OVERLAPS = "overlaps a gold mention but misses its span or head"
NO_GOLD = "no gold mention there"
NO_SYSTEM = "no Dateline mention overlaps it"
MISSED_HEAD = "a Dateline mention overlaps it but misses its span or head"


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _in_partial(s: SysMention, full_end: dict[str, int]) -> bool:
    return s.start >= full_end.get(s.doc, 0)


def losses(gold: list[GoldMention], system: list[SysMention], mode: str, full_end: dict[str, int]) -> dict:
    """Why system mentions match no gold mention, and why gold mentions go unmatched (by syntactic type)."""
    pairs = align(gold, system, mode)
    matched = set(pairs.values())
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    sys_by_doc: dict[str, list[SysMention]] = defaultdict(list)
    for g in gold:
        by_doc[g.doc_id].append(g)
    for s in system:
        sys_by_doc[s.doc].append(s)
    unmatched: dict[str, int] = defaultdict(int)
    for si, s in enumerate(system):
        if si in pairs:
            continue
        if _in_partial(s, full_end):
            unmatched[PARTIAL] += 1
        elif any(_overlaps(s.start, s.end, g.start, g.end) for g in by_doc[s.doc]):
            unmatched[OVERLAPS] += 1
        else:
            unmatched[NO_GOLD] += 1
    lost: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for gi, g in enumerate(gold):
        if gi in matched:
            continue
        near = any(_overlaps(s.start, s.end, g.start, g.end) for s in sys_by_doc[g.doc_id])
        lost[g.syntactic_type or "(none)"][MISSED_HEAD if near else NO_SYSTEM] += 1
    return {
        "system_unmatched": dict(unmatched),
        "gold_lost": {t: dict(v) for t, v in sorted(lost.items(), key=lambda x: -sum(x[1].values()))},
    }


def judged(gold: list[GoldMention], system: list[SysMention], mode: str, full_end: dict[str, int]) -> list[SysMention]:
    """The system mentions the gold can judge: all those in the fully annotated part of each
    document, and, after it, those aligned to a gold mention (there the gold marks only the
    cross-document entities' mentions, so another mention is neither right nor wrong)."""
    pairs = align(gold, system, mode)
    return [s for si, s in enumerate(system) if si in pairs or not _in_partial(s, full_end)]
