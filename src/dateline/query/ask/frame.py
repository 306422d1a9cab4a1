"""The question as read by stage 1 (``question.analyse_question``): what it asks for, about whom,
when, and how sure an answer must be."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .config import weights


@dataclass
class NameGroup:
    text: str
    label: str
    soft: bool = False  # nationalities and the like: a bonus, not a requirement
    acting: bool = False  # the subject of a verb of the question ("why might Moscow be reluctant ...?")

    @property
    def words(self) -> set[str]:
        return {w.lower() for w in re.findall(r"[\w-]+", self.text)}


@dataclass
class Frame:
    question: str
    wh: str | None = None
    answer_type: str = "phrase"
    kinds: tuple[str, ...] = ()
    measure_words: tuple[str, ...] = ()
    pred: str | None = None
    pred_light: bool = True
    comp_pred: str | None = None  # the verb the main one governs ("want it abandoned", "choose to change")
    focus: str | None = None
    wh_role: str = "adv"
    names: list[NameGroup] = field(default_factory=list)
    content: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    tense: str = "any"  # past | present | any
    future: bool = False  # "when will ...", "is X going to ...": never answered with a past date
    kind: str = "other"  # the kind of question (Answer.type)
    order: str | None = None
    times: list[tuple[str, str, str, str]] = field(default_factory=list)  # (op, earliest, latest, text)
    passive: bool = False
    nouns: list[str] = field(default_factory=list)  # content nouns a sentence (or its context) must contain
    subject: NameGroup | None = None  # the question's subject when it is a name ("What does Kim want?")
    counted: str | None = None  # the noun after "how many" ("how many German soldiers": soldier)
    head_noun: str | None = None  # the noun "which"/"what" asks for ("which firm", "what kind of rocket")
    options: tuple[str, ...] = ()  # "which came first, A or B?": the answer is one of these
    earlier: bool | None = None  # with options: True asks for the earlier ("first"), False the later one
    # "which is older, A or B?", "who was the youngest ...?": the question that gives each one's value
    # ("How old is {}?") and whether the larger value answers
    measure: str | None = None
    larger: bool = True
    careful: bool = False  # answer only above the threshold that gave 0.9 precision on the dev set
    before: bool = False  # "before 2024, when had he last ...?": the last time before a reference point


def threshold(f: Frame) -> float:
    """The confidence below which the question is not answered."""
    w = weights()
    return w.careful_threshold if f.careful else w.threshold


def below(f: Frame, confidence: float) -> str:
    """ "confidence 0.62, under the careful threshold 0.72": why an answer was held back."""
    return f"confidence {confidence:.2f}, under the {'careful ' if f.careful else ''}threshold {threshold(f):.2f}"
