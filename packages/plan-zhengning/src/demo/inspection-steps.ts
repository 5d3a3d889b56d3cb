import { sha256 } from '@kepu/core/assessment';
import { DEMO_ACTORS, unitName } from './actors.js';
import { addDays, type Draft, during, half, type Step, stepOf } from './story.js';
import type { StoryContext } from './story-context.js';
import { AWARDS } from './texts.js';

/**
 * A year's inspection (督查), early the next year: the assessment group scores every unit's
 * reviewer items in one visit, finds two units that did not correct last year's finding, and
 * records the 2022 summary that never came and the 2024 falsification veto. Appends the steps to
 * the story and counts them.
 */
export function inspectionSteps(story: StoryContext, year: number): void {
  const { random, steps, plan, assessed, incidentTownship, missingSummary, tally } = story;
  const next = String(year + 1);
  // Inspection (督查): the assessment group scores every unit's reviewer items in one visit.
  for (const unit of assessed) {
    const sheet = story.sheetOf(unit);
    const commands: Draft[] = [];
    for (const group of sheet?.groups ?? []) {
      for (const item of group.items) {
        if (item.rule !== 'reviewer') continue;
        const fraction = story.itemFraction(unit, item.id, year);
        commands.push({
          type: 'record-finding',
          plan: plan.id,
          id: `f${year}-${unit}-${item.id}`,
          unit,
          period: String(year),
          text: `${year}年度督查：${item.name}，评 ${half(item.points * fraction)} 分（满分 ${item.points} 分）。`,
          score: { item: item.id, score: half(item.points * fraction), outOf: item.points },
        });
      }
    }
    steps.push({
      at: during(random, addDays(`${next}-02-18`, random.int(0, 12))),
      year,
      phase: 'inspection',
      actor: DEMO_ACTORS.assessor,
      commands,
    });
    tally.findings += commands.length;
  }
  for (const unit of random.sample(
    [...assessed].filter((u) => u !== incidentTownship),
    2,
  )) {
    steps.push(
      deductionStep(story, year, during(random, addDays(`${next}-03-02`, random.int(0, 6))), unit, {
        id: 'not-corrected',
        rule: 'finding-not-corrected',
        text: '上年度督查指出的科普工作台账不完整问题未按期整改。',
      }),
    );
    tally.findings++;
  }
  if (year === 2022) {
    steps.push(
      deductionStep(story, year, during(random, `${next}-03-06`), missingSummary, {
        id: 'statistics-missing',
        rule: 'statistics-missing',
        text: '未报送年度工作总结和科普统计数据。',
      }),
    );
    tally.findings++;
  }
  if (year === 2024) {
    steps.push(
      stepOf(during(random, `${next}-02-26`), year, 'inspection', DEMO_ACTORS.assessor, {
        type: 'record-incident',
        plan: plan.id,
        id: `i${year}-${incidentTownship}-falsification`,
        unit: incidentTownship,
        period: String(year),
        veto: 'falsification',
        date: `${year}-11-18`,
        description: `经督查核实，${unitName(incidentTownship)}${year}年上报的科普活动场次与活动台账不符，存在虚报。`,
      }),
    );
    tally.incidents++;
  }
}

/** An inspection finding that costs a unit points under one of the scheme's deduction rules. */
function deductionStep(
  story: StoryContext,
  year: number,
  at: string,
  unit: string,
  finding: { readonly id: string; readonly rule: string; readonly text: string },
): Step {
  return stepOf(at, year, 'inspection', DEMO_ACTORS.assessor, {
    type: 'record-finding',
    plan: story.plan.id,
    id: `f${year}-${unit}-${finding.id}`,
    unit,
    period: String(year),
    text: finding.text,
    deduction: { rule: finding.rule, count: 1 },
  });
}

/** The year's awards, recorded by the plan office on the day each was given. */
export function awardSteps(story: StoryContext, year: number): void {
  const { random, steps, plan, tally } = story;
  for (const award of AWARDS.filter((a) => a.year === year)) {
    steps.push(
      stepOf(during(random, award.date), year, 'awards', DEMO_ACTORS.office, {
        type: 'record-award',
        plan: plan.id,
        id: `a${year}-${award.unit}-${award.award}`,
        unit: award.unit,
        period: String(year),
        award: award.award,
        title: award.title,
        date: award.date,
      }),
    );
    tally.awards++;
  }
}

/**
 * The assessment group's reviews of the qualitative targets for a year, before the year's
 * assessment: the budget documents show the science-popularisation funding in the county budget
 * (every year), and in 2024 and 2025 a note on the literacy survey's urban–rural gap shows the
 * imbalance narrowing. Uses no randomness, so the rest of the story is unchanged.
 */
export function targetReviewStep(plan: string, year: number, funding: number | undefined): Step {
  const file = (name: string, type: string, content: string) => ({
    name,
    type,
    size: new TextEncoder().encode(content).length,
    sha256: sha256(content),
    filed: true,
  });
  const budget = `${year}年正宁县本级财政预算（科普经费科目）.pdf`;
  const commands: Draft[] = [
    {
      type: 'review-target',
      plan,
      id: `tr${year}-science-funding-in-budget`,
      target: 'science-funding-in-budget',
      period: String(year),
      score: year === 2024 ? 8 : 9,
      outOf: 10,
      narrative: `${year}年县级财政预算单列科普经费${funding === undefined ? '' : ` ${funding} 万元`}，已按要求拨付。`,
      evidence: [
        file(budget, 'application/pdf', budget),
        file('科普经费拨付记录.pdf', 'application/pdf', `${year}拨付`),
      ],
    },
  ];
  if (year >= 2024) {
    const note = `${year}年公民科学素质抽样调查：城镇与农村具备科学素质比例的差距较上年继续缩小。`;
    commands.push({
      type: 'review-target',
      plan,
      id: `tr${year}-imbalance-improved`,
      target: 'imbalance-improved',
      period: String(year),
      score: year === 2024 ? 7 : 8,
      outOf: 10,
      narrative: note,
      evidence: [file(`${year}年城乡科学素质差距说明.txt`, 'text/plain', note)],
    });
  }
  return {
    at: `${year + 1}-03-12T15:00:00+08:00`,
    year,
    phase: 'inspection',
    actor: DEMO_ACTORS.assessor,
    commands,
  };
}
