/**
 * Reproductions of R `survey` package results, to the digits R printed. Each test names the
 * file of the package's sources (GitHub mirror `cran/survey`) and the call whose output it
 * checks; see test/fixtures/README.md for the data and for the few outputs that had to be run.
 */
import { describe, expect, it } from 'vitest';
import {
  createDesign,
  crossCells,
  estimateByGroup,
  estimateMean,
  estimateProportion,
  estimateTotal,
  type Margin,
  postStratify,
  rake,
  type SurveyDesign,
} from '../src/index.js';
import { loadFixture, num, str } from './helpers/fixtures.js';

const apistrat = loadFixture('apistrat.csv');
const apiclus1 = loadFixture('apiclus1.csv');
const apiclus2 = loadFixture('apiclus2.csv');
const fpcData = loadFixture('fpc.csv');

/**
 * Checks `actual` against a value as R printed it: equal to the last printed digit. R's
 * printCoefmat rounds twice (first to a number of decimals, then to significant digits), so a
 * true 23.92049 prints as 23.921; the allowance is therefore 0.55 rather than 0.5 units of the
 * last printed place.
 */
function expectPrinted(actual: number, printed: string): void {
  const decimals = printed.includes('.') ? printed.split('.')[1]!.length : 0;
  const unit = 10 ** -decimals;
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(0.55 * unit);
}

// svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc)
const dstrat = createDesign({
  weights: num(apistrat, 'pw'),
  strata: str(apistrat, 'stype'),
  fpc: num(apistrat, 'fpc'),
});
// svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)
const dclus1 = createDesign({ weights: num(apiclus1, 'pw'), psu: str(apiclus1, 'dnum'), fpc: num(apiclus1, 'fpc') });
// svydesign(id=~dnum+snum, fpc=~fpc1+fpc2, data=apiclus2): weights from the population sizes
const dclus2 = createDesign({
  psu: str(apiclus2, 'dnum'),
  fpc: num(apiclus2, 'fpc1'),
  stages: [{ cluster: str(apiclus2, 'snum'), fpc: num(apiclus2, 'fpc2') }],
});
// svydesign(id=~dnum+snum, weights=~pw, data=apiclus2): with replacement
const dclus2wr = createDesign({
  weights: num(apiclus2, 'pw'),
  psu: str(apiclus2, 'dnum'),
  stages: [{ cluster: str(apiclus2, 'snum') }],
});

describe('tests/api.Rout.save (example(api))', () => {
  it('svymean(~api00, dstrat) = 662.29, SE 9.4089', () => {
    const m = estimateMean(dstrat, num(apistrat, 'api00'));
    expectPrinted(m.point, '662.29');
    expectPrinted(m.se, '9.4089');
    expect(m.df).toBe(197);
  });

  it('svytotal(~enroll, dstrat, na.rm=TRUE) = 3687178, SE 114642', () => {
    const t = estimateTotal(dstrat, num(apistrat, 'enroll'), { na: 'exclude' });
    expectPrinted(t.point, '3687178');
    expectPrinted(t.se, '114642');
  });

  it('svymean(~api00, dclus1) = 644.17, SE 23.542', () => {
    const m = estimateMean(dclus1, num(apiclus1, 'api00'));
    expectPrinted(m.point, '644.17');
    expectPrinted(m.se, '23.542');
    expect(m.df).toBe(14);
  });

  it('svytotal(~enroll, dclus1) = 3404940, SE 932235', () => {
    const t = estimateTotal(dclus1, num(apiclus1, 'enroll'), { na: 'exclude' });
    expectPrinted(t.point, '3404940');
    expectPrinted(t.se, '932235');
  });

  it('two-stage with fpc: svymean(~api00, dclus2) = 670.81, SE 30.099; svytotal(~enroll) = 2639273, SE 799638', () => {
    const m = estimateMean(dclus2, num(apiclus2, 'api00'));
    expectPrinted(m.point, '670.81');
    expectPrinted(m.se, '30.099');
    const t = estimateTotal(dclus2, num(apiclus2, 'enroll'), { na: 'exclude' });
    expectPrinted(t.point, '2639273');
    expectPrinted(t.se, '799638');
  });

  it('two-stage with replacement: svymean(~api00, dclus2wr) SE 30.712; svytotal(~enroll) SE 820261', () => {
    const m = estimateMean(dclus2wr, num(apiclus2, 'api00'));
    expectPrinted(m.point, '670.81');
    expectPrinted(m.se, '30.712');
    const t = estimateTotal(dclus2wr, num(apiclus2, 'enroll'), { na: 'exclude' });
    expectPrinted(t.point, '2639273');
    expectPrinted(t.se, '820261');
  });

  it('postStratify(dclus1, ~stype, pop.types): svymean(~api00) = 642.31, SE 23.921; svytotal(~enroll) = 3680893, SE 406293', () => {
    const dclus1p = postStratify(dclus1, { cells: str(apiclus1, 'stype'), population: { E: 4421, H: 755, M: 1018 } });
    const m = estimateMean(dclus1p, num(apiclus1, 'api00'));
    expectPrinted(m.point, '642.31');
    expectPrinted(m.se, '23.921');
    const t = estimateTotal(dclus1p, num(apiclus1, 'enroll'), { na: 'exclude' });
    expectPrinted(t.point, '3680893');
    expectPrinted(t.se, '406293');
  });
});

