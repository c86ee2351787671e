#!/usr/bin/env python3
"""Turns the raw outputs of scripts/bench.sh into docs/benchmarks.md and a JSON file.

Usage: bench_report.py RAW_DIR --command CMD --markdown OUT.md --json OUT.json
                       [--profile NOTES.md] [--boards-notes NOTES.md] --scaling "N1 N2 ..."
Both outputs are written to a temporary file and renamed.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

TIMESTEPS = [8, 16, 32, 64, 128]


def load(path):
    with open(path) as f:
        return json.load(f)


def sim_speed(text_path):
    """The speed lines spikecore-sim prints under its summary table."""
    text = open(text_path).read()

    def number(label, required=True):
        m = re.search(re.escape(label) + r"\s+([0-9.eE+]+)", text)
        if not m:
            if not required:
                return None  # the golden backend has no cycles
            sys.exit(f"bench_report: '{label}' missing from {text_path}")
        return float(m.group(1))

    return {
        "inferences_per_second": number("simulation speed: inferences/s"),
        "cycles_per_second": number("simulation speed: cycles/s", required=False),
        "synaptic_events_per_second": number("simulation speed: synaptic events/s"),
        "wall_seconds": number("wall time (simulation)"),
    }


def process_wall(path):
    start, end = map(float, open(path).read().split())
    return end - start


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    osname = platform.platform()
    try:
        osname = dict(
            l.rstrip().split("=", 1) for l in open("/etc/os-release") if "=" in l
        )["PRETTY_NAME"].strip('"')
    except (OSError, KeyError):
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_gib, 1), "os": osname,
            "commit": commit + (" (with uncommitted changes)" if dirty else ""),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def median(values):
    v = sorted(values)
    return v[len(v) // 2]


def golden_and_reference(path):
    """Medians of spikecore-bench-golden's two benchmarks (golden model, reference loop)."""
    medians = {b["run_name"].split("/")[0]: b for b in load(path)["benchmarks"]
               if b.get("aggregate_name") == "median"}
    g, r = medians["golden_inference"], medians["reference_loop"]
    return {"golden_inferences_per_second": g["items_per_second"],
            "golden_synaptic_events_per_second": g["synaptic_events"],
            "reference_inferences_per_second": r["items_per_second"],
            "golden_over_reference": g["items_per_second"] / r["items_per_second"]}


