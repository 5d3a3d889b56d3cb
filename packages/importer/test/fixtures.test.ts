import { describe, expect, it } from 'vitest';
import { importPlan } from '../src/index.js';
import { readFixture, taskStructure } from './helpers.js';

const codes = (r: ReturnType<typeof importPlan>) => r.diagnostics.map((d) => d.code);
const targets = (r: ReturnType<typeof importPlan>) =>
  (r.draft.targets ?? []).map((t) =>
    t.kind === 'quantitative'
      ? [
          t.links[0],
          t.comparator.op,
          t.comparator.op === 'range' ? [t.comparator.min, t.comparator.max] : t.comparator.value,
          t.cadence,
          t.deadline.year,
        ]
      : [],
  );

describe('a prefecture (州) plan with inline （牵头单位：州教育局） statements', () => {
  const text = readFixture('baihe-prefecture-2023-2025.txt');
  const result = importPlan(text);
  const tasks = taskStructure(result.draft);

  it('validates', () => {
    expect(result.issues).toEqual([]);
    expect(result.plan?.county.name).toBe('白河州');
  });

  it('reads every inline form at a paragraph’s end: labelled, labelled with partners, and verb form with 等', () => {
    expect(tasks.map((t) => [t.code, t.leads, t.partners])).toEqual([
      ['二（一）1', ['education'], []],
      ['二（一）2', ['cast'], ['education', 'youth-league']],
      ['二（一）3', ['education'], ['cast', 'science-tech']],
      ['二（二）4', ['agriculture'], []],
      ['二（二）5', ['cast'], ['agriculture', 'propaganda']],
      ['二（三）-1', ['civil-affairs'], ['health', expect.stringMatching(/^unit-[0-9a-z]{7}$/)]],
      ['二（三）-2', ['health'], ['cast']],
    ]);
    expect(codes(result)).toContain('unit-list-open');
  });

  it('keeps numbering that runs on across sections as printed in codes, and numbers paths by position', () => {
    expect(tasks.filter((t) => t.code.startsWith('二（二）')).map((t) => [t.path, t.code])).toEqual([
      ['2.2.1', '二（二）4'],
      ['2.2.2', '二（二）5'],
    ]);
    expect(codes(result)).toContain('numbering-runs-on');
  });

  it('turns unnumbered paragraphs with their own responsibility into tasks, and says the numbers are ours', () => {
    expect(result.diagnostics.filter((d) => d.code === 'unnumbered-task')).toHaveLength(2);
    expect(tasks.find((t) => t.code === '二（三）-2')?.title).toBe('普及健康科普知识，提升老年人健康素养');
  });

  it('creates the unit it does not know (州老龄办) with a stable id and flags it', () => {
    const created = result.diagnostics.find((d) => d.code === 'unit-created' && d.params.name === '州老龄办');
    expect(created).toBeDefined();
    expect(text.slice(created?.span.start, created?.span.end)).toBe('州老龄办');
    expect(importPlan(text).draft.orgUnits.find((u) => u.name === '州老龄办')?.id).toBe(created?.params.id);
  });

  it('reads the wrapper: document number, notice, recipients, signature, two-line title, footers', () => {
    const meta = result.draft.meta;
    expect(meta.documentNumber).toEqual({
      printed: '白州办发〔2023〕15号',
      prefix: '白州办发',
      year: 2023,
      number: '15',
    });
    expect(meta.title).toBe('白河州全民科学素质提升行动实施方案（2023—2025年）');
    expect(meta.issuer).toBe('白河州人民政府办公室');
    expect(meta.issueDate).toBe('2023-03-08');
    expect(meta.recipients).toEqual(['各县（市）人民政府', '州直有关单位']);
    expect(meta.printing).toEqual({ by: '白河州人民政府办公室', date: '2023-03-10' });
  });

  it('reads targets with 达到…以上, 不少于, 至少, 以上 and 力争, scaling 2万 to 20000', () => {
    expect(targets(result)).toEqual([
      ['1.2', 'gte', 10, 'by-deadline', 2025],
      ['1.2', 'gte', 3, 'cumulative-by-deadline', 2025],
      ['1.2', 'gte', 200, 'every-year', 2025],
      ['2.1.1', 'gte', 1, 'by-deadline', 2025],
      ['2.1.2', 'gte', 20000, 'every-year', 2025],
      ['2.2.1', 'gte', 1500, 'every-year', 2025],
      ['2.2.2', 'gte', 80, 'by-deadline', 2025],
    ]);
    // Years not printed next to a target are the period's end, and said so.
    expect(result.diagnostics.filter((d) => d.code === 'target-deadline-assumed')).toHaveLength(2);
  });

  it('takes audiences from the action sections’ titles, even with half-width brackets and a final 。', () => {
    expect(result.draft.audiences?.map((a) => a.id)).toEqual(['youth', 'farmers', 'elderly']);
  });
});

