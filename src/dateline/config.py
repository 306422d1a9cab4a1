"""Typed loading of the data files that hold each stage's tuned numbers and word lists.

Each stage declares a frozen dataclass for one YAML file and loads it through
:func:`load`: a key in the file that the class does not declare, or a declared key
missing from the file, is an error naming the file and the key, so a typo in a word
list fails at once instead of silently changing nothing. Field types drive the
conversion: lists become tuples or frozensets, mappings of dataclasses are built
recursively.

Every YAML file under a stage's ``data/`` folder is registered here by the loader
that reads it (:func:`register`); a test loads them all, so none is orphaned.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")

ROOT = Path(__file__).parent


class ConfigError(ValueError):
    """A data file that does not match the dataclass declared for it (a bug, not user input)."""


_REGISTRY: dict[Path, Callable[[], object]] = {}


def register(path: Path, loader: Callable[[], object]) -> None:
    _REGISTRY[path.resolve()] = loader


def registered() -> dict[Path, Callable[[], object]]:
    return dict(_REGISTRY)


@functools.cache
def read_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load(cls: type[T], path: Path, section: str | None = None) -> T:
    """Build ``cls`` from the YAML file at ``path`` (or one top-level ``section`` of it)."""
    data = read_yaml(path)
    if section is not None:
        if not isinstance(data, dict) or section not in data:
            raise ConfigError(f"{path}: no section {section!r}")
        data = data[section]
    where = f"{path.name}" + (f":{section}" if section else "")
    return build(cls, data, where)


def build(cls: type[T], data: Any, where: str) -> T:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping for {cls.__name__}, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)} (not declared by {cls.__name__})")
    missing = sorted(
        n
        for n, f in fields.items()
        if n not in data and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    if missing:
        raise ConfigError(f"{where}: missing key(s) {', '.join(missing)} (required by {cls.__name__})")
    kwargs = {k: _convert(hints[k], v, f"{where}.{k}") for k, v in data.items()}
    return cls(**kwargs)


def _convert(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, where) if len(inner) == 1 else value
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return build(tp, value, where)
    if origin in (tuple, frozenset, dict):
        return _convert_container(origin, args, value, where)
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp in (str, int, float, bool) and not isinstance(value, tp):
        raise ConfigError(f"{where}: expected {tp.__name__}, got {value!r}")
    return value


def _convert_container(origin: Any, args: tuple, value: Any, where: str) -> Any:
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a mapping, got {type(value).__name__}")
        kt, vt = args
        return {_convert(kt, k, where): _convert(vt, v, f"{where}.{k}") for k, v in value.items()}
    seq = _as_list(value, where)
    if origin is frozenset:
        return frozenset(_convert(args[0], v, where) for v in seq)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_convert(args[0], v, f"{where}[{i}]") for i, v in enumerate(seq))
    return tuple(_convert(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, seq, strict=True)))


def _as_list(value: Any, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ConfigError(f"{where}: expected a list, got {type(value).__name__}")
    return value