describe('tests/rakecheck.Rout.save (rake on dclus1)', () => {
  const margins: Margin[] = [
    { name: 'stype', cells: str(apiclus1, 'stype'), population: { E: 4421, H: 755, M: 1018 } },
    { name: 'sch.wide', cells: str(apiclus1, 'sch.wide'), population: { No: 1072, Yes: 5122 } },
  ];

  it('rake(dclus1, list(~stype, ~sch.wide), …): svymean(~api00) = 641.23, SE 23.704; svytotal(~enroll) = 3647300, SE 400603', () => {
    // R's defaults: control = list(maxit = 10, epsilon = 1).
    const result = rake(dclus1, { margins, maxIterations: 10, epsilon: 1 });
    expect(result.converged).toBe(true);
    expect(result.warnings).toEqual([]);
    const m = estimateMean(result.design, num(apiclus1, 'api00'));
    expectPrinted(m.point, '641.23');
    expectPrinted(m.se, '23.704');
    const t = estimateTotal(result.design, num(apiclus1, 'enroll'));
    expectPrinted(t.point, '3647300');
    expectPrinted(t.se, '400603');
  });

  it('raking with a partial joint distribution: rake(dclus1, list(~stype+sch.wide, ~comp.imp), …) svymean(~api00) = 642.62, SE 22.732', () => {
    const stypeSchwide = str(apiclus1, 'stype').map((s, i) => `${s}|${str(apiclus1, 'sch.wide')[i]}`);
    // pop.table <- xtabs(~stype+sch.wide, apipop)
    const popTable = { 'E|No': 472, 'E|Yes': 3949, 'H|No': 334, 'H|Yes': 421, 'M|No': 266, 'M|Yes': 752 };
    const result = rake(dclus1, {
      maxIterations: 10,
      margins: [
        { name: 'stype×sch.wide', cells: stypeSchwide, population: popTable },
        { name: 'comp.imp', cells: str(apiclus1, 'comp.imp'), population: { No: 1712, Yes: 4482 } },
      ],
    });
    const m = estimateMean(result.design, num(apiclus1, 'api00'));
    expectPrinted(m.point, '642.62');
    expectPrinted(m.se, '22.732');
  });
});

describe('tests/fpc.Rout.save (example(fpc))', () => {
  const base = {
    weights: num(fpcData, 'weight'),
    strata: str(fpcData, 'stratid'),
    psu: str(fpcData, 'psuid'),
  };

  it('svymean(~x, withoutfpc) = 5.4481, SE 0.7413', () => {
    const m = estimateMean(createDesign(base), num(fpcData, 'x'));
    expectPrinted(m.point, '5.4481');
    expectPrinted(m.se, '0.7413');
  });

  it('svymean(~x, withfpc) = 5.4481, SE 0.616, with fpc as population size, as fraction, or with weights from it', () => {
    const withSize = estimateMean(createDesign({ ...base, fpc: num(fpcData, 'Nh') }), num(fpcData, 'x'));
    expectPrinted(withSize.se, '0.616');
    const fraction = fpcData.map((row) => Number(row.nh) / Number(row.Nh));
    const withFraction = estimateMean(createDesign({ ...base, fpc: fraction }), num(fpcData, 'x'));
    expect(withFraction.se).toBeCloseTo(withSize.se, 12);
    const { weights: _unused, ...noWeights } = base;
    const fromSizes = estimateMean(createDesign({ ...noWeights, fpc: num(fpcData, 'Nh') }), num(fpcData, 'x'));
    expectPrinted(fromSizes.point, '5.4481');
    expect(fromSizes.se).toBeCloseTo(withSize.se, 12);
  });
});

