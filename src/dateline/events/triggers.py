"""Which tokens are event triggers, and of which type (data/ontology.yaml).

A verb is a trigger unless it is a copula or a control verb with a complement; its type
is read with its object, its voice and its subject ("lost his life" is a death, "was left
furious" no journey, "the boy fell" an accident). An event noun is a trigger when the
ontology lists it, unless it is a modifier ("meeting place") or the object of a verb of
its own type ("signed a treaty").
"""

from __future__ import annotations

from ..nlp.lexicon import english
from ._data import clauses, lexicon
from .context import PLACE_LABELS, DocContext


def trigger_type(ctx: DocContext, i: int) -> str | None:
    """Event type of token ``i`` if it is a trigger, else None."""
    lex = lexicon()
    t = ctx.toks[i]
    lem = t.lemma.lower()
    if t.pos == "VERB":
        for words, typ in lex.phrasal.get(lem, ()):  # "came into service" is OPEN, not TRAVEL
            if tuple(ctx.lower[i + 1 : i + 1 + len(words)]) == words:
                return typ
        if lem in lex.skip_verbs or t.dep in ("amod", "compound"):
            return None
        if lem in lex.control_verbs and any(ctx.toks[k].dep in ("xcomp", "ccomp") for k in ctx.kids[i]):
            return None  # "scheduled (to meet)": the complement is the event
        return _verb_type(ctx, i, lem)
    if t.pos == "NOUN":
        noun_type = lex.noun_type.get(lem) or lex.noun_type.get(ctx.lower[i])
        if noun_type is None or i in ctx.mention_at:
            return None
        if t.dep == "compound":
            return None  # "meeting place": a modifier, not an event
        return noun_type
    return None


def _verb_type(ctx: DocContext, i: int, lem: str) -> str | None:
    """The ontology's type of a verb, read with its object and voice ("lost his life" is a
    death, "delivers a speech" a statement, "was left furious" no journey, "is said to be"
    no event: an evidential)."""
    lex = lexicon()
    toks = ctx.toks
    kids = ctx.kids[i]
    passive = any(toks[k].dep in ("nsubjpass", "auxpass") for k in kids)
    if passive and lem in lex.reporting_verbs and any(toks[k].dep == "xcomp" for k in kids):
        return None
    dobj = next((k for k in kids if toks[k].dep == "dobj"), None)
    # "an inquiry was launched" is "launched an inquiry": a passive's subject is its object
    theme = dobj if dobj is not None else next((k for k in kids if toks[k].dep == "nsubjpass"), None)
    obj = toks[theme].lemma.lower() if theme is not None else _antecedent_object(ctx, i)
    by_object = lex.object_types.get(lem, {})
    if obj in by_object:
        return by_object[obj]
    if lem in clauses().summon_verbs and passive and not _says_something(ctx, i):
        return "OTHER"  # "emergency services were called at 6.10am": summoned, no statement
    party_verbs = clauses().party_verbs
    if lem in party_verbs and dobj is not None and not _party(ctx, dobj):
        return party_verbs[lem]  # "welcomed the move": a reaction, not a meeting
    typ = lex.verb_type.get(lem, "OTHER")
    if lem in lex.person_subject_types and _person_subject(ctx, i):
        return lex.person_subject_types[lem]  # "the boy fell down a well", not a price falling
    return "OTHER" if _lacks_what_its_type_needs(ctx, i, lem, typ, passive, dobj) else typ


def _lacks_what_its_type_needs(ctx: DocContext, i: int, lem: str, typ: str, passive: bool, dobj: int | None) -> bool:
    """A travel verb with no place or no mover, an attack verb with no target or object, a
    statement verb with a noun object ("added veteran talent"): no event of that type."""
    lex = lexicon()
    if typ == "TRAVEL":
        if passive or (lem in lex.travel_needs_place and not _place_object(ctx, i)):
            return True
        return not _mover(ctx, i)  # "his title is crossing the garage floor", "the campaign came to an end"
    if typ == "ATTACK":
        if lem in lex.attack_needs_target and not (passive or _target(ctx, i)):
            return True
        return lem in lex.attack_needs_object and not (passive or dobj is not None)
    if typ == "STATEMENT" and lem in lex.statement_without_object:
        return dobj is not None and ctx.toks[dobj].pos == "NOUN"
    return False


def _target(ctx: DocContext, i: int) -> bool:
    """What an attack verb is aimed at or fires: an object, or "at"/"on" a target."""
    toks = ctx.toks
    for k in ctx.kids[i]:
        if toks[k].dep == "dobj" or (toks[k].dep == "prep" and ctx.lower[k] in lexicon().target_preps):
            return True
    return False


def _antecedent_object(ctx: DocContext, i: int) -> str | None:
    """ "the speeches Obama delivered": a relative clause with a subject of its own and no
    object has its antecedent as object."""
    toks = ctx.toks
    t = toks[i]
    if t.dep != "relcl":
        return None
    subj = next((k for k in ctx.kids[i] if toks[k].dep == "nsubj"), None)
    if subj is None or ctx.lower[subj] in english().pronouns.relative:
        return None
    return toks[t.head].lemma.lower()


