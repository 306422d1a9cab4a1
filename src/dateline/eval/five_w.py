"""Scoring 5W1H answers against Giveme5W1H's gold annotations.

For every question and article with at least one annotated phrase that has
text, the system's top answer scores the best token-overlap F1 against any
annotated phrase (SQuAD normalization: lower case, no punctuation, no
articles a/an/the, single spaces); a hit is F1 >= 0.5. A missing answer scores
0. Peer systems are scored twice: over all annotated items and over only the
items they answered.
"""

from __future__ import annotations

import ast
import json
import re
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

QUESTIONS = ("who", "what", "when", "where", "why", "how")
HIT = 0.5
_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = set(string.punctuation) | set("‘’“”–—…«»")
_UESC = re.compile(r"\\u([0-9a-fA-F]{4})")


def normalize_answer(s: str) -> str:
    s = s.lower()
    s = "".join(ch for ch in s if ch not in _PUNCT)
    s = _ARTICLES.sub(" ", s)
    return " ".join(s.split())


def token_f1(pred: str, gold: str) -> float:
    p = normalize_answer(pred).split()
    g = normalize_answer(gold).split()
    if not p or not g:
        return float(p == g)
    common = Counter(p) & Counter(g)
    same = sum(common.values())
    if same == 0:
        return 0.0
    prec, rec = same / len(p), same / len(g)
    return 2 * prec * rec / (prec + rec)


def _clean(text: str) -> str:
    """Gold phrases sometimes keep escapes from the annotation tool: \\u201c, \\"."""
    text = _UESC.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text.replace('\\"', '"').replace("\\'", "'").strip()


def five_w_one_h(record: dict) -> dict:
    """The ``fiveWoneH`` field as a dict (it is a dict or a Python-repr string)."""
    fw = record.get("fiveWoneH") or {}
    if isinstance(fw, str):
        try:
            fw = ast.literal_eval(fw)
        except (ValueError, SyntaxError):
            fw = json.loads(fw)
    return fw if isinstance(fw, dict) else {}


def gold_phrases(record: dict) -> dict[str, list[str]]:
    fw = five_w_one_h(record)
    out = {}
    for q in QUESTIONS:
        ann = (fw.get(q) or {}).get("annotated") or []
        texts = [_clean(a["text"]) for a in ann if isinstance(a, dict) and a.get("text")]
        texts = [t for t in texts if t]
        if texts:
            out[q] = texts
    return out


def extracted_top(record: dict) -> dict[str, str]:
    """A system's top answer per question from a Giveme5W1H-layout record."""
    fw = five_w_one_h(record)
    out = {}
    for q in QUESTIONS:
        ex = (fw.get(q) or {}).get("extracted") or []
        if ex and isinstance(ex[0], dict) and (ex[0].get("text") or "").strip():
            out[q] = ex[0]["text"]
    return out


def record_id(record: dict, path: Path) -> str:
    return str(record.get("dId") or path.stem)


def load_dir(path: str | Path) -> dict[str, dict]:
    out = {}
    for p in sorted(Path(path).glob("*.json")):
        with open(p, encoding="utf-8") as fh:
            rec = json.load(fh)
        out[record_id(rec, p)] = rec
    return out


@dataclass
class QuestionScore:
    n: int = 0
    f1_sum: float = 0.0
    hits: int = 0

    def add(self, f1: float) -> None:
        self.n += 1
        self.f1_sum += f1
        self.hits += f1 >= HIT

    @property
    def f1(self) -> float:
        return self.f1_sum / self.n if self.n else 0.0

    @property
    def hit_rate(self) -> float:
        return self.hits / self.n if self.n else 0.0


@dataclass
class SystemScore:
    name: str
    per_q: dict[str, QuestionScore] = field(default_factory=lambda: {q: QuestionScore() for q in QUESTIONS})
    items: list = field(default_factory=list)  # (record id, question, prediction, best gold, f1)

    @property
    def overall(self) -> QuestionScore:
        tot = QuestionScore()
        for s in self.per_q.values():
            tot.n += s.n
            tot.f1_sum += s.f1_sum
            tot.hits += s.hits
        return tot

    def as_dict(self) -> dict:
        d = {q: {"n": s.n, "f1": round(s.f1, 4), "hit_rate": round(s.hit_rate, 4)} for q, s in self.per_q.items()}
        o = self.overall
        d["overall"] = {"n": o.n, "f1": round(o.f1, 4), "hit_rate": round(o.hit_rate, 4)}
        return {"system": self.name, "scores": d}


def score(
    gold: dict[str, dict[str, list[str]]], preds: dict[str, dict[str, str]], name: str, answered_only: bool = False
) -> SystemScore:
    """Score top answers; ``answered_only`` drops the items the system left empty."""
    res = SystemScore(name)
    for rid, qs in gold.items():
        p = preds.get(rid, {})
        for q, phrases in qs.items():
            pred = p.get(q)
            if not pred:
                if answered_only:
                    continue
                res.per_q[q].add(0.0)
                res.items.append((rid, q, None, phrases[0], 0.0))
                continue
            f1, best = max((token_f1(pred, g), g) for g in phrases)
            res.per_q[q].add(f1)
            res.items.append((rid, q, pred, best, f1))
    return res


def article_from_record(record: dict, path: str):
    from ..ingest.normalize import make_article, parse_date

    try:
        published = parse_date(record.get("date_publish"))
    except Exception:  # a malformed date must not stop the scorer
        published = None
    return make_article(
        record.get("text") or "",
        source=path,
        title=record.get("title"),
        description=record.get("description"),
        published=published,
        record_id=str(record.get("dId") or Path(path).stem),
        fmt="newsplease",
    )


def predict_dir(
    gold_dir: str | Path, on_progress: Callable[[int, int], None] | None = None
) -> dict[str, dict[str, str]]:
    """Run the full pipeline over the gold articles; top answer per question
    (``on_progress(done, total)`` after each article)."""
    from ..pipeline import analyse_many

    recs = load_dir(gold_dir)
    arts = [article_from_record(r, str(Path(gold_dir) / f"{rid}.json")) for rid, r in recs.items()]
    out: dict[str, dict[str, str]] = {}
    tick = on_progress or (lambda done, total: None)
    for k, a in enumerate(analyse_many(arts), 1):
        tick(k, len(arts))
        me = a.main_event
        ans: dict[str, str] = {}
        if me is not None:
            for q in QUESTIONS:
                c = getattr(me, q)
                if c:
                    ans[q] = c[0].text
        out[a.article.record_id or a.article.doc_id] = ans
    return out


def format_table(systems: list[SystemScore]) -> str:
    head = f"{'question':<9}" + "".join(f" | {s.name[:26]:>26}" for s in systems)
    sub = f"{'':<9}" + "".join(f" | {'n':>4} {'F1':>6} {'hit':>6}       " for _ in systems)
    lines = [head, sub, "-" * len(head)]
    for q in QUESTIONS + ("overall",):
        row = f"{q:<9}"
        for s in systems:
            qs = s.overall if q == "overall" else s.per_q[q]
            row += f" | {qs.n:>4} {qs.f1:>6.3f} {qs.hit_rate:>6.3f}       "
        lines.append(row)
    return "\n".join(lines)
