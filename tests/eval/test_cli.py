"""`dateline eval timeline|coref` and `dateline export --format mentions|semeval-timeline` through click,
on two small CAT documents written for these tests (the real model, a real SQLite store)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.store import open_store

from .cat_fixture import write_corpus, write_timelines

LINE = re.compile(r"^\d+\t(\d{4}(-\d\d){0,2}|XXXX-XX-XX)(\t\S+)+$")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("cat")
    cat, tl, db = write_corpus(base / "corpus"), write_timelines(base / "timelines"), str(base / "kept.db")
    r = CliRunner().invoke(cli, ["eval", "coref", "--gold", str(cat), "--keep", db, "--json"])
    assert r.exit_code == 0, r.output
    return {"cat": str(cat), "tl": str(tl), "db": db, "coref": json.loads(r.stdout)}


def test_eval_coref_scores_both_alignments(corpus):
    out = corpus["coref"]
    assert out["documents"] == 2 and out["gold_mentions"] == 16 and out["gold_clusters"] == 4
    exact, head = out["modes"]["exact"], out["modes"]["head"]
    assert 0 < exact["mentions"]["matched"] <= head["mentions"]["matched"] <= 16
    assert set(head["by_class"]) == {"LOC", "ORG", "PER"}
    for res in (exact, head):
        o = res["overall"]
        assert o["conll_f1"] == pytest.approx((o["muc"]["f1"] + o["b_cubed"]["f1"] + o["ceaf_e"]["f1"]) / 3, abs=0.02)
    assert out["gold_by_type"]["PRO"]["gold"] == 2 and out["gold_by_type"]["PRO"]["matched"] <= 2


def test_eval_coref_text_output(corpus):
    r = CliRunner().invoke(cli, ["eval", "coref", "--gold", corpus["cat"], "--keep", corpus["db"]])
    assert r.exit_code == 0, r.output
    assert "CoNLL F1" in r.stdout and "26.4" in r.stdout and "head" in r.stdout and "ORG" in r.stdout
    assert "ingesting" in r.stderr and "ingesting" not in r.stdout  # progress on stderr


def test_eval_timeline(corpus):
    args = ["eval", "timeline", "--gold", corpus["tl"], "--corpus", corpus["cat"], "--keep", corpus["db"]]
    r = CliRunner().invoke(cli, [*args, "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    by = {t["name"]: t for t in out["timelines"]}
    assert by["acme_corp"]["entity"] == "Acme Corp" and by["acme_corp"]["gold_relations"] == 5
    assert by["nobody"]["entity"] is None and by["nobody"]["system_relations"] == 0
    d = out["diagnosis"]
    assert (d["gold_mentions"], d["dated_gold_mentions"]) == (5, 4)
    assert sum(d["dated"].values()) + sum(d["lost"].values()) == 4
    assert d["lost"]["entity not matched"] == 1
    assert out["published"] and 0 <= out["micro"]["f1"] <= 100
    assert out["system_timelines"]["acme_corp"].startswith("Acme Corp\n")
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 0 and "7.85" in text.stdout and "lost: entity not matched" in text.stdout


def test_export_mentions_offsets_and_stable_ids(corpus, tmp_path):
    out = tmp_path / "m.jsonl"
    r = CliRunner().invoke(cli, ["export", "--format", "mentions", "--db", corpus["db"], "--out", str(out)])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert rows and set(rows[0]) == {"doc_id", "record_id", "start", "end", "text", "label", "entity_id", "kind"}
    store = open_store(corpus["db"])
    texts = {d: store.article(d).text for d in store.doc_ids()}
    assert all(texts[m["doc_id"]][m["start"] : m["end"]] == m["text"] for m in rows)
    assert {m["record_id"] for m in rows} == {"101", "102"}
    acme = {m["entity_id"] for m in rows if m["text"] == "Acme Corp"}
    assert len(acme) == 1 and None not in acme  # one canonical entity across both documents
    # the same ids from another process with another hash seed
    env = dict(os.environ, PYTHONHASHSEED="12345")
    cmd = [sys.executable, "-m", "dateline.cli", "export", "--format", "mentions", "--db", corpus["db"]]
    again = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    assert [json.loads(x) for x in again.stdout.splitlines()] == rows


def test_export_semeval_timeline(corpus, tmp_path):
    base = ["export", "--format", "semeval-timeline", "--db", corpus["db"], "--entity", "Acme Corp"]
    r = CliRunner().invoke(cli, [*base, "--corpus", corpus["cat"]])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == "Acme Corp" and len(lines) > 1
    assert all(LINE.match(ln) for ln in lines[1:]), lines
    orders = [int(ln.split("\t")[0]) for ln in lines[1:]]
    assert orders == sorted(orders)
    assert all(ln.split("\t")[1] == "XXXX-XX-XX" for ln in lines[1:] if ln.startswith("0\t"))
    ids = [m for ln in lines[1:] for m in ln.split("\t")[2:]]
    assert all(re.match(r"^10[12]-\d+-[a-z_\-]+$", m) for m in ids) and len(ids) == len(set(ids))
    out = tmp_path / "acme.txt"
    r = CliRunner().invoke(cli, [*base, "--out", str(out)])  # named by the stored sentences
    assert r.exit_code == 0 and out.read_text().startswith("Acme Corp\n")
    r = CliRunner().invoke(cli, ["export", "--format", "semeval-timeline", "--db", corpus["db"]])
    assert r.exit_code != 0 and "--entity" in r.output
