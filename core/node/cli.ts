/**
 * critlab's command line (DESIGN.md §3), built on commander. `run` executes a spec on a pool
 * of worker_threads compute workers with a progress bar and writes the run folder; an
 * interrupted folder of the same spec is resumed; `--shard i/N` runs a deterministic slice of
 * the starts and `merge` joins shard folders into one run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import type { RunSummary } from '../experiment/records.ts';
import { prepareSpecFile } from './commands/spec-file.ts';
import { truthCommand } from './commands/truth.ts';
import { analyzeCommand } from './commands/analyze.ts';
import { reportCommand } from './commands/report.ts';
import type { Shard } from './run-store.ts';
import { driveRun, openRunFolder } from './run-session.ts';
import { defaultPoolSize, threadPool } from './thread-pool.ts';
import { mergeRuns } from './merge.ts';
import { EXAMPLES_DIR, packageVersion } from './paths.ts';

function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected i/N, e.g. 0/4');
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new InvalidArgumentError(`needs 0 ≤ i < N (got ${index}/${count})`);
  return { index, count };
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('expected an integer from 1 to 256');
  return n;
}

interface RunOptions {
  out: string;
  workers?: number;
  shard?: Shard;
}

async function runCommand(specFile: string, options: RunOptions): Promise<void> {
  // The problem and its data are built here once, so that what only shows then (a data file's
  // damage, dimension vs box, grid size) is refused before any folder is touched.
  const job = await prepareSpecFile(specFile);
  const spec = job.input;
  const baseDir = path.dirname(path.resolve(specFile));
  const shard = options.shard;
  const startIds = job.startIds.filter((id) => !shard || id % shard.count === shard.index);
  const dir = path.resolve(options.out);
  const notice = (message: string) => process.stderr.write(`critlab: ${message}\n`);

  const opened = openRunFolder({ dir, spec, startIds, versions: { critlab: packageVersion(), node: process.version }, ...(shard ? { shard } : {}), notice });
  if (opened.kind === 'finished') {
    if (!opened.sameSpec) throw new Error(`${dir} already holds a finished run of a different spec: choose another --out folder`);
    process.stdout.write(`${dir} already holds this finished run; nothing to do (re-export it with \`critlab report ${options.out}\`)\n`);
    return;
  }
  const { store, previous, remaining } = opened;
  if (opened.resumed) notice(`resuming ${dir}: ${previous.length} of ${startIds.length} starts already done`);

  const interactive = process.stderr.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      format: 'critlab {bar} {value}/{total} starts | {critical} critical, {flat} flat, {failed} failed | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: interactive,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  if (interactive) bar.start(startIds.length, previous.length, { critical: 0, flat: 0, failed: 0 });

  const pool = threadPool(options.workers ?? defaultPoolSize());
  let run: ReturnType<typeof driveRun> | undefined;
  const onSignal = () => {
    if (interactive) bar.stop();
    notice('cancelling… (starts in flight stop at their next iteration; finished starts are kept; run the same command again to resume)');
    run?.cancel();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    run = driveRun({
      pool,
      store,
      jobId: 'cli',
      spec,
      startIds,
      remaining,
      previous,
      dedupTolerance: job.spec.analysis.dedupTolerance,
      now: () => performance.now(),
      baseDir,
      events: {
        failed: (failure) => notice(`start ${failure.id} failed: ${failure.error}`),
        progress: (event) => {
          if (!interactive) return;
          bar.update(event.done, {
            critical: event.counts.critical,
            flat: event.counts['gradient-flat'],
            failed: event.counts.stalled + event.counts['max-iterations'] + event.counts.diverged,
          });
        },
      },
    });
    const { summary, cancelled } = await run.done;
    if (interactive) bar.stop();
    printSummary(summary, options.out);
    // DESIGN.md §3: the run folder gets its report.html. The run is already safe on disk, so a
    // report that cannot be drawn is a notice, not a failure.
    try {
      await reportCommand(dir, { format: 'html', quiet: true });
      process.stdout.write(`report: ${path.join(options.out, 'report.html')}\n`);
    } catch (error) {
      notice(`report.html not written: ${(error as Error).message} (\`critlab report ${options.out}\` retries)`);
    }
    if (cancelled) process.exitCode = 130;
  } catch (error) {
    if (interactive) bar.stop();
    throw error;
  } finally {
    pool.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function printSummary(summary: RunSummary, out: string): void {
  const c = summary.counts;
  const lines = [
    `${summary.finished}/${summary.total} starts${summary.cancelled ? ' (cancelled)' : ''} in ${(summary.elapsedMs / 1000).toFixed(2)} s: ` +
      `${c.critical} critical, ${c['gradient-flat']} gradient-flat, ${c.stalled} stalled, ${c['max-iterations']} max-iterations, ${c.diverged} diverged` +
      (summary.failed ? `, ${summary.failed} failed` : ''),
  ];
  if (summary.finished > 0) lines.push(`success: ${((100 * c.critical) / summary.finished).toFixed(0)}% of finished starts reached the tolerance`);
  if (summary.lossIndex) {
    const f = summary.lossIndex;
    lines.push(`loss–index relation: index ≈ ${f.intercept.toFixed(4)} + ${f.slope.toFixed(4)}·loss (Pearson r = ${f.r.toFixed(4)}, ${f.points} points)`);
  }
  const classes = summary.distinct.some((d) => d.truth);
  lines.push(`${summary.distinct.length} distinct critical points${classes ? ' (analytic classes of the linear autoencoder)' : ''}:`);
  const shown = summary.distinct.length > 40 ? [...summary.distinct].sort((a, b) => b.hits - a.hits).slice(0, 40) : summary.distinct;
  for (const d of shown) {
    const where = d.truth
      ? `class {${d.truth.subset.join(', ')}}`
      : d.theta.length <= 6
        ? `(${d.theta.map((v) => v.toFixed(6)).join(', ')})`
        : `‖θ‖ = ${Math.hypot(...d.theta).toFixed(4)}`;
    lines.push(`  #${String(d.cluster).padEnd(3)} ${d.type.padEnd(10)} loss ${d.loss.toPrecision(7).padStart(12)}  index ${d.index.toFixed(3)}  ${where}  (${d.hits} starts)`);
  }
  if (shown.length < summary.distinct.length) lines.push(`  … and ${summary.distinct.length - shown.length} more (the 40 most visited are shown; all are in run.json)`);
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

function mergeCommand(dirs: string[], options: { out: string }): void {
  const summary = mergeRuns(dirs.map((d) => path.resolve(d)), path.resolve(options.out), packageVersion());
  printSummary(summary, options.out);
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
    .description('run an experiment spec and write its run folder (an interrupted folder of the same spec is resumed)')
    .argument('<spec>', 'experiment spec (JSON)')
    .requiredOption('--out <dir>', 'run folder')
    .option('--workers <n>', `compute workers (default: cores − 1 = ${defaultPoolSize()})`, parseWorkers)
    .option('--shard <i/N>', 'run only the starts whose id ≡ i (mod N), for job arrays; join with `critlab merge`', parseShard)
    .action(runCommand);
  program
    .command('merge')
    .description('combine the shard folders of one spec into one run folder')
    .argument('<dirs...>', 'shard run folders (all N shards of one spec)')
    .requiredOption('--out <dir>', 'merged run folder to create')
    .action(mergeCommand);
  program
    .command('truth')
    .description('print the analytic critical points of a linear-autoencoder spec as JSON')
    .argument('<spec>', 'experiment spec (JSON)')
    .action(truthCommand);
  program
    .command('analyze')
    .description('print the analysis at one point (loss, ‖g‖², spectrum, counts, index, status) as JSON')
    .argument('<spec>', 'experiment spec (JSON)')
    .requiredOption('--at <point.json>', 'a JSON array of parameters, or one record of points.jsonl')
    .action(analyzeCommand);
  program
    .command('report')
    .description('re-export a run folder: report.html (default), points.json, points.csv, points.npy + spectra.npy')
    .argument('<dir>', 'run folder')
    .option('--format <formats>', 'html, json, csv, npy (comma-separated) or all', 'html')
    .option('--out <dir>', 'write into this folder instead of the run folder')
    .action(async (dir: string, o: { format: string; out?: string }) => {
      await reportCommand(dir, o);
    });
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
