#!/usr/bin/python3
"""Writes a small TorchScript MLP the way a PyTorch user would export one.

Used by the compiler tests (run with Debian's /usr/bin/python3, which has torch).
Exit code 3 means "torch is not available here" so the caller can skip.
"""
import argparse
import gzip
import os
import struct
import sys

OUTPUT = ""
MODULE_FILE = ""

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    sys.exit(3)


# How a hidden activation is written in forward() (custom styles).
ACTIVATIONS = {
    "relu": "torch.relu(%s)",
    "relu_inplace": "F.relu(%s, inplace=True)",
    "relu_method": "%s.relu()",
    "relu6": "self.act(%s)",  # nn.ReLU6()
    "hardtanh": "F.hardtanh(%s, 0.0, 2.0)",
    "clamp": "torch.clamp(%s, 0, 3)",
    "sigmoid": "torch.sigmoid(%s)",
    "tanh": "torch.tanh(%s)",
    "leaky_relu": "F.leaky_relu(%s, 0.1)",
    "gelu": "F.gelu(%s)",
}

# Input normalisation at the top of forward() (custom styles).
NORMALIZATIONS = {
    "none": [],
    "constants": ["x = (x - 0.1307) / 0.3081"],
    "buffers": ["x = (x - self.mean) / self.std"],
    "mul_add": ["x = x * 2.0 - 1.0"],
}


def custom_mlp(widths, flatten_style, activation, final="none", normalize="none",
               batchnorm=False, identity=False):
    """A custom module with fc1, fc2, ... and functional torch.flatten / torch.relu
    (or x.view / x.reshape), written out as a user would write it."""
    act = ACTIVATIONS[activation]
    flatten = {"flatten": "x = torch.flatten(x, 1)",
               "view": "x = x.view(x.size(0), -1)",
               "reshape": "x = x.reshape(-1, 784)"}[flatten_style]
    n = len(widths) - 1
    lines = ["class CustomMLP(nn.Module):",
             "    def __init__(self):",
             "        super().__init__()"]
    lines += ["        self.fc%d = nn.Linear(%d, %d)" % (i + 1, widths[i], widths[i + 1])
              for i in range(n)]
    if batchnorm:
        lines += ["        self.bn%d = nn.BatchNorm1d(%d)" % (i + 1, widths[i + 1])
                  for i in range(n - 1)]
    if activation == "relu6":
        lines.append("        self.act = nn.ReLU6()")
    if identity:
        lines.append("        self.skip = nn.Identity()")
    if normalize == "buffers":
        lines += ["        self.register_buffer('mean', torch.tensor([0.1307]))",
                  "        self.register_buffer('std', torch.tensor(0.3081))"]
    lines += ["    def forward(self, x):"]
    lines += ["        " + line for line in NORMALIZATIONS[normalize]]
    lines += ["        " + flatten]
    if identity:
        lines.append("        x = self.skip(x)")
    for i in range(n - 1):
        z = "self.fc%d(x)" % (i + 1)
        if batchnorm:
            z = "self.bn%d(%s)" % (i + 1, z)
        lines.append("        x = " + act % z)
    last = "self.fc%d(x)" % n
    lines += ["        return " + {"none": last,
                                  "log_softmax": "F.log_softmax(%s, dim=1)" % last,
                                  "softmax": "torch.softmax(%s, -1)" % last}[final]]
    # TorchScript reads the source of forward, so the class must live in a real file.
    path = MODULE_FILE or os.path.splitext(OUTPUT)[0] + "_model.py"
    tmp = "%s.%d.tmp" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write("import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n" +
                "\n".join(lines) + "\n")
    os.replace(tmp, path)  # atomic: parallel runs may write the same file
    import importlib.util
    spec = importlib.util.spec_from_file_location("custom_mlp", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CustomMLP()


class MatmulMLP(nn.Module):
    """Weights as bare parameters, applied as x @ W.t() + b (matmul + add)."""

    def __init__(self, widths):
        super().__init__()
        self.w1 = nn.Parameter(torch.randn(widths[1], widths[0]) * 0.05)
        self.b1 = nn.Parameter(torch.randn(widths[1]) * 0.05)
        self.w2 = nn.Parameter(torch.randn(widths[2], widths[1]) * 0.2)
        self.b2 = nn.Parameter(torch.randn(widths[2]) * 0.05)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = torch.relu(torch.matmul(x, self.w1.t()) + self.b1)
        return torch.matmul(x, self.w2.t()) + self.b2


def lenet():
    """LeNet-5 shaped, as nn.Sequential: conv 1->6 5x5, avg-pool 2, conv 6->16 5x5,
    avg-pool 2, 256-120-84-10."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.AvgPool2d(2),
        nn.Flatten(), nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))


class FunctionalCNN(nn.Module):
    """A CNN written with functional calls: F.conv2d with stride and padding,
    BatchNorm2d, F.avg_pool2d with count_include_pad=False, torch.flatten."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, stride=2, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.w2 = nn.Parameter(torch.randn(12, 8, 3, 3) * 0.2)
        self.fc = nn.Linear(12 * 7 * 7, 10)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = F.relu(F.conv2d(x, self.w2, stride=1, padding=1))
        x = F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False)
        return self.fc(torch.flatten(x, 1))


