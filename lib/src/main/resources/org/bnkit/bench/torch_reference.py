"""PyTorch's one-thread CPU times for the workloads of org.bnkit.bench.Benchmark.

    python3 torch_reference.py --info                              what PyTorch runs on, then exits
    python3 torch_reference.py --serve [--quick] --mnist DIR       times workloads on request

--info prints lines "info<TAB>key<TAB>value": the torch version, torch.__config__.show(), and the
BLAS libraries this process has mapped after a matrix product (from /proc/self/maps), so that the
benchmark can say which libblas.so.3 the reference really used.

--serve reads one workload name a line from its input ("bn 60x100", the nine BN shapes, "mlp",
"mlp_bn") and answers each with one line: the name, a tab, the median seconds per repetition; it
ends with its input. The benchmark asks for each workload right after timing bnkit's, so that both
sides of a ratio are measured seconds apart and a slow spell of a shared machine falls on both more
alike than when one side ran minutes after the other. By hand:

    printf 'mlp\nbn 60x100\n' | python3 torch_reference.py --serve --mnist data/mnist

The MLP step cycles through the same batches as bnkit's: the first 20 batches of 60 binarized
training images (intensity >= 128) read from DIR, data/mnist. Exits with status 3 if torch cannot
be imported.
"""
import gzip
import os
import sys
import time

try:
    import torch
except ImportError:
    sys.exit(3)

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
budget = 0.3 if "--quick" in sys.argv else 1.5


def info():
    print("info\ttorch\t%s" % torch.__version__)
    print("info\tthreads\t%d" % torch.get_num_threads())
    for line in torch.__config__.show().splitlines():
        if line.strip():
            print("info\tconfig\t%s" % line.rstrip())
    a = torch.ones(64, 64)
    (a @ a).sum().item()  # makes sure the BLAS behind matmul is loaded
    mapped = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = os.path.basename(path)
            if ("blas" in name or "mkl" in name) and path not in mapped:
                mapped.append(path)
    for path in mapped:
        print("info\tmapped\t%s" % path)
        if "openblas" in os.path.basename(path):
            import ctypes
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            print("info\topenblas\t%s; core %s" % (lib.openblas_get_config().decode(), lib.openblas_get_corename().decode()))


def median_seconds(work, budget):
    """Median thread CPU time per repetition, after a warm-up of budget seconds (as in Java)."""
    end = time.perf_counter() + budget
    cpu0 = time.thread_time()
    reps = 0
    while time.perf_counter() < end:
        work()
        reps += 1
    per_rep = (time.thread_time() - cpu0) / reps
    per_sample = max(1, int(2e-3 / per_rep))
    samples = []
    end = time.perf_counter() + budget
    while time.perf_counter() < end or len(samples) < 5:
        t0 = time.thread_time()
        for _ in range(per_sample):
            work()
        samples.append((time.thread_time() - t0) / per_sample)
    samples.sort()
    return samples[len(samples) // 2]


def batch_norm_seconds(n, d):
    """BN training forward+backward at (n, d)."""
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(n, d, generator=gen, requires_grad=True)
    g = torch.randn(n, d, generator=gen)
    gamma = torch.ones(d, requires_grad=True)
    beta = torch.zeros(d, requires_grad=True)

    def bn_step():
        # the gradients as new tensors, like bnkit's dX: y.backward(g) would also add dX into
        # x.grad, a pass over (n, d) that bnkit does not make (measured 1.4-1.6x PyTorch's time at width 100)
        y = torch.nn.functional.batch_norm(x, None, None, gamma, beta, training=True, eps=1e-5)
        torch.autograd.grad(y, (x, gamma, beta), g)

    return median_seconds(bn_step, budget)


def mnist_batches(folder, count=20, size=60):
    """The first count batches of size binarized MNIST training images and their labels."""
    with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz")) as f:
        pixels = f.read()[16:16 + count * size * 784]
    with gzip.open(os.path.join(folder, "train-labels-idx1-ubyte.gz")) as f:
        labels = f.read()[8:8 + count * size]
    x = (torch.frombuffer(bytearray(pixels), dtype=torch.uint8).reshape(count * size, 784) >= 128).double()
    y = torch.frombuffer(bytearray(labels), dtype=torch.uint8).long()
    return [(x[i * size:(i + 1) * size].clone(), y[i * size:(i + 1) * size].clone()) for i in range(count)]


def mlp_seconds(with_bn, batches):
    """One SGD step of the Figure-1 network, each step on the next of the batches."""
    torch.manual_seed(1)
    layers, width = [], 784
    for h in (100, 100, 100):
        layers.append(torch.nn.Linear(width, h, bias=not with_bn))
        if with_bn:
            layers.append(torch.nn.BatchNorm1d(h))
        layers.append(torch.nn.Sigmoid())
        width = h
    layers.append(torch.nn.Linear(width, 10))
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=1e-3)
    step = [0]

    def mlp_step():
        x, y = batches[step[0] % len(batches)]
        step[0] += 1
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()

    return median_seconds(mlp_step, budget * 2)


def serve():
    batches = mnist_batches(sys.argv[sys.argv.index("--mnist") + 1])
    for line in sys.stdin:
        name = line.strip()
        if name in ("mlp", "mlp_bn"):
            seconds = mlp_seconds(name == "mlp_bn", batches)
        elif name.startswith("bn ") and "x" in name:
            n, d = name[3:].split("x")
            seconds = batch_norm_seconds(int(n), int(d))
        else:
            sys.exit("unknown workload %r: the names are 'bn NxD', 'mlp' and 'mlp_bn'" % name)
        print("%s\t%.9e" % (name, seconds), flush=True)


if "--info" in sys.argv:
    info()
elif "--serve" in sys.argv:
    serve()
else:
    sys.exit("use --info or --serve (see the docstring)")
