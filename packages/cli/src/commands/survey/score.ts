import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  allDimensionsScheme,
  isSurveyError,
  NATIONAL_DIMENSIONS,
  nationalScheme,
  parseQuestionnaire,
  type Questionnaire,
  type Respondent,
  type RespondentScore,
  type ScoringScheme,
  scoreRespondents,
} from '@kepu/survey';
import { type CommandSpec, UsageError } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { renderTable } from '../../format/table.js';
import { type Lang, t } from '../../i18n.js';
import { readJson } from '../../plans.js';
import { FORCE_OPTION, type PreparedOutput, withOutputs } from '../../safe-output.js';
import { outputOf } from '../options.js';
import { AnswerNoteLog, answerOf, letterOptions, renderAnswerNotes } from './answers.js';
import { SurveyDataError, withDataErrors } from './data-error.js';
import { csvHeader, csvLine, displayName, type OpenedTable, openTable } from './table.js';

const DIMENSION_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  knowledge: { zh: '科学知识', en: 'science knowledge' },
  method: { zh: '科学方法', en: 'scientific method' },
  spirit: { zh: '科学精神与思想', en: 'scientific spirit and thought' },
  application: { zh: '应用科学', en: 'applying science' },
};

const LEVELS = ['high', 'literate', 'basic', 'below-basic'] as const;
const LEVEL_NAMES = {
  high: { zh: '高水平（≥{high}）', en: 'high (≥ {high})' },
  literate: { zh: '具备科学素质（≥{literate}）', en: 'literate (≥ {literate})' },
  basic: { zh: '基础水平（≥{basic}）', en: 'basic (≥ {basic})' },
  'below-basic': { zh: '未达基础水平', en: 'below basic' },
} as const;

/** `k=v,k=v` into numbers; a bad pair is a usage error. */
function parseThresholds(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const pair of text.split(',')) {
    const [key, value] = pair.split('=').map((s) => s.trim());
    const number = Number(value);
    if (!key || value === undefined || value === '' || !Number.isFinite(number)) {
      throw new UsageError({
        zh: `--thresholds 应写成 名称=数值,名称=数值（如 literate=70 或 knowledge=0.6），收到“${pair}”。`,
        en: `--thresholds takes name=value,name=value (e.g. literate=70 or knowledge=0.6); got "${pair}".`,
      });
    }
    out[key] = number;
  }
  return out;
}

function schemeOf(name: string, thresholds: Record<string, number> | undefined): ScoringScheme {
  try {
    if (name === 'all-dimensions') {
      if (!thresholds) {
        throw new UsageError({
          zh: '旧规则（all-dimensions）需要各维度的及格比例，例如 --thresholds knowledge=0.6,method=0.6,spirit=0.6,application=0.6。Kepu 不猜测历年的阈值。',
          en: 'The all-dimensions rule needs each dimension’s pass share, e.g. --thresholds knowledge=0.6,method=0.6,spirit=0.6,application=0.6. Kepu does not guess past rounds’ thresholds.',
        });
      }
      return allDimensionsScheme({ thresholds });
    }
    const known = new Set(['high', 'literate', 'basic']);
    for (const key of Object.keys(thresholds ?? {})) {
      if (!known.has(key)) {
        throw new UsageError({
          zh: `国家方案的阈值只有 high、literate、basic，收到“${key}”。`,
          en: `The national scheme’s thresholds are high, literate and basic; got "${key}".`,
        });
      }
    }
    return nationalScheme(thresholds ? { thresholds } : {});
  } catch (error) {
    if (isSurveyError(error)) {
      throw new UsageError({ zh: `--thresholds 有误：${error.messageZh}`, en: `--thresholds: ${error.message}` });
    }
    throw error;
  }
}

