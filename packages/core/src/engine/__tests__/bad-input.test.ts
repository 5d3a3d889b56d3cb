import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../store/memory.js';
import { createEngine } from '../engine.js';
import { actors, manualClock, plan, sha } from './fixture.js';
import { expectDenied, outcome, setup, submit } from './helpers.js';

const report = (extra: Record<string, unknown> = {}) => ({
  type: 'submit-report',
  baseVersion: 0,
  task: '3.1.2',
  period: '2024',
  narrative: '进展。',
  ...extra,
});

// Every case: a command that must be refused with a typed error, change nothing, and be audited.
const CASES: ReadonlyArray<readonly [string, string, unknown]> = [
  ['not an object', 'invalid-shape', 42],
  ['null', 'invalid-shape', null],
  ['an unknown command type', 'invalid-shape', { type: 'delete-everything', baseVersion: 0 }],
  ['a missing narrative', 'invalid-shape', report({ narrative: undefined })],
  ['an empty narrative', 'invalid-shape', report({ narrative: '   ' })],
  ['an oversized narrative', 'invalid-shape', report({ narrative: '科'.repeat(20_001) })],
  [
    'an oversized return reason',
    'invalid-shape',
    { type: 'return-report', baseVersion: 0, report: 'rpt-1', reason: 'x'.repeat(2_001) },
  ],
  ['an extra field', 'invalid-shape', report({ approvedBy: 'me' })],
  ['a NaN baseVersion', 'invalid-shape', report({ baseVersion: Number.NaN })],
  ['a negative baseVersion', 'invalid-shape', report({ baseVersion: -1 })],
  ['a fractional baseVersion', 'invalid-shape', report({ baseVersion: 0.5 })],
  [
    'a NaN value',
    'invalid-shape',
    report({ observations: [{ target: 'science-classes-grade-2', value: Number.NaN }] }),
  ],
  [
    'an infinite value',
    'invalid-shape',
    report({ observations: [{ target: 'science-classes-grade-2', value: Number.POSITIVE_INFINITY }] }),
  ],
  ['a negative count', 'invalid-shape', report({ observations: [{ target: 'science-classes-grade-2', value: -2 }] })],
  [
    'a numerator above its denominator',
    'invalid-observation',
    report({ observations: [{ target: 'literacy-rate-2025', numerator: 5, denominator: 4 }] }),
  ],
  [
    'a zero denominator',
    'invalid-shape',
    report({ observations: [{ target: 'literacy-rate-2025', numerator: 0, denominator: 0 }] }),
  ],
  [
    'both a value and a rate',
    'invalid-observation',
    report({ observations: [{ target: 'literacy-rate-2025', value: 9, numerator: 9, denominator: 100 }] }),
  ],
  ['an observation of nothing', 'invalid-observation', report({ observations: [{ value: 1 }] })],
  [
    'a bad evidence hash',
    'invalid-shape',
    report({ evidence: [{ name: 'a.pdf', type: 'application/pdf', size: 1, sha256: 'abc' }] }),
  ],
  [
    'a negative evidence size',
    'invalid-shape',
    report({ evidence: [{ name: 'a.pdf', type: 'application/pdf', size: -1, sha256: sha('a') }] }),
  ],
  [
    'too many observations',
    'invalid-shape',
    report({ observations: Array.from({ length: 501 }, () => ({ target: 'science-classes-grade-2', value: 2 })) }),
  ],
  ['a malformed period', 'invalid-shape', report({ period: '2024-13' })],
  ['a malformed task path', 'invalid-shape', report({ task: 'three.one' })],
  ['a self-score above its maximum', 'invalid-shape', report({ selfScores: [{ item: 'x', score: 11, outOf: 10 }] })],
  ['an unknown task', 'unknown-reference', report({ task: '3.9.9' })],
  ['a section path as a task', 'unknown-reference', report({ task: '3.1' })],
  ['an unknown plan', 'unknown-reference', report({ plan: 'elsewhere-2022-2025' })],
  ['an unknown target', 'unknown-reference', report({ observations: [{ target: 'no-such-target', value: 1 }] })],
  [
    'an unknown indicator',
    'unknown-reference',
    report({ observations: [{ indicator: 'no-such-indicator', value: 1 }] }),
  ],
  ['an unknown report', 'unknown-reference', { type: 'approve-report', baseVersion: 0, report: 'rpt-404' }],
  ['a period before the plan', 'reporting-period-outside-plan', report({ period: '2021' })],
  ['a period after the plan', 'reporting-period-outside-plan', report({ period: '2026' })],
  ['a half-year under annual reporting', 'reporting-period-outside-plan', report({ period: '2024-H1' })],
  [
    'an assessment year outside the plan',
    'period-outside-plan',
    { type: 'run-assessment', baseVersion: 0, period: '2030' },
  ],
  [
    'a percentage for a rate',
    'invalid-observation',
    report({ observations: [{ target: 'literacy-rate-2025', value: 9.5 }] }),
  ],
  [
    'a rate for a count',
    'invalid-observation',
    report({ observations: [{ target: 'science-classes-grade-2', numerator: 1, denominator: 2 }] }),
  ],
  [
    'a value for a judgement',
    'invalid-observation',
    report({ observations: [{ target: 'imbalance-improved', value: 1 }] }),
  ],
  ['a boolean that is 2', 'invalid-observation', report({ observations: [{ indicator: 'column-opened', value: 2 }] })],
  [
    'an unknown category',
    'invalid-observation',
    report({
      observations: [{ indicator: 'weekly-science-classes', category: { 'grade-band': 'grade-9' }, value: 2 }],
    }),
  ],
  [
    'a category the target is not about',
    'invalid-observation',
    report({
      observations: [{ target: 'science-classes-grade-2', category: { 'grade-band': 'middle-school' }, value: 1 }],
    }),
  ],
  [
    'a target on another indicator',
    'invalid-observation',
    report({ observations: [{ target: 'science-classes-grade-2', indicator: 'literacy-rate', value: 1 }] }),
  ],
  [
    'a date outside the period',
    'invalid-observation',
    report({ observations: [{ target: 'science-classes-grade-2', value: 2, date: '2023-12-31' }] }),
  ],
];

