"""ParsedDoc -> Quantity records: numbers with units, normalized to SI, linked to
what they measure.

One left-to-right pass per sentence. At each token we try to read a number
(digits, number words, vague plurals such as "dozens", fractions), then what
follows it (scale words, a unit, a currency, "times"), then what precedes it
(currency symbol, approximation modifier). What the quantity measures comes from
the dependency parse around its head token.
"""

from __future__ import annotations

import re

from ..nlp.syntax import Tree, span_head
from ..types import ParsedDoc, Quantity, Token
from .lexicon import Lexicon, UnitInfo, load_lexicon

# digits with optional thousands separators, decimals, and an attached suffix ("5bn", "30C", "55mph")
_NUM = re.compile(r"^([-+\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([A-Za-z\u00b0\u00ba%\u00b2\u00b3/.]*)$")
_YEAR_MIN, _YEAR_MAX = 1000, 2100
_WS = re.compile(r"\s+")
# entity types the time stage owns; a number in them is only ours when it is a duration
_TIME_ENTS = frozenset({"DATE", "TIME"})


def extract_quantities(parsed: ParsedDoc) -> tuple[Quantity, ...]:
    lex = load_lexicon()
    out: list[Quantity] = []
    toks = parsed.tokens
    text = parsed.text
    tree = Tree(parsed)
    for s in parsed.sentences:
        i, end = s.token_start, s.token_end
        while i < end:
            q, nxt = _quantity_at(tree, toks, text, i, end, lex)
            if q is not None:
                out.append(q)
                i = nxt
            else:
                i += 1
    return tuple(out)


def _slice(text: str, toks, a: int, b: int) -> str:
    """Lowercased surface text of tokens a..b-1, whitespace collapsed."""
    return _WS.sub(" ", text[toks[a].start : toks[b - 1].end].lower())


def _read_number(toks, text, i, end, lex: Lexicon):
    """-> (value, next_index, suffix, kind_of_number, mod) or None.

    kind_of_number: digits | words | vague | fraction.
    """
    t = toks[i]
    m = _NUM.match(t.text)
    if m:
        sign, digits, dec, suffix = m.groups()
        value = float(digits.replace(",", "") + (dec or ""))
        if sign in ("-", "\u2212"):
            # "COVID-19", "Su-57": a hyphen glued to a word is part of a name
            if i > 0 and toks[i - 1].end == t.start and toks[i - 1].text[-1:].isalpha():
                return None
            value = -value
        return value, i + 1, suffix, "digits", None
    low = t.text.lower()
    if low not in lex.phrase_first_words:
        return None
    # longest phrase first: "half a dozen", "tens of thousands", "two-thirds"
    for n in range(min(5, end - i), 0, -1):
        key = _slice(text, toks, i, i + n)
        if key in lex.vague_numbers:
            return lex.vague_numbers[key], i + n, "", "vague", "APPROX"
        if key in lex.fractions:
            return lex.fractions[key], i + n, "", "fraction", None
        if n > 1 and key in lex.number_words:
            return lex.number_words[key], i + n, "", "words", None
    # compound number words: "twenty-five", "two hundred and fifty", "three million"
    total, current, j, seen = 0.0, 0.0, i, False
    while j < end:
        w = toks[j].text.lower()
        if w in lex.number_words and " " not in w and w not in ("dozen",):
            if toks[j].tag != "CD" and not seen and w == "one":
                return None  # "one of them" as a pronoun is not a count
            current += lex.number_words[w]
            seen = True
        elif seen and w == "hundred":
            current = (current or 1) * 100
        elif seen and w in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * lex.scales[w]
            current = 0.0
        elif (
            seen
            and w == "-"
            and j + 1 < end
            and toks[j + 1].text.lower() in lex.number_words
            or (
                seen
                and w == "and"
                and j + 1 < end
                and toks[j + 1].text.lower() in lex.number_words
                and (current % 100 == 0 and current >= 100 or total)
            )
        ):
            pass
        else:
            break
        j += 1
    if not seen:
        return None
    if toks[i].tag != "CD" and toks[i].pos != "NUM" and j == i + 1:
        return None
    return total + current, j, "", "words", None


