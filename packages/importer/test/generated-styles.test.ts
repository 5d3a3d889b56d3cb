import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUnitDirectory, importPlan } from '../src/index.js';
import { taskStructure } from './helpers.js';

/**
 * Documents generated from a random numbering hierarchy and random places for each task's
 * responsibility: whatever the house style, the tasks and their leads and partners come back.
 */
const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const UNITS = ['县教育局', '县科协', '县科技局', '县农业农村局', '县民政局', '县卫健局', '县人社局', '团县委'];

type Marker = 'cn' | 'chapter' | 'jie' | 'cn-paren' | 'num' | 'num-paren';
const print: Record<Marker, (k: number) => string> = {
  cn: (k) => `${CN[k]}、`,
  chapter: (k) => `第${CN[k]}章 `,
  jie: (k) => `第${CN[k]}节 `,
  'cn-paren': (k) => `（${CN[k]}）`,
  num: (k) => `${k}. `,
  'num-paren': (k) => `（${k}）`,
};
/** Part, section and task markers as plans print them, outermost first. */
const HIERARCHIES: ReadonlyArray<readonly [Marker, Marker, Marker]> = [
  ['cn', 'cn-paren', 'num'],
  ['cn', 'cn-paren', 'num-paren'],
  ['chapter', 'jie', 'cn'],
  ['chapter', 'jie', 'num'],
  ['chapter', 'cn', 'cn-paren'],
];
type Placement = 'label-lines' | 'label-one-line' | 'after-sentence' | 'after-sentence-half' | 'after-title';
const PLACEMENTS: readonly Placement[] = [
  'label-lines',
  'label-one-line',
  'after-sentence',
  'after-sentence-half',
  'after-title',
];

const task = fc.record({
  leads: fc.uniqueArray(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 2 }),
  partners: fc.uniqueArray(fc.constantFrom(...UNITS), { maxLength: 2 }),
  placement: fc.constantFrom(...PLACEMENTS),
});
const doc = fc.record({
  hierarchy: fc.constantFrom(...HIERARCHIES),
  parts: fc.array(fc.array(fc.array(task, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), {
    minLength: 1,
    maxLength: 3,
  }),
});
type Doc = typeof doc extends fc.Arbitrary<infer T> ? T : never;

function render(d: Doc): { text: string; tasks: Array<{ title: string; leads: string[]; partners: string[] }> } {
  const [partMarker, sectionMarker, taskMarker] = d.hierarchy;
  const lines = [
    '示例县全民科学素质行动实施方案（2023—2025年）',
    `${print[partMarker](1)}总体要求`,
    '到2025年，全县公民具备科学素质的比例达到12%以上。',
  ];
  const tasks: Array<{ title: string; leads: string[]; partners: string[] }> = [];
  let n = 0;
  d.parts.forEach((sections, p) => {
    lines.push(`${print[partMarker](p + 2)}实施第${CN[p + 1]}批重点任务`);
    sections.forEach((items, s) => {
      lines.push(`${print[sectionMarker](s + 1)}实施第${CN[s + 1]}项提升行动`);
      items.forEach((t, k) => {
        n++;
        const title = `开展第${n}项科普服务`;
        const partners = t.partners.filter((x) => !t.leads.includes(x));
        tasks.push({ title, leads: t.leads, partners });
        const body = `围绕群众需求组织活动第${n}次，提升服务能力。`;
        const lead = t.leads.join('、');
        const partner = partners.join('、');
        const labels = `牵头单位：${lead}${partner ? `；配合单位：${partner}` : ''}`;
        const verbs = `${lead}牵头${partner ? `，${partner}配合` : ''}`;
        const head = `${print[taskMarker](k + 1)}${title}`;
        if (t.placement === 'after-title') lines.push(`${head}（${labels}）`, body);
        else if (t.placement === 'after-sentence') lines.push(`${head}。${body}（${verbs}）`);
        else if (t.placement === 'after-sentence-half') lines.push(`${head}。${body}(${verbs.replace(/，/g, ',')})`);
        else if (t.placement === 'label-one-line') lines.push(`${head}。${body}`, labels);
        else lines.push(`${head}。${body}`, `牵头单位：${lead}`, ...(partner ? [`配合单位：${partner}`] : []));
      });
    });
  });
  return { text: `${lines.join('\n\n')}\n`, tasks };
}

describe('documents generated in random house styles (fast-check)', () => {
  it('law: whatever the numbering hierarchy and wherever each responsibility is printed, the tasks and their leads and partners come back', () => {
    const units = createUnitDirectory();
    const id = (name: string) => units.resolve(name).id;
    fc.assert(
      fc.property(doc, (d) => {
        const { text, tasks } = render(d);
        const result = importPlan(text);
        expect(
          taskStructure(result.draft).map((t) => ({ title: t.title, leads: t.leads, partners: t.partners })),
        ).toEqual(tasks.map((t) => ({ title: t.title, leads: t.leads.map(id), partners: t.partners.map(id) })));
        expect(result.diagnostics.filter((x) => x.code === 'task-without-responsibility')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
