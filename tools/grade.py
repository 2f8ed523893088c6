#!/usr/bin/python3
"""Grade submitted notebooks: the gradebook of a course that uses the kit's exercises.

    /usr/bin/python3 tools/grade.py SUBMITTED --out DIR --kernel NAME [--timeout SECONDS]
        [--memory SIZE] [--jobs N] [--full] [--kit notebooks]

SUBMITTED holds one folder per student with that student's notebooks, named as the kit's
(SUBMITTED/<student>/04-backprop-through-bn.ipynb; the layout nbgrader uses). Each submission is
graded on its own:

1. The instructor's cells are restored from the kit's notebooks (--kit), matched by cell metadata
   ({"bnkit": {"role": ...}}), not by position: the set-up cells go first, and every check cell
   replaces the student's cell of the same exercise; a check cell the student deleted or stripped
   of its metadata is put back after the student's copy of the cell that precedes it in the kit's
   notebook (matched by cell id), so an edited or deleted check cannot pass. The student's own
   cells run as written, except cells that declare a type named like a grader class (which would
   shadow it) or write a grader's "passed" line; those are left out and the feedback says so, as it
   says which check cells were edited or put back. The cells after the last check cell are not
   run: they cannot change a grade.
2. The notebook runs on the kit's kernel (--kernel, an installed kit kernelspec; ./bnkit grade
   installs one privately) in the kit's notebooks/ folder, in a process of its own, with the
   kernel's heap bounded (--memory, through JAVA_TOOL_OPTIONS) and BNKIT_QUICK=1 unless --full.
   The submission's cells have --timeout seconds in all (default 600, counted from the first cell;
   the kernel's start has its own 120 s): the cell running when they are used up is interrupted and
   the cells after it are not run. A hang, System.exit, a compile error or an exception costs only
   the exercises whose checks fail or do not run, each with a message.
3. An exercise is passed when its check cell ran to its end without an error and printed the
   grader's "Exercise X (...): passed." line; it then earns the points of the check cell's metadata.

Written to DIR: grades.csv (student, notebook, exercise, passed, points, max_points, message, and
notes about the notebook's restored or left-out cells; one row per student and exercise of every
notebook that any student submitted, attempted or not; a notebook a student did not hand in scores
0 with "not submitted"), one HTML page per student (DIR/<student>.html) with the feedback,
index.html with the summary table (also printed), and the executed notebooks in
DIR/executed/<student>/. Submissions run in parallel (--jobs, default: the number of cores), with a
progress line; at the end, the time they took.
"""
import argparse
import concurrent.futures
import copy
import csv
import glob
import html
import json
import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
PASSED = "Exercise %s (%s): passed."
SHADOWING = re.compile(r"\b(?:class|interface|record|enum)\s+(Notebook\d\d|Grading|ExerciseFailedException)\b")
VERDICT_LINE = re.compile(r"Exercise \d+\.\d+ \([^)]*\): passed")
MESSAGE_LIMIT = 1500


def role(cell):
    return cell.get("metadata", {}).get("bnkit", {})


def source(cell):
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


# ---------------------------------------------------------------- the instructor's notebooks

def kit_notebooks(kit):
    """{file name: notebook} of the kit's notebooks that have graded exercises (check cells)."""
    found = {}
    for path in sorted(glob.glob(os.path.join(kit, "*.ipynb"))):
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
        if any(role(c).get("role") == "check" for c in nb["cells"]):
            found[os.path.basename(path)] = nb
    return found


def exercises(nb):
    """[(exercise, points)] of a kit notebook, in order."""
    return [(role(c)["exercise"], int(role(c)["points"])) for c in nb["cells"] if role(c).get("role") == "check"]


def match_notebook(name, kit):
    """The kit notebook a submitted file stands for: the same name, else the same two-digit number."""
    if name in kit:
        return name
    number = name[:2]
    same = [k for k in kit if k[:2] == number and number.isdigit()]
    return same[0] if len(same) == 1 else None


