"""NumPy/LAPACK reference timings for `npm run bench` (bench/linalg.bench.ts).

Usage: python3 bench/python/eigh_numpy.py '{"sizes": [100, 300, 1000]}'   (bench/python-runner.ts)
   or: python3 bench/python/eigh_numpy.py 100 300 1000
Prints one JSON object: the NumPy version, its BLAS/LAPACK, and for each N the median wall time
(ms) of numpy.linalg.eigh (values and vectors, LAPACK dsyevd) and eigvalsh (values only) on a
random symmetric N×N matrix. The caller pins BLAS to one thread through the environment
(OPENBLAS_NUM_THREADS=1 etc.). Exits with status 3 and a message on stderr when NumPy is missing.
"""
import json
import sys
import time

try:
    import numpy as np
except ImportError as error:  # reported as "skipped" by the bench
    print(f"numpy not importable ({error}); apt-get install python3-numpy", file=sys.stderr)
    sys.exit(3)


def blas_name():
    try:
        config = np.show_config(mode="dicts")
        deps = config.get("Build Dependencies", {})
        blas = deps.get("blas", {})
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older NumPy: no dict mode
        return "unknown"


def median_ms(f, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()
    return times[len(times) // 2]


def main():
    args = sys.argv[1:]
    if len(args) == 1 and args[0].lstrip().startswith("{"):
        sizes = [int(n) for n in json.loads(args[0]).get("sizes", [])]
    else:
        sizes = [int(a) for a in args]
    sizes = sizes or [100, 300, 1000]
    rng = np.random.default_rng(0)
    results = []
    for n in sizes:
        a = rng.standard_normal((n, n))
        a = (a + a.T) / 2
        repeats = 7 if n <= 300 else 5
        np.linalg.eigh(a)  # warm-up
        results.append({
            "n": n,
            "eigh_ms": median_ms(lambda: np.linalg.eigh(a), repeats),
            "eigvalsh_ms": median_ms(lambda: np.linalg.eigvalsh(a), repeats),
        })
    print(json.dumps({"numpy": np.__version__, "blas": blas_name(), "results": results}))


if __name__ == "__main__":
    main()