describe('bad input: a typed error, nothing changes, the attempt is audited', () => {
  it.each(CASES)('%s → %s', async (_, code, command) => {
    const { engine, store } = await setup();
    // Each command goes to a role that may run its type, so that the role is not what refuses it.
    const type = (command as { type?: unknown } | null)?.type;
    const actor =
      type === 'approve-report' || type === 'return-report'
        ? actors.eduReviewer
        : type === 'run-assessment'
          ? actors.assessor
          : actors.eduReporter;
    await expectDenied(engine, store, code, () => engine.execute(actor, command));
  });

  it('an award or incident for a group, an unknown unit or another year’s date', async () => {
    const { engine, store } = await setup();
    const award = { type: 'record-award', baseVersion: 0, period: '2024', award: 'a', title: '奖' };
    await expectDenied(engine, store, 'unknown-org-unit', () =>
      engine.execute(actors.office, { ...award, unit: 'leading-group' }),
    );
    await expectDenied(engine, store, 'unknown-org-unit', () =>
      engine.execute(actors.office, { ...award, unit: 'nowhere' }),
    );
    await expectDenied(engine, store, 'invalid-shape', () =>
      engine.execute(actors.office, { ...award, unit: 'cast', date: '2023-05-01' }),
    );
    await expectDenied(engine, store, 'invalid-shape', () =>
      engine.execute(actors.assessor, {
        type: 'record-incident',
        baseVersion: 0,
        unit: 'yonghe',
        period: '2024',
        veto: 'x',
        description: 'd'.repeat(5_001),
      }),
    );
  });

  it('an actor that does not resolve, or is malformed, is denied as unknown-actor', async () => {
    const { engine, store } = await setup({ resolveActor: (ref) => (ref === 'wang' ? actors.eduReporter : undefined) });
    await expectDenied(engine, store, 'unknown-actor', () => engine.execute('li', report()));
    await expectDenied(engine, store, 'unknown-actor', () =>
      engine.execute({ id: 'x', role: 'admin' } as never, report()),
    );
    await expectDenied(engine, store, 'unknown-actor', () =>
      engine.execute({ id: 'x', role: 'reporter' } as never, report()),
    );
    expect(await outcome(engine, 'wang', report())).toBe('accepted');
    expect(store.data.audit.at(-1)?.actor).toEqual({ id: 'edu.reporter', role: 'reporter', unit: 'education' });
  });

  it('an actor whose unit is not in the plan, or who is bound to another plan, is refused', async () => {
    const { engine, store } = await setup();
    await expectDenied(engine, store, 'unknown-org-unit', () =>
      engine.execute({ id: 'x', role: 'reporter', unit: 'nowhere' }, report()),
    );
    await expectDenied(engine, store, 'forbidden', () =>
      engine.execute({ ...actors.eduReporter, plan: 'other-plan' }, report()),
    );
  });

  it('a denied command is audited without the data that made it invalid', async () => {
    const { engine, store } = await setup();
    await outcome(engine, actors.eduReporter, { type: 'submit-report', baseVersion: 0, narrative: 'x'.repeat(50_000) });
    const entry = store.data.audit.at(-1);
    expect(entry?.command).toEqual({ type: 'submit-report', invalid: true });
    expect(JSON.stringify(entry).length).toBeLessThan(2_000);
  });

  it('an engine with several plans needs the plan named', async () => {
    const other = { ...plan, id: 'other-2022-2025' };
    const engine = await createEngine({ plans: [plan, other], clock: manualClock() });
    expect(await outcome(engine, actors.eduReporter, report())).toBe('unknown-reference');
    expect(await outcome(engine, actors.eduReporter, report({ plan: 'other-2022-2025' }))).toBe('accepted');
  });

  it('invalid or duplicate plans are refused at creation with every issue', async () => {
    await expect(createEngine({ plans: [plan, plan] })).rejects.toMatchObject({ code: 'duplicate-id' });
    await expect(createEngine({ plans: [{ ...plan, orgUnits: [] }] })).rejects.toMatchObject({
      code: 'unknown-org-unit',
    });
  });

  it('a disposed engine refuses commands', async () => {
    const { engine } = await setup();
    await engine.dispose();
    await expect(submit(engine)).rejects.toMatchObject({ code: 'engine-disposed' });
  });

  it('law: arbitrary junk as a command is refused with a typed error and changes nothing', async () => {
    const engine = await createEngine({ plans: [plan], store: createMemoryStore(), clock: manualClock() });
    await fc.assert(
      fc.asyncProperty(fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true }), async (junk) => {
        const before = engine.getSnapshot();
        const code = await outcome(engine, actors.eduReporter, junk);
        expect(code).not.toBe('accepted');
        expect(engine.getSnapshot()).toBe(before);
      }),
      { numRuns: 200 },
    );
  });

  it('law: an arbitrary mutation of a valid command is either accepted whole or refused with a typed error', async () => {
    const { engine } = await setup();
    const base = report({
      observations: [{ target: 'science-classes-grade-2', value: 2 }],
      evidence: [{ name: 'a.pdf', type: 'application/pdf', size: 10, sha256: sha('c') }],
    });
    const keys = ['type', 'baseVersion', 'task', 'period', 'narrative', 'observations', 'evidence', 'plan', 'id'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.anything(), async (key, value) => {
        const before = engine.getSnapshot();
        const code = await outcome(engine, actors.eduReporter, { ...base, baseVersion: before.version, [key]: value });
        if (code === 'accepted') {
          expect(engine.getSnapshot().version).toBe(before.version + 1);
          // Free the slot again for the next run.
          const last = Object.values(engine.getSnapshot().reports).find((r) => r.version === before.version + 1);
          await engine.execute(actors.eduReporter, {
            type: 'withdraw-report',
            baseVersion: engine.getSnapshot().version,
            report: last?.id,
          });
        } else expect(engine.getSnapshot()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });
});

describe('an observation refused by its shape', () => {
  it('gets the shared rule’s code and its words in each language, as a pre-check would', async () => {
    const { checkObservation } = await import('../../rules/observation.js');
    const { parseCommand } = await import('../transition.js');
    const observation = { target: 'literacy-rate-2025', numerator: 312 };
    const parsed = parseCommand({
      type: 'submit-report',
      baseVersion: 0,
      period: '2024',
      narrative: 'x',
      observations: [observation],
    });
    expect(parsed.ok).toBe(false);
    const [fromEngine] = parsed.ok ? [] : parsed.issues;
    const [fromRules] = checkObservation(plan, '2024', observation, ['observations', 0]);
    expect(fromEngine?.code).toBe('invalid-observation');
    expect(fromEngine?.code).toBe(fromRules?.code);
    expect(fromEngine?.path).toEqual(fromRules?.path);
    expect(fromEngine?.message).toEqual(fromRules?.message);
    expect(fromEngine?.message.zh).not.toMatch(/[a-z]{4,}/);
  });
});
