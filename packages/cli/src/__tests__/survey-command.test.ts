import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zhengningPlan } from '@kepu/plan-zhengning';
import {
  createDesign,
  type Estimate,
  estimateByGroup,
  estimateGap,
  estimateMean,
  estimateProportion,
  type GroupEstimate,
  generateDemoSurvey,
  scoreRespondents,
} from '@kepu/survey';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTable, toCsv } from '../commands/survey/table.js';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const FIXTURES = join(ROOT, 'packages/survey/test/fixtures');

async function run(argv: string[], cwd?: string) {
  const io = createMemoryIO(cwd ? { cwd } : {});
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** R printed `printed`; the value agrees to the digits shown (R rounds twice, hence 0.55 of a unit). */
function expectPrinted(actual: number, printed: string): void {
  const decimals = printed.includes('.') ? printed.split('.')[1]!.length : 0;
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(0.55 * 10 ** -decimals);
}

/** Numbers survive JSON exactly; compare the CLI's JSON with the library's result through JSON. */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const townships = zhengningPlan.orgUnits.filter((u) => u.kind === 'township');
const demo = generateDemoSurvey({ seed: 1, year: 2024, units: townships, size: 2000 });
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-survey-'));
  const made = await run(['survey', 'demo', '--out', dir]);
  expect(made.err).toBe('');
  expect(made.code).toBe(0);
  const scored = await run(['survey', 'score', join(dir, 'responses.csv'), '--out', join(dir, 'scored.csv')]);
  expect(scored.err).toBe('');
  expect(scored.code).toBe(0);
});

const DESIGN = [
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

describe('kepu survey', () => {
  it('lists its sub-commands, and names them when given an unknown one', async () => {
    const list = await run(['survey']);
    expect(list.code).toBe(0);
    expect(list.out).toContain('kepu survey estimate');
    expect(list.out).toContain('--proportion <col>');
    const unknown = await run(['survey', 'estimat', '--lang', 'en']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown survey command "estimat". Use one of score, estimate, rake, demo.');
    expect((await run(['survey', 'score', '--help'])).out).toContain('kepu survey score <responses.csv|xlsx>');
  });
});

describe('kepu survey demo', () => {
  it('writes the demo round: responses.csv equal to generateDemoSurvey, the questionnaire and the margins', async () => {
    const table = await readTable(join(dir, 'responses.csv'), 'responses.csv');
    expect(table.columns).toEqual(demo.columns);
    expect(table.rows).toHaveLength(demo.rows.length);
    const asText = (row: Readonly<Record<string, string | number | null>>) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : String(v)]));
    expect(table.rows[0]).toEqual(asText(demo.rows[0]!));
    expect(table.rows.at(-1)).toEqual(asText(demo.rows.at(-1)!));
    expect(JSON.parse(await readFile(join(dir, 'questionnaire.json'), 'utf8'))).toEqual(demo.questionnaire);
    expect(JSON.parse(await readFile(join(dir, 'margins.json'), 'utf8')).margins).toEqual(viaJson(demo.margins));
  });

  it('says what it wrote and what to try next, in Chinese and English', async () => {
    const other = await mkdtemp(join(tmpdir(), 'kepu-survey-demo-'));
    const zh = await run(['survey', 'demo', '--out', other, '--seed', '7', '--size', '400']);
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/写出 2024 年演示调查（种子 7）：\d+ 名受访者，10 个乡镇/);
    expect(zh.out).toContain('这是演示数据，不是调查结果');
    expect(zh.out).toContain('kepu survey estimate');
    const en = await run(['survey', 'demo', '--out', other, '--seed', '7', '--size', '400', '--lang', 'en', '--json']);
    const report = JSON.parse(en.out);
    expect(report.seed).toBe(7);
    expect(report.files).toEqual(['responses.csv', 'questionnaire.json', 'margins.json']);
    expect((await run(['survey', 'demo', '--out', other, '--size', '5'])).code).toBe(2);
    expect((await run(['survey', 'demo'])).code).toBe(2);
  });
});

