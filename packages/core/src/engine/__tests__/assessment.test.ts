import { describe, expect, it } from 'vitest';
import { assess } from '../../assessment/assess.js';
import type { AssessmentSchemeInput } from '../../assessment/scheme.js';
import type { Scorecard } from '../../assessment/scorecard.js';
import { toAssessmentInputs } from '../assessment-inputs.js';
import { actors, plan, sha } from './fixture.js';
import { act, expectDenied, setup, submit } from './helpers.js';

// A small scheme for the fixture plan: departments scored on targets and a reviewed item, with
// awards, a late-report deduction and a veto; townships on a reviewed item.
const grades = [
  { id: 'excellent', name: '优秀', min: 90, max: 100 },
  { id: 'pass', name: '合格', min: 60, max: 90 },
  { id: 'fail', name: '不合格', min: 0, max: 60 },
];
const scheme: AssessmentSchemeInput = {
  schemaVersion: 1,
  id: 'fixture-scheme',
  name: '测试考核办法',
  version: '1',
  plan: plan.id,
  sheets: [
    {
      id: 'department',
      name: '县直单位',
      members: { orgUnitKinds: ['government-department', 'party-department', 'mass-organisation'] },
      groups: [
        {
          id: 'results',
          name: '工作成效',
          items: [
            {
              id: 'classes',
              name: '科学课',
              points: 50,
              rule: 'proportional',
              sources: [{ kind: 'target', target: 'science-classes-grade-2' }],
            },
            {
              id: 'dissemination',
              name: '科普中国',
              points: 50,
              rule: 'proportional',
              sources: [{ kind: 'target', target: 'science-china-items' }],
            },
          ],
        },
        {
          id: 'organisation',
          name: '组织领导',
          items: [{ id: 'dept-organisation', name: '组织领导', points: 20, rule: 'reviewer' }],
        },
      ],
      bonus: { cap: 5, awards: [{ id: 'provincial-commendation', name: '省级表彰', points: 2 }] },
      deductions: [{ basis: 'points', id: 'late-report', name: '报告逾期', points: 1 }],
      vetoes: [{ id: 'falsification', name: '弄虚作假' }],
      grades,
    },
    {
      id: 'township',
      name: '乡镇',
      members: { orgUnitKinds: ['township'] },
      groups: [
        {
          id: 'work',
          name: '工作',
          items: [{ id: 'township-work', name: '乡镇工作', points: 100, rule: 'reviewer' }],
        },
      ],
      vetoes: [{ id: 'falsification', name: '弄虚作假' }],
      grades,
    },
  ],
};

const unitOf = (card: Scorecard, unit: string) => card.sheets.flatMap((s) => s.units).find((u) => u.unit === unit);

