"""Stage 1, question analysis: the wh-word and the answer type it asks for, the main verb
(or focus noun), the wh-word's role, names, time constraints, tense, "first"/"last"."""

from __future__ import annotations

import re

from ...entities._data import coref_data
from ...nlp import parse_text
from ...nlp.lexicon import english
from ...nlp.syntax import span_head
from ...types import ParsedDoc
from .config import _NON_NAME, _ORDER_WORDS, _WH_TAGS, _YEAR, _cfg
from .frame import Frame, NameGroup
from .verbs import complement_verb, light_object, phrasal


def _verb_lemma(tok) -> str:
    """ "meeting" as a NOUN in "are X meeting?" is the verb "meet"."""
    lemma = tok.lemma.lower()
    if tok.pos == "NOUN" and lemma.endswith("ing") and len(lemma) > 5:
        base = lemma[:-3]
        if len(base) > 3 and base[-1] == base[-2]:
            base = base[:-1]
        return base
    return lemma


def analyse_question(question: str) -> Frame:
    """The question read once: what it asks for, about whom, when, and the words to look for."""
    cfg = _cfg()
    q = question.strip()
    pd = parse_text(q, source="<question>")
    toks = pd.tokens
    f = Frame(question=question)
    if not toks:
        return f
    wh = _read_wh(f, toks, cfg)
    covered = _read_names(f, pd, wh)
    f.times = _question_times(pd, cfg)
    time_chars = {txt for (_, _, _, txt) in f.times}
    root, auxes, aux_l, pred_tok = _read_predicate(f, toks, wh, covered, cfg)
    _read_wh_role(f, toks, wh, root)
    _read_cause(f, toks, cfg)
    f.head_noun = _head_noun(f, toks, wh)
    if f.answer_type == "phrase" and f.head_noun is not None:  # "which Russian town": a place
        typ = next((t for t, nouns in cfg["focus_types"].items() if f.head_noun in nouns), None)
        if typ is None and f.head_noun in coref_data().role_nouns:  # "which campaign aide", "which tavern owner"
            typ = "agent"
        if typ in ("place", "agent", "date", "report"):
            f.answer_type = typ
        elif typ == "quantity":  # "what was the death toll?", "what was the share of ...?"
            f.answer_type, f.kinds = "quantity", _quantity_kinds(f.head_noun, cfg)
    if f.answer_type == "date" and f.head_noun is not None:  # "at what time ...?": a time of day
        f.kinds = tuple(cfg["date_focus_kinds"].get(f.head_noun, ()))
    _read_tense(f, toks, covered, aux_l, auxes, pred_tok)
    _read_words(f, toks, covered, pred_tok, time_chars, cfg)
    if "money" in f.kinds and any(t.lemma.lower() in cfg["money_words"] for t in toks):
        f.kinds = ("money",)  # "how much does it cost?": not a weight
    if f.kinds == ("duration", "distance") and f.pred and f.pred not in cfg["length_verbs"]:
        f.kinds = ("duration",)  # "how long did the talks last?": not a length
    f.names = _whole_hyphenated(f.names, q)
    f.options, f.earlier = _read_options(q, toks, f.wh, cfg)
    f.measure, f.larger = _read_measure(toks, f.wh, cfg)
    f.future = bool(_FUTURE.search(q))
    f.before = any(t.lemma.lower() in ("before", "prior") and t.dep in ("prep", "mark", "advmod") for t in toks)
    f.kind = question_kind(f)
    if f.kind == "yes_no":
        f.answer_type = "yesno"
        f.order = None  # "did he finish his last race?": the order words name a thing, they ask for none
    return f


