"""The ``search`` query language, parsed once and rendered for FTS5 and for PostgreSQL.

Words must all appear (or any, with ``--any``); ``OR``, ``AND`` and ``NOT`` in capitals are
operators (lower case they are words), ``"two words"`` is a phrase, ``word*`` a prefix and
parentheses group. Other punctuation separates words, and a leading ``-`` is part of no word
(``-foo`` searches ``foo``), as before. Both back ends get the same tree, so a query means the
same on SQLite and on PostgreSQL; what cannot be parsed is one E706 line saying why.

Grammar::

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*        (juxtaposition is AND, or OR with --any)
    unary   := "NOT" unary | primary
    primary := "(" or ")" | PHRASE | WORD ["*"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import BadSearchQuery

_WORD_RE = r"[\w][\w'’-]*"
_WORD = re.compile(_WORD_RE, re.UNICODE)
_TOKEN = re.compile(r'"[^"]*"?|\(|\)|' + _WORD_RE + r"\*?", re.UNICODE)
_OPERATORS = {"OR", "AND", "NOT"}
# Parentheses and NOTs nest at most this deep: far beyond any query a person writes, and far
# below Python's recursion limit, so a hostile query is an E706 line, never a RecursionError.
MAX_DEPTH = 32


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Not:
    node: Node


@dataclass(frozen=True, slots=True)
class All:
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    nodes: tuple[Node, ...]


Node = Term | Not | All | AnyOf


def has_words(text: str) -> bool:
    return bool(_WORD.search(text))


def parse(text: str, any_word: bool = False) -> Node:
    """The query's tree; E706 when it cannot be read (unclosed quote or parenthesis, an
    operator with nothing on one side, or only NOT terms)."""
    tokens = _TOKEN.findall(text)
    parser = _Parser(tokens, any_word)
    node = parser.parse_or()
    if parser.pos < len(tokens):
        raise BadSearchQuery(f"{tokens[parser.pos]!r} closes no parenthesis (in {text[:80]!r})")
    _check_positive(node, text)
    return node


class _Parser:
    def __init__(self, tokens: list[str], any_word: bool):
        self.tokens, self.pos, self.any_word = tokens, 0, any_word
        self.depth = 0

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise BadSearchQuery(f"parentheses or NOTs nested more than {MAX_DEPTH} deep: write a flatter query")

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse_or(self) -> Node:
        parts = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def parse_and(self) -> Node:
        # Each group is an AND of its parts; juxtaposed words start a new group under --any
        # (so they are OR'ed), and NOT always binds to the group before it ("a NOT b").
        groups: list[list[Node]] = [[self.parse_unary()]]
        while (tok := self.peek()) is not None and tok not in ("OR", ")"):
            if tok == "AND":
                self.take()
                groups[-1].append(self.parse_unary())
            elif tok == "NOT" or not self.any_word:
                groups[-1].append(self.parse_unary())
            else:
                groups.append([self.parse_unary()])
        nodes = [g[0] if len(g) == 1 else All(tuple(g)) for g in groups]
        return nodes[0] if len(nodes) == 1 else AnyOf(tuple(nodes))

    def parse_unary(self) -> Node:
        tok = self.peek()
        if tok is None or tok in ("OR", "AND", ")"):
            where = "at the end" if tok is None else f"before {tok!r}"
            raise BadSearchQuery(f"a word is missing {where}: OR, AND and NOT join words")
        if tok == "NOT":
            self.take()
            self.deeper()
            node = self.parse_unary()
            self.depth -= 1
            return Not(node)
        return self.parse_primary()

    def parse_primary(self) -> Node:
        tok = self.take()
        if tok == "(":
            if self.peek() == ")":
                raise BadSearchQuery("empty parentheses: put words inside them")
            self.deeper()
            node = self.parse_or()
            self.depth -= 1
            if self.peek() != ")":
                raise BadSearchQuery("a parenthesis is not closed")
            self.take()
            return node
        if tok.startswith('"'):
            if len(tok) < 2 or not tok.endswith('"'):
                raise BadSearchQuery('a quoted phrase is not closed: end it with "')
            words = tuple(_WORD.findall(tok[1:-1]))
            if not words:
                raise BadSearchQuery('an empty phrase "": put words between the quotes')
            return Term(words)
        return Term((tok.rstrip("*"),), prefix=tok.endswith("*"))


def _check_positive(node: Node, text: str) -> None:
    """Every part of the query must ask for something: FTS5 (and any sane ranking) has no
    'every sentence except'."""
    if isinstance(node, Not):
        raise BadSearchQuery(f"only NOT terms in {text[:80]!r}: give a word to find, e.g. 'summit NOT Putin'")
    if isinstance(node, All):
        if all(isinstance(n, Not) for n in node.nodes):
            raise BadSearchQuery(f"only NOT terms in {text[:80]!r}: give a word to find, e.g. 'summit NOT Putin'")
        for n in node.nodes:
            _check_positive(n.node if isinstance(n, Not) else n, text)
    elif isinstance(node, AnyOf):
        for n in node.nodes:
            _check_positive(n, text)


# -- FTS5 --------------------------------------------------------------------------------------
def to_fts5(node: Node) -> str:
    """The FTS5 MATCH expression (every word quoted, so no FTS5 syntax leaks through)."""
    if isinstance(node, Term):
        return '"' + " ".join(w.replace('"', "") for w in node.words) + '"' + ("*" if node.prefix else "")
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(to_fts5(n) for n in node.nodes) + ")"
    if isinstance(node, Not):  # only inside All, after its positive parts (checked by parse)
        return to_fts5(node.node)
    positives = [to_fts5(n) for n in node.nodes if not isinstance(n, Not)]
    negatives = [to_fts5(n) for n in node.nodes if isinstance(n, Not)]
    out = "(" + " AND ".join(positives) + ")"
    for neg in negatives:
        out = f"({out} NOT {neg})"
    return out


# -- PostgreSQL --------------------------------------------------------------------------------
def to_tsquery(node: Node, params: dict[str, str]) -> str:
    """An SQL expression of type tsquery; the words go in as bound parameters (``params``
    is filled), through websearch_to_tsquery for words and phrases, so the stemming is the
    column's, and to_tsquery(':*') for prefixes."""
    if isinstance(node, Term):
        name = f"q{len(params)}"
        if node.prefix:
            params[name] = re.sub(r"\W", "", node.words[0]) + ":*"
            return f"to_tsquery('english', :{name})"
        params[name] = '"' + " ".join(node.words) + '"' if len(node.words) > 1 else node.words[0]
        return f"websearch_to_tsquery('english', :{name})"
    if isinstance(node, Not):
        return f"(!! {to_tsquery(node.node, params)})"
    joiner = " && " if isinstance(node, All) else " || "
    return "(" + joiner.join(to_tsquery(n, params) for n in node.nodes) + ")"
