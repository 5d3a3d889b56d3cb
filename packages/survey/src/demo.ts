import { createDesign, type SurveyDesign } from './design.js';
import { fail } from './errors.js';
import { checkDemoOptions } from './internal/demo-options.js';
import { createRandom, type Random } from './internal/random.js';
import type { MarginSpec } from './margin-spec.js';
import { parseQuestionnaire, type Questionnaire, type RespondentScore, scoreRespondents } from './scoring.js';

/**
 * A township (or any stratum) of the demo county. Without `adults` and `urbanShare` they are drawn
 * from the seed: the first unit is taken as the county seat (larger, mostly urban).
 *
 * @example
 * ```ts
 * import type { DemoUnit } from '@kepu/survey';
 * const seat: DemoUnit = { id: 'shanhe', name: '山河镇', adults: 36_000, urbanShare: 0.7 };
 * ```
 */
export interface DemoUnit {
  /** Unit id, used in village codes (`shanhe-v03`). */
  readonly id?: string;
  /** The name written in the respondents' `township` column. */
  readonly name: string;
  /** Residents aged 18–69. */
  readonly adults?: number;
  /** Share of those living in urban communities (0–1). */
  readonly urbanShare?: number;
}

/**
 * Options of {@link generateDemoSurvey}.
 *
 * @example
 * ```ts
 * import type { DemoSurveyOptions } from '@kepu/survey';
 * const options: DemoSurveyOptions = { seed: 7, year: 2024, units: ['城关镇', '山河镇', '永和镇'], size: 600 };
 * ```
 */
export interface DemoSurveyOptions {
  /** @default 1 */
  readonly seed?: number;
  /** The survey's year. @default 2024 */
  readonly year?: number;
  /** The townships: names, or units with ids and sizes. At least two. */
  readonly units: ReadonlyArray<string | DemoUnit>;
  /** Respondents, about: 20 per township to 1,000,000. @default 2000 */
  readonly size?: number;
  /**
   * The population's share with scientific literacy that the model is calibrated to.
   * @default 7.8 % in 2020 plus 0.7 points a year (10.6 % in 2024): a demo trend from Zhengning's baseline, not data
   */
  readonly literacyRate?: number;
}

/**
 * A demo respondent: a respondent record with every classification and design field filled.
 *
 * @example
 * ```ts
 * import type { DemoRespondent } from '@kepu/survey';
 * const where = (r: DemoRespondent) => `${r.township} ${r.village} (${r.residence})`;
 * ```
 */
export interface DemoRespondent {
  readonly id: string;
  readonly answers: Readonly<Record<string, string | string[] | null>>;
  readonly township: string;
  readonly village: string;
  readonly residence: 'urban' | 'rural';
  readonly sex: 'male' | 'female';
  readonly ageBand: string;
  readonly education: string;
  readonly stratum: string;
  readonly psu: string;
  /** Base weight: adults represented. */
  readonly weight: number;
  /** Villages and communities in the township: the stage-1 population size. */
  readonly villages: number;
  /** Adults in the respondent's village or community: the stage-2 population size. */
  readonly villageAdults: number;
}

/**
 * A generated survey round, ready for scoring, estimation, raking and the plan.
 *
 * @example
 * ```ts
 * import { estimateProportion, generateDemoSurvey, type DemoSurvey } from '@kepu/survey';
 * const demo: DemoSurvey = generateDemoSurvey({ units: ['甲镇', '乙镇', '丙乡'], size: 600 });
 * estimateProportion(demo.design, demo.literate).point; // about 0.1
 * ```
 */
export interface DemoSurvey {
  readonly seed: number;
  readonly year: number;
  readonly questionnaire: Questionnaire;
  readonly respondents: readonly DemoRespondent[];
  /** Each respondent scored with the national scheme. */
  readonly scores: readonly RespondentScore[];
  readonly literate: readonly boolean[];
  /**
   * Strata = townships, PSUs = villages and communities, base weights, and finite population
   * corrections at both stages (villages per township, adults per village).
   */
  readonly design: SurveyDesign;
  /** The population model per township, and the sample drawn there. */
  readonly units: ReadonlyArray<{
    readonly id?: string;
    readonly name: string;
    readonly adults: number;
    readonly urbanShare: number;
    readonly psus: number;
    readonly sampledPsus: number;
    readonly respondents: number;
  }>;
  /** Population counts for raking: township, residence, sex, age band (column names of `rows`). */
  readonly margins: readonly MarginSpec[];
  /** The model population's share with scientific literacy (what a perfect survey would find). */
  readonly expectedRate: number;
  /** Column order of `rows`. */
  readonly columns: readonly string[];
  /** Flat records for a CSV file: one per respondent, multiple-choice answers joined by `;`, unanswered as null. */
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number | null>>>;
}

