"""Where the service gets its reply classifier and friction detector.

Both sit behind tiny protocols so tests can hand in fakes and the real implementations
(``models.classifier``, ``models.friction``) are imported only when first needed. Anything
that goes wrong (module missing, weights unreadable) makes the provider return ``None`` and
``status()`` say why: the policy then sends every message to the agents.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from models.types import FrictionAssessment, Prediction, Turn
from service.batching import MicroBatcher
from service.crud import models as models_crud

log = logging.getLogger(__name__)


class Classifier(Protocol):
    version: str

    def predict(self, text: str) -> Prediction: ...


class Detector(Protocol):
    def assess(self, turns: Sequence[Turn], now: datetime | None = None) -> FrictionAssessment: ...


class ClassifierProvider(Protocol):
    def current(self) -> Classifier | None:
        """The classifier to use for the next message, or ``None`` when none is usable."""

    def status(self) -> str | None:
        """``None`` when a classifier is loaded, else a sentence saying why not."""


class FrictionProvider(Protocol):
    def current(self) -> Detector | None: ...

    def status(self) -> str | None: ...


def _load_real_classifier(path: str) -> Classifier:
    from models.classifier import load_classifier  # heavy (torch); only when a model is active

    return load_classifier(path)


class RegistryClassifierProvider:
    """Follows the active row of ``model_versions``, re-checking it at most every ``check_every`` s.

    The check is one indexed query; when the version changes the new model is loaded in the
    request thread that noticed it (under a lock), so a switch needs no restart. With ``batch``
    (the settings' default) a model with ``predict_batch`` is served through a ``MicroBatcher``:
    about 1.5x the messages per second with the hybrid model on 2 cores (benchmarks/service_load.py).
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        models_dir: Path,
        loader: Callable[[str], Classifier] = _load_real_classifier,
        check_every: float = 1.0,
        sync_every: float = 10.0,
        batch: bool = False,
    ) -> None:
        self._sessions = sessions
        self._batch = batch
        self._models_dir = models_dir
        self._loader = loader
        self._check_every = check_every
        self._sync_every = sync_every
        self._lock = threading.Lock()
        self._model: Classifier | None = None
        self._loaded: models_crud.ActiveModel | None = None  # what we last tried to load
        self._error: str | None = "no model checked yet"
        self._checked_at = float("-inf")
        self._synced_at = float("-inf")

    def current(self) -> Classifier | None:
        # One thread checks (and loads) at a time; the others keep serving the model they have
        # rather than queueing behind a load that can take seconds.
        if time.monotonic() - self._checked_at >= self._check_every and self._lock.acquire(blocking=False):
            try:
                if time.monotonic() - self._checked_at >= self._check_every:
                    self._refresh()
            finally:
                self._lock.release()
        return self._model

    def status(self) -> str | None:
        self.current()
        return None if self._model is not None else self._error

    def _refresh(self) -> None:
        try:
            with self._sessions() as session:
                active = models_crud.active_model(session=session)
                if active is None and time.monotonic() - self._synced_at >= self._sync_every:
                    self._synced_at = time.monotonic()
                    active = models_crud.ensure_active(session=session, models_dir=self._models_dir)
        except Exception as exc:  # a database hiccup keeps the model we have
            log.warning("could not read the active model: %s", exc)
            return
        finally:
            self._checked_at = time.monotonic()
        if active is None:
            self._loaded = None
            self._serve(None, f"no trained model: none registered and none under {self._models_dir}")
            return
        if active == self._loaded:
            return
        self._loaded = active
        try:
            model = self._loader(active.path)
        except Exception as exc:  # ImportError, missing weights, bad json: all mean "unavailable"
            log.error("model %s at %s failed to load: %s", active.version, active.path, exc)
            self._serve(None, f"model {active.version} failed to load: {type(exc).__name__}: {exc}")
            return
        if self._batch and callable(getattr(model, "predict_batch", None)):
            model = MicroBatcher(model)  # type: ignore[arg-type]
        replaced = self._model is not None
        self._serve(model, None)
        log.info("serving model %s", active.version)
        if replaced and gc.get_freeze_count():
            # The app froze the objects it started with (service.app); let the replaced model's
            # be collected once, then freeze the new model's: one pause per switch.
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    def _serve(self, model: Classifier | None, error: str | None) -> None:
        previous = self._model
        self._model, self._error = model, error
        if isinstance(previous, MicroBatcher) and previous is not model:
            previous.close()  # its worker finishes the requests already queued, then stops


def _load_real_detector(friction_dir: Path) -> Detector:
    from models.friction import FrictionDetector  # imported lazily: being written alongside

    if friction_dir.is_dir() and any(friction_dir.iterdir()):  # a trained detector was saved here
        return FrictionDetector.load(friction_dir)
    return FrictionDetector.default()


class DefaultFrictionProvider:
    """The trained friction detector in ``friction_dir`` if there is one, else the default one.

    A failed load is retried after ``retry_every`` seconds rather than on every message.
    """

    def __init__(
        self,
        friction_dir: Path,
        loader: Callable[[Path], Detector] = _load_real_detector,
        retry_every: float = 30.0,
    ) -> None:
        self._dir = friction_dir
        self._loader = loader
        self._retry_every = retry_every
        self._lock = threading.Lock()
        self._detector: Detector | None = None
        self._error: str | None = "friction detector not loaded yet"
        self._tried_at = float("-inf")

    def current(self) -> Detector | None:
        if self._detector is None and time.monotonic() - self._tried_at >= self._retry_every:
            with self._lock:
                if self._detector is None and time.monotonic() - self._tried_at >= self._retry_every:
                    self._tried_at = time.monotonic()
                    try:
                        self._detector, self._error = self._loader(self._dir), None
                    except Exception as exc:
                        log.error("friction detector failed to load: %s", exc)
                        self._error = f"friction detector failed to load: {type(exc).__name__}: {exc}"
        return self._detector

    def status(self) -> str | None:
        self.current()
        return self._error
