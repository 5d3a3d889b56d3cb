import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKepuError } from '../../errors.js';
import { createMemoryStore } from '../../store/memory.js';
import type { Actor } from '../actor.js';
import { createEngine, type Engine } from '../engine.js';
import { actors, manualClock, plan } from './fixture.js';
import { countingAssessment } from './helpers.js';

// A model test: arbitrary sequences of valid and invalid commands from arbitrary actors run
// against the engine and against a small reference model written from the rules in
// docs/engine.md, independently of the engine's code (its own permission table, its own order of
// checks). After every step both must give the same outcome and the same reports; at the end the
// audit log must verify and rebuild the live state.

// --- the reference model ---------------------------------------------------------------------

const LEADS: Record<string, readonly string[]> = {
  '3.1.1': ['education', 'youth-league'],
  '3.1.2': ['education'],
  '3.1.3': ['education', 'cast'],
  '3.2.1': ['propaganda', 'science-tech', 'cast'],
  '4.2.3': ['cast'],
  '4.3.3': ['cast', 'science-tech'],
};
const DEPARTMENTS = ['education', 'youth-league', 'cast', 'propaganda', 'science-tech'];
const TOWNSHIPS = ['shanhe', 'yonghe'];
const UNITS = [...DEPARTMENTS, ...TOWNSHIPS];
const YEARS = ['2022', '2023', '2024', '2025'];
const QUALITATIVE = ['imbalance-improved'];
const QUANTITATIVE = ['science-bases-county'];
const KNOWN_UNITS = [...UNITS, 'leading-group'];

type Kind =
  | 'submit-report'
  | 'withdraw-report'
  | 'resubmit-report'
  | 'return-report'
  | 'approve-report'
  | 'record-finding'
  | 'record-award'
  | 'record-incident'
  | 'review-target'
  | 'run-assessment';

// Written out again from the docs' table, not imported from the engine.
const TABLE: Record<Actor['role'], Partial<Record<Kind, 'own-unit' | 'lead-unit' | 'any'>>> = {
  reporter: { 'submit-report': 'own-unit', 'withdraw-report': 'own-unit', 'resubmit-report': 'own-unit' },
  'lead-reviewer': { 'return-report': 'lead-unit', 'approve-report': 'lead-unit' },
  'plan-office': {
    'return-report': 'any',
    'approve-report': 'any',
    'record-award': 'any',
    'record-incident': 'any',
    'review-target': 'any',
  },
  assessor: {
    'record-finding': 'any',
    'record-award': 'any',
    'record-incident': 'any',
    'review-target': 'any',
    'run-assessment': 'any',
  },
  observer: {},
};

interface ModelReport {
  id: string;
  task: string | null;
  unit: string;
  period: string;
  status: 'submitted' | 'returned' | 'approved' | 'withdrawn';
  version: number;
  submitters: Set<string>;
}

/** A review of a target: one per target, year and reviewer unit; a later one replaces it. */
interface ModelReview {
  id: string;
  target: string;
  period: string;
  reviewer: string;
  score: number;
  revision: number;
  version: number;
}

interface Model {
  version: number;
  reports: Map<string, ModelReport>;
  reviews: Map<string, ModelReview>;
  facts: { findings: number; awards: number; incidents: number; assessments: number };
}

interface Step {
  readonly actor: Actor;
  /** Pick an actor suited to the command (see actorFor) instead of `actor`. */
  readonly fitting: boolean;
  readonly kind: Kind | 'junk';
  readonly shift: number; // baseVersion = version + shift
  readonly pick: number; // which existing report, for report commands
  readonly task: string | undefined;
  readonly period: string;
  readonly unit: string;
  /** The target a review-target step names. */
  readonly target: string;
  readonly id: string | undefined;
  readonly invalid: boolean; // make the command's shape invalid
}

