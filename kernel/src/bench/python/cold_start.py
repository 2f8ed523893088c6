"""Cold-start benchmark of the bnkit Java kernel: from launching the kernel process to the
execute_reply of its first cell (``1 + 1``), through jupyter_client, several times.

Run with Debian's Python (the one that has jupyter_client):

    java -jar kernel/target/bnkit-kernel.jar install --prefix /tmp/bnkit --name bnkit-test
    JUPYTER_PATH=/tmp/bnkit/share/jupyter BNKIT_KERNEL_NAME=bnkit-test \\
        /usr/bin/python3 kernel/src/bench/python/cold_start.py

Environment variables:
    BNKIT_KERNEL_NAME    the kernelspec to start (default: java)
    BNKIT_KERNEL_PREFIX  optional; the --prefix the kernel was installed with. When set,
                         PREFIX/share/jupyter is put in front of JUPYTER_PATH.
    JUPYTER_PATH         where Jupyter looks for kernelspecs besides its default folders
    BNKIT_BENCH_RUNS     how many cold starts to time (default: 7)
"""

import os
import statistics
import sys
import time

# the kernel under test is chosen and checked as in the Python tests
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "python"))
from kernel_under_test import KERNEL_NAME, require_kernel  # noqa: E402

from jupyter_client import KernelManager  # noqa: E402  (after JUPYTER_PATH is set)


def cold_start():
    """Seconds from starting the kernel process to the execute_reply of the first cell."""
    start = time.perf_counter()
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        msg_id = kc.execute("1 + 1")
        while True:
            reply = kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        elapsed = time.perf_counter() - start
        if reply["content"]["status"] != "ok":
            sys.exit(f"First cell failed: {reply['content']}")
        return elapsed
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    spec = require_kernel()
    runs = int(os.environ.get("BNKIT_BENCH_RUNS", "7"))
    print(f"kernel {KERNEL_NAME!r}: {' '.join(spec.argv)}")
    times = []
    for i in range(runs):
        t = cold_start()
        times.append(t)
        print(f"  run {i + 1}: {t:.3f} s")
    print(f"cold start to first execute_reply over {runs} runs: "
          f"median {statistics.median(times):.3f} s, min {min(times):.3f} s")


if __name__ == "__main__":
    main()
