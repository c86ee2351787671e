"""The Python package `spikecore` (python/spikecore): compile live PyTorch
modules written in several styles, simulate on both backends, and check that
what Python returns is what the command-line tools print."""
import json
import os
import signal
import subprocess
import threading

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import spikecore

PASSES = ["import", "canonicalize", "merge-composites", "annotate-target", "partition",
          "quantize", "lower", "place", "route", "timesteps", "codegen", "assemble"]
FAST = dict(calib_count=300, timesteps=16)  # a quick compile: T given, few calibration images


def copy_weights(trained, *linears):
    with torch.no_grad():
        for mine, theirs in zip(linears, [trained.fc1, trained.fc2]):
            mine.weight.copy_(theirs.weight)
            mine.bias.copy_(theirs.bias)


class Functional(torch.nn.Module):
    """A custom module with functional calls and input normalisation in forward."""

    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(784, 32)
        self.fc2 = torch.nn.Linear(32, 10)

    def forward(self, x):
        x = x.view(x.size(0), -1)
        return F.softmax(self.fc2(F.relu(self.fc1(x))), dim=1)


def sequential(trained):
    m = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 32), torch.nn.ReLU(),
                            torch.nn.Linear(32, 10))
    copy_weights(trained, m[1], m[3])
    return m


def functional(trained):
    m = Functional()
    copy_weights(trained, m.fc1, m.fc2)
    return m


@pytest.mark.parametrize("style", ["plain Sequential", "scripted custom", "traced Sequential",
                                   "file"])
def test_compiles_models_as_tutorials_write_them(style, trained_mlp, artifacts, tmp_path):
    if style == "plain Sequential":
        model = sequential(trained_mlp)
    elif style == "scripted custom":
        model = torch.jit.script(functional(trained_mlp))
    elif style == "traced Sequential":
        model = torch.jit.trace(sequential(trained_mlp).eval(), torch.zeros(1, 1, 28, 28))
    else:
        model = os.path.join(artifacts, "mnist_mlp.pt")
    c = spikecore.compile(model, **FAST)
    assert list(c.stages) == PASSES
    assert "fc1" in c.stages["partition"] or "linear" in c.stages["partition"].lower()
    assert c.timesteps == 16
    assert c.report["default_timesteps"] == 16 and c.report["cores"]
    assert len(c.quantization) == 2 and all("threshold" in q for q in c.quantization)
    assert ".core" in c.assembly
    saved = c.save(tmp_path / "m.scimg")
    assert open(saved, "rb").read() == open(c.image_path, "rb").read()
    # The class of the held-out digits follows the trained weights, whatever the style.
    run = spikecore.simulate(c, count=50)
    assert run.summary["accuracy"] >= 0.85, run


def test_stages_are_the_compilers_print_after_text(artifacts, tmp_path):
    model = os.path.join(artifacts, "mnist_mlp.pt")
    c = spikecore.compile(model, **FAST)
    out = subprocess.run([os.path.join(spikecore.bin_dir(), "spikecore-compile"), model, "-o",
                          str(tmp_path / "cli.scimg"), "--print-after", "quantize", "--quiet",
                          "--calib-count", "300", "--timesteps", "16"],
                         capture_output=True, text=True, check=True).stdout
    assert c.stages["quantize"] in out
    assert open(tmp_path / "cli.scimg", "rb").read() == open(c.image_path, "rb").read()


@pytest.mark.filterwarnings("ignore::torch.jit.TracerWarning")
def test_a_model_that_cannot_be_exported_says_why_both_ways_failed():
    class Untraceable(torch.nn.Module):
        def forward(self, x):
            if x.sum() > 0:  # data-dependent control flow over a Python object
                return {"scores": x}
            return x.numpy()

    with pytest.raises(spikecore.SpikeCoreError) as e:
        spikecore.compile(Untraceable())
    message = str(e.value)
    assert "torch.jit.script" in message and "torch.jit.trace" in message


