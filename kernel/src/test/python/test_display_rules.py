"""What a cell shows, row by row, as IJava 1.3.0 shows it (see kernel_under_test.py for setup).

Each row is a cell, run in order in one kernel (later rows use earlier declarations), the exact
outputs IJava gives for it, and the IJava source that decides them. The sources cited:

  EVAL_SINGLE  IJava src/main/java/io/github/spencerpark/ijava/execution/CodeEvaluator.java,
               evalSingle: a snippet's value is kept only for the JShell subkinds
               VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND and TEMP_VAR_EXPRESSION_SUBKIND; every
               other subkind (ASSIGNMENT_SUBKIND, declarations, STATEMENT_SUBKIND, imports) gives
               null. The first exception of a fresh snippet is thrown, a snippet that is not
               defined is a CompilationException.
  EVAL_LOOP    the same file, eval: the cell is cut into snippets with analyzeCompletion; the
               cell's value is the last snippet's; a trailing incomplete snippet is an
               IncompleteSourceException.
  KERNEL_EVAL  IJava src/main/java/io/github/spencerpark/ijava/JavaKernel.java, eval: a null
               value shows nothing; anything else goes to the renderer.
  RENDER       jupyter-jvm-basekernel display/Renderer.java, render: text/plain is
               String.valueOf(value); display/common/Image.java adds image/png for a
               RenderedImage. No other renderer is registered in IJava.
  DISPLAY      IJava src/main/java/io/github/spencerpark/ijava/runtime/Display.java: display()
               publishes display_data (render or renderAs) and returns the display id, a String.

JShell's subkind for each snippet (which decides EVAL_SINGLE's branch) is that of JDK 17's
jdk.jshell: `n = n + 1` is ASSIGNMENT_SUBKIND; `n += 1`, `n++`, `a[0] = 5`, `f()` and `1 + 2` are
TEMP_VAR_EXPRESSION_SUBKIND; `n` is VAR_VALUE_SUBKIND; a void call is STATEMENT_SUBKIND.

JJava 1.0 (dflib/jjava, jjava/src/main/java/org/dflib/jjava/execution/CodeEvaluator.java) keeps
the same three subkinds, so these rows hold for it too; its renderer also registers
CharSequence, which makes a difference only for display(string, "text/html"), covered below.
"""

import unittest

from kernel_under_test import RunningKernelTest, run_cell

NOTHING = ("nothing",)


def result(text):
    """An execute_result whose bundle is exactly {"text/plain": text}."""
    return ("result", {"text/plain": text})


def result_types(*mimes):
    """An execute_result whose bundle has exactly these MIME types (values not compared)."""
    return ("result_types", set(mimes))


def stdout(text):
    """Only a stdout stream with this text."""
    return ("stdout", text)


def display_types(*mimes):
    """Only a display_data whose bundle has exactly these MIME types."""
    return ("display", set(mimes))


def error(*fragments):
    """An error whose traceback contains every fragment."""
    return ("error", fragments)