/** Splits a multiple-choice cell: "A;C", "A,C", "A|C", "A C", "A、C", or "AC" when options are letters. */
async function loadQuestionnaire(
  ref: string | undefined,
  responses: string,
  cwd: string,
): Promise<[Questionnaire, string]> {
  const path = ref !== undefined ? resolve(cwd, ref) : join(dirname(responses), 'questionnaire.json');
  if (ref === undefined && !existsSync(path)) {
    throw new UsageError({
      zh: '请用 --questionnaire 指定问卷 JSON 文件（或把 questionnaire.json 放在答卷文件旁边）。',
      en: 'Give the questionnaire JSON with --questionnaire (or put questionnaire.json beside the responses file).',
    });
  }
  const file = ref ?? 'questionnaire.json';
  const json = await readJson(path);
  try {
    return [parseQuestionnaire(json), file];
  } catch (error) {
    if (isSurveyError(error)) {
      throw new SurveyDataError(
        'bad-questionnaire',
        { file, column: error.path.join('.') },
        { zh: error.issues[0]!.message.zh, en: error.issues[0]!.message.en },
        { cause: error },
      );
    }
    throw error;
  }
}

/** Respondents scored together: the questionnaire is checked once a batch, and a batch is small to hold. */
const BATCH = 1_000;

/** A data row, the respondent read from it, and its row number in the file. */
interface ReadRow {
  readonly row: Readonly<Record<string, string | null>>;
  readonly line: number;
  readonly respondent: Respondent;
}

/** A data row with its score. */
interface ScoredRow {
  readonly row: Readonly<Record<string, string | null>>;
  readonly score: RespondentScore;
}

/** The id column and one column per item must be there: checked on the header, before any row is read. */
function checkColumns(table: OpenedTable, questionnaire: Questionnaire, idColumn: string): void {
  if (!table.columns.includes(idColumn)) {
    throw new SurveyDataError(
      'missing-column',
      { file: table.file, row: 1, column: idColumn },
      {
        zh: `没有答卷编号列。请用 --id 指定编号所在的列（文件中的列：${table.columns.slice(0, 12).join('、')}…）。`,
        en: `there is no respondent id column. Name it with --id (the file has: ${table.columns.slice(0, 12).join(', ')}…).`,
      },
    );
  }
  const missing = questionnaire.items.filter((item) => !table.columns.includes(item.id)).map((item) => item.id);
  if (missing.length > 0) {
    throw new SurveyDataError(
      'missing-column',
      { file: table.file, row: 1, column: missing[0]! },
      {
        zh: `问卷中的 ${missing.length} 道题在文件中没有对应的列（${missing.slice(0, 10).join('、')}${missing.length > 10 ? '…' : ''}）。每道题一列，列名为题目编号；请核对问卷与答卷是否配套。`,
        en: `${missing.length} item(s) of the questionnaire have no column in the file (${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}). Each item needs a column named by its id; check that the questionnaire matches the responses.`,
      },
    );
  }
}

/** The table's rows as respondents, one at a time: an empty or repeated id is a `bad-value` or `duplicate-id` error at its row. */
async function* respondentsOf(
  table: OpenedTable,
  questionnaire: Questionnaire,
  idColumn: string,
  notes: AnswerNoteLog,
): AsyncGenerator<ReadRow> {
  const options = letterOptions(questionnaire);
  // Ids and their rows only: what the duplicate check needs, a few bytes a respondent.
  const seen = new Map<string, number>();
  for await (const { row, line } of table.rows) {
    const id = row[idColumn];
    if (id === null || id === undefined) {
      throw new SurveyDataError(
        'bad-value',
        { file: table.file, row: line, column: idColumn },
        { zh: '答卷编号为空。', en: 'the respondent id is empty.' },
      );
    }
    const first = seen.get(id);
    if (first !== undefined) {
      throw new SurveyDataError(
        'duplicate-id',
        { file: table.file, row: line, column: idColumn },
        {
          zh: `答卷编号“${id}”与第 ${first} 行重复。每份答卷的编号必须唯一。`,
          en: `respondent id "${id}" is also on row ${first}. Every respondent needs an id of their own.`,
        },
      );
    }
    seen.set(id, line);
    const answers: Record<string, string | string[] | null> = {};
    for (const item of questionnaire.items) {
      answers[item.id] = answerOf(row[item.id] ?? null, item.key, options, { row: line, item: item.id }, notes);
    }
    yield { row, line, respondent: { id, answers } };
  }
}

