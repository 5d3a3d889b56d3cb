import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveEvents, type LiveSink } from '../src/events/live-events.js';
import { type Client, client, type Harness, PASSWORD, startHarness, submitBody } from './harness.js';
import { type SseMessage, sseReader } from './sse.js';

const reportEvents = (messages: readonly SseMessage[]) =>
  messages
    .filter((m) => m.event.startsWith('report:'))
    .map((m) => `${m.event} ${(JSON.parse(m.data) as { report: { id: string } }).report.id}`);

/** Opens the event stream as `who` and waits until the server says it is live. */
async function listen(who: Client, headers: Record<string, string> = {}) {
  const response = await who.request('GET', '/api/events', undefined, headers);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = sseReader(response);
  const { message, skipped } = await reader.until('ready');
  return { reader, ready: message, replayed: skipped };
}

/** Creates a signed-in user of another unit (health), who reads only health's reports. */
async function otherUnitUser(h: Harness): Promise<Client> {
  const admin = client(h.url);
  await admin.login('admin');
  const created = await admin.request('POST', '/api/accounts', {
    username: 'health.reporter',
    password: PASSWORD,
    bindings: [{ role: 'reporter', unit: 'health' }],
  });
  expect(created.status).toBe(201);
  const other = client(h.url);
  expect((await other.login('health.reporter')).status).toBe(200);
  return other;
}

async function submitAndApprove(h: Harness) {
  const reporter = await h.as('reporter');
  const reviewer = await h.as('lead-reviewer');
  const submitted = await reporter.request(
    'POST',
    '/api/commands/submit-report',
    submitBody(h.engine.getSnapshot().version),
  );
  expect(submitted.status).toBe(201);
  const outcome = (await submitted.json()) as { target: { id: string }; version: number };
  const approved = await reviewer.request('POST', '/api/commands/approve-report', {
    type: 'approve-report',
    baseVersion: outcome.version,
    report: outcome.target.id,
  });
  expect(approved.status).toBe(201);
  return outcome.target.id;
}

