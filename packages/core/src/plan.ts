import { z } from 'zod';
import { IdSchema, OrgUnitKindSchema, OrgUnitSchema, ProvenanceSchema, TextSchema } from './org-unit.js';
import { IndicatorSchema, TargetSchema } from './target.js';

/**
 * A node path: the stable id of a part, section, task or clause, made of the document's
 * numbering as integers (`三（一）2` → `3.1.2`).
 *
 * @example
 * ```ts
 * import { NodePathSchema } from '@kepu/core';
 * NodePathSchema.parse('3.1.2');
 * ```
 */
export const NodePathSchema = z
  .string()
  .regex(/^[1-9]\d{0,2}(?:\.[1-9]\d{0,2}){0,3}$/, 'a path is 1 to 4 numbers joined by dots, such as 3.1.2');

const NodeBase = {
  path: NodePathSchema,
  /** The numbering as printed, e.g. `三（一）2`. */
  code: z.string().max(40),
  title: TextSchema.max(1_000),
  titleEn: z.string().max(1_000).optional(),
  /** The paragraph as printed (after removing page-break debris). */
  text: z.string().max(50_000).default(''),
};

/**
 * Who is responsible for a task: one or more lead units (牵头) and any partners (配合), by id.
 * A partner may be a group, which stands for its members.
 *
 * @example
 * ```ts
 * import { ResponsibilitySchema } from '@kepu/core';
 * ResponsibilitySchema.parse({ leads: ['education'], partners: ['leading-group'] });
 * ```
 */
export const ResponsibilitySchema = z.strictObject({
  leads: z.array(IdSchema),
  partners: z.array(IdSchema).default([]),
  provenance: ProvenanceSchema.optional(),
});
/** @see {@link ResponsibilitySchema} */
export type Responsibility = z.infer<typeof ResponsibilitySchema>;

/**
 * A lead duty a task gives to every unit of one kind, each for its own area: the seed's 三（二）3
 * makes each township's 乡镇农业农村综合服务中心 lead the guidance of its own 农技协. Such a unit
 * reports on the task (see `reportsOnTask`) and its figures are its own area's contribution; it
 * does not lead the task county-wide, so its role on the task (`roleOf`) and its score are those
 * the task's `leads` and `partners` give it.
 *
 * @example
 * ```ts
 * import { AreaLeadSchema } from '@kepu/core';
 * AreaLeadSchema.parse({ unitKind: 'township', duty: '指导、支持所属地农技协从事农技社会化服务' });
 * ```
 */
export const AreaLeadSchema = z.strictObject({
  unitKind: OrgUnitKindSchema.exclude(['group']),
  /** The duty, in the document's words. */
  duty: TextSchema.max(1_000),
  dutyEn: z.string().max(1_000).optional(),
  provenance: ProvenanceSchema.optional(),
});
/** @see {@link AreaLeadSchema} */
export type AreaLead = z.infer<typeof AreaLeadSchema>;

/**
 * A numbered task of an improvement action or key project, with its leads and partners.
 *
 * `inherited` is true when the task has no responsibility lines of its own and takes them from
 * its section's closing lines (the seed's 四（五）1 and 2); `leads`/`partners` are then a copy of
 * the section's, so every task can be read on its own.
 *
 * @example
 * ```ts
 * import { TaskSchema } from '@kepu/core';
 * TaskSchema.parse({
 *   path: '3.1.2', code: '三（一）2', title: '加强基础教育阶段的科技教育',
 *   leads: ['education'], partners: ['leading-group'], inherited: false,
 * });
 * ```
 */
export const TaskSchema = z.strictObject({
  ...NodeBase,
  leads: z.array(IdSchema),
  partners: z.array(IdSchema).default([]),
  inherited: z.boolean().default(false),
  /** Lead duties the task gives to every unit of a kind, each for its own area (see {@link AreaLeadSchema}). */
  areaLeads: z.array(AreaLeadSchema).optional(),
  /** Audience ids; when absent the section's audiences apply. */
  audiences: z.array(IdSchema).optional(),
});
/** @see {@link TaskSchema} */
export type Task = z.infer<typeof TaskSchema>;

/**
 * A numbered clause that is not a task: a goal, a principle or a safeguard measure (五（二）1).
 *
 * @example
 * ```ts
 * import { ClauseSchema } from '@kepu/core';
 * ClauseSchema.parse({ path: '5.2.1', code: '五（二）1', title: '建立督查考核机制', text: '…' });
 * ```
 */
export const ClauseSchema = z.strictObject({ ...NodeBase });
/** @see {@link ClauseSchema} */
export type Clause = z.infer<typeof ClauseSchema>;

/**
 * A section (（一）, （二） …) of a part: tasks with responsibilities, or clauses.
 * `responsibility` holds lines printed once for the whole section; tasks without their own
 * inherit it.
 *
 * @example
 * ```ts
 * import { SectionSchema } from '@kepu/core';
 * SectionSchema.parse({ path: '4.5', code: '四（五）', title: '实施科学素质交流合作工程', tasks: [] });
 * ```
 */
