import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssessmentSchemeInput } from '../../assessment/scheme.js';
import { isKepuError } from '../../errors.js';
import { normalizeActorId, sameActorId } from '../../rules/identity.js';
import type { Actor } from '../actor.js';
import { submittersOf } from '../permissions.js';
import type { ProgressReport } from '../state.js';
import { actors, fixtureScheme, plan } from './fixture.js';
import { act, expectDenied, outcome, setup, submit } from './helpers.js';

// Identity at the boundary: a person is one id however it is typed, a caller cannot forge an
// actor the directory does not hold, nobody judges their own unit, and a snapshot can be read as
// a given person may read it.

describe('actor ids are one person however they are typed', () => {
  const lookalikes = [
    'EDU.REPORTER',
    'Edu.Reporter',
    'edu\u200b.reporter',
    '\ufeffedu.reporter',
    'ｅｄｕ.ｒｅｐｏｒｔｅｒ',
  ];

  it.each(lookalikes)('%j cannot review the report edu.reporter submitted (self-approval)', async (id) => {
    const { engine, store } = await setup();
    const report = await submit(engine, actors.eduReporter);
    const reviewer: Actor = { id, role: 'lead-reviewer', unit: 'education' };
    await expectDenied(engine, store, 'self-approval', () => act(engine, reviewer, { type: 'approve-report', report }));
  });

  it('the audit log records the normalised id', async () => {
    const { engine, store } = await setup();
    await submit(engine, { id: ' Edu\u200d.Reporter ', role: 'reporter', unit: 'education' });
    expect(store.data.audit.at(-1)?.actor.id).toBe('edu.reporter');
  });

  it('ids stored before normalisation still count as their submitter', () => {
    const report = { revisions: [{ submittedBy: 'Chen.Jing\u200b' }] } as unknown as ProgressReport;
    expect(submittersOf(report).has(normalizeActorId('CHEN.JING'))).toBe(true);
  });

  it('an id that is only invisible characters is refused as unknown-actor', async () => {
    const { engine, store } = await setup();
    await expectDenied(engine, store, 'unknown-actor', () =>
      submit(engine, { id: '\u200b\u200c ', role: 'reporter', unit: 'education' }),
    );
  });

  it('law: normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (raw) => {
        const once = normalizeActorId(raw);
        expect(normalizeActorId(once)).toBe(once);
      }),
    );
  });

  it('law: upper case, full-width letters and zero-width characters never make a second person', () => {
    const ascii = fc.stringMatching(/^[a-z][a-z0-9.]{0,20}$/);
    const zeroWidth = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff');
    fc.assert(
      fc.property(ascii, zeroWidth, fc.nat(), (id, zw, at) => {
        const i = at % (id.length + 1);
        const fullWidth = [...id].map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0)).join('');
        for (const variant of [id.toUpperCase(), `${id.slice(0, i)}${zw}${id.slice(i)}`, fullWidth]) {
          expect(sameActorId(variant, id)).toBe(true);
        }
      }),
    );
  });

  it('different people stay different', () => {
    expect(sameActorId('chen.jing', 'chen.jin')).toBe(false);
    expect(sameActorId('wang.li', 'wang.li2')).toBe(false);
  });
});

describe('with an actor directory, an actor object is checked against it', () => {
  const directory = new Map<string, Actor>([[actors.eduReporter.id, actors.eduReporter]]);
  const resolveActor = (ref: string) => directory.get(ref);

  it('a role the directory does not give is refused (unknown-actor)', async () => {
    const { engine, store } = await setup({ resolveActor });
    await expectDenied(engine, store, 'unknown-actor', () =>
      act(
        engine,
        { id: 'edu.reporter', role: 'plan-office' },
        {
          type: 'record-award',
          unit: 'education',
          period: '2024',
          award: 'provincial-commendation',
          title: '省级表彰',
        },
      ),
    );
  });

  it('another unit than the directory’s is refused', async () => {
    const { engine, store } = await setup({ resolveActor });
    await expectDenied(engine, store, 'unknown-actor', () =>
      submit(engine, { id: 'edu.reporter', role: 'reporter', unit: 'cast' }, { task: '4.2.3', observations: [] }),
    );
  });

  it('an id the directory does not hold is refused', async () => {
    const { engine, store } = await setup({ resolveActor });
    await expectDenied(engine, store, 'unknown-actor', () => submit(engine, { ...actors.eduReporter, id: 'mallory' }));
  });

  it('the actor as the directory holds it (in any spelling of its id) is accepted', async () => {
    const { engine } = await setup({ resolveActor });
    expect(
      await outcome(
        engine,
        { ...actors.eduReporter, id: 'EDU.REPORTER' },
        {
          type: 'submit-report',
          baseVersion: 0,
          task: '3.1.2',
          period: '2024',
          narrative: '二年级每周开设2节科学课。',
        },
      ),
    ).toBe('accepted');
  });
});

