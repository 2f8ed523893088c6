"""Interrupt requests (interrupt_mode "message") stop a running cell; see kernel_under_test.py for setup."""

import time
import unittest


from kernel_under_test import RunningKernelTest, run_cell


class InterruptTests(RunningKernelTest):

    def interrupt_after(self, code, delay=1.0):
        """Runs code, interrupts it after delay seconds; returns (reply, seconds from interrupt to reply)."""
        msg_id = self.kc.execute(code)
        time.sleep(delay)
        interrupted_at = time.monotonic()
        self.km.interrupt_kernel()
        while True:
            reply = self.kc.get_shell_msg(timeout=10)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"], time.monotonic() - interrupted_at

    def assert_next_cell_runs(self):
        reply, outputs = run_cell(self.kc, "1 + 1")
        self.assertEqual(reply["status"], "ok")
        results = [c for _, kind, c in outputs if kind == "execute_result"]
        self.assertEqual(results[0]["data"]["text/plain"], "2")

    def test_sleeping_loop_ends_within_two_seconds(self):
        reply, seconds = self.interrupt_after("while (true) Thread.sleep(10);")
        self.assertEqual(reply["status"], "error")
        self.assertIn("interrupted", reply["evalue"].lower())
        self.assertLess(seconds, 2.0)
        self.assert_next_cell_runs()

    def test_busy_loop_ends(self):
        reply, seconds = self.interrupt_after("while (true) {}")
        self.assertEqual(reply["status"], "error")
        self.assertLess(seconds, 2.0)
        self.assert_next_cell_runs()

    def test_rest_of_interrupted_cell_is_skipped(self):
        self.interrupt_after("Thread.sleep(60_000);\nint afterSleep = 1;")
        reply, _ = run_cell(self.kc, "afterSleep")
        self.assertEqual(reply["status"], "error")


if __name__ == "__main__":
    unittest.main()
