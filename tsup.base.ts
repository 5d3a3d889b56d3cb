import { defineConfig, type Options } from 'tsup';

/**
 * What differs between Kepu's packages when they are built; everything else is shared.
 *
 * @example
 * ```ts
 * import type { KepuTsupOptions } from '../../tsup.base';
 * const options: KepuTsupOptions = { entry: ['src/index.ts'], target: 'es2022' };
 * ```
 */
export interface KepuTsupOptions {
  /** The files (or `name: file` map) that become the package's entry points. */
  readonly entry: NonNullable<Options['entry']>;
  /**
   * `node20` for packages that only run on a server; `es2022` for those a browser loads too
   * (React bindings, the IndexedDB store), so nothing Node-only slips into their output.
   * @default 'node20'
   */
  readonly target?: 'node20' | 'es2022';
  /** How declarations are emitted; an object to add a banner. @default true */
  readonly dts?: Options['dts'];
  /** Modules never bundled, beyond the dependencies tsup already leaves out. @default [] */
  readonly external?: Options['external'];
}

/**
 * The one tsup configuration every published Kepu package builds with: ESM and CJS with their
 * own declarations (so `publint --strict` and `attw --pack` see both module systems typed), source
 * maps, and a clean `dist` each time so a removed entry never ships stale.
 *
 * @example
 * ```ts
 * // packages/<name>/tsup.config.ts
 * import { kepuTsup } from '../../tsup.base';
 * export default kepuTsup({ entry: ['src/index.ts'] });
 * ```
 */
export function kepuTsup(options: KepuTsupOptions) {
  return defineConfig({
    entry: options.entry,
    format: ['esm', 'cjs'],
    dts: options.dts ?? true,
    clean: true,
    sourcemap: true,
    target: options.target ?? 'node20',
    ...(options.external === undefined ? {} : { external: options.external }),
  });
}
