// Builds the Node bundles (CLI, worker_threads worker) once, so CLI tests run the real binary.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-node.mjs', '--quiet'], { stdio: 'inherit' });
}
