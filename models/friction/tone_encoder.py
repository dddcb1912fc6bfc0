"""A small fine-tuned encoder for the tone of English messages.

The first few layers of a BERT encoder (all-MiniLM-L6-v2's first three by default), fine-tuned on
the friction label with the GoEmotions emotions as a second, auxiliary task (``training/
friction_encoder.py``). Word n-grams miss much of what frustration looks like in free text
(sarcasm, understatement, a complaint without a complaint word); on GoEmotions a fine-tuned
encoder separates it better than TF-IDF (dev AUROC about 0.89 vs 0.87), and the two models' errors
differ enough that ``TrainedTone`` blends them (GoEmotions test AUROC 0.895 against 0.866).

Three layers because of the budget of 5 ms per message for the whole detector on two cores: int8,
one short message, 6 layers took 6.5-10 ms, 3 layers 3.3-4.4 ms and 2 layers 2.2-3.9 ms as the shared
machine's load varied (``benchmarks/tone_encoder_probe.py --cpu-latency``), and on
GoEmotions dev 3 layers score about as well as 6 while 2 lose 0.02-0.03 F1
(``benchmarks/tone_encoder_probe.py``). Even so the whole detector ran over the budget with one
on every English message; it is consulted only where the TF-IDF tone model is unsure
(``TrainedTone.encoder_band``), and two copies with different seeds are averaged
(``EncoderEnsemble``; ``data/friction/README.md``, ninth session). One message at a time through
``OneText``, as the service scores them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

from models.classifier.encoder import OneText, mean_pool, quantize_int8

CONFIG_FILE = "tone_encoder.json"
HEAD_FILE = "head.pt"


class ToneNet(nn.Module):
    """Encoder + one linear head: column 0 is the friction logit, the rest are auxiliary
    emotion logits (used only in training)."""

    def __init__(self, encoder: nn.Module, n_aux: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(int(encoder.config.hidden_size), 1 + n_aux)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(self.dropout(mean_pool(hidden, attention_mask)))


def check_layers(path: str | Path, layers: int) -> None:
    """Raise ``ValueError`` unless the encoder at ``path`` has at least ``layers`` (>= 1) layers;
    reads only its configuration, so a training run can fail before it starts."""
    from transformers import AutoConfig

    total = int(AutoConfig.from_pretrained(path).num_hidden_layers)
    if not 1 <= layers <= total:
        raise ValueError(f"tone encoder layers must be between 1 and {total} for {path}, got {layers}")


def truncated_encoder(path: str | Path, layers: int) -> nn.Module:
    """The pretrained encoder at ``path`` keeping only its first ``layers`` layers."""
    from transformers import AutoModel

    check_layers(path, layers)
    model = AutoModel.from_pretrained(path)
    model.encoder.layer = model.encoder.layer[:layers]
    model.config.num_hidden_layers = layers
    return model


DIRNAME = "tone_encoder"


def member_dirname(index: int) -> str:
    """Where the ``index``-th encoder of an ensemble is saved: the first where a single one is."""
    return DIRNAME if index == 0 else f"{DIRNAME}_{index + 1}"


class EncoderTone:
    """Friction logits of messages from a fine-tuned ``ToneNet``; int8 at inference by default."""

    DIRNAME = DIRNAME

    def __init__(
        self,
        net: ToneNet,
        tokenizer,
        max_length: int,
        aux_labels: Sequence[str] = (),
        quantize: str = "int8",
    ) -> None:
        self.net = net.eval()
        self.tokenizer = tokenizer
        self.max_length = int(max_length)
        self.aux_labels = list(aux_labels)
        self.quantize = quantize
        encoder = quantize_int8(net.encoder) if quantize == "int8" else net.encoder
        self._one = OneText(tokenizer, encoder, self.max_length)
        self._weight = net.head.weight[0].detach().clone()
        self._bias = float(net.head.bias[0].detach())

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """The friction logit of each text, one forward pass per text (int8 activations are
        quantised per tensor, so a batch would change each text's score)."""
        out = np.empty(len(texts))
        with torch.inference_mode():
            for i, text in enumerate(texts):
                pooled = self._one.hidden(text).mean(0)  # one unpadded text: the mean is mean_pool
                out[i] = float(pooled @ self._weight) + self._bias
        return out

    def save(self, directory: Path, dirname: str = DIRNAME) -> None:
        target = directory / dirname
        target.mkdir(parents=True, exist_ok=True)
        self.net.encoder.save_pretrained(target)
        self.tokenizer.save_pretrained(target)
        torch.save(self.net.head.state_dict(), target / HEAD_FILE)
        meta = {"max_length": self.max_length, "aux_labels": self.aux_labels, "quantize": self.quantize}
        (target / CONFIG_FILE).write_text(json.dumps(meta, indent=2) + "\n")

    @classmethod
    def load(cls, directory: Path, dirname: str = DIRNAME) -> EncoderTone:
        from transformers import AutoModel, AutoTokenizer

        source = directory / dirname
        if not (source / CONFIG_FILE).is_file():
            raise FileNotFoundError(f"no tone encoder at {source} (missing {CONFIG_FILE})")
        meta = json.loads((source / CONFIG_FILE).read_text())
        net = ToneNet(AutoModel.from_pretrained(source), len(meta["aux_labels"]))
        net.head.load_state_dict(torch.load(source / HEAD_FILE, weights_only=True))
        tokenizer = AutoTokenizer.from_pretrained(source)
        return cls(net, tokenizer, meta["max_length"], meta["aux_labels"], meta.get("quantize", "int8"))


class EncoderEnsemble:
    """Copies of the tone encoder fine-tuned with different seeds; a message's friction logit is
    their mean. One small encoder's verdicts move with its seed (GoEmotions test F1 0.615-0.627 over
    three runs of the same recipe); the mean of two is steadier and better on held-out data."""

    def __init__(self, members: Sequence[EncoderTone]) -> None:
        if len(members) < 2:
            raise ValueError("an encoder ensemble needs at least two members")
        self.members = list(members)

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        return np.mean([member.logits(texts) for member in self.members], axis=0)

    def save(self, directory: Path) -> None:
        for index, member in enumerate(self.members):
            member.save(directory, member_dirname(index))

    @classmethod
    def load(cls, directory: Path, count: int) -> EncoderEnsemble:
        return cls([EncoderTone.load(directory, member_dirname(index)) for index in range(count)])
