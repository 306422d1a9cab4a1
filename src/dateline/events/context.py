"""Per-document indexes over a ParsedDoc, built once and shared by the events stage."""

from __future__ import annotations

import re

from ..nlp.lexicon import english
from ..nlp.syntax import Tree
from ..types import EntityKey, EntityLink, Mention, ParsedDoc
from ._data import dating, lexicon

NAME_LABELS = english().labels.names
PLACE_LABELS = english().labels.places
TIME_LABELS = english().labels.times


class DocContext:
    """The document's syntax tree plus token->mention maps, built once for the events stage."""

    __slots__ = (
        "parsed",
        "toks",
        "kids",
        "mention_at",
        "time_mention_at",
        "lower",
        "tree",
        "coref",
        "title_end",
        "lead_end",
        "memo",
    )

    def __init__(self, parsed: ParsedDoc, coref: tuple[EntityLink, ...] = ()) -> None:
        self.parsed = parsed
        self.toks = parsed.tokens
        self.tree = Tree(parsed)
        self.kids = self.tree.kids
        self.lower = self.tree.lower
        self.mention_at: dict[int, Mention] = {}
        self.time_mention_at: dict[int, Mention] = {}
        for m in parsed.mentions:
            target = (
                self.mention_at if m.label in NAME_LABELS else self.time_mention_at if m.label in TIME_LABELS else None
            )
            if target is None:
                continue
            for k in range(m.token_start, m.token_end):
                target[k] = m
        self.coref: dict[int, tuple[EntityKey, ...]] = {}  # head token -> entities (the entities stage)
        for link in coref:
            self.coref[link.head] = (*self.coref.get(link.head, ()), link.entity)
        self.memo: dict = {}  # per-document values computed once by later steps
        art = parsed.article
        # the title, then the description: news puts the main event there
        self.title_end = len(art.title) if art.title and art.text.startswith(art.title) else 0
        self.lead_end = art.body_start

    def subtree(self, i: int) -> tuple[int, int]:
        return self.tree.subtree(i)

    def span_text(self, a: int, b: int) -> tuple[str, int, int]:
        """Text and character offsets of tokens [a, b), trimmed of edge punctuation."""
        toks = self.toks
        while a < b and toks[a].pos == "PUNCT" and toks[a].text not in ("'", "‘", '"', "“"):
            a += 1
        while b > a and toks[b - 1].pos == "PUNCT":
            b -= 1
        if a >= b:
            return "", 0, 0
        s, e = toks[a].start, toks[b - 1].end
        cut = self.parsed.text.find("\n", s, e)
        if cut != -1:  # never run a phrase across a paragraph break
            e = cut
            while b > a + 1 and toks[b - 1].start >= e:
                b -= 1
            e = toks[b - 1].end
        return self.parsed.text[s:e], s, e

    def entity_keys(self, i: int) -> tuple[EntityKey, ...]:
        """Entities a token refers to: its own named mention, else what coreference found."""
        m = self.mention_at.get(i)
        if m is not None:
            return (m.entity,)
        return self.coref.get(i, ())

    def in_title(self, sentence: int, offset: int | None = None) -> bool:
        """Whether a sentence (or, given, the character offset in it) is in the title.

        The parser may run the title into the body when only a blank line
        separates them, so an offset decides when there is one."""
        if offset is not None:
            return offset < self.title_end
        return self.parsed.sentences[sentence].start < self.title_end

    def in_description(self, sentence: int) -> bool:
        """Whether a sentence is in the description (the standfirst between title and body),
        which tells the news in the headline's present ("Toblerone changes the look ...")."""
        start = self.parsed.sentences[sentence].start
        return bool(self.parsed.article.description) and self.title_end <= start < self.lead_end


def owner_of(ctx: DocContext, i: int, triggers, stop: int | None = None) -> int | None:
    """Nearest trigger governing token ``i`` (itself excluded)."""
    toks = ctx.toks
    cur = i
    for _ in range(40):
        h = toks[cur].head
        if h == cur:
            return None
        if h in triggers and h != stop:
            return h
        cur = h
    return None


