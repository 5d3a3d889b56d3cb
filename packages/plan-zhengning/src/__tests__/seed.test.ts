import { indexPlan, resolveUnit } from '@kepu/core';
import { describe, expect, it } from 'vitest';
import { zhengningPlan } from '../plan.js';
import { bodyParagraphs, readSeedSections, readSeedText } from './seed-reader.js';

// The issued text is the authority: every task's code, title, text, leads and partners are read
// from the vendored seed by an independent reader and compared with the data, so a lead typed
// wrong in plan.ts fails here.

const seed = readSeedText();
const sections = readSeedSections(seed);
const seedTasks = sections.flatMap((s) => s.tasks);
const index = indexPlan(zhengningPlan);

/** Resolves printed names to unit ids through the plan's names and aliases; unknown names stay visible. */
const ids = (names: readonly string[]) => names.map((name) => resolveUnit(zhengningPlan, name)?.id ?? `?${name}`);

describe('the seed reader', () => {
  it('finds the 33 numbered tasks of 三 and 四, 5+3+3+3+3 and 3+3+3+4+3', () => {
    expect(seedTasks).toHaveLength(33);
    expect(sections.map((s) => s.tasks.length)).toEqual([5, 3, 3, 3, 3, 3, 3, 3, 4, 3]);
  });

  it('drops the page-break debris and joins words a page break cut', () => {
    const body = bodyParagraphs(seed);
    expect(body).not.toContain('位');
    expect(body.some((p) => p.includes('2020年全县公民科学素质比例达到 7.8%'))).toBe(true);
    expect(body.some((p) => p.includes('不断提高农民的创新能力和生产能力。'))).toBe(true);
  });

  it('finds that only 四（五）1 and 2 lack lines of their own', () => {
    expect(seedTasks.filter((t) => t.inherited).map((t) => t.code)).toEqual(['四（五）1', '四（五）2']);
  });
});

describe.each(seedTasks)('task $code', (printed) => {
  const node = index.nodes.get(printed.path);
  const task = node?.kind === 'task' ? node.task : undefined;

  it('exists at its path with the printed code, title and text', () => {
    expect(task).toBeDefined();
    expect(task?.code).toBe(printed.code);
    expect(task?.title).toBe(printed.title);
    expect(task?.text).toBe(printed.text);
  });

  it(`has the printed leads (${printed.leads.join('、')})`, () => {
    expect(printed.leads.length).toBeGreaterThan(0);
    expect(task?.leads).toEqual(ids(printed.leads));
    // Each printed lead name is a unit's own printed name, not an accident of some alias.
    for (const name of printed.leads) expect(resolveUnit(zhengningPlan, name)?.name).toBe(name);
  });

  it('has the printed partners and inherited mark', () => {
    expect(task?.partners).toEqual(ids(printed.partners));
    expect(task?.inherited).toBe(printed.inherited);
  });
});

describe.each(sections)('section $code', (printed) => {
  it('has the printed title, intro text and task count', () => {
    const node = index.nodes.get(printed.path);
    expect(node?.kind).toBe('section');
    if (node?.kind !== 'section') return;
    expect(node.section.code).toBe(printed.code);
    expect(node.section.title).toBe(printed.title);
    expect(node.section.text).toBe(printed.text);
    expect(node.section.tasks.map((t) => t.path)).toEqual(printed.tasks.map((t) => t.path));
  });
});

describe('section-level responsibility', () => {
  it('四（五） records its closing lines on the section and marks 1 and 2 inherited', () => {
    const node = index.nodes.get('4.5');
    if (node?.kind !== 'section') throw new Error('4.5 is not a section');
    expect(node.section.responsibility?.leads).toEqual(['science-tech', 'cast']);
    expect(node.section.responsibility?.partners).toEqual(['leading-group']);
    expect(node.section.tasks.map((t) => [t.code, t.inherited])).toEqual([
      ['四（五）1', true],
      ['四（五）2', true],
      ['四（五）3', false],
    ]);
  });

  it('no other section carries shared lines', () => {
    const withShared = index.tasks.filter((n) => n.section.responsibility !== undefined).map((n) => n.section.path);
    expect([...new Set(withShared)]).toEqual(['4.5']);
  });
});