export const SectionSchema = z.strictObject({
  ...NodeBase,
  audiences: z.array(IdSchema).default([]),
  tasks: z.array(TaskSchema).default([]),
  clauses: z.array(ClauseSchema).default([]),
  responsibility: ResponsibilitySchema.optional(),
});
/** @see {@link SectionSchema} */
export type Section = z.infer<typeof SectionSchema>;

/**
 * Kinds of top-level part of a plan.
 *
 * @example
 * ```ts
 * import { PartKindSchema } from '@kepu/core';
 * PartKindSchema.parse('actions');
 * ```
 */
export const PartKindSchema = z.enum(['preface', 'guidance', 'actions', 'projects', 'safeguards', 'other']);
/** @see {@link PartKindSchema} */
export type PartKind = z.infer<typeof PartKindSchema>;

/**
 * A top-level part (一、二、三 …) of a plan.
 *
 * @example
 * ```ts
 * import { PartSchema } from '@kepu/core';
 * PartSchema.parse({ path: '3', code: '三', title: '实施五项提升行动', kind: 'actions', sections: [] });
 * ```
 */
export const PartSchema = z.strictObject({
  ...NodeBase,
  kind: PartKindSchema,
  sections: z.array(SectionSchema).default([]),
});
/** @see {@link PartSchema} */
export type Part = z.infer<typeof PartSchema>;

/**
 * A population group a plan addresses (青少年, 农民, 产业工人, 老年人, 领导干部和公务员 …).
 *
 * @example
 * ```ts
 * import { AudienceSchema } from '@kepu/core';
 * AudienceSchema.parse({ id: 'youth', name: '青少年', nameEn: 'Youth' });
 * ```
 */
export const AudienceSchema = z.strictObject({
  id: IdSchema,
  name: TextSchema.max(100),
  nameEn: z.string().max(100).optional(),
});
/** @see {@link AudienceSchema} */
export type Audience = z.infer<typeof AudienceSchema>;

/**
 * A principle of the plan (工作原则), e.g. 坚持党的领导.
 *
 * @example
 * ```ts
 * import { PrincipleSchema } from '@kepu/core';
 * PrincipleSchema.parse({ id: 'party-leadership', title: '坚持党的领导', text: '…' });
 * ```
 */
export const PrincipleSchema = z.strictObject({
  id: IdSchema,
  title: TextSchema.max(200),
  titleEn: z.string().max(200).optional(),
  text: z.string().max(5_000).default(''),
});
/** @see {@link PrincipleSchema} */
export type Principle = z.infer<typeof PrincipleSchema>;

const SafeguardBase = {
  id: IdSchema,
  /** Path of the clause or section that states the safeguard. */
  path: NodePathSchema,
  title: TextSchema.max(500),
  summary: z.string().max(5_000).default(''),
};

/**
 * A safeguard (保障措施) as data: how the plan is organised, assessed, rewarded, monitored,
 * staffed and funded. The `assessment` kind drives Kepu's scorecards: who is assessed, how often
 * and by whom.
 *
 * @example
 * ```ts
 * import { SafeguardSchema } from '@kepu/core';
 * SafeguardSchema.parse({
 *   kind: 'assessment', id: 'assessment', path: '5.2.1', title: '建立督查考核机制',
 *   assessed: ['township', 'member-unit'], frequency: 'periodic', body: '督查考核组', method: '目标考核',
 * });
 * ```
 */
export const SafeguardSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('organisation'),
    ...SafeguardBase,
    /** The leading group's id. */
    group: IdSchema.optional(),
    /** The unit that coordinates (综合协调), e.g. the county 科协. */
    coordinator: IdSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('assessment'),
    ...SafeguardBase,
    assessed: z.array(z.enum(['township', 'member-unit'])).min(1),
    frequency: z.enum(['periodic', 'annual', 'semiannual', 'quarterly']),
    body: TextSchema.max(200),
    method: z.string().max(200).default(''),
  }),
  z.strictObject({
    kind: z.literal('awards'),
    ...SafeguardBase,
    means: z.array(TextSchema.max(200)).default([]),
  }),
  z.strictObject({
    kind: z.literal('monitoring'),
    ...SafeguardBase,
    instruments: z.array(z.enum(['literacy-survey', 'science-statistics', 'other'])).min(1),
    frequency: z.enum(['periodic', 'annual']),
  }),
  z.strictObject({
    kind: z.literal('staffing'),
    ...SafeguardBase,
    commitments: z.array(TextSchema.max(500)).default([]),
  }),
  z.strictObject({
    kind: z.literal('funding'),
    ...SafeguardBase,
    commitments: z.array(TextSchema.max(500)).default([]),
  }),
]);
/** @see {@link SafeguardSchema} */
export type Safeguard = z.infer<typeof SafeguardSchema>;

