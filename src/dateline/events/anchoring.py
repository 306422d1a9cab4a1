"""Which events may borrow a time their own words do not give them.

`dating.event_time` dates an event by its own clause first; failing that, by the sentence's
time, else by the report's lead. These rules say when such a borrowed time does not apply:

- the sentence's time dates the sentence's own narrative, not the words it quotes or reports:
  inside quotation marks the words are the speaker's (their present is the speaking, not the
  publication day), and in the complement of a reporting verb ("told donors that the news
  angered voters") the sentence's time is the telling's; a statement does not continue the
  narrative of the sentence before it ("..., Adil Salahi told the Mail" is not at the time of
  the crash the sentence before told), nor does any event of a sentence whose time is only
  carried over from the sentence before (the time stage's `context` rule: "He formed a
  partnership" after a sentence dated 2015);
- a simple present outside the title and lead that is no statement ("where the line meets
  the branches", "the phone has a glass back") is a state or a habit true on the publication
  day: it is dated so, as `sentence:state`, which the overall timeline leaves out (it shows news);
- some events keep to themselves and take neither the sentence's nor the report's time:
  "previously", "already" (`anterior_words`) move the event out of the narrative, an event placed
  before or after another ("until Comey released his letter", `relative_marks`) is not at the
  other's time, and a reduced relative ("two bars sold in the UK") describes its noun at no
  particular time;
- the report's lead dates no past progressive ("her campaign was leading"): a state in
  progress at some earlier time, not an event of the news;
- a past-tense event cannot come after its report: a time after the publication day is a
  misread anchor ("One year later ..." read against the publication day).
"""

from __future__ import annotations

from datetime import date

from ..types import SentenceTime
from ._data import clauses, dating, lexicon
from .context import DocContext, in_quotation


def reporting_verb(ctx: DocContext, i: int) -> bool:
    return ctx.toks[i].lemma.lower() in lexicon().reporting_verbs


def reported_content(ctx: DocContext, i: int) -> bool:
    """Whether token ``i`` is in the clausal complement of a reporting verb ("said that ...")."""
    toks = ctx.toks
    verbs = lexicon().reporting_verbs
    cur = i
    for _hop in range(8):
        t = toks[cur]
        if t.head == cur:
            return False
        if t.dep in ("ccomp", "parataxis") and toks[t.head].lemma.lower() in verbs:
            return True
        cur = t.head
    return False


def sentence_time_applies(ctx: DocContext, i: int, v: int | None, stime: SentenceTime) -> bool:
    """Whether the sentence's time may date event ``i`` (the first rule of the module docstring).
    A present attribution ("..., he says"; "AppleInsider is claiming that ...") is at the
    publication day, and so are the present of the words it quotes or reports."""
    present = stime.rule == "publication"
    if in_quotation(ctx, i) and not (present and not in_quotation(ctx, _root(ctx, i))):
        return False
    if reported_content(ctx, i) and not present:
        return False
    # the sentence before's time, carried over: "He formed a potent partnership with Rizzo"
    # after a sentence dated 2015 is not of 2015 ("..., she told the Mail", "had opened the
    # door", "the speeches Obama delivered" neither); of the hand audits' events dated so, 1 in 4
    # was right (development data)
    return stime.rule != "context"


def _root(ctx: DocContext, i: int) -> int:
    return (ctx.tree.ancestors(i) or [i])[-1]


def _placed_by_another(ctx: DocContext, i: int) -> bool:
    """ "until Comey released his letter", "after the company said", "before hitting 39 home
    runs", "debates in which Trump was criticised" after "came after": an event placed before
    or after another (`relative_marks`) is not at that other's time."""
    toks = ctx.toks
    marks = dating().relative_marks
    cur = i
    for _hop in range(4):
        t = toks[cur]
        if any(toks[c].dep == "mark" and ctx.lower[c] in marks for c in ctx.kids[cur]):
            return True
        if t.dep in ("pcomp", "pobj") and ctx.lower[t.head] in marks:
            return True
        if t.dep not in ("conj", "xcomp", "relcl", "acl", "pobj", "pcomp") or t.head == cur:
            return False
        cur = t.head
    return False