/**
 * Scores respondents a batch at a time (see {@link BATCH}) and yields each row with its score, in
 * file order. A `SurveyError` points at the row and the item's column; warning paths keep the
 * respondent's position in the whole file (`['respondents', k, …]`), as one call for all would.
 */
async function* scoreRows(
  rows: AsyncIterable<ReadRow>,
  questionnaire: Questionnaire,
  questionnaireFile: string,
  scheme: ScoringScheme,
  where: { readonly file: string; readonly idColumn: string },
): AsyncGenerator<ScoredRow> {
  let batch: ReadRow[] = [];
  let offset = 0;
  function* flush(): Generator<ScoredRow> {
    let scores: RespondentScore[];
    try {
      scores = scoreRespondents(
        questionnaire,
        batch.map((r) => r.respondent),
        scheme,
      );
    } catch (error) {
      if (isSurveyError(error)) {
        const path0 = error.issues[0]!.path;
        if (path0[0] === 'questionnaire' || path0.includes('questionnaire')) {
          throw new SurveyDataError('bad-questionnaire', { file: questionnaireFile }, error.issues[0]!.message, {
            cause: error,
          });
        }
        // Paths are ['respondents', k, 'answers', item]: point at the record's row and the item's column.
        const index = typeof path0[1] === 'number' ? path0[1] : undefined;
        const column =
          path0[2] === 'answers' && typeof path0[3] === 'string'
            ? path0[3]
            : path0[2] === 'id'
              ? where.idColumn
              : undefined;
        throw new SurveyDataError(
          'bad-value',
          {
            file: where.file,
            ...(index !== undefined ? { row: batch[index]?.line } : {}),
            ...(column !== undefined ? { column } : {}),
          },
          error.issues[0]!.message,
          { cause: error },
        );
      }
      throw error;
    }
    for (let k = 0; k < scores.length; k++) {
      const score = scores[k]!;
      yield {
        row: batch[k]!.row,
        score:
          score.warnings.length > 0 && offset > 0
            ? {
                ...score,
                warnings: score.warnings.map((w) => ({
                  ...w,
                  path: ['respondents', offset + (w.path[1] as number), ...w.path.slice(2)],
                })),
              }
            : score,
      };
    }
    offset += batch.length;
    batch = [];
  }
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH) yield* flush();
  }
  if (batch.length > 0) yield* flush();
}

function fmt(x: number, digits = 1): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

/**
 * The unweighted summary, added up one score at a time: counts and sums only, so it needs no
 * score kept. Sums run in file order, so the means are the same numbers a sum over a list gives.
 */
class SummaryTally {
  private n = 0;
  private literate = 0;
  private incomplete = 0;
  private totalSum = 0;
  private totalCount = 0;
  private readonly levels = new Map<string, number>(LEVELS.map((l) => [l, 0]));
  private dimensions:
    | Array<{ dimension: string; max: number; threshold: number | undefined; sum: number; passed: number }>
    | undefined;

  add(score: RespondentScore): void {
    this.n++;
    if (score.literate) this.literate++;
    if (!score.complete) this.incomplete++;
    if (score.level !== null) this.levels.set(score.level, (this.levels.get(score.level) ?? 0) + 1);
    if (score.total !== null) {
      this.totalSum += score.total;
      this.totalCount++;
    }
    this.dimensions ??= score.dimensions.map((d) => ({
      dimension: d.dimension,
      max: d.max,
      threshold: d.threshold,
      sum: 0,
      passed: 0,
    }));
    this.dimensions.forEach((d, k) => {
      const s = score.dimensions[k]!;
      d.sum += s.score;
      if (s.passed) d.passed++;
    });
  }

  summary(scheme: ScoringScheme) {
    const n = this.n;
    return {
      respondents: n,
      literate: this.literate,
      literateShareUnweighted: n > 0 ? this.literate / n : null,
      incomplete: this.incomplete,
      meanTotal: this.totalCount > 0 ? this.totalSum / this.totalCount : null,
      levels: scheme.kind === 'national-100' ? Object.fromEntries(LEVELS.map((l) => [l, this.levels.get(l)!])) : null,
      dimensions: (this.dimensions ?? []).map((d) => ({
        dimension: d.dimension,
        max: d.max,
        mean: d.sum / n,
        ...(d.threshold !== undefined ? { passed: d.passed } : {}),
      })),
    };
  }
}

