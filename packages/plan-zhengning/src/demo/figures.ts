import { ZHENGNING_TOWNSHIP_IDS } from '../ids.js';
import type { Random } from './random.js';

/** A township's Science China (科普中国) figures, one per year. */
export interface TownshipSeries {
  readonly registrations: Record<number, number>;
  readonly dissemination: Record<number, number>;
}

/** The county-wide numbers of the story, one per year. */
export interface CountyFigures {
  readonly literacy: Record<number, { numerator: number; denominator: number }>;
  readonly classes: Record<number, { grade2: number; grades36: number; middle: number }>;
  readonly tutors: Record<number, { numerator: number; denominator: number }>;
  readonly castItems: Record<number, number>;
  readonly castRegistrations: Record<number, number>;
  readonly bases: Record<number, { provincial: number; city: number; county: number }>;
  readonly funding: Record<number, number>;
}

/** The literacy rate's path in the story, in percent by year. */
export const LITERACY_PATH: Readonly<Record<number, number>> = { 2022: 8.7, 2023: 9.8, 2024: 10.9, 2025: 12.2 };
/** The most a year's literacy rate strays from {@link LITERACY_PATH}, in points, before rounding. */
export const LITERACY_NOISE = 0.35;

/**
 * The county's figures for every year: the literacy survey, science classes, tutors, the 县科协's
 * Science China numbers, science bases and funding. Draws from `random` year by year, in a fixed
 * order that the demo's golden hash pins.
 */
export function countyFigures(random: Random, years: readonly number[]): CountyFigures {
  // The survey rate climbs from the 2020 baseline of 7.8% toward the 12% goal of 2025, each year
  // within LITERACY_NOISE of the path, so the series rises every year (a test holds it).
  const path = LITERACY_PATH;
  const literacy: CountyFigures['literacy'] = {};
  const classes: CountyFigures['classes'] = {};
  const tutors: CountyFigures['tutors'] = {};
  const castItems: Record<number, number> = {};
  const castRegistrations: Record<number, number> = {};
  const funding: Record<number, number> = {};
  let registrations = random.int(1800, 2200);
  let budget = random.int(36, 40);
  for (const year of years) {
    const denominator = random.int(1500, 2100);
    const rate = (path[year] ?? 12) + random.noise(LITERACY_NOISE / 3.5);
    literacy[year] = { numerator: Math.round((denominator * rate) / 100), denominator };
    const k = year - 2022;
    classes[year] = {
      grade2: year === 2022 ? 1.8 : 2,
      grades36: [1.8, 2.1, 2.3, 2.5][k] ?? 2.5,
      middle: year === 2023 ? 0.9 : 1,
    };
    const schools = [58, 57, 56, 56][k] ?? 56;
    tutors[year] = { numerator: Math.min(schools, [43, 49, 53, 56][k] ?? schools), denominator: schools };
    castItems[year] = Math.round((26_000 + 4_500 * k) * (1 + random.noise(0.03)));
    registrations += random.int(250, 420);
    castRegistrations[year] = registrations;
    budget += year === 2024 ? random.int(1, 2) : random.int(3, 6);
    funding[year] = budget;
  }
  const bases: CountyFigures['bases'] = {
    2022: { provincial: 0, city: 0, county: 1 },
    2023: { provincial: 0, city: 1, county: 1 },
    2024: { provincial: 1, city: 1, county: 2 },
    2025: { provincial: 1, city: 0, county: 1 },
  };
  return { literacy, classes, tutors, castItems, castRegistrations, bases, funding };
}

/** Every township's Science China figures; two townships have a year that dips. Draws from `random`. */
export function townshipSeries(random: Random, years: readonly number[]): Map<string, TownshipSeries> {
  const out = new Map<string, TownshipSeries>();
  const dips = new Map<string, number>([
    [random.pick(ZHENGNING_TOWNSHIP_IDS.slice(1)), 2024],
    [random.pick(ZHENGNING_TOWNSHIP_IDS.slice(1)), 2025],
  ]);
  for (const township of ZHENGNING_TOWNSHIP_IDS) {
    const registrations: Record<number, number> = {};
    const dissemination: Record<number, number> = {};
    let stock = random.int(1200, 3200);
    let flow = random.int(13_000, 19_000);
    for (const year of years) {
      const dip = dips.get(township) === year;
      stock += dip ? -random.int(40, 120) : random.int(90, 320);
      flow = Math.round(flow * (dip ? 0.9 : 1.05 + random.noise(0.02)));
      registrations[year] = stock;
      dissemination[year] = flow;
    }
    out.set(township, { registrations, dissemination });
  }
  return out;
}
