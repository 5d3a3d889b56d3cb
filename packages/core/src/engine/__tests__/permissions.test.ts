import { describe, expect, it } from 'vitest';
import { type Actor, ENGINE_ROLES, type EngineRole } from '../actor.js';
import { COMMAND_TYPES, type CommandType } from '../commands/index.js';
import type { Engine } from '../engine.js';
import { PERMISSIONS } from '../permissions.js';
import { actors } from './fixture.js';
import { act, outcome, setup, submit } from './helpers.js';

// The role × command table, tested exhaustively and generated from PERMISSIONS: every role, every
// command, and for each command every situation its scope distinguishes. The expected outcome is
// derived from the table by `expected` below, so the test fails if the engine and the table (and
// so the docs, which are generated from the same table) ever disagree.

interface Situation {
  readonly name: string;
  /** The actor's unit and id for this situation. */
  readonly unit: string;
  readonly id?: string;
  /** Whether the situation is inside the `own-unit` scope / the `lead-unit` scope. */
  readonly ownUnit: boolean;
  readonly leads: boolean;
  /** The actor submitted the report under review. */
  readonly self?: boolean;
  /** The command judges the actor's own unit (no scheme allows penalties on it here). */
  readonly judgesOwnUnit?: boolean;
  /** Prepares the engine; returns the command to run. */
  readonly prepare: (engine: Engine) => Promise<Record<string, unknown>>;
}

const submitted = async (engine: Engine) => submit(engine, actors.eduReporter);
const returned = async (engine: Engine) => {
  const id = await submitted(engine);
  await act(engine, actors.eduReviewer, {
    type: 'return-report',
    report: id,
    reason: '请补充材料。',
  });
  return id;
};

const FILE = { name: '签到表.pdf', type: 'application/pdf', size: 10, sha256: 'c'.repeat(64) };

const SITUATIONS: Record<CommandType, readonly Situation[]> = {
  'submit-report': [
    {
      name: 'a task its unit leads',
      unit: 'education',
      ownUnit: true,
      leads: true,
      prepare: async () => ({ type: 'submit-report', task: '3.1.2', period: '2024', narrative: '进展。' }),
    },
    {
      name: 'a task its unit partners through the leading group',
      unit: 'education',
      ownUnit: true,
      leads: false,
      prepare: async () => ({ type: 'submit-report', task: '4.2.3', period: '2024', narrative: '进展。' }),
    },
    {
      name: 'a task its unit has no role on',
      unit: 'shanhe',
      ownUnit: false,
      leads: false,
      prepare: async () => ({ type: 'submit-report', task: '3.1.2', period: '2024', narrative: '进展。' }),
    },
    {
      name: 'the summary report of an assessed unit',
      unit: 'shanhe',
      ownUnit: true,
      leads: false,
      prepare: async () => ({ type: 'submit-report', period: '2024', narrative: '全年工作总结。' }),
    },
  ],
  'withdraw-report': [
    {
      name: 'its own unit’s report',
      unit: 'education',
      ownUnit: true,
      leads: true,
      prepare: async (e) => ({ type: 'withdraw-report', report: await submitted(e) }),
    },
    {
      name: 'another unit’s report',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async (e) => ({ type: 'withdraw-report', report: await submitted(e) }),
    },
  ],
  'resubmit-report': [
    {
      name: 'its own unit’s returned report',
      unit: 'education',
      ownUnit: true,
      leads: true,
      prepare: async (e) => ({ type: 'resubmit-report', report: await returned(e), narrative: '已补充。' }),
    },
    {
      name: 'another unit’s returned report',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async (e) => ({ type: 'resubmit-report', report: await returned(e), narrative: '已补充。' }),
    },
  ],
  'return-report': [
    {
      name: 'a report on a task its unit leads',
      unit: 'education',
      ownUnit: true,
      leads: true,
      prepare: async (e) => ({ type: 'return-report', report: await submitted(e), reason: '请补充。' }),
    },
    {
      name: 'a report on a task its unit only partners',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async (e) => ({ type: 'return-report', report: await submitted(e), reason: '请补充。' }),
    },
    {
      name: 'a report it submitted itself',
      unit: 'education',
      id: actors.eduReporter.id,
      ownUnit: true,
      leads: true,
      self: true,
      prepare: async (e) => ({ type: 'return-report', report: await submitted(e), reason: '请补充。' }),
    },
  ],
  'approve-report': [
    {
      name: 'a report on a task its unit leads',
      unit: 'education',
      ownUnit: true,
      leads: true,
      prepare: async (e) => ({ type: 'approve-report', report: await submitted(e) }),
    },
    {
      name: 'a report on a task its unit only partners',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async (e) => ({ type: 'approve-report', report: await submitted(e) }),
    },
    {
      name: 'a report it submitted itself',
      unit: 'education',
      id: actors.eduReporter.id,
      ownUnit: true,
      leads: true,
      self: true,
      prepare: async (e) => ({ type: 'approve-report', report: await submitted(e) }),
    },
  ],
  'record-finding': [
    {
      name: 'any unit',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async () => ({ type: 'record-finding', unit: 'shanhe', period: '2024', text: '台账不全。' }),
    },
    {
      name: 'its own unit, with a score',
      unit: 'shanhe',
      ownUnit: true,
      leads: false,
      judgesOwnUnit: true,
      prepare: async () => ({
        type: 'record-finding',
        unit: 'shanhe',
        period: '2024',
        text: '工作扎实。',
        score: { item: 'activities', score: 10, outOf: 20 },
      }),
    },
    {
      name: 'its own unit, a deduction',
      unit: 'shanhe',
      ownUnit: true,
      leads: false,
      judgesOwnUnit: true,
      prepare: async () => ({
        type: 'record-finding',
        unit: 'shanhe',
        period: '2024',
        text: '台账不全。',
        deduction: { rule: 'incomplete-records' },
      }),
    },
  ],
  'record-award': [
    {
      name: 'any unit',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async () => ({
        type: 'record-award',
        unit: 'education',
        period: '2024',
        award: 'provincial-commendation',
        title: '省级表彰',
      }),
    },
    {
      name: 'its own unit',
      unit: 'cast',
      ownUnit: true,
      leads: false,
      judgesOwnUnit: true,
      prepare: async () => ({
        type: 'record-award',
        unit: 'cast',
        period: '2024',
        award: 'provincial-commendation',
        title: '省级表彰',
      }),
    },
  ],
  'record-incident': [
    {
      name: 'any unit',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async () => ({
        type: 'record-incident',
        unit: 'yonghe',
        period: '2024',
        veto: 'falsification',
        description: '虚报数据。',
      }),
    },
    {
      name: 'its own unit',
      unit: 'yonghe',
      ownUnit: true,
      leads: false,
      judgesOwnUnit: true,
      prepare: async () => ({
        type: 'record-incident',
        unit: 'yonghe',
        period: '2024',
        veto: 'falsification',
        description: '虚报数据。',
      }),
    },
  ],
  'review-target': [
    {
      name: 'a qualitative target of the plan',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async () => ({
        type: 'review-target',
        target: 'imbalance-improved',
        period: '2024',
        score: 7,
        outOf: 10,
        narrative: '城乡差距有所缩小。',
        evidence: [{ name: '调查报告.pdf', type: 'application/pdf', size: 1, sha256: 'a'.repeat(64), filed: true }],
      }),
    },
  ],
  'run-assessment': [
    {
      name: 'a year of the plan',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async () => ({ type: 'run-assessment', period: '2024' }),
    },
  ],
  'attach-report-evidence': [
    {
      name: 'its own unit’s report awaiting review',
      unit: 'education',
      ownUnit: true,
      leads: true,
      prepare: async (e) => ({ type: 'attach-report-evidence', report: await submitted(e), file: FILE }),
    },
    {
      name: 'another unit’s report on a task its unit does not lead',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async (e) => ({ type: 'attach-report-evidence', report: await submitted(e), file: FILE }),
    },
  ],
  'attach-finding-evidence': [
    {
      name: 'a finding of the plan',
      unit: 'cast',
      ownUnit: false,
      leads: false,
      prepare: async (e) => {
        const recorded = await act(e, actors.assessor, {
          type: 'record-finding',
          unit: 'shanhe',
          period: '2024',
          text: '台账不完整。',
        });
        return { type: 'attach-finding-evidence', finding: recorded.target.id, file: FILE };
      },
    },
  ],
};

