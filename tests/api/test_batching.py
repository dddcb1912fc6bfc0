"""Micro-batching keeps each caller's own prediction, batches under load, and isolates failures."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from models.types import Prediction
from service.batching import MicroBatcher
from tests.api.fakes import FakeClassifier


class SlowBatchClassifier(FakeClassifier):
    """Each batch takes 50 ms, however many texts it holds (like an encoder on a CPU)."""

    def __init__(self) -> None:
        super().__init__(version="batchy")
        self.batch_sizes: list[int] = []

    def predict_batch(self, texts: list[str]) -> list[Prediction]:
        self.batch_sizes.append(len(texts))
        time.sleep(0.05)
        if any("crash" in t for t in texts):
            raise RuntimeError("one text broke the batch")
        return [self.predict(t) for t in texts]


def test_concurrent_callers_share_batches_and_get_their_own_answer():
    model = SlowBatchClassifier()
    batcher = MicroBatcher(model)
    texts = ["my card", "pin", "weather", "card again"] * 4
    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(batcher.predict, texts))
    assert [r.intent for r in results] == [model.predict(t).intent for t in texts]
    assert sum(model.batch_sizes) == len(texts)
    assert len(model.batch_sizes) < len(texts)  # at least one batch held several messages
    batcher.close()


def test_a_failing_text_fails_alone():
    batcher = MicroBatcher(SlowBatchClassifier())
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(batcher.predict, t) for t in ("card", "crash now", "pin", "card")]
    with pytest.raises(RuntimeError, match="model exploded"):
        futures[1].result()
    assert [f.result().intent for i, f in enumerate(futures) if i != 1] == [
        "card_arrival",
        "change_pin",
        "card_arrival",
    ]
    batcher.close()


def test_close_stops_the_worker():
    batcher = MicroBatcher(SlowBatchClassifier())
    assert batcher.predict("card").model_version == "batchy"
    batcher.close()
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(t.name == "batcher-batchy" for t in threading.enumerate()):
        time.sleep(0.01)
    assert not any(t.name == "batcher-batchy" and t.is_alive() for t in threading.enumerate())


def test_the_registry_serves_through_a_batcher_when_asked(settings):
    from service.crud.models import activate
    from service.db import make_engine, make_sessionmaker
    from service.providers import RegistryClassifierProvider
    from tests.api.test_models_and_ops import save_model

    save_model(settings.models_dir, "b-1", "2026-01-01T00:00:00Z")
    save_model(settings.models_dir, "b-2", "2026-02-01T00:00:00Z")
    engine = make_engine(settings.effective_database_url)
    sessions = make_sessionmaker(engine)
    provider = RegistryClassifierProvider(
        sessions, settings.models_dir, loader=lambda path: SlowBatchClassifier(), check_every=0.0, batch=True
    )
    first = provider.current()
    assert isinstance(first, MicroBatcher) and first.predict("pin").intent == "change_pin"
    with sessions() as session:
        activate(session=session, version="b-1", actor="test")
    second = provider.current()
    assert isinstance(second, MicroBatcher) and second is not first
    first._worker.join(timeout=2)
    assert not first._worker.is_alive()  # the old model's worker stopped
    engine.dispose()
