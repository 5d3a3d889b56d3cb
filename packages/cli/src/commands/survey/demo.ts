import { join, resolve } from 'node:path';
import {
  createDesign,
  type DemoRespondent,
  estimateProportion,
  scoreRespondents,
  streamDemoSurvey,
} from '@kepu/survey';
import { type CommandSpec, UsageError } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { t } from '../../i18n.js';
import { loadPlan } from '../../plans.js';
import { FORCE_OPTION, type PreparedOutput, withOutputs } from '../../safe-output.js';
import { outputsOf } from '../options.js';
import { withDataErrors } from './data-error.js';
import { csvHeader, csvLine } from './table.js';

/** Respondents scored together while the demo is written. */
const SCORE_BATCH = 1_000;

function integer(text: unknown, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError({
      zh: `--${name} 应为 ${min} 到 ${max} 之间的整数，收到“${String(text)}”。`,
      en: `--${name} takes a whole number from ${min} to ${max}; got "${String(text)}".`,
    });
  }
  return value;
}

/**
 * `kepu survey demo --out <dir> [--seed 1] [--year 2024] [--size 2000] [--plan <id|file>]`: writes a
 * generated survey round of the plan's townships — `responses.csv` (design columns and answers),
 * `questionnaire.json`, `margins.json` — to try the other `kepu survey` commands on. Demo data,
 * never a substitute for a county's survey.
 *
 * @example
 * ```ts
 * await runCli(['survey', 'demo', '--out', 'demo-survey'], io);
 * ```
 */