/**
 * The plan document's metadata. `documentNumber.printed` keeps the number exactly as printed;
 * `documentNumber.number` is `null` when the printed number is blank (the seed's
 * “正政办发〔2022〕 号”) — Kepu never invents it.
 *
 * @example
 * ```ts
 * import { PlanMetaSchema } from '@kepu/core';
 * PlanMetaSchema.parse({
 *   title: '正宁县全民科学素质行动计划纲要实施方案（2022—2025年）', issuer: '正宁县人民政府办公室',
 *   documentNumber: { printed: '正政办发〔2022〕 号', prefix: '正政办发', year: 2022, number: null },
 *   issueDate: '2022-10-26', period: { start: 2022, end: 2025 },
 * });
 * ```
 */
export const PlanMetaSchema = z.strictObject({
  title: TextSchema.max(500),
  titleEn: z.string().max(500).optional(),
  /** The title of the covering notice (通知), when the plan was issued with one. */
  noticeTitle: z.string().max(500).optional(),
  issuer: TextSchema.max(200),
  documentNumber: z
    .strictObject({
      printed: z.string().max(100),
      prefix: z.string().max(50).optional(),
      year: z.number().int().min(1900).max(2200).optional(),
      number: z.string().max(20).nullable(),
    })
    .optional(),
  issueDate: z.iso.date().optional(),
  period: z
    .strictObject({ start: z.number().int().min(1900).max(2200), end: z.number().int().min(1900).max(2200) })
    .refine((p) => p.start <= p.end, 'the period must start before it ends'),
  /** Documents the plan says it is based on (依据). */
  basis: z.array(TextSchema.max(500)).default([]),
  /** Addressees of the notice (各乡镇人民政府 …). */
  recipients: z.array(TextSchema.max(200)).default([]),
  /** Distribution list (抄送). */
  distribution: z.array(TextSchema.max(200)).default([]),
  /** The printing note (印发): date and number of copies. */
  printing: z
    .strictObject({
      by: z.string().max(200).optional(),
      date: z.iso.date().optional(),
      copies: z.number().int().nonnegative().optional(),
    })
    .optional(),
});
/** @see {@link PlanMetaSchema} */
export type PlanMeta = z.infer<typeof PlanMetaSchema>;

/**
 * The jurisdiction a plan belongs to.
 *
 * @example
 * ```ts
 * import { CountySchema } from '@kepu/core';
 * CountySchema.parse({ id: 'zhengning', name: '正宁县', province: '甘肃省', prefecture: '庆阳市' });
 * ```
 */
export const CountySchema = z.strictObject({
  id: IdSchema,
  name: TextSchema.max(100),
  nameEn: z.string().max(100).optional(),
  province: z.string().max(100).optional(),
  prefecture: z.string().max(100).optional(),
  /** Administrative division code, when known. */
  code: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional(),
});
/** @see {@link CountySchema} */
export type County = z.infer<typeof CountySchema>;

/**
 * The version of the plan schema this package reads and writes.
 *
 * @example
 * ```ts
 * import { PLAN_SCHEMA_VERSION } from '@kepu/core';
 * PLAN_SCHEMA_VERSION; // 1
 * ```
 */
export const PLAN_SCHEMA_VERSION = 1 as const;

/**
 * A county implementation plan as data: metadata, the part → section → task structure, org
 * units, audiences, indicators and targets, and safeguards.
 *
 * The schema checks each field's shape; {@link validatePlan} adds the checks that span fields
 * (unknown units, duplicate ids, tasks without leads …) and reports all problems at once.
 *
 * @example
 * ```ts
 * import { PlanSchema } from '@kepu/core';
 * const result = PlanSchema.safeParse(JSON.parse(text));
 * ```
 */
export const PlanSchema = z.strictObject({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  id: IdSchema,
  county: CountySchema,
  meta: PlanMetaSchema,
  principles: z.array(PrincipleSchema).default([]),
  audiences: z.array(AudienceSchema).default([]),
  orgUnits: z.array(OrgUnitSchema),
  parts: z.array(PartSchema),
  indicators: z.array(IndicatorSchema).default([]),
  targets: z.array(TargetSchema).default([]),
  safeguards: z.array(SafeguardSchema).default([]),
});
/**
 * A validated plan, with every default filled in. Treat it as immutable: lookups are cached per
 * plan object ({@link indexPlan}).
 *
 * @example
 * ```ts
 * import { type Plan, parsePlan } from '@kepu/core';
 * const plan: Plan = parsePlan(JSON.parse(text));
 * ```
 */
export type Plan = z.infer<typeof PlanSchema>;
/**
 * What {@link PlanSchema} accepts: defaults may be left out. Write plans in this form.
 *
 * @example
 * ```ts
 * import type { PlanInput } from '@kepu/core';
 * const input: PlanInput = { schemaVersion: 1, id: 'demo', county: { id: 'demo', name: '示例县' },
 *   meta: { title: '示例', issuer: '示例县人民政府办公室', period: { start: 2022, end: 2025 } },
 *   orgUnits: [], parts: [] };
 * ```
 */
export type PlanInput = z.input<typeof PlanSchema>;
