"""Readers on real files of every accepted format, and every kind of bad input."""

from __future__ import annotations

import json
from datetime import date

from dateline.errors import (
    BadDate,
    BinaryInput,
    EmptyInput,
    MalformedJSON,
    NoArticleInHTML,
    NoText,
    PathNotFound,
)
from dateline.ingest import doc_id_for, read_path, read_paths
from dateline.ingest.readers import UNKNOWN_DATE_WARNING
from dateline.types import Article

from ..conftest import EXAMPLES, write_giveme5w1h


def _one(path):
    items = list(read_path(path))
    assert len(items) == 1, items
    return items[0]


def test_reference_dateline_format(seed_path):
    art = _one(seed_path)
    assert isinstance(art, Article)
    assert art.published == date(2023, 9, 12)
    assert art.text.startswith("North Korean leader Kim Jong Un is currently traveling")
    assert "date 2023" not in art.text
    assert art.record_id == "000_fde20e5758e8fe00"


def test_date_header_and_iso_first_line():
    a = _one(EXAMPLES / "004_vostochny_summit.txt")
    assert a.published == date(2023, 9, 13) and a.text.startswith("Vladimir Putin and Kim Jong Un met")
    b = _one(EXAMPLES / "007_vostochny_origins.txt")
    assert b.published == date(2023, 9, 11) and b.text.startswith("The Vostochny Cosmodrome")


def test_no_dateline_is_unknown_with_warning_and_date_option(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("Officials met in Geneva on Monday to discuss the accord.")
    a = _one(p)
    assert a.published is None and UNKNOWN_DATE_WARNING in a.warnings
    (b,) = read_path(p, default_date=date(2020, 1, 6))
    assert b.published == date(2020, 1, 6) and not b.warnings


def test_newsplease_json_record_and_giveme5w1h_file(tmp_path):
    a = _one(EXAMPLES / "002_vladivostok_summit.json")
    assert a.published == date(2019, 4, 25) and a.format == "newsplease"
    assert a.title.startswith("Kim Jong Un and Vladimir Putin")
    assert a.text.startswith(a.title) and a.body_start > 0
    assert a.text[a.body_start :].startswith("North Korean leader")
    g = _one(write_giveme5w1h(tmp_path)[1])  # dId and "YYYY-MM-DD hh:mm:ss" date_publish
    assert g.record_id == "001_vostochny_first_launch"
    assert g.published == date(2016, 4, 28)


def test_json_lines_each_record():
    items = list(read_path(EXAMPLES / "005_after_the_summit.jsonl"))
    assert [i.record_id for i in items] == ["after-summit-komsomolsk", "after-summit-vladivostok"]
    assert items[0].source.endswith("#L1")


def test_html_main_text_title_and_date():
    a = _one(EXAMPLES / "003_kim_arrives_vladivostok.html")
    assert a.format == "html" and a.published == date(2019, 4, 24)
    assert "armoured train" in a.text and "Copyright" not in a.text and "Home" not in a.text.split("\n")[0]
    assert a.title == "Kim Jong Un arrives in Vladivostok by train"


def test_directory_recursive_and_stdin(tmp_path, monkeypatch):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "x.txt").write_text(" date 2021-03-04 Something happened in Paris.")
    (tmp_path / "y.txt").write_text(" date 2021-03-05 Something else happened in Rome.")
    arts = list(read_path(tmp_path))
    assert sorted(a.published.day for a in arts) == [4, 5]
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b" date 2022-02-02 From a pipe in Oslo.")))
    (s,) = read_path("-")
    assert s.source == "-" and s.published == date(2022, 2, 2)


def test_identity_is_hash_of_normalized_text():
    assert doc_id_for("A  b\r\nc ") == doc_id_for("A b\nc")
    assert doc_id_for("A b") != doc_id_for("A c")


def test_latin1_bytes_are_decoded(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes(" date 2020-05-01 Le président a visité Besançon et Orléans aujourd'hui, à midi.".encode("latin-1"))
    a = _one(p)
    assert "Besançon" in a.text


def test_bad_inputs_each_named(tmp_path):
    cases = {
        "empty.txt": (b"", EmptyInput),
        "blank.txt": (b"  \n\n ", EmptyInput),
        "binary.txt": (bytes(range(256)) * 8, BinaryInput),
        "broken.json": (b'{"title": "x", "text": ', MalformedJSON),
        "notext.json": (json.dumps({"title": "Only a title", "date_publish": "2020-01-01"}).encode(), NoText),
        "nothing.html": (b"<html><body><nav>Home</nav></body></html>", NoArticleInHTML),
        "baddate.txt": (b" date 2023-13-45 A story with an impossible date.", BadDate),
        "baddate.json": (json.dumps({"text": "A story.", "date_publish": "someday soon"}).encode(), BadDate),
    }
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    for name, (_, err) in cases.items():
        items = list(read_path(tmp_path / name))
        assert len(items) == 1 and isinstance(items[0], err), (name, items)
        line = items[0].line()
        assert name in line and "\n" not in line and items[0].code in line
    (missing,) = read_paths([tmp_path / "nope.txt"])
    assert isinstance(missing, PathNotFound) and "nope.txt" in missing.line()


def test_jsonl_bad_line_does_not_stop_others(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text(
        '{"text": "First story from Lima.", "date_publish": "2020-01-01"}\n{oops\n{"text": "Third story from Quito."}\n'
    )
    items = list(read_path(p))
    assert isinstance(items[0], Article) and isinstance(items[1], MalformedJSON) and isinstance(items[2], Article)
    assert items[1].source.endswith("#L2")


def test_html_paragraphs_stay_paragraphs():
    """Bug: trafilatura's one-line-per-paragraph output ran the headline into the first sentence."""
    a = _one(EXAMPLES / "006_putin_visits_pyongyang.html")
    assert a.text.startswith("Putin and Kim sign defence pact in Pyongyang\n\nRussian President")
