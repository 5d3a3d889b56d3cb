import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Benchmarks import workspace packages from source, which needs Node's `source` export condition.
 * Started without it, the script runs itself again with it (and `nodeArgs`, such as
 * `--expose-gc`) and exits with that run's status; started with it, this returns and the script
 * goes on. Import the packages dynamically after this call, never statically.
 *
 * @example
 * ```ts
 * relaunchWithSourceCondition(import.meta.url, ['--expose-gc']);
 * const { assess } = await import('../packages/core/src/index.js');
 * ```
 */
export function relaunchWithSourceCondition(scriptUrl: string, nodeArgs: readonly string[] = []): void {
  if (process.execArgv.some((arg) => arg.includes('conditions=source'))) return;
  const run = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', ...nodeArgs, fileURLToPath(scriptUrl)],
    { stdio: 'inherit' },
  );
  process.exit(run.status ?? 1);
}
