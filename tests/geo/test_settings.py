"""The geo stage's data files: each is registered and loads through its typed class."""

from __future__ import annotations

import dataclasses

import pytest

from dateline import config
from dateline.geo import settings


def test_every_geo_data_file_is_registered_and_loads():
    yamls = sorted(settings.DATA.glob("*.yaml"))
    registered = config.registered()
    assert yamls and all(p.resolve() in registered for p in yamls)
    for p in yamls:
        assert dataclasses.is_dataclass(registered[p.resolve()]())


def test_an_unknown_key_fails_with_the_file_and_key(tmp_path):
    bad = tmp_path / "relative.yaml"
    bad.write_text("units_m: {mile: 1609.344}\nmodifiers: {}\ndirections: {}\nbearings: {}\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match="bearings"):
        config.load(settings.Relative, bad)


def test_place_labels_are_written_once():
    assert settings.recognition().place_labels == frozenset({"GPE", "LOC", "FAC"})
