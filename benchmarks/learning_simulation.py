"""Does ReplyDesk learn from its agents? A simulation through the running service.

1. Train a model on ``--shots`` examples per BANKING77 intent (10 by default) and make it active.
2. Start the real service (uvicorn on 127.0.0.1, a temporary SQLite database, channel and agent
   keys; auto-replies off so every message reaches an agent).
3. Stream ``--stream`` messages from the rest of the training split through it. A simulated agent
   who knows the true label approves a right suggestion and otherwise chooses the right intent
   (an offered alternative or, when none is right, any intent of the answer library).
4. Every ``--every`` messages run the learning loop as ``replydesk retrain`` does (export redacted
   feedback, train a challenger on the few-shot base + feedback, compare with the champion on
   held-out feedback, promote through the gates), and evaluate the active model on the official
   test split. The service picks up each promoted model without a restart.

Prints one row per round: test accuracy, ECE (15 bins), coverage at 99% precision (best
confidence cut-off, the risk-coverage view) and the auto-reply coverage/precision at the model's
own stored thresholds. Example (fast): ``python benchmarks/learning_simulation.py --backend tfidf``.
The issue's target is ``--backend transformer`` (slow on 2 CPU cores).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import httpx
from tqdm import tqdm

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from models.answers import Answer, AnswerLibrary  # noqa: E402
from models.classifier import load_classifier  # noqa: E402
from replydesk.loop import store  # noqa: E402
from replydesk.loop.gates import GateConfig  # noqa: E402
from replydesk.loop.retrain import RetrainRequest, retrain  # noqa: E402
from replydesk.loop.scoring import score_predictions  # noqa: E402
from replydesk.settings import Settings  # noqa: E402
from service.crud.keys import create_key  # noqa: E402
from service.crud.models import active_model  # noqa: E402
from service.db import make_engine, make_sessionmaker  # noqa: E402
from service.migrate import upgrade  # noqa: E402
from training.data import read_examples  # noqa: E402
from training.train import TrainConfig, train_classifier  # noqa: E402

log = logging.getLogger("learning_simulation")


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", default="transformer", choices=["tfidf", "hybrid", "transformer"])
    p.add_argument("--train", type=Path, default=REPO / "data" / "banking77" / "train.csv")
    p.add_argument("--test", type=Path, default=REPO / "data" / "banking77" / "test.csv")
    p.add_argument("--answers", type=Path, default=REPO / "data" / "answers" / "banking77.yaml")
    p.add_argument("--shots", type=int, default=10, help="Starting examples per intent.")
    p.add_argument("--stream", type=int, default=3000, help="Messages streamed through the service.")
    p.add_argument("--every", type=int, default=1000, help="Retrain after this many handled messages.")
    p.add_argument("--intents", type=int, default=0, help="Only the first N intents (0: all).")
    p.add_argument("--test-limit", type=int, default=0, help="Evaluate on at most N test rows (0: all).")
    p.add_argument("--epochs", type=int, default=None, help="Transformer epochs (default: TrainConfig's).")
    # The product's default (``replydesk retrain``). Earlier runs held out 0.1: the gates then judged
    # rounds 2-3 on 180-270 rows, and the strict accuracy gate kept both challengers out.
    p.add_argument("--feedback-holdout", type=float, default=0.2, help="Feedback held out (gates).")
    p.add_argument("--force", action="store_true", help="Promote every challenger (gates reported only).")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workdir", type=Path, default=None, help="Keep the run here (default: a temp dir).")
    return p.parse_args()


@dataclass
class Data:
    start: list[tuple[str, str]]
    stream: list[tuple[str, str]]
    test: list[tuple[str, str]]


def load_data(args: argparse.Namespace) -> Data:
    train = [(e.text, e.label) for e in read_examples(args.train)]
    test = [(e.text, e.label) for e in read_examples(args.test)]
    labels = sorted({y for _, y in train})
    if args.intents:
        keep = set(labels[: args.intents])
        train, test = [r for r in train if r[1] in keep], [r for r in test if r[1] in keep]
    rng = random.Random(args.seed)
    rng.shuffle(train)
    per_label: dict[str, int] = defaultdict(int)
    start, rest = [], []
    for row in train:
        (start if per_label[row[1]] < args.shots else rest).append(row)
        per_label[row[1]] += 1
    if args.test_limit:
        test = random.Random(args.seed).sample(test, min(args.test_limit, len(test)))
    return Data(start, rest[: args.stream], test)


def answer_library(path: Path, labels: set[str], out: Path) -> Path:
    """The shipped library when it covers every label, else one generic reply per label."""
    if path.is_file() and labels <= set(AnswerLibrary.load(path).answers):
        return path
    replies = {y: Answer(y, y, f"Hi {{customer_name}}, about {y}: ...") for y in labels}
    lib = AnswerLibrary("simulation", replies)
    out.write_text(lib.to_yaml(), encoding="utf-8")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_service(env: dict[str, str], port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, cwd=REPO)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the service exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("the service did not become ready within 120 s")


class Agent:
    """Sends each message as a new conversation and acts on the suggestion knowing the true label."""

    def __init__(self, base_url: str, channel_key: str, agent_key: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=60)
        self.channel = {"Authorization": f"Bearer {channel_key}"}
        self.agent = {"Authorization": f"Bearer {agent_key}"}

    def handle(self, text: str, label: str) -> str:
        conv = self.http.post("/v1/conversations", json={"channel": "sim"}, headers=self.channel)
        conv.raise_for_status()
        out = self.http.post(f"/v1/conversations/{conv.json()['id']}/messages", json={"text": text},
                             headers=self.channel)  # fmt: skip
        out.raise_for_status()
        body = out.json()
        pred, sid = body.get("prediction"), body.get("suggestion_id")
        if pred is None or sid is None:
            return "no suggestion"
        if pred["intent"] == label:
            act, payload = "approve", {}
        elif label in {a["intent"] for a in pred["alternatives"]}:
            act, payload = "choose", {"intent": label}
        else:
            act, payload = "choose from library", {"intent": label}
        verb = act.split()[0]
        self.http.post(f"/v1/suggestions/{sid}/{verb}", json=payload, headers=self.agent).raise_for_status()
        return act


def evaluate(model_dir: Path, test: list[tuple[str, str]]) -> dict[str, float | None]:
    model = load_classifier(model_dir)
    score = score_predictions(model.predict_batch([t for t, _ in test]), [y for _, y in test])
    return {"accuracy": score.accuracy, "ece": score.ece, "cov99": score.coverage_at_99,
            "auto_cov": score.coverage, "auto_prec": score.auto_precision}  # fmt: skip


def _pct(x: float | None) -> str:
    return "  –  " if x is None else f"{100 * x:5.1f}"


HEADER = (
    f"{'round':>5} {'handled':>7} {'fb rows':>7} {'promoted':>12} {'acc %':>6} {'ECE':>6} {'cov@99 %':>8} "
    f"{'auto cov %':>10} {'auto prec %':>11} {'train s':>7}  agent actions (this round)"
)


def row(rnd: int, handled: int, fb: int, promoted: str, m: dict, train_s: float, acts: Counter) -> str:
    actions = ", ".join(f"{k} {v}" for k, v in sorted(acts.items())) or "–"
    return (
        f"{rnd:>5} {handled:>7} {fb:>7} {promoted:>12} {_pct(m['accuracy']):>6} {m['ece']:6.3f} "
        f"{_pct(m['cov99']):>8} {_pct(m['auto_cov']):>10} {_pct(m['auto_prec']):>11} {train_s:7.0f}"
        f"  {actions}"
    )


def gate_line(report: dict, rejected: dict[str, float | None] | None) -> str:
    """What the gates saw: both models' accuracy on the held-out feedback and, for a challenger the
    gates kept out, its test accuracy (reported only, never used to decide), to tell a worse
    challenger from a better one that lost on a small held-out sample."""
    held = report["held_out"]
    champ, chall = held.get("champion") or {}, held.get("challenger") or {}
    text = f"#   held-out rows {chall.get('n', 0)}: challenger acc {_pct(chall.get('accuracy'))}%"
    if champ:
        text += f", champion acc {_pct(champ.get('accuracy'))}%"
    if rejected is not None:
        text += f"; rejected challenger on test: acc {_pct(rejected['accuracy'])}%"
        text += f", cov@99 {_pct(rejected['cov99'])}%"
    return text


def main() -> None:
    args = parse_args()
    # A plain SIGTERM would skip the ``finally`` below and leave the service running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    data = load_data(args)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="replydesk-sim-"))
    work.mkdir(parents=True, exist_ok=True)
    labels = {y for _, y in data.start}
    settings = Settings(
        var_dir=work / "var",
        database_url=f"sqlite:///{work / 'sim.db'}",
        answers_path=answer_library(args.answers, labels, work / "answers.yaml"),
        auto_reply_enabled=False,
    )
    base_csv = work / "start.csv"
    base_csv.write_text("text,label\n" + "".join(f'"{t.replace(chr(34), chr(34) * 2)}",{y}\n'
                                                 for t, y in data.start), encoding="utf-8")  # fmt: skip
    upgrade(settings.effective_database_url)
    config = TrainConfig(backend=args.backend, seed=args.seed, progress=False,
                         **({"epochs": args.epochs} if args.epochs else {}))  # fmt: skip
    print(f"# learning simulation: backend {args.backend}, {len(labels)} intents, {args.shots} shots "
          f"({len(data.start)} rows), stream {len(data.stream)}, retrain every {args.every}, "
          f"test rows {len(data.test)}, workdir {work}", flush=True)  # fmt: skip

    started = time.perf_counter()
    answers = AnswerLibrary.load(settings.answers_path)
    start = f"{args.backend}-start"
    model_dir = train_classifier(
        config, data.start, answers=answers, out_dir=settings.models_dir / start, version=start
    )
    train_s = time.perf_counter() - started
    engine = make_engine(settings.effective_database_url)
    with make_sessionmaker(engine)() as session:
        store.register_models(session, settings.models_dir)
        store.promote(session, start, "simulation", f"{args.shots}-shot starting model")
        _, channel_key = create_key(session=session, role="channel", name="sim-channel")
        _, agent_key = create_key(session=session, role="agent", name="sim-agent")
    engine.dispose()

    env = os.environ | {
        "REPLYDESK_VAR_DIR": str(settings.var_dir), "REPLYDESK_DATABASE_URL": settings.effective_database_url,
        "REPLYDESK_ANSWERS_PATH": str(settings.answers_path), "REPLYDESK_AUTO_REPLY_ENABLED": "false",
        "REPLYDESK_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    port = free_port()
    service = start_service(env, port)
    try:
        agent = Agent(f"http://127.0.0.1:{port}", channel_key, agent_key)
        print(HEADER, flush=True)
        first = metrics = evaluate(model_dir, data.test)
        print(row(0, 0, 0, "start", first, train_s, Counter()), flush=True)
        handled, rnd = 0, 0
        while handled < len(data.stream):
            rnd += 1
            chunk = data.stream[handled : handled + args.every]
            acts = Counter(agent.handle(t, y) for t, y in tqdm(chunk, desc=f"round {rnd}", leave=False))
            handled += len(chunk)
            result = retrain(
                RetrainRequest(
                    base=base_csv, train_config=config, holdout_fraction=0.0,
                    feedback_holdout_fraction=args.feedback_holdout, shadow_limit=args.every,
                    force=args.force, reason="simulation: promote every round" if args.force else None,
                    actor="simulation", gates=GateConfig(),
                ),
                settings,
            )  # fmt: skip
            failed = ",".join(f.gate for f in result.verdict.failures)
            promoted = ("yes" if result.verdict.passed else "forced") if result.promoted else f"no:{failed}"
            with store.open_session(settings.effective_database_url) as session:
                active = active_model(session=session)
            assert active is not None  # the start model was promoted above
            report = json.loads((result.report_dir / "report.json").read_text(encoding="utf-8"))
            fb = int(report["data"]["feedback_train"])
            metrics = evaluate(Path(active.path), data.test)
            print(row(rnd, handled, fb, promoted, metrics, result.train_seconds, acts), flush=True)
            rejected = None if result.promoted else evaluate(result.model_dir, data.test)
            print(gate_line(report, rejected), flush=True)
            time.sleep(1.5)  # let the service notice the new active model before the next round
    finally:
        service.terminate()
        service.wait(timeout=30)
    gain = 100 * (metrics["cov99"] - first["cov99"])
    print(f"# start accuracy {_pct(first['accuracy'])}% (target, transformer: >= 85%); after {handled} "
          f"agent-handled messages {_pct(metrics['accuracy'])}% (target >= 91%); coverage at 99% precision "
          f"{gain:+.1f} points (target >= +20)")  # fmt: skip
    print(f"# total {time.perf_counter() - started:.0f} s; reports under {settings.var_dir / 'reports'}")


if __name__ == "__main__":
    main()
