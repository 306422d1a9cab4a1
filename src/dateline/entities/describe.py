"""Descriptions that refer to an entity: "the Russian president", "the two leaders",
"the company", "the device", "the cosmodrome", "NPD Group, a market research firm"."""

from __future__ import annotations

from ..types import EntityKey, EntityLink, Mention
from ._data import coref_data
from .clean import unit_after_number
from .state import PERSON, SUBJ, DocState, Seen
from .unnamed import refer

_DEFINITE = ("the", "this", "that", "these", "those")
_NOT_THINGS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
_NEAR_DEPS = ("compound", "amod", "appos", "nmod")
_TYPE_FITS = {"ORG": ("ORG",), "PRODUCT": ("PRODUCT", "WORK_OF_ART"), "GPE": ("GPE", "LOC"), "INDEX": ("INDEX",)}


def collect_descriptors(d: DocState, titles: tuple[EntityLink, ...]) -> None:
    """Role nouns and modifiers written with each person ("Russian counterpart Vladimir Putin")."""
    for x in titles:
        if x.entity.label == PERSON:
            d.descriptors.setdefault(x.entity, set()).update(w.lower() for w in x.text.replace("-", " ").split())
    for h, m in d.head_at.items():
        if m.entity.label == PERSON:
            _near_words(d, h, d.descriptors.setdefault(m.entity, set()))
        else:
            d.kinds.setdefault(m.entity, set()).update(_kind_words(d, h, m))


def _kind_words(d: DocState, h: int, m: Mention) -> set[str]:
    """The thing nouns written with a name: in it ("Nimbus Phone"), after it ("the Zen digital music
    players"), before or beside it ("web browser Safari", "Tiger, the newest version")."""
    things = coref_data().thing_type
    t = d.toks[h]
    near = [c for c in d.kids[h] if d.toks[c].dep in _NEAR_DEPS]
    if t.dep in _NEAR_DEPS:
        near.append(t.head)
    out = {w for w in m.text.lower().split() if w in things}
    out.update(d.toks[k].lemma.lower() for k in near if k not in d.mention_at and d.toks[k].lemma.lower() in things)
    return out


def _near_words(d: DocState, h: int, desc: set[str]) -> None:
    role = coref_data().role_nouns
    near = list(d.kids[h])
    if d.toks[h].dep == "appos":
        near.append(d.toks[h].head)
    for k in near:
        t = d.toks[k]
        other = d.mention_at.get(k)
        if not (t.dep in _NEAR_DEPS or k == d.toks[h].head) or (other is not None and other.label == PERSON):
            continue
        if t.lemma.lower() in role:
            desc.add(t.lemma.lower())
            desc.update(d.lower[c] for c in d.kids[k])
            desc.update(d.mention_at[c].text.lower() for c in d.kids[k] if c in d.mention_at)
        elif other is not None:
            desc.add(other.text.lower())  # "Russian" in "Russian Putin"


def description(d: DocState, i: int) -> None:
    """Link the noun at ``i`` when it describes an entity named before (or beside) it."""
    t = d.toks[i]
    if t.ent_type in _NOT_THINGS or _apposition(d, i) or _predicate(d, i) or _as_object(d, i):
        return  # "the last year": a time, not a thing
    cd = coref_data()
    lem = t.lemma.lower()
    kids = d.kids[i]
    definite = any(d.lower[c] in _DEFINITE for c in kids)
    if definite and t.tag == "NN" and _described_near(d, i, lem):
        d.link(i, (d.appositive[lem].key,), "description", d.np_span(i))
    elif definite and lem in d.last_word:
        d.link(i, (d.last_word[lem],), "description", d.np_span(i))
    elif d.lower[i] in cd.plural_role_nouns and any(d.lower[c] in cd.plural_determiners for c in kids):
        _the_two(d, i)
    elif lem in cd.role_nouns and (t.tag == "NN" or (definite and t.tag == "NNP" and t.text.isupper())):
        _person_description(d, i, lem)  # "the president", "the CEO" (the model tags an acronym NNP)
    elif lem in cd.thing_type and t.tag in ("NN", "NNP") and (definite or _compound_of_role(d, i)):
        _thing_description(d, i, lem, cd.thing_type[lem])
    elif definite and t.tag == "NNS" and lem in cd.plural_units and lem in cd.thing_type:
        _thing_description(d, i, lem, cd.thing_type[lem])  # "the phones": the units of one product
    else:
        _unnamed_start(d, i, lem)


def _unnamed_start(d: DocState, i: int, lem: str) -> None:
    """ "a U.S. manufacturing company": a thing not named before; "users ... the users ... their": a
    group of people no name names (``unnamed.py``)."""
    cd, t = coref_data(), d.toks[i]
    if lem in cd.thing_type and t.tag == "NN" and any(d.lower[c] in cd.indefinite_determiners for c in d.kids[i]):
        if _own_thing(d, i):
            refer(d, i, lem, cd.thing_type[lem], new=True)
    elif t.tag == "NNS" and d.lower[i] in cd.people_nouns and t.dep != "compound" and i not in d.out:
        refer(d, i, d.lower[i], PERSON, new=False)