# ---------------------------------------------------------------- restoring the instructor's cells

def restore(student, instructor):
    """The notebook to execute: the student's cells with the instructor's set-up and check cells, up to
    the last check cell. Returns (notebook, notes), notes being feedback about cells that were replaced
    or left out."""
    setup = [copy.deepcopy(c) for c in instructor["cells"] if role(c).get("role") == "setup"]
    checks = {role(c)["exercise"]: c for c in instructor["cells"] if role(c).get("role") == "check"}
    cells, placed, notes = list(setup), set(), []
    for i, cell in enumerate(student.get("cells", [])):
        r = role(cell)
        if r.get("role") == "setup":
            continue
        if r.get("role") == "check":
            ex = r.get("exercise")
            if ex in checks and ex not in placed:
                cells.append(copy.deepcopy(checks[ex]))
                placed.add(ex)
                if " ".join(source(cell).split()) != " ".join(source(checks[ex]).split()):
                    notes.append("your check cell of exercise %s differs from the kit's (edited?); the kit's check was run instead" % ex)
            continue
        if cell.get("cell_type") == "code":
            shadow = SHADOWING.search(source(cell))
            if shadow:
                notes.append("your cell %d declares a type named %s, the name of a grader class; it was not run"
                             % (i, shadow.group(1)))
                continue
            if VERDICT_LINE.search(source(cell)):
                notes.append("your cell %d writes a grader's \"passed\" line; it was not run" % i)
                continue
        cells.append(cell)
    order = [c.get("id") for c in instructor["cells"]]
    for ex, check in checks.items():
        if ex in placed:
            continue
        notes.append("the check cell of exercise %s was missing or had lost its metadata; the kit's check was run" % ex)
        at = order.index(check.get("id")) if check.get("id") in order else len(order)
        position = None
        for earlier in reversed(order[:at]):
            ids = [c.get("id") for c in cells]
            if earlier in ids:
                position = ids.index(earlier) + 1
                break
        if position is None:
            mine = [k for k, c in enumerate(cells) if role(c).get("role") == "exercise" and role(c).get("exercise") == ex]
            position = mine[-1] + 1 if mine else len(cells)
        cells.insert(position, copy.deepcopy(check))
    last = max(k for k, c in enumerate(cells) if role(c).get("role") == "check")
    graded = copy.deepcopy(instructor)
    graded["cells"] = []
    for cell in cells[:last + 1]:   # the cells after the last check cannot change a grade
        cell = copy.deepcopy(cell)
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        graded["cells"].append(cell)
    return graded, notes


# ---------------------------------------------------------------- executing one submission (worker)

