import { validPlanArbitrary } from '@kepu/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKepuError } from '../../errors.js';
import type { PlanInput } from '../../plan.js';
import { loadPlugins } from '../load-plugins.js';
import type { KepuPlugin } from '../plugin.js';
import { satisfiesRange } from '../version.js';

function plan(id: string): PlanInput {
  return {
    schemaVersion: 1,
    id,
    county: { id: 'c', name: '某县' },
    meta: { title: '方案', issuer: '某县政府办', period: { start: 2021, end: 2025 } },
    orgUnits: [{ id: 'edu', name: '县教育局', kind: 'government-department' }],
    parts: [
      {
        path: '3',
        code: '三',
        title: '行动',
        kind: 'actions',
        sections: [
          {
            path: '3.1',
            code: '（一）',
            title: '节',
            tasks: [{ path: '3.1.1', code: '1', title: '任务', leads: ['edu'] }],
          },
        ],
      },
    ],
  };
}

const plugin = (id: string, extra: Partial<KepuPlugin> = {}): KepuPlugin => ({
  id,
  version: '1.0.0',
  kepu: '^0.1.0',
  ...extra,
});

describe('loadPlugins', () => {
  it('loads plans, merges unit directories and locales, in a deterministic order', () => {
    const set = loadPlugins([
      plugin('zeta', { locales: { zh: { hello: '你好 Z' } } }),
      plugin('alpha', { plans: [plan('p1')], locales: { zh: { hello: '你好 A', bye: '再见' } } }),
      plugin('towns', {
        order: 'post',
        orgUnits: [{ plan: 'p1', units: [{ id: 'town-a', name: '甲镇', kind: 'township' }] }],
      }),
    ]);
    expect(set.plugins.map((p) => p.id)).toEqual(['alpha', 'zeta', 'towns']);
    expect(set.plans.get('p1')?.orgUnits.map((u) => u.id)).toEqual(['edu', 'town-a']);
    expect(set.planOwners.get('p1')).toBe('alpha');
    expect(set.locales.zh).toEqual({ hello: '你好 Z', bye: '再见' });
    expect(set.issues).toEqual([]);
  });

  it('law: the load order does not depend on the order the host lists plugins in', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(ids, { minLength: 5, maxLength: 5 }),
        fc.array(fc.constantFrom('pre', 'normal', 'post'), { minLength: 5, maxLength: 5 }),
        (order, buckets) => {
          const make = (list: string[]) => list.map((id) => plugin(id, { order: buckets[ids.indexOf(id)] as 'pre' }));
          expect(loadPlugins(make(order)).plugins.map((p) => p.id)).toEqual(
            loadPlugins(make(ids)).plugins.map((p) => p.id),
          );
        },
      ),
    );
  });

  it('a plugin of the wrong shape is a typed error naming the plugin and the field', () => {
    try {
      loadPlugins([{ id: 'broken', version: 'one', kepu: '^0.1.0', hooks: { validateReport: 42 } }]);
      expect.unreachable();
    } catch (error) {
      expect(isKepuError(error)).toBe(true);
      if (!isKepuError(error)) return;
      expect(error.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
        ['plugin-invalid', 'plugins.broken.version'],
        ['plugin-invalid', 'plugins.broken.hooks.validateReport'],
      ]);
      expect(error.issues[0]?.message.zh).toContain('插件“broken”');
    }
  });

  it('refuses an incompatible API range and a duplicate id, naming the plugin', () => {
    const set = loadPlugins([plugin('old', { kepu: '^2.0.0' }), plugin('twice'), plugin('twice')], {
      onInvalid: 'skip',
    });
    expect(set.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['plugin-incompatible', 'plugins.old.kepu'],
      ['plugin-duplicate', 'plugins.twice.id'],
    ]);
    expect(set.plugins.map((p) => p.id)).toEqual(['twice']);
    expect(set.skipped).toEqual(['old']);
  });

  it('detects two plugins defining one plan id and one unit id', () => {
    const set = loadPlugins(
      [
        plugin('a', { plans: [plan('p1')] }),
        plugin('b', { plans: [plan('p1')] }),
        plugin('c', { orgUnits: [{ plan: 'p1', units: [{ id: 'edu', name: '又一个教育局', kind: 'other' }] }] }),
      ],
      { onInvalid: 'skip' },
    );
    expect(set.issues.map((i) => [i.code, i.path.join('.'), i.params.other])).toEqual([
      ['plugin-conflict', 'plugins.b.plans.0.id', 'a'],
      ['plugin-conflict', 'plugins.c.orgUnits.0.units.0.id', 'a'],
    ]);
    expect(set.plugins.map((p) => p.id)).toEqual(['a']);
    expect(set.plans.get('p1')?.orgUnits).toHaveLength(1);
  });

  it('an invalid plan is reported under its plugin’s path and, with skip, the engine goes on without it', () => {
    const broken = plan('p2');
    broken.parts[0]!.sections![0]!.tasks![0]!.leads = ['ghost'];
    const set = loadPlugins([plugin('good', { plans: [plan('p1')] }), plugin('bad', { plans: [broken] })], {
      onInvalid: 'skip',
    });
    expect(set.issues.map((i) => [i.code, i.path.join('.'), i.params.plugin])).toEqual([
      ['unknown-org-unit', 'plugins.bad.plans.0.parts.0.sections.0.tasks.0.leads.0', 'bad'],
    ]);
    expect([...set.plans.keys()]).toEqual(['p1']);
    expect(set.skipped).toEqual(['bad']);
  });

  it('a bad unit directory does not take down the good plan it targets', () => {
    const set = loadPlugins(
      [
        plugin('county', { plans: [plan('p1')] }),
        plugin('towns', { orgUnits: [{ plan: 'p1', units: [{ id: 'Bad Id', name: '', kind: 'township' }] }] }),
      ],
      { onInvalid: 'skip' },
    );
    expect(set.issues.every((i) => i.path[1] === 'towns')).toBe(true);
    expect(set.plans.get('p1')?.orgUnits.map((u) => u.id)).toEqual(['edu']);
    expect(set.plugins.map((p) => p.id)).toEqual(['county']);
  });

  it('host plans can be extended but not redefined', () => {
    const host = loadPlugins([plugin('h', { plans: [plan('p1')] })]).plans.get('p1')!;
    const set = loadPlugins([plugin('again', { plans: [plan('p1')] })], { plans: [host], onInvalid: 'skip' });
    expect(set.issues[0]).toMatchObject({ code: 'plugin-conflict', params: { other: '(host)' } });
  });

  it('law: any value in the plugin list yields a result or a KepuError, never a raw exception', () => {
    fc.assert(
      fc.property(fc.array(fc.anything()), (values) => {
        try {
          loadPlugins(values, { onInvalid: 'skip' });
        } catch (error) {
          if (!isKepuError(error)) throw error;
        }
      }),
    );
  });

  it('law: every valid generated plan loads through a plugin unchanged', () => {
    fc.assert(
      fc.property(validPlanArbitrary, (input) => {
        const set = loadPlugins([plugin('gen', { plans: [input] })]);
        expect(set.plans.get(input.id)?.id).toBe(input.id);
      }),
    );
  });
});

