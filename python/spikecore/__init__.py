"""SpikeCore from Python: compile a PyTorch model for the chip, look at every
stage, simulate digits on the golden or the cycle-level SystemC model, plot.

    import spikecore
    c = spikecore.compile(model)               # nn.Module, scripted/traced, or a .pt file
    print(c.stages["quantize"])                # the IR after any pass
    run = spikecore.simulate(c, count=100, backend="systemc", reference=model)
    run.summary["agreement"], run.predicted[:10]
    run.plot_raster(0)

The C++ tools do the work (spikecore-compile, spikecore-sim, run as child
processes; the golden model also in-process for spikes); their error
messages arrive as SpikeCoreError. docs/python.md documents the API.
"""
from ._compile import Compilation, compile  # noqa: A004 - the API's name
from ._data import load_dataset
from ._plot import plot_accuracy_vs_timesteps
from ._simulate import Run, simulate
from ._tools import SpikeCoreError, bin_dir

__all__ = ["compile", "simulate", "load_dataset", "Compilation", "Run", "SpikeCoreError",
           "plot_accuracy_vs_timesteps", "bin_dir"]
