"""Quantization-aware training for SpikeCore (QCFS activation), for PyTorch users.

A SpikeCore neuron run for T steps emits a whole number of spikes, at most one per
step: after the one-step-per-layer pipeline delay, a network of L layers has
n = T - L steps to count in. Training with that quantization in the loop makes the
PyTorch model the network the chip counts, so a small T (8 for one hidden layer)
keeps the float model's top-1:

    import torch.nn as nn
    from spikecore_qat import InputLevels, QCFS, export_ready

    n = 6                                    # T = n + 2 for one hidden layer
    model = nn.Sequential(InputLevels(n), nn.Flatten(),
                          nn.Linear(784, 32), QCFS(n),
                          nn.Linear(32, 10))
    ...train as usual (inputs in [0, 1], i.e. pixel / 255)...
    torch.jit.script(export_ready(model.eval())).save("qat.pt")

then `spikecore-compile qat.pt -o qat.scimg --timesteps 8`. `export_ready` swaps each
QCFS for nn.Hardtanh(0, lambda) and each InputLevels for nn.Identity: the chip
quantizes by counting spikes, and the compiler maps the clamp exactly: its lambda is
the lower of the clamp's ceiling and the 98th percentile of the layer's positive
activations, which is the ceiling whenever 2% of them reach it, as they do in a model
trained this way (every QAT model measured in docs/compiler.md). `spikecore-train --levels n` trains the same way.

The activation (Bu et al., "Optimal ANN-SNN conversion ... QCFS", ICLR 2022):
    y = lambda * clamp(floor(z * n / lambda + 1/2) / n, 0, 1)
with a trained lambda per layer and a straight-through gradient for the floor. The
+1/2 is the half-threshold initial membrane potential the compiler gives every hidden
neuron (and the inputs: they start at 127 of 255).
"""
import copy

import torch
import torch.nn as nn


def _round_to_levels(v, levels):
    """floor(v * levels + 1/2) / levels forward; identity backward."""
    rounded = torch.floor(v * levels + 0.5) / levels
    return v + (rounded - v).detach()


class QCFS(nn.Module):
    """ReLU replacement: lambda * clamp(round(z n / lambda) / n, 0, 1), lambda trained."""

    def __init__(self, levels, initial_ceiling=2.0):
        super().__init__()
        if levels < 1:
            raise ValueError("QCFS: levels must be >= 1, got %r" % (levels,))
        self.levels = int(levels)
        self.ceiling = nn.Parameter(torch.tensor(float(initial_ceiling)))

    def forward(self, z):
        ceiling = self.ceiling.clamp(min=1e-3)
        rate = torch.clamp(z / ceiling, 0.0, 1.0)
        return ceiling * _round_to_levels(rate, self.levels)


class InputLevels(nn.Module):
    """The input neurons' spike counts: pixel / 255 rounded to n levels."""

    def __init__(self, levels):
        super().__init__()
        if levels < 1:
            raise ValueError("InputLevels: levels must be >= 1, got %r" % (levels,))
        self.levels = int(levels)

    def forward(self, x):
        return _round_to_levels(x, self.levels)


def export_ready(model):
    """A copy of `model` with every QCFS replaced by nn.Hardtanh(0, lambda) and every
    InputLevels by nn.Identity, ready for torch.jit.script / torch.jit.trace."""
    exported = copy.deepcopy(model)

    def replace(parent):
        for name, child in parent.named_children():
            if isinstance(child, QCFS):
                ceiling = float(child.ceiling.detach().clamp(min=1e-3))
                setattr(parent, name, nn.Hardtanh(0.0, ceiling))
            elif isinstance(child, InputLevels):
                setattr(parent, name, nn.Identity())
            else:
                replace(child)

    replace(exported)
    return exported
