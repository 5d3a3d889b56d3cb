import type {
  EvidenceFile,
  ReportObservation,
  ReportSelfScore,
  ReviewEvidenceFile,
} from './commands/report-content.js';

/**
 * Where a report stands: `submitted` (awaiting review, also after a resubmission), `returned`
 * (sent back for revision), `approved`, `withdrawn`.
 *
 * @example
 * ```ts
 * import type { ReportStatus } from '@kepu/core';
 * const waiting: ReportStatus = 'submitted';
 * ```
 */
export type ReportStatus = 'submitted' | 'returned' | 'approved' | 'withdrawn';

/**
 * One submitted version of a report's content. Revisions are kept; the last is current.
 *
 * @example
 * ```ts
 * import type { ProgressReport, ReportRevision } from '@kepu/core';
 * const current = (report: ProgressReport): ReportRevision => report.revisions[report.revisions.length - 1]!;
 * ```
 */
export interface ReportRevision {
  readonly revision: number;
  readonly narrative: string;
  readonly observations: readonly ReportObservation[];
  readonly evidence: readonly EvidenceFile[];
  readonly selfScores: readonly ReportSelfScore[];
  readonly submittedAt: string;
  readonly submittedBy: string;
}

/**
 * A reviewer's decision on a report, or the unit's withdrawal.
 *
 * @example
 * ```ts
 * import type { ReportDecision } from '@kepu/core';
 * const returned = (d: ReportDecision) => d.action === 'returned';
 * ```
 */
export interface ReportDecision {
  readonly action: 'returned' | 'approved' | 'withdrawn';
  readonly by: string;
  readonly role: string;
  readonly unit?: string;
  readonly at: string;
  readonly revision: number;
  /** The reason of a return or a withdrawal. */
  readonly reason?: string;
  readonly comment?: string;
  /** A reviewer's score of the task's result, out of `outOf`. */
  readonly review?: { readonly score: number; readonly outOf: number };
}

/**
 * A progress report of a unit on a task (or, with `task: null`, the unit's summary report) for a
 * period. `version` is the engine version of its last change: a command based on an earlier
 * version is refused as a conflict. `late` is true when its first submission came after the due
 * date.
 *
 * @example
 * ```ts
 * import type { ProgressReport } from '@kepu/core';
 * const awaiting = (r: ProgressReport) => r.status === 'submitted';
 * ```
 */
