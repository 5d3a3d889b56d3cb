import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

const PASSWORD = 'a long serve test password';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-serve-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts `kepu serve` in-process; answers its URL and a way to stop it (as SIGTERM would). */
async function start(args: string[]) {
  const io = createMemoryIO({ cwd: dir, env: { KEPU_ADMIN_PASSWORD: PASSWORD } });
  const running = runCli(['serve', '--port', '0', '--init', ...args], io);
  let url: string | undefined;
  while (url === undefined) {
    url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(io.out())?.[1];
    const early = await Promise.race([running, new Promise((r) => setTimeout(r, 20, 'waiting'))]);
    if (early !== 'waiting') throw new Error(`kepu serve stopped: ${io.out()} ${io.err()}`);
  }
  return {
    url,
    io,
    async stop() {
      process.emit('SIGTERM');
      return running;
    },
  };
}

interface Upload {
  sha256: string;
}

async function run(argv: string[]) {
  const io = createMemoryIO({ cwd: dir });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** A signed-in session speaking JSON and multipart to the server. */
async function signIn(url: string, username: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return {
    get: (path: string) => fetch(url + path, { headers }),
    post: (path: string, body: unknown) =>
      fetch(url + path, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    upload(bytes: Uint8Array) {
      const form = new FormData();
      form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), 'f.pdf');
      return fetch(`${url}/api/evidence`, { method: 'POST', headers, body: form });
    },
  };
}

async function uploadAsAdmin(url: string, bytes: Uint8Array): Promise<Response> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), '预算.pdf');
  return fetch(`${url}/api/evidence`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken }, body: form });
}

describe('kepu serve keeps evidence files', () => {
  it('under .kepu/evidence by default, content-addressed', async () => {
    const server = await start([]);
    try {
      expect(server.io.out()).toContain(join(dir, '.kepu', 'evidence'));
      const bytes = new TextEncoder().encode('%PDF-1.4\n% budget\n%%EOF\n');
      const response = await uploadAsAdmin(server.url, bytes);
      expect(response.status).toBe(201);
      const hash = createHash('sha256').update(bytes).digest('hex');
      expect(existsSync(join(dir, '.kepu', 'evidence', hash.slice(0, 2), hash.slice(2)))).toBe(true);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('in the folder --evidence names, with the limit --evidence-max-mb sets', async () => {
    const server = await start(['--evidence', 'files', '--evidence-max-mb', '0.001']);
    try {
      const small = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
      expect((await uploadAsAdmin(server.url, small)).status).toBe(201);
      const hash = createHash('sha256').update(small).digest('hex');
      expect(existsSync(join(dir, 'files', hash.slice(0, 2), hash.slice(2)))).toBe(true);
      const big = new Uint8Array(2_000).fill(0x20);
      big.set(small);
      expect((await uploadAsAdmin(server.url, big)).status).toBe(413);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('kepu evidence gc removes the uploads no record names, and keeps attached ones', async () => {
    const server = await start([]);
    let attached = '';
    let loose = '';
    try {
      const admin = await signIn(server.url, 'admin');
      const created = await admin.post('/api/accounts', {
        username: 'wang.li',
        password: PASSWORD,
        bindings: [{ role: 'reporter', unit: 'education' }],
      });
      expect(created.status).toBe(201);
      const reporter = await signIn(server.url, 'wang.li');
      const head = (await (await reporter.get('/api/head')).json()) as { version: number };
      const submitted = await reporter.post('/api/commands/submit-report', {
        type: 'submit-report',
        baseVersion: head.version,
        task: '3.1.1',
        period: '2024',
        narrative: '开展活动 12 场。',
      });
      const report = ((await submitted.json()) as { target: { id: string }; version: number }).target.id;
      const file = await (await reporter.upload(new TextEncoder().encode('%PDF-1.4\n% attached\n'))).json();
      loose = ((await (await reporter.upload(new TextEncoder().encode('%PDF-1.4\n% loose\n'))).json()) as Upload)
        .sha256;
      attached = (file as Upload).sha256;
      const now = (await (await reporter.get('/api/head')).json()) as { version: number };
      const attach = await reporter.post('/api/commands/attach-report-evidence', {
        type: 'attach-report-evidence',
        baseVersion: now.version,
        report,
        file,
      });
      expect(attach.status).toBe(201);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const at = (sha: string) => join(dir, '.kepu', 'evidence', sha.slice(0, 2), sha.slice(2));
    // Within the default grace period nothing goes.
    const kept = await run(['evidence', 'gc']);
    expect(kept.code).toBe(0);
    expect(existsSync(at(loose))).toBe(true);
    const dry = await run(['evidence', 'gc', '--grace-hours', '0', '--dry-run']);
    expect(dry.out).toContain(loose);
    expect(dry.out).toContain('可清理 1 个文件');
    expect(existsSync(at(loose))).toBe(true);
    const listed = await run(['evidence', 'gc', '--grace-hours', '0', '--dry-run', '--json']);
    expect(JSON.parse(listed.out)).toMatchObject({ dryRun: true, removed: [{ sha256: loose }], named: 1 });
    const done = await run(['evidence', 'gc', '--grace-hours', '0']);
    expect(done.out).toContain('已清理 1 个文件');
    expect(existsSync(at(loose))).toBe(false);
    expect(existsSync(at(attached))).toBe(true);
  });

  it('refuses a limit that is not a positive number', async () => {
    const io = createMemoryIO({ cwd: dir });
    const code = await runCli(['serve', '--evidence-max-mb', 'lots'], io);
    expect(code).not.toBe(0);
    expect(io.err()).toContain('--evidence-max-mb');
  });
});
