/**
 * Where a command writes and what it knows about its surroundings. Injected so tests run
 * commands in-process and read exactly what a user would see.
 *
 * @example
 * ```ts
 * import { createMemoryIO } from '@kepu/cli';
 * const io = createMemoryIO();
 * await runCli(['plan', 'show'], io);
 * io.out(); // what went to stdout
 * ```
 */
export interface CliIO {
  write(text: string): void;
  error(text: string): void;
  /** True when stdout is a terminal: progress bars and colour only then. */
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The process's own stdout/stderr.
 *
 * @example
 * ```ts
 * import { processIO, runCli } from '@kepu/cli';
 * process.exitCode = await runCli(process.argv.slice(2), processIO());
 * ```
 */
export function processIO(): CliIO {
  return {
    write: (text) => process.stdout.write(text),
    error: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * An in-memory {@link CliIO} for tests and embedding.
 *
 * @example
 * ```ts
 * import { createMemoryIO } from '@kepu/cli';
 * const io = createMemoryIO({ cwd: '/tmp' });
 * io.write('x');
 * io.out(); // 'x'
 * ```
 */
export function createMemoryIO(
  options: { cwd?: string; isTTY?: boolean; env?: Record<string, string | undefined> } = {},
): CliIO & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    write: (text) => {
      out += text;
    },
    error: (text) => {
      err += text;
    },
    isTTY: options.isTTY ?? false,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    out: () => out,
    err: () => err,
  };
}