def _read_wh(f: Frame, toks, cfg):
    """The wh-word, and the answer type it asks for ("how fast" a speed, "which city" a place)."""
    wh = next((t for t in toks if t.text.lower() in cfg["wh_types"] and (t.tag in _WH_TAGS or t.i == 0)), None)
    if wh is not None:
        f.wh = wh.text.lower()
        f.answer_type = cfg["wh_types"][f.wh]
        nxt = toks[wh.i + 1] if wh.i + 1 < len(toks) else None
        if f.wh == "how" and nxt is not None and nxt.text.lower() in cfg["how_quantity"]:
            spec = cfg["how_quantity"][nxt.text.lower()]
            f.answer_type, f.kinds, f.measure_words = "quantity", tuple(spec["kinds"]), tuple(spec.get("words") or ())
            f.counted = _counted_noun(toks, wh.i + 2)
            if f.counted == "time" or nxt.text.lower() == "often":  # "how many times", "how often"
                f.counted, f.kinds = "time", ("multiplier", "count")
        elif f.wh in ("what", "which") and nxt is not None and nxt.pos in ("NOUN", "PROPN"):
            for typ, nouns in cfg["focus_types"].items():
                if nxt.lemma.lower() in nouns:
                    f.answer_type = typ if typ != "quantity" else "quantity"
                    if typ == "quantity":
                        f.kinds = _quantity_kinds(nxt.lemma.lower(), cfg)
                    break
    return wh


def _quantity_kinds(noun: str, cfg) -> tuple[str, ...]:
    """The quantity kinds a noun asks for ("share": a percentage), any kind for "number", "amount"."""
    kinds = cfg["focus_kinds"].get(noun)
    return tuple(kinds or ("count", "money", "distance", "speed", "percent", "mass", "duration", "other"))


def _counted_noun(toks, k: int) -> str | None:
    """The first noun after "how many" before the verb ("how many German soldiers are ...": soldier)."""
    for t in toks[k:]:
        if t.pos == "NOUN":
            return t.lemma.lower()
        if t.pos in ("VERB", "AUX"):
            return None
    return None


def _setting(pd: ParsedDoc, m) -> bool:
    """ "the crash in Croydon", "the race at Interlagos": a place a user adds as the setting, which
    the answering sentence often leaves out or calls otherwise (a bonus, not a requirement)."""
    if m.label not in ("GPE", "LOC"):  # a facility ("at the cosmodrome") is more often the topic
        return False
    t = pd.tokens[span_head(pd.tokens, m.token_start, m.token_end)]
    prep = pd.tokens[t.head]
    return t.dep == "pobj" and prep.dep == "prep" and prep.lemma.lower() in _cfg()["setting_preps"]


def _read_names(f: Frame, pd: ParsedDoc, wh) -> set[int]:
    """The question's names; returns the tokens they (and its times) cover."""
    # names: entity mentions, then runs of proper nouns spaCy left unlabelled
    covered: set[int] = set()
    for m in pd.mentions:
        if m.label in _NON_NAME:
            covered.update(range(m.token_start, m.token_end))  # "Saturday" is a time, not a name
            continue
        soft = m.label == "NORP" or _setting(pd, m)
        acting = any(pd.tokens[k].dep in ("nsubj", "nsubjpass") for k in range(m.token_start, m.token_end))
        f.names.append(NameGroup(m.text, m.label, soft=soft, acting=acting))
        covered.update(range(m.token_start, m.token_end))
    run: list = []
    for t in list(pd.tokens) + [None]:
        if t is not None and t.pos == "PROPN" and t.i not in covered and t is not wh:
            run.append(t)
            continue
        if run:
            text = " ".join(x.text for x in run)
            if not _only_titles(text):  # "Mr" of "Mr Kim" when the model names only "Kim"
                f.names.append(NameGroup(text, ""))
            covered.update(x.i for x in run)
            run = []
    return covered