def _quantity_at(tree: Tree, toks, text, i, end, lex: Lexicon):
    parsed = tree.parsed
    t = toks[i]
    if t.ent_type == "ORDINAL":
        return None, i + 1
    num = _read_number(toks, text, i, end, lex)
    if num is None:
        return _lexeme_multiplier(parsed, toks, text, i, end, lex)
    value, j, suffix, nkind, mod = num
    first = i
    unit: str | None = None
    info: UnitInfo | None = None
    currency: str | None = None
    kind: str | None = None
    scaled = False

    # attached suffix: "5bn", "30C", "55mph", "20%"
    if suffix:
        suf = suffix.rstrip(".") if suffix not in lex.units else suffix
        if suf == "m" and not (i > 0 and toks[i - 1].text in lex.currency_symbols):
            # "3.5m people" is millions; "40m deep" is metres
            nxt = toks[j] if j < end else None
            if not (nxt and nxt.pos in ("NOUN", "PROPN") and nxt.text.lower() not in lex.units):
                suf = "m_metre"
        if suf == "m_metre":
            info, unit = lex.units_cs["m"], "m"
        elif suf.lower() in lex.scales and suf.lower() not in ("hundred",):
            value *= lex.scales[suf.lower()]
            scaled = True
        elif suf in lex.units_cs:
            info, unit = lex.units_cs[suf], suf
        elif suf.lower() in lex.units:
            info, unit = lex.units[suf.lower()], suf
        elif suf == "%":
            kind, unit = "percent", "%"
        else:
            return None, j  # "6am", "1990s", "21st", "11.30am": not a quantity

    # currency symbol just before the number ("$", "US$", "£")
    if i > 0 and toks[i - 1].text in lex.currency_symbols and toks[i - 1].sentence == t.sentence:
        currency = lex.currency_symbols[toks[i - 1].text]
        unit = toks[i - 1].text
        kind = "money"
        first = i - 1

    # scale words after the number ("1.5 billion", "300 million", "£20 m")
    while j < end and not info and kind != "percent":
        w = toks[j].text.lower()
        if len(w) > 1 and w.endswith("."):
            w = w[:-1]  # "£20m." at the end of a sentence
        if (
            w in lex.scales
            and w not in ("k", "b")
            or (w in ("k", "b", "m") and (currency or toks[j].start == toks[j - 1].end))
        ):
            if w == "m" and not currency:
                # "m" is million only before a noun or a currency word; otherwise metres
                nxt = toks[j + 1] if j + 1 < end else None
                if not (nxt and nxt.pos in ("NOUN", "PROPN") and nxt.text.lower() not in lex.units):
                    break
            value *= lex.scales[w]
            scaled = True
            j += 1
        else:
            break

    # "two-thirds of a mile", "half an hour"
    if nkind == "fraction" and j < end:
        k = j
        if toks[k].text.lower() == "of" and k + 1 < end:
            k += 1
        if toks[k].text.lower() in ("a", "an") and k + 1 < end:
            k += 1
        if k != j and _unit_match(toks, text, k, end, lex, attached=False)[0] is not None:
            j = k

    # the unit after the number
    if info is None and kind != "percent":
        k = j
        if k < end and toks[k].text in ("-", "\u2011") and toks[k].start == toks[k - 1].end:
            k += 1  # "20-hour journey"
        cur, n = _currency_word(toks, text, k, end, lex, scaled or currency is not None or t.ent_type == "MONEY")
        if cur:
            currency, unit, kind, j = cur, _slice(text, toks, k, k + n), "money", k + n
        elif currency is None:
            pct_n = _phrase_len(toks, text, k, end, lex.percent, 3)
            if pct_n:
                kind, unit, j = "percent", text[toks[k].start : toks[k + pct_n - 1].end], k + pct_n
            else:
                info, n = _unit_match(toks, text, k, end, lex, attached=False)
                if info is not None:
                    unit, j = text[toks[k].start : toks[k + n - 1].end], k + n

    if info is not None:
        kind = info.kind

    # the time stage owns dates and clock times; durations are ours as well
    if t.ent_type in _TIME_ENTS and kind != "duration" and not (kind and kind not in ("count",)):
        return None, j
    if kind == "duration" and j < end and toks[j].text.lower() in lex.duration_point_followers:
        return None, j + 1
    if kind == "duration" and j < end:
        k = j + 1 if toks[j].text == "-" and j + 1 < end else j
        if toks[k].text.lower() in lex.age_followers:
            return None, k + 1

    # bare four-digit numbers are years
    if kind is None and nkind == "digits" and not scaled and "," not in t.text and "." not in t.text:
        if _YEAR_MIN <= value <= _YEAR_MAX:
            return None, j

    # multipliers: "three times the distance", "a 10-fold increase"
    if kind is None and j < end and toks[j].text.lower() in lex.multiplier_words:
        nxt = toks[j + 1].text.lower() if j + 1 < end else ""
        if nxt in lex.frequency_followers:
            return None, j + 1  # "three times a week" is a frequency
        kind, unit = "multiplier", toks[j].text
        j += 1
    elif kind is None and suffix == "" and j < end and toks[j].text.lower() == "-fold":
        kind, unit = "multiplier", "fold"
        j += 1

    if kind is None:
        if nkind == "fraction":
            kind, unit = "percent", "fraction"
        else:
            kind = "count"
            if not _is_count(tree, toks, i, j, end, lex, nkind, value):
                return None, j

    # modifiers after ("20 hours or so") and before ("about", "more than")
    after = _phrase_match(toks, text, j, end, lex.mods_after, 2)
    if after:
        mod = mod or lex.mods_after[after[0]]
        j += after[1]
    before = _mod_before(toks, text, first, parsed.sentences[t.sentence].token_start, lex)
    if before:
        mod, first = before[0], before[1]

    number_value = value
    si_value: float | None
    si_unit: str | None
    if kind == "money":
        si_value, si_unit = value, currency
    elif kind == "percent":
        if unit == "fraction":
            si_value, si_unit = value * 100.0, "%"
        else:
            si_value, si_unit = value, "%"
    elif info is not None:
        si_value, si_unit = info.factor * value + info.offset, info.si_unit
    else:
        si_value, si_unit = value, None

    q_start, q_end = toks[first].start, toks[j - 1].end
    if len(toks[j - 1].text) > 1 and text[q_end - 1] == "." and toks[j - 1].text.lower() not in lex.units:
        q_end -= 1  # "£20m." at a sentence end: the full stop is not part of it
    measures, m_start = _measures(tree, toks, i, j, kind, lex)
    if mod is None and measures and measures.lower() in lex.max_measures:
        mod = "MAX"
    return (
        Quantity(
            start=q_start,
            end=q_end,
            text=text[q_start:q_end],
            sentence=t.sentence,
            number=number_value,
            unit=unit if kind != "count" else None,
            kind=kind,
            si_value=si_value,
            si_unit=si_unit,
            mod=mod,
            measures=measures,
            measures_start=m_start,
        ),
        j,
    )