def _says_something(ctx: DocContext, i: int) -> bool:
    """A complement that is what was said or what something was called ("was called a liar")."""
    return any(ctx.toks[k].dep in ("oprd", "xcomp", "ccomp", "attr", "dobj") for k in ctx.kids[i])


def _party(ctx: DocContext, k: int) -> bool:
    """A named or coreferent entity, a personal pronoun or a person noun: someone to meet."""
    low = ctx.lower[k]
    lem = ctx.toks[k].lemma.lower()
    people = lexicon().person_nouns | clauses().relational_nouns
    return bool(ctx.entity_keys(k)) or low in english().pronouns.personal or lem in people or low in people


def _person_subject(ctx: DocContext, i: int) -> bool:
    eng = english()
    for k in ctx.kids[i]:
        if ctx.toks[k].dep in ("nsubj", "nsubjpass"):
            if ctx.lower[k] in eng.pronouns.person_singular or ctx.toks[k].lemma.lower() in lexicon().person_nouns:
                return True
            return any(key.label == "PERSON" for key in ctx.entity_keys(k))
    return False


def _mover(ctx: DocContext, i: int) -> bool:
    """Whether a travel verb's subject can travel: anything but a common noun that names no
    one, no vehicle and no group (data: clauses mover_nouns). A controlled verb ("destined to
    be crossing") has the subject of the verb that controls it."""
    toks = ctx.toks
    cur = i
    for _ in range(3):
        near = [*ctx.kids[cur], *(j for k in ctx.kids[cur] if toks[k].dep in ("aux", "auxpass") for j in ctx.kids[k])]
        subj = next((k for k in near if toks[k].dep in ("nsubj", "nsubjpass")), None)  # "title looks destined"
        if subj is not None:
            break
        if toks[cur].dep != "xcomp" or toks[cur].head == cur:
            return True
        cur = toks[cur].head
    else:
        return True
    t = toks[subj]
    if t.pos != "NOUN" or ctx.entity_keys(subj):
        return True
    lem = t.lemma.lower()
    movers = lexicon().person_nouns | clauses().relational_nouns | clauses().mover_nouns
    return lem in movers or ctx.lower[subj] in movers


def _place_object(ctx: DocContext, i: int) -> bool:
    """A place or a direction the movement goes to or from: "left Russia", "came to the
    cosmodrome", "went home" (not "went against advice", "leaving behind a family")."""
    toks = ctx.toks
    for k in ctx.kids[i]:
        d = toks[k].dep
        if d == "dobj":
            m = ctx.mention_at.get(k)
            if m is not None and m.label in PLACE_LABELS:
                return True
        elif (
            d in ("prep", "advmod", "prt", "npadvmod")
            and ctx.lower[k] in lexicon().travel_directions
            and not _to_a_part(ctx, k)
        ):
            return True
    return False


def _to_a_part(ctx: DocContext, k: int) -> bool:
    """ "came to the back of the plane", "came to an end": a direction to a part of something
    (data: clauses part_nouns) is no place to travel to."""
    pobj = next((j for j in ctx.kids[k] if ctx.toks[j].dep == "pobj"), None)
    return pobj is not None and not ctx.entity_keys(pobj) and ctx.toks[pobj].lemma.lower() in clauses().part_nouns


def light_nouns(ctx: DocContext, triggers: dict[int, str]) -> dict[int, int]:
    """ "made an appearance", "gave his keynote": each event noun that is the direct object of a
    light verb (data: ontology light_verbs) with no indirect object, with that verb (noun -> verb)."""
    lex = lexicon()
    toks = ctx.toks
    out: dict[int, int] = {}
    for i in triggers:
        t = toks[i]
        h = t.head
        verb = toks[h].lemma.lower()
        if t.pos != "NOUN" or t.dep != "dobj" or h == i or h not in triggers or verb not in lex.light_verbs:
            continue
        if verb in lex.light_verb_nouns and t.lemma.lower() not in lex.light_verb_nouns[verb]:
            continue
        # "gave him a tour" (not "gave his keynote to the conference": a preposition)
        if not any(toks[k].dep in ("dative", "iobj") and toks[k].pos != "ADP" for k in ctx.kids[h]):
            out[i] = h
    return out


def names_its_verb(ctx: DocContext, i: int, triggers: dict[int, str]) -> bool:
    """ "signed a treaty", "held talks": an event noun that is the object of a verb of its
    type is that verb's event, not a second one."""
    t = ctx.toks[i]
    typ = triggers[i]  # (two untyped events share no type: "prompted his decision" is two)
    return t.pos == "NOUN" and t.dep in ("dobj", "nsubjpass", "attr") and typ != "OTHER" and triggers.get(t.head) == typ


def phrasal_trigger(ctx: DocContext, i: int) -> tuple[str, int]:
    """A verb's trigger with its particle ("showed off", "step down"; "took six months off" is
    "took off"), and its end: the particle's when it follows the verb, else the verb's."""
    t = ctx.toks[i]
    prt = next((k for k in ctx.kids[i] if k > i and ctx.toks[k].dep == "prt"), None) if t.pos == "VERB" else None
    if prt is None:
        return t.text, t.end
    p = ctx.toks[prt]
    return f"{t.text} {p.text}", p.end if prt == i + 1 else t.end