function decideModel(model: Model, s: Step, body: Record<string, unknown>, actor: Actor): string {
  if (s.kind === 'junk' || s.invalid) return 'invalid-shape';
  const baseVersion = body.baseVersion as number;
  if (!Number.isInteger(baseVersion) || baseVersion < 0) return 'invalid-shape';
  const scope = TABLE[actor.role][s.kind];
  if (!scope) return 'forbidden';
  const report = typeof body.report === 'string' ? model.reports.get(body.report) : undefined;
  if (s.kind.endsWith('-report') && s.kind !== 'submit-report' && !report) return 'unknown-reference';
  const actorUnit = actor.unit ?? '';
  // References.
  if (s.kind === 'submit-report') {
    if (s.task !== undefined && !(s.task in LEADS)) return 'unknown-reference';
    if (!YEARS.includes(s.period)) return 'reporting-period-outside-plan';
  }
  if (s.kind === 'record-finding' || s.kind === 'record-award' || s.kind === 'record-incident') {
    if (!UNITS.includes(s.unit)) return 'unknown-org-unit';
    if (!YEARS.includes(s.period)) return 'reporting-period-outside-plan';
  }
  if (s.kind === 'run-assessment' && !YEARS.includes(s.period)) return 'period-outside-plan';
  if (s.kind === 'review-target') {
    // The reviewer is the actor's unit; a group may review.
    if (actor.unit === undefined || !KNOWN_UNITS.includes(actor.unit)) return 'unknown-org-unit';
    if (QUANTITATIVE.includes(s.target)) return 'invalid-review';
    if (!QUALITATIVE.includes(s.target)) return 'unknown-reference';
    if (!YEARS.includes(s.period)) return 'period-outside-plan';
    if (baseVersion > model.version) return 'version-conflict';
    const earlier = earlierReview(model, s, actor);
    if (earlier && earlier.version > baseVersion) return 'version-conflict';
    if (s.id !== undefined && model.reviews.has(s.id) && s.id !== earlier?.id) return 'duplicate-id';
    return 'accepted';
  }
  // Staleness.
  if (baseVersion > model.version) return 'version-conflict';
  if (report && report.version > baseVersion) return 'version-conflict';
  const active =
    s.kind === 'submit-report'
      ? [...model.reports.values()].find(
          (r) =>
            r.task === (s.task ?? null) && r.unit === actorUnit && r.period === s.period && r.status !== 'withdrawn',
        )
      : undefined;
  if (active && active.version > baseVersion) return 'version-conflict';
  // Scope.
  if (report && (s.kind === 'approve-report' || s.kind === 'return-report') && report.submitters.has(actor.id)) {
    return 'self-approval';
  }
  // Nobody judges their own unit (the fixture has no scheme, so no penalty is allowed either).
  if (
    (s.kind === 'record-finding' || s.kind === 'record-award' || s.kind === 'record-incident') &&
    s.unit === actor.unit
  ) {
    return 'conflict-of-interest';
  }
  if (scope === 'own-unit') {
    if (report && report.unit !== actorUnit) return 'forbidden';
    const task = s.kind === 'submit-report' ? (s.task ?? null) : (report?.task ?? null);
    // Departments partner every task through the leading group; townships have no task role but
    // file summaries; every unit of the fixture is assessed.
    if (task !== null && !DEPARTMENTS.includes(actorUnit)) return 'forbidden';
  }
  if (scope === 'lead-unit' && (!report || report.task === null || !LEADS[report.task]?.includes(actorUnit))) {
    return 'forbidden';
  }
  // Status and duplicates.
  if (report) {
    const allowed: Record<string, string[]> = {
      'withdraw-report': ['submitted', 'returned'],
      'return-report': ['submitted'],
      'approve-report': ['submitted'],
      'resubmit-report': ['returned'],
    };
    if (!allowed[s.kind]?.includes(report.status)) return 'invalid-transition';
  }
  if (active) return 'duplicate-report';
  if (s.kind === 'submit-report' && s.id !== undefined && model.reports.has(s.id)) return 'duplicate-id';
  return 'accepted';
}

function earlierReview(model: Model, s: Step, actor: Actor): ModelReview | undefined {
  return [...model.reviews.values()].find(
    (r) => r.target === s.target && r.period === s.period && r.reviewer === actor.unit,
  );
}

function applyModel(model: Model, s: Step, body: Record<string, unknown>, actor: Actor, newId: string): void {
  model.version += 1;
  const v = model.version;
  const report = typeof body.report === 'string' ? model.reports.get(body.report) : undefined;
  switch (s.kind) {
    case 'submit-report':
      model.reports.set(newId, {
        id: newId,
        task: s.task ?? null,
        unit: actor.unit ?? '',
        period: s.period,
        status: 'submitted',
        version: v,
        submitters: new Set([actor.id]),
      });
      break;
    case 'resubmit-report':
      if (report) Object.assign(report, { status: 'submitted', version: v }).submitters.add(actor.id);
      break;
    case 'withdraw-report':
    case 'return-report':
    case 'approve-report':
      if (report) {
        report.status =
          s.kind === 'withdraw-report' ? 'withdrawn' : s.kind === 'return-report' ? 'returned' : 'approved';
        report.version = v;
      }
      break;
    case 'record-finding':
      model.facts.findings++;
      break;
    case 'record-award':
      model.facts.awards++;
      break;
    case 'record-incident':
      model.facts.incidents++;
      break;
    case 'review-target': {
      const earlier = earlierReview(model, s, actor);
      if (earlier) model.reviews.delete(earlier.id);
      const id = s.id ?? earlier?.id ?? newId;
      model.reviews.set(id, {
        id,
        target: s.target,
        period: s.period,
        reviewer: actor.unit ?? '',
        score: body.score as number,
        revision: (earlier?.revision ?? 0) + 1,
        version: v,
      });
      break;
    }
    case 'run-assessment':
      model.facts.assessments++;
      break;
    default:
      break;
  }
}

