import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assess, type Scorecard } from '@kepu/core';
import { zhengningPlan, zhengningScheme, zhengningSchemeInput } from '@kepu/plan-zhengning';
import { describe, expect, it } from 'vitest';
import { renderScorecard } from '../format/scorecard.js';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

const SAMPLE = resolve(import.meta.dirname, '../../../plan-zhengning/examples/sample-inputs.json');

async function run(argv: string[], cwd?: string) {
  const io = createMemoryIO(cwd ? { cwd } : {});
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

async function tempFile(name: string, content: unknown): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kepu-assess-'));
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return { dir, path };
}

describe('kepu assess', () => {
  it('prints a Chinese scorecard: targets with status and forecast, department and township rankings', async () => {
    const { code, out, err } = await run(['assess', '--inputs', SAMPLE, '--period', '2024']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('2024 年度督查考核记分卡');
    expect(out).toContain(zhengningPlan.meta.title);
    expect(out).toMatch(/方案哈希: sha256:[0-9a-f]{64}/);
    expect(out).toContain('■ 目标进展');
    expect(out).toMatch(/到2025年全县公民具备科学素质的比例.*需加快进度.*2025: /);
    expect(out).toContain('■ 县直成员单位 考核排名');
    expect(out).toContain('■ 乡镇 考核排名');
    expect(out).toMatch(/\n\s+1\s+县卫健局\s+92\.00\s+优秀/);
    expect(out).toMatch(/五顷塬回族乡.*不合格.*一票否决/);
    expect(out).toContain('优秀比例上限 30%（默认）：最多 4 个');
    expect(out).toContain('（默认）本表的考核项目及分值、等次划分、优秀比例上限');
    expect(out).toContain('1 条评审没有已在县科协归档的佐证材料，未计入');
  });

  it('prints English with --lang en', async () => {
    const { code, out } = await run(['assess', '--inputs', SAMPLE, '--period', '2024', '--lang', 'en']);
    expect(code).toBe(0);
    expect(out).toContain('Assessment scorecard, 2024');
    expect(out).toContain('needs acceleration');
    expect(out).toContain('Member departments: ranking');
    expect(out).toContain('Top grade capped at 30% (default)');
  });

  it('prints the scorecard as JSON with --json, equal to assess() and explained', async () => {
    const { code, out } = await run(['assess', '--inputs', SAMPLE, '--period', '2024', '--json']);
    expect(code).toBe(0);
    const card = JSON.parse(out) as Scorecard;
    expect(card.format).toBe('kepu-scorecard');
    const inputs = JSON.parse(await (await import('node:fs/promises')).readFile(SAMPLE, 'utf8'));
    expect(card).toEqual(JSON.parse(JSON.stringify(assess(zhengningPlan, zhengningScheme, inputs, { period: 2024 }))));
    for (const sheet of card.sheets)
      for (const u of sheet.units) {
        if (u.score === null) continue;
        expect(u.breakdown.reduce((s, l) => s + l.points, 0)).toBeCloseTo(u.score, 9);
        expect(u.explanations.score.formula).toContain(String(u.score));
      }
  });

  it('reads another scheme with --scheme and refuses one whose bands leave a gap', async () => {
    const scheme = structuredClone(zhengningSchemeInput) as {
      sheets: Array<{ grades: Array<{ min: number; max: number }>; topGradeCap?: unknown }>;
    };
    for (const sheet of scheme.sheets) sheet.topGradeCap = undefined;
    const ok = await tempFile('scheme.json', scheme);
    const uncapped = await run(['assess', '--inputs', SAMPLE, '--period', '2024', '--scheme', ok.path, '--json']);
    expect(uncapped.code).toBe(0);
    expect((JSON.parse(uncapped.out) as Scorecard).sheets[0]?.topGradeCap).toBeNull();
    const first = scheme.sheets[0]?.grades[1];
    if (first) first.min = 82;
    const bad = await tempFile('bad.json', scheme);
    const refused = await run(['assess', '--inputs', SAMPLE, '--period', '2024', '--scheme', bad.path]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('[grade-band-gap]');
  });

  it('marks the default scheme’s rules （默认） where shown, and a county’s own scheme not at all', async () => {
    const defaults = await run(['assess', '--inputs', SAMPLE, '--period', '2024']);
    expect(defaults.out).toMatch(/等次（默认）/);
    expect(defaults.out).toMatch(/一票否决（默认）：/);
    // The county adopts the same rules as its own: its own name, every sheet's origin 'county'.
    const own = structuredClone(zhengningSchemeInput) as { name: string; sheets: Array<{ origin?: string }> };
    own.name = '正宁县督查考核评分办法';
    for (const sheet of own.sheets) sheet.origin = 'county';
    const file = await tempFile('county.json', own);
    const county = await run(['assess', '--inputs', SAMPLE, '--period', '2024', '--scheme', file.path]);
    expect(county.code).toBe(0);
    expect(county.out).toContain('优秀比例上限 30%：最多 4 个');
    expect(county.out).not.toContain('默认');
  });

  it('exits 2 with a usage error for a missing --inputs or a bad --period', async () => {
    const missing = await run(['assess', '--period', '2024']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('缺少 --inputs');
    const badPeriod = await run(['assess', '--inputs', SAMPLE, '--period', 'next-year']);
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.err).toContain('--period');
  });

  it('exits 2 and lists typed errors for bad inputs or a period outside the plan', async () => {
    const outside = await run(['assess', '--inputs', SAMPLE, '--period', '2030']);
    expect(outside.code).toBe(2);
    expect(outside.err).toContain('[period-outside-plan]');
    const { path } = await tempFile('inputs.json', {
      observations: [
        { target: 'no-such-target', period: 2024, value: 1 },
        { indicator: 'literacy-rate', period: 2024, value: 11 },
      ],
    });
    const bad = await run(['assess', '--inputs', path, '--period', '2024', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('2 problem(s) found');
    expect(bad.err).toContain('[unknown-reference]');
    expect(bad.err).toContain('[invalid-observation]');
  });

  it('is listed in kepu --help and has its own help', async () => {
    expect((await run(['--help'])).out).toContain('kepu assess');
    const help = await run(['assess', '--help']);
    expect(help.out).toContain('--inputs');
    expect(help.out).toContain('--period');
  });

  it('renders from a pure function: the same scorecard gives the same text, and no data shows as 无数据', () => {
    const card = assess(zhengningPlan, zhengningScheme, { observations: [] }, { period: 2023 });
    const text = renderScorecard(card, zhengningPlan, 'zh');
    expect(renderScorecard(card, zhengningPlan, 'zh')).toBe(text);
    expect(text).toContain('无数据');
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(text).toContain('未评估（数据不足，不给分数、等次和名次）');
  });
});
