"""Rule-based within-document coreference: pronouns and descriptions -> entities.

Name mentions already carry their entity's key (``resolve.py``). This module links
what is not a name, reading the text once in order and keeping the entities named so
far with their salience (how often, how recently, whether as a subject):

- personal pronouns ("he", "his", "him"): the subject of the sentence, else the latest
  subject, else the latest person, never the subject of the object pronoun's own verb, nor a
  name inside a participle clause whose understood subject the pronoun is ("Having promised to
  scrap X's law, he"), nor a person of the other gender ("Mrs", "she");
- "they"/"them"/"their": the two people last named together ("Putin and Kim"), else
  the latest two people, else a subject, a team or company before a place (a place in a
  team's name is the team); a "they" that says or asks is never a company or a place;
- "it"/"its": the latest organisation, product or place (a subject first); not the "it"
  of "it is expected that";
- relative pronouns ("who", "which", "that"): the noun their clause hangs on;
- "I"/"me"/"my" inside a quotation: whoever the quotation (or the attributed quotation next
  to an unattributed one) is attributed to; "we"/"our":
  that speaker's organisation, or the speaker when it is one;
- person descriptions ("the Russian president", "the two leaders"): the person named
  with that role or modifier; thing descriptions ("the company", "the device", "the
  cosmodrome"): the most salient entity of the matching type named before, and one whose
  name ends in the noun first; appositions ("NPD Group, a market research firm").

Word lists and windows are in ``data/coref.yaml``; pronouns in ``nlp/data/english.yaml``.
"""

from __future__ import annotations

from ..nlp.lexicon import english
from ..types import EntityKey, EntityLink, Mention, ParsedDoc
from . import names
from ._data import coref_data, resolve_data
from .describe import collect_descriptors, description
from .quotes import passage_speakers, speakers
from .state import PERSON as _PERSON
from .state import SUBJ as _SUBJ
from .state import DocState, Seen
from .unnamed import keep_chains, refer

_OBJ = ("dobj", "dative", "pobj")
_SPEAKER_SELF = ("i", "me", "my", "mine", "myself")
_SPEAKER_GROUP = ("we", "us", "our", "ours", "ourselves")


def coref_links(parsed: ParsedDoc, titles: tuple[EntityLink, ...] = ()) -> tuple[EntityLink, ...]:
    """Every pronoun and description of the document linked to the entities it refers to."""
    d = DocState(parsed, titles)
    collect_descriptors(d, titles)
    _genders(d, titles)
    quoted: list[int] = []
    for t in d.toks:
        i = t.i
        if i in d.mention_at:
            if d.head_at.get(i) is d.mention_at[i]:
                _named(d, i, d.mention_at[i])
            continue
        if i in d.titled:
            continue
        if d.lower[i] in _SPEAKER_SELF or d.lower[i] in _SPEAKER_GROUP:
            quoted.append(i)  # once the speakers are known, after this pass
        elif t.pos == "PRON" or t.tag in ("PRP", "PRP$", "WP", "WP$", "WDT"):
            _pronoun(d, i)
        elif t.pos in ("NOUN", "PROPN"):
            description(d, i)
    if quoted:
        d.speaker = passage_speakers(parsed, d.tree, d.keys_of) | speakers(parsed, d.tree, d.keys_of)
        for i in quoted:
            _speaker_pronoun(d, i, d.lower[i])
    keep_chains(d)
    return _links(d) + _name_phrases(d)


def _genders(d: DocState, titles: tuple[EntityLink, ...]) -> None:
    """ "Mrs Clinton", "First Lady Melania Trump", "Mr Trump": the gender a title gives a person."""
    for x in titles:
        if x.entity.label != _PERSON:
            continue
        female = names.female(x.text)
        if female is None:
            female = next((f for w in x.text.split() if (f := names.female(w)) is not None), None)
        if female is not None:
            d.female.setdefault(x.entity, female)