// --- arbitraries -----------------------------------------------------------------------------

const randomActorArb: fc.Arbitrary<Actor> = fc.oneof(
  fc.constantFrom<Actor>(...Object.values(actors)),
  fc.record({
    id: fc.constantFrom('p1', 'p2', 'edu.reporter'),
    role: fc.constantFrom('reporter', 'lead-reviewer', 'plan-office', 'assessor', 'observer'),
    unit: fc.constantFrom(...UNITS),
  }),
);

/**
 * Most steps pick an actor whose role may run the command and whose unit is near the report it
 * names, so that the later rules (scope, self-approval, status) are reached often; the rest pick
 * any actor, so that role denials are exercised too.
 */
function actorFor(step: Step, model: Model): Actor {
  if (!step.fitting) return step.actor;
  const ids = ['p1', 'p2', 'edu.reporter'];
  const id = ids[step.pick % ids.length] as string;
  const report = pickReport(step, model);
  const r = report === undefined ? undefined : model.reports.get(report);
  switch (step.kind) {
    case 'submit-report':
      return { id, role: 'reporter', unit: UNITS[step.pick % UNITS.length] as string };
    case 'withdraw-report':
    case 'resubmit-report':
      return { id, role: 'reporter', unit: r?.unit ?? 'education' };
    case 'return-report':
    case 'approve-report': {
      const leads = r?.task ? (LEADS[r.task] ?? []) : [];
      const submitter = r ? [...r.submitters][step.pick % r.submitters.size] : undefined;
      const who = step.pick % 5 === 0 && submitter ? submitter : id;
      return step.pick % 4 === 0 || leads.length === 0
        ? { id: who, role: 'plan-office', unit: 'cast' }
        : { id: who, role: 'lead-reviewer', unit: leads[step.pick % leads.length] as string };
    }
    case 'record-award':
    case 'record-incident':
      return step.pick % 2 === 0 ? actors.office : actors.assessor;
    case 'review-target':
      // Mostly reviewers with a unit (two assessors of one unit share its reviews); now and then
      // the fixture's assessor, who has none.
      return step.pick % 7 === 0
        ? actors.assessor
        : step.pick % 3 === 0
          ? actors.office
          : { id, role: 'assessor', unit: step.pick % 2 === 0 ? 'leading-group' : 'cast' };
    default:
      return actors.assessor;
  }
}

