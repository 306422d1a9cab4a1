"""Cross-document entities on short texts written for these tests, in a real SQLite store: a
product's plural joins its singular, and a plural description ("the two companies") is one
group mention with the same id in every document in the mentions export; "the new zPhone" in a
report about the zPhone 5 is that model, and the zPhone of another report stays apart from it."""

from __future__ import annotations

import pytest

_DOCS = {
    "one.txt": "Orchard Systems unveiled the zPad on Tuesday. The zPad will cost $300.",
    "two.txt": "Orchard Systems said on Monday that it sold two million zPads in the spring. "
    "Kestrel Analytics counted the sales. Kestrel Analytics said Orchard Systems led the market. "
    "Dana Whitfield, a lawyer, said the two companies had agreed on the figures.",
    "three.txt": "Orchard Systems sued Kestrel Analytics in March. Orchard Systems said Kestrel Analytics "
    "copied its logo. Dana Whitfield, a lawyer, said the two companies would meet in court.",
    "four.txt": "Orchard Systems unveiled the zPhone 5 on Monday. The new zPhone is thinner. "
    "The zPhone 5 will cost $300. Reviewers praised the zPhone 5.",
    "five.txt": "Orchard Systems sold the first zPhone in 2007. The zPhone changed the market.",
    "six.txt": "Orchard Systems unveiled the zPhone 5 on Monday. The zPhone 5 replaces the zPhone 4. "
    "The new zPhone is thinner. The zPhone 5 will cost $300. Reviewers praised the zPhone 5.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from dateline import ingest, open_store

    folder = tmp_path_factory.mktemp("forms")
    for name, text in _DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    st = open_store(str(folder / "forms.db"))
    report = ingest(st, [str(folder / n) for n in _DOCS])
    assert not report.failed
    yield st
    st.close()


def test_a_products_plural_is_the_product(store):
    from dateline.export.mentions import mention_rows

    ids = {r.entity_id for r in mention_rows(store) if r.text in ("zPad", "zPads")}
    assert len(ids) == 1 and None not in ids


def test_the_two_companies_is_one_group_across_documents(store):
    from dateline.export.mentions import mention_rows

    rows = list(mention_rows(store))
    orchard = {r.entity_id for r in rows if r.text == "Orchard Systems"}
    kestrel = {r.entity_id for r in rows if r.text == "Kestrel Analytics"}
    groups = [r for r in rows if r.text == "the two companies"]
    assert len(orchard) == len(kestrel) == 1 and len(groups) == 2
    assert {g.entity_id for g in groups} == {"+".join(sorted(orchard | kestrel))}
    assert {g.record_id for g in groups} == {"two", "three"}


def test_a_product_is_the_one_model_its_report_names(store):
    from dateline.export.mentions import mention_rows

    rows = [r for r in mention_rows(store) if r.text.startswith("zPhone")]
    model = {r.entity_id for r in rows if r.record_id == "four"}
    first = {r.entity_id for r in rows if r.record_id == "five"}
    assert len(model) == 1 and len(first) == 1 and model != first
    # beside a model named far less often, the bare name is still the model the report is about
    six = {r.text: r.entity_id for r in rows if r.record_id == "six"}
    assert six["zPhone"] == six["zPhone 5"] == model.pop() and six["zPhone 4"] != six["zPhone 5"]
    assert {r.label for r in rows} == {"PRODUCT"}


def test_a_name_asked_with_its_makers_name_in_front_finds_the_entity(store):
    from dateline.entities.lookup import find_entities

    (found,) = find_entities(store, "Orchard Systems zPad", limit=1)
    assert found.name == "zPad"
    assert find_entities(store, "Kestrel Orchard Systems zPad")[:1] == []  # "Kestrel" alone names nothing


_KEYS_SCRIPT = """
from dateline.entities.crossdoc import DocEntity, lookup_keys, stored_keys
e = DocEntity("ORG:Orchard Systems Inc.", "Orchard Systems Inc.", "ORG", 4, 0,
              (("Orchard Systems Inc.", 2), ("Orchard Systems", 1), ("Orchard Systems Group", 1), ("OSG", 1)), ())
print(list(stored_keys(e)), list(lookup_keys(e)))
"""


def test_an_entitys_keys_come_in_one_order_whatever_the_hash_seed():
    """The part keys are stored in ``entity_members.data``: the same input gives the same bytes."""
    import os
    import subprocess
    import sys

    outs = set()
    for seed in ("1", "2", "3", "4"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-c", _KEYS_SCRIPT], env=env, capture_output=True, text=True, check=True)
        outs.add(run.stdout)
    assert len(outs) == 1
