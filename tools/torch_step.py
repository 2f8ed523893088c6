"""A second, independent timing of PyTorch's Figure-1 training step (on the benchmark's input, the
first 20 batches of 60 binarized MNIST training images in turn) and of its BN forward+backward
at the benchmark's nine shapes, to check the benchmark's reference: timeit, best of 5, one thread,
float64, both wall clock and the process's CPU time (on a busy machine only the second is
comparable with the benchmark).

    /usr/bin/python3 tools/torch_step.py

Like the benchmark, it drops the caller's OPENBLAS_* variables before torch loads OpenBLAS, so that
OpenBLAS runs on the core it detects (OPENBLAS_CORETYPE=Haswell slows it on AVX-512 machines).
It shares no code with lib/src/main/resources/org/bnkit/bench/torch_reference.py (which takes
the median of the thread's CPU time); on a quiet machine the two should agree within a few
percent, and ./bnkit bench's PyTorch column should match both.

Like the benchmark's reference, it first tells glibc's malloc to keep the memory PyTorch frees
(no mmap for large blocks, no trimming of the heap): by default glibc hands large blocks back to
the kernel, and every call then gets its outputs as fresh pages, each zeroed at a page fault,
which made PyTorch's BN up to 14 times slower at widths of 1024 and more (and flattered bnkit).
Each BN line counts the process's minor page faults per call: about 0 (about 800 at 1024 x 4096,
against 16,000 without these settings).
"""
import ctypes
import gzip
import itertools
import os
import resource
import time
import timeit

M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4  # glibc's mallopt parameters (malloc.h)
libc = ctypes.CDLL("libc.so.6")
if not (libc.mallopt(M_MMAP_MAX, 0) and libc.mallopt(M_TRIM_THRESHOLD, 2**31 - 1)):
    raise SystemExit("glibc's mallopt refused M_MMAP_MAX=0 or M_TRIM_THRESHOLD=2^31-1")
for name in [n for n in os.environ if n.startswith("OPENBLAS_")]:
    del os.environ[name]
os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = "1"
import torch  # noqa: E402 (after the environment is set: OpenBLAS reads it when it loads)

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
blas = sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.split()[-1]})
print("torch %s, %d thread, BLAS mapped so far: %s" % (torch.__version__, torch.get_num_threads(), blas or "none yet"))



def first_batches():
    """The benchmark's input: the first 20 batches of 60 binarized MNIST training images (>= 128)."""
    mnist = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mnist")
    with gzip.open(os.path.join(mnist, "train-images-idx3-ubyte.gz")) as f:
        pixels = bytearray(f.read()[16:16 + 1200 * 784])
    with gzip.open(os.path.join(mnist, "train-labels-idx1-ubyte.gz")) as f:
        labels = bytearray(f.read()[8:8 + 1200])
    x = (torch.frombuffer(pixels, dtype=torch.uint8).reshape(1200, 784) >= 128).double()
    y = torch.frombuffer(labels, dtype=torch.uint8).long()
    return [(x[60 * i:60 * (i + 1)].clone(), y[60 * i:60 * (i + 1)].clone()) for i in range(20)]


for with_bn in (False, True):
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 100, bias=not with_bn), *([torch.nn.BatchNorm1d(100)] if with_bn else []), torch.nn.Sigmoid(),
        torch.nn.Linear(100, 100, bias=not with_bn), *([torch.nn.BatchNorm1d(100)] if with_bn else []), torch.nn.Sigmoid(),
        torch.nn.Linear(100, 100, bias=not with_bn), *([torch.nn.BatchNorm1d(100)] if with_bn else []), torch.nn.Sigmoid(),
        torch.nn.Linear(100, 10))
    opt = torch.optim.SGD(model.parameters(), lr=1e-3)
    batches = itertools.cycle(first_batches())

    def step():
        x, y = next(batches)
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()

    wall = min(timeit.repeat(step, number=2000, repeat=5)) / 2000
    cpu = min(timeit.repeat(step, number=2000, repeat=5, timer=time.process_time)) / 2000
    print("Figure-1 SGD step, %s: %.3f ms wall clock, %.3f ms CPU time (best of 5 x 2,000 steps; load average %.2f)"
          % ("BN" if with_bn else "no BN", wall * 1e3, cpu * 1e3, os.getloadavg()[0]))
for n in (60, 256, 1024):
    for d in (100, 1024, 4096):
        x = torch.randn(n, d, generator=torch.Generator().manual_seed(2), requires_grad=True)
        dy = torch.randn(n, d, generator=torch.Generator().manual_seed(3))
        gamma, beta = torch.ones(d, requires_grad=True), torch.zeros(d, requires_grad=True)

        def forward_backward():
            y = torch.nn.functional.batch_norm(x, None, None, gamma, beta, training=True, eps=1e-5)
            torch.autograd.grad(y, (x, gamma, beta), dy)

        calls = max(3, int(2e6 // (n * d)))
        faults_before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        wall = min(timeit.repeat(forward_backward, number=calls, repeat=5)) / calls
        cpu = min(timeit.repeat(forward_backward, number=calls, repeat=5, timer=time.process_time)) / calls
        faults = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults_before) / (2 * 5 * calls)
        print("BN forward+backward %dx%d: %.1f us wall clock, %.1f us CPU time (best of 5 x %d calls), %.1f minor page faults per call"
              % (n, d, wall * 1e6, cpu * 1e6, calls, faults))
print("BLAS mapped: %s" % sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.split()[-1]}))
