import { describe, expect, it } from 'vitest';
import { zhengningPlan } from '../plan.js';

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

const nodes = zhengningPlan.parts.flatMap((part) => [
  part,
  ...part.sections.flatMap((section) => [section, ...section.tasks, ...section.clauses]),
]);

describe('the Zhengning plan in English', () => {
  it('covers the whole document: 5 parts, 33 tasks', () => {
    expect(zhengningPlan.parts).toHaveLength(5);
    expect(zhengningPlan.parts.flatMap((p) => p.sections.flatMap((s) => s.tasks))).toHaveLength(33);
  });

  it.each(nodes.map((n) => [n.path, n] as const))('%s has an English title with no CJK characters', (_path, node) => {
    expect(node.titleEn?.trim()).toBeTruthy();
    expect(node.titleEn).not.toMatch(CJK);
  });
});
