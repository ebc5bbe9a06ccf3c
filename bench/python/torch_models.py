"""PyTorch baseline for `npm run bench` (bench/problems.bench.ts): times loss, loss+gradient and
the Hessian-vector product of the same models critlab benchmarks, in float64 on one thread.

HVP as PyTorch users compute it (PyHessian, torch.autograd.functional.hvp): the gradient with
create_graph=True, then the gradient of g·v (reverse-over-reverse, Pearlmutter's trick).

Usage: python3 torch_models.py '<json config>'  — prints one JSON object on stdout:
  {"torch": version, "threads": 1, "models": {name: {"loss": ms, "grad": ms, "hvp": ms}}}
Exits with status 3 and a reason on stderr when torch is not importable.
"""
import json
import sys
import time

try:
    import torch
except Exception as error:  # pragma: no cover - depends on the machine
    print(f"torch not importable: {error}", file=sys.stderr)
    sys.exit(3)

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def split(theta, layers, bias):
    """Views W_l (out × in, row-major) and b_l of a flat θ, in critlab's layout."""
    out, at = [], 0
    for l in range(1, len(layers)):
        n_in, n_out = layers[l - 1], layers[l]
        W = theta[at:at + n_out * n_in].view(n_out, n_in)
        at += n_out * n_in
        b = None
        if bias:
            b = theta[at:at + n_out]
            at += n_out
        out.append((W, b))
    return out, at


def make_model(spec, gen):
    layers, bias, act, loss = spec["layers"], spec["bias"], spec["activation"], spec["loss"]
    n = spec["samples"]
    X = torch.randn(n, layers[0], generator=gen)
    if loss == "mse":
        X = X * torch.sqrt(torch.arange(1, layers[0] + 1, dtype=torch.float64))
        X = X - X.mean(0)
        Y = X
    else:
        Y = torch.randint(0, layers[-1], (n,), generator=gen)
    _, dim = split(torch.zeros(10**7), layers, bias)
    sigma = {"linear": lambda z: z, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
             "softplus": torch.nn.functional.softplus, "swish": torch.nn.functional.silu,
             "relu": torch.relu}[act]

    def f(theta):
        params, _ = split(theta, layers, bias)
        a = X
        for i, (W, b) in enumerate(params):
            z = a @ W.T
            if b is not None:
                z = z + b
            a = sigma(z) if i < len(params) - 1 else z
        if loss == "mse":
            return ((a - Y) ** 2).sum() / (layers[-1] * n)
        return torch.nn.functional.cross_entropy(a, Y)

    return f, dim


def timed(fn, repeats, min_seconds=0.005):
    """Median time per call (ms) over `repeats` batches, after warm-up."""
    for _ in range(20):
        fn()
    calls = 1
    while True:
        t = time.perf_counter()
        for _ in range(calls):
            fn()
        if time.perf_counter() - t >= min_seconds:
            break
        calls *= 2
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - t) / calls)
    times.sort()
    return 1e3 * times[len(times) // 2]


def main():
    config = json.loads(sys.argv[1])
    gen = torch.Generator().manual_seed(0)
    results = {}
    for name, spec in config["models"].items():
        f, dim = make_model(spec, gen)
        theta = (0.3 * torch.randn(dim, generator=gen)).requires_grad_(True)
        v = torch.randn(dim, generator=gen)

        def loss_only():
            with torch.no_grad():
                f(theta)

        def loss_grad():
            (g,) = torch.autograd.grad(f(theta), theta)
            return g

        def hvp():
            (g,) = torch.autograd.grad(f(theta), theta, create_graph=True)
            (hv,) = torch.autograd.grad(g @ v, theta)
            return hv

        repeats = config.get("repeats", 30)
        results[name] = {"loss": timed(loss_only, repeats), "grad": timed(loss_grad, repeats), "hvp": timed(hvp, repeats)}
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "models": results}))


if __name__ == "__main__":
    main()
