"""A throwaway PostgreSQL 15 cluster on a Unix socket, for the tests and the benchmarks.

    with throwaway_server() as url:          # "postgresql://postgres@/{db}?host=...&port=..."
        create_database(url, "bench")        # then open_store(url.format(db="bench"))

``initdb`` in a temporary folder (as the ``postgres`` user when run as root: initdb refuses
root), ``pg_ctl`` on a Unix socket only (no TCP listener), no fsync; stopped and removed at
the end. Used by the ``pg_server`` fixture of tests/conftest.py and by ``bench/ask.py --postgres``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def available() -> bool:
    return (PG_BIN / "initdb").exists()


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server tools as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _free_port() -> int:
    # only names the socket file (.s.PGSQL.<port>): the server listens on no TCP address
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def throwaway_server(settings: tuple[str, ...] = ()) -> Iterator[str]:
    """Start a cluster; yield its URL with a ``{db}`` placeholder; stop and remove it at the end.
    ``settings``: extra ``name=value`` server settings (e.g. ``shared_buffers=256MB``)."""
    base = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    data, port = base / "data", _free_port()
    try:
        subprocess.run(
            _as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
                         + ["--locale=C.UTF-8", "--no-sync"]),
            check=True, capture_output=True,
        )  # fmt: skip
        opts = f"-k {base} -p {port} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        opts += "".join(f" -c {s}" for s in settings)
        ctl = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w"]
        subprocess.run(_as_postgres([*ctl, "-o", opts, "start"]), check=True, capture_output=True)
        try:
            yield f"postgresql://postgres@/{{db}}?host={base}&port={port}"
        finally:
            subprocess.run(_as_postgres([*ctl, "-m", "immediate", "stop"]), capture_output=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """A new empty database on the server (``server_url`` as yielded above); its URL."""
    import sqlalchemy as sa

    admin = sa.create_engine(server_url.format(db="postgres").replace("postgresql://", "postgresql+psycopg://"))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server_url.format(db=name)
