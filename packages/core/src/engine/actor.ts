import { z } from 'zod';
import { IdSchema } from '../org-unit.js';
import { normalizeActorId } from '../rules/identity.js';

/**
 * The roles the engine knows, in the order of the permission table:
 *
 * - `reporter` — a person of a unit (department or township) who files its progress reports;
 * - `lead-reviewer` — a reviewer of a lead unit (牵头部门), who approves or returns reports on the
 *   tasks that unit leads;
 * - `plan-office` — the plan office (the county 科协's 纲要办), which administers the plan, sees
 *   everything and may review any report;
 * - `assessor` — the assessment group (督查考核组): findings, awards, incidents, assessment runs;
 * - `observer` — reads, never writes.
 *
 * @example
 * ```ts
 * import { ENGINE_ROLES } from '@kepu/core';
 * ENGINE_ROLES.includes('assessor'); // true
 * ```
 */
export const ENGINE_ROLES = ['reporter', 'lead-reviewer', 'plan-office', 'assessor', 'observer'] as const;

/**
 * One of {@link ENGINE_ROLES}.
 *
 * @example
 * ```ts
 * import type { EngineRole } from '@kepu/core';
 * const role: EngineRole = 'lead-reviewer';
 * ```
 */
export type EngineRole = (typeof ENGINE_ROLES)[number];

/**
 * Who runs a command: a person's stable `id`, the role they act in, and for reporters and lead
 * reviewers the org unit they act for. `plan`, when set, limits the actor to one plan (a county's
 * staff in a database that holds several counties).
 *
 * A person with two roles is two actors with the same `id`; the engine compares ids, so such a
 * person still cannot approve a report they submitted. The id is normalised on entry
 * ({@link normalizeActorId}: NFKC, invisible characters removed, case folded), so `CHEN.JING` or a
 * zero-width variant of `chen.jing` is the same person, not a second one.
 *
 * @example
 * ```ts
 * import { ActorSchema } from '@kepu/core';
 * ActorSchema.parse({ id: 'wang.li', role: 'reporter', unit: 'education' });
 * ```
 */
export const ActorSchema = z
  .strictObject({
    id: z
      .string()
      .max(480)
      .transform(normalizeActorId)
      .pipe(z.string().min(1, 'an actor id must have a visible character').max(120)),
    role: z.enum(ENGINE_ROLES),
    unit: IdSchema.optional(),
    plan: IdSchema.optional(),
    name: z.string().max(200).optional(),
  })
  .refine((actor) => actor.unit !== undefined || (actor.role !== 'reporter' && actor.role !== 'lead-reviewer'), {
    message: 'a reporter or a lead reviewer acts for an org unit: give its id in `unit`',
    path: ['unit'],
  });
/** @see {@link ActorSchema} */
export type Actor = z.infer<typeof ActorSchema>;

/**
 * How the engine turns an actor reference (a user id from the host's login) into an
 * {@link Actor}. Return `undefined` for an unknown reference: the command is denied with
 * `unknown-actor`, and the attempt is audited.
 *
 * @example
 * ```ts
 * import type { Actor, ActorResolver } from '@kepu/core';
 * const directory = new Map<string, Actor>([['wang.li', { id: 'wang.li', role: 'reporter', unit: 'education' }]]);
 * const resolveActor: ActorResolver = (ref) => directory.get(ref);
 * ```
 */
export type ActorResolver = (ref: string) => Actor | undefined | Promise<Actor | undefined>;
