"""Scoring ``dateline check`` against labelled claims and a verdict audit.

Two files, both in ``evaldata/checks/`` (development data, no article text):

- ``claims.yaml``: claims a person found by reading the articles, each with its record
  ids, one verbatim cite per sentence involved and a label (consistent, inconsistent,
  unverifiable, not_comparable).
- ``verdicts.yaml`` (the audit): every verdict Dateline gave on those articles at one
  commit, named by rule, verdict and cited sentences (``RECORD_ID#SENTENCE``), labelled
  correct, false_alarm or wrong by reading the sentences; plus ``missed`` claims the
  audit found (same schema as claims.yaml).

A verdict takes its label from the audit when the audit lists it (same rule, verdict and
sentences); otherwise from the labelled claims it matches (it cites a claim's sentence,
and for a claim across reports sentences of two of its reports): an INCONSISTENT verdict
on an inconsistent claim is correct, on any other claim a false alarm; a CONSISTENT one on
a consistent claim correct, on an inconsistent claim wrong; an UNVERIFIABLE one on an
unverifiable claim correct. Anything else stays unlabelled and is left out of precision.

Precision per verdict = correct / labelled. Recall of a label = the claims of that label
(claims.yaml and the audit's missed ones) matched by a verdict saying it, not itself
labelled false_alarm or wrong, whose rule speaks to the claim's kind (``RULE_KINDS``) or
that the audit names as its claim: a verdict on a date line that cites a sentence of a
labelled sum does not find the sum.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import config
from ..errors import BadGoldData
from ..types import Analysis, Check
from ..verify.report import Stored, corpus_checks

_DERIVED = {
    ("inconsistent", "inconsistent"): "correct",
    ("inconsistent", "not_comparable"): "false_alarm",
    ("inconsistent", "consistent"): "false_alarm",
    ("inconsistent", "unverifiable"): "false_alarm",
    ("consistent", "consistent"): "correct",
    ("consistent", "inconsistent"): "wrong",
    ("unverifiable", "unverifiable"): "correct",
}
VERDICTS = ("inconsistent", "consistent", "unverifiable")
# Which claim kinds a rule's verdicts speak to: among the claims a verdict cites, these are preferred.
RULE_KINDS = {
    "kinematics": {"kinematics", "ratio"},
    "geography": {"geography"},
    "numbers": {"same_event_count", "same_event_figure", "rounding"},
    "time.first_since": {"same_event_date", "ordering"},
    "time.event_date_across": {"same_event_date"},
    "time.clock_time_across": {"same_event_date"},
    "time.response_before_event": {"ordering"},
    "time.scale_moment_across": {"same_event_figure", "ordering"},
    "time.duration_vs_dates": {"duration_vs_dates"},
    "calendar.weekday_vs_date": {"weekday_vs_date"},
    "calendar.dated_after_publication": {"date_vs_publication"},
    "arithmetic.conversion": {"rounding"},
    "arithmetic.parts_sum": {"sum"},
    "arithmetic.difference": {"difference", "sum"},
    "arithmetic.percentage_change": {"percentage"},
    "arithmetic.years_since": {"difference"},
    "arithmetic.age_vs_birth": {"age_vs_birth"},
}
AUDIT_LABELS = frozenset({"correct", "false_alarm", "wrong"})


@dataclass(frozen=True)
class LabelledClaim:
    id: str
    docs: tuple[str, ...]
    cites: tuple[str, ...]
    kind: str
    label: str
    figures: str
    computed: str
    note: str


@dataclass(frozen=True)
class AuditEntry:
    rule: str
    verdict: str
    sentences: tuple[str, ...]  # RECORD_ID#SENTENCE, sorted
    label: str  # correct | false_alarm | wrong
    claim: str = ""  # the id of the labelled claim it is about, when there is one
    note: str = ""


@dataclass(frozen=True)
class Audit:
    labelled_on: str  # the commit whose verdicts were read
    verdicts: tuple[AuditEntry, ...] = ()
    missed: tuple[LabelledClaim, ...] = ()


@dataclass(frozen=True)
class ScoredVerdict:
    rule: str
    verdict: str
    sentences: tuple[str, ...]
    confidence: float
    label: str  # correct | false_alarm | wrong | "" (unlabelled)
    source: str  # audit | claim | ""
    claims: tuple[str, ...]  # ids of the labelled claims it matches
    claim: str  # the verdict's own claim text
    # the claims it counts as finding: those of the kinds its rule speaks to (or the one the
    # audit names), so a date-line verdict citing a sentence of a sum claim finds no sum
    credits: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerdictScore:
    verdict: str
    total: int
    labelled: int
    correct: int
    false_alarm: int
    wrong: int
    precision: float | None


@dataclass(frozen=True)
class RecallScore:
    label: str
    claims: int
    found: int
    recall: float | None
    missed: tuple[str, ...]


@dataclass(frozen=True)
class CheckScores:
    gold: str
    audit: str
    labelled_on: str
    documents: int
    documents_with_claims: int
    documents_with_claims_checked: int
    by_verdict: tuple[VerdictScore, ...]
    recall: tuple[RecallScore, ...]
    by_rule: dict[str, int]
    not_comparable_flagged: tuple[str, ...]
    unresolved_cites: tuple[str, ...]
    verdicts: tuple[ScoredVerdict, ...]


# -- reading ------------------------------------------------------------------------------------


def _claims_from(data: Any, where: str) -> tuple[LabelledClaim, ...]:
    if not isinstance(data, list):
        raise config.ConfigError(f"{where}: expected a list of claims")
    return tuple(config.build(LabelledClaim, c, f"{where}[{i}]") for i, c in enumerate(data))


@dataclass(frozen=True)
class Gold:
    claims_path: str
    claims: tuple[LabelledClaim, ...]
    audit_path: str = ""
    audit: Audit | None = None


def load_gold(gold: str, audit: str | None = None) -> Gold:
    """The labelled claims and, when there is one, the verdict audit (``verdicts.yaml``
    beside the claims unless ``audit`` names another file)."""
    path = Path(gold)
    claims_path = path / "claims.yaml" if path.is_dir() else path
    audit_path = Path(audit) if audit else claims_path.with_name("verdicts.yaml")
    try:
        claims = _claims_from(config.read_yaml(claims_path), claims_path.name)
        if not audit_path.exists():
            return Gold(str(claims_path), claims)
        return Gold(str(claims_path), claims, str(audit_path), config.load(Audit, audit_path))
    except (OSError, yaml.YAMLError, config.ConfigError) as exc:
        # a gold file the user names is input: one coded line, no traceback
        raise BadGoldData(" ".join(str(exc).split())) from None


# -- matching -----------------------------------------------------------------------------------


def _sentence_of(a: Analysis, cite: str) -> int | None:
    k = a.parsed.text.find(cite)
    if k < 0:
        return None
    return next((s.index for s in a.parsed.sentences if s.start <= k < s.end), None)


def claim_sentences(claim: LabelledClaim, by_record: dict[str, Analysis]) -> tuple[set[str], list[str]]:
    """The claim's sentences as RECORD#N, and the cites found nowhere."""
    found: set[str] = set()
    lost = []
    for cite in claim.cites:
        hit = None
        for rid in claim.docs:
            a = by_record.get(rid)
            n = _sentence_of(a, cite) if a is not None else None
            if n is not None:
                hit = f"{rid}#{n}"
                break
        if hit is None:
            lost.append(f"{claim.id}: {cite!r}")
        else:
            found.add(hit)
    return found, lost


