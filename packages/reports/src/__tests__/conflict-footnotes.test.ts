import { assess, indexPlan } from '@kepu/core';
import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
import { describe, expect, it } from 'vitest';
import { estimateFootnotes } from '../estimate-text.js';
import { reportHighlights } from '../report/highlights.js';

// Issue 14, point 1: when two co-leads report one fact differently, the official reading the
// report sees it — who reported what, that nothing was added, which figure was kept and that
// keeping the less favourable one is Kepu's default — not only the JSON explanation.

const index = indexPlan(zhengningPlan);
const card = (cast: number, tech: number) =>
  assess(
    zhengningPlan,
    zhengningScheme,
    {
      observations: [
        { target: 'science-bases-city', unit: 'cast', period: 2024, value: cast },
        { target: 'science-bases-city', unit: 'science-tech', period: 2024, value: tech },
      ],
    },
    { period: 2024, asOf: '2024-12-31' },
  );

describe('a conflict between co-leads is shown where the values are printed', () => {
  it('names both reporters and figures, says they were not added, and marks the default choice', () => {
    const lines = reportHighlights(card(2, 1), index, 'zh').filter((l) => l.includes('不一致'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('县科协 2');
    expect(lines[0]).toContain('县科技局 1');
    expect(lines[0]).toContain('未相加');
    expect(lines[0]).toContain('采用较不利的数据（默认）：1');
    const en = reportHighlights(card(2, 1), index, 'en').filter((l) => l.includes('disagree'));
    expect(en[0]).toContain('the less favourable figure is used (default): 1');
  });

  it('co-leads that agree give no note, and the figure counts once', () => {
    const agreed = card(1, 1);
    expect(agreed.targets.find((t) => t.target === 'science-bases-city')?.value).toBe(1);
    const notes = estimateFootnotes(
      agreed.targets,
      (id) => id,
      () => '',
      'zh',
    );
    expect(notes.filter((l) => l.includes('不一致'))).toEqual([]);
  });
});
