import { type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  COMMAND_TYPES,
  type CommandType,
  type EngineRole,
  type EngineState,
  type EvidenceFile,
  EvidenceFileSchema,
  fromZodIssues,
  KepuError,
  PERMISSIONS,
} from '@kepu/core';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { principalOf } from '../auth.js';
import { evidenceInState } from '../evidence/evidence-gc.js';
import type { EvidenceStore } from '../evidence/evidence-store.js';
import { DEFAULT_EVIDENCE_MAX_BYTES, DEFAULT_EVIDENCE_TYPES, sniffMediaType } from '../evidence/media-type.js';
import { ACT_AS_HEADER, bindingsFor, readActors, requireScope } from '../principal.js';
import { problemResponse } from '../problem.js';
import type { ServerEnv } from '../server-env.js';
import { ServerError } from '../server-error.js';
import { commandSchemaOf } from './command-routes.js';
import { ActAsHeaders, json, problems, SECURED } from './openapi-parts.js';

/**
 * Evidence files on a server: where they are stored and what uploads are accepted.
 *
 * @example
 * ```ts
 * import { createDiskEvidenceStore, type EvidenceOptions } from '@kepu/server';
 * const evidence: EvidenceOptions = { store: createDiskEvidenceStore({ root: '.kepu/evidence' }), maxBytes: 50 * 1024 * 1024 };
 * ```
 */
export interface EvidenceOptions {
  /** Where the files are kept (see {@link EvidenceStore}). */
  readonly store: EvidenceStore;
  /** The largest file accepted, in bytes. @default DEFAULT_EVIDENCE_MAX_BYTES (20 MiB) */
  readonly maxBytes?: number;
  /** The media types accepted, as read from the content. @default DEFAULT_EVIDENCE_TYPES */
  readonly types?: readonly string[];
}

/** The upload endpoint's path. */
export const EVIDENCE_PATH = '/api/evidence';
/** Room for the multipart framing around the file, on top of the file limit. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * The command types that name evidence files: those whose schema has a `file` or an `evidence`
 * list. Whoever may run one of them may upload.
 */
export const EVIDENCE_COMMAND_TYPES: readonly CommandType[] = COMMAND_TYPES.filter((type) => {
  const shape = commandSchemaOf(type).shape as Record<string, unknown>;
  return 'file' in shape || 'evidence' in shape;
});

/** True when `role` may upload evidence: it may run a command that names files. */
export function mayUploadEvidence(role: EngineRole): boolean {
  return EVIDENCE_COMMAND_TYPES.some((type) => PERMISSIONS[role][type] !== 'none');
}

/**
 * Every file a command names, with its field path: its `file`, and each item of its `evidence`.
 */
