#!/usr/bin/python3
"""Make the student versions of the notebooks: one source (the solutions), two versions.

    /usr/bin/python3 tools/make_assignments.py [--out DIR] [--keep-paths] [NOTEBOOK...]

(default: every notebook of the kit's notebooks/ folder, written to the kit's build/assignments/)

In a solution notebook, the code a student writes is enclosed in marker lines inside a code
cell (within a method body, so that the stub compiles in its place):

    // BEGIN SOLUTION: write the BN forward pass of Algorithm 1
    ...the solution...
    // END SOLUTION

Each region becomes, in the student version, a single statement

    throw new UnsupportedOperationException("not implemented yet: write the BN forward pass of Algorithm 1");

with the indentation of the BEGIN line. A worked cell that shows the answer of a later exercise
(cell metadata {"bnkit": {"role": "worked", "exercise": "3.1", "student_code": [...]}}) encloses
that code in

    // BEGIN HIDDEN: why it is hidden
    ...the worked code...
    // END HIDDEN

and the student version has the lines of "student_code" there instead (code that computes the same
values another way, e.g. with the library, so that the cells after it still run). Everything else,
the check cells included, is kept. The
student notebooks are written without outputs to --out, with the same file names; notebooks
without exercises are not copied. The %classpath lines are rewritten relative to --out, so the
student notebooks run where they are written; with --keep-paths they keep the notebooks/ folder's
paths, for copying into the notebooks/ folder of the students' copy of the kit.
"""
import argparse
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN = re.compile(r"^(?P<indent>\s*)// BEGIN SOLUTION(?::\s*(?P<what>.*?))?\s*$")
END = re.compile(r"^\s*// END SOLUTION\s*$")
STUB = '{indent}throw new UnsupportedOperationException("not implemented yet: {what}");\n'
HIDDEN_BEGIN = re.compile(r"^(?P<indent>\s*)// BEGIN HIDDEN(?::.*)?$")
HIDDEN_END = re.compile(r"^\s*// END HIDDEN\s*$")


class MarkerError(Exception):
    pass


def stub_source(lines, where):
    """The lines of a cell with every solution region replaced by a stub; (lines, regions)."""
    out, regions, inside, indent, what = [], 0, False, "", ""
    for n, line in enumerate(lines, 1):
        text = line.rstrip("\n")
        if not inside:
            m = BEGIN.match(text)
            if m:
                inside, indent = True, m.group("indent")
                what = (m.group("what") or "write this part").replace("\\", "\\\\").replace('"', '\\"')
                continue
            if END.match(text):
                raise MarkerError("%s, line %d: END SOLUTION without BEGIN SOLUTION" % (where, n))
            out.append(line)
        else:
            if BEGIN.match(text):
                raise MarkerError("%s, line %d: BEGIN SOLUTION inside another solution region" % (where, n))
            if END.match(text):
                inside = False
                regions += 1
                out.append(STUB.format(indent=indent, what=what))
    if inside:
        raise MarkerError("%s: BEGIN SOLUTION without END SOLUTION" % where)
    return out, regions


def hide_worked(lines, replacement, where):
    """The lines of a worked cell with its one HIDDEN region replaced by `replacement` (lines without
    indentation; each gets the BEGIN line's); (lines, regions)."""
    out, regions, indent = [], 0, None
    for n, line in enumerate(lines, 1):
        text = line.rstrip("\n")
        m = HIDDEN_BEGIN.match(text)
        if m:
            if indent is not None:
                raise MarkerError("%s, line %d: BEGIN HIDDEN inside another hidden region" % (where, n))
            indent = m.group("indent")
            continue
        if HIDDEN_END.match(text):
            if indent is None:
                raise MarkerError("%s, line %d: END HIDDEN without BEGIN HIDDEN" % (where, n))
            out.extend(indent + r if r.endswith("\n") else indent + r + "\n" for r in replacement)
            indent, regions = None, regions + 1
            continue
        if indent is None:
            out.append(line)
    if indent is not None:
        raise MarkerError("%s: BEGIN HIDDEN without END HIDDEN" % where)
    return out, regions


def role(cell):
    """The cell's bnkit metadata: {"role": "setup" | "exercise" | "check" | "worked", ...}, or {}."""
    return cell.get("metadata", {}).get("bnkit", {})


def relocate(lines, source_dir, out_dir):
    """%classpath lines with their paths made relative to out_dir instead of source_dir."""
    moved = []
    for line in lines:
        if line.startswith("%classpath "):
            paths = line[len("%classpath "):].split()
            paths = [os.path.relpath(os.path.join(source_dir, p), out_dir).replace(os.sep, "/") for p in paths]
            line = "%classpath " + " ".join(paths) + ("\n" if line.endswith("\n") else "")
        moved.append(line)
    return moved


def student_version(nb, name, source_dir=None, out_dir=None):
    """A copy of the notebook with stubs for solutions and no outputs; (notebook, regions).
    With source_dir and out_dir, %classpath paths are rewritten for out_dir."""
    regions = 0
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        src = cell["source"]
        lines = src.splitlines(keepends=True) if isinstance(src, str) else list(src)
        if source_dir is not None:
            lines = relocate(lines, source_dir, out_dir)
            cell["source"] = lines
        where = "%s, cell %d" % (name, i)
        if role(cell).get("role") == "worked":
            replacement = role(cell).get("student_code")
            if not replacement:
                raise MarkerError("%s: a worked cell needs the student version's code in its metadata (bnkit.student_code)" % where)
            hidden, h = hide_worked(lines, replacement, where)
            if h != 1:
                raise MarkerError("%s: a worked cell must have exactly one BEGIN HIDDEN ... END HIDDEN region, found %d" % (where, h))
            cell["source"] = lines = hidden
            del cell["metadata"]["bnkit"]["student_code"]
        new, k = stub_source(lines, where)
        if k:
            cell["source"] = new
            regions += k
        cell["outputs"] = []
        cell["execution_count"] = None
    return nb, regions


def main():
    ap = argparse.ArgumentParser(description="Make the student versions of the kit's notebooks.")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "assignments"),
                    help="folder for the student notebooks (default: the kit's build/assignments/)")
    ap.add_argument("--keep-paths", action="store_true", help="keep the %%classpath paths of notebooks/")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()
    paths = args.notebooks or sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
    os.makedirs(args.out, exist_ok=True)
    made = 0
    for path in paths:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
        hidden = sum(1 for c in nb["cells"] if role(c).get("role") == "worked")
        try:
            if args.keep_paths:
                student, regions = student_version(nb, name)
            else:
                student, regions = student_version(nb, name, os.path.dirname(os.path.abspath(path)),
                                                   os.path.abspath(args.out))
        except MarkerError as e:
            print("error: %s" % e, file=sys.stderr)
            return 1
        if regions == 0:
            continue
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            json.dump(student, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print("%s: %d exercise region%s stubbed%s" % (name, regions, "" if regions == 1 else "s",
                                                   ", %d worked cell%s hidden" % (hidden, "" if hidden == 1 else "s") if hidden else ""))
        made += 1
    print("wrote %d student notebook%s to %s" % (made, "" if made == 1 else "s", args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
