"""Light verbs: "made an appearance in March", "gave his keynote on Monday", "has taken medical
leave", "extended an invitation". The event is the noun (as TimeML and the TimeLine task mark
it); the verb only carries it, so the noun takes the verb's roles, status and time, and the verb
is no event of its own (data: ontology ``light_verbs``; the pairs come from
``triggers.light_nouns``)."""

from __future__ import annotations

from ..types import Role
from .context import DocContext
from .dating import When


def carry_light_verbs(
    ctx: DocContext,
    light: dict[int, int],
    triggers: dict[int, str],
    roles: dict[int, list[Role]],
    statuses: dict[int, str],
    when: dict[int, When],
) -> None:
    """Move each light verb's roles, status and time onto its event noun and drop the verb."""
    for noun, verb in light.items():
        if verb not in triggers or noun not in triggers:
            continue
        if triggers[verb] != "OTHER":
            triggers[noun] = triggers[verb]  # "gave a speech" (object_types), "held talks"
        roles[noun] = _merged(ctx, noun, roles.get(verb, []), roles.get(noun, []))
        statuses[noun] = statuses[verb]
        if when[verb][0] or not when[noun][0]:
            when[noun] = when[verb]
        del triggers[verb]


def _merged(ctx: DocContext, noun: int, verb_roles: list[Role], noun_roles: list[Role]) -> list[Role]:
    """The verb's roles but the one that is the noun's own phrase, then the noun's roles of a
    name the verb lacks ("his keynote" beside the verb's subject)."""
    t = ctx.toks[noun]
    kept = [r for r in verb_roles if not r.start <= t.start < r.end]
    names = {r.name for r in kept}
    return kept + [r for r in noun_roles if r.name not in names]