def _described_near(d: DocState, i: int, lem: str) -> bool:
    """An apposition gave an entity this noun, within the description window."""
    seen = d.appositive.get(lem)
    return seen is not None and d.toks[i].sentence - seen.sentence <= coref_data().description_window


def _apposition(d: DocState, i: int) -> bool:
    """ "NPD Group, a market research firm" and "a market research firm, NPD Group"."""
    t = d.toks[i]
    keys: tuple[EntityKey, ...] = ()
    if t.dep == "appos":
        keys = d.keys_of(t.head)
    if not keys:
        for c in d.kids[i]:
            m = d.head_at.get(c)
            if d.toks[c].dep == "appos" and m is not None:
                keys = (m.entity,)
                break
    if len(keys) != 1:
        return False
    d.link(i, keys, "description", d.np_span(i))
    lem = t.lemma.lower()
    kind = coref_data().thing_type.get(lem)
    if t.tag == "NN" and kind is not None and keys[0].label in _TYPE_FITS.get(kind, (kind,)):
        d.appositive[lem] = Seen(i, keys[0], False, t.sentence)  # "NPD Group, a market research firm. The firm"
    return True


def _predicate(d: DocState, i: int) -> bool:
    """ "Nimbus is a revolutionary phone", "the phone is claimed to be a bestseller": the noun a
    copula says the subject is refers to the subject's entity."""
    t = d.toks[i]
    if t.dep != "attr" or t.pos != "NOUN" or d.toks[t.head].lemma not in coref_data().copulas:
        return False
    keys = _subject_keys(d, t.head)
    if len(keys) != 1 or not _noun_fits(t.lemma.lower(), keys[0].label):
        return False  # "it is a problem": not a word for what the subject is
    d.link(i, keys, "description", d.np_span(i))
    return True


def _as_object(d: DocState, i: int) -> bool:
    """ "Baker described him as a true visionary": the noun of an "as" phrase on a verb that says what
    its object is (coref.yaml as_verbs) refers to that object, a person or a thing of the noun's type."""
    t = d.toks[i]
    prep = d.toks[t.head]
    if t.dep != "pobj" or d.lower[prep.i] != "as" or t.pos not in ("NOUN", "NUM", "PRON"):
        return False
    verb = d.toks[prep.head]
    objs = [c for c in d.kids[verb.i] if d.toks[c].dep == "dobj"]
    if verb.lemma not in coref_data().as_verbs or len(objs) != 1:
        return False
    keys = d.keys_of(objs[0])
    person = len(keys) == 1 and keys[0].label == PERSON
    if len(keys) != 1 or not (person or _noun_fits(t.lemma.lower(), keys[0].label)):
        return False
    d.link(i, keys, "description", d.np_span(i))
    for c in d.kids[i]:  # "as one of the founders and a true visionary"
        if d.toks[c].dep == "conj" and d.toks[c].pos == "NOUN":
            d.link(c, keys, "description", d.np_span(c))
    return True


def _noun_fits(lem: str, label: str) -> bool:
    """A role noun for a person ("executive"), a thing noun for a thing of its type ("phone")."""
    cd = coref_data()
    if label == PERSON:
        return lem in cd.role_nouns
    kind = cd.thing_type.get(lem)
    return kind is not None and label in _TYPE_FITS.get(kind, (kind,))


def _subject_keys(d: DocState, verb: int) -> tuple[EntityKey, ...]:
    """What the subject of a verb refers to when it is a name or a description; for an infinitive
    without one ("to be"), the subject of the verb it completes ("is claimed to be")."""
    for _ in range(3):
        subj = [c for c in d.kids[verb] if d.toks[c].dep in SUBJ]
        if subj:
            named = subj[0] in d.mention_at or d.kind.get(subj[0]) == "description"
            return d.keys_of(subj[0]) if named else ()  # a pronoun's own link may be wrong: not built on
        if d.toks[verb].dep != "xcomp":
            return ()
        verb = d.toks[verb].head
    return ()


def _the_two(d: DocState, i: int) -> None:
    """ "the two leaders", "both men": the pair last named together, else the two most named;
    "the two companies", "both countries": the two organisations (places) named most so far."""
    thing = coref_data().plural_things.get(d.lower[i])
    pairs = [p for p in d.pairs if p[0] < i and all(k.label == PERSON for k in p[1])]
    if thing is not None:
        fits = _TYPE_FITS.get(thing, (thing,))
        seen = {x.key for x in d.things if x.i < i and x.key.label in fits}
        top = [k for k, _ in d.freq.most_common() if k in seen][:2]
        keys = tuple(top) if len(top) == 2 else ()
    elif pairs:
        keys = pairs[-1][1]
    else:
        top = [k for k, _ in d.freq.most_common() if k.label == PERSON][:2]
        keys = tuple(top) if len(top) == 2 else ()
    if keys:
        d.link(i, keys, "description", d.np_span(i))
        d.pairs.append((i, keys))


