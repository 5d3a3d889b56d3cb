import { describe, expect, it } from 'vitest';
import type { Scorecard } from '../../assessment/scorecard.js';
import { isKepuError } from '../../errors.js';
import type { KepuPlugin } from '../../plugin/plugin.js';
import { createEngine } from '../engine.js';
import type { EngineEvents } from '../events.js';
import { actors, manualClock, plan, fixtureScheme as scheme } from './fixture.js';
import { submit } from './helpers.js';

const base = { version: '1.0.0', kepu: '^0.1.0' } as const;

async function runAssessment(engine: Awaited<ReturnType<typeof createEngine>>) {
  await engine.execute(actors.assessor, {
    type: 'run-assessment',
    baseVersion: engine.getSnapshot().version,
    plan: plan.id,
    period: '2024',
  });
  const run = engine.assessments({ plan: plan.id, period: '2024' }).at(-1);
  return run?.scorecard as Scorecard;
}

describe('the engine with county plugins', () => {
  it('uses the one scheme a plugin contributes for a plan, and runs before/after hooks contained', async () => {
    const seen: Scorecard[] = [];
    const county: KepuPlugin = {
      id: 'county',
      ...base,
      schemes: [scheme],
      hooks: {
        // Adds a derived observation: the assessment sees it.
        beforeAssessment: ({ inputs, period }) => ({
          ...inputs,
          observations: [...inputs.observations, { target: 'science-classes-grade-2', period, value: 2 }],
        }),
        afterAssessment: ({ scorecard }) => {
          seen.push(scorecard);
          (scorecard as { period: number }).period = 1999; // frozen: contained, reported
        },
      },
    };
    const errors: Array<EngineEvents['plugin:error']> = [];
    const engine = await createEngine({ plans: [plan], plugins: [county], clock: manualClock() });
    engine.on('plugin:error', (e) => errors.push(e));
    const card = await runAssessment(engine);
    expect(card.scheme.id).toBe('plugin-scheme');
    expect(card.targets.find((t) => t.target === 'science-classes-grade-2')?.value).toBe(2);
    expect(seen).toHaveLength(1);
    expect(card.period).toBe(2024);
    expect(errors.map((e) => `${e.plugin} ${e.hook}`)).toEqual(['county afterAssessment']);
  });

  it('ignores inputs a beforeAssessment hook returns when they do not validate', async () => {
    const engine = await createEngine({
      plans: [plan],
      clock: manualClock(),
      plugins: [
        { id: 'county', ...base, schemes: [scheme] },
        {
          id: 'broken-inputs',
          ...base,
          hooks: { beforeAssessment: () => ({ observations: [{ period: 2024 }] }) as never },
        },
      ],
    });
    const errors: string[] = [];
    engine.on('plugin:error', (e) => errors.push(`${e.plugin} ${e.hook}`));
    const card = await runAssessment(engine);
    expect(card.targets.find((t) => t.target === 'science-classes-grade-2')?.value).toBeNull();
    expect(errors).toEqual(['broken-inputs beforeAssessment']);
  });

  it('a slow validateReport is discarded, reported, and fails closed: the report is refused', async () => {
    const engine = await createEngine({
      plans: [plan],
      clock: manualClock(),
      hookBudgetMs: 1,
      plugins: [
        {
          id: 'slow',
          ...base,
          hooks: {
            validateReport: () => {
              const until = performance.now() + 20;
              while (performance.now() < until) {
                // busy: a hook that takes far longer than its budget
              }
              return [{ code: 'invalid-shape', path: [], message: { zh: '拒绝', en: 'deny' }, params: {} }];
            },
          },
        },
      ],
    });
    const errors: string[] = [];
    engine.on('plugin:error', (e) => errors.push(`${e.plugin} ${e.hook}`));
    await expect(submit(engine, actors.eduReporter)).rejects.toMatchObject({ code: 'plugin-failed' });
    expect(errors).toEqual(['slow validateReport']);
    expect(engine.getSnapshot().version).toBe(0);
  });

  it('refuses to start with a bad plugin, or starts without it on request', async () => {
    const bad = { id: 'bad', version: '1.0.0', kepu: '^9.0.0' };
    await expect(createEngine({ plans: [plan], plugins: [bad as KepuPlugin] })).rejects.toSatisfy(
      (e: unknown) => isKepuError(e) && e.code === 'plugin-incompatible',
    );
    const engine = await createEngine({
      plans: [plan],
      plugins: [bad as KepuPlugin, { id: 'good', ...base }],
      onInvalidPlugin: 'skip',
    });
    expect(engine.plugins.map((p) => p.id)).toEqual(['good']);
    expect(engine.pluginIssues.map((i) => i.code)).toEqual(['plugin-incompatible']);
  });

  it('serves the plans plugins contribute, with the units other plugins add', async () => {
    const other = structuredClone(plan) as unknown as { id: string; orgUnits: unknown[] };
    other.id = 'other-plan';
    const engine = await createEngine({
      plugins: [
        { id: 'county', ...base, plans: [other as never] },
        {
          id: 'towns',
          ...base,
          orgUnits: [{ plan: 'other-plan', units: [{ id: 'new-town', name: '新镇', kind: 'township' }] }],
        },
      ],
    });
    expect(engine.plans.get('other-plan')?.orgUnits.some((u) => u.id === 'new-town')).toBe(true);
    expect(Object.isFrozen(engine.plans.get('other-plan'))).toBe(true);
  });
});
