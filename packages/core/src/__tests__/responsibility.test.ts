import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../plan.js';
import {
  audiencesOfTask,
  resolveUnit,
  responsibilityMatrix,
  roleOf,
  targetsByDeadline,
  tasksByAudience,
  tasksOfUnit,
} from '../responsibility.js';
import { parsePlan } from '../validate.js';

const plan = parsePlan({
  schemaVersion: 1,
  id: 'q',
  county: { id: 'q', name: '甲县' },
  meta: { title: '甲县方案', issuer: '甲县政府办', period: { start: 2021, end: 2025 } },
  audiences: [
    { id: 'youth', name: '青少年' },
    { id: 'farmers', name: '农民' },
  ],
  orgUnits: [
    { id: 'edu', name: '县教育局', kind: 'government-department' },
    { id: 'cast', name: '县科协', fullName: '甲县科学技术协会', aliases: ['科协'], kind: 'mass-organisation' },
    { id: 'agri', name: '县农业农村局', kind: 'government-department' },
    { id: 'town', name: '甲镇', kind: 'township' },
    { id: 'group', name: '领导小组', kind: 'group', members: ['edu', 'cast', 'agri'] },
  ],
  parts: [
    {
      path: '3',
      code: '三',
      title: '行动',
      kind: 'actions',
      sections: [
        {
          path: '3.1',
          code: '三（一）',
          title: '青少年',
          audiences: ['youth'],
          tasks: [
            { path: '3.1.1', code: '三（一）1', title: 'a', leads: ['edu', 'cast'], partners: ['group'] },
            {
              path: '3.1.2',
              code: '三（一）2',
              title: 'b',
              leads: ['edu'],
              partners: ['group'],
              audiences: ['youth', 'farmers'],
            },
          ],
        },
        {
          path: '3.2',
          code: '三（二）',
          title: '农民',
          audiences: ['farmers'],
          tasks: [{ path: '3.2.1', code: '三（二）1', title: 'c', leads: ['agri'], partners: ['cast'] }],
        },
      ],
    },
  ],
  indicators: [{ id: 'n', name: 'n', unit: '个', valueType: 'number', temporal: 'flow', source: 'report' }],
  targets: [
    {
      kind: 'quantitative',
      id: 'late',
      title: 'late',
      indicator: 'n',
      links: ['3.1'],
      comparator: { op: 'gte', value: 1, word: '达到' },
      cadence: 'by-deadline',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'early',
      title: 'early',
      indicator: 'n',
      links: ['3.2.1'],
      comparator: { op: 'gte', value: 1, word: '达到' },
      cadence: 'by-deadline',
      deadline: { year: 2023, date: '2023-06-30' },
    },
    {
      kind: 'quantitative',
      id: 'early2',
      title: 'early2',
      indicator: 'n',
      links: ['3'],
      comparator: { op: 'gte', value: 1, word: '达到' },
      cadence: 'by-deadline',
      deadline: { year: 2023 },
    },
  ],
} satisfies PlanInput);

describe('responsibility queries', () => {
  it('a lead stays lead even when its group is a partner; group members are partners; others none', () => {
    expect(roleOf(plan, 'edu', '3.1.1')).toBe('lead');
    expect(roleOf(plan, 'agri', '3.1.1')).toBe('partner');
    expect(roleOf(plan, 'town', '3.1.1')).toBe('none');
    expect(roleOf(plan, 'edu', '3.2.1')).toBe('none');
    expect(roleOf(plan, 'edu', '9.9.9')).toBe('none');
  });

  it('matrix rows are units with a role, columns tasks in document order', () => {
    const m = responsibilityMatrix(plan);
    expect(m.tasks.map((t) => t.path)).toEqual(['3.1.1', '3.1.2', '3.2.1']);
    expect(m.units.map((u) => u.id)).toEqual(['edu', 'cast', 'agri']);
    expect(m.cells).toEqual([
      ['lead', 'lead', 'none'],
      ['lead', 'partner', 'partner'],
      ['partner', 'partner', 'lead'],
    ]);
    expect(responsibilityMatrix(plan, { include: 'all' }).units.map((u) => u.id)).toEqual([
      'edu',
      'cast',
      'agri',
      'town',
    ]);
  });

  it('tasks of a unit split into led and partnered', () => {
    expect(tasksOfUnit(plan, 'cast')).toEqual({
      lead: [expect.objectContaining({ path: '3.1.1' })],
      partner: [expect.objectContaining({ path: '3.1.2' }), expect.objectContaining({ path: '3.2.1' })],
    });
  });

  it('a task’s own audiences override its section’s', () => {
    expect(audiencesOfTask(plan, '3.1.1')).toEqual(['youth']);
    expect(audiencesOfTask(plan, '3.1.2')).toEqual(['youth', 'farmers']);
    expect(tasksByAudience(plan, 'farmers').map((t) => t.path)).toEqual(['3.1.2', '3.2.1']);
  });

  it('targets by deadline: a year alone is its 31 December; `until` filters', () => {
    expect(targetsByDeadline(plan).map((t) => t.id)).toEqual(['early', 'early2', 'late']);
    expect(targetsByDeadline(plan, { until: 2024 }).map((t) => t.id)).toEqual(['early', 'early2']);
  });

  it('resolves a unit by id, name, full name or alias', () => {
    expect(resolveUnit(plan, '甲县科学技术协会')?.id).toBe('cast');
    expect(resolveUnit(plan, ' 科协 ')?.id).toBe('cast');
    expect(resolveUnit(plan, 'edu')?.name).toBe('县教育局');
    expect(resolveUnit(plan, '不存在')).toBeUndefined();
  });
});
