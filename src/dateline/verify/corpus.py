"""Cross-document checks. Placeholder rule until implemented below."""

from __future__ import annotations

from ..types import Analysis, Check


def check_numbers_across(analyses: list[Analysis]) -> list[Check]:
    return []