def _within_another(ctx: DocContext, i: int) -> bool:
    """ "During that process we reviewed ...": an event inside another thing (`frame_only_preps`
    naming neither a time expression nor an event of the ontology: "during his keynote" is at
    the keynote, which the report's news may well be) happens within it, at no time the
    sentence or the report gives."""
    toks = ctx.toks
    for k in ctx.kids[i]:
        if toks[k].dep == "prep" and ctx.lower[k] in dating().frame_only_preps:
            pobj = next((c for c in ctx.kids[k] if toks[c].dep == "pobj"), None)
            if pobj is None or pobj in ctx.time_mention_at:
                continue
            if lexicon().noun_type.get(toks[pobj].lemma.lower()) is None:
                return True
    return False


def _completed(ctx: DocContext, i: int) -> bool:
    """ "declares it is done investigating", "stopped building": what a completion verb governs
    went on before the time of that verb (data: clauses completion_governors), not at it."""
    t = ctx.toks[i]
    return t.dep == "xcomp" and t.head != i and ctx.toks[t.head].lemma.lower() in clauses().completion_governors


def keeps_to_itself(ctx: DocContext, i: int, v: int | None) -> bool:
    """An event moved away by "previously"/"already", placed by another, or a reduced relative."""
    toks = ctx.toks
    t = toks[i]
    if t.dep == "acl" and t.tag == "VBN" and not any(toks[k].dep in ("aux", "auxpass") for k in ctx.kids[i]):
        return True  # "two bars sold in the UK"
    if _placed_by_another(ctx, i) or _within_another(ctx, i) or _completed(ctx, i):
        return True
    return _anterior(ctx, i) or (v is not None and _anterior(ctx, v)) or _at_an_anterior_when(ctx, v or i)


def _anterior(ctx: DocContext, i: int) -> bool:
    away = dating().anterior_words
    return any(ctx.lower[k] in away and ctx.toks[k].dep == "advmod" for k in ctx.kids[i])


def _at_an_anterior_when(ctx: DocContext, v: int) -> bool:
    """ "When Jobs first introduced the phone, he praised its antenna": at the time of a "when"
    clause moved away by "first"/"previously", the main clause is moved away with it."""
    for k in ctx.kids[v]:
        if ctx.toks[k].dep == "advcl" and any(ctx.lower[j] == "when" for j in ctx.kids[k]) and _anterior(ctx, k):
            return True
    return False


def simple_present_state(ctx: DocContext, i: int, v: int | None) -> bool:
    """ "where the line meets the branches": a simple present in the body, no statement (or the
    standing text of a thing: "Toblerone's own website tells how ...")."""
    toks = ctx.toks
    if v is None or toks[v].tag not in ("VBZ", "VBP") or (reporting_verb(ctx, i) and not _standing_text(ctx, i)):
        return False
    if any(toks[k].dep in ("aux", "auxpass") for k in ctx.kids[v]):
        return False
    return toks[i].start >= max(ctx.lead_end, ctx.title_end)  # the title and lead tell news in the present


def _standing_text(ctx: DocContext, i: int) -> bool:
    """A statement whose subject is a text that stays up (`standing_text_nouns`: a website, a label)."""
    nouns = clauses().standing_text_nouns
    return any(ctx.toks[k].dep == "nsubj" and ctx.toks[k].lemma.lower() in nouns for k in ctx.kids[i])


def progressive(ctx: DocContext, v: int | None) -> bool:
    """ "her campaign was leading by large margins": a state in progress, not an event of the news."""
    toks = ctx.toks
    return (
        v is not None
        and toks[v].tag == "VBG"
        and any(toks[k].dep == "aux" and toks[k].lemma == "be" for k in ctx.kids[v])
    )


def past_after_publication(ctx: DocContext, i: int, earliest: str) -> bool:
    """A past-tense verb dated after its report's publication day."""
    pub = ctx.parsed.article.published
    t = ctx.toks[i]
    if pub is None or t.pos != "VERB":
        return False
    past = t.tag == "VBD" or any(ctx.toks[k].tag == "VBD" for k in ctx.kids[i] if ctx.toks[k].dep in ("aux", "auxpass"))
    try:
        return past and date.fromisoformat(earliest[:10]) > pub
    except ValueError:
        return False
