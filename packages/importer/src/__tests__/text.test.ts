import { describe, expect, it } from 'vitest';
import { createDiagnostic, DIAGNOSTIC_CODES } from '../diagnostics.js';
import { chineseNumeral, chineseYear, numeralValue } from '../internal/numerals.js';
import { extractNumericFacts } from '../internal/numeric-facts.js';
import { createSourceText, spanOf } from '../internal/source-text.js';
import { formatSpan } from '../span.js';

describe('source text', () => {
  it('normalises with NFKC and maps every normalised offset back to the original', () => {
    const original = '（一）牵头部门：县科协\r\n㈡\u30001．';
    const src = createSourceText(original);
    expect(src.norm).toBe('(一)牵头部门:县科协\r\n(二) 1.');
    const at = src.norm.indexOf('县科协');
    const span = spanOf(src, at, at + 3);
    expect(original.slice(span.start, span.end)).toBe('县科协');
    // ㈡ became three characters; each maps back to the one original character.
    const second = spanOf(src, src.norm.indexOf('(二)'), src.norm.indexOf('(二)') + 3);
    expect(original.slice(second.start, second.end)).toBe('㈡');
  });

  it('counts lines after \\n, \\r\\n and a lone \\r, columns from 1', () => {
    const src = createSourceText('a\r\nbc\rd\ne');
    const at = (ch: string) => spanOf(src, src.norm.indexOf(ch), src.norm.indexOf(ch) + 1);
    expect([at('a'), at('c'), at('d'), at('e')].map((s) => formatSpan(s))).toEqual(['1:1', '2:2', '3:1', '4:1']);
  });

  it('drops zero-width spaces and byte-order marks, keeps circled numbers as printed', () => {
    const src = createSourceText('\uFEFF县\u200B科协①');
    expect(src.norm).toBe('县科协①');
  });

  it('keeps lone surrogates as they are, and grows past any NFKC expansion', () => {
    // A text that is not well formed is read back without a decoder, which would replace them.
    expect(createSourceText('a\uD800b\uDC00c').norm).toBe('a\uD800b\uDC00c');
    // Each ㈡ becomes three characters: more than the buffer's initial room.
    const expanded = createSourceText('㈡'.repeat(40));
    expect(expanded.norm).toBe('(二)'.repeat(40));
    expect(expanded.toOrig.length).toBe(121);
    expect(expanded.toOrig[120]).toBe(40);
  });

  it('formats a span as line:column, or as a range', () => {
    const span = { start: 3, end: 9, line: 2, column: 4, endLine: 3, endColumn: 1 };
    expect(formatSpan(span)).toBe('2:4');
    expect(formatSpan(span, { range: true })).toBe('2:4-3:1');
  });
});

describe('numerals', () => {
  it('reads Chinese numerals and years', () => {
    expect(['一', '十', '十二', '二十', '二十三', '一百零五', '7'].map(numeralValue)).toEqual([
      1, 10, 12, 20, 23, 105, 7,
    ]);
    expect(numeralValue('甲')).toBeUndefined();
    expect(chineseYear('二〇二二')).toBe(2022);
    expect([1, 9, 10, 11, 20, 35].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '三十五']);
  });
});

