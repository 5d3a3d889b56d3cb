import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureInput, fixtureScheme, plan } from '../../packages/core/src/engine/__tests__/fixture.js';
import * as core from '../../packages/core/src/index.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT, type FuzzOptions, fuzzEntryPoint, HOSTILE, mixedArgs } from './harness.js';

// @kepu/core's entry points for untrusted input: the plan, the scheme, an override, the
// assessment's inputs and options, a command, an actor id. The plan a function is given after
// that is a parsed `Plan` (the output of parsePlan), so the plan-shaped argument is held fixed
// and every other argument is fuzzed.

const observation = fc.record({
  target: fc.constantFrom('science-classes-grade-2', 'literacy-rate-2025'),
  period: fc.integer({ min: 2021, max: 2026 }),
  value: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 100, noNaN: true })),
});
const assessmentInputs = fc.record({ observations: fc.array(observation, { maxLength: 4 }) });
const assessOptions = fc.record(
  {
    period: fc.integer({ min: 2021, max: 2026 }),
    asOf: fc.constantFrom('2024-12-31', '2025-06-30'),
    thresholds: fc.constant({ onTrack: 0.9 }),
    explain: fc.boolean(),
  },
  { requiredKeys: ['period'] },
);
const command = fc.record({
  type: fc.constant('submit-report'),
  baseVersion: fc.nat(10),
  task: fc.constant('3.1.2'),
  period: fc.constantFrom('2024', '2025'),
  narrative: fc.string({ minLength: 1, maxLength: 20 }),
  observations: fc.array(fc.record({ target: fc.constant('science-classes-grade-2'), value: fc.nat(5) }), {
    maxLength: 2,
  }),
});
const override = fc.record({
  base: fc.constant('plugin-scheme'),
  id: fc.constant('variant'),
  sheets: fc.constant({ department: { items: { classes: { points: 50 } } } }),
});
const actorId = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('CHEN.JING', 'chen\u200b.jing'));

type Fn = (...args: never[]) => unknown;
const fns = core as unknown as Record<string, Fn>;

/** Each fuzzed entry point: how it is called (plan held fixed) and its valid argument tuples. */
const ENTRY_POINTS: Readonly<
  Record<string, { call: (...args: unknown[]) => unknown; valid: fc.Arbitrary<readonly unknown[]> }>
> = {
  parsePlan: { call: (input) => core.parsePlan(input), valid: fc.tuple(fc.constant(fixtureInput)) },
  validatePlan: { call: (input) => core.validatePlan(input), valid: fc.tuple(fc.constant(fixtureInput)) },
  parseScheme: { call: (input) => core.parseScheme(input, plan), valid: fc.tuple(fc.constant(fixtureScheme)) },
  validateScheme: { call: (input) => core.validateScheme(input, plan), valid: fc.tuple(fc.constant(fixtureScheme)) },
  applySchemeOverride: {
    call: (base, o) => core.applySchemeOverride(base as never, o, plan),
    valid: fc.tuple(fc.constant(fixtureScheme), override),
  },
  parseSchemeOverride: {
    call: (base, o) => core.parseSchemeOverride(base as never, o, plan),
    valid: fc.tuple(fc.constant(fixtureScheme), override),
  },
  parseAssessmentInputs: { call: (input) => core.parseAssessmentInputs(input), valid: fc.tuple(assessmentInputs) },
  validateAssessmentInputs: {
    call: (input) => core.validateAssessmentInputs(input),
    valid: fc.tuple(assessmentInputs),
  },
  // The scheme is held fixed here (createAssessor fuzzes it through the same preparation), so the
  // mutations land on the inputs and the options.
  assess: {
    call: (inputs, options) => core.assess(plan, fixtureScheme, inputs as never, options as never),
    valid: fc.tuple(assessmentInputs, assessOptions),
  },
  createAssessor: {
    call: (scheme, options) => core.createAssessor(plan, scheme as never, options as never),
    valid: fc.tuple(fc.constant(fixtureScheme), fc.constant({})),
  },
  parseCommand: { call: (input) => core.parseCommand(input), valid: fc.tuple(command) },
  normalizeActorId: { call: (raw) => core.normalizeActorId(raw as never), valid: fc.tuple(actorId) },
  sameActorId: { call: (a, b) => core.sameActorId(a as never, b as never), valid: fc.tuple(actorId, actorId) },
  formatNumber: { call: (n) => core.formatNumber(n as never), valid: fc.tuple(fc.double()) },
  isKepuError: { call: (v) => core.isKepuError(v), valid: fc.tuple(HOSTILE) },
};

/**
 * Exported functions that are not fed untrusted input, and why. Everything else exported as a
 * function must be in ENTRY_POINTS, so a new export cannot escape the fuzz suite unnoticed.
 */
