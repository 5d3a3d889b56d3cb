import { type Actor, type EvidenceFile, type ReportObservation, type ReportSelfScore, reportDueDate } from '@kepu/core';
import { DEMO_ACTORS } from './actors.js';
import { observationsFor } from './observations.js';
import { addDays, clamp, during, half, type Obligation, reportId, type Step, stepOf } from './story.js';
import type { StoryContext } from './story-context.js';
import { evidenceFor, narrativeFor, RETURN_REASONS } from './texts.js';

type Fate = 'on-time' | 'late' | 'missing';
type Review = 'approved' | 'returned' | 'withdrawn' | 'pending' | 'returned-open';

/** What a year holds in store for its reports, drawn before any report is filed. */
interface ReportYear {
  readonly year: number;
  /** The due date of the year's reports. */
  readonly due: string;
  /** The year after, when the reports are filed. */
  readonly next: string;
  /** Reports never filed. */
  readonly missing: ReadonlySet<string>;
  /** The report withdrawn and filed again (in 2023). */
  readonly withdrawn: string | undefined;
  /** Reports still open when the story ends (in its last year). */
  readonly open: ReadonlySet<string>;
  /** How many open reports have been met: the first one is returned, the others await review. */
  openIndex: number;
}

/** A report as first filed (and, if withdrawn, filed again), which its reviewer then decides on. */
interface Filing {
  readonly year: number;
  readonly o: Obligation;
  readonly review: Review;
  readonly d: number;
  readonly submitDate: string;
  readonly reportRef: string;
  readonly reporter: Actor;
  readonly slip: boolean;
  readonly narrative: string;
  readonly observations: ReportObservation[];
  readonly evidence: EvidenceFile[];
  readonly selfScores: ReportSelfScore[];
}

/**
 * A year's reports: every unit files what it owes (on time or late); a few are never filed, one is
 * withdrawn and filed again (2023), some are returned and resubmitted; reviewers approve the rest,
 * and in the last year a few are still open. Appends the steps to the story and counts them.
 */
export function reportSteps(story: StoryContext, year: number): void {
  const { random } = story;
  const due = reportDueDate(String(year), { dueDaysAfterPeriodEnd: 15 });
  const next = String(year + 1);
  const narrativeOnly = story.obligations.filter((o) => !story.carriesData(o));
  const missing = new Set(random.sample(narrativeOnly, 2).map((o) => reportId(year, o)));
  if (year === 2022) missing.add(reportId(year, { unit: story.missingSummary, task: null }));
  const withdrawnThisYear =
    year === 2023
      ? reportId(year, random.pick(narrativeOnly.filter((o) => !missing.has(reportId(year, o)))))
      : undefined;
  const openThisYear =
    year === story.lastYear
      ? new Set(
          random
            .sample(
              narrativeOnly.filter((o) => !missing.has(reportId(year, o))),
              3,
            )
            .map((o) => reportId(year, o)),
        )
      : new Set<string>();
  const fates: ReportYear = {
    year,
    due,
    next,
    missing,
    withdrawn: withdrawnThisYear,
    open: openThisYear,
    openIndex: 0,
  };
  for (const o of story.obligations) {
    const filing = fileReport(story, fates, o);
    if (filing) decideReport(story, filing);
  }
}

/** One report's filing: its fate and review are drawn, then it is submitted (and maybe withdrawn). */
function fileReport(story: StoryContext, fates: ReportYear, o: Obligation): Filing | undefined {
  const { random, counts, steps, plan } = story;
  const { year, due, next } = fates;
  counts.expected++;
  const id = reportId(year, o);
  if (fates.missing.has(id)) {
    counts.missing++;
    return undefined;
  }
  const d = story.traits.get(o.unit)?.diligence ?? 0.5;
  const fate: Fate = random.chance(0.16 - 0.12 * d) ? 'late' : 'on-time';
  let review: Review = random.chance(0.09) ? 'returned' : 'approved';
  if (id === fates.withdrawn) review = 'withdrawn';
  if (fates.open.has(id)) review = fates.openIndex++ === 0 ? 'returned-open' : 'pending';
  const submitDate = fate === 'late' ? addDays(due, random.int(1, 24)) : addDays(`${next}-01-01`, random.int(1, 14));
  const observations = observationsFor(story, year, o);
  const selfScores = o.task === null ? selfScoresFor(story, o.unit, year) : [];
  const narrative = narrativeFor(random, year, o);
  const evidence = evidenceFor(random, year, o);
  const reporter = DEMO_ACTORS.reporter(o.unit);
  let reportRef = id;
  let at = during(random, submitDate);
  // A township's first figures sometimes carry a slip of the pen; the office sends them back.
  const slip = o.task === null && story.townships.has(o.unit) && review === 'returned';
  const firstObservations = slip
    ? observations.map((x) =>
        x.indicator === 'science-china-dissemination' ? { ...x, value: (x.value ?? 0) * 10 } : x,
      )
    : observations;
  // The report as filed: the first time (with any slip), and again after a withdrawal.
  const submit = (at: string, report: string, filed: ReportObservation[]): Step =>
    stepOf(at, year, 'reports', reporter, {
      type: 'submit-report',
      plan: plan.id,
      id: report,
      ...(o.task ? { task: o.task } : {}),
      period: String(year),
      narrative,
      observations: filed,
      evidence,
      selfScores,
    });
  steps.push(submit(at, id, firstObservations));
  counts.filed++;
  if (fate === 'late') counts.late++;
  if (review === 'withdrawn') {
    at = during(random, addDays(submitDate, 1));
    steps.push(
      stepOf(at, year, 'reports', reporter, {
        type: 'withdraw-report',
        report: id,
        reason: '误将上年度材料作为附件报送，撤回后重新报送。',
      }),
    );
    counts.withdrawn++;
    reportRef = reportId(year, o, '-b');
    at = during(random, addDays(submitDate, 2));
    steps.push(submit(at, reportRef, observations));
    counts.filed++;
  }
  return { year, o, review, d, submitDate, reportRef, reporter, slip, narrative, observations, evidence, selfScores };
}

