"""The public API is small and pinned: a change to it is a decision, not an accident."""

import dateline


def test_all_is_pinned_and_importable():
    assert sorted(dateline.__all__) == sorted(
        [
            "Analysis",
            "Answer",
            "Article",
            "Check",
            "Citation",
            "DatelineError",
            "Entity",
            "Event",
            "IngestReport",
            "InputError",
            "MainEvent",
            "Mention",
            "NotFound",
            "ParsedDoc",
            "Place",
            "Quantity",
            "RelativeLocation",
            "Role",
            "Sentence",
            "SentenceTime",
            "Store",
            "StoreError",
            "TimeValue",
            "W5Answer",
            "analyse",
            "analyse_many",
            "ask",
            "check_corpus",
            "check_document",
            "ingest",
            "open_store",
            "read_path",
            "read_paths",
            "timeline",
        ]
    )
    for name in dateline.__all__:
        assert getattr(dateline, name) is not None


def test_api_end_to_end(tmp_path, seed_path):
    store = dateline.open_store(str(tmp_path / "api.db"))
    report = dateline.ingest(store, [str(seed_path)])
    assert report.ok and len(report.added) == 1
    answer = dateline.ask(store, "How fast can Kim's train go?")
    assert "55" in answer.answer and answer.citations
    (doc_id,) = store.doc_ids()
    verdicts = {c.rule: c.verdict for c in dateline.check_document(store.load_analysis(doc_id))}
    assert verdicts["kinematics.average_vs_top_speed"] == "consistent"
