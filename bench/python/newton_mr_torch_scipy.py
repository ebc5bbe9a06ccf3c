"""Reference Newton-MR outer iteration in PyTorch + SciPy (float64, one thread), timed the way
bench/finders.bench.ts times critlab's: the 16-4-16 bias-free linear autoencoder on Gaussian
data (spectrum 1..16), HVPs by double backward, the inner solve by scipy.sparse.linalg.minres
(SciPy has no MINRES-QLP) with the same relative tolerance and iteration cap, and the same
backtracking on ||g||^2. Prints JSON: ms per outer iteration and MINRES iterations per solve."""
import json
import sys
import time

import numpy as np
import scipy
import torch
from scipy.sparse.linalg import LinearOperator, minres

cfg = json.loads(sys.argv[1])
torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
k, p, n = cfg["k"], cfg["p"], cfg["samples"]
rng = np.random.default_rng(cfg["seed"])
X = torch.tensor(rng.standard_normal((n, k)) * np.sqrt(np.arange(1, k + 1)))


def loss_fn(theta):
    W1 = theta[: p * k].reshape(p, k)
    W2 = theta[p * k :].reshape(k, p)
    R = X - X @ W1.T @ W2.T
    return (R * R).sum() / (k * n)


def grad(theta):
    t = theta.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(loss_fn(t), t)
    return g


theta = torch.tensor(rng.standard_normal(2 * k * p) * 0.3)
iterations = cfg["iterations"]
rho, beta, alpha = 1e-4, 0.5, 0.1
inner = []
t0 = time.perf_counter()
for _ in range(iterations):
    t = theta.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(loss_fn(t), t, create_graph=True)

    def hvp(v, g=g, t=t):
        (hv,) = torch.autograd.grad(g, t, grad_outputs=torch.from_numpy(np.asarray(v, dtype=np.float64)), retain_graph=True)
        return hv.detach().numpy()

    count = [0]

    def mv(v):
        count[0] += 1
        return hvp(v)

    H = LinearOperator((2 * k * p, 2 * k * p), matvec=mv, dtype=np.float64)
    gn = g.detach().numpy()
    step, _ = minres(H, -gn, tol=cfg["innerRtol"], maxiter=cfg["innerMaxIterations"])
    inner.append(count[0])
    Hg = hvp(gn)
    slope = 2 * float(step @ Hg)
    gg = float(gn @ gn)
    s = torch.from_numpy(step)
    for _ in range(60):
        trial = theta + alpha * s
        gt = grad(trial)
        if float(gt @ gt) <= gg + rho * alpha * slope:
            theta = trial.detach()
            alpha = min(1.0, alpha / beta)
            break
        alpha *= beta
elapsed = time.perf_counter() - t0
print(json.dumps({"torch": torch.__version__, "scipy": scipy.__version__, "msPerIteration": 1000 * elapsed / iterations, "minresIterations": float(np.mean(inner))}))