def _read_options(q: str, toks, wh: str | None, cfg) -> tuple[tuple[str, ...], bool | None]:
    """ "Which came first, the opening of X or the summit?": the two options after the last comma,
    and whether the earlier or the later one is asked for (None: another comparison)."""
    if wh not in ("which", "who", "what") or "," not in q:
        return (), None
    tail = q.rsplit(",", 1)[1].strip().rstrip("?").strip()
    parts = [p.strip() for p in re.split(r"\s+or\s+", tail)]
    if len(parts) != 2 or not all(parts):
        return (), None
    words = {t.text.lower() for t in toks}
    temporal = cfg["comparison"]
    earlier = True if words & set(temporal["earlier"]) else False if words & set(temporal["later"]) else None
    return tuple(parts), earlier


def _read_measure(toks, wh: str | None, cfg) -> tuple[str | None, bool]:
    """ "Which is older, A or B?", "who was the youngest of the victims?": the question that asks each
    one's value, and whether the larger value answers (comparison.measures)."""
    if wh not in ("which", "who"):
        return None, True
    words = {t.text.lower() for t in toks}
    for spec in cfg["comparison"]["measures"]:
        if words & set(spec["larger"]):
            return spec["ask"], True
        if words & set(spec["smaller"]):
            return spec["ask"], False
    return None, True


def _only_titles(text: str) -> bool:
    from ...entities.names import norm, title_prefix

    ws = norm(text).split()
    return bool(ws) and title_prefix(ws) == len(ws)


def _final_last(toks):
    """ "How long did the meeting last?": a final "last" after "did"/"will" in a question with no
    other verb is the verb (the small model reads it as an adjective); "when did they meet last?"
    has its verb."""
    words = [t for t in toks if t.pos != "PUNCT"]
    if not words or words[-1].text.lower() != "last":
        return None
    if not any(t.lemma.lower() in ("do", "will") for t in words[:-1]):
        return None
    if any(t.pos == "VERB" and t.lemma.lower() != "do" for t in words[:-1]):
        return None
    return words[-1]


def _perfect_participle(toks, root):
    """ "How many times have X and Y met?", "in which city did a protest turn violent?": the small
    model makes the auxiliary the root and the verb its dependant; that verb is the question's."""
    tags = ("VBN", "VBD") if root.lemma.lower() == "have" else ("VB",)
    verb = next((t for t in toks[root.i + 1 :] if t.head == root.i and t.tag in tags), None)
    if verb is None and root.lemma.lower() == "do":  # "did Kim tour" read as the noun "Kim tour"
        verb = next(
            (t for t in toks[root.i + 1 :] if t.head == root.i and t.pos == "NOUN" and _bare_after_name(toks, t)), None
        )
    return verb


def _bare_after_name(toks, t) -> bool:
    """A noun with a name compound and no determiner: "Kim tour", the subject and its verb misread."""
    kids = [x for x in toks if x.head == t.i and x.i != t.i]
    return any(x.dep == "compound" and x.pos == "PROPN" for x in kids) and not any(x.dep == "det" for x in kids)


def _read_predicate(f: Frame, toks, wh, covered: set[int], cfg):
    """The main verb (or the focus noun of "who is X's Y?"), its subject, and the auxiliaries."""
    # main verb / focus
    root = next((t for t in toks if t.dep == "ROOT"), toks[0])
    auxes = [t for t in toks if t.dep in ("aux", "auxpass") or (t.pos == "AUX" and t is not root)]
    aux_l = {t.lemma.lower() for t in auxes} | {t.text.lower() for t in auxes}
    f.passive = any(t.dep == "auxpass" for t in toks)
    pred_tok = None
    if (last := _final_last(toks)) is not None:
        pred_tok = last
    elif root.lemma.lower() == "be" and root.pos in ("AUX", "VERB"):
        pred_tok = _after_be(f, toks, root, wh, covered)
        aux_l.add(root.text.lower())
    elif root.lemma.lower() in ("have", "do") and (part := _perfect_participle(toks, root)) is not None:
        pred_tok = part
        aux_l.add(root.text.lower())
    else:
        pred_tok = _reported_verb(toks, root, wh)
    if pred_tok is not None and pred_tok is not wh:
        f.pred = phrasal(toks, pred_tok, _verb_lemma(pred_tok), cfg)
        f.pred = light_object(toks, pred_tok, covered) or f.pred
        f.pred_light = f.pred in cfg["_light"]
        f.comp_pred = complement_verb(toks, pred_tok)
        if f.pred_light or f.answer_type == "quantity":
            subj = next(
                (
                    t
                    for t in toks
                    if t.dep in ("nsubj", "nsubjpass")
                    and t.head == pred_tok.i
                    and t is not wh
                    and t.i not in covered
                    and t.pos == "NOUN"
                ),
                None,
            )
            if subj is not None:
                f.focus = subj.lemma.lower()
    if pred_tok is not None and f.wh_role != "subj":
        _read_subject(f, toks, wh, pred_tok, aux_l)
    if f.wh in ("what", "which") and f.focus is None:
        nxt = toks[wh.i + 1] if wh is not None and wh.i + 1 < len(toks) else None
        if nxt is not None and nxt.pos == "NOUN":
            f.focus = _kind_of(toks, nxt) or nxt.lemma.lower()
    return root, auxes, aux_l, pred_tok


