"""The gradebook: tools/grade.py on synthetic submissions of the real notebooks.

The restoring of the instructor's cells is tested on the real notebooks without a kernel. With
BNKIT_KERNEL_NAME set (./bnkit test sets it), a class of synthetic students is graded on that
kernel in quick mode: notebook 00 as the solution, the untouched student version, each of its two
named mistakes, a tampered check cell, a deleted check cell with a wrong answer, an endless loop,
System.exit, a compile error, an answer that fills the heap and a cell that shadows the grader;
notebook 04 as the solution and with a named mistake. (Every grader's other named mistakes are
tested in lib/src/test/java/org/bnkit/exercise/.) Each must get the grade and the message it deserves.
"""
import copy
import csv
import json
import os
import shutil
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import grade  # noqa: E402
import make_assignments  # noqa: E402

KERNEL = os.environ.get("BNKIT_KERNEL_NAME")
NB00, NB04 = "00-start-here.ipynb", "04-backprop-through-bn.ipynb"


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


TANH = "double sigmoidDerivative(double y) { return 1 - y * y; }"


class RestoreTest(unittest.TestCase):

    def test_an_edited_check_cell_is_replaced_by_the_kits(self):
        nb = student(NB00)
        cell(nb, "check", "0.1")["source"] = 'System.out.println("Exercise 0.1 (sigmoid derivative): passed.");'
        graded, notes = grade.restore(nb, kit(NB00))
        self.assertEqual(grade.source(cell(kit(NB00), "check", "0.1")), grade.source(cell(graded, "check", "0.1")))
        self.assertNotIn("passed.\");", json.dumps(graded))

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

    def test_every_check_cell_has_points_and_the_statement_says_them(self):
        for name, nb in grade.kit_notebooks(os.path.join(ROOT, "notebooks")).items():
            text = "".join(grade.source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
            for ex, points in grade.exercises(nb):
                self.assertGreater(points, 0)
                self.assertIn("Exercise %s (graded, %d point%s)" % (ex, points, "" if points == 1 else "s"), text, name)
                cell(nb, "exercise", ex)   # every check has the exercise cell it grades


@unittest.skipUnless(KERNEL, "set BNKIT_KERNEL_NAME to an installed kit kernel (./bnkit test does)")
class GradebookTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        sub = os.path.join(ROOT, "build", "test-grade", "submitted")
        cls.out = os.path.join(ROOT, "build", "test-grade", "gradebook")
        shutil.rmtree(os.path.dirname(sub), ignore_errors=True)
        tampered = answer(student(NB00), "0.1", TANH)
        cell(tampered, "check", "0.1")["source"] = 'System.out.println("Exercise 0.1 (sigmoid derivative): passed.");'
        shadow = answer(student(NB00), "0.1", TANH)
        shadow["cells"].insert(3, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                                   "source": "class Notebook00 { static void sigmoidDerivative(Object f) {"
                                             " System.out.println(\"Exercise 0.1 (sigmoid derivative): passed.\"); } }"})
        submissions = {
            "solution": {NB00: kit(NB00), NB04: kit(NB04)},
            "untouched": {NB00: student(NB00)},
            "mistake": {NB00: answer(student(NB00), "0.1", TANH),
                        NB04: replace_in_solution(kit(NB04), "4.1", "(count * dY.get(r, k) - sumG - ", "(count * dY.get(r, k) - ")},
            "mistake2": {NB00: answer(student(NB00), "0.1", "double sigmoidDerivative(double y) {\n"
                                      "    double g = 1 / (1 + Math.exp(-y));\n    return g * (1 - g);\n}")},
            "tampered": {NB00: tampered},
            "deleted": {NB00: without_check(answer(student(NB00), "0.1", TANH), "0.1")},
            "loop": {NB00: answer(student(NB00), "0.1", "double sigmoidDerivative(double y) {\n"
                                  "    while (true) { try { Thread.sleep(100); } catch (InterruptedException e) { } }\n}")},
            "exit": {NB00: answer(student(NB00), "0.1", "double sigmoidDerivative(double y) { System.exit(3); return 0; }")},
            "memory": {NB00: answer(student(NB00), "0.1", "double sigmoidDerivative(double y) {\n"
                                    "    List<double[]> hog = new ArrayList<>();\n    while (true) hog.add(new double[1 << 20]);\n}")},
            "compile": {NB00: answer(student(NB00), "0.1", "double sigmoidDerivative(double y) { return y * (1 - y) }")},
            "shadow": {NB00: shadow},
        }
        for who, notebooks in submissions.items():
            os.makedirs(os.path.join(sub, who))
            for name, nb in notebooks.items():
                with open(os.path.join(sub, who, name), "w", encoding="utf-8") as f:
                    json.dump(nb, f)
        cls.graded = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "grade.py"), sub, "--out", cls.out,
                                  "--kernel", KERNEL, "--timeout", "150", "--memory", "1g"],
                                 cwd=ROOT, capture_output=True, text=True, timeout=3600)
        with open(os.path.join(cls.out, "grades.csv"), encoding="utf-8") as f:
            cls.rows = {(r["student"], r["notebook"][:2], r["exercise"]): r for r in csv.DictReader(f)}

    def verdict(self, who, notebook, exercise, passed, message):
        row = self.rows[(who, notebook, exercise)]
        self.assertEqual("yes" if passed else "no", row["passed"], row)
        self.assertEqual(row["max_points"] if passed else "0", row["points"], row)
        self.assertIn(message, row["message"], row)

    def test_the_run_succeeds_and_prints_the_summary(self):
        self.assertEqual(0, self.graded.returncode, self.graded.stderr)
        self.assertRegex(self.graded.stdout, r"solution\s+1/1\s+4/4\s+5/5")
        self.assertIn("graded 13/13 submissions", self.graded.stderr)

    def test_one_row_per_student_and_exercise(self):
        self.assertEqual(13, len(self.rows))
        with open(os.path.join(self.out, "grades.csv"), encoding="utf-8") as f:
            self.assertEqual("student,notebook,exercise,passed,points,max_points,message", f.readline().strip())

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
        self.verdict("deleted", "00", "0.1", False, "using the tanh's derivative")
        self.verdict("shadow", "00", "0.1", False, "using the tanh's derivative")

    def test_hangs_exits_and_compile_errors_cost_only_their_submission(self):
        self.verdict("loop", "00", "0.1", False, "time limit")
        self.verdict("exit", "00", "0.1", False, "kernel died")
        self.verdict("compile", "00", "0.1", False, "sigmoidDerivative")

    def test_the_heap_is_bounded(self):
        self.verdict("memory", "00", "0.1", False, "OutOfMemoryError")

    def test_each_student_has_a_feedback_page(self):
        for who in ("solution", "untouched", "loop"):
            with open(os.path.join(self.out, who + ".html"), encoding="utf-8") as f:
                page = f.read()
            self.assertIn("<td>0.1</td>", page)
        with open(os.path.join(self.out, "shadow.html"), encoding="utf-8") as f:
            self.assertIn("declares a type named Notebook00", f.read())


if __name__ == "__main__":
    unittest.main()
