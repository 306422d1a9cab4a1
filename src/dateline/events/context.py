"""Per-document indexes over a ParsedDoc, built once and shared by the events stage."""

from __future__ import annotations

from ..nlp.lexicon import english
from ..nlp.syntax import Tree
from ..types import EntityKey, EntityLink, Mention, ParsedDoc

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
