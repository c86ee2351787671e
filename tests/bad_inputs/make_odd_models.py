#!/usr/bin/python3
"""Writes TorchScript models that are wrong in the ways users get them wrong,
for the bad-input catalogue (cases.txt, "Models the compiler must explain").

    make_odd_models.py OUT_DIR

Each model is scripted from a real source file (written next to it), so the
compiler can name the line. Exit code 3: no torch here (the cases are skipped).
"""
import os
import sys

try:
    import torch
    import torch.nn as nn  # noqa: F401 (used by the generated sources)
except ImportError:
    sys.exit(3)

OUT = sys.argv[1]

def model_source(layers, body):
    """Source of `class Model`: `layers` as (name, in, out) Linear layers, and the
    lines of forward() after the input is flattened."""
    lines = ["class Model(nn.Module):", "    def __init__(self):", "        super().__init__()"]
    lines += ["        self.%s = nn.Linear(%d, %d)" % layer for layer in layers]
    lines += ["", "    def forward(self, x):", "        x = torch.flatten(x, 1)"]
    lines += ["        " + line for line in body]
    return "\n".join(lines) + "\n"


PLAIN_MLP = model_source([("fc1", 784, 32), ("fc2", 32, 10)],
                         ["x = torch.relu(self.fc1(x))", "return self.fc2(x)"])

# name -> (source of class Model, dtype to convert to)
MODELS = {
    "fc2_twice.pt": (model_source([("fc1", 784, 32), ("fc2", 32, 32), ("fc3", 32, 10)],
                                  ["x = torch.relu(self.fc1(x))", "x = torch.relu(self.fc2(x))",
                                   "x = torch.relu(self.fc2(x))", "return self.fc3(x)"]), None),
    "zero_width.pt": (model_source([("fc1", 784, 0), ("fc2", 0, 10)],
                                   ["x = torch.relu(self.fc1(x))", "return self.fc2(x)"]), None),
    "tuple_return.pt": (model_source([("fc1", 784, 32), ("fc2", 32, 10)],
                                     ["h = torch.relu(self.fc1(x))", "return self.fc2(h), h"]),
                        None),
    "log_softmax_final.pt": (model_source([("fc1", 784, 32), ("fc2", 32, 10)],
                                          ["x = torch.relu(self.fc1(x))",
                                           "return torch.log_softmax(self.fc2(x), dim=1)"]), None),
    "softmax_inside.pt": (model_source([("fc1", 784, 32), ("fc2", 32, 10)],
                                       ["x = torch.softmax(self.fc1(x), 1)",
                                        "return self.fc2(x)"]), None),
    "hardtanh_symmetric.pt": (model_source([("fc1", 784, 32), ("fc2", 32, 10)],
                                           ["x = nn.functional.hardtanh(self.fc1(x))",
                                            "return self.fc2(x)"]), None),
    "shift_between_relus.pt": (model_source([("fc1", 784, 32), ("fc2", 32, 10)],
                                            ["x = torch.relu(torch.relu(self.fc1(x)) - 0.5)",
                                             "return self.fc2(x)"]), None),
    "float64.pt": (PLAIN_MLP, torch.float64),
    "float16.pt": (PLAIN_MLP, torch.float16),
    "input_100.pt": (model_source([("fc1", 100, 32), ("fc2", 32, 10)],
                                  ["x = torch.relu(self.fc1(x))", "return self.fc2(x)"]), None),
}


def build(name, source, dtype):
    """Writes OUT/name, scripted from OUT/<stem>_model.py."""
    import importlib.util
    module_file = os.path.join(OUT, os.path.splitext(name)[0] + "_model.py")
    with open(module_file, "w") as f:
        f.write("import torch\nimport torch.nn as nn\n\n" + source)
    spec = importlib.util.spec_from_file_location(os.path.splitext(name)[0], module_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    torch.manual_seed(1)
    model = module.Model()
    if dtype is not None:
        model = model.to(dtype)
    tmp = os.path.join(OUT, name + ".tmp")
    torch.jit.script(model).save(tmp)
    os.replace(tmp, os.path.join(OUT, name))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, (source, dtype) in MODELS.items():
        build(name, source, dtype)
