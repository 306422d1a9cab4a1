"""Rule-based within-article coreference: pronouns, descriptions, "the two leaders".

Named mentions already carry canonical entity keys (the nlp stage merges
"Putin" into "Vladimir Putin"). Here we add the references that are not
names: personal and relative pronouns, role descriptions ("the Russian
president", "North Korean leader") and plural descriptions ("the two
leaders"). The result maps the head token of each resolved expression to the
entity keys it denotes; rules are in ``data/coref.yaml``.
"""

from __future__ import annotations

from collections import Counter

from ..nlp.syntax import span_head
from ..types import EntityKey
from ._data import lexicon
from .context import DocContext

PERSONISH = ("PERSON",)
GROUPISH = ("ORG", "NORP", "GPE", "FAC")
_SUBJ = ("nsubj", "nsubjpass")


def resolve(ctx: DocContext) -> dict[int, tuple[EntityKey, ...]]:
    """Resolve non-name references of a document; also stores the map on ``ctx``."""
    lex = lexicon()
    toks = ctx.toks
    out: dict[int, tuple[EntityKey, ...]] = {}
    descriptors: dict[EntityKey, set[str]] = {}  # person key -> role nouns and modifiers seen with it
    # (token index, entity key, is subject) of person / group references in order
    persons: list[tuple[int, EntityKey, bool]] = []
    groups: list[tuple[int, EntityKey, bool]] = []
    pairs: list[tuple[int, tuple[EntityKey, ...]]] = []  # conjoined person pairs "Putin and Kim"
    seen_heads: set[int] = set()
    freq: Counter = Counter()
    last_word: dict[str, EntityKey] = {}  # head word of a multiword organisation/facility name -> key

    def head_of_mention(m) -> int:
        return span_head(toks, m.token_start, m.token_end)

    mentions = [m for m in ctx.parsed.mentions if m.label in PERSONISH or m.label in GROUPISH]
    mention_heads = {}
    for m in mentions:
        h = head_of_mention(m)
        mention_heads[h] = m
    for m in ctx.parsed.mentions:
        if m.label == "PERSON":
            h = head_of_mention(m)
            d = descriptors.setdefault(m.entity, set())
            near = list(ctx.kids[h])
            if toks[h].dep == "appos":
                near.append(toks[h].head)
            for k in near:
                t = toks[k]
                if t.dep in ("compound", "amod", "appos", "nmod") or k == toks[h].head:
                    if k in ctx.mention_at and ctx.mention_at[k].label == "PERSON":
                        continue
                    lem = t.lemma.lower()
                    if lem in lex.role_nouns:
                        d.add(lem)
                        out.setdefault(k, (m.entity,))  # "leader" in "leader Kim Jong Un"
                        for c in ctx.kids[k]:
                            d.add(ctx.lower[c])
                            if c in ctx.mention_at:
                                d.add(ctx.mention_at[c].text.lower())
                    elif k in ctx.mention_at:
                        d.add(ctx.mention_at[k].text.lower())  # "Russian" in "Russian Putin"

    def recent(lst, before: int, sent_from: int) -> list[tuple[int, str, bool]]:
        lo = ctx.parsed.sentences[max(0, sent_from)].token_start
        return [x for x in lst if lo <= x[0] < before]

    for t in toks:
        i = t.i
        low = ctx.lower[i]
        m = ctx.mention_at.get(i)
        if m is not None:
            h = head_of_mention(m)
            if i == h and m.label in ("ORG", "FAC") and len(m.text.split()) > 1:
                last_word[m.text.split()[-1].lower()] = m.entity
            if i == h and m.label in PERSONISH + GROUPISH and h not in seen_heads:
                seen_heads.add(h)
                rec = (i, m.entity, toks[i].dep in _SUBJ)
                (persons if m.label == "PERSON" else groups).append(rec)
                if m.label == "PERSON":
                    freq[m.entity] += 1
                    # "Putin and Kim": remember the pair for a later "they"
                    for c in ctx.kids[i]:
                        if toks[c].dep == "conj" and c in ctx.mention_at and ctx.mention_at[c].label == "PERSON":
                            other = ctx.mention_at[c].entity
                            if other != m.entity:
                                pairs.append((i, (m.entity, other)))
            continue
        s = t.sentence
        if t.pos == "PRON" or t.tag in ("PRP", "PRP$", "WP"):
            if low in lex.pron_person:
                # "Putin greeted him": an object pronoun is not its own clause's subject
                banned = set()
                if t.dep in ("dobj", "dative", "pobj") and low not in ("his", "hers", "himself", "herself"):
                    verb = t.head if t.dep != "pobj" else toks[t.head].head
                    for c in ctx.kids[verb]:
                        if toks[c].dep in _SUBJ:
                            banned.update(ctx.entity_keys(c) or out.get(c, ()))
                cands = [x for x in recent(persons, i, s) if x[1] not in banned]
                # the subject of this sentence, else the latest subject, else the latest person
                same = [x for x in cands if toks[x[0]].sentence == s and x[2]]
                pick = same[-1] if same else None
                if pick is None:
                    earlier = [x for x in recent(persons, i, s - 3) if x[1] not in banned]
                    subj = [x for x in earlier if x[2]]
                    pick = subj[-1] if subj else (earlier[-1] if earlier else None)
                if pick is not None:
                    out[i] = (pick[1],)
                    persons.append((i, pick[1], t.dep in _SUBJ))
            elif low in lex.pron_plural:
                pr = [p for p in pairs if toks[p[0]].sentence >= s - 2 and p[0] < i]
                if pr:
                    out[i] = pr[-1][1]
                else:
                    near = [x[1] for x in recent(persons, i, s - 1)]
                    uniq = list(dict.fromkeys(reversed(near)))[:2]
                    if len(uniq) == 2:
                        out[i] = tuple(uniq)
                    else:
                        g = recent(groups, i, s - 1)
                        if g:
                            out[i] = (g[-1][1],)
                if i in out and len(out[i]) == 2:
                    pairs.append((i, out[i]))
            elif low in lex.pron_thing and (low == "its" or t.dep in _SUBJ):
                g = recent(groups, i, s - 1)
                subj = [x for x in g if x[2]]
                pick = (subj or g)[-1] if (subj or g) else None
                if pick is not None and (low == "its" or pick[2]):
                    out[i] = (pick[1],)
                    groups.append((i, pick[1], t.dep in _SUBJ))
            elif low in ("who", "whom", "whose") and toks[t.head].dep == "relcl":
                ante = toks[t.head].head
                keys = ctx.mention_at[ante].entity if ante in ctx.mention_at else None
                if keys:
                    out[i] = (keys,)
                elif ante in out:
                    out[i] = out[ante]
            continue
        if t.pos != "NOUN" or i in out:
            continue
        lem = t.lemma.lower()
        if any(ctx.lower[c] == "the" for c in ctx.kids[i]) and lem in last_word:
            # "the cosmodrome" after "the Vostochny Cosmodrome"
            key = last_word[lem]
            out[i] = (key,)
            groups.append((i, key, t.dep in _SUBJ))
            continue
        if low in lex.plural_role_nouns and any(ctx.lower[c] in ("two", "both") for c in ctx.kids[i]):
            pr = [p for p in pairs if p[0] < i]
            if pr:
                out[i] = pr[-1][1]
            elif len(freq) >= 2:
                out[i] = tuple(k for k, _ in freq.most_common(2))
            if i in out:
                pairs.append((i, out[i]))
            continue
        if lem in lex.role_nouns and t.tag == "NN":
            if t.dep == "compound" and toks[t.head].i in ctx.mention_at:
                continue  # handled with the name it describes
            mods = {ctx.lower[c] for c in ctx.kids[i] if toks[c].dep in ("amod", "compound", "nmod")}
            for c in ctx.kids[i]:
                if c in ctx.mention_at:
                    mods.add(ctx.mention_at[c].text.lower())
            if any(toks[c].dep == "poss" for c in ctx.kids[i]):
                continue  # "his counterpart" is someone else
            best, best_score = None, 0
            for k, ent, _subj in persons:
                if k >= i:
                    break
                d = descriptors.get(ent, set())
                score = (2 if mods & d else 0) + (1 if lem in d else 0)
                if score and score >= best_score:
                    best, best_score = ent, score
            if best is not None:
                out[i] = (best,)
                persons.append((i, best, t.dep in _SUBJ))
    ctx.coref = out
    return out
