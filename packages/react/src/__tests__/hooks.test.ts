// @vitest-environment happy-dom
import {
  type Actor,
  createEngine,
  createMemoryStore,
  type Engine,
  indexPlan,
  responsibilityMatrix,
  tasksByAudience,
  tasksOfUnit,
} from '@kepu/core';
import { assessWithSchemes } from '@kepu/core/engine';
import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
import { act, cleanup, render, renderHook } from '@testing-library/react';
import { createElement as h, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ActorProvider,
  fieldOfIssue,
  KepuProvider,
  useActor,
  useAssessmentRuns,
  useEngineEvent,
  useKepuSelector,
  usePlan,
  useReport,
  useReports,
  useResponsibilityMatrix,
  useReviewQueue,
  useScorecard,
  useSubmitReport,
  useTargetStatus,
  useTasks,
} from '../index.js';

const actors = {
  eduReporter: { id: 'edu.reporter', role: 'reporter', unit: 'education' },
  castReporter: { id: 'cast.reporter', role: 'reporter', unit: 'cast' },
  eduReviewer: { id: 'edu.reviewer', role: 'lead-reviewer', unit: 'education' },
  castReviewer: { id: 'cast.reviewer', role: 'lead-reviewer', unit: 'cast' },
  assessor: { id: 'assessor', role: 'assessor' },
  observer: { id: 'observer', role: 'observer' },
} as const satisfies Record<string, Actor>;

let engine: Engine;
beforeEach(async () => {
  engine = await createEngine({
    plans: [zhengningPlan],
    store: createMemoryStore(),
    clock: { now: () => new Date('2025-01-10T02:00:00Z') },
    assessment: assessWithSchemes({ [zhengningPlan.id]: zhengningScheme }),
  });
});
afterEach(async () => {
  cleanup();
  await engine.dispose();
});

function wrapper(actor?: Actor) {
  return ({ children }: { children: ReactNode }) => h(KepuProvider, { engine, ...(actor ? { actor } : {}) }, children);
}

interface Box<T> {
  renders: number;
  value: T;
}

/** Calls `hook` and counts its own renders. */
function Probe<T>({ hook, box }: { hook: () => T; box: Box<T> }) {
  box.renders++;
  box.value = hook();
  return null;
}

/** Renders `hook` in a component that counts its renders. */
function counted<T>(hook: () => T, actor?: Actor): Box<T> {
  const box: Box<T> = { renders: 0, value: undefined as T };
  render(h(Probe<T>, { hook, box }), { wrapper: wrapper(actor) });
  return box;
}

const submit = (actor: Actor, task: string, narrative = '已按计划推进。') =>
  engine.execute(actor, {
    type: 'submit-report',
    baseVersion: engine.getSnapshot().version,
    task,
    period: '2024',
    narrative,
  });

describe('provider and plan hooks', () => {
  it('usePlan gives the engine’s plan; without a provider the hooks say how to fix it', () => {
    const { result } = renderHook(() => usePlan(), { wrapper: wrapper() });
    expect(result.current).toBe(engine.plans.get(zhengningPlan.id));
    expect(result.current.id).toBe(zhengningPlan.id);
    expect(() => renderHook(() => usePlan())).toThrow(/KepuProvider/);
    expect(() => renderHook(() => usePlan('no-such-plan'), { wrapper: wrapper() })).toThrow(/no plan "no-such-plan"/);
  });

  it('useTasks narrows by unit, role and audience, in document order, as core’s queries do', () => {
    const { result } = renderHook(
      () => ({
        all: useTasks(),
        eduLead: useTasks({ unit: 'education', role: 'lead' }),
        castAny: useTasks({ unit: 'cast' }),
        youth: useTasks({ audience: 'youth' }),
        youthCast: useTasks({ audience: 'youth', unit: 'cast', role: 'lead' }),
      }),
      { wrapper: wrapper() },
    );
    const paths = (tasks: readonly { path: string }[]) => tasks.map((t) => t.path);
    expect(result.current.all).toHaveLength(indexPlan(zhengningPlan).tasks.length);
    expect(paths(result.current.eduLead)).toEqual(paths(tasksOfUnit(zhengningPlan, 'education').lead));
    // Every task has the leading group as partner, and cast is a member: it is on every task.
    expect(result.current.castAny).toHaveLength(33);
    expect(paths(result.current.youth)).toEqual(paths(tasksByAudience(zhengningPlan, 'youth')));
    expect(paths(result.current.youthCast)).toEqual(['3.1.3']);
  });

  it('useResponsibilityMatrix equals core’s matrix and keeps its identity across renders', () => {
    const { result, rerender } = renderHook(() => useResponsibilityMatrix(), { wrapper: wrapper() });
    const first = result.current;
    expect(first).toEqual(responsibilityMatrix(zhengningPlan));
    rerender();
    expect(result.current).toBe(first);
  });

  it('plan hooks never re-render on engine changes', async () => {
    const box = counted(() => [usePlan(), useTasks({ unit: 'education' }), useResponsibilityMatrix()]);
    await act(() => submit(actors.eduReporter, '3.1.2'));
    await act(() => submit(actors.castReporter, '4.2.3'));
    expect(box.renders).toBe(1);
  });

  it('useActor reads ActorProvider, and the innermost provider wins', () => {
    const { result } = renderHook(() => useActor(), {
      wrapper: ({ children }) =>
        h(KepuProvider, { engine, actor: actors.observer }, h(ActorProvider, { actor: actors.eduReporter }, children)),
    });
    expect(result.current).toBe(actors.eduReporter);
    const outer = renderHook(() => useActor(), { wrapper: wrapper(actors.observer) });
    expect(outer.result.current).toBe(actors.observer);
  });
});

