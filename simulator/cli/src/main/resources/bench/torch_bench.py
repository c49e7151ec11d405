"""SGD samples/s of chainfl's benchmark models in PyTorch on one CPU thread.

Usage: torch_bench.py MODEL SECONDS   (MODEL: softmax | mlp | cnn)
Prints one line: samples_per_s=<float>
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
BATCH = 32


def build(name):
    if name == "softmax":
        return nn.Linear(784, 10)
    if name == "mlp":
        return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    if name == "cnn":
        return nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 10, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(1960, 128), nn.ReLU(), nn.Linear(128, 10))
    raise SystemExit("unknown model " + name)


def main():
    name, seconds = sys.argv[1], float(sys.argv[2])
    torch.manual_seed(0)
    model = build(name)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.randn(BATCH, 784)
    y = torch.randint(0, 10, (BATCH,))

    def step():
        optimizer.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        optimizer.step()

    warmup_end = time.perf_counter() + min(1.0, seconds / 3)
    while time.perf_counter() < warmup_end:
        step()
    steps = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        step()
        steps += 1
    print("samples_per_s=%.1f" % (steps * BATCH / (time.perf_counter() - start)))


if __name__ == "__main__":
    main()
