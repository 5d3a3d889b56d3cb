import { indexPlan, validatePlan } from '@kepu/core';
import { describe, expect, it } from 'vitest';
import {
  ZHENGNING_AUDIENCE_IDS,
  ZHENGNING_DEPARTMENT_IDS,
  ZHENGNING_LEADING_GROUP_ID,
  ZHENGNING_PLAN_ID,
  ZHENGNING_TARGET_IDS,
  ZHENGNING_TOWNSHIP_IDS,
} from '../ids.js';
import { zhengningPlan, zhengningPlanInput } from '../plan.js';
import { bodyParagraphs, readSeedText } from './seed-reader.js';

const plan = zhengningPlan;
const seed = readSeedText();
const units = new Map(plan.orgUnits.map((u) => [u.id, u]));

describe('the Zhengning plan', () => {
  it('validates with no issue, from its input and from its own JSON', () => {
    expect(validatePlan(zhengningPlanInput)).toMatchObject({ ok: true });
    const again = validatePlan(JSON.parse(JSON.stringify(plan)));
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.value).toEqual(plan);
  });

  it('is frozen, so no consumer can change it under another', () => {
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.parts[2]?.sections[0]?.tasks[0]?.leads)).toBe(true);
    expect(() => {
      (plan.targets as unknown[]).push({});
    }).toThrow(TypeError);
    expect(Object.isFrozen(zhengningPlanInput)).toBe(true);
  });

  it('has the plan id and the county', () => {
    expect(plan.id).toBe(ZHENGNING_PLAN_ID);
    expect(plan.county).toMatchObject({ id: 'zhengning', name: '正宁县', province: '甘肃省', prefecture: '庆阳市' });
  });

  it('has five parts 一 to 五 of the expected kinds', () => {
    expect(plan.parts.map((p) => [p.path, p.code, p.kind])).toEqual([
      ['1', '一', 'preface'],
      ['2', '二', 'guidance'],
      ['3', '三', 'actions'],
      ['4', '四', 'projects'],
      ['5', '五', 'safeguards'],
    ]);
    for (const part of plan.parts) expect(seed).toContain(`${part.code}、${part.title}`);
  });

  it('has 33 tasks: 5+3+3+3+3 under 三 and 3+3+3+4+3 under 四', () => {
    expect(indexPlan(plan).tasks).toHaveLength(33);
    const counts = (path: string) => plan.parts.find((p) => p.path === path)?.sections.map((s) => s.tasks.length);
    expect(counts('3')).toEqual([5, 3, 3, 3, 3]);
    expect(counts('4')).toEqual([3, 3, 3, 4, 3]);
  });

  it('has 行动目标 at path 2.3 and the safeguard clauses under 五', () => {
    const nodes = indexPlan(plan).nodes;
    expect(nodes.get('2.3')).toMatchObject({ kind: 'section', section: { code: '二（三）', title: '行动目标' } });
    const clauses = [...nodes.values()].filter((n) => n.kind === 'clause').map((n) => n.path);
    expect(clauses).toEqual(['5.2.1', '5.2.2', '5.2.3', '5.3.1', '5.3.2']);
    expect(nodes.get('5.2.1')).toMatchObject({
      kind: 'clause',
      clause: { code: '五（二）1', title: '建立督查考核机制' },
    });
  });

  it('has the five audiences, each on its section of 三', () => {
    expect(plan.audiences.map((a) => [a.id, a.name])).toEqual([
      ['youth', '青少年'],
      ['farmers', '农民'],
      ['industrial-workers', '产业工人'],
      ['elderly', '老年人'],
      ['cadres', '领导干部和公务员'],
    ]);
    expect(plan.audiences.map((a) => a.id)).toEqual([...ZHENGNING_AUDIENCE_IDS]);
    expect(plan.audiences.every((a) => a.nameEn !== undefined)).toBe(true);
    const actions = plan.parts.find((p) => p.path === '3');
    expect(actions?.sections.map((s) => s.audiences)).toEqual(ZHENGNING_AUDIENCE_IDS.map((id) => [id]));
    for (const a of plan.audiences) {
      const section = actions?.sections.find((s) => s.audiences.includes(a.id));
      expect(section?.title).toContain(a.name);
    }
  });

  it('has the four principles, each printed in 二（二）', () => {
    expect(plan.principles.map((p) => [p.id, p.title])).toEqual([
      ['party-leadership', '坚持党的领导'],
      ['scientific-spirit', '弘扬科学精神'],
      ['serve-development', '突出服务发展'],
      ['coordinated-advance', '坚持协同推进'],
    ]);
    for (const p of plan.principles) expect(seed).toContain(`——${p.text}`);
  });
});

