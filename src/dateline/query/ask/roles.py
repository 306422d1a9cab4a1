"""Stage 3, reading, for phrase answers: who did it (a name in the agent role) and what fills
the wh-word's role (the verb's dependants, the matched events' roles, "what is X?")."""

from __future__ import annotations

from ...types import ParsedDoc
from .._common import entity_name
from .config import _cfg
from .frame import Frame
from .match import Option, _lemma_match, _question_has, _status_factor
from .retrieve import Cand, _norm_words, _times_ok
from .tree import _children, _clean, _dist, _head_of, _span_toks, _subtree_text


def _agents(f, pd, c, facts, m_toks, matched_events, status_of) -> list[Option]:
    """Who did it: the agent of the matched event or the verb's subject, as a name when it is one;
    else the person or organisation asked about (a focus noun's name), or the names nearest the verb."""
    mentions = [
        m for m in facts["mentions"].get((c.doc_id, c.idx), []) if m["label"] in ("PERSON", "ORG", "GPE", "NORP")
    ]
    out: list[Option] = []
    if f.pred and not f.pred_light and f.wh_role == "subj":
        out += _event_agents(f, pd, c, mentions, matched_events)
        out += _subject_agents(f, pd, c, mentions, m_toks, status_of)
    if f.focus:
        out += _focus_agents(f.focus, pd, c, mentions)
    if not out:
        out += _nearest_agents(pd, c, mentions, m_toks)
    return out


def _named(m: dict, score: float) -> Option:
    return Option(entity_name(m["entity_key"]) or m["text"], m["entity_key"], score, m["entity_key"])


def _focus_agents(focus: str, pd: ParsedDoc, c: Cand, mentions: list[dict]) -> list[Option]:
    """ "which company ...?": names attached to a token like the focus noun ("the company Apple")."""
    ftoks = [t.i for t in pd.tokens if _lemma_match(focus, t.lemma.lower()) >= 0.8]
    out: list[Option] = []
    for m in mentions:
        toks = _span_toks(pd, m["start_char"] - c.start, m["end_char"] - c.start)
        if not toks:
            continue
        h = _head_of(pd, toks)
        if any(fi in toks or _attached(pd, toks, h, fi) for fi in ftoks):
            out.append(_named(m, 0.95))
    return out


def _nearest_agents(pd: ParsedDoc, c: Cand, mentions: list[dict], m_toks: list[int]) -> list[Option]:
    """Last resort: people and organisations, the nearer the verb the likelier."""
    out: list[Option] = []
    for m in mentions:
        if m["label"] not in ("PERSON", "ORG"):
            continue
        toks = _span_toks(pd, m["start_char"] - c.start, m["end_char"] - c.start)
        if toks and m_toks:
            d = min(_dist(pd, toks[0], x) for x in m_toks)
            out.append(_named(m, 0.4 / (1 + d)))
    return out


def _event_agents(f, pd, c, mentions, matched_events) -> list[Option]:
    """The agent (or, asked in the passive, the patient) of the events at the question's verb."""
    out: list[Option] = []
    for ev in matched_events:
        rs = [r for r in ev.roles if r.name == ("patient" if f.passive else "agent")]
        if not rs:
            continue
        r = rs[0]
        ents = list(dict.fromkeys(x.entity for x in rs if x.entity and (x.start, x.end) == (r.start, r.end)))
        if len(ents) > 1:  # "they" -> both people
            txt = " and ".join(entity_name(e) or "" for e in ents)
        elif r.entity and (
            r.text.lower() in ("he", "she", "they", "it", "who", "which", "their", "his", "her")
            or _norm_words(r.text) <= _norm_words(entity_name(r.entity))
        ):  # "Putin" -> "Vladimir Putin"
            txt = entity_name(r.entity) or r.text
        else:
            txt = r.text
            toks = _span_toks(pd, r.start - c.start, r.end - c.start)
            h = _head_of(pd, toks) if toks else None
            ment = next(
                (
                    x
                    for x in mentions
                    if x["label"] in ("PERSON", "ORG")
                    and h is not None
                    and h in _span_toks(pd, x["start_char"] - c.start, x["end_char"] - c.start)
                ),
                None,
            )
            if ment is not None:  # the phrase is headed by a name: answer the name
                txt = entity_name(ment["entity_key"]) or ment["text"]
        out.append(Option(_clean(txt), r.entity, 0.9, r.entity, factor=_status_factor(f, ev.status)))
    return out


