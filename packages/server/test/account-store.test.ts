import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKepuError } from '@kepu/core';
import { freshPostgresSchema, type TestSchema, testPostgresUrl } from '@kepu/test-utils/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccountStore,
  createPostgresAccountStore,
  createSqliteAccountStore,
  type StoredUser,
} from '../src/index.js';

/**
 * One contract, every account store: what `createAccounts` relies on (a taken username refused,
 * a revoked key stays revoked, an idempotency key begun once, the audit in order) holds on
 * SQLite and on a real PostgreSQL server alike.
 */
const user = (id: string, username: string, extra: Partial<StoredUser> = {}): StoredUser => ({
  id,
  username,
  passwordHash: `scrypt$hash-of-${id}`,
  bindings: [{ role: 'reporter', unit: 'education' }],
  failedLogins: 0,
  createdAt: '2026-01-05T01:00:00.000Z',
  ...extra,
});

function contract(name: string, open: () => Promise<AccountStore> | AccountStore) {
  describe(`account store contract: ${name}`, () => {
    let store: AccountStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.dispose();
    });

    it('keeps users, refuses a taken username, and returns optional fields only when set', async () => {
      expect(await store.countUsers()).toBe(0);
      expect(await store.createUser(user('u1', 'chen.jing', { name: '陈静' }))).toBe(true);
      expect(await store.createUser(user('u2', 'chen.jing'))).toBe(false);
      expect(await store.createUser(user('u3', 'li.ming', { lockedUntil: '2026-01-05T02:00:00.000Z' }))).toBe(true);
      expect(await store.countUsers()).toBe(2);
      expect(await store.findUser('u1')).toEqual(user('u1', 'chen.jing', { name: '陈静' }));
      const li = await store.findUserByName('li.ming');
      expect(li?.lockedUntil).toBe('2026-01-05T02:00:00.000Z');
      expect(li && 'name' in li).toBe(false);
      expect(await store.findUser('nobody')).toBeUndefined();
      expect((await store.listUsers()).map((u) => u.username)).toEqual(['chen.jing', 'li.ming']);
    });

    it('changes bindings and the sign-in state of one user only', async () => {
      await store.setBindings('u1', [{ role: 'lead-reviewer', unit: 'science-association', plan: 'p' }]);
      await store.setLoginState('u1', { failedLogins: 3, lockedUntil: '2026-01-05T03:00:00.000Z' });
      const u1 = await store.findUser('u1');
      expect(u1?.bindings).toEqual([{ role: 'lead-reviewer', unit: 'science-association', plan: 'p' }]);
      expect(u1?.failedLogins).toBe(3);
      await store.setLoginState('u1', { failedLogins: 0 });
      expect((await store.findUser('u1'))?.lockedUntil).toBeUndefined();
      expect((await store.findUser('u3'))?.bindings).toEqual([{ role: 'reporter', unit: 'education' }]);
    });

    it('finds, deletes one, and deletes all sessions of a user', async () => {
      const session = (token: string, userId: string) => ({
        tokenHash: token,
        csrfHash: `csrf-${token}`,
        userId,
        createdAt: '2026-01-05T01:00:00.000Z',
        expiresAt: '2026-01-05T09:00:00.000Z',
      });
      await store.createSession(session('t1', 'u1'));
      await store.createSession(session('t2', 'u1'));
      await store.createSession(session('t3', 'u3'));
      expect(await store.findSession('t1')).toEqual(session('t1', 'u1'));
      await store.deleteSession('t1');
      expect(await store.findSession('t1')).toBeUndefined();
      await store.deleteSessionsOf('u1');
      expect(await store.findSession('t2')).toBeUndefined();
      expect(await store.findSession('t3')).toEqual(session('t3', 'u3'));
    });

    it('revokes an API key once; a revoked key keeps its revocation time', async () => {
      const key = {
        id: 'k1',
        keyHash: 'h1',
        userId: 'u1',
        label: '报表系统',
        scopes: ['read', 'write'] as const,
        createdAt: '2026-01-05T01:00:00.000Z',
      };
      await store.createApiKey(key);
      expect(await store.findApiKey('h1')).toEqual(key);
      expect(await store.revokeApiKey('k1', '2026-01-06T00:00:00.000Z')).toBe(true);
      expect(await store.revokeApiKey('k1', '2026-01-07T00:00:00.000Z')).toBe(false);
      expect((await store.findApiKey('h1'))?.revokedAt).toBe('2026-01-06T00:00:00.000Z');
      expect(await store.revokeApiKey('no-such-key', '2026-01-06T00:00:00.000Z')).toBe(false);
    });

    it('begins an idempotency key once, finishes it, and drops only a pending one', async () => {
      const record = {
        owner: 'u1',
        key: 'idem-1',
        fingerprint: 'f',
        headSeq: 41,
        createdAt: '2026-01-05T01:00:00.000Z',
      };
      expect(await store.beginIdempotent(record)).toBe(true);
      expect(await store.beginIdempotent({ ...record, fingerprint: 'other' })).toBe(false);
      expect(await store.getIdempotent('u1', 'idem-1')).toEqual(record);
      // Another owner's identical key is a different record.
      expect(await store.beginIdempotent({ ...record, owner: 'u3' })).toBe(true);
      await store.finishIdempotent('u1', 'idem-1', { status: 201, body: { version: 7, target: { id: 'rpt-1' } } });
      await store.dropIdempotent('u1', 'idem-1');
      expect((await store.getIdempotent('u1', 'idem-1'))?.response).toEqual({
        status: 201,
        body: { version: 7, target: { id: 'rpt-1' } },
      });
      await store.dropIdempotent('u3', 'idem-1');
      expect(await store.getIdempotent('u3', 'idem-1')).toBeUndefined();
    });

    it('keeps the accounts audit in order and reads it after a position, with a limit', async () => {
      const events = ['login', 'login-failed', 'lockout', 'api-key-created'] as const;
      for (const [i, event] of events.entries()) {
        await store.appendAudit({
          at: `2026-01-05T01:00:0${i}.000Z`,
          event,
          subject: 'u1',
          ...(i === 0 ? { ip: '10.0.0.7', detail: { method: 'password' } } : {}),
        });
      }
      const all = await store.readAudit();
      expect(all.map((e) => e.event)).toEqual(events);
      expect(all[0]).toMatchObject({ ip: '10.0.0.7', detail: { method: 'password' } });
      expect('actor' in (all[1] as object)).toBe(false);
      const seqs = all.map((e) => e.seq as number);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const after = await store.readAudit({ after: seqs[1] as number, limit: 1 });
      expect(after.map((e) => e.event)).toEqual(['lockout']);
    });
  });
}

