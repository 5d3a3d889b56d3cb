import { readFileSync } from 'node:fs';
import {
  assess,
  defaultRules,
  parseScheme,
  parseSchemeOverride,
  SCHEME_RULES,
  sheetMembers,
  tasksOfUnit,
  validateScheme,
} from '@kepu/core';
import { contentHash } from '@kepu/core/assessment';
import { describe, expect, it } from 'vitest';
import {
  ZHENGNING_DEPARTMENT_IDS,
  ZHENGNING_TOWNSHIP_IDS,
  zhengningPlan,
  zhengningScheme,
  zhengningSchemeInput,
} from '../index.js';

describe('the Zhengning default scheme', () => {
  it('validates against the plan', () => {
    const result = validateScheme(zhengningSchemeInput, zhengningPlan);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('assesses the fifteen departments on one sheet and the ten townships on the other', () => {
    const [departments, townships] = zhengningScheme.sheets;
    expect(sheetMembers(zhengningPlan, departments as never).sort()).toEqual([...ZHENGNING_DEPARTMENT_IDS].sort());
    expect(sheetMembers(zhengningPlan, townships as never).sort()).toEqual([...ZHENGNING_TOWNSHIP_IDS].sort());
  });

  it('gives each sheet 100 points: organisation 20, results 50, safeguards 30', () => {
    for (const sheet of zhengningScheme.sheets) {
      expect(sheet.maxScore).toBe(100);
      expect(sheet.groups.map((g) => [g.id, g.items.reduce((s, i) => s + i.points, 0)])).toEqual([
        ['organisation', 20],
        ['results', 50],
        ['safeguards', 30],
      ]);
    }
  });

  it('grades 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 < 60, with at most 30% 优秀', () => {
    for (const sheet of zhengningScheme.sheets) {
      expect(sheet.grades.map((g) => [g.name, g.min, g.max])).toEqual([
        ['优秀', 90, 100],
        ['良好', 80, 90],
        ['合格', 60, 80],
        ['不合格', 0, 60],
      ]);
      expect(sheet.topGradeCap).toEqual({ share: 0.3 });
      expect(sheet.bonus.cap).toBe(5);
      expect(sheet.vetoes.map((v) => v.id)).toEqual(['falsification', 'pseudo-science-incident']);
    }
  });

  it('lets leads carry a task’s result in full and scores partners on their own item', () => {
    const departments = zhengningScheme.sheets[0];
    expect(departments?.sharing).toEqual({ lead: 1, partner: 0 });
    const items = departments?.groups.flatMap((g) => g.items) ?? [];
    expect(items.find((i) => i.id === 'dept-led-tasks')?.sources).toEqual([
      { kind: 'tasks', roles: ['lead'], weight: 1 },
    ]);
    expect(items.find((i) => i.id === 'dept-partner-work')?.rule).toBe('reviewer');
  });

  it('every department leads at least one task, so its results item always applies', () => {
    for (const id of ZHENGNING_DEPARTMENT_IDS) expect(tasksOfUnit(zhengningPlan, id).lead.length).toBeGreaterThan(0);
  });

  it('counts a reviewer item without a review as 0 (marked), and rescales items without data', () => {
    for (const sheet of zhengningScheme.sheets) {
      expect(sheet.missing).toEqual({ policy: 'rescale', minCoverage: 0.6 });
      for (const item of sheet.groups.flatMap((g) => g.items)) {
        expect(item.missing ?? 'rescale').toBe(item.rule === 'reviewer' ? 'zero' : 'rescale');
      }
    }
  });

  it('records every rule of both sheets as Kepu’s default, and the scorecard carries the mark', () => {
    for (const sheet of zhengningScheme.sheets) expect(defaultRules(sheet)).toEqual([...SCHEME_RULES]);
    const card = assess(zhengningPlan, zhengningScheme, { observations: [] }, { period: 2023 });
    for (const sheet of card.sheets) expect(sheet.defaults).toEqual([...SCHEME_RULES]);
  });

  it('stops marking a rule as default once a county overrides it', () => {
    const county = parseSchemeOverride(
      zhengningScheme,
      { base: zhengningScheme.id, id: 'county-cap', sheets: { township: { topGradeCap: { share: 0.2 } } } },
      zhengningPlan,
    );
    const card = assess(zhengningPlan, county, { observations: [] }, { period: 2023 });
    expect(card.sheets.find((s) => s.sheet === 'township')?.defaults).not.toContain('topGradeCap');
    expect(card.sheets.find((s) => s.sheet === 'township')?.defaults).toContain('grades');
    expect(card.sheets.find((s) => s.sheet === 'department')?.defaults).toContain('topGradeCap');
  });

  it('names the grassroots base as the plan does: 新时代文明实践中心, not 站', () => {
    const item = zhengningScheme.sheets[1]?.groups.flatMap((g) => g.items).find((i) => i.id === 'township-grassroots');
    expect(item?.name).toContain('新时代文明实践中心');
    expect(JSON.stringify(zhengningSchemeInput)).not.toContain('新时代文明实践站');
  });

  it('has a content hash that survives a JSON round trip', () => {
    const copy = parseScheme(JSON.parse(JSON.stringify(zhengningSchemeInput)), zhengningPlan);
    expect(contentHash(copy)).toBe(contentHash(zhengningScheme));
  });

  it('assesses the sample inputs of examples/ without errors', () => {
    const inputs = JSON.parse(readFileSync(new URL('../../examples/sample-inputs.json', import.meta.url), 'utf8'));
    const card = assess(zhengningPlan, zhengningScheme, inputs, { period: 2024 });
    expect(card.sheets.map((s) => s.units.filter((u) => u.assessed).length)).toEqual([15, 10]);
    expect(card.targets.every((t) => t.status !== 'no-data')).toBe(true);
  });
});
