import { type Actor, isKepuError } from '@kepu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, PASSWORD, startHarness, submitBody } from '../../server/test/harness.js';
import { createKepuClient, createRemoteEngine, type RemoteEngine } from '../src/index.js';

let h: Harness;
const engines: RemoteEngine[] = [];
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  for (const engine of engines) await engine.dispose();
  await h.close();
});

/** A remote engine signed in as `username`, over real HTTP. */
async function remoteAs(username: string): Promise<RemoteEngine> {
  const client = createKepuClient({ baseUrl: h.url });
  const login = await client.POST('/api/auth/login', { body: { username, password: PASSWORD } });
  expect(login.response.status).toBe(200);
  const engine = await createRemoteEngine({ baseUrl: h.url, client, reconnectMs: 50 });
  engines.push(engine);
  return engine;
}

/** Resolves once `check` holds, re-checked on every change the engine announces. */
function whenTrue(engine: RemoteEngine, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = engine.subscribe(() => {
      if (check()) {
        stop();
        resolve();
      }
    });
  });
}

describe('createRemoteEngine against a real server', () => {
  it('mirrors the plans, the head and only the reports the user may read (GET /api/state)', async () => {
    const reporter = await remoteAs('reporter');
    expect([...reporter.plans.keys()]).toEqual([...h.engine.plans.keys()]);
    expect(reporter.actors).toEqual([{ id: 'reporter', role: 'reporter', unit: 'education' }]);
    expect(reporter.getHead().seq).toBe(h.engine.getHead().seq);
    const actor = reporter.actors[0] as Actor;
    expect(Object.keys(reporter.getSnapshot().reports).sort()).toEqual(
      Object.keys(h.engine.snapshotFor(actor).reports).sort(),
    );
  });

  it('a report submitted in one remote engine reaches another without a reload, and the decision comes back', async () => {
    const reporter = await remoteAs('reporter');
    const reviewer = await remoteAs('lead-reviewer');
    const reviewerActor = reviewer.actors[0] as Actor;
    const reporterActor = reporter.actors[0] as Actor;
    const announced: string[] = [];
    reporter.on('report:approved', ({ report }) => announced.push(report.id));

    const done = await reporter.execute(reporterActor, submitBody(reporter.getSnapshot().version));
    const id = done.target.id;
    expect(done.entry.seq).toBe(h.engine.getHead().seq);
    // The reporter's own state is current when execute resolves.
    expect(reporter.getSnapshot().reports[id]?.status).toBe('submitted');

    // The reviewer never calls refresh: the event stream brings the report into the queue.
    await whenTrue(reviewer, () => reviewer.reviewQueue({ actor: reviewerActor }).some((r) => r.id === id));
    await reviewer.execute(reviewerActor, {
      type: 'approve-report',
      report: id,
      baseVersion: reviewer.getSnapshot().version,
    });
    expect(h.engine.getSnapshot().reports[id]?.status).toBe('approved');

    await whenTrue(reporter, () => reporter.getSnapshot().reports[id]?.status === 'approved');
    await whenTrue(reporter, () => announced.includes(id));
    expect(reporter.reports({ status: ['approved'] }).map((r) => r.id)).toContain(id);
  });

  it("throws the engine's KepuError for a refusal, with the field path and both languages, and nothing changes", async () => {
    const reporter = await remoteAs('reporter');
    const before = h.engine.getHead();
    const error = await reporter
      .execute(reporter.actors[0] as Actor, submitBody(reporter.getSnapshot().version, { narrative: 42 }))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isKepuError(error)).toBe(true);
    if (!isKepuError(error)) return;
    expect(error.code).toBe('invalid-shape');
    expect(error.issues[0]?.path).toEqual(['narrative']);
    expect(error.issues[0]?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(error.issues[0]?.message.en.length).toBeGreaterThan(0);
    expect(h.engine.getHead()).toEqual(before);
  });

  it('refuses to start for a client that is not signed in, with the typed error the server sent', async () => {
    const error = await createRemoteEngine({ baseUrl: h.url }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isKepuError(error) && error.code).toBe('unauthenticated');
  });
});
