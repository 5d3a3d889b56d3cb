import type { KepuPlugin } from '../plugin/plugin.js';

/**
 * The plugin shape the engine takes: the same as {@link KepuPlugin}. Kept as an alias for code
 * written against the engine's first plugin surface.
 *
 * @example
 * ```ts
 * import type { EnginePlugin } from '@kepu/core';
 * const plugin: EnginePlugin = { id: 'x', version: '1.0.0', kepu: '^0.1.0' };
 * ```
 */
export type EnginePlugin = KepuPlugin;
