import { randomUUID } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { type IssueOf, isKepuError } from '@kepu/core';
import { isServerError, ServerError } from './server-error.js';

/**
 * The HTTP status of each engine error code. A code not listed (a plugin's own, or one added to
 * core later) is a 422: the request was understood and refused on its content.
 */
const ENGINE_STATUS: Readonly<Record<string, number>> = {
  'invalid-shape': 422,
  forbidden: 403,
  'self-approval': 403,
  'self-review': 403,
  'unknown-actor': 403,
  'version-conflict': 409,
  'invalid-transition': 409,
  'duplicate-report': 409,
  'duplicate-id': 409,
  'store-conflict': 409,
  'store-failure': 503,
  'store-outcome-unknown': 503,
  'engine-disposed': 503,
  'audit-broken': 500,
};

const IssueSchema = z.object({
  code: z.string().openapi({ example: 'forbidden' }),
  path: z.array(z.union([z.string(), z.number()])).openapi({ example: ['actor'] }),
  message: z.object({ zh: z.string(), en: z.string() }),
});

/**
 * RFC 9457 problem details as Kepu's server sends them (`application/problem+json`): the
 * standard members, plus the first issue's `code`, field `path` and bilingual `message`, and
 * every issue found.
 *
 * @example
 * ```ts
 * import { ProblemSchema } from '@kepu/server';
 * ProblemSchema.parse(await response.json()).code; // 'forbidden'
 * ```
 */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:kepu:error:forbidden' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    path: z.array(z.union([z.string(), z.number()])),
    message: z.object({ zh: z.string(), en: z.string() }),
    issues: z.array(IssueSchema),
  })
  .openapi('Problem');
/** @see {@link ProblemSchema} */
export type Problem = z.infer<typeof ProblemSchema>;

/**
 * The problem details of an error and the status to send them with. Kepu's typed errors keep
 * their code, path and messages; anything else is an `internal` problem whose detail names only
 * a reference, so nothing from inside the server (a stack, a SQL text, a secret) reaches the
 * client.
 *
 * @example
 * ```ts
 * import { problemOf, ServerError } from '@kepu/server';
 * problemOf(ServerError.of(401, 'unauthenticated')).status; // 401
 * ```
 */
export function problemOf(error: unknown): { problem: Problem; headers: Readonly<Record<string, string>> } {
  let status: number;
  let issues: ReadonlyArray<IssueOf<string>>;
  let headers: Readonly<Record<string, string>> = {};
  if (isServerError(error)) {
    status = error.status;
    issues = error.issues;
    headers = error.headers;
  } else if (isKepuError(error)) {
    status = ENGINE_STATUS[error.code] ?? 422;
    issues = error.issues;
  } else {
    const internal = ServerError.of(500, 'internal', { ref: randomUUID() });
    status = 500;
    issues = internal.issues;
  }
  const first = issues[0] as IssueOf<string>;
  return {
    problem: {
      type: `urn:kepu:error:${first.code}`,
      title: first.code,
      status,
      detail: first.message.en,
      code: first.code,
      path: [...first.path],
      message: first.message,
      issues: issues.map((i) => ({ code: i.code, path: [...i.path], message: i.message })),
    },
    headers,
  };
}

/**
 * A `Response` carrying {@link problemOf}'s problem details.
 *
 * @example
 * ```ts
 * import { problemResponse, ServerError } from '@kepu/server';
 * const response = problemResponse(ServerError.of(404, 'not-found', { path: '/x' }));
 * response.headers.get('content-type'); // 'application/problem+json'
 * ```
 */
export function problemResponse(error: unknown): Response {
  const { problem, headers } = problemOf(error);
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