def matches(claim_docs: int, claim_sents: set[str], verdict_sents: Iterable[str]) -> bool:
    """A verdict is about a claim when it cites one of its sentences; for a claim across
    reports, sentences of at least two of them."""
    shared = claim_sents & set(verdict_sents)
    if not shared:
        return False
    return claim_docs == 1 or len({s.split("#")[0] for s in shared}) >= 2


def record_of(a: Analysis) -> str:
    return a.article.record_id or a.article.doc_id


def verdict_sentences(c: Check, records: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted({f"{records.get(x.doc_id, x.doc_id)}#{x.sentence_index}" for x in c.citations}))


# -- scoring ------------------------------------------------------------------------------------


def _label(
    c: Check,
    sents: tuple[str, ...],
    audit: dict[tuple[str, str, tuple[str, ...]], AuditEntry],
    hits: list[LabelledClaim],
) -> tuple[str, str]:
    entry = audit.get((c.rule, c.verdict, sents))
    if entry is not None:
        return entry.label, "audit"
    derived = {_DERIVED.get((c.verdict, h.label), "") for h in hits}
    if len(derived) == 1 and "" not in derived:
        return derived.pop(), "claim"
    return "", ""


def _kinds(rule: str) -> set[str]:
    for prefix in (rule, rule.split(".")[0]):
        if prefix in RULE_KINDS:
            return RULE_KINDS[prefix]
    return set()


