#!/usr/bin/env python3
"""Runs one case of the bad-input catalogue (cases.txt), or keeps
docs/bad_inputs.md in step with it.

  run_case.py CASES --case NAME --bin DIR --dir DIR --src DIR [--timeout S]
      runs the case; exit 0 when it behaves as listed, 77 when it is skipped
      (its model needs python3-torch), 1 otherwise, saying why
  run_case.py CASES --list                  prints the case names
  run_case.py CASES --check-doc DOC         fails when DOC's table is not the catalogue's
  run_case.py CASES --update-doc DOC        rewrites that table
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys

SKIP = 77
BEGIN = "<!-- BEGIN GENERATED from tests/bad_inputs/cases.txt by run_case.py --update-doc -->"
END = "<!-- END GENERATED -->"
# Output that means the program crashed or died rather than reporting an error.
CRASH_SIGNS = ["terminate called", "Segmentation fault", "Aborted", "core dumped",
               "AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:",
               "double free", "stack smashing"]


class Case:
    def __init__(self, line_number, line):
        fields = [f.strip() for f in line.split(" | ", 4)]
        if len(fields) != 5:
            raise ValueError("cases.txt:%d: expected NAME | EXIT | EXPECTED | WHAT | COMMAND"
                             % line_number)
        self.name, exit_status, expected, self.what, self.command = fields
        self.exit_status = int(exit_status)
        self.expected = [e.strip() for e in expected.split(" && ")]
        self.group = ""  # the "# ---- ..." heading it is listed under


def read_cases(path):
    cases, group = [], ""
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            heading = re.match(r"# ---- (.*?) -*$", line)
            if heading:
                group = heading.group(1)
            if not line.strip() or line.startswith("#"):
                continue
            case = Case(number, line)
            case.group = group
            cases.append(case)
    names = [c.name for c in cases]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError("cases.txt: duplicate case names: " + ", ".join(duplicates))
    return cases


def libexec_dir(args):
    """{libexec}: the build's internal programs (benchmarks), beside bin/."""
    return os.path.join(os.path.dirname(os.path.normpath(args.bin)), "libexec")


def substitute(text, args):
    text = text.replace("{bin}", args.bin).replace("{libexec}", libexec_dir(args)).replace("{src}", args.src)
    return text.replace("{out}", getattr(args, "out", "{out}")).replace("{dir}", args.dir)


def models_not_made(fixture_dir):
    """Model files make_fixtures.py could not make (no torch), one per line."""
    marker = os.path.join(fixture_dir, "models", "TORCH_UNAVAILABLE")
    if not os.path.exists(marker):
        return set()
    with open(marker) as f:
        return {line.strip() for line in f if line.strip()}


def fresh_output_dir(case, args):
    """{out}: the case's own empty directory, so cases can run in parallel."""
    path = os.path.join(args.dir, "out", case.name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def run_case(case, args):
    args.out = fresh_output_dir(case, args)
    command = substitute(case.command, args)
    for folder, tool in re.findall(r"\{(bin|libexec)\}/([\w-]+)", case.command):
        if not os.path.exists(os.path.join(args.bin if folder == "bin" else libexec_dir(args), tool)):
            print("skipped: %s is not built in this configuration" % tool)
            return SKIP
    unmade = models_not_made(args.dir)
    needed = [m for m in re.findall(r"\{dir\}/models/([\w.]+)", case.command) if m in unmade]
    if needed:
        print("skipped: %s needs python3-torch (/usr/bin/python3 has no torch)" % needed[0])
        return SKIP
    env = dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1")
    print("$ " + command)
    # Its own process group, so that a hang is stopped with every worker it forked.
    proc = subprocess.Popen(["bash", "-c", command], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        raw, _ = proc.communicate(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raw, _ = proc.communicate()
        print(raw.decode(errors="replace"))
        print("FAIL: no answer within %d s (a hang?)" % args.timeout)
        return 1
    output = raw.decode(errors="replace")
    print(output, end="" if output.endswith("\n") else "\n")
    problems = []
    if proc.returncode < 0 or proc.returncode >= 128:
        problems.append("died (exit status %d: a signal)" % proc.returncode)
    elif proc.returncode != case.exit_status:
        problems.append("exit status %d, expected %d" % (proc.returncode, case.exit_status))
    for piece in case.expected:
        if substitute(piece, args) not in output:
            problems.append("the output lacks: " + substitute(piece, args))
    for sign in CRASH_SIGNS:
        if sign in output:
            problems.append("the output shows a crash: " + sign)
    for p in problems:
        print("FAIL: " + p)
    return 1 if problems else 0


def doc_table(cases):
    """The Markdown table of docs/bad_inputs.md, one section per group."""
    def cell(text):
        return "`" + text.replace("`", "'").replace("|", "\\|") + "`"
    lines = []
    group = None
    for c in cases:
        if c.group != group:
            group = c.group
            lines += ["", "### " + group, "",
                      "| case | tool | what is wrong | exit | the error names |",
                      "|---|---|---|---|---|"]
        expected = "<br>".join(cell(e) for e in c.expected)
        tool = re.search(r"\{bin\}/([\w-]+)", c.command)
        lines.append("| `%s` | %s | %s | %d | %s |" % (c.name, tool.group(1) if tool else "",
                                                        c.what.replace("|", "\\|"),
                                                        c.exit_status, expected))
    return "\n".join(lines[1:]) + "\n"


def doc_with_table(doc_text, table):
    start, end = doc_text.find(BEGIN), doc_text.find(END)
    if start < 0 or end < start:
        raise ValueError("the document has no %s ... %s block" % (BEGIN, END))
    return doc_text[:start + len(BEGIN)] + "\n" + table + doc_text[end:]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("cases")
    p.add_argument("--case")
    p.add_argument("--bin")
    p.add_argument("--dir")
    p.add_argument("--src")
    p.add_argument("--timeout", type=int, default=120)
    p.add_argument("--list", action="store_true")
    p.add_argument("--check-doc")
    p.add_argument("--update-doc")
    args = p.parse_args()
    cases = read_cases(args.cases)
    if args.list:
        print("\n".join(c.name for c in cases))
        return 0
    if args.check_doc or args.update_doc:
        path = args.check_doc or args.update_doc
        with open(path) as f:
            text = f.read()
        wanted = doc_with_table(text, doc_table(cases))
        if args.update_doc:
            with open(path, "w") as f:
                f.write(wanted)
            return 0
        if wanted != text:
            print("%s does not list the catalogue of %s as it is; run\n  %s %s --update-doc %s"
                  % (path, args.cases, sys.argv[0], args.cases, path))
            return 1
        missing = [c.name for c in cases if "`%s`" % c.name not in text]
        if missing:
            print("not in %s: %s" % (path, ", ".join(missing)))
            return 1
        print("%s lists all %d cases" % (path, len(cases)))
        return 0
    case = next((c for c in cases if c.name == args.case), None)
    if case is None:
        print("no case named %r in %s" % (args.case, args.cases))
        return 1
    return run_case(case, args)


if __name__ == "__main__":
    sys.exit(main())
