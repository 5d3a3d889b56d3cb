import {
  audiencesOfTask,
  resolveUnit,
  responsibilityMatrix,
  roleOf,
  targetsByDeadline,
  tasksByAudience,
  tasksOfUnit,
} from '@kepu/core';
import { describe, expect, it } from 'vitest';
import { ZHENGNING_DEPARTMENT_IDS, ZHENGNING_TARGET_IDS, ZHENGNING_TOWNSHIP_IDS } from '../ids.js';
import { zhengningPlan as plan } from '../plan.js';

const codes = (tasks: ReadonlyArray<{ code: string }>) => tasks.map((t) => t.code);

describe('queries on the Zhengning plan', () => {
  it('tasksOfUnit: 县科协 leads 17 tasks and partners the other 16 through the leading group', () => {
    const { lead, partner } = tasksOfUnit(plan, 'cast');
    expect(codes(lead)).toEqual([
      '三（一）3',
      '三（二）1',
      '三（二）2',
      '三（四）2',
      '三（四）3',
      '四（一）3',
      '四（二）2',
      '四（二）3',
      '四（三）1',
      '四（三）2',
      '四（三）3',
      '四（四）2',
      '四（四）3',
      '四（四）4',
      '四（五）1',
      '四（五）2',
      '四（五）3',
    ]);
    expect(partner).toHaveLength(16);
    expect(codes(partner)).not.toContain('三（一）3');
  });

  it('tasksOfUnit: the leads of single-task departments', () => {
    expect(codes(tasksOfUnit(plan, 'civil-affairs').lead)).toEqual(['三（四）1']);
    expect(codes(tasksOfUnit(plan, 'emergency').lead)).toEqual(['四（四）1']);
    expect(codes(tasksOfUnit(plan, 'finance').lead)).toEqual(['四（一）1']);
    expect(codes(tasksOfUnit(plan, 'organisation').lead)).toEqual(['三（五）1', '三（五）2', '三（五）3']);
  });

  it('every department leads at least one task and partners every task it does not lead', () => {
    for (const id of ZHENGNING_DEPARTMENT_IDS) {
      const { lead, partner } = tasksOfUnit(plan, id);
      expect(lead.length, id).toBeGreaterThan(0);
      expect(lead.length + partner.length, id).toBe(33);
    }
  });

  it('tasksByAudience: each population group has its own section of 三', () => {
    expect(codes(tasksByAudience(plan, 'youth'))).toEqual([
      '三（一）1',
      '三（一）2',
      '三（一）3',
      '三（一）4',
      '三（一）5',
    ]);
    expect(codes(tasksByAudience(plan, 'farmers'))).toEqual(['三（二）1', '三（二）2', '三（二）3']);
    expect(codes(tasksByAudience(plan, 'industrial-workers'))).toEqual(['三（三）1', '三（三）2', '三（三）3']);
    expect(codes(tasksByAudience(plan, 'elderly'))).toEqual(['三（四）1', '三（四）2', '三（四）3']);
    expect(codes(tasksByAudience(plan, 'cadres'))).toEqual(['三（五）1', '三（五）2', '三（五）3']);
    expect(audiencesOfTask(plan, '4.1.1')).toEqual([]);
  });

  it('responsibilityMatrix: 县教育局 leads 三（一）1 and partners every task it does not lead', () => {
    const m = responsibilityMatrix(plan);
    const row = m.cells[m.units.findIndex((u) => u.id === 'education')];
    const at = (code: string) => row?.[m.tasks.findIndex((t) => t.code === code)];
    expect(at('三（一）1')).toBe('lead');
    expect(at('三（一）5')).toBe('lead');
    expect(at('三（二）1')).toBe('partner');
    expect(at('四（五）2')).toBe('partner');
    expect(row?.filter((r) => r === 'lead')).toHaveLength(5);
    expect(row?.filter((r) => r === 'partner')).toHaveLength(28);
  });

  it('responsibilityMatrix: rows are the 15 departments; townships have no role', () => {
    const involved = responsibilityMatrix(plan);
    expect(involved.units.map((u) => u.id)).toEqual([...ZHENGNING_DEPARTMENT_IDS]);
    expect(involved.tasks).toHaveLength(33);
    const all = responsibilityMatrix(plan, { include: 'all' });
    for (const id of ZHENGNING_TOWNSHIP_IDS) {
      const row = all.cells[all.units.findIndex((u) => u.id === id)];
      expect(
        row?.every((r) => r === 'none'),
        id,
      ).toBe(true);
    }
    expect(roleOf(plan, 'shanhe', '3.1.1')).toBe('none');
    expect(roleOf(plan, 'cast', '4.5.1')).toBe('lead');
  });

  it('targetsByDeadline: every target falls due in 2025, none before', () => {
    expect(targetsByDeadline(plan).map((t) => t.id)).toEqual([...ZHENGNING_TARGET_IDS]);
    expect(targetsByDeadline(plan, { until: 2024 })).toEqual([]);
    expect(targetsByDeadline(plan, { until: 2025 })).toHaveLength(14);
  });

  it('resolveUnit: by formal name, printed name, alias and id', () => {
    expect(resolveUnit(plan, '正宁县科学技术协会')?.id).toBe('cast');
    expect(resolveUnit(plan, '县科协')?.id).toBe('cast');
    expect(resolveUnit(plan, 'cast')?.name).toBe('县科协');
    expect(resolveUnit(plan, '中共正宁县委组织部')?.id).toBe('organisation');
    expect(resolveUnit(plan, '共青团正宁县委员会')?.id).toBe('youth-league');
    expect(resolveUnit(plan, '县全民科学素质纲要实施工作领导小组各成员单位')?.id).toBe('leading-group');
    expect(resolveUnit(plan, '三嘉镇')?.id).toBe('sanjia');
    expect(resolveUnit(plan, '县妇联')).toBeUndefined();
  });
});