export interface ProgressReport {
  readonly id: string;
  readonly plan: string;
  readonly task: string | null;
  readonly unit: string;
  readonly period: string;
  readonly status: ReportStatus;
  readonly dueDate: string;
  readonly late: boolean;
  readonly revisions: readonly ReportRevision[];
  readonly decisions: readonly ReportDecision[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  /** Files attached after filing (`attach-report-evidence`), oldest first; absent when none. */
  readonly attachments?: readonly EvidenceAttachment[];
}

/**
 * An evidence file (佐证材料) attached to a report or a finding after it was recorded: the file's
 * metadata ({@link EvidenceFile}: name, media type, size, SHA-256), an optional note, and who
 * attached it, in which role and unit, and when. For a report, `revision` is the revision that was
 * current when the file was attached.
 *
 * @example
 * ```ts
 * import type { EvidenceAttachment } from '@kepu/core';
 * const hashes = (files: readonly EvidenceAttachment[]) => files.map((f) => f.sha256);
 * ```
 */
export interface EvidenceAttachment extends EvidenceFile {
  readonly note?: string;
  readonly attachedAt: string;
  readonly attachedBy: string;
  readonly role: string;
  readonly unit?: string;
  readonly revision?: number;
}

/** Fields every recorded fact carries. */
interface RecordedBase {
  readonly id: string;
  readonly plan: string;
  readonly unit: string;
  readonly period: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly version: number;
}

/**
 * An inspection finding (督查发现).
 *
 * @example
 * ```ts
 * import type { Finding } from '@kepu/core';
 * const deducts = (f: Finding) => f.deduction !== undefined;
 * ```
 */
export interface Finding extends RecordedBase {
  readonly task?: string;
  readonly text: string;
  readonly deduction?: { readonly rule: string; readonly count: number };
  readonly score?: { readonly item: string; readonly score: number; readonly outOf: number };
  /** The recording actor's unit, which the assessment names as reviewer of a scored item. */
  readonly reviewerUnit?: string;
  /** Files attached to the finding (`attach-finding-evidence`), oldest first; absent when none. */
  readonly attachments?: readonly EvidenceAttachment[];
}

/**
 * A recorded award or commendation (表彰).
 *
 * @example
 * ```ts
 * import type { AwardRecord } from '@kepu/core';
 * const title = (a: AwardRecord) => a.title;
 * ```
 */
export interface AwardRecord extends RecordedBase {
  readonly award: string;
  readonly title: string;
  readonly count: number;
  readonly date?: string;
}

/**
 * A recorded veto incident (一票否决).
 *
 * @example
 * ```ts
 * import type { IncidentRecord } from '@kepu/core';
 * const vetoItem = (i: IncidentRecord) => i.veto;
 * ```
 */
export interface IncidentRecord extends RecordedBase {
  readonly veto: string;
  readonly description: string;
  readonly date?: string;
}

/**
 * A reviewer's judgement of a qualitative target for a year (`review-target`). `reviewer` is the
 * recording actor's org unit; a later review of the same target and year by the same reviewer
 * replaces this one (`revision` counts the reviews it replaced, plus one). The assessment reads
 * it as a review of the target.
 *
 * @example
 * ```ts
 * import type { TargetReview } from '@kepu/core';
 * const fraction = (r: TargetReview) => r.score / r.outOf;
 * ```
 */
export interface TargetReview {
  readonly id: string;
  readonly plan: string;
  readonly target: string;
  readonly period: string;
  readonly reviewer: string;
  readonly score: number;
  readonly outOf: number;
  readonly narrative: string;
  readonly evidence: readonly ReviewEvidenceFile[];
  readonly revision: number;
  /** The id of the review this one replaced, when it took a new id. */
  readonly replaces?: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly version: number;
}

/**
 * One run of the assessment of a plan for a year: the scorecard, what it was computed from
 * (`stateVersion`, `inputsHash`) and who ran it. Runs of the same year are numbered 1, 2, 3 …
 * (`run`); a rerun never replaces an earlier one.
 *
 * @example
 * ```ts
 * import type { AssessmentRun } from '@kepu/core';
 * const latest = (runs: AssessmentRun[]) => runs.reduce((a, b) => (b.run > a.run ? b : a));
 * ```
 */
export interface AssessmentRun {
  readonly id: string;
  readonly plan: string;
  readonly period: string;
  readonly run: number;
  readonly asOf: string;
  readonly stateVersion: number;
  readonly inputsHash: string;
  readonly ranAt: string;
  readonly ranBy: string;
  readonly scorecard: unknown;
  readonly version: number;
}

/**
 * The engine's whole state: plain JSON, immutable (frozen by immer), changed only by accepted
 * commands. `version` counts accepted commands. Collections are keyed by id.
 *
 * @example
 * ```ts
 * import type { EngineState } from '@kepu/core';
 * const pending = (s: EngineState) => Object.values(s.reports).filter((r) => r.status === 'submitted');
 * ```
 */
export interface EngineState {
  readonly version: number;
  readonly reports: Readonly<Record<string, ProgressReport>>;
  readonly findings: Readonly<Record<string, Finding>>;
  readonly awards: Readonly<Record<string, AwardRecord>>;
  readonly incidents: Readonly<Record<string, IncidentRecord>>;
  readonly targetReviews: Readonly<Record<string, TargetReview>>;
  readonly assessments: Readonly<Record<string, AssessmentRun>>;
}

/**
 * The collections of {@link EngineState} that are stored as records (current values);
 * `assessments` are stored as snapshots (immutable versions).
 *
 * @example
 * ```ts
 * import { RECORD_KINDS } from '@kepu/core';
 * RECORD_KINDS; // ['reports', 'findings', 'awards', 'incidents', 'targetReviews']
 * ```
 */
export const RECORD_KINDS = ['reports', 'findings', 'awards', 'incidents', 'targetReviews'] as const;

/** The state of an engine with an empty store. */
export function initialState(): EngineState {
  return { version: 0, reports: {}, findings: {}, awards: {}, incidents: {}, targetReviews: {}, assessments: {} };
}

/** The snapshot key of an assessment run: `assessment/<plan>/<period>`. */
export function assessmentKey(plan: string, period: string): string {
  return `assessment/${plan}/${period}`;
}
