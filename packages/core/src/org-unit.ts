import { z } from 'zod';

/**
 * Identifier of anything in a plan: lowercase letters, digits and dashes, starting with a letter.
 * Ids are ours (stable across edits of names); the document's own names live beside them.
 *
 * @example
 * ```ts
 * import { IdSchema } from '@kepu/core';
 * IdSchema.parse('county-cast'); // ok
 * ```
 */
export const IdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/,
    'an id is lowercase letters, digits and single dashes, starting with a letter',
  )
  .max(80);

/**
 * A non-empty, trimmed text of bounded length.
 *
 * @example
 * ```ts
 * import { TextSchema } from '@kepu/core';
 * TextSchema.parse('  县科协 '); // '县科协'
 * ```
 */
export const TextSchema = z.string().trim().min(1).max(20_000);

/**
 * Where a piece of data came from, so a reader can tell the document's words from our additions.
 *
 * - `document`: printed in the plan itself (`quote` holds the words where useful);
 * - `external`: from another public source (`note` names it), e.g. the list of a county's townships;
 * - `inferred`: derived by us from the document (`note` says how), e.g. the leading group's members.
 *
 * @example
 * ```ts
 * import { ProvenanceSchema } from '@kepu/core';
 * ProvenanceSchema.parse({ kind: 'external', note: 'administrative divisions list' });
 * ```
 */
export const ProvenanceSchema = z.strictObject({
  kind: z.enum(['document', 'external', 'inferred']),
  note: z.string().max(2_000).optional(),
  quote: z.string().max(2_000).optional(),
});
/** @see {@link ProvenanceSchema} */
export type Provenance = z.infer<typeof ProvenanceSchema>;

/**
 * Kinds of organisational unit found in county plans.
 *
 * - `party-department`: a department of the county Party committee (县委组织部, 县委宣传部);
 * - `government-department`: a bureau or office of the county government (县教育局);
 * - `mass-organisation`: 团县委, 县总工会, 县科协, 县妇联 …;
 * - `township`: a township or town (乡/镇), assessed on its own scheme;
 * - `group`: a set of units standing for its members (the leading group's member units);
 * - `other`: schools, enterprises, stations and anything else.
 *
 * @example
 * ```ts
 * import { OrgUnitKindSchema } from '@kepu/core';
 * OrgUnitKindSchema.options; // ['party-department', ...]
 * ```
 */
export const OrgUnitKindSchema = z.enum([
  'party-department',
  'government-department',
  'mass-organisation',
  'township',
  'group',
  'other',
]);
/** @see {@link OrgUnitKindSchema} */
export type OrgUnitKind = z.infer<typeof OrgUnitKindSchema>;

/**
 * An organisational unit: a department, a township, or a group of units.
 *
 * `name` is the name as the plan prints it (县科协); `fullName` the formal name (正宁县科学技术协会);
 * `aliases` every other spelling that should resolve to this unit. A group lists `members` by id
 * and stands for them wherever it is named as a partner.
 *
 * @example
 * ```ts
 * import { OrgUnitSchema } from '@kepu/core';
 * OrgUnitSchema.parse({
 *   id: 'cast', name: '县科协', fullName: '正宁县科学技术协会', aliases: ['正宁县科协'],
 *   kind: 'mass-organisation',
 * });
 * ```
 */
export const OrgUnitSchema = z.strictObject({
  id: IdSchema,
  name: TextSchema.max(200),
  nameEn: z.string().max(200).optional(),
  fullName: z.string().max(200).optional(),
  aliases: z.array(TextSchema.max(200)).default([]),
  kind: OrgUnitKindSchema,
  /** Member unit ids; present on groups only. */
  members: z.array(IdSchema).optional(),
  provenance: ProvenanceSchema.optional(),
});
/** @see {@link OrgUnitSchema} */
export type OrgUnit = z.infer<typeof OrgUnitSchema>;
/** The input form of {@link OrgUnit}: defaults may be left out. @see {@link OrgUnitSchema} */
export type OrgUnitInput = z.input<typeof OrgUnitSchema>;