describe('domain estimates: tests/domain.Rout.save and inst/doc/domain.tex', () => {
  it('svyby(~x, ~I(x>4), design=dfpc, svymean): FALSE 3.314286 (0.3117042), TRUE 6.195000 (0.7555129)', () => {
    const dfpc = createDesign({
      weights: num(fpcData, 'weight'),
      strata: str(fpcData, 'stratid'),
      psu: str(fpcData, 'psuid'),
    });
    const x = num(fpcData, 'x') as number[];
    const byGroup = estimateByGroup(
      dfpc,
      x,
      x.map((v) => (v > 4 ? 'TRUE' : 'FALSE')),
    );
    expect(byGroup.map((g) => g.group)).toEqual(['FALSE', 'TRUE']);
    expectPrinted(byGroup[0]!.point, '3.314286');
    expectPrinted(byGroup[0]!.se, '0.3117042');
    expectPrinted(byGroup[1]!.point, '6.195000');
    expectPrinted(byGroup[1]!.se, '0.7555129');
    // svymean(~x, subset(dfpc, x > 4)) = 6.195, SE 0.7555: the same through a domain mask.
    const sub = estimateMean(dfpc, x, { domain: x.map((v) => v > 4) });
    expectPrinted(sub.se, '0.7555');
  });
});

describe('inst/doc/survey.tex (vignette "A survey analysis example")', () => {
  it('svyby(~ell+meals, ~stype, design=dclus1, svymean)', () => {
    const stype = str(apiclus1, 'stype');
    const ell = estimateByGroup(dclus1, num(apiclus1, 'ell'), stype);
    const meals = estimateByGroup(dclus1, num(apiclus1, 'meals'), stype);
    const printed = {
      E: ['29.69444', '53.09028', '1.411617', '7.070399'],
      H: ['15.00000', '37.57143', '5.347065', '5.912262'],
      M: ['22.68000', '43.08000', '2.952862', '6.017110'],
    } as const;
    for (const [k, group] of (['E', 'H', 'M'] as const).entries()) {
      const [pEll, pMeals, seEll, seMeals] = printed[group];
      expect(ell[k]!.group).toBe(group);
      expect(ell[k]!.point).toBeCloseTo(Number(pEll), 5);
      expect(meals[k]!.point).toBeCloseTo(Number(pMeals), 5);
      expect(ell[k]!.se).toBeCloseTo(Number(seEll), 6);
      expect(meals[k]!.se).toBeCloseTo(Number(seMeals), 6);
    }
  });

  it('svytotal(~stype, dclus1): E 4873.97 (1333.32), H 473.86 (158.70), M 846.17 (167.55)', () => {
    const stype = str(apiclus1, 'stype');
    for (const [group, total, se] of [
      ['E', 4873.97, 1333.32],
      ['H', 473.86, 158.7],
      ['M', 846.17, 167.55],
    ] as const) {
      const t = estimateTotal(
        dclus1,
        stype.map((s) => (s === group ? 1 : 0)),
      );
      expect(t.point).toBeCloseTo(total, 2);
      expect(t.se).toBeCloseTo(se, 2);
    }
  });
});

describe('tests/deff.Rout.save (design effects, kigyo data)', () => {
  const uriage = [15, 143, 21, 51, 337, 50, 274, 145, 15, 86];
  const ppsW = [20, 200, 11, 25, 550, 30, 250, 100, 10, 55];

  it('svymean(~uriage, des.srs, deff=TRUE): 113.700, SE 35.626, DEff 1.0101; svytotal: 113700, SE 35626, DEff 1.0101', () => {
    const design = createDesign({ weights: Array(10).fill(100) });
    const m = estimateMean(design, uriage);
    expectPrinted(m.point, '113.7');
    expectPrinted(m.se, '35.626');
    expectPrinted(m.deff!, '1.0101');
    const t = estimateTotal(design, uriage);
    expectPrinted(t.point, '113700');
    expectPrinted(t.se, '35626');
    expectPrinted(t.deff!, '1.0101');
  });

  it('svymean(~uriage, des.pps, deff="replace"): 243.914, SE 48.752, DEff 1.9741; svytotal: 305136, SE 184965, DEff 18.157', () => {
    const design = createDesign({ weights: ppsW });
    const m = estimateMean(design, uriage, { deff: 'srswr' });
    expectPrinted(m.point, '243.914');
    expectPrinted(m.se, '48.752');
    expectPrinted(m.deff!, '1.9741');
    const t = estimateTotal(design, uriage, { deff: 'srswr' });
    expectPrinted(t.point, '305136');
    expectPrinted(t.se, '184965');
    expectPrinted(t.deff!, '18.157');
  });
});

