import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Actor, createEngine, isKepuError, type KepuStore } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { createPostgresStore } from '@kepu/store-postgres';
import { createSqliteStore } from '@kepu/store-sqlite';
import { freshPostgresSchema, type TestSchema } from '@kepu/test-utils/postgres';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Bad data at rest: someone with database access edits, deletes or reorders rows behind the
// engine's back. The next engine to load the store must refuse with `audit-broken`, naming the
// first bad entry (or the record that no longer matches the log) — for the SQLite file and for
// PostgreSQL alike, each damage on a database of its own.

const reporter = (unit: string): Actor => ({ id: `${unit}.reporter`, role: 'reporter', unit });
const educationReviewer: Actor = { id: 'education.reviewer', role: 'lead-reviewer', unit: 'education' };

/** Seven audit entries: three reports submitted, one returned, resubmitted and approved, one denial. */
async function fillWithWork(store: KepuStore): Promise<string> {
  const engine = await createEngine({ plans: [zhengningPlan], store, watch: false });
  const submit = (unit: string, task: string) =>
    engine.execute(reporter(unit), {
      type: 'submit-report',
      baseVersion: engine.getSnapshot().version,
      task,
      period: '2024',
      narrative: `${unit} 的年度进展。`,
    });
  const { target } = await submit('health', '3.1.2'); // seq 1
  await submit('agriculture', '3.1.2'); // seq 2
  await submit('cast', '3.1.2'); // seq 3
  const v = () => engine.getSnapshot().version;
  await engine.execute(educationReviewer, {
    type: 'return-report',
    baseVersion: v(),
    report: target.id,
    reason: '请补充。',
  }); // 4
  await engine.execute(reporter('health'), {
    type: 'resubmit-report',
    baseVersion: v(),
    report: target.id,
    narrative: '已补充。',
  }); // 5
  // seq 6: a denial (a reporter may not approve), audited all the same
  await engine
    .execute(reporter('health'), { type: 'approve-report', baseVersion: v(), report: target.id })
    .catch(() => {});
  await engine.execute(educationReviewer, { type: 'approve-report', baseVersion: v(), report: target.id }); // 7
  expect((await engine.verifyAudit()).ok).toBe(true);
  await engine.dispose();
  return target.id;
}

interface Damage {
  readonly name: string;
  /** SQL run behind the engine's back; `$REPORT` is the id of the report that went through review. */
  readonly sqlite: string;
  readonly postgres: string;
  /** The seq the refusal names, or the record it names. */
  readonly names: { seq: string } | { record: [string, string] };
}

const damages: Damage[] = [
  {
    name: 'an audit entry’s command edited (the narrative rewritten)',
    sqlite: `UPDATE kepu_audit SET command = json_set(command, '$.narrative', '全部完成。') WHERE seq = 5`,
    postgres: `UPDATE $S.kepu_audit SET command = jsonb_set(command::jsonb, '{narrative}', '"全部完成。"')::json WHERE namespace = $N AND seq = 5`,
    names: { seq: '5' },
  },
  {
    name: 'an audit entry’s actor changed (who approved)',
    sqlite: `UPDATE kepu_audit SET actor = json_set(actor, '$.id', 'someone.else') WHERE seq = 7`,
    postgres: `UPDATE $S.kepu_audit SET actor = jsonb_set(actor::jsonb, '{id}', '"someone.else"')::json WHERE namespace = $N AND seq = 7`,
    names: { seq: '7' },
  },
  {
    name: 'a denial turned into an acceptance',
    sqlite: `UPDATE kepu_audit SET outcome = 'accepted' WHERE seq = 6`,
    postgres: `UPDATE $S.kepu_audit SET outcome = 'accepted' WHERE namespace = $N AND seq = 6`,
    names: { seq: '6' },
  },
  {
    name: 'an entry removed from the middle of the log',
    sqlite: `DELETE FROM kepu_audit WHERE seq = 3`,
    postgres: `DELETE FROM $S.kepu_audit WHERE namespace = $N AND seq = 3`,
    names: { seq: '3' },
  },
  {
    name: 'the last entry removed (the log cut short)',
    sqlite: `DELETE FROM kepu_audit WHERE seq = 7`,
    postgres: `DELETE FROM $S.kepu_audit WHERE namespace = $N AND seq = 7`,
    names: { seq: '7' },
  },
  {
    name: 'two entries swapped',
    sqlite: `UPDATE kepu_audit SET seq = CASE seq WHEN 2 THEN -3 ELSE -2 END WHERE seq IN (2, 3);
             UPDATE kepu_audit SET seq = -seq WHERE seq < 0`,
    postgres: `UPDATE $S.kepu_audit SET seq = CASE seq WHEN 2 THEN -3 ELSE -2 END WHERE namespace = $N AND seq IN (2, 3);
               UPDATE $S.kepu_audit SET seq = -seq WHERE namespace = $N AND seq < 0`,
    names: { seq: '2' },
  },
  {
    name: 'a record’s status edited (an approved report shown as still submitted)',
    sqlite: `UPDATE kepu_records SET data = json_set(data, '$.status', 'submitted') WHERE kind = 'reports' AND id = '$REPORT'`,
    postgres: `UPDATE $S.kepu_records SET data = jsonb_set(data::jsonb, '{status}', '"submitted"')::json WHERE namespace = $N AND kind = 'reports' AND id = '$REPORT'`,
    names: { record: ['reports', '$REPORT'] },
  },
  {
    name: 'a record deleted',
    sqlite: `DELETE FROM kepu_records WHERE kind = 'reports' AND id = '$REPORT'`,
    postgres: `DELETE FROM $S.kepu_records WHERE namespace = $N AND kind = 'reports' AND id = '$REPORT'`,
    names: { record: ['reports', '$REPORT'] },
  },
];

