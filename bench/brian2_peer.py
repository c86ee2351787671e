#!/usr/bin/python3
"""Brian2 peer benchmark: the chip's integer spiking network, run in Brian2.

Reads a network exported by `spikecore-bench-export-network` (JSON), builds it
in Brian2 with N independent copies side by side (one copy per digit, so one
run of T steps does every digit's inference), runs it with the Cython runtime
or the C++ standalone back end, and prints one JSON object on stdout: speed
(simulation only) and agreement with the chip's golden model. Progress goes to
stderr.

How the chip's step maps onto Brian2 (docs/isa.md section 2), dt = one step:
  * each layer is a NeuronGroup; per step, in the 'groups' slot, a
    run_regularly does  v = clip(v + I + bias*[t >= bias_start], -32768, 32767);
    I = 0  (the input layer's bias is the digit's pixel value);
  * 'thresholds' slot: v >= theta spikes; 'resets' slot: v -= theta,
    count += 1 (reset by subtraction, as the chip);
  * 'synapses' slot (between thresholds and resets): Synapses with zero delay,
    on_pre 'I_post += w', so a spike of step t lands in I after the target's
    update of step t and is consumed in step t+1: the chip's one-step delay per
    layer, without a synaptic delay. Spikes of the last step reach I but are
    never consumed, as on the chip.
  * read-out: score = count*theta + v of the last layer, argmax, lowest index
    wins ties. Values are integers held in float64, exact at these magnitudes.
Synaptic events per inference: spikes of steps 0..T-2 (those the chip delivers;
counted in the reset as `sent`) x the neuron's number of Brian2 synapses
(non-zero weights only). The chip's synaptic_ops counts weight reads of dense
tiles, zeros included, so it is >= this figure.
Timing: Brian2's own timer of the simulation loop (device._last_run_time), which
excludes code generation, compilation and network construction; see --help.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import warnings

try:
    import numpy as np
except ImportError:
    np = None

LAYER_KEYS = ("size", "threshold", "bias", "bias_start", "initial_potential")
DIGIT_KEYS = ("pixels", "label", "predicted", "output_spike_counts", "synaptic_ops")


def fail(msg):
    print(f"brian2_peer: error: {msg}", file=sys.stderr)
    sys.exit(1)


def load_network(path, max_digits):
    try:
        with open(path) as f:
            net = json.load(f)
    except OSError as e:
        fail(f"cannot read network file {path}: {e.strerror}")
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        fail(f"{path} is not valid JSON: {e}")
    try:
        layers, projs, digits = net["layers"], net["projections"], net["digits"]
        T = int(net["timesteps"])
        for layer in layers:
            for key in LAYER_KEYS[1:]:
                if len(layer[key]) != layer["size"]:
                    raise ValueError(f"layer {layer.get('name')}: '{key}' has not {layer['size']} entries")
        if len(layers) < 2 or len(projs) != len(layers) - 1:
            raise ValueError("need >= 2 layers and one projection per pair of layers")
        for p in projs:
            if not len(p["pre"]) == len(p["post"]) == len(p["weight"]):
                raise ValueError("projection arrays 'pre', 'post', 'weight' differ in length")
        for d in digits:
            missing = [k for k in DIGIT_KEYS if k not in d]
            if missing:
                raise KeyError(missing[0])
            if len(d["pixels"]) != layers[0]["size"]:
                raise ValueError("a digit's 'pixels' does not match the input layer size")
    except KeyError as e:
        fail(f"{path} does not follow the export schema: missing key {e!s}")
    except (TypeError, ValueError) as e:
        fail(f"{path} does not follow the export schema: {e!s}")
    if not digits or T < 1:
        fail(f"{path} holds no digits or no time steps")
    return T, layers, projs, digits[:max_digits] if max_digits else digits


def build_network(b2, T, layers, projs, digits):
    """One NeuronGroup per layer and one Synapses per projection, N copies each."""
    n = len(digits)
    groups, synapses = [], []
    model = """v : 1
               I : 1
               theta : 1 (constant)
               bias : 1 (constant)
               bias_start : integer (constant)
               count : integer
               sent : integer"""
    for li, layer in enumerate(layers):
        g = b2.NeuronGroup(n * layer["size"], model, threshold="v >= theta",
                           reset="v -= theta\ncount += 1\nsent += int(t_in_timesteps < last_step)",
                           namespace={"last_step": T - 1}, name=f"layer{li}_{layer.get('name', li)}")
        g.run_regularly("v = clip(v + I + bias * int(t_in_timesteps >= bias_start), -32768, 32767)\n"
                        "I = 0", when="groups", name=f"{g.name}_step")
        g.v = np.tile(np.asarray(layer["initial_potential"], float), n)
        g.theta = np.tile(np.asarray(layer["threshold"], float), n)
        g.bias_start = np.tile(np.asarray(layer["bias_start"], int), n)
        if li == 0:  # the input layer's bias is the pixel, per copy
            g.bias = np.concatenate([np.asarray(d["pixels"], float) for d in digits])
        else:
            g.bias = np.tile(np.asarray(layer["bias"], float), n)
        groups.append(g)
    for li, p in enumerate(projs):
        pre_n, post_n = layers[li]["size"], layers[li + 1]["size"]
        offs = np.arange(n)[:, None]
        s = b2.Synapses(groups[li], groups[li + 1], "w : 1 (constant)", on_pre="I_post += w",
                        name=f"proj{li}")
        s.connect(i=(offs * pre_n + np.asarray(p["pre"])).ravel(),
                  j=(offs * post_n + np.asarray(p["post"])).ravel())
        s.w = np.tile(np.asarray(p["weight"], float), n)
        synapses.append(s)
    return b2.Network(*groups, *synapses), groups, synapses


def main():
    ap = argparse.ArgumentParser(
        description="Run the chip's integer spiking network in Brian2 (N digits as N independent "
                    "copies in one network, T steps) and report its speed and its agreement with the "
                    "chip's golden model as one JSON object on stdout.",
        epilog="Timing (wall_s) is Brian2's own timer of the simulation loop: for cython, the "
               "Network.run loop after code generation/compilation (device._last_run_time); for "
               "cpp_standalone, the binary's timer around the network run (results/last_run_info.txt, "
               "std::clock of one thread), which excludes compilation, process start, loading the "
               "arrays and building the synapses; binary_wall_s is the whole binary run.")
    ap.add_argument("network", help="JSON written by spikecore-bench-export-network")
    ap.add_argument("--backend", choices=("cython", "cpp_standalone"), required=True)
    ap.add_argument("--digits", type=int, default=0, metavar="N", help="first N digits only (default: all)")
    ap.add_argument("--build-dir", metavar="DIR",
                    help="where the standalone project's temporary directory is made (default: the "
                         "system's temp dir); it is removed at the end")
    ap.error = lambda msg: fail(f"{msg} (see --help)")  # usage errors: one line, status 1
    args = ap.parse_args()
    if args.digits < 0:
        fail("--digits must be >= 0")
    T, layers, projs, digits = load_network(args.network, args.digits)
    if np is None:
        fail("NumPy is not installed; run with /usr/bin/python3 after installing python3-brian")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import brian2 as b2
    except ImportError as e:
        fail(f"Brian2 is not installed ({e}); install the Debian package python3-brian")
    if args.build_dir and not os.path.isdir(args.build_dir):
        fail(f"--build-dir {args.build_dir} is not a directory")

    # Brian2 and make print to stdout; keep stdout for the JSON object only.
    sys.stdout.flush()
    real_stdout = os.dup(1)
    os.dup2(2, 1)
    workdir = None
    try:
        b2.prefs.codegen.target = "cython"
        b2.defaultclock.dt = 1 * b2.ms
        if args.backend == "cpp_standalone":
            workdir = tempfile.mkdtemp(prefix="brian2_peer_", dir=args.build_dir)
            b2.set_device("cpp_standalone", directory=workdir, build_on_run=False)
        n = len(digits)
        print(f"brian2_peer: {args.backend}: building {n} copies of "
              f"{'-'.join(str(l['size']) for l in layers)}, T = {T}", file=sys.stderr)
        net, groups, synapses = build_network(b2, T, layers, projs, digits)
        start = time.perf_counter()
        net.run(T * b2.defaultclock.dt, namespace={})
        extra = {"run_call_wall_s": time.perf_counter() - start}
        if args.backend == "cpp_standalone":
            b2.device.build(directory=workdir, compile=True, run=True, with_output=False)
            extra = {"binary_wall_s": b2.device.timers["run_binary"],
                     "compile_s": b2.device.timers["compile"]["make"]}
        wall = float(b2.device._last_run_time)
        counts = [np.asarray(g.count[:]) for g in groups]
        sent = [np.asarray(g.sent[:]) for g in groups]
        fanout = [np.bincount(np.asarray(s.i[:]), minlength=g.N) for s, g in zip(synapses, groups)]
        last, v_last = layers[-1], np.asarray(groups[-1].v[:])
    except Exception as e:  # Brian2 errors (code generation, compiler, ...): one line, no traceback
        fail(f"Brian2 {args.backend} run failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    finally:
        sys.stdout.flush()
        os.dup2(real_stdout, 1)
        os.close(real_stdout)
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)

    # Read-out per copy, compared with the chip.
    k = last["size"]
    out_counts = counts[-1].reshape(n, k)
    scores = out_counts * np.asarray(last["threshold"], float) + v_last.reshape(n, k)
    predicted = scores.argmax(axis=1)  # first maximum: lowest index wins ties
    chip_pred = np.array([d["predicted"] for d in digits])
    chip_counts = np.array([d["output_spike_counts"] for d in digits])
    labels = np.array([d["label"] for d in digits])
    events = sum(float((s * f[:s.size]).sum()) for s, f in zip(sent, fanout))
    executed = sum(float((c * f[:c.size]).sum()) for c, f in zip(counts, fanout))
    result = {
        "backend": args.backend,
        "digits": n,
        "timesteps": T,
        "layers": [l["size"] for l in layers],
        "threads": 1,
        "wall_s": wall,
        "inferences_per_second": n / wall if wall > 0 else None,
        "synaptic_events_per_inference": events / n,
        "synaptic_events_executed_per_inference": executed / n,
        "chip_synaptic_ops_per_inference": float(np.mean([d["synaptic_ops"] for d in digits])),
        "synapses_per_copy": int(sum(len(p["pre"]) for p in projs)),
        "predicted_equal_to_chip": float(np.mean(predicted == chip_pred)),
        "output_spike_counts_equal_to_chip": float(np.mean((out_counts == chip_counts).all(axis=1))),
        "accuracy": float(np.mean(predicted == labels)),
        "chip_accuracy": float(np.mean(chip_pred == labels)),
        **extra,
        "timing": "Brian2's timer of the simulation loop only (no code generation, compilation or "
                  "network construction)",
        "brian2_version": b2.__version__,
    }
    print(f"brian2_peer: {args.backend}: {n} digits x {T} steps in {wall:.3f} s = "
          f"{result['inferences_per_second']:.1f} inferences/s; predicted = chip for "
          f"{result['predicted_equal_to_chip']:.1%}, output spike counts = chip for "
          f"{result['output_spike_counts_equal_to_chip']:.1%}; synaptic events/inference "
          f"{events / n:.0f} (chip counts {result['chip_synaptic_ops_per_inference']:.0f} weight reads)",
          file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
