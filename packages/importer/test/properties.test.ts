import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ImportResult, importPlan } from '../src/index.js';
import { outline, readSeed } from './helpers.js';

const seed = readSeed();
const seedLines = seed.split('\n');
const expected = outline(importPlan(seed).draft);
const RUNS = { numRuns: 40 };

/** The title line of the plan: what comes before it is the covering notice. */
const TITLE_AT = seedLines.findIndex((l) => l.startsWith('正宁县全民科学素质行动计划纲要'));
/** The footer starts at 抄送. */
const FOOTER_AT = seedLines.findIndex((l) => l.startsWith('抄送'));

const L1 = /^([一二三四五六七八九十]{1,3})、/;
const L2 = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*/;
const L3 = /^(\d{1,2})\.\s*/;

describe('laws of the importer (fast-check)', () => {
  it('renumbering styles (一、/一./一． ，（一）/(一)/（一）、 ，1./1、/1．) never change the extracted structure', () => {
    const l1 = fc.constantFrom('、', '.', '．');
    const l2 = fc.constantFrom(['（', '）'], ['(', ')'], ['（', '）、'], ['(', ') ']);
    const l3 = fc.constantFrom('. ', '.', '、', '．', ' 、');
    const styles = fc.array(fc.tuple(l1, l2, l3), { minLength: seedLines.length, maxLength: seedLines.length });
    fc.assert(
      fc.property(styles, (choice) => {
        const text = seedLines
          .map((line, i) => {
            const [a, [open, close], c] = choice[i] as unknown as [string, [string, string], string];
            return line
              .replace(L1, (_, n: string) => `${n}${a}`)
              .replace(L2, (_, n: string) => `${open}${n}${close}`)
              .replace(L3, (_, n: string) => `${n}${c}`);
          })
          .join('\n');
        expect(outline(importPlan(text).draft)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('numbering that runs on across sections gives the same paths, titles and roles (only the printed codes differ)', () => {
    let n = 0;
    const text = seedLines
      .map((line) => {
        if (L1.test(line)) n = 0;
        return line.replace(L3, () => `${++n}. `);
      })
      .join('\n');
    const result = importPlan(text);
    const withoutItemCodes = (o: typeof expected) =>
      o.map((p) => ({
        ...p,
        sections: p.sections.map((s) => ({
          ...s,
          tasks: s.tasks.map(({ code: _, ...t }) => t),
          clauses: s.clauses.map(({ code: _, ...c }) => c),
        })),
      }));
    expect(withoutItemCodes(outline(result.draft))).toEqual(withoutItemCodes(expected));
    expect(result.draft.parts[2]?.sections?.[1]?.tasks?.[0]?.code).toBe('三（二）6');
    expect(result.diagnostics.some((d) => d.code === 'numbering-runs-on')).toBe(true);
  });

  it('punctuation width (，：；（）！？ full or half) never changes the extracted structure', () => {
    const pairs: Record<string, string> = {
      '，': ',',
      '：': ':',
      '；': ';',
      '（': '(',
      '）': ')',
      '！': '!',
      '？': '?',
    };
    const swap = new Map<string, string>();
    for (const [full, half] of Object.entries(pairs)) {
      swap.set(full, half);
      swap.set(half, full);
    }
    const positions = [...seed].flatMap((ch, i) => (swap.has(ch) ? [i] : []));
    fc.assert(
      fc.property(fc.subarray(positions), (flip) => {
        const chars = [...seed];
        for (const i of flip) chars[i] = swap.get(chars[i] as string) as string;
        expect(outline(importPlan(chars.join('')).draft)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('line wrapping at any fixed width from 16 to 60 never changes the extracted structure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 60 }), fc.boolean(), (width, crlf) => {
        const wrapped = seedLines.flatMap((line) => {
          const out: string[] = [];
          for (let i = 0; i < line.length; i += width) out.push(line.slice(i, i + width));
          return out.length === 0 ? [''] : out;
        });
        const text = wrapped.join(crlf ? '\r\n' : '\n');
        expect(outline(importPlan(text).draft)).toEqual(expected);
      }),
      { numRuns: 45 },
    );
  });

  it('text run together on one line (any of the body’s line breaks turned into spaces) never changes the extracted structure', () => {
    const bodyAt = seedLines.findIndex((l) => l.startsWith('一、'));
    const breaks = seedLines.flatMap((_, i) => (i >= bodyAt && i < FOOTER_AT - 1 ? [i] : []));
    fc.assert(
      fc.property(fc.subarray(breaks), (joined) => {
        const glue = new Set(joined);
        const text = seedLines
          .map((line, i) => `${line}${i < seedLines.length - 1 ? (glue.has(i) ? ' ' : '\n') : ''}`)
          .join('');
        expect(outline(importPlan(text).draft)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('inserted page-break debris (stray characters, page numbers) never changes the extracted structure', () => {
    // Debris lands where a page can break: after a finished paragraph or a responsibility line,
    // and page numbers anywhere between lines.
    const afterFinished = seedLines.flatMap((line, i) => (/[。：]$|^配合部门|^牵头部门/.test(line.trim()) ? [i] : []));
    const stray = fc.constantFrom('位', '的', '民', '。', '7', '- 12 -', '— 3 —', '第 4 页', '5');
    const pageNumber = fc.constantFrom('- 12 -', '— 3 —', '第 4 页', '18', '- 7 -');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...afterFinished), stray), { maxLength: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: seedLines.length - 1 }), pageNumber), { maxLength: 6 }),
        (strays, numbers) => {
          const extra = new Map<number, string[]>();
          for (const [at, junk] of [...strays, ...numbers]) extra.set(at, [...(extra.get(at) ?? []), '', junk, '']);
          const text = seedLines.flatMap((line, i) => [line, ...(extra.get(i) ?? [])]).join('\n');
          const result = importPlan(text);
          expect(outline(result.draft)).toEqual(expected);
          expect(result.diagnostics.filter((d) => d.code === 'debris-dropped').length).toBeGreaterThanOrEqual(2);
        },
      ),
      RUNS,
    );
  });

  it('a changed wrapper (no notice, another notice, a web page around it, other footers) never changes the extracted structure', () => {
    const body = seedLines.slice(TITLE_AT, FOOTER_AT);
    const notices = [
      [],
      seedLines.slice(0, TITLE_AT),
      [
        '庆政办发〔2023〕12号',
        '',
        '正宁县人民政府',
        '关于印发正宁县全民科学素质行动实施方案的通知',
        '',
        '各乡镇人民政府，县政府各部门：',
        '现将《正宁县全民科学素质行动计划纲要实施方案（2022—2025年）》印发给你们，请认真贯彻执行。',
        '',
        '正宁县人民政府',
        '2023年1月5日',
        '',
      ],
      [
        '首页 > 政务公开 > 政策文件',
        '发布时间：2022-10-28 来源：县政府办 浏览次数：2048',
        '【字体：大 中 小】 打印本页 关闭窗口',
        '分享到：',
        ...seedLines.slice(0, TITLE_AT),
      ],
    ];
    const footers = [
      [],
      seedLines.slice(FOOTER_AT),
      [
        '（此件公开发布）',
        '',
        '扫一扫在手机打开当前页',
        '上一篇：关于做好秋季防火工作的通知',
        '版权所有：正宁县人民政府 陇ICP备00000000号',
      ],
      ['抄送：县委办公室。', '正宁县人民政府办公室    2022年10月26日印发'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...notices), fc.constantFrom(...footers), (notice, footer) => {
        const result = importPlan([...notice, ...body, ...footer].join('\n'));
        expect(outline(result.draft)).toEqual(expected);
        expect(result.draft.meta.title).toBe('正宁县全民科学素质行动计划纲要实施方案（2022—2025年）');
      }),
      { numRuns: 16 },
    );
  });

  it('arbitrary text never throws, and every span and diagnostic points inside the text', () => {
    const tokens = fc.constantFrom(
      '一、',
      '二、前言',
      '（一）',
      '(三)',
      '1. ',
      '2、',
      '（1）',
      '①',
      '牵头部门：',
      '配合部门：',
      '牵头单位：州教育局；配合单位：',
      '责任单位：',
      '（县科协牵头，县教育局等配合）',
      '（牵头单位：',
      '县教育局',
      '团县委',
      '县全民科学素质纲要实施工作领导小组各成员单位',
      '、',
      '，',
      '。',
      '\n',
      '\n\n',
      '\r\n',
      '\u3000',
      '到2025年，',
      '达到12%以上',
      '每周 2 至 3 节',
      '20万条以上',
      '2020年',
      '力争',
      '抄送：',
      '2022年10月26日',
      '共印80份',
      '正政办发〔2022〕 号',
      '位',
      '——',
      '实施方案（2022—2025年）',
      '关于印发',
      '的通知',
      '首页 > 政务 > ',
      '㈠',
      'ﬁ',
      '\u0301',
      '😀',
      '\ud800',
      '排在第一位的为牵头单位',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .array(fc.oneof(tokens, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 120 })
        .map((a) => a.join('')),
      fc
        .array(fc.tuple(fc.nat(seed.length), fc.nat(400)), { maxLength: 8 })
        .map((cuts) => cuts.map(([at, len]) => seed.slice(at, at + len)).join('\n')),
    );
    fc.assert(
      fc.property(text, (input) => {
        let result: ImportResult | undefined;
        expect(() => {
          result = importPlan(input);
        }).not.toThrow();
        const r = result as ImportResult;
        expect(r.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
        expect(r.plan === undefined).toBe(r.issues.length > 0);
        for (const d of r.diagnostics) expectInside(d.span, input);
        for (const [path, source] of Object.entries(r.spans)) {
          expectInside(source.span, input);
          expect(isSubsequence(strip(source.text), strip(input.slice(source.span.start, source.span.end))), path).toBe(
            true,
          );
          expect(source.confidence).toBeGreaterThan(0);
          expect(source.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: importing the same text twice gives equal results', () => {
    fc.assert(
      fc.property(fc.nat(seed.length), fc.nat(seed.length), (a, b) => {
        const text = seed.slice(Math.min(a, b), Math.max(a, b));
        expect(importPlan(text)).toEqual(importPlan(text));
      }),
      { numRuns: 20 },
    );
  });
});

function expectInside(span: { start: number; end: number; line: number; column: number }, text: string) {
  expect(span.start).toBeGreaterThanOrEqual(0);
  expect(span.end).toBeGreaterThanOrEqual(span.start);
  expect(span.end).toBeLessThanOrEqual(text.length);
  expect(span.line).toBeGreaterThanOrEqual(1);
  expect(span.column).toBeGreaterThanOrEqual(1);
}

function strip(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Whether `a`'s characters appear in `b` in order (spans may cover dropped lines between joined pieces). */
function isSubsequence(a: string, b: string): boolean {
  let j = 0;
  for (let i = 0; i < b.length && j < a.length; i++) if (b[i] === a[j]) j++;
  return j === a.length;
}