def _person_description(d: DocState, i: int, lem: str) -> None:
    """ "the Russian president": the person named with that role or modifier."""
    t = d.toks[i]
    if t.dep == "compound" and t.head in d.mention_at:
        return  # a title of the name it stands before
    kids = d.kids[i]
    if any(d.toks[c].dep == "poss" for c in kids):
        return  # "his counterpart" is someone else
    mods = {d.lower[c] for c in kids if d.toks[c].dep in ("amod", "compound", "nmod")}
    mods.update(d.mention_at[c].text.lower() for c in kids if c in d.mention_at)
    best, best_score = None, 0
    for x in d.persons:
        if x.i >= i:
            break
        desc = d.descriptors.get(x.key, set())
        score = (2 if mods & desc else 0) + (1 if lem in desc else 0)
        if score and score >= best_score:
            best, best_score = x.key, score
    if best is not None:
        d.link(i, (best,), "description", d.np_span(i))


def _of_phrase(d: DocState, i: int) -> bool:
    """The noun has an "of" phrase: about a name or a thing already referred to ("the side of the
    device"), or saying what it is made of or makes ("the group of donors", "the maker of the
    chocolate"), which a bare reference back would not need."""
    for c in d.kids[i]:
        if d.lower[c] != "of" or d.toks[c].dep != "prep":
            continue
        if any(d.toks[o].dep == "pobj" for o in d.kids[c]):
            return True
    return False


def _untagged_name(d: DocState, c: int) -> bool:
    """A proper noun no name mention covers ("Zune"); a unit after its number ("16GB") is none."""
    return d.toks[c].pos == "PROPN" and c not in d.mention_at and not unit_after_number(d.toks, d.toks[c : c + 1])


def _compound_of_role(d: DocState, i: int) -> bool:
    """ "company CEO Steve Jobs": a bare thing noun in front of a title."""
    t = d.toks[i]
    return t.dep == "compound" and (t.head in d.titled or d.lower[t.head] in coref_data().role_nouns)


def _own_thing(d: DocState, i: int) -> bool:
    """The thing noun at ``i`` is a reference of its own, not part of a name's phrase ("the music seller
    Wal-Mart", "the Nimbus phone"), a part or kind of another ("the side of the device"), or someone's
    ("its profits")."""
    head = d.toks[d.toks[i].head]
    if d.toks[i].dep in ("compound", "appos") and head.pos == "PROPN" and head.i not in d.titled:
        return False  # "the music seller Wal-Mart": it describes the name it stands with ("company CEO" refers back)
    if _of_phrase(d, i):
        return False  # "the side of the device", "the group of donors": a part or kind of another, or its own
    lem = d.toks[i].lemma.lower()
    fits = _TYPE_FITS.get(coref_data().thing_type.get(lem, ""), ())
    for c in d.kids[i]:
        if d.toks[c].dep == "poss" or _untagged_name(d, c):
            return False  # "its profits": someone's; "the Zune player": an untagged name's
        m = d.mention_at.get(c)
        if m is not None and (m.entity.label in fits or not fits):
            return False  # "the Nimbus phone": the name's own phrase, not a reference back
    return True


def _thing_description(d: DocState, i: int, lem: str, label: str) -> None:
    """ "the company", "the device": the most salient entity of that type named before, else an
    entity no name names (``unnamed.py``)."""
    if not _own_thing(d, i):
        return
    fits = _TYPE_FITS.get(label, (label,))
    score: dict[EntityKey, float] = {}
    s = d.toks[i].sentence
    plural = d.toks[i].tag == "NNS"
    for x in d.recent(d.things, i, coref_data().description_window):
        if x.key.label not in fits or not _kind_fits(d, lem, x.key, plural):
            continue
        name = x.key.name.lower()
        near = 1.0 / (1 + s - x.sentence)
        bonus = (2.0 if x.subject else 0.0) + (3.0 if lem in name else 0.0)
        score[x.key] = max(score.get(x.key, 0.0), bonus + 2 * near) + 0.5
    if score:
        best = max(sorted(score, key=str), key=lambda k: score[k])
        d.link(i, (best,), "description", d.np_span(i))
    elif not plural:
        refer(d, i, lem, label, new=False)


def _kind_fits(d: DocState, lem: str, key: EntityKey, plural: bool) -> bool:
    """ "the laptops" are no music player: a noun of a listed kind joins an entity of that kind, or of
    no known kind when singular; its name holding the noun will do ("the phones" of "iPhone")."""
    kind_of = coref_data().kind_of
    mine = kind_of.get(lem)
    if mine is None or lem in key.name.lower():
        return True
    known = [kind_of[k] for k in d.kinds.get(key, ()) if k in kind_of]
    if not known:
        return not plural
    return any(mine & k for k in known)
