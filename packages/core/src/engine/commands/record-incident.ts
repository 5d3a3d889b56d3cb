import type { Draft } from 'immer';
import { z } from 'zod';
import { IdSchema } from '../../org-unit.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import { PeriodSchema } from '../period.js';
import type { IncidentRecord } from '../state.js';
import { schemeIssues, unitPeriodReferences, yearOf } from './checks.js';
import { InPlan, Text } from './fields.js';

/**
 * Record an incident that triggers a veto item (一票否决) of the scheme for a unit.
 *
 * @example
 * ```ts
 * import { RecordIncidentSchema } from '@kepu/core';
 * RecordIncidentSchema.parse({
 *   type: 'record-incident', baseVersion: 9, unit: 'yonghe', period: '2024', veto: 'falsification',
 *   description: '虚报科普活动数据。',
 * });
 * ```
 */
export const RecordIncidentSchema = z.strictObject({
  type: z.literal('record-incident'),
  ...InPlan,
  id: IdSchema.optional(),
  unit: IdSchema,
  period: PeriodSchema,
  veto: IdSchema,
  description: Text(5_000),
  date: z.iso.date().optional(),
});

/** The plan office or the assessment group records an incident that triggers a veto item. */
export const recordIncident = defineCommand({
  type: 'record-incident',
  schema: RecordIncidentSchema,
  permissions: permissionRow({ 'plan-office': 'any', assessor: 'any' }),
  subject: 'plan',
  judges: (command) => ({ unit: command.unit, favourable: false }),
  creates: 'incidents',
  references: unitPeriodReferences,
  scheme: (ctx, check) =>
    schemeIssues(
      check(ctx.plan, {
        incidents: [
          { kind: 'veto', unit: ctx.command.unit, veto: ctx.command.veto, period: yearOf(ctx.command.period) },
        ],
      }),
      'incidents',
    ),
  apply(draft, ctx) {
    const { command } = ctx;
    const id = command.id ?? ctx.nextId('incidents', 'inc');
    draft.incidents[id] = {
      id,
      plan: ctx.plan.id,
      unit: command.unit,
      period: command.period,
      veto: command.veto,
      description: command.description,
      ...(command.date === undefined ? {} : { date: command.date }),
      recordedAt: ctx.at,
      recordedBy: ctx.actor.id,
      version: ctx.version,
    } as Draft<IncidentRecord>;
    return { kind: 'incidents', id };
  },
});
