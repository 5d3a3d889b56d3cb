/**
 * `kepu data import` against the number of rows: reads and checks a CSV of N narrative rows of one
 * unit's summary (each a distinct text: the worst case for collecting a report's narratives) at
 * 10,000 and 100,000 rows and prints the time ratio. Linear work gives about 10; the quadratic
 * step found in issue 16 (a list searched for every narrative) gave about 100.
 *
 * Measured on the 2-core development machine: before the fix 10k rows 4.2 s, 100k rows 470 s
 * (ratio 111); after it 10k 0.26 s, 100k 1.6 s (ratio 6.1).
 *
 *   node --conditions=source --import tsx bench/data-import.bench.ts
 *
 * Not a test: nothing here asserts a time. Workspace packages are imported from source.
 */
import { relaunchWithSourceCondition } from './lib/source-condition.js';

relaunchWithSourceCondition(import.meta.url);

const { checkDataRows, readDataRows } = await import('../packages/reports/src/index.js');
const { zhengningPlan, zhengningScheme } = await import('../packages/plan-zhengning/src/index.js');

function csv(rows: number): string {
  const lines = ['填报期间,单位编号,任务编号,工作情况说明'];
  for (let i = 0; i < rows; i++) lines.push(`2025,shanhe,总结,第 ${i} 项工作：开展科普活动。`);
  return `${lines.join('\n')}\n`;
}

async function timeImport(rows: number): Promise<number> {
  const text = csv(rows);
  const start = performance.now();
  const read = await readDataRows('rows.csv', text);
  const checked = checkDataRows(read, zhengningPlan, zhengningScheme);
  const elapsed = performance.now() - start;
  // The joined narrative is over the engine's limit: refused at its row, not cut (and still timed).
  console.log(`${rows.toLocaleString('en-US')} rows: ${elapsed.toFixed(0)} ms, ${checked.problems.length} problem(s)`);
  return elapsed;
}

await timeImport(1_000); // warm-up
const small = await timeImport(10_000);
const large = await timeImport(100_000);
console.log(`ratio 100k / 10k = ${(large / small).toFixed(1)} (linear ≈ 10, quadratic ≈ 100)`);
