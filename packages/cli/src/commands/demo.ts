import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createEngine, type Engine, type Scorecard, type StoreHead } from '@kepu/core';
import { ZHENGNING_PLAN_ID, zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
import {
  createDemoClock,
  createDemoHistory,
  DEMO_DEFAULT_SEED,
  DEMO_GENERATOR_VERSION,
  type DemoHistorySummary,
  demoEngineOptions,
} from '@kepu/plan-zhengning/demo';
import { displayWidth, renderReport } from '@kepu/reports';
import { createSqliteStore, type SqliteStore } from '@kepu/store-sqlite';
import Database from 'better-sqlite3';
import { type CommandSpec, UsageError } from '../command.js';
import { readCliAssessment } from '../db.js';
import { EXIT } from '../exit-codes.js';
import { renderDemoSummary } from '../format/demo-summary.js';
import { type Lang, t } from '../i18n.js';
import { createProgress } from '../progress.js';
import { FORCE_OPTION, OutputError, type PreparedOutput, prepareOutput, withOutputs } from '../safe-output.js';
import { DEMO_SURVEY_VERSION, surveyLiteracy } from './demo-survey.js';

/** The demo history's generator plus the survey round the CLI files into it. */
const GENERATOR = `${DEMO_GENERATOR_VERSION}+${DEMO_SURVEY_VERSION}`;

/** Where `kepu demo` keeps its database, under the current directory. */
const DEFAULT_DB = join('.kepu', 'zhengning-demo.db');
const DEFAULT_OUT = join('.kepu', 'reports');

/** What a demo database says about itself, in its own small table beside the store's. */
interface DemoMarker {
  readonly generator: string;
  readonly seed: number;
  readonly state: 'building' | 'complete';
  readonly head?: StoreHead;
  readonly summary?: Omit<DemoHistorySummary, 'assessments'> & { readonly assessments: readonly string[] };
}

type Inspection =
  | { readonly kind: 'absent' }
  | { readonly kind: 'foreign'; readonly detail: string }
  | { readonly kind: 'demo'; readonly marker: DemoMarker };

/** Reads the demo marker of a file without changing it. */
function inspect(path: string): Inspection {
  if (!existsSync(path)) return { kind: 'absent' };
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kepu_demo'").get();
    if (!table) return { kind: 'foreign', detail: 'no kepu_demo table' };
    const row = db.prepare("SELECT value FROM kepu_demo WHERE key = 'marker'").get() as { value: string } | undefined;
    if (!row) return { kind: 'foreign', detail: 'no demo marker' };
    return { kind: 'demo', marker: JSON.parse(row.value) as DemoMarker };
  } catch (error) {
    return { kind: 'foreign', detail: (error as Error).message };
  } finally {
    db?.close();
  }
}