def _named(d: DocState, i: int, m: Mention) -> None:
    """A name: remember it for what refers back to it."""
    t = d.toks[i]
    seen = Seen(i, m.entity, t.dep in _SUBJ, t.sentence)
    if m.entity.label == _PERSON:
        d.persons.append(seen)
        d.freq[m.entity] += 1
        for c in d.kids[i]:
            other = d.mention_at.get(c)
            if d.toks[c].dep == "conj" and other is not None and other.label == _PERSON and other.entity != m.entity:
                d.pairs.append((i, (m.entity, other.entity)))  # "Putin and Kim": a later "they"
    else:
        d.things.append(seen)
        d.freq[m.entity] += 1
        words = m.text.split()
        if len(words) > 1:
            d.last_word[words[-1].lower()] = m.entity  # "the cosmodrome" after "Vostochny Cosmodrome"


def _pronoun(d: DocState, i: int) -> None:
    pron = english().pronouns
    low = d.lower[i]
    owner = d.toks[i].dep == "poss"
    if (
        owner
        and (low in pron.person_singular or low in pron.thing)
        and _cataphor(d, i, low in pron.person_singular, low)
    ):
        return
    if low in pron.person_singular:
        _person_pronoun(d, i, low)
    elif low in pron.plural:
        _plural_pronoun(d, i)
    elif low in pron.thing:
        _thing_pronoun(d, i, low)
    elif low in pron.relative:
        _relative_pronoun(d, i)


def _cataphor(d: DocState, i: int, person: bool, low: str) -> bool:
    """ "During a media event at its headquarters, Orchard released", "In his keynote, Reyes said": a
    possessive in a phrase put before its sentence's subject refers ahead, to that subject when it is a
    name of the pronoun's kind (a person or not). Links it and says whether it did."""
    k = i
    for _ in range(12):  # up to the child of the main verb the pronoun's phrase hangs on
        head = d.toks[k].head
        if head == k or d.toks[head].dep == "ROOT" or head == d.toks[head].head:
            break
        k = head
    verb = d.toks[k].head
    if k == verb or d.toks[k].dep in _SUBJ:
        return False
    subj = next((c for c in d.kids[verb] if d.toks[c].dep in _SUBJ), None)
    if subj is None or not k < d.tree.subtree(subj)[0]:
        return False
    key = _subject_name(d, subj)
    female = low in coref_data().female_pronouns
    if key is None or (key.label == _PERSON) != person or (person and d.female.get(key, female) != female):
        return False
    d.link(i, (key,), "pronoun")
    return True


def _subject_name(d: DocState, subj: int) -> EntityKey | None:
    """The name a subject is, or the product name before its kind noun ("Orchard's zPod music service")."""
    m = d.head_at.get(subj)
    if m is not None:
        return m.entity
    if coref_data().thing_type.get(d.toks[subj].lemma.lower()) is None:
        return None
    for c in d.kids[subj]:
        m = d.head_at.get(c)
        if m is not None and d.toks[c].dep in ("compound", "nmod") and m.entity.label != _PERSON:
            return m.entity
    return None


def _person_pronoun(d: DocState, i: int, low: str) -> None:
    t = d.toks[i]
    banned: set[EntityKey] = set()
    if t.dep in _OBJ and low not in ("his", "hers", "himself", "herself"):
        # "Putin greeted him": an object pronoun is not its own clause's subject
        verb = t.head if t.dep != "pobj" else d.toks[t.head].head
        for c in d.kids[verb]:
            if d.toks[c].dep in _SUBJ:
                banned.update(d.keys_of(c))
    if t.dep in _SUBJ:
        banned.update(_own_clause_names(d, t.head))
    female = low in coref_data().female_pronouns
    banned.update(k for k, f in d.female.items() if f != female)
    pick = _pick_person(d, i, banned, {k for k, f in d.said_female.items() if f != female})
    if pick is not None:
        d.link(i, (pick.key,), "pronoun")
        d.said_female[pick.key] = female


