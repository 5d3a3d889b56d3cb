import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hexiPlanInput } from '@kepu/example-county-variant';
import { testPostgresUrl } from '@kepu/test-utils/postgres';
import pg from 'pg';
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

const PASSWORD = 'a long admin password';
const servingAt = (io: { out(): string }) =>
  until(() => /serving at (http:\/\/\S+)|服务已启动：(http:\/\/\S+)/.exec(io.out())?.slice(1).find(Boolean));
const signIn = (url: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
/** Runs `kepu serve` with `args`, hands the URL to `body`, then stops it with SIGTERM. */
async function serving(args: string[], io: ReturnType<typeof createMemoryIO>, body: (url: string) => Promise<void>) {
  const exit = runCli(['serve', '--port', '0', '--lang', 'en', ...args], io);
  const url = await Promise.race([servingAt(io), exit.then((code) => `exited ${code}: ${io.err()}`)]);
  expect(url).toMatch(/^http:/);
  try {
    await body(url);
  } finally {
    process.emit('SIGTERM');
  }
  expect(await exit).toBe(0);
}

describe('kepu serve --plugin', () => {
  // A county plugin as a user would write one: a module whose default export is the plugin.
  const pluginDir = join(dir, 'plugins');
  mkdirSync(pluginDir, { recursive: true });
  // Data only: a module written by hand has no code for Hexi's own target kind, so its one
  // indicator of that kind and the targets on it are left out (and the scheme that scores them).
  const indicators = hexiPlanInput.indicators ?? [];
  const custom = new Set(indicators.filter((i) => i.kind === 'demonstration-level').map((i) => i.id));
  const plan = {
    ...hexiPlanInput,
    indicators: indicators.filter((i) => !custom.has(i.id)),
    targets: (hexiPlanInput.targets ?? []).filter((t) => !('indicator' in t && custom.has(t.indicator))),
  };
  const plugin = { id: 'hexi', version: '1.0.0', kepu: '^0.1.0', plans: [plan] };
  writeFileSync(join(pluginDir, 'hexi.mjs'), `export default ${JSON.stringify(plugin)};\n`);
  writeFileSync(join(pluginDir, 'named.mjs'), `export const hexi = () => (${JSON.stringify(plugin)});\n`);
  writeFileSync(
    join(pluginDir, 'broken.mjs'),
    `export default ${JSON.stringify({ ...plugin, plans: [{ ...plan, orgUnits: 'none' }] })};\n`,
  );

  it('serves the county of a plugin file instead of Zhengning, in its own namespace', async () => {
    const io = createMemoryIO({ cwd: join(dir, 'plugins'), env: { KEPU_ADMIN_PASSWORD: PASSWORD } });
    await serving(['--plugin', './hexi.mjs', '--db', 'hexi.db', '--init'], io, async (url) => {
      const login = await signIn(url);
      expect(login.status).toBe(200);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const plans = await (await fetch(`${url}/api/plans`, { headers: { cookie } })).text();
      expect(plans).toContain('hexi-2021-2025');
      expect(plans).not.toContain('zhengning-2022-2025');
    });
  });

  it('takes a named factory export after #, and a workspace package by name', async () => {
    await serving(
      ['--plugin', './named.mjs#hexi', '--db', 'named.db'],
      createMemoryIO({ cwd: pluginDir }),
      async (url) => {
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      },
    );
    const root = resolve(import.meta.dirname, '..');
    const db = join(pluginDir, 'package.db');
    await serving(
      ['--plugin', '@kepu/example-county-variant#hexi', '--db', db],
      createMemoryIO({ cwd: root }),
      async (url) => {
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      },
    );
  });

  it('refuses a missing module, a missing export and a plugin the engine refuses, leaving nothing running', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--plugin', './nowhere.mjs'], /No plugin module at .*nowhere\.mjs/],
      [['--plugin', './named.mjs'], /no export "default"\. Its exports: hexi/],
      [['--plugin', './broken.mjs', '--db', 'broken.db'], /orgUnits/],
      [['--plugin', './hexi.mjs', '--plugin', './named.mjs#hexi', '--db', 'two.db'], /--namespace/],
    ];
    for (const [args, message] of cases) {
      const io = createMemoryIO({ cwd: pluginDir });
      const code = await runCli(['serve', '--port', '0', '--lang', 'en', ...args], io);
      expect(code, args.join(' ')).not.toBe(0);
      expect(io.out() + io.err(), args.join(' ')).toMatch(message);
      expect(io.out()).not.toMatch(/serving at/);
    }
    expect(readdirSync(pluginDir).filter((f) => f.startsWith('nowhere'))).toEqual([]);
  });
});

describe('kepu serve --db postgres://', () => {
  const url = testPostgresUrl();
  const tag = `${Date.now().toString(36)}-${process.pid}`;
  const [a, b] = [`serve-a-${tag}`, `serve-b-${tag}`];
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.columns WHERE table_schema = 'kepu' AND column_name = 'namespace'`,
      );
      for (const { table_name } of tables.rows) {
        await client.query(`DELETE FROM kepu."${table_name}" WHERE namespace = ANY($1)`, [[a, b]]);
      }
    } finally {
      await client.end();
    }
  });

  it('keeps accounts in PostgreSQL per county namespace: they survive a restart, and another county has none', async () => {
    const env = { KEPU_ADMIN_PASSWORD: PASSWORD };
    await serving(['--db', url, '--namespace', a, '--init'], createMemoryIO({ cwd: dir, env }), async (base) => {
      expect((await signIn(base)).status).toBe(200);
    });
    // The second county in the same database starts with no accounts: a setup token, no sign-in.
    const other = createMemoryIO({ cwd: dir });
    await serving(['--db', url, '--namespace', b], other, async (base) => {
      await until(() => /setup token: kpt_/.exec(other.out()) ?? undefined);
      expect((await signIn(base)).status).toBe(401);
    });
    // The first county, restarted: its administrator is still there, and --init is refused.
    await serving(['--db', url, '--namespace', a], createMemoryIO({ cwd: dir }), async (base) => {
      expect((await signIn(base)).status).toBe(200);
    });
    const again = createMemoryIO({ cwd: dir, env });
    expect(
      await runCli(['serve', '--port', '0', '--db', url, '--namespace', a, '--init', '--lang', 'en'], again),
    ).not.toBe(0);
    expect(again.err()).toMatch(/Accounts exist already/);
  });
});
