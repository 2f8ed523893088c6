"""Which installed kernel the Python tests talk to, and a clear failure when it is missing.

Install the kernel into a scratch prefix, then point the tests at it:

    java -jar kernel/target/bnkit-kernel.jar install --prefix /tmp/bnkit --name bnkit-test
    JUPYTER_PATH=/tmp/bnkit/share/jupyter BNKIT_KERNEL_NAME=bnkit-test \\
        /usr/bin/python3 -m unittest discover -s kernel/src/test/python -v

Environment variables:
    BNKIT_KERNEL_NAME    the kernelspec to test (default: java)
    BNKIT_KERNEL_PREFIX  optional; the --prefix the kernel was installed with. When set,
                         PREFIX/share/jupyter is put in front of JUPYTER_PATH.
    JUPYTER_PATH         where Jupyter looks for kernelspecs besides its default folders
"""

import os
import unittest

KERNEL_NAME = os.environ.get("BNKIT_KERNEL_NAME", "java")
_PREFIX = os.environ.get("BNKIT_KERNEL_PREFIX")
if _PREFIX:
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in [os.path.join(_PREFIX, "share", "jupyter"), os.environ.get("JUPYTER_PATH")] if p)

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # noqa: E402  (after JUPYTER_PATH)
from jupyter_client.manager import start_new_kernel  # noqa: E402


def require_kernel():
    """Fails with instructions unless the kernelspec under test is installed and is bnkit's."""
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        raise AssertionError(
            f"No kernelspec named {KERNEL_NAME!r} (JUPYTER_PATH={os.environ.get('JUPYTER_PATH')!r}). "
            "Install it first: java -jar kernel/target/bnkit-kernel.jar install --prefix /tmp/bnkit "
            "--name bnkit-test, then set JUPYTER_PATH=/tmp/bnkit/share/jupyter BNKIT_KERNEL_NAME=bnkit-test"
        ) from None
    if "bnkit_kernel" not in spec.metadata:
        raise AssertionError(f"Kernelspec {KERNEL_NAME!r} ({spec.resource_dir}) was not installed by bnkit-kernel.jar")
    return spec


class RunningKernelTest(unittest.TestCase):
    """Tests that share one running kernel, started once for the class."""

    @classmethod
    def setUpClass(cls):
        require_kernel()
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL_NAME)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)


def run_cell(kc, code, timeout=30):
    """Executes code; returns (reply content, [(arrival time, msg_type, content)]) of its IOPub output."""
    import time
    msg_id = kc.execute(code)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        if kind not in ("status", "execute_input"):
            outputs.append((time.monotonic(), kind, msg["content"]))
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"], outputs
