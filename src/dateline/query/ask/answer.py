"""Stage 5, the answer: the best candidate with its citations and confidence, or "I don't
know" with the reason; and its JSON."""

from __future__ import annotations

from ...types import Answer, Citation
from .config import _cfg
from .question import Frame


def answer_json(a: Answer) -> dict:
    return {
        "question": a.question,
        "answer": a.answer,
        "value": a.value,
        "confidence": a.confidence,
        "citations": [{"doc_id": c.doc_id, "sentence_index": c.sentence_index, "text": c.text} for c in a.citations],
        "answer_type": a.answer_type,
        "reason": a.reason,
    }


def unknown(f: Frame, reason: str) -> Answer:
    """No answer, and why."""
    return Answer(question=f.question, answer="", reason=reason, answer_type=f.answer_type)


def compose(f: Frame, ranked: list[tuple[float, str, dict]]) -> Answer:
    """The best-ranked candidate as the answer, unless it is too weak."""
    sc = _cfg()["scoring"]
    total, _, e = ranked[0]
    if total < sc["min_answer_score"]:
        return unknown(f, f"best candidate {e['opt'].text!r} is too weakly supported ({total:.2f})")
    o = e["opt"]
    cites = sorted(e["cites"].items(), key=lambda kv: -kv[1])[:3]
    citations = tuple(Citation(d, i, e["rows"][(d, i)]) for (d, i), _ in cites)
    confidence = round(min(0.99, total / (total + 1.5)), 3)
    return Answer(
        answer=o.text,
        value=o.value,
        confidence=confidence,
        citations=citations,
        reason=f"{f.answer_type} from {len(e['texts'])} sentence(s)",
        question=f.question,
        answer_type=f.answer_type,
    )
