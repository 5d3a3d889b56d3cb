import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, dashboardFolder } from '../src/index.js';
import { type Harness, startHarness } from './harness.js';

const INDEX = '<!doctype html><html lang="zh-CN"><script type="module" src="/assets/app-1a2b.js"></script></html>';
const APP = 'console.log("kepu");';

let h: Harness;
let plain: Harness;
let parent: string;
beforeAll(async () => {
  // The build sits in a folder beside a file it must never serve.
  parent = mkdtempSync(join(tmpdir(), 'kepu-dashboard-'));
  const dist = join(parent, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'app-1a2b.js'), APP);
  writeFileSync(join(dist, '.env'), 'SECRET=1');
  writeFileSync(join(parent, 'secret.txt'), 'not for the web');
  h = await startHarness({}, { dashboard: dashboardFolder(dist) });
  plain = await startHarness();
});
afterAll(async () => {
  await h.close();
  await plain.close();
  rmSync(parent, { recursive: true, force: true });
});

describe('the dashboard served at /', () => {
  it('serves index.html at / with a strict Content-Security-Policy and secure headers', async () => {
    const response = await fetch(`${h.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(INDEX);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(DASHBOARD_CSP);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('https:');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves hashed assets with their type, cached for good', async () => {
    const response = await fetch(`${h.url}/assets/app-1a2b.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe(APP);
  });

  it('never serves a file outside the build or a hidden one: 404 problem, with nothing of the file', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/.env',
      '/%2eenv',
      '/nope.js',
    ]) {
      const response = await fetch(`${h.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('application/problem+json');
      const body = await response.text();
      expect(body, path).not.toContain('not for the web');
      expect(body, path).not.toContain('SECRET');
    }
  });

  it('leaves /api to the API: an unknown API path is the API’s 404, the API itself still answers', async () => {
    const unknown = await fetch(`${h.url}/api/nope`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('not-found');
    expect((await fetch(`${h.url}/api/openapi.json`)).status).toBe(200);
    expect((await fetch(`${h.url}/api/head`)).status).toBe(401);
  });

  it('is not served when the server is given no dashboard', async () => {
    expect((await fetch(`${plain.url}/`)).status).toBe(404);
  });
});