/**
 * A demo survey round drawn one respondent at a time (see {@link streamDemoSurvey}): what
 * {@link DemoSurvey} holds, less the respondents, their scores and the design, which a caller
 * builds as it goes.
 *
 * @example
 * ```ts
 * import { streamDemoSurvey, type DemoSurveyStream } from '@kepu/survey';
 * const demo: DemoSurveyStream = streamDemoSurvey({ units: ['甲镇', '乙镇', '丙乡'], size: 600 });
 * demo.size; // respondents that respondents() will draw
 * ```
 */
export interface DemoSurveyStream {
  readonly seed: number;
  readonly year: number;
  readonly questionnaire: Questionnaire;
  /** How many respondents {@link DemoSurveyStream.respondents} draws. */
  readonly size: number;
  readonly units: DemoSurvey['units'];
  readonly margins: readonly MarginSpec[];
  readonly expectedRate: number;
  /** Column order of {@link DemoSurveyStream.row}. */
  readonly columns: readonly string[];
  /** The respondents, in order, each drawn when asked for; every call starts again from the seed. */
  respondents(): Generator<DemoRespondent, void, undefined>;
  /** A respondent as a flat record for a CSV file (multiple-choice answers joined by `;`, unanswered as null). */
  row(respondent: DemoRespondent): Record<string, string | number | null>;
}

const AGE_BANDS = ['18-29', '30-39', '40-49', '50-59', '60-69'] as const;
const EDUCATION = ['primary-or-less', 'junior-secondary', 'senior-secondary', 'tertiary'] as const;
const SEXES = ['male', 'female'] as const;

/** Shares of the age bands, by residence: rural townships are older. */
const AGE_SHARES: Record<'urban' | 'rural', readonly number[]> = {
  urban: [0.22, 0.23, 0.22, 0.18, 0.15],
  rural: [0.15, 0.15, 0.2, 0.24, 0.26],
};
/** Education by residence and age band. */
const EDUCATION_SHARES: Record<'urban' | 'rural', ReadonlyArray<readonly number[]>> = {
  urban: [
    [0.03, 0.22, 0.35, 0.4],
    [0.05, 0.3, 0.35, 0.3],
    [0.12, 0.4, 0.33, 0.15],
    [0.25, 0.42, 0.25, 0.08],
    [0.45, 0.35, 0.15, 0.05],
  ],
  rural: [
    [0.1, 0.45, 0.28, 0.17],
    [0.15, 0.55, 0.2, 0.1],
    [0.3, 0.55, 0.12, 0.03],
    [0.5, 0.4, 0.08, 0.02],
    [0.7, 0.25, 0.04, 0.01],
  ],
};
/** Effects on the latent ability (logit scale of the item model). */
const EFFECT = {
  urban: 0.1,
  male: 0.1,
  age: [0.2, 0.1, 0, -0.15, -0.35],
  education: [-0.7, -0.15, 0.35, 0.85],
  townshipSd: 0.15,
  villageSd: 0.2,
  personSd: 0.7,
} as const;
const DISCRIMINATION = 1.5;
const MISSING_ANSWER = 0.01;
const RESPONDENTS_PER_PSU = 25;

interface DemoItem {
  readonly id: string;
  readonly dimension: string;
  readonly points: number;
  readonly key: string | string[];
  readonly difficulty: number;
}

const OPTIONS = ['A', 'B', 'C', 'D'];

