"""``load_classifier`` refuses what is not a complete saved model, naming the problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.classifier import ModelLoadError, load_classifier


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="no model.json"):
        load_classifier(tmp_path / "nothing")


def test_invalid_json(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text("{not json")
    with pytest.raises(ModelLoadError, match="not valid JSON"):
        load_classifier(tmp_path)


def test_unknown_backend(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text(json.dumps({"backend": "gpt", "labels": ["a"]}))
    with pytest.raises(ModelLoadError, match="unknown backend 'gpt'"):
        load_classifier(tmp_path)


def test_missing_weights(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text(
        json.dumps({"backend": "tfidf", "backend_params": {"head": "head.joblib"}})
    )
    with pytest.raises(ModelLoadError, match="incomplete"):
        load_classifier(tmp_path)
