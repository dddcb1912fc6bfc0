"""Training rows taken from the answer library: with 10 examples per intent, the library's
titles ("Card has not arrived", "Lost or stolen card") read like one more customer request per
intent, and the library is a product artefact known at train time. Used by ``training.train``
for the ``transformer`` backend when ``TrainConfig.answer_titles`` is on."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from models.answers import AnswerLibrary


def answer_title_rows(answers: AnswerLibrary, index: Mapping[str, int]) -> tuple[list[str], np.ndarray]:
    """Each indexed label's answer title as (texts, class indices); labels without an answer
    (``allow_unanswered``) or with an empty title add nothing."""
    pairs = [
        (answers.answers[label].title, i)
        for label, i in index.items()
        if label in answers and answers.answers[label].title.strip()
    ]
    return [t for t, _ in pairs], np.array([i for _, i in pairs], dtype=int)
