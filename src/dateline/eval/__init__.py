"""Evaluation beside the runtime: gold readers and scorers for public development data.

Nothing in the analysis stages or the read side imports this package; the CLI's
``dateline eval ...`` commands and the benchmarks do.

- ``timeml``/``timex``: TimeML gold and TempEval-3 Task A scoring of time expressions.
- ``geo``: geoparsing gold (LGL, TR-News, GeoVirus) and accuracy within 161 km.
- ``five_w``: Giveme5W1H gold and token-F1 scoring of main-event answers.
- ``qa``: question files in the ``seed_dev.json`` format, judged against ``ask``.
- ``cat``: NewsReader CAT XML, its text rebuilt with exact token offsets, ingested as articles.
- ``timeline``/``timeline_run``: SemEval-2015 Task 4 timelines, the temporal-awareness scorer,
  and the ``eval timeline`` run over Dateline's entity timelines with its loss diagnosis.
- ``meantime``/``coref``/``coref_run``: MEANTIME entity mentions and instances; MUC, B-cubed,
  CEAF-e and CoNLL F1 with span and head alignment; the ``eval coref`` run.
"""
