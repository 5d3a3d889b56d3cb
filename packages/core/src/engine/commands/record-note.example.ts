import type { Draft } from 'immer';
import { z } from 'zod';
import { IdSchema } from '../../org-unit.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import { PeriodSchema } from '../period.js';
import type { Finding } from '../state.js';
import { unitPeriodReferences } from './checks.js';
import { InPlan, Text } from './fields.js';

/**
 * Record a note of the plan office about a unit for a period (督办备注): kept as a finding with
 * no deduction and no score, so the assessment shows it and charges nothing.
 *
 * @example
 * ```ts
 * RecordNoteSchema.parse({ type: 'record-note', baseVersion: 3, unit: 'shanhe', period: '2024', text: '请于月底前补报。' });
 * ```
 */
export const RecordNoteSchema = z.strictObject({
  type: z.literal('record-note'),
  ...InPlan,
  id: IdSchema.optional(),
  unit: IdSchema,
  period: PeriodSchema,
  text: Text(2_000),
});

/** The plan office notes something about a unit; the note is a finding that deducts nothing. */
export const recordNote = defineCommand({
  type: 'record-note',
  schema: RecordNoteSchema,
  permissions: permissionRow({ 'plan-office': 'any' }),
  subject: 'plan',
  creates: 'findings',
  references: unitPeriodReferences,
  apply(draft, ctx) {
    const id = ctx.command.id ?? ctx.nextId('findings', 'note');
    draft.findings[id] = {
      id,
      plan: ctx.plan.id,
      unit: ctx.command.unit,
      period: ctx.command.period,
      text: ctx.command.text,
      recordedAt: ctx.at,
      recordedBy: ctx.actor.id,
      version: ctx.version,
    } as Draft<Finding>;
    return { kind: 'findings', id };
  },
});
