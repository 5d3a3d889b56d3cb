import { describe, expect, it, vi } from 'vitest';
import { createIssue } from '../../errors.js';
import type { EngineEvents } from '../events.js';
import { actors, sha } from './fixture.js';
import { act, expectDenied, setup, submit } from './helpers.js';

describe('the report workflow', () => {
  it('submit → return with a reason → resubmit → approve keeps every revision and decision', async () => {
    const { engine } = await setup();
    const id = await submit(engine, actors.eduReporter, {
      evidence: [{ name: '课表.pdf', type: 'application/pdf', size: 1024, sha256: sha('a') }],
    });
    expect(engine.getSnapshot().reports[id]).toMatchObject({ status: 'submitted', unit: 'education', task: '3.1.2' });

    await act(engine, actors.eduReviewer, { type: 'return-report', report: id, reason: '请附上课表照片。' });
    expect(engine.getSnapshot().reports[id]?.status).toBe('returned');

    await act(engine, actors.eduReporter, { type: 'resubmit-report', report: id, narrative: '已附课表照片。' });
    await act(engine, actors.eduReviewer, { type: 'approve-report', report: id, comment: '同意。' });

    const report = engine.getSnapshot().reports[id];
    expect(report?.status).toBe('approved');
    expect(report?.revisions.map((r) => r.narrative)).toEqual(['二年级每周开设2节科学课。', '已附课表照片。']);
    expect(report?.decisions.map((d) => [d.action, d.by, d.reason ?? d.comment])).toEqual([
      ['returned', 'edu.reviewer', '请附上课表照片。'],
      ['approved', 'edu.reviewer', '同意。'],
    ]);
    expect(report?.version).toBe(4);
  });

  it('a withdrawn report frees the slot for a new one; an active one blocks a duplicate', async () => {
    const { engine, store } = await setup();
    const first = await submit(engine);
    await expectDenied(engine, store, 'duplicate-report', () => submit(engine));
    await act(engine, actors.eduReporter, { type: 'withdraw-report', report: first, reason: '填错了任务。' });
    const second = await submit(engine);
    expect(second).not.toBe(first);
    expect(engine.reports({ task: '3.1.2' }).map((r) => r.status)).toEqual(['withdrawn', 'submitted']);
  });

  it('an approved report cannot be withdrawn, returned or approved again', async () => {
    const { engine, store } = await setup();
    const id = await submit(engine);
    await act(engine, actors.eduReviewer, { type: 'approve-report', report: id });
    await expectDenied(engine, store, 'invalid-transition', () =>
      act(engine, actors.eduReporter, { type: 'withdraw-report', report: id }),
    );
    const secondReviewer = { id: 'edu.reviewer.2', role: 'lead-reviewer', unit: 'education' } as const;
    await expectDenied(engine, store, 'invalid-transition', () =>
      act(engine, secondReviewer, { type: 'approve-report', report: id }),
    );
    await expectDenied(engine, store, 'invalid-transition', () =>
      act(engine, actors.office, { type: 'return-report', report: id, reason: '重新审核' }),
    );
  });

  it('nobody approves their own report, even acting in another role', async () => {
    const { engine, store } = await setup();
    const id = await submit(engine, actors.eduReporter);
    await expectDenied(engine, store, 'self-approval', () =>
      act(engine, actors.eduReporterAsReviewer, { type: 'approve-report', report: id }),
    );
    // …nor after someone else resubmitted it: every author of a revision is excluded.
    await act(engine, actors.eduReviewer, { type: 'return-report', report: id, reason: '补充' });
    const colleague = { id: 'edu.colleague', role: 'reporter', unit: 'education' } as const;
    await act(engine, colleague, { type: 'resubmit-report', report: id, narrative: '已补充。' });
    await expectDenied(engine, store, 'self-approval', () =>
      act(engine, actors.eduReporterAsReviewer, { type: 'approve-report', report: id }),
    );
    await act(engine, actors.eduReviewer, { type: 'approve-report', report: id });
  });

  it('a report filed after its due date is marked late; due dates follow the reporting options', async () => {
    const { engine, clock } = await setup({ reporting: { dueDaysAfterPeriodEnd: 10, due: { '2023': '2024-01-31' } } });
    clock.set('2024-01-20T03:00:00Z');
    const onTime = await submit(engine, actors.eduReporter, { period: '2023' });
    const late = await submit(engine, actors.eduReporter, { period: '2022', task: '3.1.1' });
    const reports = engine.getSnapshot().reports;
    expect(reports[onTime]).toMatchObject({ dueDate: '2024-01-31', late: false });
    expect(reports[late]).toMatchObject({ dueDate: '2023-01-10', late: true });
  });

  it('the due day is judged in the county’s time zone (UTC+8 by default)', async () => {
    const { engine, clock } = await setup({ reporting: { dueDaysAfterPeriodEnd: 15 } });
    // 2025-01-15 16:30 UTC is already 2025-01-16 00:30 in Zhengning: one day late.
    clock.set('2025-01-15T16:30:00Z');
    const id = await submit(engine);
    expect(engine.getSnapshot().reports[id]).toMatchObject({ dueDate: '2025-01-15', late: true });
  });
});

