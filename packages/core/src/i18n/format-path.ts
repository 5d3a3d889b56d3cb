import type { IssuePath } from './error-codes.js';

/**
 * Renders a path the way people read it: `parts[2].sections[0].tasks[1].leads`.
 *
 * @example
 * ```ts
 * import { formatPath } from '@kepu/core';
 * formatPath(['parts', 2, 'sections', 0]); // 'parts[2].sections[0]'
 * ```
 */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  }
  return out === '' ? '(root)' : out;
}
