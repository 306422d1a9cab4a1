"""The main event of an article and its 5W1H answers, candidates best first.

The main event is chosen among the frames of ``extract_events`` with the cues
Giveme5W1H uses (position: title and lead first; how often its actor is
mentioned; named-entity type) plus what the frames know (status, type, whether
the trigger heads its sentence). Answers are shaped like the phrases news
annotators mark: "who" the actor's name or noun phrase, "what" the verb phrase
of the event, "when" a date phrase, "where" a place phrase, "why" the cause or
purpose clause, "how" the instrument or manner (else the verb). Weights are in
``data/main_event.yaml``.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter

from ..nlp.lexicon import english
from ..types import EntityKey, Event, MainEvent, ParsedDoc, W5Answer
from ._data import lexicon
from .context import PLACE_LABELS, DocContext
from .frames import build_context

_PRONOUNS = english().pronouns.all
_DURATION = re.compile(r"^\d+[- ]?(?:year|month|week|day|hour|minute)s?\b", re.I)
_MAX_CANDIDATES = 5
_QUOTES = frozenset({"'", "‘", "’", '"', "“", "”", "``", "''"})
_CLAUSE_OPENERS = frozenset(
    {"after", "as", "because", "when", "while", "if", "before", "since", "that", "what", "how", "why"}
)


def _position_weight(ctx: DocContext, sentence: int, w: dict, offset: int | None = None) -> float:
    if ctx.in_title(sentence, offset):
        return w["title"]
    s = ctx.parsed.sentences[sentence]
    first_body = _first_body_sentence(ctx)
    if s.start < ctx.lead_end or s.index == first_body:
        return w["lead"]
    rank = s.index - first_body
    return w["lead"] / (1.0 + w["decay"] * rank)


def _event_scores(ctx: DocContext, events: tuple[Event, ...]) -> list[tuple[float, Event]]:
    lex = lexicon()
    w = lex.main["event"]
    freq = Counter(m.entity for m in ctx.parsed.mentions if m.label in ("PERSON", "ORG", "NORP", "GPE"))
    for _k, v in ctx.coref.items():
        for key in v:
            freq[key] += 1
    maxf = max(freq.values()) if freq else 1
    tok_at = _tok_at(ctx)
    out = []
    title_has_verb = any(e.sentence in _title_sents(ctx) and tok_at[e.trigger_start].pos == "VERB" for e in events)
    for e in events:
        t = tok_at.get(e.trigger_start)
        if t is None:
            continue
        sc = _position_weight(ctx, e.sentence, w["position"], e.trigger_start)
        if e.type != "OTHER":
            sc += w["typed"]
        if e.type == "STATEMENT":
            sc += w["statement"]
            if e.lemma in w["bare_reporting_verbs"]:
                sc += w["bare_reporting"]
        if t.dep == "ROOT" or (t.pos == "NOUN" and ctx.toks[t.head].dep == "ROOT" and ctx.toks[t.head].lemma == "be"):
            sc += w["root"]
        elif t.dep in ("advcl", "relcl", "acl", "ccomp", "pcomp", "pobj"):
            sc += w["subordinate"]
        title_head = e.sentence in _title_sents(ctx) and (not title_has_verb or t.dep == "ROOT")
        if t.pos == "NOUN" and not title_head and e.lemma == t.lemma.lower():
            sc += w["noun_trigger"]
        agents = [r for r in e.roles if r.name == "agent"]
        if agents:
            sc += w["any_agent"]
            ents = [r.entity for r in agents if r.entity and r.entity.label in ("PERSON", "ORG", "NORP", "GPE")]
            if ents:
                sc += w["named_agent"] + w["agent_frequency"] * max(freq.get(k, 0) for k in ents) / maxf
        if any(r.name == "patient" for r in e.roles):
            sc += w["patient"]
        sc += w["status"].get(e.status, 0.0)
        out.append((sc, e))
    out.sort(key=lambda x: -x[0])
    return out


def _first_body_sentence(ctx: DocContext) -> int:
    got = ctx.memo.get("first_body")
    if got is None:
        got = next((x.index for x in ctx.parsed.sentences if x.start >= ctx.lead_end), 0)
        ctx.memo["first_body"] = got
    return got


def _title_sents(ctx: DocContext) -> set[int]:
    got = ctx.memo.get("title_sents")
    if got is None:
        got = {s.index for s in ctx.parsed.sentences if ctx.in_title(s.index)}
        ctx.memo["title_sents"] = got
    return got


def _tok_at(ctx: DocContext) -> dict:
    got = ctx.memo.get("tok_at")
    if got is None:
        got = {t.start: t for t in ctx.toks}
        ctx.memo["tok_at"] = got
    return got


def _norm_scores(cands: list[tuple[float, W5Answer]]) -> tuple[W5Answer, ...]:
    """Best first, duplicates (same lower-cased text) dropped, scores scaled to (0, 1]."""
    cands = sorted(cands, key=lambda x: -x[0])
    seen = set()
    out = []
    top = cands[0][0] if cands else 1.0
    lo = min(c[0] for c in cands) if cands else 0.0
    for sc, a in cands:
        key = a.text.lower().strip()
        if not key or key in seen:
            continue
        seen.add(key)
        rel = 1.0 if top == lo else 0.1 + 0.9 * (sc - lo) / (top - lo)
        out.append(W5Answer(a.text, round(rel, 4), a.start, a.end, a.value, a.lat, a.lon))
        if len(out) >= _MAX_CANDIDATES:
            break
    return tuple(out)


def main_event(parsed: ParsedDoc, events, times=(), sentence_times=(), places=()) -> MainEvent:
    return main_event_ctx(build_context(parsed), events, times, sentence_times, places)


def main_event_ctx(ctx: DocContext, events, times=(), sentence_times=(), places=()) -> MainEvent:
    parsed = ctx.parsed
    events = tuple(events or ())
    times = tuple(times or ())
    places = tuple(places or ())
    ranked = _event_scores(ctx, events)
    doc_id = parsed.article.doc_id
    if not ranked:
        when = _when(ctx, None, times, sentence_times)
        return MainEvent(doc_id=doc_id, when=when, where=_where(ctx, None, places))
    best = ranked[0][1]
    top = [e for _, e in ranked[:6]]
    return MainEvent(
        doc_id=doc_id,
        who=_who(ctx, ranked),
        what=_what(ctx, ranked),
        when=_when(ctx, best, times, sentence_times),
        where=_where(ctx, best, places),
        why=_why(ctx, best, ranked),
        how=_how(ctx, best, top, ranked),
    )


# --- who -----------------------------------------------------------------


def _entity_name(ctx: DocContext, key: EntityKey) -> str:
    for ent in ctx.parsed.entities:
        if ent.key == key:
            return ent.name
    return key.name


def _who(ctx: DocContext, ranked) -> tuple[W5Answer, ...]:
    cands = []
    for rank, (sc, e) in enumerate(ranked[:8]):
        agents = [r for r in e.roles if r.name == "agent"] or [
            r for r in e.roles if r.name == "patient" and e.type in ("ACCIDENT", "DEATH", "INJURY")
        ]
        if not agents:
            continue
        r = agents[0]
        text, start, end = r.text, r.start, r.end
        if not text.split() or text.split()[0].lower() in _CLAUSE_OPENERS:
            continue  # empty, or a clause, not an actor
        words = text.split()
        if text.lower() in _PRONOUNS or len(words) > 8:
            keys = [a.entity for a in agents if a.entity]
            if not keys:
                continue
            names = list(dict.fromkeys(_entity_name(ctx, k) for k in keys))
            text = " and ".join(names)
            start = end = None
        elif len(agents) == 1 and r.entity and r.entity.label in ("PERSON", "ORG"):
            name = _entity_name(ctx, r.entity)
            if text.endswith(("'s", "’s")):
                text = text[:-2]
            if len(name) > len(text) and text in name:
                text = name  # "Trump" -> "Donald Trump"
            elif r.entity.label == "PERSON" and re.search(r"['’]s\s", text) and text.split()[-1] in name:
                text = name  # "Brazil's Massa" -> "Felipe Massa"
        cands.append((sc - 0.01 * rank, W5Answer(text, sc, start, end)))
    return _norm_scores(cands)


# --- what ----------------------------------------------------------------


def _what_phrase(ctx: DocContext, e: Event) -> W5Answer | None:
    cfg = lexicon().main["what"]
    t = _tok_at(ctx).get(e.trigger_start)
    if t is None:
        return None
    if t.pos == "NOUN" and e.lemma != t.lemma.lower():
        # a headline verb the tagger took for a noun: the verb and its object
        p = e.role("patient")
        end = p.end if p is not None else t.end
        return W5Answer(ctx.parsed.text[t.start : end], 0.0, t.start, end)
    if t.pos == "NOUN":
        return _noun_what(ctx, t.i, cfg)
    pieces = _verb_pieces(ctx, e, t.i, cfg) + _control_pieces(ctx, t.i)
    pieces.sort()
    kept: list[int] = []
    for a, b in pieces:
        for k in range(a, b):
            if not kept or k > kept[-1]:
                kept.append(k)
    kept = _same_paragraph(ctx, kept, t.i)[: cfg["max_tokens"]]
    toks = ctx.toks
    while kept and toks[kept[-1]].pos in ("PUNCT", "CCONJ", "ADP"):
        kept.pop()
    if not kept:
        return None
    text = _join(ctx, kept)
    return W5Answer(text, 0.0, toks[kept[0]].start, toks[kept[-1]].end)


def _noun_what(ctx: DocContext, i: int, cfg: dict) -> W5Answer | None:
    """An event noun's phrase without the clauses after it and without its actors."""
    toks = ctx.toks
    a, b = ctx.subtree(i)
    a = max(a, _clause_left(ctx, i))
    # "Explosion and gunfire outside German consulate": cut before clauses
    b2 = b
    for k in range(i + 1, b):
        if (
            toks[k].dep in ("relcl", "acl", "punct", "advcl", "mark") or ctx.lower[k] in ("as", "after", "because")
        ) and toks[k].head in range(a, b):
            b2 = k
            break
    for k in range(a, i):
        if toks[k].text == ":":
            a = k + 1  # "President Donald Trump: Lady Gaga ...": a headline's topic label
    a2 = a
    while a2 < i and (
        toks[a2].dep in ("det", "poss", "case", "cc")  # "Putin and Kim sign ...": both actors go
        or ctx.lower[a2] in _PRONOUNS
        or (a2 in ctx.mention_at and ctx.mention_at[a2].label in ("PERSON", "ORG"))
    ):
        a2 += 1  # the actor is the answer to "who", not part of "what"
    b2 = min(b2, a2 + cfg["max_tokens"])
    text, s, en = ctx.span_text(a2, b2)
    return W5Answer(text, 0.0, s, en) if text else None