def modifier_owner(ctx: DocContext, k: int, owner: int | None, triggers) -> int | None:
    """The event a time or place phrase at token ``k`` belongs to when the parse hangs it after
    an event noun ``owner``: the nearer event noun of the owner's own "for/after/..." phrase
    ("a revenge attack for airstrikes in Kunduz earlier this month": the airstrikes'), else the
    verb the noun is the object of ("protested Trump's victory on Wednesday": the protest's).
    Any other owner stays."""
    toks = ctx.toks
    if owner is None or toks[owner].pos != "NOUN":
        return owner
    top = k
    for _ in range(12):
        if toks[top].head == owner or toks[top].head == top:
            break
        top = toks[top].head
    if toks[top].head != owner or top < owner or toks[top].dep not in ("prep", "npadvmod"):
        return owner  # "Wednesday's attack", a phrase before the noun: the noun's own
    if k != top and toks[k].head != top:
        return owner  # "a keynote at WWDC 2005": a date inside a name the phrase gives
    nearer = [
        y
        for c in ctx.kids[owner]
        if toks[c].dep == "prep" and owner < c < top
        for y in ctx.kids[c]
        if toks[y].dep == "pobj" and y in triggers and toks[y].pos == "NOUN"
    ]
    if nearer:
        return nearer[-1]
    verb = toks[owner].head
    # (only a phrase with a preposition, the parser's ambiguous attachment: "the bombing late
    # Thursday" is the bombing's; nor after a reporting verb, whose "object" is often the
    # subject of what was said: "said the bombing late Thursday was revenge"; nor after a verb
    # saying that its object happened, which is the event)
    if (
        toks[owner].dep == "dobj"
        and toks[top].dep == "prep"
        and verb in triggers
        and toks[verb].pos == "VERB"
        and toks[verb].lemma.lower() not in lexicon().reporting_verbs
        and toks[verb].lemma.lower() not in dating().occurrence_verbs  # "held protests in US cities"
    ):
        return verb
    return owner


def in_quotation(ctx: DocContext, i: int) -> bool:
    """Whether token ``i`` lies inside quotation marks (data/clauses.yaml; spans found once)."""
    key = "quotations"
    if key not in ctx.memo:
        ctx.memo[key] = _quotation_spans(ctx.parsed.text)
    start = ctx.toks[i].start
    return any(a <= start < b for a, b in ctx.memo[key])


def _quotation_spans(text: str) -> list[tuple[int, int]]:
    """Character spans between an opening and a closing quotation mark, never across a line.

    A straight mark opens after a space, a line start or an opening bracket or dash and before
    a word (inside a quotation, such a mark starts the quotation's next paragraph); any other
    closes an open quotation. A stray mark so ends at the next mark, and never turns the rest
    of the text inside out (as alternating marks would). An unclosed quotation is dropped."""
    from ._data import clauses

    marks = clauses()
    spans: list[tuple[int, int]] = []
    start: int | None = None
    # only line breaks and marks change the state: visit those, not every character
    marked = {"\n", *marks.quote_open, *marks.quote_close, *marks.quote_straight}
    chars = "".join(sorted(c for c in marked if len(c) == 1))
    for hit in re.finditer(f"[{re.escape(chars)}]", text):
        k, ch = hit.start(), hit.group()
        if ch == "\n":
            start = None
            continue
        opens = ch in marks.quote_open or (ch in marks.quote_straight and _opens(text, k))
        if opens:  # an opening mark inside a quotation continues it (a new quoted paragraph)
            if start is not None:
                spans.append((start, k))
            start = k + 1
        elif (ch in marks.quote_close or ch in marks.quote_straight) and start is not None:
            spans.append((start, k))
            start = None
    return spans


def _opens(text: str, k: int) -> bool:
    before = text[k - 1] if k > 0 else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


_DASHES = frozenset({"--", "—", "–", "-"})


def credit_end(ctx: DocContext, sentence: int) -> int:
    """The first token after a sentence's opening credit or dateline, which names no
    participant: "(The Washington Post) President-elect Donald Trump ...", "SAO PAULO (AP) --
    Williams' veteran driver ..." (the sentence's first token when it has none)."""
    key = ("credit_end", sentence)
    if key not in ctx.memo:
        ctx.memo[key] = _credit_end(ctx, sentence)
    return ctx.memo[key]


def _credit_end(ctx: DocContext, sentence: int) -> int:
    s = ctx.parsed.sentences[sentence]
    toks = ctx.toks
    a, b = s.token_start, min(s.token_end, s.token_start + 12)
    opening = next((k for k in range(a, b) if toks[k].text == "("), None)
    closing = next((k for k in range(opening, b) if toks[k].text == ")"), None) if opening is not None else None
    if opening is None or closing is None:
        return a
    if opening == a:
        return closing + 1  # "(The Washington Post) ..."
    place = all(toks[k].text[:1].isupper() or toks[k].text == "," for k in range(a, opening))
    if place and closing + 1 < s.token_end and toks[closing + 1].text in _DASHES:
        return closing + 2  # "SAO PAULO (AP) -- ..."
    return a
