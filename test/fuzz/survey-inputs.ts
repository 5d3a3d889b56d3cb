import fc from 'fast-check';
import * as survey from '../../packages/survey/src/index.js';
import { sampleArb } from '../../packages/survey/test/helpers/arbitraries.js';

// Valid arguments for each @kepu/survey entry point: small samples built from the package's own
// sample arbitrary. The fuzz suite runs them as they are (they must return, without a NaN) and
// mutated (one to three fields replaced by hostile values or deleted).

const small = sampleArb.filter((s) => s.y.length <= 24);

const designInput = small.map((s) => ({ weights: s.weights, strata: s.strata, psu: s.psu }));
const designOf = (s: { weights: number[]; strata: string[]; psu: string[] }) =>
  survey.createDesign({ weights: s.weights, strata: s.strata, psu: s.psu });

const rowsOf = (s: { weights: number[]; strata: string[]; psu: string[]; groups: string[]; y: number[] }) =>
  s.y.map((y, i) => ({ w: String(s.weights[i]), s: s.strata[i], p: s.psu[i], g: s.groups[i], y }));

const estimateArgs = small.map((s) => [designOf(s), s.binary, { level: 0.9 }] as const);

export const QUESTIONNAIRE = {
  id: 'q',
  items: [
    { id: 'K1', dimension: 'knowledge', points: 20, key: 'A' },
    { id: 'K2', dimension: 'knowledge', points: 20, key: ['B', 'C'] },
    { id: 'M1', dimension: 'method', points: 20, key: 'D' },
    { id: 'S1', dimension: 'spirit', points: 20, key: 'B' },
    { id: 'P1', dimension: 'application', points: 20, key: 'A' },
  ],
};

const answer = fc.oneof(
  fc.constantFrom('A', 'b', 'Ｃ', ' d ', 'Z', '', null),
  fc.array(fc.constantFrom('A', 'b', 'C', 'Ｄ'), { maxLength: 3 }),
);
const respondent = fc.record({
  id: fc.constantFrom('r1', 'r2'),
  answers: fc.record({ K1: answer, K2: answer, M1: answer, S1: answer, P1: answer }, { requiredKeys: [] }),
});

const estimateLike = small.map((s) => survey.estimateProportion(designOf(s), s.binary, { reliability: {} }));

/** The demo's options, with small townships: the demo simulates every adult, and 10,000 runs must stay quick. */
const DEMO_SURVEY_ARGS = fc.record({ seed: fc.nat(), size: fc.integer({ min: 40, max: 60 }) }).map(({ seed, size }) => [
  {
    seed,
    size,
    units: [
      { name: '城关镇', adults: 900 },
      { name: '山河镇', adults: 700, urbanShare: 0.2 },
    ],
  },
]);

/** Valid argument tuples, by export name. */
export const VALID_SURVEY_ARGS: Readonly<Record<string, fc.Arbitrary<readonly unknown[]>>> = {
  createDesign: designInput.map((d) => [d]),
  designFromRows: small.map((s) => [rowsOf(s), { weight: 'w', strata: 's', psu: 'p' }]),
  describeDesign: small.map((s) => [designOf(s)]),
  columnOf: small.map((s) => [rowsOf(s), 'g']),
  crossCells: small.map((s) => [s.strata, s.groups]),
  postStratify: small.map((s) => [
    designOf(s),
    { cells: s.groups, population: { urban: 500, rural: 700 }, partial: true },
  ]),
  rake: small.map((s) => [
    designOf(s),
    {
      margins: [
        { cells: s.groups, population: { urban: 500, rural: 700 } },
        { cells: s.strata, population: { s0: 300, s1: 300, s2: 300, s3: 300 } },
      ],
      partial: true,
      maxIterations: 5,
    },
  ]),
  marginsFromRows: small.map((s) => [rowsOf(s), [{ columns: ['g'], population: { urban: 5, rural: 7 } }]]),
  estimateMean: small.map((s) => [designOf(s), s.y, {}]),
  estimateTotal: small.map((s) => [designOf(s), s.y, { na: 'exclude' }]),
  estimateProportion: estimateArgs,
  estimateByGroup: small.map((s) => [designOf(s), s.binary, s.groups, { statistic: 'proportion' }]),
  estimateGap: small.map((s) => [designOf(s), s.binary, s.groups, { a: s.groups[0], statistic: 'proportion' }]),
  toGapEvidence: small.map((s) => [
    {
      design: designOf(s),
      literate: s.binary,
      period: 2024,
      target: 'imbalance-improved',
      dimensions: [{ id: 'residence', groups: s.groups, a: s.groups[0] }],
    },
  ]),
  toObservations: small.map((s) => [
    {
      design: designOf(s),
      literate: s.binary,
      period: 2024,
      target: 'literacy-rate',
      by: s.strata,
      unitOf: { s0: 'a', s1: 'b', s2: 'c', s3: 'd' },
    },
  ]),
  toObservedEstimate: estimateLike.map((e) => [e, { scale: 100, lang: 'en' }]),
  assessReliability: estimateLike.map((e) => [e, survey.DEFAULT_RELIABILITY]),
  formatEstimate: estimateLike.map((e) => [e, { lang: 'en', digits: 2 }]),
  proportionCi: fc.tuple(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 0.1, noNaN: true }),
    fc.integer({ min: 1, max: 50 }),
    fc.integer({ min: 2, max: 500 }),
    fc.constantFrom(0.9, 0.95),
    fc.constantFrom('logit', 'wilson', 'beta', 'wald'),
  ),
  symmetricCi: fc.tuple(
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.double({ min: 0, max: 3, noNaN: true }),
    fc.integer({ min: 1, max: 50 }),
    fc.constant(0.95),
  ),
  logGamma: fc.tuple(fc.double({ min: 0.01, max: 100, noNaN: true })),
  betaCdf: fc.tuple(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0.1, max: 50, noNaN: true }),
    fc.double({ min: 0.1, max: 50, noNaN: true }),
  ),
  betaQuantile: fc.tuple(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0.1, max: 50, noNaN: true }),
    fc.double({ min: 0.1, max: 50, noNaN: true }),
  ),
  normalCdf: fc.tuple(fc.double({ min: -10, max: 10, noNaN: true })),
  normalQuantile: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true })),
  studentTCdf: fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.integer({ min: 1, max: 100 })),
  studentTQuantile: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 100 })),
  generateDemoSurvey: DEMO_SURVEY_ARGS,
  streamDemoSurvey: DEMO_SURVEY_ARGS,
  nationalScheme: fc.constant([{ thresholds: { literate: 72 } }]),
  allDimensionsScheme: fc.constant([{ thresholds: { knowledge: 0.5, method: 0.6 } }]),
  parseQuestionnaire: fc.constant([QUESTIONNAIRE]),
  scoreRespondent: respondent.map((r) => [QUESTIONNAIRE, r]),
  scoreRespondents: fc.array(respondent, { maxLength: 4 }).map((rs) => [QUESTIONNAIRE, rs, survey.nationalScheme()]),
  isSurveyError: fc.constant([new Error('x')]),
  normalizeAnswer: fc.tuple(fc.constantFrom('b', ' Ｃ ', 'Z', 'a,b', '')),
};
