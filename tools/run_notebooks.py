#!/usr/bin/python3
"""Execute the kit's notebooks through Jupyter and write them out as notebooks and HTML.

    /usr/bin/python3 tools/run_notebooks.py --kernel NAME [--out DIR] [--timeout S] [NOTEBOOK...]

Every notebook (default: notebooks/*.ipynb, in name order) is first checked to be committed
clean (no outputs, no execution counts), then executed with nbclient on the named kernel, with
its own folder as the working directory. The run fails on any error output, on a cell that
times out, and on a notebook that takes longer than --timeout seconds in all. Each notebook's line
reports its wall time and the CPU time of its kernel (user + system, all threads, measured once the
kernel has exited), so that a run on a shared machine still shows what the notebook costs. The executed
notebooks go to DIR/notebooks/, their HTML renderings to DIR/html/, and DIR/index.html links
the pages in order. The folder is self-contained: the pages load MathJax and RequireJS from
DIR/assets/ (copied from Debian's libjs-mathjax and libjs-requirejs) through relative links, so
it can be moved or published as it is.

The kernel must be installed where Jupyter finds it (JUPYTER_PATH, or a standard location).
"""
import argparse
import glob
import json
import html
import os
import resource
import shutil
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def committed_outputs(nb):
    """The indices of code cells that carry outputs or an execution count."""
    return [i for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)]


def cells_without_own_id(path):
    """The indices of cells, in the file as committed, with no id or an id another cell has too
    (the gradebook finds the check cells by their metadata, and Jupyter needs unique ids)."""
    with open(path, encoding="utf-8") as f:
        cells = json.load(f)["cells"]
    ids = [c.get("id") for c in cells]
    return [i for i, x in enumerate(ids) if not x or ids.count(x) > 1]


def error_outputs(nb):
    """(cell index, text) of every error output in an executed notebook."""
    found = []
    for i, c in enumerate(nb.cells):
        for o in c.get("outputs", []):
            if o.get("output_type") == "error":
                found.append((i, "%s: %s" % (o.get("ename"), o.get("evalue"))))
    return found


def children_cpu_seconds():
    """User + system CPU time of this process's finished children (the kernels, once shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def title_of(nb, fallback):
    for c in nb.cells:
        if c.cell_type == "markdown":
            for line in c.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


# What the pages need of Debian's MathJax 2 for the TeX-AMS_CHTML-full configuration (not its other
# output processors, its fonts for them, its unpacked sources or its tests: 5 of its 54 MB).
MATHJAX = "/usr/share/javascript/mathjax"
MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_CHTML-full.js", "extensions", "jax/input/TeX", "jax/element",
                 "jax/output/CommonHTML", "localization/en", "fonts/HTML-CSS/TeX"]
REQUIREJS = "/usr/share/javascript/requirejs/require.min.js"
# Relative to a page in DIR/html/.
MATHJAX_URL = "../assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
REQUIREJS_URL = "../assets/requirejs/require.min.js"


def copy_assets(out):
    """Copies MathJax and RequireJS into OUT/assets, following Debian's symlinks."""
    for source in [MATHJAX, REQUIREJS]:
        if not os.path.exists(source):
            raise SystemExit("%s is missing: apt-get install libjs-mathjax libjs-requirejs "
                             "(the HTML pages carry their own copy of MathJax)" % source)
    assets = os.path.join(out, "assets")
    shutil.rmtree(assets, ignore_errors=True)
    for part in MATHJAX_PARTS:
        source, target = os.path.join(MATHJAX, part), os.path.join(assets, "mathjax", part)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.isdir(source):
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)
    os.makedirs(os.path.join(assets, "requirejs"))
    shutil.copyfile(REQUIREJS, os.path.join(assets, "requirejs", "require.min.js"))


def write_html(nb, path):
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="lab", mathjax_url=MATHJAX_URL, require_js_url=REQUIREJS_URL)
    body, _ = exporter.from_notebook_node(nb)
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)


