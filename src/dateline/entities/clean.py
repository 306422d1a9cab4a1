"""Name mentions as the entities stage works on them: the model's spans, cleaned.

- page furniture ("Image copyright", "Getty Images"), phrases with no capital the model
  took for names ("hypersonic missiles", "320x240") and units written against a number
  ("30GB") are dropped, and so is a lone common word ("Defence", "Government", "USD");
- in a headline, leading words the body never writes capitalised leave a name the body
  writes, and so do an adjective on a person's name and a shouted repeat of a surname
  ("Furious Obama" -> "Obama", "TRUMP Donald Trump" -> "Donald Trump");
- titles and honorifics in front of a name leave the name ("Mr Trump" -> "Trump",
  "Apple CEO Steve Jobs" -> "Steve Jobs") and are kept as the mention's title;
- a model number after a product name joins it ("iPhone" + "4" -> "iPhone 4");
- a possessive inside a name makes two ("Apple Computer's Mac OS X": the owner, the owned);
- a name the model tagged once and missed elsewhere is found again by its spelling.

Offsets stay exact: every span is cut at token boundaries of the stored text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..types import Mention, ParsedDoc, Token
from . import names
from ._data import coref_data, name_words, resolve_data


@dataclass(eq=False)
class Cand:
    """One name mention while the stage decides which entity it names (internal, mutable)."""

    start: int
    end: int
    text: str
    label: str  # the model's label
    sentence: int
    token_start: int
    token_end: int
    rid: str | None = None  # the entity ruler's canonical name
    title: tuple[int, int] | None = None  # token span of a title or honorific in front
    title_text: str = ""  # its text ("President-elect", "Mrs")
    person_title: bool = False  # the title makes a person ("President"; not "market leader")
    honorific: str | None = None  # that honorific ("mrs"), when it is one
    cues: dict[str, float] = field(default_factory=dict)  # type votes from the context
    found: bool = False  # found again by spelling, not tagged by the model

    def vote(self, label: str, weight: float) -> None:
        self.cues[label] = self.cues.get(label, 0.0) + weight


def candidates(parsed: ParsedDoc) -> tuple[list[Cand], list[Mention]]:
    """The document's name mentions as candidates, and its other mentions (dates, numbers) as they are."""
    labels = resolve_data().name_labels
    cands: list[Cand] = []
    others: list[Mention] = []
    for m in parsed.mentions:
        if m.label not in labels:
            others.append(m)
            continue
        c = _cleaned(parsed, m)
        if c is not None:
            cands += _split_possessive(parsed, c)
    cands += _camel_case_names(parsed, cands)
    toks = parsed.tokens
    cands += [
        c
        for c in _names_before_kind_nouns(parsed, cands)
        if _acceptable(c) and not unit_after_number(toks, toks[c.token_start : c.token_end])
    ]
    return _join_versions(parsed, _join_descriptors(parsed, _split_at_full_stops(parsed, cands)), others)


def _split_at_full_stops(parsed: ParsedDoc, cands: list[Cand]) -> list[Cand]:
    """ "... on a mobile browser in the U.S. Reyes also noted": the segmenter missed the sentence end
    after an abbreviation and the model ran two names together; where what follows the abbreviation is
    a person the document names elsewhere (or a person's last name), the two are two names."""
    toks = parsed.tokens
    people = [c for c in cands if c.label == "PERSON"]
    alone = {c.text for c in people} | {c.text.split()[-1] for c in people}
    out: list[Cand] = []
    for c in cands:
        cut = next(
            (
                k
                for k in range(c.token_start, c.token_end - 1)
                if len(toks[k].text) > 1 and toks[k].text.endswith(".") and toks[k + 1].text[:1].isupper()
                and parsed.text[toks[k + 1].start : c.end] in alone - {c.text}
            ),
            None,
        )  # fmt: skip
        if cut is None or c.rid:
            out.append(c)
            continue
        first, rest = _found(parsed, c.token_start, cut + 1), _found(parsed, cut + 1, c.token_end)
        first.found = rest.found = False
        first.label = "GPE" if c.label in ("PERSON", "ORG") else c.label  # a place's abbreviation, as a rule
        rest.label = c.label
        out += [x for x in (first, rest) if _acceptable(x)]
    return out


