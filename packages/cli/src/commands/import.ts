import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatPath, type KepuIssue, type OrgUnitInput } from '@kepu/core';
import { type FieldSource, formatSpan, type ImportResult, importPlan, type Severity } from '@kepu/importer';
import { type CommandSpec, UsageError } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { type Lang, t } from '../i18n.js';
import { BUILTIN_PLANS, readJson } from '../plans.js';
import { FORCE_OPTION, type PreparedOutput, withOutputs } from '../safe-output.js';
import { outputOf } from './options.js';

const SEVERITY: Record<Severity, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

/** Units to resolve names against: a built-in plan's, or a JSON file holding a plan or a list of units. */
async function loadUnits(ref: string, cwd: string): Promise<readonly OrgUnitInput[]> {
  const builtin = BUILTIN_PLANS.get(ref);
  if (builtin) return builtin.orgUnits;
  const data = await readJson(resolve(cwd, ref));
  const units = Array.isArray(data) ? data : (data as { orgUnits?: unknown } | null)?.orgUnits;
  if (!Array.isArray(units)) {
    throw new UsageError({
      zh: `--units ${ref} 既不是内置计划，也不是含单位列表（或 orgUnits）的 JSON 文件。`,
      en: `--units ${ref} is neither a built-in plan nor a JSON file with a list of units (or orgUnits).`,
    });
  }
  return units as OrgUnitInput[];
}

/** Where an issue's field was read, from the nearest path that has a span. */
function issueSpan(issue: KepuIssue, spans: Readonly<Record<string, FieldSource>>): FieldSource | undefined {
  for (let n = issue.path.length; n > 0; n--) {
    const hit = spans[formatPath(issue.path.slice(0, n))];
    if (hit) return hit;
  }
  return undefined;
}

function countTasks(result: ImportResult) {
  let sections = 0;
  let tasks = 0;
  let inherited = 0;
  let clauses = 0;
  for (const part of result.draft.parts) {
    for (const section of part.sections ?? []) {
      sections++;
      clauses += section.clauses?.length ?? 0;
      for (const task of section.tasks ?? []) {
        tasks++;
        if (task.inherited) inherited++;
      }
    }
  }
  return { parts: result.draft.parts.length, sections, tasks, inherited, clauses };
}

/**
 * What an import found, for a person: the document, the structure, the units created, every
 * diagnostic with its line:column, and whether the result validates.
 */
