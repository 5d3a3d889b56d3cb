import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Estimate, estimateByGroup, estimateGap, estimateProportion, type GroupEstimate } from '@kepu/survey';
import { beforeAll, describe, expect, it } from 'vitest';
import { DESIGN, demo, expectPrinted, FIXTURES, run, viaJson, writeDemoRound } from './survey-helpers.js';

let dir = '';

beforeAll(async () => {
  dir = await writeDemoRound();
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
