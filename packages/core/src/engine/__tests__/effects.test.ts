import { describe, expect, it } from 'vitest';
import type { Scorecard } from '../../assessment/scorecard.js';
import { isKepuError } from '../../errors.js';
import type { KepuPlugin } from '../../plugin/plugin.js';
import { createMemoryStore } from '../../store/memory.js';
import type { KepuStore } from '../../store/types.js';
import { createEngine } from '../engine.js';
import type { EngineEvents } from '../events.js';
import { initialState } from '../state.js';
import { decide, parseCommand } from '../transition.js';
import { actors, fixtureScheme, manualClock, plan } from './fixture.js';
import { act, submit } from './helpers.js';

/** A memory store whose commits fail while `failing` is set, as a full disk or a lost connection would. */
function flakyStore(): { store: KepuStore; failing: { on: boolean } } {
  const inner = createMemoryStore();
  const failing = { on: false };
  const store: KepuStore = {
    ...inner,
    commit(batch) {
      if (failing.on) throw new Error('disk full');
      return inner.commit(batch);
    },
  };
  return { store, failing };
}

describe('effects follow the commit', () => {
  it('afterAssessment is not called when the commit of the run fails, and once when it succeeds', async () => {
    const seen: Scorecard[] = [];
    const county: KepuPlugin = {
      id: 'county',
      version: '1.0.0',
      kepu: '^0.1.0',
      schemes: [fixtureScheme],
      hooks: { afterAssessment: ({ scorecard }) => void seen.push(scorecard) },
    };
    const { store, failing } = flakyStore();
    const engine = await createEngine({ plans: [plan], plugins: [county], store, clock: manualClock() });
    const completed: Array<EngineEvents['assessment:completed']> = [];
    engine.on('assessment:completed', (e) => completed.push(e));
    const run = () => act(engine, actors.assessor, { type: 'run-assessment', period: '2024' });

    failing.on = true;
    const error = await run().catch((e: unknown) => e);
    expect(isKepuError(error) && error.code).toBe('store-failure');
    expect(seen).toEqual([]);
    expect(completed).toEqual([]);
    expect(engine.assessments()).toEqual([]);

    failing.on = false;
    await run();
    expect(seen).toHaveLength(1);
    expect(completed).toHaveLength(1);
    // The hook saw the scorecard that was stored.
    expect(seen[0]).toEqual(engine.assessments()[0]?.scorecard);
  });

  it('no event is emitted for a batch whose commit fails', async () => {
    const { store, failing } = flakyStore();
    const engine = await createEngine({ plans: [plan], store, clock: manualClock() });
    const events: string[] = [];
    engine.on('command:accepted', () => events.push('accepted'));
    engine.on('report:submitted', () => events.push('submitted'));
    failing.on = true;
    await expect(submit(engine)).rejects.toSatisfy((e: unknown) => isKepuError(e) && e.code === 'store-failure');
    expect(events).toEqual([]);
    expect(engine.getSnapshot().version).toBe(0);
  });

  it('decide returns the effects as data and performs none', () => {
    const command = parseCommand({
      type: 'submit-report',
      baseVersion: 0,
      task: '3.1.2',
      period: '2024',
      narrative: '二年级每周开设2节科学课。',
    });
    if (!command.ok) throw new Error('the command should parse');
    const context = {
      plans: new Map([[plan.id, plan]]),
      reporting: {
        cadence: 'annual',
        dueDaysAfterPeriodEnd: 15,
        due: {},
        timeZoneOffsetMinutes: 480,
        horizonDays: 14,
        obligations: [],
      },
    } as const;
    const state = initialState();
    const result = decide(context as never, state, actors.eduReporter, command.value, new Date('2025-01-02T00:00:00Z'));
    if (!result.ok) throw new Error(result.issues[0]?.message.en);
    expect(result.value.effects).toEqual([
      {
        kind: 'event',
        event: 'report:submitted',
        payload: {
          report: result.value.state.reports['rpt-1'],
          actor: { id: 'edu.reporter', role: 'reporter', unit: 'education' },
          resubmission: false,
        },
      },
    ]);
    expect(state.reports).toEqual({});
  });
});

describe('target watches judge as the scheme does', () => {
  it('an approval emits target:off-track under the scheme’s own thresholds, agreeing with the scorecard', async () => {
    // 9.45% in 2022, from 7.8% in 2020 towards 12% in 2025: about 98% of the growth expected by
    // then. On track by Open SDG's default (0.95); behind under a scheme that asks for 0.99.
    const strict = { ...fixtureScheme, thresholds: { onTrack: 0.99, needsAcceleration: 0.6, limitedProgress: 0 } };
    const engine = await createEngine({ plans: [plan], schemes: { [plan.id]: strict }, clock: manualClock() });
    const offTrack: Array<EngineEvents['target:off-track']> = [];
    engine.on('target:off-track', (e) => offTrack.push(e));
    const report = await submit(engine, actors.castReporter, {
      task: '3.1.3',
      period: '2022',
      observations: [{ target: 'literacy-rate-2025', numerator: 945, denominator: 10_000 }],
    });
    await act(engine, actors.eduReviewer, { type: 'approve-report', report });
    await act(engine, actors.assessor, { type: 'run-assessment', period: '2022' });
    const card = engine.assessments({ period: '2022' })[0]?.scorecard as Scorecard;
    const status = card.targets.find((t) => t.target === 'literacy-rate-2025')?.status;
    expect(status).toBe('needs-acceleration');
    expect(offTrack.map((e) => [e.target, e.watch.status, e.previous])).toEqual([
      ['literacy-rate-2025', status, 'no-data'],
    ]);
  });
});
