import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { COMMAND_TYPES, CommandSchema, type CommandType, type Engine, isKepuError } from '@kepu/core';
import { principalOf } from '../auth.js';
import {
  type CommandOutcome,
  type createIdempotency,
  IDEMPOTENCY_HEADER,
  type StoredResponse,
} from '../idempotency.js';
import { ACT_AS_HEADER, commandActor } from '../principal.js';
import { problemOf } from '../problem.js';
import type { ServerEnv } from '../server-env.js';
import { json, problems, SECURED } from './openapi-parts.js';

const CommandOutcomeSchema = z
  .object({
    version: z.number().int().openapi({ description: 'The engine state version after the command.' }),
    seq: z.number().int().openapi({ description: 'The audit log position of the command.' }),
    hash: z.string().openapi({ description: 'The audit entry hash.' }),
    target: z.object({ kind: z.string(), id: z.string() }).openapi({ example: { kind: 'reports', id: 'rpt-1' } }),
  })
  .openapi('CommandOutcome');

const CommandHeaders = z.object({
  [IDEMPOTENCY_HEADER]: z.string().min(1).max(200).optional().openapi({
    description:
      'Any unique string (a UUID): a retry with the same key returns the first response and never commits twice.',
  }),
  [ACT_AS_HEADER]: z.string().max(200).optional().openapi({
    description:
      'Which of your bindings acts, as `role` or `role:unit`; default: the first whose role may run the command.',
  }),
});

/** The zod schema of one command type, taken from the engine's own union. */
export function commandSchemaOf(type: CommandType) {
  const schema = CommandSchema.options.find((s) => s.shape.type.value === type);
  if (!schema) throw new RangeError(`no schema for command "${type}"`);
  return schema;
}

/** The endpoint path of a command type. */
export const commandPath = (type: CommandType) => `/api/commands/${type}`;

/**
 * Registers `POST /api/commands/{type}` for every type in {@link COMMAND_TYPES}: the body is the
 * command as {@link CommandSchema} defines it, the actor comes from the session, and the answer is
 * the audit position of the accepted command or the engine's refusal as problem details.
 */
export function registerCommandRoutes(
  app: OpenAPIHono<ServerEnv>,
  engine: Engine,
  idempotency: ReturnType<typeof createIdempotency>,
  track: <T>(work: () => Promise<T>) => Promise<T>,
  /** A check of the command before the engine sees it (the evidence it names is stored). */
  check: (command: unknown) => Promise<void> = async () => {},
): void {
  for (const type of COMMAND_TYPES) {
    const route = createRoute({
      method: 'post',
      path: commandPath(type),
      operationId: `command-${type}`,
      tags: ['commands'],
      summary: `Run the ${type} command`,
      security: SECURED,
      request: {
        headers: CommandHeaders,
        body: { required: true, content: { 'application/json': { schema: commandSchemaOf(type) } } },
      },
      responses: {
        201: json(CommandOutcomeSchema, 'Accepted and committed.'),
        ...problems(401, 403, 409, 422, 503),
      },
    });
    app.openapi(route, async (c) => {
      const principal = principalOf(c);
      const command = c.req.valid('json');
      const actor = commandActor(principal, type, c.req.header(ACT_AS_HEADER));
      await check(command);
      const execute = async (): Promise<StoredResponse> => {
        try {
          const result = await engine.execute(actor, command);
          const outcome: CommandOutcome = {
            version: result.version,
            seq: result.entry.seq,
            hash: result.entry.hash,
            target: result.target,
          };
          return { status: 201, body: outcome };
        } catch (error) {
          if (!isKepuError(error)) throw error;
          return { status: problemOf(error).problem.status, body: problemOf(error).problem };
        }
      };
      const response = await track(() =>
        idempotency.run(
          {
            owner: principal.user.id,
            key: c.req.header(IDEMPOTENCY_HEADER),
            actorId: actor.id,
            method: 'POST',
            path: c.req.path,
            body: command,
          },
          execute,
        ),
      );
      const headers: Record<string, string> = {
        'content-type': response.status < 400 ? 'application/json' : 'application/problem+json',
      };
      if (response.replayed) headers['idempotent-replayed'] = 'true';
      return new Response(JSON.stringify(response.body), { status: response.status, headers }) as never;
    });
  }
}