/** The demo questionnaire: fixed (it does not depend on the seed), 50 items of 2 points. */
function demoItems(): DemoItem[] {
  const random = createRandom(20_240_601);
  const plan: Array<[string, string, number]> = [
    ['knowledge', 'K', 20],
    ['method', 'M', 10],
    ['spirit', 'S', 10],
    ['application', 'P', 10],
  ];
  const items: DemoItem[] = [];
  for (const [dimension, prefix, count] of plan) {
    for (let k = 0; k < count; k++) {
      // Every fifth item is multiple choice (exactly two options right).
      const multiple = k % 5 === 4;
      const key = multiple ? random.sample(4, 2).map((i) => OPTIONS[i]!) : OPTIONS[random.int(4)]!;
      // Difficulties spread evenly, then shuffled within the dimension.
      const difficulty = -1.6 + (3 * (k + random.next())) / count;
      items.push({ id: `${prefix}${String(k + 1).padStart(2, '0')}`, dimension, points: 2, key, difficulty });
    }
  }
  return items;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * P(total ≥ 70) for a person whose mean ability is μ, over the person-level noise: the exact
 * distribution of the number of right answers at each ability on a grid, averaged over
 * N(0, personSd²) by quadrature on the same grid.
 */
function literacyCurve(items: readonly DemoItem[]): (mu: number) => number {
  const lo = -8;
  const step = 0.01;
  const size = 1601;
  const needed = Math.ceil(70 / 2);
  const given = new Float64Array(size);
  const dist = new Float64Array(items.length + 1);
  for (let g = 0; g < size; g++) {
    const theta = lo + g * step;
    dist.fill(0);
    dist[0] = 1;
    items.forEach((item, j) => {
      const p = (1 - MISSING_ANSWER) * logistic(DISCRIMINATION * (theta - item.difficulty));
      for (let k = j + 1; k >= 1; k--) dist[k] = dist[k]! * (1 - p) + dist[k - 1]! * p;
      dist[0] = dist[0]! * (1 - p);
    });
    let tail = 0;
    for (let k = needed; k <= items.length; k++) tail += dist[k]!;
    given[g] = tail;
  }
  // Convolve with the person-level normal (±6 sd), renormalising the discrete kernel.
  const sd = EFFECT.personSd;
  const reach = Math.ceil((6 * sd) / step);
  const kernel = Float64Array.from({ length: 2 * reach + 1 }, (_, k) =>
    Math.exp(-0.5 * (((k - reach) * step) / sd) ** 2),
  );
  const mass = kernel.reduce((a, b) => a + b, 0);
  const curve = new Float64Array(size);
  for (let g = 0; g < size; g++) {
    let sum = 0;
    for (let k = -reach; k <= reach; k++) sum += kernel[k + reach]! * given[Math.min(size - 1, Math.max(0, g + k))]!;
    curve[g] = sum / mass;
  }
  return (mu) => {
    const x = (mu - lo) / step;
    if (x <= 0) return curve[0]!;
    if (x >= size - 1) return curve[size - 1]!;
    const i = Math.floor(x);
    return curve[i]! + (curve[i + 1]! - curve[i]!) * (x - i);
  };
}

interface Psu {
  readonly code: string;
  readonly unit: number;
  readonly residence: 'urban' | 'rural';
  readonly adults: number;
  readonly effect: number;
}

/** The share of each (sex, age, education) cell in a PSU of a residence. */
function cellShares(residence: 'urban' | 'rural'): Array<{ sex: number; age: number; edu: number; share: number }> {
  const out: Array<{ sex: number; age: number; edu: number; share: number }> = [];
  const male = residence === 'urban' ? 0.5 : 0.51;
  for (let s = 0; s < 2; s++)
    for (let a = 0; a < AGE_BANDS.length; a++)
      for (let e = 0; e < EDUCATION.length; e++) {
        const share = (s === 0 ? male : 1 - male) * AGE_SHARES[residence][a]! * EDUCATION_SHARES[residence][a]![e]!;
        out.push({ sex: s, age: a, edu: e, share });
      }
  return out;
}

function meanAbility(residence: 'urban' | 'rural', sex: number, age: number, edu: number): number {
  return (
    (residence === 'urban' ? EFFECT.urban : 0) +
    (sex === 0 ? EFFECT.male : 0) +
    EFFECT.age[age]! +
    EFFECT.education[edu]!
  );
}

function normaliseUnits(
  units: ReadonlyArray<string | DemoUnit>,
  random: Random,
): Array<{ id?: string; name: string; adults: number; urbanShare: number; code: string; effect: number }> {
  return units.map((raw, k) => {
    const unit: DemoUnit = typeof raw === 'string' ? { name: raw } : raw;
    const seat = k === 0;
    const adults = unit.adults ?? Math.round(seat ? random.uniform(30_000, 40_000) : random.uniform(6_000, 14_000));
    const urbanShare = unit.urbanShare ?? (seat ? random.uniform(0.6, 0.75) : random.uniform(0.1, 0.22));
    if (!(adults > 0) || !(urbanShare >= 0 && urbanShare <= 1)) {
      fail('invalid-option', ['units', k], {
        option: `units[${k}]`,
        value: `${adults}, ${urbanShare}`,
        detail: 'adults must be positive and urbanShare between 0 and 1',
      });
    }
    return {
      ...(unit.id !== undefined ? { id: unit.id } : {}),
      name: unit.name,
      adults,
      urbanShare,
      code: unit.id ?? `t${k + 1}`,
      effect: EFFECT.townshipSd * random.normal(),
    };
  });
}

/** Splits `total` into `parts` positive integers of uneven size. */
function split(total: number, parts: number, random: Random): number[] {
  const raw = Array.from({ length: parts }, () => random.uniform(0.6, 1.4));
  const sum = raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((r) => Math.max(1, Math.floor((r / sum) * total)));
  let rest = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts, rest--) sizes[i]! += 1;
  return sizes;
}

