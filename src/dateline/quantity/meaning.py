"""What a sentence's quantities count, how they relate, and the moment they hold for.

- ``counts``: the category a count belongs to ("seven dead" killed, "120 wounded"
  injured, "20 patients were taken to hospital" hospitalised, "five people were
  trapped" trapped), else the counted noun's lemma ("lap", "email"); "age" for ages;
  the verb for money ("raise", "give").
- ``relation``: "subset" for a count of a group named elsewhere ("eight of those hurt",
  "of which four", "including at least 10 children"); "part" for coordinated counts of
  people that make a whole ("six men and one woman", "two women passengers and the
  driver"), each carrying the whole in ``parts_total``.
- ``moment``: "initial" ("five people were initially trapped"), "current" ("two remain
  trapped", "still"), "so_far", or "updated" ("the death toll rose to at least six").

Word lists are in data/lexicon.yaml.
"""

from __future__ import annotations

import bisect
import dataclasses

from ..nlp.syntax import Tree, governing_verb
from ..types import Quantity, Token
from .lexicon import Lexicon
from .measures import number_head

_SINGULAR_DETS = frozenset({"a", "an", "the", "one"})


def token_span(tree: Tree, q: Quantity) -> tuple[int, int]:
    """Token indexes [i, j) of a quantity's text."""
    starts = tree.starts()
    i = bisect.bisect_left(starts, q.start)
    j = bisect.bisect_left(starts, q.end)
    return i, max(j, i + 1)


def _number_token(tree: Tree, q: Quantity) -> int:
    i, j = token_span(tree, q)
    for k in range(i, j):
        t = tree.tokens[k]
        if t.like_num or t.pos == "NUM" or t.text[:1].isdigit():
            return k
    return i


def _counted_noun(tree: Tree, q: Quantity) -> Token | None:
    """The noun a count counts: its nummod head ("seven people"), or the noun after "of"."""
    toks = tree.tokens
    i, j = token_span(tree, q)
    head = number_head(toks, i, j)
    h = toks[head.head]
    if head.dep == "nummod" and h.pos in ("NOUN", "PROPN") and h.i >= j - 1:
        return h
    for c in tree.children(head.i):
        if c.dep == "prep" and c.text.lower() == "of":
            objs = [g for g in tree.children(c.i) if g.dep == "pobj"]
            if objs and objs[0].pos in ("NOUN", "PROPN"):
                return objs[0]
    return None


def _category(t: Token, lex: Lexicon) -> str | None:
    return lex.category_of.get(t.lemma.lower()) or lex.category_of.get(t.text.lower())


def _taken_to_hospital(tree: Tree, v: int, lex: Lexicon) -> bool:
    """ "taken to hospital", "rushed to hospitals": the verb's "to" phrase names a hospital."""
    return any(
        c.dep == "prep"
        and c.text.lower() == "to"
        and any(g.text.lower() in lex.hospital_words for g in tree.children(c.i))
        for c in tree.children(v)
    )


def _verb_category(tree: Tree, v: int, lex: Lexicon) -> str | None:
    """The verb a count is an argument of, or what it predicates ("left 32 civilians dead")."""
    cat = _category(tree.tokens[v], lex)
    if cat:
        return cat
    if _taken_to_hospital(tree, v, lex):
        return "hospitalised"
    for c in tree.children(v):
        # "left 32 civilians dead": a predicate adjective or participle, not "sent to save"
        if c.dep in ("oprd", "ccomp", "acomp", "xcomp", "advcl") and c.tag in ("JJ", "VBN") and _category(c, lex):
            return _category(c, lex)
    return None


def _after_category(tree: Tree, k: int, lex: Lexicon) -> str | None:
    """ "seven dead", "120 wounded", "five people trapped": a participle or adjective right after."""
    toks = tree.tokens
    for m in range(k + 1, min(k + 3, len(toks))):
        t = toks[m]
        if t.sentence != toks[k].sentence or t.pos in ("PUNCT", "CCONJ"):
            break
        if t.pos in ("VERB", "ADJ") and t.dep != "amod" and _category(t, lex):
            return _category(t, lex)
    return None


