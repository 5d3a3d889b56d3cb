import { fileURLToPath } from 'node:url';
import { createServer, defaultServerConditions, type Plugin, type ViteDevServer } from 'vite';
import type { DemoSnapshot } from './demo-snapshot.js';
import { DEMO_SNAPSHOT_FILE } from './demo-snapshot.js';

// Runs in Node, inside Vite (vite.config.ts): the browser bundle never imports this file.

const BUILDER = fileURLToPath(new URL('./build-demo-snapshot.ts', import.meta.url));

async function generate(server: ViteDevServer): Promise<string> {
  const { buildDemoSnapshot } = (await server.ssrLoadModule(BUILDER)) as {
    buildDemoSnapshot: () => Promise<DemoSnapshot>;
  };
  return JSON.stringify(await buildDemoSnapshot());
}

/** Workspace packages are TypeScript sources (`source` export condition), in Node too. */
const ssrSource = {
  ssr: {
    noExternal: [/^@kepu\//],
    resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] },
  },
};

/**
 * Ships the demo history as a file beside the page (`demo-history.json`): `vite build` writes it
 * from the same generator `kepu demo` uses, and `vite` (dev) serves it, generated on first
 * request. Writing the history in the browser took 8–12 s on a first visit (≈1,400 commands,
 * each its own IndexedDB commit, plus four assessments); loading the snapshot takes one
 * transaction. The generator is loaded through Vite's SSR module loader so it is read from the
 * workspace sources, as the page is.
 */
export function demoSnapshotPlugin(): Plugin {
  let command: 'build' | 'serve' = 'serve';
  let building: Promise<string> | undefined;
  return {
    name: 'kepu-demo-snapshot',
    config: () => ssrSource,
    configResolved(config) {
      command = config.command;
    },
    buildStart() {
      if (command !== 'build') return;
      // Generated beside the bundling, on a throwaway server that only loads modules.
      building = (async () => {
        const server = await createServer({
          configFile: false,
          root: fileURLToPath(new URL('../..', import.meta.url)),
          logLevel: 'error',
          appType: 'custom',
          server: { middlewareMode: true, hmr: false, ws: false, watch: null },
          optimizeDeps: { noDiscovery: true, include: [] },
          ...ssrSource,
        });
        try {
          return await generate(server);
        } finally {
          await server.close();
        }
      })();
      // Reported where it is awaited; never an unhandled rejection meanwhile.
      building.catch(() => undefined);
    },
    async generateBundle() {
      if (!building) return;
      this.emitFile({ type: 'asset', fileName: DEMO_SNAPSHOT_FILE, source: await building });
    },
    configureServer(server) {
      let served: Promise<string> | undefined;
      server.middlewares.use(`/${DEMO_SNAPSHOT_FILE}`, (_req, res, next) => {
        served ??= generate(server);
        served.then(
          (json) => {
            res.setHeader('Content-Type', 'application/json');
            res.end(json);
          },
          (error: unknown) => {
            served = undefined;
            next(error);
          },
        );
      });
    },
  };
}
