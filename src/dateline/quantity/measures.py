"""What a quantity measures, from the dependency parse around its head token:
"a top speed of 55 mph" (top speed), "900 miles north of Vladivostok" (distance
north of Vladivostok), "the journey took 20 hours" (journey), "120 wounded" (wounded)."""

from __future__ import annotations

from ..nlp.syntax import Tree, span_head
from ..types import Quantity, Token
from .lexicon import Lexicon

Found = tuple[str | None, int | None]
_NONE: Found = (None, None)


def noun_phrase(tree: Tree, i: int, lo: int = 0) -> tuple[str, int]:
    """Noun ``i`` with its adjacent compound/amod modifiers: "top speed", "death toll".

    ``lo``: first token that may belong to the phrase (the quantity's own tokens may not).
    """
    toks = tree.parsed.tokens
    a = i
    while (
        a - 1 >= lo
        and toks[a - 1].head == i
        and toks[a - 1].dep in ("amod", "compound")
        and toks[a - 1].sentence == toks[i].sentence
    ):
        a -= 1
    return tree.parsed.text[toks[a].start : toks[i].end], toks[a].start


def _subject(tree: Tree, verb: int) -> Token | None:
    for c in tree.children(verb):
        if c.dep in ("nsubj", "nsubjpass") and c.pos in ("NOUN", "PROPN"):
            return c
    return None


def is_casualty(t: Token, lex: Lexicon) -> bool:
    # "four dead bodies": an adjective on a noun leaves the noun counted
    if t.dep == "amod" or t.tag not in ("VBN", "VBD", "JJ"):
        return False
    return t.lemma in lex.casualty_words or t.text.lower() in lex.casualty_words


def _of_object(tree: Tree, head: Token) -> Found:
    """ "dozens of homes", "two-thirds of voters"."""
    toks = tree.parsed.tokens
    for c in tree.children(head.i):
        if c.dep == "prep" and c.text.lower() == "of":
            objs = [g for g in tree.children(c.i) if g.dep == "pobj"]
            if objs:
                a, b = tree.subtree(objs[0].i)
                if b - a > 4:  # a long clause: keep its head noun phrase
                    return noun_phrase(tree, objs[0].i)
                return tree.parsed.text[toks[a].start : toks[b - 1].end], toks[a].start
    return _NONE


def _count_measures(tree: Tree, head: Token, j: int, kind: str, lex: Lexicon) -> Found:
    toks = tree.parsed.tokens
    h = toks[head.head]
    if kind == "count" and j < len(toks) and toks[j].sentence == head.sentence and is_casualty(toks[j], lex):
        return toks[j].text, toks[j].start
    if kind == "count" and head.dep == "nummod" and h.pos in ("NOUN", "PROPN"):
        return noun_phrase(tree, h.i, lo=j)
    found = _of_object(tree, head)
    if found[0] or kind != "count":
        return found
    if h.pos in ("VERB", "ADJ") and (h.lemma in lex.casualty_words or h.text.lower() in lex.casualty_words):
        return h.text, h.start
    return _NONE


def _multiplier_measures(tree: Tree, head: Token, j: int) -> Found:
    """ "three times the distance": the number's head noun, or the noun after "times"."""
    toks = tree.parsed.tokens
    h = toks[head.head]
    if h.pos == "NOUN" and h.i >= j - 1:
        return noun_phrase(tree, h.i)
    for k in range(j, min(j + 3, len(toks))):
        if toks[k].pos == "NOUN" and toks[k].sentence == head.sentence:
            return noun_phrase(tree, k)
    return _NONE


def _unit_measures(tree: Tree, head: Token, j: int, lex: Lexicon) -> Found:
    toks = tree.parsed.tokens
    h = toks[head.head]
    if head.dep == "pobj" and h.text.lower() == "of":  # "a top speed of 55 mph"
        g = toks[h.head]
        if g.pos in ("NOUN", "PROPN") and g.i != h.i:
            return noun_phrase(tree, g.i)
    if head.dep == "npadvmod" and h.text.lower() in lex.directions:  # "900 miles north of Vladivostok"
        _, b = tree.subtree(h.i)
        return "distance " + tree.parsed.text[h.start : toks[b - 1].end], h.start
    if head.dep in ("compound", "amod", "nmod", "nummod") and h.pos in ("NOUN", "PROPN") and h.i >= j:
        return noun_phrase(tree, h.i, lo=j)  # "a 20-hour journey", "a $5bn deal"
    return _verb_measures(tree, head, lex)


