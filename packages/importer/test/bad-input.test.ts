import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importPlan } from '../src/index.js';
import { readSeed, repeatedSeed } from './helpers.js';

/** Whatever the text, the importer returns a result with diagnostics; no rule fails inside it. */
function expectHandled(text: string) {
  const result = importPlan(text);
  expect(result.draft).toBeDefined();
  expect(result.diagnostics.map((d) => d.code)).not.toContain('internal-error');
  return result;
}

describe('bad input never throws and is reported', () => {
  it('an empty text: no structure, no title, and the draft says what is missing', () => {
    const result = expectHandled('');
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes).toContain('no-structure');
    expect(codes).toContain('title-missing');
    expect(result.plan).toBeUndefined();
    expect(result.issues.length).toBeGreaterThan(0);
  });

  it('binary data (a file read as text by mistake)', () => {
    let bytes = '';
    for (let i = 0; i < 4096; i++) bytes += String.fromCharCode((i * 7919) % 256);
    const result = expectHandled(`\u0000PK\u0003\u0004${bytes}\uFFFD\uD800`);
    expect(result.diagnostics.map((d) => d.code)).toContain('no-structure');
  });

  it('a 5 MB text (the seed repeated) is read whole', () => {
    const copies = Math.ceil(5_000_000 / readSeed().length);
    const result = expectHandled(repeatedSeed(copies));
    const tasks = result.draft.parts.flatMap((p) => (p.sections ?? []).flatMap((s) => s.tasks ?? []));
    expect(tasks.length).toBe(33 * copies);
  }, 120_000);

  it('a plan of another kind (no tasks, no responsibilities): read as far as it goes, and said so', () => {
    const text = [
      '示例县人民政府办公室关于召开全县春季农业生产工作会议的通知',
      '各乡镇人民政府，县直有关部门：',
      '经县政府研究，定于2023年3月10日召开全县春季农业生产工作会议。现将有关事项通知如下：',
      '一、会议时间',
      '2023年3月10日上午9时。',
      '二、参会人员',
      '各乡镇分管负责同志。',
      '示例县人民政府办公室',
      '2023年3月6日',
    ].join('\n');
    const result = expectHandled(text);
    const codes = result.diagnostics.map((d) => d.code);
    expect(result.draft.parts.map((p) => p.title)).toEqual(['会议时间', '参会人员']);
    expect(codes).toContain('title-missing');
    expect(result.plan).toBeUndefined();
  });

  it('law: any string at all (unicode, control characters, lone surrogates) gives a result and never an internal error', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expectHandled(text);
      }),
      { numRuns: 150 },
    );
  });

  it('law: any mix of heading markers, responsibility labels and brackets never fails a rule', () => {
    const token = fc.constantFrom(
      '一、',
      '（一）',
      '(二)',
      '1.',
      '（1）',
      '①',
      '第一章',
      '第一节',
      '牵头单位：',
      '配合单位：',
      '县科协',
      '牵头',
      '配合',
      '（',
      '）',
      '。',
      '，',
      '\n',
      '\n\n',
      ' ',
      '|',
      '\t',
      '2025年',
      '持续增长',
      '每所学校要配备',
      '〔2022〕9号',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 120 }), (tokens) => {
        expectHandled(tokens.join(''));
      }),
      { numRuns: 150 },
    );
  });
});
