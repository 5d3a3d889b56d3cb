import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesign, estimateMean } from '@kepu/survey';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTable, toCsv } from '../commands/survey/table.js';
import { demo, run, writeDemoRound } from './survey-helpers.js';

let dir = '';

beforeAll(async () => {
  dir = await writeDemoRound();
});

describe('kepu survey rake', () => {
  it('rakes to the margins, writes the new weights, and agrees with the library', async () => {
    const out = join(dir, 'raked.csv');
    const {
      code,
      out: text,
      err,
    } = await run([
      'survey',
      'rake',
      join(dir, 'scored.csv'),
      '--margins',
      join(dir, 'margins.json'),
      '--weight',
      'weight',
      '--out',
      out,
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(text).toMatch(/迭代加权已收敛：\d+ 轮/);
    const raked = await readTable(out, 'raked.csv');
    expect(raked.columns.at(-1)).toBe('weight_raked');
    const weights = raked.rows.map((r) => Number(r.weight_raked));
    for (const margin of demo.margins) {
      const column = margin.columns[0]!;
      for (const [cell, target] of Object.entries(margin.population)) {
        const sum = raked.rows.reduce((s, r, i) => (r[column] === cell ? s + weights[i]! : s), 0);
        expect(Math.abs(sum - target)).toBeLessThan(1);
      }
    }
    // The raked mean is what the library's rake gives.
    const { rake, marginsFromRows } = await import('@kepu/survey');
    const lib = rake(createDesign({ weights: demo.rows.map((r) => Number(r.weight)) }), {
      margins: marginsFromRows(demo.rows, demo.margins),
    });
    expect(weights.map((w) => Number(w.toPrecision(12)))).toEqual(
      Array.from(lib.design.weights, (w) => Number(w.toPrecision(12))),
    );
    const json = JSON.parse(
      (
        await run([
          'survey',
          'rake',
          join(dir, 'scored.csv'),
          '--margins',
          join(dir, 'margins.json'),
          '--weight',
          'weight',
          '--out',
          out,
          '--into',
          'w2',
          '--json',
          // The first run wrote it: writing it again is an overwrite.
          '--force',
        ])
      ).out,
    );
    expect(json.converged).toBe(true);
    expect(json.column).toBe('w2');
    const literate = raked.rows.map((r) => Number(r.literate));
    const rakedMean = estimateMean(createDesign({ weights }), literate).point;
    expect(rakedMean).toBeCloseTo(estimateMean(lib.design, literate).point, 10);
  });

  it('exits 1 with the warning when margins contradict each other, and still writes the file', async () => {
    const work = await mkdtemp(join(tmpdir(), 'kepu-survey-rake-'));
    await writeFile(
      join(work, 'd.csv'),
      toCsv(
        ['sex', 'age', 'w'],
        [
          { sex: 'm', age: 'young', w: 10 },
          { sex: 'f', age: 'young', w: 12 },
          { sex: 'f', age: 'old', w: 8 },
          { sex: 'm', age: 'old', w: 9 },
        ],
      ),
    );
    await writeFile(
      join(work, 'm.json'),
      JSON.stringify([
        { columns: ['sex'], population: { m: 490, f: 510 } },
        { columns: ['age'], population: { young: 700, old: 400 } },
      ]),
    );
    const r = await run([
      'survey',
      'rake',
      join(work, 'd.csv'),
      '--margins',
      join(work, 'm.json'),
      '--weight',
      'w',
      '--out',
      join(work, 'o.csv'),
      '--max-iterations',
      '5',
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('迭代加权未收敛（5 轮）');
    expect(r.err).toContain('[inconsistent-margins]');
    expect(r.err).toContain('[raking-not-converged]');
    expect((await readTable(join(work, 'o.csv'), 'o.csv')).columns).toEqual(['sex', 'age', 'w', 'w_raked']);

    await writeFile(
      join(work, 'bad.json'),
      JSON.stringify({ margins: [{ columns: ['region'], population: { a: 1 } }] }),
    );
    const bad = await run([
      'survey',
      'rake',
      join(work, 'd.csv'),
      '--margins',
      join(work, 'bad.json'),
      '--weight',
      'w',
      '--out',
      join(work, 'x.csv'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.json “margins\[0\]\.columns”列：数据文件 .* 中没有列：region/);
    await writeFile(join(work, 'cell.json'), JSON.stringify([{ columns: ['sex'], population: { m: 490 } }]));
    const cell = await run([
      'survey',
      'rake',
      join(work, 'd.csv'),
      '--margins',
      join(work, 'cell.json'),
      '--weight',
      'w',
      '--out',
      join(work, 'x.csv'),
    ]);
    expect(cell.code).toBe(2);
    expect(cell.err).toContain('cell.json');
    expect(cell.err).toContain('“f”');
    const usage = await run(['survey', 'rake', join(work, 'd.csv'), '--weight', 'w']);
    expect(usage.code).toBe(2);
  });
});
