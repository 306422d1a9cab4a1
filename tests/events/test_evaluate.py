"""The 5W1H scorer on a tiny gold/prediction pair written here, and the export read back."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.eval.five_w import extracted_top, gold_phrases, load_dir, normalize_answer, score, token_f1
from dateline.export.giveme5w1h import giveme5w1h_record, main_event_json, write_giveme5w1h


def test_squad_normalization_and_f1():
    assert normalize_answer("At the White House!") == "at white house"
    assert token_f1("the White House", "at the White House") == pytest.approx(0.8)
    assert token_f1("Thursday", "late Thursday") == pytest.approx(2 / 3)
    assert token_f1("Paris", "London") == 0.0


def _gold(rid, fw_as_repr: bool):
    fw = {
        "who": {"annotated": [{"text": "Hillary Clinton", "coderPhraseCount": 2}]},
        "what": {"annotated": [{"text": "blames defeat on FBI director"}]},
        "when": {"annotated": [{"text": "Saturday"}]},
        "where": {"annotated": [{"coderPhraseCount": 2}]},  # coders agreed: no answer
        "why": {"annotated": [{"text": "going \\u201ctoo fast\\u201d"}]},
        "how": {"annotated": []},
    }
    return {
        "dId": rid,
        "title": "Clinton blames defeat on FBI director",
        "description": "",
        "text": "Hillary Clinton on Saturday blamed her defeat on the FBI director.",
        "date_publish": "2016-11-13 00:00:00",
        "fiveWoneH": repr(fw) if fw_as_repr else fw,
    }


def _pred(rid, answers):
    return {"dId": rid, "fiveWoneH": {q: {"extracted": [{"text": t, "score": 1.0}]} for q, t in answers.items()}}


@pytest.fixture()
def dirs(tmp_path):
    gold, pred, peer = tmp_path / "gold", tmp_path / "pred", tmp_path / "peer"
    for d in (gold, pred, peer):
        d.mkdir()
    (gold / "a1.json").write_text(json.dumps(_gold("a1", True)))
    (gold / "b2.json").write_text(json.dumps(_gold("b2", False)))
    (pred / "a1.json").write_text(
        json.dumps(
            _pred("a1", {"who": "Hillary Clinton", "what": "blames defeat", "when": "Sunday", "why": "too fast"})
        )
    )
    (pred / "b2.json").write_text(
        json.dumps(_pred("b2", {"who": "Donald Trump", "what": "blames defeat on FBI director", "when": "Saturday"}))
    )
    (peer / "a1.json").write_text(json.dumps(_pred("a1", {"who": "Clinton"})))
    return gold, pred, peer


def test_gold_reading(dirs):
    gold, _, _ = dirs
    recs = load_dir(gold)
    g = gold_phrases(recs["a1"])
    assert set(g) == {"who", "what", "when", "why"}  # no text for where, nothing for how
    assert g["why"] == ["going “too fast”"]
    assert gold_phrases(recs["b2"]) == g  # a dict and a Python-repr string read the same


def test_scores(dirs):
    gold_dir, pred_dir, peer_dir = dirs
    gold = {rid: gold_phrases(r) for rid, r in load_dir(gold_dir).items()}
    ours = score(gold, {rid: extracted_top(r) for rid, r in load_dir(pred_dir).items()}, "ours")
    assert ours.per_q["who"].n == 2 and ours.per_q["who"].f1 == pytest.approx(0.5)
    assert ours.per_q["who"].hit_rate == pytest.approx(0.5)
    # "blames defeat" vs "blames defeat on FBI director": P=1, R=2/5 -> 4/7; exact match -> 1
    assert ours.per_q["what"].f1 == pytest.approx((4 / 7 + 1) / 2)
    assert ours.per_q["when"].hits == 1
    assert ours.per_q["why"].n == 2 and ours.per_q["why"].f1 == pytest.approx((0.8 + 0) / 2)
    assert ours.per_q["where"].n == 0
    assert ours.overall.n == 8
    peer = {rid: extracted_top(r) for rid, r in load_dir(peer_dir).items()}
    all_items = score(gold, peer, "peer")
    answered = score(gold, peer, "peer", answered_only=True)
    assert all_items.overall.n == 8 and answered.overall.n == 1
    assert answered.per_q["who"].f1 == pytest.approx(2 / 3)
    assert all_items.per_q["who"].f1 == pytest.approx(1 / 3)


def test_cli_scores_pred_and_peer(dirs):
    gold, pred, peer = dirs
    res = CliRunner().invoke(
        cli, ["eval", "5w1h", "--gold", str(gold), "--pred", str(pred), "--peer", str(peer), "--json"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    names = [s["system"] for s in out["systems"]]
    assert names == ["dateline (pred)", "peer (all items)", "peer (answered items)"]
    assert out["systems"][0]["scores"]["overall"]["n"] == 8
    assert out["systems"][2]["scores"]["overall"]["n"] == 1


def test_export_layout_reads_back(seed_analysis, tmp_path):
    n = write_giveme5w1h([seed_analysis], tmp_path)
    assert n == 1
    (f,) = list(tmp_path.glob("*.json"))
    assert f.stem == "000_fde20e5758e8fe00"  # the input file's stem lines up with gold names
    rec = json.loads(f.read_text())
    assert rec["doc_id"] == seed_analysis.article.doc_id
    ex = rec["fiveWoneH"]["who"]["extracted"]
    assert "Kim Jong Un" in ex[0]["text"]
    scores = [x["score"] for x in ex]
    assert scores == sorted(scores, reverse=True)
    assert rec["fiveWoneH"]["when"]["extracted"][0]["value"] == "2023-09-12"
    top = extracted_top(rec)
    assert set(top) == {"who", "what", "when", "where", "why", "how"}
    me = main_event_json(seed_analysis.article.doc_id, seed_analysis.main_event)
    assert me["when"]["value"] == "2023-09-12" and me["who"]["text"] == top["who"]
    assert giveme5w1h_record(seed_analysis)["fiveWoneH"]["how"]["extracted"][0]["text"] == top["how"]