def collect(raw, scaling, peer_copies):
    per_model = {name: golden_and_reference(f"{raw}/golden_{name}.json")
                 for name in ("default", "board", "lenet")}
    golden = {"items_per_second": per_model["default"]["golden_inferences_per_second"],
              "synaptic_events": per_model["default"]["golden_synaptic_events_per_second"]}
    startups = sorted(process_wall(f"{raw}/startup{i}.wall") for i in range(1, 6))
    result = {
        "golden_t32": {"inferences_per_second": golden["items_per_second"],
                        "synaptic_events_per_second": golden["synaptic_events"]},
        "golden_vs_reference": per_model,
        "startup_seconds_median": startups[len(startups) // 2],
        # Per back end: one run per number of copies side by side, fewest first.
        "brian2": {b: [load(f"{raw}/brian2_{b}_{n}.json") for n in peer_copies]
                   for b in ("cython", "cpp_standalone")},
        "systemc_t32": {t: load(f"{raw}/systemc_{t}.json") for t in ("off", "one")},
        "jobs": {},
        "compile": {},
        "modeled": [],
        "samples_scaling": [load(f"{raw}/scale{n}.json") for n in scaling],
        "boards": [load(f"{raw}/board{i}.json") for i in range(3)
                   if os.path.exists(f"{raw}/board{i}.json")],
    }
    for b in result["boards"]:
        b["core_cycles_per_second"] = b["cycles_per_second"] * b["cores"]
        b["used_core_cycles_per_second"] = b["cycles_per_second"] * b["cores_used"]
    result["systemc_over_golden"] = (result["systemc_t32"]["off"]["inferences_per_second"] /
                                     golden["items_per_second"])
    for jobs in (1, 2):
        run = load(f"{raw}/jobs{jobs}.json")
        entry = sim_speed(f"{raw}/jobs{jobs}.txt")
        entry["process_wall_seconds"] = process_wall(f"{raw}/jobs{jobs}.wall")
        entry["samples"] = run["summary"]["count"]
        entry["timesteps"] = run["timesteps"]
        entry["agreement"] = run["summary"]["agreement"]
        result["jobs"][str(jobs)] = entry
        golden_run = f"{raw}/golden_jobs{jobs}"
        if os.path.exists(golden_run + ".wall"):
            g_entry = sim_speed(golden_run + ".txt")
            g_entry["process_wall_seconds"] = process_wall(golden_run + ".wall")
            result.setdefault("golden_jobs", {})[str(jobs)] = g_entry
    compiles = [load(f"{raw}/compile{i}.json") for i in (1, 2, 3)]
    best = sorted(compiles, key=lambda c: c["total_seconds"])[1]  # the median run
    result["compile"] = {
        "median_total_seconds": best["total_seconds"],
        "median_import_seconds": best["import_seconds"],
        "median_excluding_import_seconds": best["excluding_import_seconds"],
        "passes": best["passes"],
        "process_wall_seconds": process_wall(f"{raw}/compile_process.wall"),
    }
    for t in TIMESTEPS:
        run = load(f"{raw}/t{t}.json")
        s = run["summary"]
        speed = sim_speed(f"{raw}/t{t}.txt")
        result["modeled"].append({
            "timesteps": t, "samples": s["count"],
            "cycles_per_inference": s["cycles_per_inference_mean"],
            "cycles_per_step": s["cycles_per_inference_mean"] / t,
            "cycles_p99": s["cycles_per_inference_p99"],
            "latency_us_modeled": s["cycles_per_inference_mean"] / run["clock_mhz_modeled"],
            "flits_per_inference": s["flits_per_inference_mean"],
            "hops_per_inference": s["hops_per_inference_mean"],
            "stall_cycles_per_inference": s["stall_cycles_per_inference_mean"],
            "synaptic_events_per_inference": s["synaptic_events_per_inference_mean"],
            "energy_uj_per_inference_modeled": s["energy_per_inference_uj_modeled"],
            "accuracy": s["accuracy"],
            "clock_mhz_modeled": run["clock_mhz_modeled"],
            "simulation": speed,
        })
    return result


def runs_note(entry):
    """' (median of 3 runs: a, b, c)' for a figure scripts/bench.sh measured three times."""
    runs = entry.get("runs")
    if not runs:
        return ""
    return " (median of %d runs: %s)" % (len(runs), ", ".join("%.1f" % x for x in runs))


def boards_section(r, w, notes_path):
    boards = r["boards"]
    if not boards:
        return
    w("\n## Boards (issue #15)\n")
    w("SystemC model speed on boards, T = 32, one process, VCD off: the default 784-32-10 on "
      "one chip, `spikecore-train --hidden 128` (784-128-10) and `--hidden 620` (784-620-10), "
      "each compiled with `--board auto`; `build/libexec/spikecore-bench-systemc IMAGE N 32 off`. "
      "The target: simulated cycles/s x simulated cores does not fall below the one-chip "
      "default's.\n")
    w("| board | cores (used) | samples | inferences/s | cycles / inference | simulated cycles/s | "
      "cycles/s x cores | cycles/s x cores used | vs one chip (x cores) | |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    base = boards[0]["core_cycles_per_second"]
    for b in boards:
        ratio = b["core_cycles_per_second"] / base
        w("| %d chip%s | %d (%d) | %d | %.2f | %.0f | %.3g | %.3g | %.3g | %.2fx | %s |" %
          (b["chips"], "" if b["chips"] == 1 else "s", b["cores"], b["cores_used"], b["samples"],
           b["inferences_per_second"], b["cycles_per_inference"], b["cycles_per_second"],
           b["core_cycles_per_second"], b["used_core_cycles_per_second"], ratio,
           "met" if ratio >= 1 else "**not met**"))
    if all("runs" in b for b in boards):
        w("\nEach row is the run of median speed among three; inferences/s of all runs: " +
          "; ".join("%d chip%s %s" % (b["chips"], "" if b["chips"] == 1 else "s",
                                      ", ".join("%.2f" % x for x in b["runs"])) for b in boards) + ".")
    w("\nIdle cores cost nothing (the scheduler wakes only units with work), so the column "
      "with the cores used is the stricter comparison.")
    if notes_path and os.path.exists(notes_path):
        w("")
        w(re.sub(r"\A# [^\n]*\n", "", open(notes_path).read()).strip())


def fastest(runs):
    return max(runs, key=lambda e: e["inferences_per_second"])


def peers_section(r, w):
    g = r["golden_t32"]["inferences_per_second"]
    sc = r["systemc_t32"]["off"]["inferences_per_second"]
    b = r["brian2"]
    most = b["cython"][-1]  # the run over the most digits: the agreement figures
    w("\n## The same network in Brian2\n")
    w("The default 784-32-10 at T = 32, its integer weights, thresholds and biases exported by "
      "`spikecore-bench-export-network` and run by `bench/brian2_peer.py` in Brian2 %s (Debian "
      "python3-brian, one thread): an IF neuron per chip neuron, `v = clip(v + I + bias)`, "
      "threshold, reset by subtraction, `on_pre: I_post += w` (one step per layer, as on the "
      "chip). Brian2 runs N digits as N copies of the network side by side in one run; its "
      "speed per digit depends on N, so each back end runs with N = %s (the first N held-out "
      "digits) and the comparison takes its fastest. Brian2's times are its own timer of the "
      "simulation loop: code generation and compilation excluded (standalone compiles for "
      "%.0f s per N). Agreement: the class and the output spike counts Brian2 computes, "
      "against the chip's golden model on the same digits.\n" %
      (most.get("brian2_version", "?"), ", ".join(str(e["digits"]) for e in b["cython"]),
       b["cpp_standalone"][-1].get("compile_s", 0)))
    bc, bs = fastest(b["cython"]), fastest(b["cpp_standalone"])
    w("| simulator | copies side by side | inferences/s | golden model / it | SystemC model / it | same class as the chip | same output spike counts |")
    w("|---|---|---|---|---|---|---|")
    w("| SpikeCore golden model | | %.0f | | | (it is the chip) | |" % g)
    w("| SpikeCore SystemC model (cycle level) | | %.1f | | | (bit-exact with the golden model) | |" % sc)
    for key, label in (("cython", "Brian2, Cython runtime"), ("cpp_standalone", "Brian2, C++ standalone")):
        best = fastest(b[key])
        for e in b[key]:
            ips = e["inferences_per_second"]
            mark = " (fastest)" if e is best else ""
            w("| %s | %d | %.0f%s | %.1fx | %.2fx | %.1f %% | %.1f %% |" %
              (label, e["digits"], ips, mark, g / ips, sc / ips, 100 * e["predicted_equal_to_chip"],
               100 * e["output_spike_counts_equal_to_chip"]))
    w("\nAgainst each back end's fastest: the golden model is %.1fx Brian2's Cython runtime and "
      "%.1fx its C++ standalone; the SystemC model %.2fx and %.2fx." %
      (g / bc["inferences_per_second"], g / bs["inferences_per_second"],
       sc / bc["inferences_per_second"], sc / bs["inferences_per_second"]))
    w("\nSynaptic events per inference (%d digits): Brian2 %.0f (non-zero synapses), the chip %.0f (its "
      "dense tiles read zero weights too)." %
      (most["digits"], most["synaptic_events_per_inference"], most["chip_synaptic_ops_per_inference"]))


def markdown(r, m, command, profile_path, boards_notes=None):
    g, so, sv = r["golden_t32"], r["systemc_t32"]["off"], r["systemc_t32"]["one"]
    j1, j2 = r["jobs"]["1"], r["jobs"]["2"]
    c = r["compile"]
    out = []
    w = out.append
    w("# Benchmarks\n")
    w("Generated by `%s` on %s (commit %s); every figure below comes from that one run, "
      "wall-clock, on this machine:\n" % (command, m["date"], m["commit"]))
    w("- CPU: %s, %d cores, %.1f GiB memory; %s" % (m["cpu"], m["cores"], m["memory_gib"], m["os"]))
    w("- image: `out/mnist_mlp.scimg`, the default 784-32-10 model compiled by `spikecore-compile`; "
      "digits: the first N of the 2000 held-out MNIST digits (`data/mnist`)")
    w("- the machine is a shared virtual machine: repeated runs differ by about 10 %")
    w("\n## Against the targets\n")
    w("| figure | measured | target | |")
    w("|---|---|---|---|")

    def verdict(ok):
        return "met" if ok else "**not met**"

    gr = r["golden_vs_reference"]
    w("| golden model, T = 32, one core | %.0f inferences/s | >= 50 000 | %s |" %
      (g["inferences_per_second"], verdict(g["inferences_per_second"] >= 50000)))
    for name, label in (("default", "784-32-10"), ("board", "784-128-10, 4 chips"),
                        ("lenet", "LeNet-5, 3 chips")):
        e = gr[name]
        w("| golden / exact reference loop, %s | %.0f / %.0f inferences/s = %.2f | >= 1/2.5 = 0.40 | %s |" %
          (label, e["golden_inferences_per_second"], e["reference_inferences_per_second"],
           e["golden_over_reference"], verdict(e["golden_over_reference"] >= 0.4)))
    w("| SystemC model, T = 32, one process | %.1f inferences/s, %.3g cycles/s%s | >= 500, >= 5e6 | %s |" %
      (so["inferences_per_second"], so["cycles_per_second"], runs_note(so),
       verdict(so["inferences_per_second"] >= 500 and so["cycles_per_second"] >= 5e6)))
    boards = {b["chips"]: b for b in r["boards"]}
    if 4 in boards:
        w("| SystemC, 784-128-10 on 4 chips | %.1f inferences/s%s | >= 5 x 14.3 (2026-12-03) = 71.5 | %s |" %
          (boards[4]["inferences_per_second"], runs_note(boards[4]), verdict(boards[4]["inferences_per_second"] >= 71.5)))
    w("| `spikecore-sim --count 1`, golden, no `--reference` | %.3f s | <= 0.1 s | %s |" %
      (r["startup_seconds_median"], verdict(r["startup_seconds_median"] <= 0.1)))
    w("| %d-digit regression, `--jobs 2` (T = %d) | %.1f s (whole process %.1f s) | <= 30 s | %s |" %
      (j2["samples"], j2["timesteps"], j2["wall_seconds"], j2["process_wall_seconds"],
       verdict(j2["process_wall_seconds"] <= 30)))
    peers_section(r, w)
    boards_section(r, w, boards_notes)
    w("\n## Simulator speed at T = 32\n")
    w("| model | inferences/s | simulated cycles/s | synaptic events/s | command |")
    w("|---|---|---|---|---|")
    w("| golden (functional) | %.0f | - | %.3g | `build/libexec/spikecore-bench-golden out/mnist_mlp.scimg 32` |" %
      (g["inferences_per_second"], g["synaptic_events_per_second"]))
    w("| exact reference loop (bench/reference_loop.h) | %.0f | - | - | the same command |" %
      r["golden_vs_reference"]["default"]["reference_inferences_per_second"])
    w("| SystemC, VCD off%s | %.1f | %.3g | %.3g | `build/libexec/spikecore-bench-systemc out/mnist_mlp.scimg %d 32 off` |" %
      (runs_note(so), so["inferences_per_second"], so["cycles_per_second"], so["synaptic_events_per_second"], so["samples"]))
    w("| SystemC, VCD on for 1 of %d samples (%.1f MB VCD) | %.1f | %.3g | %.3g | `... %d 32 one trace.vcd` |" %
      (sv["samples"], sv["vcd_bytes"] / 1e6, sv["inferences_per_second"], sv["cycles_per_second"],
       sv["synaptic_events_per_second"], sv["samples"]))
    w("\nSystemC / golden speed: 1/%.0f. SystemC cycles per inference at T = 32: %.0f." %
      (1 / r["systemc_over_golden"], so["cycles_per_inference"]))
    w("\n## `--jobs`\n")
    w("`build/bin/spikecore-sim --image out/mnist_mlp.scimg --count %d --jobs J --reference "
      "models/mnist_mlp.pt` (T = %d, the image's default), SystemC backend, with the PyTorch verdict; the two runs' samples are identical (checked by the script)." %
      (j1["samples"], j1["timesteps"]))
    w("\n| jobs | inferences/s | simulation wall time | whole process | agreement with PyTorch |")
    w("|---|---|---|---|---|")
    for jobs, e in (("1", j1), ("2", j2)):
        agreement = "-" if e["agreement"] is None else "%.2f %%" % (100 * e["agreement"])
        w("| %s | %.1f | %.2f s | %.2f s | %s |" %
          (jobs, e["inferences_per_second"], e["wall_seconds"], e["process_wall_seconds"], agreement))
    w("\nSpeed-up with 2 jobs: %.2fx." % (j1["wall_seconds"] / j2["wall_seconds"]))
    gj = r.get("golden_jobs")
    if gj:
        w("\nThe golden backend, 2000 digits at the image's T, no `--reference` (each worker "
          "runs one contiguous chunk of the digits, so there is no per-sample hand-off; the "
          "parent then checks every sample against the exact integer reference):\n")
        w("| jobs | inferences/s (simulation) | simulation wall time | whole process |")
        w("|---|---|---|---|")
        for jobs in ("1", "2"):
            e = gj[jobs]
            w("| %s | %.0f | %.2f s | %.2f s |" % (jobs, e["inferences_per_second"],
                                               e["wall_seconds"], e["process_wall_seconds"]))
    w("\n## Compile time of the default model\n")
    w("`build/libexec/spikecore-bench-compile models/mnist_mlp.pt` (median of 3; the pipeline timed at "
      "its after-pass hook) and the whole `spikecore-compile` process:\n")
    w("| | seconds |")
    w("|---|---|")
    w("| including model loading (import) | %.3f |" % c["median_total_seconds"])
    w("| excluding model loading | %.3f |" % c["median_excluding_import_seconds"])
    w("| model loading (import) alone | %.3f |" % c["median_import_seconds"])
    w("| whole `spikecore-compile` process (LibTorch start-up, writing the image) | %.3f |" %
      c["process_wall_seconds"])
    w("\n| pass | seconds |")
    w("|---|---|")
    for p in c["passes"]:
        w("| %s | %.4f |" % (p["pass"], p["seconds"]))
    w("\n## Modeled hardware per T\n")
    w("SystemC backend, %d digits each, `build/bin/spikecore-sim --image out/mnist_mlp.scimg "
      "--count %d --timesteps T --jobs 1`. Latency at the modeled %.0f MHz clock; energy from "
      "the per-event costs in docs/simulator.md (modeled, not measured).\n" %
      (r["modeled"][0]["samples"], r["modeled"][0]["samples"], r["modeled"][0]["clock_mhz_modeled"]))
    w("| T | cycles / inference | cycles / step | p99 cycles | latency (modeled) | flits / inference | "
      "hops / inference | stall cycles / inference | synaptic events / inference | "
      "energy / inference (modeled) | accuracy |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    for e in r["modeled"]:
        w("| %d | %.0f | %.1f | %.0f | %.2f us | %.0f | %.0f | %.0f | %.0f | %.3f uJ | %.2f %% |" %
          (e["timesteps"], e["cycles_per_inference"], e["cycles_per_step"], e["cycles_p99"],
           e["latency_us_modeled"], e["flits_per_inference"], e["hops_per_inference"],
           e["stall_cycles_per_inference"], e["synaptic_events_per_inference"],
           e["energy_uj_per_inference_modeled"], 100 * e["accuracy"]))
    w("\nStall cycles are summed over every router output port and core injection port.")
    w("\n## How simulator time grows\n")
    w("With T (%d digits, one process, from the runs above):\n" % r["modeled"][0]["samples"])
    w("| T | simulation wall time | inferences/s | simulated cycles/s |")
    w("|---|---|---|---|")
    for e in r["modeled"]:
        s = e["simulation"]
        w("| %d | %.2f s | %.1f | %.3g |" % (e["timesteps"], s["wall_seconds"],
                                           s["inferences_per_second"], s["cycles_per_second"]))
    w("\nWith the number of samples (T = 32, one process, "
      "`build/libexec/spikecore-bench-systemc out/mnist_mlp.scimg N 32 off`):\n")
    w("| samples | wall time | inferences/s |")
    w("|---|---|---|")
    for e in r["samples_scaling"]:
        w("| %d | %.2f s | %.1f |" % (e["samples"], e["wall_seconds"], e["inferences_per_second"]))
    if profile_path and os.path.exists(profile_path):
        w("\n## Profile findings\n")
        w("From [%s](%s), where the commands and raw profiles are:\n" %
          (os.path.basename(profile_path), os.path.basename(profile_path)))
        text = open(profile_path).read()
        # Drop the notes' own title; keep the rest verbatim.
        w(re.sub(r"\A# [^\n]*\n", "", text).strip())
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raw")
    ap.add_argument("--command", required=True)
    ap.add_argument("--markdown", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--profile")
    ap.add_argument("--boards-notes")
    ap.add_argument("--scaling", required=True)
    ap.add_argument("--peer-copies", required=True)
    a = ap.parse_args()
    scaling = [int(n) for n in a.scaling.split()]
    r = collect(a.raw, scaling, [int(n) for n in a.peer_copies.split()])
    m = machine()
    doc = {"machine": m, "command": a.command, "results": r}
    write_atomically(a.json, json.dumps(doc, indent=1) + "\n")
    write_atomically(a.markdown, markdown(r, m, a.command, a.profile, a.boards_notes))
    print("bench: wrote %s and %s" % (a.markdown, a.json))


if __name__ == "__main__":
    main()