describe('tests/lonely.psu.Rout.save (one PSU in a stratum)', () => {
  // svydesign(id=~1, weights=~pw, strata=~dnum, data=apiclus1): stratum 413 has one school.
  const lonely = (lonelyPsu: 'remove' | 'certainty' | 'adjust' | 'average'): SurveyDesign =>
    createDesign({ weights: num(apiclus1, 'pw'), strata: str(apiclus1, 'dnum'), lonelyPsu });
  const api00 = num(apiclus1, 'api00');

  it('options(survey.lonely.psu="fail") refuses: "Stratum (413) has only one PSU at stage 1"', () => {
    expect(() => createDesign({ weights: num(apiclus1, 'pw'), strata: str(apiclus1, 'dnum') })).toThrow(
      /Stratum "413" has only one primary sampling unit/,
    );
  });

  it('remove and certainty: SE 5.8058; adjust: 5.8281; average: 6.0096', () => {
    expectPrinted(estimateMean(lonely('remove'), api00).se, '5.8058');
    expectPrinted(estimateMean(lonely('certainty'), api00).se, '5.8058');
    expectPrinted(estimateMean(lonely('adjust'), api00).se, '5.8281');
    expectPrinted(estimateMean(lonely('average'), api00).se, '6.0096');
    expectPrinted(estimateMean(lonely('average'), api00).point, '644.17');
  });

  it('with fpc = 1 for the lonely stratum (a certainty unit) every policy gives SE 5.7344', () => {
    const fpc = str(apiclus1, 'dnum').map((d) => (d === '413' ? 1 : 1000));
    for (const lonelyPsu of ['fail', 'remove', 'certainty', 'adjust'] as const) {
      const design = createDesign({ weights: num(apiclus1, 'pw'), strata: str(apiclus1, 'dnum'), fpc, lonelyPsu });
      expectPrinted(estimateMean(design, api00).se, '5.7344');
    }
  });
});

describe('svyciprop and design effects (R 4.2.2, survey 4.1-1; see test/fixtures/README.md)', () => {
  // dclus1 as in man/svyciprop.Rd: svydesign(id=~dnum, fpc=~fpc, data=apiclus1)
  const d = createDesign({ psu: str(apiclus1, 'dnum'), fpc: num(apiclus1, 'fpc') });
  const ell0 = num(apiclus1, 'ell').map((v) => (v === 0 ? 1 : 0));

  it('svyciprop(~I(ell==0), dclus1, method="logit"): 0.0219 [0.0023, 0.18]', () => {
    const p = estimateProportion(d, ell0, { ci: 'logit' });
    expect(p.point).toBeCloseTo(0.02185792354162, 9);
    expect(p.ci.lower).toBeCloseTo(0.00230469129854, 9);
    expect(p.ci.upper).toBeCloseTo(0.17774776651356, 8);
    expect(p.ci.method).toBe('logit');
  });

  it('svyciprop(~I(ell==0), dclus1, method="beta"): 0.021858 [0.000216, 0.14]', () => {
    const p = estimateProportion(d, ell0, { ci: 'beta' });
    expect(p.ci.lower).toBeCloseTo(0.000216146832743, 13);
    expect(p.ci.upper).toBeCloseTo(0.137507763914981, 13);
  });

  it('svyciprop(~I(ell==0), dclus1, method="mean"): Wald [-0.0267, 0.07], which Kepu cuts at 0', () => {
    const p = estimateProportion(d, ell0, { ci: 'wald' });
    expect(p.ci.lower).toBe(0);
    expect(p.ci.upper).toBeCloseTo(0.0703782549523, 11);
  });

  it('svyciprop(~I(sch.wide=="Yes"), dstrat, method="logit" and "beta")', () => {
    const yes = str(apistrat, 'sch.wide').map((v) => v === 'Yes');
    const logit = estimateProportion(dstrat, yes);
    expect(logit.point).toBeCloseTo(0.827948011, 9);
    expect(logit.ci.lower).toBeCloseTo(0.774539654352, 9);
    expect(logit.ci.upper).toBeCloseTo(0.870814854545, 9);
    const beta = estimateProportion(dstrat, yes, { ci: 'beta' });
    expect(beta.ci.lower).toBeCloseTo(0.774171328597, 11);
    expect(beta.ci.upper).toBeCloseTo(0.873431592621, 11);
  });

  it('svymean(~api00, dstrat, deff=TRUE): DEff 1.2045; dclus1: DEff 9.3459', () => {
    expectPrinted(estimateMean(dstrat, num(apistrat, 'api00')).deff!, '1.2045');
    expectPrinted(estimateMean(dclus1, num(apiclus1, 'api00')).deff!, '9.3459');
  });

  it('svyby(~I(sch.wide=="Yes"), ~stype, dclus1, svymean, deff=TRUE)', () => {
    const yes = str(apiclus1, 'sch.wide').map((v) => v === 'Yes');
    const byType = estimateByGroup(dclus1, yes, str(apiclus1, 'stype'), { statistic: 'proportion' });
    const expected = [
      ['E', 0.9166666667, 0.02098427895, 0.8494120515],
      ['H', 0.7857142857, 0.09146190999, 0.6655650205],
      ['M', 0.68, 0.1095022484, 1.3627710411],
    ] as const;
    expected.forEach(([group, p, se, deff], k) => {
      expect(byType[k]!.group).toBe(group);
      expect(byType[k]!.point).toBeCloseTo(p, 9);
      expect(byType[k]!.se).toBeCloseTo(se, 10);
      expect(byType[k]!.deff!).toBeCloseTo(deff, 9);
    });
  });
});

