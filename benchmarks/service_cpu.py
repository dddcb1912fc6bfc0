"""CPU milliseconds per customer message inside the service, where they go, and why.

Wall-clock figures on a shared machine mostly measure the neighbours; process CPU time does
not. This builds the real app in-process (real classifier and friction detector from
``--var-dir``, a fresh SQLite file or, with ``--postgres-url``, a fresh PostgreSQL schema), posts
``--messages`` customer messages one after another (``--turns`` per conversation) through
Starlette's test client, and prints the median CPU ms per message over ``--rounds`` rounds, and
the SQL statements per message (deterministic, so it shows a saved round trip even when the
machine is too busy for CPU time to). To see where the time goes, run it under
``py-spy record -f raw`` (all threads: the routes run in a thread pool and the classifier in the
micro-batcher's thread; ``--gil`` keeps the samples of the thread holding the GIL). Example:
``python benchmarks/service_cpu.py --var-dir var --messages 300``.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import event  # noqa: E402

from benchmarks.pg_schema import fresh_schema  # noqa: E402
from replydesk.settings import Settings  # noqa: E402
from service.app import create_app  # noqa: E402
from service.crud.keys import create_key  # noqa: E402
from service.migrate import upgrade  # noqa: E402


def load_texts() -> list[str]:
    with (REPO / "data" / "banking77" / "test.csv").open(encoding="utf-8") as f:
        return [row["text"] for row in csv.DictReader(f)]


def post_messages(client: TestClient, key: str, texts: list[str], n: int, turns: int, seed: int) -> None:
    """``n`` customer messages, a new conversation every ``turns``; any non-200 stops the run."""
    headers = {"Authorization": f"Bearer {key}"}
    rng = random.Random(seed)
    cid = None
    for i in range(n):
        if i % turns == 0:
            r = client.post("/v1/conversations", json={"customer_name": "Load"}, headers=headers)
            cid = r.json()["id"]
        body = {"text": rng.choice(texts), "idempotency_key": uuid.uuid4().hex}
        r = client.post(f"/v1/conversations/{cid}/messages", json=body, headers=headers)
        if r.status_code != 200:
            raise SystemExit(f"message {i} failed: {r.status_code} {r.text}")


@contextmanager
def database(postgres_url: str | None, tmp: Path) -> Iterator[str]:
    """A fresh SQLite file in ``tmp``, or a fresh schema on ``postgres_url`` (dropped afterwards)."""
    if not postgres_url:
        yield f"sqlite:///{tmp / 'cpu.db'}"
        return
    with fresh_schema(postgres_url, "rd_cpu") as url:
        yield url


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--var-dir", type=Path, default=REPO / "var", help="holds models/ and friction/")
    p.add_argument("--messages", type=int, default=300)
    p.add_argument("--turns", type=int, default=4, help="customer messages per conversation")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--postgres-url", help="a PostgreSQL URL: run on a fresh schema there instead of SQLite")
    args = p.parse_args()
    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    texts = load_texts()
    with tempfile.TemporaryDirectory() as tmp, database(args.postgres_url, Path(tmp)) as url:
        upgrade(url)
        settings = Settings(var_dir=args.var_dir, database_url=url)
        app = create_app(settings)
        with TestClient(app) as client:
            with app.state.sessions() as session:
                _, key = create_key(session=session, role="channel", name="cpu-bench")
            ready = client.get("/readyz").json()
            if not ready["ready"]:
                raise SystemExit(f"no model is ready: {ready['reasons']}")
            post_messages(client, key, texts, 20, args.turns, seed=0)  # warm-up
            statements = Counter()  # SQL statements sent: a deterministic figure, unlike CPU time
            event.listen(app.state.engine, "before_cursor_execute", lambda *a: statements.update(["sql"]))
            per_message = []
            for r in range(args.rounds):
                start = time.process_time()
                post_messages(client, key, texts, args.messages, args.turns, seed=r + 1)
                per_message.append((time.process_time() - start) / args.messages * 1000)
            print(
                f"model {ready['model_version']}: CPU per message (process, incl. test client) "
                f"median {statistics.median(per_message):.1f} ms over {args.rounds} rounds "
                f"{[round(x, 1) for x in per_message]}; SQL statements per message (incl. BEGIN "
                f"and 1 per {args.turns} for the new conversation) "
                f"{statements['sql'] / (args.messages * args.rounds):.2f}; load {os.getloadavg()}"
            )


if __name__ == "__main__":
    main()