def _verb_pieces(ctx: DocContext, e: Event, i: int, cfg: dict) -> list[tuple[int, int]]:
    """The trigger and the dependents to its right that say what happened (main_event.yaml: what)."""
    toks = ctx.toks
    keep_deps, keep_preps, stop = set(cfg["keep_deps"]), set(cfg["keep_preps"]), set(cfg["stop_deps"])
    after_obj = set(cfg["keep_preps_after_object"])
    purpose_type = e.type in cfg["purpose_types"]
    travel_purpose = purpose_type and e.role("purpose") is not None
    pieces = [(i, i + 1)]
    has_obj = False
    n_prep = 0
    for k in ctx.kids[i]:
        kt = toks[k]
        if k < i:
            if kt.dep == "neg":
                pieces.append((k, k + 1))
            continue
        if k == i or (kt.dep == "punct" and kt.text in _QUOTES):
            continue  # slams 'rigged' FBI
        if kt.dep in stop and not travel_purpose:
            break
        if travel_purpose and kt.dep != "advcl":
            continue  # "travels through X on Y to meet Z" is "travels to meet Z"
        if kt.dep in keep_deps:
            pieces.append(ctx.subtree(k))
            has_obj = has_obj or kt.dep in ("dobj", "attr", "dative")
        elif kt.dep == "advmod" and k == i + 1 and kt.pos in ("ADP", "ADV") and not ctx.lower[k].endswith("ly"):
            pieces.append(ctx.subtree(k))  # "fell down (a deep well)"
        elif kt.dep == "prep" and n_prep == 0 and ctx.lower[k] in (after_obj if has_obj else keep_preps):
            pieces.append(ctx.subtree(k))
            n_prep += 1
        elif kt.dep == "advcl" and purpose_type:
            pieces.append(ctx.subtree(k))
            break
        elif not (kt.dep in ("prep", "advmod", "npadvmod") and purpose_type):
            break  # (travel: skip place and means, keep looking)
    return pieces