def _pick_person(d: DocState, i: int, banned: set[EntityKey], unlikely: set[EntityKey]) -> Seen | None:
    """A subject of the pronoun's own sentence (one the text last called by the other gender's
    pronoun only when no other is: that pronoun may have been linked wrongly), else the latest
    subject, else the latest person of the pronoun window."""
    persons = [x for x in d.recent(d.persons, i, 0) if x.key not in d.unnamed]  # a group is no "he"
    same = [x for x in persons if x.key not in banned and x.subject]
    likely = [x for x in same if x.key not in unlikely]
    if likely or same:
        return (likely or same)[-1]
    earlier = [x for x in d.recent(d.persons, i, coref_data().pronoun_window) if x.key not in banned | d.unnamed.keys()]
    subj = [x for x in earlier if x.subject]
    return (subj or earlier)[-1] if (subj or earlier) else None


def _own_clause_names(d: DocState, verb: int) -> set[EntityKey]:
    """ "Having promised to scrap Reyes's law, he now says": a clause without a subject of its own
    hanging on the pronoun's verb has the pronoun for its subject, so the names inside it are not it."""
    out: set[EntityKey] = set()
    for c in d.kids[verb]:
        if d.toks[c].dep not in ("advcl", "xcomp") or d.toks[c].tag not in ("VBG", "VBN"):
            continue
        lo, hi = d.tree.subtree(c)
        if any(d.toks[k].dep in _SUBJ for k in d.kids[c]):
            continue  # "When Reyes arrived, he said": its own subject may be the pronoun's antecedent
        out.update(m.entity for m in map(d.mention_at.get, range(lo, hi)) if m is not None)
    return out


def _plural_pronoun(d: DocState, i: int) -> None:
    s = d.toks[i].sentence
    pairs = [p for p in d.pairs if d.toks[p[0]].sentence >= s - 2 and p[0] < i]
    if pairs:
        keys = pairs[-1][1]
    else:
        near = [x.key for x in d.recent(d.persons, i, 1) if x.key not in d.unnamed]
        uniq = tuple(dict.fromkeys(reversed(near)))[:2]
        group = _group(d, i)
        people = _people_subject(d, i)
        if people is not None:
            group = _people_group(d, people)  # "lets users control it with their voice": the users'
        keys = uniq if len(uniq) == 2 else ((group,) if group is not None else ())
    if keys:
        d.link(i, keys, "pronoun")
        if len(keys) == 2:
            d.pairs.append((i, keys))


def _group(d: DocState, i: int) -> EntityKey | None:
    """The organisation, people or place a "they"/"their" stands for, in this sentence or the one
    before: a subject first, then a team, company or people before a place ("the streets of Chicago
    ... their last title": the team), a place in a team's name meaning the team; a "they" that
    speaks is people, never a company or a place."""
    labels = ("NORP",) if _speaks(d, i) else ("ORG", "NORP", "GPE")
    # an entity no name names is "it" ("a manufacturer ... it"), never "they" ("a party ... their title")
    near = [x for x in d.recent(d.things, i, 1) if x.key.label in labels and x.key not in d.unnamed]
    if not near:
        return None
    subj = [x for x in near if x.subject]
    groups = [x for x in near if x.key.label != "GPE"]
    pick = (subj or groups or near)[-1].key
    return _team_of_place(d, pick) if pick.label == "GPE" else pick


def _people_group(d: DocState, k: int) -> EntityKey | None:
    """The group of people no name names that the noun or "others" word at ``k`` is ("users", "some")."""
    keys = d.out.get(k, ())
    if keys:
        return keys[0]
    if d.lower[k] in coref_data().plural_others:
        refer(d, k, "people", _PERSON, new=True)  # "some had difficulty finishing their orders"
        return d.out[k][0]
    return None


