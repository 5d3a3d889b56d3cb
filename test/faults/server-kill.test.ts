import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { startKepuServe } from '@kepu/test-utils/serve-process';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The server killed (SIGKILL, no shutdown) while ten clients are sending commands: no command the
 * server acknowledged is lost, and a client that never heard back can send the same request again
 * with its Idempotency-Key — it gets the first outcome when the command had committed, and the
 * command runs once when it had not. Nothing is committed twice. A real `kepu serve` process on a
 * real SQLite file.
 */
const PASSWORD = 'a long password for the kill test';
const dir = mkdtempSync(join(tmpdir(), 'kepu-server-kill-'));
const db = join(dir, 'county.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = (args: string[] = []) =>
  startKepuServe({ args: ['--db', db, ...args], cwd: dir, env: { KEPU_ADMIN_PASSWORD: PASSWORD } });

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** An API key of an assessor account, made through the administrator. */
async function assessorKey(url: string): Promise<string> {
  const signIn = (username: string) =>
    fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
  const sessionHeaders = async (response: Response) => ({
    'content-type': 'application/json',
    'x-csrf-token': ((await response.json()) as { csrfToken: string }).csrfToken,
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  });
  const admin = await sessionHeaders(await signIn('admin'));
  const created = await fetch(`${url}/api/accounts`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ username: 'inspector', password: PASSWORD, bindings: [{ role: 'assessor' }] }),
  });
  expect(created.status).toBe(201);
  const inspector = await sessionHeaders(await signIn('inspector'));
  const key = await fetch(`${url}/api/api-keys`, {
    method: 'POST',
    headers: inspector,
    body: JSON.stringify({ label: 'kill test', scopes: ['write', 'read'] }),
  });
  return ((await key.json()) as { key: string }).key;
}

interface Sent {
  readonly key: string;
  readonly body: string;
  outcome?: Record<string, unknown>;
}

describe('kepu serve killed mid-load', () => {
  it('loses no acknowledged command, and retries with the same key never commit twice', async () => {
    const first = await start(['--init']);
    const key = await assessorKey(first.url);
    const units = zhengningPlan.orgUnits.filter((u) => u.kind !== 'group').map((u) => u.id);
    const sent: Sent[] = [];
    const send = (url: string, request: Sent) =>
      fetch(`${url}/api/commands/record-finding`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': request.key },
        body: request.body,
      });
    let acked = 0;
    let n = 0;
    const clients = Array.from({ length: 10 }, async () => {
      for (;;) {
        const i = n++;
        const request: Sent = {
          key: `kill-${i}`,
          body: JSON.stringify({
            type: 'record-finding',
            baseVersion: 0,
            unit: units[i % units.length],
            period: '2025',
            text: `kill-test #${i}：台账不全，限期整改。`,
          }),
        };
        sent.push(request);
        let answer: { status: number; body: Record<string, unknown> };
        try {
          answer = await json(await send(first.url, request));
        } catch {
          return; // the server is gone: this request's fate is unknown to the client
        }
        if (answer.status !== 201) refused.push(JSON.stringify(answer));
        else request.outcome = answer.body;
        acked++;
      }
    });
    const refused: string[] = [];
    // Kill it once it has acknowledged a fair number of commands, with more in flight.
    while (acked < 60 && refused.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(refused).toEqual([]);
    first.child.kill('SIGKILL');
    await Promise.all(clients);
    const unanswered = sent.filter((s) => s.outcome === undefined);
    expect(unanswered.length).toBeGreaterThan(0);

    const second = await start();
    try {
      // Every request again, with its key: an acknowledged one gets its first outcome back.
      for (const request of sent) {
        const { status, body } = await json(await send(second.url, request));
        expect(status, JSON.stringify(body)).toBe(201);
        if (request.outcome) expect(body).toEqual(request.outcome);
        else request.outcome = body;
      }
      const verified = await json(
        await fetch(`${second.url}/api/audit/verify`, { headers: { authorization: `Bearer ${key}` } }),
      );
      expect(verified.body.ok).toBe(true);
    } finally {
      await second.stop();
    }

    // In the log: each request exactly once, at the position its outcome names.
    const file = new Database(db, { readonly: true });
    try {
      const rows = file
        .prepare<[], { seq: number; command: string }>(
          `SELECT seq, command FROM kepu_audit WHERE outcome = 'accepted' AND command LIKE '%kill-test #%'`,
        )
        .all();
      const texts = rows.map((r) => (JSON.parse(r.command) as { text: string }).text);
      expect(new Set(texts).size).toBe(texts.length);
      expect(texts.length).toBe(sent.length);
      const seqOf = new Map(rows.map((r) => [(JSON.parse(r.command) as { text: string }).text, r.seq]));
      for (const request of sent) {
        const text = (JSON.parse(request.body) as { text: string }).text;
        expect(seqOf.get(text)).toBe(request.outcome?.seq);
      }
    } finally {
      file.close();
    }
  }, 120_000);
});
