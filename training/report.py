"""Pictures and an HTML page for an evaluation report: reliability diagram, risk-coverage
curve and confusion matrix (PNG), and ``index.html`` showing them beside the numbers."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only; no display on servers
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

PICTURES = {
    "reliability.png": "Reliability diagram (15 bins, top label)",
    "risk_coverage.png": "Risk-coverage curve",
    "confusion.png": "Confusion matrix (rows: true intent, normalised)",
}


def write_pictures(
    report: dict[str, Any], labels: list[str], y: np.ndarray, top: np.ndarray, conf: np.ndarray, out: Path
) -> None:
    """Draw the three PNGs and write ``index.html`` into ``out``."""
    correct = top == y
    _reliability(conf, correct, report["ece"], out / "reliability.png")
    _risk_coverage(conf, correct, report["coverage_at_precision"], out / "risk_coverage.png")
    _confusion(labels, y, top, out / "confusion.png")
    (out / "index.html").write_text(_html(report), encoding="utf-8")


def _reliability(conf: np.ndarray, correct: np.ndarray, ece: float, path: Path, n_bins: int = 15) -> None:
    bins = np.clip((conf * n_bins).astype(int), 0, n_bins - 1)
    centers = (np.arange(n_bins) + 0.5) / n_bins
    acc = np.array([correct[bins == b].mean() if (bins == b).any() else np.nan for b in range(n_bins)])
    counts = np.bincount(bins, minlength=n_bins)
    fig, (ax, ax_n) = plt.subplots(2, 1, figsize=(5, 6), gridspec_kw={"height_ratios": [3, 1]}, sharex=True)
    ax.bar(centers, acc, width=1 / n_bins, edgecolor="black", alpha=0.7, label="accuracy")
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    ax.set_ylabel("accuracy")
    ax.set_title(f"Reliability (ECE {ece:.2%})")
    ax.legend(loc="upper left")
    ax_n.bar(centers, counts, width=1 / n_bins, color="tab:grey")
    ax_n.set_yscale("log")
    ax_n.set_xlabel("confidence")
    ax_n.set_ylabel("messages")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _risk_coverage(conf: np.ndarray, correct: np.ndarray, points: dict[str, Any], path: Path) -> None:
    order = np.argsort(-conf, kind="stable")
    errors = np.cumsum(~correct[order])
    n = np.arange(1, len(order) + 1)
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot(n / len(order), errors / n, label="answer the most confident first")
    for key, point in points.items():
        if point["precision"] is not None:
            ax.scatter(
                point["coverage"], 1 - point["precision"], zorder=3, label=f"thresholds for {key} precision"
            )
    ax.set_xlabel("coverage (share answered)")
    ax.set_ylabel("risk (error rate among answered)")
    ax.set_title("Risk-coverage")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _confusion(labels: list[str], y: np.ndarray, top: np.ndarray, path: Path) -> None:
    used = sorted(set(y.tolist()) | set(top.tolist()))
    pos = {c: i for i, c in enumerate(used)}
    matrix = np.zeros((len(used), len(used)))
    np.add.at(matrix, ([pos[c] for c in y], [pos[c] for c in top]), 1)
    matrix /= np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    size = max(5.0, len(used) * 0.16)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
    ticks = np.arange(len(used))
    fontsize = 6 if len(used) > 30 else 8
    ax.set_xticks(ticks, [labels[c] for c in used], rotation=90, fontsize=fontsize)
    ax.set_yticks(ticks, [labels[c] for c in used], fontsize=fontsize)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _confused(counts: dict[str, int]) -> str:
    return ", ".join(f"{label} ({n})" for label, n in counts.items())


def _html(report: dict[str, Any]) -> str:
    esc = html.escape
    summary = [
        ("model", f"{report['model_version']} ({report['backend']})"),
        ("test rows", f"{report['rows']} ({report['in_scope_rows']} in scope)"),
        ("accuracy", f"{report['accuracy']:.2%}"),
        ("macro F1", f"{report['macro_f1']:.2%}"),
        ("ECE (15 bins, top label)", f"{report['ece']:.2%}"),
        (
            "latency per message",
            f"p50 {report['latency_ms']['p50']:.1f} ms, p95 {report['latency_ms']['p95']:.1f} ms",
        ),
    ]
    for key, point in report["coverage_at_precision"].items():
        reached = "n/a" if point["precision"] is None else f"{point['precision']:.2%}"
        summary.append(
            (f"coverage at {key} precision", f"{point['coverage']:.2%} (precision reached {reached})")
        )
        bare = point.get("thresholds_only")
        if bare and bare["precision"] is not None:
            summary.append(
                (
                    f"coverage at {key} precision, out-of-scope flag off",
                    f"{bare['coverage']:.2%} (precision reached {bare['precision']:.2%})",
                )
            )
    if "oos" in report:
        oos = report["oos"]
        summary.append(("out-of-scope recall", f"{oos['recall']:.2%} ({oos['rows']} rows)"))
        summary.append(("in-scope accuracy with OOS flags", f"{oos['in_scope_accuracy']:.2%}"))
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in summary)
    worst = sorted(report["per_intent"].items(), key=lambda kv: kv[1]["f1"])
    intents = "".join(
        f"<tr><td>{esc(name)}</td><td>{m['precision']:.2f}</td><td>{m['recall']:.2f}</td><td>{m['f1']:.2f}</td>"
        f"<td>{m['support']}</td><td>{esc(_confused(m['confused_with']))}</td></tr>"
        for name, m in worst
    )
    figures = "".join(
        f'<figure><img src="{f}" alt="{esc(t)}"><figcaption>{esc(t)}</figcaption></figure>'
        for f, t in PICTURES.items()
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ReplyDesk evaluation {esc(report["model_version"])}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;
padding:3px 8px;text-align:left}}figure{{display:inline-block;vertical-align:top}}
img{{max-width:700px}}</style>
</head><body><h1>Reply classifier evaluation</h1><table>{rows}</table><h2>Pictures</h2>{figures}
<h2>Per intent (worst F1 first)</h2><table><tr><th>intent</th><th>precision</th><th>recall</th><th>F1</th>
<th>support</th><th>confused with</th></tr>{intents}</table></body></html>
"""
