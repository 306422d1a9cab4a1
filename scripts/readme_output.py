"""Rewrite the output lines the README shows under each `$ dateline ...` command from real
runs on a fresh store of examples/articles (see tests/readme_runs.py); review the diff."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.readme_runs import README, regenerate  # noqa: E402

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        README.write_text(regenerate(Path(tmp) / "run"), encoding="utf-8")
    print(f"rewrote the shown output in {README}")
