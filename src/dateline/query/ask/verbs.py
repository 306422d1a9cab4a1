"""Stage 1 helpers, the question's verb: its particle ("find out"), the event noun a light verb
carries ("hold the rally"), and the verb of the clause it governs ("want the race abandoned")."""

from __future__ import annotations


def phrasal(toks, pred_tok, lemma: str, cfg) -> str:
    """ "find out", "set up": the verb with its particle, when the synonyms know the phrase."""
    prt = next((t for t in toks if t.head == pred_tok.i and t.dep == "prt"), None)
    phrase = f"{lemma} {prt.text.lower()}" if prt is not None else ""
    return phrase if phrase in cfg["_syn"] else lemma


def complement_verb(toks, pred_tok) -> str | None:
    """ "Why did drivers want the race abandoned?", "why did X choose to change ...?", "be reluctant
    to share": the verb of the clause the main verb (or its adjective) governs, which the answering
    sentence may state without the main one ("calling for the race to be abandoned due to ...")."""
    heads = {pred_tok.i} | {t.i for t in toks if t.head == pred_tok.i and t.dep == "acomp"}
    comp = next((t for t in toks if t.head in heads and t.dep in ("xcomp", "ccomp") and t.pos in ("VERB", "AUX")), None)
    return None if comp is None or comp.i == pred_tok.i else comp.lemma.lower()


def light_object(toks, pred_tok, covered: set[int]) -> str | None:
    """ "Where did Trump hold the rally?": the event is the rally, the verb only carries it (the
    events stage's light verbs); the answering sentence may say "at a rally in ..." alone."""
    from ...events._data import lexicon

    lex = lexicon()
    verb = pred_tok.lemma.lower()
    if verb not in lex.light_verbs:
        return None
    obj = next((t for t in toks if t.head == pred_tok.i and t.dep == "dobj" and t.pos == "NOUN"), None)
    if obj is None:  # the small model can misparse the question ("hold the rally at which ..."):
        obj = _noun_after(toks, pred_tok.i)  # then the noun right after the verb
    if obj is None or obj.i in covered:
        return None
    noun = obj.lemma.lower()
    allowed = lex.light_verb_nouns.get(verb)
    return noun if allowed is None or noun in allowed else None


def _noun_after(toks, i: int):
    """The noun that follows token i with only determiners and adjectives between ("hold the rally")."""
    for t in toks[i + 1 : i + 5]:
        if t.pos == "NOUN" and t.dep != "compound":  # "the press conference": the conference
            return t
        if t.pos not in ("DET", "ADJ", "NUM", "NOUN") and t.tag != "PRP$":
            return None
    return None
