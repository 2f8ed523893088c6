"""Completion (Tab) and inspection (Shift-Tab) over the protocol (see kernel_under_test.py for setup).

As in IJava (its JavaKernel.complete and inspect hand the whole cell to JShell), names declared
earlier in the same cell complete, as do names of earlier cells, imports and the library's classes.
"""
import glob
import os
import unittest

from kernel_under_test import RunningKernelTest, run_cell

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
LIBRARY = os.path.join(ROOT, "lib", "target", "bnkit.jar")


class CompletionTest(RunningKernelTest):

    def complete(self, code, cursor=None):
        cursor = len(code) if cursor is None else cursor
        msg_id = self.kc.complete(code, cursor)
        while True:
            reply = self.kc.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]

    def inspect(self, code, cursor=None, detail=0):
        cursor = len(code) if cursor is None else cursor
        msg_id = self.kc.inspect(code, cursor, detail)
        while True:
            reply = self.kc.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]

    def assert_offers(self, code, word, start):
        reply = self.complete(code)
        self.assertEqual("ok", reply["status"])
        self.assertIn(word, reply["matches"], code)
        self.assertEqual(start, reply["cursor_start"], code)
        self.assertEqual(len(code), reply["cursor_end"], code)

    def test_a_name_declared_earlier_in_the_same_cell(self):
        code = 'String s = "abc"; s.toUpp'
        self.assert_offers(code, "toUpperCase(", len(code) - len("toUpp"))

    def test_a_name_on_an_earlier_line_of_the_cell_after_a_magic_line(self):
        code = '%classpath nothing.jar\nList<String> names = new ArrayList<>();\nnames.isEm'
        self.assert_offers(code, "isEmpty()", len(code) - len("isEm"))

    def test_a_class_declared_earlier_in_the_cell(self):
        code = "class Box { int width; }\nBox box = new Box();\nbox.wid"
        self.assert_offers(code, "width", len(code) - len("wid"))

    def test_a_name_from_an_earlier_cell(self):
        run_cell(self.kc, "StringBuilder earlier = new StringBuilder();")
        code = "earlier.appe"
        self.assert_offers(code, "append(", len("earlier."))

    def test_an_import_of_an_earlier_cell(self):
        # An import in the same cell takes effect when the cell runs, in IJava too (JShell
        # completes the whole cell's text with the session's imports).
        run_cell(self.kc, "import java.util.function.IntUnaryOperator;")
        self.assert_offers("IntUnaryOperator.ide", "identity()", len("IntUnaryOperator."))

    @unittest.skipUnless(os.path.exists(LIBRARY), "build the library first (mvn -o -B -q install -DskipTests)")
    def test_the_librarys_classes(self):
        jars = [LIBRARY] + sorted(glob.glob(os.path.join(ROOT, "lib", "target", "dependency", "*.jar")))
        reply, _ = run_cell(self.kc, "%classpath " + os.pathsep.join(jars) + "\nimport org.bnkit.nn.BatchNorm;")
        self.assertEqual("ok", reply["status"])
        self.assert_offers("BatchNorm.bui", "builder(", len("BatchNorm."))

    def test_inspection_shows_the_signature(self):
        reply = self.inspect("Math.max(1, 2)", cursor=6)
        self.assertEqual("ok", reply["status"])
        self.assertTrue(reply["found"])
        self.assertIn("int Math.max(int a, int b)", reply["data"]["text/plain"])

    def test_inspection_of_a_name_declared_earlier_in_the_cell(self):
        code = 'String t = "x";\nt.length()'
        reply = self.inspect(code, cursor=len(code) - 4)
        self.assertTrue(reply["found"], reply)
        self.assertIn("String.length()", reply["data"]["text/plain"])

    def test_inspection_of_nothing_known_is_not_found(self):
        reply = self.inspect("noSuchNameAnywhere", cursor=5)
        self.assertEqual("ok", reply["status"])
        self.assertFalse(reply["found"])


if __name__ == "__main__":
    unittest.main()
