"""The two evaluations end to end on a few documents of the shared development corpora."""

from __future__ import annotations

from dateline.eval import coref_run, timeline_run
from dateline.eval.cat import read_cat_dir
from dateline.eval.timeline import read_timelines

from ..conftest import shared_path

TIMELINE = "eval/timeline"
MEANTIME = "eval/meantime/intra_cross-doc_annotation/corpus_apple"


def test_cat_sentences_and_words_are_what_the_gold_timelines_name():
    docs = {d.doc_id: d for d in read_cat_dir(shared_path(f"{TIMELINE}/Corpus-trial-data_task4"))}
    mentions = [
        m
        for tl in read_timelines(shared_path(f"{TIMELINE}/TimeLines_trial_data_task4_v1.2"))
        for ln in tl.lines
        for m in ln.mentions
    ]
    found = [m for m in mentions if timeline_run.gold_spans(docs, m) is not None]
    # all but the gold's own slips: a document id the corpus lacks ("9590")
    assert len(mentions) == 197 and len(found) == 196
    spans = timeline_run.gold_spans(docs, "4596-2-filed")
    assert spans and docs["4596"].text[spans[0][0] : spans[0][1]] == "filed"
    spans = timeline_run.gold_spans(docs, "7343-7-taking_out")  # a split multi-word event
    assert spans and [docs["7343"].text[a:b] for a, b in spans] == ["taking", "out"]


def test_timeline_evaluation_on_three_documents(tmp_path):
    out = timeline_run.run(
        str(shared_path(f"{TIMELINE}/TimeLines_trial_data_task4_v1.2")),
        str(shared_path(f"{TIMELINE}/Corpus-trial-data_task4")),
        keep=str(tmp_path / "t.db"),
        limit=3,
    )
    assert out["documents"] == 3 and len(out["timelines"]) == 6
    d = out["diagnosis"]
    assert d["gold_mentions"] == 197
    assert sum(d["dated"].values()) + sum(d["lost"].values()) == d["dated_gold_mentions"]
    # the documents left out by --limit are not in the corpus
    assert d["lost"]["not in the corpus"] > 0
    assert all(0 <= t["f1"] <= 100 for t in out["timelines"])


def test_coref_evaluation_on_three_documents(tmp_path):
    out = coref_run.run(str(shared_path(MEANTIME)), keep=str(tmp_path / "c.db"), limit=3)
    assert out["documents"] == 3 and out["gold_mentions"] > 50 and out["system_mentions"] > 10
    exact, head = out["modes"]["exact"], out["modes"]["head"]
    assert 0 < exact["mentions"]["matched"] <= head["mentions"]["matched"]
    assert {"ORG", "PRO"} <= set(head["by_class"])
    assert head["overall"]["key_mentions"] == out["gold_mentions"]
