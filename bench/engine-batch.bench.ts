/**
 * What the engine adds to a store's commit, and whether its cost follows the change or the
 * collection. In one run, on the memory store:
 *
 *   (a) `engine.executeBatch` of 10,000 commands (parse, decide, audit chain, record writes,
 *       commit, effects) against (b) the same batch's `store.commit` alone, on a fresh store
 *       (goal: (a) ≤ 2 × (b));
 *   (c) the time per command of a 10,000-command batch on top of 1,000 / 10,000 / 100,000
 *       existing records (goal: flat; the batches themselves add records, so a row's batches run
 *       on its size plus up to ROUNDS × 10,000), and, for scale, of single `execute` calls at
 *       exactly that size, which copy the collection they change once each (the state is immutable).
 *
 * The commands are inspection findings (`record-finding`), spread over the plan's units and
 * years: every one creates a record, none is a duplicate.
 *
 *   pnpm --filter @kepu/bench run engine-batch      (or: pnpm exec tsx bench/engine-batch.bench.ts)
 *
 * Not a test: nothing here asserts a time. Workspace packages are imported from source, which
 * needs Node's `source` export condition; without it, this script runs itself again with it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.some((arg) => arg.includes('conditions=source'))) {
  const run = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--max-old-space-size=6144', fileURLToPath(import.meta.url)],
    { stdio: 'inherit' },
  );
  process.exit(run.status ?? 1);
}

const { createEngine, createMemoryStore } = await import('@kepu/core');
const { zhengningPlan } = await import('@kepu/plan-zhengning');
type CommitBatch = import('@kepu/core').CommitBatch;
type Engine = import('@kepu/core').Engine;

const ROUNDS = Number(process.env.KEPU_BENCH_ROUNDS ?? 3);
const assessor = { id: 'assessor', role: 'assessor' } as const;
const units = zhengningPlan.orgUnits.filter((u) => u.kind !== 'group').map((u) => u.id);
const years = ['2022', '2023', '2024', '2025'];
const clock = { now: () => new Date('2025-06-01T02:00:00Z') };

/** `count` findings, numbered from `from`, based on the engine's current version. */
function findings(engine: Engine, from: number, count: number) {
  const baseVersion = engine.getSnapshot().version;
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      type: 'record-finding',
      baseVersion,
      unit: units[n % units.length],
      period: years[n % years.length],
      text: `第 ${n} 次督查：科普活动台账不完整，已要求限期整改。`,
    };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (t: number) => `${t.toFixed(0).padStart(6)} ms`;
const us = (t: number) => `${(t * 1000).toFixed(1).padStart(7)} µs`;

// --- (a) and (b): one 10,000-command batch, and its commit alone ---------------------------------
const BATCH = 10_000;
const engineTimes: number[] = [];
const commitTimes: number[] = [];
// Round 0 warms the JIT up and is not counted.
for (let round = 0; round <= ROUNDS; round++) {
  const store = createMemoryStore();
  let captured: CommitBatch | undefined;
  const recording = {
    ...store,
    commit(batch: CommitBatch) {
      captured = structuredClone(batch);
      return store.commit(batch);
    },
  };
  const engine = await createEngine({ plans: [zhengningPlan], store: recording, clock });
  const commands = findings(engine, 0, BATCH);
  let t = performance.now();
  await engine.executeBatch(assessor, commands);
  const engineTime = performance.now() - t;
  if (!captured || captured.entries.length !== BATCH) throw new Error('the batch was not committed whole');
  const fresh = createMemoryStore();
  t = performance.now();
  await fresh.commit(captured);
  const commitTime = performance.now() - t;
  if (round > 0) {
    engineTimes.push(engineTime);
    commitTimes.push(commitTime);
  }
  await engine.dispose();
}
const engineTime = median(engineTimes);
const commitTime = median(commitTimes);

// --- (c): time per command at 1,000 / 10,000 / 100,000 existing records ---------------------------
const SIZES = [1_000, 10_000, 100_000];
const PROBE = 10_000;
const SINGLE = 20;
const perCommand: Array<{ size: number; batch: number; single: number }> = [];
{
  const engine = await createEngine({ plans: [zhengningPlan], store: createMemoryStore(), clock });
  let made = 0;
  for (const size of SIZES) {
    while (made < size) {
      const count = Math.min(10_000, size - made);
      await engine.executeBatch(assessor, findings(engine, made, count));
      made += count;
    }
    // Singles first, at the records there are now; then the batches (each adds PROBE records).
    const at = made;
    let t = performance.now();
    for (let i = 0; i < SINGLE; i++) await engine.execute(assessor, findings(engine, made + i, 1)[0]);
    const single = (performance.now() - t) / SINGLE;
    made += SINGLE;
    const batchTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      t = performance.now();
      await engine.executeBatch(assessor, findings(engine, made, PROBE));
      batchTimes.push((performance.now() - t) / PROBE);
      made += PROBE;
    }
    perCommand.push({ size: at, batch: median(batchTimes), single });
  }
  await engine.dispose();
}

const line = '-'.repeat(96);
console.log(line);
console.log(
  `engine batch benchmark: ${BATCH.toLocaleString('en-US')} record-finding commands, memory store, ${ROUNDS} rounds (median)`,
);
console.log(line);
console.log(
  `(a) engine.executeBatch, ${BATCH.toLocaleString('en-US')} commands           ${ms(engineTime)}  (runs: ${engineTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
);
console.log(
  `(b) the same batch through store.commit alone           ${ms(commitTime)}  (runs: ${commitTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
);
console.log(`(a) / (b) = ${(engineTime / commitTime).toFixed(2)}×   goal ≤ 2×`);
console.log(line);
console.log('(c) time per command by existing records:   in a 10,000-command batch   single execute');
for (const { size, batch, single } of perCommand) {
  console.log(
    `    ${size.toLocaleString('en-US').padStart(8)} records                       ${us(batch)}              ${us(single)}`,
  );
}
const first = perCommand[0] as { batch: number; single: number };
const last = perCommand.at(-1) as { batch: number; single: number };
console.log(
  `    batch: ${SIZES.at(-1)?.toLocaleString('en-US')} / ${SIZES[0]?.toLocaleString('en-US')} records = ${(last.batch / first.batch).toFixed(2)}×   goal: flat (≈ 1×);   single: ${(last.single / first.single).toFixed(2)}×`,
);
console.log(line);
