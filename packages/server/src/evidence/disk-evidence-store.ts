import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { ServerError } from '../server-error.js';
import {
  assertEvidenceKey,
  type EvidenceContent,
  type EvidenceStore,
  isEvidenceKey,
  type ListedEvidence,
  type StoredEvidence,
} from './evidence-store.js';

/**
 * Options of {@link createDiskEvidenceStore}.
 *
 * @example
 * ```ts
 * import type { DiskEvidenceStoreOptions } from '@kepu/server';
 * const options: DiskEvidenceStoreOptions = { root: '.kepu/evidence' };
 * ```
 */
export interface DiskEvidenceStoreOptions {
  /** The folder the files live in; made when missing. `kepu serve` uses `.kepu/evidence`. */
  readonly root: string;
}

const missing = (error: unknown) => (error as { code?: string }).code === 'ENOENT';

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/** Passes bytes through and errors the stream at its end unless they hash to `sha256`. */
function verifying(sha256: string): TransformStream<Uint8Array, Uint8Array> {
  const hash = createHash('sha256');
  return new TransformStream({
    transform(chunk, controller) {
      hash.update(chunk);
      controller.enqueue(chunk);
    },
    flush(controller) {
      if (hash.digest('hex') !== sha256) controller.error(ServerError.of(500, 'evidence-corrupt', { sha256 }));
    },
  });
}

/**
 * The {@link EvidenceStore} on the local disk: each file under `<root>/<first two hex digits>/<the
 * other 62>`, written to `<root>/tmp/` first and renamed into place once its hash is known, so a
 * reader never sees half a file and an interrupted upload leaves only a temporary file (removed
 * on failure; a crash may leave one in `tmp/`, which is safe to delete). Identical content lands
 * on the same name, so it is stored once. `get` hashes the file before it hands out a byte, and
 * again while it streams: a file changed on disk is refused (`evidence-corrupt`).
 *
 * @example
 * ```ts
 * import { createDiskEvidenceStore } from '@kepu/server';
 * const store = createDiskEvidenceStore({ root: '.kepu/evidence' });
 * const saved = await store.put(new Uint8Array([0x25, 0x50, 0x44, 0x46]));
 * await store.has(saved.sha256); // true
 * ```
 */
export function createDiskEvidenceStore(options: DiskEvidenceStoreOptions): EvidenceStore {
  const root = resolve(options.root);
  const temporary = join(root, 'tmp');
  const pathOf = (sha256: string) => {
    assertEvidenceKey(sha256);
    return join(root, sha256.slice(0, 2), sha256.slice(2));
  };

  const statOf = async (sha256: string): Promise<StoredEvidence | undefined> => {
    try {
      const info = await stat(pathOf(sha256));
      return info.isFile() ? { sha256, size: info.size } : undefined;
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
  };

  return {
    async put(content, { maxBytes } = {}) {
      await mkdir(temporary, { recursive: true });
      const temp = join(temporary, `${randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const handle = await open(temp, 'wx', 0o600);
      const take = async (chunk: Uint8Array) => {
        size += chunk.byteLength;
        if (maxBytes !== undefined && size > maxBytes) {
          throw ServerError.of(413, 'evidence-too-large', { limit: String(maxBytes) });
        }
        hash.update(chunk);
        await writeAll(handle, chunk);
      };
      try {
        if (content instanceof Uint8Array) await take(content);
        else {
          const reader = content.getReader();
          try {
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              await take(value);
            }
          } catch (error) {
            await reader.cancel().catch(() => {});
            throw error;
          }
        }
        await handle.sync();
        await handle.close();
        const sha256 = hash.digest('hex');
        const target = pathOf(sha256);
        await mkdir(dirname(target), { recursive: true });
        // Same content, same name: a second upload replaces the file with identical bytes (and
        // so also repairs a copy that was damaged on disk).
        await rename(temp, target);
        return { sha256, size };
      } catch (error) {
        await handle.close().catch(() => {});
        await rm(temp, { force: true });
        throw error;
      }
    },

    async get(sha256): Promise<EvidenceContent | undefined> {
      let handle: FileHandle;
      try {
        handle = await open(pathOf(sha256), 'r');
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
      try {
        const hash = createHash('sha256');
        let size = 0;
        for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) {
          hash.update(chunk as Buffer);
          size += (chunk as Buffer).byteLength;
        }
        if (hash.digest('hex') !== sha256) throw ServerError.of(500, 'evidence-corrupt', { sha256 });
        const bytes = Readable.toWeb(
          handle.createReadStream({ start: 0, autoClose: true }),
        ) as ReadableStream<Uint8Array>;
        return { sha256, size, stream: bytes.pipeThrough(verifying(sha256)) };
      } catch (error) {
        await handle.close().catch(() => {});
        throw error;
      }
    },

    stat: statOf,

    async has(sha256) {
      return (await statOf(sha256)) !== undefined;
    },

    async *list(): AsyncIterable<ListedEvidence> {
      let prefixes: string[];
      try {
        prefixes = await readdir(root);
      } catch (error) {
        if (missing(error)) return;
        throw error;
      }
      for (const prefix of prefixes.filter((p) => /^[0-9a-f]{2}$/.test(p)).sort()) {
        for (const rest of (await readdir(join(root, prefix))).sort()) {
          const sha256 = prefix + rest;
          if (!isEvidenceKey(sha256)) continue;
          const info = await stat(join(root, prefix, rest)).catch(() => undefined);
          if (info?.isFile()) yield { sha256, size: info.size, storedAt: info.mtime };
        }
      }
    },

    async delete(sha256) {
      const path = pathOf(sha256);
      try {
        await rm(path);
        return true;
      } catch (error) {
        if (missing(error)) return false;
        throw error;
      }
    },
  };
}
