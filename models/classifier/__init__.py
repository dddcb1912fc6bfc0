"""The reply classifier: three backends (hybrid, transformer, tfidf) behind one interface.

``load_classifier(dir)`` returns a ``ReplyClassifier`` whose ``predict(text)`` gives a
``models.types.Prediction`` with a calibrated confidence, the per-intent auto-reply threshold,
top-k alternatives and an out-of-scope verdict.
"""

from models.classifier.classifier import (
    BACKENDS,
    MODEL_FILE,
    ModelLoadError,
    ReplyClassifier,
    load_classifier,
)

__all__ = ["BACKENDS", "MODEL_FILE", "ModelLoadError", "ReplyClassifier", "load_classifier"]
