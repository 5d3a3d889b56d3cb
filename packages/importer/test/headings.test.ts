import { describe, expect, it } from 'vitest';
import { importPlan } from '../src/index.js';

const doc = (...body: string[]) =>
  ['某县全民科学素质行动实施方案（2024—2025年）', ...body, '某县人民政府', '2024年1月2日'].join('\n');

const shape = (text: string) =>
  importPlan(text).draft.parts.map((p) => [
    p.code,
    p.title,
    (p.sections ?? []).map((s) => [s.code, s.title, (s.tasks ?? []).map((t) => [t.code, t.title, t.leads])]),
  ]);

const expected = [
  ['一', '重点任务', [['一（一）', '实施青少年科学素质提升行动', [['一（一）1', '加强科学教育', ['education']]]]]],
];

describe('heading variants', () => {
  it('reads a number alone on its line with the title on the next', () => {
    expect(
      shape(
        doc(
          '一、',
          '重点任务',
          '（一）',
          '实施青少年科学素质提升行动',
          '1.',
          '加强科学教育。开齐课程。',
          '牵头单位：县教育局',
        ),
      ),
    ).toEqual(expected);
  });

  it('reads 第一部分, full-width digits and （一）、 as the same headings', () => {
    expect(
      shape(
        doc(
          '第一部分 重点任务',
          '（一）、实施青少年科学素质提升行动',
          '１．加强科学教育。开齐课程。',
          '牵头单位：县教育局',
        ),
      ),
    ).toEqual(expected);
  });

  it('reads headings that end in 。 and a heading with its body on one line', () => {
    expect(
      shape(
        doc(
          '一、重点任务。',
          '（一）实施青少年科学素质提升行动。紧紧围绕立德树人。',
          '1. 加强科学教育。开齐课程。',
          '牵头单位：县教育局',
        ),
      ),
    ).toEqual(expected);
  });

  it('puts a （一） heading that comes before any 一、 into an unnumbered part, and says so', () => {
    const result = importPlan(doc('（一）实施青少年科学素质提升行动', '1. 加强科学教育。', '牵头单位：县教育局'));
    expect(result.draft.parts[0]?.sections?.[0]?.tasks?.[0]?.leads).toEqual(['education']);
    expect(result.diagnostics.map((d) => d.code)).toContain('implicit-part');
  });

  it('reports a gap in the numbering and numbers by position', () => {
    const result = importPlan(
      doc(
        '一、重点任务',
        '（一）实施青少年科学素质提升行动',
        '1. 甲。',
        '牵头单位：县教育局',
        '3. 乙。',
        '牵头单位：县科协',
      ),
    );
    const tasks = result.draft.parts[0]?.sections?.[0]?.tasks ?? [];
    expect(tasks.map((t) => [t.path, t.code])).toEqual([
      ['1.1.1', '一（一）1'],
      ['1.1.2', '一（一）3'],
    ]);
    const gap = result.diagnostics.find((d) => d.code === 'numbering-gap');
    expect(gap?.params).toMatchObject({ printed: '3', expected: '2' });
    expect(gap?.span.line).toBe(6);
  });

  it('reports a task whose responsibility is nowhere, and core’s issue for it', () => {
    const result = importPlan(doc('一、重点任务', '（一）实施青少年科学素质提升行动', '1. 加强科学教育。开齐课程。'));
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toContain('task-without-responsibility');
    expect(result.issues.map((i) => i.code)).toEqual(['task-without-lead']);
    expect(result.draft.parts[0]?.sections?.[0]?.tasks?.[0]?.title).toBe('加强科学教育');
  });
});