def _reported_verb(toks, root, wh):
    """ "What did Putin say North Korea would need?": the wh-word belongs to the reported clause,
    so its verb is the question's; the speaker stays one of the question's names."""
    if wh is None or root.lemma.lower() not in english().reporting_verbs:
        return root
    # the small model hangs the wh-word on either verb ("What did he say [the town would need]?")
    inner = next(
        (t for t in toks if t.head == root.i and t.dep in ("ccomp", "xcomp") and t.pos in ("VERB", "AUX")), None
    )
    if inner is None or inner.i == root.i or wh.head not in (root.i, inner.i) or wh.dep not in ("dobj", "nsubj"):
        return root
    return inner


def _read_subject(f: Frame, toks, wh, pred_tok, aux_l: set[str]) -> None:
    """The question's subject, when it is one of its names."""
    subj = next((t for t in toks if t.dep in ("nsubj",) and t.head == pred_tok.i and t is not wh), None)
    if subj is None and pred_tok.pos == "NOUN" and aux_l & {"did", "does", "do"}:
        # "What did Kim visit?" read as the noun "visit" with "Kim" its compound: Kim is the subject
        names = [t for t in toks if t.dep == "compound" and t.head == pred_tok.i and t.pos == "PROPN"]
        subj = names[-1] if names else None  # "Mr Lee visit": the name's last word
    if subj is None and pred_tok.pos == "NOUN":  # "the opening of the cosmodrome": what opened
        of = next((t for t in toks if t.head == pred_tok.i and t.dep == "prep" and t.lemma.lower() == "of"), None)
        subj = next((t for t in toks if of is not None and t.head == of.i and t.dep == "pobj"), None)
    if subj is not None:
        f.subject = next((g for g in f.names if subj.text in g.text.split()), None)


def _after_be(f: Frame, toks, root, wh, covered: set[int]):
    """ "Where are Kim and Putin meeting?": the verb after "be"; "who is X's counterpart?": none, a focus noun."""
    later = [
        t
        for t in toks[root.i + 1 :]
        if t.i not in covered
        and t is not wh
        and (
            t.tag in ("VBG", "VBN", "VB")
            or (t.pos == "NOUN" and t.text.lower().endswith("ing"))
            or _participle_as_past(toks, root, t)
        )
    ]
    if later:
        if later[-1].tag == "VBD":
            f.passive = True
        return later[-1]
    foc = next(
        (
            t
            for t in toks
            if t.dep in ("nsubj", "attr") and t is not wh and t.i not in covered and t.pos in ("NOUN", "PROPN")
        ),
        None,
    )
    if foc is not None:
        f.focus = foc.lemma.lower()
    return None


def _participle_as_past(toks, root, t) -> bool:
    """ "Why was the start of the race delayed?": the small model tags the participle as a past
    verb hanging from "was"; with no subject of its own it is the passive's verb."""
    return (
        t.tag == "VBD" and t.head == root.i and not any(x.head == t.i and x.dep in ("nsubj", "nsubjpass") for x in toks)
    )


