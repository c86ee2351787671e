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

# name -> (source of class Model, dtype to convert to)
MODELS = {
    "fc2_twice.pt": ('''
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 32)
        self.fc2 = nn.Linear(32, 32)
        self.fc3 = nn.Linear(32, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)
''', None),
    "zero_width.pt": ('''
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 0)
        self.fc2 = nn.Linear(0, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = torch.relu(self.fc1(x))
        return self.fc2(x)
''', None),
    "tuple_return.pt": ('''
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 32)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        h = torch.relu(self.fc1(x))
        return self.fc2(h), h
''', None),
    "float64.pt": (None, torch.float64),
    "float16.pt": (None, torch.float16),
    "input_100.pt": ('''
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(100, 32)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = torch.relu(self.fc1(x))
        return self.fc2(x)
''', None),
}

PLAIN_MLP = '''
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 32)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = torch.relu(self.fc1(x))
        return self.fc2(x)
'''


def build(name, source, dtype):
    """Writes OUT/name, scripted from OUT/<stem>_model.py."""
    import importlib.util
    module_file = os.path.join(OUT, os.path.splitext(name)[0] + "_model.py")
    with open(module_file, "w") as f:
        f.write("import torch\nimport torch.nn as nn\n" + (source or PLAIN_MLP))
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
