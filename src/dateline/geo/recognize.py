"""Toponym recognition: which spans of a document name places.

Sources of spans: spaCy's place mentions (``place_labels``), demonyms ("Russian"), a
place named inside an organisation's name ("Gainesville Public Utilities"), and a
gazetteer matcher over capitalized runs spaCy left unlabelled. A name the document
uses for a person is a place only with a place cue ("in Clinton", "Clinton, Iowa");
an event named after a place ("the Brazilian Grand Prix") is not a place; a street,
park or building ("Elgin Road") is marked so that resolution keeps it near the
document's own places.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..types import EntityKey, Mention, ParsedDoc, Token
from .gazetteer import Gazetteer, get_gazetteer
from .names import Entry, normalize
from .settings import Recognition, demonym_table, recognition

STRONG_KINDS = frozenset({"country", "admin1", "admin2", "continent", "region", "natural", "area", "facility"})


@dataclass(slots=True)
class Toponym:
    """A span to resolve: where it is, and the name to look up."""

    start: int
    end: int
    text: str
    sentence: int
    lookup: str
    source: str  # ner | demonym | gazetteer | inside | gold
    token_start: int = -1
    token_end: int = -1
    forced: Entry | None = None  # demonyms: the country they name
    container: str | None = None  # "Alexandria, Louisiana": the normalized container name
    region_cue: bool = False  # "the state of X", "X state"
    county_cue: bool = False  # "X county", "X and Y counties"
    dateline: bool = False  # "LEBANON, Ohio (AP) —": the dateline names a town
    facility: bool = False  # a street, park or building: resolves near the document's places
    in_name_of: bool = False  # the candidates are the town a street is named after ("Elgin Road")
    candidates: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class _Doc:
    """What recognition needs to know about the whole document."""

    parsed: ParsedDoc
    gaz: Gazetteer
    cfg: Recognition
    person_words: set[str]
    surnames: set[str]
    taken: list[bool]


# --------------------------------------------------------------------------- demonyms


@functools.cache
def demonyms() -> dict[str, tuple[str, str]]:
    """normalized demonym -> ("country", CC) or ("area", name)."""
    d = demonym_table()
    out = {normalize(k): ("country", v) for k, v in d.countries.items()}
    out.update({normalize(k): ("area", v) for k, v in d.areas.items()})
    return out


def demonym_hit(text: str) -> tuple[str, str] | None:
    """ "Russian", "Russians", "North Korean" -> ("country", CC); None when not a demonym."""
    dem = demonyms()
    n = normalize(text)
    return dem.get(n) or (dem.get(n[:-1]) if n.endswith("s") else None)


def demonym_entry(hit: tuple[str, str]) -> Entry | None:
    gaz = get_gazetteer()
    kind, value = hit
    if kind == "country":
        return gaz.country(value)
    cands = [e for e in gaz.lookup(value) if e.kind != "city"]
    return cands[0] if cands else None


def _demonym_toponym(tok_start: int, toks: list[Token], sentence: int) -> Toponym | None:
    t = toks[0] if len(toks) == 1 else None
    text = t.text if t else ""
    hit = demonym_hit(text) if t and text[:1].isupper() else None
    ent = demonym_entry(hit) if hit else None
    if t is None or ent is None:
        return None
    return Toponym(t.start, t.end, text, sentence, text, "demonym", tok_start, tok_start + 1, forced=ent)


# --------------------------------------------------------------------------- cues


def strong(ents, min_pop: int, kinds: frozenset[str] = STRONG_KINDS) -> bool:
    """A name that is very likely a place: a country/region/continent or a sizeable town."""
    for e in ents:
        if e.kind in kinds and e.kind != "city" and (e.primary or e.kind != "admin2"):
            return True  # aliases count here ("U.S.", "B.C."), but not a county without its kind
        if e.primary and e.kind == "city" and (e.population or 0) >= min_pop:
            return True
    return False


_CONTAINER = re.compile(r"^,\s*((?:[A-Z][\w.’']*\.?)(?:\s+[A-Z][\w.’']*)?)")
# "the state of Victoria", "Washington state": the text says it is a region
_REGION_BEFORE = re.compile(r"\b(?:state|province|region|prefecture|county|oblast)\s+of\s+$", re.I)
_REGION_AFTER = re.compile(r"^\s+(?:state|province)\b")  # lower case: not "Washington State University"
# after a capitalized dateline name: an optional container and agency, then a dash
_DATELINE_AFTER = re.compile(
    r"^(?:,\s*[A-Z][\w.’']*\.?(?:\s+[A-Z][\w.’']*\.?)?)?\s*(?:\((?:AP|UPI|AFP|Reuters|[A-Z]{2,6})\)\s*)?(?:—|–|--|-)\s"
)
_COUNTY_AFTER = re.compile(r"^\s+(?:county|counties|parish|parishes)\b")  # "Clarke and Oconee counties"
# "St George's hospital", "Guy's Hospital": a possessive names whom it is named after
# ("Hartford Hospital", "the Ohio church" are in Hartford and Ohio)
_POSSESSIVE = re.compile(r"^(?:’s|'s)\s+([A-Za-z]+)")


def containment(t: Toponym, text: str) -> None:
    """ "Alexandria, Louisiana" / "Alexandria, La.": remember the container name; note a
    region cue around the name."""
    t.region_cue = bool(
        _REGION_BEFORE.search(text[max(0, t.start - 30) : t.start]) or _REGION_AFTER.match(text[t.end : t.end + 12])
    )
    t.county_cue = bool(_COUNTY_AFTER.match(text[t.end : t.end + 12]))
    t.dateline = len(t.text) >= 3 and t.text.isupper() and bool(_DATELINE_AFTER.match(text[t.end : t.end + 50]))
    if ", " in t.lookup:
        head, _, tail = t.lookup.partition(", ")
        t.lookup, t.container = head, normalize(tail)
        return
    m = _CONTAINER.match(text[t.end : t.end + 40])
    if m:
        t.container = normalize(m.group(1))


def is_street_name(t: Toponym, text: str, cfg: Recognition) -> bool:
    """ "South Lawn", "Union Square Park": the name is a street's, park's or building's;
    "St George's hospital": it is the first part of one, which it is named after
    (``in_name_of``)."""
    words = t.lookup.split()
    if len(words) > 1 and words[-1].lower() in cfg.street_words:
        return True
    m = _POSSESSIVE.match(text[t.end : t.end + 30])
    t.in_name_of = m is not None and m.group(1).lower() in cfg.street_words
    return t.in_name_of


def _place_cue(doc: _Doc, m: Mention) -> bool:
    """The text treats the name as a place: "in Clinton", "Clinton, Iowa", "the state of X"."""
    toks = doc.parsed.tokens
    prev = toks[m.token_start - 1].text.lower() if m.token_start > 0 else ""
    if prev in doc.cfg.place_prepositions:
        return True
    after = _CONTAINER.match(doc.parsed.text[m.end : m.end + 40])
    if after and any(e.kind in ("country", "admin1") for e in doc.gaz.lookup(after.group(1))):
        return True
    return bool(_REGION_BEFORE.search(doc.parsed.text[max(0, m.start - 30) : m.start]))


def is_event_name(name: str, cfg: Recognition) -> bool:
    """ "Brazilian Grand Prix", "Boston Marathon", "US Open": an event named after a place."""
    words = f" {normalize(name)} "
    return any(f" {w} " in words for w in cfg.event_words) and len(words.split()) > 1


def _person_words(parsed: ParsedDoc) -> tuple[set[str], set[str]]:
    """Names the document uses for people, and the surnames of its multi-word person names."""
    words: set[str] = set()
    surnames: set[str] = set()
    for m in parsed.mentions:
        if m.label == "PERSON":
            parts = m.text.split()
            words.add(m.text)
            words.update(parts)
            if len(parts) > 1:
                surnames.add(re.sub(r"(?:’s|'s)$", "", parts[-1]))
    return words, surnames


# --------------------------------------------------------------------------- spaCy mentions


def _mention_name(m: Mention) -> str:
    return m.entity.name if m.entity.label == m.label and m.entity.name else m.text


def _is_person_name(doc: _Doc, m: Mention, name: str) -> bool:
    """A place mention the document elsewhere uses as a person's name, with no place cue."""
    if not (m.text in doc.person_words or m.entity.label == "PERSON"):
        return False
    if any(e.kind in ("country", "admin1", "continent") and e.primary for e in doc.gaz.lookup(name)):
        return False
    return not _place_cue(doc, m)