export function renderImportSummary(file: string, result: ImportResult, lang: Lang): string {
  const out: string[] = [];
  const { meta } = result.draft;
  const n = countTasks(result);
  const created = result.diagnostics.filter((d) => d.code === 'unit-created');
  const quantitative = (result.draft.targets ?? []).filter((x) => x.kind === 'quantitative').length;
  out.push(t(lang, { zh: `导入 ${file}`, en: `Imported ${file}` }));
  out.push(
    `  ${t(lang, { zh: '标题：', en: 'Title: ' })}${meta?.title ?? t(lang, { zh: '（未找到）', en: '(not found)' })}`,
  );
  const number = meta?.documentNumber;
  const facts = [
    meta?.issuer,
    number
      ? `${number.printed}${number.number === null ? t(lang, { zh: '（序号空缺）', en: ' (serial number blank)' }) : ''}`
      : undefined,
    meta?.issueDate,
    meta?.period ? `${meta.period.start}—${meta.period.end}` : undefined,
  ].filter((x): x is string => x !== undefined);
  if (facts.length > 0) out.push(`  ${facts.join(' · ')}`);
  out.push(
    t(lang, {
      zh: `  结构：${n.parts} 个部分，${n.sections} 个节，${n.tasks} 项任务（其中 ${n.inherited} 项继承本节职责），${n.clauses} 条条款`,
      en: `  Structure: ${n.parts} parts, ${n.sections} sections, ${n.tasks} tasks (${n.inherited} inherit their section's lines), ${n.clauses} clauses`,
    }),
  );
  out.push(
    t(lang, {
      zh: `  目标：${quantitative} 项数值目标；受众 ${result.draft.audiences?.length ?? 0} 类；原则 ${result.draft.principles?.length ?? 0} 条`,
      en: `  Targets: ${quantitative} numeric; ${result.draft.audiences?.length ?? 0} audiences; ${result.draft.principles?.length ?? 0} principles`,
    }),
  );
  out.push(
    t(lang, {
      zh: `  单位：共 ${result.draft.orgUnits.length} 个，新建 ${created.length} 个`,
      en: `  Units: ${result.draft.orgUnits.length} in all, ${created.length} created`,
    }) +
      (created.length > 0
        ? `${t(lang, { zh: '：', en: ': ' })}${created.map((d) => `${d.params.name} → ${d.params.id}`).join(t(lang, { zh: '、', en: ', ' }))}`
        : ''),
  );
  const count = (s: Severity) => result.diagnostics.filter((d) => d.severity === s).length;
  out.push(
    t(lang, {
      zh: `  诊断：${count('error')} 个错误，${count('warning')} 个警告，${count('info')} 条提示`,
      en: `  Diagnostics: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes`,
    }),
  );
  for (const d of result.diagnostics) {
    out.push(`    ${formatSpan(d.span).padEnd(8)} ${t(lang, SEVERITY[d.severity])} [${d.code}] ${t(lang, d.message)}`);
  }
  if (result.plan) {
    out.push(
      t(lang, {
        zh: `✓ 校验通过（计划 ${result.plan.id}）`,
        en: `✓ The result validates (plan ${result.plan.id})`,
      }),
    );
  } else {
    out.push(
      t(lang, {
        zh: `✗ 未通过校验：${result.issues.length} 处问题`,
        en: `✗ The result does not validate: ${result.issues.length} problem(s)`,
      }),
    );
    for (const issue of result.issues) {
      const at = issueSpan(issue, result.spans);
      out.push(
        `    ${(at ? formatSpan(at.span) : '-').padEnd(8)} ${formatPath(issue.path)} [${issue.code}] ${lang === 'en' ? issue.message.en : issue.message.zh}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * `kepu import <file.txt> [--json] [--out plan.json] [--units <id|file.json>] [--county-id <id>]`:
 * reads an implementation-plan text into a plan. Prints a summary in Chinese (or English), or
 * with `--json` the plan itself; `--out` writes it. Exits 2 when the result does not validate
 * (the draft is still printed or written, so nothing read is lost).
 *
 * @example
 * ```ts
 * import { createMemoryIO, runCli } from '@kepu/cli';
 * const io = createMemoryIO();
 * await runCli(['import', 'zhengning.txt', '--units', 'zhengning', '--out', 'plan.json'], io);
 * ```
 */
export const importCommand: CommandSpec = {
  path: ['import'],
  summary: {
    zh: '从实施方案文本导入计划：结构、任务与牵头配合单位、数值目标，并标注出处',
    en: 'import a plan from its text: structure, tasks with leads and partners, numeric targets, with sources',
  },
  usage:
    'kepu import <file.txt> [--json] [--out <plan.json>] [--force] [--units <id|units.json>] [--county-id <id>] [--lang zh|en]',
  options: {
    out: { type: 'string', description: { zh: '将计划写入 JSON 文件', en: 'write the plan to a JSON file' } },
    ...FORCE_OPTION,
    units: {
      type: 'string',
      description: {
        zh: '单位名录：内置计划编号，或含单位列表的 JSON 文件',
        en: 'unit directory: a built-in plan id, or a JSON file with units',
      },
    },
    'county-id': {
      type: 'string',
      description: { zh: '县（区）编号，如 zhengning', en: 'county id, such as zhengning' },
    },
  },
  positionals: [
    { name: 'file.txt', required: true, description: { zh: '实施方案文本（UTF-8）', en: 'the plan text (UTF-8)' } },
  ],
  details: {
    zh: '文本中不在单位名录中的单位会被新建并列出；每条诊断都标有行号和列号。结果未通过校验时退出码为 2，但仍输出或写入已读取的内容。',
    en: 'Units the text names that are not in the directory are created and listed; every diagnostic has its line and column. When the result does not validate the exit code is 2, and what was read is still printed or written.',
  },
  async run(args, { io, lang, json }) {
    const { values, positionals } = args;
    const file = positionals[0] as string;
    const path = resolve(io.cwd, file);
    const outputs: PreparedOutput[] = typeof values.out === 'string' ? [await outputOf(values.out, args, io)] : [];
    return withOutputs(outputs, async ([output]) => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        throw new UsageError({ zh: `无法读取文件 ${path}：${code}`, en: `Cannot read ${path}: ${code}` });
      }
      const directory = typeof values.units === 'string' ? await loadUnits(values.units, io.cwd) : undefined;
      const countyId = typeof values['county-id'] === 'string' ? values['county-id'] : undefined;
      const result = importPlan(text.replace(/^\uFEFF/, ''), {
        ...(directory ? { directory } : {}),
        ...(countyId ? { county: { id: countyId } } : {}),
      });
      const document = `${JSON.stringify(result.plan ?? result.draft, null, 2)}\n`;
      if (output) await output.write(document);
      if (json) {
        io.write(document);
        if (!result.plan) io.error(renderImportSummary(file, result, lang));
      } else {
        io.write(renderImportSummary(file, result, lang));
        if (typeof values.out === 'string') {
          io.write(t(lang, { zh: `已写入 ${values.out}\n`, en: `Wrote ${values.out}\n` }));
        }
      }
      return result.plan ? EXIT.ok : EXIT.badInput;
    });
  },
};