export const surveyDemoCommand: CommandSpec = {
  path: ['survey', 'demo'],
  summary: {
    zh: '生成一轮演示用的公民科学素质调查数据（答卷、问卷、总体边际）',
    en: 'write a demo literacy-survey round (responses, questionnaire, population margins)',
  },
  usage:
    'kepu survey demo --out <dir> [--seed 1] [--year 2024] [--size 2000] [--plan <id|plan.json>] [--json] [--lang zh|en]',
  options: {
    out: { type: 'string', description: { zh: '写入的目录（须已存在）', en: 'directory to write (must exist)' } },
    ...FORCE_OPTION,
    seed: { type: 'string', default: '1', description: { zh: '随机种子', en: 'random seed' } },
    year: { type: 'string', default: '2024', description: { zh: '调查年度', en: 'survey year' } },
    size: { type: 'string', default: '2000', description: { zh: '样本量（约数）', en: 'respondents (about)' } },
    plan: {
      type: 'string',
      default: 'zhengning',
      description: { zh: '取其乡镇作为层的计划', en: 'plan whose townships are the strata' },
    },
  },
  run: (args, context) =>
    withDataErrors(context, async () => {
      const { values } = args;
      const { io, lang, json } = context;
      if (typeof values.out !== 'string') {
        throw new UsageError({
          zh: `缺少 --out <目录>。用法：${surveyDemoCommand.usage}`,
          en: `--out <dir> is required. Usage: ${surveyDemoCommand.usage}`,
        });
      }
      const seed = integer(values.seed, 'seed', 0, 2 ** 31);
      const year = integer(values.year, 'year', 1990, 2100);
      const plan = await loadPlan(String(values.plan), io.cwd);
      const townships = plan.orgUnits.filter((u) => u.kind === 'township');
      if (townships.length < 2) {
        throw new UsageError({
          zh: `计划“${plan.id}”的单位名录中乡镇少于两个，无法分层。`,
          en: `Plan "${plan.id}" lists fewer than two townships to stratify by.`,
        });
      }
      const size = integer(values.size, 'size', 20 * townships.length, 1_000_000);
      const dir = resolve(io.cwd, values.out);
      // All three files are checked before any is written, so a refusal leaves none half-made.
      const outputs = await outputsOf(
        ['responses.csv', 'questionnaire.json', 'margins.json'].map((f) => join(dir, f)),
        args,
        io,
      );
      const demo = streamDemoSurvey({ seed, year, units: townships, size });
      // Streamed: each respondent is drawn, written and scored, then let go; only the design's
      // columns and who is literate are kept for the estimate.
      const weights: number[] = [];
      const strata: string[] = [];
      const psu: string[] = [];
      const fpc: number[] = [];
      const cluster: string[] = [];
      const fpc2: number[] = [];
      const literate: boolean[] = [];
      function* responsesCsv(): Generator<string> {
        yield csvHeader(demo.columns);
        let batch: DemoRespondent[] = [];
        const score = () => {
          for (const s of scoreRespondents(demo.questionnaire, batch)) literate.push(s.literate);
          batch = [];
        };
        for (const r of demo.respondents()) {
          yield csvLine(demo.columns, demo.row(r));
          weights.push(r.weight);
          strata.push(r.stratum);
          psu.push(r.psu);
          fpc.push(r.villages);
          cluster.push(r.id);
          fpc2.push(r.villageAdults);
          batch.push(r);
          if (batch.length === SCORE_BATCH) score();
        }
        score();
      }
      await withOutputs(outputs, async () => {
        const [responses, questionnaire, margins] = outputs as [PreparedOutput, PreparedOutput, PreparedOutput];
        await responses.writeChunks(responsesCsv());
        await questionnaire.write(`${JSON.stringify(demo.questionnaire, null, 2)}\n`);
        await margins.write(
          `${JSON.stringify({ note: 'Demo population (adults 18–69) of the model county, not statistics.', margins: demo.margins }, null, 2)}\n`,
        );
      });
      const design = createDesign({ weights, strata, psu, fpc, stages: [{ cluster, fpc: fpc2 }] });
      const rate = estimateProportion(design, literate);
      if (json) {
        io.write(
          `${JSON.stringify(
            {
              dir: values.out,
              files: ['responses.csv', 'questionnaire.json', 'margins.json'],
              seed,
              year,
              plan: plan.id,
              respondents: literate.length,
              units: demo.units,
              expectedRate: demo.expectedRate,
              estimate: { point: rate.point, ci: rate.ci },
            },
            null,
            2,
          )}\n`,
        );
        return EXIT.ok;
      }
      const d = values.out;
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      io.write(
        `${[
          t(lang, {
            zh: `已在 ${d} 写出 ${year} 年演示调查（种子 ${seed}）：${literate.length} 名受访者，${townships.length} 个乡镇（层），${design.psuLabels.length} 个村/社区（初级抽样单元）。`,
            en: `Wrote a ${year} demo survey (seed ${seed}) to ${d}: ${literate.length} respondents, ${townships.length} townships (strata), ${design.psuLabels.length} villages/communities (PSUs).`,
          }),
          '  responses.csv       ' +
            t(lang, {
              zh: 'id、township、village、residence、sex、age_band、education、weight、villages、village_adults，及每题一列',
              en: 'id, township, village, residence, sex, age_band, education, weight, villages, village_adults, and one column per item',
            }),
          '  questionnaire.json  ' +
            t(lang, {
              zh: '50 题，科学知识 40、科学方法 20、科学精神 20、应用科学 20 分',
              en: '50 items: knowledge 40, method 20, spirit 20, application 20',
            }),
          '  margins.json        ' +
            t(lang, {
              zh: '模型总体的乡镇、城乡、性别、年龄组人数（用于 rake）',
              en: 'the model population by township, residence, sex, age band (for rake)',
            }),
          '',
          t(lang, {
            zh: `模型总体的具备科学素质比例为 ${pct(demo.expectedRate)}；本样本的加权估计为 ${pct(rate.point)}（95% 置信区间 ${pct(rate.ci.lower)}–${pct(rate.ci.upper)}）。这是演示数据，不是调查结果。`,
            en: `The model population's literacy rate is ${pct(demo.expectedRate)}; this sample estimates ${pct(rate.point)} (95% CI ${pct(rate.ci.lower)}–${pct(rate.ci.upper)}). Demo data, not survey results.`,
          }),
          '',
          t(lang, { zh: '接着试试：', en: 'Try next:' }),
          `  kepu survey score ${d}/responses.csv --out ${d}/scored.csv`,
          `  kepu survey estimate ${d}/scored.csv --strata township --psu village --weight weight --fpc villages --fpc2 village_adults --proportion literate --by residence --gap urban,rural`,
          `  kepu survey rake ${d}/scored.csv --margins ${d}/margins.json --weight weight --out ${d}/raked.csv`,
          '',
        ].join('\n')}`,
      );
      return EXIT.ok;
    }),
};
