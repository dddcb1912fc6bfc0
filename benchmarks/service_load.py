"""Load figures of the service, measured against real uvicorn processes on 127.0.0.1.

1. Latency: ``--clients`` (20) concurrent customers, together offering ``--rate`` (40) messages per
   second, each waiting for its decision; prints p50/p99 of message -> decision (client side).
   A fixed offered rate, because with 20 clients firing back to back the latency is only
   20 / throughput (Little's law) and says nothing about one message's cost.
2. Throughput: the same clients as fast as they can for ``--duration`` (60) s; prints the
   sustained messages per second and the error count.
3. Replicas: two uvicorn processes on one PostgreSQL; ``--posts`` (1,000) messages, each sent to
   one replica and re-sent with the same idempotency key to the other at the same moment (plus a
   late third retry for every tenth); prints lost and duplicated messages, read back from the
   database.

The model is the newest under ``var/models`` (activated automatically in the benchmark's fresh
database), or ``--version``. Without one the run stops, unless ``--allow-no-model`` (then every
message goes to the agents and the figures measure the service without inference).
Phases 1-2 run on a fresh SQLite file (``--db postgres`` for PostgreSQL), served by
``replydesk serve --workers 2`` (``--workers``: one process per core of the 2-core target, the
documented way to use every core). Example:
``python benchmarks/service_load.py`` (about 2.5 minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import logging
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, select
from tqdm import tqdm

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.pg_schema import fresh_schema  # noqa: E402
from service.crud.keys import create_key  # noqa: E402
from service.db import Message, make_engine, make_sessionmaker  # noqa: E402
from service.migrate import upgrade  # noqa: E402

log = logging.getLogger("service_load")
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TURNS_PER_CONVERSATION = 4
QUIET = not sys.stderr.isatty()  # progress bars only on a terminal


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_texts() -> list[str]:
    with (REPO / "data" / "banking77" / "test.csv").open(encoding="utf-8") as f:
        return [row["text"] for row in csv.DictReader(f)]


def tree_cpu_seconds(pid: int) -> float:
    """User+system CPU seconds of ``pid`` and its descendants (Linux /proc), e.g. uvicorn workers."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        children = [child for child, parent in parents.items() if parent == current]
        tree.update(children)
        frontier.extend(children)
    return sum(times.get(p, 0.0) for p in tree)


