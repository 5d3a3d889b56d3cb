import { createIssue, KepuError } from '../errors.js';

/**
 * What a store namespace may be: 1 to 128 characters — lowercase letters, digits, letters of
 * scripts without case (Chinese, for one), `.`, `_`, `-`, `:` — starting with a letter or a digit,
 * in Unicode NFKC form. No spaces, control or invisible characters, capitals or full-width forms:
 * two namespaces that look alike (`zhengning` and `zhengning `, `Zhengning`, `ｚｈｅｎｇｎｉｎｇ`)
 * would otherwise be two counties, the second one silently empty.
 *
 * @example
 * ```ts
 * import { NAMESPACE_PATTERN } from '@kepu/core/store';
 * NAMESPACE_PATTERN.test('zhengning-2022-2025'); // true
 * NAMESPACE_PATTERN.test('zhengning '); // false
 * ```
 */
export const NAMESPACE_PATTERN = /^[\p{Ll}\p{Lo}\p{Nd}][\p{Ll}\p{Lo}\p{Nd}._:-]{0,127}$/u;

/**
 * Checks a store namespace against {@link NAMESPACE_PATTERN} and returns it unchanged; anything
 * else — not text, empty, a space or control character, a capital, a form NFKC would change — is
 * a `KepuError` (`invalid-namespace`, path `namespace`). Nothing is trimmed or folded: a namespace
 * that is refused names no data, so the caller fixes the name rather than open another county.
 *
 * @example
 * ```ts
 * import { checkNamespace } from '@kepu/core/store';
 * checkNamespace('zhengning'); // 'zhengning'
 * ```
 */
export function checkNamespace(namespace: unknown): string {
  if (typeof namespace === 'string' && NAMESPACE_PATTERN.test(namespace) && namespace.normalize('NFKC') === namespace) {
    return namespace;
  }
  const shown = typeof namespace === 'string' ? JSON.stringify(namespace.slice(0, 140)).slice(1, -1) : typeof namespace;
  throw new KepuError([createIssue('invalid-namespace', ['namespace'], { namespace: shown })]);
}
