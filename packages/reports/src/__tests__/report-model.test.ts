import { assess } from '@kepu/core';
import { zhengningPlan as plan, zhengningScheme as scheme } from '@kepu/plan-zhengning';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../report/build-report.js';
import { formatReportValue } from '../report/format-report-value.js';
import { reportToMarkdown } from '../report/markdown.js';
import { excelWidth } from '../report/xlsx.js';
import { displayWidth } from '../width.js';

const source = { kind: 'computed' } as const;

describe('the report model', () => {
  it('keeps missing as null and shows it as missing, never as 0', () => {
    const card = assess(plan, scheme, {}, { period: 2023 });
    const report = buildReport(card, plan, { lang: 'zh', source, scheme });
    const targets = report.tables.find((t) => t.id === 'targets');
    const value = targets?.columns.find((c) => c.key === 'value');
    expect(targets?.rows.every((r) => r.value === null)).toBe(true);
    expect(value && formatReportValue(null, value)).toBe('无数据');
    const departments = report.tables.find((t) => t.id === 'departments');
    const score = departments?.columns.find((c) => c.key === 'score');
    expect(departments?.rows.every((r) => r.score === null)).toBe(true);
    expect(score && formatReportValue(null, score)).toBe('未评估');
    expect(reportToMarkdown(report)).toMatch(/\| 未评估 \| 县教育局 \| 未评估 \| 未评估 \|/);
  });

  it('shows a reported 0 as 0', () => {
    const card = assess(
      plan,
      scheme,
      { observations: [{ indicator: 'science-bases-created', category: { level: 'city' }, period: 2023, value: 0 }] },
      { period: 2023 },
    );
    const report = buildReport(card, plan, { lang: 'zh', source });
    const row = report.tables[0]?.rows.find((r) => r.target === 'science-bases-city');
    expect(row?.value).toBe(0);
    const column = report.tables[0]?.columns.find((c) => c.key === 'value');
    expect(column && formatReportValue(0, column)).toBe('0');
  });

  it('names deductions and awards from the scheme, in the language asked', () => {
    const card = assess(
      plan,
      scheme,
      {
        deductions: [{ unit: 'emergency', deduction: 'late-report', period: 2024, count: 2 }],
        awards: [{ unit: 'cast', award: 'provincial-commendation', period: 2024 }],
      },
      { period: 2024 },
    );
    const zh = buildReport(card, plan, { lang: 'zh', source, scheme });
    const notes = (id: string) =>
      zh.tables.find((t) => t.id === 'departments')?.rows.find((r) => r.unitId === id)?.notes;
    expect(notes('emergency')).toContain('未按时报送工作计划、总结或统计数据 2 次（−2）');
    expect(notes('cast')).toContain('获省级表彰奖励（+2）');
    const en = buildReport(card, plan, { lang: 'en', source, scheme });
    expect(en.county).toBe('Zhengning County');
    expect(en.tables[0]?.columns[0]?.header).toBe('Target');
  });

  it('law: an Excel column is never narrower than its widest text, Chinese counted double', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 8 }), (texts) => {
        const width = excelWidth(texts, 1_000);
        for (const text of texts)
          for (const line of text.split('\n')) expect(width).toBeGreaterThan(displayWidth(line));
      }),
    );
    expect(excelWidth(['县直成员单位'])).toBe(14);
  });
});