describe('run the assessment for a period', () => {
  it('approved reports, findings, awards and incidents become the inputs of assess; the scorecard is stored', async () => {
    const { engine, clock } = await setup({
      assessment: undefined,
      schemes: { [plan.id]: scheme },
      assessmentInputs: { lateReportDeduction: 'late-report' },
    });
    clock.set('2024-12-20T02:00:00Z');
    const classes = await submit(engine, actors.eduReporter, {
      selfScores: [{ item: 'dept-organisation', score: 19, outOf: 20 }],
    });
    await act(engine, actors.eduReviewer, { type: 'approve-report', report: classes });
    clock.set('2025-02-01T02:00:00Z'); // after the 2024 due date: late
    const items = await submit(engine, actors.castReporter, {
      task: '4.2.3',
      observations: [{ target: 'science-china-items', value: 150_000 }],
      evidence: [{ name: '统计表.xlsx', type: 'application/vnd.ms-excel', size: 9, sha256: sha('d') }],
    });
    await act(engine, actors.castReviewer, { type: 'approve-report', report: items });
    // A submitted but unapproved report does not count.
    await submit(engine, actors.youthReporter, {
      task: '3.1.2',
      observations: [{ target: 'science-classes-grade-2', value: 0 }],
    });
    const inspector = { id: 'inspector', role: 'assessor', unit: 'cast' } as const;
    await act(engine, inspector, {
      type: 'record-finding',
      unit: 'shanhe',
      period: '2024',
      text: '乡镇科普工作扎实。',
      score: { item: 'township-work', score: 80, outOf: 100 },
    });
    await act(engine, actors.assessor, {
      type: 'record-award',
      unit: 'cast',
      period: '2024',
      award: 'provincial-commendation',
      title: '全省科普工作先进集体',
    });
    await act(engine, actors.assessor, {
      type: 'record-incident',
      unit: 'yonghe',
      period: '2024',
      veto: 'falsification',
      description: '虚报活动数据。',
    });

    const inputs = toAssessmentInputs(plan, engine.getSnapshot(), 2024, { lateReportDeduction: 'late-report' });
    expect(inputs.observations?.map((o) => [o.target, o.unit, o.value])).toEqual([
      ['science-classes-grade-2', 'education', 2],
      ['science-china-items', 'cast', 150_000],
    ]);
    // Lateness counts whether or not the late report has been approved yet.
    expect(inputs.deductions?.map((d) => [d.unit, d.deduction, d.count])).toEqual([
      ['cast', 'late-report', 1],
      ['youth-league', 'late-report', 1],
    ]);
    expect(inputs.selfScores).toEqual([
      { unit: 'education', item: 'dept-organisation', period: 2024, score: 19, outOf: 20 },
    ]);

    const { target } = await act(
      engine,
      { id: 'assessor.2', role: 'assessor', unit: 'cast' },
      {
        type: 'run-assessment',
        period: '2024',
      },
    );
    const run = engine.getSnapshot().assessments[target.id];
    const card = run?.scorecard as Scorecard;
    expect(card.format).toBe('kepu-scorecard');
    expect(card.period).toBe(2024);
    // The stored scorecard is exactly what assess gives on the same inputs.
    expect(card).toEqual(JSON.parse(JSON.stringify(assess(plan, scheme, inputs, { period: 2024 }))));
    expect(run?.inputsHash).toBe(card.inputsHash);
    expect(unitOf(card, 'yonghe')?.vetoed).toBe(true);
    expect(unitOf(card, 'cast')?.bonus.awards).toEqual([
      expect.objectContaining({ award: 'provincial-commendation', count: 1 }),
    ]);
  });

  it('records the scheme would refuse are refused when recorded, with the command’s paths', async () => {
    const { engine, store } = await setup({ assessment: undefined, schemes: { [plan.id]: scheme } });
    await expectDenied(engine, store, 'unknown-reference', () =>
      act(engine, actors.assessor, { type: 'record-award', unit: 'cast', period: '2024', award: 'medal', title: '奖' }),
    );
    await expectDenied(engine, store, 'unknown-reference', () =>
      act(engine, actors.assessor, {
        type: 'record-incident',
        unit: 'yonghe',
        period: '2024',
        veto: 'x',
        description: 'd',
      }),
    );
    await expectDenied(engine, store, 'unknown-reference', () =>
      act(engine, actors.assessor, {
        type: 'record-finding',
        unit: 'shanhe',
        period: '2024',
        text: 't',
        deduction: { rule: 'no-such-rule' },
      }),
    );
    // A self-score of an item on another sheet.
    await expectDenied(engine, store, 'invalid-assessment-input', () =>
      submit(engine, actors.shanheReporter, {
        task: undefined,
        observations: [],
        selfScores: [{ item: 'dept-organisation', score: 1, outOf: 20 }],
      }),
    );
    // A lead department scoring the result of the task it leads reviews its own work.
    const id = await submit(engine, actors.youthReporter, { task: '3.1.1', observations: [] });
    await expectDenied(engine, store, 'self-review', () =>
      act(engine, actors.youthReviewer, { type: 'approve-report', report: id, review: { score: 9, outOf: 10 } }),
    );
    // The plan office, which does not lead 3.1.1, may score it.
    const office = { id: 'office.2', role: 'plan-office', unit: 'propaganda' } as const;
    await act(engine, office, { type: 'approve-report', report: id, review: { score: 9, outOf: 10 } });
    expect(toAssessmentInputs(plan, engine.getSnapshot(), 2024).reviews).toEqual([
      expect.objectContaining({ task: '3.1.1', score: 9, outOf: 10, reviewer: { unit: 'propaganda' } }),
    ]);
  });

  it('without a scheme or runner, run-assessment is assessment-unavailable', async () => {
    const { engine, store } = await setup({ assessment: undefined });
    await expectDenied(engine, store, 'assessment-unavailable', () =>
      act(engine, actors.assessor, { type: 'run-assessment', period: '2024' }),
    );
  });

  it('the same state gives the same scorecard: reruns differ only in their run number and time', async () => {
    const { engine, clock } = await setup({ assessment: undefined, schemes: { [plan.id]: scheme } });
    const a = await act(engine, actors.assessor, { type: 'run-assessment', period: '2023' });
    clock.advance(3_600_000);
    const b = await act(engine, actors.assessor, { type: 'run-assessment', period: '2023' });
    const runs = engine.getSnapshot().assessments;
    expect(runs[a.target.id]?.scorecard).toEqual(runs[b.target.id]?.scorecard);
    expect([runs[a.target.id]?.run, runs[b.target.id]?.run]).toEqual([1, 2]);
  });
});
