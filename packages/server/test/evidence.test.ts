import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../src/index.js';
import { client, fileForm, filesUnder, type Harness, PASSWORD, pdfBytes, startHarness, submitBody } from './harness.js';
import { zipOf } from './zip.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
interface Upload {
  name: string;
  type: string;
  size: number;
  sha256: string;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Submits a report for `period` as the education reporter; answers its id. */
async function submitted(period: string): Promise<string> {
  const reporter = await h.as('reporter');
  const response = await reporter.request('POST', '/api/commands/submit-report', {
    ...submitBody(h.engine.getSnapshot().version),
    period,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { target: { id: string } }).target.id;
}

async function upload(role: Parameters<Harness['as']>[0], bytes: Uint8Array, name: string): Promise<Response> {
  return (await h.as(role)).request('POST', '/api/evidence', fileForm(bytes, name));
}

async function attachToReport(report: string, file: Upload): Promise<Response> {
  const reporter = await h.as('reporter');
  return reporter.request('POST', '/api/commands/attach-report-evidence', {
    type: 'attach-report-evidence',
    baseVersion: h.engine.getSnapshot().version,
    report,
    file,
  });
}

describe('evidence files over HTTP', () => {
  it('upload → attach → download gives the same bytes and hash, and the audit entry carries the hash', async () => {
    const report = await submitted('2022');
    const bytes = pdfBytes('round trip');
    const uploaded = await upload('reporter', bytes, '2022年科普日签到表.pdf');
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as Upload;
    expect(file).toEqual({
      name: '2022年科普日签到表.pdf',
      type: 'application/pdf',
      size: bytes.byteLength,
      sha256: sha256(bytes),
    });
    // Content-addressed: <root>/ab/cdef…
    expect(filesUnder(h.evidenceRoot)).toContain(join(file.sha256.slice(0, 2), file.sha256.slice(2)));

    const attached = await attachToReport(report, file);
    expect(attached.status).toBe(201);
    const { seq } = (await attached.json()) as { seq: number };
    const [entry] = await h.engine.store.readAudit({ after: seq - 1, limit: 1 });
    expect(entry?.outcome).toBe('accepted');
    expect(entry?.command).toMatchObject({ type: 'attach-report-evidence', file: { sha256: file.sha256 } });

    // The task's lead reviewer (another unit) may read the report, so may download the file.
    const reviewer = await h.as('lead-reviewer');
    const download = await reviewer.request('GET', `/api/evidence/${file.sha256}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="2022_______.pdf"; filename*=UTF-8''${encodeURIComponent('2022年科普日签到表.pdf')}`,
    );
    const got = new Uint8Array(await download.arrayBuffer());
    expect(sha256(got)).toBe(file.sha256);
    expect(Buffer.from(got).equals(Buffer.from(bytes))).toBe(true);
    // The records with their attachments are what the audit log replays to.
    const verify = await reviewer.request('GET', '/api/audit/verify');
    expect(((await verify.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('stores identical content once', async () => {
    const bytes = pdfBytes('twice');
    const first = (await (await upload('reporter', bytes, 'a.pdf')).json()) as Upload;
    const before = filesUnder(h.evidenceRoot);
    const second = (await (await upload('plan-office', bytes, 'b.pdf')).json()) as Upload;
    expect(second.sha256).toBe(first.sha256);
    expect(filesUnder(h.evidenceRoot)).toEqual(before);
  });

  it('gives no bytes to whom may not read the report: 404, as for a file that does not exist', async () => {
    const report = await submitted('2023');
    const file = (await (await upload('reporter', pdfBytes('private'), 'p.pdf')).json()) as Upload;
    expect((await attachToReport(report, file)).status).toBe(201);
    const admin = client(h.url);
    await admin.login('admin');
    const created = await admin.request('POST', '/api/accounts', {
      username: 'cast.reporter',
      password: PASSWORD,
      bindings: [{ role: 'reporter', unit: 'cast' }],
    });
    expect(created.status).toBe(201);
    const other = client(h.url);
    await other.login('cast.reporter');
    for (const c of [other, await h.as('observer')]) {
      const response = await c.request('GET', `/api/evidence/${file.sha256}`);
      expect(response.status).toBe(404);
      const problem = ProblemSchema.parse(await response.json());
      expect(problem.code).toBe('evidence-not-found');
      expect(problem.message.zh).toMatch(/无权查看/);
    }
    // Unattached uploads are nobody's to download, the uploader's included.
    const loose = (await (await upload('reporter', pdfBytes('loose'), 'l.pdf')).json()) as Upload;
    expect((await (await h.as('reporter')).request('GET', `/api/evidence/${loose.sha256}`)).status).toBe(404);
    expect((await fetch(`${h.url}/api/evidence/${file.sha256}`)).status).toBe(401);
  });

  it('refuses a file whose content is not an accepted type, whatever its name and declared type, writing nothing', async () => {
    const before = filesUnder(h.evidenceRoot);
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    const reporter = await h.as('reporter');
    const response = await reporter.request('POST', '/api/evidence', fileForm(exe, '总结.pdf', 'application/pdf'));
    expect(response.status).toBe(415);
    const problem = ProblemSchema.parse(await response.json());
    expect(problem.code).toBe('evidence-type-refused');
    expect(problem.message.en).toContain('application/pdf');
    // A ZIP that is not a Word or Excel file is refused too.
    const zip = zipOf({ 'notes.txt': 'hello' });
    expect((await upload('reporter', zip, 'x.docx')).status).toBe(415);
    expect(filesUnder(h.evidenceRoot)).toEqual(before);
  });

  it('accepts a .docx read from its content, and a finding’s file is readable by every role', async () => {
    const assessor = await h.as('assessor');
    const recorded = await assessor.request('POST', '/api/commands/record-finding', {
      type: 'record-finding',
      baseVersion: h.engine.getSnapshot().version,
      unit: 'education',
      period: '2024',
      text: '活动台账不完整。',
    });
    expect(recorded.status).toBe(201);
    const finding = ((await recorded.json()) as { target: { id: string } }).target.id;
    const docx = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const file = (await (await upload('assessor', docx, '督查记录.docx')).json()) as Upload;
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const attached = await assessor.request('POST', '/api/commands/attach-finding-evidence', {
      type: 'attach-finding-evidence',
      baseVersion: h.engine.getSnapshot().version,
      finding,
      file,
    });
    expect(attached.status).toBe(201);
    const download = await (await h.as('observer')).request('GET', `/api/evidence/${file.sha256}`);
    expect(download.status).toBe(200);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(file.sha256);
  });

  it('refuses to attach a file that was never uploaded, or with another size or type, changing nothing', async () => {
    const report = await submitted('2025');
    const file = (await (await upload('reporter', pdfBytes('attach checks'), 'c.pdf')).json()) as Upload;
    const head = h.engine.getHead();
    const cases: Array<[Upload, string, Array<string>]> = [
      [{ ...file, sha256: 'f'.repeat(64) }, 'evidence-missing', ['file', 'sha256']],
      [{ ...file, size: file.size + 1 }, 'evidence-mismatch', ['file', 'size']],
      [{ ...file, type: 'image/png' }, 'evidence-mismatch', ['file', 'type']],
    ];
    for (const [bad, code, path] of cases) {
      const response = await attachToReport(report, bad);
      expect(response.status).toBe(422);
      const problem = ProblemSchema.parse(await response.json());
      expect([problem.code, problem.path]).toEqual([code, path]);
    }
    // Refused before the engine: not even an audit entry.
    expect(h.engine.getHead()).toEqual(head);
  });

  it('refuses to serve a file changed on disk', async () => {
    const report = await submitted('2024');
    const bytes = pdfBytes('tamper');
    const file = (await (await upload('reporter', bytes, 't.pdf')).json()) as Upload;
    expect((await attachToReport(report, file)).status).toBe(201);
    const onDisk = join(h.evidenceRoot, file.sha256.slice(0, 2), file.sha256.slice(2));
    const changed = Buffer.from(readFileSync(onDisk));
    changed[changed.length - 2] = 0x21;
    writeFileSync(onDisk, changed);
    const response = await (await h.as('plan-office')).request('GET', `/api/evidence/${file.sha256}`);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(ProblemSchema.parse(await response.json()).code).toBe('evidence-corrupt');
  });

  it('refuses an upload without credentials with 401, writing nothing', async () => {
    const before = filesUnder(h.evidenceRoot);
    const response = await fetch(`${h.url}/api/evidence`, {
      method: 'POST',
      body: fileForm(pdfBytes('anon'), 'a.pdf'),
    });
    expect(response.status).toBe(401);
    expect(ProblemSchema.parse(await response.json()).code).toBe('unauthenticated');
    expect(filesUnder(h.evidenceRoot)).toEqual(before);
  });

  it('refuses an upload without a file field', async () => {
    const form = new FormData();
    form.append('other', 'x');
    const response = await (await h.as('reporter')).request('POST', '/api/evidence', form);
    expect(response.status).toBe(422);
    expect(ProblemSchema.parse(await response.json())).toMatchObject({ code: 'evidence-no-file', path: ['file'] });
  });
});

describe('the evidence size limit', () => {
  let small: Harness;
  beforeAll(async () => {
    small = await startHarness({}, { evidence: { maxBytes: 1_000 } });
  });
  afterAll(async () => {
    await small.close();
  });

  it('refuses a file above the configured limit with 413, writing nothing; one at the limit is stored', async () => {
    const reporter = await small.as('reporter');
    const big = new Uint8Array(1_001).fill(0x20);
    big.set(pdfBytes('big').subarray(0, 9));
    const refused = await reporter.request('POST', '/api/evidence', fileForm(big, 'big.pdf'));
    expect(refused.status).toBe(413);
    const problem = ProblemSchema.parse(await refused.json());
    expect(problem.code).toBe('evidence-too-large');
    expect(problem.message.zh).toContain('1000');
    expect(filesUnder(small.evidenceRoot)).toEqual([]);
    const fits = await reporter.request('POST', '/api/evidence', fileForm(big.subarray(0, 1_000), 'fits.pdf'));
    expect(fits.status).toBe(201);
  });

  it('refuses a streamed body (no Content-Length) once it passes the limit, writing nothing', async () => {
    const reporter = await small.as('reporter');
    const huge = new Uint8Array(200_000);
    huge.set(pdfBytes('streamed').subarray(0, 9));
    const encoded = new Response(fileForm(huge, 'streamed.pdf'));
    const type = encoded.headers.get('content-type') ?? '';
    const body = new Uint8Array(await encoded.arrayBuffer());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 16_384) controller.enqueue(body.subarray(i, i + 16_384));
        controller.close();
      },
    });
    const before = filesUnder(small.evidenceRoot);
    const refused = await reporter.request('POST', '/api/evidence', undefined, { 'content-type': type }, stream);
    expect(refused.status).toBe(413);
    expect(ProblemSchema.parse(await refused.json()).code).toBe('evidence-too-large');
    expect(filesUnder(small.evidenceRoot)).toEqual(before);
  });

  it('refuses a request body far above the limit before reading it', async () => {
    const reporter = await small.as('reporter');
    const huge = new Uint8Array(200_000);
    huge.set(pdfBytes('huge').subarray(0, 9));
    const before = filesUnder(small.evidenceRoot);
    const refused = await reporter.request('POST', '/api/evidence', fileForm(huge, 'huge.pdf'));
    expect(refused.status).toBe(413);
    expect(ProblemSchema.parse(await refused.json()).code).toBe('evidence-too-large');
    expect(filesUnder(small.evidenceRoot)).toEqual(before);
  });
});
