import type { CompiledStage, SurveyDesign } from '../design.js';
import { fail } from '../errors.js';

/**
 * Taylor-linearisation variance of a total of per-record scores under a stratified multistage
 * design — the same estimator as R's `svyrecvar`:
 *
 *   V = Σ_h (1 − f_h) · n_h/(n_h − 1) · Σ_i (t_hi − t̄_h)²   (stage 1, t_hi = score total of unit i)
 *     + Σ_h Σ_i (n_h/N_h) · V_hi                             (later stages, when N_h is known)
 *
 * with f_h = n_h/N_h the stage-1 sampling fraction (0 without an fpc). A mean, proportion,
 * domain estimate, gap or calibrated estimate only differs in the scores it passes in.
 */

interface Layout {
  /** PSUs ordered by stratum. */
  readonly psuOrder: Int32Array;
  /** Start of each stratum's PSUs in psuOrder (length strata + 1). */
  readonly stratumStart: Int32Array;
  /** Records ordered by PSU, and each PSU's start in that order (length psus + 1). */
  readonly rowOrder: Int32Array;
  readonly psuStart: Int32Array;
}

const layouts = new WeakMap<SurveyDesign, Layout>();

function layoutOf(design: SurveyDesign): Layout {
  const cached = layouts.get(design);
  if (cached) return cached;
  const strata = design.strataLabels.length;
  const psus = design.psuLabels.length;
  const stratumStart = new Int32Array(strata + 1);
  for (let p = 0; p < psus; p++) stratumStart[design.psuStratum[p]! + 1]! += 1;
  for (let s = 0; s < strata; s++) stratumStart[s + 1]! += stratumStart[s]!;
  const fillS = stratumStart.slice(0, strata);
  const psuOrder = new Int32Array(psus);
  for (let p = 0; p < psus; p++) psuOrder[fillS[design.psuStratum[p]!]!++] = p;
  const psuStart = new Int32Array(psus + 1);
  for (let i = 0; i < design.n; i++) psuStart[design.psu[i]! + 1]! += 1;
  for (let p = 0; p < psus; p++) psuStart[p + 1]! += psuStart[p]!;
  const fillP = psuStart.slice(0, psus);
  const rowOrder = new Int32Array(design.n);
  for (let i = 0; i < design.n; i++) rowOrder[fillP[design.psu[i]!]!++] = i;
  const layout = { psuOrder, stratumStart, rowOrder, psuStart };
  layouts.set(design, layout);
  return layout;
}

/** Sums scores by primary sampling unit. */
export function psuTotals(design: SurveyDesign, scores: Float64Array): Float64Array {
  const totals = new Float64Array(design.psuLabels.length);
  const psu = design.psu;
  for (let i = 0; i < scores.length; i++) totals[psu[i]!]! += scores[i]!;
  return totals;
}

/**
 * Stage-1 variance from PSU totals stored at `totals[offset + psu]`. Applies the finite
 * population correction and the lonely-PSU policy.
 */
export function stage1Variance(design: SurveyDesign, totals: Float64Array, offset = 0): number {
  const { psuOrder, stratumStart } = layoutOf(design);
  const strata = design.strataLabels.length;
  let variance = 0;
  let missing = 0;
  for (let s = 0; s < strata; s++) {
    const start = stratumStart[s]!;
    const end = stratumStart[s + 1]!;
    const count = end - start;
    const size = design.populationPsus[s]!;
    const f = Number.isFinite(size) ? (size - count) / size : 1;
    if (f < 1e-7) continue; // sampled completely: no stage-1 variance
    if (count > 1) {
      let sum = 0;
      for (let k = start; k < end; k++) sum += totals[offset + psuOrder[k]!]!;
      const mean = sum / count;
      let ss = 0;
      for (let k = start; k < end; k++) {
        const d = totals[offset + psuOrder[k]!]! - mean;
        ss += d * d;
      }
      variance += ((f * count) / (count - 1)) * ss;
      continue;
    }
    switch (design.lonelyPsu) {
      case 'adjust': {
        // Deviation from the overall mean, which is 0 for these centred scores.
        const t = totals[offset + psuOrder[start]!]!;
        variance += f * t * t;
        break;
      }
      case 'average':
        missing += 1;
        break;
      case 'remove':
      case 'certainty':
        break;
      default:
        fail('lonely-psu', ['strata'], { stratum: design.strataLabels[s] || '(all)', stage: '1' });
    }
  }
  if (missing > 0) {
    if (missing === strata) {
      fail('lonely-psu', ['strata'], { stratum: design.strataLabels[0] || '(all)', stage: '1' });
    }
    variance *= strata / (strata - missing);
  }
  return variance;
}

