import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { problemResponse } from './problem.js';
import type { ServerEnv } from './server-env.js';
import { ServerError } from './server-error.js';

/**
 * The files of a built dashboard, read by their path inside the build (`index.html`,
 * `assets/index-1a2b.js`…). A small port, so a host can serve them from the disk
 * ({@link dashboardFolder}), from memory or from an object store.
 *
 * @example
 * ```ts
 * import type { DashboardFiles } from '@kepu/server';
 * const inMemory = (files: Map<string, Uint8Array>): DashboardFiles => ({ read: async (p) => files.get(p) });
 * ```
 */
export interface DashboardFiles {
  /** The bytes of the file at `path` (relative, `/`-separated, never `..`), or undefined. */
  read(path: string): Promise<Uint8Array | undefined>;
}

/**
 * The Content-Security-Policy of the served dashboard: scripts, styles, fonts and connections
 * from the server's own origin only, no inline script or style element, no plugin, no framing,
 * no `<base>` and forms posted nowhere else. (React sets styles through the DOM, which the policy
 * allows; images may also be `data:` URLs, as the charts export them.)
 *
 * @example
 * ```ts
 * import { DASHBOARD_CSP } from '@kepu/server';
 * DASHBOARD_CSP.includes("script-src 'self'"); // true
 * ```
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=utf-8',
  map: 'application/json',
};

/**
 * Reads a built dashboard from a folder on the disk (e.g. the dashboard's `dist`): only regular
 * files inside it, never a path that leaves it.
 *
 * @example
 * ```ts
 * import { dashboardFolder } from '@kepu/server';
 * const files = dashboardFolder('examples/dashboard/dist');
 * ```
 */
export function dashboardFolder(root: string): DashboardFiles {
  const base = resolve(root);
  return {
    async read(path) {
      const full = resolve(base, path);
      if (!full.startsWith(base + sep)) return undefined;
      try {
        if (!(await stat(full)).isFile()) return undefined;
        return new Uint8Array(await readFile(full));
      } catch {
        return undefined;
      }
    },
  };
}

/** The path inside the build that a request path names, or undefined for one that may not be read. */
function filePath(requestPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  const parts = decoded.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.' || p.includes('\\') || p.includes('\0') || p.startsWith('.'))) {
    return undefined;
  }
  return parts.length === 0 ? 'index.html' : parts.join('/');
}

/**
 * Serves the dashboard's files at `/` (outside `/api`), each with {@link DASHBOARD_CSP}:
 * `index.html` for `/`, hashed assets cached for a year, the page itself never cached. A path
 * that is not a file of the build is a 404 problem, as under `/api`.
 */
export function registerDashboard(app: OpenAPIHono<ServerEnv>, files: DashboardFiles): void {
  app.get('/*', async (c) => {
    const path = c.req.path;
    const notFound = () => problemResponse(ServerError.of(404, 'not-found', { path: path.slice(0, 200) }));
    if (path === '/api' || path.startsWith('/api/')) return notFound();
    const file = filePath(path);
    const bytes = file === undefined ? undefined : await files.read(file);
    if (file === undefined || bytes === undefined) return notFound();
    const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        'content-type': TYPES[extension] ?? 'application/octet-stream',
        'content-security-policy': DASHBOARD_CSP,
        'cache-control': file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  });
}
