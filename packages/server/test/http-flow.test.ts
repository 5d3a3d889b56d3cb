import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../src/index.js';
import { client, type Harness, PASSWORD, startHarness, submitBody } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('a reporter submits and a reviewer approves over HTTP', () => {
  it('moves the report from the review queue to approved, and the audit verifies', async () => {
    const reporter = await h.as('reporter');
    const reviewer = await h.as('lead-reviewer');
    const version = h.engine.getSnapshot().version;
    const submitted = await reporter.request('POST', '/api/commands/submit-report', submitBody(version));
    expect(submitted.status).toBe(201);
    const outcome = (await submitted.json()) as { target: { kind: string; id: string }; version: number };
    expect(outcome.target.kind).toBe('reports');

    const queue = (await (await reviewer.request('GET', '/api/review-queue')).json()) as Array<{ id: string }>;
    expect(queue.map((r) => r.id)).toContain(outcome.target.id);

    const approved = await reviewer.request('POST', '/api/commands/approve-report', {
      type: 'approve-report',
      baseVersion: outcome.version,
      report: outcome.target.id,
      comment: '同意。',
    });
    expect(approved.status).toBe(201);
    const report = h.engine.getSnapshot().reports[outcome.target.id];
    expect(report?.status).toBe('approved');
    // The actor came from the session: the submitter is the signed-in reporter.
    expect(report?.revisions[0]?.submittedBy).toBe('reporter');

    const observer = await h.as('observer');
    const seen = (await (await observer.request('GET', '/api/reports?status=approved')).json()) as Array<{
      id: string;
    }>;
    expect(seen.map((r) => r.id)).toContain(outcome.target.id);
    const verify = (await (await observer.request('GET', '/api/audit/verify')).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
  });

  it('publishes its head as an audit anchor, and verifies the log against an anchor (issue 16, finding 3)', async () => {
    const observer = await h.as('observer');
    const response = await observer.request('GET', '/api/audit/head');
    expect(response.status).toBe(200);
    const anchor = (await response.json()) as { seq: number; hash: string; version: number; at: string };
    const head = h.engine.getHead();
    expect(anchor).toMatchObject({ seq: head.seq, hash: head.hash, version: head.version });
    expect(Number.isNaN(Date.parse(anchor.at))).toBe(false);
    const check = async (text: string) =>
      (await (await observer.request('GET', `/api/audit/verify?anchor=${text}`)).json()) as {
        ok: boolean;
        firstBad?: { problem: string };
      };
    expect((await check(`${anchor.seq}:${anchor.hash}`)).ok).toBe(true);
    // An entry the log holds with another hash (a re-chained log), or one it does not reach (cut short).
    expect((await check(`${anchor.seq}:${'ab'.repeat(32)}`)).firstBad?.problem).toBe('rechained');
    expect((await check(`${anchor.seq + 1000}:${anchor.hash}`)).firstBad?.problem).toBe('truncated');
    const bad = await observer.request('GET', '/api/audit/verify?anchor=nonsense');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { code: string }).code).toBe('invalid-shape');
  });

  it('ignores an actor smuggled in the body: the command is refused as invalid', async () => {
    const reporter = await h.as('reporter');
    const response = await reporter.request(
      'POST',
      '/api/commands/submit-report',
      submitBody(h.engine.getSnapshot().version, { actor: { id: 'admin', role: 'plan-office' } }),
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { code: string }).code).toBe('invalid-shape');
  });
});

