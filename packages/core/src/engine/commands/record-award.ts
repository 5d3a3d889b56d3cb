import type { Draft } from 'immer';
import { z } from 'zod';
import { IdSchema } from '../../org-unit.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import { PeriodSchema } from '../period.js';
import type { AwardRecord } from '../state.js';
import { schemeIssues, unitPeriodReferences, yearOf } from './checks.js';
import { InPlan, Text } from './fields.js';

/**
 * Record an award or commendation (表彰) a unit earned, by the id of the award in the
 * assessment scheme's bonus list.
 *
 * @example
 * ```ts
 * import { RecordAwardSchema } from '@kepu/core';
 * RecordAwardSchema.parse({
 *   type: 'record-award', baseVersion: 8, unit: 'cast', period: '2024', award: 'provincial-commendation',
 *   title: '全省科普工作先进集体',
 * });
 * ```
 */
export const RecordAwardSchema = z.strictObject({
  type: z.literal('record-award'),
  ...InPlan,
  id: IdSchema.optional(),
  unit: IdSchema,
  period: PeriodSchema,
  award: IdSchema,
  title: Text(500),
  count: z.number().int().min(1).max(1_000).default(1),
  date: z.iso.date().optional(),
});

/** The plan office or the assessment group records an award a unit earned. */
export const recordAward = defineCommand({
  type: 'record-award',
  schema: RecordAwardSchema,
  permissions: permissionRow({ 'plan-office': 'any', assessor: 'any' }),
  subject: 'plan',
  judges: (command) => ({ unit: command.unit, favourable: true }),
  creates: 'awards',
  references: unitPeriodReferences,
  scheme: (ctx, check) =>
    schemeIssues(
      check(ctx.plan, {
        awards: [
          {
            unit: ctx.command.unit,
            award: ctx.command.award,
            period: yearOf(ctx.command.period),
            count: ctx.command.count,
          },
        ],
      }),
      'awards',
    ),
  apply(draft, ctx) {
    const { command } = ctx;
    const id = command.id ?? ctx.nextId('awards', 'awd');
    draft.awards[id] = {
      id,
      plan: ctx.plan.id,
      unit: command.unit,
      period: command.period,
      award: command.award,
      title: command.title,
      count: command.count,
      ...(command.date === undefined ? {} : { date: command.date }),
      recordedAt: ctx.at,
      recordedBy: ctx.actor.id,
      version: ctx.version,
    } as Draft<AwardRecord>;
    return { kind: 'awards', id };
  },
});