def _noun_category(tree: Tree, noun: Token, lex: Lexicon) -> str | None:
    """ "four dead bodies", "more than 100 wounded people", "deaths": the noun or its adjective."""
    cat = _category(noun, lex)
    if cat:
        return cat
    return next((_category(c, lex) for c in tree.children(noun.i) if c.dep == "amod" and _category(c, lex)), None)


def _of_head_category(tree: Tree, noun: Token, lex: Lexicon) -> str | None:
    """ "the deaths of six men": the noun the counted phrase belongs to."""
    toks = tree.tokens
    prep = toks[noun.head]
    if noun.dep != "pobj" or prep.text.lower() != "of" or prep.head == prep.i:
        return None
    return _category(toks[prep.head], lex)


def _subject_category(tree: Tree, v: int, lex: Lexicon) -> str | None:
    """ "the death toll rose to six", "the number of dead rose to 12": what the subject tallies."""
    if tree.tokens[v].lemma not in lex.update_verbs:
        return None
    for c in tree.children(v):
        if c.dep in ("nsubj", "nsubjpass"):
            words = [c, *(g for g in tree.children(c.i) if g.dep in ("compound", "amod"))]
            words += [o for p in tree.children(c.i) if p.dep == "prep" for o in tree.children(p.i) if o.dep == "pobj"]
            return next((_category(w, lex) for w in words if _category(w, lex)), None)
    return None


def counts_of(tree: Tree, q: Quantity, lex: Lexicon) -> str | None:
    if q.kind == "age":
        return "age"
    if q.kind not in ("count", "money"):
        return None
    k = _number_token(tree, q)
    noun = _counted_noun(tree, q) if q.kind == "count" else None
    if noun is not None:
        cat = _noun_category(tree, noun, lex) or _of_head_category(tree, noun, lex)
        if cat or not _people(noun, lex):
            return cat or noun.lemma.lower()  # "two fire engines": engines, whatever the verb
    anchor = noun.i if noun is not None else k
    cat = _after_category(tree, anchor, lex)
    v = governing_verb(tree.tokens, anchor)
    if cat is None and v is not None:
        # "the death toll rose to six, with 100 wounded": an update verb's subject says what is tallied
        cat = _subject_category(tree, v, lex) or _verb_category(tree, v, lex)
    if cat:
        return cat
    if q.kind == "money":
        return tree.tokens[v].lemma.lower() if v is not None else None
    return noun.lemma.lower() if noun is not None else None


def relation_of(tree: Tree, q: Quantity, lex: Lexicon) -> str | None:
    """ "subset" for "eight of those hurt", "of which four", "including at least 10 children"."""
    toks = tree.tokens
    i, j = token_span(tree, q)
    sent = tree.parsed.sentences[q.sentence]
    if (
        q.base is None
        and j + 1 < sent.token_end
        and toks[j].text.lower() == "of"
        and toks[j + 1].text.lower() in lex.subset_after
    ):
        return "subset"
    before = [t.text.lower() for t in toks[max(sent.token_start, i - 3) : i]]
    for seq in lex.subset_before:
        if tuple(before[-len(seq) :]) == seq:
            return "subset"
    return None


def _clause_words(tree: Tree, v: int) -> list[str]:
    a, b = tree.subtree(v)
    s = tree.parsed.sentences[tree.tokens[v].sentence]
    return [tree.lower[k] for k in range(max(a, s.token_start), min(b, s.token_end))]


def moment_of(tree: Tree, q: Quantity, lex: Lexicon) -> str | None:
    if q.kind not in ("count", "money"):
        return None
    i, _ = token_span(tree, q)
    toks = tree.tokens
    v = governing_verb(toks, _number_token(tree, q))
    if v is None:
        return None
    if toks[v].lemma in lex.update_verbs and i > 0 and toks[i - 1].text.lower() == "to":
        return "updated"  # "the toll rose to at least six"
    words = _clause_words(tree, v)
    for n in range(lex.max_moment_words, 0, -1):
        for k in range(len(words) - n + 1):
            m = lex.moment_of.get(" ".join(words[k : k + n]))
            if m:
                return m
    return None