describe('numeric facts', () => {
  const read = (text: string) =>
    extractNumericFacts(text.normalize('NFKC'), 2022).map((f) => [
      f.kind,
      f.op,
      f.value,
      f.max,
      f.unit,
      f.year,
      f.cadence,
      f.word,
    ]);

  it('maps each comparator word to its operator, keeping the word', () => {
    expect(read('到2025年，比例不低于10%。')).toEqual([['target', 'gte', 10, 10, '%', 2025, 'by-deadline', '不低于']]);
    expect(read('到2025年，比例超过10%。')[0]?.[1]).toBe('gt');
    expect(read('到2025年，比例不超过10%。')[0]?.[1]).toBe('lte');
    expect(read('到2025年，比例低于10%。')[0]?.[1]).toBe('lt');
    expect(read('到2025年，比例控制在10%以下。')[0]?.slice(1, 2)).toEqual(['lte']);
    expect(read('到2025年，比例达到10%左右。')[0]?.[7]).toBe('达到…左右');
  });

  it('scales 万 and 亿, reads ranges, and keeps the period of a weekly quantity in its unit', () => {
    expect(read('年传播信息量 20 万条以上。')).toEqual([
      ['target', 'gte', 200_000, 200_000, '条', undefined, 'every-year', '以上'],
    ]);
    expect(read('投入达到1.5亿元。到2025年。')[0]?.slice(1, 5)).toEqual(['gte', 150_000_000, 150_000_000, '元']);
    expect(read('每年举办 4-6 场科普讲座。')).toEqual([
      ['target', 'range', 4, 6, '场', undefined, 'every-year', '4至6场'],
    ]);
  });

  it('reads a guarantee, a minimum or 开齐开足 as a floor (gte), a guaranteed span as its lower figure', () => {
    expect(read('确保每周 3 节体育课。')).toEqual([['target', 'gte', 3, 3, '节/周', undefined, 'every-year', '确保']]);
    expect(read('保证每月 1 次实验室开放。')[0]?.slice(1, 3)).toEqual(['gte', 1]);
    expect(read('保障每周 2-3 节劳动课。')).toEqual([
      ['target', 'gte', 2, 3, '节/周', undefined, 'every-year', '保障…2至3节'],
    ]);
    expect(read('每年开展科普讲座至少 2 至 4 场。')[0]?.slice(1, 3)).toEqual(['gte', 2]);
    expect(read('每校配备科技辅导员不少于 2 名。')[0]?.slice(1, 3)).toEqual(['gte', 2]);
    expect(read('年培训农民 500 人次以上。')[0]?.slice(1, 3)).toEqual(['gte', 500]);
    const carried = extractNumericFacts('开齐开足实验课程，初中每周 1 节实验课，高中每周 2 至 3 节。', 2022);
    expect(carried.map((f) => [f.op, f.value, f.word, f.wordCarried])).toEqual([
      ['gte', 1, '开齐开足', true],
      ['gte', 2, '开齐开足…2至3节', true],
    ]);
  });

  it('reads a value with a past year and no deadline as an observation', () => {
    expect(read('2020年全县公民科学素质比例达到 7.8%。')).toEqual([
      ['observation', 'eq', 7.8, 7.8, '%', 2020, 'by-deadline', '达到'],
    ]);
  });

  it('carries 力争 and a creation verb along the clauses of one sentence', () => {
    const facts = extractNumericFacts('力争到2025年，创建省级科普基地2处，市级科普基地3处。', 2022);
    expect(facts.map((f) => [f.value, f.word, f.wordCarried, f.cadence, f.level?.id, f.subject])).toEqual([
      [2, '力争', true, 'cumulative-by-deadline', 'provincial', '科普基地'],
      [3, '力争', true, 'cumulative-by-deadline', 'city', '科普基地'],
    ]);
  });

  it('ignores numbers that state no goal: years, periods, counts without a comparator or deadline', () => {
    expect(read('在“十四五”时期实施5项重点工程。')).toEqual([]);
    expect(read('（2022—2025年）')).toEqual([]);
    expect(read('共印80份')).toEqual([]);
  });
});

describe('diagnostics', () => {
  it('fills the bilingual template and takes the default severity', () => {
    const span = { start: 0, end: 1, line: 1, column: 1, endLine: 1, endColumn: 2 };
    const d = createDiagnostic('debris-dropped', span, { text: '位' });
    expect(d.severity).toBe(DIAGNOSTIC_CODES['debris-dropped'].severity);
    expect(d.message.zh).toContain('“位”');
    expect(d.message.en).toContain('"位"');
    expect(createDiagnostic('unit-created', span, {}, { severity: 'info', path: ['orgUnits', 0] })).toMatchObject({
      severity: 'info',
      path: ['orgUnits', 0],
    });
  });

  it('has a Chinese and an English message for every code, with the same placeholders', () => {
    for (const [code, template] of Object.entries(DIAGNOSTIC_CODES)) {
      const keys = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(keys(template.zh), code).toEqual(keys(template.en));
    }
  });
});
