import { COMMAND_TYPES, type CommandType, ENGINE_ROLES, PERMISSIONS } from '@kepu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, endpointPermissions } from '../src/index.js';
import { fileForm, filesUnder, type Harness, PEOPLE, pdfBytes, startHarness, submitBody } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const NO_FILE = { name: 'none.pdf', type: 'application/pdf', size: 1, sha256: '0'.repeat(64) };

/** A body of each command type that passes its schema, so the request reaches authorization. */
const bodyOf = (type: CommandType, baseVersion: number): Record<string, unknown> => {
  const base = { type, baseVersion };
  switch (type) {
    case 'submit-report':
      return submitBody(baseVersion);
    case 'withdraw-report':
    case 'approve-report':
      return { ...base, report: 'rpt-none' };
    case 'resubmit-report':
      return { ...base, report: 'rpt-none', narrative: '补充。' };
    case 'return-report':
      return { ...base, report: 'rpt-none', reason: '请补充。' };
    case 'record-finding':
      return { ...base, unit: 'education', period: '2024', text: '台账不完整。' };
    case 'record-award':
      return { ...base, unit: 'education', period: '2024', award: 'no-such-award', title: '先进集体' };
    case 'record-incident':
      return { ...base, unit: 'education', period: '2024', veto: 'no-such-veto', description: '虚报。' };
    case 'review-target':
      return { ...base, target: 'no-such-target', period: '2024', score: 1, outOf: 2, narrative: '已核实。' };
    case 'run-assessment':
      return { ...base, period: '2024' };
    case 'attach-report-evidence':
      return { ...base, report: 'rpt-none', file: NO_FILE };
    case 'attach-finding-evidence':
      return { ...base, finding: 'fnd-none', file: NO_FILE };
  }
};

describe('role × command endpoint, derived from PERMISSIONS', () => {
  for (const role of ENGINE_ROLES) {
    for (const type of COMMAND_TYPES) {
      const scope = PERMISSIONS[role][type];
      it(`${role} → POST /api/commands/${type}: ${scope === 'none' ? '403, nothing changes' : 'reaches the engine'}`, async () => {
        const c = await h.as(role);
        const before = h.engine.getHead();
        const records = h.engine.getSnapshot();
        const response = await c.request('POST', `/api/commands/${type}`, bodyOf(type, before.version));
        const body = (await response.json()) as { code?: string };
        if (scope === 'none') {
          expect(response.status).toBe(403);
          expect(body.code).toBe('role-denied');
          // Refused at the edge: not a state change, not even an audit entry.
          expect(h.engine.getHead()).toEqual(before);
          expect(h.engine.getSnapshot()).toBe(records);
        } else {
          expect(body.code).not.toBe('role-denied');
          expect(response.status).not.toBe(401);
        }
      });
    }
  }
});

describe('account administration is the plan office’s', () => {
  const admin = endpointPermissions().filter((e) => e.path.startsWith('/api/accounts') && e.method === 'GET');
  for (const role of ENGINE_ROLES) {
    it(`${role} → GET /api/accounts and /api/accounts/audit`, async () => {
      const c = await h.as(role);
      for (const e of admin) {
        const response = await c.request('GET', e.path);
        expect(response.status).toBe(role === 'plan-office' ? 200 : 403);
      }
    });
  }

  it('refuses a role change by anyone but the plan office, and leaves the bindings as they were', async () => {
    const reporter = await h.as('reporter');
    const me = (await (await reporter.request('GET', '/api/auth/me')).json()) as {
      user: { id: string; bindings: unknown };
    };
    const response = await reporter.request('PUT', `/api/accounts/${me.user.id}/bindings`, {
      bindings: [{ role: 'plan-office' }],
    });
    expect(response.status).toBe(403);
    expect((await h.accounts.store.findUser(me.user.id))?.bindings).toEqual(me.user.bindings);
  });
});