@contextmanager
def server(database_url: str, var_dir: Path, log_path: Path, workers: int):
    """``replydesk serve`` on a free loopback port; yields its base URL once it answers."""
    port = free_port()
    env = os.environ | {
        "REPLYDESK_DATABASE_URL": database_url,
        "REPLYDESK_VAR_DIR": str(var_dir),
        "REPLYDESK_LOG_LEVEL": "WARNING",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    cmd = [str(REPO / ".venv" / "bin" / "replydesk"), "serve", "--port", str(port), "--workers", str(workers)]
    with log_path.open("ab") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"the server exited (code {proc.returncode}); see {log_path}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            raise SystemExit(f"the server did not start within 180 s; see {log_path}")
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def prepare(database_url: str) -> str:
    """Migrate the database and return a channel key for it."""
    upgrade(database_url)
    engine = make_engine(database_url)
    with make_sessionmaker(engine)() as session:
        _, secret = create_key(session=session, role="channel", name="benchmark")
    engine.dispose()
    return secret


def wait_for_model(url: str, allow_no_model: bool, version: str | None, admin_key: str | None) -> str:
    if version and admin_key:
        r = httpx.post(
            f"{url}/v1/models/{version}/activate", headers={"Authorization": f"Bearer {admin_key}"}
        )
        if r.status_code != 200:
            raise SystemExit(f"cannot activate {version}: {r.json().get('detail')}")
    ready = httpx.get(f"{url}/readyz", timeout=120).json()
    if ready["ready"]:
        return str(ready["model_version"])
    if not allow_no_model:
        raise SystemExit(f"no model is ready ({ready['model']}); train one or pass --allow-no-model")
    return "none (every message goes to agents)"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    ok: int = 0


async def customer(
    client: httpx.AsyncClient,
    key: str,
    texts: list[str],
    tally: Tally,
    stop_at: float,
    pause: float,
    bar: tqdm,
) -> None:
    """One customer: opens conversations and posts turns until ``stop_at``."""
    headers = {"Authorization": f"Bearer {key}"}
    rng = random.Random()
    cid, turns = None, 0
    while time.monotonic() < stop_at:
        if cid is None or turns >= TURNS_PER_CONVERSATION:
            r = await client.post("/v1/conversations", json={"customer_name": "Load"}, headers=headers)
            if r.status_code != 201:
                tally.errors += 1
                continue
            cid, turns = r.json()["id"], 0
        body = {"text": rng.choice(texts), "idempotency_key": uuid.uuid4().hex}
        start = time.perf_counter()
        try:
            r = await client.post(f"/v1/conversations/{cid}/messages", json=body, headers=headers)
            ok = r.status_code == 200 and r.json().get("decision") is not None
        except httpx.HTTPError:
            ok = False
        took = time.perf_counter() - start
        turns += 1
        if ok:
            tally.ok += 1
            tally.latencies.append(took)
        else:
            tally.errors += 1
        bar.update()
        if pause:
            await asyncio.sleep(max(0.0, pause - took) * rng.uniform(0.5, 1.5))


async def drive(
    url: str, key: str, texts: list[str], clients: int, seconds: float, rate: float | None
) -> Tally:
    tally = Tally()
    pause = clients / rate if rate else 0.0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        stop_at = time.monotonic() + seconds
        desc = f"{'paced' if rate else 'flat out'} {seconds:.0f}s"
        with tqdm(desc=desc, unit="msg", leave=False, disable=QUIET) as bar:
            await asyncio.gather(
                *(customer(client, key, texts, tally, stop_at, pause, bar) for _ in range(clients))
            )
    return tally


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


async def replica_posts(urls: list[str], key: str, texts: list[str], posts: int, clients: int) -> dict:
    """Every message to one replica and, at the same moment, its retry to the other."""
    headers = {"Authorization": f"Bearer {key}"}
    rng = random.Random(7)
    sent: dict[str, set[str]] = {}  # idempotency key -> message ids answered
    failures = 0
    sem = asyncio.Semaphore(clients)
    async with httpx.AsyncClient(timeout=30) as client:
        n_conv = max(1, posts // 20)
        convs = []
        for i in range(n_conv):
            r = await client.post(f"{urls[i % 2]}/v1/conversations", json={}, headers=headers)
            convs.append(r.json()["id"])

        async def post_once(url: str, cid: str, body: dict) -> str | None:
            for _ in range(5):  # a client retries on errors too, as webhooks do
                try:
                    r = await client.post(
                        f"{url}/v1/conversations/{cid}/messages", json=body, headers=headers
                    )
                    if r.status_code == 200:
                        return r.json()["message_id"]
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.2)
            return None

        async def one(i: int, bar: tqdm) -> None:
            nonlocal failures
            cid = convs[i % n_conv]
            body = {"text": rng.choice(texts), "idempotency_key": f"bench-{i}"}
            first, second = (urls[0], urls[1]) if i % 2 else (urls[1], urls[0])
            async with sem:
                ids = await asyncio.gather(post_once(first, cid, body), post_once(second, cid, body))
                if i % 10 == 0:
                    ids.append(await post_once(first, cid, body))
            failures += sum(x is None for x in ids)
            sent[body["idempotency_key"]] = {x for x in ids if x}
            bar.update()

        with tqdm(total=posts, desc="replicas", unit="msg", leave=False, disable=QUIET) as bar:
            await asyncio.gather(*(one(i, bar) for i in range(posts)))
    return {"answers": sent, "failures": failures}


def count_stored(database_url: str, posts: int) -> tuple[int, int]:
    engine = create_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Message.idempotency_key, func.count())
            .where(Message.idempotency_key.like("bench-%"))
            .group_by(Message.idempotency_key)
        ).all()
    engine.dispose()
    stored = {k: n for k, n in rows}
    lost = sum(1 for i in range(posts) if f"bench-{i}" not in stored)
    duplicated = sum(n - 1 for n in stored.values() if n > 1)
    return lost, duplicated


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--rate", type=float, default=40.0, help="offered messages/s in the latency phase")
    p.add_argument("--latency-seconds", type=float, default=30.0)
    p.add_argument("--duration", type=float, default=60.0, help="seconds of the throughput phase")
    p.add_argument("--posts", type=int, default=1000)
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite", help="database of phases 1-2")
    p.add_argument("--postgres-url", default=os.environ.get("REPLYDESK_TEST_POSTGRES_URL", DEFAULT_PG))
    p.add_argument("--var-dir", type=Path, default=REPO / "var", help="holds models/ and friction/")
    p.add_argument("--version", help="model version to activate (default: the newest)")
    p.add_argument("--allow-no-model", action="store_true")
    p.add_argument(
        "--workers",
        type=int,
        default=2,
        help="worker processes of the phase 1-2 server, as `replydesk serve --workers N` (one per core "
        "of the 2-core target); the replicas run one each",
    )
    p.add_argument("--no-batch", action="store_true", help="serve with REPLYDESK_BATCH_PREDICTIONS=0")
    p.add_argument("--skip", nargs="*", default=[], choices=["latency", "throughput", "replicas"])
    args = p.parse_args()
    if args.no_batch:
        os.environ["REPLYDESK_BATCH_PREDICTIONS"] = "0"  # the servers inherit it
    logging.basicConfig(level=logging.WARNING)
    texts = load_texts()
    work = args.var_dir / "bench"
    work.mkdir(parents=True, exist_ok=True)
    log_path = work / "service_load.log"
    admin_key = None

    def admin_for(url: str) -> str | None:
        if not args.version:
            return None
        engine = make_engine(url)
        with make_sessionmaker(engine)() as session:
            _, secret = create_key(session=session, role="admin", name="benchmark-admin")
        engine.dispose()
        return secret

    if not {"latency", "throughput"} <= set(args.skip):
        with fresh_schema(args.postgres_url, "rd_bench") if args.db == "postgres" else _sqlite(work) as db:
            key = prepare(db)
            admin_key = admin_for(db)
            with server(db, args.var_dir, log_path, args.workers) as (url, pid):
                model = wait_for_model(url, args.allow_no_model, args.version, admin_key)
                print(
                    f"model: {model}; database: {args.db}; server: replydesk serve --workers {args.workers}; "
                    f"clients: {args.clients}; load: {os.getloadavg()}"
                )
                asyncio.run(drive(url, key, texts, args.clients, 5, None))  # warm-up
                if "latency" not in args.skip:
                    t = asyncio.run(drive(url, key, texts, args.clients, args.latency_seconds, args.rate))
                    print(
                        f"message -> decision at {args.clients} clients, {args.rate:.0f} msg/s offered: "
                        f"p50 {pct(t.latencies, 50) * 1000:.1f} ms, p99 {pct(t.latencies, 99) * 1000:.1f} ms "
                        f"({t.ok} messages, {t.errors} errors)"
                    )
                if "throughput" not in args.skip:
                    start, cpu = time.monotonic(), tree_cpu_seconds(pid)
                    t = asyncio.run(drive(url, key, texts, args.clients, args.duration, None))
                    took, cpu = time.monotonic() - start, tree_cpu_seconds(pid) - cpu
                    print(
                        f"sustained over {took:.0f} s at {args.clients} clients: {t.ok / took:.1f} msg/s, "
                        f"{t.errors} errors (p50 {pct(t.latencies, 50) * 1000:.0f} ms under saturation)"
                    )
                    if t.ok:
                        print(
                            f"server CPU per message (all its processes): {cpu / t.ok * 1000:.1f} ms, "
                            f"so about {1 / (cpu / t.ok):.0f} msg/s per free core"
                        )
    if "replicas" not in args.skip:
        with fresh_schema(args.postgres_url, "rd_bench") as db:
            key = prepare(db)
            admin_key = admin_for(db)
            with server(db, args.var_dir, log_path, 1) as (one, _):
                wait_for_model(one, args.allow_no_model, args.version, admin_key)
                with server(db, args.var_dir, log_path, 1) as (two, _):
                    wait_for_model(two, args.allow_no_model, None, None)
                    result = asyncio.run(replica_posts([one, two], key, texts, args.posts, args.clients))
            lost, duplicated = count_stored(db, args.posts)
            split = sum(len(ids) > 1 for ids in result["answers"].values())
            print(
                f"two replicas on PostgreSQL, {args.posts} posts sent twice at once (+10% late retries): "
                f"lost {lost}, duplicated {duplicated}, retries answered with another id {split}, "
                f"requests failed after 5 tries {result['failures']}"
            )
    print(f"machine load after the run (1/5/15 min): {os.getloadavg()}")


@contextmanager
def _sqlite(work: Path):
    path = work / f"service_load_{uuid.uuid4().hex[:8]}.db"
    try:
        yield f"sqlite:///{path}"
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
