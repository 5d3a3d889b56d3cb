import type { AddressInfo } from 'node:net';
import { type HttpBindings, serve as honoServe } from '@hono/node-server';
import { createServer, type KepuServerApp, type ServerOptions } from './create-server.js';

/** How long close() waits for connections after the commands and streams have ended. */
const CLOSE_GRACE_MS = 5000;

/**
 * Options of {@link serve}: those of {@link createServer}, plus where to listen.
 *
 * @example
 * ```ts
 * import type { ServeOptions } from '@kepu/server';
 * const where: Pick<ServeOptions, 'port' | 'host'> = { port: 8787, host: '127.0.0.1' };
 * ```
 */
export interface ServeOptions extends ServerOptions {
  /** 0 picks a free port. @default 8787 */
  readonly port?: number;
  /** Only this machine by default: expose it deliberately, behind TLS. @default '127.0.0.1' */
  readonly host?: string;
}

/**
 * A running server: its address, the app, and `close()`, which stops taking requests, lets the
 * commands in flight commit, then closes the connections. The engine and stores stay open: they
 * belong to the caller.
 *
 * @example
 * ```ts
 * import type { RunningServer } from '@kepu/server';
 * const stop = (s: RunningServer) => s.close();
 * ```
 */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly app: KepuServerApp;
  close(): Promise<void>;
}

/**
 * Starts {@link createServer}'s app on Node's HTTP server and resolves once it listens.
 *
 * @example
 * ```ts
 * import { serve } from '@kepu/server';
 * const server = await serve({ engine, accounts, port: 0 });
 * console.log(server.url);
 * await server.close();
 * ```
 */
export function serve(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const app = createServer({
    ...options,
    clientAddress:
      options.clientAddress ??
      ((_request, env) => (env as HttpBindings | undefined)?.incoming?.socket.remoteAddress ?? 'unknown'),
  });
  return new Promise((resolve, reject) => {
    const server = honoServe({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, (info: AddressInfo) => {
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        app,
        async close() {
          await app.drain();
          await new Promise<void>((done) => {
            const node = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
            // A peer that stopped reading keeps its connection past the end of its response: after
            // a grace period, what is still open is closed (the commands have committed by now).
            const force = setTimeout(() => node.closeAllConnections?.(), CLOSE_GRACE_MS);
            force.unref?.();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            // Keep-alive connections with no request in flight would hold close() open.
            node.closeIdleConnections?.();
          });
        },
      });
    });
    server.once('error', reject);
  });
}