/** The outcome the table promises. */
function expected(role: EngineRole, command: CommandType, s: Situation): string {
  const scope = PERMISSIONS[role][command];
  if (scope === 'none') return 'forbidden';
  if (s.self) return 'self-approval';
  if (s.judgesOwnUnit) return 'conflict-of-interest';
  if (scope === 'any') return 'accepted';
  if (scope === 'own-unit') return s.ownUnit ? 'accepted' : 'forbidden';
  return s.leads ? 'accepted' : 'forbidden';
}

describe('the role × command table', () => {
  it('covers every role and every command', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ENGINE_ROLES].sort());
    for (const role of ENGINE_ROLES) expect(Object.keys(PERMISSIONS[role]).sort()).toEqual([...COMMAND_TYPES].sort());
    expect(Object.keys(SITUATIONS).sort()).toEqual([...COMMAND_TYPES].sort());
  });

  const cases = ENGINE_ROLES.flatMap((role) =>
    COMMAND_TYPES.flatMap((command) =>
      SITUATIONS[command].map((situation) => ({ role, command, situation, want: expected(role, command, situation) })),
    ),
  );

  it.each(cases.map((c) => [`${c.role} × ${c.command} on ${c.situation.name} → ${c.want}`, c] as const))(
    '%s',
    async (_, { role, situation, want }) => {
      const { engine, store } = await setup();
      const body = await situation.prepare(engine);
      const actor: Actor = { id: situation.id ?? `someone-${role}`, role, unit: situation.unit };
      const before = engine.getSnapshot();
      const logged = store.data.audit.length;
      const got = await outcome(engine, actor, { baseVersion: before.version, ...body });
      expect(got).toBe(want);
      // Either way the attempt is in the audit log; a denial changes nothing else.
      expect(store.data.audit.length).toBe(logged + 1);
      if (want !== 'accepted') {
        expect(engine.getSnapshot()).toBe(before);
        expect(store.data.audit.at(-1)?.outcome).toBe('denied');
      } else {
        expect(engine.getSnapshot().version).toBe(before.version + 1);
      }
    },
  );

  it('observers are denied everything', () => {
    expect(Object.values(PERMISSIONS.observer).every((scope) => scope === 'none')).toBe(true);
  });
});
