"""Load on ``dateline serve``: bounded concurrent clients on loopback over the pages.

    .venv/bin/python bench/serve.py [--db /tmp/dateline_bench_ask.db] [--n 10000] [--workers 2]
                                    [--clients 32] [--seconds 60] [--single-rounds 2] [--think 0]

Builds (or reuses) the 10,000-document store of ``bench/ask.py`` (its builder), starts
``dateline serve --workers W`` on a free 127.0.0.1 port, warms every URL of the mix
until each worker answers it fast, then:
  1. one client asks the questions one after another (the single-client ``ask`` p95);
  2. C clients at once, for S seconds, cycle over ask, search, timeline and document
     pages (each client waits for its answer, and --think seconds more, before its next).
Prints requests/s, p50/p95/p99 and errors per kind, the ratio of ``ask`` p95 under
load to its single-client p95, and the server's memory (RSS of all its processes)
before and after the load. Traffic goes to 127.0.0.1 only; every loop is bounded in
time and count, and the server is stopped at the end. Not a test: read the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ask as ask_bench  # noqa: E402  (the 10,000-document store builder and its questions)

SEARCHES = ["top speed", "train Pyongyang", "Vostochny Cosmodrome", "summit Vladivostok", "weapons", "crash"]
TIMELINES = [
    "/timeline?from=2023-09&to=2023-09",
    "/timeline?entity=Putin&from=2019&to=2019",
    "/timeline?from=2016&to=2016",
]
MAX_REQUESTS = 200_000  # a bound on the load loop besides its duration


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(xs: list[float], p: float) -> float:
    return ask_bench.pct(xs, p) if xs else float("nan")


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (uvicorn's workers)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def start_server(db: str, workers: int, port: int, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "DATELINE_TOKEN"}
    cmd = [sys.executable, "-m", "dateline.cli", "serve", "--db", db, "--port", str(port), "--workers", str(workers)]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(base + "/api/v1/stats", timeout=60).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"server did not start; see {log}")


def the_mix(db: str) -> list[tuple[str, str]]:
    from dateline.store import open_store

    store = open_store(db)
    ids = [r["doc_id"] for r in store.query("SELECT doc_id FROM documents ORDER BY doc_id LIMIT 400")]
    store.close()
    rng = random.Random(7)
    docs = rng.sample(ids, 40)
    mix = [("ask", "/ask?q=" + quote(q)) for q in ask_bench.QUESTIONS]
    mix += [("search", "/search?q=" + quote(q)) for q in SEARCHES]
    mix += [("timeline", t) for t in TIMELINES]
    mix += [("document", f"/documents/{d}") for d in docs]
    return mix


def warm(base: str, mix: list[tuple[str, str]], workers: int, budget_s: float = 900) -> float:
    """Until every URL answers 200 in under 2 s several times over (each worker keeps its own
    caches: the kernel spreads connections over them), or the budget is spent."""
    t0 = time.monotonic()
    with httpx.Client(base_url=base, timeout=120) as c:
        while time.monotonic() - t0 < budget_s:
            slow = 0
            for _, url in mix * (2 * workers):
                t = time.perf_counter()
                r = c.get(url, headers={"Connection": "close"})
                slow += r.status_code != 200 or time.perf_counter() - t > 2.0
                if time.monotonic() - t0 > budget_s:
                    break
            if not slow:
                break
    return time.monotonic() - t0


def single_client_ask(base: str, urls: list[str], rounds: int) -> list[float]:
    out = []
    with httpx.Client(base_url=base, timeout=120) as c:
        for _ in range(rounds):
            for u in urls:
                t = time.perf_counter()
                r = c.get(u)
                out.append(time.perf_counter() - t)
                if r.status_code != 200:
                    raise SystemExit(f"single-client ask failed: {r.status_code} {r.text[:200]}")
    return out


async def load(base: str, mix: list[tuple[str, str]], clients: int, seconds: float, think: float = 0.0) -> dict:
    results: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    sent = 0
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(k: int, http: httpx.AsyncClient) -> None:
        nonlocal sent
        i = k * 7
        while time.monotonic() < stop_at and sent < MAX_REQUESTS:
            kind, url = mix[i % len(mix)]
            i += 1
            sent += 1
            t = time.perf_counter()
            try:
                r = await http.get(url)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            results[kind].append(time.perf_counter() - t)
            errors[kind] += not ok
            if think:  # a reader looking at the page before the next click
                await asyncio.sleep(think)

    t0 = time.monotonic()
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        await asyncio.gather(*(client(k, http) for k in range(clients)))
    return {"results": results, "errors": errors, "elapsed": time.monotonic() - t0}


def report(single: list[float], run: dict, rss_before: float, rss_after: float, args) -> None:
    ms = lambda x: f"{x * 1000:8.1f}"  # noqa: E731
    el = run["elapsed"]
    total = sum(len(v) for v in run["results"].values())
    errs = sum(run["errors"].values())
    think = f", {args.think:g} s between a client's requests" if args.think else ", no pause between requests"
    print(
        f"\nload: {args.clients} clients for {el:.1f} s{think}, {args.workers} worker(s); "
        f"{total} requests, {errs} errors"
    )
    print(f"{'kind':10}{'n':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for kind in ("ask", "search", "timeline", "document"):
        xs = run["results"].get(kind, [])
        print(
            f"{kind:10}{len(xs):>7}{len(xs) / el:>8.1f}{ms(pct(xs, 50))}{ms(pct(xs, 95))}{ms(pct(xs, 99))}"
            f"{run['errors'].get(kind, 0):>8}"
        )
    every = [x for v in run["results"].values() for x in v]
    print(
        f"{'all':10}{total:>7}{total / el:>8.1f}{ms(pct(every, 50))}{ms(pct(every, 95))}{ms(pct(every, 99))}{errs:>8}"
    )
    under = pct(run["results"].get("ask", []), 95)
    print(
        f"ask single client: p50 {ms(statistics.median(single)).strip()} ms, p95 {ms(pct(single, 95)).strip()} ms "
        f"({len(single)} requests); ask p95 under load / single-client p95: {under / pct(single, 95):.2f}x "
        "(target <= 3x)"
    )
    print(
        f"server memory (RSS, all processes): {rss_before:.0f} MB before the load, {rss_after:.0f} MB after "
        f"({rss_after - rss_before:+.0f} MB, {100 * (rss_after / rss_before - 1):+.1f}%)"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/dateline_bench_ask.db")
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--single-rounds", type=int, default=2)
    ap.add_argument("--think", type=float, default=0.0, help="Seconds each client waits between requests.")
    args = ap.parse_args(argv)
    if not Path(args.db).exists():
        ask_bench.build(args.db, args.n)
    mix = the_mix(args.db)
    port = free_port()
    log = Path(args.db).with_suffix(".serve.log")
    t0 = time.monotonic()
    proc = start_server(args.db, args.workers, port, log)
    base = f"http://127.0.0.1:{port}"
    print(f"server: {base} (pid {proc.pid}, {args.workers} workers, log {log}), up in {time.monotonic() - t0:.1f} s")
    try:
        print(f"warm-up: every URL fast on every worker after {warm(base, mix, args.workers):.0f} s")
        single = single_client_ask(base, [u for k, u in mix if k == "ask"], args.single_rounds)
        rss_before = tree_rss_mb(proc.pid)
        run = asyncio.run(load(base, mix, args.clients, args.seconds, args.think))
        rss_after = tree_rss_mb(proc.pid)
        report(single, run, rss_before, rss_after, args)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
