import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine, type EngineRole } from '@kepu/core';
import { zhengning } from '@kepu/plan-zhengning';
import { createSqliteStore } from '@kepu/store-sqlite';
import {
  type AccountsOptions,
  createAccounts,
  createDiskEvidenceStore,
  createSqliteAccountStore,
  type EvidenceOptions,
  type RoleBinding,
  type RunningServer,
  type ServerOptions,
  serve,
} from '../src/index.js';

/** Cheap scrypt for tests only: the cost is stored in each hash, so the code path is the real one. */
export const TEST_COST = { N: 2 ** 12, r: 8, p: 1 };
export const PASSWORD = 'a long test password';

/** One person per role, bound so that task 3.1.1 (led by education and youth-league) works end to end. */
export const PEOPLE: Readonly<Record<EngineRole, RoleBinding>> = {
  reporter: { role: 'reporter', unit: 'education' },
  'lead-reviewer': { role: 'lead-reviewer', unit: 'youth-league' },
  'plan-office': { role: 'plan-office' },
  assessor: { role: 'assessor' },
  observer: { role: 'observer' },
};

/** A client with its own cookie jar, speaking to the server over real HTTP. */
export interface Client {
  csrf?: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    /** A raw body to stream instead (sent without Content-Length). */
    stream?: ReadableStream<Uint8Array>,
  ): Promise<Response>;
  login(username: string, password?: string): Promise<Response>;
}

export function client(base: string): Client {
  const jar = new Map<string, string>();
  const self: Client = {
    async request(method, path, body, headers = {}, stream) {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      // A FormData body (an upload) goes as multipart, with the boundary fetch chooses.
      const form = body instanceof FormData;
      const response = await fetch(base + path, {
        method,
        headers: {
          ...(body === undefined || form ? {} : { 'content-type': 'application/json' }),
          ...(cookie ? { cookie } : {}),
          ...(self.csrf && method !== 'GET' ? { 'x-csrf-token': self.csrf } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { body: form ? body : JSON.stringify(body) }),
        ...(stream === undefined ? {} : { body: stream, duplex: 'half' }),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, ...value] = (pair ?? '').split('=');
        if (name) jar.set(name.trim(), value.join('='));
      }
      return response;
    },
    async login(username, password = PASSWORD) {
      const response = await self.request('POST', '/api/auth/login', { username, password });
      if (response.ok) self.csrf = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
      return response;
    },
  };
  return self;
}

export interface Harness {
  readonly server: RunningServer;
  readonly engine: Engine;
  readonly accounts: ReturnType<typeof createAccounts>;
  readonly url: string;
  /** The folder the server keeps evidence files in. */
  readonly evidenceRoot: string;
  /** A signed-in client per role (username = role). */
  as(role: EngineRole): Promise<Client>;
  close(): Promise<void>;
}

/**
 * A server on a fresh SQLite file (engine and accounts in the same file), on 127.0.0.1 at a free
 * port, with the Zhengning plugin, an administrator `admin` and one account per role.
 */
export async function startHarness(
  options: Partial<AccountsOptions> = {},
  serverOptions: Partial<Pick<ServerOptions, 'events' | 'dashboard'>> & { evidence?: Partial<EvidenceOptions> } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'kepu-server-'));
  const filename = join(dir, 'kepu.db');
  const store = createSqliteStore({ filename });
  const engine = await createEngine({ plugins: [zhengning()], store, reporting: { cadence: 'annual' }, watch: false });
  const accountStore = createSqliteAccountStore({ filename });
  const accounts = createAccounts({ store: accountStore, passwordCost: TEST_COST, ...options });
  const admin = await accounts.createFirstAdmin({ username: 'admin', password: PASSWORD });
  const adminUser = await accountStore.findUser(admin.id);
  for (const [role, binding] of Object.entries(PEOPLE)) {
    await accounts.createUser(adminUser as never, { username: role, password: PASSWORD, bindings: [binding] });
  }
  const evidenceRoot = join(dir, 'evidence');
  const evidence = { store: createDiskEvidenceStore({ root: evidenceRoot }), ...serverOptions.evidence };
  const server = await serve({ engine, accounts, port: 0, host: '127.0.0.1', ...serverOptions, evidence });
  const clients = new Map<EngineRole, Client>();
  return {
    server,
    engine,
    accounts,
    url: server.url,
    evidenceRoot,
    async as(role) {
      let c = clients.get(role);
      if (!c) {
        c = client(server.url);
        const response = await c.login(role);
        if (!response.ok) throw new Error(`login of ${role} failed: ${response.status}`);
        clients.set(role, c);
      }
      return c;
    },
    async close() {
      await server.close();
      await engine.dispose();
      store.dispose();
      accountStore.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A submit-report command on task 3.1.1 for 2024, as the education reporter would send it. */
export const submitBody = (baseVersion: number, extra: Record<string, unknown> = {}) => ({
  type: 'submit-report',
  baseVersion,
  task: '3.1.1',
  period: '2024',
  narrative: '开展科学家精神进校园活动 12 场。',
  ...extra,
});

/** A small, well-formed PDF whose bytes differ by `text`. */
export const pdfBytes = (text: string) =>
  new TextEncoder().encode(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${text}\ntrailer <<>>\n%%EOF\n`);

/** A multipart body with `bytes` in the field `file`. */
export function fileForm(bytes: Uint8Array, name: string, type = 'application/octet-stream'): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return form;
}

/** Every file under a folder (temporary files included), as paths relative to it. */
export function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}