def _people_subject(d: DocState, i: int) -> int | None:
    """The people no name names the pronoun's clause is about: its subject when a plural noun or an
    "others" word ("others tweeted about their experience", "some had difficulty finishing their
    orders"), or, for a clause without a subject, the object of the verb it completes ("lets users
    control it with their voice")."""
    h = d.toks[i].head
    for _ in range(8):
        subj = [c for c in d.kids[h] if d.toks[c].dep in _SUBJ and c != i]
        if subj:
            lo, hi = d.tree.subtree(subj[0])
            inside = lo <= i < hi  # "their sales rose": its own phrase
            return subj[0] if not inside and _unnamed_people(d, subj[0]) else None
        t = d.toks[h]
        if t.dep in ("xcomp", "ccomp"):
            objs = [o for o in d.kids[t.head] if d.toks[o].dep == "dobj" and _unnamed_people(d, o)]
            if objs:
                return objs[0]
        if t.head == h:
            return None
        h = t.head
    return None


def _unnamed_people(d: DocState, k: int) -> bool:
    """A plural noun ("users") or an "others" word that no name or link covers."""
    if k in d.mention_at or _word_piece(d, k) or (k in d.out and not set(d.out[k]) <= d.unnamed.keys()):
        return False
    return d.toks[k].tag == "NNS" or d.lower[k] in coref_data().plural_others


def _word_piece(d: DocState, k: int) -> bool:
    """ "re", "-" of "re-designs": the tokenizer cuts the word, the parser may hang the pieces apart;
    the word is its last piece."""
    toks = d.toks
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return not toks[k].text.isalpha() or (nxt is not None and nxt.text == "-" and nxt.start == toks[k].end)


def _team_of_place(d: DocState, place: EntityKey) -> EntityKey:
    """ "Chicago" where the text names "the Chicago Cubs": the organisation whose name starts with the place."""
    named = {x.key for x in d.things if x.key.label == "ORG" and x.key.name.startswith(place.name + " ")}
    return max(sorted(named, key=str), key=lambda k: d.freq[k]) if named else place


def _speaks(d: DocState, i: int) -> bool:
    """ "Others called on the company ... which they have been hit by and asked why": a "they" that
    says or asks (its verb or a verb joined to it) is people, not the latest company or place."""
    if d.toks[i].dep not in _SUBJ:
        return False
    verbs = coref_data().speaker_verbs - coref_data().organisation_speech_verbs
    verb = d.toks[i].head
    joined = [verb] + [c for c in d.kids[verb] if d.toks[c].dep == "conj"]
    return any(d.toks[v].lemma in verbs for v in joined)


def _thing_pronoun(d: DocState, i: int, low: str) -> None:
    """ "it", "its", "itself": the latest organisation, product or place; subjects first."""
    t = d.toks[i]
    if low == "it" and _expletive(d, i):
        return
    near = d.recent(d.things, i, 1)
    if t.dep == "poss":  # "Apple released an application that limits ... its iPod players": a named owner first
        near = [x for x in near if x.key not in d.unnamed] or near
    near = _fitting_owner(d, i, near)
    if t.dep in _SUBJ:
        subj = [x for x in near if x.subject]
        pick = (subj or near)[-1] if (subj or near) else None
        if pick is not None and not pick.subject and low != "its" and not _only_thing(near, pick):
            pick = None
    else:
        pick = near[-1] if near else None
    if pick is not None:
        d.link(i, (pick.key,), "pronoun")


def _only_thing(near: list[Seen], pick: Seen) -> bool:
    """ "The new iPhone was praised... It is only 9.3 mm thick": no subject to take up, but one
    product or organisation alone in reach."""
    return pick.key.label in ("PRODUCT", "ORG") and len({x.key for x in near}) == 1


def _fitting_owner(d: DocState, i: int, near: list[Seen]) -> list[Seen]:
    """ "its shares" belong to a company, "its battery" to a product: the noun owned chooses."""
    if d.toks[i].dep != "poss":
        return near
    rd = resolve_data()
    head = d.toks[i].head
    owned = {d.toks[head].lemma.lower(), d.lower[head]}
    want = ("ORG",) if owned & rd.org_after_nouns else ("PRODUCT",) if owned & rd.product_after_nouns else ()
    fitting = [x for x in near if x.key.label in want]
    return fitting or near