function writeMarker(path: string, marker: DemoMarker): void {
  const db = new Database(path);
  try {
    db.exec('CREATE TABLE IF NOT EXISTS kepu_demo (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    db.prepare(
      "INSERT INTO kepu_demo (key, value) VALUES ('marker', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(JSON.stringify(marker));
  } finally {
    db.close();
  }
}

async function removeDatabase(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${path}${suffix}`, { force: true });
}

const sameHead = (a: StoreHead | undefined, b: StoreHead) => a !== undefined && a.seq === b.seq && a.hash === b.hash;

interface Opened {
  readonly store: SqliteStore;
  readonly engine: Engine;
}

async function openDemo(
  path: string,
  synchronous: 'full' | 'normal',
): Promise<Opened & { clock: ReturnType<typeof createDemoClock> }> {
  const store = createSqliteStore({ filename: path, synchronous });
  const clock = createDemoClock();
  try {
    const engine = await createEngine({ ...demoEngineOptions({ clock, store }), watch: false });
    return { store, engine, clock };
  } catch (error) {
    store.dispose();
    throw error;
  }
}

function historyLine(summary: NonNullable<DemoMarker['summary']>, lang: Lang): string {
  const r = summary.reports;
  const years = `${summary.years[0]}${lang === 'en' ? '–' : '—'}${summary.years.at(-1)}`;
  return t(lang, {
    zh: `历史：${years} 年，${summary.commands} 条命令。报告应报 ${r.expected} 份：已报 ${r.filed} 份（迟报 ${r.late}，退回 ${r.returned} 后重报 ${r.resubmitted}，撤回重报 ${r.withdrawn}），已审核通过 ${r.approved}，仍待处理 ${r.open}，缺报 ${r.missing}；督查记录 ${summary.findings} 条，表彰 ${summary.awards} 项，一票否决 ${summary.incidents} 项。`,
    en: `History: ${years}, ${summary.commands} commands. Reports expected ${r.expected}: filed ${r.filed} (late ${r.late}, returned ${r.returned} and resubmitted ${r.resubmitted}, withdrawn and refiled ${r.withdrawn}), approved ${r.approved}, still open ${r.open}, missing ${r.missing}; ${summary.findings} inspection findings, ${summary.awards} awards, ${summary.incidents} veto incident(s).`,
  });
}

/**
 * `kepu demo [--db <file>] [--seed <n>] [--out-dir <dir>] [--period <year>] [--fresh]`: the whole
 * job on an embedded database. Creates an SQLite database (default `.kepu/zhengning-demo.db` in the
 * current directory), loads the Zhengning plan and its default scheme, writes a deterministic
 * 2022–2025 history through the engine's commands (reports — some late, returned, resubmitted or
 * missing —, observations of every measurable target, inspection findings, awards, a veto) and the
 * annual assessments, prints the targets and the department and township rankings, and writes the
 * Excel and HTML reports. Run again, it reuses the database when it still holds exactly the history
 * of that seed, and recreates it otherwise (saying which, and why); it never touches a file that is
 * not a demo database.
 *
 * @example
 * ```ts
 * import { createMemoryIO, runCli } from '@kepu/cli';
 * const io = createMemoryIO({ cwd: '/tmp/kepu-demo' });
 * await runCli(['demo'], io);
 * ```
 */
export const demoCommand: CommandSpec = {
  path: ['demo'],
  summary: {
    zh: '演示全流程：生成正宁县 2022—2025 年的演示数据库、年度考核、终端摘要与 Excel/HTML 报告',
    en: 'the whole job: a Zhengning 2022–2025 demo database, annual assessments, a summary and Excel/HTML reports',
  },
  usage:
    'kepu demo [--db <file.db>] [--seed <n>] [--out-dir <dir>] [--period <year>] [--fresh] [--force] [--json] [--lang zh|en]',
  options: {
    db: {
      type: 'string',
      default: DEFAULT_DB,
      description: { zh: '演示数据库（SQLite 文件）路径', en: 'the demo database (an SQLite file)' },
    },
    seed: {
      type: 'string',
      default: String(DEMO_DEFAULT_SEED),
      description: { zh: '随机种子：相同种子生成相同的历史', en: 'the seed: the same seed gives the same history' },
    },
    'out-dir': {
      type: 'string',
      default: DEFAULT_OUT,
      description: { zh: 'Excel 与 HTML 报告的输出目录', en: 'where the Excel and HTML reports go' },
    },
    period: {
      type: 'string',
      description: {
        zh: '摘要与报告的考核年度（缺省为最后一年）',
        en: 'the year summarised and reported (default: the last year)',
      },
    },
    ...FORCE_OPTION,
    fresh: {
      type: 'boolean',
      description: {
        zh: '即使可以复用，也重新生成演示数据库',
        en: 'regenerate the demo database even when it could be reused',
      },
    },
  },
  details: {
    zh: '再次运行是安全的：数据库仍是同一种子生成的完整历史时直接复用；若种子或生成器版本不同、生成未完成或其后被改动，则删除重建；不是演示数据库的文件不会被改动（退出码 2）。\n终端为 TTY 时在 stderr 显示进度条。',
    en: 'Running it again is safe: the database is reused when it still holds the complete history of the same seed, and recreated when the seed or generator differs, generation did not finish, or it was changed since; a file that is not a demo database is left alone (exit 2).\nOn a terminal a progress bar is drawn on stderr.',
  },
  async run({ values }, { io, lang, json }) {
    const seedText = String(values.seed);
    if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > 0xffffffff) {
      throw new UsageError({
        zh: `--seed 应为 0 到 4294967295 之间的整数，收到“${seedText}”。`,
        en: `--seed must be an integer from 0 to 4294967295; got "${seedText}".`,
      });
    }
    const seed = Number(seedText);
    const years: number[] = [];
    for (let y = zhengningPlan.meta.period.start; y <= zhengningPlan.meta.period.end; y++) years.push(y);
    let period = years.at(-1) as number;
    if (typeof values.period === 'string') {
      period = Number(values.period);
      if (!years.includes(period)) {
        throw new UsageError({
          zh: `--period 应为 ${years.join('、')} 之一，收到“${values.period}”。`,
          en: `--period must be one of ${years.join(', ')}; got "${values.period}".`,
        });
      }
    }
    const path = resolve(io.cwd, String(values.db));
    const outDir = resolve(io.cwd, String(values['out-dir']));
    const started = Date.now();
    // The default folders under .kepu/ are the demo's own: made when missing, their reports
    // replaced on every run. A folder the user names follows the file output policy.
    const ownDb = String(values.db) === DEFAULT_DB;
    const ownOut = String(values['out-dir']) === DEFAULT_OUT;
    if (!ownDb && !existsSync(dirname(path))) {
      throw new OutputError('output-folder-missing', path, {
        zh: `无法创建 ${path}：文件夹 ${dirname(path)} 不存在。请先创建该文件夹，或换一个路径。`,
        en: `Cannot create ${path}: the folder ${dirname(path)} does not exist. Create it first, or choose another path.`,
      });
    }
    const reportFiles = {
      xlsx: join(outDir, `${ZHENGNING_PLAN_ID}-${period}${lang === 'en' ? '-en' : ''}.xlsx`),
      html: join(outDir, `${ZHENGNING_PLAN_ID}-${period}${lang === 'en' ? '-en' : ''}.html`),
    };
    const outputs: PreparedOutput[] = [];
    try {
      for (const file of [reportFiles.xlsx, reportFiles.html]) {
        outputs.push(
          await prepareOutput(file, {
            cwd: io.cwd,
            force: ownOut || values.force === true,
            protect: [path],
            createFolder: ownOut,
          }),
        );
      }
    } catch (error) {
      for (const output of outputs) await output.discard();
      throw error;
    }
    return withOutputs(outputs, async ([xlsxOut, htmlOut]) => {
      const found = inspect(path);
      if (found.kind === 'foreign') {
        throw new UsageError({
          zh: `${path} 已存在，但不是 Kepu 演示数据库，未作任何改动。请用 --db 换一个路径。`,
          en: `${path} exists and is not a Kepu demo database; it was left untouched. Choose another path with --db.`,
        });
      }
      let action: 'created' | 'reused' | 'recreated' = 'created';
      let reason: { zh: string; en: string } | undefined;
      let opened: (Opened & { clock: ReturnType<typeof createDemoClock> }) | undefined;
      let marker: DemoMarker | undefined = found.kind === 'demo' ? found.marker : undefined;
      if (marker) {
        if (values.fresh === true) reason = { zh: '指定了 --fresh', en: '--fresh was given' };
        else if (marker.state !== 'complete')
          reason = { zh: '上次生成未完成', en: 'the last generation did not finish' };
        else if (marker.generator !== GENERATOR) {
          reason = {
            zh: `生成器版本不同（${marker.generator}）`,
            en: `it was made by another generator (${marker.generator})`,
          };
        } else if (marker.seed !== seed)
          reason = { zh: `种子不同（${marker.seed}）`, en: `it was made with seed ${marker.seed}` };
        else {
          opened = await openDemo(path, 'full');
          if (sameHead(marker.head, opened.engine.getHead())) action = 'reused';
          else {
            reason = { zh: '生成之后数据库又被改动过', en: 'it was changed after it was generated' };
            await opened.engine.dispose();
            opened.store.dispose();
            opened = undefined;
          }
        }
        if (action !== 'reused') action = 'recreated';
      }

      try {
        if (action !== 'reused') {
          await removeDatabase(path);
          await mkdir(dirname(path), { recursive: true });
          opened = await openDemo(path, 'normal');
          writeMarker(path, { generator: GENERATOR, seed, state: 'building' });
          const progress = createProgress(io, t(lang, { zh: '生成演示历史', en: 'Writing the demo history' }), {
            enabled: !json,
          });
          const summary = await createDemoHistory(opened.engine, {
            clock: opened.clock,
            seed,
            literacy: surveyLiteracy(seed),
            onProgress: (p) => progress.update(p.done, p.total, t(lang, { zh: `${p.year} 年度`, en: `${p.year}` })),
          });
          progress.done();
          marker = {
            generator: GENERATOR,
            seed,
            state: 'complete',
            head: opened.engine.getHead(),
            summary: { ...summary, assessments: summary.assessments.map((a) => a.id) },
          };
          writeMarker(path, marker);
        }
        const { engine } = opened as Opened;
        const cards: Scorecard[] = [];
        for (const year of years.filter((y) => y <= period)) {
          cards.push((await readCliAssessment(engine, zhengningPlan, zhengningScheme, year)).scorecard);
        }
        const read = await readCliAssessment(engine, zhengningPlan, zhengningScheme, period);
        const generatedIn = (Date.now() - started) / 1000;

        const files = reportFiles;
        const input = { card: read.scorecard, plan: zhengningPlan, scheme: zhengningScheme, lang, source: read.source };
        await (xlsxOut as PreparedOutput).write(await renderReport('xlsx', input));
        await (htmlOut as PreparedOutput).write(await renderReport('html', input));

        const summary = marker?.summary;
        if (json) {
          io.write(
            `${JSON.stringify(
              {
                db: path,
                action,
                ...(reason ? { reason: reason.en } : {}),
                seed,
                generator: GENERATOR,
                history: summary,
                period,
                reports: files,
                scorecard: read.scorecard,
              },
              null,
              2,
            )}\n`,
          );
          return EXIT.ok;
        }
        const title = t(lang, {
          zh: `Kepu 演示 · ${zhengningPlan.meta.title}`,
          en: `Kepu demo · ${zhengningPlan.meta.titleEn ?? zhengningPlan.meta.title}`,
        });
        const actionText =
          action === 'created'
            ? t(lang, { zh: '新建', en: 'created' })
            : action === 'reused'
              ? t(lang, {
                  zh: `复用：仍是种子 ${seed} 生成的完整历史`,
                  en: `reused: it still holds the complete history of seed ${seed}`,
                })
              : t(lang, { zh: `重建：${reason?.zh ?? ''}`, en: `recreated: ${reason?.en ?? ''}` });
        const lines = [
          title,
          '═'.repeat(Math.min(100, displayWidth(title))),
          t(lang, { zh: `数据库：${path}（${actionText}）`, en: `Database: ${path} (${actionText})` }),
          summary ? historyLine(summary, lang) : '',
          t(lang, {
            zh: `年度考核：${years.join('、')}（种子 ${seed}，用时 ${generatedIn.toFixed(1)} 秒）`,
            en: `Annual assessments: ${years.join(', ')} (seed ${seed}, ${generatedIn.toFixed(1)} s)`,
          }),
          '',
          renderDemoSummary(zhengningPlan, cards, lang),
          t(lang, { zh: '报告：', en: 'Reports:' }),
          `  Excel: ${files.xlsx}`,
          `  HTML:  ${files.html}`,
          '',
          t(lang, {
            zh: `下一步：kepu assess --db ${path} --period ${period - 1}    kepu report --db ${path} --period ${period} --format md`,
            en: `Next: kepu assess --db ${path} --period ${period - 1}    kepu report --db ${path} --period ${period} --format md`,
          }),
          '',
        ];
        io.write(lines.join('\n'));
        return EXIT.ok;
      } finally {
        if (opened) {
          await opened.engine.dispose();
          opened.store.dispose();
        }
      }
    });
  },
};
