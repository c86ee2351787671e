#!/usr/bin/env python3
"""Runs a notebook headless (nbclient, the Debian python3 kernel) and fails on
any cell error, printing the cell and its traceback.

usage: run_notebook.py NOTEBOOK WORKING_DIR
The kernel inherits this process's environment (PYTHONPATH, SPIKECORE_NOTEBOOK_OUT).
"""
import os
import sys
import time

import nbclient
import nbformat


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    path, cwd = sys.argv[1:]
    # Debian's kernel spec runs /usr/bin/python3, the interpreter with torch and numpy.
    os.environ["PATH"] = "/usr/bin:" + os.environ.get("PATH", "")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # ipykernel's debugger notice
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": cwd}})
    start = time.time()
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as e:
        print("run_notebook: FAIL: a cell raised:\n%s" % e)
        return 1
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code_cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        print("run_notebook: FAIL: %d cell(s) with an error output" % len(errors))
        return 1
    out = os.environ.get("SPIKECORE_NOTEBOOK_OUT")
    if out:  # the executed notebook, outputs and all, to look at
        nbformat.write(nb, os.path.join(out, os.path.basename(path).replace(".ipynb", ".executed.ipynb")))
    print("run_notebook: all %d code cells of %s ran in %.1f s" % (len(code_cells), path,
                                                                  time.time() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
