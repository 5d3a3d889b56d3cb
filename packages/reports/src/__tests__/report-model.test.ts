import { readFileSync } from 'node:fs';
import { assess, parseScheme } from '@kepu/core';
import { zhengningPlan as plan, zhengningScheme as scheme, zhengningSchemeInput } from '@kepu/plan-zhengning';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../report/build-report.js';
import { formatReportValue } from '../report/format-report-value.js';
import { reportToHtml } from '../report/html.js';
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

  it('marks Kepu’s default rules （默认） beside each sheet, its grade, bonus and deduction columns, and its veto and cap notes', () => {
    const inputs = JSON.parse(
      readFileSync(new URL('../../../plan-zhengning/examples/sample-inputs.json', import.meta.url), 'utf8'),
    );
    const card = assess(plan, scheme, inputs, { period: 2024 });
    const report = buildReport(card, plan, { lang: 'zh', source, scheme });
    const townships = report.tables.find((t) => t.id === 'townships');
    expect(townships?.columns.map((c) => c.header)).toEqual(
      expect.arrayContaining(['等次（默认）', '奖励加分（默认）', '扣分（默认）']),
    );
    expect(townships?.rows.find((r) => r.unitId === 'wuqingyuan')?.notes).toContain('一票否决（默认）');
    expect(townships?.note).toMatch(/^（默认）本表的.*等次划分、优秀比例上限.*为 Kepu 默认设置，方案未作规定/);
    expect(reportToMarkdown(report)).toContain(townships?.note);
    expect(report.highlights).toContain('五顷塬回族乡：一票否决（默认）（弄虚作假、虚报瞒报考核数据），定为不合格。');
    expect(report.highlights.some((h) => h.startsWith('乡镇（默认等次）：'))).toBe(true);
    expect(reportToHtml(report, [])).toMatch(/<p class="note" data-field="default-rules">（默认）本表的/);
    const en = buildReport(card, plan, { lang: 'en', source, scheme });
    expect(en.tables.find((t) => t.id === 'departments')?.columns.map((c) => c.header)).toContain('Grade (default)');
  });

  it('marks nothing as default in a scheme the county adopted as its own', () => {
    const own = structuredClone(zhengningSchemeInput) as { name: string; sheets: Array<{ origin?: string }> };
    own.name = '正宁县督查考核评分办法';
    for (const sheet of own.sheets) sheet.origin = 'county';
    const county = parseScheme(own, plan);
    const inputs = JSON.parse(
      readFileSync(new URL('../../../plan-zhengning/examples/sample-inputs.json', import.meta.url), 'utf8'),
    );
    const report = buildReport(assess(plan, county, inputs, { period: 2024 }), plan, {
      lang: 'zh',
      source,
      scheme: county,
    });
    expect(reportToMarkdown(report)).not.toContain('默认');
    expect(reportToHtml(report, [])).not.toContain('默认');
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
