import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';

// What the browser suites share: build the dashboard with Vite, serve the build on 127.0.0.1,
// and start Debian's Chromium through playwright-core (no downloaded browser build).

export const root = resolve(import.meta.dirname, '..');
export const artifacts = resolve(root, '../../test-results/dashboard');

/** The Chromium to drive: $KEPU_CHROMIUM, else what .ci/ensure-chromium finds or installs. */
export function chromiumPath(): string {
  const fromEnv = process.env.KEPU_CHROMIUM;
  if (fromEnv) return fromEnv;
  return execFileSync('bash', [resolve(root, '../../.ci/ensure-chromium')], { encoding: 'utf8' }).trim();
}

export interface Served {
  readonly url: string;
  /** The folder the build was written to (removed by `close`). */
  readonly outDir: string;
  readonly close: () => Promise<void>;
}

/** Builds the dashboard into a fresh folder and serves it with `vite preview` on a free port. */
export async function buildAndServe(): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'kepu-dashboard-'));
  await build({
    root,
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const server: PreviewServer = await preview({
    root,
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    outDir,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium on a fresh profile directory (Playwright's persistent context is how
 * `--user-data-dir` is given), so IndexedDB starts empty and outlives page reloads.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'kepu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