def _join_descriptors(parsed: ParsedDoc, cands: list[Cand]) -> list[Cand]:
    """ "iTunes" + "Music Store": a product's name right before a name that only says what kind
    of product it is (product descriptor words, ``names.yaml``) is one name with it."""
    desc = name_words().product_descriptors
    rx = resolve_data().camel_rx
    at = {c.token_start: c for c in cands}
    drop: set[int] = set()
    for c in sorted(cands, key=lambda x: x.token_start):
        nxt = at.get(c.token_end)
        if nxt is None or id(c) in drop or nxt.sentence != c.sentence or nxt.title is not None:
            continue
        tail = names.norm(nxt.text)
        if (c.label == "PRODUCT" or rx.match(c.text)) and (tail in desc or tail.split()[-1:] == ["store"]):
            c.end, c.token_end, c.text = nxt.end, nxt.token_end, parsed.text[c.start : nxt.end]
            drop.add(id(nxt))
    return [c for c in cands if id(c) not in drop]


_POSSESSIVES = ("'s", "’s", "'", "’")


def _split_possessive(parsed: ParsedDoc, c: Cand) -> list[Cand]:
    """ "Apple Computer's Mac OS X": an owner's name and the name of what it owns, two names."""
    toks = parsed.tokens
    cut = next((k for k in range(c.token_start + 1, c.token_end - 1) if toks[k].text in _POSSESSIVES), None)
    if cut is None or c.rid or not any(ch.isupper() for ch in parsed.text[toks[cut + 1].start : c.end]):
        return [c]  # "Russia's far east": the ruler's one name, or no second name after the possessive
    owner = _found(parsed, c.token_start, cut)
    owner.found, owner.title, owner.title_text = False, c.title, c.title_text
    owner.person_title, owner.honorific = c.person_title, c.honorific
    owned = _found(parsed, cut + 1, c.token_end)
    owned.label, owned.found = c.label, False
    return [x for x in (owner, owned) if _acceptable(x)]


def _acceptable(c: Cand) -> bool:
    return not _furniture(c.text) and not (c.token_end - c.token_start == 1 and _common_word(names.norm(c.text)))


def _camel_case_names(parsed: ParsedDoc, cands: list[Cand]) -> list[Cand]:
    """ "iPhone", "iPod", "eBay": product-like spellings the model leaves untagged."""
    rx = resolve_data().camel_rx
    covered = {k for c in cands for k in range(c.token_start, c.token_end)}
    return [_found(parsed, t.i, t.i + 1) for t in parsed.tokens if t.i not in covered and rx.match(t.text)]


def _names_before_kind_nouns(parsed: ParsedDoc, cands: list[Cand]) -> list[Cand]:
    """ "the Kestrel X2 tablet", "Acme shares": proper nouns the model left untagged, before a
    noun that says what kind of thing they name."""
    rd = resolve_data()
    kinds = rd.product_after_nouns | rd.org_after_nouns
    cd = coref_data()
    before = frozenset(cd.thing_type) | cd.role_nouns  # "the music seller Wal-Mart", "golfer Kim Si-woo"
    covered = {k for c in cands for k in range(c.token_start, c.token_end)}
    out: list[Cand] = []
    toks = parsed.tokens
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and j not in covered and toks[j].pos == "PROPN" and toks[j].text[:1].isalnum():
            j += 1
        if j > i and (_kind_noun(toks, i, j, kinds) or _kind_noun(toks, i, i - 1, before)):
            out.append(_found(parsed, i, j))
        i = max(j, i + 1)
    return out


def _kind_noun(toks: Sequence[Token], i: int, j: int, kinds: frozenset[str]) -> bool:
    """Token ``j`` (just after the proper nouns from ``i``, or just before them) names their kind."""
    if not 0 <= j < len(toks) or toks[j].pos != "NOUN" or toks[i].sentence != toks[j].sentence:
        return False
    return bool({toks[j].lemma.lower(), toks[j].text.lower()} & kinds) and toks[i].text[:1].isupper()


def _rid(m: Mention) -> str | None:
    return m.entity.name if m.entity.name != m.text else None


