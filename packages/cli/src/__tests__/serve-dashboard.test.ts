import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../exit-codes.js';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-serve-dashboard-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kepu serve --dashboard', () => {
  it('serves the built dashboard at / under the strict policy, the API still under /api', async () => {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>科普</title>');
    const io = createMemoryIO({ cwd: dir, env: { KEPU_ADMIN_PASSWORD: 'a long serve test password' } });
    const running = runCli(['serve', '--port', '0', '--init', '--dashboard', 'dist'], io);
    let url: string | undefined;
    while (url === undefined) {
      url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(io.out())?.[1];
      const early = await Promise.race([running, new Promise((r) => setTimeout(r, 20, 'waiting'))]);
      if (early !== 'waiting') throw new Error(`kepu serve stopped: ${io.out()} ${io.err()}`);
    }
    try {
      expect(io.out()).toContain(`仪表盘：${url}/`);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>科普</title>');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect((await fetch(`${url}/api/head`)).status).toBe(401);
    } finally {
      process.emit('SIGTERM');
      await running;
    }
  });

  it('refuses a folder without index.html, saying how to build it, and starts nothing', async () => {
    const io = createMemoryIO({ cwd: dir });
    const code = await runCli(['serve', '--port', '0', '--dashboard', 'missing'], io);
    expect(code).toBe(EXIT.badInput);
    expect(io.err()).toContain('--dashboard');
    expect(io.err()).toContain('pnpm --filter @kepu/example-dashboard run build');
    expect(io.out()).not.toContain('http://');
  });
});