describe('re-render only when the selected slice changes', () => {
  it('a unit’s report list re-renders for its own reports, never for another unit’s', async () => {
    const edu = counted(() => useReports({ unit: 'education' }, { actor: null }));
    const cast = counted(() => useReports({ unit: 'cast' }, { actor: null }));
    expect([edu.renders, cast.renders]).toEqual([1, 1]);

    await act(() => submit(actors.eduReporter, '3.1.2'));
    expect(edu.value).toHaveLength(1);
    expect([edu.renders, cast.renders]).toEqual([2, 1]);

    await act(() => submit(actors.castReporter, '4.2.3'));
    await act(() => submit(actors.castReporter, '4.2.2'));
    expect(cast.value).toHaveLength(2);
    expect([edu.renders, cast.renders]).toEqual([2, 3]);
  });

  it('a scorecard re-renders only when a new run of its period is made', async () => {
    const card2024 = counted(() => useScorecard({ period: '2024' }));
    const card2023 = counted(() => useScorecard({ period: '2023' }));
    expect(card2024.value).toBeUndefined();

    await act(() => submit(actors.eduReporter, '3.1.2'));
    expect([card2024.renders, card2023.renders]).toEqual([1, 1]);

    await act(() =>
      engine.execute(actors.assessor, {
        type: 'run-assessment',
        baseVersion: engine.getSnapshot().version,
        period: '2024',
      }),
    );
    expect(card2024.renders).toBe(2);
    expect(card2023.renders).toBe(1);
    expect(card2024.value?.run.run).toBe(1);
    expect(card2024.value?.scorecard.sheets.map((s) => s.sheet)).toEqual(['department', 'township']);

    await act(() => submit(actors.castReporter, '4.2.3'));
    expect(card2024.renders).toBe(2);

    await act(() =>
      engine.execute(actors.assessor, {
        type: 'run-assessment',
        baseVersion: engine.getSnapshot().version,
        period: '2024',
      }),
    );
    expect(card2024.renders).toBe(3);
    expect(card2024.value?.run.run).toBe(2);
  });

  it('useReviewQueue re-renders when its queue changes, not for reports it does not review', async () => {
    const eduQueue = counted(() => useReviewQueue(), actors.eduReviewer);
    expect(eduQueue.value).toEqual([]);

    // Task 4.2.3 is led by cast alone: not education's queue.
    await act(() => submit(actors.castReporter, '4.2.3'));
    expect(eduQueue.renders).toBe(1);

    const { target } = await act(() => submit(actors.eduReporter, '3.1.2'));
    expect(eduQueue.renders).toBe(2);
    expect(eduQueue.value.map((r) => r.id)).toEqual([target.id]);

    await act(() =>
      engine.execute(actors.eduReviewer, {
        type: 'approve-report',
        baseVersion: engine.getSnapshot().version,
        report: target.id,
      }),
    );
    expect(eduQueue.value).toEqual([]);
    expect(eduQueue.renders).toBe(3);
  });

  it('useKepuSelector bails out when a recomputed value is equal, even with an inline selector', async () => {
    const count = counted(() =>
      useKepuSelector((state) => Object.values(state.reports).filter((r) => r.status === 'approved').length),
    );
    await act(() => submit(actors.eduReporter, '3.1.2'));
    await act(() => submit(actors.castReporter, '4.2.3'));
    expect(count.renders).toBe(1);
    expect(count.value).toBe(0);
  });

  it('useReport follows one report only', async () => {
    const { target } = await submit(actors.eduReporter, '3.1.2');
    const one = counted(() => useReport(target.id));
    await act(() => submit(actors.castReporter, '4.2.3'));
    expect(one.renders).toBe(1);
    await act(() =>
      engine.execute(actors.eduReviewer, {
        type: 'return-report',
        baseVersion: engine.getSnapshot().version,
        report: target.id,
        reason: '请补充各年级课时安排表。',
      }),
    );
    expect(one.renders).toBe(2);
    expect(one.value?.status).toBe('returned');
  });
});

