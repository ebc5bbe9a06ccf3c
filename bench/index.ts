/**
 * `npm run bench`: every benchmark of critlab in one process, so ratios against baselines
 * (numeric.eig, NumPy, PyTorch, the critlab gradient) come from the same run on the same machine.
 * Each suite prints its own table; optional Python comparisons are skipped with a printed reason
 * when python3 or the library is absent.
 */
const suites: { name: string; load: () => Promise<{ run(): Promise<void> }> }[] = [
  { name: 'linalg', load: () => import('./linalg.bench.ts') },
  { name: 'problems', load: () => import('./problems.bench.ts') },
  { name: 'finders', load: () => import('./finders.bench.ts') },
  { name: 'ui', load: () => import('./ui.bench.ts') },
];

const only = process.argv.slice(2);
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  console.log(`\n=== ${suite.name} ===`);
  const mod = await suite.load();
  await mod.run();
}

export {};
