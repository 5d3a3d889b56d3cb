import { describe, expect, it } from 'vitest';
import {
  createDesign,
  designFromRows,
  estimateMean,
  estimateProportion,
  isSurveyError,
  marginsFromRows,
  normalizeAnswer,
  parseQuestionnaire,
  postStratify,
  scoreRespondent,
  scoreRespondents,
  toObservations,
} from '../src/index.js';

// Regression tests for what the fuzzing of issue 16 found in @kepu/survey: answers scored wrong
// in silence, sums that overflow into Infinity and NaN, text read as hexadecimal, and raw
// TypeErrors (or Object.prototype's values) from arguments of the wrong shape.

/** The SurveyError `fn` throws; fails the test on a raw error or on no error. */
function surveyError(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isSurveyError(error)) return error;
    throw new Error(`expected a SurveyError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a SurveyError, got none');
}

const questionnaire = parseQuestionnaire({
  id: 'q',
  items: [
    { id: 'K1', dimension: 'knowledge', points: 20, key: 'A' },
    { id: 'K2', dimension: 'knowledge', points: 20, key: ['B', 'C'] },
    { id: 'M1', dimension: 'method', points: 20, key: 'D' },
    { id: 'S1', dimension: 'spirit', points: 20, key: 'B' },
    { id: 'P1', dimension: 'application', points: 20, key: '对', options: ['对', '错'] },
  ],
});

describe('survey answers are normalised or flagged, never silently scored wrong', () => {
  it('lowercase, full-width and padded answers score as the key they spell', () => {
    const r = scoreRespondent(questionnaire, {
      id: 'r1',
      answers: { K1: 'a', K2: [' ｂ', 'c '], M1: 'Ｄ', S1: ' b', P1: '对' },
    });
    expect(r.total).toBe(100);
    expect(r.warnings).toEqual([]);
  });

  it('an answer that is none of the options (Z) is scored wrong and flagged unknown-answer', () => {
    const r = scoreRespondent(questionnaire, {
      id: 'r1',
      answers: { K1: 'Z', K2: ['B', 'C'], M1: 'D', S1: 'B', P1: '是' },
    });
    expect(r.total).toBe(60);
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unknown-answer', ['answers', 'K1']],
      ['unknown-answer', ['answers', 'P1']],
    ]);
    expect(r.warnings[0]?.message.zh).toContain('“Z”');
    expect(r.warnings[1]?.params.options).toBe('对/错');
    expect(r.explanation.zh).toContain('无效答案 2 题');
  });

  it('scoreRespondents puts the respondent’s position in front of each warning’s path', () => {
    const scores = scoreRespondents(questionnaire, [
      { id: 'r1', answers: { K1: 'A' } },
      { id: 'r2', answers: { K1: 'e' } },
    ]);
    expect(scores[1]?.warnings.map((w) => w.path)).toEqual([['respondents', 1, 'answers', 'K1']]);
  });

  it('an answer of spaces only is missing, not wrong', () => {
    const r = scoreRespondent(questionnaire, { id: 'r1', answers: { K1: '  ' } });
    expect(r.missingItems).toContain('K1');
    expect(r.warnings).toEqual([]);
  });

  it('normalizeAnswer: NFKC, trimmed, upper case', () => {
    expect(normalizeAnswer(' ｂ ')).toBe('B');
    expect(surveyError(() => normalizeAnswer(null as unknown as string)).code).toBe('invalid-shape');
  });
});

describe('weights and values are range-checked: no Infinity or NaN estimate', () => {
  it('weights of 1e308, each finite, whose sum overflows, are refused by createDesign', () => {
    const error = surveyError(() => createDesign({ weights: [1e308, 1e308, 1e308] }));
    expect(error.code).toBe('numeric-overflow');
    expect(error.path).toEqual(['weights']);
  });

  it('values whose weighted sums overflow give numeric-overflow, never point Infinity or se NaN', () => {
    const design = createDesign({ weights: [1, 1, 1, 1], psu: ['a', 'b', 'c', 'd'] });
    expect(surveyError(() => estimateMean(design, [1e308, 1e308, 1, 2])).code).toBe('numeric-overflow');
  });

  it('negative and non-finite weights are refused with invalid-weight', () => {
    for (const bad of [-1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(surveyError(() => createDesign({ weights: [1, bad] })).code).toBe('invalid-weight');
    }
  });

  it('a weight written "0x10" in a data file is refused, not read as 16', () => {
    const rows = [
      { w: '0x10', s: 'a' },
      { w: '2', s: 'a' },
    ];
    const error = surveyError(() => designFromRows(rows, { weight: 'w' }));
    expect(error.path).toEqual(['weights', 0]);
    expect(error.message).toContain('0x10');
    expect(surveyError(() => designFromRows([{ w: '1,5' }, { w: '2' }], { weight: 'w' })).path).toEqual(['weights', 0]);
  });
});

describe('arguments of the wrong shape give a typed SurveyError, not a TypeError', () => {
  const design = createDesign({ weights: [1, 2, 3, 4], psu: ['a', 'b', 'c', 'd'] });

  it('createDesign(null)', () => {
    const error = surveyError(() => createDesign(null as never));
    expect([error.code, error.path]).toEqual(['invalid-shape', []]);
    expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('null estimate options, values that are not a column, a forged design', () => {
    expect(surveyError(() => estimateMean(design, [1, 2, 3, 4], null as never)).path).toEqual(['options']);
    expect(surveyError(() => estimateMean(design, null as never)).path).toEqual(['y']);
    expect(surveyError(() => estimateMean({ ...design, psu: new Int32Array(4).fill(9) }, [1, 2, 3, 4])).path).toEqual([
      'design',
      'psu',
      0,
    ]);
  });

  it('respondents not an array, or holding null', () => {
    expect(surveyError(() => scoreRespondents(questionnaire, null as never)).path).toEqual(['respondents']);
    expect(surveyError(() => scoreRespondents(questionnaire, [null as never])).path).toEqual(['respondents', 0]);
  });

  it('null options of toObservations and a null population of postStratify', () => {
    expect(surveyError(() => toObservations(null as never)).path).toEqual(['options']);
    const cells = ['a', 'a', 'b', 'b'];
    expect(surveyError(() => postStratify(design, { cells, population: null as never })).path).toEqual([
      'cells',
      'population',
    ]);
  });

  it('a label nested 100,000 deep is refused, not a stack overflow', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const error = surveyError(() => createDesign({ strata: [deep as string, 'a', 'b'], lonelyPsu: 'remove' }));
    expect(error.path).toEqual(['strata', 0]);
  });

  it('a proportion of an object-valued estimate option is refused', () => {
    expect(surveyError(() => estimateProportion(design, [0, 1, 0, 1], { level: {} as never })).path).toEqual([
      'options',
      'level',
    ]);
  });
});

describe('a column named __proto__ is read from the records, never from Object.prototype', () => {
  // JSON.parse makes "__proto__" an own property, as a CSV reader keying rows by header may.
  const rows = JSON.parse(
    '[{"__proto__":"城关镇","w":"1"},{"__proto__":"城关镇","w":"2"},{"__proto__":"山河镇","w":"3"},{"__proto__":"山河镇","w":"4"}]',
  ) as Array<Record<string, string>>;

  it('designFromRows', () => {
    const design = designFromRows(rows, { weight: 'w', strata: '__proto__' });
    expect(design.strataLabels).toEqual(['城关镇', '山河镇']);
  });

  it('marginsFromRows', () => {
    const [margin] = marginsFromRows(rows, [{ columns: ['__proto__'], population: { 城关镇: 10, 山河镇: 20 } }]);
    expect(Array.from(margin!.cells)).toEqual(['城关镇', '城关镇', '山河镇', '山河镇']);
  });

  it('a record without the column has no value there (not Object.prototype)', () => {
    const rows: Array<Record<string, string>> = [{ w: '1' }, { w: '2' }];
    const error = surveyError(() => designFromRows(rows, { weight: 'w', strata: '__proto__' }));
    expect(error.code).toBe('missing-key');
  });
});
