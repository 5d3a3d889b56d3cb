/**
 * `kepu serve` under a county's load: 25 readers polling the dashboard's queries and 25 reporters
 * filing reports at once, on SQLite and on PostgreSQL, for KEPU_BENCH_SECONDS (default 60).
 *
 * The server is the real one, started as a child process the way a county starts it (`kepu serve
 * --init`), on a fresh database; the clients speak HTTP to it with API keys, as machine clients
 * do. A reporter files a report on one of its unit's tasks, withdraws it, and files the next, so
 * every report is a commit of its own (two commits a cycle) and the load can run for as long as
 * asked. Readers rotate over the review queue, reports by status, overdue reports, the targets
 * and the head.
 *
 * For each database it prints reads/s, committed reports/s and commits/s, p50 and p99 latency of
 * each kind, every response that was not the expected one (goal: none), whether the audit log
 * verifies afterwards, and, as the baseline of the same run, the same 50 clients on `/healthz`
 * (what this machine's HTTP stack does with no Kepu work): the ratio says how much of the
 * server's capacity the queries and commits use. Goals (issue: ≥ 1,000 reads/s and ≥ 200
 * committed reports/s on SQLite, p99 < 100 ms) are absolute, so they are printed as met or not
 * together with the load average: on a shared 2-core machine the client and the server compete.
 *
 *   pnpm exec tsx bench/server-load.bench.ts       (KEPU_BENCH_SECONDS=10 for a quick look;
 *   KEPU_BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server)
 *
 * Not a test: nothing here asserts a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportsOnTask } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { testPostgresUrl } from '@kepu/test-utils/postgres';
import { startKepuServe } from '@kepu/test-utils/serve-process';
import pg from 'pg';

const SECONDS = Number(process.env.KEPU_BENCH_SECONDS ?? 60);
const BASELINE_SECONDS = Math.min(10, SECONDS);
const CLIENTS = 25;
const PASSWORD = 'bench admin password, long enough';
const PERIODS = ['2022', '2023', '2024', '2025'];

/** `kepu serve` from source; KEPU_BENCH_SERVER_FLAGS: Node flags for the server alone, e.g. "--cpu-prof". */
const startServer = (args: string[], cwd: string) =>
  startKepuServe({
    args,
    cwd,
    env: { KEPU_ADMIN_PASSWORD: PASSWORD },
    nodeFlags: process.env.KEPU_BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [],
  });

/** JSON over HTTP; throws on an unexpected status. */
async function call(url: string, init: RequestInit & { expect?: number } = {}): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (response.status !== (init.expect ?? 200))
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The administrator's session, one account per unit (reporters) and as many observers, each with an API key. */
async function accountsFor(url: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const adminHeaders = {
    'content-type': 'application/json',
    'x-csrf-token': csrfToken,
    cookie: login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
  const units = zhengningPlan.orgUnits.filter((u) => u.kind !== 'group');
  const keyOf = async (username: string, bindings: unknown[], scopes: string[]) => {
    await call(`${url}/api/accounts`, {
      method: 'POST',
      headers: adminHeaders,
      body: JSON.stringify({ username, password: PASSWORD, bindings }),
      expect: 201,
    });
    const session = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
    const created = (await call(`${url}/api/api-keys`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': csrf,
        cookie: session.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      },
      body: JSON.stringify({ label: 'bench', scopes }),
      expect: 201,
    })) as { key: string };
    return created.key;
  };
  // One machine account acting for every unit (\`Kepu-Act-As\` picks the binding of a request):
  // sign-in is rate-limited per address, so 50 accounts could not all sign in from one client.
  const reporters: Array<{ headers: Record<string, string>; slots: Array<{ task: string; period: string }> }> = [];
  const bindings: unknown[] = [{ role: 'observer' }];
  const slotsOf = new Map<string, Array<{ task: string; period: string }>>();
  for (const unit of units) {
    const tasks = zhengningPlan.parts
      .flatMap((part) => part.sections.flatMap((section) => section.tasks))
      .filter((task) => reportsOnTask(zhengningPlan, unit.id, task.path))
      .map((task) => task.path);
    if (tasks.length === 0 || slotsOf.size === CLIENTS) continue;
    slotsOf.set(
      unit.id,
      tasks.flatMap((task) => PERIODS.map((period) => ({ task, period }))),
    );
    bindings.push({ role: 'reporter', unit: unit.id });
  }
  const key = await keyOf('bench', bindings, ['read', 'write']);
  for (const [unit, slots] of slotsOf) {
    reporters.push({ headers: { authorization: `Bearer ${key}`, 'kepu-act-as': `reporter:${unit}` }, slots });
  }
  const readers = Array.from({ length: CLIENTS }, () => ({
    authorization: `Bearer ${key}`,
    'kepu-act-as': 'observer',
  }));
  return { adminHeaders, reporters, readers };
}

class Latencies {
  readonly ms: number[] = [];
  errors = 0;
  readonly samples: string[] = [];
  fail(what: string) {
    this.errors++;
    if (this.samples.length < 3) this.samples.push(what.slice(0, 300));
  }
  pct(p: number): number {
    if (this.ms.length === 0) return Number.NaN;
    const sorted = [...this.ms].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
  }
}

async function timed(stats: Latencies, run: () => Promise<Response>, expect: number): Promise<Response | undefined> {
  const t = performance.now();
  try {
    const response = await run();
    if (response.status !== expect) {
      stats.fail(`${response.status} ${await response.text()}`);
      return undefined;
    }
    stats.ms.push(performance.now() - t);
    return response;
  } catch (error) {
    stats.fail(String(error));
    return undefined;
  }
}

