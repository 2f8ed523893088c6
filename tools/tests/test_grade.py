"""The gradebook: tools/grade.py on synthetic submissions of the real notebooks.

The restoring of the instructor's cells, the collecting of the submitted files and the reading of
verdicts are tested on the real notebooks without a kernel. With BNKIT_KERNEL_NAME set (./bnkit
test sets it), a class of synthetic students is graded on that kernel in quick mode: notebook 00 as
the solution, the untouched student version, each of its two named mistakes, a tampered check
cell, a deleted check cell with a wrong answer, System.exit, a compile error, an answer that fills
the heap, a cell that shadows the grader and an answer that prints the grader's "passed" line and
halts the kernel; notebook 04 as the solution and with a named mistake (the students who did not
hand in 04 get its rows as "not submitted"). An endless loop is graded in a run of its own with a
time limit of LOOP_TIMEOUT seconds, alongside the main run. (Every grader's other named mistakes
are tested in lib/src/test/java/org/bnkit/exercise/.) Each must get the grade and the message it deserves.
"""
import copy
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import grade  # noqa: E402
import make_assignments  # noqa: E402

KERNEL = os.environ.get("BNKIT_KERNEL_NAME")
NB00, NB04 = "00-start-here.ipynb", "04-backprop-through-bn.ipynb"
LOOP_TIMEOUT = 20   # seconds for the endless loop's submission: its set-up cells take about 2 s on a quiet machine


def kit(name):
    with open(os.path.join(ROOT, "notebooks", name), encoding="utf-8") as f:
        return json.load(f)


def student(name):
    nb, _ = make_assignments.student_version(kit(name), name)
    return nb


def cell(nb, role, exercise):
    return next(c for c in nb["cells"] if grade.role(c).get("role") == role and grade.role(c).get("exercise") == exercise)


def answer(nb, exercise, code):
    """The notebook with the exercise's cell replaced by `code`."""
    nb = copy.deepcopy(nb)
    cell(nb, "exercise", exercise)["source"] = code
    return nb


def replace_in_solution(nb, exercise, old, new):
    nb = copy.deepcopy(nb)
    c = cell(nb, "exercise", exercise)
    text = "".join(c["source"])
    assert old in text, old
    c["source"] = text.replace(old, new)
    return nb


def without_check(nb, exercise):
    nb = copy.deepcopy(nb)
    nb["cells"] = [c for c in nb["cells"] if not (grade.role(c).get("role") == "check" and grade.role(c).get("exercise") == exercise)]
    return nb


def only_exercise(nb, exercise, code):
    """The notebook reduced to the exercise's cell, holding `code` (the check cell deleted too)."""
    nb = answer(nb, exercise, code)
    nb["cells"] = [cell(nb, "exercise", exercise)]
    return nb


TANH = "double sigmoidDerivative(double y) { return 1 - y * y; }"
PASSED_LINE = 'System.out.println("Exercise 0.1 (sigmoid derivative): passed.");'


