import { EXPLAINING, type Explainer, type Explanation, explainerFor, formatNumber as f } from './explanation.js';
import { bandBelow, capTopGrade, gradeOf, lowestBand, topBand, topGradeSeats } from './grade.js';
import { competitionRanks } from './rank.js';
import { defaultRules, type ScoreSheet } from './scheme.js';
import type { SheetResult, UnitScore } from './scorecard.js';
import { type SheetScoringInput, scoreUnit } from './unit-score.js';

/**
 * Scores every member of a sheet, then grades and ranks them: a veto gives the lowest grade;
 * otherwise the band of the score, with the cap on the top grade's share applied (see
 * `capTopGrade`); ranks are competition ranks by score, vetoed units after the others, units not
 * assessed unranked and listed last. Pure.
 *
 * @example
 * ```ts
 * import { scoreSheet } from '@kepu/core';
 * const result = scoreSheet(input);
 * result.units.map((u) => [u.rank, u.name, u.score, u.grade?.name]);
 * ```
 */
export function scoreSheet(input: SheetScoringInput, scored?: readonly UnitScore[]): SheetResult {
  const { sheet } = input;
  const units = scored ?? input.members.map((u) => scoreUnit(input, u));
  return gradeAndRank(sheet, units, undefined, explainerFor(input.explain));
}

/**
 * Grades and ranks units already scored on one sheet (see {@link scoreSheet}). Pure.
 *
 * @example
 * ```ts
 * import { gradeAndRank } from '@kepu/core';
 * gradeAndRank(sheet, units).units[0]?.rank; // 1
 * ```
 */
export function gradeAndRank(
  sheet: ScoreSheet,
  units: readonly UnitScore[],
  reuse?: (unit: UnitScore, decision: string, make: () => UnitScore) => UnitScore,
  ex: Explainer = EXPLAINING,
): SheetResult {
  const top = topBand(sheet.grades);
  const lowest = lowestBand(sheet.grades);
  const assessed = units.filter((u) => u.assessed && u.score !== null);
  const graded = assessed.length;
  let keepTop: Set<string> | null = null;
  let seats = 0;
  if (sheet.topGradeCap && top) {
    seats = topGradeSeats(sheet.topGradeCap.share, graded);
    const candidates = assessed
      .filter((u) => !u.vetoed && gradeOf(sheet.grades, u.score as number)?.id === top.id)
      .map((u) => ({ id: u.unit, score: u.score as number }));
    keepTop = capTopGrade(candidates, seats);
  }
  const ranks = competitionRanks(assessed.map((u) => ({ score: u.score as number, tier: u.vetoed ? 1 : 0 })));
  const rankOf = new Map(assessed.map((u, i) => [u.unit, ranks[i] as number]));
  const finished = units.map((u): UnitScore => {
    if (!u.assessed || u.score === null) return u;
    const score = u.score;
    const naturalBand = u.vetoed ? lowest : gradeOf(sheet.grades, score);
    const demoted =
      !u.vetoed && keepTop !== null && top !== undefined && naturalBand?.id === top.id && !keepTop.has(u.unit);
    const rankHere = rankOf.get(u.unit) ?? null;
    const ahead = rankHere === null ? 0 : rankHere - 1;
    const make = () => finish(u, demoted, rankHere, ahead);
    return reuse ? reuse(u, `${naturalBand?.id}|${demoted}|${rankHere}|${ahead}|${seats}|${graded}`, make) : make();
  });
  function finish(u: UnitScore, demoted: boolean, rank: number | null, ahead: number): UnitScore {
    const score = u.score as number;
    let band = u.vetoed ? lowest : gradeOf(sheet.grades, score);
    let capped = false;
    let gradeWhy: Explanation;
    if (u.vetoed) {
      gradeWhy = ex.explain(() => ({
        rule: 'grade.veto',
        formula: `veto: ${u.vetoes.map((v) => v.veto).join(', ')} → ${band?.name}`,
        inputs: { score },
        text: {
          zh: `触发一票否决（${u.vetoes.map((v) => v.name).join('、')}），定为最低等次；分数照常显示`,
          en: `a veto item was triggered (${u.vetoes.map((v) => v.name).join(', ')}): the lowest grade, whatever the score (still shown)`,
        },
      }));
    } else if (demoted && top) {
      band = bandBelow(sheet.grades, top) ?? band;
      capped = true;
      gradeWhy = ex.explain(() => ({
        rule: 'grade.top-cap',
        formula: `${f(score)} ∈ ${top.name}, but seats floor(${f(sheet.topGradeCap?.share)} × ${graded}) = ${seats} are held by higher (or tied-over) scores → ${band?.name}`,
        inputs: { score, seats, graded },
        text: {
          zh: `分数属于“${top.name}”，但“${top.name}”比例上限已满（${seats} 个名额；并列者同进同退），定为“${band?.name}”`,
          en: `the score is in "${top.nameEn ?? top.name}", but the cap on its share is reached (${seats} seat(s); tied units move together): "${band?.nameEn ?? band?.name}"`,
        },
      }));
    } else {
      gradeWhy = ex.explain(() => ({
        rule: 'grade.band',
        formula: `${f(band?.min)} ≤ ${f(score)} ${band && band.id === top?.id ? '≤' : '<'} ${f(band?.max)} → ${band?.name}`,
        inputs: { score },
        text: {
          zh: `分数所在等次区间：${band?.name}`,
          en: `the band the score falls in: ${band?.nameEn ?? band?.name}`,
        },
      }));
    }
    return {
      ...u,
      grade: band ? { id: band.id, name: band.name, nameEn: band.nameEn ?? null } : null,
      rank,
      cappedFromTopGrade: capped,
      explanations: {
        ...u.explanations,
        grade: gradeWhy,
        rank: ex.explain(() => ({
          rule: 'rank.competition',
          formula: `${ahead} unit(s) ahead → rank ${rank}`,

          inputs: { score, vetoed: u.vetoed, graded },
          text: {
            zh: '按得分排名，同分同名次，下一名次顺延（1、1、3）；一票否决的单位排在其余单位之后',
            en: 'ranked by score; equal scores share a rank and the next rank skips (1, 1, 3); vetoed units come after the others',
          },
        })),
      },
    };
  }
  const order = finished
    .map((u, i) => ({ u, i }))
    .sort((a, b) => (a.u.rank ?? Number.MAX_SAFE_INTEGER) - (b.u.rank ?? Number.MAX_SAFE_INTEGER) || a.i - b.i)
    .map((x) => x.u);
  const defaults = defaultRules(sheet);
  return {
    sheet: sheet.id,
    name: sheet.name,
    nameEn: sheet.nameEn ?? null,
    maxScore: sheet.maxScore,
    topGradeCap: sheet.topGradeCap
      ? { share: sheet.topGradeCap.share, seats, held: finished.filter((u) => u.grade?.id === top?.id).length }
      : null,
    ...(defaults.length > 0 ? { defaults } : {}),
    units: order,
  };
}
