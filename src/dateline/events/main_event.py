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

from ..types import Event, MainEvent, ParsedDoc, Place, SentenceTime, TimeValue, W5Answer
from . import timeguess
from ._data import lexicon
from .context import PLACE_LABELS, DocContext
from .frames import cached_context

_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "who", "which", "that", "this", "these", "those", "we", "i", "you"})
_DURATION = re.compile(r"^\d+[- ]?(?:year|month|week|day|hour|minute)s?\b", re.I)
_MAX_CANDIDATES = 5


def _position_weight(ctx: DocContext, sentence: int, w: dict) -> float:
    if ctx.in_title(sentence):
        return w["title"]
    s = ctx.parsed.sentences[sentence]
    lead_end = ctx.lead_end
    body_sents = [x for x in ctx.parsed.sentences if x.start >= lead_end]
    if s.start < lead_end or (body_sents and s.index == body_sents[0].index):
        return w["lead"]
    rank = s.index - (body_sents[0].index if body_sents else 0)
    return w["lead"] / (1.0 + w["decay"] * rank)


def _event_scores(ctx: DocContext, events: tuple[Event, ...]) -> list[tuple[float, Event]]:
    lex = lexicon()
    w = lex.main["event"]
    freq = Counter(m.entity for m in ctx.parsed.mentions if m.label in ("PERSON", "ORG", "NORP", "GPE"))
    for k, v in ctx.coref.items():
        for key in v:
            freq[key] += 1
    maxf = max(freq.values()) if freq else 1
    tok_at = {t.start: t for t in ctx.toks}
    out = []
    title_has_verb = any(e.sentence in _title_sents(ctx) and tok_at[e.trigger_start].pos == "VERB" for e in events)
    for e in events:
        t = tok_at.get(e.trigger_start)
        if t is None:
            continue
        sc = _position_weight(ctx, e.sentence, w["position"])
        if e.type != "OTHER":
            sc += w["typed"]
        if e.type == "STATEMENT":
            sc += w["statement"]
        if t.dep == "ROOT" or (t.pos == "NOUN" and ctx.toks[t.head].dep == "ROOT" and ctx.toks[t.head].lemma == "be"):
            sc += w["root"]
        elif t.dep in ("advcl", "relcl", "acl", "ccomp", "pcomp", "pobj"):
            sc += w["subordinate"]
        if t.pos == "NOUN" and not (e.sentence in _title_sents(ctx) and not title_has_verb):
            sc += w["noun_trigger"]
        agents = [r for r in e.roles if r.name == "agent"]
        if agents:
            sc += w["any_agent"]
            ents = [r.entity for r in agents if r.entity and r.entity.split(":", 1)[0] in ("PERSON", "ORG", "NORP", "GPE")]
            if ents:
                sc += w["named_agent"] + w["agent_frequency"] * max(freq.get(k, 0) for k in ents) / maxf
        if any(r.name == "patient" for r in e.roles):
            sc += w["patient"]
        sc += w["status"].get(e.status, 0.0)
        out.append((sc, e))
    out.sort(key=lambda x: -x[0])
    return out


def _title_sents(ctx: DocContext) -> set[int]:
    return {s.index for s in ctx.parsed.sentences if ctx.in_title(s.index)}


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
    ctx = cached_context(parsed)
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
        how=_how(ctx, best, top),
    )


# --- who -----------------------------------------------------------------


def _entity_name(ctx: DocContext, key: str) -> str:
    for ent in ctx.parsed.entities:
        if ent.key == key:
            return ent.name
    return key.split(":", 1)[-1]


def _who(ctx: DocContext, ranked) -> tuple[W5Answer, ...]:
    cands = []
    for rank, (sc, e) in enumerate(ranked[:8]):
        agents = [r for r in e.roles if r.name == "agent"] or [r for r in e.roles if r.name == "patient" and e.type in ("ACCIDENT", "DEATH", "INJURY")]
        if not agents:
            continue
        r = agents[0]
        text, start, end = r.text, r.start, r.end
        words = text.split()
        if text.lower() in _PRONOUNS or len(words) > 8:
            keys = [a.entity for a in agents if a.entity]
            if not keys:
                continue
            names = list(dict.fromkeys(_entity_name(ctx, k) for k in keys))
            text = " and ".join(names)
            start = end = None
        cands.append((sc - 0.01 * rank, W5Answer(text, sc, start, end)))
    return _norm_scores(cands)


