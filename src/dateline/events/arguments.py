"""Arguments of a trigger: how a role's text, span and entities are read off the parse,
and the core roles (agent, patient, recipient) a trigger's own dependents give it.

Split out of ``frames`` (which runs the role steps in order) so that module stays small;
every role step there builds its roles with the helpers here.
"""

from __future__ import annotations

from collections.abc import Callable

from ..nlp.lexicon import english
from ..types import EntityKey, Role
from ._data import clauses, lexicon
from .context import PLACE_LABELS, DocContext, credit_end

SUBJ = ("nsubj", "nsubjpass", "csubj")
_MAX_ROLE_TOKENS = 30


def parenthetical(ctx: DocContext, k: int) -> bool:
    """Whether the phrase headed by ``k`` is in brackets: an aside, a credit, an abbreviation."""
    a, b = ctx.subtree(k)
    toks = ctx.toks
    opened = toks[a].text == "(" or (a > 0 and toks[a - 1].text == "(")
    return opened and (toks[b - 1].text == ")" or (b < len(toks) and toks[b].text == ")"))


def role_from_span(ctx: DocContext, name: str, a: int, b: int) -> list[Role]:
    text, s, e = ctx.span_text(a, b)
    if not text:
        return []
    keys = []
    brackets = 0
    for k in range(a, b):
        brackets += (ctx.toks[k].text == "(") - (ctx.toks[k].text == ")")
        if brackets > 0:
            continue  # nothing in brackets is a participant: "(AP)", "(Steve Parsons/PA)"
        for key in ctx.entity_keys(k):
            if key not in keys:
                keys.append(key)
    return [Role(name, text, s, e, entity=k) for k in keys] or [Role(name, text, s, e)]


def role_from_token(ctx: DocContext, name: str, head: int, span: tuple[int, int] | None = None) -> list[Role]:
    """Roles for the phrase headed by ``head``; one per entity for "Putin and Kim"/"they"
    (a sentence's opening credit or dateline is no part of any: `credit_end`)."""
    a, b = span or ctx.subtree(head)
    start = credit_end(ctx, ctx.toks[head].sentence)
    if head < start:
        return []
    a = max(a, start)
    if b - a > _MAX_ROLE_TOKENS:
        b = a + _MAX_ROLE_TOKENS
    text, s, e = ctx.span_text(a, b)
    if not text:
        return []
    keys = list(ctx.entity_keys(head))
    for c in ctx.kids[head]:  # conjoined arguments: "Putin and Kim"
        if ctx.toks[c].dep == "conj" and c >= start:
            keys.extend(k for k in ctx.entity_keys(c) if k not in keys)
    keys.extend(k for k in _modifier_entities(ctx, head, start) if k not in keys)
    if not keys:
        return [Role(name, text, s, e)]
    return [Role(name, text, s, e, entity=k) for k in keys]


def _modifier_entities(ctx: DocContext, head: int, start: int = 0) -> list[EntityKey]:
    """Entities an argument names through its modifiers: "the device's antenna", "Apple's iPod
    players", "the Qantas order", "the newest iPhone, iPhone 4". A named head keeps its
    title-like compounds out ("Apple CEO Steve Jobs" is Jobs, not Apple)."""
    toks = ctx.toks
    out: list[EntityKey] = []
    named = head in ctx.mention_at
    relational = clauses().relational_nouns
    todo = [(head, 0)]
    while todo:
        k, depth = todo.pop()
        # "his uncle", "Clinton's defenders": the possessor is someone else than the phrase names
        other = toks[k].lemma.lower() in relational or ctx.lower[k] in relational
        for c in ctx.kids[k]:
            d = toks[c].dep
            if c < start or parenthetical(ctx, c):
                continue  # "Paul D. Ryan (R-Wis.)", "(AP)", "(Steve Parsons/PA)": an aside or a credit
            if d == "appos" or (not named and not other and d in ("poss", "compound")):
                out.extend(ctx.entity_keys(c))
                if depth < 1:
                    todo.append((c, depth + 1))
    return out