class RestoreTest(unittest.TestCase):

    def test_an_edited_check_cell_is_replaced_by_the_kits(self):
        nb = student(NB00)
        cell(nb, "check", "0.1")["source"] = 'System.out.println("Exercise 0.1 (sigmoid derivative): passed.");'
        graded, notes = grade.restore(nb, kit(NB00))
        self.assertEqual(grade.source(cell(kit(NB00), "check", "0.1")), grade.source(cell(graded, "check", "0.1")))
        self.assertNotIn("passed.\");", json.dumps(graded))
        self.assertEqual(["your check cell of exercise 0.1 differs from the kit's (edited?); the kit's check was run instead"], notes)
        self.assertEqual(([], []), (grade.restore(student(NB00), kit(NB00))[1], grade.restore(kit(NB00), kit(NB00))[1]))

    def test_a_cell_that_writes_a_graders_passed_line_is_left_out(self):
        nb = student(NB00)
        nb["cells"].insert(5, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": PASSED_LINE})
        graded, notes = grade.restore(nb, kit(NB00))
        self.assertNotIn("passed.\");", json.dumps(graded))
        self.assertEqual(["your cell 5 writes a grader's \"passed\" line; it was not run"], notes)

    def test_a_deleted_check_cell_is_put_back_where_it_was(self):
        for name in (NB00, NB04, "07-does-bn-reduce-ics.ipynb", "09-bn-in-practice.ipynb", "10-bn-in-a-convnet.ipynb"):
            for ex, _ in grade.exercises(kit(name)):
                graded, notes = grade.restore(without_check(student(name), ex), kit(name))
                ids = [c.get("id") for c in graded["cells"]]
                original = [c.get("id") for c in kit(name)["cells"]]
                check = cell(kit(name), "check", ex)["id"]
                self.assertEqual(original[original.index(check) - 1], ids[ids.index(check) - 1], "%s %s" % (name, ex))
                self.assertTrue(any("check cell of exercise %s" % ex in n for n in notes), notes)

    def test_setup_cells_come_from_the_kit_and_a_shadowing_class_is_left_out(self):
        nb = student(NB00)
        for c in nb["cells"]:
            if grade.role(c).get("role") == "setup":
                c["source"] = "%classpath /elsewhere/fake.jar"
        nb["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                            "source": "class Notebook00 { static void sigmoidDerivative(Object f) {} }"})
        graded, notes = grade.restore(nb, kit(NB00))
        self.assertNotIn("/elsewhere/fake.jar", json.dumps(graded))
        self.assertNotIn("class Notebook00", json.dumps(graded))
        self.assertTrue(any("Notebook00" in n for n in notes), notes)

    def test_the_cells_after_the_last_check_are_not_run(self):
        for name in (NB00, "10-bn-in-a-convnet.ipynb"):
            graded, _ = grade.restore(student(name), kit(name))
            self.assertEqual("check", grade.role(graded["cells"][-1]).get("role"), name)
            last = max(k for k, c in enumerate(kit(name)["cells"]) if grade.role(c).get("role") == "check")
            self.assertEqual(sorted(c.get("id") for c in kit(name)["cells"][:last + 1]), sorted(c.get("id") for c in graded["cells"]),
                             name)   # the same cells, the set-up cells moved to the top

    def test_a_check_cell_is_one_call_that_hands_the_students_function_to_its_grader(self):
        call = re.compile(r'^Notebook(\d\d)\.\w+\(\(?([\w, ]*)\)? -> (\w+)\(\2\)(, [\w(), "\->]+)?\);$')
        for name, nb in grade.kit_notebooks(os.path.join(ROOT, "notebooks")).items():
            for c in nb["cells"]:
                if grade.role(c).get("role") == "check":
                    text = grade.source(c).strip()
                    m = call.match(text)
                    self.assertIsNotNone(m, "%s: %s" % (name, text))
                    self.assertEqual(name[:2], m.group(1), text)
                    self.assertIn("%s(" % m.group(3), grade.source(cell(nb, "exercise", grade.role(c)["exercise"])), text)

    def test_every_check_cell_has_points_and_the_statement_says_them(self):
        for name, nb in grade.kit_notebooks(os.path.join(ROOT, "notebooks")).items():
            text = "".join(grade.source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
            for ex, points in grade.exercises(nb):
                self.assertGreater(points, 0)
                self.assertIn("Exercise %s (graded, %d point%s)" % (ex, points, "" if points == 1 else "s"), text, name)
                cell(nb, "exercise", ex)   # every check has the exercise cell it grades


class CollectTest(unittest.TestCase):

    def collect(self, files):
        with tempfile.TemporaryDirectory() as sub:
            for path in files:
                os.makedirs(os.path.join(sub, os.path.dirname(path)), exist_ok=True)
                with open(os.path.join(sub, path), "w", encoding="utf-8") as f:
                    f.write("{}")
            tasks, problems, warnings = grade.collect(sub, grade.kit_notebooks(os.path.join(ROOT, "notebooks")))
            return [(s, os.path.relpath(p, sub), n) for s, p, n in tasks], problems, warnings

    def test_files_are_matched_by_name_or_number_and_others_skipped_with_a_warning(self):
        tasks, problems, warnings = self.collect(["ann/00-start-here.ipynb", "ann/04 my work.ipynb", "ann/notes.ipynb",
                                                  "ann/01-internal-covariate-shift.ipynb", "ben/readme.txt", "03-the-bn-transform.ipynb"])
        self.assertEqual([("ann", "ann/00-start-here.ipynb", NB00), ("ann", "ann/04 my work.ipynb", NB04)], tasks)
        self.assertEqual({"ann": {}, "ben": {}}, problems)   # ben handed in nothing: he still gets his rows
        self.assertEqual(3, len(warnings), warnings)
        for skipped in ("notes.ipynb", "01-internal", "03-the-bn-transform.ipynb: a student's notebooks go in a folder"):
            self.assertTrue(any(skipped in w for w in warnings), (skipped, warnings))

    def test_of_two_files_for_one_notebook_the_exact_name_is_graded_and_else_none(self):
        tasks, problems, warnings = self.collect(["ann/00-start-here.ipynb", "ann/00-start-here (1).ipynb",
                                                  "ben/00 first try.ipynb", "ben/00 second try.ipynb"])
        self.assertEqual([("ann", "ann/00-start-here.ipynb", NB00)], tasks)
        self.assertIn("skipping", " ".join(w for w in warnings if "(1)" in w))
        self.assertIn("2 files stand for this notebook", problems["ben"][NB00])
        self.assertTrue(any("ben has 2 files" in w for w in warnings), warnings)


class VerdictTest(unittest.TestCase):
    """Reading the executed notebook: the check cell's outputs and how the run ended."""

    def executed(self, outputs):
        nb = copy.deepcopy(kit(NB00))
        for c in nb["cells"]:
            if c["cell_type"] == "code":
                c["outputs"] = []
        cell(nb, "check", "0.1")["outputs"] = outputs
        return nb, [k for k, c in enumerate(nb["cells"]) if grade.role(c).get("role") == "check"][0]

    def test_the_passed_line_of_a_check_that_ran_to_its_end_passes(self):
        nb, k = self.executed([{"output_type": "stream", "name": "stdout", "text": "Exercise 0.1 (sigmoid derivative): passed.\n"}])
        self.assertEqual([("0.1", True, 1, 1, "passed")], grade.verdicts(nb, {}, kit(NB00), 60))

    def test_a_passed_line_does_not_count_when_the_check_ended_in_an_error_a_dead_kernel_or_the_time_limit(self):
        line = {"output_type": "stream", "name": "stdout", "text": "Exercise 0.1 (sigmoid derivative): passed.\n"}
        error = {"output_type": "error", "ename": "ExerciseFailedException", "evalue": "Exercise 0.1 (sigmoid derivative): "
                 "y' is wrong at entry 3: expected 0.25, got 0 (off by 0.25; allowed 1e-12). Hint: ...", "traceback": []}
        nb, k = self.executed([line, error])
        self.assertIn("y' is wrong", grade.verdicts(nb, {}, kit(NB00), 60)[0][4])
        nb, k = self.executed([line])
        dead = grade.verdicts(nb, {"dead_at": k, "error": "Kernel died"}, kit(NB00), 60)[0]
        self.assertEqual((False, 0), dead[1:3])
        self.assertIn("the kernel died while this check ran", dead[4])
        late = grade.verdicts(nb, {"timed_out": [k]}, kit(NB00), 60)[0]
        self.assertEqual((False, 0), late[1:3])
        self.assertIn("did not finish within the submission's time limit of 60 s", late[4])
        self.assertIn("not run: the kernel died at cell", grade.verdicts(nb, {"dead_at": k - 1}, kit(NB00), 60)[0][4])
        self.assertIn("used up by an earlier cell", grade.verdicts(nb, {"not_run": [k]}, kit(NB00), 60)[0][4])
        nb, k = self.executed([])
        self.assertEqual("not run: the notebook could not be run (RuntimeError: Kernel didn't respond in 120 seconds)",
                         grade.verdicts(nb, {"dead_at": None, "error": "RuntimeError: Kernel didn't respond in 120 seconds"},
                                        kit(NB00), 60)[0][4])


@unittest.skipUnless(KERNEL, "set BNKIT_KERNEL_NAME to an installed kit kernel (./bnkit test does)")
class GradebookTest(unittest.TestCase):

    @classmethod
    def grade(cls, sub, out, *options):
        return [sys.executable, os.path.join(ROOT, "tools", "grade.py"), sub, "--out", out, "--kernel", KERNEL] + list(options)

    @classmethod
    def write(cls, sub, submissions):
        for who, notebooks in submissions.items():
            os.makedirs(os.path.join(sub, who))
            for name, nb in notebooks.items():
                with open(os.path.join(sub, who, name), "w", encoding="utf-8") as f:
                    json.dump(nb, f)

    @classmethod
    def read_rows(cls, out):
        with open(os.path.join(out, "grades.csv"), encoding="utf-8") as f:
            return {(r["student"], r["notebook"][:2], r["exercise"]): r for r in csv.DictReader(f)}

    @classmethod
    def setUpClass(cls):
        base = os.path.join(ROOT, "build", "test-grade")
        shutil.rmtree(base, ignore_errors=True)
        sub, cls.out = os.path.join(base, "submitted"), os.path.join(base, "gradebook")
        loop_sub, cls.loop_out = os.path.join(base, "submitted-loop"), os.path.join(base, "gradebook-loop")
        # The endless loop (a busy one: the time limit must not rely on the kernel honouring an interrupt) in a run of
        # its own with a short time limit, alongside the main run; the student kept only the exercise cell.
        cls.write(loop_sub, {"loop": {NB00: only_exercise(student(NB00), "0.1",
                                                          "double sigmoidDerivative(double y) {\n    while (true) { }\n}")}})
        loop = subprocess.Popen(cls.grade(loop_sub, cls.loop_out, "--timeout", str(LOOP_TIMEOUT), "--jobs", "1"), cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        tampered = answer(student(NB00), "0.1", TANH)
        cell(tampered, "check", "0.1")["source"] = PASSED_LINE
        shadow = answer(student(NB00), "0.1", TANH)
        shadow["cells"].insert(3, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                                   "source": "class Notebook00 { static void sigmoidDerivative(Object f) { " + PASSED_LINE + " } }"})
        cls.write(sub, {
            "solution": {NB00: kit(NB00), NB04: kit(NB04)},
            "untouched": {NB00: student(NB00)},
            "mistake": {NB00: answer(student(NB00), "0.1", TANH),
                        NB04: replace_in_solution(kit(NB04), "4.1", "(count * dY.get(r, k) - sumG - ", "(count * dY.get(r, k) - ")},
            "mistake2": {NB00: answer(student(NB00), "0.1", "double sigmoidDerivative(double y) {\n"
                                      "    double g = 1 / (1 + Math.exp(-y));\n    return g * (1 - g);\n}")},
            "tampered": {NB00: tampered},
            "deleted": {NB00: without_check(answer(student(NB00), "0.1", TANH), "0.1")},
            "exit": {NB00: answer(student(NB00), "0.1", "double sigmoidDerivative(double y) { System.exit(3); return 0; }")},
            # the "passed" line put together at run time (a literal one leaves the cell out), then the kernel halted
            "halt": {NB00: answer(student(NB00), "0.1", "double sigmoidDerivative(double y) {\n"
                                  "    System.out.println(\"Exercise 0.1 (sigmoid derivative): \" + \"passed.\");\n"
                                  "    System.out.flush();\n    Runtime.getRuntime().halt(0);\n    return 0;\n}")},
            "memory": {NB00: answer(student(NB00), "0.1", "double sigmoidDerivative(double y) {\n"
                                    "    List<double[]> hog = new ArrayList<>();\n    while (true) hog.add(new double[1 << 20]);\n}")},
            "compile": {NB00: answer(student(NB00), "0.1", "double sigmoidDerivative(double y) { return y * (1 - y) }")},
            "shadow": {NB00: shadow},
        })
        cls.graded = subprocess.run(cls.grade(sub, cls.out, "--timeout", "300", "--memory", "1g"),
                                    cwd=ROOT, capture_output=True, text=True, timeout=3600)
        cls.rows = cls.read_rows(cls.out)
        try:
            cls.loop_stdout, cls.loop_stderr = loop.communicate(timeout=LOOP_TIMEOUT + 240)
        except subprocess.TimeoutExpired:
            loop.kill()
            cls.loop_stdout, cls.loop_stderr = loop.communicate()
        cls.loop_returncode = loop.returncode

    def verdict(self, who, notebook, exercise, passed, message, rows=None):
        row = (rows or self.rows)[(who, notebook, exercise)]
        self.assertEqual("yes" if passed else "no", row["passed"], row)
        self.assertEqual(row["max_points"] if passed else "0", row["points"], row)
        self.assertIn(message, row["message"], row)

    def test_the_run_succeeds_and_prints_the_summary_and_its_time(self):
        self.assertEqual(0, self.graded.returncode, self.graded.stderr)
        self.assertRegex(self.graded.stdout, r"solution\s+1/1\s+4/4\s+5/5")
        self.assertRegex(self.graded.stdout, r"untouched\s+0/1\s+0/4\s+0/5")
        self.assertIn("graded 13/13 submissions", self.graded.stderr)
        self.assertRegex(self.graded.stdout, r"graded 13 submissions in \d+ s, \d+ at a time: \d+ s each on average")

    def test_one_row_per_student_and_exercise_of_every_notebook_handed_in_by_anyone(self):
        self.assertEqual(11 * 2, len(self.rows))
        with open(os.path.join(self.out, "grades.csv"), encoding="utf-8") as f:
            self.assertEqual("student,notebook,exercise,passed,points,max_points,message,notes", f.readline().strip())
        self.verdict("untouched", "04", "4.1", False, "not submitted: no 04-backprop-through-bn.ipynb in")

    def test_the_solution_passes(self):
        self.verdict("solution", "00", "0.1", True, "passed")
        self.verdict("solution", "04", "4.1", True, "passed")

    def test_the_untouched_student_version_is_not_implemented(self):
        self.verdict("untouched", "00", "0.1", False, "is not implemented yet")

    def test_named_mistakes_are_named(self):
        self.verdict("mistake", "00", "0.1", False, "using the tanh's derivative 1 - y^2")
        self.verdict("mistake", "04", "4.1", False, "leaving out the path through mu_B")
        self.verdict("mistake2", "00", "0.1", False, "applying the sigmoid to y again")

    def test_a_tampered_or_deleted_check_cell_cannot_pass(self):
        self.verdict("tampered", "00", "0.1", False, "using the tanh's derivative")
        self.assertIn("differs from the kit's (edited?)", self.rows[("tampered", "00", "0.1")]["notes"])
        self.verdict("deleted", "00", "0.1", False, "using the tanh's derivative")
        self.verdict("shadow", "00", "0.1", False, "using the tanh's derivative")
        self.verdict("halt", "00", "0.1", False, "the kernel died while this check ran")

    def test_exits_and_compile_errors_cost_only_their_submission(self):
        self.verdict("exit", "00", "0.1", False, "the kernel died while this check ran")
        self.verdict("compile", "00", "0.1", False, "sigmoidDerivative")

    def test_an_endless_loop_is_stopped_at_the_time_limit(self):
        self.assertEqual(0, self.loop_returncode, self.loop_stderr)
        self.verdict("loop", "00", "0.1", False, "did not finish within the submission's time limit of %d s" % LOOP_TIMEOUT,
                     self.read_rows(self.loop_out))
        took = re.search(r"graded 1 submission in (\d+) s", self.loop_stdout)
        self.assertIsNotNone(took, self.loop_stdout)
        self.assertLess(int(took.group(1)), LOOP_TIMEOUT + 120, self.loop_stdout)   # the kernel's start and stop included

    def test_the_heap_is_bounded(self):
        self.verdict("memory", "00", "0.1", False, "OutOfMemoryError")

    def test_each_student_has_a_feedback_page(self):
        for who in ("solution", "untouched", "exit"):
            with open(os.path.join(self.out, who + ".html"), encoding="utf-8") as f:
                page = f.read()
            self.assertIn("<td>0.1</td>", page)
            self.assertIn("<td>4.1</td>", page)
        with open(os.path.join(self.out, "shadow.html"), encoding="utf-8") as f:
            self.assertIn("declares a type named Notebook00", f.read())
        with open(os.path.join(self.out, "index.html"), encoding="utf-8") as f:
            self.assertIn('<a href="mistake2.html">mistake2</a>', f.read())


if __name__ == "__main__":
    unittest.main()