/**
 * The demo survey of {@link generateDemoSurvey} drawn one respondent at a time: the county, the
 * questionnaire, the margins and the plan of the sample are worked out now; `respondents()` draws
 * the same respondents, in the same order, as `generateDemoSurvey` holds, each when it is asked
 * for, so a caller that writes and scores each one and lets it go needs memory for one. Each call
 * of `respondents()` starts again from the seed.
 *
 * @example
 * ```ts
 * import { streamDemoSurvey } from '@kepu/survey';
 * const demo = streamDemoSurvey({ units: ['甲镇', '乙镇', '丙乡'], size: 600 });
 * for (const respondent of demo.respondents()) console.log(Object.values(demo.row(respondent)).join(','));
 * ```
 */
export function streamDemoSurvey(options: DemoSurveyOptions): DemoSurveyStream {
  const { seed, year, size, rate } = checkDemoOptions(options);

  // --- the county (depends on the seed only) -------------------------------------------------
  const county = createRandom(seed);
  const units = normaliseUnits(options.units, county);
  const psus: Psu[] = [];
  const psusOf: Psu[][] = units.map(() => []);
  units.forEach((unit, u) => {
    const urbanAdults = Math.round(unit.adults * unit.urbanShare);
    const ruralAdults = unit.adults - urbanAdults;
    const communities = urbanAdults > 0 ? Math.max(1, Math.round(urbanAdults / 3_000)) : 0;
    const villages = ruralAdults > 0 ? Math.max(2, Math.round(ruralAdults / 900)) : 0;
    const make = (residence: 'urban' | 'rural', count: number, adults: number, letter: string) =>
      split(adults, count, county).forEach((a, k) => {
        const psu: Psu = {
          code: `${unit.code}-${letter}${String(k + 1).padStart(2, '0')}`,
          unit: u,
          residence,
          adults: a,
          effect: unit.effect + EFFECT.villageSd * county.normal(),
        };
        psus.push(psu);
        psusOf[u]!.push(psu);
      });
    if (communities > 0) make('urban', communities, urbanAdults, 'c');
    if (villages > 0) make('rural', villages, ruralAdults, 'v');
  });

  // --- the model's intercept, calibrated to the population rate -------------------------------
  const items = demoItems();
  const curve = literacyCurve(items);
  const shares = { urban: cellShares('urban'), rural: cellShares('rural') };
  const totalAdults = psus.reduce((sum, p) => sum + p.adults, 0);
  const populationRate = (intercept: number) => {
    let sum = 0;
    for (const psu of psus) {
      for (const cell of shares[psu.residence]) {
        const mu = intercept + psu.effect + meanAbility(psu.residence, cell.sex, cell.age, cell.edu);
        sum += psu.adults * cell.share * curve(mu);
      }
    }
    return sum / totalAdults;
  };
  let lo = -12;
  let hi = 12;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (populationRate(mid) < rate) lo = mid;
    else hi = mid;
  }
  const intercept = (lo + hi) / 2;
  const expectedRate = populationRate(intercept);

  // --- the sample (depends on the seed and the year) ------------------------------------------
  const roots = units.map((unit) => Math.sqrt(unit.adults));
  const rootSum = roots.reduce((a, b) => a + b, 0);
  const allocation = roots.map((r) => Math.max(20, Math.round((r / rootSum) * size)));
  const questionnaire = parseQuestionnaire({
    id: 'kepu-demo-100',
    title: '公民科学素质调查演示问卷（100 分制，演示数据）',
    items: items.map(({ id, dimension, points, key }) => ({ id, dimension, points, key })),
  });
  const sampledOf = units.map((_, u) =>
    Math.min(psusOf[u]!.length, Math.max(2, Math.round(allocation[u]! / RESPONDENTS_PER_PSU))),
  );
  const unitReport: Array<DemoSurvey['units'][number]> = units.map((unit, u) => ({
    ...(unit.id !== undefined ? { id: unit.id } : {}),
    name: unit.name,
    adults: unit.adults,
    urbanShare: unit.urbanShare,
    psus: psusOf[u]!.length,
    sampledPsus: sampledOf[u]!,
    respondents: allocation[u]!,
  }));
  function* respondents(): Generator<DemoRespondent, void, undefined> {
    // A fresh generator each time: every pass draws the same sample.
    const draw = createRandom(seed * 7919 + year);
    let count = 0;
    for (let u = 0; u < units.length; u++) {
      const unit = units[u]!;
      const frame = psusOf[u]!;
      const wanted = allocation[u]!;
      const sampled = sampledOf[u]!;
      const chosen = draw.sample(frame.length, sampled).map((i) => frame[i]!);
      const perPsu = Array.from(
        { length: sampled },
        (_, k) => Math.floor(wanted / sampled) + (k < wanted % sampled ? 1 : 0),
      );
      for (let k = 0; k < chosen.length; k++) {
        const psu = chosen[k]!;
        const take = perPsu[k]!;
        // Rounded as a data file would hold it, so the CSV and the design agree to the last digit.
        const weight = Number(((frame.length / sampled) * (psu.adults / take)).toFixed(4));
        const cells = shares[psu.residence];
        const cellWeights = cells.map((c) => c.share);
        for (let r = 0; r < take; r++) {
          const cell = cells[draw.pick(cellWeights)]!;
          const theta =
            intercept +
            psu.effect +
            meanAbility(psu.residence, cell.sex, cell.age, cell.edu) +
            EFFECT.personSd * draw.normal();
          const answers: Record<string, string | string[] | null> = {};
          for (const item of items) {
            if (draw.next() < MISSING_ANSWER) {
              answers[item.id] = null;
              continue;
            }
            const right = draw.next() < logistic(DISCRIMINATION * (theta - item.difficulty));
            answers[item.id] = right ? item.key : wrongAnswer(item.key, draw);
          }
          count++;
          yield {
            id: `R${year}-${String(count).padStart(4, '0')}`,
            answers,
            township: unit.name,
            village: psu.code,
            residence: psu.residence,
            sex: SEXES[cell.sex]!,
            ageBand: AGE_BANDS[cell.age]!,
            education: EDUCATION[cell.edu]!,
            stratum: unit.name,
            psu: psu.code,
            weight,
            villages: frame.length,
            villageAdults: psu.adults,
          };
        }
      }
    }
  }

  // Population margins from the model, one variable each: a township's urban community is not
  // always sampled, so a township × residence margin could have cells no respondent reaches.
  const byTownship: Record<string, number> = {};
  const byResidence: Record<string, number> = {};
  const bySex: Record<string, number> = {};
  const byAge: Record<string, number> = {};
  for (const psu of psus) {
    const name = units[psu.unit]!.name;
    byTownship[name] = (byTownship[name] ?? 0) + psu.adults;
    byResidence[psu.residence] = (byResidence[psu.residence] ?? 0) + psu.adults;
    for (const cell of shares[psu.residence]) {
      const count = psu.adults * cell.share;
      bySex[SEXES[cell.sex]!] = (bySex[SEXES[cell.sex]!] ?? 0) + count;
      byAge[AGE_BANDS[cell.age]!] = (byAge[AGE_BANDS[cell.age]!] ?? 0) + count;
    }
  }
  const margins: MarginSpec[] = [
    { name: 'township', columns: ['township'], population: byTownship },
    { name: 'residence', columns: ['residence'], population: byResidence },
    { name: 'sex', columns: ['sex'], population: roundToTotal(bySex, totalAdults) },
    { name: 'age band', columns: ['age_band'], population: roundToTotal(byAge, totalAdults) },
  ];

  const columns = [
    'id',
    'township',
    'village',
    'residence',
    'sex',
    'age_band',
    'education',
    'weight',
    'villages',
    'village_adults',
    ...items.map((item) => item.id),
  ];
  return {
    seed,
    year,
    questionnaire,
    size: allocation.reduce((a, b) => a + b, 0),
    units: unitReport,
    margins,
    expectedRate,
    columns,
    respondents,
    row: (r) => {
      const row: Record<string, string | number | null> = {
        id: r.id,
        township: r.township,
        village: r.village,
        residence: r.residence,
        sex: r.sex,
        age_band: r.ageBand,
        education: r.education,
        weight: r.weight,
        villages: r.villages,
        village_adults: r.villageAdults,
      };
      for (const item of items) {
        const answer = r.answers[item.id];
        row[item.id] =
          answer === null || answer === undefined ? null : Array.isArray(answer) ? answer.join(';') : answer;
      }
      return row;
    },
  };
}

