"""Typed, frozen records passed between the stages of the data flow.

Every stage after ``nlp`` receives these, never spaCy objects. Offsets are
character offsets into ``Article.text`` (end exclusive); ``sentence`` is the
0-based index of the sentence in the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, as read by ``ingest`` and before any analysis."""

    doc_id: str  # hash of the normalized text: the identity of the document
    text: str  # analysed text: title, description and body joined by blank lines
    source: str  # file path, "path#line" for JSON Lines, or "-" for stdin
    published: date | None = None  # None when the publication date is unknown
    title: str | None = None
    description: str | None = None
    body_start: int = 0  # offset in ``text`` where the body (after title/lead) begins
    url: str | None = None
    source_domain: str | None = None
    language: str | None = None
    record_id: str | None = None  # news-please ``dId`` or the file stem
    format: str = "text"  # text | newsplease | html
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, order=True)
class EntityKey:
    """An entity's identity within one document: its type and canonical name.

    Written ``LABEL:name`` in the store and in JSON ("PERSON:Vladimir Putin");
    :meth:`parse` is the one reader of that form. An empty label marks a phrase
    that names no known entity ("police officials", who said something).
    """

    label: str
    name: str

    def __str__(self) -> str:
        return f"{self.label}:{self.name}"

    @classmethod
    def parse(cls, text: str) -> EntityKey:
        label, sep, name = text.partition(":")
        return cls(label, name) if sep else cls("", text)