def _control_pieces(ctx: DocContext, i: int) -> list[tuple[int, int]]:
    """A controlled verb keeps its governor: "set to check", "are trying to reach"."""
    toks = ctx.toks
    t = toks[i]
    if t.dep != "xcomp" or toks[t.head].lemma.lower() not in lexicon().control_verbs:
        return []
    h = t.head
    out = [(h, h + 1)]
    out += [(k, k + 1) for k in ctx.kids[h] if toks[k].dep == "aux" and k < h]
    out += [(k, k + 1) for k in ctx.kids[i] if toks[k].dep == "aux" and toks[k].tag == "TO"]
    return out


def _same_paragraph(ctx: DocContext, kept: list[int], i: int) -> list[int]:
    """Drop tokens across a line break from the trigger: spaCy may join title and body."""
    text = ctx.parsed.text
    toks = ctx.toks
    out = []
    for k in kept:
        a, b = (k, i) if k < i else (i, k)
        if "\n" in text[toks[a].start : toks[b].start]:
            continue
        out.append(k)
    return out


def _clause_left(ctx: DocContext, i: int) -> int:
    s = ctx.parsed.sentences[ctx.toks[i].sentence]
    return s.token_start


def _join(ctx: DocContext, idx: list[int]) -> str:
    toks = ctx.toks
    text = ctx.parsed.text
    out = []
    for n, k in enumerate(idx):
        if n and idx[n - 1] == k - 1:
            out.append(text[toks[k - 1].end : toks[k].start] + toks[k].text)
        else:
            out.append((" " if n else "") + toks[k].text)
    return "".join(out).strip()


