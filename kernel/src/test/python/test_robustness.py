"""The kernel stays up: after an OutOfMemoryError, after an interrupted tight loop, and through
1,000 cells in a row (see kernel_under_test.py for setup)."""
import os
import time
import unittest

from jupyter_client.manager import start_new_kernel

from kernel_under_test import KERNEL_NAME, RunningKernelTest, require_kernel, run_cell


def value_of(kc, code):
    """The text/plain result of a cell that must succeed."""
    reply, outputs = run_cell(kc, code)
    assert reply["status"] == "ok", (code, reply)
    results = [c["data"]["text/plain"] for _, kind, c in outputs if kind == "execute_result"]
    assert len(results) == 1, (code, outputs)
    return results[0]


class OutOfMemoryTest(unittest.TestCase):
    """A kernel with a small heap (256 MB, less than Binder's 512 MB), so that filling it is quick."""

    @classmethod
    def setUpClass(cls):
        require_kernel()
        env = dict(os.environ, JAVA_TOOL_OPTIONS="-Xmx256m")
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL_NAME, env=env)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def assert_out_of_memory_then_answers(self, code):
        reply, outputs = run_cell(self.kc, code, timeout=120)
        self.assertEqual("error", reply["status"])
        errors = ["\n".join(c["traceback"]) for _, kind, c in outputs if kind == "error"]
        self.assertTrue(errors and "OutOfMemoryError" in errors[0], outputs)
        self.assertEqual("4", value_of(self.kc, "2 + 2"))
        self.assertEqual("8", value_of(self.kc, "new long[1 << 20].length >> 17"), "the heap is usable again")
        self.assertTrue(self.km.is_alive())

    def test_filling_the_heap(self):
        self.assert_out_of_memory_then_answers(
            "{ List<long[]> hog = new ArrayList<>(); while (true) hog.add(new long[1 << 20]); }")

    def test_an_array_larger_than_the_heap(self):
        self.assert_out_of_memory_then_answers("long[] huge = new long[Integer.MAX_VALUE - 8];")


class TightLoopInterruptTest(RunningKernelTest):

    def test_a_loop_without_calls_or_allocation_is_stopped(self):
        self.assertEqual("2", value_of(self.kc, "1 + 1"))
        msg_id = self.kc.execute("long acc = 0;\nfor (long i = 0; ; i++) { acc ^= i * 31; }")
        time.sleep(1.5)
        interrupted_at = time.monotonic()
        self.km.interrupt_kernel()
        while True:
            reply = self.kc.get_shell_msg(timeout=15)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        self.assertEqual("error", reply["content"]["status"])
        self.assertLess(time.monotonic() - interrupted_at, 3.0)
        self.assertEqual("3", value_of(self.kc, "1 + 2"))


class ThousandCellsTest(RunningKernelTest):

    def test_a_thousand_cells_in_a_row(self):
        started = time.monotonic()
        for i in range(1000):
            if i % 2 == 0:
                reply, outputs = run_cell(self.kc, "int v%d = %d;" % (i, i))
                self.assertEqual("ok", reply["status"], i)
                self.assertEqual([], outputs, i)
            else:
                self.assertEqual(str(2 * i - 1), value_of(self.kc, "v%d + %d" % (i - 1, i)), i)
        seconds = time.monotonic() - started
        self.assertEqual(str(sum(range(0, 1000, 2))), value_of(self.kc, " + ".join("v%d" % i for i in range(0, 1000, 2))))
        self.assertEqual(1001, reply_count(self.kc))
        print("\n1,000 cells in %.1f s (%.1f ms a cell)" % (seconds, seconds))


def reply_count(kc):
    """The execution count of the next cell minus one: how many cells the kernel has run."""
    reply, _ = run_cell(kc, "{}")
    return reply["execution_count"] - 1


if __name__ == "__main__":
    unittest.main()
