import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A `kepu serve` process and the URL it printed. */
export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM (a graceful stop), resolved once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the real `kepu serve` from source as a child process, on a free port, in `cwd`, and
 * resolves with the URL it prints; rejects if it exits first. Node flags for the server alone go
 * in `nodeFlags` (e.g. `--cpu-prof`).
 */
export function startKepuServe(options: {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly nodeFlags?: readonly string[];
}): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      '--conditions=source',
      // tsx by its URL: the server runs in another folder, where a bare `tsx` would not resolve.
      '--import',
      import.meta.resolve('tsx'),
      join(ROOT, 'packages/cli/src/bin.ts'),
      'serve',
      '--port',
      '0',
      '--lang',
      'en',
      ...options.args,
    ],
    { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((done, fail) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /serving at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) done({ url, child, stop });
    });
    child.once('exit', (code) => fail(new Error(`kepu serve exited with ${code}: ${out}`)));
  });
}
