import {
  type Actor,
  type CommandInput,
  type CommandResult,
  type EvidenceFile,
  isKepuError,
  type KepuIssue,
  type ReportObservation,
  type ReportSelfScore,
} from '@kepu/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useActor, useEngine } from './context.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A command as a UI sends it: any engine command, with `baseVersion` optional. Left out, it is
 * the engine's version at the moment of sending; give the version the user saw (from
 * `useKepuSelector((s) => s.version)` when the form opened) to have edits made meanwhile by
 * someone else refused as `version-conflict` instead of silently overwritten.
 *
 * @example
 * ```ts
 * import type { UiCommand } from '@kepu/react';
 * const approve: UiCommand = { type: 'approve-report', report: 'rpt-3', comment: '同意。' };
 * ```
 */
export type UiCommand = DistributiveOmit<CommandInput, 'baseVersion'> & { readonly baseVersion?: number };

// Path heads that name no form field: who acts, which version, which plan, which command.
const FORM_LEVEL = new Set<string | number>(['actor', 'baseVersion', 'plan', 'type', 'report', 'batch', 'store']);

/**
 * The form field an issue belongs to, as a dotted name (`narrative`, `observations.0.value`,
 * `evidence.1.sha256`), or `undefined` for an issue about the whole form (who acts, a stale
 * version, an unknown report). With `fields`, the issue goes to the longest listed field its path
 * starts with, and to the form when none matches. Pure.
 *
 * @example
 * ```ts
 * import { fieldOfIssue } from '@kepu/react';
 * fieldOfIssue({ code: 'invalid-shape', path: ['observations', 0, 'value'], message: { zh: '', en: '' } });
 * // 'observations.0.value'
 * fieldOfIssue({ code: 'forbidden', path: ['actor'], message: { zh: '', en: '' } }); // undefined
 * fieldOfIssue({ code: 'invalid-observation', path: ['observations', 0, 'date'], message: { zh: '', en: '' } }, ['observations.0']);
 * // 'observations.0'
 * ```
 */
export function fieldOfIssue(issue: Pick<KepuIssue, 'path'>, fields?: readonly string[]): string | undefined {
  const path = issue.path;
  if (path.length === 0 || FORM_LEVEL.has(path[0] as string | number)) return undefined;
  const name = path.join('.');
  if (fields === undefined) return name;
  let best: string | undefined;
  for (const field of fields) {
    if ((name === field || name.startsWith(`${field}.`)) && (best === undefined || field.length > best.length)) {
      best = field;
    }
  }
  return best;
}

/**
 * Issues grouped by form field (see {@link fieldOfIssue}); issues of no field are under
 * `formErrors`. Pure.
 *
 * @example
 * ```ts
 * import { issuesByField } from '@kepu/react';
 * const { errors, formErrors } = issuesByField(error.issues, ['task', 'period', 'narrative']);
 * errors.narrative?.[0]?.message.zh;
 * ```
 */
export function issuesByField(
  issues: readonly KepuIssue[],
  fields?: readonly string[],
): { readonly errors: Readonly<Record<string, readonly KepuIssue[]>>; readonly formErrors: readonly KepuIssue[] } {
  const errors: Record<string, KepuIssue[]> = {};
  const formErrors: KepuIssue[] = [];
  for (const issue of issues) {
    const field = fieldOfIssue(issue, fields);
    if (field === undefined) formErrors.push(issue);
    else {
      const list = errors[field] ?? [];
      list.push(issue);
      errors[field] = list;
    }
  }
  return { errors, formErrors };
}

/**
 * Options of {@link useCommand} and {@link useSubmitReport}.
 *
 * @example
 * ```ts
 * import type { CommandOptions } from '@kepu/react';
 * const options: CommandOptions = { fields: ['task', 'period', 'narrative', 'observations.0.value'] };
 * ```
 */