def _what(ctx: DocContext, ranked) -> tuple[W5Answer, ...]:
    cands = []
    for sc, e in ranked[:6]:
        a = _what_phrase(ctx, e)
        if a is not None:
            cands.append((sc, a))
    return _norm_scores(cands)


# --- when ----------------------------------------------------------------


def _merge_adjacent(items: list[tuple], text: str, join) -> list[tuple]:
    """Spans (start, end, text, sentence, ...) in document order, each joined to the one
    before it when ``join(previous, span, gap_text)`` returns the joined span."""
    merged: list[tuple] = []
    for it in sorted(items):
        if merged:
            joined = join(merged[-1], it, text[merged[-1][1] : it[0]])
            if joined is not None:
                merged[-1] = joined
                continue
        merged.append(it)
    return merged


def _fmt_date(iso: str) -> str:
    try:
        y, m, d = (int(x) for x in iso.split("-"))
        return f"{calendar.month_name[m]} {d}, {y}"
    except (ValueError, IndexError):
        return iso


def _when(ctx: DocContext, best: Event | None, times, sentence_times) -> tuple[W5Answer, ...]:
    lex = lexicon()
    w = lex.main["when"]
    not_point = set(w["not_point"])
    published = ctx.parsed.article.published
    cands = []
    main_span = None
    if best is not None:
        r = best.role("time")
        if r is not None:
            main_span = (r.start, r.end)
    items = [  # (start, end, text, sentence, value, type)
        (tv.start, tv.end, tv.text, tv.sentence, tv.value, tv.type)
        for tv in times
        if tv.type in ("DATE", "TIME") and tv.value and tv.value[0].isdigit()
    ]
    full = ctx.parsed.text

    def join_time(p, it, gap):  # "6.10am on Wednesday": a time of day and its day are one answer
        if p[3] == it[3] and gap.strip().lower() in ("", "on", ",", "of", "at") and len(gap) <= 4:
            val = p[4] if p[5] == "DATE" and p[4] else it[4]
            return (p[0], it[1], full[p[0] : it[1]], p[3], val, "DATE" if "DATE" in (p[5], it[5]) else p[5])
        return None

    merged = _merge_adjacent(items, full, join_time)
    for s, e, text, sent, val, typ in merged:
        nl = text.find("\n")
        if nl > 0:  # "November 8, 2016\nDozens": a mention run across a line break
            text, e = text[:nl].rstrip(), s + len(text[:nl].rstrip())
        low = text.lower()
        words = set(re.findall(r"[a-z]+", low))
        if words & not_point or _DURATION.match(low) or "-old" in low:
            continue
        sc = _position_weight(ctx, sent, w, s)
        if best is not None and sent == best.sentence:
            sc += w["main_sentence"]
        if main_span and s < main_span[1] and main_span[0] < e:
            sc += w["main_role"]
        if (
            typ == "TIME"
            or (val and len(val) >= 10)
            or re.search(r"day|night|morning|evening|noon|am\b|pm\b|a\.m\.|p\.m\.", low)
        ):
            sc += w["day"]
        elif val and len(val) == 4:
            sc += w["year_only"]
        cands.append((sc, W5Answer(text, sc, s, e, value=val)))
    if published is not None:
        iso = published.isoformat()
        cands.append((0.05, W5Answer(_fmt_date(iso), 0.05, None, None, value=iso)))
    return _norm_scores(cands)


