import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES } from '../../errors.js';
import { defineErrorCodes, errorCodeProblems, fillTemplate, type IssueOf } from '../error-codes.js';

const TABLE = defineErrorCodes({
  'x/no-certificate': {
    zh: '报告“{report}”缺少证书。请上传后再提交。',
    en: 'Report "{report}" lacks its certificate. Upload it, then submit again.',
  },
  'x/empty': { zh: '没有数据。', en: 'There is no data.' },
  'x/shape': { zh: '格式有误：{detail}。', en: 'Wrong shape: {detail}.' },
});

describe('defineErrorCodes', () => {
  it('builds issues whose messages are the templates filled with the params', () => {
    const issue = TABLE.issue('x/no-certificate', ['revision', 'evidence'], { report: 'r1' });
    expect(issue).toEqual({
      code: 'x/no-certificate',
      path: ['revision', 'evidence'],
      message: {
        zh: '报告“r1”缺少证书。请上传后再提交。',
        en: 'Report "r1" lacks its certificate. Upload it, then submit again.',
      },
      params: { report: 'r1' },
    });
    expectTypeOf(issue).toEqualTypeOf<IssueOf<'x/no-certificate'>>();
  });

  it('types the params from the placeholders: required when there are some, optional when none', () => {
    // @ts-expect-error: the template needs {report}
    expect(TABLE.issue('x/no-certificate', []).message.en).toContain('{report}');
    // @ts-expect-error: not a code of the table
    expect(() => TABLE.issue('x/unknown', [])).toThrow(RangeError);
    expect(TABLE.issue('x/empty', []).message.en).toBe('There is no data.');
  });

  it('copies the path and params, so changing the caller’s arrays later changes no issue', () => {
    const path: Array<string | number> = ['a'];
    const params: Record<string, string> = { report: 'r1' };
    const issue = TABLE.issue('x/no-certificate', path, { report: 'r1', ...params });
    path.push('b');
    params.report = 'r2';
    expect(issue.path).toEqual(['a']);
    expect(issue.params.report).toBe('r1');
  });

  it('knows its codes, and only its own (not Object.prototype’s)', () => {
    expect(TABLE.has('x/empty')).toBe(true);
    expect(TABLE.has('x/missing')).toBe(false);
    expect(TABLE.has('toString')).toBe(false);
  });

  it('converts zod issues with their path after the prefix and zod’s words as the detail', () => {
    const r = z.object({ a: z.array(z.number()) }).safeParse({ a: [1, 'x'] });
    if (r.success) throw new Error('expected a failure');
    const [issue] = TABLE.fromZod('x/shape', r.error.issues, ['input']);
    expect(issue?.code).toBe('x/shape');
    expect(issue?.path).toEqual(['input', 'a', 1]);
    expect(issue?.message.en).toMatch(/^Wrong shape: invalid_type: /);
  });
});

describe('fillTemplate', () => {
  it('leaves a placeholder without a value visible instead of dropping it', () => {
    expect(fillTemplate('Unit "{ref}" in {plan}', { ref: 'edu' })).toBe('Unit "edu" in {plan}');
  });
});

describe('errorCodeProblems', () => {
  it('finds a missing language, Chinese in the English text and placeholders one language lacks', () => {
    expect(
      errorCodeProblems({
        'x/a': { zh: '缺少“{ref}”。' },
        'x/b': { zh: '缺少证书。', en: 'Missing 证书.' },
        'x/c': { zh: '单位“{unit}”缺少证书。', en: 'A certificate is missing for {task}.' },
      }),
    ).toEqual([
      { code: 'x/a', field: 'en', detail: 'needs a non-empty en message' },
      { code: 'x/b', field: 'en', detail: 'the English text contains Chinese characters' },
      { code: 'x/c', field: 'en', detail: 'lacks the placeholder(s) {unit} of the other language' },
      { code: 'x/c', field: 'zh', detail: 'lacks the placeholder(s) {task} of the other language' },
    ]);
  });

  it('refuses a table that is not an object', () => {
    expect(errorCodeProblems(['x'])).toHaveLength(1);
    expect(errorCodeProblems(null)).toHaveLength(1);
  });

  it('finds nothing wrong with core’s own table', () => {
    expect(errorCodeProblems(ERROR_CODES)).toEqual([]);
  });
});