describe('report visibility', () => {
  it('useReports shows an actor only what its role may read', async () => {
    await submit(actors.eduReporter, '3.1.2');
    await submit(actors.castReporter, '4.2.3');
    const reporter = renderHook(() => useReports(), { wrapper: wrapper(actors.eduReporter) });
    expect(reporter.result.current.map((r) => r.unit)).toEqual(['education']);
    const observer = renderHook(() => useReports(), { wrapper: wrapper(actors.observer) });
    expect(observer.result.current).toEqual([]);
    const everyone = renderHook(() => useReports({}, { actor: null }), { wrapper: wrapper(actors.observer) });
    expect(everyone.result.current).toHaveLength(2);
  });
});

describe('report submission', () => {
  const fields = ['task', 'period', 'narrative', 'observations.0.value', 'observations.0.target'];

  it('maps the engine’s validation errors to form fields', async () => {
    const { result } = renderHook(() => useSubmitReport({ fields }), { wrapper: wrapper(actors.castReporter) });
    let outcome: unknown = 'not run';
    await act(async () => {
      outcome = await result.current.submit({
        task: '4.2.3',
        period: '2024',
        narrative: '   ',
        observations: [{ target: 'science-china-items', value: -5 }],
      });
    });
    expect(outcome).toBeUndefined();
    expect(Object.keys(result.current.errors).sort()).toEqual(['narrative', 'observations.0.value']);
    expect(result.current.errors.narrative?.[0]?.code).toBe('invalid-shape');
    expect(result.current.errors.narrative?.[0]?.message.zh).toMatch(/数据格式不符合要求/);
    expect(result.current.formErrors).toEqual([]);
    expect(result.current.pending).toBe(false);
    expect(engine.getSnapshot().version).toBe(0);
  });

  it('puts observation errors the engine finds against the plan at their field', async () => {
    const { result } = renderHook(() => useSubmitReport({ fields }), { wrapper: wrapper(actors.castReporter) });
    await act(async () => {
      await result.current.submit({
        task: '4.2.3',
        period: '2024',
        narrative: '全年推送科普信息。',
        observations: [{ target: 'no-such-target', value: 5 }],
      });
    });
    expect(result.current.errors['observations.0.target']?.[0]?.code).toBe('unknown-reference');
  });

  it('reports permission errors and conflicts as form errors, duplicates at the period', async () => {
    const { result } = renderHook(() => useSubmitReport({ fields }), { wrapper: wrapper(actors.castReporter) });
    await act(async () => {
      await result.current.submit({ task: '3.1.2', period: '2031', narrative: '说明' });
    });
    expect(result.current.errors.period?.[0]?.code).toBe('reporting-period-outside-plan');

    // Townships neither lead nor partner any task: a township reporter may not report on one.
    const township = { id: 'shanhe.reporter', role: 'reporter', unit: 'shanhe' } as const;
    const other = renderHook(() => useSubmitReport({ fields }), { wrapper: wrapper(township) });
    await act(async () => {
      await other.result.current.submit({ task: '4.2.3', period: '2024', narrative: '说明' });
    });
    expect(other.result.current.formErrors.map((i) => i.code)).toEqual(['forbidden']);
    expect(other.result.current.errors).toEqual({});

    await act(async () => {
      await result.current.submit({ task: '4.2.3', period: '2024', narrative: '第一次' });
    });
    expect(result.current.result?.target.kind).toBe('reports');
    expect(result.current.errors).toEqual({});
    await act(async () => {
      await result.current.submit({ task: '4.2.3', period: '2024', narrative: '第二次' });
    });
    expect(result.current.errors.period?.[0]?.code).toBe('duplicate-report');
    expect(result.current.formErrors).toEqual([]);
  });

  it('a stale resubmission is a form-level version conflict', async () => {
    const { target } = await submit(actors.eduReporter, '3.1.2');
    await engine.execute(actors.eduReviewer, {
      type: 'return-report',
      baseVersion: engine.getSnapshot().version,
      report: target.id,
      reason: '请补充。',
    });
    const { result } = renderHook(() => useSubmitReport(), { wrapper: wrapper(actors.eduReporter) });
    await act(async () => {
      await result.current.resubmit(target.id, { narrative: '已补充。', baseVersion: 1 });
    });
    expect(result.current.formErrors.map((i) => i.code)).toEqual(['version-conflict']);
    await act(async () => {
      await result.current.resubmit(target.id, { narrative: '已补充。' });
    });
    expect(result.current.formErrors).toEqual([]);
    expect(engine.getSnapshot().reports[target.id]?.status).toBe('submitted');
  });

  it('pending is true while the command runs, and only the form re-renders', async () => {
    const list = counted(() => useReports({ unit: 'education' }, { actor: null }));
    const { result } = renderHook(() => useSubmitReport(), { wrapper: wrapper(actors.castReporter) });
    let promise: Promise<unknown> = Promise.resolve();
    act(() => {
      promise = result.current.submit({ task: '4.2.3', period: '2024', narrative: '说明' });
    });
    expect(result.current.pending).toBe(true);
    await act(async () => {
      await promise;
    });
    expect(result.current.pending).toBe(false);
    expect(list.renders).toBe(1);
  });

  it('without an actor, submitting rejects with the fix', async () => {
    const { result } = renderHook(() => useSubmitReport(), { wrapper: wrapper() });
    await act(async () => {
      await expect(result.current.submit({ task: '4.2.3', period: '2024', narrative: '说明' })).rejects.toThrow(
        /ActorProvider/,
      );
    });
  });

  it('fieldOfIssue: dotted paths, form-level heads, and the longest listed field', () => {
    const issue = (path: (string | number)[]) => ({ path });
    expect(fieldOfIssue(issue(['narrative']))).toBe('narrative');
    expect(fieldOfIssue(issue(['observations', 2, 'numerator']))).toBe('observations.2.numerator');
    expect(fieldOfIssue(issue(['baseVersion']))).toBeUndefined();
    expect(fieldOfIssue(issue([]))).toBeUndefined();
    expect(fieldOfIssue(issue(['observations', 0, 'date']), ['observations', 'observations.0'])).toBe('observations.0');
    expect(fieldOfIssue(issue(['evidence', 0]), ['narrative'])).toBeUndefined();
  });
});

