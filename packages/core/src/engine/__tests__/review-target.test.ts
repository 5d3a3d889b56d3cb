import { describe, expect, it } from 'vitest';
import { toAssessmentInputs } from '../assessment-inputs.js';
import type { EngineEvents } from '../events.js';
import { actors, plan, sha } from './fixture.js';
import { act, expectDenied, setup } from './helpers.js';

// Qualitative targets are judged by a reviewer: `review-target` records that judgement, and the
// assessment reads it as a review of the target.

const assessor = { id: 'inspection', role: 'assessor', unit: 'leading-group' } as const;
const review = (extra: Record<string, unknown> = {}) => ({
  type: 'review-target',
  target: 'imbalance-improved',
  period: '2024',
  score: 7,
  outOf: 10,
  narrative: '城乡科学素质差距由 3.1 个百分点缩小到 2.4 个百分点。',
  evidence: [{ name: '2024年城乡差距说明.txt', type: 'text/plain', size: 120, sha256: sha('a'), filed: true }],
  ...extra,
});

describe('review-target', () => {
  it('records a review of a qualitative target, emits target:reviewed, and the assessment reads it', async () => {
    const { engine } = await setup();
    const heard: EngineEvents['target:reviewed'][] = [];
    engine.on('target:reviewed', (e) => heard.push(e));
    const result = await act(engine, assessor, review());
    expect(result.target.kind).toBe('targetReviews');
    const stored = engine.getSnapshot().targetReviews[result.target.id];
    expect(stored).toMatchObject({
      target: 'imbalance-improved',
      period: '2024',
      reviewer: 'leading-group',
      score: 7,
      outOf: 10,
      revision: 1,
      recordedBy: 'inspection',
    });
    expect(heard).toHaveLength(1);
    expect(heard[0]?.review.id).toBe(result.target.id);
    expect(heard[0]?.replaced).toBeUndefined();

    const inputs = toAssessmentInputs(plan, engine.getSnapshot(), 2024);
    expect(inputs.reviews).toEqual([
      expect.objectContaining({
        target: 'imbalance-improved',
        period: 2024,
        score: 7,
        outOf: 10,
        reviewer: { unit: 'leading-group' },
        evidence: [{ title: '2024年城乡差距说明.txt', ref: `sha256:${sha('a')}`, filed: true }],
      }),
    ]);
    expect(toAssessmentInputs(plan, engine.getSnapshot(), 2023).reviews).toEqual([]);
  });

  it('the plan office may review too', async () => {
    const { engine } = await setup();
    const result = await act(engine, actors.office, review());
    expect(engine.getSnapshot().targetReviews[result.target.id]?.reviewer).toBe('cast');
  });

  it('a later review of the same target and year by the same reviewer replaces the earlier one', async () => {
    const { engine, store } = await setup();
    const heard: EngineEvents['target:reviewed'][] = [];
    engine.on('target:reviewed', (e) => heard.push(e));
    const first = await act(engine, assessor, review());
    const other = await act(engine, actors.office, review({ score: 5 }));
    const second = await act(engine, assessor, review({ score: 8, narrative: '复核后上调。' }));
    expect(second.target.id).toBe(first.target.id);
    const reviews = engine.getSnapshot().targetReviews;
    expect(Object.keys(reviews).sort()).toEqual([first.target.id, other.target.id].sort());
    expect(reviews[first.target.id]).toMatchObject({ score: 8, revision: 2 });
    expect(heard.at(-1)?.replaced?.score).toBe(7);
    // A new id replaces the old record, which is removed.
    const third = await act(engine, assessor, review({ id: 'rev-2024-final', score: 9 }));
    const after = engine.getSnapshot().targetReviews;
    expect(after[first.target.id]).toBeUndefined();
    expect(after[third.target.id]).toMatchObject({ score: 9, revision: 3, replaces: first.target.id });
    const inputs = toAssessmentInputs(plan, engine.getSnapshot(), 2024);
    expect(inputs.reviews?.map((r) => r.score).sort()).toEqual([5, 9]);
    // Audited: every review is in the log, and the log rebuilds the state.
    expect(store.data.audit.filter((e) => (e.command as { type: string }).type === 'review-target')).toHaveLength(4);
    expect((await engine.verifyAudit()).ok).toBe(true);
    expect(await engine.rebuild()).toEqual(engine.getSnapshot());
    // Replacing a review the caller has not seen is stale.
    await expectDenied(engine, store, 'version-conflict', () =>
      engine.execute(assessor, { ...review(), baseVersion: engine.getSnapshot().version - 1 }),
    );
  });

  it.each([
    ['a reporter', actors.eduReporter, review(), 'forbidden'],
    ['a lead reviewer', actors.eduReviewer, review(), 'forbidden'],
    ['an observer', actors.observer, review(), 'forbidden'],
    ['an assessor without an org unit', actors.assessor, review(), 'unknown-org-unit'],
    ['a quantitative target', assessor, review({ target: 'science-bases-county' }), 'invalid-review'],
    ['an unknown target', assessor, review({ target: 'no-such-target' }), 'unknown-reference'],
    ['a year before the plan', assessor, review({ period: '2021' }), 'period-outside-plan'],
    ['a year after the plan', assessor, review({ period: '2026' }), 'period-outside-plan'],
    ['a score above outOf', assessor, review({ score: 11 }), 'invalid-shape'],
    ['a negative score', assessor, review({ score: -1 }), 'invalid-shape'],
    ['a NaN score', assessor, review({ score: Number.NaN }), 'invalid-shape'],
    ['an infinite outOf', assessor, review({ outOf: Number.POSITIVE_INFINITY }), 'invalid-shape'],
    ['an outOf of 0', assessor, review({ score: 0, outOf: 0 }), 'invalid-shape'],
    [
      'evidence without filed',
      assessor,
      review({ evidence: [{ name: 'a', type: 'text/plain', size: 1, sha256: sha('b') }] }),
      'invalid-shape',
    ],
    ['a sub-annual period', assessor, review({ period: '2024-H1' }), 'invalid-shape'],
  ] as const)('denies %s', async (_, actor, command, code) => {
    const { engine, store } = await setup();
    await expectDenied(engine, store, code, () => act(engine, actor, command));
  });

  it('a chosen id that names another review is duplicate-id', async () => {
    const { engine, store } = await setup();
    await act(engine, actors.office, review({ id: 'rev-a' }));
    await expectDenied(engine, store, 'duplicate-id', () => act(engine, assessor, review({ id: 'rev-a' })));
  });
});
