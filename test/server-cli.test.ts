import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryIO, runCli } from '../packages/cli/src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kepu-serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until<T>(check: () => T | undefined): Promise<T> {
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('kepu serve', () => {
  it('starts on .kepu/kepu.db with --init, lets the administrator sign in, and stops on SIGTERM', async () => {
    const io = createMemoryIO({ cwd: dir, env: { KEPU_ADMIN_PASSWORD: 'a long admin password' } });
    const exit = runCli(['serve', '--port', '0', '--init'], io);
    const url = await until(() =>
      /serving at (http:\/\/\S+)|服务已启动：(http:\/\/\S+)/.exec(io.out())?.slice(1).find(Boolean),
    );
    expect(io.out()).toContain('admin');
    expect(io.out()).not.toContain('a long admin password');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'a long admin password' }),
    });
    expect(login.status).toBe(200);
    process.emit('SIGTERM');
    expect(await exit).toBe(0);
    // The structured log has the sign-in, and no password.
    expect(io.err()).toContain('/api/auth/login');
    expect(io.err()).not.toContain('a long admin password');
  });

  it('prints a one-time setup token when there are no accounts', async () => {
    const io = createMemoryIO({ cwd: join(dir, 'fresh') });
    const exit = runCli(['serve', '--port', '0', '--lang', 'en'], io);
    const token = await until(() => /setup token: (kpt_\S+)/.exec(io.out())?.[1]);
    const url = /serving at (http:\/\/\S+)/.exec(io.out())?.[1];
    const setup = await fetch(`${url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, username: 'office', password: 'a long office password' }),
    });
    expect(setup.status).toBe(201);
    const again = await fetch(`${url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, username: 'intruder', password: 'a long office password' }),
    });
    expect(again.status).toBe(403);
    process.emit('SIGINT');
    expect(await exit).toBe(0);
  });
});
