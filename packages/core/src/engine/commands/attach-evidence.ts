import type { Draft } from 'immer';
import { z } from 'zod';
import { createIssue } from '../../errors.js';
import { IdSchema } from '../../org-unit.js';
import type { Actor } from '../actor.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import type { EvidenceAttachment, Finding, ProgressReport } from '../state.js';
import { Base, InPlan } from './fields.js';
import { EvidenceFileSchema } from './report-content.js';

/** What both attach commands carry besides their target: the file's metadata and a note. */
const Attachment = {
  /** The file: name, media type, size and SHA-256, as the evidence store answered its upload. */
  file: EvidenceFileSchema,
  /** What the file shows (an optional caption, e.g. 活动现场照片). */
  note: z.string().trim().min(1).max(500).optional(),
};

/**
 * Attach an evidence file (佐证材料) to a report after it was filed: a scan, a photo, a signed
 * sheet. The file's SHA-256 goes into the audit log with the command, so the log proves which
 * file was attached, by whom and when. The report's unit attaches while the report awaits review
 * or was returned; its task's lead reviewers and the plan office may attach what their review
 * found. An approved or withdrawn report takes no new files.
 *
 * @example
 * ```ts
 * import { AttachReportEvidenceSchema } from '@kepu/core';
 * AttachReportEvidenceSchema.parse({
 *   type: 'attach-report-evidence', baseVersion: 5, report: 'rpt-3',
 *   file: { name: '科普日签到表.pdf', type: 'application/pdf', size: 48213, sha256: 'a'.repeat(64) },
 * });
 * ```
 */
export const AttachReportEvidenceSchema = z.strictObject({
  type: z.literal('attach-report-evidence'),
  ...Base,
  report: IdSchema,
  ...Attachment,
});

/**
 * Attach an evidence file (佐证材料) to an inspection finding: the photo or record behind what the
 * assessment group found. Its SHA-256 goes into the audit log with the command.
 *
 * @example
 * ```ts
 * import { AttachFindingEvidenceSchema } from '@kepu/core';
 * AttachFindingEvidenceSchema.parse({
 *   type: 'attach-finding-evidence', baseVersion: 9, finding: 'fnd-4',
 *   file: { name: '现场检查照片.jpg', type: 'image/jpeg', size: 912000, sha256: 'b'.repeat(64) },
 * });
 * ```
 */
export const AttachFindingEvidenceSchema = z.strictObject({
  type: z.literal('attach-finding-evidence'),
  ...InPlan,
  finding: IdSchema,
  ...Attachment,
});

function attachment(
  file: z.infer<typeof EvidenceFileSchema>,
  note: string | undefined,
  actor: Actor,
  at: string,
  revision?: number,
): EvidenceAttachment {
  return {
    ...file,
    ...(note === undefined ? {} : { note }),
    attachedAt: at,
    attachedBy: actor.id,
    role: actor.role,
    ...(actor.unit === undefined ? {} : { unit: actor.unit }),
    ...(revision === undefined ? {} : { revision }),
  };
}

/** The report's unit, its lead reviewers or the plan office attach a file to a report under review. */
export const attachReportEvidence = defineCommand({
  type: 'attach-report-evidence',
  schema: AttachReportEvidenceSchema,
  permissions: permissionRow({ reporter: 'own-unit', 'lead-reviewer': 'lead-unit', 'plan-office': 'any' }),
  subject: 'report',
  transition: { from: ['submitted', 'returned'], action: 'given new evidence' },
  apply(draft, ctx) {
    const { command, actor, at, version } = ctx;
    const r = draft.reports[command.report] as Draft<ProgressReport>;
    const added = attachment(command.file, command.note, actor, at, r.revisions.length);
    r.attachments = [...(r.attachments ?? []), added as Draft<EvidenceAttachment>];
    r.updatedAt = at;
    r.version = version;
    return { kind: 'reports', id: r.id };
  },
});

/** The assessment group attaches a file to a finding it recorded. */
export const attachFindingEvidence = defineCommand({
  type: 'attach-finding-evidence',
  schema: AttachFindingEvidenceSchema,
  permissions: permissionRow({ assessor: 'any' }),
  subject: 'plan',
  references(ctx) {
    const finding = Object.hasOwn(ctx.records.findings, ctx.command.finding)
      ? ctx.records.findings[ctx.command.finding]
      : undefined;
    if (finding?.plan === ctx.plan.id) return [];
    return [createIssue('unknown-reference', ['finding'], { kind: 'finding', ref: ctx.command.finding })];
  },
  // The finding is the record the command changes: naming it as the prior record puts it in the
  // draft, and makes an attachment built on an older version of it stale.
  prior(ctx) {
    const finding = ctx.records.findings[ctx.command.finding] as Finding;
    return { kind: 'findings', record: finding, label: `finding "${finding.id}"` };
  },
  apply(draft, ctx) {
    const { command, actor, at, version } = ctx;
    const f = draft.findings[command.finding] as Draft<Finding>;
    const added = attachment(command.file, command.note, actor, at);
    f.attachments = [...(f.attachments ?? []), added as Draft<EvidenceAttachment>];
    f.version = version;
    return { kind: 'findings', id: f.id };
  },
});