def test_compile_errors_are_the_compilers_messages(tmp_path):
    class Sigmoid(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1 = torch.nn.Linear(784, 16)
            self.fc2 = torch.nn.Linear(16, 10)

        def forward(self, x):
            return self.fc2(torch.sigmoid(self.fc1(x.flatten(1))))

    scripted = torch.jit.script(Sigmoid())
    path = str(tmp_path / "Sigmoid.pt")
    scripted.save(path)
    cli = subprocess.run([os.path.join(spikecore.bin_dir(), "spikecore-compile"), path, "-o",
                          str(tmp_path / "x.scimg"), "--quiet"], capture_output=True, text=True)
    assert cli.returncode == 1
    with pytest.raises(spikecore.SpikeCoreError) as e:
        spikecore.compile(path)
    assert e.value.status == 1
    first_error = [l for l in cli.stderr.splitlines() if "error" in l][0]
    assert first_error in str(e.value)
    with pytest.raises(TypeError, match="unknown option"):
        spikecore.compile(path, timestep=8)


def cli_results(artifacts, tmp_path, *args):
    out = tmp_path / "cli.json"
    subprocess.run([os.path.join(spikecore.bin_dir(), "spikecore-sim"), "--image",
                    os.path.join(artifacts, "mnist_mlp.scimg"), "--json", str(out),
                    "--progress", "none", *args], check=True, capture_output=True)
    return json.load(open(out))


def test_results_equal_the_clis(artifacts, tmp_path):
    image = os.path.join(artifacts, "mnist_mlp.scimg")
    run = spikecore.simulate(image, first=100, count=60)
    cli = cli_results(artifacts, tmp_path, "--backend", "golden", "--first", "100", "--count", "60")
    assert run.predicted.tolist() == [s["predicted"] for s in cli["samples"]]
    assert run.output_spike_counts.tolist() == [s["output_spike_counts"] for s in cli["samples"]]
    assert run.summary == cli["summary"]
    # The in-process golden model gives the same classes and counts.
    inproc = run.image.run_golden(run.pixels, run.timesteps)
    assert np.array_equal(inproc["predicted"], run.predicted)
    assert np.array_equal(inproc["output_spike_counts"], run.output_spike_counts)


def test_systemc_and_golden_agree_and_spikes_are_per_layer(artifacts, trained_mlp):
    image = os.path.join(artifacts, "mnist_mlp.scimg")
    golden = spikecore.simulate(image, count=20, reference=trained_mlp)
    systemc = spikecore.simulate(image, count=20, backend="systemc", reference=trained_mlp)
    assert np.array_equal(golden.predicted, systemc.predicted)
    assert np.array_equal(golden.output_spike_counts, systemc.output_spike_counts)
    assert systemc.summary["cycles_per_inference_mean"] > 0
    assert golden.summary["agreement"] == systemc.summary["agreement"] >= 0.9
    spikes = systemc.spikes(3)
    assert list(spikes) == [l["name"] for l in systemc.image.layers()]
    assert spikes["input"].shape == (systemc.timesteps, 784) and spikes["input"].dtype == bool
    output = [l["name"] for l in systemc.image.layers() if l["role"] == "output"][0]
    assert spikes[output].sum(axis=0).tolist() == systemc.output_spike_counts[3].tolist()
    with pytest.raises(IndexError):
        systemc.spikes(20)


def test_numpy_images_give_the_same_results_as_the_data_set(artifacts):
    image = os.path.join(artifacts, "mnist_mlp.scimg")
    from_data = spikecore.simulate(image, first=7, count=12)
    pixels = from_data.pixels.reshape(12, 28, 28)
    flat = spikecore.simulate(image, images=pixels.reshape(12, 784), labels=from_data.labels)
    square = spikecore.simulate(image, images=pixels)
    assert np.array_equal(flat.predicted, from_data.predicted)
    assert np.array_equal(square.output_scores, from_data.output_scores)
    assert flat.summary["accuracy"] == from_data.summary["accuracy"]


def test_bad_input_raises_a_clear_error(artifacts, tmp_path):
    image = os.path.join(artifacts, "mnist_mlp.scimg")
    with pytest.raises(spikecore.SpikeCoreError, match="nope.scimg"):
        spikecore.simulate(str(tmp_path / "nope.scimg"))
    with pytest.raises(spikecore.SpikeCoreError, match="the split has 2000"):
        spikecore.simulate(image, first=1990, count=20)
    with pytest.raises(TypeError, match="uint8"):
        spikecore.simulate(image, images=np.zeros((2, 28, 28), dtype=np.float32))
    with pytest.raises(ValueError, match="expected"):
        spikecore.simulate(image, images=np.zeros((2, 30), dtype=np.uint8))
    with pytest.raises(ValueError, match="backend"):
        spikecore.simulate(image, backend="verilog")
    with pytest.raises(spikecore.SpikeCoreError, match="--vcd needs --backend systemc"):
        spikecore.simulate(image, count=1, vcd=tmp_path / "t.vcd")


def test_a_vcd_comes_with_its_gtkwave_layout(artifacts, tmp_path):
    run = spikecore.simulate(os.path.join(artifacts, "mnist_mlp.scimg"), count=1,
                             backend="systemc", vcd=tmp_path / "run.vcd")
    assert run.vcd_path == str(tmp_path / "run.vcd") and os.path.getsize(run.vcd_path) > 1000
    assert os.path.isfile(run.gtkw_path)


def test_plots_draw(artifacts):
    import matplotlib
    matplotlib.use("Agg")
    c = spikecore.compile(os.path.join(artifacts, "mnist_mlp.pt"), calib_count=300)
    run = spikecore.simulate(c, count=5)
    fig = run.plot_raster(1)
    assert len(fig.axes) == len(run.image.layers())
    assert "chip %d" % run.predicted[1] in fig._suptitle.get_text()
    ax = c.plot_mesh()
    assert len(ax.get_legend().get_texts()) == len(run.image.layers())
    ax = c.plot_accuracy_vs_timesteps()
    assert len(ax.lines) >= 2 and len(ax.lines[0].get_xdata()) == len(c.report["timestep_calibration"])


def test_ctrl_c_stops_the_child_and_raises_keyboardinterrupt(artifacts):
    image = os.path.join(artifacts, "mnist_mlp.scimg")
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        spikecore.simulate(image, backend="systemc")  # 2000 digits: far longer than 1 s
    timer.cancel()
    children = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stat = open("/proc/%s/stat" % pid).read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                children.append(stat)
    assert not [c for c in children if "spikecore" in c], children


def test_the_readme_snippet_runs_as_written(artifacts, tmp_path, monkeypatch):
    import matplotlib
    matplotlib.use("Agg")
    readme = open(os.path.join(os.path.dirname(__file__), "..", "..", "README.md")).read()
    snippet = readme.split("```python\n", 1)[1].split("```", 1)[0]
    # Its working directory after scripts/run.sh: models/mnist_mlp.pt and out/.
    (tmp_path / "models").mkdir()
    (tmp_path / "out").mkdir()
    os.symlink(os.path.abspath(os.path.join(artifacts, "mnist_mlp.pt")),
               tmp_path / "models" / "mnist_mlp.pt")
    monkeypatch.chdir(tmp_path)
    scope = {}
    exec(compile(snippet, "README.md", "exec"), scope)  # noqa: S102 - the README's own code
    assert (scope["golden"].predicted == scope["systemc"].predicted).all()
    assert scope["systemc"].summary["agreement"] >= 0.95
    assert os.path.getsize(tmp_path / "out" / "raster.png") > 10000


def test_load_dataset_reads_the_digits_the_tools_read(artifacts):
    images, labels = spikecore.load_dataset("mnist", "test", first=5, count=4)
    assert images.shape == (4, 28, 28) and images.dtype == np.uint8
    run = spikecore.simulate(os.path.join(artifacts, "mnist_mlp.scimg"), first=5, count=4)
    assert np.array_equal(run.pixels.reshape(4, 28, 28), images)
    assert labels.tolist() == run.labels.tolist()
    with pytest.raises(spikecore.SpikeCoreError, match="first 9000 is past the end of mnist/train"):
        spikecore.load_dataset("mnist", "train", first=9000)
    with pytest.raises(spikecore.SpikeCoreError, match="cifar"):
        spikecore.load_dataset("cifar")