function pickReport(step: Step, model: Model): string | undefined {
  const ids = [...model.reports.keys()];
  return ids.length === 0 || step.pick % 11 === 10 ? undefined : ids[step.pick % ids.length];
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  actor: randomActorArb,
  fitting: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  kind: fc.constantFrom<Step['kind']>(
    'submit-report',
    'submit-report',
    'submit-report',
    'withdraw-report',
    'resubmit-report',
    'resubmit-report',
    'return-report',
    'return-report',
    'approve-report',
    'approve-report',
    'record-finding',
    'record-award',
    'record-incident',
    'review-target',
    'review-target',
    'run-assessment',
    'junk',
  ),
  shift: fc.constantFrom(0, 0, 0, 0, -1, -3, 1),
  pick: fc.nat({ max: 60 }),
  task: fc.constantFrom(undefined, '3.1.1', '3.1.2', '3.1.3', '3.1.3', '3.2.1', '4.2.3', '4.3.3', '9.9.9'),
  period: fc.constantFrom('2022', '2024', '2024', '2025', '2025', '2021', '2026'),
  unit: fc.constantFrom(...UNITS, 'leading-group', 'nowhere'),
  target: fc.constantFrom(...QUALITATIVE, ...QUALITATIVE, ...QUALITATIVE, ...QUANTITATIVE, 'no-such-target'),
  id: fc.option(fc.constantFrom('imp-a', 'imp-b', 'imp-c'), { nil: undefined }),
  invalid: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

function bodyOf(step: Step, model: Model): Record<string, unknown> {
  const baseVersion = Math.max(0, model.version + step.shift);
  const report = pickReport(step, model) ?? 'rpt-missing';
  const bad = step.invalid ? { narrative: '' } : {};
  switch (step.kind) {
    case 'submit-report':
      return {
        type: 'submit-report',
        baseVersion,
        ...(step.task === undefined ? {} : { task: step.task }),
        ...(step.id === undefined ? {} : { id: step.id }),
        period: step.period,
        narrative: '进展。',
        ...bad,
      };
    case 'withdraw-report':
    case 'approve-report':
      return { type: step.kind, baseVersion, report, ...(step.invalid ? { report: 42 } : {}) };
    case 'return-report':
      return { type: step.kind, baseVersion, report, reason: step.invalid ? '' : '补充' };
    case 'resubmit-report':
      return { type: step.kind, baseVersion, report, narrative: '已补充。', ...bad };
    case 'record-finding':
      return { type: step.kind, baseVersion, unit: step.unit, period: step.period, text: step.invalid ? '' : '发现' };
    case 'record-award':
      return {
        type: step.kind,
        baseVersion,
        unit: step.unit,
        period: step.period,
        award: 'a',
        title: '奖',
        ...(step.invalid ? { count: -1 } : {}),
      };
    case 'record-incident':
      return {
        type: step.kind,
        baseVersion,
        unit: step.unit,
        period: step.period,
        veto: 'v',
        description: step.invalid ? '' : '事',
      };
    case 'review-target':
      return {
        type: step.kind,
        baseVersion,
        target: step.target,
        period: step.period,
        score: step.invalid ? 11 : step.pick % 11,
        outOf: 10,
        narrative: '评审意见。',
        evidence: [{ name: '说明.txt', type: 'text/plain', size: 10, sha256: 'c'.repeat(64), filed: true }],
        ...(step.id === undefined ? {} : { id: step.id }),
      };
    case 'run-assessment':
      return { type: step.kind, baseVersion, period: step.invalid ? 'year' : step.period };
    default:
      return { type: 'junk', baseVersion: Number.NaN };
  }
}

async function run(engine: Engine, actor: Actor, body: unknown): Promise<{ code: string; id?: string }> {
  try {
    const result = await engine.execute(actor, body);
    return { code: 'accepted', id: result.target.id };
  } catch (error) {
    if (!isKepuError(error)) throw error;
    return { code: error.code };
  }
}

describe('the engine against a reference model', () => {
  it('law: for any sequence of commands from any actors, outcomes and reports agree with the model, every denial is the one the rules require, and the audit verifies and rebuilds the state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 60, size: 'medium' }), async (steps) => {
        const store = createMemoryStore();
        const engine = await createEngine({
          plans: [plan],
          store,
          clock: manualClock(),
          assessment: countingAssessment,
        });
        const model: Model = {
          version: 0,
          reports: new Map(),
          reviews: new Map(),
          facts: { findings: 0, awards: 0, incidents: 0, assessments: 0 },
        };
        for (const step of steps) {
          const body = bodyOf(step, model);
          const actor = actorFor(step, model);
          const want = decideModel(model, step, body, actor);
          const before = engine.getSnapshot();
          const got = await run(engine, actor, body);
          expect(got.code, `${actor.id} ${actor.role} ${actor.unit} ${JSON.stringify(body)}`).toBe(want);
          if (want === 'accepted') applyModel(model, step, body, actor, got.id as string);
          else expect(engine.getSnapshot()).toBe(before);

          const state = engine.getSnapshot();
          expect(state.version).toBe(model.version);
          const projected = Object.fromEntries(
            Object.values(state.reports).map((r) => [r.id, [r.task, r.unit, r.period, r.status, r.version]]),
          );
          const expected = Object.fromEntries(
            [...model.reports.values()].map((r) => [r.id, [r.task, r.unit, r.period, r.status, r.version]]),
          );
          expect(projected).toEqual(expected);
          const reviews = Object.fromEntries(
            Object.values(state.targetReviews).map((r) => [
              r.id,
              [r.target, r.period, r.reviewer, r.score, r.revision, r.version],
            ]),
          );
          expect(reviews).toEqual(
            Object.fromEntries(
              [...model.reviews.values()].map((r) => [
                r.id,
                [r.target, r.period, r.reviewer, r.score, r.revision, r.version],
              ]),
            ),
          );
          expect([
            Object.keys(state.findings).length,
            Object.keys(state.awards).length,
            Object.keys(state.incidents).length,
            Object.keys(state.assessments).length,
          ]).toEqual([model.facts.findings, model.facts.awards, model.facts.incidents, model.facts.assessments]);
        }
        expect(store.data.audit).toHaveLength(steps.length);
        expect((await engine.verifyAudit()).ok).toBe(true);
        expect(await engine.rebuild()).toEqual(engine.getSnapshot());
      }),
      { numRuns: 100 },
    );
  });
});
