"""Plots on matplotlib (imported only when a plot is asked for)."""
import numpy as np


def _pyplot():
    import matplotlib
    import matplotlib.pyplot as plt  # noqa: F401 - the backend is the user's (Agg headless)
    return matplotlib, plt


def plot_raster(run, sample=0):
    """One sample: the input layer as the image (spike count per pixel), then
    every other layer as a raster of time steps x neurons; output rows named
    by class, the chip's class marked. Returns the matplotlib Figure."""
    _, plt = _pyplot()
    spikes = run.spikes(sample)
    layers = run.image.layers()
    others = [l for l in layers if l["role"] != "input"]
    fig = plt.figure(figsize=(11, 2.2 + 1.6 * len(others)))
    grid = fig.add_gridspec(len(others), 2, width_ratios=[1, 4])
    inputs = [l for l in layers if l["role"] == "input"]
    if inputs:
        counts = spikes[inputs[0]["name"]].sum(axis=0)
        side = int(round(len(counts) ** 0.5))
        ax = fig.add_subplot(grid[:, 0])
        if side * side == len(counts):
            ax.imshow(counts.reshape(side, side), cmap="Blues")
        else:
            ax.imshow(counts[None, :], aspect="auto", cmap="Blues")
        ax.set_title("%s: spikes per pixel\n(%d spikes)" % (inputs[0]["name"], counts.sum()), fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    predicted = int(run.predicted[sample])
    for row, layer in enumerate(others):
        ax = fig.add_subplot(grid[row, 1])
        raster = spikes[layer["name"]]
        t, n = np.nonzero(raster)
        colour = "#c44e52" if layer["role"] == "output" else "#55a868"
        ax.scatter(t, n, s=6, marker="s", color=colour)
        ax.set_xlim(-0.5, raster.shape[0] - 0.5)
        ax.set_ylim(raster.shape[1] - 0.5, -0.5)
        ax.set_ylabel("%s\n(%s)" % (layer["name"], layer["role"]), fontsize=9)
        if layer["role"] == "output":
            ax.set_yticks(range(raster.shape[1]))
            ax.set_yticklabels(["class %d%s" % (k, " <- chip" if k == predicted else "")
                                for k in range(raster.shape[1])], fontsize=7)
        if row == len(others) - 1:
            ax.set_xlabel("time step")
    label = int(run.labels[sample])
    fig.suptitle("sample %d: label %d, chip %d (%s backend, T = %d)" % (
        int(run.indices[sample]), label, predicted, run.backend, run.timesteps))
    fig.tight_layout()
    return fig


def plot_accuracy_vs_timesteps(report, ax=None):
    """Agreement with float and accuracy against T, from a compile report (a
    Compilation's .report) or a list of (T, Run) pairs. Returns the Axes."""
    _, plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    if isinstance(report, dict):
        curve = report.get("timestep_calibration", [])
        ts = [p["timesteps"] for p in curve]
        agreement = [100 * p["agreement"] for p in curve]
        accuracy = [100 * p["accuracy"] for p in curve]
        chosen = report.get("default_timesteps")
        where = "compiler's validation digits"
    else:
        pairs = sorted(report, key=lambda p: p[0])
        ts = [t for t, _ in pairs]
        agreement = [100 * (r.summary["agreement"] or 0) for _, r in pairs]
        accuracy = [100 * r.summary["accuracy"] for _, r in pairs]
        chosen, where = None, "simulated samples"
    ax.plot(ts, agreement, "o-", label="agreement with PyTorch float")
    ax.plot(ts, accuracy, "s-", label="accuracy")
    if chosen:
        ax.axvline(chosen, color="#c44e52", linestyle="--", label="chosen T = %d" % chosen)
    ax.set_xlabel("time steps T")
    ax.set_ylabel("percent")
    ax.set_title("Agreement and accuracy vs. T (%s)" % where, fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return ax


def plot_mesh(image, ax=None):
    """The cores of the mesh (or board): colour = the layer of the core's
    neurons, else the layer its partial sums feed (a weight tile); shade =
    weight SRAM use. Returns the Axes."""
    matplotlib, plt = _pyplot()
    cols = image.mesh[0] * image.board[0]
    rows = image.mesh[1] * image.board[1]
    if ax is None:
        _, ax = plt.subplots(figsize=(min(12, 1 + cols * 0.45), min(9, 1.2 + rows * 0.45)))
    layers = image.layers()
    layer_of_neuron = {int(g): k for k, layer in enumerate(layers) for g in layer["neurons"]}
    layer_of = {}  # core -> the layer of its neurons, else of the neurons its PSUMs feed
    for g, k in sorted(layer_of_neuron.items()):
        layer_of.setdefault(g // 64, k)
    for core in image.cores():
        for g in core["psum_targets"]:
            if g in layer_of_neuron:
                layer_of.setdefault(core["core"], layer_of_neuron[g])
                break
    palette = matplotlib.colormaps["tab10"]
    picture = np.ones((rows, cols, 3))
    for core in image.cores():
        if not core["used"]:
            continue
        shade = 0.25 + 0.75 * core["weight_bytes"] / 256
        k = layer_of.get(core["core"])
        rgb = np.array(palette(k % 10)[:3]) if k is not None else np.array([0.4, 0.4, 0.4])
        picture[core["board_y"], core["board_x"]] = 1 - shade * (1 - rgb)
    ax.imshow(picture, interpolation="nearest")
    ax.set_xticks(range(cols))
    ax.set_yticks(range(rows))
    ax.tick_params(labelsize=6)
    for x in range(image.mesh[0], cols, image.mesh[0]):
        ax.axvline(x - 0.5, color="black", linewidth=2)
    for y in range(image.mesh[1], rows, image.mesh[1]):
        ax.axhline(y - 0.5, color="black", linewidth=2)
    handles = [matplotlib.patches.Patch(color=palette(k % 10), label=l["name"]) for k, l in enumerate(layers)]
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_title("%s: cores by layer (of their neurons, else of their weights; darker = more SRAM)" % image.model_name, fontsize=10)
    return ax