def _expletive(d: DocState, i: int) -> bool:
    """ "It is expected that...", "it was announced that...", "it seems": no entity."""
    head = d.toks[d.toks[i].head]
    deps = {d.toks[k].dep for k in d.kids[head.i]}
    if head.lemma in ("be", "seem", "appear") and deps & {"ccomp", "xcomp"}:
        return True  # a clause follows ("it is expected that"); "it is only 9 mm thick" is the thing
    return d.toks[i].dep == "nsubjpass" and bool(deps & {"ccomp", "xcomp"})


def _relative_pronoun(d: DocState, i: int) -> None:
    """ "who", "which", "that" opening a relative clause: the noun the clause hangs on."""
    verb = d.toks[i].head
    if d.toks[verb].dep != "relcl":
        return
    ante = d.toks[verb].head
    keys = d.keys_of(ante) or _product_of_noun(d, ante)
    if keys:
        d.link(i, keys, "pronoun")


def _product_of_noun(d: DocState, noun: int) -> tuple[EntityKey, ...]:
    """ "an Orchard portable music player, which": a product noun whose compound is a product's name is that product."""
    if coref_data().thing_type.get(d.toks[noun].lemma.lower()) != "PRODUCT":
        return ()
    for c in d.kids[noun]:
        m = d.mention_at.get(c)
        if d.toks[c].dep in ("compound", "nmod") and m is not None and m.entity.label == "PRODUCT":
            return (m.entity,)
    return ()


def _speaker_pronoun(d: DocState, i: int, low: str) -> None:
    """ "I", "my" inside a quotation: its speaker; "we", "our": the speaker's organisation."""
    who = d.speaker.get(i)
    if who is None:
        return
    if low in _SPEAKER_SELF:
        d.link(i, (who,), "pronoun")
        return
    if who.label != _PERSON:
        d.link(i, (who,), "pronoun")
        return
    orgs = _affiliations(d, who) or [k for k, _ in d.freq.most_common() if k.label == "ORG"]
    if orgs:
        d.link(i, (orgs[0],), "pronoun")


def _affiliations(d: DocState, who: EntityKey) -> list[EntityKey]:
    """The organisations a person is named with: "Apple CEO Steve Jobs", "Neil Aspinall,
    manager of Apple Corps" (inside the name's own phrase or its apposition), most named first."""
    found: set[EntityKey] = set()
    for h, m in d.head_at.items():
        if m.entity != who:
            continue
        near = [c for c in d.kids[h] if d.toks[c].dep in ("appos", "compound") or c < m.token_start]
        if d.toks[h].dep == "appos":
            near.append(d.toks[h].head)  # "the manager of Apple Corps, Neil Aspinall"
        for c in near:
            lo, hi = d.tree.subtree(c)
            found.update(x.entity for x in map(d.mention_at.get, range(lo, hi)) if x and x.label == "ORG")
    return sorted(found, key=lambda k: -d.freq[k])


def _name_phrases(d: DocState) -> tuple[EntityLink, ...]:
    """The whole phrase around a name when it says more than the name: "Apple CEO Steve Jobs",
    "the top U.S. music seller Wal-Mart", "NPD Group, a market research firm", "Papermaster, 49"."""
    out: list[EntityLink] = []
    toks, text = d.toks, d.parsed.text
    for h, m in d.head_at.items():
        owner = _product_phrase(d, h, m)
        if owner is not None:
            out.append(owner)
            continue
        lo = min(d.np_span(h)[0], m.token_start, _described_before(d, h, m))
        hi = m.token_end
        for c in d.kids[h]:
            if c > h and toks[c].dep == "appos" and _describes(d, c):
                hi = max(hi, d.np_span(c)[1], c + 1)
        if lo < m.token_start and not any(_common_noun(d, k) for k in range(lo, m.token_start)):
            lo = m.token_start  # only a determiner, an adjective or another name in front: the name says it all
        lo = min(lo, d.title_start.get(lo, lo))  # "Apple Inc. co-founder Steve Jobs": the whole title
        if (lo, hi) == (m.token_start, m.token_end) or toks[lo].sentence != toks[hi - 1].sentence:
            continue
        s, e = toks[lo].start, toks[hi - 1].end
        out.append(EntityLink(s, e, text[s:e], toks[h].sentence, lo, hi, h, "name", m.entity))
        descriptor = _descriptor(d, lo, m)
        if descriptor is not None:
            out.append(descriptor)
    return tuple(out)


