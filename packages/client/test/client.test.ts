import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { type Harness, PASSWORD, startHarness, submitBody } from '../../server/test/harness.js';
import { GENERATE_COMMAND, GENERATED_FILE, typesOf } from '../scripts/openapi-types.js';
import { createKepuClient, isProblem, type Problem } from '../src/index.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('the generated types', () => {
  it('equal what openapi-typescript makes of the document the live server serves', async () => {
    const document = await (await fetch(`${h.url}/api/openapi.json`)).json();
    const fresh = await typesOf(document);
    const checkedIn = readFileSync(GENERATED_FILE, 'utf8');
    expect(checkedIn === fresh, `src/generated/openapi.ts is stale: run ${GENERATE_COMMAND}`).toBe(true);
  });
});

describe('the typed client against a real server', () => {
  it('signs in, submits a report, and reads it back', async () => {
    const kepu = createKepuClient({ baseUrl: h.url });
    const login = await kepu.POST('/api/auth/login', { body: { username: 'reporter', password: PASSWORD } });
    expect(login.response.status).toBe(200);
    const head = await kepu.GET('/api/head');
    if (!head.data) throw new Error(`no head: ${head.error?.code}`);
    const submitted = await kepu.POST('/api/commands/submit-report', {
      body: { ...submitBody(head.data.version), type: 'submit-report' },
      params: { header: { 'idempotency-key': crypto.randomUUID() } },
    });
    expect(submitted.response.status).toBe(201);
    const id = submitted.data?.target.id;
    expect(id).toBeTruthy();

    const reports = await kepu.GET('/api/reports', { params: { query: { status: 'submitted', task: '3.1.1' } } });
    const mine = reports.data?.find((r) => r.id === id);
    expect(mine?.status).toBe('submitted');
    expect(mine?.unit).toBe('education');
    // The actor came from the session the client kept.
    expect(h.engine.getSnapshot().reports[id ?? '']?.revisions[0]?.submittedBy).toBe('reporter');
  });

  it('gives errors as typed problem documents, with the code, the field path and both languages', async () => {
    const kepu = createKepuClient({ baseUrl: h.url });
    const anonymous = await kepu.GET('/api/reports');
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.error?.code).toBe('unauthenticated');

    await kepu.POST('/api/auth/login', { body: { username: 'reporter', password: PASSWORD } });
    const version = (await kepu.GET('/api/head')).data?.version ?? -1;
    const refused = await kepu.POST('/api/commands/submit-report', {
      body: { ...submitBody(version), type: 'submit-report', narrative: 42 as unknown as string },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.response.headers.get('content-type')).toContain('application/problem+json');
    const problem = refused.error;
    expectTypeOf(problem).toEqualTypeOf<Problem | undefined>();
    expect(isProblem(problem)).toBe(true);
    expect(problem?.code).toBe('invalid-shape');
    expect(problem?.path).toEqual(['narrative']);
    expect(problem?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(problem?.message.en.length).toBeGreaterThan(0);
    // Refused, so nothing changed.
    expect((await kepu.GET('/api/head')).data?.version).toBe(version);
  });

  it('works as a machine client with an API key, which needs no session or CSRF token', async () => {
    const person = createKepuClient({ baseUrl: h.url });
    await person.POST('/api/auth/login', { body: { username: 'reporter', password: PASSWORD } });
    const created = await person.POST('/api/api-keys', { body: { label: 'county OA', scopes: ['read'] } });
    const key = created.data?.key ?? '';
    expect(key.startsWith('kpk_')).toBe(true);
    const machine = createKepuClient({ baseUrl: h.url, apiKey: key });
    expect((await machine.GET('/api/reports')).response.status).toBe(200);
    const write = await machine.POST('/api/commands/submit-report', {
      body: { ...submitBody(0), type: 'submit-report' },
    });
    expect(write.error?.code).toBe('scope-denied');
  });
});