describe('texts and titles of every node', () => {
  const paragraphs = bodyParagraphs(seed);
  const printed = new Set(paragraphs.map((p) => p.replace(/^\d+\.\s*/, '').replace(/^——/, '')));
  const nodes = [...indexPlan(plan).nodes.values()];

  it.each(nodes.map((n) => [n.path, n] as const))('%s: its text is printed paragraphs, whole', (_, node) => {
    const own =
      node.kind === 'part'
        ? node.part
        : node.kind === 'section'
          ? node.section
          : node.kind === 'task'
            ? node.task
            : node.clause;
    for (const paragraph of own.text === '' ? [] : own.text.split('\n')) {
      expect(printed.has(paragraph.replace(/^——/, '')), paragraph.slice(0, 20)).toBe(true);
    }
    if (node.kind === 'section') {
      const numeral = /（(.)）/.exec(node.section.code)?.[1];
      const heading = paragraphs.find((p) =>
        new RegExp(`^[（(]\\s*${numeral}\\s*[）)]\\s*${node.section.title}$`).test(p),
      );
      expect(heading, node.section.code).toBeDefined();
    }
    if (node.kind === 'clause') expect(own.text.startsWith(own.title)).toBe(true);
  });

  it('parts 一, 四 and every section but 五（二）/（三） have their intro text', () => {
    const empty = nodes
      .filter((n) => (n.kind === 'part' ? n.part.text : n.kind === 'section' ? n.section.text : 'x') === '')
      .map((n) => n.path);
    expect(empty).toEqual(['2', '3', '5', '5.2', '5.3']);
  });
});

describe('metadata', () => {
  const meta = plan.meta;

  it('keeps the document number as printed, with the blank number left null', () => {
    expect(meta.documentNumber).toEqual({
      printed: '正政办发〔2022〕 号',
      prefix: '正政办发',
      year: 2022,
      number: null,
    });
    expect(seed).toContain(meta.documentNumber?.printed);
  });

  it('has issuer, dates, period, addressees, distribution and printing note as printed', () => {
    expect(meta.issuer).toBe('正宁县人民政府办公室');
    expect(meta.issueDate).toBe('2022-10-26');
    expect(meta.period).toEqual({ start: 2022, end: 2025 });
    expect(seed).toContain(`《${meta.title}》`);
    expect(seed.replace(/\*\*|\n/g, '')).toContain(meta.noticeTitle);
    expect(seed).toContain(`${meta.recipients.join('，')}：`);
    expect(seed).toContain(`抄送：${meta.distribution.join('，')}。`);
    expect(meta.printing).toEqual({ by: '正宁县人民政府办公室', date: '2022-10-26', copies: 80 });
    expect(seed).toContain('2022年10月26日印发');
    expect(seed).toContain('共印80份');
  });

  it('cites the three basis documents of the opening paragraph', () => {
    const opening = seed.split('\n').find((l) => l.startsWith('为深入贯彻落实')) ?? '';
    expect(meta.basis).toEqual(opening.match(/《[^》]+》/g));
    expect(meta.basis).toHaveLength(3);
  });
});

