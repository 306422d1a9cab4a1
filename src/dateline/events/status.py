"""Event status from the parse: occurred, ongoing, planned, possible, negated.

Cues (data/cues.yaml): auxiliaries and modals on the trigger or on the verbs
governing it ("will", "may"), control verbs ("is scheduled to meet", "is
expected to focus on"), planned nouns ("plans to visit"), purpose
infinitives ("travels ... to meet") and negation. Tense decides the rest.
"""

from __future__ import annotations

from ._data import lexicon
from .context import DocContext

_CLIMB_VERB = ("xcomp", "conj", "acomp")
_CLIMB_NOUN = ("dobj", "attr", "nsubj", "nsubjpass", "pobj", "prep", "conj", "appos", "oprd")


def event_status(ctx: DocContext, i: int, in_title: bool = False) -> str:
    lex = lexicon()
    toks = ctx.toks
    negated = False
    status: str | None = None
    cur = i
    tense_tok = None
    for _hop in range(6):
        t = toks[cur]
        be_aux = None
        for k in ctx.kids[cur]:
            kt = toks[k]
            low = ctx.lower[k]
            if kt.dep == "neg" or (low in lex.negation_words and kt.dep in ("neg", "advmod", "preconj")):
                negated = True
            elif kt.dep in ("aux", "auxpass"):
                if low in lex.planned_aux:
                    status = status or "planned"
                elif low in lex.possible_aux:
                    status = status or "possible"
                elif low == "to" and kt.tag == "TO" and cur != i and t.dep == "advcl" and status is None:
                    status = "planned"  # a purpose not yet reached: "travels ... to meet"
                elif kt.lemma in ("be", "have", "do"):
                    be_aux = be_aux or kt
        if cur != i:
            lem = t.lemma.lower()
            if lem in lex.planned_governors:
                status = status or "planned"
            elif lem in lex.possible_governors:
                status = status or "possible"
            elif t.pos == "NOUN" and lem in lex.planned_nouns:
                status = status or "planned"
        if t.pos in ("VERB", "AUX") and tense_tok is None:
            tense_tok = (t, be_aux)
        if cur == i and t.dep == "advcl" and any(ctx.lower[k] == "to" and toks[k].tag == "TO" for k in ctx.kids[cur]):
            status = status or "planned"
        head = t.head
        if head == cur:
            break
        dep = t.dep
        if t.pos in ("VERB", "AUX"):
            if dep in _CLIMB_VERB or (
                dep == "acl" and toks[head].pos == "NOUN" and toks[head].lemma.lower() in lex.planned_nouns
            ):
                cur = head
                continue
            # "is scheduled to meet" parses meet as xcomp; "plans to visit" as acl: handled above
            break
        if (dep in _CLIMB_NOUN or t.pos not in ("VERB", "AUX")) and dep in (
            "pobj",
            "prep",
            "appos",
            "conj",
            "dobj",
            "attr",
            "nsubj",
            "nsubjpass",
            "oprd",
            "compound",
            "npadvmod",
        ):
            cur = head
            continue
        break
    if negated:
        return "negated"
    if status:
        return status
    if tense_tok is None:
        return "occurred"  # a noun phrase headline: "Explosion outside consulate"
    t, aux = tense_tok
    tag = t.tag
    if tag == "VBD":
        return "occurred"
    aux_low = aux.text.lower() if aux is not None else ""
    if tag == "VBG":
        return "occurred" if aux_low in ("was", "were") else "ongoing"
    if tag == "VBN":
        if aux_low in ("is", "are", "am", "'s", "’s"):
            return "ongoing"
        return "occurred"
    if tag in ("VBZ", "VBP"):
        return "occurred" if in_title else "ongoing"  # headlines use the present for the past
    return "occurred" if in_title else "ongoing"


def reported_by(ctx: DocContext, i: int) -> int | None:
    """Token index of the subject of a reporting verb governing ``i`` ("X said ...")."""
    lex = lexicon()
    toks = ctx.toks
    cur = i
    for _hop in range(8):
        t = toks[cur]
        head = t.head
        if head == cur:
            break
        ht = toks[head]
        if t.dep in ("ccomp", "parataxis") and ht.lemma.lower() in lex.reporting_verbs:
            for k in ctx.kids[head]:
                if toks[k].dep in ("nsubj",):
                    return k
            return None
        cur = head
    # "according to X": the same for every event of a sentence, so scanned once per sentence
    # (a scan per call made a long sentence quadratic)
    key = ("according_to", toks[i].sentence)
    if key not in ctx.memo:
        ctx.memo[key] = _according_to(ctx, toks[i].sentence)
    return ctx.memo[key]


def _according_to(ctx: DocContext, sentence: int) -> int | None:
    s = ctx.parsed.sentences[sentence]
    for k in range(s.token_start, s.token_end - 2):
        if ctx.lower[k] == "according" and ctx.lower[k + 1] == "to":
            for c in ctx.kids[k + 1]:
                if ctx.toks[c].dep == "pobj":
                    return c
    return None