_KIND_NOUNS = ("kind", "type", "sort", "form", "variety")


def _head_noun(f: Frame, toks, wh) -> str | None:
    """The noun "which"/"what" determines ("which discount chain": chain), through "kind of"
    ("what kind of hand position": position)."""
    if wh is None or f.wh not in ("what", "which"):
        return None
    head = toks[wh.head] if wh.dep == "det" and toks[wh.head].pos in ("NOUN", "PROPN") else _next_noun(toks, wh.i)
    if head is None:
        head = _copula_noun(toks, wh)
    if head is None:
        return None
    if head.lemma.lower() in _KIND_NOUNS:
        return _kind_of(toks, head)
    return head.lemma.lower()


def _kind_of(toks, head) -> str | None:
    """ "kind of rocket": rocket (None when the noun is no "kind"/"type" or has no "of")."""
    if head.lemma.lower() not in _KIND_NOUNS:
        return None
    of = next((t for t in toks if t.head == head.i and t.dep == "prep" and t.lemma.lower() == "of"), None)
    obj = next((t for t in toks if of is not None and t.head == of.i and t.dep == "pobj"), None)
    return obj.lemma.lower() if obj is not None else None


def _copula_noun(toks, wh):
    """ "What was the last place Kim visited?": the noun "what" is equated with."""
    be = toks[wh.head]
    if be.lemma.lower() != "be" or be.i == wh.i:
        return None
    args = (t for t in toks if t.head == be.i and t.i != wh.i and t.dep in ("nsubj", "attr"))
    return next((t for t in args if t.pos == "NOUN"), None)


def _next_noun(toks, i: int):
    """ "at which Russian town" parsed without "which" as a determiner: the noun just after it."""
    for t in toks[i + 1 : i + 4]:
        if t.pos == "NOUN":
            return t
        if t.pos not in ("ADJ", "PROPN"):
            return None
    return None


def _read_cause(f: Frame, toks, cfg) -> None:
    """ "What caused the fire?", "what was behind the change?": a reason, whatever the verb."""
    if f.wh != "what" or not any(t.lemma.lower() in cfg["cause_words"] for t in toks):
        return
    f.answer_type = "reason"
    if f.pred in cfg["cause_words"]:
        f.pred_light = True  # the answering sentence rarely says "cause": it gives the cause


def _read_wh_role(f: Frame, toks, wh, root) -> None:
    """The wh-word's syntactic role: the answer is the verb's argument in that role."""
    if wh is None:
        return
    if wh.dep in ("nsubj", "nsubjpass"):
        f.wh_role = "subj"
    elif wh.dep in ("dobj", "oprd"):
        f.wh_role = "obj"
    elif wh.dep == "attr":
        f.wh_role = "attr" if f.pred is None else "obj"
    elif wh.dep == "pobj":
        f.wh_role = f"pobj:{toks[wh.head].lemma.lower()}"
    elif wh.dep == "det":  # "which firm bought it?", "what kind of position did he adopt?": the phrase's role
        f.wh_role = _phrase_role(toks, toks[wh.head], f.wh_role)
    dangling = [t for t in toks if t.dep == "prep" and not any(c.head == t.i and c.i != t.i for c in toks)]
    if dangling and f.wh in ("what", "who", "whom", "which"):
        f.wh_role = f"pobj:{dangling[-1].lemma.lower()}"
    inner = _reported_verb(toks, root, wh)
    if inner is not root:  # the wh-word fills the reported clause's missing subject or object
        has_subj = any(t.head == inner.i and t.dep in ("nsubj", "nsubjpass") and t is not wh for t in toks)
        f.wh_role = "obj" if has_subj else "subj"
    if f.wh in ("who", "what", "which") and f.wh_role == "adv":
        # a question whose verb has a subject of its own ("what kind of ship did Kim tour?") asks its object
        f.wh_role = "subj" if wh.i < root.i and f.subject is None else "obj"


