"""spikecore.compile: a PyTorch model to a SpikeCore image, every stage kept."""
import collections
import json
import os
import re
import shutil
import tempfile

from ._tools import SpikeCoreError, run_tool

# spikecore.compile's keyword -> spikecore-compile's flag.
_FLAGS = {
    "timesteps": "--timesteps", "board": "--board", "mesh": "--mesh", "hw": "--hw",
    "percentile": "--percentile", "output_percentile": "--output-percentile",
    "weight_percentile": "--weight-percentile", "initial_input": "--initial-input",
    "initial_hidden": "--initial-hidden", "calib_dataset": "--calib-dataset",
    "calib_count": "--calib-count", "data_dir": "--data-dir", "seed": "--seed",
    "place_effort": "--place-effort",
}
_STAGE = re.compile(r"^; \*\*\* IR after (\S+) \*\*\*$", re.M)


def torchscript_file(model, directory):
    """A TorchScript file for `model`: a path is used as it is; a ScriptModule
    is saved; a plain nn.Module is scripted, or else traced with one
    [1, 1, 28, 28] input (in eval mode, the user's module left as it was)."""
    if isinstance(model, (str, os.PathLike)):
        path = os.fspath(model)
        if not os.path.isfile(path):
            raise SpikeCoreError("model %s: no such file" % path)
        return path
    import torch
    if not isinstance(model, torch.nn.Module):
        raise TypeError("model must be a torch.nn.Module or a path to a TorchScript file, not %s"
                        % type(model).__name__)
    if isinstance(model, torch.jit.ScriptModule):
        scripted = model
    else:
        try:
            scripted = torch.jit.script(model)
        except Exception as script_error:  # noqa: BLE001 - reported below with the trace error
            was_training = model.training
            model.eval()
            try:
                with torch.no_grad():
                    scripted = torch.jit.trace(model, torch.zeros(1, 1, 28, 28))
            except Exception as trace_error:  # noqa: BLE001
                raise SpikeCoreError(
                    "%s can be neither scripted (torch.jit.script: %s) nor traced with a "
                    "[1, 1, 28, 28] input (torch.jit.trace: %s); export it yourself and pass the "
                    "file" % (type(model).__name__, str(script_error).splitlines()[0],
                              str(trace_error).splitlines()[0])) from None
            finally:
                model.train(was_training)
    # The compiler names the model after the file: the class name reads best.
    path = os.path.join(directory, type(model).__name__ + ".pt")
    scripted.eval()
    scripted.save(path)
    return path


class Compilation:
    """What spikecore-compile made of a model.

    stages       ordered mapping: pass name -> the IR printed after it (--print-after all)
    report       the mapping report (--report) as a dict
    quantization per-layer figures (lambda, scale, threshold, clipped weights), a list of dicts
    assembly     the SpikeCore assembly text
    timesteps    the default T stored in the image
    image_path   the image (a temporary file until save())
    log          what the compiler said on stderr (progress, notes, warnings)
    """

    def __init__(self, directory, model_path, stdout, stderr):
        self._directory = directory  # TemporaryDirectory: kept as long as this object
        root = directory.name
        self.model_path = model_path
        self.image_path = os.path.join(root, "model.scimg")
        with open(os.path.join(root, "mapping.json")) as f:
            self.report = json.load(f)
        with open(os.path.join(root, "model.s")) as f:
            self.assembly = f.read()
        self.quantization = self.report.get("quantization", [])
        self.timesteps = self.report.get("default_timesteps")
        self.log = stderr
        self.stages = collections.OrderedDict()
        marks = list(_STAGE.finditer(stdout))
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else stdout.find("\nQuantization (", m.end())
            self.stages[m.group(1)] = stdout[m.end() + 1:end if end >= 0 else len(stdout)].rstrip("\n")
        self._image = None

    @property
    def image(self):
        """The image as the chip sees it (spikecore._spikecore.Image)."""
        if self._image is None:
            from ._spikecore import Image
            self._image = Image(self.image_path)
        return self._image

    def save(self, path):
        """Writes the image to `path` (atomically: a temporary file, then a rename)."""
        path = os.fspath(path)
        if (os.path.exists(path) and os.path.exists(self.model_path) and
                os.path.samefile(path, self.model_path)):
            raise SpikeCoreError("save(%s): that is the model being compiled" % path)
        tmp = path + ".partial"
        shutil.copyfile(self.image_path, tmp)
        os.replace(tmp, path)
        return path

    def plot_mesh(self, ax=None):
        """The cores on the mesh (or board), coloured by layer, shaded by SRAM use."""
        from ._plot import plot_mesh
        return plot_mesh(self.image, ax=ax)

    def plot_accuracy_vs_timesteps(self, ax=None):
        """The agreement and accuracy against T that the compiler measured."""
        from ._plot import plot_accuracy_vs_timesteps
        return plot_accuracy_vs_timesteps(self.report, ax=ax)

    def __repr__(self):
        return "<spikecore.Compilation %s: T=%s, %d stages, %d cores used>" % (
            self.model_path, self.timesteps, len(self.stages),
            sum(1 for c in self.image.cores() if c["used"]))


def compile(model, **options):  # noqa: A001 - the API's name
    """Compiles `model` (a torch.nn.Module, scripted, traced or plain, or a
    TorchScript file) for SpikeCore. Options mirror spikecore-compile's flags:
    timesteps, board ("auto" or "2x2"), mesh ("16x8"), hw (a hardware description
    file), percentile, output_percentile, weight_percentile, initial_input,
    initial_hidden, calib_dataset ("mnist", "fashion-mnist"), calib_count,
    data_dir, seed, place_effort. Raises SpikeCoreError with the compiler's
    messages when the model cannot be compiled."""
    unknown = sorted(set(options) - set(_FLAGS))
    if unknown:
        raise TypeError("compile() got unknown option(s) %s; known: %s" %
                        (", ".join(unknown), ", ".join(sorted(_FLAGS))))
    directory = tempfile.TemporaryDirectory(prefix="spikecore-compile-")
    root = directory.name
    model_path = torchscript_file(model, root)
    args = [model_path, "-o", os.path.join(root, "model.scimg"), "--asm",
            os.path.join(root, "model.s"), "--report", os.path.join(root, "mapping.json"),
            "--print-after", "all", "--quiet"]
    for key, value in options.items():
        if value is not None:
            args += [_FLAGS[key], value]
    stdout, stderr = run_tool("spikecore-compile", args)
    return Compilation(directory, model_path if isinstance(model, (str, os.PathLike)) else
                       "<%s>" % type(model).__name__, stdout, stderr)