def _phrase_len(toks, text, k, end, table, max_n) -> int:
    for n in range(min(max_n, end - k), 0, -1):
        if _slice(text, toks, k, k + n) in table:
            return n
    return 0


def _phrase_match(toks, text, k, end, table, max_n):
    n = _phrase_len(toks, text, k, end, table, max_n)
    return (_slice(text, toks, k, k + n), n) if n else None


def _unit_match(toks, text, k, end, lex: Lexicon, attached: bool):
    if k >= end:
        return None, 0
    for n in range(min(lex.max_unit_tokens, end - k), 0, -1):
        raw = text[toks[k].start : toks[k + n - 1].end]
        if n == 1 and raw in lex.units_cs and raw not in lex.attached_only:
            return lex.units_cs[raw], 1
        key = _WS.sub(" ", raw.lower())
        info = lex.units.get(key)
        if info is None:
            continue
        if n == 1 and (raw in lex.attached_only or key in lex.attached_only) and not attached:
            # a lone "h", "t", "m" is only a unit straight after the digits ("km/h" is matched whole)
            if toks[k].start != toks[k - 1].end:
                continue
        return info, n
    return None, 0


def _currency_word(toks, text, k, end, lex: Lexicon, money_context: bool):
    for n in range(min(3, end - k), 0, -1):
        key = _slice(text, toks, k, k + n)
        code = lex.currency_words.get(key)
        if code:
            if key == "won" and toks[k].tag not in ("NN", "NNS"):
                continue
            return code, n
        if n == 1 and key in lex.ambiguous_pound and money_context:
            return "GBP", 1
    return None, 0


