import { createIssue, type KepuIssue } from '../errors.js';
import { normalizeActorId } from '../rules/identity.js';
import { ENGINE_ROLES, type EngineRole } from './actor.js';
import { COMMAND_DEFINITIONS, type CommandType } from './commands/index.js';
import type { ProgressReport } from './state.js';

/**
 * How far a role's right to a command reaches:
 *
 * - `none` — never;
 * - `own-unit` — only for the actor's own unit: submitting on a task the unit leads or partners
 *   (or the unit's summary report when the unit is assessed), and withdrawing or resubmitting
 *   the unit's own reports;
 * - `lead-unit` — only reports on tasks the actor's unit leads;
 * - `any` — anywhere in the plan.
 *
 * Whatever the scope, nobody approves or returns a report they submitted a revision of.
 *
 * @example
 * ```ts
 * import type { PermissionScope } from '@kepu/core';
 * const scope: PermissionScope = 'lead-unit';
 * ```
 */
export type PermissionScope = 'none' | 'own-unit' | 'lead-unit' | 'any';

/**
 * The role × command table the engine enforces, gathered from each command's definition (its
 * `permissions` row). The docs' table and the exhaustive permission test are both generated from
 * this object, so they cannot drift apart.
 *
 * @example
 * ```ts
 * import { PERMISSIONS } from '@kepu/core';
 * PERMISSIONS['lead-reviewer']['approve-report']; // 'lead-unit'
 * PERMISSIONS.observer['submit-report']; // 'none'
 * ```
 */
export const PERMISSIONS: Readonly<Record<EngineRole, Readonly<Record<CommandType, PermissionScope>>>> =
  Object.fromEntries(
    ENGINE_ROLES.map((role) => [
      role,
      Object.fromEntries(COMMAND_DEFINITIONS.map((d) => [d.type, d.permissions[role]])),
    ]),
  ) as Record<EngineRole, Record<CommandType, PermissionScope>>;

/**
 * Which reports a role may read through the engine's queries (findings, awards, incidents and
 * assessments are visible to every role):
 *
 * - `own-unit` — the reports of the actor's unit;
 * - `own-and-led` — those, and reports on tasks the actor's unit leads;
 * - `approved` — approved reports only;
 * - `all` — every report.
 *
 * @example
 * ```ts
 * import { REPORT_VISIBILITY } from '@kepu/core';
 * REPORT_VISIBILITY.observer; // 'approved'
 * ```
 */
export const REPORT_VISIBILITY: Readonly<Record<EngineRole, 'own-unit' | 'own-and-led' | 'approved' | 'all'>> = {
  reporter: 'own-unit',
  'lead-reviewer': 'own-and-led',
  'plan-office': 'all',
  assessor: 'all',
  observer: 'approved',
};

/** A bilingual `forbidden` issue: the reason is given in both languages. */
export function forbiddenIssue(
  actor: { readonly id: string; readonly role: string },
  command: string,
  reason: { readonly zh: string; readonly en: string },
  path: ReadonlyArray<string | number> = ['actor'],
): KepuIssue {
  const params = { actor: actor.id, role: actor.role, command };
  const en = createIssue('forbidden', path, { ...params, reason: reason.en });
  const zh = createIssue('forbidden', path, { ...params, reason: reason.zh });
  return { ...en, message: { zh: zh.message.zh, en: en.message.en } };
}

/**
 * Everyone who submitted a revision of a report, by normalised id ({@link normalizeActorId}):
 * none of them may review it. Ids stored before normalisation compare the same way.
 */
export function submittersOf(report: ProgressReport): Set<string> {
  return new Set(report.revisions.map((r) => normalizeActorId(r.submittedBy)));
}