def _subject_agents(f, pd, c, mentions, m_toks, status_of) -> list[Option]:
    """The grammatical subject of the question's verb in the sentence."""
    out: list[Option] = []
    for m in m_toks:
        subj = [t for t in _children(pd, m) if t.dep in (("nsubjpass",) if f.passive else ("nsubj",))]
        # the by-phrase of a passive: asked in the active ("who is heading the team?" - "the team,
        # headed by Chris Christie") it is the doer
        subj += [g for t in _children(pd, m) if t.dep == "agent" for g in _children(pd, t.i) if g.dep == "pobj"]
        if f.passive and pd.tokens[m].dep == "acl":  # "a tram driver arrested over ...": the noun it modifies
            subj.append(pd.tokens[pd.tokens[m].head])
        for s in subj:
            if s.pos == "PRON":
                continue
            ment = next(
                (
                    x
                    for x in mentions
                    if x["label"] in ("PERSON", "ORG")
                    and s.i in _span_toks(pd, x["start_char"] - c.start, x["end_char"] - c.start)
                ),
                None,
            )
            if ment is not None:  # the subject is a name: the name, not a long phrase around it
                out.append(
                    Option(
                        entity_name(ment["entity_key"]) or ment["text"],
                        ment["entity_key"],
                        0.88,
                        ment["entity_key"],
                        factor=_status_factor(f, status_of(m)),
                    )
                )
                continue
            out.append(Option(_clean(_subtree_text(pd, s.i)), None, 0.85, factor=_status_factor(f, status_of(m))))
    return out


def _phrases(f, pd, c, m_toks, matched_events, status_of) -> list[Option]:
    """Phrases in the asked role: the verb's own dependants, the matched events' roles, and
    for "what is X?" what the sentence says X is."""
    out: list[Option] = []
    for m in m_toks:
        out += _role_phrases(f.wh_role, pd, m, _status_factor(f, status_of(m)))
    out += _event_role_phrases(f, matched_events)
    if f.pred is None:
        out += _focus_definitions(f.focus, pd) if f.focus else _name_definitions(pd, m_toks)
    return out


_SUBJ_DEPS = ("nsubj", "nsubjpass")
_OBJ_DEPS = ("dobj", "attr", "oprd", "ccomp", "xcomp", "acomp")
_DEFINITION_DEPS = ("attr", "acomp")
_ROLE_OF_WH = {"subj": "agent", "obj": "patient", "attr": "patient", "adv": "patient"}


def _dep_phrases(pd: ParsedDoc, i: int, deps, score: float, factor: float = 1.0, pron: bool = True) -> list[Option]:
    """The subtrees of token i's dependants with one of `deps` (pronouns kept unless `pron` is off)."""
    return [
        Option(_clean(_subtree_text(pd, k.i)), None, score, factor=factor)
        for k in _children(pd, i)
        if k.dep in deps and (pron or k.pos != "PRON")
    ]


def _prep_objects(pd: ParsedDoc, i: int, preps, score: float, factor: float) -> list[Option]:
    """The objects of token i's prepositions in `preps` ("the launch *of the rocket*")."""
    out: list[Option] = []
    for k in _children(pd, i):
        if k.dep == "prep" and k.lemma.lower() in preps:
            out += _dep_phrases(pd, k.i, ("pobj",), score, factor)
    return out


def _role_phrases(role: str, pd: ParsedDoc, m: int, factor: float) -> list[Option]:
    """What fills the question's wh-role beside one matched token."""
    if role.startswith("pobj:"):  # "in which city ...?": the object of that preposition
        return _prep_objects(pd, m, {role.split(":", 1)[1]}, 0.9, factor)
    if role == "subj":
        return _dep_phrases(pd, m, _SUBJ_DEPS, 0.85, factor, pron=False)
    if role not in ("obj", "adv", "attr"):
        return []
    tok = pd.tokens[m]
    if tok.pos == "VERB" or tok.tag.startswith("VB"):
        return _dep_phrases(pd, m, _OBJ_DEPS, 0.85, factor)
    return _prep_objects(pd, m, {"of", "for"}, 0.7, factor)  # a noun: "the sale of X"


def _event_role_phrases(f: Frame, matched_events) -> list[Option]:
    want = _ROLE_OF_WH.get(f.wh_role)
    return [
        Option(_clean(r.text), None, 0.9, factor=_status_factor(f, ev.status))
        for ev in matched_events
        for r in ev.roles
        if r.name == want
    ]