export function evidenceNamedBy(command: unknown): Array<{ path: Array<string | number>; file: EvidenceFile }> {
  const out: Array<{ path: Array<string | number>; file: EvidenceFile }> = [];
  if (typeof command !== 'object' || command === null) return out;
  const { file, evidence } = command as { file?: unknown; evidence?: unknown };
  const parsed = EvidenceFileSchema.safeParse(file);
  if (parsed.success) out.push({ path: ['file'], file: parsed.data });
  if (Array.isArray(evidence)) {
    evidence.forEach((item, i) => {
      const { filed: _filed, ...meta } = (item ?? {}) as Record<string, unknown>;
      const one = EvidenceFileSchema.safeParse(meta);
      if (one.success) out.push({ path: ['evidence', i], file: one.data });
    });
  }
  return out;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The check a command passes before it reaches the engine on a server with an evidence store:
 * every file it names is stored, with the size it states and the media type its content reads
 * as. Otherwise it is refused with `evidence-missing` or `evidence-mismatch` (422) at the field's
 * path, and nothing is written, not even an audit entry.
 */
export function evidenceCheck(options: EvidenceOptions | undefined): (command: unknown) => Promise<void> {
  return async (command) => {
    if (!options) return;
    for (const { path, file } of evidenceNamedBy(command)) {
      const stored = await options.store.stat(file.sha256);
      if (!stored)
        throw ServerError.of(422, 'evidence-missing', { sha256: file.sha256 }, { path: [...path, 'sha256'] });
      const mismatch = (field: string, given: string, actual: string) =>
        ServerError.of(
          422,
          'evidence-mismatch',
          { sha256: file.sha256, field, given, actual },
          { path: [...path, field] },
        );
      if (stored.size !== file.size) throw mismatch('size', String(file.size), String(stored.size));
      const content = await options.store.get(file.sha256);
      const actual = content ? (sniffMediaType(await readAll(content.stream)) ?? 'unknown') : 'unknown';
      if (actual !== file.type) throw mismatch('type', file.type, actual);
    }
  };
}

/** Where a file is named in a state: the first report revision, attachment or review naming it. */
function findNamed(state: EngineState, sha256: string): EvidenceFile | undefined {
  for (const file of evidenceInState(state)) if (file.sha256 === sha256) return file;
  return undefined;
}

/** A file name safe for a download: no folders, no control characters, at most 255 characters. */
function cleanName(name: string, type: string): string {
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim();
  if (base) return base.slice(0, 255);
  const extension: Record<string, string> = {
    'application/pdf': '.pdf',
    'image/jpeg': '.jpg',
    'image/png': '.png',
    'image/webp': '.webp',
    'image/gif': '.gif',
  };
  return `evidence${extension[type] ?? ''}`;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266, 8187). */
function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const Sha256Param = z.object({
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the file as 64 lowercase hex digits')
    .openapi({ param: { name: 'sha256', in: 'path' }, example: 'a'.repeat(64) }),
});

const EvidenceUploadSchema = z
  .object({
    name: z.string().openapi({ example: '科普日签到表.pdf' }),
    type: z.string().openapi({ description: 'The media type read from the content.', example: 'application/pdf' }),
    size: z.number().int(),
    sha256: z.string().openapi({ example: 'a'.repeat(64) }),
  })
  .openapi('EvidenceUpload', {
    description:
      'The stored file, as attach-report-evidence and attach-finding-evidence (or a report’s evidence list) take it.',
  });

function uploader(c: Context<ServerEnv>) {
  const principal = principalOf(c);
  requireScope(principal, 'write');
  const bindings = bindingsFor(principal, c.req.header(ACT_AS_HEADER));
  if (!bindings.some((b) => mayUploadEvidence(b.role))) {
    throw ServerError.of(403, 'role-denied', {
      user: principal.user.username,
      roles: bindings.map((b) => (b.unit ? `${b.role}:${b.unit}` : b.role)).join(', ') || '—',
      action: 'upload evidence',
    });
  }
}

/**
 * Registers `POST /api/evidence` (multipart upload, field `file`) and `GET /api/evidence/{sha256}`
 * (download), both in the OpenAPI document. An upload is checked — who sends it, its size, its
 * media type read from its content — before a byte is stored, and stored content-addressed. A
 * download is answered only to someone who may read a report, finding or target review that names
 * the file (the engine's visibility rules); to anyone else it is a 404, as for a file that does
 * not exist.
 */
export function registerEvidenceRoutes(app: OpenAPIHono<ServerEnv>, options: EvidenceOptions | undefined): void {
  const maxBytes = options?.maxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES;
  const types = options?.types ?? DEFAULT_EVIDENCE_TYPES;
  const tooLarge = () => ServerError.of(413, 'evidence-too-large', { limit: String(maxBytes) });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: EVIDENCE_PATH,
    operationId: 'upload-evidence',
    tags: ['evidence'],
    summary: 'Upload an evidence file (佐证材料); attach it with a command',
    description: `Multipart upload, the file in the field \`file\`. Accepted by default: ${DEFAULT_EVIDENCE_TYPES.join(', ')}, up to ${DEFAULT_EVIDENCE_MAX_BYTES} bytes (the server may set others). The type is read from the content. The answer is the metadata to put in attach-report-evidence or attach-finding-evidence.`,
    security: SECURED,
    request: {
      headers: ActAsHeaders,
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({ file: z.string().openapi({ format: 'binary', description: 'The file.' }) }),
          },
        },
      },
    },
    responses: {
      201: json(EvidenceUploadSchema, 'Stored (or stored already: identical content is kept once).'),
      ...problems(401, 403, 413, 415, 422, 503),
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: `${EVIDENCE_PATH}/{sha256}`,
    operationId: 'download-evidence',
    tags: ['evidence'],
    summary: 'Download an evidence file named by a report, finding or review you may read',
    security: SECURED,
    request: { params: Sha256Param, headers: ActAsHeaders },
    responses: {
      200: {
        description: 'The file, as an attachment, checked against its SHA-256.',
        headers: {
          'Content-Disposition': { schema: { type: 'string' }, description: 'attachment, with the file name.' },
        },
        content: Object.fromEntries(
          [...DEFAULT_EVIDENCE_TYPES, 'application/octet-stream'].map((t) => [
            t,
            { schema: z.string().openapi({ format: 'binary' }) },
          ]),
        ),
      },
      ...problems(401, 403, 404, 422, 500, 503),
    },
  });

  app.post(
    EVIDENCE_PATH,
    async (c, next) => {
      // Who may upload is settled before the body is read.
      uploader(c);
      if (!options) throw ServerError.of(503, 'evidence-unavailable');
      await next();
    },
    bodyLimit({ maxSize: maxBytes + MULTIPART_OVERHEAD, onError: () => problemResponse(tooLarge()) }),
    async (c) => {
      const store = (options as EvidenceOptions).store;
      let form: FormData;
      try {
        form = await c.req.raw.formData();
      } catch (error) {
        if (
          (error as Error).name === 'BodyLimitError' ||
          (error as { cause?: Error }).cause?.name === 'BodyLimitError'
        ) {
          throw tooLarge();
        }
        throw ServerError.of(422, 'evidence-no-file', {}, { path: ['file'] });
      }
      const file = form.get('file');
      if (!(file instanceof File)) throw ServerError.of(422, 'evidence-no-file', {}, { path: ['file'] });
      if (file.size > maxBytes) throw tooLarge();
      const bytes = new Uint8Array(await file.arrayBuffer());
      const detected = sniffMediaType(bytes);
      if (detected === undefined || !types.includes(detected)) {
        throw ServerError.of(
          415,
          'evidence-type-refused',
          { detected: detected ?? 'unknown', allowed: types.join(', ') },
          { path: ['file'] },
        );
      }
      const stored = await store.put(bytes, { maxBytes });
      return c.json({ name: cleanName(file.name, detected), type: detected, ...stored }, 201);
    },
  );

  app.get(`${EVIDENCE_PATH}/:sha256`, async (c) => {
    const actors = readActors(principalOf(c), c.req.header(ACT_AS_HEADER));
    const param = Sha256Param.safeParse({ sha256: c.req.param('sha256') });
    if (!param.success) throw new KepuError(fromZodIssues(param.error.issues));
    if (!options) throw ServerError.of(503, 'evidence-unavailable');
    const { sha256 } = param.data;
    const engine = c.get('engine');
    let named: EvidenceFile | undefined;
    for (const actor of actors) {
      named = findNamed(engine.snapshotFor(actor), sha256);
      if (named) break;
    }
    const notFound = () => ServerError.of(404, 'evidence-not-found', {});
    if (!named) throw notFound();
    const content = await options.store.get(sha256);
    if (!content) throw notFound();
    const type = types.includes(named.type) ? named.type : 'application/octet-stream';
    return new Response(content.stream, {
      status: 200,
      headers: {
        'content-type': type,
        'content-length': String(content.size),
        'content-disposition': attachmentDisposition(named.name),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
        etag: `"${sha256}"`,
      },
    });
  });
}
