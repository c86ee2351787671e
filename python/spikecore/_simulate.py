"""spikecore.simulate: digits through a compiled image, on either backend."""
import json
import os
import tempfile

import numpy as np

from ._tools import SpikeCoreError, run_tool


def _write_idx(directory, images, labels):
    """images [N, H, W] uint8 and labels [N] as the IDX files of a data set
    'mnist', split 'test' under directory/mnist (what --data-dir reads)."""
    mnist = os.path.join(directory, "mnist")
    os.makedirs(mnist)
    n, rows, cols = images.shape
    with open(os.path.join(mnist, "t10k-images-idx3-ubyte"), "wb") as f:
        f.write(np.array([0x803, n, rows, cols], dtype=">u4").tobytes())
        f.write(np.ascontiguousarray(images, dtype=np.uint8).tobytes())
    with open(os.path.join(mnist, "t10k-labels-idx1-ubyte"), "wb") as f:
        f.write(np.array([0x801, n], dtype=">u4").tobytes())
        f.write(np.ascontiguousarray(labels, dtype=np.uint8).tobytes())


def _as_images(images):
    a = np.asarray(images)
    if a.dtype != np.uint8:
        raise TypeError("images must be uint8 pixel bytes (0..255), got dtype %s" % a.dtype)
    if a.ndim == 2:
        side = int(round(a.shape[1] ** 0.5))
        if side * side != a.shape[1]:
            raise ValueError("images of shape %s: expected [N, 28, 28] or [N, 784]" % (a.shape,))
        a = a.reshape(a.shape[0], side, side)
    if a.ndim != 3 or a.shape[0] == 0:
        raise ValueError("images of shape %s: expected [N, 28, 28] or [N, 784], N >= 1" % (a.shape,))
    return a


class Run:
    """The results of one spikecore-sim run (its --json, docs/simulator.md).

    predicted            [N] int: the chip's class per sample
    labels               [N] int
    output_spike_counts  [N, classes]
    output_scores        [N, classes]: spike count x threshold + membrane
    summary              the JSON's summary (accuracy, agreement, cycles, energy...)
    results              the whole JSON
    vcd_path, gtkw_path  the trace and its gtkwave layout (vcd= given), else None
    """

    def __init__(self, image, pixels, results, vcd_path, gtkw_path):
        self.image = image
        self.pixels = pixels  # [N, H, W] uint8, what was simulated
        self.results = results
        samples = results["samples"]
        self.backend = results["backend"]
        self.timesteps = results["timesteps"]
        self.indices = np.array([s["index"] for s in samples], dtype=np.int64)
        self.predicted = np.array([s["predicted"] for s in samples], dtype=np.int64)
        self.labels = np.array([s["label"] for s in samples], dtype=np.int64)
        self.output_spike_counts = np.array([s["output_spike_counts"] for s in samples], dtype=np.int64)
        self.output_scores = np.array([s["output_scores"] for s in samples], dtype=np.int64)
        refs = [s["reference"] for s in samples]
        self.reference = None if refs and refs[0] is None else np.array(refs, dtype=np.int64)
        self.summary = results["summary"]
        self.vcd_path, self.gtkw_path = vcd_path, gtkw_path

    def __len__(self):
        return len(self.predicted)

    def spikes(self, sample):
        """Sample `sample` (0..N-1 of this run) as {layer name: bool array [T, neurons]}.

        The spikes come from the bit-exact golden model in this process: the
        SystemC model produces the same spikes (spikecore-sim checks it, and
        so does the test suite); the output layer's counts are checked
        against this run's before they are returned."""
        if not 0 <= sample < len(self):
            raise IndexError("sample %d: this run has samples 0..%d" % (sample, len(self) - 1))
        begin, ids = self.image.spike_record(self.pixels[sample:sample + 1], self.timesteps)
        steps = len(begin) - 1
        out = {}
        for layer in self.image.layers():
            column = {int(g): k for k, g in enumerate(layer["neurons"])}
            raster = np.zeros((steps, len(column)), dtype=bool)
            for t in range(steps):
                for g in ids[begin[t]:begin[t + 1]]:
                    k = column.get(int(g))
                    if k is not None:
                        raster[t, k] = True
            out[layer["name"]] = raster
        output = [l for l in self.image.layers() if l["role"] == "output"]
        if output:
            counts = out[output[0]["name"]].sum(axis=0)
            if not np.array_equal(counts, self.output_spike_counts[sample]):
                raise SpikeCoreError("sample %d: the golden model's output spike counts %s differ "
                                     "from the %s run's %s (a bug)" % (
                                         sample, counts.tolist(), self.backend,
                                         self.output_spike_counts[sample].tolist()))
        return out

    def plot_raster(self, sample=0, ax=None):
        """The input as the digit, then hidden and output spikes over time."""
        from ._plot import plot_raster
        return plot_raster(self, sample)

    def __repr__(self):
        s = self.summary
        agreement = "" if s.get("agreement") is None else ", agreement %.2f %%" % (100 * s["agreement"])
        return "<spikecore.Run %s, %d samples, T=%d: accuracy %.2f %%%s>" % (
            self.backend, len(self), self.timesteps, 100 * s["accuracy"], agreement)