def _phrase_role(toks, head, default: str) -> str:
    """The role of the noun phrase a wh-determiner opens: subject, object or a preposition's object."""
    if head.dep in ("nsubj", "nsubjpass"):
        return "subj"
    if head.dep in ("dobj", "oprd"):
        return "obj"
    prep = toks[head.head]
    if head.dep == "pobj" and not any(t.head == prep.i and t.dep == "pobj" and t is not head for t in toks):
        return f"pobj:{prep.lemma.lower()}"  # a stranded preposition ("sold in"), not "tour in Vladivostok"
    return default


_MODALS = frozenset({"would", "could", "might", "may", "should", "must"})


def _read_tense(f: Frame, toks, covered: set[int], aux_l: set[str], auxes, pred_tok) -> None:
    """Past or present (and "last"/"first"), from the auxiliaries and the verb's tag."""
    # tense
    if aux_l & {"did", "had"} or (pred_tok is not None and pred_tok.tag == "VBD" and not auxes):
        f.tense = "past"
    elif aux_l & {"will", "shall", "'ll"} or (
        pred_tok is not None
        and (pred_tok.tag == "VBG" or pred_tok.text.lower().endswith("ing"))
        and aux_l & {"are", "is", "am"}
    ):
        f.tense = "present"
    elif aux_l & {"has", "have"} and pred_tok is not None and pred_tok.tag == "VBN":
        f.tense = "past"
    if pred_tok is not None and pred_tok.dep != "ROOT":
        own = {t.text.lower() for t in toks if t.head == pred_tok.i and t.dep == "aux"}
        if own & _MODALS:  # "what did Putin say North Korea would need?": asks for what is said, not done
            f.tense = "any"
    for t in toks:
        # "how long did the meeting last?": the verb "last" orders nothing
        if (
            t.text.lower() in _ORDER_WORDS
            and (t.i not in covered or t.ent_type == "ORDINAL")  # the model may tag "first" an ORDINAL
            and t is not pred_tok
            and t.pos != "VERB"
        ):
            f.order = _ORDER_WORDS[t.text.lower()]


def _read_words(f: Frame, toks, covered: set[int], pred_tok, time_chars: set[str], cfg) -> None:
    """Content words (lemmas to match), the nouns a sentence should have, and the search terms."""
    # content words and search terms
    skip = set(_ORDER_WORDS) | cfg["_light"] | set(cfg["wh_types"])
    for t in toks:
        lem = t.lemma.lower()
        if _no_content(toks, t, skip) or t.text in time_chars:
            continue
        if t.ent_type in ("DATE", "TIME") and not _YEAR.search(t.text):
            f.content.append(lem)  # "on Saturday": matched as a word, a soft constraint
            f.terms.append(t.text)
            continue
        if t.i in covered:  # names are scored on their own; keep them for retrieval only
            f.terms.append(t.text)
            continue
        lem = _verb_lemma(t) if t is pred_tok else lem
        f.content.append(lem)
        # the thing a measure is asked of ("how fast was the tram going?") is a noun the sentence
        # must have, unlike the focus that says what kind of answer is wanted ("which firm")
        measured = f.answer_type == "quantity" and "count" not in f.kinds and lem not in cfg["money_words"]
        if (
            t.pos == "NOUN"
            and t is not pred_tok
            and (lem != f.focus or measured)
            and not any(lem in v for v in cfg["focus_types"].values())
            and not _describes_name(toks, t, covered)
        ):
            f.nouns.append(lem)
        f.terms.extend({t.text, lem})
    for w in list(f.content) + ([f.focus] if f.focus else []):
        for s in cfg["_syn"].get(w, ()):
            f.terms.extend(x for x in s.split() if x not in cfg["_light"] and x not in _FUNCTION_WORDS and len(x) > 2)
    f.terms.extend(f.measure_words)
    for _, _, _, txt in f.times:
        f.terms.append(txt)
    f.terms = list(dict.fromkeys(x for x in f.terms if x and re.search(r"\w", x)))


