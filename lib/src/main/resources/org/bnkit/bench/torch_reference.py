"""PyTorch's one-thread CPU times for the workloads of org.bnkit.bench.Benchmark.

Prints one line per workload: name, a tab, the median seconds per repetition. Exits with
status 1 if torch cannot be imported.
"""
import sys
import time

try:
    import torch
except ImportError:
    sys.exit(1)

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
budget = 0.3 if "--quick" in sys.argv else 1.5


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


for n in (60, 256, 1024):
    for d in (100, 1024, 4096):
        gen = torch.Generator().manual_seed(1)
        x = torch.randn(n, d, generator=gen, requires_grad=True)
        g = torch.randn(n, d, generator=gen)
        gamma = torch.ones(d, requires_grad=True)
        beta = torch.zeros(d, requires_grad=True)

        def bn_step():
            y = torch.nn.functional.batch_norm(x, None, None, gamma, beta, training=True, eps=1e-5)
            y.backward(g)

        print("bn %dx%d\t%.9e" % (n, d, median_seconds(bn_step, budget)), flush=True)

for with_bn in (False, True):
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
    x = (torch.rand(60, 784) < 0.19).double()
    y = torch.randint(0, 10, (60,))

    def mlp_step():
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()

    print("%s\t%.9e" % ("mlp_bn" if with_bn else "mlp", median_seconds(mlp_step, budget * 2)), flush=True)
