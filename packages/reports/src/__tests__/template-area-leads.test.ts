import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
import { describe, expect, it } from 'vitest';
import { templateRows } from '../index.js';

// Issue 14, point 7: the template asks a unit for the tasks it reports on (reportsOnTask), so the
// townships, which lead the guidance of their own 农技协 on 三（二）3, get rows there.

describe('reporting template rows of units with an area lead duty', () => {
  const rows = templateRows(zhengningPlan, zhengningScheme, '2025');
  const townships = zhengningPlan.orgUnits.filter((u) => u.kind === 'township').map((u) => u.id);
  const unitsOn = (task: string) => new Set(rows.filter((r) => r.task === task).map((r) => r.unit));

  it('lists every township on 三（二）3', () => {
    expect(townships.filter((t) => !unitsOn('3.2.3').has(t))).toEqual([]);
  });

  it('lists no township on a task it has no duty on (三（一）2)', () => {
    expect(townships.filter((t) => unitsOn('3.1.2').has(t))).toEqual([]);
  });
});