/** Post-stratification and raking: replace scores by their residuals, as R's svyrecvar does. */
export function residualise(design: SurveyDesign, scores: Float64Array): Float64Array {
  if (design.calibrations.length === 0) return scores;
  const x = scores.slice();
  const n = x.length;
  for (const cal of design.calibrations) {
    if (cal.kind === 'post-stratify') {
      const num = new Float64Array(cal.cellCount);
      const den = new Float64Array(cal.cellCount);
      for (let i = 0; i < n; i++) {
        const c = cal.cell[i]!;
        num[c]! += (x[i]! * cal.oldWeights[i]!) / cal.weights[i]!;
        den[c]! += cal.oldWeights[i]!;
      }
      for (let c = 0; c < cal.cellCount; c++) num[c] = den[c]! > 0 ? num[c]! / den[c]! : 0;
      for (let i = 0; i < n; i++) x[i]! -= num[cal.cell[i]!]! * cal.weights[i]!;
    } else {
      // Raking: cycle over the margins a fixed ten times (R's choice), removing cell means.
      for (let iteration = 0; iteration < 10; iteration++) {
        for (const margin of cal.margins) {
          const sum = new Float64Array(margin.cellCount);
          const count = new Float64Array(margin.cellCount);
          for (let i = 0; i < n; i++) {
            const c = margin.cell[i]!;
            sum[c]! += x[i]! / margin.weights[i]!;
            count[c]! += 1;
          }
          for (let c = 0; c < margin.cellCount; c++) sum[c] = count[c]! > 0 ? sum[c]! / count[c]! : 0;
          for (let i = 0; i < n; i++) x[i]! -= margin.weights[i]! * sum[margin.cell[i]!]!;
        }
      }
    }
  }
  return x;
}

/** True when later stages add to the variance (they do only below a stage-1 fpc). */
export function usesLaterStages(design: SurveyDesign): boolean {
  return design.stages.length > 0 && design.populationPsus.some((size) => Number.isFinite(size));
}

/** Variance contributed by stages 2, 3, … (zero when stage 1 has no fpc). */
function laterStagesVariance(design: SurveyDesign, x: Float64Array): number {
  const { rowOrder, psuStart } = layoutOf(design);
  let variance = 0;
  for (let p = 0; p < design.psuLabels.length; p++) {
    const s = design.psuStratum[p]!;
    const size = design.populationPsus[s]!;
    if (!Number.isFinite(size)) continue;
    const rows = rowOrder.subarray(psuStart[p]!, psuStart[p + 1]!);
    variance += (design.psuPerStratum[s]! / size) * withinVariance(design, design.stages, 0, rows, x);
  }
  return variance;
}

function withinVariance(
  design: SurveyDesign,
  stages: readonly CompiledStage[],
  k: number,
  rows: ArrayLike<number>,
  x: Float64Array,
): number {
  const stage = stages[k]!;
  // Group the records by stratum at this stage, then by unit.
  const strata = new Map<string, Map<string, number[]>>();
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const sKey = stage.strata?.[i] ?? '';
    let units = strata.get(sKey);
    if (!units) {
      units = new Map();
      strata.set(sKey, units);
    }
    const uKey = stage.cluster[i]!;
    let list = units.get(uKey);
    if (!list) {
      list = [];
      units.set(uKey, list);
    }
    list.push(i);
  }
  let variance = 0;
  let missing = 0;
  for (const [sKey, units] of strata) {
    const count = units.size;
    const first = units.values().next().value![0]!;
    const raw = stage.fpc ? stage.fpc[first]! : Number.POSITIVE_INFINITY;
    const size = raw <= 1 ? count / raw : raw;
    const f = Number.isFinite(size) ? (size - count) / size : 1;
    const totals: number[] = [];
    for (const list of units.values()) {
      let t = 0;
      for (const i of list) t += x[i]!;
      totals.push(t);
    }
    if (f >= 1e-7) {
      if (count > 1) {
        const mean = totals.reduce((a, b) => a + b, 0) / count;
        let ss = 0;
        for (const t of totals) ss += (t - mean) * (t - mean);
        variance += ((f * count) / (count - 1)) * ss;
      } else if (design.lonelyPsu === 'adjust') {
        variance += f * totals[0]! * totals[0]!;
      } else if (design.lonelyPsu === 'average') {
        missing += 1;
      } else if (design.lonelyPsu === 'fail') {
        fail('lonely-psu', ['stages', k, 'cluster'], { stratum: sKey || '(all)', stage: String(k + 2) });
      }
    }
    if (k + 1 < stages.length && Number.isFinite(size)) {
      for (const list of units.values()) variance += (count / size) * withinVariance(design, stages, k + 1, list, x);
    }
  }
  if (missing > 0 && missing < strata.size) variance *= strata.size / (strata.size - missing);
  return variance;
}

/** Full design-based variance of the total of `scores`. Pure. */
export function designVariance(design: SurveyDesign, scores: Float64Array): number {
  const x = residualise(design, scores);
  let variance = stage1Variance(design, psuTotals(design, x));
  if (usesLaterStages(design)) variance += laterStagesVariance(design, x);
  return variance;
}
