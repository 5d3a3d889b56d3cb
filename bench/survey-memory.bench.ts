/**
 * Memory of `kepu survey demo` and `kepu survey score` as the survey grows: 20,000 and 200,000
 * respondents (the demo's questionnaire, 50 items). Both commands stream (a respondent is drawn or
 * read, scored, written and let go), so peak memory should stay roughly flat while the survey
 * grows tenfold. The baseline, in the same run, is the whole-table scorer the command used before:
 * every row read into objects, every respondent scored in one call, the CSV built in memory (20,000
 * respondents only: at 200,000 it needs about 3 GB).
 *
 *   node --conditions=source --import tsx bench/survey-memory.bench.ts [--sizes 20000,200000]
 *
 * Each measurement runs in a child process of its own and reports that process's peak resident
 * memory (RSS, which includes Node and the TypeScript loader, about 100 MB) and its time. Not a
 * test: nothing here asserts a time or a size. Workspace packages are imported from source.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relaunchWithSourceCondition } from './lib/source-condition.js';

relaunchWithSourceCondition(import.meta.url);

interface Measured {
  readonly ms: number;
  readonly rssMb: number;
}

const args = process.argv.slice(2);

if (args[0] === '--child') {
  // One measurement: run it, then print the time and this process's peak RSS.
  const [, what, dir, size] = args as [string, string, string, string];
  const start = performance.now();
  if (what === 'whole') {
    const { readTable, toCsv } = await import('../packages/cli/src/commands/survey/table.js');
    const { answerOf, letterOptions } = await import('../packages/cli/src/commands/survey/answers.js');
    const { parseQuestionnaire, scoreRespondents } = await import('../packages/survey/src/index.js');
    const { readFile } = await import('node:fs/promises');
    const questionnaire = parseQuestionnaire(JSON.parse(await readFile(join(dir, 'questionnaire.json'), 'utf8')));
    const table = await readTable(join(dir, 'responses.csv'), 'responses.csv');
    const options = letterOptions(questionnaire);
    const notes: unknown[] = [];
    const respondents = table.rows.map((row, i) => ({
      id: row.id!,
      answers: Object.fromEntries(
        questionnaire.items.map((item) => [
          item.id,
          answerOf(row[item.id] ?? null, item.key, options, { row: table.rowNumbers[i]!, item: item.id }, notes),
        ]),
      ),
    }));
    const scores = scoreRespondents(questionnaire, respondents);
    const rows = table.rows.map((row, i) => ({ ...row, score_total: scores[i]!.total, literate: scores[i]!.literate }));
    await writeFile(join(dir, 'whole.csv'), toCsv([...table.columns, 'score_total', 'literate'], rows));
  } else {
    const { createMemoryIO } = await import('../packages/cli/src/io.js');
    const { runCli } = await import('../packages/cli/src/main.js');
    const argv =
      what === 'demo'
        ? ['survey', 'demo', '--out', dir, '--size', size, '--force']
        : ['survey', 'score', join(dir, 'responses.csv'), '--out', join(dir, 'scored.csv'), '--force'];
    const io = createMemoryIO();
    const code = await runCli(argv, io);
    if (code !== 0) throw new Error(`${argv.join(' ')} exited ${code}: ${io.err()}`);
  }
  const measured: Measured = {
    ms: performance.now() - start,
    rssMb: process.resourceUsage().maxRSS / 1024,
  };
  console.log(JSON.stringify(measured));
  process.exit(0);
}

const sizesArg = args.indexOf('--sizes');
const SIZES = (sizesArg >= 0 ? args[sizesArg + 1]! : '20000,200000').split(',').map(Number);

function child(what: 'demo' | 'score' | 'whole', dir: string, size: number): Measured {
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--child', what, dir, String(size)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(`${what} ${size}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Measured;
}

const line = (label: string, m: Measured, size: number) =>
  console.log(
    `${label.padEnd(28)} ${String(size).padStart(7)} respondents: peak RSS ${m.rssMb.toFixed(0).padStart(5)} MB, ${(m.ms / 1000).toFixed(1).padStart(6)} s (${((m.ms * 1000) / size).toFixed(0)} µs each)`,
  );

const results = new Map<number, { demo: Measured; score: Measured }>();
let whole: Measured | undefined;
for (const size of SIZES) {
  const dir = await mkdtemp(join(tmpdir(), 'kepu-survey-memory-'));
  try {
    const demo = child('demo', dir, size);
    line('kepu survey demo (streamed)', demo, size);
    const score = child('score', dir, size);
    line('kepu survey score (streamed)', score, size);
    results.set(size, { demo, score });
    if (size === SIZES[0]) {
      whole = child('whole', dir, size);
      line('whole-table scorer (before)', whole, size);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const small = results.get(SIZES[0]!)!;
const large = results.get(SIZES.at(-1)!)!;
const grow = SIZES.at(-1)! / SIZES[0]!;
console.log(
  `\nsurvey grown ${grow}×: peak RSS ×${(large.score.rssMb / small.score.rssMb).toFixed(2)} (score), ×${(large.demo.rssMb / small.demo.rssMb).toFixed(2)} (demo); time ×${(large.score.ms / small.score.ms).toFixed(1)} (score)`,
);
if (whole) {
  console.log(
    `streamed / whole-table at ${SIZES[0]}: peak RSS ${(small.score.rssMb / whole.rssMb).toFixed(2)}, time ${(small.score.ms / whole.ms).toFixed(2)}`,
  );
}
