"""The geoparsing scorer on small gold files written here (LGL and GeoVirus layouts)."""

from __future__ import annotations

import math

import pytest
from click.testing import CliRunner

from dateline.eval.geo import auc_log_error, evaluate, read_gold

TEXT = "Officials in Paris, Texas said the storm moved on toward Dallas. France was not affected."

LGL = f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><domain>example.com</domain><text><![CDATA[{TEXT}]]></text>
<toponyms>
 <toponym><start>13</start><end>18</end><phrase>Paris</phrase>
  <gaztag geonameid="4717560"><name>Paris</name><lat>33.66094</lat><lon>-95.55551</lon></gaztag></toponym>
 <toponym><start>20</start><end>25</end><phrase>Texas</phrase>
  <gaztag geonameid="4736286"><name>Texas</name><lat>31.25044</lat><lon>-99.25061</lon></gaztag></toponym>
 <toponym><start>57</start><end>63</end><phrase>Dallas</phrase>
  <gaztag geonameid="4684888"><name>Dallas</name><lat>32.78306</lat><lon>-96.80667</lon></gaztag></toponym>
 <toponym><start>65</start><end>71</end><phrase>France</phrase></toponym>
</toponyms></article></articles>
"""

# GeoVirus layout, offsets deliberately one character late as in the public file
GEOVIRUS = f"""<articles><article><source>https://en.wikinews.org/wiki/x</source><text>{TEXT}</text>
<locations>
 <location><name>Dallas</name><start>58</start><end>64</end><lat>32.78</lat><lon>-96.8</lon></location>
 <location><name>France</name><start>66</start><end>72</end><lat>46.0</lat><lon>2.0</lon></location>
</locations></article></articles>
"""


def test_read_gold_layouts_and_offset_alignment(tmp_path):
    (tmp_path / "lgl.xml").write_text(LGL, encoding="utf-8")
    (tmp_path / "gv.xml").write_text(GEOVIRUS, encoding="utf-8")
    (doc,) = read_gold(tmp_path / "lgl.xml")
    assert [t.name for t in doc.toponyms] == ["Paris", "Texas", "Dallas", "France"]
    assert doc.toponyms[3].lat is None
    (gv,) = read_gold(tmp_path / "gv.xml")
    assert [(t.start, t.end) for t in gv.toponyms] == [(57, 63), (65, 71)]  # snapped to the names
    assert len(read_gold(tmp_path)) == 2  # a directory reads every XML file


def test_gold_spans_resolution(tmp_path):
    (tmp_path / "lgl.xml").write_text(LGL, encoding="utf-8")
    res = evaluate(tmp_path / "lgl.xml", gold_spans=True)
    r = res["resolution"]
    assert r["scored"] == 3  # France has no coordinates in this gold
    assert r["acc_at_161km"] == 1.0  # Paris is the one in Texas, by containment
    assert r["median_error_km"] < 50


def test_end_to_end_recognition(tmp_path):
    (tmp_path / "gv.xml").write_text(GEOVIRUS, encoding="utf-8")
    res = evaluate(tmp_path / "gv.xml")
    assert res["recognition_lenient"]["recall"] == 1.0
    # Paris and Texas are predicted but not annotated in this gold: 2 of 4 predictions right
    assert res["recognition_strict"]["precision"] == pytest.approx(0.5)
    assert res["resolution"]["acc_at_161km"] == 1.0


def test_auc_definition():
    assert auc_log_error([0.0, 0.0, 0.0]) == 0.0
    assert auc_log_error([20039.0, 20039.0]) == pytest.approx(1.0, rel=1e-4)
    mixed = auc_log_error([0.0, 20039.0])
    assert mixed == pytest.approx(0.5, rel=1e-4)
    assert auc_log_error([10.0, 100.0, 1000.0]) == pytest.approx(
        ((math.log(11) + math.log(101)) / 2 + (math.log(101) + math.log(1001)) / 2) / (2 * math.log(20039))
    )


def test_cli_eval_geo_json(tmp_path):
    from dateline.cli.main import cli

    (tmp_path / "lgl.xml").write_text(LGL, encoding="utf-8")
    out = CliRunner().invoke(cli, ["eval", "geo", "--gold", str(tmp_path / "lgl.xml"), "--gold-spans", "--json"])
    assert out.exit_code == 0, out.output
    assert '"acc_at_161km": 1.0' in out.output
