import { isKepuError } from '@kepu/core';
import { errorCodeProblems } from '@kepu/core/model';
import { describe, expect, it } from 'vitest';
import { createSurveyIssue, fail, isSurveyError, SURVEY_ERROR_CODES, SurveyError } from '../errors.js';

describe('survey errors', () => {
  it('has a table with both languages, no Chinese in English and the same placeholders in each', () => {
    expect(errorCodeProblems(SURVEY_ERROR_CODES)).toEqual([]);
  });

  it('carries every issue, with the first one’s code, path and messages', () => {
    const error = new SurveyError([
      createSurveyIssue('empty-sample', ['y']),
      createSurveyIssue('lonely-psu', ['strata'], { stratum: '3', stage: '1' }),
    ]);
    expect(error.name).toBe('SurveyError');
    expect(error.code).toBe('empty-sample');
    expect(error.path).toEqual(['y']);
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe(`y: ${SURVEY_ERROR_CODES['empty-sample'].en} (+1 more)`);
    expect(error.messageZh).toBe(`y：${SURVEY_ERROR_CODES['empty-sample'].zh}（另有 1 处问题）`);
  });

  it('makes an invalid-shape error of an empty list instead of throwing', () => {
    const error = new SurveyError([]);
    expect(error.code).toBe('invalid-shape');
    expect(error.issues).toHaveLength(1);
  });

  it('is recognised by its own brand and not mistaken for core’s error', () => {
    let caught: unknown;
    try {
      fail('missing-value', ['y', 2], { row: '2', column: 'score' });
    } catch (error) {
      caught = error;
    }
    expect(isSurveyError(caught)).toBe(true);
    expect(isKepuError(caught)).toBe(false);
    expect(isSurveyError(new Error('x'))).toBe(false);
  });
});
