import { describe, expect, it } from 'vitest';
import { isSurveyError } from '../errors.js';
import { allDimensionsScheme, nationalScheme } from '../scheme.js';
import { parseQuestionnaire, type Questionnaire, scoreRespondent, scoreRespondents } from '../scoring.js';

// 20 items worth 5 points each: 8 knowledge (40), 4 method (20), 4 spirit (20), 4 application (20).
const items = [
  ...Array.from({ length: 8 }, (_, k) => ({ id: `K${k + 1}`, dimension: 'knowledge', points: 5, key: 'A' })),
  ...Array.from({ length: 4 }, (_, k) => ({ id: `M${k + 1}`, dimension: 'method', points: 5, key: ['A', 'C'] })),
  ...Array.from({ length: 4 }, (_, k) => ({ id: `S${k + 1}`, dimension: 'spirit', points: 5, key: 'B' })),
  ...Array.from({ length: 4 }, (_, k) => ({ id: `P${k + 1}`, dimension: 'application', points: 5, key: 'D' })),
];
const questionnaire: Questionnaire = parseQuestionnaire({ id: 'county-2024', items });

/** Answers with the first `right` items of each dimension correct. */
function answers(right: { K: number; M: number; S: number; P: number }): Record<string, string | string[] | null> {
  const out: Record<string, string | string[] | null> = {};
  for (const item of items) {
    const prefix = item.id[0] as 'K' | 'M' | 'S' | 'P';
    const k = Number(item.id.slice(1));
    out[item.id] = k <= right[prefix] ? item.key : 'X';
  }
  return out;
}

describe('national 100-point scheme', () => {
  it('a total of exactly 70 has scientific literacy (thresholds are inclusive)', () => {
    // 6×5 + 2×5 + 3×5 + 3×5 = 70
    const r = scoreRespondent(questionnaire, { id: 'r1', answers: answers({ K: 6, M: 2, S: 3, P: 3 }) });
    expect(r.total).toBe(70);
    expect(r.literate).toBe(true);
    expect(r.level).toBe('literate');
    expect(r.explanation.zh).toContain('合计 70 分');
    expect(r.explanation.zh).toContain('不低于 70 分，具备科学素质');
    expect(r.explanation.en).toContain('science knowledge 30/40 points = 30/40');
  });

  it('levels: ≥85 high, ≥55 basic, below 55; 69.x is not literate', () => {
    const score = (right: { K: number; M: number; S: number; P: number }) =>
      scoreRespondent(questionnaire, { id: 'r', answers: answers(right) });
    expect(score({ K: 8, M: 3, S: 3, P: 3 }).level).toBe('high'); // 85
    expect(score({ K: 5, M: 1, S: 3, P: 2 }).level).toBe('basic'); // 55
    expect(score({ K: 5, M: 1, S: 2, P: 2 }).level).toBe('below-basic'); // 50
    const scheme = nationalScheme({ thresholds: { literate: 72 } });
    expect(
      scoreRespondent(questionnaire, { id: 'r', answers: answers({ K: 6, M: 2, S: 3, P: 3 }) }, scheme).literate,
    ).toBe(false);
  });

  it('scales dimensions whose items do not add up to the scheme maximum, and says so', () => {
    const small = parseQuestionnaire({
      id: 'short',
      items: [
        { id: 'k1', dimension: 'knowledge', points: 1, key: 'A' },
        { id: 'k2', dimension: 'knowledge', points: 2, key: 'A' },
        { id: 'm1', dimension: 'method', points: 1, key: 'A' },
        { id: 's1', dimension: 'spirit', points: 1, key: 'A' },
        { id: 'a1', dimension: 'application', points: 1, key: 'A' },
      ],
    });
    const r = scoreRespondent(small, { id: 'r', answers: { k1: 'A', k2: 'B', m1: 'A', s1: 'A', a1: 'A' } });
    expect(r.dimensions[0]).toMatchObject({ dimension: 'knowledge', earned: 1, available: 3, max: 40 });
    expect(r.total).toBeCloseTo(40 / 3 + 60, 10);
    expect(r.explanation.zh).toContain('科学知识 1/3 分折合 13.33/40');
  });

  it('unanswered items score 0 but are listed; multiple-choice needs exactly the key', () => {
    const a = answers({ K: 8, M: 4, S: 4, P: 4 });
    a.K8 = null;
    a.M1 = ['A'];
    a.M2 = ['C', 'A', 'A'];
    const r = scoreRespondent(questionnaire, { id: 'r', answers: a });
    expect(r.missingItems).toEqual(['K8']);
    expect(r.complete).toBe(false);
    expect(r.total).toBe(90);
    expect(r.explanation.zh).toContain('未作答 1 题（K8），按 0 分计');
  });
});

describe('older all-dimensions rule', () => {
  const scheme = allDimensionsScheme({ thresholds: { knowledge: 0.75, method: 0.5, spirit: 0.5, application: 0.5 } });

  it('counts a respondent only when every dimension reaches its threshold (inclusive)', () => {
    const pass = scoreRespondent(questionnaire, { id: 'p', answers: answers({ K: 6, M: 2, S: 2, P: 2 }) }, scheme);
    expect(pass.literate).toBe(true);
    expect(pass.total).toBeNull();
    const fail = scoreRespondent(questionnaire, { id: 'f', answers: answers({ K: 8, M: 4, S: 4, P: 1 }) }, scheme);
    expect(fail.literate).toBe(false);
    expect(fail.dimensions.find((d) => d.dimension === 'application')).toMatchObject({ passed: false, score: 0.25 });
    expect(fail.explanation.zh).toContain('应用科学未达标，不具备科学素质');
  });

  it('requires explicit thresholds between 0 and 1', () => {
    expect(() => allDimensionsScheme({ thresholds: {} })).toThrow(/at least one dimension/);
    expect(() => allDimensionsScheme({ thresholds: { knowledge: 70 } })).toThrow(/between 0 and 1/);
  });
});

describe('input checks', () => {
  it('reports every problem of a batch with the respondent position', () => {
    try {
      scoreRespondents(questionnaire, [
        { id: 'ok', answers: answers({ K: 1, M: 1, S: 1, P: 1 }) },
        { id: 'bad', answers: { Z9: 'A' } },
        { id: '', answers: {} },
      ]);
      expect.unreachable();
    } catch (error) {
      expect(isSurveyError(error)).toBe(true);
      if (!isSurveyError(error)) return;
      expect(error.issues.map((i) => [i.code, i.path[1]])).toEqual([
        ['unknown-item', 1],
        ['invalid-shape', 2],
      ]);
    }
  });

  it('refuses duplicate item ids and dimensions the scheme does not score', () => {
    expect(() => parseQuestionnaire({ id: 'q', items: [items[0], items[0]] })).toThrow(/used twice/);
    const odd = parseQuestionnaire({
      id: 'q',
      items: [...items, { id: 'X1', dimension: 'health', points: 1, key: 'A' }],
    });
    expect(() => scoreRespondent(odd, { id: 'r', answers: {} })).toThrow(/"health"/);
  });
});