describe('queries', () => {
  it('lists reports by task, unit, period and status, in document order', async () => {
    const { engine } = await setup();
    await submit(engine, actors.eduReporter, { task: '3.1.3' });
    await submit(engine, actors.castReporter, { task: '3.1.3', observations: [] });
    await submit(engine, actors.eduReporter, { task: '3.1.2', period: '2023' });
    const approved = await submit(engine, actors.castReporter, { task: '4.2.3', observations: [] });
    await act(engine, actors.castReviewer, { type: 'approve-report', report: approved });

    expect(engine.reports({ task: '3.1.3' }).map((r) => r.unit)).toEqual(['cast', 'education']);
    expect(engine.reports({ unit: 'education' }).map((r) => `${r.period} ${r.task}`)).toEqual([
      '2023 3.1.2',
      '2024 3.1.3',
    ]);
    expect(engine.reports({ period: '2023' })).toHaveLength(1);
    expect(engine.reports({ status: 'approved' }).map((r) => r.id)).toEqual([approved]);
    expect(engine.reports({ status: ['submitted', 'approved'], unit: 'cast' })).toHaveLength(2);
  });

  it('a reporter sees its unit’s reports; an observer only approved ones; the office all', async () => {
    const { engine } = await setup();
    const edu = await submit(engine, actors.eduReporter);
    const cast = await submit(engine, actors.castReporter, { task: '4.2.3', observations: [] });
    await act(engine, actors.castReviewer, { type: 'approve-report', report: cast });
    expect(engine.reports({}, { actor: actors.eduReporter }).map((r) => r.id)).toEqual([edu]);
    expect(engine.reports({}, { actor: actors.observer }).map((r) => r.id)).toEqual([cast]);
    expect(engine.reports({}, { actor: actors.office })).toHaveLength(2);
    // A lead reviewer sees its unit's reports and reports on tasks it leads.
    const youth = await submit(engine, actors.youthReporter, { task: '3.1.2', observations: [] });
    expect(engine.reports({}, { actor: actors.eduReviewer }).map((r) => r.id)).toEqual([edu, youth]);
  });

  it('the review queue of a unit holds submitted reports on tasks it leads, oldest first', async () => {
    const { engine, clock } = await setup();
    const a = await submit(engine, actors.eduReporter, { task: '3.1.3' });
    clock.advance(60_000);
    const b = await submit(engine, actors.castReporter, { task: '3.1.3', observations: [] });
    clock.advance(60_000);
    const c = await submit(engine, actors.castReporter, { task: '4.2.3', observations: [] });
    expect(engine.reviewQueue({ unit: 'education' }).map((r) => r.id)).toEqual([a, b]);
    expect(engine.reviewQueue({ unit: 'cast' }).map((r) => r.id)).toEqual([a, b, c]);
    // An actor's own queue leaves out what it submitted; the office sees every submitted report.
    const castPerson = { id: actors.castReporter.id, role: 'lead-reviewer', unit: 'cast' } as const;
    expect(engine.reviewQueue({ actor: castPerson }).map((r) => r.id)).toEqual([a]);
    expect(engine.reviewQueue({ actor: actors.office }).map((r) => r.id)).toEqual([a, b, c]);
    expect(engine.reviewQueue({ actor: actors.observer })).toEqual([]);
  });

  it('overdue reports: past due and not in, as missing, returned or withdrawn', async () => {
    const { engine, clock } = await setup({ reporting: { obligations: ['task-leads'] } });
    clock.set('2023-01-20T00:00:00Z');
    const returned = await submit(engine, actors.eduReporter, { period: '2022', task: '3.1.2' });
    await act(engine, actors.eduReviewer, { type: 'return-report', report: returned, reason: '补充' });
    const withdrawn = await submit(engine, actors.eduReporter, { period: '2022', task: '3.1.3' });
    await act(engine, actors.eduReporter, { type: 'withdraw-report', report: withdrawn });
    await submit(engine, actors.eduReporter, { period: '2022', task: '3.1.1' });

    const overdue = engine.overdueReports({ unit: 'education', period: '2022' });
    expect(overdue.map((o) => [o.task, o.status, o.daysOverdue])).toEqual([
      ['3.1.2', 'returned', 5],
      ['3.1.3', 'withdrawn', 5],
    ]);
    // Before the due date nothing is overdue.
    expect(engine.overdueReports({ period: '2022', asOf: new Date('2023-01-15T12:00:00Z') })).toEqual([]);
    // Every lead of every task owes a report: 11 lead slots in the fixture; one is filed.
    expect(engine.overdueReports({ period: '2022' })).toHaveLength(11 - 1);
  });

  it('with summary obligations, every assessed unit owes a summary report', async () => {
    const { engine, clock } = await setup({ reporting: { obligations: ['unit-summary'] } });
    clock.set('2023-03-01T00:00:00Z');
    await submit(engine, actors.shanheReporter, { task: undefined, observations: [], period: '2022' });
    const units = engine.overdueReports({ period: '2022' }).map((o) => o.unit);
    expect(units).toEqual(
      ['education', 'youth-league', 'cast', 'propaganda', 'science-tech', 'yonghe'].sort(
        (a, b) => units.indexOf(a) - units.indexOf(b),
      ),
    );
    expect(units).not.toContain('shanhe');
    expect(units).toHaveLength(6);
  });
});

