"""Data files of the store, loaded once per process."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .. import config

DATA = Path(__file__).parent / "data"
TOKEN_LABELS = DATA / "token_labels.yaml"


@dataclass(frozen=True, slots=True)
class TokenLabels:
    """``data/token_labels.yaml``: the labels stored tokens refer to by position (frozen:
    a label is only ever appended, or stored tokens would read back another label)."""

    pos: tuple[str, ...]
    tag: tuple[str, ...]
    dep: tuple[str, ...]
    ent_type: tuple[str, ...]
    pos_of_tag: dict[str, str]  # encoding 4: the POS a tag gets unless a token says otherwise


@functools.cache
def token_labels() -> TokenLabels:
    return config.load(TokenLabels, TOKEN_LABELS)


config.register(TOKEN_LABELS, token_labels)