def _mod_before(toks, text, first, sent_start, lex: Lexicon):
    for n in range(min(lex.max_before_words, first - sent_start), 0, -1):
        key = _slice(text, toks, first - n, first)
        if key in lex.mods_before:
            return lex.mods_before[key], first - n
    return None


def _is_count(tree: Tree, toks, i, j, end, lex, nkind, value) -> bool:
    """A bare number is a count when it counts a noun or stands as an argument."""
    t = toks[i]
    if nkind == "digits" and i > 0:
        p = toks[i - 1]
        if p.text in ("No.", "no.", "#", "Number") or (p.end == t.start and p.text[-1:].isalpha()):
            return False
    if j < end and toks[j].text in (":", "-", "\u2013", "/", ".") and j + 1 < end and toks[j + 1].like_num:
        return False  # scores, clock times, ratios written "2-1"
    if j < end and _is_casualty(toks[j], lex):
        return True  # "Seven killed", "120 wounded", "more than 50 injured"
    head = toks[span_head(toks, i, j)]
    h = toks[head.head]
    if head.dep == "nummod" and h.i >= j and (h.pos == "NOUN" or h.tag == "NNPS"):
        return h.lemma not in lex.uncounted_nouns and h.text.lower() not in lex.uncounted_nouns
    if head.dep in ("nummod", "compound") and h.i < i:
        return False  # "Apollo 11", "Article 5": identifiers
    if nkind == "vague":
        return True
    if value == 1 and nkind == "words":
        return False
    if head.dep in ("nsubj", "nsubjpass", "dobj", "attr", "appos", "conj", "pobj"):
        # "Three of those trapped", "dozens were injured", "five dead"
        if any(c.dep == "prep" and c.text.lower() == "of" for c in tree.children(head.i)):
            return True
        if h.lemma in lex.casualty_words or h.text.lower() in lex.casualty_words:
            return True
        return head.dep in ("nsubj", "nsubjpass") and h.pos == "VERB"
    return False


def _is_casualty(t: Token, lex: Lexicon) -> bool:
    # "four dead bodies": an adjective on a noun leaves the noun counted
    if t.dep == "amod" or t.tag not in ("VBN", "VBD", "JJ"):
        return False
    return t.lemma in lex.casualty_words or t.text.lower() in lex.casualty_words


def _np(parsed, toks, i, lo: int = 0) -> tuple[str, int]:
    """Noun ``i`` with its adjacent compound/amod modifiers: "top speed", "death toll".

    ``lo``: first token that may belong to the phrase (the quantity's own tokens may not).
    """
    a = i
    while (
        a - 1 >= lo
        and toks[a - 1].head == i
        and toks[a - 1].dep in ("amod", "compound")
        and toks[a - 1].sentence == toks[i].sentence
    ):
        a -= 1
    return parsed.text[toks[a].start : toks[i].end], toks[a].start


def _subject(tree: Tree, verb: int) -> Token | None:
    for c in tree.children(verb):
        if c.dep in ("nsubj", "nsubjpass") and c.pos in ("NOUN", "PROPN"):
            return c
    return None


