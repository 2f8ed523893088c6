"""The kernel against jupyter_kernel_test's protocol checks (see kernel_under_test.py for setup)."""

import unittest

import jupyter_kernel_test

from kernel_under_test import KERNEL_NAME, require_kernel


class BnkitKernelProtocolTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": 'String.join("-", List.of("a", "b"))', "result": "a-b"},
        {"code": "new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)",
         "mime": "image/png"},
    ]
    code_display_data = [
        {"code": "String id1 = display(new java.awt.image.BufferedImage(2, 2, "
                 "java.awt.image.BufferedImage.TYPE_INT_RGB));", "mime": "image/png"},
        {"code": 'String id2 = display("<b>bold</b>", "text/html");', "mime": "text/html"},
    ]
    code_generate_error = 'throw new IllegalStateException("boom");'

    completion_samples = [
        {"text": "System.out.pri", "matches": {"print(", "printf(", "println("}},
        {"text": "%cla", "matches": {"classpath"}},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "for (int i = 0; i < 3; i++) { }", "%classpath lib.jar"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y =", "System.out.println("]
    invalid_code_samples = ["}", '"unterminated']

    code_inspect_sample = "Math.max"

    @classmethod
    def setUpClass(cls):
        require_kernel()
        super().setUpClass()

    def test_error_traceback_names_exception_and_message(self):
        self.flush_channels()
        reply, outputs = self.execute_helper('int a = 1;\nthrow new IllegalStateException("boom");')
        self.assertEqual(reply["content"]["status"], "error")
        traceback = "\n".join(outputs[0]["content"]["traceback"])
        self.assertIn("IllegalStateException", traceback)
        self.assertIn("boom", traceback)
        self.assertIn("line 2", traceback)

    def test_compile_error_names_the_line(self):
        self.flush_channels()
        reply, outputs = self.execute_helper('int ok = 1;\nint bad = "text";\nint fine = 2;')
        self.assertEqual(reply["content"]["status"], "error")
        traceback = "\n".join(outputs[0]["content"]["traceback"])
        self.assertIn("line 2", traceback)
        self.assertIn('int bad = "text";', traceback)
        self.assertIn("incompatible types", traceback)


if __name__ == "__main__":
    unittest.main()