# (cell, expected outputs, the IJava source that decides them)
ROWS = [
    # Declarations
    ("int n = 1;", NOTHING, "EVAL_SINGLE: VAR_DECLARATION_WITH_INITIALIZER_SUBKIND -> null"),
    ("int u;", NOTHING, "EVAL_SINGLE: VAR_DECLARATION_SUBKIND -> null"),
    ("var v = 3;", NOTHING, "EVAL_SINGLE: VAR_DECLARATION_WITH_INITIALIZER_SUBKIND -> null"),
    ("int p, q = 2;", NOTHING, "EVAL_SINGLE: two declaration events, both -> null"),
    ("String s = null;", NOTHING, "EVAL_SINGLE: declaration -> null"),
    ("int[] arr = {1, 2, 3};", NOTHING, "EVAL_SINGLE: declaration -> null"),
    ("List<Integer> list = new ArrayList<>();", NOTHING, "EVAL_SINGLE: declaration -> null (java.util is a default import)"),
    ("int w = n = 3;", NOTHING, "EVAL_SINGLE: declaration (its initializer assigns) -> null"),
    # Assignments
    ("n = n + 1;", NOTHING, "EVAL_SINGLE: ASSIGNMENT_SUBKIND -> null"),
    ("n = 10", NOTHING, "EVAL_SINGLE: ASSIGNMENT_SUBKIND without semicolon -> null"),
    ('s = "x"', NOTHING, "EVAL_SINGLE: ASSIGNMENT_SUBKIND -> null"),
    ("n += 2;", result("12"), "EVAL_SINGLE: compound assignment is TEMP_VAR_EXPRESSION_SUBKIND -> value"),
    ("n++;", result("12"), "EVAL_SINGLE: TEMP_VAR_EXPRESSION_SUBKIND -> value (post-increment's old value)"),
    ("++n", result("14"), "EVAL_SINGLE: TEMP_VAR_EXPRESSION_SUBKIND -> value"),
    ("arr[0] = 5", result("5"), "EVAL_SINGLE: array-element assignment is TEMP_VAR_EXPRESSION_SUBKIND -> value"),
    # Expressions, with and without a semicolon
    ("1 + 2", result("3"), "EVAL_SINGLE: TEMP_VAR_EXPRESSION_SUBKIND -> value; RENDER: String.valueOf"),
    ("1 + 2;", result("3"), "EVAL_SINGLE: an expression statement with ';' is still TEMP_VAR_EXPRESSION_SUBKIND"),
    ("n", result("14"), "EVAL_SINGLE: VAR_VALUE_SUBKIND -> value"),
    ("n;", result("14"), "EVAL_SINGLE: VAR_VALUE_SUBKIND -> value"),
    ("u", result("0"), "EVAL_SINGLE: VAR_VALUE_SUBKIND -> value (a field's default)"),
    ("n == 14", result("true"), "EVAL_SINGLE: TEMP_VAR_EXPRESSION_SUBKIND -> value"),
    ('"abc"', result("abc"), "RENDER: String.valueOf of a String has no quotes"),
    ("'c'", result("c"), "RENDER: String.valueOf of the boxed char"),
    ("2.5 * 2", result("5.0"), "RENDER: String.valueOf of the boxed double"),
    ("arr[0]", result("5"), "EVAL_SINGLE: TEMP_VAR_EXPRESSION_SUBKIND -> value"),
    ("List.of(1, 2)", result("[1, 2]"), "RENDER: toString of the object"),
    # Null values
    ("s = null;", NOTHING, "EVAL_SINGLE: ASSIGNMENT_SUBKIND -> null"),
    ("s", NOTHING, "KERNEL_EVAL: VAR_VALUE_SUBKIND with value null -> nothing"),
    ("(String) null", NOTHING, "KERNEL_EVAL: TEMP_VAR_EXPRESSION_SUBKIND with value null -> nothing"),
    ("null", NOTHING, "KERNEL_EVAL: a null value shows nothing"),
    # Calls
    ("Math.max(3, 7)", result("7"), "EVAL_SINGLE: a call returning a value is TEMP_VAR_EXPRESSION_SUBKIND"),
    ("list.add(4)", result("true"), "EVAL_SINGLE: TEMP_VAR_EXPRESSION_SUBKIND, with or without ';'"),
    ("list.add(5);", result("true"), "EVAL_SINGLE: TEMP_VAR_EXPRESSION_SUBKIND, with or without ';'"),
    ("list.clear()", NOTHING, "EVAL_SINGLE: a void call is STATEMENT_SUBKIND -> null"),
    ("list.clear();", NOTHING, "EVAL_SINGLE: STATEMENT_SUBKIND -> null"),
    ('System.out.println("hi");', stdout("hi\n"), "EVAL_SINGLE: STATEMENT_SUBKIND -> null; the output is a stream"),
    ('System.out.print("a"); 1 + 1', [("stdout", "a"), result("2")],
     "EVAL_LOOP: two snippets; the last one's value"),
    ("1 + 1; int after = 2;", NOTHING, "EVAL_LOOP: the last snippet (a declaration) decides -> null"),
    # Imports, methods, types
    ("import java.util.function.IntUnaryOperator;", NOTHING, "EVAL_SINGLE: SINGLE_TYPE_IMPORT_SUBKIND -> null"),
    ("import java.util.stream.*;", NOTHING, "EVAL_SINGLE: TYPE_IMPORT_ON_DEMAND_SUBKIND -> null"),
    ("int twice(int x) { return 2 * x; }", NOTHING, "EVAL_SINGLE: METHOD_SUBKIND -> null"),
    ("void hello() { System.out.print(\"hello\"); }", NOTHING, "EVAL_SINGLE: METHOD_SUBKIND -> null"),
    ("twice(21)", result("42"), "EVAL_SINGLE: TEMP_VAR_EXPRESSION_SUBKIND -> value"),
    ("hello()", stdout("hello"), "EVAL_SINGLE: a void method call is STATEMENT_SUBKIND -> null"),
    ("class Point { int x; public String toString() { return \"P\" + x; } }", NOTHING,
     "EVAL_SINGLE: CLASS_SUBKIND -> null"),
    ("record Pair(int a, int b) {}", NOTHING, "EVAL_SINGLE: RECORD_SUBKIND -> null"),
    ("enum Colour { RED }", NOTHING, "EVAL_SINGLE: ENUM_SUBKIND -> null"),
    ("interface Shape {}", NOTHING, "EVAL_SINGLE: INTERFACE_SUBKIND -> null"),
    ("new Point()", result("P0"), "EVAL_SINGLE: TEMP_VAR_EXPRESSION_SUBKIND; RENDER: toString"),
    ("Point pt = new Point();", NOTHING, "EVAL_SINGLE: declaration -> null"),
    ("pt.x = 7", result("7"), "EVAL_SINGLE: a field assignment is TEMP_VAR_EXPRESSION_SUBKIND -> value"),
    ("new Pair(1, 2)", result("Pair[a=1, b=2]"), "RENDER: the record's toString"),
    ("Colour.RED", result("RED"), "RENDER: the enum's toString"),
    # Statements
    ("if (n > 0) { n = 0; }", NOTHING, "EVAL_SINGLE: STATEMENT_SUBKIND -> null"),
    ("for (int i = 0; i < 2; i++) { System.out.print(i); }", stdout("01"), "EVAL_SINGLE: STATEMENT_SUBKIND -> null"),
    ("{ int local = 1; }", NOTHING, "EVAL_SINGLE: a block is STATEMENT_SUBKIND -> null"),
    # Images and display
    ("new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)",
     result_types("text/plain", "image/png"), "RENDER: text/plain, then Image adds image/png"),
    ("String id = display(List.of(1));", display_types("text/plain"),
     "DISPLAY: display_data; the declaration shows nothing"),
    ("display(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));",
     [("display", {"text/plain", "image/png"}), ("result_types", {"text/plain"})],
     "DISPLAY: returns the id, a String, and the call is TEMP_VAR_EXPRESSION_SUBKIND: the id shows as a result"),
    ("{ display(\"shown\"); }", display_types("text/plain"), "DISPLAY: inside a block, STATEMENT_SUBKIND -> no id"),
    # Errors
    ('throw new IllegalStateException("boom");', error("IllegalStateException", "boom"),
     "EVAL_SINGLE: the snippet's exception is thrown"),
    ('int bad = "text";', error("incompatible types"), "EVAL_SINGLE: not defined -> CompilationException"),
    ("undefinedName + 1", error("undefinedName"), "EVAL_SINGLE: not defined -> CompilationException"),
    ("int[] none = new int[1]; none[3]", error("ArrayIndexOutOfBoundsException"),
     "EVAL_SINGLE: the snippet's exception is thrown"),
    ('System.out.print("before"); Integer.parseInt("x");', [("stdout", "before"), ("error", ("NumberFormatException",))],
     "EVAL_LOOP: snippets before the failing one keep their effect and output"),
    ("int incomplete = ", error(), "EVAL_LOOP: a trailing incomplete snippet is an error"),
]