describe('GET /api/events: live updates filtered by what each subscriber may read', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('gives each user exactly the events they may read, none to another unit, and ends every stream on shutdown', async () => {
    const other = await otherUnitUser(h);
    const reviewerStream = await listen(await h.as('lead-reviewer'));
    const observerStream = await listen(await h.as('observer'));
    const officeStream = await listen(await h.as('plan-office'));
    const otherStream = await listen(other);

    const id = await submitAndApprove(h);
    const assessor = await h.as('assessor');
    const ran = await assessor.request('POST', '/api/commands/run-assessment', {
      type: 'run-assessment',
      baseVersion: h.engine.getSnapshot().version,
      period: '2024',
    });
    expect(ran.status).toBe(201);

    // Graceful shutdown with four streams open: it finishes, and every stream ends.
    await h.server.close();
    const [reviewer, observer, office, otherUnit] = await Promise.all(
      [reviewerStream, observerStream, officeStream, otherStream].map((s) => s.reader.rest()),
    );
    // The lead unit's reviewer sees the submission and its own approval; the observer reads only
    // approved reports; the plan office reads everything; the health reporter reads none of it.
    expect(reportEvents(reviewer ?? [])).toEqual([`report:submitted ${id}`, `report:approved ${id}`]);
    expect(reportEvents(observer ?? [])).toEqual([`report:approved ${id}`]);
    expect(reportEvents(office ?? [])).toEqual([`report:submitted ${id}`, `report:approved ${id}`]);
    expect(reportEvents(otherUnit ?? [])).toEqual([]);
    // Events every role reads (targets, assessments) reach everyone alike.
    const shared = (ms: readonly SseMessage[] | undefined) => (ms ?? []).filter((m) => !m.event.startsWith('report:'));
    expect(shared(office).map((m) => m.event)).toContain('assessment:completed');
    for (const seen of [reviewer, observer, otherUnit]) expect(shared(seen)).toEqual(shared(office));
    // Ids increase, so a client can resume from any of them.
    const numbers = (office ?? []).map((m) => Number(m.id?.split('-')[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe('GET /api/events: resuming, heartbeats and credentials', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { events: { heartbeatMs: 50 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('replays what was missed after Last-Event-ID, filtered, then says ready', async () => {
    const reviewer = await h.as('lead-reviewer');
    const first = await listen(reviewer);
    const before = first.ready.id ?? '';
    expect(before).toMatch(/^[0-9a-f]+-\d+$/);
    // The client goes away; meanwhile a report is submitted and approved.
    await first.reader.cancel();
    const id = await submitAndApprove(h);

    // Reconnecting from before replays both; from the submission, only the approval.
    const all = await listen(reviewer, { 'last-event-id': before });
    expect(reportEvents(all.replayed)).toEqual([`report:submitted ${id}`, `report:approved ${id}`]);
    const afterSubmit = all.replayed.find((m) => m.event === 'report:submitted')?.id ?? '';
    const tail = await listen(reviewer, { 'last-event-id': afterSubmit });
    expect(reportEvents(tail.replayed)).toEqual([`report:approved ${id}`]);
    expect(tail.ready.id).toBe(all.ready.id);
    await Promise.all([all.reader.cancel(), tail.reader.cancel()]);
    // The health reporter resuming from the same point is replayed none of it.
    const other = await listen(await otherUnitUser(h), { 'last-event-id': before });
    expect(reportEvents(other.replayed)).toEqual([]);
    await other.reader.cancel();
  });

  it('sends reset when the id comes from another server run or is malformed', async () => {
    const reviewer = await h.as('lead-reviewer');
    for (const lastEventId of ['ffffffffffff-1', 'nonsense']) {
      const response = await reviewer.request('GET', '/api/events', undefined, { 'last-event-id': lastEventId });
      const first = await sseReader(response).next();
      expect(first?.event).toBe('reset');
      const data = JSON.parse(first?.data ?? '{}') as { version: number; message: { zh: string; en: string } };
      expect(data.version).toBe(h.engine.getSnapshot().version);
      expect(data.message.zh).toContain('重新加载');
      expect(data.message.en).toContain('Reload');
      await response.body?.cancel().catch(() => {});
    }
  });

  it('sends heartbeat comments, and ends the stream once the session is signed out', async () => {
    const me = client(h.url);
    expect((await me.login('observer')).status).toBe(200);
    const { reader } = await listen(me);
    expect(await me.request('POST', '/api/auth/logout', {}).then((r) => r.status)).toBeLessThan(300);
    // The next heartbeat re-reads the session, finds it gone and ends the stream.
    expect(await reader.rest()).toEqual([]);
  });

  it('needs credentials with the read scope: none is 401, a write-only key 403, a read key streams', async () => {
    const anonymous = await fetch(`${h.url}/api/events`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    const reporter = await h.as('reporter');
    const keyOf = async (scopes: string[]) =>
      ((await (await reporter.request('POST', '/api/api-keys', { label: 'feed', scopes })).json()) as { key: string })
        .key;
    const writeOnly = await fetch(`${h.url}/api/events`, {
      headers: { authorization: `Bearer ${await keyOf(['write'])}` },
    });
    expect(writeOnly.status).toBe(403);
    expect(((await writeOnly.json()) as { code: string }).code).toBe('scope-denied');
    const readKey = await keyOf(['read']);
    const response = await fetch(`${h.url}/api/events`, { headers: { authorization: `Bearer ${readKey}` } });
    expect(response.status).toBe(200);
    const reader = sseReader(response);
    await reader.until('ready');
    // An idle stream gets heartbeat comments.
    expect(await reader.nextComment()).toBe('ping');
    await reader.cancel();
  });
});

describe('GET /api/events: a bounded replay buffer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { events: { buffer: 1 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('sends reset, not a partial replay, when the id is older than the buffer', async () => {
    const reviewer = await h.as('lead-reviewer');
    const { ready, reader } = await listen(reviewer);
    await submitAndApprove(h);
    await reader.until('report:approved');
    const response = await reviewer.request('GET', '/api/events', undefined, { 'last-event-id': ready.id ?? '' });
    const resumed = sseReader(response);
    expect((await resumed.next())?.event).toBe('reset');
    await Promise.all([resumed.cancel(), reader.cancel()]);
  });
});

describe('the live event hub at shutdown', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('ends a stream whose client stopped reading instead of waiting for its write', async () => {
    const live = createLiveEvents(h.engine);
    let aborted = false;
    let release = () => {};
    // The network side of a client that stopped reading: a write completes only once the stream
    // is torn down, and any write after that fails at once (as Hono's stream does when aborted).
    const sink: LiveSink = {
      send: () =>
        aborted
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              release = resolve;
            }),
      comment: async () => {},
      onAbort: () => {},
      abort: () => {
        aborted = true;
        release();
      },
    };
    const actors = [{ id: 'office', role: 'plan-office' as const }];
    const ended = live.attach({ sink, actors, recheck: async () => actors });
    await live.close();
    await ended;
    expect(aborted).toBe(true);
    expect(live.closed).toBe(true);
  });
});
