"""Fixtures of the store tests."""

from __future__ import annotations

import pytest

from ..conftest import EXAMPLES


@pytest.fixture(scope="module")
def analyses(seed_analysis):
    from dateline.ingest import read_path
    from dateline.pipeline import analyse

    more = [analyse(a) for name in ("001_vostochny_first_launch.txt", "004_vostochny_summit.txt")
            for a in read_path(EXAMPLES / name)]  # fmt: skip
    return [seed_analysis, *more]