def _trimmed(doc: _Doc, text: str, start: int, end: int) -> tuple[int, int, str]:
    """A multi-word name the gazetteer lacks, trimmed to the place inside it:
    "Northeast Georgia" -> Georgia, "Ochamchire district" -> Ochamchire,
    "900 miles north of Vladivostok" -> Vladivostok, "Sao Paulo Click" -> Sao Paulo."""
    cfg, gaz = doc.cfg, doc.gaz
    first, _, rest = text.partition(" ")
    head, _, last = text.rpartition(" ")
    if first.lower() in cfg.area_modifiers and gaz.lookup(rest):
        return end - len(rest), end, rest
    if last.lower() in cfg.generic_suffixes and gaz.lookup(head):
        return start, start + len(head), head
    if " of " in text:
        tail = text.rsplit(" of ", 1)[1]
        if tail[:1].isupper() and gaz.lookup(tail):
            return end - len(tail), end, tail
    if not any(w.lower() in cfg.street_words or w.lower() in cfg.civic_words for w in text.split()[1:]):
        if strong(gaz.lookup(head), cfg.trim_min_pop):
            return start, start + len(head), head
        if strong(gaz.lookup(rest), cfg.trim_min_pop):
            return end - len(rest), end, rest
    return start, end, text


def _from_place_mention(doc: _Doc, m: Mention) -> Toponym | None:
    cfg, gaz = doc.cfg, doc.gaz
    name = _mention_name(m)
    if is_event_name(m.text, cfg) or _is_person_name(doc, m, name):
        return None
    if cfg.drop_unknown_single_token and " " not in m.text and not gaz.lookup(name) and not strip_generic(name, cfg):
        return None
    start, end, text = m.start, m.end, m.text
    if m.label != "FAC" and " " in text and not gaz.lookup(name):
        start, end, text = _trimmed(doc, text, start, end)
        name = text
    t = Toponym(start, end, text, m.sentence, name, "ner", m.token_start, m.token_end)
    t.facility = m.label == "FAC"
    return t