def core_roles(ctx: DocContext, triggers: dict[int, str], roles: dict[int, list[Role]]) -> None:
    """Agent, patient and recipient from the trigger's dependents; a trigger with neither an
    agent nor a passive subject inherits its governor's subject."""
    toks = ctx.toks
    for i, typ in triggers.items():
        got_agent = False
        for k in ctx.kids[i]:
            handler = _CORE_ROLE_BY_DEP.get(toks[k].dep)
            if _split_subject(ctx, i, k):
                continue
            if handler is not None and handler(ctx, i, typ, k, roles):
                got_agent = True
        passive = any(toks[k].dep == "nsubjpass" for k in ctx.kids[i])
        if not got_agent and not passive:
            _inherit_agent(ctx, i, roles)
            if toks[i].pos == "NOUN" and not any(r.name == "agent" for r in roles[i]):
                _noun_holder(ctx, i, roles)


def _noun_holder(ctx: DocContext, i: int, roles: dict[int, list[Role]]) -> None:
    """Who an event noun with no agent of its own is of: the possessor of a noun that counts it
    ("Jobs' third period of medical leave": ontology holder_nouns), the subject of a copula it is
    the object of ("he would be on medical leave", "is in talks": copula_event_preps)."""
    toks = ctx.toks
    prep = toks[i].head
    if toks[i].dep != "pobj" or prep == i or toks[prep].head == prep:
        return
    h = toks[prep].head
    lex = lexicon()
    if ctx.lower[prep] == "of" and toks[h].lemma.lower() in lex.holder_nouns:
        dep = "poss"
    elif ctx.lower[prep] in lex.copula_event_preps and toks[h].lemma == "be":
        dep = "nsubj"
    else:
        return
    k = next((k for k in ctx.kids[h] if toks[k].dep == dep), None)
    if k is not None:
        roles[i] += role_from_token(ctx, "agent", k)


def _split_subject(ctx: DocContext, i: int, k: int) -> bool:
    """ "A top aide to presidential contender Hillary Clinton has blamed ...", parsed with two
    subjects: a subject that begins right where the prepositional phrase of another subject of
    the verb ends continues that phrase (the object of its "to"), and is no subject of its own."""
    if ctx.toks[k].dep != "nsubj":
        return False
    start = ctx.subtree(k)[0]
    toks = ctx.toks
    return any(
        toks[j].dep == "nsubj" and toks[p].dep == "prep" and ctx.subtree(p)[1] == start
        for j in ctx.kids[i]
        if j < k
        for p in ctx.kids[j]
    )


# A core-role handler gets (ctx, trigger, trigger type, dependent, roles), adds the roles the
# dependent gives the trigger and tells whether that included an agent.
_CoreRoleHandler = Callable[[DocContext, int, str, int, dict[int, list[Role]]], bool]


def _direct_role(name: str, trigger_pos: tuple[str, ...] | None = None) -> _CoreRoleHandler:
    """The dependent itself fills ``name``, when the trigger's POS is one of ``trigger_pos``
    (any POS when None): "Putin met" (nsubj of a verb), "Kim was met" (nsubjpass)."""

    def handle(ctx: DocContext, i: int, typ: str, k: int, roles: dict[int, list[Role]]) -> bool:
        if trigger_pos is not None and ctx.toks[i].pos not in trigger_pos:
            return False
        roles[i] += role_from_token(ctx, name, k)
        return name == "agent"

    return handle


def _by_agent_roles(ctx: DocContext, i: int, typ: str, k: int, roles: dict[int, list[Role]]) -> bool:
    """ "was met by Putin": the object of the passive's "by" is the agent."""
    got_agent = False
    for c in ctx.kids[k]:
        if ctx.toks[c].dep == "pobj":
            roles[i] += role_from_token(ctx, "agent", c)
            got_agent = True
    return got_agent


