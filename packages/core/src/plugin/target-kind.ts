import type { AssessmentInputsInput } from '../assessment/inputs.js';
import type { Observation } from '../assessment/observation.js';
import { createIssue, type KepuIssue } from '../errors.js';
import type { Bilingual, Lang } from '../i18n/bilingual.js';
import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import type { Result } from '../result.js';
import type { Indicator } from '../target.js';
import { callHook } from './hooks.js';

/**
 * An indicator kind core does not have, contributed by a plugin: how an observation of it (a
 * `code` such as a level, or a `value`) becomes the number that the target's comparator judges.
 * Everything after that — attainment from the baseline, trajectory, status, forecast, scores —
 * is core's, so a custom kind is explained like any other target.
 *
 * Contracts: `toValue` and `check` are pure and must not throw (a throw is contained and
 * reported as a bad observation); `toValue` returns a finite number, or `undefined` for a code
 * it does not know.
 *
 * @example
 * ```ts
 * import type { TargetKindDefinition } from '@kepu/core';
 * // An ordinal level: the indicator lists its levels in order; a target asks for a level or above.
 * const ordinal: TargetKindDefinition = {
 *   id: 'ordinal-level',
 *   name: { zh: '等级', en: 'ordinal level' },
 *   check: (indicator) => (Array.isArray(indicator.params?.levels) ? [] : ['params.levels must list the levels in order']),
 *   toValue: ({ code }, indicator) => {
 *     const levels = indicator.params?.levels as string[];
 *     const at = code === undefined ? -1 : levels.indexOf(code);
 *     return at < 0 ? undefined : at;
 *   },
 *   format: (value, indicator) => String((indicator.params?.levels as string[])[value] ?? value),
 * };
 * ```
 */
export interface TargetKindDefinition {
  readonly id: string;
  readonly name: Bilingual;
  /** Problems with an indicator's `params` for this kind (empty when fine). */
  readonly check?: (indicator: Indicator) => readonly string[];
  /** The number an observation stands for; `undefined` when its code is not one of the kind's. */
  readonly toValue: (
    observation: { readonly code?: string; readonly value?: number },
    indicator: Indicator,
  ) => number | undefined;
  /** How a value is shown to officials (e.g. the level's name). */
  readonly format?: (value: number, indicator: Indicator, lang: Lang) => string;
}

/**
 * Problems of a plan's custom indicators against the kinds available: a kind nobody defines, or
 * params the kind rejects. Never throws.
 *
 * @example
 * ```ts
 * import { checkCustomIndicators } from '@kepu/core/plugin';
 * const issues = checkCustomIndicators(plan, [ordinal]);
 * ```
 */
export function checkCustomIndicators(plan: Plan, kinds: readonly TargetKindDefinition[]): KepuIssue[] {
  const issues: KepuIssue[] = [];
  plan.indicators.forEach((indicator, i) => {
    if (indicator.valueType !== 'custom' || indicator.kind === undefined) return;
    const kind = kinds.find((k) => k.id === indicator.kind);
    if (!kind) {
      issues.push(
        createIssue('unknown-reference', ['indicators', i, 'kind'], { kind: 'target kind', ref: indicator.kind }),
      );
      return;
    }
    if (!kind.check) return;
    const outcome = callHook(kind.id, 'check', kind.check, indicator, {
      check: (v) =>
        Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'must return a list of messages',
    });
    const problems = outcome.ok ? outcome.value : [outcome.failure.message.en];
    for (const problem of problems) {
      issues.push(
        createIssue('inconsistent-indicator', ['indicators', i, 'params'], {
          indicator: indicator.id,
          detail: problem,
        }),
      );
    }
  });
  return issues;
}

/**
 * Turns the coded observations of custom-kind indicators into numbers with their kinds'
 * `toValue` (a numeric value passes unchanged, so resolving twice changes nothing), and refuses a
 * `code` anywhere else. The result is ordinary assessment inputs. Pure; never throws:
 * an unknown code, an unknown kind or a failing plugin rule is an issue at the observation's path.
 *
 * @example
 * ```ts
 * import { resolveCustomObservations } from '@kepu/core/plugin';
 * const r = resolveCustomObservations(plan, { observations: [{ indicator: 'demo-county', period: 2024, code: 'provincial' }] }, [ordinal]);
 * if (r.ok) r.value.observations?.[0]?.value; // 3
 * ```
 */
export function resolveCustomObservations(
  plan: Plan,
  inputs: AssessmentInputsInput,
  kinds: readonly TargetKindDefinition[],
): Result<AssessmentInputsInput> {
  const observations = inputs.observations ?? [];
  const index = indexPlan(plan);
  const issues: KepuIssue[] = [];
  let changed = false;
  const resolved = observations.map((o, i): Observation | typeof o => {
    const indicatorId = o.indicator ?? (o.target === undefined ? undefined : index.targets.get(o.target)?.indicator);
    const indicator = indicatorId === undefined ? undefined : index.indicators.get(indicatorId);
    if (indicator?.valueType !== 'custom') {
      if (o.code !== undefined) {
        issues.push(
          createIssue('invalid-observation', ['observations', i, 'code'], {
            detail: `indicator "${indicatorId ?? '?'}" is not of a custom kind: give a value, not a code`,
          }),
        );
      }
      return o;
    }
    // A number is already what the comparator judges: resolving is idempotent, so inputs resolved
    // once (or by an incremental assessor) hash and score the same as inputs resolved here.
    if (o.code === undefined) return o;
    const kind = kinds.find((k) => k.id === indicator.kind);
    if (!kind) {
      issues.push(
        createIssue('unknown-reference', ['observations', i, 'indicator'], {
          kind: 'target kind',
          ref: String(indicator.kind),
        }),
      );
      return o;
    }
    const outcome = callHook(kind.id, 'toValue', (arg: typeof o) => kind.toValue(arg, indicator), o, {
      check: (v) =>
        v === undefined || (typeof v === 'number' && Number.isFinite(v))
          ? undefined
          : 'must return a finite number or undefined',
    });
    if (!outcome.ok || outcome.value === undefined) {
      issues.push(
        createIssue('invalid-observation', ['observations', i, 'code'], {
          detail: outcome.ok
            ? `"${o.code}" is not a ${kind.name.en} of indicator "${indicator.id}"`
            : outcome.failure.message.en,
        }),
      );
      return o;
    }
    changed = true;
    const { code: _code, ...rest } = o;
    return {
      ...rest,
      value: outcome.value,
      note: [o.note, `${kind.name.en}: ${o.code ?? o.value}`].filter(Boolean).join('; '),
    };
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: changed ? { ...inputs, observations: resolved } : inputs };
}