# --------------------------------------------------------------------------- names inside other names


def _mention_tokens(parsed: ParsedDoc, m: Mention) -> list[Token]:
    # the mention's characters drop a leading "the" and a trailing "'s"; its tokens do not
    return [t for t in parsed.tokens[m.token_start : m.token_end] if t.start >= m.start and t.end <= m.end]


def _person_as_place(doc: _Doc, m: Mention, toks: list[Token]) -> Toponym | None:
    """A town spaCy labelled PERSON: a lone name that no person name of the document
    claims, with no title before it and a place cue."""
    cfg = doc.cfg
    if len(toks) > 1 or m.entity != EntityKey("PERSON", m.text) or m.text in doc.surnames:
        return None
    prev = doc.parsed.tokens[m.token_start - 1].text.lower().rstrip(".") if m.token_start > 0 else ""
    if prev in cfg.person_titles or not _place_cue(doc, m):
        return None
    if strong(doc.gaz.lookup(m.text), cfg.person_as_place_min_pop):
        return Toponym(m.start, m.end, m.text, m.sentence, m.text, "inside", m.token_start, m.token_end)
    return None


def _span_toponym(doc: _Doc, span: list[Token], sentence: int) -> Toponym | None:
    if not span or not all(t.text[:1].isupper() for t in span):
        return None
    name = doc.parsed.text[span[0].start : span[-1].end]
    if strong(doc.gaz.lookup(name), doc.cfg.org_prefix_min_pop, doc.cfg.org_inside_kinds):
        return Toponym(span[0].start, span[-1].end, name, sentence, name, "inside", span[0].i, span[-1].i + 1)
    return None


def _inside_name(doc: _Doc, m: Mention) -> Toponym | None:
    """A place named inside an ORG/PERSON/EVENT mention: "Gainesville Public Utilities",
    "Georgia Environmental Protection Division", or a town mislabelled PERSON."""
    toks = _mention_tokens(doc.parsed, m)
    if not toks:
        return None
    if m.label == "PERSON":
        return _person_as_place(doc, m, toks)
    if m.label == "EVENT" or is_event_name(m.text, doc.cfg):
        return None
    # "American Farm Bureau Federation": a leading demonym names its country
    if doc.cfg.recognize_demonyms and len(toks) > 1:
        dem = _demonym_toponym(toks[0].i, toks[:1], m.sentence)
        if dem is not None:
            return dem
    # leading place name of an organisation (longest first, up to 3 tokens)
    for n in range(min(3, len(toks) - 1), 0, -1):
        hit = _span_toponym(doc, toks[:n], m.sentence)
        if hit:
            return hit
    # "... of Georgia"
    of = next((k for k, t in enumerate(toks[:-1]) if t.text == "of"), None)
    if of is not None and len(toks) - of - 1 <= 3:
        return _span_toponym(doc, toks[of + 1 :], m.sentence)
    return None


# --------------------------------------------------------------------------- the gazetteer matcher


