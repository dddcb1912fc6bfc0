"""``replydesk train`` / ``replydesk evaluate``: an end-to-end run on toy data and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replydesk.cli import app
from tests.training.test_classifier_data import tiny_library, toy_rows, write_csv

runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("cli")
    library = root / "answers.yaml"
    library.write_text(tiny_library().to_yaml(), encoding="utf-8")
    test_rows = toy_rows(60, seed=9, noise=0.0) + [("what is the weather like on mars", "oos")] * 3
    return {
        "answers": library,
        "train": write_csv(root / "train.csv", toy_rows(300)),
        "test": write_csv(root / "test.csv", test_rows),
        "model": root / "model",
        "report": root / "report",
    }


@pytest.fixture(scope="module")
def trained(files: dict[str, Path]) -> Path:
    args = [
        "train",
        "--backend",
        "tfidf",
        "--data",
        str(files["train"]),
        "--answers",
        str(files["answers"]),
        "--out",
        str(files["model"]),
        "--folds",
        "3",
        "--quiet",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(str(files["model"]))
    return files["model"]


def test_train_then_evaluate_writes_the_report(trained: Path, files: dict[str, Path]) -> None:
    args = [
        "evaluate",
        "--model",
        str(trained),
        "--data",
        str(files["test"]),
        "--out",
        str(files["report"]),
        "--latency-samples",
        "20",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads((files["report"] / "report.json").read_text())
    assert report["accuracy"] > 0.9
    assert set(report["coverage_at_precision"]) == {"0.95", "0.99"}
    for point in report["coverage_at_precision"].values():  # the out-of-scope flag only takes answers away
        assert point["thresholds_only"]["coverage"] >= point["coverage"]
        # ... and the more of it the held-out rate allows, the less is answered: the trade-off with recall
        by_rate = point["by_max_reject"]
        assert set(by_rate) == set(report["oos"]["by_max_reject"])
        covered = [by_rate[k]["coverage"] for k in sorted(by_rate, key=float)]
        assert covered == sorted(covered, reverse=True)
        assert covered[0] <= point["thresholds_only"]["coverage"]
    assert set(report["oos"]) >= {"recall", "in_scope_accuracy"} and report["oos"]["rows"] == 3
    curve = report["oos"]["by_max_reject"]
    assert curve["0.05"]["recall"] == report["oos"]["recall"]
    recalls = [curve[k]["recall"] for k in sorted(curve, key=float)]
    assert recalls == sorted(recalls)  # flagging more in-scope messages never catches fewer oos ones
    assert report["per_intent"]["refund"]["support"] == 15
    assert set(report["latency_ms"]) >= {"p50", "p95"}
    for name in ("reliability.png", "risk_coverage.png", "confusion.png", "index.html"):
        assert (files["report"] / name).stat().st_size > 0, name
    assert "coverage at 0.99 precision" in (files["report"] / "index.html").read_text()


def _fails(args: list[str], *needles: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for needle in needles:
        assert needle in result.stderr, result.stderr


def test_train_errors_are_clear(tmp_path: Path, files: dict[str, Path]) -> None:
    base = ["train", "--answers", str(files["answers"]), "--out", str(tmp_path / "m"), "--quiet"]
    _fails([*base, "--data", str(tmp_path / "missing.csv")], "not found", "missing.csv")
    no_cols = tmp_path / "cols.csv"
    no_cols.write_text("message,intent_id\nhi,a\n")
    _fails([*base, "--data", str(no_cols)], "'text' column")
    empty = write_csv(tmp_path / "empty.csv", [])
    _fails([*base, "--data", str(empty)], "no rows")
    _fails([*base, "--data", str(files["train"]), "--backend", "bert"], "unknown backend 'bert'")
    unanswered = write_csv(tmp_path / "u.csv", [*toy_rows(40), ("close my account", "close_account")] * 2)
    _fails([*base, "--data", str(unanswered), "--backend", "tfidf"], "close_account", "--allow-unanswered")
    _fails([*base, "--data", str(files["train"]), "--answers", str(tmp_path / "none.yaml")], "answer library")
    assert not (tmp_path / "m").exists()


def test_evaluate_errors_are_clear(tmp_path: Path, trained: Path, files: dict[str, Path]) -> None:
    unseen = write_csv(tmp_path / "unseen.csv", [("close my account", "close_account"), ("hi", "refund")])
    _fails(
        ["evaluate", "--model", str(trained), "--data", str(unseen), "--out", str(tmp_path / "r")],
        "never saw",
        "close_account",
    )
    _fails(["evaluate", "--model", str(tmp_path), "--data", str(files["test"])], "model.json")
    only_oos = write_csv(tmp_path / "oos.csv", [("weather on mars", "oos")])
    _fails(
        ["evaluate", "--model", str(trained), "--data", str(only_oos), "--out", str(tmp_path / "r")],
        "no in-scope rows",
    )
    _fails(["evaluate", "--model", str(trained), "--data", str(tmp_path / "nope.csv")], "nope.csv")
    assert not (tmp_path / "r").exists()