/** `clients` loops calling `step` until `seconds` have passed. */
async function load(seconds: number, loops: Array<() => Promise<void>>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    loops.map(async (step) => {
      while (performance.now() < end) await step();
    }),
  );
  return (performance.now() - start) / 1000;
}

async function run(label: string, args: string[], cwd: string) {
  const server = await startServer([...args, '--init'], cwd);
  try {
    const { url } = server;
    const { adminHeaders, reporters, readers } = await accountsFor(url);

    // The baseline: the same number of clients on the cheapest endpoint.
    const health = new Latencies();
    const healthLoops = [...readers, ...reporters].map(() => async () => {
      const r = await timed(health, () => fetch(`${url}/healthz`), 200);
      await r?.arrayBuffer();
    });
    const healthSeconds = await load(BASELINE_SECONDS, healthLoops);

    const reads = new Latencies();
    const writes = new Latencies();
    let reports = 0;
    let commits = 0;
    const queries = [
      '/api/review-queue',
      '/api/reports?status=submitted',
      '/api/overdue-reports',
      `/api/plans/${zhengningPlan.id}/targets`,
      '/api/head',
    ];
    const readerLoops = readers.map((headers, i) => {
      let n = i;
      return async () => {
        const path = queries[n++ % queries.length] as string;
        const r = await timed(reads, () => fetch(url + path, { headers }), 200);
        await r?.arrayBuffer();
      };
    });
    const writerLoops = reporters.map(({ headers: who, slots }) => {
      let n = 0;
      const headers = { ...who, 'content-type': 'application/json' };
      return async () => {
        const slot = slots[n++ % slots.length] as { task: string; period: string };
        const body = { type: 'submit-report', baseVersion: 0, ...slot, narrative: `第 ${n} 次报送：开展科普活动。` };
        const filed = await timed(
          writes,
          () => fetch(`${url}/api/commands/submit-report`, { method: 'POST', headers, body: JSON.stringify(body) }),
          201,
        );
        if (!filed) return;
        const outcome = (await filed.json()) as { version: number; target: { id: string } };
        reports++;
        commits++;
        const withdrawn = await timed(
          writes,
          () =>
            fetch(`${url}/api/commands/withdraw-report`, {
              method: 'POST',
              headers,
              body: JSON.stringify({
                type: 'withdraw-report',
                report: outcome.target.id,
                baseVersion: outcome.version,
              }),
            }),
          201,
        );
        if (withdrawn) {
          commits++;
          await withdrawn.arrayBuffer();
        }
      };
    });
    const load0 = loadavg()[0] as number;
    const seconds = await load(SECONDS, [...readerLoops, ...writerLoops]);
    const load1 = loadavg()[0] as number;
    const verified = (await call(`${url}/api/audit/verify`, { headers: adminHeaders })) as { ok: boolean };

    const readRate = reads.ms.length / seconds;
    const reportRate = reports / seconds;
    const healthRate = health.ms.length / healthSeconds;
    const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
    console.log(`\n${label}: ${readers.length} readers + ${reporters.length} reporters for ${seconds.toFixed(0)} s`);
    console.log(
      `  baseline /healthz      ${healthRate.toFixed(0).padStart(6)} req/s   p50 ${f(health.pct(50))} ms  p99 ${f(health.pct(99))} ms`,
    );
    console.log(
      `  reads                  ${readRate.toFixed(0).padStart(6)} /s      p50 ${f(reads.pct(50))} ms  p99 ${f(reads.pct(99))} ms   (${(readRate / healthRate).toFixed(2)} of the baseline's rate, which the writers share)`,
    );
    console.log(
      `  reports committed      ${reportRate.toFixed(0).padStart(6)} /s      (${(commits / seconds).toFixed(0)} commits/s) p50 ${f(writes.pct(50))} ms  p99 ${f(writes.pct(99))} ms`,
    );
    console.log(`  unexpected responses   reads ${reads.errors}, writes ${writes.errors}, baseline ${health.errors}`);
    for (const sample of [...reads.samples, ...writes.samples]) console.log(`    e.g. ${sample}`);
    console.log(`  audit log verifies afterwards: ${verified.ok ? 'yes' : 'NO'}`);
    console.log(
      `  load average during the run: ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`,
    );
    const goal = (ok: boolean) => (ok ? 'met' : 'NOT MET');
    console.log(
      `  goals: ≥ 1,000 reads/s ${goal(readRate >= 1000)}; ≥ 200 reports/s ${goal(reportRate >= 200)}; p99 < 100 ms ${goal(reads.pct(99) < 100 && writes.pct(99) < 100)}; 0 errors ${goal(reads.errors + writes.errors === 0)}`,
    );
  } finally {
    await server.stop();
  }
}

console.log(`kepu serve under load — Node ${process.version}, ${SECONDS} s per database`);
const folder = mkdtempSync(join(tmpdir(), 'kepu-server-load-'));
const namespace = `bench-${Date.now().toString(36)}`;
const url = testPostgresUrl();
try {
  await run('SQLite (.kepu/kepu.db)', [], folder);
  await run('PostgreSQL', ['--db', url, '--namespace', namespace], folder);
} finally {
  rmSync(folder, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tables = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'kepu' AND column_name = 'namespace'`,
  );
  for (const { table_name } of tables.rows) {
    await client.query(`DELETE FROM kepu."${table_name}" WHERE namespace = $1`, [namespace]);
  }
  await client.end();
}