def _measures(tree: Tree, toks, i, j, kind, lex: Lexicon) -> tuple[str | None, int | None]:
    """What the quantity measures, from the dependency parse around its head."""
    parsed = tree.parsed
    head = toks[span_head(toks, i, j)]
    h = toks[head.head]
    if kind in ("count", "percent"):
        if kind == "count" and j < len(toks) and toks[j].sentence == head.sentence and _is_casualty(toks[j], lex):
            return toks[j].text, toks[j].start
        if kind == "count" and head.dep == "nummod" and h.pos in ("NOUN", "PROPN"):
            return _np(parsed, toks, h.i, lo=j)
        for c in tree.children(head.i):
            if c.dep == "prep" and c.text.lower() == "of":
                objs = [g for g in tree.children(c.i) if g.dep == "pobj"]
                if objs:
                    a, b = tree.subtree(objs[0].i)
                    if b - a > 4:  # a long clause: keep its head noun phrase
                        return _np(parsed, toks, objs[0].i)
                    return parsed.text[toks[a].start : toks[b - 1].end], toks[a].start
        if kind == "count":
            if h.pos in ("VERB", "ADJ") and (h.lemma in lex.casualty_words or h.text.lower() in lex.casualty_words):
                return h.text, h.start
            return None, None
    if kind == "multiplier":
        # "three times the distance": the number's head noun, or the noun after "times"
        if h.pos == "NOUN" and h.i >= j - 1:
            return _np(parsed, toks, h.i)
        for k in range(j, min(j + 3, len(toks))):
            if toks[k].pos == "NOUN" and toks[k].sentence == head.sentence:
                return _np(parsed, toks, k)
        return None, None
    # "a top speed of 55 mph", "a distance of 435 miles"
    if head.dep == "pobj" and h.text.lower() == "of":
        g = toks[h.head]
        if g.pos in ("NOUN", "PROPN") and g.i != h.i:
            return _np(parsed, toks, g.i)
    # "900 miles north of Vladivostok"
    if head.dep == "npadvmod" and h.text.lower() in lex.directions:
        a, b = tree.subtree(h.i)
        return "distance " + parsed.text[h.start : toks[b - 1].end], h.start
    # "a 20-hour journey", "a $5bn deal"
    if head.dep in ("compound", "amod", "nmod", "nummod") and h.pos in ("NOUN", "PROPN") and h.i >= j:
        return _np(parsed, toks, h.i, lo=j)
    # "the journey took about 20 hours", "the project cost $1.5 billion"
    if head.dep in ("dobj", "attr", "npadvmod", "oprd", "acomp") and h.pos in ("VERB", "AUX"):
        subj = _subject(tree, h.i)
        if subj is not None and h.lemma in lex.measure_verbs:
            return _np(parsed, toks, subj.i)
        return h.text, h.start
    # "travelling at 120 km/h", "for three days"
    if head.dep == "pobj" and h.dep == "prep":
        g = toks[h.head]
        if g.pos in ("NOUN", "PROPN"):
            return _np(parsed, toks, g.i)
        if g.pos in ("VERB",):
            return g.text, g.start
    if head.dep in ("nsubj", "nsubjpass") and h.pos in ("VERB", "AUX"):
        return h.text, h.start
    return None, None


def _lexeme_multiplier(parsed, toks, text, i, end, lex: Lexicon):
    """ "twice the size", "double the number": a multiplier written as one word."""
    w = toks[i].text.lower()
    if w not in lex.multiplier_lexemes or w == "half" or i + 1 >= end:
        return None, i + 1
    if toks[i + 1].text.lower() not in lex.multiplier_followers:
        return None, i + 1
    value = lex.multiplier_lexemes[w]
    measures, m_start = None, None
    for k in range(i + 1, min(i + 5, end)):
        if toks[k].pos == "NOUN":
            measures, m_start = _np(parsed, toks, k)
            break
        if toks[k].pos == "ADJ" and toks[i + 1].text.lower() == "as":
            measures, m_start = toks[k].text, toks[k].start
            break
    t = toks[i]
    return (
        Quantity(t.start, t.end, t.text, t.sentence, value, t.text, "multiplier", value, None, None, measures, m_start),
        i + 1,
    )
