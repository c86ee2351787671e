#!/usr/bin/env python3
"""How much a max-pooling CNN loses when its MaxPool2d layers are read as
AvgPool2d (the only pooling SpikeCore's spiking layers compute exactly):
trains the PyTorch-examples-shaped CNN with max pooling on the first N MNIST
training digits, then compares, on the first 2000 test digits, its top-1 with
the top-1 of the same weights with every MaxPool2d replaced by AvgPool2d.
docs/compiler.md ("Max pooling") quotes its output.

    /usr/bin/python3 scripts/measure_maxpool.py [--data-dir data] [--seeds 3]
"""
import argparse
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "compiler"))
from make_model import read_idx  # noqa: E402


def cnn(pool):
    return nn.Sequential(
        nn.Conv2d(1, 8, 5), nn.ReLU(), pool(2),
        nn.Conv2d(8, 16, 5), nn.ReLU(), pool(2),
        nn.Flatten(), nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, 10))


def load(data_dir, split, count):
    prefix = "train" if split == "train" else "t10k"
    base = os.path.join(data_dir, "mnist")
    x = read_idx(os.path.join(base, prefix + "-images-idx3-ubyte"))[:count]
    y = read_idx(os.path.join(base, prefix + "-labels-idx1-ubyte"))[:count].long()
    return x.float().unsqueeze(1) / 255.0, y


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data-dir", default="data")
    p.add_argument("--train-count", type=int, default=7000)
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--seeds", type=int, default=3)
    a = p.parse_args()
    torch.set_num_threads(1)
    x, y = load(a.data_dir, "train", a.train_count)
    tx, ty = load(a.data_dir, "test", 2000)
    print("seed  max-pool acc  as avg-pool acc  agreement (top-1, 2000 test digits)")
    for seed in range(1, a.seeds + 1):
        torch.manual_seed(seed)
        model = cnn(nn.MaxPool2d)
        opt = torch.optim.Adam(model.parameters(), lr=2e-3)
        g = torch.Generator().manual_seed(seed)
        for _ in range(a.epochs):
            perm = torch.randperm(len(x), generator=g)
            for s in range(0, len(x), 64):
                idx = perm[s:s + 64]
                opt.zero_grad()
                nn.functional.cross_entropy(model(x[idx]), y[idx]).backward()
                opt.step()
        model.eval()
        avg = cnn(nn.AvgPool2d)
        avg.load_state_dict(model.state_dict())
        avg.eval()
        with torch.no_grad():
            top_max = model(tx).argmax(1)
            top_avg = avg(tx).argmax(1)
        print("%4d  %11.2f%%  %14.2f%%  %8.2f%%" % (
            seed, 100 * (top_max == ty).float().mean(), 100 * (top_avg == ty).float().mean(),
            100 * (top_max == top_avg).float().mean()))


if __name__ == "__main__":
    main()
