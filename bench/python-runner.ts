/**
 * Runs an optional Python comparison script with the first interpreter that can import what it
 * needs ($CRITLAB_PYTHON, python3, /usr/bin/python3), passing a JSON config as argv[1] and
 * reading JSON from stdout. The machine's OpenBLAS tuning variables are unset together for the
 * subprocess only (they slow a current NumPy). Never throws: a missing interpreter or library
 * comes back as a reason to print.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type PythonResult<T> = { ok: true; python: string; value: T } | { ok: false; reason: string };

export function runPythonScript<T>(script: string, config: unknown, timeoutMs = 600_000): PythonResult<T> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'python', script);
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  env.OMP_NUM_THREADS = '1';
  env.OPENBLAS_NUM_THREADS = '1';
  env.MKL_NUM_THREADS = '1';
  const candidates = [...new Set([process.env.CRITLAB_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p))];
  const reasons: string[] = [];
  for (const python of candidates) {
    const result = spawnSync(python, [file, JSON.stringify(config)], { env, encoding: 'utf8', timeout: timeoutMs });
    if (result.error) {
      reasons.push(`${python}: ${(result.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : result.error.message}`);
      continue;
    }
    if (result.status !== 0) {
      reasons.push(`${python}: ${result.stderr.trim().split('\n').at(-1) ?? `exit ${result.status}`}`);
      continue;
    }
    return { ok: true, python, value: JSON.parse(result.stdout) as T };
  }
  return { ok: false, reason: reasons.join('; ') };
}
