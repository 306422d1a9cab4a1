"""Questions answered from the stored facts, with the sentence that says it.

``ask(store, question) -> Answer`` passes the question once through five stages:

1. ``question``: read the question (spaCy parse): wh-word -> answer type, main verb (or
   focus noun for "who is X's Y?"), the wh-word's syntactic role, names, time
   constraints ("in 2019", "before 2016"), tense, "last"/"first";
2. ``retrieve``: candidate sentences with FTS5/BM25 (any word, plus synonyms) naming the
   question's names, the other sentences of the documents that name them (a missing name
   lowers a score, it removes nothing), and their neighbours (pronouns refer back), scored
   on the names, the question's words and its time constraints;
3. ``read``: read the best few in their stored parses, find the question's verb in them,
   and take candidates of the right type from the structured facts: times, places,
   quantities matched by what they count or measure (``quantities``), event roles, the
   verb's argument in the wh-word's role, names beside the noun "which"/"what" asks for,
   reason cues, or yes/no with the sentence that says it; and for "first"/"last"/"how many
   times", the stored timeline's occasions of the question's event (``across``);
4. ``rank``: merge candidates across sentences;
5. ``answer``: the best one with its citations, or nothing and why.

A question between two options ("which came first, A or B?") is answered by ``compare``:
one of the options, from a "when" question about each, or the best candidate naming one; a
comparison by a measure ("which is older, A or B?", "who was the youngest of the victims?")
from a question about each option's value (with no options, the people its sentences name);
one about the reports themselves ("the earliest report about X") by ``reports``.
"""

from __future__ import annotations

from ...types import Answer
from . import compare
from .across import across, merge
from .answer import answer_json, compose, unknown
from .frame import Frame
from .question import analyse_question
from .rank import rank
from .read import read
from .reports import about_reports
from .retrieve import resolve_names, retrieve

__all__ = ["Frame", "analyse_question", "answer_json", "ask", "candidates"]


def ask(store, question: str, careful: bool = False) -> Answer:
    """The answer to ``question`` from the store, or "I don't know" and why; ``careful`` answers only
    above the confidence that gave 0.9 precision on the development questions."""
    f = analyse_question(question)
    f.careful = careful
    if f.options and f.earlier is not None:
        return compare.by_dates(store, f, ask)
    if f.options and f.measure:
        return compare.by_values(store, f, ask, f.options)
    if f.answer_type == "report" and f.order:
        return about_reports(store, f, resolve_names(store, f))
    found = candidates(store, f)
    if isinstance(found, str):
        return unknown(f, found)
    ranked = rank(f, found)
    if f.measure and f.answer_type == "agent":  # "who was the youngest of the victims?"
        return compare.by_values(store, f, ask, *compare.people(ranked))
    if f.options:
        ranked = compare.among_options(f, ranked)
        if not ranked:
            return unknown(f, f"no sentence read answers with {' or '.join(f.options)}")
    return compose(f, ranked)


def candidates(store, f: Frame) -> dict[str, dict] | str:
    """Stages 2 and 3: every candidate answer of the read question, or why there is none."""
    if not f.terms:
        return "the question has no content words to look for"
    if f.wh is None and f.answer_type != "yesno":
        return (
            "no question word (who, what, when, where, why, how, which) to answer; "
            "for an entity, try `dateline entity NAME`"
        )
    got = retrieve(store, f)
    if isinstance(got, str):
        return got
    chosen, facts = got
    options = read(store, f, chosen, facts)
    best = max((e["best"] for e in options.values()), default=1.0)
    docs = {d for d, _ in facts["sentences"]}
    options = merge(options, across(store, f, facts["resolved"], best, docs))
    if not options:
        return f"sentences mention the question's subject but none states a {f.answer_type}"
    return options