def _cleaned(parsed: ParsedDoc, m: Mention) -> Cand | None:
    if _furniture(m.text) or not any(ch.isupper() for ch in m.text):
        return None  # "320x240", "hypersonic missiles": no capital, no name
    toks = [t for t in parsed.tokens[m.token_start : m.token_end] if t.start >= m.start and t.end <= m.end]
    if not toks or _unit_of_number(parsed.tokens, toks[0]) or unit_after_number(parsed.tokens, toks):
        return None
    c = Cand(m.start, m.end, m.text, m.label, m.sentence, toks[0].i, toks[-1].i + 1, _rid(m))
    _strip_title(parsed, c, toks)
    _headline_trim(parsed, c)
    if _headline_clause(parsed, c):
        return None
    _drop_leading_modifiers(parsed, c)
    if c.token_end - c.token_start == 1 and _common_word(names.norm(c.text)):
        return None
    return c


def _unit_of_number(toks: Sequence[Token], first: Token) -> bool:
    """ "30GB", "2GHz": a word written against the number before it is its unit, not a name."""
    if first.i == 0:
        return False
    prev = toks[first.i - 1]
    return prev.end == first.start and prev.text[-1:].isdigit() and first.text[:1].isalpha()


def unit_after_number(toks: Sequence[Token], mine: Sequence[Token]) -> bool:
    """ "16 GB", "2 GHz": a unit's abbreviation after a number is its unit (``names.yaml``)."""
    first = mine[0]
    if len(mine) != 1 or first.i == 0 or first.text.lower() not in name_words().units_after_numbers:
        return False
    return toks[first.i - 1].text[-1:].isdigit()


def _common_word(word: str) -> bool:
    """A lone common word ("Defence") or title ("CEO", "President") the model tagged as a name."""
    nw = name_words()
    return word in nw.not_names or word in nw.titles or word in nw.honorifics


def _furniture(text: str) -> bool:
    n = names.norm(text)
    never = name_words().never_entities
    return n in never or any(n.startswith(f + " ") for f in never if " " in f or f in ("getty", "photo"))


def _strip_title(parsed: ParsedDoc, c: Cand, toks: Sequence[Token]) -> None:
    """Move leading titles and honorifics out of a person's name: the span starts at the name."""
    ws = [names.norm(t.text) for t in toks]
    k = names.title_prefix(ws)
    if k == 0 or k >= len(toks) or c.rid or not (c.label == "PERSON" or ws[0] in name_words().honorifics):
        _title_before(parsed, c)
        return
    rest = toks[k:]
    if not any(t.text[:1].isupper() for t in rest) or (len(rest) == 1 and ws[k - 1] in name_words().styles):
        return  # "Lady Gaga", "Pope Francis": the style is part of the name
    _set_title(parsed, c, toks[0].i, toks[k - 1].i + 1)
    c.start, c.token_start = rest[0].start, rest[0].i
    c.text = parsed.text[c.start : c.end]


def _headline_trim(parsed: ParsedDoc, c: Cand) -> None:
    """ "Furious Obama", "TRUMP Donald Trump": a headline capitalises every word, so a name there
    loses leading words the body never writes capitalised when the body names the rest."""
    body_start = parsed.article.body_start
    if c.start >= body_start or body_start <= 0 or c.title is not None or c.token_end - c.token_start < 2:
        return
    body = parsed.text[body_start:]
    if _written(body, c.text):
        return
    toks = parsed.tokens
    for k in range(c.token_start + 1, c.token_end):
        if _written(body, toks[k - 1].text):
            return  # the body writes that word as a name too ("Kim" of "Kim Jong Un")
        rest = parsed.text[toks[k].start : c.end]
        if _written(body, rest):
            c.start, c.token_start, c.text = toks[k].start, k, rest
            return


def _headline_clause(parsed: ParsedDoc, c: Cand) -> bool:
    """ "..., and Fans Are Outraged": words a headline capitalised that hold a finite verb, and that
    the body never writes, are a clause of the headline, not a name."""
    body_start = parsed.article.body_start
    if c.start >= body_start or c.token_end - c.token_start < 2 or _written(parsed.text[body_start:], c.text):
        return False
    toks = parsed.tokens[c.token_start : c.token_end]
    return any(t.pos in ("VERB", "AUX") and t.tag in _FINITE for t in toks)