type Summary = ReturnType<SummaryTally['summary']>;

/** The columns of the scored CSV: the input's (less any the scores replace), then the scores. */
function scoredColumns(input: readonly string[], dimensions: readonly string[]): string[] {
  const extra = ['score_total', ...dimensions.map((d) => `score_${d}`), 'level', 'literate', 'missing_items'];
  return [...input.filter((c) => !extra.includes(c)), ...extra];
}

/** A row of the scored CSV: the input cells and the score columns. */
function scoredRow(row: Readonly<Record<string, string | null>>, s: RespondentScore): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  out.score_total = s.total === null ? null : Number(s.total.toFixed(4));
  for (const d of s.dimensions) out[`score_${d.dimension}`] = Number(d.score.toFixed(4));
  out.level = s.level;
  out.literate = s.literate ? 1 : 0;
  out.missing_items = s.missingItems.join(';');
  return out;
}

/** The scored CSV a line at a time; the header waits for the first score, which names the dimensions. */
async function* scoredCsv(input: readonly string[], rows: AsyncIterable<ScoredRow>): AsyncGenerator<string> {
  let columns: string[] | undefined;
  for await (const { row, score } of rows) {
    if (columns === undefined) {
      columns = scoredColumns(
        input,
        score.dimensions.map((d) => d.dimension),
      );
      yield csvHeader(columns);
    }
    yield csvLine(columns, scoredRow(row, score));
  }
  if (columns === undefined) yield csvHeader(scoredColumns(input, []));
}