describe('assessment hooks', () => {
  it('useTargetStatus reads the latest run; useAssessmentRuns lists runs in order', async () => {
    const { target } = await engine.execute(actors.castReporter, {
      type: 'submit-report',
      baseVersion: 0,
      task: '4.2.3',
      period: '2024',
      narrative: '全年传播科普中国信息 21.5 万条。',
      observations: [{ target: 'science-china-items', value: 215_000 }],
    });
    await engine.execute(actors.castReviewer, {
      type: 'approve-report',
      baseVersion: engine.getSnapshot().version,
      report: target.id,
    });
    const status = counted(() => useTargetStatus('science-china-items', { period: '2024' }));
    const runs = counted(() => useAssessmentRuns({ period: '2024' }));
    expect(status.value).toBeUndefined();
    await act(() =>
      engine.execute(actors.assessor, {
        type: 'run-assessment',
        baseVersion: engine.getSnapshot().version,
        period: '2024',
      }),
    );
    expect(status.value?.status).toBe('achieved');
    expect(status.value?.value).toBe(215_000);
    expect(runs.value.map((r) => r.run)).toEqual([1]);
    await act(() =>
      engine.execute(actors.assessor, {
        type: 'run-assessment',
        baseVersion: engine.getSnapshot().version,
        period: '2024',
      }),
    );
    expect(runs.value.map((r) => r.run)).toEqual([1, 2]);
  });

  it('useScorecard without a period follows the latest period that has a run', async () => {
    const latest = counted(() => useScorecard());
    expect(latest.value).toBeUndefined();
    const run = (period: string) =>
      act(() =>
        engine.execute(actors.assessor, { type: 'run-assessment', baseVersion: engine.getSnapshot().version, period }),
      );
    await run('2023');
    expect(latest.value?.run.period).toBe('2023');
    await run('2024');
    await run('2022');
    expect(latest.value?.run.period).toBe('2024');
    expect(latest.renders).toBe(3);
  });

  it('useEngineEvent hears events while mounted, with the latest listener', async () => {
    const heard: string[] = [];
    const { unmount } = renderHook(
      () => useEngineEvent('report:submitted', ({ report }) => heard.push(report.task ?? 'summary')),
      { wrapper: wrapper() },
    );
    await act(() => submit(actors.eduReporter, '3.1.2'));
    unmount();
    await act(() => submit(actors.castReporter, '4.2.3'));
    expect(heard).toEqual(['3.1.2']);
  });
});