const PARSED_PLAN = 'takes a parsed Plan (the output of parsePlan/validatePlan), not raw input';
const PARSED_SCHEME = 'takes a plan and a scheme already parsed (parseScheme), with values the assessment computed';
const NOT_UNTRUSTED: Readonly<Record<string, string>> = {
  IssueError: 'the error base class: built by the library from issues it made itself',
  KepuError: 'the error class: built by the library (and plugins) from issues it made itself',
  createIssue: 'builds an issue from a code of the table; the code is a constant in the caller’s source',
  defineErrorCodes: 'declares a package’s error table; called once with a literal in the package’s source',
  fromZodIssues: 'converts issues zod produced; its input is zod’s output, not a user’s',
  formatPath: 'formats an issue’s path, which the library built',
  localized: 'picks a language of a bilingual text the library built',
  localizedName: 'picks a language of a name from a parsed plan',
  containsChinese: 'a predicate over text the caller already holds as a string (typed)',
  createEngine:
    'asynchronous: its options come from the host’s code; its commands are fuzzed here through parseCommand, and the engine’s own bad-input and model tests drive it',
  createMemoryStore: 'takes no untrusted input',
  assessmentInputsJsonSchema: 'takes no input',
  assessmentSchemeJsonSchema: 'takes no input',
  checkObservation:
    'a rule over an observation that a schema has already parsed (the command schema, the assessment inputs, a data row): fuzzed through parseCommand and validateAssessmentInputs',
  checkObservations: 'as checkObservation: fuzzed through the schemas that call it',
  observationShapeProblems: 'as checkObservation: fuzzed through the schemas that call it',
  shapeProblemPath: 'takes a problem observationShapeProblems made',
  publishedValueText: 'formats a published value an observation schema has already parsed',
  formTargetValue: 'forms a value from figures the assessment built out of parsed observations: fuzzed through assess',
  aggregationOf: 'reads a target of a parsed plan',
  conflictResolutionText: 'words a conflict formTargetValue found',
  reportsOnTask: PARSED_PLAN,
  boundsOf: 'reads an indicator of a parsed plan',
  ruleOrigin: PARSED_SCHEME,
  defaultRules: PARSED_SCHEME,
  defaultMark: 'marks a rule of a sheet result the assessment produced',
  defaultRulesNote: 'words the default rules of a sheet result the assessment produced',
  annualSeries: PARSED_PLAN,
  assessedUnits: PARSED_PLAN,
  audiencesOfTask: PARSED_PLAN,
  canSeeReport: 'takes parsed plans, a resolved actor and a report from the engine’s state',
  categoryMatches: PARSED_PLAN,
  describeComparator: 'takes a comparator from a parsed plan',
  directionOf: 'takes a comparator from a parsed plan',
  evaluateQuantitative: PARSED_PLAN,
  evaluateTarget: PARSED_PLAN,
  evaluateTaskResult: PARSED_PLAN,
  evaluateTaskResults: PARSED_PLAN,
  expectedOnTrajectory: 'takes a target from a parsed plan and years the assessment computed',
  findReports: 'takes the engine’s state and a filter from the host’s code',
  goalOf: PARSED_PLAN,
  indexPlan: PARSED_PLAN,
  meetsComparator: 'takes a comparator from a parsed plan and a value the assessment computed',
  computeAttainment: 'takes a target from a parsed plan and values the assessment computed',
  growthRatio: 'takes values the assessment computed from parsed observations',
  statusFromRatio: 'takes a ratio the assessment computed and parsed thresholds',
  trendAt: 'takes a series the assessment computed from parsed observations',
  overdueReports: 'takes parsed plans and the engine’s state',
  periodBounds: PARSED_PLAN,
  reportDueDate: 'takes a period and reporting rules the engine resolved',
  reportingPeriods: PARSED_PLAN,
  resolveUnit: PARSED_PLAN,
  responsibilityMatrix: PARSED_PLAN,
  reviewQueue: 'takes parsed plans and the engine’s state',
  roleOf: PARSED_PLAN,
  tasksByAudience: PARSED_PLAN,
  tasksOfUnit: PARSED_PLAN,
  targetsByDeadline: PARSED_PLAN,
  visibleState: 'takes parsed plans, the engine’s state and a resolved actor',
  bandBelow: PARSED_SCHEME,
  capTopGrade: PARSED_SCHEME,
  checkGradeBands: 'called by validateScheme on bands the schema parsed: fuzzed through validateScheme',
  competitionRanks: PARSED_SCHEME,
  gradeAndRank: PARSED_SCHEME,
  gradeOf: PARSED_SCHEME,
  lowestBand: PARSED_SCHEME,
  scoreSheet: PARSED_SCHEME,
  scoreUnit: PARSED_SCHEME,
  sheetMembers: PARSED_SCHEME,
  topBand: PARSED_SCHEME,
  topGradeSeats: PARSED_SCHEME,
};

// Core marks a number that cannot be known as null (a unit without enough data has no score), so
// only NaN is a problem here, not a null under a numeric key.
const CORE: FuzzOptions = { finiteKeys: new Set() };
const OPTIONS: Readonly<Record<string, FuzzOptions>> = {
  isKepuError: { neverThrows: true },
  // Each valid call assesses a whole (small) plan: a tenth of the runs keeps the suite in budget.
  assess: { ...CORE, runs: Math.max(1, Math.round(FUZZ_RUNS / 10)) },
  createAssessor: { ...CORE, runs: Math.max(1, Math.round(FUZZ_RUNS / 10)) },
};

const exported = Object.entries(fns)
  .filter(([, value]) => typeof value === 'function')
  .map(([name]) => name);

describe('fuzz: @kepu/core entry points', () => {
  it('every exported function is fuzzed or listed as not taking untrusted input', () => {
    expect(exported.filter((name) => !(name in ENTRY_POINTS) && !(name in NOT_UNTRUSTED))).toEqual([]);
    expect(Object.keys({ ...ENTRY_POINTS, ...NOT_UNTRUSTED }).filter((name) => !exported.includes(name))).toEqual([]);
  });

  for (const [name, { call, valid }] of Object.entries(ENTRY_POINTS)) {
    it(
      `law: ${name} returns or throws a typed KepuError, never a raw error or a NaN`,
      () => {
        const report = fuzzEntryPoint(name, call, mixedArgs(valid), OPTIONS[name] ?? CORE);
        expect(report.returned).toBeGreaterThan(0);
      },
      FUZZ_TIMEOUT,
    );
  }
});
