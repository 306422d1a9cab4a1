"""Every hostile input class of issue 18 through the readers: read correctly, repaired
with a warning, or refused with one coded line naming the file; never a traceback."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dateline.errors import (
    BadDate,
    BadField,
    BinaryInput,
    DateOutOfRange,
    EmptyInput,
    InputError,
    InputTooLarge,
    MalformedJSON,
    NoRecords,
)
from dateline.eval import fuzz
from dateline.ingest import doc_id_for, read_path
from dateline.ingest.readers import UNKNOWN_DATE_WARNING
from dateline.types import Article

GOOD = "Officials met in Geneva on Monday to discuss the accord. The talks lasted three hours and ended."


def _items(tmp_path, name: str, data: bytes | str):
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return list(read_path(p))


def _one(tmp_path, name, data):
    items = _items(tmp_path, name, data)
    assert len(items) == 1, items
    return items[0]


def _error(tmp_path, name, data, cls):
    item = _one(tmp_path, name, data)
    assert isinstance(item, cls), item
    line = item.line()
    assert line.startswith(str(tmp_path / name)) and f"[{cls.code}]" in line and "\n" not in line
    return item


@pytest.mark.parametrize("field", ["text", "title", "dId"])
def test_lone_surrogates_are_repaired_with_a_warning(tmp_path, field):
    rec = {"text": GOOD, "title": "Talks", "dId": "id1", "date_publish": "2023-09-12"}
    raw = json.dumps(rec).replace(f'"{rec[field]}"', f'"{rec[field][:2]}\\ud800{rec[field][2:]}"', 1)
    art = _one(tmp_path, "s.json", raw)
    assert isinstance(art, Article)
    value = {"text": art.text, "title": art.title, "dId": art.record_id}[field]
    assert "\ufffd" in value and "\ud800" not in art.text + (art.title or "") + (art.record_id or "")
    assert any("U+FFFD" in w for w in art.warnings)
    doc_id_for(art.text)  # encodes
    art.text.encode("utf-8")


def test_deeply_nested_json_is_malformed(tmp_path):
    err = _error(tmp_path, "n.json", "[" * 100_000 + "]" * 100_000, MalformedJSON)
    assert "nested too deeply" in err.detail


def test_a_5000_digit_number_does_not_lose_the_article(tmp_path):
    art = _one(tmp_path, "b.json", f'{{"text": "{GOOD}", "n": {"9" * 5000}, "dId": {"1" * 5000}}}')
    assert isinstance(art, Article) and art.text == GOOD
    assert art.record_id is not None and len(art.record_id) == 5000


@pytest.mark.parametrize(
    "key,value", [("dId", {"a": 1}), ("dId", [1]), ("url", ["u"]), ("language", {"x": 1}), ("source_domain", ["a"])]
)
def test_metadata_of_the_wrong_type_is_dropped_with_a_warning(tmp_path, key, value):
    art = _one(tmp_path, "f.json", json.dumps({"text": GOOD, key: value}))
    assert isinstance(art, Article)
    attr = {"dId": "record_id", "url": "url", "language": "language", "source_domain": "source_domain"}[key]
    assert getattr(art, attr) in (None, "f")  # dId falls back to the file stem
    assert any(f"field {key!r} is" in w for w in art.warnings)


@pytest.mark.parametrize("value,kind", [(["a", "b"], "a list"), ({"a": "b"}, "an object"), (42, "a number")])
def test_text_that_is_not_a_string_says_so(tmp_path, value, kind):
    err = _error(tmp_path, "t.json", json.dumps({"text": value}), BadField)
    assert kind in err.detail and "'text'" in err.detail


@pytest.mark.parametrize("name,raw", [("a.json", '{"text": "%s", "date_publish": "9999-12-31"}'), ("b.txt", None)])
def test_dates_outside_the_computable_years_are_refused(tmp_path, name, raw):
    data = raw % (GOOD + " Yesterday it rained.") if raw else f" date 0001-01-01 {GOOD} Tomorrow it rains."
    err = _error(tmp_path, name, data, DateOutOfRange)
    assert "9999-12-31" in err.detail or "0001-01-01" in err.detail
    # with --date the document is read, dated by the option, and says why
    (art,) = read_path(tmp_path / name, default_date=date(2023, 9, 12))
    assert isinstance(art, Article) and art.published == date(2023, 9, 12)
    assert any("E114" in w for w in art.warnings)


def test_a_text_over_the_size_limit_is_refused(tmp_path):
    err = _error(tmp_path, "big.txt", " date 2023-09-12 " + "Word " * 210_000, InputTooLarge)
    assert "1,000,000" in err.detail


def test_dev_zero_is_refused_without_reading_it_all():
    (err,) = read_path("/dev/zero")
    assert isinstance(err, InputTooLarge) and err.source == "/dev/zero"


def test_an_empty_json_list_is_an_error_line(tmp_path):
    _error(tmp_path, "e.json", "[]", NoRecords)
    _error(tmp_path, "e.jsonl", "\n\n", EmptyInput)


def test_utf16_without_bom_is_text(tmp_path):
    art = _one(tmp_path, "u.txt", f" date 2023-09-12 {GOOD}".encode("utf-16-le"))
    assert isinstance(art, Article) and art.text == GOOD and art.published == date(2023, 9, 12)
    art = _one(tmp_path, "v.txt", GOOD.encode("utf-16-be"))
    assert isinstance(art, Article) and art.text == GOOD


def test_utf8_with_one_latin1_paragraph_is_repaired_and_says_which_line(tmp_path):
    data = f"Kim’s “train” went north.\n\n{GOOD}\n\n".encode() + "Café à Genève.".encode("latin-1")
    art = _one(tmp_path, "m.txt", data)
    assert isinstance(art, Article)
    assert "Kim’s “train”" in art.text and "Café à Genève." in art.text and "â€" not in art.text
    assert any("line 5" in w and "cp1252" in w for w in art.warnings)


def test_pure_latin1_still_decodes_without_a_repair_warning(tmp_path):
    art = _one(tmp_path, "l.txt", f"Le café de Genève a fermé. {GOOD}".encode("latin-1"))
    assert isinstance(art, Article) and "café de Genève" in art.text
    assert not any("cp1252" in w for w in art.warnings)


def test_html_without_a_date_takes_none_from_its_body(tmp_path):
    h = next(c for c in fuzz.cases() if c.name == "no_date.html")
    art = _one(tmp_path, h.name, h.data)
    assert isinstance(art, Article) and "2007" in art.text
    assert art.published is None and UNKNOWN_DATE_WARNING in art.warnings


@pytest.mark.parametrize("start", ["[Reuters] ", "{Updated} ", "[1] ", "{ "])
def test_plain_text_starting_with_a_bracket_is_an_article(tmp_path, start):
    art = _one(tmp_path, "p.txt", start + GOOD)
    assert isinstance(art, Article) and art.format == "text"
    assert art.text.endswith(GOOD) and art.text.startswith(start.strip())


def test_pretty_printed_json_with_one_error_is_reported_once_where_it_is(tmp_path):
    raw = '{\n  "title": "x",\n  "text": "' + GOOD + '"\n  "date_publish": "2023-01-01"\n}\n'
    err = _error(tmp_path, "p.json", raw, MalformedJSON)
    assert "line 4 column 3" in err.detail


def test_json_lines_in_a_json_file_still_read_per_line(tmp_path):
    raw = "\n".join(json.dumps({"text": f"{GOOD} Number {k}."}) for k in range(3))
    items = _items(tmp_path, "l.json", raw)
    assert len(items) == 3 and all(isinstance(a, Article) for a in items)


def test_binary_and_control_heavy_input_refused(tmp_path):
    _error(tmp_path, "b.txt", bytes(range(256)) * 8, BinaryInput)


def test_bad_date_still_named(tmp_path):
    _error(tmp_path, "d.json", json.dumps({"text": GOOD, "date_publish": "not a date"}), BadDate)


def test_every_listed_case_has_an_outcome_and_bad_ones_one_line(tmp_path):
    """The fuzz module's list of cases, read: good ones are articles, bad ones one coded error."""
    for h in fuzz.cases():
        items = _items(tmp_path, h.name, h.data)
        errors = [i for i in items if isinstance(i, InputError)]
        if h.expect == fuzz.GOOD:
            assert items and not errors, (h.name, [e.line() for e in errors])
        elif h.expect == fuzz.BAD:
            assert len(errors) == 1 and len(items) == 1, (h.name, items)
            assert errors[0].line().startswith(str(tmp_path / h.name)), errors[0].line()