describe('a county plan with 责任单位： lines and the first-listed-leads convention', () => {
  const result = importPlan(readFixture('shuangling-county-2022-2025.txt'));
  const tasks = taskStructure(result.draft);

  it('validates', () => {
    expect(result.issues).toEqual([]);
  });

  it('reads 责任单位 lists by the convention the plan states once (排在第一位的为牵头单位)', () => {
    expect(tasks.slice(0, 2).map((t) => [t.code, t.leads, t.partners])).toEqual([
      ['二（一）1', ['education'], ['cast', 'youth-league']],
      ['二（一）2', ['cast'], ['education']],
    ]);
    expect(codes(result)).not.toContain('responsible-as-leads');
  });

  it('reads a unit marked （牵头） in a 责任单位 list as the lead, and a partner list wrapped after 、', () => {
    expect(tasks.slice(2, 4).map((t) => [t.code, t.leads, t.partners])).toEqual([
      ['二（二）1', ['agriculture'], ['hr-social-security', 'womens-federation']],
      ['二（二）2', ['agriculture'], ['science-tech', 'cast']],
    ]);
  });

  it('marks a task without lines of its own as inheriting the section’s closing lines', () => {
    expect(tasks.slice(4).map((t) => [t.code, t.leads, t.partners, t.inherited])).toEqual([
      ['二（三）1', ['development-reform'], ['finance', 'townships'], true],
      ['二（三）2', ['development-reform'], ['finance', 'townships'], false],
    ]);
    expect(result.draft.parts[1]?.sections?.[2]?.responsibility?.leads).toEqual(['development-reform']);
  });

  it('puts items without a （一） heading into an unnumbered section, and a final signature into the metadata', () => {
    const safeguards = result.draft.parts[2];
    expect(safeguards?.kind).toBe('safeguards');
    expect(safeguards?.sections?.[0]?.clauses?.map((c) => [c.path, c.code, c.title])).toEqual([
      ['3.1.1', '三1', '加强组织领导'],
      ['3.1.2', '三2', '加大经费投入'],
    ]);
    expect(codes(result)).toContain('implicit-section');
    expect(result.draft.meta).toMatchObject({
      issuer: '双岭县人民政府',
      issueDate: '2022-06-30',
      period: { start: 2022, end: 2025 },
    });
  });

  it('reads 超过 as gt, 累计…以上 as cumulative, and a level (县级) as a category', () => {
    expect(targets(result)).toEqual([
      ['1', 'gt', 11, 'by-deadline', 2025],
      ['1', 'gte', 4, 'by-deadline', 2025],
      ['2.1.2', 'gte', 1, 'every-year', 2025],
      ['2.2.1', 'gte', 5000, 'cumulative-by-deadline', 2024],
    ]);
    const bases = result.draft.targets?.[1];
    expect(bases?.category).toEqual({ level: 'county' });
  });
});

describe('a plan copied from a government website', () => {
  const text = readFixture('qingshui-website-2023-2025.txt');
  const result = importPlan(text);
  const tasks = taskStructure(result.draft);

  it('validates', () => {
    expect(result.issues).toEqual([]);
  });

  it('drops navigation, print and share links, counters and the site footer, each with its line', () => {
    const dropped = result.diagnostics.filter((d) => d.code === 'clutter-dropped').map((d) => d.span.line);
    expect(dropped).toEqual([1, 2, 6, 8, 9, 14, 22, 23, 24, 25, 26]);
    const all = JSON.stringify(result.draft);
    for (const junk of ['打印本页', '浏览次数', '分享到', '扫一扫', '上一篇', '版权所有', 'ICP'])
      expect(all).not.toContain(junk);
  });

  it('reads the metadata the page shows as fields: 发文字号 and 成文日期', () => {
    expect(result.draft.meta).toMatchObject({
      documentNumber: { printed: '清政办发〔2023〕7号', number: '7', year: 2023 },
      issuer: '清水县人民政府办公室',
      issueDate: '2023-04-18',
      title: '清水县全民科学素质提升实施方案（2023—2025年）',
    });
  });

  it('splits text run together on one line: headings, tasks and their 牵头单位：…；配合单位：… statements', () => {
    expect(result.draft.parts.map((p) => [p.code, p.title, p.kind])).toEqual([
      ['一', '工作目标', 'guidance'],
      ['二', '重点任务', 'actions'],
      ['三', '保障措施', 'safeguards'],
    ]);
    expect(tasks.map((t) => [t.code, t.title, t.leads, t.partners])).toEqual([
      ['二（一）1', '推进科学教育', ['education'], ['cast', 'youth-league']],
      ['二（一）2', '开展科普进校园', ['cast'], ['education']],
      ['二（二）1', '开展农村实用技术培训', ['agriculture'], ['science-tech', 'cast']],
      ['二（二）2', '建设农村科普示范基地', ['cast'], ['agriculture']],
    ]);
    expect(codes(result).filter((c) => c === 'text-split').length).toBeGreaterThanOrEqual(8);
  });

  it('keeps spans into the original line for text that was split out of one long line', () => {
    const lead = result.spans['parts[1].sections[0].tasks[1].leads[0]'];
    expect(lead?.span.line).toBe(16);
    expect(text.slice(lead?.span.start, lead?.span.end)).toBe('县科协');
  });

  it('reads the targets of the goal part, a decimal rate included', () => {
    expect(targets(result)).toEqual([
      ['1', 'gte', 10.5, 'by-deadline', 2025],
      ['1', 'gte', 100, 'every-year', 2025],
      ['2.2.1', 'gte', 3000, 'every-year', 2025],
    ]);
  });
});
