"""Stage 5, the answer: the most probable candidate with its citations and confidence, the
next ones as alternatives, or "I don't know" with the reason; and its JSON."""

from __future__ import annotations

from ...types import Alternative, Answer, Citation
from .frame import Frame, below, threshold

MAX_CITATIONS = 10


def _citations(e: dict) -> tuple[Citation, ...]:
    """The best three sentences; a count read from the timeline cites each occasion it counts."""
    n = min(max(3, e.get("cite_each", 0)), MAX_CITATIONS)
    cites = sorted(e["cites"].items(), key=lambda kv: -kv[1])[:n]
    return tuple(Citation(d, i, e["rows"][(d, i)]) for (d, i), _ in cites)


def _cites_json(cs) -> list[dict]:
    return [{"doc_id": c.doc_id, "sentence_index": c.sentence_index, "text": c.text} for c in cs]


def answer_json(a: Answer) -> dict:
    return {
        "question": a.question,
        "answer": a.answer,
        "value": a.value,
        "confidence": a.confidence,
        "citations": _cites_json(a.citations),
        "answer_type": a.answer_type,
        "type": a.type,
        "reason": a.reason,
        "alternatives": [
            {"answer": x.answer, "value": x.value, "confidence": x.confidence, "citations": _cites_json(x.citations)}
            for x in a.alternatives
        ],
    }


def unknown(f: Frame, reason: str, alternatives: tuple[Alternative, ...] = ()) -> Answer:
    """No answer, and why."""
    return Answer(
        question=f.question,
        answer="",
        reason=reason,
        answer_type=f.answer_type,
        type=f.kind,
        alternatives=alternatives,
    )


def _in_the_past(f: Frame, e: dict) -> bool:
    """A date that cannot answer a question about the future: the report's own date, or one before it."""
    o = e["opt"]
    if not f.future or f.answer_type != "date":
        return False
    published = e.get("published") or ""
    if o.report or not (o.value and published):
        return o.report
    if len(o.value) >= 10 and len(published) >= 10:  # a day: the report's own day is not the future either
        return o.value[:10] <= published[:10]
    return o.value[: len(published)] < published[: len(o.value)]


def compose(f: Frame, ranked: list[tuple[float, str, dict]]) -> Answer:
    """The most probable candidate as the answer, unless the model doubts it."""
    ranked = [r for r in ranked if not _in_the_past(f, r[2])]
    if not ranked:
        return unknown(f, "the question asks about the future and the reports only give past dates")
    alts = tuple(Alternative(e["opt"].text, e["opt"].value, round(p, 3), _citations(e)) for p, _, e in ranked[1:4])
    p, _, e = ranked[0]
    if p < threshold(f):
        return unknown(
            f,
            f"best candidate {e['opt'].text!r} is too uncertain ({below(f, p)})",
            ((Alternative(e["opt"].text, e["opt"].value, round(p, 3), _citations(e)),) + alts)[:3],
        )
    o = e["opt"]
    return Answer(
        answer=o.text,
        value=o.value,
        confidence=round(p, 3),
        citations=_citations(e),
        reason=f"{f.answer_type} from {len(e['texts'])} sentence(s)",
        question=f.question,
        answer_type=f.answer_type,
        type=f.kind,
        alternatives=alts,
    )