_FINITE = ("VBZ", "VBP", "VBD", "MD")


def _drop_leading_modifiers(parsed: ParsedDoc, c: Cand) -> None:
    """ "Furious Obama" (an adjective on the name), "TRUMP Donald Trump" (a shouted repeat of the
    surname): leading words of a person's name that are no part of it."""
    if c.label != "PERSON" or c.title is not None:
        return
    toks = parsed.tokens
    k = c.token_start
    while c.token_end - k > 1:
        t, rest = toks[k], {x.text.lower() for x in toks[k + 1 : c.token_end]}
        shouted = len(t.text) > 1 and t.text.isupper() and t.text.lower() in rest
        if t.dep != "amod" and not shouted:
            break
        k += 1
    if k > c.token_start:
        c.start, c.token_start = toks[k].start, k
        c.text = parsed.text[c.start : c.end]


def _written(body: str, words: str) -> bool:
    """Whether the body has these words as written, as whole words."""
    at = body.find(words)
    while at >= 0:
        end = at + len(words)
        if (at == 0 or not body[at - 1].isalnum()) and (end == len(body) or not body[end].isalnum()):
            return True
        at = body.find(words, at + 1)
    return False


def _title_before(parsed: ParsedDoc, c: Cand) -> None:
    """ "Mr Trump", "President Obama", "Apple CEO Steve Jobs": the title right before the name."""
    toks = parsed.tokens
    lo = c.token_start
    while lo > 0 and c.token_start - lo < 4 and toks[lo - 1].sentence == c.sentence and toks[lo - 1].pos != "PUNCT":
        lo -= 1
    ws = [names.norm(t.text) for t in toks[lo : c.token_start]]
    for a in range(len(ws)):
        if ws[a] and names.title_prefix(ws[a:]) == len(ws) - a:
            if c.label == "PERSON" or _person_title(ws[a:]):
                _set_title(parsed, c, lo + a, c.token_start)
            return


def _person_title(ws: list[str]) -> bool:
    """A title that makes a person of a name the model typed otherwise ("Mr", "President"; not "leader")."""
    nw = name_words()
    return ws[0] in nw.honorifics or names.title_head(" ".join(ws)) not in nw.generic_titles


def _set_title(parsed: ParsedDoc, c: Cand, a: int, b: int) -> None:
    toks = parsed.tokens
    c.title = (a, b)
    c.title_text = parsed.text[toks[a].start : toks[b - 1].end]
    c.person_title = _person_title([names.norm(t.text) for t in toks[a:b]])
    first = names.norm(toks[a].text)
    if first in name_words().honorifics:
        c.honorific = first


def _join_versions(parsed: ParsedDoc, cands: list[Cand], others: list[Mention]) -> tuple[list[Cand], list[Mention]]:
    """ "iPhone 4", "iOS 5", "Boeing 747", "iPod nano": a model after a product-like name is part of it;
    "the 3G zPhone" (a model code before a product's one-word name) is the "zPhone 3G". A model is a
    word as written ("3G", which the tokenizer cuts in two)."""
    toks = parsed.tokens
    taken: set[int] = set()
    for c in cands:
        if c.label in ("PERSON", "GPE", "LOC", "NORP") or c.token_end >= len(toks):
            continue
        a, b = _glued(toks, c.token_end, 1)
        if toks[a].sentence != c.sentence or toks[a].start != toks[c.token_end - 1].end + 1:
            continue
        end = toks[b - 1].end - (1 if toks[b - 1].text.endswith(".") else 0)  # "3G." ends a sentence
        if _model_of(c, parsed.text[toks[a].start : end]):
            c.end, c.token_end = end, b
            c.text = parsed.text[c.start : c.end]
            taken.update(range(a, b))
    for c in cands:
        if c.token_start == 0 or c.token_end - c.token_start != 1:
            continue
        a, b = _glued(toks, c.token_start - 1, -1)
        code = parsed.text[toks[a].start : toks[b - 1].end]
        named = any(o.token_start < b and a < o.token_end for o in cands)
        if not named and toks[a].sentence == c.sentence and toks[b - 1].end + 1 == c.start and _code_before(c, code):
            c.rid = f"{c.rid or c.text} {code}"
            c.start, c.token_start = toks[a].start, a
            c.text = parsed.text[c.start : c.end]
            taken.update(range(a, b))
    kept = [m for m in others if not any(k in taken for k in range(m.token_start, m.token_end))]
    return cands, kept


