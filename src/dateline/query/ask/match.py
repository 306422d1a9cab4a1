"""Reading helpers: which tokens of a sentence stand for the question's verb, the status of
what they say against the question's tense, and the candidate record the readers produce."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...nlp.lexicon import english
from ...types import ParsedDoc
from .config import _cfg
from .frame import Frame
from .retrieve import _name_match, _norm_words
from .tree import _children, _tok_at


def _lemma_match(a: str, b: str) -> float:
    if a == b:
        return 1.0
    syn = _cfg()["_syn"]
    if b in syn.get(a, ()):
        return 0.8
    short, long_ = sorted((a, b), key=len)
    # a silent final e goes before a suffix: "examine" - "examination", "invite" - "invitation"
    root = short[:-1] if short.endswith("e") and len(short) >= 5 else short
    suffixes: tuple[str, ...] = ("ing", "s", "es", "ion", "ation", "ment", "al", "er", "ize", "ise", "ed", "d")
    if root != short:  # vowel suffixes only, "-ion" after a longer word ("locate", not "state" - "station")
        suffixes = ("ing", "ation", "er", "ed", "al") + (("ion",) if len(short) >= 6 else ())
    if len(short) >= 4 and long_.startswith(root) and long_[len(root) :] in suffixes:
        return 0.9
    return 0.0


def _match_tokens(pd: ParsedDoc, lemma: str, events: list, start: int) -> list[tuple[int, float]]:
    """Tokens of the sentence that stand for the question's verb (or focus noun), strongest first."""
    out: dict[int, float] = {}
    for t in pd.tokens:
        if t.pos in ("VERB", "NOUN", "ADJ", "PROPN", "AUX") or t.tag.startswith("VB"):
            s = _lemma_match(lemma, t.lemma.lower()) or _lemma_match(lemma, t.text.lower())
            if s:
                out[t.i] = max(out.get(t.i, 0), s)
    for i, s in _phrase_matches(pd, lemma) + _event_matches(pd, lemma, events, start):
        out[i] = max(out.get(i, 0), s)
    return sorted(out.items(), key=lambda x: -x[1])


def _phrase_matches(pd: ParsedDoc, lemma: str) -> list[tuple[int, float]]:
    """Where a multi-word synonym of the verb starts ("hold talks" for "meet")."""
    toks = pd.tokens
    lem = [t.lemma.lower() for t in toks]
    out = []
    for phrase in _cfg()["_syn"].get(lemma, ()):
        words = phrase.split()
        if len(words) < 2:
            continue
        for i in range(len(toks) - len(words) + 1):
            if all(lem[i + k] == w or toks[i + k].text.lower() == w for k, w in enumerate(words)):
                out.append((i, 0.8))
    return out


def _event_matches(pd: ParsedDoc, lemma: str, events: list, start: int) -> list[tuple[int, float]]:
    """Triggers of stored events of the verb's type (the events stage's ontology)."""
    typ = _cfg()["_types"].get(lemma)
    if not typ or typ == "OTHER":
        return []
    out = []
    for e in events:
        if e.type == typ:
            at = _tok_at(pd, e.trigger_start - start)
            if at is not None:
                out.append((at, 0.75))
    return out


def _status(pd: ParsedDoc, i: int, events_by_start: dict, start: int) -> str:
    t = pd.tokens[i]
    if t.dep == "acl" and t.tag == "VBN":  # "the team, headed by Christie": a standing state, now as then
        return "ongoing"
    ev = events_by_start.get(t.start + start)
    return ev.status if ev is not None else _status_from_parse(pd, i)


def _status_from_parse(pd: ParsedDoc, i: int) -> str:
    """Planned, possible, occurred or ongoing, from the auxiliaries and governors up the verb's chain."""
    cues = _cfg()["status_cues"]
    chain = [i]
    for _ in range(3):
        h = pd.tokens[chain[-1]].head
        if h == chain[-1]:
            break
        chain.append(h)
    for k, c in enumerate(chain):
        kids = _children(pd, c)
        al = {x.text.lower() for x in kids if x.dep in ("aux", "auxpass")}
        if al & set(cues["future_aux"]):
            return "planned"
        if al & set(cues["modal_aux"]):
            return "possible"
        if k > 0 and pd.tokens[c].lemma.lower() in cues["planned_governors"]:
            return "planned"
        if k == 0 and (
            pd.tokens[c].tag == "VBD" or (pd.tokens[c].tag == "VBN" and al & {"has", "have", "had", "was", "were"})
        ):
            return "occurred"
        if pd.tokens[c].pos == "VERB" and k > 0:
            break
    return "ongoing"


def _status_factor(f: Frame, status: str) -> float:
    bad = _cfg()["scoring"]["status_mismatch"]
    if f.tense == "past":
        return 1.0 if status in ("occurred", "ongoing") else bad
    if f.tense == "present":
        return bad if status in ("occurred", "negated") else 1.0
    return 0.8 if status == "negated" else 1.0


@dataclass
class Option:
    text: str
    value: str | None
    score: float
    key: str | None = None
    factor: float = 1.0  # tense/status agreement with the question, applied to the whole score
    report: bool = False  # a date taken from the report's own date, not from the text
    fit: float = 0.0  # +1 it is what the question asks for (counts, measures, is a ...), -1 something else
    vague: bool = False  # a rough count ("dozens", "hundreds"), not a number the text states
    since: bool = False  # "the first visit since 2000": the previous occurrence's date, not this one's
    context: bool = False  # a date the sentence takes from the sentences just before it
    ordered: bool = False  # the sentence says "first"/"last" on the asked event itself ("first announced on")


def names_option(text: str, option: str) -> bool:
    """A candidate answer that is (or names) one of the options a question offers."""
    from ...entities.names import names_match

    a, b = text.lower(), option.lower()
    return a in b or b in a or names_match(option, text) or names_match(text, option)


def novelty(f: Frame, text: str) -> float:
    """Share of the answer's words the question does not already say ("local tavern owner" for
    "which tavern owner ...?" says almost nothing new)."""
    words = [w for w in _norm_words(text) if w not in english().determiners]
    if not words:
        return 0.0
    asked = _norm_words(f.question) | {w for w in f.content}
    return sum(not any(_lemma_match(w, a) for a in asked) for w in words) / len(words)


def _question_has(f: Frame, text: str) -> bool:
    """An answer that merely repeats the question's own names is no answer, unless the question
    offers it as an option ("Putin or Trump?")."""
    if any(names_option(text, o) for o in f.options):
        return False
    bare = re.sub(r"['’]s?$", "", text)  # "driver's" for "which driver ...?" repeats it too
    return any(_name_match(g, bare, None) for g in f.names) or bare.lower() in f.question.lower()