def _verb_measures(tree: Tree, head: Token, lex: Lexicon) -> Found:
    toks = tree.parsed.tokens
    h = toks[head.head]
    if head.dep in ("dobj", "attr", "npadvmod", "oprd", "acomp") and h.pos in ("VERB", "AUX"):
        subj = _subject(tree, h.i)  # "the journey took about 20 hours"
        if subj is not None and h.lemma in lex.measure_verbs:
            return noun_phrase(tree, subj.i)
        return h.text, h.start
    if head.dep == "pobj" and h.dep == "prep":  # "travelling at 120 km/h", "for three days"
        g = toks[h.head]
        if g.pos in ("NOUN", "PROPN"):
            return noun_phrase(tree, g.i)
        if g.pos == "VERB":
            return g.text, g.start
    if head.dep in ("nsubj", "nsubjpass") and h.pos in ("VERB", "AUX"):
        return h.text, h.start
    return _NONE


def _person_before(tree: Tree, k: int) -> Found:
    """The PERSON mention ending at token ``k`` ("Hannah Collier" in "Hannah Collier, 23")."""
    toks = tree.parsed.tokens
    if k < 0 or toks[k].ent_type != "PERSON":
        return _NONE
    a = k
    while a - 1 >= 0 and toks[a - 1].ent_type == "PERSON" and toks[a].ent_iob != "B":
        a -= 1
    return tree.parsed.text[toks[a].start : toks[k].end], toks[a].start


def _age_measures(tree: Tree, i: int, j: int) -> Found:
    """Whose age: the person named just before ("Hannah Collier, 23", "Dane Chinnery, aged 19"),
    else the noun right after "42-year-old" ("man", "male driver", "Crystal Palace fan")."""
    toks = tree.parsed.tokens
    first = i - 1 if i > 0 and toks[i - 1].text.lower() == "aged" else i
    if first >= 2 and toks[first - 1].text == ",":
        found = _person_before(tree, first - 2)
        if found[0]:
            return found
    k = j
    while k < len(toks) and toks[k].sentence == toks[i].sentence and toks[k].pos == "ADJ":
        k += 1
    if k >= len(toks) or toks[k].sentence != toks[i].sentence or toks[k].pos not in ("NOUN", "PROPN"):
        return _NONE
    while toks[k].dep == "compound" and toks[k].head > k:
        k = toks[k].head
    return noun_phrase(tree, k, lo=j)


TIME_ENTS = frozenset({"DATE", "TIME"})  # entity types the time stage owns


def number_head(toks, i: int, j: int) -> Token:
    """The head of the number read from tokens i..j-1, where it stands in the sentence: "the toll
    rose to at least six Friday" hangs "six" on the day after it, which it does not count; the
    number then stands where the day does."""
    head = toks[span_head(toks, i, j)]
    h = toks[head.head]
    if head.dep == "nummod" and h.i == j and h.ent_type in TIME_ENTS and h.head != h.i:
        return h
    return head


def measures_of(tree: Tree, i: int, j: int, kind: str, lex: Lexicon) -> Found:
    """What the quantity read from tokens i..j-1 measures, from the parse around its head."""
    toks = tree.parsed.tokens
    head = number_head(toks, i, j)
    if kind == "age":
        return _age_measures(tree, i, j)
    if kind in ("count", "percent"):
        found = _count_measures(tree, head, j, kind, lex)
        if found[0] or kind == "count":
            return found
    if kind == "multiplier":
        return _multiplier_measures(tree, head, j)
    return _unit_measures(tree, head, j, lex)


def lexeme_multiplier(tree: Tree, i: int, end: int, lex: Lexicon) -> Quantity | None:
    """ "twice the size", "double the number": a multiplier written as one word."""
    toks = tree.parsed.tokens
    w = toks[i].text.lower()
    if w not in lex.multiplier_lexemes or w == "half" or i + 1 >= end:
        return None
    nxt = toks[i + 1].text.lower()
    if nxt not in lex.multiplier_followers:
        return None
    value = lex.multiplier_lexemes[w]
    measures: Found = _NONE
    for k in range(i + 1, min(i + 5, end)):
        if toks[k].pos == "NOUN":
            measures = noun_phrase(tree, k)
            break
        if toks[k].pos == "ADJ" and nxt == "as":
            measures = (toks[k].text, toks[k].start)
            break
    t = toks[i]
    return Quantity(t.start, t.end, t.text, t.sentence, value, t.text, "multiplier", value, None, None, *measures)