def _described_before(d: DocState, h: int, m: Mention) -> int:
    """ "The former Chief Operating Officer, Tim Cook": where a description the name is in
    apposition to starts, when that description refers to the name's entity."""
    t = d.toks[h]
    if t.dep != "appos" or t.head >= m.token_start or d.out.get(t.head) != (m.entity,):
        return m.token_start
    lo, hi = d.span[t.head]
    gap = [d.toks[k].text for k in range(hi, m.token_start)]
    if not gap or any(w not in _APPOSITION_MARKS for w in gap):
        return m.token_start  # a comma or a dash, and nothing else, between the description and the name
    return lo


_APPOSITION_MARKS = (",", "-", "–", "—")


def _descriptor(d: DocState, lo: int, m: Mention) -> EntityLink | None:
    """ "U.S. electronics retailer" in "U.S. electronics retailer Best Buy", "web browser" in "web
    browser Safari": a description standing before the name it describes refers to it too
    (a title before a person, "Apple CEO", is a title link already)."""
    last = m.token_start - 1
    if lo > last or last in d.titled or not _common_noun(d, last) or last in d.out:
        return None
    toks = d.toks
    s, e = toks[lo].start, toks[last].end
    return EntityLink(s, e, d.parsed.text[s:e], toks[last].sentence, lo, last + 1, last, "description", m.entity)


def _product_phrase(d: DocState, h: int, m: Mention) -> EntityLink | None:
    """ "the iTunes store", "Apple's iPod digital music players": a product's name before a noun
    saying what kind of product it is names the product with that noun."""
    t = d.toks[h]
    noun = t.head
    if m.entity.label != "PRODUCT" or t.dep not in ("compound", "nmod") or noun <= h or noun in d.mention_at:
        return None
    cd, lem = coref_data(), d.toks[noun].lemma.lower()
    if cd.thing_type.get(lem) != "PRODUCT" or lem in cd.not_the_product:
        return None  # "the zPod line", "a zPod update": the name is the mention
    lo, hi = d.np_span(noun)
    s, e = d.toks[lo].start, d.toks[hi - 1].end
    return EntityLink(s, e, d.parsed.text[s:e], t.sentence, lo, hi, noun, "name", m.entity)


def _common_noun(d: DocState, k: int) -> bool:
    """A title ("CEO") or a common noun ("retailer") that is no other name or time."""
    t = d.toks[k]
    return k in d.titled or (t.pos == "NOUN" and k not in d.mention_at and t.ent_type not in ("DATE", "TIME"))


def _describes(d: DocState, c: int) -> bool:
    """An apposition that describes the name ("a market research firm", "49"): no other name, no brackets."""
    if c in d.mention_at or (c > 0 and d.toks[c - 1].text == "("):
        return False
    t = d.toks[c]
    if t.pos == "PROPN":  # "the Apple Chief Executive Officer"; a bare "WPA2" is a name the model missed
        return any(d.toks[k].dep == "det" for k in d.kids[c])
    return t.pos in ("NOUN", "NUM")


def _links(d: DocState) -> tuple[EntityLink, ...]:
    toks, text = d.toks, d.parsed.text
    out: list[EntityLink] = []
    for i, keys in d.out.items():
        a, b = d.span[i]
        s, e = toks[a].start, toks[b - 1].end
        for key in keys:
            out.append(EntityLink(s, e, text[s:e], toks[i].sentence, a, b, i, d.kind[i], key))
    out.sort(key=lambda x: (x.start, x.end, str(x.entity)))
    return tuple(out)
