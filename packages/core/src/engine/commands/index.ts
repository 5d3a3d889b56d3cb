import { z } from 'zod';
import type { CommandDefinition } from '../command-definition.js';
import { approveReport } from './approve-report.js';
import { attachFindingEvidence, attachReportEvidence } from './attach-evidence.js';
import { recordAward } from './record-award.js';
import { recordFinding } from './record-finding.js';
import { recordIncident } from './record-incident.js';
import { resubmitReport } from './resubmit-report.js';
import { returnReport } from './return-report.js';
import { reviewTarget } from './review-target.js';
import { runAssessment } from './run-assessment.js';
import { submitReport } from './submit-report.js';
import { withdrawReport } from './withdraw-report.js';

/**
 * Every command the engine knows, in the order of the permission table. Adding a command is one
 * new file in this folder and one line here; the schema union, the permission table, the rules
 * of `decide` and the events all follow from the list.
 */
const DEFINITIONS = [
  submitReport,
  withdrawReport,
  resubmitReport,
  returnReport,
  approveReport,
  recordFinding,
  recordAward,
  recordIncident,
  reviewTarget,
  runAssessment,
  attachReportEvidence,
  attachFindingEvidence,
] as const;

type Definitions = typeof DEFINITIONS;
type SchemasOf<T extends readonly { readonly schema: unknown }[]> = { -readonly [K in keyof T]: T[K]['schema'] };
type TypesOf<T extends readonly { readonly type: string }[]> = { readonly [K in keyof T]: T[K]['type'] };

/**
 * Every command the engine accepts, discriminated by `type`.
 *
 * @example
 * ```ts
 * import { CommandSchema } from '@kepu/core';
 * CommandSchema.safeParse({ type: 'approve-report', baseVersion: 1, report: 'rpt-1' }).success; // true
 * ```
 */
export const CommandSchema = z.discriminatedUnion(
  'type',
  DEFINITIONS.map((d) => d.schema) as unknown as SchemasOf<Definitions>,
);
/** A validated command. @see {@link CommandSchema} */
export type Command = z.infer<typeof CommandSchema>;
/**
 * What {@link CommandSchema} accepts: defaults may be left out.
 *
 * @example
 * ```ts
 * import type { CommandInput } from '@kepu/core';
 * const approve: CommandInput = { type: 'approve-report', baseVersion: 3, report: 'rpt-1' };
 * ```
 */
export type CommandInput = z.input<typeof CommandSchema>;
/**
 * The `type` of a command.
 *
 * @example
 * ```ts
 * import type { CommandType } from '@kepu/core';
 * const type: CommandType = 'record-award';
 * ```
 */
export type CommandType = Command['type'];
/**
 * The validated command of one type.
 *
 * @example
 * ```ts
 * import type { CommandOf } from '@kepu/core';
 * const reasonOf = (c: CommandOf<'return-report'>) => c.reason;
 * ```
 */
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/**
 * Every command type, in the order of the permission table.
 *
 * @example
 * ```ts
 * import { COMMAND_TYPES } from '@kepu/core';
 * COMMAND_TYPES.length; // 12
 * ```
 */
export const COMMAND_TYPES = DEFINITIONS.map((d) => d.type) as unknown as TypesOf<Definitions>;

const byType = new Map<string, CommandDefinition<string, Command>>(
  DEFINITIONS.map((d) => [d.type, d as unknown as CommandDefinition<string, Command>]),
);

/**
 * The definition of a command type (see {@link CommandDefinition}).
 *
 * @example
 * ```ts
 * import { commandDefinition } from '@kepu/core/engine';
 * commandDefinition('approve-report').transition?.from; // ['submitted']
 * ```
 */
export function commandDefinition<T extends CommandType>(type: T): CommandDefinition<T, CommandOf<T>> {
  const definition = byType.get(type);
  if (!definition) throw new TypeError(`unknown command type ${type}`);
  return definition as unknown as CommandDefinition<T, CommandOf<T>>;
}

/** Every command's definition, in the order of the permission table. */
export const COMMAND_DEFINITIONS = DEFINITIONS as unknown as readonly CommandDefinition<string, Command>[];
