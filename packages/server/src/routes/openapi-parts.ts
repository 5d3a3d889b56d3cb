import { z } from '@hono/zod-openapi';
import { ProblemSchema } from '../problem.js';

/** The problem+json responses an endpoint may give, for the OpenAPI document. */
export function problems(...statuses: number[]) {
  const out: Record<
    number,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  > = {};
  const what: Record<number, string> = {
    400: 'The request is malformed.',
    401: 'Not signed in.',
    403: 'Signed in, but not allowed.',
    404: 'Not found.',
    409: 'Conflicts with the current state.',
    422: 'Refused on its content.',
    429: 'Too many attempts.',
    503: 'Not available now; nothing was written.',
  };
  for (const status of statuses) {
    out[status] = {
      description: what[status] ?? 'Error.',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return out;
}

/** A JSON response of `schema`. */
export function json<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** The credentials every protected endpoint accepts. */
export const SECURED: Array<Record<string, string[]>> = [{ session: [] }, { apiKey: [] }];

/** The optional header that picks which binding acts. */
export const ActAsHeaders = z.object({
  'kepu-act-as': z.string().max(200).optional().openapi({
    description: 'Which of your bindings acts, as `role` or `role:unit`; default: the first that may.',
    example: 'reporter:education',
  }),
});
