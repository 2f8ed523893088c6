"""Messages must carry the HMAC signature of the connection file's key; see kernel_under_test.py for setup."""

import os
import tempfile
import time
import unittest

from jupyter_client.session import Session

from kernel_under_test import RunningKernelTest, run_cell


class SignatureTests(RunningKernelTest):

    def test_message_with_a_bad_signature_is_not_executed(self):
        marker = os.path.join(tempfile.mkdtemp(), "executed")
        forger = Session(key=b"not-the-kernel-key", username="attacker")
        code = 'new java.io.File("%s").createNewFile();' % marker.replace("\\", "\\\\")
        forger.send(self.kc.shell_channel.socket, "execute_request",
                    {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                     "allow_stdin": False, "stop_on_error": True})
        time.sleep(2)
        self.assertFalse(os.path.exists(marker), "the kernel ran a message signed with the wrong key")

        reply, outputs = run_cell(self.kc, "1 + 1")
        self.assertEqual(reply["status"], "ok", "the kernel stopped answering after a badly signed message")
        self.assertEqual([c["data"]["text/plain"] for _, kind, c in outputs if kind == "execute_result"], ["2"])


if __name__ == "__main__":
    unittest.main()
