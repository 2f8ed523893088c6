"""stdout reaches the front end while the cell still runs; see kernel_under_test.py for setup."""

import time
import unittest


from kernel_under_test import RunningKernelTest


class StreamingTests(RunningKernelTest):

    def test_first_line_arrives_before_the_cell_ends(self):
        msg_id = self.kc.execute(
            'System.out.println("first");\nThread.sleep(1500);\nSystem.out.println("second");')
        first_at = None
        while True:
            msg = self.kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream" and "first" in msg["content"]["text"] and first_at is None:
                first_at = time.monotonic()
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                ended_at = time.monotonic()
                break
        self.assertIsNotNone(first_at, "no stream message with the first line")
        self.assertGreater(ended_at - first_at, 1.0, "the first line only arrived when the cell ended")


if __name__ == "__main__":
    unittest.main()