def simulate(compiled_or_image_path, images=None, labels=None, dataset="mnist", split="test",
             first=0, count=None, backend="golden", timesteps=None, reference=None, vcd=None,
             jobs=1, data_dir=None):
    """Runs samples through an image with spikecore-sim in a child process.

    compiled_or_image_path  a Compilation or an image file (.scimg)
    images                  uint8 [N, 28, 28] or [N, 784] to run instead of a data set
                            (labels: [N], default 0)
    dataset, split, first, count, data_dir   otherwise: which samples
    backend                 "golden" (functional, bit-exact) or "systemc" (cycle-level)
    timesteps               default: the image's
    reference               a TorchScript file or torch.nn.Module: PyTorch's float
                            top-1 to compare with (summary["agreement"])
    vcd                     write a VCD trace of the first sample (systemc)
    Raises SpikeCoreError with spikecore-sim's message on bad input."""
    from ._compile import Compilation, torchscript_file
    from ._spikecore import Image, read_images
    if backend not in ("golden", "systemc"):
        raise ValueError("backend must be 'golden' or 'systemc', not %r" % (backend,))
    image_path = (compiled_or_image_path.image_path if isinstance(compiled_or_image_path, Compilation)
                  else os.fspath(compiled_or_image_path))
    try:
        image = Image(image_path)
    except Exception as e:  # the loader's message names the file and what is wrong
        raise SpikeCoreError(str(e)) from None
    with tempfile.TemporaryDirectory(prefix="spikecore-sim-") as tmp:
        args = ["--image", image_path, "--backend", backend, "--json", os.path.join(tmp, "r.json"),
                "--progress", "none", "--jobs", jobs]
        if images is not None:
            pixels = _as_images(images)
            label_array = np.zeros(len(pixels), dtype=np.uint8) if labels is None else np.asarray(labels, dtype=np.uint8)
            if label_array.shape != (len(pixels),):
                raise ValueError("labels must have shape (%d,), got %s" % (len(pixels), label_array.shape))
            _write_idx(os.path.join(tmp, "data"), pixels, label_array)
            args += ["--data-dir", os.path.join(tmp, "data"), "--dataset", "mnist", "--split", "test"]
        else:
            args += ["--dataset", dataset, "--split", split, "--first", first]
            if count is not None:
                args += ["--count", count]
            if data_dir is not None:
                args += ["--data-dir", data_dir]
            pixels = None  # read after the run: a bad range gets spikecore-sim's own message
        if timesteps is not None:
            args += ["--timesteps", timesteps]
        if reference is not None:
            args += ["--reference", torchscript_file(reference, tmp)]
        vcd_path = gtkw_path = None
        if vcd is not None:
            vcd_path = os.path.abspath(os.fspath(vcd))
            if not vcd_path.endswith(".vcd"):
                vcd_path += ".vcd"
            gtkw_path = vcd_path[:-4] + ".gtkw"
            args += ["--vcd", vcd_path]
        run_tool("spikecore-sim", args)
        with open(os.path.join(tmp, "r.json")) as f:
            results = json.load(f)
    if pixels is None:
        samples = results["samples"]
        pixels = read_images(results["dataset"]["images_path"], samples[0]["index"], len(samples))
    return Run(image, pixels.reshape(len(pixels), -1), results, vcd_path, gtkw_path)
