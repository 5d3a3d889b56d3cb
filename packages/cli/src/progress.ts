import { displayWidth } from '@kepu/reports';
import type { CliIO } from './io.js';

/**
 * A progress bar for long work, drawn on stderr and only on a terminal (never into a pipe, a file
 * or `--json` output): `update` redraws one line in place at most every 80 ms, `done` clears it.
 *
 * @example
 * ```ts
 * import { createProgress } from '@kepu/cli';
 * const progress = createProgress(io, '生成演示历史');
 * progress.update(120, 1400, '2023 年度');
 * progress.done();
 * ```
 */
export interface Progress {
  update(done: number, total: number, note?: string): void;
  done(): void;
}

/**
 * Creates a {@link Progress} for `io`; a silent one when `io` is not a terminal or `enabled` is false.
 *
 * @example
 * ```ts
 * import { createProgress, processIO } from '@kepu/cli';
 * const progress = createProgress(processIO(), 'import', { enabled: !json });
 * ```
 */
export function createProgress(io: CliIO, label: string, options: { readonly enabled?: boolean } = {}): Progress {
  if (!io.isTTY || options.enabled === false) return { update() {}, done() {} };
  let last = 0;
  let width = 0;
  const draw = (done: number, total: number, note: string) => {
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const cells = 24;
    const full = Math.round(share * cells);
    const line = `${label} [${'█'.repeat(full)}${'░'.repeat(cells - full)}] ${String(Math.round(share * 100)).padStart(3)}%  ${note}`;
    const pad = Math.max(0, width - displayWidth(line));
    width = displayWidth(line);
    io.error(`\r${line}${' '.repeat(pad)}`);
  };
  return {
    update(done, total, note = '') {
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      draw(done, total, note);
    },
    done() {
      if (width > 0) io.error(`\r${' '.repeat(width)}\r`);
      width = 0;
    },
  };
}