describe('org units', () => {
  it('has exactly the department, group and township ids other packages rely on', () => {
    expect(plan.orgUnits.map((u) => u.id)).toEqual([
      ...ZHENGNING_DEPARTMENT_IDS,
      ZHENGNING_LEADING_GROUP_ID,
      ...ZHENGNING_TOWNSHIP_IDS,
    ]);
  });

  it.each([
    ['education', '县教育局', '正宁县教育局', 'government-department'],
    ['youth-league', '团县委', '共青团正宁县委员会', 'mass-organisation'],
    ['cast', '县科协', '正宁县科学技术协会', 'mass-organisation'],
    ['propaganda', '县委宣传部', '中共正宁县委宣传部', 'party-department'],
    ['science-tech', '县科技局', '正宁县科学技术局', 'government-department'],
    ['agriculture', '县农业农村局', '正宁县农业农村局', 'government-department'],
    ['trade-union', '县总工会', '正宁县总工会', 'mass-organisation'],
    ['hr-social-security', '县人社局', '正宁县人力资源和社会保障局', 'government-department'],
    ['civil-affairs', '县民政局', '正宁县民政局', 'government-department'],
    ['health', '县卫健局', '正宁县卫生健康局', 'government-department'],
    ['organisation', '县委组织部', '中共正宁县委组织部', 'party-department'],
    ['finance', '县财政局', '正宁县财政局', 'government-department'],
    ['industry-it', '县工信局', '正宁县工业和信息化局', 'government-department'],
    ['development-reform', '县发改局', '正宁县发展和改革局', 'government-department'],
    ['emergency', '县应急局', '正宁县应急管理局', 'government-department'],
  ])('%s is %s (%s), a %s named in the document', (id, name, fullName, kind) => {
    const unit = units.get(id);
    expect(unit).toMatchObject({ name, fullName, kind, provenance: { kind: 'document' } });
    expect(unit?.nameEn).toBeTruthy();
    expect(seed).toContain(name);
  });

  it('the leading group stands for every department, marked as inferred', () => {
    const group = units.get(ZHENGNING_LEADING_GROUP_ID);
    expect(group).toMatchObject({ kind: 'group', name: '县全民科学素质纲要实施工作领导小组' });
    expect(group?.aliases).toContain('县全民科学素质纲要实施工作领导小组各成员单位');
    expect(group?.members).toEqual([...ZHENGNING_DEPARTMENT_IDS]);
    expect(group?.provenance?.kind).toBe('inferred');
    expect(group?.provenance?.note).toMatch(/does not list its members/);
  });

  it('the leading group’s members are exactly the units the seed names as leads', () => {
    const printedLeads = new Set(
      seed
        .split('\n')
        .filter((l) => l.startsWith('牵头部门'))
        .flatMap((l) => l.replace(/^牵头部门\s*[:：]\s*/, '').split('、')),
    );
    const names = (units.get(ZHENGNING_LEADING_GROUP_ID)?.members ?? []).map((id) => units.get(id)?.name);
    expect(new Set(names)).toEqual(printedLeads);
  });

  it('has the ten townships, marked external and flagged where uncertain', () => {
    const townships = plan.orgUnits.filter((u) => u.kind === 'township');
    expect(townships.map((u) => [u.id, u.name])).toEqual([
      ['shanhe', '山河镇'],
      ['yonghe', '永和镇'],
      ['yulinzi', '榆林子镇'],
      ['gonghe', '宫河镇'],
      ['zhoujia', '周家镇'],
      ['qiutou', '湫头镇'],
      ['xipo', '西坡镇'],
      ['yongzheng', '永正镇'],
      ['sanjia', '三嘉乡'],
      ['wuqingyuan', '五顷塬回族乡'],
    ]);
    for (const t of townships) {
      expect(t.provenance?.kind).toBe('external');
      expect(t.provenance?.note).toMatch(/Not in the plan/);
      // Not in the seed: a township name printed there would mean the provenance is wrong.
      expect(seed).not.toContain(t.name);
    }
    expect(units.get('sanjia')?.aliases).toContain('三嘉镇');
    expect(units.get('sanjia')?.provenance?.note).toMatch(/Uncertain/);
  });
});

describe('safeguards', () => {
  it('has the six safeguards, each on the node that states it', () => {
    expect(plan.safeguards.map((s) => [s.kind, s.path])).toEqual([
      ['organisation', '5.1'],
      ['assessment', '5.2.1'],
      ['awards', '5.2.2'],
      ['monitoring', '5.2.3'],
      ['staffing', '5.3.1'],
      ['funding', '5.3.2'],
    ]);
  });

  it('records who is assessed, how often, by whom and how', () => {
    const assessment = plan.safeguards.find((s) => s.kind === 'assessment');
    expect(assessment).toMatchObject({
      assessed: ['township', 'member-unit'],
      frequency: 'periodic',
      body: '科学素质纲要实施工作督查考核组',
      method: '目标考核',
    });
    expect(seed).toContain('成立科学素质纲要实施工作督查考核组，定期对各乡镇、各成员单位');
  });

  it('names the leading group and 县科协 as coordinator, and both monitoring instruments', () => {
    expect(plan.safeguards.find((s) => s.kind === 'organisation')).toMatchObject({
      group: ZHENGNING_LEADING_GROUP_ID,
      coordinator: 'cast',
    });
    expect(plan.safeguards.find((s) => s.kind === 'monitoring')).toMatchObject({
      instruments: ['literacy-survey', 'science-statistics'],
      frequency: 'periodic',
    });
  });

  it('quotes every staffing and funding commitment from the seed', () => {
    const flat = seed.replace(/\n+/g, '');
    for (const s of plan.safeguards) {
      if (s.kind === 'staffing' || s.kind === 'funding' || s.kind === 'awards') {
        const items = s.kind === 'awards' ? s.means : s.commitments;
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) expect(flat).toContain(item);
      }
    }
  });
});

describe('targets', () => {
  it('has exactly the target ids other packages rely on', () => {
    expect(plan.targets.map((t) => t.id)).toEqual([...ZHENGNING_TARGET_IDS]);
  });
});