def _describes_name(toks, t, covered: set[int]) -> bool:
    """A noun of an apposition to one of the question's names ("Pat Rooke, the Croydon witness",
    "Song, the uncle of the boy"): context that tells the person apart, which the answering
    sentence need not repeat."""
    cur = t
    for _ in range(4):
        if cur.dep == "appos" and cur.head in covered:
            return True
        if cur.head == cur.i:
            return False
        cur = toks[cur.head]
    return False


def _no_content(toks, t, skip: set[str]) -> bool:
    """A function word, a question word, or the "kind" of "what kind of rocket" (the answer names a
    rocket, not a kind)."""
    low, lem = t.text.lower(), t.lemma.lower()
    if t.is_stop or t.pos in ("PUNCT", "AUX", "DET", "ADP", "CCONJ", "PART", "PRON", "SCONJ") or {low, lem} & skip:
        return True
    return lem in _KIND_NOUNS and t.i > 0 and toks[t.i - 1].text.lower() in ("what", "which")


def _question_times(pd: ParsedDoc, cfg) -> list[tuple[str, str, str, str]]:
    preps = cfg["time_preps"]
    out = []
    text = pd.text
    for m in _YEAR.finditer(text):
        before = text[: m.start()].split()
        op = preps.get(before[-1].lower(), "overlap") if before else "overlap"
        y = m.group(1)
        out.append((op, f"{y}-01-01", f"{y}-12-31", y))
    return out


# words of multi-word synonyms ("take the title", "come into service") that find nothing by themselves
_FUNCTION_WORDS = english().determiners | english().pronouns.all | {"into", "for", "with", "from", "out", "off"}
_FUTURE = re.compile(r"\b(will|shall|'ll|going to|due to (be|start|open|begin))\b", re.I)
# "did ...?", and after a leading phrase: "according to the family, did ...?"
_YES_NO = re.compile(r"^(?:[^,?]+,\s*)?(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)\b", re.I)


def question_kind(f: Frame) -> str:
    """The kind of question (``Answer.type``), from its words: who, when, how_many, first_last, yes_no, ..."""
    q = f.question.strip().lower()
    rules = (
        ("how_many_times", re.search(r"\bhow (many times|often)\b", q)),
        ("yes_no", f.wh is None and _YES_NO.match(q)),  # "did X finish his last race?" asks no date
        ("first_last", f.order is not None or "most recent" in q),
        (
            "comparison",
            f.measure or re.search(r"\b(which|who)\b.*\bor\b", q) or re.search(r"\b(more|higher|longer|older)\b", q),
        ),
        ("how_many", "how many" in q),
        ("how_much", "how much" in q),
        ("duration", "how long" in q),
        ("quantity", f.answer_type == "quantity"),
        ("what_kind", re.search(r"\bwhat (kind|type|sort)\b", q)),
        ("which", f.wh == "which"),
    )
    return next((name for name, hit in rules if hit), f.wh or "other")


_HYPHENATED = re.compile(r"\b[A-Z]\w*(?:-\w+)+")


def _whole_hyphenated(names: list[NameGroup], q: str) -> list[NameGroup]:
    """ "Mazar-i-Sharif" is one name, not "Mazar", "i" and "Sharif" (the tokenizer splits at hyphens)."""
    out: list[NameGroup] = []
    for m in _HYPHENATED.finditer(q):
        if not any(seg.islower() for seg in m.group(0).split("-")):
            continue  # "Kim-Putin" is two names; "Komsomolsk-on-Amur" one
        parts = [g for g in names if g.text in m.group(0) and g.text != m.group(0)]
        if parts:
            names = [g for g in names if g not in parts]
            if not any(g.text == m.group(0) for g in names + out):
                out.append(NameGroup(m.group(0), next((g.label for g in parts if g.label), "")))
    return names + out
