import type { Indicator, Plan, TargetKindDefinition } from '@kepu/core';

/**
 * One observation of a plugin-defined indicator kind, as a county records it: a `code` (such as
 * a level) or a `value`.
 *
 * @example
 * ```ts
 * import type { CustomObservationSample } from '@kepu/plugin-sdk/testing';
 * const national: CustomObservationSample = { code: 'national' };
 * ```
 */
export interface CustomObservationSample {
  readonly code?: string;
  readonly value?: number;
}

/**
 * Valid observations of each plugin-defined kind, by kind id, for the test kit to draw from:
 * given an indicator of the kind, the codes or values a county could record for it.
 *
 * @example
 * ```ts
 * import type { CustomKindSamples } from '@kepu/plugin-sdk/testing';
 * const samples: CustomKindSamples = {
 *   'ordinal-level': (indicator) => (indicator.params?.levels as string[]).map((code) => ({ code })),
 * };
 * ```
 */
export type CustomKindSamples = Readonly<Record<string, (indicator: Indicator) => readonly CustomObservationSample[]>>;

/** A sample with the number its kind turns it into. */
export interface ResolvedCustomSample {
  readonly observation: CustomObservationSample;
  readonly value: number;
}

/** What the kit probes a kind with when its author gave no samples: the small integers. */
const PROBES: readonly CustomObservationSample[] = Array.from({ length: 11 }, (_, value) => ({ value }));

/**
 * For every custom-kind indicator of `plan`, the samples its kind accepts, each with the number
 * it stands for, in increasing order of that number. Samples come from `samples` when the
 * author gives them, otherwise from probing the kind with the integers 0–10. A kind that throws
 * or refuses every sample yields an empty list (the kit reports that as a failing test).
 */
export function resolveCustomSamples(
  plan: Plan,
  kinds: readonly TargetKindDefinition[],
  samples: CustomKindSamples = {},
): Map<string, ResolvedCustomSample[]> {
  const out = new Map<string, ResolvedCustomSample[]>();
  for (const indicator of plan.indicators) {
    if (indicator.valueType !== 'custom' || indicator.kind === undefined) continue;
    const kind = kinds.find((k) => k.id === indicator.kind);
    const given = samples[indicator.kind];
    let candidates: readonly CustomObservationSample[] = PROBES;
    try {
      if (given) candidates = given(indicator);
    } catch {
      candidates = [];
    }
    const resolved: ResolvedCustomSample[] = [];
    for (const observation of candidates) {
      let value: number | undefined;
      try {
        value = kind?.toValue(observation, indicator);
      } catch {
        value = undefined;
      }
      if (typeof value === 'number' && Number.isFinite(value)) resolved.push({ observation, value });
    }
    out.set(
      indicator.id,
      resolved.sort((a, b) => a.value - b.value),
    );
  }
  return out;
}