describe('API keys', () => {
  it('act with their scopes only, and a revoked key stops working', async () => {
    const reporter = await h.as('reporter');
    const created = await reporter.request('POST', '/api/api-keys', { label: 'ci', scopes: ['read'] });
    expect(created.status).toBe(201);
    const { key, id } = (await created.json()) as { key: string; id: string };
    const bearer = { authorization: `Bearer ${key}` };
    expect((await fetch(`${h.url}/api/reports`, { headers: bearer })).status).toBe(200);
    const before = h.engine.getHead();
    const write = await fetch(`${h.url}/api/commands/submit-report`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify(submitBody(before.version, { period: '2025' })),
    });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { code: string }).code).toBe('scope-denied');
    expect(h.engine.getHead()).toEqual(before);
    const office = await h.as('plan-office');
    expect((await office.request('DELETE', `/api/api-keys/${id}`)).status).toBe(204);
    expect((await fetch(`${h.url}/api/reports`, { headers: bearer })).status).toBe(401);
    const events = (await h.accounts.store.readAudit()).filter((e) => e.event.startsWith('api-key'));
    expect(events.map((e) => e.event)).toEqual(['api-key-created', 'api-key-revoked']);
    expect(JSON.stringify(events)).not.toContain(key);
  });
});

describe('role × evidence endpoint', () => {
  const rows = endpointPermissions().filter((e) => e.path.startsWith('/api/evidence'));
  const upload = rows.find((e) => e.method === 'POST');
  let attached: { sha256: string; report: string };

  beforeAll(async () => {
    // A file attached to a submitted (not yet approved) report of the education bureau.
    const reporter = await h.as('reporter');
    const submitted = await reporter.request('POST', '/api/commands/submit-report', {
      ...submitBody(h.engine.getSnapshot().version),
      period: '2022',
    });
    const report = ((await submitted.json()) as { target: { id: string } }).target.id;
    const file = await (await reporter.request('POST', '/api/evidence', fileForm(pdfBytes('matrix'), 'm.pdf'))).json();
    const response = await reporter.request('POST', '/api/commands/attach-report-evidence', {
      type: 'attach-report-evidence',
      baseVersion: h.engine.getSnapshot().version,
      report,
      file,
    });
    expect(response.status).toBe(201);
    attached = { sha256: (file as { sha256: string }).sha256, report };
  });

  it('lists both endpoints in the table', () => {
    expect(rows.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /api/evidence', 'GET /api/evidence/{sha256}']);
  });

  for (const role of ENGINE_ROLES) {
    it(`${role} → POST /api/evidence: ${upload?.roles[role] === 'none' ? '403, nothing written' : 'stored'}`, async () => {
      const c = await h.as(role);
      const before = filesUnder(h.evidenceRoot);
      const response = await c.request('POST', '/api/evidence', fileForm(pdfBytes(`by ${role}`), 'x.pdf'));
      if (upload?.roles[role] === 'none') {
        expect(response.status).toBe(403);
        expect(((await response.json()) as { code: string }).code).toBe('role-denied');
        expect(filesUnder(h.evidenceRoot)).toEqual(before);
      } else {
        expect(response.status).toBe(201);
        expect(filesUnder(h.evidenceRoot).length).toBe(before.length + 1);
      }
    });

    it(`${role} → GET /api/evidence/{sha256}: the file of a submitted report only if the role reads the report`, async () => {
      const c = await h.as(role);
      const readsIt = h.engine.snapshotFor(actorOf({ username: role } as never, PEOPLE[role])).reports[attached.report];
      const response = await c.request('GET', `/api/evidence/${attached.sha256}`);
      const body = new Uint8Array(await response.arrayBuffer());
      if (readsIt) {
        expect(response.status).toBe(200);
        expect(Buffer.from(body).equals(Buffer.from(pdfBytes('matrix')))).toBe(true);
      } else {
        expect(response.status).toBe(404);
        expect(new TextDecoder().decode(body)).not.toContain('%PDF');
      }
    });
  }

  it('the observer reads the report only once approved, and so its file', async () => {
    const reviewer = await h.as('lead-reviewer');
    const approved = await reviewer.request('POST', '/api/commands/approve-report', {
      type: 'approve-report',
      baseVersion: h.engine.getSnapshot().version,
      report: attached.report,
    });
    expect(approved.status).toBe(201);
    const response = await (await h.as('observer')).request('GET', `/api/evidence/${attached.sha256}`);
    expect(response.status).toBe(200);
  });
});
