"""Micro-batching: concurrent requests share one ``predict_batch`` call.

An encoder forward pass over ten short texts costs little more than over one, so under load
one worker thread takes whatever messages are waiting (up to ``max_batch``) and classifies them
together. Nothing waits on purpose: an idle service classifies a lone message at once, and
batches grow only while the model is busy, which is exactly when they help.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from typing import Protocol

from models.types import Prediction

log = logging.getLogger(__name__)


class BatchModel(Protocol):
    version: str

    def predict(self, text: str) -> Prediction: ...

    def predict_batch(self, texts: list[str]) -> list[Prediction]: ...


class MicroBatcher:
    """Wraps a classifier with ``predict_batch``; ``predict`` is safe from many threads."""

    def __init__(self, model: BatchModel, max_batch: int = 32) -> None:
        self.model = model
        self.version = model.version
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[tuple[str, Future[Prediction]] | None] = queue.SimpleQueue()
        self._worker = threading.Thread(target=self._run, name=f"batcher-{model.version}", daemon=True)
        self._worker.start()

    def predict(self, text: str) -> Prediction:
        future: Future[Prediction] = Future()
        self._queue.put((text, future))
        return future.result()

    def close(self) -> None:
        """Stop the worker after the requests already queued (used when the model is switched)."""
        self._queue.put(None)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < self._max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            self._classify(batch)
            if stop:
                return

    def _classify(self, batch: list[tuple[str, Future[Prediction]]]) -> None:
        try:
            predictions = self.model.predict_batch([text for text, _ in batch])
            if len(predictions) != len(batch):
                raise ValueError(f"predict_batch returned {len(predictions)} results for {len(batch)} texts")
        except Exception:
            # One bad text must not fail its neighbours: classify them one by one instead.
            log.warning("batch of %d failed; classifying one by one", len(batch), exc_info=True)
            for text, future in batch:
                try:
                    future.set_result(self.model.predict(text))
                except Exception as exc:
                    future.set_exception(exc)
            return
        for (_, future), prediction in zip(batch, predictions, strict=True):
            future.set_result(prediction)