def _compound_roles(ctx: DocContext, i: int, typ: str, k: int, roles: dict[int, list[Role]]) -> bool:
    """A named compound of an event noun: "Croydon tram crash" is a place, not who crashed;
    "Apple launch" is the agent; "Major League Baseball championship" names the contest
    (``contest_types``), no one who takes part."""
    if ctx.toks[i].pos != "NOUN" or not ctx.entity_keys(k):
        return False
    m = ctx.mention_at.get(k)
    if m is not None and m.label in PLACE_LABELS and typ in clauses().agentive_compound_types and _placed_apart(ctx, i):
        roles[i] += role_from_token(ctx, "agent", k)  # "US airstrikes in Kunduz": the US struck, in Kunduz
        return True
    if m is not None and m.label in PLACE_LABELS:
        roles[i].append(Role("place", m.text, m.start, m.end, entity=m.entity))
    elif m is not None and m.label in ("PERSON", "ORG", "NORP") and typ not in lexicon().contest_types:
        roles[i] += role_from_token(ctx, "agent", k)
        return True
    return False


def _placed_apart(ctx: DocContext, i: int) -> bool:
    """An event noun with a place phrase of its own ("airstrikes in the province of Kunduz"),
    or right after it (the parse often hangs that phrase higher: "a revenge attack for US
    airstrikes in Kunduz")."""
    toks = ctx.toks
    end = ctx.subtree(i)[1]
    after = [end] if end < len(toks) and toks[end].dep == "prep" else []
    for k in (*ctx.kids[i], *after):
        if toks[k].dep == "prep" and ctx.lower[k] in lexicon().place_preps:
            a, b = ctx.subtree(k)
            if any((m := ctx.mention_at.get(j)) is not None and m.label in PLACE_LABELS for j in range(a, b)):
                return True
    return False


def _prep_object_roles(ctx: DocContext, i: int, typ: str, k: int, roles: dict[int, list[Role]]) -> bool:
    """Core roles the object of a preposition on the trigger fills (see `_prep_core_role`)."""
    toks = ctx.toks
    pos = toks[i].pos
    if pos not in ("VERB", "NOUN"):
        return False
    pobj = next((c for c in ctx.kids[k] if toks[c].dep == "pobj"), None)
    if pobj is None:
        return False
    name = _prep_core_role(ctx, typ, pos, ctx.lower[k], pobj)
    if name == "recipient" and ctx.toks[i].lemma.lower() in lexicon().for_reason_verbs:
        return False  # "blames the loss to Trump on the FBI": blaming has no one it is told to
    if name is None:
        return False
    roles[i] += role_from_token(ctx, name, pobj)
    return name == "agent"


def _prep_core_role(ctx: DocContext, typ: str, pos: str, prep: str, pobj: int) -> str | None:
    """ "met with Kim" (patient), "talks between A and B" (agents), "sold to Qantas" (recipient),
    "the sale of jets" (patient), "an attack by rebels" (agent, when it names an entity)."""
    if prep == "with" and typ == "MEET":
        return "patient"
    if prep == "between" and pos == "NOUN":
        return "agent"
    if prep == "to" and typ in ("TRADE", "AID", "STATEMENT"):
        return "recipient"
    if prep == "of" and pos == "NOUN":
        return None if typ in lexicon().contest_types and _names_a_contest(ctx, pobj) else "patient"
    if prep == "by" and pos == "NOUN" and ctx.entity_keys(pobj):
        return "agent"
    return None


def _names_a_contest(ctx: DocContext, k: int) -> bool:
    """ "the 2003 National League Championship Series", "the World Cup": a named event or a contest noun."""
    m = ctx.mention_at.get(k)
    if m is not None and m.label == "EVENT":
        return True
    return ctx.toks[k].lemma.lower() in lexicon().contest_nouns


