import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { chmod, lstat, mkdir, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Bilingual } from './i18n.js';

/**
 * Why a file cannot be written where a command was asked to write it.
 *
 * @example
 * ```ts
 * import type { OutputErrorCode } from '@kepu/cli';
 * const code: OutputErrorCode = 'output-exists';
 * ```
 */
export type OutputErrorCode =
  | 'output-exists'
  | 'output-protected'
  | 'output-symlink'
  | 'output-folder-missing'
  | 'output-not-a-file'
  | 'output-not-writable';

const OUTPUT_ERROR = Symbol.for('@kepu/cli/OutputError');

/**
 * A file a command refuses to write, or cannot: its `code`, the absolute `path`, and what to do,
 * in Chinese and English. The CLI prints it and exits with code 2; nothing was written.
 *
 * @example
 * ```ts
 * import { OutputError } from '@kepu/cli';
 * throw new OutputError('output-exists', '/tmp/r.md', { zh: '文件已存在', en: 'the file exists' });
 * ```
 */
export class OutputError extends Error {
  readonly code: OutputErrorCode;
  readonly path: string;
  readonly text: Bilingual;
  readonly [OUTPUT_ERROR] = true;
  constructor(code: OutputErrorCode, path: string, text: Bilingual, options?: { readonly cause?: unknown }) {
    super(text.en, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OutputError';
    this.code = code;
    this.path = path;
    this.text = text;
  }
}

/**
 * True for an {@link OutputError}, across duplicate installs.
 *
 * @example
 * ```ts
 * import { isOutputError } from '@kepu/cli';
 * isOutputError(new Error('x')); // false
 * ```
 */
export function isOutputError(value: unknown): value is OutputError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[OUTPUT_ERROR] === true;
}

/**
 * How {@link prepareOutput} may write.
 *
 * @example
 * ```ts
 * const options: OutputOptions = { force: false, protect: ['/data/county.db'] };
 * ```
 */
export interface OutputOptions {
  /**
   * Replace an existing file, or a symbolic link (the link itself is replaced, its target is
   * left alone). Never a protected file.
   * @default false
   */
  readonly force?: boolean;
  /** Files the command reads or keeps open (its input, the database): never written, even with `force`. */
  readonly protect?: ReadonlyArray<string | undefined>;
  /**
   * Create a missing parent folder. Only for a folder the command owns (the demo's `.kepu/`);
   * elsewhere a missing folder is an error, so a typing mistake does not scatter files.
   * @default false
   */
  readonly createFolder?: boolean;
  /**
   * The file's permission bits, set before any content is written (`0o600` for a private key).
   * Without it a new file gets the usual `0o666` less the umask and an overwritten file keeps its own.
   */
  readonly mode?: number;
}

/**
 * A file checked and reserved for writing: {@link PreparedOutput.write} puts the content in a
 * temporary file in the same folder and renames it over the target, so a reader never sees half a
 * file and a failure leaves the old file whole; {@link PreparedOutput.discard} gives up.
 *
 * @example
 * ```ts
 * const out = await prepareOutput('report.md', { cwd: process.cwd() });
 * try { await out.write('# 报告\n'); } finally { await out.discard(); }
 * ```
 */
