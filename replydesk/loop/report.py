"""The retrain comparison report: ``report.json`` (everything) and ``report.md`` (the short read).

Written under ``var/reports/retrain-<version>/`` so a person can see why a challenger was or was
not promoted; only redacted text or aggregate numbers go in.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _pct(value: Any) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _num(value: Any) -> str:
    return "–" if value is None else f"{value:.4f}"


def render_markdown(report: dict[str, Any]) -> str:
    """A one-screen summary: verdict, the two models side by side, failed gates, shadow replay."""
    champ = report["held_out"]["champion"] or {}
    chall = report["held_out"]["challenger"] or {}
    gates = report["gates"]
    if report["promoted"]:
        verdict = "promoted (forced: " + str(report["reason"]) + ")" if report["forced"] else "promoted"
    else:
        verdict = "not promoted"
    neg = report["negatives_repeated"]
    shadow = report["shadow"]
    lines = [
        f"# Retrain report: {report['challenger']}",
        "",
        f"Champion: {report['champion'] or 'none'} · backend {report['backend']} · by {report['actor']} · "
        f"training {report['train_seconds']} s · **{verdict}**",
        "",
        "Data: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report["data"].items()),
        "",
        "| held-out | champion | challenger |",
        "|---|---|---|",
        f"| rows | {champ.get('n', '–')} | {chall.get('n', '–')} |",
        f"| accuracy | {_pct(champ.get('accuracy'))} | {_pct(chall.get('accuracy'))} |",
        f"| ECE | {_num(champ.get('ece'))} | {_num(chall.get('ece'))} |",
        *(
            f"| {name} | {_pct(champ.get(key))} | {_pct(chall.get(key))} |"
            for name, key in (
                ("auto-reply coverage", "coverage"),
                ("auto-reply precision", "auto_precision"),
                ("coverage at 99% precision", "coverage_at_99"),
            )
        ),
        f"| rejected intents repeated | {_pct(neg['champion'])} | {_pct(neg['challenger'])} |",
        "",
        "## Gates: " + ("passed" if gates["passed"] else "FAILED"),
        "",
    ]
    lines += [f"- {f['gate']}: {f['message']}" for f in gates["failures"]] or ["- all gates passed"]
    if gates["unjudged_intents"]:
        lines.append(f"- too few auto-replies to judge: {', '.join(gates['unjudged_intents'])}")
    if gates.get("inconclusive_intents"):  # reports written before this field have none
        lines.append(
            f"- below target on held-out rows, within chance: {', '.join(gates['inconclusive_intents'])}"
        )
    lines += ["", f"## Shadow replay of {shadow.get('messages', 0)} recent live messages (nothing sent)", ""]
    for key, value in shadow.items():
        if key != "messages":
            lines.append(f"- {key.replace('_', ' ')}: {_pct(value) if isinstance(value, float) else value}")
    return "\n".join(lines) + "\n"


def write_report(directory: Path, report: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "report.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    (directory / "report.md").write_text(render_markdown(report), encoding="utf-8")
    return directory
