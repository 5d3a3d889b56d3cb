import { formatPath, validatePlan } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSpan, importPlan } from '../src/index.js';
import { numericTargets, readSeed, repeatedSeed, taskStructure } from './helpers.js';

const seed = readSeed();

describe('the Zhengning seed, imported', () => {
  const withDirectory = importPlan(seed, { directory: zhengningPlan.orgUnits, county: { id: 'zhengning' } });
  const bare = importPlan(seed);

  it('validates, with and without the curated units as directory', () => {
    expect(withDirectory.issues).toEqual([]);
    expect(withDirectory.plan).toBeDefined();
    expect(bare.issues).toEqual([]);
    expect(bare.plan).toBeDefined();
  });

  it('has the same 33 tasks as the hand-curated plan: codes, titles, leads, partners, inherited marks', () => {
    const expected = taskStructure(zhengningPlan);
    expect(expected).toHaveLength(33);
    expect(taskStructure(withDirectory.plan as NonNullable<typeof withDirectory.plan>)).toEqual(expected);
  });

  it('gives the same ids without a directory: the built-in department table agrees with the curated ids', () => {
    expect(taskStructure(bare.draft)).toEqual(taskStructure(zhengningPlan));
  });

  it('has the same numeric targets as the hand-curated plan: values, comparators, years', () => {
    const mine = numericTargets(withDirectory.draft);
    expect(mine).toHaveLength(8);
    expect(mine).toEqual(numericTargets(zhengningPlan));
  });

  it('gives every imported quantitative target the default aggregation rule, a county figure (never added twice)', () => {
    const quantitative = (withDirectory.draft.targets ?? []).filter((t) => t.kind === 'quantitative');
    expect(quantitative.length).toBeGreaterThan(0);
    for (const t of quantitative) expect(t.aggregation).toEqual({ kind: 'county-figure' });
  });

  it('reads the literacy target with its 2020 baseline from the preface', () => {
    const target = withDirectory.draft.targets?.find((t) => t.indicator === 'literacy-rate');
    expect(target).toMatchObject({
      kind: 'quantitative',
      links: ['2.3'],
      comparator: { op: 'gte', value: 12, word: '达到…以上' },
      baseline: { value: 7.8, year: 2020 },
      deadline: { year: 2025 },
    });
  });

  it('has the same parts and sections, and the section closing 四（五） as its shared responsibility', () => {
    const outline = (plan: typeof zhengningPlan | typeof withDirectory.draft) =>
      plan.parts.map((p) => [p.code, p.title, p.kind, (p.sections ?? []).map((s) => [s.code, s.title])]);
    expect(outline(withDirectory.draft)).toEqual(outline(zhengningPlan));
    const shared = withDirectory.draft.parts[3]?.sections?.[4]?.responsibility;
    const curated = zhengningPlan.parts[3]?.sections[4]?.responsibility;
    expect(shared?.leads).toEqual(curated?.leads);
    expect(shared?.partners).toEqual(curated?.partners);
  });

  it('reads the metadata as printed, keeping the blank document number as null', () => {
    const meta = withDirectory.draft.meta;
    expect(meta.title).toBe(zhengningPlan.meta.title);
    expect(meta.issuer).toBe(zhengningPlan.meta.issuer);
    expect(meta.issueDate).toBe('2022-10-26');
    expect(meta.period).toEqual({ start: 2022, end: 2025 });
    expect(meta.documentNumber).toEqual({
      printed: '正政办发〔2022〕 号',
      prefix: '正政办发',
      year: 2022,
      number: null,
    });
    expect(meta.distribution).toEqual(['县委办公室', '人大常委会办公室', '县政协办公室']);
    expect(meta.printing).toMatchObject({ date: '2022-10-26', copies: 80 });
    expect(withDirectory.draft.county.name).toBe('正宁县');
  });

  it('has the four principles and the five audiences of the curated plan', () => {
    expect(withDirectory.draft.principles?.map((p) => p.title)).toEqual(zhengningPlan.principles.map((p) => p.title));
    expect(withDirectory.draft.audiences?.map((a) => a.id)).toEqual(zhengningPlan.audiences.map((a) => a.id));
  });

  it('creates no unit when the curated units are the directory, and flags every unit it creates without one', () => {
    expect(withDirectory.diagnostics.filter((d) => d.code === 'unit-created')).toEqual([]);
    expect(withDirectory.draft.orgUnits).toEqual(zhengningPlan.orgUnits.map((u) => ({ ...u })));
    const created = bare.diagnostics.filter((d) => d.code === 'unit-created').map((d) => d.params.id);
    expect(created.sort()).toEqual(bare.draft.orgUnits.map((u) => u.id).sort());
    expect(bare.diagnostics.some((d) => d.code === 'group-members-inferred')).toBe(true);
  });

  it('drops the two stray 位 lines and joins 公/民 across the page break, saying where', () => {
    const debris = withDirectory.diagnostics.filter((d) => d.code === 'debris-dropped');
    expect(debris.map((d) => [d.params.text, seed.slice(d.span.start, d.span.end)])).toEqual([
      ['位', '位'],
      ['位', '位'],
    ]);
    const lines = seed.split('\n');
    for (const d of debris) expect(lines[d.span.line - 1]).toBe('位');
    const join = withDirectory.diagnostics.find((d) => d.code === 'lines-joined' && d.params.before?.endsWith('公'));
    expect(join?.params.after?.startsWith('民')).toBe(true);
    const preface = withDirectory.draft.parts[0]?.text ?? '';
    expect(preface).toContain('2020年全县公民科学素质比例达到 7.8%');
    expect(preface).not.toContain('公\n');
  });

  it('keeps a span into the original text for every task field, pointing at the printed words', () => {
    const plan = withDirectory.draft;
    plan.parts.forEach((part, p) => {
      part.sections?.forEach((section, s) => {
        section.tasks?.forEach((task, t) => {
          const at = formatPath(['parts', p, 'sections', s, 'tasks', t]);
          const title = withDirectory.spans[`${at}.title`];
          expect(title && seed.slice(title.span.start, title.span.end)).toBe(task.title);
          expect(withDirectory.spans[`${at}.code`]).toBeDefined();
          expect(withDirectory.spans[`${at}.text`]?.text).toBe(task.text);
          task.leads.forEach((id, j) => {
            const lead = withDirectory.spans[`${at}.leads[${j}]`];
            const unit = zhengningPlan.orgUnits.find((u) => u.id === id);
            expect(lead && seed.slice(lead.span.start, lead.span.end)).toBe(unit?.name);
            expect(lead?.confidence).toBeGreaterThan(0);
          });
        });
      });
    });
    // Units the import created are located where the text first names them.
    bare.draft.orgUnits.forEach((unit, i) => {
      const source = bare.spans[`orgUnits[${i}].name`];
      expect(source && seed.slice(source.span.start, source.span.end), unit.id).toBe(
        unit.kind === 'group' ? `${unit.name}各成员单位` : unit.name,
      );
    });
    const inherited = withDirectory.spans['parts[3].sections[4].tasks[0].inherited'];
    expect(inherited?.span.line).toBeGreaterThan(0);
    expect(seed.slice(inherited?.span.start, inherited?.span.end)).toMatch(/^牵头部门/);
  });

  it('points line and column at the text: 三（一）2 on its line', () => {
    const span = withDirectory.spans['parts[2].sections[0].tasks[1].title']?.span;
    expect(span).toBeDefined();
    const line = seed.split('\n')[(span?.line ?? 1) - 1] ?? '';
    expect(line.slice((span?.column ?? 1) - 1)).toMatch(/^加强基础教育阶段的科技教育/);
    expect(formatSpan(span as NonNullable<typeof span>)).toBe(`${span?.line}:4`);
  });

  it('reports no warning or error on the seed when given the curated units', () => {
    const serious = withDirectory.diagnostics.filter((d) => d.severity !== 'info');
    expect(serious.map((d) => `${d.code} ${d.message.en}`)).toEqual([]);
  });

  it('is deterministic: the same text gives the same result', () => {
    expect(importPlan(seed)).toEqual(bare);
  });

  it('produces a plan that core accepts unchanged when round-tripped through JSON', () => {
    expect(validatePlan(JSON.parse(JSON.stringify(withDirectory.draft))).ok).toBe(true);
  });
});

describe("the seed repeated N times (the bench's long document)", () => {
  const seedDraft = importPlan(seed).draft;
  const seedTasks = taskStructure(seedDraft);
  /** Moves a task path (`3.1.2`) on by `by` parts. */
  const shiftPart = (path: string, by: number) => path.replace(/^\d+/, (n) => String(Number(n) + by));

  it("law: N copies give N times the tasks, copy c the seed's tasks with its parts numbered on by c × the seed's parts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), (n) => {
        const result = importPlan(repeatedSeed(n));
        const tasks = taskStructure(result.draft);
        expect(tasks).toHaveLength(n * seedTasks.length);
        const expected = Array.from({ length: n }, (_, c) =>
          seedTasks.map((t) => ({ ...t, path: shiftPart(t.path, c * seedDraft.parts.length) })),
        ).flat();
        expect(tasks).toEqual(expected);
        expect(result.draft.targets ?? []).toHaveLength(n * (seedDraft.targets ?? []).length);
      }),
      { numRuns: 6 },
    );
  });
});