describe('nobody judges their own unit', () => {
  const sheet = fixtureScheme.sheets[0];
  const withLists = (conflictOfInterest?: AssessmentSchemeInput['conflictOfInterest']): AssessmentSchemeInput => ({
    ...fixtureScheme,
    ...(conflictOfInterest ? { conflictOfInterest } : {}),
    sheets: [
      {
        ...sheet,
        bonus: { cap: 5, awards: [{ id: 'provincial-commendation', name: '省级表彰', points: 2 }] },
        vetoes: [{ id: 'falsification', name: '弄虚作假' }],
      } as (typeof fixtureScheme.sheets)[number],
    ],
  });
  const incident = {
    type: 'record-incident',
    unit: 'cast',
    period: '2024',
    veto: 'falsification',
    description: '虚报。',
  };
  const award = { type: 'record-award', unit: 'cast', period: '2024', award: 'provincial-commendation', title: '表彰' };

  it('by default, a penalty on one’s own unit is refused (conflict-of-interest)', async () => {
    const { engine, store } = await setup({ assessment: undefined, schemes: { [plan.id]: withLists() } });
    await expectDenied(engine, store, 'conflict-of-interest', () => act(engine, actors.office, incident));
  });

  it('a scheme that allows penalties on one’s own unit lets the office record one', async () => {
    const allowed = withLists({ ownUnitPenalties: 'allowed' });
    const { engine } = await setup({ assessment: undefined, schemes: { [plan.id]: allowed } });
    expect(await outcome(engine, actors.office, { ...incident, baseVersion: 0 })).toBe('accepted');
  });

  it('no scheme lets a unit award itself', async () => {
    const allowed = withLists({ ownUnitPenalties: 'allowed' });
    const { engine, store } = await setup({ assessment: undefined, schemes: { [plan.id]: allowed } });
    await expectDenied(engine, store, 'conflict-of-interest', () => act(engine, actors.office, award));
    // The same award for another unit is the office's to record.
    expect(await outcome(engine, actors.office, { ...award, unit: 'education', baseVersion: 0 })).toBe('accepted');
  });
});

describe('snapshotFor: the state as a person may read it', () => {
  it('a reporter sees only its unit’s reports; getSnapshot is the administrator’s view', async () => {
    const { engine } = await setup();
    await submit(engine, actors.eduReporter);
    await submit(engine, actors.castReporter, { task: '4.2.3', observations: [] });
    const all = Object.values(engine.getSnapshot().reports)
      .map((r) => r.unit)
      .sort();
    expect(all).toEqual(['cast', 'education']);
    const mine = engine.snapshotFor(actors.eduReporter);
    expect(Object.values(mine.reports).map((r) => r.unit)).toEqual(['education']);
    expect(mine.version).toBe(engine.getSnapshot().version);
    expect(engine.snapshotFor(actors.eduReporter)).toBe(mine);
    expect(engine.snapshotFor(actors.office)).toBe(engine.getSnapshot());
    expect(Object.keys(engine.snapshotFor(actors.observer).reports)).toEqual([]);
  });

  it('anything but an actor is a typed error, not a TypeError', async () => {
    const { engine } = await setup();
    for (const bad of [null, 'wang.li', { id: 'x', role: 'admin' }]) {
      let code: string | undefined;
      try {
        engine.snapshotFor(bad as never);
      } catch (error) {
        code = isKepuError(error) ? error.code : 'untyped';
      }
      expect(code).toBe('invalid-shape');
    }
  });
});
