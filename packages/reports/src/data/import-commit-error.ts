import type { Bilingual } from '../i18n.js';

const IMPORT_COMMIT_ERROR = Symbol.for('@kepu/reports/ImportCommitError');

/**
 * A commit of `applyImport` failed after every row had been checked (the store failed, another
 * writer changed a report meanwhile …). Says exactly which reports were committed before it —
 * the import is idempotent, so running it again files the rest and duplicates nothing — and
 * carries the store's error as `cause`.
 *
 * @example
 * ```ts
 * import { isImportCommitError } from '@kepu/reports';
 * try { await applyImport(engine, plan, reports, { actor: 'li' }); }
 * catch (error) { if (isImportCommitError(error)) console.error(error.committed); }
 * ```
 */
export class ImportCommitError extends Error {
  /** Ids of the reports filed (or resubmitted) before the failure, in commit order. */
  readonly committed: readonly string[];
  /** Ids of the reports approved before the failure. */
  readonly approved: readonly string[];
  /** The unit whose commit failed. */
  readonly unit: string;
  readonly text: Bilingual;
  readonly [IMPORT_COMMIT_ERROR] = true;
  constructor(
    unit: string,
    committed: readonly string[],
    approved: readonly string[],
    options: { readonly cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    const text: Bilingual = {
      zh: `写入单位 ${unit} 的报告时失败（${reason}）。此前已写入 ${committed.length} 份报告${committed.length > 0 ? `（${committed.join('、')}）` : ''}，审核通过 ${approved.length} 份；其余未写入。导入是幂等的：排除故障后重新运行同一导入即可补齐，不会重复。`,
      en: `Filing the reports of ${unit} failed (${reason}). ${committed.length} report(s) were written before it${committed.length > 0 ? ` (${committed.join(', ')})` : ''} and ${approved.length} approved; the rest were not. The import is idempotent: once the fault is fixed, run the same import again to file the rest, without duplicates.`,
    };
    super(text.en, { cause: options.cause });
    this.name = 'ImportCommitError';
    this.unit = unit;
    this.committed = committed;
    this.approved = approved;
    this.text = text;
  }
}

/**
 * True for an {@link ImportCommitError}, across duplicate installs.
 *
 * @example
 * ```ts
 * import { isImportCommitError } from '@kepu/reports';
 * isImportCommitError(new Error('x')); // false
 * ```
 */
export function isImportCommitError(value: unknown): value is ImportCommitError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[IMPORT_COMMIT_ERROR] === true
  );
}
