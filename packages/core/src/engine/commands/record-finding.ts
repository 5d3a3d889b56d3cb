import type { Draft } from 'immer';
import { z } from 'zod';
import { createIssue, type KepuIssue } from '../../errors.js';
import { IdSchema } from '../../org-unit.js';
import { NodePathSchema } from '../../plan.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import { PeriodSchema } from '../period.js';
import type { Finding } from '../state.js';
import { referenceChecks, schemeIssues, yearOf } from './checks.js';
import { InPlan, ItemScore, Text } from './fields.js';

/**
 * Record an inspection finding (督查发现) about a unit for a period: what was found, and
 * optionally the scheme's deduction rule it triggers (with a count) or a score the inspectors gave
 * an item of the scheme.
 *
 * @example
 * ```ts
 * import { RecordFindingSchema } from '@kepu/core';
 * RecordFindingSchema.parse({
 *   type: 'record-finding', baseVersion: 7, unit: 'shanhe', period: '2024',
 *   text: '科普活动台账不完整。', deduction: { rule: 'incomplete-records', count: 1 },
 * });
 * ```
 */
export const RecordFindingSchema = z.strictObject({
  type: z.literal('record-finding'),
  ...InPlan,
  id: IdSchema.optional(),
  unit: IdSchema,
  period: PeriodSchema,
  task: NodePathSchema.optional(),
  text: Text(5_000),
  deduction: z.strictObject({ rule: IdSchema, count: z.number().int().min(1).max(1_000).default(1) }).optional(),
  score: ItemScore.optional(),
});

/** The assessment group records what an inspection found, with the deduction or score it gives. */
export const recordFinding = defineCommand({
  type: 'record-finding',
  schema: RecordFindingSchema,
  permissions: permissionRow({ assessor: 'any' }),
  subject: 'plan',
  // A score is the inspectors' grade of an item: nobody grades their own unit, whatever the scheme says.
  judges: (command) => ({ unit: command.unit, favourable: command.score !== undefined }),
  creates: 'findings',
  references(ctx) {
    const check = referenceChecks(ctx);
    check.unit(ctx.command.unit, ['unit']);
    check.period(ctx.command.period, ['period'], true);
    check.task(ctx.command.task, ['task']);
    return check.issues;
  },
  scheme(ctx, check) {
    const { command, plan } = ctx;
    const reviewer = ctx.actor.unit;
    const out: KepuIssue[] = [];
    if (command.deduction) {
      const issues = check(plan, {
        deductions: [
          {
            unit: command.unit,
            deduction: command.deduction.rule,
            period: yearOf(command.period),
            count: command.deduction.count,
          },
        ],
      });
      out.push(
        ...schemeIssues(issues, 'deductions').map((i) => ({
          ...i,
          path: ['deduction', ...i.path.map((k) => (k === 'deduction' ? 'rule' : k))],
        })),
      );
    }
    if (command.score) {
      if (reviewer === undefined) {
        out.push(
          createIssue('invalid-shape', ['score'], {
            detail: 'a scored finding names its reviewer: the recording actor needs an org unit',
          }),
        );
      } else {
        const issues = check(plan, {
          reviews: [
            {
              item: command.score.item,
              unit: command.unit,
              period: yearOf(command.period),
              score: command.score.score,
              outOf: command.score.outOf,
              reviewer: { unit: reviewer },
              evidence: [{ title: 'finding' }],
            },
          ],
        });
        out.push(...schemeIssues(issues, 'reviews').map((i) => ({ ...i, path: ['score', ...i.path] })));
      }
    }
    return out;
  },
  apply(draft, ctx) {
    const { command, actor } = ctx;
    const id = command.id ?? ctx.nextId('findings', 'fnd');
    draft.findings[id] = {
      id,
      plan: ctx.plan.id,
      unit: command.unit,
      period: command.period,
      ...(command.task === undefined ? {} : { task: command.task }),
      text: command.text,
      ...(command.deduction === undefined ? {} : { deduction: command.deduction }),
      ...(command.score === undefined ? {} : { score: command.score }),
      ...(actor.unit === undefined ? {} : { reviewerUnit: actor.unit }),
      recordedAt: ctx.at,
      recordedBy: actor.id,
      version: ctx.version,
    } as Draft<Finding>;
    return { kind: 'findings', id };
  },
});
