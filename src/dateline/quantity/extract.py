"""ParsedDoc -> Quantity records: numbers with units, normalized to SI, linked to
what they measure and count.

One left-to-right pass per sentence. At each token we try to read a number
(digits, number words, vague plurals such as "dozens", fractions), then what
follows it (scale words, a range's upper end, a unit, a currency, "times"), then what
precedes it (currency symbol, approximation modifier). Each step is a named function
over one :class:`_Reading`. What the quantity measures comes from the dependency
parse around its head token; what it counts, whether it is a subset or a part of a
whole, and the moment it holds for are added by :mod:`.meaning` over the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..nlp.syntax import Tree
from ..types import ParsedDoc, Quantity, Token
from .lexicon import Lexicon, UnitInfo, load_lexicon
from .meaning import add_meaning
from .measures import TIME_ENTS, is_casualty, lexeme_multiplier, measures_of, number_head

# digits with optional thousands separators, decimals, and an attached suffix ("5bn", "30C", "55mph")
_NUM = re.compile(r"^([-+\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([A-Za-z\u00b0\u00ba%\u00b2\u00b3/.]*)$")
_YEAR_MIN, _YEAR_MAX = 1000, 2100
_YEAR_S = 365.25 * 86400
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class _Ctx:
    tree: Tree
    toks: tuple[Token, ...]
    text: str
    lex: Lexicon
    person_ends: frozenset[int]  # token index of the last token of each PERSON mention


@dataclass
class _Reading:
    """One quantity being read: mutated by the steps of :func:`_quantity_at`, then built."""

    i: int  # the number's first token
    j: int  # the next token to read
    end: int  # the sentence's end token
    first: int  # the quantity's first token (a currency symbol or modifier before the number)
    value: float
    suffix: str
    nkind: str  # digits | words | vague | fraction
    mod: str | None
    unit: str | None = None
    info: UnitInfo | None = None
    currency: str | None = None
    kind: str | None = None
    scaled: bool = False
    high: float | None = None
    base: float | None = None
    measures: tuple[str | None, int | None] = field(default=(None, None))


def extract_quantities(parsed: ParsedDoc) -> tuple[Quantity, ...]:
    lex = load_lexicon()
    person_ends = frozenset(m.token_end - 1 for m in parsed.mentions if m.label == "PERSON")
    ctx = _Ctx(Tree(parsed), parsed.tokens, parsed.text, lex, person_ends)
    out: list[Quantity] = []
    for s in parsed.sentences:
        found: list[Quantity] = []
        i, end = s.token_start, s.token_end
        while i < end:
            q, nxt = _quantity_at(ctx, i, end)
            if q is not None:
                found.append(q)
                i = nxt
            else:
                i += 1
        out.extend(add_meaning(ctx.tree, found, lex))
    return tuple(out)


def _slice(text: str, toks: tuple[Token, ...], a: int, b: int) -> str:
    """Lowercased surface text of tokens a..b-1, whitespace collapsed."""
    return _WS.sub(" ", text[toks[a].start : toks[b - 1].end].lower())


# -- numbers --------------------------------------------------------------------------------------


def _read_digits(toks: tuple[Token, ...], i: int) -> tuple[float, int, str, str, str | None] | None:
    t = toks[i]
    m = _NUM.match(t.text)
    if not m:
        return None
    sign, digits, dec, suffix = m.groups()
    value = float(digits.replace(",", "") + (dec or ""))
    if sign in ("-", "\u2212"):
        # "COVID-19", "Su-57": a hyphen glued to a word is part of a name
        if i > 0 and toks[i - 1].end == t.start and toks[i - 1].text[-1:].isalpha():
            return None
        value = -value
    return value, i + 1, suffix, "digits", None


def _read_phrase(ctx: _Ctx, i: int, end: int) -> tuple[float, int, str, str, str | None] | None:
    """Longest phrase first: "half a dozen", "tens of thousands", "two-thirds"."""
    lex = ctx.lex
    for n in range(min(5, end - i), 0, -1):
        key = _slice(ctx.text, ctx.toks, i, i + n)
        if key in lex.vague_numbers:
            return lex.vague_numbers[key], i + n, "", "vague", "APPROX"
        if key in lex.fractions:
            return lex.fractions[key], i + n, "", "fraction", None
        if n > 1 and key in lex.number_words:
            return lex.number_words[key], i + n, "", "words", None
    return None


def _joins_number_words(toks: tuple[Token, ...], j: int, end: int, lex: Lexicon, current: float, total: float) -> bool:
    """ "twenty-five", "two hundred and fifty": a hyphen or "and" inside a number."""
    nxt = toks[j + 1].text.lower() if j + 1 < end else ""
    w = toks[j].text.lower()
    if w == "-":
        return nxt in lex.number_words
    return w == "and" and nxt in lex.number_words and bool(current % 100 == 0 and current >= 100 or total)


def _read_words(ctx: _Ctx, i: int, end: int) -> tuple[float, int, str, str, str | None] | None:
    """Compound number words: "twenty-five", "two hundred and fifty", "three million"."""
    toks, lex = ctx.toks, ctx.lex
    total, current, j, seen = 0.0, 0.0, i, False
    while j < end:
        w = toks[j].text.lower()
        if w in lex.number_words and " " not in w and w != "dozen":
            if toks[j].tag != "CD" and not seen and w == "one":
                return None  # "one of them" as a pronoun is not a count
            current += lex.number_words[w]
            seen = True
        elif seen and w == "hundred":
            current = (current or 1) * 100
        elif seen and w in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * lex.scales[w]
            current = 0.0
        elif not (seen and _joins_number_words(toks, j, end, lex, current, total)):
            break
        j += 1
    if not seen or (toks[i].tag != "CD" and toks[i].pos != "NUM" and j == i + 1):
        return None
    return total + current, j, "", "words", None


def _read_number(ctx: _Ctx, i: int, end: int) -> tuple[float, int, str, str, str | None] | None:
    """-> (value, next_index, suffix, kind_of_number, mod) or None."""
    if _NUM.match(ctx.toks[i].text):
        return _read_digits(ctx.toks, i)
    if ctx.toks[i].text.lower() not in ctx.lex.phrase_first_words:
        return None
    return _read_phrase(ctx, i, end) or _read_words(ctx, i, end)


# -- what follows and precedes the number ---------------------------------------------------------


def _attached_suffix(ctx: _Ctx, r: _Reading) -> int | None:
    """ "5bn", "30C", "55mph", "20%"; returns where to resume when it is no quantity ("6am")."""
    if not r.suffix:
        return None
    lex, toks = ctx.lex, ctx.toks
    suf = r.suffix.rstrip(".") if r.suffix not in lex.units else r.suffix
    if suf == "m" and not (r.i > 0 and toks[r.i - 1].text in lex.currency_symbols):
        # "3.5m people" is millions; "40m deep" is metres
        nxt = toks[r.j] if r.j < r.end else None
        if not (nxt and nxt.pos in ("NOUN", "PROPN") and nxt.text.lower() not in lex.units):
            suf = "m_metre"
    if suf == "m_metre":
        r.info, r.unit = lex.units_cs["m"], "m"
    elif suf.lower() in lex.scales and suf.lower() != "hundred":
        r.value *= lex.scales[suf.lower()]
        r.scaled = True
    elif suf in lex.units_cs:
        r.info, r.unit = lex.units_cs[suf], suf
    elif suf.lower() in lex.units:
        r.info, r.unit = lex.units[suf.lower()], suf
    elif suf == "%":
        r.kind, r.unit = "percent", "%"
    else:
        return r.j  # "6am", "1990s", "21st", "11.30am": not a quantity
    return None


def _currency_before(ctx: _Ctx, r: _Reading) -> None:
    """ "$", "US$", "£" just before the number."""
    toks, i = ctx.toks, r.i
    if i > 0 and toks[i - 1].text in ctx.lex.currency_symbols and toks[i - 1].sentence == toks[i].sentence:
        r.currency = ctx.lex.currency_symbols[toks[i - 1].text]
        r.unit, r.kind, r.first = toks[i - 1].text, "money", i - 1


def _is_scale(ctx: _Ctx, r: _Reading, w: str) -> bool:
    if w in ("k", "b", "m"):
        if not (r.currency or ctx.toks[r.j].start == ctx.toks[r.j - 1].end):
            return False
        if w == "m" and not r.currency:
            # "m" is million only before a noun or a currency word; otherwise metres
            nxt = ctx.toks[r.j + 1] if r.j + 1 < r.end else None
            return bool(nxt and nxt.pos in ("NOUN", "PROPN") and nxt.text.lower() not in ctx.lex.units)
        return True
    return w in ctx.lex.scales


def _scale_words(ctx: _Ctx, r: _Reading) -> None:
    """ "1.5 billion", "300 million", "£20 m"."""
    while r.j < r.end and not r.info and r.kind != "percent":
        w = ctx.toks[r.j].text.lower()
        if len(w) > 1 and w.endswith("."):
            w = w[:-1]  # "£20m." at the end of a sentence
        if not _is_scale(ctx, r, w):
            return
        r.value *= ctx.lex.scales[w]
        r.scaled = True
        r.j += 1


def _fraction_of(ctx: _Ctx, r: _Reading) -> None:
    """ "two-thirds of a mile", "half an hour"."""
    if r.nkind != "fraction" or r.j >= r.end:
        return
    toks, k = ctx.toks, r.j
    if toks[k].text.lower() == "of" and k + 1 < r.end:
        k += 1
    if toks[k].text.lower() in ("a", "an") and k + 1 < r.end:
        k += 1
    if k != r.j and _unit_match(ctx, k, r.end)[0] is not None:
        r.j = k


def _and_a_fraction(ctx: _Ctx, r: _Reading) -> None:
    """ "two and a half years", "one-and-a-half hours": the fraction is part of the count
    when a unit or "percent" follows it (else the time stage and this one would read
    different spans of one duration)."""
    if r.nkind not in ("digits", "words") or r.scaled or r.suffix:
        return
    toks, k = ctx.toks, r.j
    words: list[str] = []
    while k < r.end and len(words) < 4:
        w = toks[k].text.lower()
        if w not in ("-", "\u2011"):
            words.append(w)
            if words[0] != "and":
                return
            if len(words) > 1 and " ".join(words[1:]) in ctx.lex.fractions:
                break
        k += 1
    if len(words) < 2 or k >= r.end or " ".join(words[1:]) not in ctx.lex.fractions:
        return
    u = k + 1
    if u < r.end and toks[u].text in ("-", "\u2011"):
        u += 1
    if _unit_match(ctx, u, r.end)[0] is not None or _phrase_len(ctx, u, r.end, ctx.lex.percent, 3):
        r.value += ctx.lex.fractions[" ".join(words[1:])]
        r.j = k + 1


def _range(ctx: _Ctx, r: _Reading) -> None:
    """ "10 to 15 minutes", "10-15 minutes", "between 10 and 15 people": the upper end,
    when a unit or a counted noun follows it ("8-7" is a score, "from 10 to 15" a change)."""
    toks, j = ctx.toks, r.j
    if r.suffix or r.kind or j + 1 >= r.end or toks[j].text.lower() not in ctx.lex.range_words:
        return
    before = toks[r.first - 1].text.lower() if r.first > 0 else ""
    if before == "from" or (toks[j].text.lower() == "and") != (before == "between"):
        return
    upper = _read_number(ctx, j + 1, r.end)
    if upper is None or upper[2] or upper[3] == "vague" or upper[0] <= r.value:
        return  # "8-7", "3-1": a score, not a range
    k = upper[1]
    if k >= r.end:
        return
    follows_unit = _unit_match(ctx, k, r.end)[0] is not None or _phrase_len(ctx, k, r.end, ctx.lex.percent, 3) > 0
    noun = toks[k].pos == "NOUN" and toks[k].lemma not in ctx.lex.uncounted_nouns | ctx.lex.score_nouns
    multiplier = toks[k].text.lower() in ctx.lex.multiplier_words  # "four or five times"
    if follows_unit or noun or multiplier:
        r.high, r.j = upper[0], k


def _out_of(ctx: _Ctx, r: _Reading) -> None:
    """ "20 of 71 scheduled laps": a count out of a stated whole."""
    toks, j = ctx.toks, r.j
    if r.suffix or r.kind or j + 1 >= r.end or toks[j].text.lower() != "of":
        return
    whole = _read_number(ctx, j + 1, r.end)
    if whole is None or whole[2] or whole[3] != r.nkind or whole[0] <= r.value:
        return
    k = whole[1]
    while k < r.end and toks[k].pos in ("ADJ", "VERB") and toks[k].dep == "amod":
        k += 1
    if k < r.end and toks[k].pos == "NOUN":
        r.base, r.kind, r.j = whole[0], "count", whole[1]
        r.measures = (ctx.text[toks[whole[1]].start : toks[k].end], toks[whole[1]].start)


def _unit_after(ctx: _Ctx, r: _Reading) -> None:
    """The unit, currency word or percent sign after the number."""
    if r.info is not None or r.kind in ("percent", "count"):
        return
    toks, k = ctx.toks, r.j
    if k < r.end and toks[k].text in ("-", "\u2011") and toks[k].start == toks[k - 1].end:
        k += 1  # "20-hour journey"
    money = r.scaled or r.currency is not None or toks[r.i].ent_type == "MONEY"
    cur, n = _currency_word(ctx, k, r.end, money)
    if cur:
        r.currency, r.unit, r.kind, r.j = cur, _slice(ctx.text, toks, k, k + n), "money", k + n
        return
    if r.currency is not None:
        return
    pct_n = _phrase_len(ctx, k, r.end, ctx.lex.percent, 3)
    if pct_n:
        r.kind, r.unit, r.j = "percent", ctx.text[toks[k].start : toks[k + pct_n - 1].end], k + pct_n
        return
    info, n = _unit_match(ctx, k, r.end)
    if info is not None:
        r.info, r.unit, r.j = info, ctx.text[toks[k].start : toks[k + n - 1].end], k + n


def _age(ctx: _Ctx, r: _Reading) -> bool:
    """ "a 42-year-old man", "aged 42", "Hannah Collier, 23,": an age in years."""
    toks, lex = ctx.toks, ctx.lex
    if r.kind == "duration" and r.info is not None and r.j < r.end:
        k = r.j + 1 if toks[r.j].text == "-" and r.j + 1 < r.end else r.j
        if toks[k].text.lower() in lex.age_followers:  # "a 42-year-old", "a six-month-old baby"
            r.kind, r.j = "age", k + 1
            return True
        return False
    if r.kind is not None or r.nkind != "digits" or r.value != int(r.value) or not 0 < r.value <= lex.max_age:
        return False
    i = r.i
    after = toks[r.j].text.lower() if r.j < r.end else "."
    if i > 0 and toks[i - 1].text.lower() in lex.age_words:
        r.kind, r.first = "age", i - 1
        return True
    if (
        i > 1
        and toks[i - 1].text == ","
        and (i - 2) in ctx.person_ends
        and after in (",", ".", "from", "of", "and", "who", ";", ")")
    ):
        r.kind = "age"
        return True
    return False


def _excluded(ctx: _Ctx, r: _Reading) -> int | None:
    """Numbers that are not ours: dates and clock times (the time stage's), points in time
    ("two years ago"), bare years. Returns where to resume."""
    toks, lex, t = ctx.toks, ctx.lex, ctx.toks[r.i]
    # a number in the time stage's entities is only ours when it is a duration or an age
    if t.ent_type in TIME_ENTS and r.kind not in ("duration", "age") and not (r.kind and r.kind != "count"):
        return r.j
    if r.kind == "duration" and r.j < r.end and toks[r.j].text.lower() in lex.duration_point_followers:
        return r.j + 1
    bare = r.kind is None and r.nkind == "digits" and not r.scaled and "," not in t.text and "." not in t.text
    if bare and _YEAR_MIN <= r.value <= _YEAR_MAX:
        return r.j  # bare four-digit numbers are years
    return None


def _multiplier(ctx: _Ctx, r: _Reading) -> int | None:
    """ "three times the distance", "a 10-fold increase"; "three times a week" is a frequency."""
    if r.kind is not None or r.j >= r.end:
        return None
    toks, lex = ctx.toks, ctx.lex
    w = toks[r.j].text.lower()
    if w in lex.multiplier_words:
        nxt = toks[r.j + 1].text.lower() if r.j + 1 < r.end else ""
        if nxt in lex.frequency_followers:
            return r.j + 1
        r.kind, r.unit = "multiplier", toks[r.j].text
        r.j += 1
    elif r.suffix == "" and w == "-fold":
        r.kind, r.unit = "multiplier", "fold"
        r.j += 1
    return None


def _modifiers(ctx: _Ctx, r: _Reading) -> None:
    """After ("20 hours or so") and before ("about", "more than")."""
    after = _phrase_match(ctx, r.j, r.end, ctx.lex.mods_after, 2)
    if after:
        r.mod = r.mod or ctx.lex.mods_after[after[0]]
        r.j += after[1]
    before = _mod_before(ctx, r.first, ctx.tree.parsed.sentences[ctx.toks[r.i].sentence].token_start)
    if before:
        r.mod, r.first = before


def _si(r: _Reading, value: float) -> tuple[float | None, str | None]:
    if r.kind == "money":
        return value, r.currency
    if r.kind == "percent":
        return (value * 100.0 if r.unit == "fraction" else value), "%"
    if r.kind == "age":  # in years, whatever unit the age was given in ("a six-month-old")
        return (value if r.info is None else r.info.factor * value / _YEAR_S), "a"
    if r.info is not None:
        return r.info.factor * value + r.info.offset, r.info.si_unit
    return value, None


def _build(ctx: _Ctx, r: _Reading) -> Quantity:
    toks, text, lex = ctx.toks, ctx.text, ctx.lex
    q_start, q_end = toks[r.first].start, toks[r.j - 1].end
    if len(toks[r.j - 1].text) > 1 and text[q_end - 1] == "." and toks[r.j - 1].text.lower() not in lex.units:
        q_end -= 1  # "£20m." at a sentence end: the full stop is not part of it
    kind = r.kind or "count"
    measures, m_start = r.measures if r.measures[0] else measures_of(ctx.tree, r.i, r.j, kind, lex)
    mod = r.mod
    if mod is None and measures and measures.lower() in lex.max_measures:
        mod = "MAX"
    si_value, si_unit = _si(r, r.value)
    si_high = _si(r, r.high)[0] if r.high is not None else None
    return Quantity(
        start=q_start,
        end=q_end,
        text=text[q_start:q_end],
        sentence=toks[r.i].sentence,
        number=r.value,
        unit=r.unit if kind not in ("count",) else None,
        kind=kind,
        si_value=si_value,
        si_unit=si_unit,
        mod=mod,
        measures=measures,
        measures_start=m_start,
        high=r.high,
        si_high=si_high,
        base=r.base,
    )


def _read_around(ctx: _Ctx, r: _Reading) -> int | None:
    """What follows and precedes the number; where to resume when it is no quantity."""
    stop = _attached_suffix(ctx, r)
    if stop is not None:
        return stop
    _currency_before(ctx, r)
    _scale_words(ctx, r)
    _fraction_of(ctx, r)
    _and_a_fraction(ctx, r)
    _range(ctx, r)
    _out_of(ctx, r)
    _unit_after(ctx, r)
    if r.info is not None:
        r.kind = r.info.kind
    if _age(ctx, r):
        return None
    stop = _excluded(ctx, r) if r.kind != "count" or r.base is None else None
    return stop if stop is not None else _multiplier(ctx, r)


def _quantity_at(ctx: _Ctx, i: int, end: int) -> tuple[Quantity | None, int]:
    if ctx.toks[i].ent_type == "ORDINAL":
        return None, i + 1
    num = _read_number(ctx, i, end)
    if num is None:
        return lexeme_multiplier(ctx.tree, i, end, ctx.lex), i + 1
    value, j, suffix, nkind, mod = num
    r = _Reading(i, j, end, i, value, suffix, nkind, mod)
    stop = _read_around(ctx, r)
    if stop is not None:
        return None, stop
    if r.kind is None:
        if r.nkind == "fraction":
            r.kind, r.unit = "percent", "fraction"
        elif not _is_count(ctx, r):
            return None, r.j
        else:
            r.kind = "count"
    _modifiers(ctx, r)
    return _build(ctx, r), r.j


# -- lookups --------------------------------------------------------------------------------------


def _phrase_len(ctx: _Ctx, k: int, end: int, table: frozenset[str] | dict[str, str], max_n: int) -> int:
    for n in range(min(max_n, end - k), 0, -1):
        if _slice(ctx.text, ctx.toks, k, k + n) in table:
            return n
    return 0


def _phrase_match(ctx: _Ctx, k: int, end: int, table: dict[str, str], max_n: int) -> tuple[str, int] | None:
    n = _phrase_len(ctx, k, end, table, max_n)
    return (_slice(ctx.text, ctx.toks, k, k + n), n) if n else None


def _unit_match(ctx: _Ctx, k: int, end: int) -> tuple[UnitInfo | None, int]:
    toks, lex = ctx.toks, ctx.lex
    if k >= end:
        return None, 0
    for n in range(min(lex.max_unit_tokens, end - k), 0, -1):
        raw = ctx.text[toks[k].start : toks[k + n - 1].end]
        if n == 1 and raw in lex.units_cs and raw not in lex.attached_only:
            return lex.units_cs[raw], 1
        key = _WS.sub(" ", raw.lower())
        info = lex.units.get(key)
        if info is None:
            continue
        # a lone "h", "t", "m" is only a unit straight after the digits ("km/h" is matched whole)
        if n == 1 and (raw in lex.attached_only or key in lex.attached_only) and toks[k].start != toks[k - 1].end:
            continue
        return info, n
    return None, 0


def _currency_word(ctx: _Ctx, k: int, end: int, money_context: bool) -> tuple[str | None, int]:
    lex = ctx.lex
    for n in range(min(3, end - k), 0, -1):
        key = _slice(ctx.text, ctx.toks, k, k + n)
        code = lex.currency_words.get(key)
        if code:
            if key == "won" and ctx.toks[k].tag not in ("NN", "NNS"):
                continue
            return code, n
        if n == 1 and key in lex.ambiguous_pound and money_context:
            return "GBP", 1
    return None, 0


def _mod_before(ctx: _Ctx, first: int, sent_start: int) -> tuple[str, int] | None:
    lex = ctx.lex
    for n in range(min(lex.max_before_words, first - sent_start), 0, -1):
        key = _slice(ctx.text, ctx.toks, first - n, first)
        if key in lex.mods_before:
            return lex.mods_before[key], first - n
    return None


def _not_a_count(ctx: _Ctx, r: _Reading) -> bool:
    """ "No. 5", "A330", scores and clock times written "2-1", "6:30"."""
    toks, i, j = ctx.toks, r.i, r.j
    t = toks[i]
    if r.nkind == "digits" and i > 0:
        p = toks[i - 1]
        if p.text in ("No.", "no.", "#", "Number") or (p.end == t.start and p.text[-1:].isalpha()):
            return True
    return j < r.end and toks[j].text in (":", "-", "\u2013", "/", ".") and j + 1 < r.end and toks[j + 1].like_num


def _argument_count(ctx: _Ctx, head: Token, h: Token) -> bool:
    """A bare number standing as an argument: "Three of those trapped", "dozens were injured",
    "five dead", "the death toll rose to at least six"."""
    lex, tree = ctx.lex, ctx.tree
    if head.dep not in ("nsubj", "nsubjpass", "dobj", "attr", "appos", "conj", "pobj"):
        return False
    if head.dep == "pobj" and h.text.lower() == "to" and ctx.toks[h.head].lemma in lex.update_verbs:
        return True
    if any(c.dep == "prep" and c.text.lower() == "of" for c in tree.children(head.i)):
        return True
    if h.lemma in lex.casualty_words or h.text.lower() in lex.casualty_words:
        return True
    return head.dep in ("nsubj", "nsubjpass") and h.pos == "VERB"


def _is_count(ctx: _Ctx, r: _Reading) -> bool:
    """A bare number is a count when it counts a noun or stands as an argument."""
    toks, lex, i, j = ctx.toks, ctx.lex, r.i, r.j
    if _not_a_count(ctx, r):
        return False
    if j < r.end and is_casualty(toks[j], lex):
        return True  # "Seven killed", "120 wounded", "more than 50 injured"
    head = number_head(toks, i, j)  # "rose to at least six Friday": where the day stands
    h = toks[head.head]
    if head.dep == "nummod" and h.i >= j and (h.pos == "NOUN" or h.tag == "NNPS"):
        return h.lemma not in lex.uncounted_nouns and h.text.lower() not in lex.uncounted_nouns
    if head.dep in ("nummod", "compound") and h.i < i:
        return False  # "Apollo 11", "Article 5": identifiers
    if r.nkind == "vague":
        return True
    if r.value == 1 and r.nkind == "words":
        return False
    return _argument_count(ctx, head, h)
