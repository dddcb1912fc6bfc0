"""Re-apply today's promotion gates to a finished learning simulation, round by round.

    .venv/bin/python benchmarks/rejudge_simulation.py --workdir var/s4/sim_tf

A simulation's challengers do not depend on which model was live: the simulated agent gives
every message its true intent (approving a right suggestion, choosing the right intent
otherwise), so each round's feedback rows and held-out split are the same whatever the champion
suggested, and training is seeded. A change to the gates can therefore be judged on a recorded run
without training again: each round's challenger (kept under the workdir's ``var/models``) is scored
against the champion that today's gates would have kept, on that round's held-out rows (rebuilt
from the simulation's database and checked against the counts the round recorded), and the
model that would be live after the round is evaluated on the official test split.

Prints one row per round: the verdict recorded during the run, today's verdict, and test accuracy,
ECE and coverage at 99% precision (best cut-off) of the model live after the round.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from models.classifier import ReplyClassifier, load_classifier  # noqa: E402
from replydesk.loop import store  # noqa: E402
from replydesk.loop.feedback import feedback_rows  # noqa: E402
from replydesk.loop.gates import GateConfig, check_gates  # noqa: E402
from replydesk.loop.retrain import RetrainRequest, split_rows  # noqa: E402
from replydesk.loop.scoring import ModelScore, score_predictions  # noqa: E402
from training.data import read_examples  # noqa: E402

log = logging.getLogger("rejudge_simulation")


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--workdir", type=Path, required=True, help="a learning_simulation.py --workdir")
    p.add_argument("--test", type=Path, default=REPO / "data" / "banking77" / "test.csv")
    p.add_argument("--feedback-holdout", type=float, default=0.2, help="as the simulation ran")
    return p.parse_args()


def score(model: ReplyClassifier, rows: list[tuple[str, str]]) -> ModelScore:
    return score_predictions(model.predict_batch([t for t, _ in rows]), [y for _, y in rows])


def started_at(version: str) -> datetime:
    """``transformer-20261122-163135-7f36`` -> the end of the second in which the round exported its
    feedback (UTC); the next round's messages come minutes later, after the training."""
    _, day, clock, _ = version.rsplit("-", 3)
    return datetime.strptime(day + clock, "%Y%m%d%H%M%S").replace(tzinfo=UTC) + timedelta(seconds=1)


def main() -> None:
    args = parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    work = args.workdir
    models_dir, reports = work / "var" / "models", sorted((work / "var" / "reports").glob("retrain-*"))
    if not reports:
        sys.exit(f"{work}: no retrain reports under var/reports (not a finished simulation workdir)")
    base = [(e.text, e.label) for e in read_examples(work / "start.csv")]
    test = [(e.text, e.label) for e in read_examples(args.test)]
    request = RetrainRequest(base=work / "start.csv", holdout_fraction=0.0,
                             feedback_holdout_fraction=args.feedback_holdout)  # fmt: skip
    with store.open_session(f"sqlite:///{work / 'sim.db'}") as session:
        records = store.load_action_records(session)
    start = next(p for p in models_dir.iterdir() if p.name.endswith("-start"))
    champion_dir, champion = start, load_classifier(start)
    tested: dict[Path, ModelScore] = {}

    def on_test(model_dir: Path, model: ReplyClassifier) -> ModelScore:
        if model_dir not in tested:
            tested[model_dir] = score(model, test)
        return tested[model_dir]

    first = on_test(start, champion)
    print(f"{'round':>5} {'fb rows':>7} {'recorded verdict':>38} {'today':>22} "
          f"{'acc %':>6} {'ECE':>6} {'cov@99 %':>8}")  # fmt: skip
    print(f"{0:>5} {0:>7} {'start':>38} {'start':>22} {100 * first.accuracy:6.1f} {first.ece:6.3f} "
          f"{100 * first.coverage_at_99:8.1f}")  # fmt: skip
    for rnd, report_dir in enumerate(reports, start=1):
        report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
        cutoff = started_at(report["challenger"])
        split = split_rows(base, feedback_rows(r for r in records if r.at < cutoff), request)
        if split.counts != report["data"]:
            sys.exit(f"round {rnd}: rebuilt rows {split.counts} differ from the recorded {report['data']}")
        challenger_dir = models_dir / report["challenger"]
        challenger = load_classifier(challenger_dir)
        verdict = check_gates(score(champion, split.held), score(challenger, split.held), GateConfig())
        recorded = ",".join(f["gate"] for f in report["gates"]["failures"]) or "passed"
        today = "passed" if verdict.passed else ",".join(f.gate for f in verdict.failures)
        if verdict.passed:
            champion_dir, champion = challenger_dir, challenger
        live = on_test(champion_dir, champion)
        fb = report["data"]["feedback_train"]
        print(f"{rnd:>5} {fb:>7} {recorded:>38} {today:>22} {100 * live.accuracy:6.1f} {live.ece:6.3f} "
              f"{100 * live.coverage_at_99:8.1f}", flush=True)  # fmt: skip
        if verdict.inconclusive_intents:
            print(f"#   below target within chance: {', '.join(verdict.inconclusive_intents)}")
    gain = 100 * (live.coverage_at_99 - first.coverage_at_99)
    print(f"# live after the last round: accuracy {100 * live.accuracy:.1f}% (target >= 91%), coverage "
          f"at 99% precision {gain:+.1f} points (target >= +20); "
          f"start {100 * first.accuracy:.1f}%")  # fmt: skip


if __name__ == "__main__":
    main()