def write_index(out, pages):
    items = "\n".join('<li><a href="html/%s">%s</a> <small>(%s, %.0f s)</small></li>'
                      % (html.escape(page), html.escape(title), html.escape(name), seconds)
                      for name, page, title, seconds in pages)
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>bnkit: the notebooks</title></head>\n"
                "<body><h1>bnkit: Batch Normalization, measured</h1>\n"
                "<p>The kit's notebooks, executed. Read them in order.</p>\n<ol>\n%s\n</ol></body></html>\n" % items)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", required=True, help="kernelspec name to execute with")
    ap.add_argument("--out", default=None, help="folder for executed notebooks and HTML (default: none written)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds allowed per notebook (default 900)")
    ap.add_argument("--no-html", action="store_true", help="write executed notebooks but no HTML")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()

    paths = args.notebooks or sorted(glob.glob(os.path.join("notebooks", "*.ipynb")))
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    if args.out:
        os.makedirs(os.path.join(args.out, "notebooks"), exist_ok=True)
        os.makedirs(os.path.join(args.out, "html"), exist_ok=True)
        if not args.no_html:
            copy_assets(args.out)

    failures, pages = [], []
    for path in paths:
        name = os.path.basename(path)
        nb = nbformat.read(path, as_version=4)
        dirty = committed_outputs(nb)
        if dirty:
            failures.append("%s is committed with outputs in code cells %s; clear them before committing" % (name, dirty))
            print("FAIL %s: committed with outputs" % name, flush=True)
            continue
        unnamed = cells_without_own_id(path)
        if unnamed:
            failures.append("%s has cells %s without an id of their own; give each cell a unique \"id\"" % (name, unnamed))
            print("FAIL %s: cells without an id of their own" % name, flush=True)
            continue
        print("RUN  %s with kernel '%s' ..." % (name, args.kernel), flush=True)
        client = NotebookClient(nb, kernel_name=args.kernel, timeout=int(args.timeout),
                                startup_timeout=120, allow_errors=False,
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        start, cpu_start = time.time(), children_cpu_seconds()
        problem = None
        try:
            client.execute()
        except CellTimeoutError as e:
            problem = "a cell timed out: %s" % str(e).splitlines()[0]
        except CellExecutionError as e:
            problem = "a cell failed:\n%s" % e
        except DeadKernelError as e:
            problem = "the kernel died: %s" % e
        seconds = time.time() - start
        cpu_seconds = children_cpu_seconds() - cpu_start
        if problem is None:
            errors = error_outputs(nb)
            if errors:
                problem = "error outputs in cells %s" % errors
            elif seconds > args.timeout:
                problem = "took %.0f s, over the %.0f s allowed" % (seconds, args.timeout)
        if args.out:
            nbformat.write(nb, os.path.join(args.out, "notebooks", name))
            page = os.path.splitext(name)[0] + ".html"
            if not args.no_html:
                write_html(nb, os.path.join(args.out, "html", page))
            pages.append((name, page, title_of(nb, name), seconds))
        code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
        if problem:
            failures.append("%s: %s" % (name, problem))
            print("FAIL %s after %.1f s (kernel CPU %.1f s): %s" % (name, seconds, cpu_seconds, problem), flush=True)
        else:
            print("OK   %s: %d code cells executed by kernel '%s' in %.1f s (kernel CPU %.1f s, load %.1f)"
                  % (name, code_cells, args.kernel, seconds, cpu_seconds, os.getloadavg()[0]), flush=True)
    if args.out and not args.no_html:
        write_index(args.out, pages)
        print("wrote %s" % os.path.join(args.out, "index.html"))
    if failures:
        print("\n%d of %d notebooks failed:" % (len(failures), len(paths)), file=sys.stderr)
        for f in failures:
            print("- " + f, file=sys.stderr)
        return 1
    print("all %d notebooks executed without errors" % len(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