def _closest(
    hits: list[LabelledClaim], sents: dict[str, set[str]], vs: tuple[str, ...], rule: str
) -> list[LabelledClaim]:
    """The matching claims of the rule's kinds, and among them those whose sentences
    overlap the verdict's most (Jaccard)."""
    kinds = _kinds(rule)
    hits = [c for c in hits if c.kind in kinds] or hits

    def overlap(c: LabelledClaim) -> float:
        a, b = sents[c.id], set(vs)
        return len(a & b) / len(a | b)

    best = max((overlap(c) for c in hits), default=0.0)
    return [c for c in hits if overlap(c) == best]


def _by_verdict(scored: list[ScoredVerdict]) -> tuple[VerdictScore, ...]:
    out = []
    for v in VERDICTS:
        these = [s for s in scored if s.verdict == v]
        n = Counter(s.label for s in these)
        labelled = n["correct"] + n["false_alarm"] + n["wrong"]
        prec = round(n["correct"] / labelled, 4) if labelled else None
        out.append(VerdictScore(v, len(these), labelled, n["correct"], n["false_alarm"], n["wrong"], prec))
    return tuple(out)


def _recall(claims: list[LabelledClaim], scored: list[ScoredVerdict]) -> tuple[RecallScore, ...]:
    out = []
    for label in ("inconsistent", "consistent", "unverifiable"):
        pool = [c for c in claims if c.label == label]
        hit = {
            cid for s in scored if s.verdict == label and s.label not in ("false_alarm", "wrong") for cid in s.credits
        }
        missed = tuple(c.id for c in pool if c.id not in hit)
        found = len(pool) - len(missed)
        out.append(RecallScore(label, len(pool), found, round(found / len(pool), 4) if pool else None, missed))
    return tuple(out)


def evaluate(store: Stored, gold: Gold) -> CheckScores:
    """Run every check over the store and score the verdicts."""
    analyses = [store.load_analysis(d) for d in store.doc_ids()]
    return score(analyses, gold)


def score(analyses: list[Analysis], gold: Gold) -> CheckScores:
    claims, audit = gold.claims, gold.audit
    by_record = {record_of(a): a for a in analyses}
    records = {a.article.doc_id: record_of(a) for a in analyses}
    everything = list(claims) + list(audit.missed if audit else ())
    sents: dict[str, set[str]] = {}
    lost: list[str] = []
    for cl in everything:
        sents[cl.id], miss = claim_sentences(cl, by_record)
        lost.extend(miss)
    report = corpus_checks(analyses)
    checks = [c for d in report.documents for c in d.checks] + list(report.across_documents)
    index = {(e.rule, e.verdict, tuple(sorted(e.sentences))): e for e in (audit.verdicts if audit else ())}
    scored = []
    for c in checks:
        vs = verdict_sentences(c, records)
        hits = [cl for cl in everything if matches(len(cl.docs), sents[cl.id], vs)]
        near = _closest(hits, sents, vs, c.rule)
        label, source = _label(c, vs, index, near)
        entry = index.get((c.rule, c.verdict, vs))
        kinds = _kinds(c.rule)
        credit = [h for h in near if not kinds or h.kind in kinds]
        if entry is not None and entry.claim:
            # the audit names the claim a verdict is about (one that spans more reports, say)
            near = [cl for cl in everything if cl.id == entry.claim] or near
            credit = near
        elif entry is not None:
            credit = []  # the audit read it and found it about no labelled claim
        ids = tuple(h.id for h in near)
        scored.append(
            ScoredVerdict(c.rule, c.verdict, vs, c.confidence, label, source, ids, c.claim, tuple(h.id for h in credit))
        )
    flagged = tuple(
        sorted(
            {
                cid
                for s in scored
                if s.verdict == "inconsistent"
                for cid in s.claims
                if _label_of(everything, cid) == "not_comparable"
            }
        )
    )
    claim_docs = {rid for c in everything for rid in c.docs if rid in by_record}
    checked_docs = {s.split("#")[0] for v in scored for s in v.sentences}
    return CheckScores(
        gold=gold.claims_path,
        audit=gold.audit_path,
        labelled_on=audit.labelled_on if audit else "",
        documents=len(analyses),
        documents_with_claims=len(claim_docs),
        documents_with_claims_checked=len(claim_docs & checked_docs),
        by_verdict=_by_verdict(scored),
        recall=_recall(everything, scored),
        by_rule=dict(sorted(Counter(f"{s.rule} {s.verdict}" for s in scored).items())),
        not_comparable_flagged=flagged,
        unresolved_cites=tuple(lost),
        verdicts=tuple(scored),
    )


def _label_of(claims: list[LabelledClaim], cid: str) -> str:
    return next((c.label for c in claims if c.id == cid), "")