@dataclass(frozen=True, slots=True)
class Token:
    i: int
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # token index of the syntactic head (itself for the root)
    sentence: int
    ent_type: str  # "" outside entities
    ent_iob: str  # "B", "I" or "O"
    is_stop: bool = False
    like_num: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    token_start: int
    token_end: int  # exclusive


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention; ``entity`` is its canonical key within the document.

    From ``nlp`` alone, ``label`` is the model's and ``entity`` is the raw key (the
    ruler's canonical name or the text); the ``entities`` stage replaces both with the
    entity's type by vote and its canonical key, and drops page furniture.
    """

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, FAC, NORP, PRODUCT, EVENT, LAW, INDEX, DATE, ...
    sentence: int
    token_start: int
    token_end: int
    entity: EntityKey  # canonical key within the document, e.g. PERSON:Vladimir Putin


@dataclass(frozen=True, slots=True)
class EntityLink:
    """A reference to an entity that is not one of its name mentions: a title before a
    name ("President" in "President Obama"), a description ("the company", "the Russian
    president") or a pronoun ("he", "its"), linked within its document by the ``entities``
    stage. A plural reference ("the two leaders", "they") is one link per entity, with
    the same span. ``head`` is the token the phrase is about (the noun, the pronoun)."""

    start: int
    end: int
    text: str
    sentence: int
    token_start: int
    token_end: int
    head: int
    kind: str  # title | description | pronoun | acronym | name
    entity: EntityKey


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity within one document (cross-document merging is later)."""

    key: EntityKey
    name: str
    label: str
    mentions: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    """What ``nlp`` hands to every later stage: the article and its parse, no Doc."""

    article: Article
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    noun_chunks: tuple[tuple[int, int], ...] = ()  # (token_start, token_end) pairs

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        s = self.sentences[index]
        return self.tokens[s.token_start : s.token_end]

    def children(self, i: int) -> list[Token]:
        return [t for t in self.sentence_tokens(self.tokens[i].sentence) if t.head == i and t.i != i]

    def subtree(self, i: int) -> tuple[int, int]:
        """Token span (start, end exclusive) of the subtree headed by token ``i``."""
        toks = self.sentence_tokens(self.tokens[i].sentence)
        inside = {i}
        changed = True
        while changed:  # sentences are short; a fixpoint is cheap and needs no recursion
            changed = False
            for t in toks:
                if t.i not in inside and t.head in inside and t.head != t.i:
                    inside.add(t.i)
                    changed = True
        return min(inside), max(inside) + 1


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A time expression normalized to TIMEX3 against the publication date."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2023-09-12, 2019, PT20H, P1Y, PRESENT_REF, XXXX-WXX-2 ...
    sentence: int
    mod: str | None = None  # APPROX | START | MID | END | BEFORE | AFTER | ON_OR_AFTER ...
    earliest: str | None = None  # ISO date: first day the value covers (DATE/TIME only)
    latest: str | None = None  # ISO date: last day the value covers
    anchor: str | None = None  # for "since 2019"/"between X and Y": the anchoring value(s)
    rule: str = ""  # which rule produced it, for debugging and the scorer
    # DATE/TIME only: the unit the value names, as the text gives it: time | day | week | month |
    # quarter | half | season | year | decade | century (None for PRESENT_REF, durations, sets)
    granularity: str | None = None


@dataclass(frozen=True, slots=True)
class SentenceTime:
    """The time a sentence's main event happened, and which rule chose it."""

    sentence: int
    value: str | None  # TIMEX3 DATE value, or None when nothing applies
    earliest: str | None
    latest: str | None
    rule: str  # governing | context | publication | none
    timex: int | None = None  # index into the document's TimeValue tuple


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    name: str
    feature: str
    country_code: str | None
    lat: float
    lon: float
    score: float
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved to one gazetteer entry, or left unresolved (``feature == "unresolved"``)."""

    start: int
    end: int
    text: str
    sentence: int
    name: str  # gazetteer name; the name as written when unresolved
    feature: str  # country | region | city | facility | natural | area | unresolved
    country_code: str | None
    admin1: str | None
    lat: float | None  # None when unresolved: no coordinates are guessed
    lon: float | None
    population: int | None = None
    geonameid: int | None = None
    confidence: float = 0.0
    candidates: tuple[PlaceCandidate, ...] = ()  # runners-up (all readings when unresolved), best first
    context: str | None = None  # unresolved: the place the document is about, where the name most likely is


@dataclass(frozen=True, slots=True)
class RelativeLocation:
    """ "around 900 miles north of Vladivostok": a claim for the check stage."""

    start: int
    end: int
    text: str
    sentence: int
    distance_m: float | None
    bearing: str | None  # N, NE, E, ... or None
    bearing_deg: float | None
    anchor: str  # anchor place name as written
    anchor_lat: float | None = None
    anchor_lon: float | None = None
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, normalized to SI with pint, and what it measures."""

    start: int
    end: int
    text: str
    sentence: int
    number: float
    unit: str | None  # unit as written ("mph", "miles"), None for bare counts
    kind: str  # speed | distance | duration | money | percent | count | multiplier | age | mass | area | volume | ...
    si_value: float | None = None
    si_unit: str | None = None  # "m/s", "m", "s", currency code for money, "%" ...
    mod: str | None = None  # APPROX | MORE_THAN | LESS_THAN | AT_LEAST | AT_MOST | MAX
    measures: str | None = None  # what it measures, from the parse: "top speed", "distance"
    measures_start: int | None = None
    # What a count counts: killed | injured | hospitalised | trapped | rescued | ... (casualty
    # categories), else the counted noun's lemma ("lap", "email"); "age" for ages; the verb for money.
    counts: str | None = None
    high: float | None = None  # a range's upper end in the unit written ("10-15 minutes": number 10, high 15)
    si_high: float | None = None
    relation: str | None = None  # subset ("eight of those hurt") | part ("six men and one woman")
    parts_total: float | None = None  # for a part: the whole its group adds up to (6 + 1 = 7)
    base: float | None = None  # the whole it is counted out of ("20 of 71 laps": 71)
    moment: str | None = None  # initial ("initially") | current ("still", "remain") | so_far | updated ("rose to")


@dataclass(frozen=True, slots=True)
class Role:
    """One argument of an event: who, whom, where, when, why, how..."""

    # agent | patient | recipient | instrument | manner | place | time | reason | purpose | source | weak_reason
    name: str
    text: str
    start: int
    end: int
    entity: EntityKey | None = None  # the entity the role names, when it is a known one
    value: str | None = None  # normalized value (TIMEX3 for time)
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Event:
    index: int
    sentence: int
    trigger: str
    trigger_start: int
    trigger_end: int
    lemma: str
    type: str  # MEET, TRAVEL, VISIT, STATEMENT, ... (see events/data/ontology.yaml)
    status: str  # occurred | ongoing | planned | possible | negated
    roles: tuple[Role, ...] = ()
    time_value: str | None = None  # resolved time (TIMEX3 DATE value)
    time_earliest: str | None = None
    time_latest: str | None = None
    time_rule: str | None = None
    reported_by: EntityKey | None = None  # who said it, for reported events

    def role(self, name: str) -> Role | None:
        for r in self.roles:
            if r.name == name:
                return r
        return None


@dataclass(frozen=True, slots=True)
class W5Answer:
    """One candidate answer to one of the 5W1H questions."""

    text: str
    score: float
    start: int | None = None
    end: int | None = None
    value: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class MainEvent:
    """The main event of an article; each question holds candidates, best first."""

    doc_id: str
    who: tuple[W5Answer, ...] = ()
    what: tuple[W5Answer, ...] = ()
    when: tuple[W5Answer, ...] = ()
    where: tuple[W5Answer, ...] = ()
    why: tuple[W5Answer, ...] = ()
    how: tuple[W5Answer, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analysis stages produced for one article; what the store saves."""

    parsed: ParsedDoc
    times: tuple[TimeValue, ...] = ()
    sentence_times: tuple[SentenceTime, ...] = ()
    places: tuple[Place, ...] = ()
    relative_locations: tuple[RelativeLocation, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    main_event: MainEvent | None = None
    coref: tuple[EntityLink, ...] = ()  # pronouns, descriptions, titles (the entities stage)
    # (stage name, version) of each stage that made this analysis: `dateline reanalyse` re-runs stale ones
    stages: tuple[tuple[str, int], ...] = ()

    @property
    def article(self) -> Article:
        return self.parsed.article


@dataclass(frozen=True, slots=True)
class StageTimes:
    """Seconds each stage took on one document (``nlp`` is the document's share of its batch)."""

    doc_id: str
    seconds: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    doc_id: str
    sentence_index: int
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    answer: str  # "" when nothing supports an answer
    value: str | None = None
    confidence: float = 0.0
    citations: tuple[Citation, ...] = ()
    reason: str | None = None  # why there is no answer, or how it was found
    answer_type: str | None = None  # what kind of thing answers it: date, place, quantity, agent, reason, ...
    type: str | None = None  # the kind of question: who, when, how_many, first_last, yes_no, ...
    alternatives: tuple[Alternative, ...] = ()  # the next answers, most probable first


@dataclass(frozen=True, slots=True)
class Alternative:
    """A runner-up answer to a question, with what supports it."""

    answer: str
    value: str | None = None
    confidence: float = 0.0
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Check:
    """A verdict on a claim a report makes."""

    kind: str  # kinematics | geography | time | numbers | arithmetic | calendar
    verdict: str  # consistent | inconsistent | unverifiable
    claim: str
    computed: str  # the figures computed, with the stated ones they are compared with
    rule: str
    explanation: str  # why: what was compared and what the verdict rests on
    citations: tuple[Citation, ...] = ()
    # How sure the verdict is, 0..1: the rule's own reliability (verify/data/tolerances.yaml),
    # lowered when the comparison leans on a guess (an inferred event, a vague figure).
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class DocumentQuantities:
    """``dateline quantities DOC --json``: one document's quantities."""

    doc_id: str
    source: str
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentChecks:
    """One document's own checks (``dateline check``)."""

    doc_id: str
    source: str
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True, slots=True)
class CorpusChecks:
    """``dateline check --json``: every document's checks and the cross-document ones."""

    documents: tuple[DocumentChecks, ...] = ()
    across_documents: tuple[Check, ...] = ()


@dataclass(frozen=True, slots=True)
class OneDocumentChecks:
    """``dateline check DOC --json``: one document's checks, and the cross-document ones citing it."""

    doc_id: str
    source: str
    checks: tuple[Check, ...] = ()
    across_documents: tuple[Check, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityPlace:
    """Where a place entity is: the gazetteer entry its mentions resolved to."""

    name: str
    lat: float
    lon: float
    geonameid: int | None = None
    feature: str | None = None
    country_code: str | None = None


@dataclass(frozen=True, slots=True)
class CanonicalEntity:
    """A cross-document entity as stored (``canonical_entities``), kept up to date at ingest."""

    entity_id: str  # stable: made from its name in ingest order ("vladimir-putin")
    name: str
    label: str  # type by vote over every mention, or an analyst's retype
    mentions: int  # name mentions
    links: int  # pronouns, descriptions and titles linked to it
    documents: int
    first_seen: str | None = None  # publication dates of the first and last document naming it
    last_seen: str | None = None
    aliases: tuple[str, ...] = ()  # names as written, commonest first (the name itself left out)
    place: EntityPlace | None = None

    @property
    def id(self) -> str:
        return self.entity_id


@dataclass(frozen=True, slots=True)
class EntityAlias:
    text: str
    kind: str  # name | title
    count: int


@dataclass(frozen=True, slots=True)
class EntityDocument:
    doc_id: str
    title: str | None
    published: str | None
    source: str
    mentions: int


@dataclass(frozen=True, slots=True)
class RelatedEntity:
    """An entity named in the same documents, with how many it shares."""

    entity_id: str
    name: str
    label: str
    documents: int


@dataclass(frozen=True, slots=True)
class EntityOverride:
    """An analyst's correction, applied at every ingest: merge, split or retype."""

    kind: str  # merge | split | retype
    subject: str  # merge/retype: the entity id; split: the normalised name split off
    target: str  # merge: the entity merged into; split: the entity it left; retype: the type
    created_at: str


@dataclass(frozen=True, slots=True)
class EntityPage:
    """Everything known about one entity across documents (``dateline entity NAME``)."""

    entity: CanonicalEntity
    aliases: tuple[EntityAlias, ...]
    titles: tuple[EntityAlias, ...]
    documents: tuple[EntityDocument, ...]  # the most recent first, at most the page's limit
    related: tuple[RelatedEntity, ...]
    timeline: object = None  # what dateline.query.timeline.timeline returns for the entity
    other_matches: tuple[CanonicalEntity, ...] = ()