describe('satisfiesRange', () => {
  it.each([
    ['0.1.0', '^0.1.0', true],
    ['0.1.9', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['1.4.0', '^1.2.0', true],
    ['2.0.0', '^1.2.0', false],
    ['1.2.9', '~1.2.0', true],
    ['1.3.0', '~1.2.0', false],
    ['1.5.0', '>=1.0.0 <2', true],
    ['2.0.0', '>=1.0.0 <2', false],
    ['3.1.0', '>=1.0.0 <2 || ^3.0.0', true],
    ['1.9.9', '1.x', true],
    ['2.0.0', '1.x', false],
    ['1.5.0', '1.0.0 - 2.0.0', true],
    ['2.0.1', '1.0.0 - 2.0.0', false],
    ['0.0.3', '^0.0.3', true],
    ['0.0.4', '^0.0.3', false],
    ['9.9.9', '*', true],
    ['1.0.0', 'garbage', false],
    ['not-a-version', '*', false],
  ])('%s in %s is %s', (version, range, expected) => {
    expect(satisfiesRange(version, range)).toBe(expected);
  });
});

describe('scheme contributions and overrides', () => {
  const scheme = {
    schemaVersion: 1 as const,
    id: 'base-scheme',
    name: '基础方案',
    version: '1',
    plan: 'p1',
    sheets: [
      {
        id: 'departments',
        name: '部门',
        members: { orgUnitKinds: ['government-department' as const] },
        groups: [
          {
            id: 'results',
            name: '成效',
            items: [
              {
                id: 'led',
                name: '牵头任务',
                points: 80,
                rule: 'proportional' as const,
                sources: [{ kind: 'tasks' as const, roles: ['lead' as const] }],
              },
              { id: 'review', name: '评议', points: 20, rule: 'reviewer' as const },
            ],
          },
        ],
        grades: [
          { id: 'good', name: '好', min: 80, max: 100 },
          { id: 'bad', name: '差', min: 0, max: 80 },
        ],
      },
    ],
  };

  it('loads a scheme for a plugin’s plan and an override made by another plugin', () => {
    const set = loadPlugins([
      plugin('county', { plans: [plan('p1')], schemes: [scheme] }),
      plugin('stricter', {
        order: 'post',
        schemeOverrides: [
          {
            base: 'base-scheme',
            id: 'strict-scheme',
            sheets: {
              departments: {
                items: { led: { points: 60 }, review: { points: 40 } },
                sharing: { partner: 0.25 },
                vetoes: { add: [{ id: 'fraud', name: '弄虚作假' }] },
                grades: [
                  { id: 'good', name: '好', min: 85, max: 100 },
                  { id: 'bad', name: '差', min: 0, max: 85 },
                ],
              },
            },
          },
        ],
      }),
    ]);
    const strict = set.schemes.get('strict-scheme');
    expect(strict?.version).toBe('1+strict-scheme');
    expect(strict?.sheets[0]?.groups[0]?.items.map((i) => i.points)).toEqual([60, 40]);
    expect(strict?.sheets[0]?.sharing.partner).toBe(0.25);
    expect(strict?.sheets[0]?.vetoes.map((v) => v.id)).toEqual(['fraud']);
    // The base is untouched.
    expect(set.schemes.get('base-scheme')?.sheets[0]?.groups[0]?.items[0]?.points).toBe(80);
  });

  it('an override whose bands overlap is a typed error naming the plugin; skip leaves the base loaded', () => {
    const set = loadPlugins(
      [
        plugin('county', { plans: [plan('p1')], schemes: [scheme] }),
        plugin('overlap', {
          schemeOverrides: [
            {
              base: 'base-scheme',
              id: 'bad-bands',
              sheets: {
                departments: {
                  grades: [
                    { id: 'good', name: '好', min: 70, max: 100 },
                    { id: 'bad', name: '差', min: 0, max: 80 },
                  ],
                },
              },
            },
          ],
        }),
      ],
      { onInvalid: 'skip' },
    );
    expect(set.issues.length).toBeGreaterThan(0);
    expect(set.issues.every((i) => i.path[1] === 'overlap' && i.params.plugin === 'overlap')).toBe(true);
    expect(set.issues.map((i) => i.code)).toContain('grade-band-overlap');
    expect([...set.schemes.keys()]).toEqual(['base-scheme']);
    expect(set.skipped).toEqual(['overlap']);
  });

  it('an override of an unknown item or sheet, or of a missing base, names what is missing', () => {
    const set = loadPlugins(
      [
        plugin('county', { plans: [plan('p1')], schemes: [scheme] }),
        plugin('typo', {
          schemeOverrides: [
            { base: 'base-scheme', id: 'x', sheets: { departments: { items: { lde: { points: 1 } } }, townships: {} } },
          ],
        }),
        plugin('orphan', { schemeOverrides: [{ base: 'nope', id: 'y', sheets: {} }] }),
      ],
      { onInvalid: 'skip' },
    );
    expect(set.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['unknown-reference', 'plugins.orphan.schemeOverrides.0.base'],
      ['unknown-reference', 'plugins.typo.schemeOverrides.0.sheets.departments.items.lde'],
      ['unknown-reference', 'plugins.typo.schemeOverrides.0.sheets.townships'],
    ]);
  });

  it('two plugins defining one scheme id conflict', () => {
    const set = loadPlugins(
      [plugin('a', { plans: [plan('p1')], schemes: [scheme] }), plugin('b', { schemes: [scheme] })],
      { onInvalid: 'skip' },
    );
    expect(set.issues[0]).toMatchObject({
      code: 'plugin-conflict',
      params: { plugin: 'b', other: 'a', kind: 'scheme' },
    });
  });
});