def _copula_definitions(pd: ParsedDoc, t, subj_deps) -> list[Option]:
    """'X is a Y': the attribute of the copula X is the subject of."""
    head = pd.tokens[t.head]
    if t.dep in subj_deps and head.lemma.lower() == "be":
        return _dep_phrases(pd, head.i, _DEFINITION_DEPS, 0.8)
    return []


def _name_definitions(pd: ParsedDoc, m_toks) -> list[Option]:
    """ "what is X?" with X a name: what the sentence says the matched name is."""
    out: list[Option] = []
    for a in m_toks:
        out += _copula_definitions(pd, pd.tokens[a], _SUBJ_DEPS)
        out += _dep_phrases(pd, a, ("appos",), 0.85)
    return out


def _focus_definitions(focus: str, pd: ParsedDoc) -> list[Option]:
    """ "what is X?" with X a common noun: the attribute or apposition of every token like X."""
    out: list[Option] = []
    for t in pd.tokens:
        if _lemma_match(focus, t.lemma.lower()) >= 0.8:
            out += _copula_definitions(pd, t, ("nsubj",))
            out += _dep_phrases(pd, t.i, ("appos",), 0.7)
    return out


_MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod", "nummod", "poss")


def head_noun_phrases(f, pd: ParsedDoc, c: Cand, facts: dict, near, names_only: bool = False) -> list[Option]:
    """ "Which firm ...?", "what kind of rocket ...?": a name standing beside a word like the
    asked noun ("the tram operator FirstGroup"), or that word with what specifies it
    ("opinion research division", "Soyuz-2.1a rocket")."""
    if not f.head_noun:
        return []
    mentions = [m for m in facts["mentions"].get((c.doc_id, c.idx), []) if m["label"] not in _NOT_NAMES]
    out: list[Option] = []
    for t in pd.tokens:
        if t.pos not in ("NOUN", "PROPN") or _lemma_match(f.head_noun, t.lemma.lower()) < 0.8:
            continue
        bonus = 0.2 / (1 + near(t.i))
        named = _beside(pd, c, mentions, t.i)
        name = (entity_name(named["entity_key"]) or named["text"]) if named is not None else None
        if name is not None and not _question_has(f, name):  # a name the question gives is no answer
            out.append(Option(name, None, 0.95 + bonus, fit=1.0))
            continue
        mods = [k.i for k in _children(pd, t.i) if k.dep in _MODIFIER_DEPS and k.i < t.i]
        if mods and not names_only:
            lo = min(pd.subtree(min(mods))[0], min(mods))
            out.append(Option(_clean(pd.text[pd.tokens[lo].start : t.end]), None, 0.8 + bonus, fit=0.5))
    return out


_NOT_NAMES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT")


def _beside(pd: ParsedDoc, c: Cand, mentions: list[dict], i: int) -> dict | None:
    """The name in apposition or compound with token i, or just after it ("retailer Poundland")."""
    for m in mentions:
        toks = _span_toks(pd, m["start_char"] - c.start, m["end_char"] - c.start)
        if not toks or i in toks:
            continue
        if _attached(pd, toks, _head_of(pd, toks), i):
            return m
    return None


def _attached(pd: ParsedDoc, toks: list[int], h: int, i: int) -> bool:
    """The name (tokens ``toks``, head ``h``) stands beside the noun i, or a noun coordinated with
    it ("Niki Lauda, the former world champion and Mercedes' chairman"): in apposition or
    compound either way, or just after it."""
    for j in _coordinated(pd, i):
        if pd.tokens[h].head == j and pd.tokens[h].dep in ("appos", "compound", "nmod") or _just_after(pd, j, toks[0]):
            return True
        if pd.tokens[j].head == h and pd.tokens[j].dep in ("appos", "compound"):
            return True
    return False


def _coordinated(pd: ParsedDoc, i: int) -> list[int]:
    """Token i and the nouns it is a conjunct of, nearest first."""
    out = [i]
    while pd.tokens[out[-1]].dep == "conj" and pd.tokens[out[-1]].head not in out:
        out.append(pd.tokens[out[-1]].head)
    return out


