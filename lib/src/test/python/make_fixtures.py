#!/usr/bin/python3
"""Reference values for bnkit's library tests, computed once with PyTorch in float64.

Run from the repository root with Debian's PyTorch (package python3-torch):

    /usr/bin/python3 lib/src/test/python/make_fixtures.py

It writes lib/src/test/resources/fixtures/*.json.gz, which are committed. The tests
(lib/src/test/java/org/bnkit/ReferenceTest.java) rebuild every input from the same integer
formula, `fixture_value`, so the fixtures hold only PyTorch's outputs.

Layout: bnkit's Linear stores W as (in, out) and computes x W + b; torch.nn.Linear stores
weight as (out, in) and computes x weight^T + bias. Every W below is written in bnkit's layout.
"""
import gzip
import json
import os

import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

OUT = os.path.join("lib", "src", "test", "resources", "fixtures")


def fixture_hash(a, b):
    """An integer in [0, 1000003) from two small non-negative integers (same in the Java tests)."""
    return ((a * 73856093) ^ (b * 19349663)) % 1000003


def fixture_value(tag, i, j, low, high):
    """A number in [low, high] on a grid of 2001 points, exact in binary floating point up to
    the final scaling, the same in Java."""
    k = fixture_hash(tag * 10007 + i, j) % 2001
    return low + (high - low) * k / 2000.0


def matrix(tag, rows, cols, low, high):
    return torch.tensor([[fixture_value(tag, i, j, low, high) for j in range(cols)] for i in range(rows)])


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def write(name, data):
    path = os.path.join(OUT, name + ".json.gz")
    with gzip.open(path, "wt", encoding="ascii") as f:
        json.dump(data, f, separators=(",", ":"))
    print("wrote", path)


def batch_norm_fixture():
    """BatchNorm1d: training-mode forward and backward, the running averages, evaluation mode."""
    n, d, eps, momentum = 16, 5, 1e-5, 0.1
    x = matrix(1, n, d, -3.0, 5.0).requires_grad_()
    dy = matrix(2, n, d, -1.0, 1.0)
    bn = torch.nn.BatchNorm1d(d, eps=eps, momentum=momentum)
    with torch.no_grad():
        bn.weight.copy_(matrix(3, 1, d, 0.5, 1.5)[0])
        bn.bias.copy_(matrix(4, 1, d, -1.0, 1.0)[0])
    bn.train()
    y = bn(x)
    y.backward(dy)
    x_eval = matrix(5, 7, d, -2.0, 2.0)
    bn.eval()
    with torch.no_grad():
        y_eval = bn(x_eval)
    write("batchnorm", {
        "n": n, "d": d, "eps": eps, "momentum": momentum,
        "y": flat(y), "dx": flat(x.grad), "dgamma": flat(bn.weight.grad), "dbeta": flat(bn.bias.grad),
        "running_mean": flat(bn.running_mean), "running_var": flat(bn.running_var),
        "y_eval": flat(y_eval),
    })


def batch_norm_2d_fixture():
    """BatchNorm2d: per-feature-map statistics (NCHW), forward and backward."""
    n, c, h, w, eps = 4, 3, 2, 3, 1e-5
    x = matrix(6, n, c * h * w, -2.0, 4.0).reshape(n, c, h, w).clone().requires_grad_()
    dy = matrix(7, n, c * h * w, -1.0, 1.0).reshape(n, c, h, w)
    bn = torch.nn.BatchNorm2d(c, eps=eps)
    with torch.no_grad():
        bn.weight.copy_(matrix(8, 1, c, 0.5, 1.5)[0])
        bn.bias.copy_(matrix(9, 1, c, -1.0, 1.0)[0])
    y = bn(x)
    y.backward(dy)
    write("batchnorm2d", {
        "n": n, "c": c, "h": h, "w": w, "eps": eps,
        "y": flat(y), "dx": flat(x.grad), "dgamma": flat(bn.weight.grad), "dbeta": flat(bn.bias.grad),
    })


def mlp_fixture(with_bn):
    """One SGD step of the paper's Figure-1 network on one mini-batch of 60 binary images."""
    sizes, n, lr, eps = [784, 100, 100, 100, 10], 60, 0.1, 1e-5
    x = torch.tensor([[1.0 if fixture_hash(r, k) % 5 == 0 else 0.0 for k in range(784)] for r in range(n)])
    labels = torch.tensor([r % 10 for r in range(n)])
    layers, linears, bns = [], [], []
    for l in range(4):
        has_bias = not (with_bn and l < 3)
        fc = torch.nn.Linear(sizes[l], sizes[l + 1], bias=has_bias)
        with torch.no_grad():
            fc.weight.copy_(matrix(20 + l, sizes[l], sizes[l + 1], -0.1, 0.1).t())
            if has_bias:
                fc.bias.copy_(matrix(30 + l, 1, sizes[l + 1], -0.1, 0.1)[0])
        layers.append(fc)
        linears.append(fc)
        if l < 3:
            if with_bn:
                bn = torch.nn.BatchNorm1d(sizes[l + 1], eps=eps, momentum=0.1)
                with torch.no_grad():
                    bn.weight.copy_(matrix(40 + l, 1, sizes[l + 1], 0.5, 1.5)[0])
                    bn.bias.copy_(matrix(50 + l, 1, sizes[l + 1], -0.5, 0.5)[0])
                layers.append(bn)
                bns.append(bn)
            layers.append(torch.nn.Sigmoid())
    model = torch.nn.Sequential(*layers)
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    opt.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(x), labels)
    loss.backward()
    grads = {}
    for l, fc in enumerate(linears):
        grads["fc%d.W" % (l + 1)] = flat(fc.weight.grad.t())
        if fc.bias is not None:
            grads["fc%d.b" % (l + 1)] = flat(fc.bias.grad)
    for l, bn in enumerate(bns):
        grads["bn%d.gamma" % (l + 1)] = flat(bn.weight.grad)
        grads["bn%d.beta" % (l + 1)] = flat(bn.bias.grad)
    opt.step()
    # the updated weights of every layer but the first (whose 78,400 entries would triple the
    # file; its gradient is pinned above and the update rule is the same for every layer)
    after = {}
    for l, fc in enumerate(linears):
        if l > 0:
            after["fc%d.W" % (l + 1)] = flat(fc.weight.t())
        if fc.bias is not None:
            after["fc%d.b" % (l + 1)] = flat(fc.bias)
    running = {}
    for l, bn in enumerate(bns):
        running["bn%d.mean" % (l + 1)] = flat(bn.running_mean)
        running["bn%d.var" % (l + 1)] = flat(bn.running_var)
    model.eval()
    with torch.no_grad():
        scores_after = model(x[:8])
    write("mlp_step_bn" if with_bn else "mlp_step", {
        "lr": lr, "eps": eps, "loss": float(loss), "grads": grads, "after": after, "running": running,
        "eval_scores_after_step": flat(scores_after),
    })


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    print("torch", torch.__version__)
    batch_norm_fixture()
    batch_norm_2d_fixture()
    mlp_fixture(False)
    mlp_fixture(True)