export interface CommandOptions {
  /** Who runs the commands. @default the provider's actor */
  readonly actor?: Actor;
  /**
   * The form's field names (dotted, as in {@link fieldOfIssue}); issues about other paths are
   * reported as form errors, so none goes unseen.
   * @default every path is its own field
   */
  readonly fields?: readonly string[];
}

/**
 * What {@link useCommand} returns.
 *
 * @example
 * ```ts
 * import type { CommandState } from '@kepu/react';
 * const firstError = (s: CommandState) => s.formErrors[0]?.message.zh;
 * ```
 */
export interface CommandState {
  /**
   * Sends a command. Resolves with the engine's result, or with `undefined` when the engine
   * refused it (a `KepuError`): its issues are then in `errors` and `formErrors`. Other errors
   * reject. A command sent while one is pending waits its turn in the engine's queue.
   */
  readonly execute: (command: UiCommand) => Promise<CommandResult | undefined>;
  /** True while a command sent from this hook is running. */
  readonly pending: boolean;
  /** The last refusal's issues by form field. */
  readonly errors: Readonly<Record<string, readonly KepuIssue[]>>;
  /** The last refusal's issues that belong to no field (permissions, conflicts). */
  readonly formErrors: readonly KepuIssue[];
  /** Every issue of the last refusal, in the engine's order. */
  readonly issues: readonly KepuIssue[];
  /** The last accepted command's result. */
  readonly result: CommandResult | undefined;
  /** Clears errors and result. */
  readonly reset: () => void;
}

const NO_ISSUES: readonly KepuIssue[] = Object.freeze([]);

/**
 * Runs engine commands as the current actor and keeps what a form needs: `pending`, and the
 * engine's validation errors mapped to form fields. Only the component using it re-renders when
 * these change.
 *
 * @example
 * ```tsx
 * import { useCommand } from '@kepu/react';
 * function ReturnButton({ report }: { report: string }) {
 *   const { execute, errors, pending } = useCommand({ fields: ['reason'] });
 *   const [reason, setReason] = useState('');
 *   return (
 *     <>
 *       <textarea value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!errors.reason} />
 *       <button disabled={pending} onClick={() => execute({ type: 'return-report', report, reason })}>退回</button>
 *     </>
 *   );
 * }
 * ```
 */
export function useCommand(options: CommandOptions = {}): CommandState {
  const engine = useEngine();
  const provided = useActor();
  const actor = options.actor ?? provided;
  const fields = options.fields;
  const [pendingCount, setPendingCount] = useState(0);
  const [issues, setIssues] = useState<readonly KepuIssue[]>(NO_ISSUES);
  const [result, setResult] = useState<CommandResult | undefined>(undefined);
  // The latest call wins: an older call finishing later does not overwrite its outcome.
  const latest = useRef(0);

  const execute = useCallback(
    async (command: UiCommand): Promise<CommandResult | undefined> => {
      const call = ++latest.current;
      setPendingCount((n) => n + 1);
      try {
        if (actor === undefined) {
          throw new Error('useCommand: no actor. Wrap the component in <ActorProvider actor={…}> or pass { actor }.');
        }
        const full = { ...command, baseVersion: command.baseVersion ?? engine.getSnapshot().version };
        const done = await engine.execute(actor, full);
        if (call === latest.current) {
          setIssues(NO_ISSUES);
          setResult(done);
        }
        return done;
      } catch (error) {
        if (!isKepuError(error)) throw error;
        if (call === latest.current) {
          setIssues(error.issues);
          setResult(undefined);
        }
        return undefined;
      } finally {
        setPendingCount((n) => n - 1);
      }
    },
    [engine, actor],
  );
  const reset = useCallback(() => {
    latest.current++;
    setIssues(NO_ISSUES);
    setResult(undefined);
  }, []);
  const grouped = useMemo(() => issuesByField(issues, fields), [issues, fields]);
  return {
    execute,
    pending: pendingCount > 0,
    errors: grouped.errors,
    formErrors: grouped.formErrors,
    issues,
    result,
    reset,
  };
}