let folder: string;
contract('SQLite file', () => {
  folder = mkdtempSync(join(tmpdir(), 'kepu-accounts-'));
  return createSqliteAccountStore({ filename: join(folder, 'county.db') });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let pgSchema: TestSchema;
contract('PostgreSQL', async () => {
  pgSchema = await freshPostgresSchema('acct');
  return createPostgresAccountStore({ connectionString: pgSchema.url, schema: pgSchema.name, namespace: 'zhengning' });
});

describe('PostgreSQL account store: namespaces and bad settings', () => {
  afterAll(async () => {
    await pgSchema?.drop();
  });

  it('keeps two counties in one schema apart: same username, separate users, sessions and audits', async () => {
    const schema = await freshPostgresSchema('acns');
    const a = createPostgresAccountStore({ connectionString: schema.url, schema: schema.name, namespace: 'county-a' });
    const b = createPostgresAccountStore({ connectionString: schema.url, schema: schema.name, namespace: 'county-b' });
    try {
      expect(await a.createUser(user('u1', 'admin'))).toBe(true);
      expect(await b.createUser(user('u1', 'admin', { passwordHash: 'scrypt$b' }))).toBe(true);
      await a.createSession({ tokenHash: 't', csrfHash: 'c', userId: 'u1', createdAt: 'x', expiresAt: 'y' });
      await a.appendAudit({ at: '2026-01-05T01:00:00.000Z', event: 'setup' });
      expect((await b.findUser('u1'))?.passwordHash).toBe('scrypt$b');
      expect(await b.findSession('t')).toBeUndefined();
      expect(await b.readAudit()).toEqual([]);
      expect(await a.countUsers()).toBe(1);
    } finally {
      await a.dispose();
      await b.dispose();
      await schema.drop();
    }
  });

  it('refuses a namespace that is not one, and an unusable schema name, with typed errors', () => {
    const url = testPostgresUrl();
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return isKepuError(error) ? error.issues[0]?.code : `untyped: ${String(error)}`;
      }
      return 'accepted';
    };
    expect(refused(() => createPostgresAccountStore({ connectionString: url, namespace: 'Zhengning ' }))).toBe(
      'invalid-namespace',
    );
    expect(refused(() => createPostgresAccountStore({ connectionString: url, schema: 'kepu; drop' }))).toBe(
      'store-failure',
    );
  });

  it('reports an unreachable server as a typed store failure, not a driver error', async () => {
    const store = createPostgresAccountStore({
      connectionString: 'postgres://nobody:wrong@127.0.0.1:1/none',
      namespace: 'zhengning',
    });
    try {
      const error = await Promise.resolve(store.countUsers()).catch((e: unknown) => e);
      expect(isKepuError(error) && error.issues[0]?.code).toBe('store-failure');
    } finally {
      await store.dispose();
    }
  });
});