_CORE_ROLE_BY_DEP: dict[str, _CoreRoleHandler] = {
    "nsubj": _direct_role("agent", ("VERB",)),
    "nsubjpass": _direct_role("patient"),
    "agent": _by_agent_roles,
    "dobj": _direct_role("patient", ("VERB",)),
    "attr": _direct_role("patient", ("VERB",)),
    "dative": _direct_role("recipient"),
    "poss": _direct_role("agent", ("NOUN",)),  # "Putin's visit"
    "compound": _compound_roles,
    "prep": _prep_object_roles,
}


def _inherit_agent(ctx: DocContext, i: int, roles: dict[int, list[Role]]) -> None:
    """Controlled and conjoined verbs share their governor's subject, and so does a gerund of
    a preposition ("unveiled it by walking onto the stage", "hinted at it while introducing");
    a reduced relative's noun is what it tells of ("Jobs, born in San Francisco")."""
    toks = ctx.toks
    cur = i
    for _ in range(4):
        t = toks[cur]
        if t.dep not in ("xcomp", "advcl", "conj", "acl", "relcl", "pcomp") or t.head == cur:
            return
        h = t.head
        if t.dep == "relcl":
            # "Kim, who prefers ..." / "meeting place where he ...": the subject is inside
            return
        if t.dep == "pcomp":
            if toks[h].dep != "prep" or toks[h].head == h:
                return
            h = toks[h].head  # "by walking": the verb the preposition hangs on
        elif cur == i and t.dep == "acl" and t.tag == "VBN" and toks[h].pos in ("NOUN", "PROPN"):
            a = ctx.subtree(h)[0]
            b = ctx.subtree(i)[0]  # the noun's phrase up to the participle
            roles[i] += role_from_token(ctx, "patient", h, (a, b) if a < b else None)
            return
        if t.dep == "acl" and toks[h].pos == "NOUN":
            # "plans to visit": the planner is the subject of the verb governing "plans"
            h = toks[h].head
        k = _controller(ctx, t.dep, h, cur)
        if k is not None:
            # "Asked whether ..., Putin said": a bare participle's subject is asked, not asking
            bare_participle = toks[i].tag == "VBN" and not any(toks[c].dep == "aux" for c in ctx.kids[i])
            roles[i] += role_from_token(ctx, "patient" if bare_participle else "agent", k)
            return
        cur = h


def _controller(ctx: DocContext, dep: str, h: int, cur: int) -> int | None:
    """Who does what ``cur`` says, of its governor ``h``: the governor's object before a
    controlled complement ("prompting Apple Corps to file suit", "urged Congress to pass"), else its subject."""
    toks = ctx.toks
    if dep == "xcomp":
        obj = next((k for k in ctx.kids[h] if toks[k].dep == "dobj" and k < cur), None)
        if obj is not None:
            return obj
    return next((k for k in ctx.kids[h] if toks[k].dep in SUBJ), None)


def add_span_role(ctx, roles, owner, name, a, b, head) -> None:
    if b - a > _MAX_ROLE_TOKENS:
        b = a + _MAX_ROLE_TOKENS
    text, s, e = ctx.span_text(a, b)
    if text:
        roles[owner].append(Role(name, text, s, e))


_CORE = frozenset({"agent", "patient", "recipient", "co-agent", "beneficiary"})


def disjoint_reference(roles: list[Role]) -> list[Role]:
    """A pronoun is not the entity another core role of its own event names ("he added,
    calling Obama ...": "he" is not Obama; "Trump told him": not Trump), whatever coreference
    linked it to; a reflexive ("himself") is. The pronoun's role stays, without that entity."""
    personal = english().pronouns.personal
    named = {r.entity for r in roles if r.name in _CORE and r.entity and r.text.lower() not in personal}
    out: list[Role] = []
    for r in roles:
        low = r.text.lower()
        if r.name in _CORE and r.entity in named and low in personal and not low.endswith(("self", "selves")):
            bare = Role(r.name, r.text, r.start, r.end)
            if bare not in out and not any(
                x.name == r.name and x.start == r.start and x.entity
                for x in roles
                if x is not r and x.entity not in named
            ):
                out.append(bare)
            continue
        out.append(r)
    return out
