"""Event status from the parse: occurred, ongoing, planned, possible, negated.

Cues (data/cues.yaml): auxiliaries and modals on the trigger or on the verbs
governing it ("will", "may"), control verbs ("is scheduled to meet", "is
expected to focus on"), planned nouns ("plans to visit"), purpose
infinitives ("travels ... to meet") and negation. Tense decides the rest.
"""

from __future__ import annotations

from ._data import clauses, lexicon
from .context import DocContext, in_quotation

_CLIMB_VERB = ("xcomp", "conj", "acomp")


_CLIMB_NOUN_DEPS = frozenset(
    ("pobj", "prep", "appos", "conj", "dobj", "attr", "nsubj", "nsubjpass", "oprd", "compound", "npadvmod")
)


def event_status(ctx: DocContext, i: int, in_title: bool = False) -> str:
    """occurred | ongoing | planned | possible | negated, from the trigger and the verbs governing it."""
    negated = False
    status: str | None = None
    cur = i
    via = ""  # the dependency climbed through to reach ``cur``
    tense_tok = None
    if _question(ctx, i):
        return "possible"  # "Did Clinton just fire the starting gun on Michelle Obama's 2020 bid?"
    for _hop in range(6):
        t = ctx.toks[cur]
        if _conditional(ctx, cur, i):
            return "possible"
        neg, aux_status, be_aux = _aux_cues(ctx, cur, i)
        if via != "conj":  # "isn't taking it lying down - and she protested": the protest is real
            negated = negated or neg or _denied_by(t, via)
        status = status or aux_status
        if cur != i and via != "conj":  # "proposed X, and its rocket was launched": not a plan
            status = status or _governor_status(t)
        participle = t.tag == "VBG" and be_aux is None and t.dep in ("advcl", "xcomp", "conj", "acl")
        if t.pos in ("VERB", "AUX") and tense_tok is None and not participle:
            tense_tok = (t, be_aux)  # "..., pledging an investigation": the tense of the verb it hangs on
        if cur == i:
            status = status or _infinitive_status(ctx, i)
        nxt = _climb(ctx, cur)
        if nxt is None:
            break
        via, cur = t.dep, nxt
    if negated:
        return "negated"
    return status or _tense_status(tense_tok, in_title)


def _denied_by(t, via: str) -> bool:
    """ "failed to finish", "refused to comment": a governor that denies its complement."""
    return via == "xcomp" and t.lemma.lower() in clauses().negating_governors


def _question(ctx: DocContext, i: int) -> bool:
    """The event's sentence is a question (it ends with "?", closing marks aside): a question
    asserts nothing. When the question is quoted ("He asked: "Is it over?""), only the quoted
    events are."""
    s = ctx.parsed.sentences[ctx.toks[i].sentence]
    text = ctx.parsed.text[s.start : s.end]
    if not text.rstrip(" \"'”’)").endswith("?"):
        return False
    quoted = any(in_quotation(ctx, k) for k in range(s.token_start, s.token_end))
    return in_quotation(ctx, i) or not quoted


def _conditional(ctx: DocContext, cur: int, i: int) -> bool:
    """ "if Trump got elected", "If Rosberg finishes third ..., he wins the title": a clause
    under a condition (data/clauses.yaml), or the present-tense event the condition is on."""
    marks = clauses().conditional_marks
    toks = ctx.toks

    def marked(k: int) -> bool:
        return any(toks[c].dep == "mark" and ctx.lower[c] in marks for c in ctx.kids[k])

    if marked(cur):
        return True
    return (
        cur == i
        and toks[i].tag in ("VBZ", "VBP", "VB")
        and any(toks[c].dep == "advcl" and marked(c) for c in ctx.kids[i])
    )


