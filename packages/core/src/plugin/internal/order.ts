import type { KepuPlugin } from '../plugin.js';

const ORDER = { pre: 0, normal: 1, post: 2 } as const;

/**
 * Plugins in load order: by `order` (`pre`, `normal`, `post`), then by id — so the order never
 * depends on how the host happened to list them. Returns a new array.
 */
export function orderPlugins(plugins: readonly KepuPlugin[]): KepuPlugin[] {
  return [...plugins].sort(
    (a, b) => ORDER[a.order ?? 'normal'] - ORDER[b.order ?? 'normal'] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
