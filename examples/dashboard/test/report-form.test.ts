import { createEngine, isKepuError, observationShapeProblems } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { createDemoClock, DEMO_ACTORS, demoEngineOptions } from '@kepu/plan-zhengning/demo';
import { describe, expect, it } from 'vitest';
import { filesSummary, observationIssues, observationOf } from '../src/forms/report-observation.js';

// The report form judges its measured value by core's one observation rule set, the one the
// engine runs on every report: what the form refuses, the engine refuses too, at the same field
// and for the same rule, and the field shows the rule's own message in Chinese and English.

const rate = 'literacy-rate-2025';
const draft = { target: rate, value: '', numerator: '312', denominator: '' };

describe('the report form’s observation rules', () => {
  it('refuses a rate without its denominator with the shared rule’s message, as the engine does', async () => {
    const observation = observationOf(draft);
    expect(observation).toEqual({ target: rate, numerator: 312 });
    const issues = observationIssues(zhengningPlan, '2025', observation ? [observation] : []);
    const [issue, ...more] = issues['observations.0.numerator'] ?? [];
    expect(more).toEqual([]);
    const rule = observationShapeProblems({ target: rate, numerator: 312 })[0];
    expect(rule?.field).toBe('numerator');
    expect(issue?.code).toBe('invalid-observation');
    expect(issue?.message.zh).toContain(rule?.detail.zh);
    expect(issue?.message.en).toContain(rule?.detail.en);

    const clock = createDemoClock('2026-01-05T10:00:00+08:00');
    const engine = await createEngine(demoEngineOptions({ clock }));
    const refusal = await engine
      .execute(DEMO_ACTORS.reporter('cast'), {
        type: 'submit-report',
        baseVersion: 0,
        plan: zhengningPlan.id,
        period: '2025',
        narrative: '全年开展科普活动 40 场。',
        observations: [observation],
      } as never)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isKepuError(refusal)).toBe(true);
    const engineIssue = isKepuError(refusal) ? refusal.issues[0] : undefined;
    // Same field, same rule, same code, same words in both languages.
    expect(engineIssue?.path).toEqual(['observations', 0, 'numerator']);
    expect(engineIssue?.code).toBe(issue?.code);
    expect(engineIssue?.message).toEqual(issue?.message);
    expect(engineIssue?.params?.detail).toContain(rule?.detail.en);
    await engine.dispose();
  });

  it('passes what the plan accepts, and files every figure typed for the rules to judge', () => {
    const sound = observationOf({ ...draft, denominator: '3000' });
    expect(observationIssues(zhengningPlan, '2025', sound ? [sound] : [])).toEqual({});
    const both = observationOf({ ...draft, value: '12', denominator: '3000' });
    expect(both).toEqual({ target: rate, value: 12, numerator: 312, denominator: 3000 });
    expect(Object.keys(observationIssues(zhengningPlan, '2025', both ? [both] : []))).toEqual(['observations.0.value']);
    expect(observationOf({ ...draft, target: '' })).toBeUndefined();
  });

  it('files a rate published by the province as its value with its source, which the engine accepts (issue 14, point 6)', async () => {
    const source = '甘肃省科协 2024 年公民科学素质调查';
    const published = observationOf({ target: rate, value: '11.2', numerator: '', denominator: '', source });
    expect(published).toEqual({ target: rate, value: 11.2, published: { source } });
    expect(observationIssues(zhengningPlan, '2025', published ? [published] : [])).toEqual({});
    // A blank source is refused at the source field, with the rule's own words.
    const blank = observationOf({ target: rate, value: '11.2', numerator: '', denominator: '', source: ' ' });
    const issues = observationIssues(zhengningPlan, '2025', blank ? [blank] : []);
    expect(Object.keys(issues)).toEqual(['observations.0.published.source']);
    expect(issues['observations.0.published.source']?.[0]?.message.zh).toContain('来源');

    const clock = createDemoClock('2026-01-05T10:00:00+08:00');
    const engine = await createEngine(demoEngineOptions({ clock }));
    const filed = await engine.execute(DEMO_ACTORS.reporter('cast'), {
      type: 'submit-report',
      baseVersion: 0,
      plan: zhengningPlan.id,
      period: '2025',
      narrative: '县公民科学素质比例采用省科协公布数。',
      observations: [published],
    } as never);
    expect(filed).toBeDefined();
    await engine.dispose();
  });

  it('offers the yearly summary to the units the plan assesses, as the engine checks it', () => {
    expect(filesSummary(zhengningPlan, 'shanhe')).toBe(true); // a township
    expect(filesSummary(zhengningPlan, 'cast')).toBe(true); // a member unit of the leading group
    const group = zhengningPlan.orgUnits.find((u) => u.kind === 'group');
    expect(group && filesSummary(zhengningPlan, group.id)).toBe(false);
  });
});
