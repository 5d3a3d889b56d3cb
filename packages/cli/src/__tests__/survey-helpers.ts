import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { generateDemoSurvey } from '@kepu/survey';
import { expect } from 'vitest';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

// What the `kepu survey` test files share: running the command in-process, the fixtures, the demo
// round every file scores and estimates on, and the design of that round.

export const ROOT = resolve(import.meta.dirname, '../../../..');
export const FIXTURES = join(ROOT, 'packages/survey/test/fixtures');

export async function run(argv: string[], cwd?: string) {
  const io = createMemoryIO(cwd ? { cwd } : {});
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** R printed `printed`; the value agrees to the digits shown (R rounds twice, hence 0.55 of a unit). */
export function expectPrinted(actual: number, printed: string): void {
  const decimals = printed.includes('.') ? printed.split('.')[1]!.length : 0;
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(0.55 * 10 ** -decimals);
}

/** Numbers survive JSON exactly; compare the CLI's JSON with the library's result through JSON. */
export const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

export const townships = zhengningPlan.orgUnits.filter((u) => u.kind === 'township');
export const demo = generateDemoSurvey({ seed: 1, year: 2024, units: townships, size: 2000 });

/** Writes the demo round with `kepu survey demo` and scores it into scored.csv; returns the directory. */
export async function writeDemoRound(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kepu-survey-'));
  const made = await run(['survey', 'demo', '--out', dir]);
  expect(made.err).toBe('');
  expect(made.code).toBe(0);
  const scored = await run(['survey', 'score', join(dir, 'responses.csv'), '--out', join(dir, 'scored.csv')]);
  expect(scored.err).toBe('');
  expect(scored.code).toBe(0);
  return dir;
}

export const DESIGN = [
  '--strata',
  'township',
  '--psu',
  'village',
  '--weight',
  'weight',
  '--fpc',
  'villages',
  '--fpc2',
  'village_adults',
];
