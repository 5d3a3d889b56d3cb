import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collectEvidenceGarbage,
  createDiskEvidenceStore,
  type EvidenceStore,
  isServerError,
  sniffMediaType,
} from '../src/index.js';
import { filesUnder, pdfBytes } from './harness.js';
import { zipOf } from './zip.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const streamOf = (chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
const read = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());

let root: string;
let store: EvidenceStore;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kepu-evidence-'));
  store = createDiskEvidenceStore({ root });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('createDiskEvidenceStore', () => {
  it('law: whatever the chunks, put answers the SHA-256 and size of their concatenation, and get gives them back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), async (chunks) => {
        const whole = new Uint8Array(Buffer.concat(chunks));
        const stored = await store.put(streamOf(chunks));
        expect(stored).toEqual({ sha256: sha256(whole), size: whole.byteLength });
        const content = await store.get(stored.sha256);
        expect(content?.size).toBe(whole.byteLength);
        expect(Buffer.from(await read(content?.stream as ReadableStream<Uint8Array>)).equals(Buffer.from(whole))).toBe(
          true,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('lays files out as <root>/ab/cdef…, once per content, with no temporary file left', async () => {
    const bytes = pdfBytes('layout');
    const a = await store.put(bytes);
    const b = await store.put(streamOf([bytes.subarray(0, 5), bytes.subarray(5)]));
    expect(b).toEqual(a);
    expect(filesUnder(root)).toEqual([join(a.sha256.slice(0, 2), a.sha256.slice(2))]);
    expect(await store.has(a.sha256)).toBe(true);
    expect(await store.stat(a.sha256)).toEqual(a);
    expect(await store.has('0'.repeat(64))).toBe(false);
    expect(await store.get('0'.repeat(64))).toBeUndefined();
  });

  it('refuses content over maxBytes and leaves nothing behind', async () => {
    const error = await store
      .put(streamOf([new Uint8Array(600), new Uint8Array(600)]), { maxBytes: 1_000 })
      .catch((e: unknown) => e);
    expect(isServerError(error) && error.code).toBe('evidence-too-large');
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses a file changed on disk before handing out a byte', async () => {
    const stored = await store.put(pdfBytes('tamper'));
    const path = join(root, stored.sha256.slice(0, 2), stored.sha256.slice(2));
    const bytes = Buffer.from(readFileSync(path));
    bytes[0] = 0x00;
    writeFileSync(path, bytes);
    const error = await store.get(stored.sha256).catch((e: unknown) => e);
    expect(isServerError(error) && error.code).toBe('evidence-corrupt');
    // Uploading the original again repairs it.
    await store.put(pdfBytes('tamper'));
    expect(await store.get(stored.sha256)).toBeDefined();
  });

  it('takes only well-formed keys, so a key never reaches a path outside the root', async () => {
    for (const bad of ['../../etc/passwd', 'A'.repeat(64), 'a'.repeat(63), '']) {
      await expect(store.get(bad)).rejects.toThrow(RangeError);
      await expect(store.has(bad)).rejects.toThrow(RangeError);
    }
  });
});

describe('collectEvidenceGarbage', () => {
  it('removes only files no record names and older than the grace period; a dry run removes nothing', async () => {
    const named = await store.put(pdfBytes('named'));
    const loose = await store.put(pdfBytes('loose'));
    const state = {
      version: 1,
      reports: {},
      findings: {
        'fnd-1': {
          id: 'fnd-1',
          plan: 'p',
          unit: 'u',
          period: '2024',
          text: '…',
          recordedAt: '2024-01-01T00:00:00Z',
          recordedBy: 'a',
          version: 1,
          attachments: [
            {
              name: 'n.pdf',
              type: 'application/pdf',
              size: named.size,
              sha256: named.sha256,
              attachedAt: '2024-01-01T00:00:00Z',
              attachedBy: 'a',
              role: 'assessor',
            },
          ],
        },
      },
      awards: {},
      incidents: {},
      targetReviews: {},
      assessments: {},
    };
    const hour = 3_600_000;
    // Within the grace period: kept.
    const young = await collectEvidenceGarbage({ store, state, graceMs: hour });
    expect([young.removed.length, young.named, young.young]).toEqual([0, 1, 1]);
    const later = new Date(Date.now() + 2 * hour);
    const dry = await collectEvidenceGarbage({ store, state, graceMs: hour, now: later, dryRun: true });
    expect(dry.removed.map((f) => f.sha256)).toEqual([loose.sha256]);
    expect(await store.has(loose.sha256)).toBe(true);
    const done = await collectEvidenceGarbage({ store, state, graceMs: hour, now: later });
    expect(done.removed.map((f) => f.sha256)).toEqual([loose.sha256]);
    expect(await store.has(loose.sha256)).toBe(false);
    expect(await store.has(named.sha256)).toBe(true);
  });
});

describe('sniffMediaType', () => {
  it('reads the type from the content, not the name', () => {
    const docx = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const xlsx = zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    expect(sniffMediaType(pdfBytes('x'))).toBe('application/pdf');
    expect(sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffMediaType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffMediaType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffMediaType(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffMediaType(xlsx)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sniffMediaType(zipOf({ 'word/document.xml': 'x' }))).toBeUndefined();
    expect(sniffMediaType(new TextEncoder().encode('MZ\x90\0'))).toBeUndefined();
    expect(sniffMediaType(new TextEncoder().encode('<html><script>'))).toBeUndefined();
    expect(sniffMediaType(new Uint8Array())).toBeUndefined();
  });

  it('law: a truncated or corrupted ZIP never throws, it is simply not recognised or still recognised', () => {
    const docx = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    fc.assert(
      fc.property(
        fc.nat({ max: docx.length }),
        fc.nat({ max: docx.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (cut, at, value) => {
          const bytes = new Uint8Array(docx.subarray(0, cut));
          if (at < bytes.length) bytes[at] = value;
          const type = sniffMediaType(bytes);
          expect(type === undefined || typeof type === 'string').toBe(true);
        },
      ),
    );
  });
});