# --- where ---------------------------------------------------------------


def _where(ctx: DocContext, best: Event | None, places) -> tuple[W5Answer, ...]:
    lex = lexicon()
    w = lex.main["where"]
    place_at = {}
    for p in places:
        place_at[(p.start, p.end)] = p
    # how often the name occurs, whatever label the model gave each mention
    freq = Counter(
        m.text.lower() for m in ctx.parsed.mentions if m.label in PLACE_LABELS or m.label in ("ORG", "PRODUCT")
    )
    maxf = max(freq.values()) if freq else 1
    main_spans = []
    if best is not None:
        main_spans = [(r.start, r.end, r) for r in best.roles if r.name == "place"]
    items = [
        (m.start, m.end, m.text, m.sentence, m.label, m.entity) for m in ctx.parsed.mentions if m.label in PLACE_LABELS
    ]
    have = [(s, e) for s, e, *_ in items] + [(m.start, m.end) for m in ctx.parsed.mentions if m.label == "NORP"]
    for p in places:
        # a resolved place the model did not tag as a place ("Croydon" read as ORG)
        if not any(p.start < e and s < p.end for s, e in have):
            text = p.text.strip()
            items.append((p.start, p.start + len(text), text, p.sentence, "GPE", EntityKey("GPE", p.name)))
    full = ctx.parsed.text

    def join_places(q, it, gap):  # "Croydon, south London": adjacent places are one answer
        if q[3] == it[3] and gap in (", ", ","):
            return (q[0], it[1], full[q[0] : it[1]], q[3], q[4], q[5])
        return None

    merged = _merge_adjacent(items, full, join_places)
    cands = []
    lead_end = ctx.lead_end
    not_places = set(w["not_places"])
    for s, e, text, sent, label, _ent in merged:
        if text.lower() in not_places:
            continue
        while e < len(full) and full[e] == "-" and e + 1 < len(full) and full[e + 1].isalpha():
            # "Mazar-i-Sharif": the tokenizer splits hyphenated names
            e2 = e + 1
            while e2 < len(full) and (full[e2].isalpha() or full[e2] == "-"):
                e2 += 1
            e = e2
            text = full[s:e]
        sc = _position_weight(ctx, sent, w, s)
        if ", " in text:
            sc += w["specific"]
        sc += w["labels"].get(label, 0.0)
        sc += w["frequency"] * freq.get(text.lower(), 0) / maxf
        if best is not None and sent == best.sentence:
            sc += w["main_sentence"]
        if any(s < me and ms < e for ms, me, _ in main_spans):
            sc += w["main_role"]
        if s == lead_end and re.match(r"[A-Z][A-Z .,]+(?:—|--|-|\(|:)", ctx.parsed.text[s : s + 40]):
            sc += w["dateline"]
        p = next((place_at[k] for k in place_at if k[0] < e and s < k[1]), None)
        if p is not None:
            sc += w["features"].get(p.feature, 0.0)
        cands.append((sc, W5Answer(text, sc, s, e, lat=p.lat if p else None, lon=p.lon if p else None)))
    # a main-event place phrase that is no named place ("the cosmodrome")
    for ms, me, r in main_spans:
        if not any(s < me and ms < e for s, e, *_ in merged):
            cands.append((w["main_role"] + 0.3, W5Answer(r.text, 0.0, ms, me, lat=r.lat, lon=r.lon)))
    return _norm_scores(cands)