def _people(t: Token, lex: Lexicon) -> bool:
    return t.pos in ("NOUN", "PROPN") and (t.lemma.lower() in lex.people_nouns or t.text.lower() in lex.people_nouns)


def _noun_after(tree: Tree, k: int, end: int) -> int | None:
    """The noun ending the phrase that starts at ``k`` ("American soldiers", "women passengers")."""
    toks = tree.tokens
    last = None
    while k < end and toks[k].pos in ("ADJ", "NOUN", "PROPN") and toks[k].text not in (",", "and"):
        if toks[k].pos in ("NOUN", "PROPN"):
            last = k
        k += 1
    return last


def _next_part(tree: Tree, noun: int, end: int, starts: dict[int, int], lex: Lexicon) -> tuple[int, int | None] | None:
    """After a counted noun: ", " or "and" then another count of people, or "a/the/one" and a
    person noun. -> (noun token, index of its quantity or None for a singular one)."""
    toks = tree.tokens
    k = noun + 1
    if k < end and toks[k].text == ",":
        k += 1
    if k < end and toks[k].text.lower() == "and":
        k += 1
    if k == noun + 1 or k >= end:
        return None
    if k in starts:
        nxt = _noun_after(tree, tree.tokens[k].i + 1, end)
        return (nxt, starts[k]) if nxt is not None and _people(toks[nxt], lex) else None
    if toks[k].text.lower() in _SINGULAR_DETS:
        nxt = _noun_after(tree, k + 1, end)
        if nxt is not None and _people(toks[nxt], lex) and toks[nxt].tag in ("NN", "NNP"):
            return nxt, None
    return None


def _part_chain(
    tree: Tree, qs: list[Quantity], n: int, starts: dict[int, int], lex: Lexicon
) -> list[tuple[int, int | None]]:
    """Counted people coordinated after quantity ``n``: "six men and one woman",
    "two women passengers and the driver", "two American soldiers and three Afghan forces"."""
    i, j = token_span(tree, qs[n])
    end = tree.parsed.sentences[qs[n].sentence].token_end
    noun = _noun_after(tree, j, end)
    if noun is None or not _people(tree.tokens[noun], lex):
        return []
    chain: list[tuple[int, int | None]] = [(noun, n)]
    while (step := _next_part(tree, chain[-1][0], end, starts, lex)) is not None:
        chain.append(step)
    return chain if len(chain) > 1 else []


def add_parts(tree: Tree, qs: list[Quantity], lex: Lexicon) -> list[Quantity]:
    """Mark coordinated counts of people as parts of one whole, with the whole's size and
    the category any of them states ("six men and one woman killed": all killed)."""
    out = list(qs)
    starts = {token_span(tree, q)[0]: n for n, q in enumerate(qs) if q.kind == "count"}
    done: set[int] = set()
    for n, q in enumerate(qs):
        if n in done or q.kind != "count" or q.relation is not None or q.mod == "APPROX":
            continue
        chain = _part_chain(tree, out, n, starts, lex)
        members = [m for _, m in chain if m is not None]
        if not chain or any(out[m].relation or out[m].mod == "APPROX" for m in members):
            continue
        total = sum(out[m].number for m in members) + sum(1 for _, m in chain if m is None)
        cats = {out[m].counts for m in members} & set(lex.category_of.values())
        cat = cats.pop() if len(cats) == 1 else None
        for m in members:
            out[m] = dataclasses.replace(out[m], relation="part", parts_total=total, counts=cat or out[m].counts)
            done.add(m)
    return out


def add_meaning(tree: Tree, found: list[Quantity], lex: Lexicon) -> list[Quantity]:
    """One sentence's quantities with what they count, their relation and moment."""
    out = []
    for q in found:
        out.append(
            dataclasses.replace(
                q,
                counts=counts_of(tree, q, lex),
                relation=relation_of(tree, q, lex) if q.kind == "count" else None,
                moment=moment_of(tree, q, lex),
            )
        )
    return add_parts(tree, out, lex)
