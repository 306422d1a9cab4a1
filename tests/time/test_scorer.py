"""TimeML reading and TempEval-3 scoring on a tiny file written here, and the CLI commands."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.eval.timeml import GoldTimex, read_tml
from dateline.eval.timex import Counts, count_doc, figures

TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>tiny</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>\n'
    "<TEXT>\n"
    'Stocks <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; traders '
    '<EVENT eid="e2" class="REPORTING">said</EVENT> the slide lasted '
    '<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>. Markets opened in '
    '<TIMEX3 tid="t3" type="DATE" value="1997">1997</TIMEX3> with gains.\n'
    "</TEXT>\n</TimeML>\n"
)


def test_read_tml(tmp_path):
    p = tmp_path / "tiny.tml"
    p.write_text(TML, encoding="utf-8")
    d = read_tml(p)
    assert d.dct.isoformat() == "1998-01-08"
    assert "&" in d.text and "<" not in d.text
    assert [(g.text, g.type, g.value) for g in d.timexes] == [
        ("yesterday", "DATE", "1998-01-07"),
        ("three days", "DURATION", "P3D"),
        ("1997", "DATE", "1997"),
    ]
    for g in d.timexes:
        assert d.text[g.start : g.end] == g.text


def test_scoring_arithmetic():
    gold = [
        GoldTimex(0, 9, "yesterday", "DATE", "1998-01-07"),
        GoldTimex(20, 30, "three days", "DURATION", "P3D"),
        GoldTimex(40, 44, "1997", "DATE", "1997"),
    ]
    system = [
        GoldTimex(0, 9, "yesterday", "DATE", "1998-01-07"),  # strict, value right
        GoldTimex(14, 30, "lasted three days", "DURATION", "P4D"),  # relaxed, value wrong
        GoldTimex(50, 55, "later", "DATE", "FUTURE_REF"),
    ]  # spurious; 1997 missed
    c = Counts()
    count_doc(c, "x", gold, system)
    f = figures(c)
    assert f["strict"]["f1"] == round(100 / 3, 2)
    assert f["relaxed"]["f1"] == round(200 / 3, 2)
    assert f["value"]["accuracy"] == 50.0
    assert f["value"]["f1"] == round(100 / 3, 2)  # 1 right value over 3 system / 3 gold
    assert f["type"]["f1"] == round(200 / 3, 2)


def test_eval_timex_command(tmp_path):
    (tmp_path / "tiny.tml").write_text(TML, encoding="utf-8")
    r = CliRunner().invoke(cli, ["eval", "timex", "--gold", str(tmp_path), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["ours"]["gold"] == 3
    assert out["ours"]["value"]["f1"] == 100.0  # all three found with the right values
    assert out["published"]["HeidelTime"]["value_f1"] == 77.61


def test_times_command(seed_parsed, db_url):
    from dateline.store import open_store
    from dateline.time import extract_times, resolve_sentence_times
    from dateline.types import Analysis

    ts = extract_times(seed_parsed)
    store = open_store(db_url)
    store.save(Analysis(parsed=seed_parsed, times=ts, sentence_times=resolve_sentence_times(seed_parsed, ts)))
    store.close()
    r = CliRunner().invoke(cli, ["times", seed_parsed.article.doc_id[:10], "--db", db_url, "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    tues = [t for t in out["times"] if t["text"] == "Tuesday"]
    assert tues and tues[0]["value"] == "2023-09-12"
    assert any(s["rule"] == "governing" and s["value"] == "2023-09-12" for s in out["sentence_times"])
    r = CliRunner().invoke(cli, ["times", seed_parsed.article.doc_id[:10], "--db", db_url])
    assert r.exit_code == 0 and "PT20H" in r.output