# --- why and how -------------------------------------------------------------


def _why(ctx: DocContext, best: Event, ranked) -> tuple[W5Answer, ...]:
    w = lexicon().main["why"]
    cands = []
    what = _what_phrase(ctx, best)
    linked = {best.type}
    for r in best.roles:
        if r.name == "purpose":
            for _, e in ranked:
                if r.start <= e.trigger_start < r.end:
                    linked.add(e.type)  # "travels to meet": meetings are linked
    for _esc, e in ranked:
        pos = _position_weight(ctx, e.sentence, w["position"], e.trigger_start)
        lead = pos >= w["position"]["lead"]
        for r in e.roles:
            if r.name not in ("reason", "purpose", "weak_reason"):
                continue
            if r.name == "weak_reason" and not lead:
                continue  # "X after Y" is a cause only where news states the main event
            if (
                e is best
                and what is not None
                and what.start is not None
                and what.start <= r.start
                and r.end <= what.end
            ):
                continue  # already part of "what": "travels to meet Putin"
            sc = pos + w["kind"][r.name] + (w["main_role"] if e is best else 0.0)
            if r.name == "weak_reason" and r.text.lower().startswith("as "):
                sc += w["weak_as"]  # "as" is more often "while" than "because"
            if e is not best and e.type in linked:
                sc += w["linked"]
            cands.append((sc, W5Answer(_strip_cue(r.text), sc, r.start, r.end)))
    return _norm_scores(cands)


_LEAD_CUES = re.compile(r"^(?:after|following|amid|over|as)\s+", re.I)


def _strip_cue(text: str) -> str:
    return _LEAD_CUES.sub("", text)


def _how(ctx: DocContext, best: Event, top, ranked=()) -> tuple[W5Answer, ...]:
    w = lexicon().main["how"]
    cands = []
    # the mechanism behind a consequence: "Seven killed as tram derails", "rammed"
    mech = set(w["mechanism_types"])
    excl = set(w["mechanism_exclude"])
    tok_at = _tok_at(ctx)
    for _, e in ranked:
        if e is best or e.type not in mech or e.lemma in excl or e.status in ("planned", "possible", "negated"):
            continue
        t = tok_at.get(e.trigger_start)
        if t is None or t.pos != "VERB":
            continue
        pos = _position_weight(ctx, e.sentence, w["position"], e.trigger_start)
        if pos < w["position"]["lead"]:
            continue
        idx = [t.i] + [k for k in ctx.kids[t.i] if ctx.toks[k].dep in ("prt",)]
        for k in ctx.kids[t.i]:  # "flipped and derailed"
            if ctx.toks[k].dep == "conj" and ctx.toks[k].pos == "VERB":
                idx += [c for c in ctx.kids[t.i] if ctx.toks[c].dep == "cc" and t.i < c < k] + [k]
                break
        if ctx.in_title(e.sentence, e.trigger_start):
            # in a headline the subject is part of the phrase: "tram derails"
            idx += [k for k in ctx.kids[t.i] if ctx.toks[k].dep in ("nsubj", "nsubjpass") and k == t.i - 1]
        sc = pos + w["mechanism"]
        cands.append((sc, W5Answer(_join(ctx, sorted(set(idx))), sc, t.start, t.end)))
    for rank, e in enumerate(top):
        base = w["main_role"] if e is best else w["lead_role"]
        for r in e.roles:
            if r.name == "instrument" or (r.name == "manner" and " " in r.text):
                sc = base - w["decay"] * rank * 0.1
                cands.append((sc, W5Answer(r.text, sc, r.start, r.end)))
    # Annotators mark the action itself when no means is stated ("blames",
    # "identify"), with its manner adverb ("narrowly avoids").
    t = tok_at.get(best.trigger_start)
    if t is not None:
        idx = [t.i] + [
            k
            for k in ctx.kids[t.i]
            if ctx.toks[k].dep == "prt"
            or (ctx.toks[k].dep == "advmod" and k == t.i - 1 and ctx.lower[k].endswith("ly"))
        ]
        cands.append((w["verb_fallback"], W5Answer(_join(ctx, sorted(idx)), w["verb_fallback"], t.start, t.end)))
    return _norm_scores(cands)