class DisplayRulesTest(RunningKernelTest):
    """The rows above, in order, in one kernel."""

    def observed(self, outputs):
        """The cell's outputs in the shapes of ROWS (streams of one kind joined)."""
        shapes = []
        for _, kind, content in outputs:
            if kind == "stream" and content["name"] == "stdout":
                if shapes and shapes[-1][0] == "stdout":
                    shapes[-1] = ("stdout", shapes[-1][1] + content["text"])
                else:
                    shapes.append(("stdout", content["text"]))
            elif kind == "stream":
                shapes.append((content["name"], content["text"]))
            elif kind == "execute_result":
                shapes.append(("execute_result", content["data"]))
            elif kind == "display_data":
                shapes.append(("display", set(content["data"])))
            elif kind == "error":
                shapes.append(("error", "\n".join(content["traceback"])))
            else:
                shapes.append((kind, content))
        return shapes

    def matches(self, expected, shape):
        kind = expected[0]
        if kind == "result":
            return shape == ("execute_result", expected[1])
        if kind == "result_types":
            return shape[0] == "execute_result" and set(shape[1]) == expected[1]
        if kind == "error":
            return shape[0] == "error" and all(f in shape[1] for f in expected[1])
        return shape == expected

    def test_table_has_at_least_forty_rows(self):
        self.assertGreaterEqual(len(ROWS), 40)
        for code, _, source in ROWS:
            self.assertTrue(source.split(":")[0] in ("EVAL_SINGLE", "EVAL_LOOP", "KERNEL_EVAL", "RENDER", "DISPLAY"),
                            "row %r cites no IJava source" % code)

    def test_each_row_shows_what_ijava_shows(self):
        for code, expected, source in ROWS:
            with self.subTest(cell=code):
                reply, outputs = run_cell(self.kc, code)
                shapes = self.observed(outputs)
                wanted = [] if expected == NOTHING else expected if isinstance(expected, list) else [expected]
                ok = len(shapes) == len(wanted) and all(self.matches(w, s) for w, s in zip(wanted, shapes))
                self.assertTrue(ok, "%r: IJava shows %r (%s); the kernel showed %r" % (code, wanted, source, shapes))
                failed = any(w[0] == "error" for w in wanted)
                self.assertEqual("error" if failed else "ok", reply["status"], code)


if __name__ == "__main__":
    unittest.main()
