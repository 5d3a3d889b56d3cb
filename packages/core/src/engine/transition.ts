import type { Draft, Patch } from 'immer';
import { createIssue, type ErrorCode, fromZodIssues, type KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import { roleOf } from '../responsibility.js';
import type { Result } from '../result.js';
import type { Actor } from './actor.js';
import type { SchemeCheck } from './assessment-inputs.js';
import { type Command, CommandSchema, type CommandType, type ReportObservation } from './commands.js';
import { engineImmer } from './immer.js';
import { assessedUnits } from './obligations.js';
import { localDate, periodBounds, type ResolvedReporting, reportDueDate, reportingPeriods } from './period.js';
import { forbiddenIssue, PERMISSIONS, submittersOf } from './permissions.js';
import type {
  AssessmentRun,
  EngineState,
  ProgressReport,
  RECORD_KINDS,
  ReportDecision,
  ReportRevision,
  TargetReview,
} from './state.js';

/**
 * What a report-validation hook sees: the plan, the report as it would be after the command,
 * and the state before it. Everything is frozen.
 *
 * @example
 * ```ts
 * import type { ReportValidationInput } from '@kepu/core';
 * const hasEvidence = (input: ReportValidationInput) => input.revision.evidence.length > 0;
 * ```
 */
export interface ReportValidationInput {
  readonly plan: Plan;
  readonly report: Pick<ProgressReport, 'id' | 'plan' | 'task' | 'unit' | 'period'>;
  readonly revision: Omit<ReportRevision, 'revision' | 'submittedAt' | 'submittedBy'>;
  readonly state: EngineState;
}

/**
 * Runs the assessment of a plan for a year over the engine's state; returns the scorecard and a
 * hash of the inputs it read. Must be pure: the engine records what it returns.
 *
 * @example
 * ```ts
 * import type { AssessmentRunner } from '@kepu/core';
 * const runner: AssessmentRunner = ({ plan, period }) => ({ scorecard: { plan: plan.id, period }, inputsHash: 'x' });
 * ```
 */
export type AssessmentRunner = (input: {
  readonly plan: Plan;
  readonly period: string;
  readonly asOf: string;
  readonly state: EngineState;
}) => { readonly scorecard: unknown; readonly inputsHash: string };

/**
 * What the pure rules need besides the state: the plans, the reporting rules, the assessment and
 * any report-validation hooks (which must be pure; the engine contains their failures).
 */
export interface TransitionContext {
  readonly plans: ReadonlyMap<string, Plan>;
  readonly reporting: ResolvedReporting;
  readonly runAssessment?: AssessmentRunner;
  readonly validateReport?: (input: ReportValidationInput) => readonly KepuIssue[];
  /** Checks a record against the plan's assessment scheme, when the engine has one. */
  readonly checkScheme?: SchemeCheck;
}

/** An accepted command's outcome: the next state, its patches, and the record it created or changed. */
export interface Accepted {
  readonly state: EngineState;
  readonly patches: Patch[];
  readonly target: { readonly kind: (typeof RECORD_KINDS)[number] | 'assessments'; readonly id: string };
}

type Path = ReadonlyArray<string | number>;
const deny = (code: ErrorCode, path: Path, params: Record<string, string> = {}): Result<never> => ({
  ok: false,
  issues: [createIssue(code, path, params)],
});

/**
 * Checks a raw command's shape with zod and returns it as plain JSON (defaults filled,
 * `undefined` properties dropped), or `invalid-shape` issues with zod's paths. Never throws.
 *
 * @example
 * ```ts
 * import { parseCommand } from '@kepu/core';
 * parseCommand({ type: 'approve-report', baseVersion: Number.NaN, report: 'rpt-1' }).ok; // false
 * ```
 */
export function parseCommand(input: unknown): Result<Command> {
  let parsed: ReturnType<typeof CommandSchema.safeParse>;
  try {
    parsed = CommandSchema.safeParse(input);
  } catch (cause) {
    return { ok: false, issues: [createIssue('invalid-shape', [], { detail: String(cause) })] };
  }
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  return { ok: true, value: JSON.parse(JSON.stringify(parsed.data)) as Command };
}

const REPORT_COMMANDS = new Set<CommandType>(['withdraw-report', 'return-report', 'resubmit-report', 'approve-report']);

/**
 * Decides a command: the pure rule of the engine, a function of (context, state, actor, command,
 * time) that returns the next state with its immer patches, or the issues that deny it. It
 * performs no effect and never throws for bad input.
 *
 * Checks run in this order, and the first failure decides the error:
 * 1. the role may run this command at all (`forbidden`);
 * 2. the plan, the report, and every id, period and observation the command names exist and make
 *    sense (`unknown-reference`, `unknown-org-unit`, `reporting-period-outside-plan`,
 *    `period-outside-plan`, `invalid-observation`);
 * 3. the command is not stale (`version-conflict`);
 * 4. the actor's scope covers it: own unit, lead unit, not one's own report (`forbidden`,
 *    `self-approval`);
 * 5. the report's status allows it, and nothing would be duplicated (`invalid-transition`,
 *    `duplicate-report`, `duplicate-id`);
 * 6. report-validation hooks and the assessment itself.
 *
 * @example
 * ```ts
 * import { decide, parseCommand } from '@kepu/core';
 * const command = parseCommand(input);
 * if (command.ok) {
 *   const result = decide(context, state, actor, command.value, new Date());
 *   if (result.ok) console.log(result.value.patches);
 * }
 * ```
 */
export function decide(
  context: TransitionContext,
  state: EngineState,
  actor: Actor,
  command: Command,
  at: Date,
): Result<Accepted> {
  // 1. The role.
  const scope = PERMISSIONS[actor.role][command.type];
  if (scope === 'none') {
    return {
      ok: false,
      issues: [
        forbiddenIssue(actor, command.type, {
          zh: `角色“${actor.role}”不能执行此操作`,
          en: `the ${actor.role} role never runs this command`,
        }),
      ],
    };
  }

  // 2. References: the report or the plan first, then everything they name.
  let report: ProgressReport | undefined;
  let plan: Plan | undefined;
  if (REPORT_COMMANDS.has(command.type)) {
    const id = (command as { report: string }).report;
    report = Object.hasOwn(state.reports, id) ? state.reports[id] : undefined;
    if (!report) return deny('unknown-reference', ['report'], { kind: 'report', ref: id });
    plan = context.plans.get(report.plan);
    if (!plan) return deny('unknown-reference', ['report'], { kind: 'plan', ref: report.plan });
  } else {
    const ref = (command as { plan?: string }).plan;
    if (ref === undefined) {
      if (context.plans.size !== 1) {
        return deny('unknown-reference', ['plan'], {
          kind: 'plan',
          ref: `(none given; the engine holds ${context.plans.size} plans)`,
        });
      }
      plan = [...context.plans.values()][0];
    } else plan = context.plans.get(ref);
    if (!plan) return deny('unknown-reference', ['plan'], { kind: 'plan', ref: ref ?? '' });
  }
  if (actor.plan !== undefined && actor.plan !== plan.id) {
    return {
      ok: false,
      issues: [
        forbiddenIssue(actor, command.type, {
          zh: `该操作人只能处理计划“${actor.plan}”`,
          en: `the actor acts only in plan ${actor.plan}`,
        }),
      ],
    };
  }
  const index = indexPlan(plan);
  if (actor.role === 'reporter' || actor.role === 'lead-reviewer') {
    const unit = actor.unit === undefined ? undefined : index.units.get(actor.unit);
    if (!unit || unit.kind === 'group') return deny('unknown-org-unit', ['actor', 'unit'], { ref: actor.unit ?? '' });
  }
  // A review of a target names its reviewer: the actor's org unit (a group such as the
  // assessment group may review).
  if (command.type === 'review-target' && (actor.unit === undefined || !index.units.has(actor.unit))) {
    return deny('unknown-org-unit', ['actor', 'unit'], { ref: actor.unit ?? '' });
  }
  const refs = checkReferences(context, plan, command, report);
  if (refs.length > 0) return { ok: false, issues: refs };
  if (context.checkScheme) {
    const issues = checkAgainstScheme(context.checkScheme, plan, actor, command, report);
    if (issues.length > 0) return { ok: false, issues };
  }

  // 3. Staleness.
  if (command.baseVersion > state.version) {
    return deny('version-conflict', ['baseVersion'], {
      record: 'the engine state',
      expected: String(command.baseVersion),
      actual: String(state.version),
    });
  }
  if (report && report.version > command.baseVersion) {
    return deny('version-conflict', ['baseVersion'], {
      record: `report "${report.id}"`,
      expected: String(command.baseVersion),
      actual: String(report.version),
    });
  }
  let existing: ProgressReport | undefined;
  if (command.type === 'submit-report') {
    const task = command.task ?? null;
    existing = Object.values(state.reports).find(
      (r) =>
        r.plan === plan.id &&
        r.task === task &&
        r.unit === actor.unit &&
        r.period === command.period &&
        r.status !== 'withdrawn',
    );
    if (existing && existing.version > command.baseVersion) {
      return deny('version-conflict', ['baseVersion'], {
        record: `report "${existing.id}"`,
        expected: String(command.baseVersion),
        actual: String(existing.version),
      });
    }
  }
  // A review that would replace one the caller has not seen is stale too.
  const replaced = command.type === 'review-target' ? earlierReview(state, plan.id, command, actor) : undefined;
  if (replaced && replaced.version > command.baseVersion) {
    return deny('version-conflict', ['baseVersion'], {
      record: `target review "${replaced.id}"`,
      expected: String(command.baseVersion),
      actual: String(replaced.version),
    });
  }

  // 4. Scope.
  const denied = checkScope(plan, actor, command, report);
  if (denied) return { ok: false, issues: [denied] };

  // 5. Status and duplicates.
  if (report) {
    const allowed: Record<string, readonly string[]> = {
      'withdraw-report': ['submitted', 'returned'],
      'return-report': ['submitted'],
      'approve-report': ['submitted'],
      'resubmit-report': ['returned'],
    };
    if (!allowed[command.type]?.includes(report.status)) {
      return deny('invalid-transition', ['report'], {
        report: report.id,
        status: report.status,
        action: ACTION_WORDS[command.type] ?? command.type,
      });
    }
  }
  if (existing) {
    return deny('duplicate-report', ['period'], {
      unit: existing.unit,
      subject: existing.task === null ? 'its summary' : `task ${existing.task}`,
      period: existing.period,
      report: existing.id,
    });
  }
  const chosen = (command as { id?: string }).id;
  if (chosen !== undefined) {
    const kind = KIND_OF[command.type];
    if (kind && Object.hasOwn(state[kind], chosen) && chosen !== replaced?.id) {
      return deny('duplicate-id', ['id'], { id: chosen, kind: kind.slice(0, -1) });
    }
  }

  // 6. Hooks, then the change itself.
  const iso = at.toISOString();
  if ((command.type === 'submit-report' || command.type === 'resubmit-report') && context.validateReport) {
    const issues = context.validateReport({
      plan,
      report: report ?? {
        id: chosen ?? '(new)',
        plan: plan.id,
        task: command.type === 'submit-report' ? (command.task ?? null) : null,
        unit: actor.unit ?? '',
        period: (command as { period: string }).period,
      },
      revision: {
        narrative: command.narrative,
        observations: command.observations,
        evidence: command.evidence,
        selfScores: command.selfScores,
      },
      state,
    });
    if (issues.length > 0) return { ok: false, issues };
  }
  return apply(context, state, plan, actor, command, iso, replaced);
}

/** The review a `review-target` command would replace: same plan, target, year and reviewer unit. */
function earlierReview(
  state: EngineState,
  plan: string,
  command: { readonly target: string; readonly period: string },
  actor: Actor,
): TargetReview | undefined {
  return Object.values(state.targetReviews).find(
    (r) => r.plan === plan && r.target === command.target && r.period === command.period && r.reviewer === actor.unit,
  );
}

const ACTION_WORDS: Partial<Record<CommandType, string>> = {
  'withdraw-report': 'withdrawn',
  'return-report': 'returned',
  'approve-report': 'approved',
  'resubmit-report': 'resubmitted',
};

const KIND_OF: Partial<Record<CommandType, (typeof RECORD_KINDS)[number]>> = {
  'submit-report': 'reports',
  'record-finding': 'findings',
  'record-award': 'awards',
  'record-incident': 'incidents',
  'review-target': 'targetReviews',
};

function checkReferences(
  context: TransitionContext,
  plan: Plan,
  command: Command,
  report: ProgressReport | undefined,
): KepuIssue[] {
  const index = indexPlan(plan);
  const issues: KepuIssue[] = [];
  const add = (code: ErrorCode, path: Path, params: Record<string, string>) =>
    issues.push(createIssue(code, path, params));
  const periodOk = (period: string, path: Path, extraYears: boolean) => {
    const periods = reportingPeriods(plan, context.reporting.cadence);
    const years = extraYears ? reportingPeriods(plan, 'annual') : [];
    if (!periods.includes(period) && !years.includes(period)) {
      add('reporting-period-outside-plan', path, {
        period,
        plan: plan.id,
        periods: `${periods[0]} … ${periods.at(-1)}`,
      });
    }
  };
  const task = (path: string | undefined, at: Path) => {
    if (path !== undefined && index.nodes.get(path)?.kind !== 'task') {
      add('unknown-reference', at, { kind: 'task', ref: path });
    }
  };
  const unit = (id: string, at: Path) => {
    const u = index.units.get(id);
    if (!u) add('unknown-org-unit', at, { ref: id });
    else if (u.kind === 'group') {
      add('unknown-org-unit', at, { ref: `${id} (a group: name one of its member units)` });
    }
  };
  switch (command.type) {
    case 'submit-report':
      task(command.task, ['task']);
      periodOk(command.period, ['period'], false);
      if (issues.length === 0) issues.push(...checkObservations(plan, command.period, command.observations));
      break;
    case 'resubmit-report':
      if (report) issues.push(...checkObservations(plan, report.period, command.observations));
      break;
    case 'record-finding':
      unit(command.unit, ['unit']);
      periodOk(command.period, ['period'], true);
      task(command.task, ['task']);
      break;
    case 'record-award':
    case 'record-incident':
      unit(command.unit, ['unit']);
      periodOk(command.period, ['period'], true);
      if (command.date !== undefined && command.date.slice(0, 4) !== command.period.slice(0, 4)) {
        add('invalid-shape', ['date'], { detail: `the date ${command.date} is outside the period ${command.period}` });
      }
      break;
    case 'review-target': {
      const target = index.targets.get(command.target);
      if (!target) add('unknown-reference', ['target'], { kind: 'target', ref: command.target });
      else if (target.kind !== 'qualitative') {
        add('invalid-review', ['target'], {
          detail: `target ${target.id} is ${target.kind}: it is measured by reports, not judged by a reviewer`,
        });
      }
      const year = Number(command.period);
      if (year < plan.meta.period.start || year > plan.meta.period.end) {
        add('period-outside-plan', ['period'], {
          period: command.period,
          start: String(plan.meta.period.start),
          end: String(plan.meta.period.end),
        });
      }
      break;
    }
    case 'run-assessment': {
      const year = Number(command.period);
      if (year < plan.meta.period.start || year > plan.meta.period.end) {
        add('period-outside-plan', ['period'], {
          period: command.period,
          start: String(plan.meta.period.start),
          end: String(plan.meta.period.end),
        });
      }
      break;
    }
    default:
      break;
  }
  return issues;
}

/**
 * Runs the scheme's own input checks on what a command would feed the assessment, so that a
 * record the assessment would refuse is refused now: an award, deduction or veto the unit's
 * sheet does not list, a self-score of an item not on its sheet, a review of one's own unit's
 * work. Paths are the command's.
 */
function checkAgainstScheme(
  check: SchemeCheck,
  plan: Plan,
  actor: Actor,
  command: Command,
  report: ProgressReport | undefined,
): KepuIssue[] {
  const year = (period: string) => Number(period.slice(0, 4));
  const single = (issues: readonly KepuIssue[], field: string) =>
    issues.map((i) => ({ ...i, path: i.path[0] === field ? i.path.slice(2) : i.path }));
  const reviewer = actor.unit;
  switch (command.type) {
    case 'record-award':
      return single(
        check(plan, {
          awards: [{ unit: command.unit, award: command.award, period: year(command.period), count: command.count }],
        }),
        'awards',
      );
    case 'record-incident':
      return single(
        check(plan, {
          incidents: [{ kind: 'veto', unit: command.unit, veto: command.veto, period: year(command.period) }],
        }),
        'incidents',
      );
    case 'record-finding': {
      const out: KepuIssue[] = [];
      if (command.deduction) {
        const issues = check(plan, {
          deductions: [
            {
              unit: command.unit,
              deduction: command.deduction.rule,
              period: year(command.period),
              count: command.deduction.count,
            },
          ],
        });
        out.push(
          ...single(issues, 'deductions').map((i) => ({
            ...i,
            path: ['deduction', ...i.path.map((k) => (k === 'deduction' ? 'rule' : k))],
          })),
        );
      }
      if (command.score) {
        if (reviewer === undefined) {
          out.push(
            createIssue('invalid-shape', ['score'], {
              detail: 'a scored finding names its reviewer: the recording actor needs an org unit',
            }),
          );
        } else {
          const issues = check(plan, {
            reviews: [
              {
                item: command.score.item,
                unit: command.unit,
                period: year(command.period),
                score: command.score.score,
                outOf: command.score.outOf,
                reviewer: { unit: reviewer },
                evidence: [{ title: 'finding' }],
              },
            ],
          });
          out.push(...single(issues, 'reviews').map((i) => ({ ...i, path: ['score', ...i.path] })));
        }
      }
      return out;
    }
    case 'review-target': {
      const issues = check(plan, {
        reviews: [
          {
            target: command.target,
            period: year(command.period),
            score: command.score,
            outOf: command.outOf,
            reviewer: { unit: reviewer ?? '' },
            evidence: command.evidence.map((f) => ({ title: f.name, filed: f.filed })),
          },
        ],
      });
      return single(issues, 'reviews');
    }
    case 'approve-report': {
      if (!command.review || !report) return [];
      if (report.task === null || reviewer === undefined) {
        return [
          createIssue('invalid-shape', ['review'], {
            detail: 'a review scores a task: only reports on a task, approved by an actor with an org unit, take one',
          }),
        ];
      }
      const issues = check(plan, {
        reviews: [
          {
            task: report.task,
            period: year(report.period),
            score: command.review.score,
            outOf: command.review.outOf,
            reviewer: { unit: reviewer },
            evidence: [{ title: 'report' }],
          },
        ],
      });
      return single(issues, 'reviews').map((i) => ({ ...i, path: ['review', ...i.path] }));
    }
    case 'submit-report':
    case 'resubmit-report': {
      const period = command.type === 'submit-report' ? command.period : (report?.period ?? '');
      const unit = report?.unit ?? actor.unit ?? '';
      return [
        ...check(plan, {
          selfScores: command.selfScores.map((x) => ({
            unit,
            item: x.item,
            period: year(period),
            score: x.score,
            outOf: x.outOf,
          })),
        }),
      ];
    }
    default:
      return [];
  }
}

/**
 * Checks a report's observations against the plan: every target and indicator exists, the
 * category is one of the indicator's, the kind of value fits the indicator (a rate, a number, a
 * 0/1 boolean; a judgement is a reviewer's, not an observation), and a date lies in the period.
 * Pure.
 *
 * @example
 * ```ts
 * import { checkObservations } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * checkObservations(zhengningPlan, '2024', [{ target: 'literacy-rate-2025', value: 12 }]); // a rate needs its parts
 * ```
 */
export function checkObservations(plan: Plan, period: string, observations: readonly ReportObservation[]): KepuIssue[] {
  const index = indexPlan(plan);
  const bounds = periodBounds(period);
  const issues: KepuIssue[] = [];
  observations.forEach((o, i) => {
    const at = ['observations', i];
    const bad = (detail: string, field: string) =>
      issues.push(createIssue('invalid-observation', [...at, field], { detail }));
    const target = o.target === undefined ? undefined : index.targets.get(o.target);
    if (o.target !== undefined && !target) {
      issues.push(createIssue('unknown-reference', [...at, 'target'], { kind: 'target', ref: o.target }));
      return;
    }
    const indicatorId = o.indicator ?? target?.indicator;
    const indicator = indicatorId === undefined ? undefined : index.indicators.get(indicatorId);
    if (!indicator) {
      issues.push(
        createIssue('unknown-reference', [...at, 'indicator'], { kind: 'indicator', ref: indicatorId ?? '' }),
      );
      return;
    }
    if (target && o.indicator !== undefined && o.indicator !== target.indicator) {
      bad(`target ${target.id} is on indicator ${target.indicator}, not ${o.indicator}`, 'indicator');
      return;
    }
    if (target?.kind === 'qualitative' || indicator.valueType === 'judgement') {
      bad(`${target?.id ?? indicator.id} is judged by a reviewer; it takes no observed value`, 'target');
      return;
    }
    for (const [dimension, category] of Object.entries(o.category ?? {})) {
      const dim = indicator.dimensions.find((d) => d.id === dimension);
      if (!dim) bad(`indicator ${indicator.id} has no dimension ${dimension}`, 'category');
      else if (!dim.categories.some((c) => c.id === category)) {
        bad(`dimension ${dimension} of ${indicator.id} has no category ${category}`, 'category');
      } else if (target?.category?.[dimension] !== undefined && target.category[dimension] !== category) {
        bad(`target ${target.id} is about ${dimension} ${target.category[dimension]}, not ${category}`, 'category');
      }
    }
    if (indicator.valueType === 'rate') {
      if (o.numerator === undefined) {
        bad(`indicator ${indicator.id} is a rate: give numerator and denominator, not a percentage`, 'value');
      }
    } else if (o.numerator !== undefined) {
      bad(`indicator ${indicator.id} is a ${indicator.valueType}, not a rate: give value`, 'numerator');
    } else if (indicator.valueType === 'boolean' && o.value !== 0 && o.value !== 1) {
      bad(`indicator ${indicator.id} is done or not done: value is 1 or 0`, 'value');
    }
    if (o.date !== undefined && (o.date < bounds.start || o.date > bounds.end)) {
      bad(`the date ${o.date} is outside the period ${period} (${bounds.start} to ${bounds.end})`, 'date');
    }
  });
  return issues;
}

function checkScope(
  plan: Plan,
  actor: Actor,
  command: Command,
  report: ProgressReport | undefined,
): KepuIssue | undefined {
  const scope = PERMISSIONS[actor.role][command.type];
  const no = (zh: string, en: string) => forbiddenIssue(actor, command.type, { zh, en });
  if (report && (command.type === 'approve-report' || command.type === 'return-report')) {
    if (submittersOf(report).has(actor.id)) {
      return createIssue('self-approval', ['actor'], { report: report.id, actor: actor.id });
    }
  }
  if (scope === 'any') return undefined;
  const unit = actor.unit ?? '';
  if (scope === 'own-unit') {
    if (report && report.unit !== unit) {
      return no(
        `报告“${report.id}”属于单位“${report.unit}”，不是本单位`,
        `report ${report.id} belongs to ${report.unit}`,
      );
    }
    const task = command.type === 'submit-report' ? (command.task ?? null) : (report?.task ?? null);
    if (task === null) {
      if (!assessedUnits(plan).has(unit)) {
        return no(
          `单位“${unit}”不是被考核单位，无需提交总结报告`,
          `unit ${unit} is not assessed, so it files no summary`,
        );
      }
    } else if (roleOf(plan, unit, task) === 'none') {
      return no(`单位“${unit}”既不牵头也不配合任务 ${task}`, `unit ${unit} neither leads nor partners task ${task}`);
    }
    return undefined;
  }
  // lead-unit
  if (!report || report.task === null || roleOf(plan, unit, report.task) !== 'lead') {
    return no(
      `单位“${unit}”不是该报告所涉任务的牵头单位`,
      `unit ${unit} does not lead the task of report ${report?.id ?? ''}`,
    );
  }
  return undefined;
}

function nextId(existing: Readonly<Record<string, unknown>>, prefix: string, version: number): string {
  let id = `${prefix}-${version}`;
  for (let k = 2; Object.hasOwn(existing, id); k++) id = `${prefix}-${version}-${k}`;
  return id;
}

function apply(
  context: TransitionContext,
  state: EngineState,
  plan: Plan,
  actor: Actor,
  command: Command,
  at: string,
  replaced?: TargetReview,
): Result<Accepted> {
  const version = state.version + 1;
  const by = actor.id;
  let target: Accepted['target'] | undefined;
  let failure: KepuIssue[] | undefined;

  const [next, patches] = engineImmer().produceWithPatches(state, (draft: Draft<EngineState>) => {
    draft.version = version;
    switch (command.type) {
      case 'submit-report': {
        const id = command.id ?? nextId(state.reports, 'rpt', version);
        const dueDate = reportDueDate(command.period, context.reporting);
        draft.reports[id] = {
          id,
          plan: plan.id,
          task: command.task ?? null,
          unit: actor.unit ?? '',
          period: command.period,
          status: 'submitted',
          dueDate,
          late: localDate(new Date(at), context.reporting.timeZoneOffsetMinutes) > dueDate,
          revisions: [
            {
              revision: 1,
              narrative: command.narrative,
              observations: command.observations,
              evidence: command.evidence,
              selfScores: command.selfScores,
              submittedAt: at,
              submittedBy: by,
            },
          ],
          decisions: [],
          createdAt: at,
          updatedAt: at,
          version,
        };
        target = { kind: 'reports', id };
        break;
      }
      case 'resubmit-report': {
        const r = draft.reports[command.report] as Draft<ProgressReport>;
        r.revisions.push({
          revision: r.revisions.length + 1,
          narrative: command.narrative,
          observations: command.observations,
          evidence: command.evidence,
          selfScores: command.selfScores,
          submittedAt: at,
          submittedBy: by,
        });
        r.status = 'submitted';
        r.updatedAt = at;
        r.version = version;
        target = { kind: 'reports', id: r.id };
        break;
      }
      case 'withdraw-report':
      case 'return-report':
      case 'approve-report': {
        const r = draft.reports[command.report] as Draft<ProgressReport>;
        const action =
          command.type === 'withdraw-report' ? 'withdrawn' : command.type === 'return-report' ? 'returned' : 'approved';
        const decision: ReportDecision = {
          action,
          by,
          role: actor.role,
          ...(actor.unit === undefined ? {} : { unit: actor.unit }),
          at,
          revision: r.revisions.length,
          ...(command.type !== 'approve-report' && command.reason !== undefined ? { reason: command.reason } : {}),
          ...(command.type === 'approve-report' && command.comment !== undefined ? { comment: command.comment } : {}),
          ...(command.type === 'approve-report' && command.review !== undefined ? { review: command.review } : {}),
        };
        r.decisions.push(decision);
        r.status = action;
        r.updatedAt = at;
        r.version = version;
        target = { kind: 'reports', id: r.id };
        break;
      }
      case 'record-finding': {
        const id = command.id ?? nextId(state.findings, 'fnd', version);
        draft.findings[id] = {
          id,
          plan: plan.id,
          unit: command.unit,
          period: command.period,
          ...(command.task === undefined ? {} : { task: command.task }),
          text: command.text,
          ...(command.deduction === undefined ? {} : { deduction: command.deduction }),
          ...(command.score === undefined ? {} : { score: command.score }),
          ...(actor.unit === undefined ? {} : { reviewerUnit: actor.unit }),
          recordedAt: at,
          recordedBy: by,
          version,
        };
        target = { kind: 'findings', id };
        break;
      }
      case 'record-award': {
        const id = command.id ?? nextId(state.awards, 'awd', version);
        draft.awards[id] = {
          id,
          plan: plan.id,
          unit: command.unit,
          period: command.period,
          award: command.award,
          title: command.title,
          count: command.count,
          ...(command.date === undefined ? {} : { date: command.date }),
          recordedAt: at,
          recordedBy: by,
          version,
        };
        target = { kind: 'awards', id };
        break;
      }
      case 'record-incident': {
        const id = command.id ?? nextId(state.incidents, 'inc', version);
        draft.incidents[id] = {
          id,
          plan: plan.id,
          unit: command.unit,
          period: command.period,
          veto: command.veto,
          description: command.description,
          ...(command.date === undefined ? {} : { date: command.date }),
          recordedAt: at,
          recordedBy: by,
          version,
        };
        target = { kind: 'incidents', id };
        break;
      }
      case 'review-target': {
        // The same reviewer's later review of the same target and year replaces the earlier one.
        const id = command.id ?? replaced?.id ?? nextId(state.targetReviews, 'trv', version);
        if (replaced && replaced.id !== id) delete draft.targetReviews[replaced.id];
        draft.targetReviews[id] = {
          id,
          plan: plan.id,
          target: command.target,
          period: command.period,
          reviewer: actor.unit ?? '',
          score: command.score,
          outOf: command.outOf,
          narrative: command.narrative,
          evidence: command.evidence,
          revision: (replaced?.revision ?? 0) + 1,
          ...(replaced && replaced.id !== id ? { replaces: replaced.id } : {}),
          recordedAt: at,
          recordedBy: by,
          version,
        };
        target = { kind: 'targetReviews', id };
        break;
      }
      case 'run-assessment': {
        if (!context.runAssessment) {
          failure = [
            createIssue('assessment-unavailable', ['period'], {
              plan: plan.id,
              detail: 'no assessment is configured for this engine',
            }),
          ];
          return;
        }
        const asOf = command.asOf ?? `${command.period}-12-31`;
        let result: ReturnType<AssessmentRunner>;
        try {
          result = context.runAssessment({ plan, period: command.period, asOf, state });
        } catch (error) {
          failure =
            typeof error === 'object' && error !== null && Array.isArray((error as { issues?: unknown }).issues)
              ? ((error as { issues: KepuIssue[] }).issues as KepuIssue[])
              : [createIssue('assessment-unavailable', ['period'], { plan: plan.id, detail: String(error) })];
          return;
        }
        const run =
          Object.values(state.assessments).filter((a) => a.plan === plan.id && a.period === command.period).length + 1;
        const id = `${plan.id}/${command.period}/${run}`;
        const record: AssessmentRun = {
          id,
          plan: plan.id,
          period: command.period,
          run,
          asOf,
          stateVersion: state.version,
          inputsHash: result.inputsHash,
          ranAt: at,
          ranBy: by,
          scorecard: JSON.parse(JSON.stringify(result.scorecard ?? null)),
          version,
        };
        draft.assessments[id] = record as Draft<AssessmentRun>;
        target = { kind: 'assessments', id };
        break;
      }
    }
  });
  if (failure) return { ok: false, issues: failure };
  if (!target) throw new Error(`unreachable: command ${command.type} produced no change`);
  return { ok: true, value: { state: next, patches, target } };
}