# --- what ----------------------------------------------------------------


def _what_phrase(ctx: DocContext, e: Event) -> W5Answer | None:
    lex = lexicon()
    cfg = lex.main["what"]
    keep_deps = set(cfg["keep_deps"])
    keep_preps = set(cfg["keep_preps"])
    stop = set(cfg["stop_deps"])
    tok_at = {t.start: t for t in ctx.toks}
    t = tok_at.get(e.trigger_start)
    if t is None:
        return None
    i = t.i
    toks = ctx.toks
    if t.pos == "NOUN":
        a, b = ctx.subtree(i)
        a = max(a, _clause_left(ctx, i))
        # "Explosion and gunfire outside German consulate": cut before clauses
        b2 = b
        for k in range(i + 1, b):
            if toks[k].dep in ("relcl", "acl", "punct") and toks[k].head in range(a, b):
                b2 = k
                break
        a2 = a
        while a2 < i and toks[a2].dep in ("det", "poss", "case") or (a2 < i and ctx.lower[a2] in _PRONOUNS):
            a2 += 1
        b2 = min(b2, a2 + cfg["max_tokens"])
        text, s, en = ctx.span_text(a2, b2)
        return W5Answer(text, 0.0, s, en) if text else None
    pieces = [(i, i + 1)]
    # auxiliaries that carry meaning ("set to", "are trying to") and particles
    for k in ctx.kids[i]:
        kt = toks[k]
        if k > i:
            if kt.dep in stop:
                break
            if kt.dep in keep_deps or (kt.dep == "prep" and ctx.lower[k] in keep_preps):
                pieces.append(ctx.subtree(k))
                continue
            if kt.dep == "advcl" and e.type in cfg["purpose_types"]:
                pieces.append(ctx.subtree(k))
            break
        elif kt.dep == "neg":
            pieces.append((k, k + 1))
    # a controlled verb keeps its governor: "set to check", "are trying to reach"
    if t.dep == "xcomp" and toks[t.head].lemma.lower() in lex.control_verbs:
        h = t.head
        pieces.append((h, h + 1))
        for k in ctx.kids[h]:
            if toks[k].dep in ("aux",) and k < h:
                pieces.append((k, k + 1))
        for k in ctx.kids[i]:
            if toks[k].dep == "aux" and toks[k].tag == "TO":
                pieces.append((k, k + 1))
    pieces.sort()
    kept: list[int] = []
    for a, b in pieces:
        for k in range(a, b):
            if not kept or k > kept[-1]:
                kept.append(k)
    kept = kept[: cfg["max_tokens"]]
    while kept and toks[kept[-1]].pos in ("PUNCT", "CCONJ", "ADP"):
        kept.pop()
    if not kept:
        return None
    text = _join(ctx, kept)
    return W5Answer(text, 0.0, toks[kept[0]].start, toks[kept[-1]].end)


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
    items = []  # (start, end, text, sentence, value)
    if times:
        for tv in times:
            if tv.type in ("DATE", "TIME"):
                items.append((tv.start, tv.end, tv.text, tv.sentence, tv.value, tv.type))
    else:
        seen = set()
        for m in ctx.parsed.mentions:
            if m.label in ("DATE", "TIME") and (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                g = timeguess.guess(m.text, published) if m.label == "DATE" else None
                items.append((m.start, m.end, m.text, m.sentence, g[0] if g else None, m.label))
    items.sort()
    # "6.10am on Wednesday": a time of day and its day are one answer
    merged = []
    for it in items:
        if merged:
            p = merged[-1]
            gap = ctx.parsed.text[p[1] : it[0]]
            if p[3] == it[3] and gap.strip().lower() in ("", "on", ",", "of", "at") and len(gap) <= 4:
                val = p[4] if p[5] == "DATE" and p[4] else it[4]
                merged[-1] = (p[0], it[1], ctx.parsed.text[p[0] : it[1]], p[3], val, "DATE" if "DATE" in (p[5], it[5]) else p[5])
                continue
        merged.append(it)
    for s, e, text, sent, val, typ in merged:
        low = text.lower()
        words = set(re.findall(r"[a-z\-]+", low))
        if words & not_point or _DURATION.match(low):
            continue
        sc = _position_weight(ctx, sent, w)
        if best is not None and sent == best.sentence:
            sc += w["main_sentence"]
        if main_span and s < main_span[1] and main_span[0] < e:
            sc += w["main_role"]
        if typ == "TIME" or (val and len(val) >= 10) or re.search(r"day|night|morning|evening|noon|am\b|pm\b|a\.m\.|p\.m\.", low):
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
    freq = Counter(m.entity for m in ctx.parsed.mentions if m.label in PLACE_LABELS)
    maxf = max(freq.values()) if freq else 1
    main_spans = []
    if best is not None:
        main_spans = [(r.start, r.end, r) for r in best.roles if r.name == "place"]
    items = [(m.start, m.end, m.text, m.sentence, m.label, m.entity) for m in ctx.parsed.mentions if m.label in PLACE_LABELS]
    have = {(s, e) for s, e, *_ in items}
    for p in places:
        if (p.start, p.end) not in have:
            items.append((p.start, p.end, p.text, p.sentence, "GPE", f"GPE:{p.name}"))
    items.sort()
    # "Croydon, south London": adjacent places separated by a comma are one answer
    merged = []
    for it in items:
        if merged:
            q = merged[-1]
            gap = ctx.parsed.text[q[1] : it[0]]
            if q[3] == it[3] and gap in (", ", ","):
                merged[-1] = (q[0], it[1], ctx.parsed.text[q[0] : it[1]], q[3], q[4], q[5])
                continue
        merged.append(it)
    cands = []
    lead_end = ctx.lead_end
    for s, e, text, sent, label, ent in merged:
        sc = _position_weight(ctx, sent, w)
        sc += w["labels"].get(label, 0.0)
        sc += w["frequency"] * freq.get(ent, 0) / maxf
        if best is not None and sent == best.sentence:
            sc += w["main_sentence"]
        if any(s < me and ms < e for ms, me, _ in main_spans):
            sc += w["main_role"]
        if s == lead_end and re.match(r"[A-Z][A-Z .,]+(?:—|--|-|\(|:)", ctx.parsed.text[s : s + 40]):
            sc += w["dateline"]
        p = next((place_at[k] for k in place_at if k[0] < e and s < k[1]), None)
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
    for rank, (esc, e) in enumerate(ranked[:10]):
        base = w["main_role"] if e is best else w["lead_role"] * esc / (ranked[0][0] or 1.0)
        for r in e.roles:
            if r.name not in ("reason", "purpose", "weak_reason"):
                continue
            sc = base - w["decay"] * rank * 0.1
            if r.name == "weak_reason":
                sc += w["weak"]
            elif r.name == "purpose":
                sc += w["purpose"]
            cands.append((sc, W5Answer(_strip_cue(r.text), sc, r.start, r.end)))
    # reasons anywhere in the article, lower
    seen = {(a.start, a.end) for _, a in cands}
    for e in ranked[10:]:
        e = e[1]
        for r in e.roles:
            if r.name in ("reason", "purpose") and (r.start, r.end) not in seen:
                sc = 0.2 / (1 + w["decay"] * e.sentence)
                cands.append((sc, W5Answer(_strip_cue(r.text), sc, r.start, r.end)))
    return _norm_scores(cands)


_LEAD_CUES = re.compile(r"^(?:after|following|amid|over)\s+", re.I)


def _strip_cue(text: str) -> str:
    return _LEAD_CUES.sub("", text)


def _how(ctx: DocContext, best: Event, top) -> tuple[W5Answer, ...]:
    w = lexicon().main["how"]
    cands = []
    for rank, e in enumerate(top):
        base = w["main_role"] if e is best else w["lead_role"]
        for r in e.roles:
            if r.name in ("instrument", "manner"):
                sc = base - w["decay"] * rank * 0.1
                cands.append((sc, W5Answer(r.text, sc, r.start, r.end)))
    # Annotators mark the action itself when no means is stated ("rammed", "overturns").
    tok_at = {t.start: t for t in ctx.toks}
    t = tok_at.get(best.trigger_start)
    if t is not None:
        idx = [t.i] + [k for k in ctx.kids[t.i] if ctx.toks[k].dep == "prt"]
        cands.append((w["verb_fallback"], W5Answer(_join(ctx, sorted(idx)), w["verb_fallback"], t.start, t.end)))
    return _norm_scores(cands)
