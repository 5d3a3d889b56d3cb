import { readFileSync } from 'node:fs';
import { createEngine } from '@kepu/core';
import { loadPlugins } from '@kepu/core/plugin';
import { testCountyPlugin } from '@kepu/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { ZHENGNING_PLAN_ID, zhengning, zhengningScheme } from '../index.js';

describe('zhengning() as a plugin', () => {
  testCountyPlugin(zhengning(), { lawRuns: 8, runs: 5 });

  it('carries the version of its package.json', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(zhengning().version).toBe(manifest.version);
  });

  it('without townships, leaves out the township units and the township sheet', () => {
    const set = loadPlugins([zhengning({ townships: false })]);
    expect(set.plans.get(ZHENGNING_PLAN_ID)?.orgUnits.some((u) => u.kind === 'township')).toBe(false);
    expect([...set.schemes.values()][0]?.sheets.map((s) => s.id)).toEqual(['department']);
  });

  it('takes a county’s own scheme, and refuses one whose bands overlap, naming the plugin', () => {
    const own = { ...structuredClone(zhengningScheme), id: 'zhengning-strict' } as never;
    expect([...loadPlugins([zhengning({ scheme: own })]).schemes.keys()]).toEqual(['zhengning-strict']);
    const overlapping = structuredClone(zhengningScheme) as { sheets: Array<{ grades: Array<{ min: number }> }> };
    (overlapping.sheets[0]?.grades[1] as { min: number }).min = 70;
    const set = loadPlugins([zhengning({ scheme: overlapping as never })], { onInvalid: 'skip' });
    expect(set.skipped).toEqual(['zhengning']);
    expect(set.issues[0]?.path.slice(0, 3)).toEqual(['plugins', 'zhengning', 'schemes']);
  });

  it('is what an engine needs to serve the plan and assess it', async () => {
    const engine = await createEngine({ plugins: [zhengning()] });
    expect(engine.plugins.map((p) => p.id)).toEqual(['zhengning']);
    expect(engine.plans.get(ZHENGNING_PLAN_ID)?.county.name).toBe('正宁县');
  });
});