/** The reviewer's side: returned (and resubmitted, unless the story ends first), then approved. */
function decideReport(story: StoryContext, filing: Filing): void {
  const { random, counts, steps } = story;
  const { year, o, review, d, submitDate, reportRef, reporter, slip, narrative, observations, evidence, selfScores } =
    filing;
  if (review === 'pending') {
    counts.open++;
    return;
  }
  const reviewer = reviewerOf(story, o);
  let decided = addDays(submitDate, random.int(2, 10) + (review === 'withdrawn' ? 2 : 0));
  if (review === 'returned' || review === 'returned-open') {
    steps.push(
      stepOf(during(random, decided), year, 'reviews', reviewer, {
        type: 'return-report',
        report: reportRef,
        reason: slip ? '“科普中国”传播量与平台后台数据不符（疑多填一位），请核实后重报。' : random.pick(RETURN_REASONS),
      }),
    );
    counts.returned++;
    if (review === 'returned-open') {
      counts.open++;
      return;
    }
    const resubmitted = addDays(decided, random.int(3, 9));
    steps.push(
      stepOf(during(random, resubmitted), year, 'reports', reporter, {
        type: 'resubmit-report',
        report: reportRef,
        narrative: `${narrative}（已按审核意见补充完善。）`,
        observations,
        evidence: [...evidence, ...evidenceFor(random, year, o, '补充材料')],
        selfScores,
      }),
    );
    counts.resubmitted++;
    decided = addDays(resubmitted, random.int(1, 5));
  }
  const scoreTask = reviewer === DEMO_ACTORS.office && o.task !== null && !story.measuredTasks.has(o.task);
  const d10 = clamp(0.62 + 0.3 * d + 0.03 * (year - 2022) + random.noise(0.05), 0.4, 1);
  steps.push(
    stepOf(during(random, decided), year, 'reviews', reviewer, {
      type: 'approve-report',
      report: reportRef,
      comment: '同意。',
      ...(scoreTask ? { review: { score: half(10 * d10), outOf: 10 } } : {}),
    }),
  );
  counts.approved++;
}

/** Who decides on a report: the first lead for a co-lead's report, the plan office otherwise. */
function reviewerOf(story: StoryContext, o: Obligation): Actor {
  if (o.task === null) return DEMO_ACTORS.office;
  const leads = (story.index.nodes.get(o.task) as { task: { leads: string[] } }).task.leads;
  // A co-lead's report is checked by the first lead; the first lead's own by the plan office.
  return leads[0] !== o.unit && leads[0] !== undefined ? DEMO_ACTORS.reviewer(leads[0]) : DEMO_ACTORS.office;
}

/** A unit's self-scores on its reviewer items, drawn a little above what the inspectors find. */
function selfScoresFor(story: StoryContext, unit: string, year: number): ReportSelfScore[] {
  const out: ReportSelfScore[] = [];
  for (const group of story.sheetOf(unit)?.groups ?? []) {
    for (const item of group.items) {
      if (item.rule !== 'reviewer') continue;
      // Units rate themselves a little above what the inspectors later find.
      const self = clamp(story.itemFraction(unit, item.id, year) + 0.04 + Math.abs(story.random.noise(0.03)), 0, 1);
      out.push({ item: item.id, score: half(item.points * self), outOf: item.points });
    }
  }
  return out;
}
