/**
 * A `readAudit` query made safe to use in a query: `after` a non-negative integer (default 0),
 * `limit` a non-negative integer or `undefined` for no limit. Every adapter reads the same
 * entries for the same query, whatever fractions or negatives a caller passes.
 *
 * @example
 * ```ts
 * import { auditWindow } from '@kepu/core/store';
 * auditWindow({ after: -2, limit: 2.7 }); // { after: 0, limit: 2 }
 * auditWindow(); // { after: 0, limit: undefined }
 * ```
 */
export function auditWindow(query: { readonly after?: number; readonly limit?: number } = {}): {
  readonly after: number;
  readonly limit: number | undefined;
} {
  return {
    after: Math.max(0, Math.floor(query.after ?? 0)),
    limit: query.limit === undefined ? undefined : Math.max(0, Math.floor(query.limit)),
  };
}