export interface PreparedOutput {
  /** The absolute path that will be written. */
  readonly path: string;
  write(content: string | Uint8Array): Promise<void>;
  /**
   * Writes content made piece by piece (a generator that reads, checks and formats one record at
   * a time), so the whole file is never held in memory. Like {@link PreparedOutput.write} the
   * pieces go to the temporary file and the target appears only when the last piece is written;
   * an error thrown by `chunks` (bad data found late) removes the temporary file and is passed on
   * unchanged, so a failed run leaves no file and the old file whole.
   *
   * @example
   * ```ts
   * await out.writeChunks((function* () { yield 'a,b\r\n'; yield '1,2\r\n'; })());
   * ```
   */
  writeChunks(chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void>;
  /** Removes the temporary file unless written; safe to call twice or after `write`. */
  discard(): Promise<void>;
}

/** Text gathered before each write to the file: few system calls, little memory. */
const CHUNK_CHARS = 1 << 16;

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

async function statOrUndefined(path: string, follow: boolean): Promise<Stats | undefined> {
  try {
    return follow ? await stat(path) : await lstat(path);
  } catch {
    return undefined;
  }
}

/** The path with every symbolic link in its folder resolved (the file itself may not exist yet). */
async function realLocation(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    try {
      return join(await realpath(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

async function protectedMatch(target: string, found: Stats | undefined, protect: readonly string[]) {
  const real = await realLocation(target);
  for (const other of protect) {
    const seen = await statOrUndefined(other, true);
    if (found && seen && sameFile(found, seen)) return other;
    if (real === (await realLocation(other))) return other;
  }
  return undefined;
}

/**
 * Checks that a command may write `path` and reserves it, before the command computes anything:
 * the folder exists (or, with `createFolder`, is made), the path is not a folder, not the input
 * or the database in use (compared by device and inode, and by real path, so `./x`, a symbolic
 * link or a hard link to it is caught), not an existing file or a symbolic link unless `force`;
 * and a temporary file is created beside it, which proves the folder writable. Every refusal is
 * an {@link OutputError}.
 *
 * @example
 * ```ts
 * import { prepareOutput } from '@kepu/cli';
 * const out = await prepareOutput('r/2025.md', { cwd: process.cwd(), protect: ['/data/county.db'] });
 * try {
 *   await out.write(await render());
 * } finally {
 *   await out.discard();
 * }
 * ```
 */
export async function prepareOutput(
  file: string,
  options: OutputOptions & { readonly cwd: string },
): Promise<PreparedOutput> {
  const path = resolve(options.cwd, file);
  const folder = dirname(path);
  const force = options.force === true;
  const protect = (options.protect ?? [])
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .map((p) => resolve(options.cwd, p));
  const folderStat = await statOrUndefined(folder, true);
  if (!folderStat && options.createFolder) {
    await mkdir(folder, { recursive: true });
  } else if (!folderStat?.isDirectory()) {
    throw new OutputError('output-folder-missing', path, {
      zh: `无法写入 ${path}：文件夹 ${folder} 不存在。请先创建该文件夹，或换一个路径。`,
      en: `Cannot write ${path}: the folder ${folder} does not exist. Create it first, or choose another path.`,
    });
  }
  const link = await statOrUndefined(path, false);
  const found = await statOrUndefined(path, true);
  const guarded = await protectedMatch(path, found, protect);
  if (guarded !== undefined) {
    throw new OutputError('output-protected', path, {
      zh: `不能写入 ${path}：它就是本命令读取或使用的文件（${guarded}），即使加 --force 也不会覆盖。请换一个输出路径。`,
      en: `Will not write ${path}: it is the file this command reads or uses (${guarded}); not even --force overwrites it. Choose another output path.`,
    });
  }
  if (found?.isDirectory() || (link && !link.isFile() && !link.isSymbolicLink())) {
    throw new OutputError('output-not-a-file', path, {
      zh: `不能写入 ${path}：它是文件夹或特殊文件。请给出文件路径。`,
      en: `Cannot write ${path}: it is a folder or a special file. Give the path of a file.`,
    });
  }
  if (link?.isSymbolicLink() && !force) {
    throw new OutputError('output-symlink', path, {
      zh: `未写入 ${path}：它是符号链接。确需替换该链接（链接指向的文件不受影响）请加 --force，或换一个路径。`,
      en: `Did not write ${path}: it is a symbolic link. Add --force to replace the link (the file it points to is left alone), or choose another path.`,
    });
  }
  if (link && !force) {
    throw new OutputError('output-exists', path, {
      zh: `未写入 ${path}：文件已存在。确需覆盖请加 --force，或换一个路径。`,
      en: `Did not write ${path}: the file exists. Add --force to overwrite it, or choose another path.`,
    });
  }
  const temp = join(folder, `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.kepu-tmp`);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(temp, 'wx', options.mode ?? 0o666);
    if (options.mode !== undefined) await handle.chmod(options.mode);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new OutputError(
      'output-not-writable',
      path,
      {
        zh: `无法写入 ${path}：文件夹 ${folder} 不可写（${reason}）。`,
        en: `Cannot write ${path}: the folder ${folder} is not writable (${reason}).`,
      },
      { cause: error },
    );
  }
  let state: 'open' | 'done' = 'open';
  const discard = async () => {
    if (state === 'done') return;
    state = 'done';
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
  };
  const failed = async (error: unknown): Promise<never> => {
    await discard();
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new OutputError(
      'output-not-writable',
      path,
      {
        zh: `写入 ${path} 失败（${reason}），原文件未改动。`,
        en: `Writing ${path} failed (${reason}); the old file is unchanged.`,
      },
      { cause: error },
    );
  };
  const finish = async () => {
    await handle.sync();
    await handle.close();
    // An overwritten file keeps its permissions.
    if (options.mode === undefined && found?.isFile() && !link?.isSymbolicLink()) {
      await chmod(temp, found.mode & 0o7777);
    }
    await rename(temp, path);
    state = 'done';
  };
  const ensureOpen = () => {
    if (state === 'done') throw new Error(`${path} was already written or discarded`);
  };
  return {
    path,
    discard,
    async write(content) {
      ensureOpen();
      try {
        await handle.writeFile(content);
        await finish();
      } catch (error) {
        await failed(error);
      }
    },
    async writeChunks(chunks) {
      ensureOpen();
      let pending = '';
      const flush = async () => {
        if (pending === '') return;
        const text = pending;
        pending = '';
        try {
          await handle.write(text);
        } catch (error) {
          await failed(error);
        }
      };
      try {
        for await (const chunk of chunks) {
          if (typeof chunk === 'string') {
            pending += chunk;
            if (pending.length >= CHUNK_CHARS) await flush();
          } else {
            await flush();
            try {
              await handle.write(chunk);
            } catch (error) {
              await failed(error);
            }
          }
        }
        await flush();
      } catch (error) {
        // The content's own failure (bad data found late) is passed on as it is; nothing is kept.
        await discard();
        throw error;
      }
      try {
        await finish();
      } catch (error) {
        await failed(error);
      }
    },
  };
}

/**
 * Runs `work` with outputs prepared by {@link prepareOutput}, and discards whatever it did not
 * write, whatever happens.
 *
 * @example
 * ```ts
 * await withOutputs([out], async ([file]) => file.write('x'));
 * ```
 */
export async function withOutputs<T>(
  outputs: readonly PreparedOutput[],
  work: (outputs: readonly PreparedOutput[]) => Promise<T>,
): Promise<T> {
  try {
    return await work(outputs);
  } finally {
    for (const output of outputs) await output.discard();
  }
}

/**
 * The `--force` option of every command that writes files.
 *
 * @example
 * ```ts
 * const options = { out: OUT, ...FORCE_OPTION };
 * ```
 */
export const FORCE_OPTION = {
  force: {
    type: 'boolean',
    description: {
      zh: '覆盖已存在的输出文件或符号链接（从不覆盖输入文件或正在使用的数据库）',
      en: 'overwrite an existing output file or symbolic link (never the input or the database in use)',
    },
  },
} as const;
