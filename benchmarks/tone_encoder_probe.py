"""Probe: how far does a fine-tuned encoder get on GoEmotions friction, by depth and recipe?

    .venv/bin/python benchmarks/tone_encoder_probe.py --device cuda          # about 15 minutes on one GPU
    .venv/bin/python benchmarks/tone_encoder_probe.py --device cpu --limit 200   # a quick check of the code
    .venv/bin/python benchmarks/tone_encoder_probe.py --cpu-latency          # int8 ms per message by depth

The experiment behind the recipe of ``training/friction_encoder.py`` (the sixth session kept it opt-in;
the ninth made two copies of it, consulted where the TF-IDF tone is unsure, the default):
the first N layers of all-MiniLM-L6-v2 with a mean-pooled linear head, fine-tuned on GoEmotions
friction train (plus, where named, Bitext and our English aid rows), the emotions as an auxiliary
task, each epoch scored on dev at the dev F1-best threshold and on test at that same threshold.
Float weights, batches padded to 64 tokens; the product's CPU recipe runs int8 and buckets by
length, so its figures differ a little. Prints one line per epoch and the best epoch (by dev F1)
of each run, and writes dev and test probabilities to ``--out`` for blending with other models.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import f1_score, roc_auc_score

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from models.classifier.encoder import resolve_encoder_path  # noqa: E402
from models.friction.tone_encoder import ToneNet, truncated_encoder  # noqa: E402
from training import friction_data as fd  # noqa: E402
from training.friction_encoder import emotion_matrix  # noqa: E402

# name: (layers, learning rate, epochs, frozen word embeddings, with customer-service rows, seed)
RUNS = {
    "L6": (6, 5e-5, 4, False, False, 0),
    "L3": (3, 8e-5, 4, False, False, 0),
    "L2": (2, 1e-4, 4, False, False, 0),
    "L3_frozen": (3, 8e-5, 2, True, False, 0),
    "L3_frozen_cs": (3, 5e-5, 2, True, True, 2),  # the product's recipe
    "L3_frozen_cs_seed1": (3, 8e-5, 2, True, True, 1),
    "L2_frozen_cs": (2, 1e-4, 3, True, True, 0),
}


def best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    scores = [(f1_score(y, p >= t), t) for t in np.linspace(0.05, 0.95, 181)]
    return max(scores)


class Data:
    def __init__(self, limit: int | None, tokenizer, max_length: int = 64) -> None:
        train = fd.load_goemotions("train", emotions=True).head(limit)
        self.dev, self.test = fd.load_goemotions("dev").head(limit), fd.load_goemotions("test").head(limit)
        aux, self.aux_names = emotion_matrix(train["emotions"].tolist())
        cs = [fd.load_bitext(seed=0)[0], fd.read_messages(fd.ENGLISH_AID_FILE)]
        cs_texts = [t for part in cs for t in part["text"].tolist()][:limit]
        cs_labels = [y for part in cs for y in part["friction"].tolist()][:limit]

        def encode(texts):
            e = tokenizer(
                list(texts), truncation=True, max_length=max_length, padding="max_length", return_tensors="pt"
            )
            return e["input_ids"], e["attention_mask"]

        self.train_x, self.cs_x = encode(train["text"]), encode(cs_texts)
        self.dev_x, self.test_x = encode(self.dev["text"]), encode(self.test["text"])
        self.train_y = torch.tensor(np.c_[train["friction"].to_numpy()[:, None], aux], dtype=torch.float32)
        self.cs_y = torch.zeros(len(cs_texts), self.train_y.shape[1])
        self.cs_y[:, 0] = torch.tensor(cs_labels, dtype=torch.float32)


def predict(net: ToneNet, x, device: str, batch: int = 512) -> np.ndarray:
    net.eval()
    out = []
    with torch.no_grad(), torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
        for i in range(0, len(x[0]), batch):
            out.append(
                net(x[0][i : i + batch].to(device), x[1][i : i + batch].to(device))[:, 0].float().cpu()
            )
    return torch.sigmoid(torch.cat(out)).numpy()


def run(name: str, spec, data: Data, encoder: Path, device: str, aux_weight: float = 0.5) -> dict:
    layers, lr, epochs, frozen, with_cs, seed = spec
    torch.manual_seed(seed)
    net = ToneNet(truncated_encoder(encoder, layers), len(data.aux_names)).to(device)
    if frozen:
        net.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    ids, mask, y = *data.train_x, data.train_y
    known = torch.ones(len(ids), dtype=torch.bool)
    if with_cs:
        ids, mask = torch.cat([ids, data.cs_x[0]]), torch.cat([mask, data.cs_x[1]])
        y = torch.cat([y, data.cs_y])
        known = torch.cat([known, torch.zeros(len(data.cs_y), dtype=torch.bool)])
    optimizer = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    steps = epochs * -(-len(ids) // 32)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps)
    )
    gen, start, best = torch.Generator().manual_seed(seed), time.time(), None
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    dev_y, test_y = data.dev["friction"].to_numpy(), data.test["friction"].to_numpy()
    for epoch in range(1, epochs + 1):
        net.train()
        order = torch.randperm(len(ids), generator=gen)
        for i in range(0, len(ids), 32):
            b = order[i : i + 32]
            with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
                logits = net(ids[b].to(device), mask[b].to(device)).float()
            yb, kb = y[b].to(device), known[b].to(device)
            loss = bce(logits[:, 0], yb[:, 0])
            if kb.any():
                loss = loss + aux_weight * bce(logits[kb, 1:], yb[kb, 1:])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
        p_dev, p_test = predict(net, data.dev_x, device), predict(net, data.test_x, device)
        f_dev, t = best_threshold(dev_y, p_dev)
        f_test = f1_score(test_y, p_test >= t)
        print(
            f"{name} epoch {epoch}: dev F1 {f_dev:.4f} (threshold {t:.3f}, AUROC "
            f"{roc_auc_score(dev_y, p_dev):.4f}), test F1 {f_test:.4f} ({time.time() - start:.0f} s)",
            flush=True,
        )
        if best is None or f_dev > best["dev_f1"]:
            best = {
                "epoch": epoch,
                "dev_f1": f_dev,
                "threshold": t,
                "test_f1": f_test,
                "dev": p_dev,
                "test": p_test,
            }
    return best


def cpu_latency(encoder: Path, texts: list[str], depths=(6, 3, 2)) -> None:
    """p50/p95 of one message through the first N layers, int8, the per-message path, as shipped."""
    from transformers import AutoTokenizer

    from models.classifier.encoder import OneText, configure_threads, quantize_int8

    configure_threads(inference=True)
    tokenizer = AutoTokenizer.from_pretrained(encoder)
    for depth in depths:
        one = OneText(tokenizer, quantize_int8(truncated_encoder(encoder, depth).eval()), 64)
        times = []
        with torch.inference_mode():
            for text in texts[:30]:
                one.hidden(text)  # warm-up
            for text in texts:
                start = time.perf_counter()
                one.hidden(text)
                times.append((time.perf_counter() - start) * 1000)
        print(
            f"{depth} layers, int8, one message: p50 {np.median(times):.2f} ms, "
            f"p95 {np.percentile(times, 95):.2f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument(
        "--encoder", default=None, help="local encoder directory (default: the packaged MiniLM)"
    )
    parser.add_argument("--limit", type=int, default=None, help="first N rows of each split (quick checks)")
    parser.add_argument("--runs", nargs="*", default=list(RUNS), choices=list(RUNS))
    parser.add_argument("--out", type=Path, default=REPO / "var" / "tone_probe")
    parser.add_argument(
        "--cpu-latency",
        action="store_true",
        help="only time int8 encoders of 6, 3 and 2 layers on test messages",
    )
    args = parser.parse_args()
    from transformers import AutoTokenizer

    encoder = resolve_encoder_path(args.encoder)
    if args.cpu_latency:
        cpu_latency(encoder, fd.load_goemotions("test")["text"].tolist()[: args.limit or 500])
        return
    data = Data(args.limit, AutoTokenizer.from_pretrained(encoder))
    args.out.mkdir(parents=True, exist_ok=True)
    summary, probs = {}, {}
    for name in args.runs:
        best = run(name, RUNS[name], data, encoder, args.device)
        probs[f"{name}_dev"], probs[f"{name}_test"] = best.pop("dev"), best.pop("test")
        summary[name] = best
        print(
            f"{name}: best epoch {best['epoch']}, dev F1 {best['dev_f1']:.4f}, test F1 {best['test_f1']:.4f}"
        )
    np.savez_compressed(args.out / "probs.npz", **probs)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")


if __name__ == "__main__":
    main()