describe('subscribe and getSnapshot', () => {
  it('notifies once per accepted command, never for a denial, and the snapshot is stable between', async () => {
    const { engine } = await setup();
    const listener = vi.fn();
    const unsubscribe = engine.subscribe(listener);
    const first = engine.getSnapshot();
    expect(engine.getSnapshot()).toBe(first);
    await submit(engine);
    expect(listener).toHaveBeenCalledTimes(1);
    const second = engine.getSnapshot();
    expect(second).not.toBe(first);
    await expect(submit(engine)).rejects.toMatchObject({ code: 'duplicate-report' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(engine.getSnapshot()).toBe(second);
    unsubscribe();
    await submit(engine, actors.castReporter, { task: '4.2.3', observations: [] });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('unchanged parts of the state keep their identity (structural sharing), and the state is frozen', async () => {
    const { engine } = await setup();
    const id = await submit(engine);
    const before = engine.getSnapshot();
    await act(engine, actors.assessor, {
      type: 'record-award',
      unit: 'cast',
      period: '2024',
      award: 'a',
      title: '表彰',
    });
    const after = engine.getSnapshot();
    expect(after.reports).toBe(before.reports);
    expect(after.reports[id]).toBe(before.reports[id]);
    expect(Object.isFrozen(after.awards)).toBe(true);
    expect(() => {
      (after as { version: number }).version = 99;
    }).toThrow();
  });
});

describe('events', () => {
  it('report events follow the workflow, after the commit, with the actor', async () => {
    const { engine, store } = await setup();
    const seen: string[] = [];
    const committed: number[] = [];
    for (const event of ['report:submitted', 'report:returned', 'report:approved', 'report:withdrawn'] as const) {
      engine.on(event, (e: EngineEvents[typeof event]) => {
        seen.push(`${event} ${e.report.status} ${e.actor.id}${'resubmission' in e && e.resubmission ? ' again' : ''}`);
        committed.push(store.data.audit.length);
      });
    }
    const id = await submit(engine);
    await act(engine, actors.eduReviewer, { type: 'return-report', report: id, reason: '补充' });
    await act(engine, actors.eduReporter, { type: 'resubmit-report', report: id, narrative: '已补充' });
    await act(engine, actors.eduReviewer, { type: 'approve-report', report: id });
    const other = await submit(engine, actors.castReporter, { task: '4.2.3', observations: [] });
    await act(engine, actors.castReporter, { type: 'withdraw-report', report: other });
    expect(seen).toEqual([
      'report:submitted submitted edu.reporter',
      'report:returned returned edu.reviewer',
      'report:submitted submitted edu.reporter again',
      'report:approved approved edu.reviewer',
      'report:submitted submitted cast.reporter',
      'report:withdrawn withdrawn cast.reporter',
    ]);
    expect(committed).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('target:achieved fires when an approval brings a target to its threshold, and not again while it holds', async () => {
    const { engine } = await setup();
    const achieved = vi.fn();
    const behind = vi.fn();
    engine.on('target:achieved', achieved);
    engine.on('target:off-track', behind);
    const file = async (period: string, value: number) => {
      const r = await submit(engine, actors.castReporter, {
        task: '4.2.3',
        period,
        observations: [{ target: 'science-china-items', value }],
      });
      await act(engine, actors.castReviewer, { type: 'approve-report', report: r });
    };
    await file('2022', 210_000); // ≥ 200,000 in the year judged: achieved
    expect(achieved).toHaveBeenCalledTimes(1);
    expect(achieved.mock.calls[0]?.[0]).toMatchObject({
      target: 'science-china-items',
      previous: 'no-data',
      watch: { status: 'achieved', period: 2022, value: 210_000 },
    });
    await file('2023', 220_000); // still achieved: no new event
    expect(achieved).toHaveBeenCalledTimes(1);
    expect(behind).not.toHaveBeenCalled();
  });

  it('target:off-track fires when an approved value falls behind, not again while it stays behind', async () => {
    const { engine } = await setup();
    const offTrack = vi.fn();
    engine.on('target:off-track', offTrack);
    const file = async (period: string, numerator: number) => {
      const r = await submit(engine, actors.castReporter, {
        task: '3.1.3',
        period,
        observations: [{ target: 'literacy-rate-2025', numerator, denominator: 1000 }],
      });
      await act(engine, actors.eduReviewer, { type: 'approve-report', report: r });
    };
    await file('2022', 95); // 9.5%: from 7.8% in 2020, on the path to 12% in 2025 (ratio > 0.95)
    expect(offTrack).not.toHaveBeenCalled();
    await file('2023', 80); // 8.0%: behind
    await file('2024', 81);
    expect(offTrack).toHaveBeenCalledTimes(1);
    expect(offTrack.mock.calls[0]?.[0]).toMatchObject({ target: 'literacy-rate-2025', previous: 'on-track' });
  });

  it('deadline:approaching: a report due within the horizon and not in, once per engine', async () => {
    const { engine, clock } = await setup({ reporting: { horizonDays: 7, obligations: ['task-leads'] } });
    const events: Array<EngineEvents['deadline:approaching']> = [];
    engine.on('deadline:approaching', (e) => events.push(e));
    clock.set('2024-12-31T00:00:00Z'); // 2024 reports due 2025-01-15: 15 days away
    engine.tick();
    expect(events.filter((e) => e.kind === 'report')).toEqual([]);
    clock.set('2025-01-10T00:00:00Z'); // 5 days away
    await submit(engine, actors.eduReporter, { task: '3.1.2' });
    engine.tick();
    engine.tick();
    const reports = events.filter((e) => e.kind === 'report');
    expect(reports).toHaveLength(11 - 1); // 11 lead slots, one already filed
    expect(reports[0]).toMatchObject({ period: '2024', dueDate: '2025-01-15', daysLeft: 5 });
  });

  it('deadline:approaching for a target whose deadline year is ending and not achieved', async () => {
    const { engine, clock } = await setup({ reporting: { horizonDays: 30, obligations: [] } });
    const events: Array<EngineEvents['deadline:approaching']> = [];
    engine.on('deadline:approaching', (e) => events.push(e));
    clock.set('2025-12-10T00:00:00Z');
    engine.tick();
    expect(events.map((e) => (e.kind === 'target' ? e.target : e.kind)).sort()).toEqual(
      [
        'literacy-rate-2025',
        'science-china-items',
        'science-classes-grade-2',
        'science-bases-county',
        'imbalance-improved',
      ].sort(),
    );
  });

  it('assessment:completed carries the new run; reruns are new versions and never overwrite', async () => {
    const { engine, store } = await setup();
    const runs: number[] = [];
    engine.on('assessment:completed', (e) => runs.push(e.run.run));
    await act(engine, actors.assessor, { type: 'run-assessment', period: '2024' });
    const id = await submit(engine);
    await act(engine, actors.eduReviewer, { type: 'approve-report', report: id });
    await act(engine, actors.assessor, { type: 'run-assessment', period: '2024' });
    expect(runs).toEqual([1, 2]);
    const all = engine.assessments({ period: '2024' });
    expect(all.map((a) => [a.run, (a.scorecard as { approved: number }).approved])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(store.data.snapshots.size).toBe(2);
    expect((await store.listSnapshots({ key: 'assessment/fixture-2022-2025/2024' })).map((s) => s.version)).toEqual([
      1, 2,
    ]);
  });

  it('a throwing listener is contained as plugin:error; other listeners still run', async () => {
    const { engine } = await setup();
    const errors = vi.fn();
    const after = vi.fn();
    engine.on('plugin:error', errors);
    engine.on('report:submitted', () => {
      throw new Error('listener bug');
    });
    engine.on('report:submitted', after);
    await submit(engine);
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ plugin: 'host', hook: 'on:report:submitted' }));
  });

  it('off() and the returned unsubscribe both remove a listener', async () => {
    const { engine } = await setup();
    const a = vi.fn();
    const b = vi.fn();
    engine.on('report:submitted', a);
    const stopB = engine.on('report:submitted', b);
    engine.off('report:submitted', a);
    stopB();
    await submit(engine);
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
  });
});

describe('plugins', () => {
  it('a plugin’s validateReport can deny a report with its own issues', async () => {
    const { engine, store } = await setup({
      plugins: [
        {
          id: 'needs-evidence',
          version: '1.0.0',
          kepu: '^0.1.0',
          hooks: {
            validateReport: ({ revision }) =>
              revision.evidence.length > 0
                ? []
                : [createIssue('invalid-shape', ['evidence'], { detail: 'attach at least one file' })],
          },
        },
      ],
    });
    await expectDenied(engine, store, 'invalid-shape', () => submit(engine));
    await submit(engine, actors.eduReporter, {
      evidence: [{ name: 'a.pdf', type: 'application/pdf', size: 1, sha256: sha('b') }],
    });
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('boom');
      },
    ],
    ['returns junk', () => 'nonsense' as unknown as []],
    ['returns an issue without a message', () => [{ code: 'invalid-shape', path: [] }] as unknown as []],
    [
      'returns an undeclared code',
      () => [{ code: 'made-up', path: [], message: { zh: '否', en: 'no' } }] as unknown as [],
    ],
  ])(
    'a validateReport that %s fails closed: the report is refused (plugin-failed), audited and reported',
    async (_, hook) => {
      const errors: Array<EngineEvents['plugin:error']> = [];
      const { engine, store } = await setup({
        plugins: [{ id: 'checker', version: '1.0.0', kepu: '^0.1.0', hooks: { validateReport: hook } }],
      });
      engine.on('plugin:error', (e) => errors.push(e));
      await expectDenied(engine, store, 'plugin-failed', () => submit(engine));
      expect(errors.map((e) => `${e.plugin} ${e.hook}`)).toEqual(['checker validateReport']);
      expect(store.data.audit.at(-1)?.error?.code).toBe('plugin-failed');
      expect(engine.getSnapshot().version).toBe(0);
    },
  );

  it('a plugin’s listeners receive events; a plugin’s frozen view cannot change the state', async () => {
    const seen: string[] = [];
    const errors = vi.fn();
    const { engine } = await setup({
      plugins: [
        {
          id: 'listener',
          version: '1.0.0',
          kepu: '^0.1.0',
          on: {
            'report:submitted': (e) => {
              seen.push(e.report.id);
              (e.report as { status: string }).status = 'approved';
            },
            'plugin:error': errors,
          },
        },
      ],
    });
    const id = await submit(engine);
    expect(seen).toEqual([id]);
    expect(engine.getSnapshot().reports[id]?.status).toBe('submitted');
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ plugin: 'listener' }));
  });
});
