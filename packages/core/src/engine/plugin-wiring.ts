import { freeze } from 'immer';
import { prepareScheme } from '../assessment/assess.js';
import { type AssessmentInputs, validateAssessmentInputs } from '../assessment/inputs.js';
import type { AssessmentScheme, AssessmentSchemeInput } from '../assessment/scheme.js';
import type { Scorecard } from '../assessment/scorecard.js';
import { createIssue, KepuError, type KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import { checkHookIssues } from '../plugin/error-codes.js';
import { callHook } from '../plugin/hooks.js';
import { loadPlugins } from '../plugin/load-plugins.js';
import type { KepuPlugin, KepuPluginHooks } from '../plugin/plugin.js';
import { validatePlan } from '../validate.js';
import { type AssessmentInputsOptions, assessWithSchemes } from './assessment-inputs.js';
import type { EngineOptions } from './engine-options.js';
import type { EngineEvents } from './events.js';
import type { ResolvedReporting } from './period.js';
import type { ReportValidationInput, TargetWatchOptions, TransitionContext } from './transition-context.js';

/** What the engine's options and plugins come to: the plans, the pure rules' context, and the hooks. */
export interface PluginWiring {
  readonly plans: ReadonlyMap<string, Plan>;
  readonly plugins: readonly KepuPlugin[];
  readonly pluginIssues: readonly KepuIssue[];
  readonly context: TransitionContext;
  /** Calls plugins' `afterAssessment` hooks, contained. */
  afterAssessment(plan: Plan, period: number, scorecard: Scorecard): void;
  /** Hook failures since the last call (emitted as `plugin:error` after the command). */
  takeErrors(): Array<EngineEvents['plugin:error']>;
}

/** Validates the plans, loads the plugins, resolves the schemes and wraps the hooks. Throws a `KepuError`. */
export function wirePlugins(options: EngineOptions, reporting: ResolvedReporting): PluginWiring {
  const plans = new Map<string, Plan>();
  const planIssues: KepuIssue[] = [];
  (options.plans ?? []).forEach((plan, i) => {
    const result = validatePlan(plan);
    if (!result.ok) {
      planIssues.push(...result.issues.map((issue) => ({ ...issue, path: ['plans', i, ...issue.path] })));
      return;
    }
    if (plans.has(plan.id))
      planIssues.push(createIssue('duplicate-id', ['plans', i, 'id'], { id: plan.id, kind: 'plan' }));
    else plans.set(plan.id, result.value);
  });
  if (planIssues.length > 0) throw new KepuError(planIssues);
  const pluginSet = loadPlugins(options.plugins ?? [], {
    plans: [...plans.values()],
    onInvalid: options.onInvalidPlugin ?? 'throw',
    ...(options.targetKinds ? { targetKinds: options.targetKinds } : {}),
  });
  for (const [id, plan] of pluginSet.plans) plans.set(id, plan);
  // The validated plans are kept (defaults filled, frozen), not the callers' objects.
  for (const [id, plan] of plans) plans.set(id, freeze(plan, true));
  const loaded = pluginSet.plugins;

  // --- schemes: given by object or by the id of a plugin's; else a plugin's only one for the plan.
  const schemes: Record<string, AssessmentScheme | AssessmentSchemeInput> = {};
  for (const [planId, scheme] of Object.entries(options.schemes ?? {})) {
    if (typeof scheme !== 'string') {
      schemes[planId] = scheme;
      continue;
    }
    const found = pluginSet.schemes.get(scheme);
    if (!found)
      throw new KepuError([createIssue('unknown-reference', ['schemes', planId], { kind: 'scheme', ref: scheme })]);
    schemes[planId] = found;
  }
  for (const planId of plans.keys()) {
    if (Object.hasOwn(schemes, planId)) continue;
    const candidates = [...pluginSet.schemes.values()].filter((s) => s.plan === planId);
    if (candidates.length === 1) schemes[planId] = candidates[0] as AssessmentScheme;
  }

  // --- hooks: every call goes through callHook (frozen argument, thrown errors and bad results
  // contained, over-budget calls discarded); failures are queued and emitted after the command.
  const errors: Array<EngineEvents['plugin:error']> = [];
  const budgetMs = options.hookBudgetMs ?? 250;
  const withHook = <K extends keyof KepuPluginHooks>(name: K) =>
    loaded.flatMap((p) => {
      const fn = p.hooks?.[name];
      return typeof fn === 'function' ? [{ id: p.id, plugin: p, fn: fn as NonNullable<KepuPluginHooks[K]> }] : [];
    });
  const validators = withHook('validateReport');
  const validateReport =
    validators.length === 0
      ? undefined
      : (input: ReportValidationInput): KepuIssue[] => {
          const out: KepuIssue[] = [];
          for (const { id, plugin, fn } of validators) {
            const check = (value: unknown) => checkHookIssues(plugin, value);
            const outcome = callHook(id, 'validateReport', fn, input, { budgetMs, check });
            if (outcome.ok) {
              out.push(...outcome.value);
              continue;
            }
            // Fail closed: a check that threw, ran over its budget or answered nonsense refuses
            // the report. Accepting it would make the decision depend on machine load.
            errors.push({ plugin: id, hook: 'validateReport', error: outcome.error });
            out.push(
              createIssue('plugin-failed', ['plugins', id, 'hooks', 'validateReport'], {
                plugin: id,
                hook: 'validateReport',
                detail: outcome.failure.params?.detail ?? String(outcome.error),
              }),
            );
          }
          return out;
        };
  const befores = withHook('beforeAssessment');
  const beforeAssessment = (plan: Plan, period: number, inputs: AssessmentInputs) => {
    let current: AssessmentInputs = inputs;
    for (const { id, fn } of befores) {
      const outcome = callHook(id, 'beforeAssessment', fn, { plan, period, inputs: current }, { budgetMs });
      if (!outcome.ok) {
        errors.push({ plugin: id, hook: 'beforeAssessment', error: outcome.error });
        continue;
      }
      if (outcome.value === undefined) continue;
      const parsed = validateAssessmentInputs(outcome.value);
      if (parsed.ok) current = parsed.value;
      else errors.push({ plugin: id, hook: 'beforeAssessment', error: new KepuError(parsed.issues) });
    }
    return current;
  };
  const afters = withHook('afterAssessment');
  // afterAssessment is not passed to the runner: it runs as an effect, after the run is committed.
  const assessmentOptions: AssessmentInputsOptions = {
    ...options.assessmentInputs,
    targetKinds: pluginSet.targetKinds,
    ...(befores.length > 0 ? { beforeAssessment } : {}),
  };
  const withSchemes = Object.keys(schemes).length > 0 ? assessWithSchemes(schemes, assessmentOptions) : undefined;
  const runAssessment = options.assessment ?? withSchemes;

  // Target watches judge with each plan's scheme thresholds and the plugins' kinds.
  const watchOptions = new Map<string, TargetWatchOptions>();
  const targetWatch = (planId: string): TargetWatchOptions => {
    let found = watchOptions.get(planId);
    if (found) return found;
    const plan = plans.get(planId);
    const scheme = Object.hasOwn(schemes, planId) ? schemes[planId] : undefined;
    let thresholds: TargetWatchOptions['thresholds'];
    try {
      thresholds = plan && scheme ? prepareScheme(plan, scheme).scheme.thresholds : undefined;
    } catch {
      thresholds = undefined; // a scheme that does not fit the plan: its runs fail, watches use defaults
    }
    found = { targetKinds: pluginSet.targetKinds, ...(thresholds ? { thresholds } : {}) };
    watchOptions.set(planId, found);
    return found;
  };

  const context: TransitionContext = {
    plans,
    reporting,
    ...(runAssessment ? { runAssessment } : {}),
    ...(withSchemes ? { checkScheme: withSchemes.check } : {}),
    ...(validateReport ? { validateReport } : {}),
    targetWatch,
    ownUnitPenalties: (planId) =>
      (Object.hasOwn(schemes, planId) ? schemes[planId]?.conflictOfInterest?.ownUnitPenalties : undefined) ?? 'refused',
    ...(afters.length > 0 && runAssessment === withSchemes ? { afterAssessmentHooks: true } : {}),
  };
  return {
    plans,
    plugins: loaded,
    pluginIssues: pluginSet.issues,
    context,
    afterAssessment(plan, period, scorecard) {
      for (const { id, fn } of afters) {
        const outcome = callHook(id, 'afterAssessment', fn, { plan, period, scorecard }, { budgetMs });
        if (!outcome.ok) errors.push({ plugin: id, hook: 'afterAssessment', error: outcome.error });
      }
    },
    takeErrors: () => errors.splice(0),
  };
}