/**
 * The content of a progress report as a form collects it. `task` left out files the unit's
 * summary report; `observations`, `evidence` and `selfScores` default to none.
 *
 * @example
 * ```ts
 * import type { ReportDraft } from '@kepu/react';
 * const draft: ReportDraft = {
 *   task: '4.2.3', period: '2024', narrative: '全年推送科普信息 21.5 万条。',
 *   observations: [{ target: 'science-china-items', value: 215000 }],
 * };
 * ```
 */
export interface ReportDraft {
  readonly plan?: string;
  readonly task?: string;
  readonly period: string;
  readonly narrative: string;
  readonly observations?: readonly ReportObservation[];
  readonly evidence?: readonly EvidenceFile[];
  readonly selfScores?: readonly ReportSelfScore[];
  readonly baseVersion?: number;
}

/**
 * What {@link useSubmitReport} returns: {@link CommandState} plus `submit` and `resubmit`.
 *
 * @example
 * ```ts
 * import type { SubmitReportState } from '@kepu/react';
 * const narrativeError = (s: SubmitReportState) => s.errors.narrative?.[0]?.message.zh;
 * ```
 */
export interface SubmitReportState extends CommandState {
  /** Files a new report for the actor's unit. */
  readonly submit: (draft: ReportDraft) => Promise<CommandResult | undefined>;
  /** Files a revised version of a returned report. */
  readonly resubmit: (
    report: string,
    draft: Omit<ReportDraft, 'plan' | 'task' | 'period'>,
  ) => Promise<CommandResult | undefined>;
}

/**
 * Report submission for a form: `submit` (new report) and `resubmit` (after a return) as the
 * current actor, `pending`, and the engine's validation errors by form field — `task`, `period`,
 * `narrative`, `observations.0.value`, `evidence.0.sha256` … — with permission and conflict errors
 * in `formErrors`. The engine validates; the form shows what it said where it belongs.
 *
 * @example
 * ```tsx
 * import { useSubmitReport } from '@kepu/react';
 * function ReportForm() {
 *   const { submit, errors, formErrors, pending } = useSubmitReport();
 *   const [narrative, setNarrative] = useState('');
 *   return (
 *     <form onSubmit={(e) => { e.preventDefault(); void submit({ task: '4.2.3', period: '2024', narrative }); }}>
 *       {formErrors.map((i) => <p role="alert" key={i.code}>{i.message.zh}</p>)}
 *       <label htmlFor="narrative">进展情况</label>
 *       <textarea id="narrative" value={narrative} onChange={(e) => setNarrative(e.target.value)}
 *         aria-invalid={!!errors.narrative} aria-describedby="narrative-error" />
 *       <p id="narrative-error">{errors.narrative?.[0]?.message.zh}</p>
 *       <button disabled={pending}>提交</button>
 *     </form>
 *   );
 * }
 * ```
 */
export function useSubmitReport(options: CommandOptions = {}): SubmitReportState {
  const command = useCommand(options);
  const { execute } = command;
  const submit = useCallback(
    (draft: ReportDraft) =>
      execute({
        type: 'submit-report',
        ...draft,
        observations: [...(draft.observations ?? [])],
        evidence: [...(draft.evidence ?? [])],
        selfScores: [...(draft.selfScores ?? [])],
      }),
    [execute],
  );
  const resubmit = useCallback(
    (report: string, draft: Omit<ReportDraft, 'plan' | 'task' | 'period'>) =>
      execute({
        type: 'resubmit-report',
        report,
        ...draft,
        observations: [...(draft.observations ?? [])],
        evidence: [...(draft.evidence ?? [])],
        selfScores: [...(draft.selfScores ?? [])],
      }),
    [execute],
  );
  return { ...command, submit, resubmit };
}