describe('kepu survey score', () => {
  it('scores every respondent as the library does and writes literate, level and the scores', async () => {
    const scored = await readTable(join(dir, 'scored.csv'), 'scored.csv');
    const scores = scoreRespondents(demo.questionnaire, demo.respondents);
    expect(scored.columns.slice(-8)).toEqual([
      'score_total',
      'score_knowledge',
      'score_method',
      'score_spirit',
      'score_application',
      'level',
      'literate',
      'missing_items',
    ]);
    expect(scored.rows.map((r) => r.literate)).toEqual(scores.map((s) => (s.literate ? '1' : '0')));
    expect(scored.rows.map((r) => Number(r.score_total))).toEqual(scores.map((s) => Number(s.total!.toFixed(4))));
    expect(scored.rows.map((r) => r.missing_items)).toEqual(scores.map((s) => s.missingItems.join(';') || null));
  });

  it('prints an unweighted summary in Chinese (default) or English, or JSON', async () => {
    const file = join(dir, 'responses.csv');
    const zh = await run(['survey', 'score', file]);
    const literate = demo.literate.filter(Boolean).length;
    expect(zh.code).toBe(0);
    expect(zh.out).toContain(`具备科学素质 ${literate} 人`);
    expect(zh.out).toContain('具备科学素质（≥70）');
    expect(zh.out).toContain('科学精神与思想');
    expect(zh.out).toContain('未加权');
    const en = await run(['survey', 'score', file, '--lang', 'en']);
    expect(en.out).toContain(`${literate} with scientific literacy`);
    const json = JSON.parse((await run(['survey', 'score', file, '--json'])).out);
    expect(json.summary.literate).toBe(literate);
    expect(json.scores).toHaveLength(demo.respondents.length);
    expect(json.scores[3]).toEqual(viaJson(scoreRespondents(demo.questionnaire, [demo.respondents[3]!])[0]));
  });

  it('reads xlsx, a BOM with CRLF lines, and multiple-choice answers written AC, A;C or A、C', async () => {
    const q = {
      id: 'tiny',
      items: [
        { id: 'K1', dimension: 'knowledge', points: 40, key: 'A' },
        { id: 'M1', dimension: 'method', points: 20, key: ['A', 'C'] },
        { id: 'S1', dimension: 'spirit', points: 20, key: 'B' },
        { id: 'P1', dimension: 'application', points: 20, key: 'D' },
      ],
    };
    const work = await mkdtemp(join(tmpdir(), 'kepu-survey-score-'));
    await writeFile(join(work, 'q.json'), JSON.stringify(q));
    await writeFile(
      join(work, 'r.csv'),
      '\uFEFFid,K1,M1,S1,P1\r\n1,A,AC,B,D\r\n2,A,"A;C",B,\r\n3,A,A、C,X,D\r\n4,B,C,B,D\r\n',
    );
    const csv = JSON.parse(
      (await run(['survey', 'score', join(work, 'r.csv'), '--questionnaire', join(work, 'q.json'), '--json'])).out,
    );
    expect(csv.scores.map((s: { total: number }) => s.total)).toEqual([100, 80, 80, 40]);
    expect(csv.scores[1].missingItems).toEqual(['P1']);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('答卷');
    sheet.addRow(['id', 'K1', 'M1', 'S1', 'P1']);
    sheet.addRow([1, 'A', 'AC', 'B', 'D']);
    sheet.addRow([2, 'A', 'A;C', 'B', null]);
    sheet.addRow([]);
    sheet.addRow([3, 'A', 'A、C', 'X', 'D']);
    sheet.addRow([4, 'B', 'C', 'B', 'D']);
    await workbook.xlsx.writeFile(join(work, 'r.xlsx'));
    // questionnaire.json beside the responses is found without --questionnaire.
    await copyFile(join(work, 'q.json'), join(work, 'questionnaire.json'));
    const xlsx = JSON.parse((await run(['survey', 'score', join(work, 'r.xlsx'), '--json'])).out);
    expect(xlsx.scores.map((s: { total: number }) => s.total)).toEqual([100, 80, 80, 40]);
  });

  it('scores with the older all-dimensions rule only with explicit thresholds', async () => {
    const file = join(dir, 'responses.csv');
    const missing = await run(['survey', 'score', file, '--scheme', 'all-dimensions']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('不猜测');
    const ok = await run([
      'survey',
      'score',
      file,
      '--scheme',
      'all-dimensions',
      '--thresholds',
      'knowledge=0.6,method=0.6,spirit=0.6,application=0.6',
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).scheme.kind).toBe('all-dimensions');
  });

  it('names the file, row and column of bad data, and exits 2', async () => {
    const work = await mkdtemp(join(tmpdir(), 'kepu-survey-bad-'));
    await writeFile(
      join(work, 'q.json'),
      JSON.stringify({ id: 'q', items: [{ id: 'K1', dimension: 'knowledge', points: 1, key: 'A' }] }),
    );
    const nat = [
      '--questionnaire',
      join(work, 'q.json'),
      '--scheme',
      'all-dimensions',
      '--thresholds',
      'knowledge=0.5',
    ];
    await writeFile(join(work, 'dup.csv'), 'id,K1\n1,A\n2,B\n1,A\n');
    const dup = await run(['survey', 'score', join(work, 'dup.csv'), ...nat]);
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('第 4 行');
    expect(dup.err).toContain('“id”列');
    expect(dup.err).toContain('第 2 行重复');
    await writeFile(join(work, 'nocol.csv'), 'id,K2\n1,A\n');
    const nocol = await run(['survey', 'score', join(work, 'nocol.csv'), ...nat, '--lang', 'en']);
    expect(nocol.code).toBe(2);
    expect(nocol.err).toMatch(/nocol\.csv, row 1, column "K1".*no column/);
    await writeFile(join(work, 'quote.csv'), 'id,K1\n1,A\n2,"B\n');
    const quote = await run(['survey', 'score', join(work, 'quote.csv'), ...nat]);
    expect(quote.code).toBe(2);
    expect(quote.err).toContain('[bad-csv]');
    expect(quote.err).toContain('第 3 行');
    await writeFile(join(work, 'bad-q.json'), JSON.stringify({ id: 'q', items: [] }));
    const badQ = await run(['survey', 'score', join(work, 'dup.csv'), '--questionnaire', join(work, 'bad-q.json')]);
    expect(badQ.code).toBe(2);
    expect(badQ.err).toContain('bad-q.json');
    expect((await run(['survey', 'score', join(work, 'absent.csv'), ...nat])).err).toContain('ENOENT');
  });
});

describe('kepu survey estimate', () => {
  const scoredArgs = () => [join(dir, 'scored.csv'), ...DESIGN, '--proportion', 'literate'];

  it('gives exactly the library’s estimates on the demo round: overall, by residence, and the urban–rural gap', async () => {
    const { code, out, err } = await run([
      'survey',
      'estimate',
      ...scoredArgs(),
      '--by',
      'residence',
      '--gap',
      'urban,rural',
      '--json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as {
      overall: Estimate;
      groups: GroupEstimate[];
      gap: unknown;
      design: { df: number };
    };
    const residence = demo.respondents.map((r) => r.residence);
    expect(result.overall).toEqual(viaJson(estimateProportion(demo.design, demo.literate, { column: 'literate' })));
    expect(result.groups).toEqual(
      viaJson(estimateByGroup(demo.design, demo.literate, residence, { statistic: 'proportion', column: 'literate' })),
    );
    expect(result.gap).toEqual(
      viaJson(estimateGap(demo.design, demo.literate, residence, { a: 'urban', b: 'rural', column: 'residence' })),
    );
    expect(result.design.df).toBe(demo.design.df);
  });

  it('prints a Chinese table with point, CI, SE, design effect, effective n, df and flags', async () => {
    const { code, out } = await run(['survey', 'estimate', ...scoredArgs(), '--by', 'township', '--gap', '山河镇']);
    expect(code).toBe(0);
    const overall = estimateProportion(demo.design, demo.literate);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    expect(out).toContain('literate 的比例（按抽样设计加权估计）');
    expect(out).toMatch(
      /分组\s+样本量\s+估计值\s+95% 置信区间\s+标准误（百分点）\s+设计效应\s+有效样本量\s+自由度\s+说明/,
    );
    expect(out).toMatch(
      new RegExp(
        `全体\\s+2000\\s+${pct(overall.point)}\\s+${pct(overall.ci.lower)}–${pct(overall.ci.upper)}\\s+${(overall.se * 100).toFixed(2)}\\s+${overall.deff!.toFixed(2)}\\s+${Math.round(overall.nEffective).toLocaleString('en-US')}\\s+${overall.df}`,
      ),
    );
    expect(out).toContain('有限总体校正：两阶段');
    expect(out).toMatch(/township = \S+\s.*不宜发布 \[\d+\]/);
    expect(out).toMatch(/\[\d+\] township = \S+：设计自由度只有/);
    expect(out).toContain('差距 山河镇 − 全体：');
    const hidden = await run(['survey', 'estimate', ...scoredArgs(), '--by', 'township', '--suppress']);
    expect(hidden.out).toMatch(/township = \S+\s+\d+\s+—\s+—\s+—/);
  });

  it('reproduces R’s survey package on its api data through the command line', async () => {
    const json = async (args: string[]) => {
      const r = await run(['survey', 'estimate', ...args, '--json']);
      expect(r.err).toBe('');
      return JSON.parse(r.out) as { overall: Estimate; groups: GroupEstimate[] };
    };
    // tests/api.Rout.save: svymean(~api00, dstrat) 662.29 (9.4089); svytotal(~enroll, dstrat) 3687178 (114642)
    const strat = [join(FIXTURES, 'apistrat.csv'), '--strata', 'stype', '--weight', 'pw', '--fpc', 'fpc'];
    const m = (await json([...strat, '--mean', 'api00'])).overall;
    expectPrinted(m.point, '662.29');
    expectPrinted(m.se, '9.4089');
    expect(m.df).toBe(197);
    const total = (await json([...strat, '--total', 'enroll', '--na', 'exclude'])).overall;
    expectPrinted(total.point, '3687178');
    expectPrinted(total.se, '114642');
    // svymean(~api00, dclus1) 644.17 (23.542)
    const clus1 = [join(FIXTURES, 'apiclus1.csv'), '--psu', 'dnum', '--weight', 'pw', '--fpc', 'fpc'];
    const c1 = (await json([...clus1, '--mean', 'api00'])).overall;
    expectPrinted(c1.point, '644.17');
    expectPrinted(c1.se, '23.542');
    // svymean(~api00, dclus2): two stages with fpc at both, 670.81 (30.099)
    const clus2 = [
      join(FIXTURES, 'apiclus2.csv'),
      '--psu',
      'dnum',
      '--weight',
      'pw',
      '--fpc',
      'fpc1',
      '--fpc2',
      'fpc2',
    ];
    const c2 = (await json([...clus2, '--mean', 'api00'])).overall;
    expectPrinted(c2.point, '670.81');
    expectPrinted(c2.se, '30.099');
    // survey vignette (inst/doc/survey.tex): svyby(~ell, ~stype, dclus1, svymean)
    const byType = (await json([...clus1, '--mean', 'ell', '--by', 'stype'])).groups;
    expect(byType.map((g) => g.group)).toEqual(['E', 'H', 'M']);
    expectPrinted(byType[0]!.point, '29.69444');
    expectPrinted(byType[0]!.se, '1.411617');
    expectPrinted(byType[1]!.se, '5.347065');
    expectPrinted(byType[2]!.point, '22.68000');
    // svyciprop(~I(sch.wide == "Yes"), dstrat): logit 0.827948 [0.774540, 0.870815] (R 4.2.2, survey 4.1-1)
    const yes = (await json([...strat, '--proportion', 'sch.wide'])).overall;
    expect(yes.point).toBeCloseTo(0.827948011, 9);
    expect(yes.ci.lower).toBeCloseTo(0.774539654352, 9);
    expect(yes.ci.upper).toBeCloseTo(0.870814854545, 9);
  });

  it('refuses bad usage with exit 2: no statistic, two statistics, no weight, --gap without --by, --fpc2 alone', async () => {
    const file = join(dir, 'scored.csv');
    const cases = [
      ['survey', 'estimate', file, '--weight', 'weight'],
      ['survey', 'estimate', file, '--weight', 'weight', '--mean', 'score_total', '--proportion', 'literate'],
      ['survey', 'estimate', file, '--proportion', 'literate'],
      ['survey', 'estimate', file, '--weight', 'weight', '--proportion', 'literate', '--gap', 'urban,rural'],
      ['survey', 'estimate', file, '--weight', 'weight', '--proportion', 'literate', '--fpc2', 'village_adults'],
      ['survey', 'estimate', file, '--weight', 'weight', '--proportion', 'literate', '--ci', 'exact'],
      ['survey', 'estimate', file, '--weight', 'weight', '--proportion', 'literate', '--level', '95'],
      [
        'survey',
        'estimate',
        file,
        '--weight',
        'weight',
        '--proportion',
        'literate',
        '--by',
        'residence',
        '--gap',
        'town',
      ],
    ];
    for (const argv of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/用法错误/);
    }
  });

  it('names the file, row and column of bad data, and exits 2', async () => {
    const work = await mkdtemp(join(tmpdir(), 'kepu-survey-est-'));
    const header = 'id,township,village,weight,literate\n';
    const good = ['1,甲镇,v1,10,1', '2,甲镇,v2,10,0', '3,乙镇,v3,12,0', '4,乙镇,v4,12,1'];
    const write = async (name: string, lines: string[]) => {
      await writeFile(join(work, name), header + lines.join('\n'));
      return join(work, name);
    };
    const est = (file: string, extra: string[] = []) =>
      run([
        'survey',
        'estimate',
        file,
        '--strata',
        'township',
        '--psu',
        'village',
        '--weight',
        'weight',
        '--proportion',
        'literate',
        ...extra,
      ]);

    const weight = await est(await write('weight.csv', [...good.slice(0, 2), '3,乙镇,v3,abc,0', good[3]!]));
    expect(weight.code).toBe(2);
    expect(weight.err).toMatch(
      /^数据错误 \[bad-value\] \S*weight\.csv 第 4 行 “weight”列：权数“abc”无效：必须是正数。\n$/,
    );
    const binary = await est(await write('binary.csv', [...good.slice(0, 3), '4,乙镇,v4,12,2']), ['--lang', 'en']);
    expect(binary.code).toBe(2);
    expect(binary.err).toMatch(/binary\.csv, row 5, column "literate": a proportion needs 0\/1/);
    const missing = await est(await write('missing.csv', [...good.slice(0, 3), '4,乙镇,v4,12,']));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/第 5 行 “literate”列：.*缺失不等于 0/);
    expect((await est(join(work, 'missing.csv'), ['--na', 'exclude'])).code).toBe(0);
    const stratum = await est(await write('stratum.csv', [...good.slice(0, 2), '3,,v3,12,0', good[3]!]));
    expect(stratum.err).toMatch(/第 4 行 “township”列：层为空/);
    const lonely = await est(await write('lonely.csv', [...good.slice(0, 3)]));
    expect(lonely.code).toBe(2);
    expect(lonely.err).toContain('“township”列');
    expect(lonely.err).toContain('层“乙镇”只有一个初级抽样单元');
    expect((await est(join(work, 'lonely.csv'), ['--lonely-psu', 'adjust'])).code).toBe(0);
    const column = await est(join(work, 'lonely.csv'), ['--by', 'sex']);
    expect(column.code).toBe(2);
    expect(column.err).toMatch(/“sex”列：没有这一列（--by 指定）。文件中的列：id、township/);
  });

  it('reads a GB 18030 CSV as Excel saves it on Chinese Windows', async () => {
    const work = await mkdtemp(join(tmpdir(), 'kepu-survey-gbk-'));
    // 山河镇 and 永和镇 in GBK.
    const shanhe = Buffer.from([0xc9, 0xbd, 0xba, 0xd3, 0xd5, 0xf2]);
    const yonghe = Buffer.from([0xd3, 0xc0, 0xba, 0xcd, 0xd5, 0xf2]);
    const lines = [
      Buffer.from('township,village,weight,literate\r\n'),
      ...[
        [shanhe, 'v1,10,1'],
        [shanhe, 'v2,10,0'],
        [yonghe, 'v3,12,0'],
        [yonghe, 'v4,12,1'],
      ].map(([t, rest]) => Buffer.concat([t as Buffer, Buffer.from(`,${rest}\r\n`)])),
    ];
    await writeFile(join(work, 'gbk.csv'), Buffer.concat(lines));
    const r = await run([
      'survey',
      'estimate',
      join(work, 'gbk.csv'),
      '--strata',
      'township',
      '--psu',
      'village',
      '--weight',
      'weight',
      '--proportion',
      'literate',
      '--by',
      'township',
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).groups.map((g: GroupEstimate) => g.group)).toEqual(['山河镇', '永和镇']);
  });
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

describe('kepu survey as a real process', () => {
  it('runs estimate from the shell with exit 0, and exits 2 on bad data', { timeout: 90_000 }, () => {
    const bin = ['--conditions=source', '--import', 'tsx', 'packages/cli/src/bin.ts'];
    const ok = spawnSync(
      process.execPath,
      [
        ...bin,
        'survey',
        'estimate',
        join(FIXTURES, 'apistrat.csv'),
        '--strata',
        'stype',
        '--weight',
        'pw',
        '--fpc',
        'fpc',
        '--mean',
        'api00',
        '--lang',
        'en',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Overall\s+200\s+662\.29\s+643\.\d+–680\.\d+\s+9\.4089/);
    const bad = spawnSync(
      process.execPath,
      [
        ...bin,
        'survey',
        'estimate',
        join(FIXTURES, 'apistrat.csv'),
        '--strata',
        'stype',
        '--weight',
        'name',
        '--mean',
        'api00',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/apistrat\.csv 第 2 行 “name”列：权数“.+”无效/);
  });
});
