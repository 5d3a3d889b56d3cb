import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { credentialsOf, principalFor, principalOf } from '../auth.js';
import type { LiveEvents } from '../events/live-events.js';
import { ACT_AS_HEADER, readActors } from '../principal.js';
import type { ServerEnv } from '../server-env.js';
import { ServerError } from '../server-error.js';
import { LIVE_EVENT_NAMES } from '../visibility.js';
import { ActAsHeaders, problems, SECURED } from './openapi-parts.js';

const EventHeaders = ActAsHeaders.extend({
  'last-event-id': z.string().max(100).optional().openapi({
    description:
      'The id of the last event received: the stream first replays what followed it, or sends `reset` when it cannot.',
    example: '3f9a1c0d2b7e-42',
  }),
});

const STREAM_DESCRIPTION = [
  'A server-sent event stream (text/event-stream) of what is committed, filtered by what your bindings may read',
  '(the same rules as GET /api/reports). Each message has `event`, `id` and `data` (JSON):',
  `${LIVE_EVENT_NAMES.map((n) => `\`${n}\``).join(', ')} carry the engine's event payload`,
  '(see @kepu/core EngineEvents); `ready` (data `{ seq, version }`) says the stream is live, after any replay;',
  '`reset` (data `{ seq, version, message }`) says the Last-Event-ID could not be resumed: reload, events continue from there.',
  'Lines starting with `:` are heartbeats. The stream ends when the server shuts down; reconnect with Last-Event-ID.',
].join(' ');

/**
 * Registers `GET /api/events`, the live event stream: authenticated like every query (session
 * cookie or an API key with the `read` scope), resumable with `Last-Event-ID`.
 */
export function registerEventRoutes(app: OpenAPIHono<ServerEnv>, live: LiveEvents): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/events',
      operationId: 'stream-events',
      tags: ['queries'],
      summary: 'Live updates: committed events you may read, as server-sent events',
      security: SECURED,
      request: { headers: EventHeaders },
      responses: {
        200: {
          description: STREAM_DESCRIPTION,
          content: {
            'text/event-stream': {
              schema: z.string().openapi({
                example: 'event: report:submitted\nid: 3f9a1c0d2b7e-43\ndata: {"report":{…},"actor":{…}}\n\n',
              }),
            },
          },
        },
        ...problems(401, 403, 503),
      },
    }),
    (c) => {
      const actAs = c.req.header(ACT_AS_HEADER);
      const actors = readActors(principalOf(c), actAs);
      if (live.closed) throw ServerError.of(503, 'shutting-down', {}, { headers: { 'retry-after': '5' } });
      const credentials = credentialsOf(c);
      const accounts = c.get('accounts');
      const recheck = async () => {
        const principal = await principalFor(accounts, credentials);
        if (!principal) return undefined;
        try {
          return readActors(principal, actAs);
        } catch {
          return undefined;
        }
      };
      const lastEventId = c.req.header('last-event-id');
      return streamSSE(c, (stream) =>
        live.attach({
          actors,
          recheck,
          lastEventId,
          sink: {
            send: (message) => stream.writeSSE(message),
            comment: async (text) => {
              await stream.write(`: ${text}\n\n`);
            },
            onAbort: (listener) => stream.onAbort(listener),
            abort: () => stream.abort(),
          },
        }),
      ) as never;
    },
  );
}