function renderSummary(
  lang: Lang,
  file: string,
  questionnaire: Questionnaire,
  scheme: ScoringScheme,
  summary: Summary,
): string {
  const lines: string[] = [];
  const schemeName =
    scheme.kind === 'national-100'
      ? t(lang, { zh: '国家 100 分制', en: 'national 100-point scheme' })
      : t(lang, { zh: '各维度均达标（旧规则）', en: 'every dimension passes (older rule)' });
  lines.push(
    t(lang, {
      zh: `答卷评分：${file}（问卷 ${questionnaire.id}，${questionnaire.items.length} 题；${schemeName}）`,
      en: `Scoring ${file} (questionnaire ${questionnaire.id}, ${questionnaire.items.length} items; ${schemeName})`,
    }),
    '',
  );
  const share =
    summary.literateShareUnweighted === null ? '—' : `${(summary.literateShareUnweighted * 100).toFixed(1)}%`;
  lines.push(
    t(lang, {
      zh: `答卷 ${summary.respondents} 份；具备科学素质 ${summary.literate} 人（未加权 ${share}）；未答完 ${summary.incomplete} 份（未答题按 0 分计）${summary.meanTotal !== null ? `；平均得分 ${summary.meanTotal.toFixed(1)}` : ''}。`,
      en: `${summary.respondents} respondents; ${summary.literate} with scientific literacy (unweighted ${share}); ${summary.incomplete} incomplete (unanswered items score 0)${summary.meanTotal !== null ? `; mean score ${summary.meanTotal.toFixed(1)}` : ''}.`,
    }),
    '',
  );
  if (summary.levels && scheme.kind === 'national-100') {
    const th = scheme.thresholds;
    const fill = (s: string) =>
      s.replace('{high}', fmt(th.high)).replace('{literate}', fmt(th.literate)).replace('{basic}', fmt(th.basic));
    lines.push(
      renderTable(
        LEVELS.map((level) => ({ level, count: summary.levels![level]! })),
        [
          { header: t(lang, { zh: '水平', en: 'Level' }), value: (r) => fill(t(lang, LEVEL_NAMES[r.level])) },
          { header: t(lang, { zh: '人数', en: 'Respondents' }), value: (r) => String(r.count), align: 'right' },
          {
            header: t(lang, { zh: '占比（未加权）', en: 'Share (unweighted)' }),
            value: (r) => `${((r.count / Math.max(summary.respondents, 1)) * 100).toFixed(1)}%`,
            align: 'right',
          },
        ],
      ),
      '',
    );
  }
  lines.push(
    renderTable(summary.dimensions, [
      {
        header: t(lang, { zh: '维度', en: 'Dimension' }),
        value: (d) => t(lang, DIMENSION_NAMES[d.dimension] ?? { zh: d.dimension, en: d.dimension }),
      },
      {
        header: t(lang, {
          zh: scheme.kind === 'national-100' ? '满分' : '及格比例',
          en: scheme.kind === 'national-100' ? 'Max' : 'Pass share',
        }),
        value: (d) =>
          scheme.kind === 'national-100' ? fmt(d.max) : `${fmt((scheme.thresholds[d.dimension] ?? 0) * 100)}%`,
        align: 'right',
      },
      {
        header: t(lang, { zh: '平均得分', en: 'Mean score' }),
        value: (d) => (scheme.kind === 'national-100' ? d.mean.toFixed(1) : `${(d.mean * 100).toFixed(1)}%`),
        align: 'right',
      },
      ...(scheme.kind === 'all-dimensions'
        ? [
            {
              header: t(lang, { zh: '达标人数', en: 'Passed' }),
              value: (d: (typeof summary.dimensions)[number]) => String(d.passed ?? 0),
              align: 'right' as const,
            },
          ]
        : []),
    ]),
    '',
    t(lang, {
      zh: '注：以上为样本的未加权描述。总体比例及置信区间请用 kepu survey estimate（按抽样设计加权）。',
      en: 'Note: these describe the sample, unweighted. For the population rate and its interval use kepu survey estimate (design-weighted).',
    }),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `kepu survey score <responses.csv|xlsx> [--questionnaire q.json] [--scheme national|all-dimensions]
 * [--thresholds k=v,…] [--id <col>] [--out scored.csv] [--json]`: scores every respondent, prints an
 * unweighted summary (levels, dimension means, incomplete questionnaires), and writes the input
 * columns plus `score_total`, `score_<dimension>`, `level`, `literate` (1/0) and `missing_items`.
 *
 * @example
 * ```ts
 * await runCli(['survey', 'score', 'responses.csv', '--questionnaire', 'questionnaire.json', '--out', 'scored.csv'], io);
 * ```
 */
export const surveyScoreCommand: CommandSpec = {
  path: ['survey', 'score'],
  summary: {
    zh: '按问卷为公民科学素质调查答卷评分（国家 100 分制或旧规则）',
    en: 'score literacy-survey responses (national 100-point scheme or the older rule)',
  },
  usage:
    'kepu survey score <responses.csv|xlsx> [--questionnaire q.json] [--scheme national|all-dimensions] [--thresholds k=v,…] [--id <col>] [--out scored.csv] [--json] [--lang zh|en]',
  positionals: [
    {
      name: 'responses.csv|xlsx',
      required: true,
      description: {
        zh: '答卷文件：每行一份答卷，每道题一列（列名为题号）',
        en: 'responses: one row per respondent, one column per item (named by its id)',
      },
    },
  ],
  options: {
    questionnaire: {
      type: 'string',
      description: {
        zh: '问卷 JSON（题号、维度、分值、答案）；缺省为答卷旁的 questionnaire.json',
        en: 'questionnaire JSON (items, dimension, points, key); default: questionnaire.json beside the responses',
      },
    },
    scheme: {
      type: 'string',
      choices: ['national', 'all-dimensions'],
      default: 'national',
      description: { zh: '评分方案', en: 'scoring scheme' },
    },
    thresholds: {
      type: 'string',
      description: {
        zh: '阈值，如 literate=70,high=85（国家方案）或 knowledge=0.6,…（旧规则，必填）',
        en: 'thresholds, e.g. literate=70,high=85 (national) or knowledge=0.6,… (older rule, required)',
      },
    },
    id: { type: 'string', default: 'id', description: { zh: '答卷编号列', en: 'respondent id column' } },
    out: {
      type: 'string',
      description: { zh: '写出评分后的 CSV（原有列加得分列）', en: 'write a scored CSV (input columns plus scores)' },
    },
    ...FORCE_OPTION,
  },
  details: {
    zh: '多选题的答案写在一个单元格里，用 ; , | 、 或空格分隔（选项为单个字母时也可连写，如 AC）。空单元格为未作答，按 0 分计并单独统计。',
    en: 'A multiple-choice answer goes in one cell, separated by ; , | 、 or spaces (or run together, AC, when options are single letters). An empty cell is unanswered: it scores 0 and is counted separately.',
  },
  run: (args, context) =>
    withDataErrors(context, async () => {
      const { values, positionals } = args;
      const { io, lang, json } = context;
      const arg = positionals[0]!;
      const path = resolve(io.cwd, arg);
      const file = displayName(arg);
      const scheme = schemeOf(String(values.scheme), parseThresholds(values.thresholds as string | undefined));
      // The output is checked before anything is read or scored; the default questionnaire is an input too.
      const outputs =
        typeof values.out === 'string'
          ? [await outputOf(values.out, args, io, { protect: [join(dirname(path), 'questionnaire.json')] })]
          : [];
      return withOutputs(outputs, async ([output]) => {
        const table = await openTable(path, file);
        const [questionnaire, questionnaireFile] = await loadQuestionnaire(
          values.questionnaire as string | undefined,
          path,
          io.cwd,
        );
        if (scheme.kind === 'national-100') {
          // The questionnaire's dimensions must be the scheme's: say so before scoring every row.
          const unknown = [...new Set(questionnaire.items.map((i) => i.dimension))].filter(
            (d) => !(d in NATIONAL_DIMENSIONS),
          );
          if (unknown.length > 0) {
            throw new SurveyDataError(
              'bad-questionnaire',
              { file: questionnaireFile },
              {
                zh: `国家方案只计 knowledge、method、spirit、application 四个维度，问卷中还有：${unknown.join('、')}。`,
                en: `The national scheme scores knowledge, method, spirit and application; the questionnaire also has: ${unknown.join(', ')}.`,
              },
            );
          }
        }
        const idColumn = String(values.id);
        checkColumns(table, questionnaire, idColumn);
        // Streamed: each row is read, scored, written and let go; only the summary's sums, the
        // ids (for the duplicate check) and, for --json, the scores are kept.
        const notes = new AnswerNoteLog();
        const tally = new SummaryTally();
        const scores: RespondentScore[] = [];
        async function* tallied(): AsyncGenerator<ScoredRow> {
          const read = respondentsOf(table, questionnaire, idColumn, notes);
          for await (const scored of scoreRows(read, questionnaire, questionnaireFile, scheme, { file, idColumn })) {
            tally.add(scored.score);
            if (json) scores.push(scored.score);
            yield scored;
          }
        }
        let written: string | undefined;
        if (typeof values.out === 'string') {
          // Written to a temporary file as it goes; a bad row found late discards it, so no file appears.
          await (output as PreparedOutput).writeChunks(scoredCsv(table.columns, tallied()));
          written = values.out;
        } else {
          // Without --out the rows are only scored and summed.
          for await (const scored of tallied()) void scored;
        }
        // Rewritten or unknown answers are said, never passed over: they change scores.
        io.error(renderAnswerNotes(notes, file, lang));
        const summary = tally.summary(scheme);
        if (json) {
          io.write(
            `${JSON.stringify({ file, questionnaire: questionnaire.id, scheme, summary, ...(written ? { out: written } : {}), scores }, null, 2)}\n`,
          );
        } else {
          io.write(renderSummary(lang, file, questionnaire, scheme, summary));
          if (written) {
            io.write(
              t(lang, {
                zh: `已写出 ${written}（${summary.respondents} 行；新增 score_total、各维度得分、level、literate、missing_items 列）。\n`,
                en: `Wrote ${written} (${summary.respondents} rows; added score_total, dimension scores, level, literate, missing_items).\n`,
              }),
            );
          }
        }
        return EXIT.ok;
      });
    }),
};
