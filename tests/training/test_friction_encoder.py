"""Fine-tuning the tone encoder, alone and inside a whole friction training."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from models.friction import FrictionDetector
from models.friction.tone import TrainedTone
from models.friction.tone_encoder import EncoderEnsemble
from tests.models.test_tone_encoder import ANGRY, CALM, _tone, _trained_tone, tiny_bert
from training.friction_encoder import ToneEncoderConfig, emotion_matrix, fine_tune
from training.friction_train import FrictionTrainConfig, train_detector


@pytest.fixture(scope="module")
def bert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_bert(tmp_path_factory.mktemp("tone") / "tiny-bert")


def test_fine_tuning_learns_the_friction_label(bert_dir: Path) -> None:
    texts = (CALM + ANGRY) * 8
    labels = ([0] * len(CALM) + [1] * len(ANGRY)) * 8
    emotions = ["neutral", "joy", "neutral", "sadness", "anger", "anger,annoyance", "", ""]
    aux, names = emotion_matrix(emotions * 8)
    known = np.tile(np.array([True] * 6 + [False] * 2), 8)
    cfg = ToneEncoderConfig(
        layers=2, epochs=15, learning_rate=3e-3, batch_size=8, encoder=str(bert_dir), quantize="none"
    )
    before = _tone(bert_dir, "none")
    tone = fine_tune(texts, labels, aux, known, names, cfg, progress=False)
    gap = tone.logits(ANGRY).mean() - tone.logits(CALM).mean()
    assert gap > 1.0, gap
    assert abs(before.logits(ANGRY).mean() - before.logits(CALM).mean()) < gap


def test_fine_tune_rejects_mismatched_rows(bert_dir: Path) -> None:
    cfg = ToneEncoderConfig(layers=1, encoder=str(bert_dir))
    with pytest.raises(ValueError, match="one row per message"):
        fine_tune(["a", "b"], [0], np.zeros((2, 0)), np.ones(2, bool), [], cfg, progress=False)
    with pytest.raises(ValueError, match="no messages"):
        fine_tune([], [], np.zeros((0, 0)), np.ones(0, bool), [], cfg, progress=False)


def test_emotion_matrix() -> None:
    m, names = emotion_matrix(["anger,annoyance", "neutral", ""])
    assert names == ["anger", "annoyance", "neutral"]
    assert m.tolist() == [[1, 1, 0], [0, 0, 1], [0, 0, 0]]


@pytest.mark.slow
def test_train_detector_with_a_tone_encoder(tmp_path: Path) -> None:
    """A whole training with two (tiny) encoders: the blend and the band are fitted, saved, and load
    to the same scores."""
    enc = tiny_bert(tmp_path / "enc", layers=2)
    cfg = FrictionTrainConfig(
        goemotions_limit=300,
        max_char_features=5_000,
        n_synthetic_train=100,
        n_synthetic_dev=60,
        dev_conversations=(),
        tone_encoder=str(enc),
        tone_encoder_layers=1,
        tone_encoder_epochs=1,
        tone_encoders=2,
    )
    detector = train_detector(cfg)
    assert isinstance(detector.tone, TrainedTone) and isinstance(detector.tone.encoder, EncoderEnsemble)
    low, high = detector.tone.encoder_band
    assert 0.0 <= low <= high <= 1.0
    detector.save(tmp_path / "det")
    saved = json.loads((tmp_path / "det" / "friction.json").read_text())
    assert len(saved["tone"]["stack"]) == 3 and saved["tone"]["encoder_count"] == 2
    assert saved["tone"]["encoder_band"] == [low, high]
    for member in ("tone_encoder", "tone_encoder_2"):
        assert (tmp_path / "det" / member / "head.pt").is_file()
    assert saved["training"]["config"]["tone_encoder_layers"] == 1
    loaded = FrictionDetector.load(tmp_path / "det")
    texts = ["This is useless!!", "Hvor er min pakke?", "thanks", "you never help", "my card was stolen"]
    np.testing.assert_allclose(loaded.tone.predict_proba(texts), detector.tone.predict_proba(texts))
    assert [len(m.net.encoder.encoder.layer) for m in loaded.tone.encoder.members] == [1, 1]
    # Two seeds, two different encoders; the ensemble scores their mean.
    first, second = loaded.tone.encoder.members
    assert not np.allclose(first.logits(texts), second.logits(texts))
    np.testing.assert_allclose(
        loaded.tone.encoder.logits(texts), (first.logits(texts) + second.logits(texts)) / 2
    )


def test_an_ensemble_needs_two_members(bert_dir: Path) -> None:
    with pytest.raises(ValueError, match="at least two"):
        EncoderEnsemble([_tone(bert_dir, "none")])
    with pytest.raises(ValueError, match="at least 1"):
        train_detector(FrictionTrainConfig(tone_encoders=0))


def test_a_detector_without_its_encoder_files_does_not_load(tmp_path: Path) -> None:
    """A saved blend whose encoder directory went missing is an error, not a silent TF-IDF-only model."""
    tone = _trained_tone(_tone(tiny_bert(tmp_path / "enc", layers=1), "int8"), (0.5, 0.5, 0.0))
    FrictionDetector(tone, {}, 0.0).save(tmp_path / "det")
    shutil.rmtree(tmp_path / "det" / "tone_encoder")
    with pytest.raises(FileNotFoundError, match="no tone encoder"):
        FrictionDetector.load(tmp_path / "det")


def test_train_friction_names_a_bad_encoder_before_training(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from replydesk.cli import app

    enc = tiny_bert(tmp_path / "enc", layers=2)
    out = tmp_path / "det"
    result = CliRunner().invoke(
        app, ["train-friction", "--out", str(out), "--encoder", str(enc), "--tone-encoder-layers", "3"]
    )
    assert result.exit_code == 2 and "between 1 and 2" in result.output
    result = CliRunner().invoke(
        app, ["train-friction", "--out", str(out), "--encoder", str(tmp_path / "none")]
    )
    assert result.exit_code == 2 and "no config.json" in result.output
    assert not out.exists()  # nothing written


def test_a_saved_ensemble_missing_a_member_or_with_a_bad_band_does_not_load(tmp_path: Path) -> None:
    enc = tiny_bert(tmp_path / "enc", layers=1)
    ensemble = EncoderEnsemble([_tone(enc, "int8"), _tone(enc, "int8")])
    tone = _trained_tone(ensemble, (0.5, 0.5, 0.0))
    tone.encoder_band = (0.1, 0.7)
    FrictionDetector(tone, {}, 0.0).save(tmp_path / "det")
    saved = json.loads((tmp_path / "det" / "friction.json").read_text())
    assert saved["tone"]["encoder_count"] == 2 and saved["tone"]["encoder_band"] == [0.1, 0.7]
    assert FrictionDetector.load(tmp_path / "det").tone.encoder_band == (0.1, 0.7)
    broken = shutil.copytree(tmp_path / "det", tmp_path / "reversed")
    saved["tone"]["encoder_band"] = [0.7, 0.1]
    (broken / "friction.json").write_text(json.dumps(saved))
    with pytest.raises(ValueError, match="encoder band"):
        FrictionDetector.load(broken)
    shutil.rmtree(tmp_path / "det" / "tone_encoder_2")
    with pytest.raises(FileNotFoundError, match="tone_encoder_2"):
        FrictionDetector.load(tmp_path / "det")
