import { type AuditEntry, createEngine, type Engine, isKepuError } from '@kepu/core';
import { expect } from 'vitest';
import type { ConformanceContext } from './context.js';
import { PLAN } from './fixtures.js';

// An engine on the store, end to end, and the edits behind its back that it must catch on load.

const reporter = { id: 'r', role: 'reporter', unit: 'education' } as const;
const reviewer = { id: 'v', role: 'lead-reviewer', unit: 'education' } as const;

/** The first command of every engine test: a report on the plan's one task. */
const submitReport = (engine: Engine) =>
  engine.execute(reporter, {
    type: 'submit-report',
    baseVersion: 0,
    task: '3.1.1',
    period: '2024',
    narrative: '进展。',
  });

export function engineTests({ fresh, open, capabilities, test, whenOffered }: ConformanceContext): void {
  test('an engine runs on the store: commands persist, the audit verifies and rebuilds the state', async () => {
    const store = await fresh();
    const engine = await createEngine({ plans: [PLAN], store, watch: false });
    const { target } = await submitReport(engine);
    await expect(
      engine.execute(reporter, { type: 'approve-report', baseVersion: 1, report: target.id }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await engine.execute(reviewer, { type: 'approve-report', baseVersion: 1, report: target.id });
    expect(await engine.verifyAudit()).toMatchObject({ ok: true, entries: 3 });
    expect(await engine.rebuild()).toEqual(engine.getSnapshot());
    const records = await store.listRecords({ kind: 'reports' });
    expect(records.map((r) => [r.id, r.version, (r.data as { status: string }).status])).toEqual([
      [target.id, 2, 'approved'],
    ]);
    await engine.dispose();
    if (capabilities.open) {
      const again = await createEngine({ plans: [PLAN], store: await open(store), watch: false });
      expect(again.getSnapshot()).toEqual(engine.getSnapshot());
      await again.dispose();
    }
  });

  whenOffered(
    !capabilities.tamperRecord || !capabilities.open,
    'a record edited behind the engine’s back is caught when an engine loads the store',
    'the adapter gives no `tamperRecord` and `open`',
    async () => {
      const store = await fresh();
      const engine = await createEngine({ plans: [PLAN], store, watch: false });
      const { target } = await submitReport(engine);
      await engine.dispose();
      const record = (await store.listRecords({ kind: 'reports' }))[0];
      await capabilities.tamperRecord?.(store, 'reports', target.id, {
        ...(record?.data as object),
        status: 'approved',
      });
      await expect(createEngine({ plans: [PLAN], store: await open(store), watch: false })).rejects.toMatchObject({
        code: 'audit-broken',
      });
    },
  );

  whenOffered(
    !capabilities.tamperAudit || !capabilities.open,
    'an audit entry edited behind the engine’s back is caught when an engine loads the store, naming the entry',
    'the adapter gives no `tamperAudit` and `open`',
    async () => {
      const store = await fresh();
      const engine = await createEngine({ plans: [PLAN], store, watch: false });
      const { target } = await submitReport(engine);
      await engine.execute(reviewer, {
        type: 'return-report',
        baseVersion: 1,
        report: target.id,
        reason: '请补充。',
      });
      await engine.dispose();
      // Someone rewrites who returned the report, keeping the stored hash.
      const [, second] = (await store.readAudit()) as [AuditEntry, AuditEntry];
      await capabilities.tamperAudit?.(store, 2, { ...second, actor: { ...second.actor, id: 'someone-else' } });
      const again = await open(store);
      const error = await createEngine({ plans: [PLAN], store: again, watch: false }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'audit-broken' });
      expect(isKepuError(error) && error.issues[0]?.params.seq).toBe('2');
    },
  );
}
