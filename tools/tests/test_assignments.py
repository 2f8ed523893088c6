"""Course assignments: the student versions made by tools/make_assignments.py.

The marker handling is tested on small examples. With BNKIT_KERNEL_NAME set (./bnkit test sets
it), every student notebook is also generated and executed on that kernel: each cell must
compile and run except the exercise checks, and each exercise check (a cell whose metadata has
bnkit.role = "check") must fail with the "not implemented yet" message naming its exercise. With
BNKIT_RENDERED set, the executed solution notebooks must show every check passing.
"""
import glob
import json
import os
import re
import shutil
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import make_assignments  # noqa: E402

KERNEL = os.environ.get("BNKIT_KERNEL_NAME")
RENDERED = os.environ.get("BNKIT_RENDERED")


def checked(cell):
    """The exercises a cell checks: its bnkit.exercise if its role is "check"."""
    meta = cell.get("metadata", {}).get("bnkit", {})
    return [meta["exercise"]] if meta.get("role") == "check" else []


def solution_notebooks():
    """{file name: notebook} of the notebooks that contain exercise regions."""
    found = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb"))):
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
        if any("// BEGIN SOLUTION" in "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"):
            found[os.path.basename(path)] = nb
    return found


class MarkerTest(unittest.TestCase):

    def test_region_becomes_a_stub_with_the_message_and_indentation(self):
        lines = ["double f(double x) {\n", "    // BEGIN SOLUTION: compute \"y\"\n", "    return 2 * x;\n",
                 "    // END SOLUTION\n", "}\n"]
        out, regions = make_assignments.stub_source(lines, "t")
        self.assertEqual(1, regions)
        self.assertEqual(['double f(double x) {\n',
                          '    throw new UnsupportedOperationException("not implemented yet: compute \\"y\\"");\n',
                          '}\n'], out)

    def test_unbalanced_markers_are_errors(self):
        with self.assertRaises(make_assignments.MarkerError):
            make_assignments.stub_source(["// BEGIN SOLUTION\n", "x = 1;\n"], "t")
        with self.assertRaises(make_assignments.MarkerError):
            make_assignments.stub_source(["// END SOLUTION\n"], "t")
        with self.assertRaises(make_assignments.MarkerError):
            make_assignments.stub_source(["// BEGIN SOLUTION\n", "// BEGIN SOLUTION\n", "// END SOLUTION\n"], "t")

    def test_classpath_is_rewritten_for_the_output_folder(self):
        moved = make_assignments.relocate(["%classpath ../lib/target/bnkit.jar\n"], "/kit/notebooks", "/kit/build/assignments")
        self.assertEqual(["%classpath ../../lib/target/bnkit.jar\n"], moved)

    def test_every_exercise_region_has_a_check_cell(self):
        for name, nb in solution_notebooks().items():
            regions = [c["metadata"].get("bnkit", {}).get("exercise") for c in nb["cells"]
                       if c["cell_type"] == "code" and "// BEGIN SOLUTION" in "".join(c["source"])]
            checks = [ex for c in nb["cells"] for ex in checked(c)]
            self.assertTrue(regions and None not in regions, "%s: an exercise cell lacks bnkit metadata (role, exercise)" % name)
            self.assertEqual(sorted(regions), sorted(checks), "%s: exercise cells and check cells do not match" % name)

    def test_worked_cells_are_hidden_in_the_student_version(self):
        nb = solution_notebooks()["03-the-bn-transform.ipynb"]
        student, _ = make_assignments.student_version(json.loads(json.dumps(nb)), "03")
        text = json.dumps(student)
        for answer in ("mu[j] = s / m;", "muC[c] /= count;"):
            self.assertIn(answer, json.dumps(nb))
            self.assertNotIn(answer, text)
        self.assertIn("layer.lastMean()", text)
        self.assertIn("perMap.lastVariance()", text)
        nb = solution_notebooks()["10-bn-in-a-convnet.ipynb"]
        student, _ = make_assignments.student_version(json.loads(json.dumps(nb)), "10")
        self.assertIn("mapMean[c] += bn1Out.get(", json.dumps(nb))
        self.assertNotIn("mapMean[c] += bn1Out.get(", json.dumps(student))
        self.assertIn("measure.lastVariance()", json.dumps(student))

    def test_notebooks_02_to_10_each_have_a_graded_exercise(self):
        graded = solution_notebooks()
        for number in range(2, 11):
            names = [n for n in graded if n.startswith("%02d-" % number)]
            self.assertTrue(names, "notebook %02d has no graded exercise (a // BEGIN SOLUTION region and a check cell)" % number)


@unittest.skipUnless(KERNEL, "set BNKIT_KERNEL_NAME to an installed kit kernel (./bnkit test does)")
class StudentVersionTest(unittest.TestCase):

    def test_student_versions_compile_and_fail_their_checks_with_the_stub_message(self):
        from nbclient import NotebookClient
        import nbformat
        out = os.path.join(ROOT, "build", "test-assignments")
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        for name in solution_notebooks():
            nb = json.loads(json.dumps(solution_notebooks()[name]))
            student, regions = make_assignments.student_version(nb, name, os.path.join(ROOT, "notebooks"), out)
            self.assertGreater(regions, 0)
            node = nbformat.reads(json.dumps(student), as_version=4)
            client = NotebookClient(node, kernel_name=KERNEL, timeout=900, allow_errors=True,
                                    resources={"metadata": {"path": out}})
            client.execute()
            with self.subTest(notebook=name):
                for i, cell in enumerate(node.cells):
                    if cell.cell_type != "code":
                        continue
                    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                    text = "\n".join(o.get("evalue", "") + "\n" + "\n".join(o.get("traceback", [])) for o in errors)
                    ids = checked(cell)
                    if ids:
                        for ex in ids:
                            self.assertIn("Exercise %s" % ex, text, "%s cell %d: the check of exercise %s did not fail" % (name, i, ex))
                        self.assertIn("not implemented yet", text, "%s cell %d: wrong failure:\n%s" % (name, i, text))
                    else:
                        self.assertFalse(errors, "%s cell %d fails in the student version:\n%s" % (name, i, text))


@unittest.skipUnless(RENDERED, "set BNKIT_RENDERED to the executed solution notebooks (./bnkit test does)")
class SolutionVersionTest(unittest.TestCase):

    def test_solution_checks_pass(self):
        for name, source in solution_notebooks().items():
            with open(os.path.join(RENDERED, "notebooks", name), encoding="utf-8") as f:
                nb = json.load(f)
            for cell in nb["cells"]:
                if cell["cell_type"] != "code":
                    continue
                for ex in checked(cell):
                    printed = "".join("".join(o.get("text", "")) for o in cell.get("outputs", []) if o.get("output_type") == "stream")
                    self.assertRegex(printed, r"Exercise %s \(.*\): passed\." % re.escape(ex), "%s: exercise %s" % (name, ex))


if __name__ == "__main__":
    unittest.main()