async function expectRefusedOnLoad(store: KepuStore, damage: Damage, report: string) {
  const error = await createEngine({ plans: [zhengningPlan], store, watch: false }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKepuError(error), `loading after “${damage.name}” must fail`).toBe(true);
  if (!isKepuError(error)) return;
  expect(error.code).toBe('audit-broken');
  if ('seq' in damage.names) expect(error.issues[0]?.params.seq).toBe(damage.names.seq);
  else expect(error.path).toEqual(['store', ...damage.names.record.map((x) => x.replace('$REPORT', report))]);
}

describe('bad data at rest: SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kepu-bad-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [i, damage] of damages.entries()) {
    it(`${damage.name} is caught when an engine loads the file`, async () => {
      const filename = join(dir, `county-${i}.db`);
      const store = createSqliteStore({ filename });
      const report = await fillWithWork(store);
      store.dispose();
      const db = new Database(filename);
      db.exec(damage.sqlite.replaceAll('$REPORT', report));
      db.close();
      const again = createSqliteStore({ filename });
      await expectRefusedOnLoad(again, damage, report);
      again.dispose();
    });
  }
});

describe('bad data at rest: PostgreSQL', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await freshPostgresSchema('kbad');
    const store = createPostgresStore({ connectionString: schema.url, schema: schema.name });
    await store.migrate();
    await store.dispose();
  });
  afterAll(async () => {
    await schema?.drop();
  });

  for (const [i, damage] of damages.entries()) {
    it(`${damage.name} is caught when an engine loads the namespace`, async () => {
      const namespace = `county-${i}`;
      const store = createPostgresStore({ connectionString: schema.url, schema: schema.name, namespace });
      const report = await fillWithWork(store);
      await store.dispose();
      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      await client.query(
        damage.postgres
          .replaceAll('$S', `"${schema.name}"`)
          .replaceAll('$N', `'${namespace}'`)
          .replaceAll('$REPORT', report),
      );
      await client.end();
      const again = createPostgresStore({ connectionString: schema.url, schema: schema.name, namespace });
      await expectRefusedOnLoad(again, damage, report);
      // The damage stays in its own namespace: a neighbour county still loads.
      const neighbour = createPostgresStore({
        connectionString: schema.url,
        schema: schema.name,
        namespace: `${namespace}-neighbour`,
      });
      await fillWithWork(neighbour);
      const engine = await createEngine({ plans: [zhengningPlan], store: neighbour, watch: false });
      expect(Object.keys(engine.getSnapshot().reports)).toHaveLength(3);
      await engine.dispose();
      await neighbour.dispose();
      await again.dispose();
    });
  }
});
