"""The command-line tools, run as child processes.

Compiling (LibTorch) and the SystemC model (one elaboration per process) run
in the tools themselves, so a notebook can compile and simulate any number of
times; Ctrl-C stops the child cleanly and raises KeyboardInterrupt.
"""
import os
import shutil
import signal
import subprocess


class SpikeCoreError(RuntimeError):
    """A tool refused the input or failed: the message is the tool's own."""

    def __init__(self, message, tool=None, status=None, output=""):
        super().__init__(message)
        self.tool, self.status, self.output = tool, status, output


def bin_dir():
    """Where spikecore-compile and spikecore-sim are: $SPIKECORE_BIN_DIR, else
    the build tree this package was built in, else PREFIX/bin of an installed
    package (PREFIX/lib/python3/dist-packages/spikecore), else $PATH."""
    given = os.environ.get("SPIKECORE_BIN_DIR")
    if given:
        return given
    try:
        from ._build_paths import BIN_DIR
        if os.path.isfile(os.path.join(BIN_DIR, "spikecore-sim")):
            return BIN_DIR
    except ImportError:
        pass
    here = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.normpath(os.path.join(here, "..", "..", "..", "..", "bin"))
    if os.path.isfile(os.path.join(installed, "spikecore-sim")):
        return installed
    found = shutil.which("spikecore-sim")
    if found:
        return os.path.dirname(found)
    raise SpikeCoreError("spikecore-sim not found: build the project (scripts/run.sh) or set "
                         "SPIKECORE_BIN_DIR to the directory that holds the tools")


def run_tool(tool, args, cwd=None):
    """Runs bin_dir()/tool with args; returns (stdout, stderr). A non-zero exit
    raises SpikeCoreError with the tool's error lines."""
    exe = os.path.join(bin_dir(), tool)
    if not os.path.isfile(exe):
        raise SpikeCoreError("%s not found in %s" % (tool, bin_dir()), tool=tool)
    proc = subprocess.Popen([exe] + [str(a) for a in args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=cwd)
    try:
        out, err = proc.communicate()
    except KeyboardInterrupt:
        # The tools remove their partial outputs on SIGINT (docs/simulator.md).
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        raise
    if proc.returncode != 0:
        lines = [l for l in err.splitlines() if l.strip() and not l.startswith("[")]
        message = "\n".join(lines) or ("%s exited with status %d" % (tool, proc.returncode))
        raise SpikeCoreError(message, tool=tool, status=proc.returncode, output=out + err)
    return out, err
