#!/usr/bin/python3
"""Streaming vs layer-by-layer time windows: which spends the chip's steps better?

    bench/schedule_study.py 784,32,10          (needs data/mnist: scripts/setup.sh)
    bench/schedule_study.py 784,32,24,16,10

Trains an MLP with python3-torch (20000 training digits, 5 epochs, seed 0),
quantizes it with the compiler's rules (lambda = 98th percentile of positive
pre-activations, int8 weights, thresholds lambda / scale, hidden neurons start at
threshold / 2, inputs at 127 of 255) and measures, on 2000 held-out digits, how
often the class agrees with the float model's top-1 for:

  streaming  the chip as it runs (docs/isa.md): every layer integrates and fires in
             every step, each one a step behind the layer before it; T steps;
  layered    every layer integrates its whole input before it fires, in windows of
             W steps (T = layers * W + 1). It is exact: a hidden neuron then emits
             clamp(floor(charge / threshold), 0, W) spikes, the quantized ANN with W
             levels, with no transients.

The figures are what docs/compiler.md ("Time steps: why streaming") quotes: at the
same number of steps streaming agrees more, so the chip keeps it. A numpy
emulation of the integer rules, not the golden model: it checks a design choice.
"""
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mnist")


def idx(name):
    with open(os.path.join(DATA, name), "rb") as f:
        data = f.read()
    dims = struct.unpack(">I", data[:4])[0] & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data[4 + 4 * dims:], dtype=np.uint8).reshape(shape)


def train(widths):
    torch.manual_seed(0)
    layers = []
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers)
    x = torch.tensor(idx("train-images-idx3-ubyte")[:20000].reshape(-1, 784),
                     dtype=torch.float32) / 255
    y = torch.tensor(idx("train-labels-idx1-ubyte")[:20000]).long()
    opt = torch.optim.Adam(model.parameters(), 2e-3)
    for _ in range(5):
        perm = torch.randperm(len(x))
        for s in range(0, len(x), 64):
            i = perm[s:s + 64]
            opt.zero_grad()
            nn.functional.cross_entropy(model(x[i]), y[i]).backward()
            opt.step()
    linears = [m for m in model if isinstance(m, nn.Linear)]
    return ([m.weight.detach().double().numpy() for m in linears],
            [m.bias.detach().double().numpy() for m in linears])


def quantize(weights, biases, calibration):
    lambdas, a = [], calibration
    for k, (w, b) in enumerate(zip(weights, biases)):
        z = a @ w.T + b
        lambdas.append(np.percentile(z[z > 0], 98 if k < len(weights) - 1 else 100))
        a = np.maximum(z, 0)
    layers, input_lambda = [], 1.0
    for k, (w, b) in enumerate(zip(weights, biases)):
        scaled = w * input_lambda
        scale = np.abs(scaled).max() / 127
        layers.append((np.clip(np.round(scaled / scale), -127, 127).astype(np.int64),
                       np.round(b / scale).astype(np.int64), max(1, int(round(lambdas[k] / scale)))))
        input_lambda = lambdas[k]
    return layers


def streaming(layers, pixels, steps):
    n, depth = len(pixels), len(layers)
    v_in = np.full(pixels.shape, 127)
    v = [np.full((n, w.shape[0]), th // 2 if k < depth - 1 else 0) for k, (w, _, th) in
         enumerate(layers)]
    counts = [np.zeros((n, w.shape[0]), dtype=np.int64) for w, _, _ in layers]
    previous = [None] * (depth + 1)
    for t in range(steps):
        fired = [None] * (depth + 1)
        v_in += pixels
        fired[0] = v_in >= 255
        v_in -= 255 * fired[0]
        for k, (w, b, th) in enumerate(layers):
            current = previous[k].astype(np.int64) @ w.T if previous[k] is not None else 0
            if t >= k + 1:
                current = current + b
            v[k] = np.clip(v[k] + current, -32768, 32767)
            fired[k + 1] = v[k] >= th
            v[k] -= th * fired[k + 1]
            counts[k] += fired[k + 1]
        previous = fired
    return (counts[-1] * layers[-1][2] + v[-1]).argmax(1)


def layered(layers, pixels, window):
    counts = (127 + window * pixels) // 255
    for k, (w, b, th) in enumerate(layers):
        charge = counts @ w.T + window * b
        if k == len(layers) - 1:
            return charge.argmax(1)
        counts = np.clip((th // 2 + charge) // th, 0, window)


def main():
    widths = [int(w) for w in (sys.argv[1] if len(sys.argv) > 1 else "784,32,10").split(",")]
    weights, biases = train(widths)
    layers = quantize(weights, biases, idx("train-images-idx3-ubyte")[:2000].reshape(-1, 784) / 255)
    pixels = idx("t10k-images-idx3-ubyte")[:2000].reshape(-1, 784).astype(np.int64)
    scores = pixels / 255.0
    for k, (w, b) in enumerate(zip(weights, biases)):
        scores = scores @ w.T + b
        if k < len(weights) - 1:
            scores = np.maximum(scores, 0)
    float_class = scores.argmax(1)
    depth = len(layers)
    print("widths %s, %d held-out digits; agreement with float top-1:" % (widths, len(pixels)))
    for steps in (8, 16, 32, 64):
        print("  streaming  T=%-3d        %.2f%%" %
              (steps, 100 * (streaming(layers, pixels, steps) == float_class).mean()))
    for window in (4, 8, 16, 32):
        print("  layered    T=%-3d (W=%-2d) %.2f%%" %
              (depth * window + 1, window,
               100 * (layered(layers, pixels, window) == float_class).mean()))


if __name__ == "__main__":
    main()
