import { describe, expect, it } from 'vitest';
import { actors, sha } from './fixture.js';
import { act, expectDenied, setup, submit } from './helpers.js';

const photo = { name: '活动现场.jpg', type: 'image/jpeg', size: 2048, sha256: sha('e') };
const sheet = { name: '签到表.pdf', type: 'application/pdf', size: 4096, sha256: sha('f') };

describe('attach-report-evidence', () => {
  it('appends the file to the report with who attached it, and the audit entry carries its SHA-256', async () => {
    const { engine, store } = await setup();
    const id = await submit(engine);
    await act(engine, actors.eduReporter, {
      type: 'attach-report-evidence',
      report: id,
      file: photo,
      note: '现场照片',
    });
    await act(engine, actors.eduReviewer, { type: 'attach-report-evidence', report: id, file: sheet });
    const report = engine.getSnapshot().reports[id];
    expect(report?.attachments?.map((a) => [a.sha256, a.attachedBy, a.role, a.revision, a.note])).toEqual([
      [photo.sha256, 'edu.reporter', 'reporter', 1, '现场照片'],
      [sha('f'), 'edu.reviewer', 'lead-reviewer', 1, undefined],
    ]);
    // The revision the unit filed is unchanged: an attachment is its own audited step.
    expect(report?.revisions[0]?.evidence).toEqual([]);
    const entry = store.data.audit.at(-2);
    expect(entry?.outcome).toBe('accepted');
    expect(entry?.command).toMatchObject({ file: { sha256: photo.sha256 } });
    expect(report?.version).toBe(engine.getSnapshot().version);
    expect((await engine.verifyAudit()).ok).toBe(true);
  });

  it('refuses an approved report, another unit’s reporter, and an observer, changing nothing', async () => {
    const { engine, store } = await setup();
    const id = await submit(engine);
    const v = () => engine.getSnapshot().version;
    await expectDenied(engine, store, 'forbidden', () =>
      engine.execute(actors.castReporter, {
        type: 'attach-report-evidence',
        baseVersion: v(),
        report: id,
        file: photo,
      }),
    );
    await expectDenied(engine, store, 'forbidden', () =>
      engine.execute(actors.observer, { type: 'attach-report-evidence', baseVersion: v(), report: id, file: photo }),
    );
    await act(engine, actors.eduReviewer, { type: 'approve-report', report: id });
    await expectDenied(engine, store, 'invalid-transition', () =>
      engine.execute(actors.eduReporter, { type: 'attach-report-evidence', baseVersion: v(), report: id, file: photo }),
    );
    expect(engine.getSnapshot().reports[id]?.attachments).toBeUndefined();
  });

  it('refuses a malformed hash with its field path', async () => {
    const { engine, store } = await setup();
    const id = await submit(engine);
    await expectDenied(engine, store, 'invalid-shape', () =>
      engine.execute(actors.eduReporter, {
        type: 'attach-report-evidence',
        baseVersion: engine.getSnapshot().version,
        report: id,
        file: { ...photo, sha256: 'not-a-hash' },
      }),
    );
  });
});

describe('attach-finding-evidence', () => {
  it('the assessment group attaches a file to a finding; the audit carries the hash; replay rebuilds it', async () => {
    const { engine, store } = await setup();
    const recorded = await act(engine, actors.assessor, {
      type: 'record-finding',
      unit: 'shanhe',
      period: '2024',
      text: '台账不完整。',
    });
    const finding = recorded.target.id;
    await act(engine, actors.assessor, { type: 'attach-finding-evidence', finding, file: photo });
    expect(engine.getSnapshot().findings[finding]?.attachments?.map((a) => a.sha256)).toEqual([photo.sha256]);
    expect(store.data.audit.at(-1)?.command).toMatchObject({ file: { sha256: photo.sha256 } });
    expect((await engine.verifyAudit()).ok).toBe(true);
  });

  it('refuses an unknown finding, a stale base version, and a reporter', async () => {
    const { engine, store } = await setup();
    const recorded = await act(engine, actors.assessor, {
      type: 'record-finding',
      unit: 'shanhe',
      period: '2024',
      text: '台账不完整。',
    });
    const finding = recorded.target.id;
    const v = engine.getSnapshot().version;
    await expectDenied(engine, store, 'unknown-reference', () =>
      engine.execute(actors.assessor, {
        type: 'attach-finding-evidence',
        baseVersion: v,
        finding: 'fnd-x',
        file: photo,
      }),
    );
    await expectDenied(engine, store, 'forbidden', () =>
      engine.execute(actors.eduReporter, { type: 'attach-finding-evidence', baseVersion: v, finding, file: photo }),
    );
    await act(engine, actors.assessor, { type: 'attach-finding-evidence', finding, file: photo });
    // Built on the version before the first attachment: the finding changed since.
    await expectDenied(engine, store, 'version-conflict', () =>
      engine.execute(actors.assessor, { type: 'attach-finding-evidence', baseVersion: v, finding, file: sheet }),
    );
  });
});