describe('the survey package web site (r-survey.r-forge.r-project.org/survey/)', () => {
  const sw = str(apiclus1, 'sch.wide');
  const ci = str(apiclus1, 'comp.imp');

  it('example-domain.html: svytotal(~enroll, subset(dclus1, sch.wide=="Yes" & comp.imp=="Yes")) = 2406420, SE 645444', () => {
    const t = estimateTotal(dclus1, num(apiclus1, 'enroll'), {
      domain: sw.map((v, i) => v === 'Yes' && ci[i] === 'Yes'),
    });
    expectPrinted(t.point, '2406420');
    expectPrinted(t.se, '645444');
  });

  it('example-domain.html: svyby(~api99+api00, ~stype+sch.wide, dclus1, svymean, keep.var=TRUE)', () => {
    const groups = crossCells(str(apiclus1, 'stype'), sw);
    const api99 = estimateByGroup(dclus1, num(apiclus1, 'api99'), groups);
    const api00 = estimateByGroup(dclus1, num(apiclus1, 'api00'), groups);
    // The page prints five of the six rows in full.
    const printed = [
      ['E|No', '601.6667', '596.3333', '47.27582', '43.49010'],
      ['E|Yes', '608.3485', '653.6439', '21.52493', '20.31720'],
      ['H|No', '662.0000', '659.3333', '29.23003', '27.00275'],
      ['H|Yes', '577.6364', '607.4545', '46.50125', '43.70468'],
      ['M|No', '611.3750', '606.3750', '41.11886', '41.11686'],
    ] as const;
    printed.forEach(([group, m99, m00, se99, se00], k) => {
      expect(api99[k]!.group).toBe(group);
      expectPrinted(api99[k]!.point, m99);
      expectPrinted(api00[k]!.point, m00);
      expectPrinted(api99[k]!.se, se99);
      expectPrinted(api00[k]!.se, se00);
    });
    // svyby(~api99, ~stype, dclus1, svymean): E 607.7917, H 595.7143, M 608.6000
    const byType = estimateByGroup(dclus1, num(apiclus1, 'api99'), str(apiclus1, 'stype'));
    expect(byType.map((g) => g.point.toFixed(4))).toEqual(['607.7917', '595.7143', '608.6000']);
  });

  it('example-tables: svymean(~interaction(stype, comp.imp), dclus1) through ftable, to 8 digits', () => {
    const cells = crossCells(str(apiclus1, 'stype'), ci);
    const printed = [
      ['E|No', '0.17486339', '0.02599552'],
      ['H|No', '0.03825137', '0.01607602'],
      ['M|No', '0.06010929', '0.02457177'],
      ['E|Yes', '0.61202186', '0.04167572'],
      ['H|Yes', '0.03825137', '0.01605469'],
      ['M|Yes', '0.07650273', '0.02167084'],
    ] as const;
    for (const [cell, mean, se] of printed) {
      const p = estimateProportion(
        dclus1,
        cells.map((v) => v === cell),
      );
      expectPrinted(p.point, mean);
      expectPrinted(p.se, se);
    }
  });
});
