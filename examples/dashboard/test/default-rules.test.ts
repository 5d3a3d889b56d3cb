import { assess, parseScheme } from '@kepu/core';
import { zhengningPlan, zhengningScheme, zhengningSchemeInput } from '@kepu/plan-zhengning';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Breakdown, DefaultRulesNote } from '../src/components/SheetView.js';
import { LangProvider } from '../src/i18n.js';

// A scorecard whose townships carry a veto, a bonus and a deduction, so every marked rule shows.
const inputs = {
  observations: [],
  awards: [{ unit: 'shanhe', award: 'city-commendation', period: 2024 }],
  deductions: [{ unit: 'sanjia', deduction: 'late-report', period: 2024, count: 1 }],
  incidents: [{ kind: 'veto' as const, unit: 'wuqingyuan', veto: 'falsification', period: 2024 }],
};

function render(scheme: typeof zhengningScheme, lang: 'zh' | 'en' = 'zh'): string {
  const card = assess(zhengningPlan, scheme, inputs, { period: 2024 });
  const sheet = card.sheets.find((s) => s.sheet === 'township');
  if (!sheet) throw new Error('no township sheet');
  const units = ['shanhe', 'sanjia', 'wuqingyuan'].map((id) => sheet.units.find((u) => u.unit === id));
  const children = [
    createElement(DefaultRulesNote, { key: 'note', sheet }),
    ...units.map((unit) => (unit ? createElement(Breakdown, { key: unit.unit, unit, sheet }) : null)),
  ];
  return renderToStaticMarkup(createElement(LangProvider, { lang, children }));
}

describe('the dashboard marks default rules', () => {
  it('names the default rules beside the sheet and marks bonus, deductions and vetoes （默认）', () => {
    const html = render(zhengningScheme);
    expect(html).toMatch(/data-testid="default-rules">（默认）本表的.*等次划分、优秀比例上限/);
    expect(html).toContain('加分（表彰奖励）（默认）');
    expect(html).toContain('扣分（默认）：');
    expect(html).toContain('一票否决（默认）：');
    expect(render(zhengningScheme, 'en')).toContain('Veto (default): ');
  });

  it('marks nothing in a scheme the county adopted as its own', () => {
    const own = structuredClone(zhengningSchemeInput) as { sheets: Array<{ origin?: string }> };
    for (const sheet of own.sheets) sheet.origin = 'county';
    const html = render(parseScheme(own, zhengningPlan));
    expect(html).not.toContain('默认');
    expect(html).toContain('一票否决：');
  });
});