def _infinitive_status(ctx: DocContext, i: int) -> str | None:
    """The status a "to" infinitive gives its own event: a purpose not yet reached ("travels
    ... to meet"), "be to" ("is to visit", "Comey is to blame": not asserted as done), or an
    infinitive on a noun ("nothing to change his conclusion")."""
    t = ctx.toks[i]
    if not _has_to(ctx, i):
        return None
    if t.dep == "advcl" or (t.dep == "xcomp" and ctx.toks[t.head].lemma == "be"):
        return "planned"
    return "possible" if _infinitival_relative(ctx, i) else None


def _infinitival_relative(ctx: DocContext, i: int) -> bool:
    """ "nothing to change his conclusion", "a way to cut costs": an infinitive on a noun says
    what could be, not what was ("the first rocket to launch from it" is asserted; "plans to
    visit" is planned, by the noun)."""
    toks = ctx.toks
    t = toks[i]
    if t.dep not in ("acl", "relcl"):
        return False
    head = toks[t.head]
    lex = lexicon()
    if head.lemma.lower() in lex.planned_nouns | lex.possible_nouns:
        return False
    firsts = clauses().asserting_modifiers
    return not any(toks[c].tag in ("JJS", "RBS") or ctx.lower[c] in firsts for c in ctx.kids[t.head])


def _has_to(ctx: DocContext, k: int) -> bool:
    return any(ctx.lower[c] == "to" and ctx.toks[c].tag == "TO" for c in ctx.kids[k])


def _aux_cues(ctx: DocContext, cur: int, i: int) -> tuple[bool, str | None, object]:
    """Negation, the status its auxiliaries give, and its be/have/do auxiliary, for token ``cur``."""
    lex = lexicon()
    toks = ctx.toks
    negated, status, be_aux = False, None, None
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
            elif low == "to" and kt.tag == "TO" and cur != i and toks[cur].dep == "advcl" and status is None:
                status = "planned"  # a purpose not yet reached: "travels ... to meet"
            elif kt.lemma in ("be", "have", "do"):
                be_aux = be_aux or kt
    return negated, status, be_aux


def _governor_status(t) -> str | None:
    """The status a governing word gives its complement: "plans to", "may", "the ability to"."""
    lex = lexicon()
    lem = t.lemma.lower()
    if lem in lex.planned_governors:
        return "planned"
    if lem in lex.possible_governors:
        return "possible"
    if t.pos == "NOUN" and lem in lex.planned_nouns:
        return "planned"
    if t.pos == "NOUN" and lem in lex.possible_nouns:
        return "possible"
    return None


def _climb(ctx: DocContext, cur: int) -> int | None:
    """The governing token whose cues apply to ``cur``, or None."""
    lex = lexicon()
    toks = ctx.toks
    t = toks[cur]
    head = t.head
    if head == cur:
        return None
    if t.pos in ("VERB", "AUX"):
        noun_gov = toks[head].pos == "NOUN" and toks[head].lemma.lower() in lex.planned_nouns | lex.possible_nouns
        if t.dep in _CLIMB_VERB or (t.dep == "acl" and noun_gov):
            return head
        if t.dep == "relcl" and toks[head].dep == "attr":
            return head  # "this is not a situation where they played golf": they did not
        # "is scheduled to meet" parses meet as xcomp; "plans to visit" as acl: handled above
        return None
    return head if t.dep in _CLIMB_NOUN_DEPS else None


def _tense_status(tense_tok, in_title: bool) -> str:
    if tense_tok is None:
        return "occurred"  # a noun phrase headline: "Explosion outside consulate"
    t, aux = tense_tok
    tag = t.tag
    if tag == "VBD":
        return "occurred"
    aux_low = aux.text.lower() if aux is not None else ""
    if aux is not None and aux.tag == "VBD" and tag in ("VB", "VBN"):
        return "occurred"  # "did say", "had said"
    if tag == "VBG":
        return "occurred" if aux_low in ("was", "were") else "ongoing"
    if tag == "VBN":  # "is elected" in a headline is the news of a past event
        return "ongoing" if aux_low in ("is", "are", "am", "'s", "’s") and not in_title else "occurred"
    return "occurred" if in_title else "ongoing"  # headlines use the present for the past


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
