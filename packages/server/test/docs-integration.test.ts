import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, PASSWORD, startHarness } from './harness.js';

// docs/server.md shows how to integrate from another language; this runs what it shows, as
// written, with curl and python3 against a live server. The commands run asynchronously: the
// server answers from this very process.
const run = promisify(execFile);
const guide = readFileSync(new URL('../../../docs/server.md', import.meta.url), 'utf8');

/** The fenced blocks of `lang` in the part of the guide under `heading`, up to the next heading. */
function blocks(heading: string, lang: string): string[] {
  const start = guide.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/server.md has no "${heading}"`);
  const rest = guide.slice(start + heading.length + 2);
  const next = rest.search(/\n#{2,3} /);
  const section = next < 0 ? rest : rest.slice(0, next);
  return [...section.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1] ?? '');
}

let h: Harness;
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  h = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'kepu-docs-'));
  env = { PATH: process.env.PATH, HOME: dir, KEPU: h.url, KEPU_USER: 'reporter', KEPU_PASSWORD: PASSWORD };
  // A scorecard for the guide to read.
  const assessor = await h.as('assessor');
  const ran = await assessor.request('POST', '/api/commands/run-assessment', {
    type: 'run-assessment',
    baseVersion: h.engine.getSnapshot().version,
    period: '2024',
  });
  expect(ran.status).toBe(201);
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('docs/server.md: integrating from another language', () => {
  const [session, follow] = blocks('### curl: a session, a command, the scorecard, live updates', 'sh');
  const [python] = blocks('### Python, with the standard library only', 'python');

  it('its curl session signs in, submits a report, makes a key, reads reports and the scorecard, and follows events', async () => {
    expect(session).toContain('/api/auth/login');
    expect(follow).toContain('/api/events');
    // The guide's commands, then one line handing the key it made to the next step.
    const script = `${session}\nprintf '\\nKEPU_KEY=%s\\n' "$KEPU_KEY"\n`;
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, env });
    const report = Object.values(h.engine.getSnapshot().reports).find((r) => r.period === '2024' && r.task === '3.1.1');
    expect(report?.revisions[0]?.submittedBy).toBe('reporter');
    expect(stdout).toContain(`"id":"${report?.id}"`);
    expect(stdout).toContain('"scorecard"');
    const key = /KEPU_KEY=(kpk_\S+)/.exec(stdout)?.[1];
    expect(key).toBeDefined();

    // Follow the events as the guide shows, while the lead reviewer approves the report.
    const curl = spawn('bash', ['-c', `exec ${follow?.trim()}`], { cwd: dir, env: { ...env, KEPU_KEY: key } });
    let seen = '';
    const waiting = new Set<() => void>();
    curl.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      for (const check of waiting) check();
    });
    const waitFor = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!seen.includes(text)) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        curl.once('exit', (code) => reject(new Error(`curl exited (${code}) before "${text}": ${seen}`)));
        check();
      });
    try {
      await waitFor('event: ready');
      const reviewer = await h.as('lead-reviewer');
      const approved = await reviewer.request('POST', '/api/commands/approve-report', {
        type: 'approve-report',
        baseVersion: h.engine.getSnapshot().version,
        report: report?.id,
      });
      expect(approved.status).toBe(201);
      await waitFor('event: report:approved');
      expect(seen).toContain(`"id":"${report?.id}"`);
    } finally {
      curl.kill();
    }
  });

  it('its Python example, standard library only, submits with an API key, prints the scorecard and a refusal', async () => {
    const reporter = await h.as('reporter');
    const created = await reporter.request('POST', '/api/api-keys', { label: 'python', scopes: ['read', 'write'] });
    const { key } = (await created.json()) as { key: string };
    const first = await run('python3', ['-c', python ?? ''], { cwd: dir, env: { ...env, KEPU_KEY: key } });
    const id = /^submitted (\S+) at version \d+$/m.exec(first.stdout)?.[1];
    expect(h.engine.getSnapshot().reports[id ?? '']).toMatchObject({
      period: '2023',
      task: '3.1.1',
      unit: 'education',
    });
    expect(first.stdout).toMatch(/^assessment 2024 run 1 scorecard: \{/m);
    // Run again: the state moved on, so the same idempotency key now comes with another body. It is
    // refused with a problem document the example prints, and nothing is committed.
    const version = h.engine.getSnapshot().version;
    const again = await run('python3', ['-c', python ?? ''], { cwd: dir, env: { ...env, KEPU_KEY: key } });
    expect(again.stdout).toMatch(/^refused 422 idempotency-mismatch \[\] 幂等键/m);
    expect(h.engine.getSnapshot().version).toBe(version);
  });
});