class TutorialAvgCNN(nn.Module):
    """The PyTorch MNIST example's shape with average pooling, written the
    tutorial way: input normalisation, F.relu(F.avg_pool2d(conv(x), 2)) (pooling
    before the ReLU), x.view(-1, 256), log_softmax at the end."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 5)
        self.conv2 = nn.Conv2d(8, 16, 5)
        self.fc1 = nn.Linear(256, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = (x - 0.1307) / 0.3081
        x = F.relu(F.avg_pool2d(self.conv1(x), 2))
        x = F.relu(F.avg_pool2d(self.conv2(x), 2))
        x = x.view(-1, 256)
        x = F.relu(self.fc1(x))
        return F.log_softmax(self.fc2(x), dim=1)


def fashion_cnn(qat_levels=0):
    """Conv + BatchNorm2d with stride 2 and padding (the Fashion-MNIST target of
    issue #16): 1x28x28 -> 8x14x14 -> 16x7x7 -> 32 -> 10. With qat_levels n, the
    ReLUs are QCFS(n) and the input InputLevels(n) (python/spikecore_qat.py)."""
    first, act = qat_parts(qat_levels)
    return nn.Sequential(
        *first,
        nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), act(),
        nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.BatchNorm2d(16), act(),
        nn.Flatten(), nn.Linear(16 * 7 * 7, 32), act(), nn.Linear(32, 10))


def fashion_conv1(qat_levels=0):
    """One conv layer + BatchNorm2d, stride 2 and padding, then the classifier
    (the Fashion-MNIST model that meets issue #16's target, docs/compiler.md
    12.6): 1x28x28 -> conv 16 5x5/2 pad 2 -> 16x14x14 -> 10. One spiking layer
    instead of fashion_cnn's three: each spiking layer adds its own rate-coding
    error. qat_levels as for fashion_cnn."""
    first, act = qat_parts(qat_levels)
    return nn.Sequential(*first, nn.Conv2d(1, 16, 5, stride=2, padding=2), nn.BatchNorm2d(16),
                         act(), nn.Flatten(), nn.Linear(16 * 14 * 14, 10))


def qat_parts(qat_levels):
    """([InputLevels(n)], QCFS factory) with qat_levels n, else ([], nn.ReLU)."""
    if not qat_levels:
        return [], nn.ReLU
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                    "python"))
    from spikecore_qat import InputLevels, QCFS
    return [InputLevels(qat_levels)], lambda: QCFS(qat_levels)


def odd_cnn(variant):
    """A small CNN with one thing the compiler does not take (bad-input catalogue)."""
    conv = nn.Conv2d(1, 4, 3, dilation=2) if variant == "dilation" else nn.Conv2d(1, 4, 3)
    pool = {"maxpool": nn.MaxPool2d(2), "ceil_mode": nn.AvgPool2d(2, ceil_mode=True)}.get(
        variant, nn.AvgPool2d(2))
    side = 24 if variant == "dilation" else 26
    side = (side + 1) // 2 if variant == "ceil_mode" else side // 2
    if variant == "no_relu":  # conv -> pool -> Linear: no ReLU anywhere after the conv
        return nn.Sequential(conv, pool, nn.Flatten(), nn.Linear(4 * side * side, 10))
    return nn.Sequential(conv, nn.ReLU(), pool, nn.Flatten(), nn.Linear(4 * side * side, 10))


def qat_sequential(widths, levels):
    """The README's spikecore_qat example: InputLevels, Linear + QCFS, ..., Linear."""
    first, act = qat_parts(levels)
    layers = first + [nn.Flatten()]
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(act())
    return nn.Sequential(*layers)


def sequential(widths, activation, conv):
    layers = []
    if conv:
        layers += [nn.Conv2d(1, 2, 3, padding=1), nn.ReLU()]
        layers.append(nn.Flatten())
        widths = [2 * 784] + widths[1:]
    else:
        layers.append(nn.Flatten())
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(nn.Sigmoid() if activation == "sigmoid" else nn.ReLU())
    return nn.Sequential(*layers)


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


FASHION_DIR = "/usr/share/datasets/fashion-mnist"  # Debian's dataset-fashion-mnist


def train(model, data_dir, count, epochs, seed, dataset="mnist"):
    if dataset == "fashion-mnist":
        images = read_idx(os.path.join(FASHION_DIR, "train-images-idx3-ubyte.gz"))[:count]
        labels = read_idx(os.path.join(FASHION_DIR, "train-labels-idx1-ubyte.gz"))[:count].long()
    else:
        base = os.path.join(data_dir, "mnist")
        images = read_idx(os.path.join(base, "train-images-idx3-ubyte"))[:count]
        labels = read_idx(os.path.join(base, "train-labels-idx1-ubyte"))[:count].long()
    x = images.float().unsqueeze(1) / 255.0
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    for _ in range(epochs):
        perm = torch.randperm(count, generator=g)
        for start in range(0, count, 64):
            idx = perm[start:start + 64]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x[idx]), labels[idx])
            loss.backward()
            opt.step()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("output")
    p.add_argument("--widths", default="784,32,10", help="comma-separated layer widths")
    p.add_argument("--style", default="sequential",
                   choices=["sequential", "custom", "view", "reshape", "matmul", "qat", "lenet",
                            "functional_cnn", "tutorial_avg_cnn", "fashion_cnn", "fashion_cnn_qat",
                            "fashion_conv1", "fashion_conv1_qat", "odd_cnn"])
    p.add_argument("--cnn-variant", default="maxpool",
                   choices=["maxpool", "dilation", "ceil_mode", "no_relu"],
                   help="odd_cnn: what the CNN has that the compiler refuses")
    p.add_argument("--levels", type=int, default=6,
                   help="qat style: spike counts per neuron (python/spikecore_qat.py)")
    p.add_argument("--export", default="script", choices=["script", "trace"])
    p.add_argument("--activation", default="relu", choices=sorted(ACTIVATIONS),
                   help="sequential style: relu or sigmoid only")
    p.add_argument("--normalize", default="none", choices=sorted(NORMALIZATIONS),
                   help="custom styles: input normalisation at the top of forward()")
    p.add_argument("--batchnorm", action="store_true",
                   help="custom styles: BatchNorm1d after every hidden Linear")
    p.add_argument("--identity", action="store_true", help="custom styles: an nn.Identity")
    p.add_argument("--conv", action="store_true", help="put a Conv2d before the MLP")
    p.add_argument("--final", default="none", choices=["none", "softmax", "log_softmax"],
                   help="custom styles: what forward() applies to the last Linear's scores")
    p.add_argument("--poison", default="", help="LAYER:INDEX:VALUE, e.g. fc1:5:nan")
    p.add_argument("--train-data", default="",
                   help="data dir with mnist/ IDX files: train on MNIST")
    p.add_argument("--train-count", type=int, default=4000)
    p.add_argument("--train-dataset", default="mnist", choices=["mnist", "fashion-mnist"],
                   help="fashion-mnist trains on FASHION_DIR's files")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--module-file", default="",
                   help="where a custom module's Python source goes (default OUTPUT_model.py)")
    a = p.parse_args()
    global OUTPUT, MODULE_FILE
    OUTPUT = a.output
    MODULE_FILE = a.module_file

    torch.manual_seed(a.seed)
    torch.set_num_threads(1)  # the same weights whatever the machine's core count
    widths = [int(w) for w in a.widths.split(",")]
    if a.style == "sequential":
        model = sequential(widths, a.activation, a.conv)
    elif a.style == "matmul":
        model = MatmulMLP(widths)
    elif a.style == "qat":
        model = qat_sequential(widths, a.levels)
    elif a.style == "lenet":
        model = lenet()
    elif a.style == "functional_cnn":
        model = FunctionalCNN()
    elif a.style == "tutorial_avg_cnn":
        model = TutorialAvgCNN()
    elif a.style == "fashion_cnn":
        model = fashion_cnn()
    elif a.style == "fashion_cnn_qat":
        model = fashion_cnn(a.levels)
    elif a.style == "fashion_conv1":
        model = fashion_conv1()
    elif a.style == "fashion_conv1_qat":
        model = fashion_conv1(a.levels)
    elif a.style == "odd_cnn":
        model = odd_cnn(a.cnn_variant)
    else:
        model = custom_mlp(widths, {"custom": "flatten"}.get(a.style, a.style), a.activation,
                           a.final, a.normalize, a.batchnorm, a.identity)
    if a.train_data or a.train_dataset == "fashion-mnist":  # Fashion-MNIST is in FASHION_DIR
        train(model, a.train_data, a.train_count, a.epochs, a.seed, a.train_dataset)
    model.eval()
    if a.poison:
        layer, index, value = a.poison.split(":")
        with torch.no_grad():
            getattr(model, layer).weight.view(-1)[int(index)] = float(value)
    side = int(round(widths[0] ** 0.5))
    example = torch.rand(2, 1, side, side) if side * side == widths[0] else torch.rand(2, widths[0])
    if a.conv or "cnn" in a.style or a.style == "lenet":
        example = torch.rand(2, 1, 28, 28)
    if a.style.endswith("qat"):
        from spikecore_qat import export_ready
        model = export_ready(model)
    with torch.no_grad():
        exported = torch.jit.trace(model, example) if a.export == "trace" else torch.jit.script(model)
    exported.save(a.output)


if __name__ == "__main__":
    main()
