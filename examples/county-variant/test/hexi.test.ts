import { assess, containsChinese, createEngine, parsePlan } from '@kepu/core';
import { loadPlugins } from '@kepu/core/plugin';
import { zhengning } from '@kepu/plan-zhengning';
import { testCountyPlugin } from '@kepu/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import {
  demonstrationLevel,
  hexi,
  hexiPlanInput,
  hexiSchemeInput,
  requireDemonstrationEvidence,
} from '../src/index.js';

describe('the Hexi County plugin', () => {
  testCountyPlugin(hexi({ strict: true }), {
    lawRuns: 10,
    runs: 5,
  });

  it('scores the 科普示范县 level with its own kind: provincial is 3 of 4 levels', () => {
    const plan = parsePlan(hexiPlanInput);
    const card = assess(
      plan,
      hexiSchemeInput,
      { observations: [{ target: 'national-demo-county', period: 2024, code: 'provincial' }] },
      { period: 2024, targetKinds: [demonstrationLevel] },
    );
    const target = card.targets.find((t) => t.target === 'national-demo-county');
    expect(target?.value).toBe(3);
    expect(demonstrationLevel.format?.(3, plan.indicators.find((i) => i.id === 'demo-county-level')!, 'zh')).toBe(
      '省级',
    );
  });

  it('denies a demonstration-level report without evidence', () => {
    const plan = parsePlan(hexiPlanInput);
    const input = {
      plan,
      report: { id: 'r', plan: plan.id, task: '3.1.1', unit: 'cast', period: '2024' },
      revision: {
        narrative: '',
        observations: [{ indicator: 'demo-county-level', code: 'city' }],
        evidence: [],
        selfScores: [],
      },
      state: { version: 0, reports: {}, findings: {}, awards: {}, incidents: {}, targetReviews: {}, assessments: {} },
    };
    const issues = requireDemonstrationEvidence(input);
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([['hexi/no-certificate', 'revision.evidence']]);
    expect(containsChinese(issues[0]?.message.en ?? '证')).toBe(false);
    expect(issues[0]?.message.zh).toContain('命名文件或证书');
  });

  it('loads beside Zhengning in one engine, and each county is assessed on its own scheme', async () => {
    const set = loadPlugins([hexi(), zhengning()]);
    expect(set.plugins.map((p) => p.id)).toEqual(['hexi', 'zhengning']);
    expect([...set.errorCodes.keys()]).toEqual(['hexi/no-certificate']);
    const engine = await createEngine({ plugins: [zhengning(), hexi()] });
    expect([...engine.plans.keys()].sort()).toEqual(['hexi-2021-2025', 'zhengning-2022-2025']);
    for (const [plan, scheme] of [
      ['hexi-2021-2025', 'hexi-2021-2025'],
      ['zhengning-2022-2025', 'zhengning-default'],
    ] as const) {
      await engine.execute(
        { id: 'assessor', role: 'assessor' },
        { type: 'run-assessment', baseVersion: engine.getSnapshot().version, plan, period: '2024' },
      );
      const card = engine.assessments({ plan, period: '2024' }).at(-1)?.scorecard as { scheme: { id: string } };
      expect(card.scheme.id).toBe(scheme);
    }
  });
});