def _run_name(doc: _Doc, i: int, n: int) -> str | None:
    """The name of tokens [i, i+n) when they form a capitalized gazetteer name."""
    toks = doc.parsed.tokens
    span = toks[i : i + n]
    if any(doc.taken[k] for k in range(i, i + n)) or any(x.sentence != toks[i].sentence for x in span):
        return None
    if not (span[-1].text[:1].isupper() and all(x.text[:1].isupper() or x.text.lower() in ("of", "de") for x in span)):
        return None
    name = doc.parsed.text[span[0].start : span[-1].end]
    ents = doc.gaz.lookup(name)
    if not ents:
        return None
    if n == 1 and (span[0].pos != "PROPN" or not any(e.primary and e.kind in doc.cfg.single_token_kinds for e in ents)):
        return None
    return name


def _gazetteer_matches(doc: _Doc) -> list[Toponym]:
    """Capitalized runs spaCy left unlabelled: multi-token gazetteer names, or single
    tokens that name a country, US state, continent or a curated place."""
    toks, cfg = doc.parsed.tokens, doc.cfg
    out = []
    i, total = 0, len(toks)
    while i < total:
        t = toks[i]
        if doc.taken[i] or not t.text[:1].isupper() or t.pos not in ("PROPN", "ADJ", "NOUN"):
            i += 1
            continue
        found = None if t.text.lower() in cfg.matcher_stopwords else _longest_run(doc, i, min(4, total - i))
        if found is None:
            i += 1
            continue
        n, name = found
        out.append(Toponym(t.start, toks[i + n - 1].end, name, t.sentence, name, "gazetteer", i, i + n))
        for k in range(i, i + n):
            doc.taken[k] = True
        i += n
    return out


def _longest_run(doc: _Doc, i: int, longest: int) -> tuple[int, str] | None:
    for n in range(longest, 0, -1):
        name = _run_name(doc, i, n)
        if name:
            return n, name
    return None


def _untagged_demonyms(doc: _Doc) -> list[Toponym]:
    out = []
    for i, t in enumerate(doc.parsed.tokens):
        if doc.taken[i] or t.pos != "ADJ" or t.ent_type != "":
            continue
        dem = _demonym_toponym(i, [t], t.sentence)
        if dem is not None:
            out.append(dem)
    return out


# --------------------------------------------------------------------------- all together


def _take(doc: _Doc, m: Mention) -> None:
    for k in range(m.token_start, m.token_end):
        doc.taken[k] = True


def _from_mention(doc: _Doc, m: Mention) -> Toponym | None:
    cfg = doc.cfg
    if m.label in cfg.place_labels:
        _take(doc, m)
        return _from_place_mention(doc, m)
    if m.label == "NORP" and cfg.recognize_demonyms:
        _take(doc, m)
        hit = demonym_hit(m.text)
        ent = demonym_entry(hit) if hit else None
        if ent is None:
            return None
        return Toponym(m.start, m.end, m.text, m.sentence, m.text, "demonym", m.token_start, m.token_end, forced=ent)
    if m.label in cfg.blocking_labels:
        _take(doc, m)
    if m.label in ("ORG", "PERSON", "EVENT", "WORK_OF_ART"):
        return _inside_name(doc, m)
    return None


def find_toponyms(parsed: ParsedDoc) -> list[Toponym]:
    """Toponym spans of a document, in text order."""
    cfg = recognition()
    words, surnames = _person_words(parsed)
    doc = _Doc(parsed, get_gazetteer(), cfg, words, surnames, [False] * len(parsed.tokens))
    out = [t for t in (_from_mention(doc, m) for m in parsed.mentions) if t is not None]
    out.extend(_gazetteer_matches(doc))
    if cfg.recognize_demonyms:
        out.extend(_untagged_demonyms(doc))
    out.sort(key=lambda t: t.start)
    for t in out:
        if t.source != "demonym":
            containment(t, parsed.text)
            t.facility = t.facility or is_street_name(t, parsed.text, cfg)
    return out


def written_out(name: str, cfg: Recognition) -> str | None:
    """ "Loudon Co." -> "Loudon County"; None when the last word is no abbreviation."""
    head, _, last = name.rpartition(" ")
    kind = cfg.abbreviations.get(last.lower()) if head else None
    return f"{head} {kind.title()}" if kind else None


def strip_generic(name: str, cfg: Recognition) -> str | None:
    """ "Kunduz province" -> "Kunduz", "the city of Kolkata" -> "Kolkata", "Hamilton Twp." -> "Hamilton"."""
    words = name.split()
    kind = cfg.abbreviations.get(words[-1].lower(), words[-1].lower()) if words else ""
    if len(words) > 1 and (kind in cfg.generic_suffixes or kind in cfg.abbreviations.values()):
        return " ".join(words[:-1])
    if len(words) > 2 and " ".join(words[:2]).lower() in (
        "city of",
        "town of",
        "village of",
        "state of",
        "province of",
        "republic of",
    ):
        return " ".join(words[2:])
    return None
