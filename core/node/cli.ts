/**
 * critlab's command line (DESIGN.md §3), built on commander. `run` executes a spec on a
 * worker_threads compute worker with a progress bar and writes the run folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import cliProgress from 'cli-progress';
import { parseSpecText, type SpecInput } from '../experiment/spec.ts';
import type { RunSummary } from '../experiment/records.ts';
import { prepareJob } from '../jobs/runner.ts';
import { RunStore } from './run-store.ts';
import { runOnWorker } from './worker-host.ts';
import { EXAMPLES_DIR, packageVersion } from './paths.ts';

class UsageError extends Error {}

function readSpec(file: string): SpecInput {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read spec ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const result = parseSpecText(text);
  if (!result.ok) {
    throw new UsageError(`invalid spec ${file}:\n${result.issues.map((i) => `  ${i.path || '(spec)'}: ${i.message}`).join('\n')}`);
  }
  // Also check what only shows once the problem is built (dimension vs box, grid size).
  try {
    prepareJob(result.spec);
  } catch (error) {
    throw new UsageError(`invalid spec ${file}: ${(error as Error).message}`);
  }
  return JSON.parse(text) as SpecInput;
}

async function runCommand(specFile: string, options: { out: string }): Promise<void> {
  const spec = readSpec(specFile);
  const store = RunStore.create(path.resolve(options.out), spec, { critlab: packageVersion(), node: process.version });
  const interactive = process.stderr.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      format: 'critlab {bar} {value}/{total} starts | {critical} critical, {flat} flat, {failed} failed | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: interactive,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let barStarted = false;
  const job = runOnWorker(spec, (event) => {
    if (event.type === 'point') store.appendPoint(event.record);
    else if (event.type === 'trace') store.appendTrace(event);
    else if (event.type === 'progress') {
      const payload = {
        critical: event.counts.critical,
        flat: event.counts['gradient-flat'],
        failed: event.counts.stalled + event.counts['max-iterations'] + event.counts.diverged,
      };
      if (!barStarted && interactive) {
        bar.start(event.total, event.done, payload);
        barStarted = true;
      } else if (barStarted) bar.update(event.done, payload);
    }
  });
  const onSignal = () => {
    process.stderr.write('\ncancelling… (the start in flight finishes its iteration; finished starts are kept)\n');
    job.cancel();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const { summary } = await job.done;
    if (barStarted) bar.stop();
    store.finish(summary.cancelled ? 'cancelled' : 'finished', summary);
    printSummary(summary, options.out);
    if (summary.cancelled) process.exitCode = 130;
  } catch (error) {
    if (barStarted) bar.stop();
    store.finish('failed', undefined, (error as Error).message);
    throw error;
  } finally {
    store.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function printSummary(summary: RunSummary, out: string): void {
  const c = summary.counts;
  const lines = [
    `${summary.finished}/${summary.total} starts${summary.cancelled ? ' (cancelled)' : ''} in ${(summary.elapsedMs / 1000).toFixed(2)} s: ` +
      `${c.critical} critical, ${c['gradient-flat']} gradient-flat, ${c.stalled} stalled, ${c['max-iterations']} max-iterations, ${c.diverged} diverged`,
    `${summary.distinct.length} distinct critical points:`,
  ];
  for (const d of summary.distinct) {
    const theta = d.theta.length <= 6 ? `(${d.theta.map((v) => v.toFixed(6)).join(', ')})` : `‖θ‖ = ${Math.hypot(...d.theta).toFixed(4)}`;
    lines.push(`  #${d.cluster} ${d.type.padEnd(10)} loss ${d.loss.toPrecision(7).padStart(12)}  index ${d.index.toFixed(3)}  ${theta}  (${d.hits} starts)`);
  }
  lines.push(`run folder: ${out}`);
  process.stdout.write(lines.join('\n') + '\n');
}

function examplesCommand(): void {
  const files = fs.existsSync(EXAMPLES_DIR) ? fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort() : [];
  for (const file of files) {
    const spec = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as { name?: string; description?: string };
    process.stdout.write(`${path.join('assets', 'examples', file)}\t${spec.name ?? ''}${spec.description ? ` — ${spec.description}` : ''}\n`);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('critlab')
    .description('Find, classify and compare critical points of loss surfaces.')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError();
  program
    .command('run')
    .description('run an experiment spec and write its run folder')
    .argument('<spec>', 'experiment spec (JSON)')
    .requiredOption('--out <dir>', 'run folder to create')
    .action(runCommand);
  program.command('examples').description('list the built-in example specs').action(examplesCommand);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`critlab: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