def run_worker(args):
    """Executes one restored notebook (--worker IN OUT): writes OUT and OUT.status.json."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    nb = nbformat.read(args.worker[0], as_version=4)
    start = time.time()
    deadline = [None]    # set when the first cell starts: the kernel's start-up is bounded by startup_timeout
    status = {"timed_out": [], "not_run": [], "dead_at": None, "error": None}
    current = {"index": None}

    class Client(NotebookClient):
        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            if deadline[0] is None:
                deadline[0] = time.time() + args.timeout
            if time.time() >= deadline[0]:
                status["not_run"].append(cell_index)
                return cell
            current["index"] = cell_index
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

        async def _async_handle_timeout(self, timeout, cell=None):
            status["timed_out"].append(current["index"])
            return await super()._async_handle_timeout(timeout, cell)

    client = Client(nb, kernel_name=args.kernel, allow_errors=True, interrupt_on_timeout=True,
                    error_on_timeout={"ename": "TimeoutError", "evalue": "time limit", "traceback": []},
                    startup_timeout=120, resources={"metadata": {"path": os.path.abspath(args.kit)}})
    client.timeout_func = lambda cell: max(1, int(deadline[0] - time.time()) + 1)
    try:
        client.execute()
    except DeadKernelError as e:
        status["dead_at"] = current["index"]
        status["error"] = str(e)
    except Exception as e:  # the kernel did not start, or nbclient failed: the submission's exercises fail
        status["dead_at"] = current["index"]
        status["error"] = "%s: %s" % (type(e).__name__, e)
    nbformat.write(nb, args.worker[1])
    used = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    status["wall_seconds"] = time.time() - start
    status["cpu_seconds"] = sum(u.ru_utime + u.ru_stime for u in used)    # the kernel is a child, reaped at shutdown
    with open(args.worker[1] + ".status.json", "w", encoding="utf-8") as f:
        json.dump(status, f)
    return 0


# ---------------------------------------------------------------- reading the verdicts

def error_text(outputs):
    for o in outputs:
        if o.get("output_type") == "error":
            text = o.get("evalue") or ""
            tb = ANSI.sub("", "\n".join(o.get("traceback", [])))
            if not text.strip() or len(text) < 40:
                text = (text + "\n" + tb).strip()
            text = ANSI.sub("", text).strip()
            return re.sub(r"^(?:[\w$]+\.)*ExerciseFailedException: ", "", text) or o.get("ename", "error")
    return None


def short(text):
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT - 3] + "..."


def verdicts(executed, status, instructor, timeout, failure=None):
    """[(exercise, passed, points, max_points, message)] for every exercise of the notebook."""
    rows = []
    cells = executed["cells"] if executed else []
    for ex, max_points in exercises(instructor):
        at = [k for k, c in enumerate(cells) if role(c).get("role") == "check" and role(c).get("exercise") == ex]
        if failure is not None or not at:
            rows.append((ex, False, 0, max_points, failure or "the check cell was not run"))
            continue
        k, cell = at[0], cells[at[0]]
        text = "".join("".join(o.get("text", "")) for o in cell.get("outputs", []) if o.get("output_type") == "stream")
        err = error_text(cell.get("outputs", []))
        title = re.search(r"Exercise %s \(([^)]*)\): passed\." % re.escape(ex), text)
        if k in status.get("timed_out", []):
            rows.append((ex, False, 0, max_points, "the check did not finish within the submission's time limit of %d s "
                                                  "(an endless loop?) and was stopped" % timeout))
        elif k in status.get("not_run", []):
            rows.append((ex, False, 0, max_points, "not run: the submission's time limit of %d s was used up by an "
                                                  "earlier cell" % timeout))
        elif status.get("error") and status.get("dead_at") is None:
            rows.append((ex, False, 0, max_points, "not run: the notebook could not be run (%s)" % short(status["error"])))
        elif status.get("dead_at") is not None and k == status["dead_at"]:
            rows.append((ex, False, 0, max_points, "the kernel died while this check ran (System.exit, or out of memory?), "
                                                  "so it did not finish: %s" % (status.get("error") or "")))
        elif status.get("dead_at") is not None and k > status["dead_at"]:
            rows.append((ex, False, 0, max_points, "not run: the kernel died at cell %d (System.exit, or out of memory?) "
                                                  "before this check: %s" % (status["dead_at"], status.get("error") or "")))
        elif err is not None:
            rows.append((ex, False, 0, max_points, short(err)))
        elif title:
            rows.append((ex, True, max_points, max_points, "passed"))
        else:
            rows.append((ex, False, 0, max_points, "the check printed no verdict" + (": " + short(text) if text else "")))
    return rows


# ---------------------------------------------------------------- the gradebook

def write_student_page(out, student, results):
    total = sum(r[3] for rows in results.values() for r in rows[0])
    got = sum(r[2] for rows in results.values() for r in rows[0])
    parts = ["<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s: feedback</title>"
             "<style>body{font-family:sans-serif;max-width:60em;margin:auto}td,th{border:1px solid #ccc;padding:4px 8px;"
             "vertical-align:top}table{border-collapse:collapse}.ok{color:#1a7f37}.no{color:#b00020}</style></head><body>"
             % html.escape(student), "<h1>%s: %d of %d points</h1>" % (html.escape(student), got, total)]
    for notebook, (rows, notes) in sorted(results.items()):
        parts.append("<h2>%s</h2>" % html.escape(notebook))
        for note in notes:
            parts.append("<p><em>%s</em></p>" % html.escape(note))
        parts.append("<table><tr><th>exercise</th><th>points</th><th>feedback</th></tr>")
        for ex, passed, points, max_points, message in rows:
            parts.append("<tr><td>%s</td><td class=\"%s\">%d / %d</td><td>%s</td></tr>"
                         % (html.escape(ex), "ok" if passed else "no", points, max_points, html.escape(message)))
        parts.append("</table>")
    parts.append("</body></html>\n")
    with open(os.path.join(out, "%s.html" % student), "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


def summary(gradebook):
    """The summary table as text lines: points per notebook and in total, per student."""
    notebooks = sorted({nb for per in gradebook.values() for nb in per})
    head = ["student"] + [n[:2] for n in notebooks] + ["total"]
    lines = []
    for student, per in sorted(gradebook.items()):
        cols, got, total = [student], 0, 0
        for n in notebooks:
            if n in per:
                g, t = sum(r[2] for r in per[n][0]), sum(r[3] for r in per[n][0])
                cols.append("%d/%d" % (g, t))
                got, total = got + g, total + t
            else:
                cols.append("-")
        cols.append("%d/%d" % (got, total))
        lines.append(cols)
    widths = [max(len(str(row[k])) for row in [head] + lines) for k in range(len(head))]
    fmt = "  ".join("%%-%ds" % w for w in widths)
    return [fmt % tuple(head)] + [fmt % tuple(row) for row in lines], head, lines


def write_index(out, head, lines):
    rows = "\n".join("<tr>%s</tr>" % "".join(
        ("<td><a href=\"%s.html\">%s</a></td>" % (html.escape(urllib.parse.quote(c)), html.escape(c))) if k == 0 else "<td>%s</td>" % html.escape(c)
        for k, c in enumerate(row)) for row in lines)
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Gradebook</title></head><body>"
                "<h1>Gradebook</h1><p>Points per notebook; each student's name links to the feedback. "
                "Every row of <a href=\"grades.csv\">grades.csv</a> is one exercise.</p><table border=\"1\">"
                "<tr>%s</tr>\n%s</table></body></html>\n" % ("".join("<th>%s</th>" % html.escape(h) for h in head), rows))


def collect(submitted, kit):
    """What to grade in SUBMITTED/<student>/: ([(student, path, kit notebook name)], {student: {kit notebook name:
    why it is not graded}} with an entry for every student folder, [warnings]). Of several files that stand for one kit
    notebook, the one with its exact name is graded; without one, none is."""
    tasks, problems, warnings = [], {}, []
    for student in sorted(os.listdir(submitted)):
        folder = os.path.join(submitted, student)
        if folder.endswith(".ipynb") and os.path.isfile(folder):
            warnings.append("skipping %s: a student's notebooks go in a folder of their own, %s/<student>/" % (folder, submitted))
        if not os.path.isdir(folder) or student.startswith("."):
            continue
        problems[student], found = {}, {}
        for path in sorted(glob.glob(os.path.join(folder, "*.ipynb"))):
            name = match_notebook(os.path.basename(path), kit)
            if name is None:
                warnings.append("skipping %s: it is not one of the kit's graded notebooks (%s)" % (path, ", ".join(sorted(kit))))
            else:
                found.setdefault(name, []).append(path)
        for name, paths in sorted(found.items()):
            exact = [p for p in paths if os.path.basename(p) == name]
            if len(paths) == 1 or exact:
                chosen = (exact or paths)[0]
                tasks.append((student, chosen, name))
                warnings.extend("skipping %s: %s is graded as the student's %s" % (p, chosen, name) for p in paths if p != chosen)
            else:
                files = ", ".join(os.path.basename(p) for p in paths)
                warnings.append("%s has %d files for %s (%s), none of them with its exact name, so none was graded; rename "
                                "the one to grade to %s and grade again" % (student, len(paths), name, files, name))
                problems[student][name] = "not graded: %d files stand for this notebook (%s); rename the one to grade to %s" % (
                    len(paths), files, name)
    return tasks, problems, warnings


def descendants(pid):
    """The ids of the processes below process `pid`, read from /proc (Linux); [] where there is no /proc."""
    children = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry, encoding="utf-8", errors="replace") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])   # "pid (name) state ppid ..."
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def grade_one(args, kit, student, path, name):
    """Restores, executes and reads one submission; (student, kit name, rows, notes)."""
    instructor = kit[name]
    try:
        with open(path, encoding="utf-8") as f:
            submitted = json.load(f)
        if not isinstance(submitted, dict) or not isinstance(submitted.get("cells"), list):
            raise ValueError("no cells")
    except (OSError, ValueError) as e:
        return student, name, verdicts(None, {}, instructor, args.timeout, "the notebook could not be read (%s)" % e), [], (0.0, 0.0)
    graded, notes = restore(submitted, instructor)
    folder = os.path.join(args.out, "executed", student)
    os.makedirs(folder, exist_ok=True)
    restored = os.path.join(folder, name.replace(".ipynb", ".restored.ipynb"))
    executed = os.path.join(folder, name)
    with open(restored, "w", encoding="utf-8") as f:
        json.dump(graded, f, indent=1, ensure_ascii=False)
    env = dict(os.environ)
    env["JAVA_TOOL_OPTIONS"] = ("%s -Xmx%s" % (env.get("JAVA_TOOL_OPTIONS", ""), args.memory)).strip()
    if not args.full:
        env["BNKIT_QUICK"] = "1"
    else:
        env.pop("BNKIT_QUICK", None)
    command = [sys.executable, os.path.abspath(__file__), "--worker", restored, executed, "--kernel", args.kernel,
               "--timeout", str(args.timeout), "--kit", args.kit]
    failure, started = None, time.time()
    try:
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=args.timeout + 300)
            if proc.returncode != 0 and not os.path.exists(executed + ".status.json"):
                failure = "the grader could not run the notebook: " + short(err.decode("utf-8", "replace")[-800:])
        except subprocess.TimeoutExpired:
            below = descendants(proc.pid)    # the kernel runs in a session of its own
            os.killpg(proc.pid, signal.SIGKILL)
            for pid in below:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            proc.wait()
            failure = "the kernel did not stop after the time limit of %d s and was killed" % args.timeout
    except OSError as e:
        failure = "the grader could not start the notebook: %s" % e
    status, result = {}, None
    if failure is None:
        with open(executed + ".status.json", encoding="utf-8") as f:
            status = json.load(f)
        with open(executed, encoding="utf-8") as f:
            result = json.load(f)
    timing = (time.time() - started, status.get("cpu_seconds", float("nan")))
    return student, name, verdicts(result, status, instructor, args.timeout, failure), notes, timing


def main():
    ap = argparse.ArgumentParser(description="Grade submitted notebooks: SUBMITTED/<student>/<notebook>.ipynb.")
    ap.add_argument("submitted", nargs="?")
    ap.add_argument("--out", help="folder for grades.csv, the feedback pages and the executed notebooks")
    ap.add_argument("--kernel", required=True, help="an installed kit kernelspec (./bnkit grade installs one)")
    ap.add_argument("--timeout", type=int, default=600,
                    help="seconds for the cells of one submitted notebook, the kernel's start not counted (default 600)")
    ap.add_argument("--memory", default="2g", help="the kernel's maximum Java heap, as for -Xmx (default 2g)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="submissions graded at once (default: cores)")
    ap.add_argument("--full", action="store_true", help="run the notebooks' full runs (default: BNKIT_QUICK=1)")
    ap.add_argument("--kit", default="notebooks", help="the kit's notebooks, with the instructor's cells (default notebooks)")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return run_worker(args)
    if not args.submitted or not args.out:
        ap.error("give SUBMITTED and --out DIR")
    if not os.path.isdir(args.submitted):
        print("grade: %s is not a folder; it must hold one folder per student, each with that student's notebooks"
              % args.submitted, file=sys.stderr)
        return 2
    kit = kit_notebooks(args.kit)
    if not kit:
        print("grade: no notebook in %s has check cells (cell metadata bnkit.role = check)" % args.kit, file=sys.stderr)
        return 2
    tasks, problems, warnings = collect(args.submitted, kit)
    for warning in warnings:
        print("grade: " + warning, file=sys.stderr)
    gradebook = {student: {name: (verdicts(None, {}, kit[name], args.timeout, why), []) for name, why in per.items()}
                 for student, per in problems.items()}
    if not tasks:
        print("grade: no submitted notebook found in %s/<student>/" % args.submitted, file=sys.stderr)
        return 2
    assigned = sorted({name for _, _, name in tasks} | {name for per in gradebook.values() for name in per})
    os.makedirs(args.out, exist_ok=True)
    done, lock, start, timings = [0], threading.Lock(), time.time(), []
    tty = sys.stderr.isatty()
    print("grade: %d submissions of %d students, %d at a time, each with %d s for its cells, quick mode%s"
          % (len(tasks), len(gradebook), max(1, args.jobs), args.timeout, " off (--full)" if args.full else " (BNKIT_QUICK=1)"),
          file=sys.stderr)

    def progress(student, name, rows, seconds):
        with lock:
            done[0] += 1
            line = "graded %d/%d submissions, %.0f s: %s %s %d/%d points in %.0f s" % (
                done[0], len(tasks), time.time() - start, student, name[:2], sum(r[2] for r in rows), sum(r[3] for r in rows),
                seconds)
            print(("\r" + line.ljust(100)) if tty else line, end="" if tty else "\n", file=sys.stderr, flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(grade_one, args, kit, s, p, n) for s, p, n in tasks]
        for future in concurrent.futures.as_completed(futures):
            student, name, rows, notes, timing = future.result()
            gradebook[student][name] = (rows, notes)
            timings.append((student, name) + timing)
            progress(student, name, rows, timing[0])
    if tty:
        print(file=sys.stderr)
    for student, per in gradebook.items():
        for name in assigned:
            if name not in per:
                per[name] = (verdicts(None, {}, kit[name], args.timeout, "not submitted: no %s in %s"
                                      % (name, os.path.join(args.submitted, student))), [])
    with open(os.path.join(args.out, "grades.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "notebook", "exercise", "passed", "points", "max_points", "message", "notes"])
        for student, per in sorted(gradebook.items()):
            for name, (rows, notes) in sorted(per.items()):
                for ex, passed, points, max_points, message in rows:
                    w.writerow([student, name, ex, "yes" if passed else "no", points, max_points, message, "; ".join(notes)])
    for student, per in gradebook.items():
        write_student_page(args.out, student, per)
    text, head, lines = summary(gradebook)
    write_index(args.out, head, lines)
    print("\n".join(text))
    print("wrote %s, %d feedback pages and index.html" % (os.path.join(args.out, "grades.csv"), len(gradebook)))
    slowest = max(timings, key=lambda t: t[2])
    count = len(timings)
    print("graded %d submission%s in %.0f s, %d at a time: %.0f s each on average (%.0f s of CPU), the slowest %s's %s (%.0f s)"
          % (count, "" if count == 1 else "s", time.time() - start, max(1, args.jobs), sum(t[2] for t in timings) / count,
             sum(t[3] for t in timings) / count, slowest[0], slowest[1], slowest[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
