import { describe, expect, it } from 'vitest';
import { assess } from '../../assessment/assess.js';
import { isKepuError } from '../../errors.js';
import type { PlanInput } from '../../plan.js';
import { parsePlan, validatePlan } from '../../validate.js';
import { loadPlugins } from '../load-plugins.js';
import type { TargetKindDefinition } from '../target-kind.js';
import { resolveCustomObservations } from '../target-kind.js';

const ordinal: TargetKindDefinition = {
  id: 'ordinal-level',
  name: { zh: '等级', en: 'ordinal level' },
  check: (indicator) =>
    Array.isArray(indicator.params?.levels) &&
    (indicator.params.levels as unknown[]).every((l) => typeof l === 'string')
      ? []
      : ['params.levels must list the levels in order'],
  toValue: ({ code }, indicator) => {
    const levels = indicator.params?.levels as string[];
    const at = code === undefined ? -1 : levels.indexOf(code);
    return at < 0 ? undefined : at;
  },
  format: (value, indicator) => String(((indicator.params?.levels ?? []) as string[])[value] ?? value),
};

const input: PlanInput = {
  schemaVersion: 1,
  id: 'ordinal-plan',
  county: { id: 'c', name: '某县' },
  meta: { title: '方案', issuer: '县政府办', period: { start: 2021, end: 2025 } },
  orgUnits: [{ id: 'cast', name: '县科协', kind: 'mass-organisation' }],
  parts: [
    {
      path: '3',
      code: '三',
      title: '工程',
      kind: 'projects',
      sections: [
        {
          path: '3.1',
          code: '（一）',
          title: '基础设施',
          tasks: [{ path: '3.1.1', code: '1', title: '创建全国科普示范县', leads: ['cast'] }],
        },
      ],
    },
  ],
  indicators: [
    {
      id: 'demo-county',
      name: '科普示范县创建等级',
      unit: '',
      valueType: 'custom',
      kind: 'ordinal-level',
      params: { levels: ['none', 'county', 'city', 'provincial', 'national'] },
      temporal: 'stock',
      source: 'review',
    },
  ],
  targets: [
    {
      kind: 'quantitative',
      id: 'demo-county-national',
      title: '成功创建全国科普示范县',
      indicator: 'demo-county',
      links: ['3.1.1'],
      baseline: { value: 2, year: 2021, note: 'city level in 2021' },
      comparator: { op: 'gte', value: 4, word: '力争' },
      cadence: 'by-deadline',
      deadline: { year: 2025 },
    },
  ],
};

const scheme = {
  schemaVersion: 1 as const,
  id: 'ord-scheme',
  name: '方案',
  version: '1',
  plan: 'ordinal-plan',
  sheets: [
    {
      id: 'd',
      name: '单位',
      members: { orgUnitKinds: ['mass-organisation' as const] },
      groups: [
        {
          id: 'g',
          name: '成效',
          items: [
            {
              id: 'i',
              name: '示范县',
              points: 100,
              rule: 'proportional' as const,
              sources: [{ kind: 'target' as const, target: 'demo-county-national' }],
            },
          ],
        },
      ],
      grades: [{ id: 'a', name: '合格', min: 0, max: 100 }],
    },
  ],
};

describe('plugin-defined indicator kinds', () => {
  const plan = parsePlan(input);

  it('a custom indicator must name its kind, and only a custom one may', () => {
    const broken = structuredClone(input);
    delete broken.indicators![0]!.kind;
    const r = validatePlan(broken);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['inconsistent-indicator']);
  });

  it('turns codes into the kind’s numbers; core then measures attainment from the baseline', () => {
    const card = assess(
      plan,
      scheme,
      { observations: [{ target: 'demo-county-national', period: 2023, code: 'provincial' }] },
      { period: 2023, targetKinds: [ordinal] },
    );
    const e = card.targets[0]!;
    expect(e.value).toBe(3);
    // From city (2) toward national (4): half way.
    expect(e.attainment).toBeCloseTo(0.5, 10);
    expect(card.sheets[0]?.units[0]?.score).toBeCloseTo(50, 6);
  });

  it('an unknown code, a missing kind, or a code on an ordinary indicator is a typed error', () => {
    const unknown = resolveCustomObservations(
      plan,
      { observations: [{ target: 'demo-county-national', period: 2023, code: 'galactic' }] },
      [ordinal],
    );
    expect(!unknown.ok && unknown.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid-observation', 'observations.0.code'],
    ]);
    const noKind = resolveCustomObservations(
      plan,
      { observations: [{ target: 'demo-county-national', period: 2023, code: 'city' }] },
      [],
    );
    expect(!noKind.ok && noKind.issues[0]?.code).toBe('unknown-reference');
    try {
      assess(
        plan,
        scheme,
        { observations: [{ target: 'demo-county-national', period: 2023, code: 'galactic' }] },
        { period: 2023, targetKinds: [ordinal] },
      );
      expect.unreachable();
    } catch (error) {
      expect(isKepuError(error) && error.code).toBe('invalid-observation');
    }
  });

  it('a kind whose rule throws is contained as a bad observation', () => {
    const throwing: TargetKindDefinition = {
      ...ordinal,
      toValue: () => {
        throw new Error('boom');
      },
    };
    const r = resolveCustomObservations(
      plan,
      { observations: [{ target: 'demo-county-national', period: 2023, code: 'city' }] },
      [throwing],
    );
    expect(!r.ok && r.issues[0]?.message.en).toContain('boom');
  });

  it('plugins contribute kinds; a plan using an undefined kind, bad params or a second definition is refused with the plugin named', () => {
    const ok = loadPlugins([
      { id: 'county', version: '1.0.0', kepu: '^0.1.0', plans: [input], targetKinds: [ordinal] },
    ]);
    expect(ok.targetKinds.map((k) => k.id)).toEqual(['ordinal-level']);
    const missing = loadPlugins([{ id: 'county', version: '1.0.0', kepu: '^0.1.0', plans: [input] }], {
      onInvalid: 'skip',
    });
    expect(missing.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['unknown-reference', 'plugins.county.plans.0.indicators.0.kind'],
    ]);
    const badParams = structuredClone(input);
    badParams.indicators![0]!.params = { levels: 3 };
    const params = loadPlugins(
      [{ id: 'county', version: '1.0.0', kepu: '^0.1.0', plans: [badParams], targetKinds: [ordinal] }],
      { onInvalid: 'skip' },
    );
    expect(params.issues[0]).toMatchObject({
      code: 'inconsistent-indicator',
      path: ['plugins', 'county', 'plans', 0, 'indicators', 0, 'params'],
    });
    const twice = loadPlugins(
      [
        { id: 'a', version: '1.0.0', kepu: '^0.1.0', targetKinds: [ordinal] },
        { id: 'b', version: '1.0.0', kepu: '^0.1.0', targetKinds: [ordinal] },
      ],
      { onInvalid: 'skip' },
    );
    expect(twice.issues[0]).toMatchObject({
      code: 'plugin-conflict',
      params: { plugin: 'b', other: 'a', kind: 'target kind' },
    });
  });
});
