"""The answering commands through the real CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dateline.cli.main import cli


def _db(store) -> str:
    return store.url[len("sqlite:///") :]


def test_ask_json(ref_store):
    r = CliRunner().invoke(cli, ["ask", "When did the Vostochny Cosmodrome open?", "--db", _db(ref_store), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["answer"] == "2016" and d["value"] == "2016"
    assert any("2016" in c["text"] for c in d["citations"])


def test_ask_text_shows_every_citation_id(ref_store):
    q = "When did the Vostochny Cosmodrome open?"
    d = json.loads(CliRunner().invoke(cli, ["ask", q, "--db", _db(ref_store), "--json"]).output)
    assert d["type"] == "when" and isinstance(d["alternatives"], list)
    r = CliRunner().invoke(cli, ["ask", q, "--db", _db(ref_store)])
    assert r.exit_code == 0, r.output
    for c in d["citations"] + [c for a in d["alternatives"] for c in a["citations"]]:
        assert f"[{c['doc_id']}#{c['sentence_index']}]" in r.output  # ids starting with a letter too


def test_ask_says_it_does_not_know(ref_store):
    r = CliRunner().invoke(cli, ["ask", "Who won the 2022 football World Cup?", "--db", _db(ref_store)])
    assert r.exit_code == 0 and "I don't know" in r.output


def test_eval_qa_on_a_tiny_gold_file(ref_store, tmp_path):
    gold = {
        "items": [
            {"q": "How fast can Kim's train go?", "accept": ["55\\s*mph"], "cite": "55 mph"},
            {"q": "Who won the 2022 football World Cup?", "accept": [], "cite": "", "unanswerable": True},
            {"q": "When did the Vostochny Cosmodrome open?", "accept": ["1999"], "cite": "2016"},
        ]
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    r = CliRunner().invoke(cli, ["eval", "qa", "--gold", str(path), "--db", _db(ref_store), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert [x["passed"] for x in d["items"]] == [True, True, False]
    assert d["accuracy"] == round(2 / 3, 4)
    assert sum(t["total"] for t in d["by_type"].values()) == 3
    top = d["coverage"][0]  # every answer counts at confidence 0: two answered, one right
    assert (top["answered"], top["right"]) == (2, 1) and top["precision"] == 0.5
    r = CliRunner().invoke(cli, ["eval", "qa", "--gold", str(path), "--db", _db(ref_store)])
    assert "accuracy: 2/3" in r.output and "FAIL" in r.output
    assert "precision" in r.output and "by type: " in r.output


def test_timeline_and_entity_commands(small_store):
    r = CliRunner().invoke(cli, ["timeline", "--entity", "Dragan Djilas", "--db", _db(small_store), "--json"])
    assert r.exit_code == 0, r.output
    assert [e["earliest"][:4] for e in json.loads(r.output)["events"]] == ["2010", "2012"]
    r = CliRunner().invoke(cli, ["entity", "Russian President", "--db", _db(small_store)])
    assert r.exit_code == 0 and "Vladimir Putin" in r.output
    r = CliRunner().invoke(cli, ["entity", "Nobody Atall", "--db", _db(small_store)])
    assert r.exit_code != 0 and "E501" in r.output


def test_citation_ids_that_look_like_markup_are_printed():
    from dateline.cli.answer_cmds import _print_citations
    from dateline.cli.common import console
    from dateline.types import Citation

    with console.capture() as cap:
        _print_citations((Citation("bd41c0ffee", 4, "Kim met Putin."), Citation("example_doc", 0, "[sic] text")))
    out = cap.get()
    assert "[bd41c0ffee#4]" in out and "[example_doc#0]" in out and "[sic] text" in out
