"""The friction detector: is this customer frustrated enough that a person should step in, and why?

``FrictionDetector.default()`` works without training (lexicon tone, hand-set weights);
``FrictionDetector.load(path)`` loads one trained by ``replydesk train-friction``.
"""

from models.friction.detector import FrictionDetector

__all__ = ["FrictionDetector"]
