import type { KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import type { EngineEvents } from './events.js';
import type { ReportValidationInput } from './transition.js';

/**
 * What a plugin can give the engine today: plans, a report-validation hook and event listeners.
 * Every field but `id` is optional. The plugin SDK builds on this shape.
 *
 * Contracts, enforced where the engine can:
 * - `validateReport` must be pure and must not throw: it sees frozen data and returns the issues
 *   that deny the report (an empty array to accept). If it throws or returns something that is
 *   not a list of issues, the engine emits `plugin:error` and ignores it; the command is decided
 *   as if the hook were absent.
 * - listeners must not throw; one that does is reported as `plugin:error` and the other
 *   listeners still run.
 *
 * @example
 * ```ts
 * import { createIssue, type EnginePlugin } from '@kepu/core';
 * const requireEvidence: EnginePlugin = {
 *   id: 'require-evidence',
 *   validateReport: ({ revision }) =>
 *     revision.evidence.length > 0
 *       ? []
 *       : [createIssue('invalid-shape', ['evidence'], { detail: 'attach at least one file' })],
 * };
 * ```
 */
export interface EnginePlugin {
  readonly id: string;
  readonly version?: string;
  readonly plans?: readonly Plan[];
  readonly validateReport?: (input: ReportValidationInput) => readonly KepuIssue[];
  readonly on?: { readonly [E in keyof EngineEvents]?: (event: EngineEvents[E]) => void };
}