/**
 * Generates a plausible county survey round for demos and tutorials — never a substitute for
 * data. Deterministic: the same options give the same survey on every machine (seeded PRNG, no
 * `Math.random`).
 *
 * The model county: each township's adults (18–69) live in urban communities and rural villages;
 * ages, sex and education follow shares typical of a rural county in northwest China (older,
 * less schooled in villages). Each person has a latent ability from residence, sex, age band,
 * education, township and village effects and individual noise; answers to a national-style
 * 100-point questionnaire (50 two-point items: knowledge 40, method 20, spirit 20, application
 * 20; every fifth item multiple choice; 1 % of answers left blank) follow a logistic item model.
 * The model's intercept is calibrated so the population's literacy rate equals `literacyRate`.
 *
 * The sample: strata are the townships, with about 25 respondents per sampled village or
 * community (PSU), respondents allocated by the square root of township size, PSUs drawn by
 * simple random sampling within each township; base weights are (PSUs in the township ÷ PSUs
 * sampled) × (adults in the PSU ÷ respondents there). `margins` holds the model's population
 * counts for raking. The population depends on `seed` only; the sample drawn from it on `seed`
 * and `year`, so two years of one seed are two rounds in one county.
 *
 * Everything is held in memory (respondents, their full scores, flat rows); for a large sample
 * use {@link streamDemoSurvey}, which draws the same respondents one at a time.
 *
 * @example
 * ```ts
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * import { estimateProportion, generateDemoSurvey } from '@kepu/survey';
 * const townships = zhengningPlan.orgUnits.filter((u) => u.kind === 'township');
 * const demo = generateDemoSurvey({ seed: 1, year: 2024, units: townships, size: 2000 });
 * estimateProportion(demo.design, demo.literate).point; // ≈ 0.10–0.11
 * ```
 */