def _glued(toks: Sequence[Token], i: int, step: int) -> tuple[int, int]:
    """The tokens of the word token ``i`` is part of, going forward (1) or back (-1): letters and
    digits written together ("3G" is "3" + "G" to the tokenizer)."""
    a, b = i, i + 1
    if step > 0:
        while b < len(toks) and toks[b].start == toks[b - 1].end and toks[b].text.rstrip(".").isalnum():
            if not toks[a].text.isalnum() or toks[b - 1].text.endswith("."):
                break
            b += 1
    else:
        while a > 0 and toks[a - 1].end == toks[a].start and toks[a - 1].text.isalnum() and toks[b - 1].text.isalnum():
            a -= 1
    return a, b


def _model_of(c: Cand, word: str) -> bool:
    """A version ("4", "3GS", "X") or a model word ("nano") of the product ``c`` names."""
    rd = resolve_data()
    if word.lower() in rd.model_words and (c.label == "PRODUCT" or rd.camel_rx.match(c.text)):
        return True
    return bool(rd.version_rx.match(word)) and (word[:1].isupper() or word[:1].isdigit())


def _code_before(c: Cand, code: str) -> bool:
    """ "3G", "4S" before a product's name: digits then capitals, no unit ("30GB" is a size)."""
    rd = resolve_data()
    if not (c.label == "PRODUCT" or rd.camel_rx.match(c.text)) or not rd.version_rx.match(code):
        return False
    letters = code.lstrip("0123456789")
    return code[:1].isdigit() and letters.isupper() and letters.lower() not in name_words().units_after_numbers


def found_again(parsed: ParsedDoc, cands: list[Cand]) -> list[Cand]:
    """Untagged occurrences of the document's names, spelled as a tagged mention spells them."""
    forms: dict[str, list[tuple[str, ...]]] = {}
    for c in cands:
        words = tuple(t.text for t in parsed.tokens[c.token_start : c.token_end])
        if _worth_finding(words, parsed.tokens[c.token_start]):
            forms.setdefault(words[0], []).append(words)
    if not forms:
        return []
    covered = {k for c in cands for k in range(c.token_start, c.token_end)}
    out: list[Cand] = []
    toks = parsed.tokens
    i = 0
    while i < len(toks):
        here = forms.get(toks[i].text)
        hit = _form_at(toks, i, here, covered) if here else 0
        if hit:
            c = _found(parsed, i, i + hit)
            if _acceptable(c):
                out.append(c)
            i += hit
        else:
            i += 1
    return out


def _worth_finding(words: tuple[str, ...], first: Token) -> bool:
    """A spelling safe to look for: more than one word, or one word that is no common one
    ("iPod", "IBM", "Putin"; not "Will" or "March")."""
    if len(words) > 1:
        return True
    w = words[0]
    return len(w) > 2 and not first.is_stop and names.norm(w) not in name_words().not_names


def _form_at(toks: Sequence[Token], i: int, forms: Iterable[tuple[str, ...]], covered: set[int]) -> int:
    for f in sorted(forms, key=len, reverse=True):
        n = len(f)
        if i + n > len(toks) or any(k in covered for k in range(i, i + n)):
            continue
        if tuple(t.text for t in toks[i : i + n]) != f or len({t.sentence for t in toks[i : i + n]}) > 1:
            continue
        nxt = toks[i + n] if i + n < len(toks) else None
        # the spelling is a whole name here, not the start of a longer one ("Apple" in "Apple Corps")
        if nxt is not None and nxt.sentence == toks[i].sentence and nxt.pos == "PROPN":
            continue
        return n
    return 0


def _found(parsed: ParsedDoc, a: int, b: int) -> Cand:
    toks = parsed.tokens
    s, e = toks[a].start, toks[b - 1].end
    return Cand(s, e, parsed.text[s:e], "", toks[a].sentence, a, b, found=True)