def _just_after(pd: ParsedDoc, i: int, j: int) -> bool:
    """Token j follows token i with at most a comma, a dash or "of" between ("the operator,
    FirstGroup", "the town of Khasan"), not another preposition ("a treaty in Pyongyang")."""
    return 0 < j - i <= 2 and all(pd.tokens[k].text in (",", "-", "–", "of") for k in range(i + 1, j))


def opposite_tokens(pd: ParsedDoc, lemma: str) -> list[tuple[int, float]]:
    """Tokens stating the opposite of the question's verb ("unharmed" for "hurt", "denied" for "say")."""
    words = _cfg()["opposites"].get(lemma, ())
    strength = _cfg()["scoring"]["yes_no_opposite"]
    low = [t.lemma.lower() for t in pd.tokens]
    out = []
    for w in words:
        first, *rest = w.split()
        for t in pd.tokens:
            if (low[t.i] == first or t.text.lower() == first) and low[t.i + 1 : t.i + 1 + len(rest)] == rest:
                out.append((t.i, strength))
    return out


def yes_no(r) -> list[Option]:
    """ "Did X happen?": "yes" or "no" with the sentence that says it. "No" when the sentence
    denies the event where it states it (its strongest match), or states its opposite."""
    pd, f = r.pd, r.f
    if not r.matched or r.matched[0][1] < _cfg()["scoring"]["yes_no_min_match"]:
        return []
    i, strength = r.matched[0]
    opposite = f.pred is not None and any(j == i for j, _ in opposite_tokens(pd, f.pred))
    first_time = _first_time_before(f, pd)
    if not first_time and not _times_ok(f, r.facts, r.c, reading=True):
        return []  # "won it in 2018" says nothing of "before 2016"
    negative = _denied(r, i) != opposite or first_time
    if not negative and _says_not(r, i):  # "did they say it was because of X?" - "it wasn't"
        negative = True
    text = _clean(pd.text)
    text = text if len(text) <= 140 else text[:137].rsplit(" ", 1)[0] + "..."
    # valued by its polarity, so every sentence saying the same "no" supports (and is cited for) it
    return [Option(f"{'No' if negative else 'Yes'}: {text}", "no" if negative else "yes", 0.6 + 0.3 * strength)]


def _denied(r, i: int) -> bool:
    """The event at token i is denied: negated (its stored status, or a negation on it or its
    auxiliaries), governed by a denying verb ("failed to finish"), done "without" something, or
    done to nobody ("found nobody", "no evidence")."""
    pd, cfg = r.pd, _cfg()
    t = pd.tokens[i]
    if r.status_of(i) == "negated":
        return True
    kids = _children(pd, i)
    if any(k.dep == "neg" for k in kids) or any(k.lemma.lower() == "without" and k.dep == "prep" for k in kids):
        return True
    if t.dep in ("xcomp", "ccomp") and pd.tokens[t.head].lemma.lower() in cfg["denying_governors"]:
        return True
    nobody = set(cfg["nobody_words"])
    for k in kids:
        if k.dep in ("dobj", "nsubjpass", "attr"):
            det = [d.text.lower() for d in _children(pd, k.i) if d.dep == "det"]
            if k.text.lower() in nobody or any(d in nobody for d in det):
                return True
    return False


def _says_not(r, i: int) -> bool:
    """ "Did X say Y?": the speech verb at token i reports a denied clause ("added: 'This change
    wasn't done as a result of Brexit'"), so what the question asks it said, it did not."""
    from ...entities._data import coref_data

    if r.f.pred not in coref_data().speaker_verbs or r.f.comp_pred is None:
        return False
    least = _cfg()["scoring"]["yes_no_min_match"]
    verbs = {i} | {j for j, strength in r.matched if strength >= least}  # "acknowledged ..., but added: ..."
    # the reported clause that states the question's own ("was done because of Brexit": do)
    same = {r.f.comp_pred} | _cfg()["_syn"].get(r.f.comp_pred, set())
    clauses = [
        k.i
        for v in verbs
        for k in _children(r.pd, v)
        if k.dep in ("ccomp", "xcomp", "parataxis") and k.lemma.lower() in same
    ]
    return any(_denied(r, j) for j in clauses)


def _first_time_before(f, pd: ParsedDoc) -> bool:
    """ "Had X won it before 2016?" answered by "won it for the first time": not before."""
    if not any(op == "before" for op, *_ in f.times):
        return False
    low = " ".join(t.text.lower() for t in pd.tokens)
    return any(cue in low for cue in _cfg()["first_time_cues"])