export function generateDemoSurvey(options: DemoSurveyOptions): DemoSurvey {
  const stream = streamDemoSurvey(options);
  const respondents = [...stream.respondents()];
  const scores = scoreRespondents(stream.questionnaire, respondents);
  const design = createDesign({
    weights: respondents.map((r) => r.weight),
    strata: respondents.map((r) => r.stratum),
    psu: respondents.map((r) => r.psu),
    fpc: respondents.map((r) => r.villages),
    stages: [{ cluster: respondents.map((r) => r.id), fpc: respondents.map((r) => r.villageAdults) }],
  });
  return {
    seed: stream.seed,
    year: stream.year,
    questionnaire: stream.questionnaire,
    respondents,
    scores,
    literate: scores.map((s) => s.literate),
    design,
    units: stream.units,
    margins: stream.margins,
    expectedRate: stream.expectedRate,
    columns: stream.columns,
    rows: respondents.map(stream.row),
  };
}

function wrongAnswer(key: string | readonly string[], random: Random): string | string[] {
  if (typeof key === 'string') {
    const others = OPTIONS.filter((o) => o !== key);
    return others[random.int(others.length)]!;
  }
  // A wrong multiple-choice answer: one of the right options alone, or one right and one wrong.
  const right = key[random.int(key.length)]!;
  if (random.next() < 0.5) return [right];
  const wrong = OPTIONS.filter((o) => !key.includes(o));
  return [right, wrong[random.int(wrong.length)]!].sort();
}

/** Rounds counts to integers that still add up to `total` (largest remainders). */
function roundToTotal(table: Record<string, number>, total: number): Record<string, number> {
  const entries = Object.entries(table);
  const floors = entries.map(([k, v]) => [k, Math.floor(v), v - Math.floor(v)] as const);
  let rest = total - floors.reduce((sum, [, f]) => sum + f, 0);
  const order = [...floors].sort((a, b) => b[2] - a[2]);
  const out: Record<string, number> = Object.fromEntries(floors.map(([k, f]) => [k, f]));
  for (let i = 0; rest > 0 && order.length > 0; i = (i + 1) % order.length, rest--) out[order[i]![0]]! += 1;
  return out;
}
