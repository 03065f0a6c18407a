"""`moodify train text-encoder`: fine-tune multilingual-e5-small with LoRA adapters on the
AIHub Korean corpus (its held-out 10 % is never read).

    tokenise (the same cue-reading as at run time) -> restrict the vocabulary to the pieces used
    -> adapters + LayerNorms + head trained with AdamW, linear warm-up and decay, length-grouped
    batches -> validation accuracy after each epoch -> the best epoch's weights saved

The validation rows are the same as `moodify train text` holds back, so the two models can be
mixed on them afterwards. About 6-8 minutes an epoch on 2 cores.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import torch

from moodify.models.cues import read_cues
from moodify.emotion import EMOTIONS
from moodify.models import caption_encoder as ce
from moodify.models import e5_weights
from moodify.models.e5_encoder import Encoder, batch
from moodify.training.data import holdout_split, read_labelled, validation_split

TRAIN_TOKENS = 64


def length_batches(lengths: np.ndarray, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Batches of similar length (less padding), in random order."""
    order = np.argsort(lengths + rng.uniform(0, 1, len(lengths)))
    batches = [order[i:i + size] for i in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


def accuracy(model, tokens, labels, pad) -> float:
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(tokens), 128):
            ids, mask = batch(tokens[start:start + 128], pad)
            correct += (model(ids, mask).argmax(1).numpy() == labels[start:start + 128]).sum()
    model.train()
    return correct / len(tokens)


def extra_rows(path: Path, *, neutral_cap: int, rng: np.random.Generator,
               exclude: set[str]) -> tuple[list[str], np.ndarray]:
    """Labelled rows of another corpus (e.g. the AIHub multi-turn set), neutral capped, without
    any sentence that also stands in the held-out split (a few greetings do)."""
    extra = read_labelled(path)
    allowed = np.array([t.strip() not in exclude for t in extra.texts])
    neutral = np.flatnonzero((extra.labels == EMOTIONS.index("neutral")) & allowed)
    keep = np.setdiff1d(np.flatnonzero(allowed), neutral)
    keep = np.sort(np.concatenate([keep, rng.permutation(neutral)[:neutral_cap]]))
    return [extra.texts[i] for i in keep], extra.labels[keep]


def finetune(data_path: Path, *, out: Path = ce.WEIGHTS_FILE, epochs: int = 3, rank: int = 16,
             alpha: float = 32.0, lr: float = 5e-4, batch_size: int = 32, seed: int = 13,
             extra: Path | None = None, extra_neutral: int = 5000, say=print) -> dict:
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    corpus = read_labelled(data_path)
    train_idx, held = holdout_split(corpus.labels)
    texts = [corpus.texts[i] for i in train_idx]
    labels = corpus.labels[train_idx]
    fit, val = validation_split(len(texts), seed=seed)
    if extra is not None:  # more rows to fit on; validation stays the single-turn rows
        more_texts, more_labels = extra_rows(extra, neutral_cap=extra_neutral, rng=rng,
                                             exclude={corpus.texts[i].strip() for i in held})
        fit = np.concatenate([fit, np.arange(len(texts), len(texts) + len(more_texts))])
        texts, labels = texts + more_texts, np.concatenate([labels, more_labels])
    weights = e5_weights.load()
    tokens = [weights.tokenizer.encode_query(read_cues(t).text, TRAIN_TOKENS) for t in texts]
    vocabulary = np.unique(np.concatenate([np.concatenate(tokens), [weights.tokenizer.unk]]))
    say(f"{len(fit)} fitting rows, {len(val)} validation rows, {len(vocabulary)} pieces")
    encoder = Encoder(weights, vocabulary=vocabulary)
    ce.add_adapters(encoder, rank, alpha)
    model = ce.CaptionClassifier(encoder)
    ce.mark_trainable(model)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    fit_lengths = np.array([len(tokens[i]) for i in fit])
    steps = epochs * int(np.ceil(len(fit) / batch_size))
    warmup = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: (s + 1) / warmup if s < warmup else max(0.0, (steps - s) / (steps - warmup)))
    val_tokens, val_labels = [tokens[i] for i in val], labels[val]
    meta = {"rank": rank, "alpha": alpha, "lr": lr, "epochs": epochs, "seed": seed,
            "batch_size": batch_size, "trained_on": len(fit), "data": Path(data_path).name,
            "extra": Path(extra).name if extra else None}
    model.train()
    started, step, best = time.perf_counter(), 0, -1.0
    for epoch in range(1, epochs + 1):
        for chosen in length_batches(fit_lengths, batch_size, rng):
            rows = fit[chosen]
            ids, mask = batch([tokens[i] for i in rows], weights.tokenizer.pad)
            loss = torch.nn.functional.cross_entropy(model(ids, mask), torch.from_numpy(labels[rows]))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            if step % 100 == 0:
                say(f"  step {step}/{steps} loss {loss.item():.3f} ({time.perf_counter() - started:.0f} s)")
        score = round(float(accuracy(model, val_tokens, val_labels, weights.tokenizer.pad)), 4)
        meta[f"validation_accuracy_epoch{epoch}"] = score
        say(f"epoch {epoch}: validation accuracy {score}")
        if score > best:  # keep the best epoch on validation
            best = score
            meta.update(validation_accuracy=score, best_epoch=epoch)
            ce.save(model, meta, out)
    say(f"saved {out} after {time.perf_counter() - started:.0f} s")
    return meta