describe('sign-in, sessions and CSRF', () => {
  it('refuses requests without credentials with 401 problem+json', async () => {
    const anonymous = client(h.url);
    const response = await anonymous.request('GET', '/api/reports');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(ProblemSchema.parse(await response.json()).code).toBe('unauthenticated');
  });

  it('sets an http-only, SameSite=Strict, Secure session cookie, and logout revokes the session', async () => {
    const c = client(h.url);
    const response = await c.login('observer');
    expect(response.status).toBe(200);
    const session = response.headers.getSetCookie().find((line) => line.startsWith('kepu_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Secure/);
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    const token = /^kepu_session=([^;]+)/.exec(session ?? '')?.[1];
    expect((await c.request('POST', '/api/auth/logout')).status).toBe(204);
    // The old cookie no longer opens anything, even if a client kept it.
    const replay = await fetch(`${h.url}/api/auth/me`, { headers: { cookie: `kepu_session=${token}` } });
    expect(replay.status).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token, and one from another origin', async () => {
    const reporter = client(h.url);
    await reporter.login('reporter');
    const token = reporter.csrf;
    reporter.csrf = undefined;
    const before = h.engine.getHead();
    const missing = await reporter.request('POST', '/api/commands/submit-report', submitBody(before.version));
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { code: string }).code).toBe('csrf-failed');
    reporter.csrf = token;
    const foreign = await reporter.request('POST', '/api/commands/submit-report', submitBody(before.version), {
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(h.engine.getHead()).toEqual(before);
  });

  it('answers an unknown user exactly as a wrong password, and audits both without the password', async () => {
    const c = client(h.url);
    const unknown = await c.request('POST', '/api/auth/login', { username: 'nobody', password: PASSWORD });
    const wrong = await c.request('POST', '/api/auth/login', { username: 'observer', password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.text()).toBe(await wrong.text());
    const audit = await h.accounts.store.readAudit();
    const failed = audit.filter((e) => e.event === 'login-failed');
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain('not the password');
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });
});

describe('lockout', () => {
  it('locks an account after five failures: then even the right password is refused, and it is audited', async () => {
    const admin = client(h.url);
    await admin.login('admin');
    const created = await admin.request('POST', '/api/accounts', {
      username: 'locked.out',
      password: PASSWORD,
      bindings: [{ role: 'observer' }],
    });
    expect(created.status).toBe(201);
    const c = client(h.url);
    for (let i = 0; i < 5; i++) expect((await c.login('locked.out', 'wrong password!!')).status).toBe(401);
    const refused = await c.login('locked.out');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('login-failed');
    const events = (await h.accounts.store.readAudit()).map((e) => e.event);
    expect(events).toContain('lockout');
  });
});

describe('idempotency', () => {
  it('returns the first result to a retry with the same key and commits once', async () => {
    const reporter = await h.as('reporter');
    const body = submitBody(h.engine.getSnapshot().version, { period: '2023' });
    const headers = { 'idempotency-key': 'retry-test-1' };
    const [first, second] = await Promise.all([
      reporter.request('POST', '/api/commands/submit-report', body, headers),
      reporter.request('POST', '/api/commands/submit-report', body, headers),
    ]);
    const third = await reporter.request('POST', '/api/commands/submit-report', body, headers);
    expect(first.status).toBe(201);
    const a = await first.json();
    expect(await second.json()).toEqual(a);
    expect(await third.json()).toEqual(a);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    const reports = h.engine.reports({ period: '2023', task: '3.1.1', unit: 'education' });
    expect(reports).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const reporter = await h.as('reporter');
    const headers = { 'idempotency-key': 'retry-test-2' };
    const v = h.engine.getSnapshot().version;
    await reporter.request('POST', '/api/commands/submit-report', submitBody(v, { period: '2022' }), headers);
    const other = await reporter.request(
      'POST',
      '/api/commands/submit-report',
      submitBody(v, { period: '2025' }),
      headers,
    );
    expect(other.status).toBe(422);
    expect(((await other.json()) as { code: string }).code).toBe('idempotency-mismatch');
  });
});

describe('problem+json', () => {
  it('carries the engine code, field path and zh/en message of a refused command', async () => {
    const reporter = await h.as('reporter');
    const response = await reporter.request('POST', '/api/commands/submit-report', {
      ...submitBody(h.engine.getSnapshot().version),
      narrative: '',
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = ProblemSchema.parse(await response.json());
    expect(problem).toMatchObject({
      type: 'urn:kepu:error:invalid-shape',
      status: 422,
      code: 'invalid-shape',
      path: ['narrative'],
    });
    expect(problem.message.zh).toMatch(/数据格式/);
    expect(problem.message.en).toMatch(/expected shape/);
  });

  it('answers an unknown path with a not-found problem', async () => {
    const response = await fetch(`${h.url}/api/nowhere`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('not-found');
  });
});

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${h.url}/readyz`)).json()).toMatchObject({ ready: true });
  });
});
